//! Tests of the sovereign registry. Every test ends with the pallet's `try_state` checks.

use crate::{
	mock::*, ChainRecognised, Error, Event, HoldReason, Link, LinkCount, Members, NetworkState,
	NextStateId, PendingAdmin, RecognisedBy, RecognitionRequests, Recognitions, RoleCounts,
	StateStatus, States,
};
use atlas_primitives::{Role, RoleProvider, RoleSet, StateId};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_runtime::{DispatchError, TokenError};

fn held_state(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::StateDeposit.into(), &who)
}

fn held_member(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::MembershipDeposit.into(), &who)
}

/// Alice registers state 0 with herself as admin.
fn register_alice_state() -> u32 {
	assert_ok!(Registry::register_state(
		RuntimeOrigin::signed(ALICE),
		b"Zuzalu".to_vec(),
		b"ipfs://charter".to_vec(),
		ALICE
	));
	0
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

#[test]
fn register_state_holds_deposit_and_emits() {
	run_test(|| {
		let state = register_alice_state();
		let info = States::<Test>::get(state).unwrap();
		assert_eq!(
			info,
			NetworkState {
				name: b"Zuzalu".to_vec().try_into().unwrap(),
				metadata_uri: b"ipfs://charter".to_vec().try_into().unwrap(),
				admin: ALICE,
				depositor: ALICE,
				deposit: STATE_DEPOSIT,
				status: StateStatus::Active,
				registered_at: 1,
				roles: RoleCounts::default(),
			}
		);
		assert_eq!(held_state(ALICE), STATE_DEPOSIT);
		assert_eq!(
			last_event(),
			Event::StateRegistered {
				state,
				admin: ALICE,
				depositor: ALICE,
				deposit: STATE_DEPOSIT
			}
			.into()
		);
		// A second state gets the next id; the admin may be another account than the payer.
		assert_ok!(Registry::register_state(
			RuntimeOrigin::signed(BOB),
			b"Praxis".to_vec(),
			vec![],
			CHARLIE
		));
		let second = States::<Test>::get(1).unwrap();
		assert_eq!((second.admin, second.depositor), (CHARLIE, BOB));
		assert_eq!(held_state(BOB), STATE_DEPOSIT);
		assert_eq!(held_state(CHARLIE), 0);
	});
}

#[test]
fn register_state_refuses_bad_input() {
	run_test(|| {
		assert_noop!(
			Registry::register_state(RuntimeOrigin::signed(ALICE), vec![], vec![], ALICE),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			Registry::register_state(RuntimeOrigin::signed(ALICE), vec![b'n'; 17], vec![], ALICE),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			Registry::register_state(
				RuntimeOrigin::signed(ALICE),
				b"ok".to_vec(),
				vec![b'u'; 33],
				ALICE
			),
			Error::<Test>::UriTooLong
		);
		assert_noop!(
			Registry::register_state(RuntimeOrigin::signed(POOR), b"ok".to_vec(), vec![], POOR),
			Error::<Test>::CannotAffordDeposit
		);
		assert_noop!(
			Registry::register_state(RuntimeOrigin::none(), b"ok".to_vec(), vec![], ALICE),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn state_ids_exhausted_is_an_error() {
	run_test(|| {
		crate::NextStateId::<Test>::put(u32::MAX);
		assert_noop!(
			Registry::register_state(RuntimeOrigin::signed(ALICE), b"x".to_vec(), vec![], ALICE),
			Error::<Test>::StateIdsExhausted
		);
	});
}

#[test]
fn update_state_by_admin_only() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(Registry::update_state(
			RuntimeOrigin::signed(ALICE),
			state,
			Some(b"Zuzalu II".to_vec()),
			None
		));
		let info = States::<Test>::get(state).unwrap();
		assert_eq!(info.name.to_vec(), b"Zuzalu II".to_vec());
		assert_eq!(info.metadata_uri.to_vec(), b"ipfs://charter".to_vec());
		assert_eq!(last_event(), Event::StateUpdated { state }.into());
		assert_ok!(Registry::update_state(
			RuntimeOrigin::signed(ALICE),
			state,
			None,
			Some(b"https://z".to_vec())
		));
		assert_eq!(
			States::<Test>::get(state).unwrap().metadata_uri.to_vec(),
			b"https://z".to_vec()
		);

		assert_noop!(
			Registry::update_state(RuntimeOrigin::signed(BOB), state, Some(b"x".to_vec()), None),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::update_state(RuntimeOrigin::signed(ALICE), 7, Some(b"x".to_vec()), None),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Registry::update_state(RuntimeOrigin::signed(ALICE), state, None, None),
			Error::<Test>::NothingToUpdate
		);
		assert_noop!(
			Registry::update_state(RuntimeOrigin::signed(ALICE), state, Some(vec![]), None),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			Registry::update_state(RuntimeOrigin::signed(ALICE), state, Some(vec![1; 17]), None),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			Registry::update_state(RuntimeOrigin::signed(ALICE), state, None, Some(vec![1; 33])),
			Error::<Test>::UriTooLong
		);
	});
}

#[test]
fn admin_handover_moves_the_deposit() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(Registry::transfer_admin(RuntimeOrigin::signed(ALICE), state, BOB));
		assert_eq!(PendingAdmin::<Test>::get(state), Some(BOB));
		assert_eq!(
			last_event(),
			Event::AdminTransferProposed { state, admin: ALICE, proposed: BOB }.into()
		);
		// Nothing changed yet.
		assert!(Registry::is_admin(state, &ALICE));
		assert_noop!(
			Registry::accept_admin(RuntimeOrigin::signed(CHARLIE), state),
			Error::<Test>::NotPendingAdmin
		);
		assert_ok!(Registry::accept_admin(RuntimeOrigin::signed(BOB), state));
		let info = States::<Test>::get(state).unwrap();
		assert_eq!((info.admin, info.depositor), (BOB, BOB));
		assert_eq!((held_state(ALICE), held_state(BOB)), (0, STATE_DEPOSIT));
		assert_eq!(PendingAdmin::<Test>::get(state), None);
		assert_eq!(last_event(), Event::AdminTransferred { state, from: ALICE, to: BOB }.into());
		assert!(!Registry::is_admin(state, &ALICE));
		assert!(Registry::is_admin(state, &BOB));
	});
}

#[test]
fn admin_handover_errors() {
	run_test(|| {
		let state = register_alice_state();
		assert_noop!(
			Registry::transfer_admin(RuntimeOrigin::signed(BOB), state, BOB),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::transfer_admin(RuntimeOrigin::signed(ALICE), 9, BOB),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Registry::transfer_admin(RuntimeOrigin::signed(ALICE), state, ALICE),
			Error::<Test>::AlreadyAdmin
		);
		assert_noop!(
			Registry::accept_admin(RuntimeOrigin::signed(BOB), state),
			Error::<Test>::NoPendingAdmin
		);
		assert_noop!(
			Registry::accept_admin(RuntimeOrigin::signed(BOB), 9),
			Error::<Test>::StateNotFound
		);
		// A proposed admin who cannot afford the deposit cannot accept.
		assert_ok!(Registry::transfer_admin(RuntimeOrigin::signed(ALICE), state, POOR));
		assert_noop!(
			Registry::accept_admin(RuntimeOrigin::signed(POOR), state),
			Error::<Test>::CannotAffordDeposit
		);
	});
}

#[test]
fn grant_and_revoke_roles() {
	run_test(|| {
		let state = register_alice_state();
		// Admin appoints Bob steward: Alice pays the membership deposit.
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Steward));
		assert_eq!(held_member(ALICE), MEMBERSHIP_DEPOSIT);
		assert_eq!(
			last_event(),
			Event::RoleGranted { state, who: BOB, role: Role::Steward, by: ALICE }.into()
		);
		// The steward verifies Charlie as a citizen and operator: Bob pays one deposit.
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(BOB), state, CHARLIE, Role::Citizen));
		assert_ok!(Registry::grant_role(
			RuntimeOrigin::signed(BOB),
			state,
			CHARLIE,
			Role::Operator
		));
		assert_eq!(held_member(BOB), MEMBERSHIP_DEPOSIT);
		assert!(Registry::has_role(state, &CHARLIE, Role::Citizen));
		assert!(Registry::has_role(state, &CHARLIE, Role::Operator));
		assert!(!Registry::has_role(state, &CHARLIE, Role::Verifier));
		// The admin holds every role implicitly.
		assert!(Role::ALL.iter().all(|r| Registry::has_role(state, &ALICE, *r)));
		let counts = States::<Test>::get(state).unwrap().roles;
		assert_eq!(
			counts,
			RoleCounts { members: 2, citizens: 1, operators: 1, stewards: 1, ..Default::default() }
		);

		// Revoking one role keeps the record; revoking the last returns the deposit to Bob.
		assert_ok!(Registry::revoke_role(
			RuntimeOrigin::signed(ALICE),
			state,
			CHARLIE,
			Role::Operator
		));
		assert_eq!(held_member(BOB), MEMBERSHIP_DEPOSIT);
		assert_eq!(
			last_event(),
			Event::RoleRevoked { state, who: CHARLIE, role: Role::Operator, by: ALICE }.into()
		);
		assert_ok!(Registry::revoke_role(
			RuntimeOrigin::signed(BOB),
			state,
			CHARLIE,
			Role::Citizen
		));
		assert_eq!(held_member(BOB), 0);
		assert!(Members::<Test>::get(state, CHARLIE).is_none());
		assert_eq!(States::<Test>::get(state).unwrap().roles.members, 1);
	});
}

#[test]
fn role_permissions() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Steward));
		// A steward cannot appoint stewards or validators.
		assert_noop!(
			Registry::grant_role(RuntimeOrigin::signed(BOB), state, CHARLIE, Role::Steward),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::grant_role(RuntimeOrigin::signed(BOB), state, CHARLIE, Role::Validator),
			Error::<Test>::NotAdmin
		);
		// A stranger cannot grant anything.
		assert_noop!(
			Registry::grant_role(RuntimeOrigin::signed(DAVE), state, CHARLIE, Role::Citizen),
			Error::<Test>::NotAdminOrSteward
		);
		// A citizen is not a steward.
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(BOB), state, CHARLIE, Role::Citizen));
		assert_noop!(
			Registry::grant_role(RuntimeOrigin::signed(CHARLIE), state, DAVE, Role::Citizen),
			Error::<Test>::NotAdminOrSteward
		);
		assert_noop!(
			Registry::revoke_role(RuntimeOrigin::signed(DAVE), state, CHARLIE, Role::Citizen),
			Error::<Test>::NotAdminOrSteward
		);
		assert_noop!(
			Registry::grant_role(RuntimeOrigin::signed(ALICE), 5, CHARLIE, Role::Citizen),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Registry::revoke_role(RuntimeOrigin::signed(ALICE), 5, CHARLIE, Role::Citizen),
			Error::<Test>::StateNotFound
		);
	});
}

#[test]
fn role_errors() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Citizen));
		assert_noop!(
			Registry::grant_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Citizen),
			Error::<Test>::RoleAlreadyHeld
		);
		assert_noop!(
			Registry::revoke_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Verifier),
			Error::<Test>::RoleNotHeld
		);
		assert_noop!(
			Registry::revoke_role(RuntimeOrigin::signed(ALICE), state, CHARLIE, Role::Citizen),
			Error::<Test>::RoleNotHeld
		);
		// A granter who cannot afford the membership deposit.
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, POOR, Role::Steward));
		<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(&POOR, 5);
		assert_noop!(
			Registry::grant_role(RuntimeOrigin::signed(POOR), state, DAVE, Role::Citizen),
			Error::<Test>::CannotAffordDeposit
		);
	});
}

#[test]
fn role_counts_are_bounded() {
	run_test(|| {
		let state = register_alice_state();
		// MaxStewards = 2, MaxValidators = 2, MaxMembers = 5.
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, 100, Role::Steward));
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, 101, Role::Steward));
		assert_noop!(
			Registry::grant_role(RuntimeOrigin::signed(ALICE), state, 102, Role::Steward),
			Error::<Test>::TooManyStewards
		);
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, 100, Role::Validator));
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, 101, Role::Validator));
		assert_noop!(
			Registry::grant_role(RuntimeOrigin::signed(ALICE), state, 102, Role::Validator),
			Error::<Test>::TooManyValidators
		);
		for who in 102..105 {
			assert_ok!(Registry::grant_role(
				RuntimeOrigin::signed(ALICE),
				state,
				who,
				Role::Citizen
			));
		}
		assert_noop!(
			Registry::grant_role(RuntimeOrigin::signed(ALICE), state, 105, Role::Citizen),
			Error::<Test>::TooManyMembers
		);
		// An existing member can still gain roles when the state is full.
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, 104, Role::Verifier));
	});
}

#[test]
fn renounce_role_returns_deposit_to_payer() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Verifier));
		assert_ok!(Registry::renounce_role(RuntimeOrigin::signed(BOB), state, Role::Verifier));
		assert_eq!(held_member(ALICE), 0);
		assert_eq!(
			last_event(),
			Event::RoleRevoked { state, who: BOB, role: Role::Verifier, by: BOB }.into()
		);
		assert_noop!(
			Registry::renounce_role(RuntimeOrigin::signed(BOB), state, Role::Verifier),
			Error::<Test>::RoleNotHeld
		);
		assert_noop!(
			Registry::renounce_role(RuntimeOrigin::signed(BOB), 3, Role::Verifier),
			Error::<Test>::StateNotFound
		);
	});
}

#[test]
fn suspend_and_restore_by_governance() {
	run_test(|| {
		let state = register_alice_state();
		assert!(Registry::is_state_active(state));
		assert_noop!(
			Registry::suspend_state(RuntimeOrigin::signed(ALICE), state),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::suspend_state(RuntimeOrigin::root(), 4),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Registry::restore_state(RuntimeOrigin::root(), state),
			Error::<Test>::StateNotSuspended
		);
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), state));
		assert_eq!(last_event(), Event::StateSuspended { state }.into());
		assert!(Registry::state_exists(state));
		assert!(!Registry::is_state_active(state));
		assert_noop!(
			Registry::suspend_state(RuntimeOrigin::root(), state),
			Error::<Test>::StateSuspended
		);
		// A suspended state cannot deregister to escape governance.
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(ALICE), state),
			Error::<Test>::StateSuspended
		);
		assert_noop!(
			Registry::restore_state(RuntimeOrigin::signed(ALICE), state),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::restore_state(RuntimeOrigin::root(), 4),
			Error::<Test>::StateNotFound
		);
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), state));
		assert_eq!(last_event(), Event::StateRestored { state }.into());
		assert!(Registry::is_state_active(state));
	});
}

#[test]
fn deregister_returns_deposit_once_empty() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Citizen));
		MockDevices::set(state, 2);
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(BOB), state),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(ALICE), 8),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(ALICE), state),
			Error::<Test>::StateHasDevices
		);
		MockDevices::set(state, 0);
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(ALICE), state),
			Error::<Test>::StateHasMembers
		);
		assert_ok!(Registry::revoke_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Citizen));
		let free_before = Balances::balance(&ALICE);
		assert_ok!(Registry::deregister_state(RuntimeOrigin::signed(ALICE), state));
		assert_eq!(Balances::balance(&ALICE), free_before + STATE_DEPOSIT);
		assert_eq!(held_state(ALICE), 0);
		assert!(States::<Test>::get(state).is_none());
		assert!(!Registry::state_exists(state));
		assert_eq!(
			last_event(),
			Event::StateDeregistered { state, depositor: ALICE, deposit: STATE_DEPOSIT }.into()
		);
		// Ids are never reused.
		assert_ok!(Registry::register_state(
			RuntimeOrigin::signed(ALICE),
			b"n".to_vec(),
			vec![],
			ALICE
		));
		assert!(States::<Test>::contains_key(1));
	});
}

#[test]
fn role_provider_on_unknown_state() {
	run_test(|| {
		assert!(!Registry::state_exists(0));
		assert!(!Registry::is_state_active(0));
		assert!(!Registry::is_admin(0, &ALICE));
		assert!(!Registry::has_role(0, &ALICE, Role::Citizen));
		assert_eq!(Registry::roles(0, &ALICE), RoleSet::empty());
	});
}

#[test]
fn members_are_paginated() {
	run_test(|| {
		let state = register_alice_state();
		for who in 100..105 {
			assert_ok!(Registry::grant_role(
				RuntimeOrigin::signed(ALICE),
				state,
				who,
				Role::Citizen
			));
		}
		let first = Registry::members_page(state, None, 2);
		assert_eq!(first.items.len(), 2);
		let second = Registry::members_page(state, first.next, 2);
		assert_eq!(second.items.len(), 2);
		let third = Registry::members_page(state, second.next, 2);
		assert_eq!(third.items.len(), 1);
		assert_eq!(third.next, None);
		let mut seen: Vec<_> = [first.items, second.items, third.items]
			.concat()
			.into_iter()
			.map(|(who, roles)| {
				assert!(roles.contains(Role::Citizen));
				who
			})
			.collect();
		seen.sort();
		assert_eq!(seen, (100..105).collect::<Vec<_>>());
		// Page size is capped at 100 even if more is asked for.
		assert_eq!(Registry::members_page(state, None, 1_000).items.len(), 5);
		assert_eq!(Registry::members_page(7, None, 10).items.len(), 0);
	});
}

#[test]
fn try_state_detects_broken_counts_and_deposits() {
	new_test_ext().execute_with(|| {
		let state = register_alice_state();
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Citizen));
		assert_ok!(Registry::do_try_state());
		States::<Test>::mutate(state, |s| s.as_mut().unwrap().roles.citizens = 2);
		assert!(Registry::do_try_state().is_err());
		States::<Test>::mutate(state, |s| s.as_mut().unwrap().roles.citizens = 1);
		assert_ok!(Registry::do_try_state());
		States::<Test>::mutate(state, |s| s.as_mut().unwrap().deposit = 1);
		assert!(Registry::do_try_state().is_err());
	});
}

#[test]
fn token_errors_are_not_leaked() {
	// Holding with too little balance maps to our named error, not a raw token error.
	run_test(|| {
		let err =
			Registry::register_state(RuntimeOrigin::signed(POOR), b"x".to_vec(), vec![], POOR)
				.unwrap_err();
		assert_ne!(err, DispatchError::Token(TokenError::FundsUnavailable));
		assert_eq!(err, Error::<Test>::CannotAffordDeposit.into());
	});
}

// ---------------------------------------------------------------------------------------------
// Recognition between network states.
// ---------------------------------------------------------------------------------------------

/// An account with no balance at all.
const PENNILESS: AccountId = 50;

fn held_recognition(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::RecognitionDeposit.into(), &who)
}

fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

/// Registers a state administered by `admin`, paid by `payer`; returns its id.
fn register_state_of(payer: AccountId, admin: AccountId) -> StateId {
	let id = NextStateId::<Test>::get();
	assert_ok!(Registry::register_state(
		RuntimeOrigin::signed(payer),
		b"State".to_vec(),
		vec![],
		admin
	));
	id
}

/// States A (admin Alice), B (admin Bob) and C (admin Charlie).
fn three_states() -> (StateId, StateId, StateId) {
	let a = register_state_of(ALICE, ALICE);
	let b = register_state_of(BOB, BOB);
	let c = register_state_of(CHARLIE, CHARLIE);
	assert_eq!((a, b, c), (0, 1, 2));
	(a, b, c)
}

fn link(depositor: AccountId, since: u64) -> Link<AccountId, Balance, u64> {
	Link { depositor, deposit: RECOGNITION_DEPOSIT, since }
}

fn link_count(state: StateId) -> Option<u32> {
	LinkCount::<Test>::try_get(state).ok()
}

/// All items of a paged read, walking the cursor with pages of `size`; checks no page is empty
/// but the last and that no item is seen twice.
fn collect_pages(
	read: impl Fn(Option<StateId>, u32) -> atlas_primitives::Page<StateId, StateId>,
	size: u32,
) -> Vec<StateId> {
	let mut all = Vec::new();
	let mut cursor = None;
	loop {
		let page = read(cursor, size);
		assert!(page.items.len() <= size as usize);
		for item in &page.items {
			assert!(!all.contains(item), "{item} returned twice");
		}
		all.extend(page.items.iter().copied());
		match page.next {
			Some(next) => {
				assert_eq!(page.items.len(), size as usize);
				assert_eq!(page.items.last(), Some(&next));
				cursor = Some(next);
			},
			None => break,
		}
	}
	all
}

#[test]
fn recognition_request_and_accept_full_flow() {
	run_test(|| {
		let (a, b, _) = three_states();
		let alice_free = free(ALICE);

		// A asks B to recognise it: Alice pays the deposit.
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(Event::RecognitionRequested { state: a, by: b }.into());
		assert_eq!(held_recognition(ALICE), RECOGNITION_DEPOSIT);
		assert_eq!(free(ALICE), alice_free - RECOGNITION_DEPOSIT);
		assert_eq!(held_recognition(BOB), 0);
		assert_eq!(RecognitionRequests::<Test>::get(b, a), Some(link(ALICE, 1)));
		assert_eq!(RecognitionRequests::<Test>::get(a, b), None);
		assert_eq!((link_count(a), link_count(b)), (Some(1), Some(1)));
		let requests = Registry::recognition_requests(b, None, 100);
		assert_eq!((requests.items, requests.next), (vec![a], None));
		assert!(Registry::recognition_requests(a, None, 100).items.is_empty());
		// Not recognised yet.
		assert!(!Registry::is_recognised(b, a));
		assert!(Recognitions::<Test>::get(b, a).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(a, b));

		// B accepts, later: the request becomes a recognition backed by the same deposit.
		System::set_block_number(5);
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		System::assert_last_event(Event::Recognised { state: a, by: b }.into());
		assert_eq!(Recognitions::<Test>::get(b, a), Some(link(ALICE, 5)));
		assert_eq!(RecognisedBy::<Test>::get(a, b), Some(()));
		assert!(Recognitions::<Test>::get(a, b).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(b, a));
		assert!(RecognitionRequests::<Test>::get(b, a).is_none());
		assert!(Registry::recognition_requests(b, None, 100).items.is_empty());
		assert_eq!(held_recognition(ALICE), RECOGNITION_DEPOSIT);
		assert_eq!(free(ALICE), alice_free - RECOGNITION_DEPOSIT);
		assert_eq!(held_recognition(BOB), 0);
		// One link each still.
		assert_eq!((link_count(a), link_count(b)), (Some(1), Some(1)));
		assert!(Registry::is_recognised(b, a));
		assert!(!Registry::is_recognised(a, b));
		assert_eq!(Registry::recognitions_of(b, None, 100).items, vec![a]);
		assert_eq!(Registry::recognitions_of(a, None, 100).items, Vec::<StateId>::new());
		assert_eq!(Registry::recognised_by(a, None, 100).items, vec![b]);
		assert_eq!(Registry::recognised_by(b, None, 100).items, Vec::<StateId>::new());
		Registry::do_try_state().unwrap();

		// Mutual: B asks A, A accepts. Bob pays for this one.
		let bob_free = free(BOB);
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(BOB), b, a));
		System::assert_last_event(Event::RecognitionRequested { state: b, by: a }.into());
		assert_eq!(RecognitionRequests::<Test>::get(a, b), Some(link(BOB, 5)));
		assert_eq!(held_recognition(BOB), RECOGNITION_DEPOSIT);
		assert_eq!(free(BOB), bob_free - RECOGNITION_DEPOSIT);
		assert_eq!((link_count(a), link_count(b)), (Some(2), Some(2)));
		assert_eq!(Registry::recognition_requests(a, None, 100).items, vec![b]);
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(Event::Recognised { state: b, by: a }.into());
		assert_eq!(Recognitions::<Test>::get(a, b), Some(link(BOB, 5)));
		assert_eq!(Recognitions::<Test>::get(b, a), Some(link(ALICE, 5)));
		assert_eq!(RecognisedBy::<Test>::get(b, a), Some(()));
		assert_eq!(RecognisedBy::<Test>::get(a, b), Some(()));
		assert!(RecognitionRequests::<Test>::iter().next().is_none());
		assert!(Registry::is_recognised(a, b));
		assert!(Registry::is_recognised(b, a));
		assert_eq!(Registry::recognitions_of(a, None, 100).items, vec![b]);
		assert_eq!(Registry::recognised_by(b, None, 100).items, vec![a]);
		assert_eq!((held_recognition(ALICE), held_recognition(BOB)), (30, 30));
		assert_eq!((link_count(a), link_count(b)), (Some(2), Some(2)));
	});
}

#[test]
fn request_recognition_errors() {
	run_test(|| {
		let (a, b, c) = three_states();
		// Only the asking state's admin may ask.
		assert_noop!(
			Registry::request_recognition(RuntimeOrigin::signed(BOB), a, b),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::request_recognition(RuntimeOrigin::none(), a, b),
			DispatchError::BadOrigin
		);
		// Unknown asking or asked state.
		assert_noop!(
			Registry::request_recognition(RuntimeOrigin::signed(ALICE), 42, b),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, 42),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, a),
			Error::<Test>::CannotRecogniseSelf
		);
		// The asking state suspended.
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), a));
		assert_noop!(
			Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::StateSuspended
		);
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), a));
		// The asked state suspended.
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), b));
		assert_noop!(
			Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::StateSuspended
		);
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), b));

		// Asking twice.
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_noop!(
			Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::AlreadyRequested
		);
		// Asking again once recognised.
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_noop!(
			Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::AlreadyRecognised
		);
		// The other direction and other states are still free.
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, c));
		assert_eq!(held_recognition(ALICE), 2 * RECOGNITION_DEPOSIT);

		// An admin without funds cannot pay the deposit.
		let poor = register_state_of(DAVE, PENNILESS);
		assert_noop!(
			Registry::request_recognition(RuntimeOrigin::signed(PENNILESS), poor, a),
			Error::<Test>::CannotAffordDeposit
		);
		// Nor one whose balance would fall below the existential deposit.
		let poor2 = register_state_of(DAVE, POOR);
		<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(
			&POOR,
			RECOGNITION_DEPOSIT,
		);
		assert_noop!(
			Registry::request_recognition(RuntimeOrigin::signed(POOR), poor2, a),
			Error::<Test>::CannotAffordDeposit
		);
		<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(
			&POOR,
			RECOGNITION_DEPOSIT + 1,
		);
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(POOR), poor2, a));
		assert_eq!(held_recognition(POOR), RECOGNITION_DEPOSIT);
		assert_eq!(link_count(a), Some(3));
		assert_eq!(link_count(poor), None);
	});
}

#[test]
fn accept_recognition_errors() {
	run_test(|| {
		let (a, b, c) = three_states();
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		// Only the asked state's admin accepts; not the asker.
		assert_noop!(
			Registry::accept_recognition(RuntimeOrigin::signed(ALICE), b, a),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::accept_recognition(RuntimeOrigin::signed(CHARLIE), b, a),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::accept_recognition(RuntimeOrigin::signed(BOB), 42, a),
			Error::<Test>::StateNotFound
		);
		// No request from C, nor from A to C, nor the other way round.
		assert_noop!(
			Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, c),
			Error::<Test>::RequestNotFound
		);
		assert_noop!(
			Registry::accept_recognition(RuntimeOrigin::signed(CHARLIE), c, a),
			Error::<Test>::RequestNotFound
		);
		assert_noop!(
			Registry::accept_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::RequestNotFound
		);
		// The asked state suspended after the request cannot accept.
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), b));
		assert_noop!(
			Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::StateSuspended
		);
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), b));
		// Nor can a suspended state be recognised.
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), a));
		assert_noop!(
			Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::StateSuspended
		);
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), a));
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		// Accepting twice: the request is gone.
		assert_noop!(
			Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::RequestNotFound
		);
	});
}

#[test]
fn decline_recognition_releases_deposit() {
	run_test(|| {
		let (a, b, c) = three_states();
		let alice_free = free(ALICE);
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_noop!(
			Registry::decline_recognition(RuntimeOrigin::signed(ALICE), b, a),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::decline_recognition(RuntimeOrigin::signed(CHARLIE), b, a),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::decline_recognition(RuntimeOrigin::signed(BOB), 42, a),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Registry::decline_recognition(RuntimeOrigin::signed(BOB), b, c),
			Error::<Test>::RequestNotFound
		);
		assert_noop!(
			Registry::decline_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::RequestNotFound
		);

		assert_ok!(Registry::decline_recognition(RuntimeOrigin::signed(BOB), b, a));
		System::assert_last_event(Event::RecognitionDeclined { state: a, by: b }.into());
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!(free(ALICE), alice_free);
		assert!(RecognitionRequests::<Test>::get(b, a).is_none());
		assert!(Recognitions::<Test>::get(b, a).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(a, b));
		assert_eq!((link_count(a), link_count(b)), (None, None));
		assert!(!Registry::is_recognised(b, a));
		assert_noop!(
			Registry::decline_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::RequestNotFound
		);
		// A may ask again after a refusal.
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_eq!(held_recognition(ALICE), RECOGNITION_DEPOSIT);
	});
}

#[test]
fn withdraw_by_the_recognising_side() {
	run_test(|| {
		let (a, b, _) = three_states();
		let alice_free = free(ALICE);
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		// B stops recognising A: Alice, who paid, gets her deposit back.
		assert_ok!(Registry::withdraw_recognition(RuntimeOrigin::signed(BOB), b, a));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: a, by: b, withdrawn_by: b }.into(),
		);
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!(free(ALICE), alice_free);
		assert!(Recognitions::<Test>::get(b, a).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(a, b));
		assert_eq!((link_count(a), link_count(b)), (None, None));
		assert!(!Registry::is_recognised(b, a));
		assert!(Registry::recognitions_of(b, None, 10).items.is_empty());
		assert!(Registry::recognised_by(a, None, 10).items.is_empty());
		assert_noop!(
			Registry::withdraw_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::NotRecognised
		);
	});
}

#[test]
fn withdraw_by_the_recognised_side() {
	run_test(|| {
		let (a, b, _) = three_states();
		let alice_free = free(ALICE);
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_noop!(
			Registry::withdraw_recognition(RuntimeOrigin::signed(BOB), a, b),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::withdraw_recognition(RuntimeOrigin::signed(ALICE), 42, b),
			Error::<Test>::StateNotFound
		);
		// A gives up B's recognition.
		assert_ok!(Registry::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: a, by: b, withdrawn_by: a }.into(),
		);
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!(free(ALICE), alice_free);
		assert!(Recognitions::<Test>::get(b, a).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(a, b));
		assert_eq!((link_count(a), link_count(b)), (None, None));
		assert!(!Registry::is_recognised(b, a));
	});
}

#[test]
fn withdraw_cancels_own_pending_request() {
	run_test(|| {
		let (a, b, c) = three_states();
		let alice_free = free(ALICE);
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		// The asked side cannot withdraw a request; it declines instead.
		assert_noop!(
			Registry::withdraw_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::NotRecognised
		);
		// Nothing links A and C.
		assert_noop!(
			Registry::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, c),
			Error::<Test>::NotRecognised
		);
		assert_noop!(
			Registry::withdraw_recognition(RuntimeOrigin::signed(CHARLIE), a, b),
			Error::<Test>::NotAdmin
		);
		assert_ok!(Registry::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: a, by: b, withdrawn_by: a }.into(),
		);
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!(free(ALICE), alice_free);
		assert!(RecognitionRequests::<Test>::get(b, a).is_none());
		assert!(Recognitions::<Test>::get(b, a).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(a, b));
		assert_eq!((link_count(a), link_count(b)), (None, None));
		assert!(Registry::recognition_requests(b, None, 10).items.is_empty());
		assert_noop!(
			Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::RequestNotFound
		);
	});
}

#[test]
fn withdraw_mutual_recognition_returns_each_deposit_to_its_payer() {
	run_test(|| {
		let (a, b, _) = three_states();
		let (alice_free, bob_free) = (free(ALICE), free(BOB));
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_eq!((link_count(a), link_count(b)), (Some(2), Some(2)));

		// A withdraws its own recognition of B first: Bob paid for that one.
		assert_ok!(Registry::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: b, by: a, withdrawn_by: a }.into(),
		);
		assert_eq!((held_recognition(ALICE), held_recognition(BOB)), (RECOGNITION_DEPOSIT, 0));
		assert_eq!(free(BOB), bob_free);
		assert!(Recognitions::<Test>::get(a, b).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(b, a));
		assert!(Recognitions::<Test>::get(b, a).is_some());
		assert!(RecognisedBy::<Test>::contains_key(a, b));
		assert_eq!((link_count(a), link_count(b)), (Some(1), Some(1)));
		assert!(!Registry::is_recognised(a, b));
		assert!(Registry::is_recognised(b, a));

		// Again: now B's recognition of A, paid by Alice.
		assert_ok!(Registry::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: a, by: b, withdrawn_by: a }.into(),
		);
		assert_eq!((held_recognition(ALICE), held_recognition(BOB)), (0, 0));
		assert_eq!((free(ALICE), free(BOB)), (alice_free, bob_free));
		assert!(Recognitions::<Test>::iter().next().is_none());
		assert!(RecognisedBy::<Test>::iter().next().is_none());
		assert_eq!((link_count(a), link_count(b)), (None, None));
		assert_noop!(
			Registry::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::NotRecognised
		);
	});
}

#[test]
fn withdraw_after_admin_handover_pays_the_original_depositor() {
	run_test(|| {
		let (a, b, _) = three_states();
		let alice_free = free(ALICE);
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(Registry::transfer_admin(RuntimeOrigin::signed(ALICE), a, DAVE));
		assert_ok!(Registry::accept_admin(RuntimeOrigin::signed(DAVE), a));
		// The old admin can no longer withdraw; the new one can, and Alice is repaid.
		assert_noop!(
			Registry::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::NotAdmin
		);
		assert_ok!(Registry::withdraw_recognition(RuntimeOrigin::signed(DAVE), a, b));
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!(held_recognition(DAVE), 0);
		// Alice paid the state deposit and got it back through the handover.
		assert_eq!(free(ALICE), alice_free + STATE_DEPOSIT);
	});
}

#[test]
fn deregister_refused_while_linked() {
	run_test(|| {
		let (a, b, c) = three_states();
		// A pending request blocks both sides.
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(ALICE), a),
			Error::<Test>::StateHasRecognitions
		);
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(BOB), b),
			Error::<Test>::StateHasRecognitions
		);
		// So does a recognition.
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(ALICE), a),
			Error::<Test>::StateHasRecognitions
		);
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(BOB), b),
			Error::<Test>::StateHasRecognitions
		);
		// An unlinked state deregisters.
		assert_ok!(Registry::deregister_state(RuntimeOrigin::signed(CHARLIE), c));
		// After withdrawal both may go.
		assert_ok!(Registry::withdraw_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(Registry::deregister_state(RuntimeOrigin::signed(ALICE), a));
		System::assert_last_event(
			Event::StateDeregistered { state: a, depositor: ALICE, deposit: STATE_DEPOSIT }.into(),
		);
		assert_ok!(Registry::deregister_state(RuntimeOrigin::signed(BOB), b));
		assert!(States::<Test>::iter().next().is_none());
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!((held_state(ALICE), held_state(BOB)), (0, 0));
	});
}

#[test]
fn deregister_after_declined_request_succeeds() {
	run_test(|| {
		let (a, b, _) = three_states();
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Registry::decline_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(Registry::deregister_state(RuntimeOrigin::signed(BOB), b));
		assert_ok!(Registry::deregister_state(RuntimeOrigin::signed(ALICE), a));
	});
}

#[test]
fn chain_recognition_by_governance() {
	run_test(|| {
		let (a, b, c) = three_states();
		assert_noop!(
			Registry::set_chain_recognition(RuntimeOrigin::signed(ALICE), a, true),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::set_chain_recognition(RuntimeOrigin::none(), a, true),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::set_chain_recognition(RuntimeOrigin::root(), 42, true),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Registry::set_chain_recognition(RuntimeOrigin::root(), a, false),
			Error::<Test>::ChainRecognitionUnchanged
		);
		assert!(!Registry::is_recognised(b, a));

		System::set_block_number(3);
		assert_ok!(Registry::set_chain_recognition(RuntimeOrigin::root(), a, true));
		System::assert_last_event(Event::ChainRecognitionSet { state: a, recognised: true }.into());
		assert_eq!(ChainRecognised::<Test>::get(a), Some(3));
		// Every state (even an unknown one) recognises A now; A recognises nobody.
		for x in [a, b, c, 42] {
			assert!(Registry::is_recognised(x, a));
		}
		assert!(!Registry::is_recognised(a, b));
		// No links, no deposits.
		assert_eq!(link_count(a), None);
		assert_eq!(held_recognition(ALICE), 0);
		assert!(Registry::recognised_by(a, None, 10).items.is_empty());
		assert_noop!(
			Registry::set_chain_recognition(RuntimeOrigin::root(), a, true),
			Error::<Test>::ChainRecognitionUnchanged
		);

		assert_ok!(Registry::set_chain_recognition(RuntimeOrigin::root(), a, false));
		System::assert_last_event(
			Event::ChainRecognitionSet { state: a, recognised: false }.into(),
		);
		assert_eq!(ChainRecognised::<Test>::get(a), None);
		assert!(!Registry::is_recognised(b, a));

		// Deregistering a chain-recognised state clears it.
		assert_ok!(Registry::set_chain_recognition(RuntimeOrigin::root(), c, true));
		assert_ok!(Registry::deregister_state(RuntimeOrigin::signed(CHARLIE), c));
		assert_eq!(ChainRecognised::<Test>::get(c), None);
		assert!(!Registry::is_recognised(a, c));
		assert_noop!(
			Registry::set_chain_recognition(RuntimeOrigin::root(), c, false),
			Error::<Test>::StateNotFound
		);
	});
}

#[test]
fn recognised_by_is_paginated() {
	run_test(|| {
		let s = register_state_of(ALICE, ALICE);
		// Five states, administered by 100..105, recognise S.
		let others: Vec<StateId> = (100..105).map(|who| register_state_of(who, who)).collect();
		for (who, x) in (100..105).zip(others.iter().copied()) {
			assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), s, x));
			assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(who), x, s));
		}
		assert_eq!(held_recognition(ALICE), 5 * RECOGNITION_DEPOSIT);
		assert_eq!(link_count(s), Some(5));

		let first = Registry::recognised_by(s, None, 2);
		assert_eq!(first.items.len(), 2);
		assert_eq!(first.next, first.items.last().copied());
		assert!(first.next.is_some());
		let rest = Registry::recognised_by(s, first.next, 100);
		assert_eq!(rest.items.len(), 3);
		assert_eq!(rest.next, None);
		let mut all = [first.items.clone(), rest.items].concat();
		all.sort();
		all.dedup();
		assert_eq!(all, others);

		// Walking pages of 2 sees every recogniser once.
		let mut walked = collect_pages(|c, l| Registry::recognised_by(s, c, l), 2);
		walked.sort();
		assert_eq!(walked, others);
		// Exactly a page: no cursor.
		assert_eq!(Registry::recognised_by(s, None, 5).next, None);
		// Each of them recognises S only.
		for x in &others {
			assert_eq!(Registry::recognitions_of(*x, None, 10).items, vec![s]);
			assert!(Registry::is_recognised(*x, s));
		}
		assert!(Registry::recognitions_of(s, None, 10).items.is_empty());
		assert!(Registry::recognised_by(42, None, 10).items.is_empty());
	});
}

#[test]
fn recognitions_of_and_requests_are_paginated() {
	run_test(|| {
		let s = register_state_of(ALICE, ALICE);
		let others: Vec<StateId> = (100..107).map(|who| register_state_of(who, who)).collect();
		// Each asks S; S accepts the first four.
		for (who, x) in (100..107).zip(others.iter().copied()) {
			assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(who), x, s));
		}
		let mut requests = collect_pages(|c, l| Registry::recognition_requests(s, c, l), 3);
		requests.sort();
		assert_eq!(requests, others);
		for x in &others[..4] {
			assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(ALICE), s, *x));
		}
		let mut recognised = collect_pages(|c, l| Registry::recognitions_of(s, c, l), 3);
		recognised.sort();
		assert_eq!(recognised, others[..4].to_vec());
		let mut pending = collect_pages(|c, l| Registry::recognition_requests(s, c, l), 2);
		pending.sort();
		assert_eq!(pending, others[4..].to_vec());
		assert_eq!(link_count(s), Some(7));
	});
}

#[test]
fn recognition_pages_are_capped_at_100() {
	run_test(|| {
		const RICH: AccountId = 500;
		<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(&RICH, 1_000_000);
		let s = register_state_of(ALICE, ALICE);
		let others: Vec<StateId> = (0..105).map(|_| register_state_of(RICH, RICH)).collect();
		for x in &others {
			assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), s, *x));
			assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(RICH), *x, s));
		}
		let first = Registry::recognised_by(s, None, 1_000);
		assert_eq!(first.items.len(), 100);
		assert_eq!(first.next, first.items.last().copied());
		let rest = Registry::recognised_by(s, first.next, u32::MAX);
		assert_eq!(rest.items.len(), 5);
		assert_eq!(rest.next, None);
		let mut all = [first.items, rest.items].concat();
		all.sort();
		assert_eq!(all, others);
		// The other direction is capped too.
		for x in &others {
			assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(RICH), *x, s));
		}
		assert_eq!(Registry::recognition_requests(s, None, 1_000).items.len(), 100);
		assert_eq!(held_recognition(RICH), 105 * RECOGNITION_DEPOSIT);
		assert_eq!(link_count(s), Some(210));
	});
}

#[test]
fn try_state_detects_broken_recognitions() {
	run_test(|| {
		let (a, b, c) = three_states();
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(CHARLIE), c, a));
		assert_ok!(Registry::do_try_state());

		// A recognition without its reverse index.
		RecognisedBy::<Test>::remove(a, b);
		assert!(Registry::do_try_state().is_err());
		RecognisedBy::<Test>::insert(a, b, ());
		assert_ok!(Registry::do_try_state());

		// An index without a recognition.
		RecognisedBy::<Test>::insert(c, b, ());
		assert!(Registry::do_try_state().is_err());
		RecognisedBy::<Test>::remove(c, b);
		assert_ok!(Registry::do_try_state());

		// A recognition inserted behind the pallet's back (indexed, but uncounted and unpaid).
		Recognitions::<Test>::insert(c, b, link(BOB, 1));
		assert!(Registry::do_try_state().is_err());
		RecognisedBy::<Test>::insert(b, c, ());
		assert!(Registry::do_try_state().is_err());
		Recognitions::<Test>::remove(c, b);
		RecognisedBy::<Test>::remove(b, c);
		assert_ok!(Registry::do_try_state());

		// A bogus link count, too high, too low, or for a state with no links.
		LinkCount::<Test>::insert(a, 3);
		assert!(Registry::do_try_state().is_err());
		LinkCount::<Test>::insert(a, 1);
		assert!(Registry::do_try_state().is_err());
		LinkCount::<Test>::insert(a, 2);
		assert_ok!(Registry::do_try_state());
		LinkCount::<Test>::insert(42, 1);
		assert!(Registry::do_try_state().is_err());
		LinkCount::<Test>::remove(42);
		LinkCount::<Test>::remove(b);
		assert!(Registry::do_try_state().is_err());
		LinkCount::<Test>::insert(b, 1);
		assert_ok!(Registry::do_try_state());

		// A stored deposit that differs from the held one.
		Recognitions::<Test>::mutate(b, a, |l| l.as_mut().unwrap().deposit = 1);
		assert!(Registry::do_try_state().is_err());
		Recognitions::<Test>::mutate(b, a, |l| l.as_mut().unwrap().deposit = RECOGNITION_DEPOSIT);
		assert_ok!(Registry::do_try_state());

		// A request for a recognition that already exists.
		RecognitionRequests::<Test>::insert(b, a, link(ALICE, 1));
		assert!(Registry::do_try_state().is_err());
		RecognitionRequests::<Test>::remove(b, a);
		assert_ok!(Registry::do_try_state());

		// A state asking or recognising itself.
		RecognitionRequests::<Test>::insert(c, c, link(CHARLIE, 1));
		assert!(Registry::do_try_state().is_err());
		RecognitionRequests::<Test>::remove(c, c);
		Recognitions::<Test>::insert(c, c, link(CHARLIE, 1));
		RecognisedBy::<Test>::insert(c, c, ());
		assert!(Registry::do_try_state().is_err());
		Recognitions::<Test>::remove(c, c);
		RecognisedBy::<Test>::remove(c, c);
		assert_ok!(Registry::do_try_state());

		// Chain-wide recognition of an unknown state.
		ChainRecognised::<Test>::insert(42, 1);
		assert!(Registry::do_try_state().is_err());
		ChainRecognised::<Test>::remove(42);
		assert_ok!(Registry::do_try_state());

		// A link to a state that no longer exists.
		let saved = States::<Test>::take(c).unwrap();
		assert!(Registry::do_try_state().is_err());
		States::<Test>::insert(c, saved);
		// run_test checks the restored state once more.
	});
}

#[test]
fn withdraw_takes_own_recognition_before_being_recognised_or_own_request() {
	// The documented order: `state`'s recognition of `other`, else `other`'s recognition of
	// `state`, else `state`'s pending request to `other`.
	run_test(|| {
		let (a, b, _) = three_states();
		// B asks A, A accepts: A recognises B (Bob paid). Then A asks B (Alice pays).
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_eq!((link_count(a), link_count(b)), (Some(2), Some(2)));
		// A's first withdrawal drops its recognition of B, not its own request.
		assert_ok!(Registry::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: b, by: a, withdrawn_by: a }.into(),
		);
		assert!(Recognitions::<Test>::get(a, b).is_none());
		assert_eq!(RecognitionRequests::<Test>::get(b, a), Some(link(ALICE, 1)));
		assert_eq!((held_recognition(ALICE), held_recognition(BOB)), (RECOGNITION_DEPOSIT, 0));
		// The second one cancels the request.
		assert_ok!(Registry::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: a, by: b, withdrawn_by: a }.into(),
		);
		assert!(RecognitionRequests::<Test>::get(b, a).is_none());
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!((link_count(a), link_count(b)), (None, None));
	});
}

/// A recognition deposit left on hold after its link is gone (a missed release) is caught:
/// `check_recognitions` compares the holds of every account, not only of depositors.
#[test]
fn try_state_catches_an_orphaned_recognition_hold() {
	new_test_ext().execute_with(|| {
		let (a, b, _) = three_states();
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		// The request vanishes (as if a code path forgot to release its deposit).
		RecognitionRequests::<Test>::remove(b, a);
		LinkCount::<Test>::remove(a);
		LinkCount::<Test>::remove(b);
		assert_eq!(held_recognition(ALICE), RECOGNITION_DEPOSIT);
		assert!(Registry::do_try_state().is_err());
	});
}
