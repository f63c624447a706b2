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

// ---------------------------------------------------------------------------------------------
// Deployments and blueprints.
// ---------------------------------------------------------------------------------------------

use crate::{
	Adoptions, Blueprint, BlueprintId, BlueprintOf, BlueprintSpec, Blueprints, Deployment,
	DeploymentDevices, DeploymentId, DeploymentOf, Deployments, DeviceDeployment, NextBlueprintId,
	NextDeploymentId, StateBlueprints, StateDeployments,
};
use atlas_primitives::{DeviceId, H3Cell, Metrics, Page};

/// `assert_eq!` for deployment and blueprint records, which are not `PartialEq` in the mock (the
/// derive bounds their `Get` parameters, and `ConstU32` is not `PartialEq`): compares their SCALE
/// encodings and shows both on a mismatch.
macro_rules! assert_same {
	($left:expr, $right:expr $(,)?) => {{
		let (left, right) = (&$left, &$right);
		assert!(
			codec::Encode::encode(left) == codec::Encode::encode(right),
			"{left:?} != {right:?}"
		);
	}};
}

/// A valid H3 cell (San Francisco, resolution 9).
const CELL: H3Cell = 0x8928308280fffff;
/// Five distinct valid H3 cells (one more than `MaxCells`).
const CELLS: [H3Cell; 5] =
	[0x8928308280fffff, 0x85283473fffffff, 0x8001fffffffffff, 0x891f1d48947ffff, 0x887a6e42cbfffff];
/// The only vault the mock knows.
const VAULT: u32 = 7;

fn held_registry(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::RegistryDeposit.into(), &who)
}

/// Makes `who` a steward of `state`, appointed by its admin `admin`.
fn make_steward(state: StateId, admin: AccountId, who: AccountId) {
	assert_ok!(Registry::grant_role(RuntimeOrigin::signed(admin), state, who, Role::Steward));
}

/// `who` creates a deployment of `state` named "Microgrid" in `CELL`; returns its id.
fn create_deployment_of(who: AccountId, state: StateId) -> DeploymentId {
	let id = NextDeploymentId::<Test>::get();
	assert_ok!(Registry::create_deployment(
		RuntimeOrigin::signed(who),
		state,
		b"Microgrid".to_vec(),
		b"ipfs://grid".to_vec(),
		vec![CELL],
		None
	));
	id
}

/// The record `create_deployment_of` stores.
fn microgrid(state: StateId, depositor: AccountId) -> DeploymentOf<Test> {
	Deployment {
		state,
		name: b"Microgrid".to_vec().try_into().unwrap(),
		metadata_uri: b"ipfs://grid".to_vec().try_into().unwrap(),
		cells: vec![CELL].try_into().unwrap(),
		vault: None,
		blueprint: None,
		devices: 0,
		depositor,
		deposit: DEPLOYMENT_DEPOSIT,
	}
}

fn spec(source: Option<DeploymentId>) -> BlueprintSpec<Balance> {
	BlueprintSpec {
		name: b"Village grid".to_vec(),
		metadata_uri: b"ipfs://playbook".to_vec(),
		device_mix: [1, 2, 8, 4],
		hardware_models: vec![11, 12],
		expected_output: Metrics {
			uptime_secs: 3_600,
			energy_wh: 5_000,
			samples: 40,
			..Default::default()
		},
		cost: 25_000,
		source,
	}
}

/// The record publishing `spec(source)` stores.
fn village_grid(
	state: StateId,
	source: Option<DeploymentId>,
	depositor: AccountId,
	adoptions: u32,
) -> BlueprintOf<Test> {
	Blueprint {
		state,
		name: b"Village grid".to_vec().try_into().unwrap(),
		metadata_uri: b"ipfs://playbook".to_vec().try_into().unwrap(),
		device_mix: [1, 2, 8, 4],
		hardware_models: vec![11, 12].try_into().unwrap(),
		expected_output: Metrics {
			uptime_secs: 3_600,
			energy_wh: 5_000,
			samples: 40,
			..Default::default()
		},
		cost: 25_000,
		source,
		adoptions,
		depositor,
		deposit: BLUEPRINT_DEPOSIT,
	}
}

/// `who` publishes `spec(source)` for `state`; returns the blueprint's id.
fn publish_of(who: AccountId, state: StateId, source: Option<DeploymentId>) -> BlueprintId {
	let id = NextBlueprintId::<Test>::get();
	assert_ok!(Registry::publish_blueprint(RuntimeOrigin::signed(who), state, spec(source)));
	id
}

fn devices_of(deployment: DeploymentId) -> u32 {
	Deployments::<Test>::get(deployment).expect("a deployment").devices
}

/// The members of `deployment` as both indexes see them, sorted.
fn members_of(deployment: DeploymentId) -> Vec<DeviceId> {
	let mut members: Vec<DeviceId> =
		DeploymentDevices::<Test>::iter_prefix(deployment).map(|(d, ())| d).collect();
	members.sort();
	for d in &members {
		assert_eq!(DeviceDeployment::<Test>::get(d), Some(deployment));
	}
	members
}

/// Like `collect_pages`, for any item and cursor type: no item (by its key, `cursor_of`) is
/// returned twice.
fn walk_pages<I: Clone + core::fmt::Debug, C: Clone + PartialEq + core::fmt::Debug>(
	read: impl Fn(Option<C>, u32) -> Page<I, C>,
	cursor_of: impl Fn(&I) -> C,
	size: u32,
) -> Vec<I> {
	let mut all: Vec<I> = Vec::new();
	let mut seen: Vec<C> = Vec::new();
	let mut cursor = None;
	loop {
		let page = read(cursor, size);
		assert!(page.items.len() <= size as usize);
		for item in &page.items {
			let key = cursor_of(item);
			assert!(!seen.contains(&key), "{item:?} returned twice");
			seen.push(key);
		}
		all.extend(page.items.iter().cloned());
		match page.next {
			Some(next) => {
				assert_eq!(page.items.len(), size as usize);
				assert_eq!(page.items.last().map(&cursor_of), Some(next.clone()));
				cursor = Some(next);
			},
			None => break,
		}
	}
	all
}

#[test]
fn create_deployment_by_admin_holds_deposit_and_indexes() {
	run_test(|| {
		let (a, _, _) = three_states();
		let alice_free = free(ALICE);
		assert_eq!(NextDeploymentId::<Test>::get(), 0);
		assert_ok!(Registry::create_deployment(
			RuntimeOrigin::signed(ALICE),
			a,
			b"Microgrid".to_vec(),
			b"ipfs://grid".to_vec(),
			vec![CELL, 0x85283473fffffff],
			Some(VAULT)
		));
		let expected = Deployment {
			cells: vec![CELL, 0x85283473fffffff].try_into().unwrap(),
			vault: Some(VAULT),
			..microgrid(a, ALICE)
		};
		assert_same!(Deployments::<Test>::get(0), Some(expected.clone()));
		assert_same!(Registry::deployment(0), Some(expected));
		assert_eq!(NextDeploymentId::<Test>::get(), 1);
		assert!(StateDeployments::<Test>::contains_key(a, 0));
		assert_eq!(StateDeployments::<Test>::iter().count(), 1);
		assert_eq!(
			last_event(),
			Event::DeploymentCreated { deployment: 0, state: a, by: ALICE }.into()
		);
		// The deposit is held under its own reason; the state deposit is untouched.
		assert_eq!(held_registry(ALICE), DEPLOYMENT_DEPOSIT);
		assert_eq!(held_state(ALICE), STATE_DEPOSIT);
		assert_eq!(free(ALICE), alice_free - DEPLOYMENT_DEPOSIT);

		// A second one without cells, URI or vault gets the next id and another deposit.
		assert_ok!(Registry::create_deployment(
			RuntimeOrigin::signed(ALICE),
			a,
			b"Empty".to_vec(),
			vec![],
			vec![],
			None
		));
		assert_same!(
			Deployments::<Test>::get(1),
			Some(Deployment {
				name: b"Empty".to_vec().try_into().unwrap(),
				metadata_uri: Default::default(),
				cells: Default::default(),
				..microgrid(a, ALICE)
			})
		);
		assert_eq!(NextDeploymentId::<Test>::get(), 2);
		assert!(StateDeployments::<Test>::contains_key(a, 1));
		assert_eq!(held_registry(ALICE), 2 * DEPLOYMENT_DEPOSIT);
		assert_eq!(free(ALICE), alice_free - 2 * DEPLOYMENT_DEPOSIT);
		assert!(Registry::deployment(2).is_none());
	});
}

#[test]
fn create_deployment_by_steward_is_paid_by_the_steward() {
	run_test(|| {
		let (a, _, _) = three_states();
		make_steward(a, ALICE, DAVE);
		let (alice_free, dave_free) = (free(ALICE), free(DAVE));
		let id = create_deployment_of(DAVE, a);
		assert_eq!(id, 0);
		assert_same!(Deployments::<Test>::get(id), Some(microgrid(a, DAVE)));
		assert!(StateDeployments::<Test>::contains_key(a, id));
		assert_eq!(
			last_event(),
			Event::DeploymentCreated { deployment: id, state: a, by: DAVE }.into()
		);
		assert_eq!((held_registry(DAVE), held_registry(ALICE)), (DEPLOYMENT_DEPOSIT, 0));
		assert_eq!((free(ALICE), free(DAVE)), (alice_free, dave_free - DEPLOYMENT_DEPOSIT));
	});
}

#[test]
fn create_deployment_needs_admin_or_steward() {
	run_test(|| {
		let (a, b, _) = three_states();
		// Citizen, operator, verifier and validator roles are not enough.
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), a, DAVE, Role::Citizen));
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), a, DAVE, Role::Operator));
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), a, DAVE, Role::Verifier));
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), a, DAVE, Role::Validator));
		let create = |who: AccountId, state: StateId| {
			Registry::create_deployment(
				RuntimeOrigin::signed(who),
				state,
				b"Microgrid".to_vec(),
				vec![],
				vec![CELL],
				None,
			)
		};
		assert_noop!(create(DAVE, a), Error::<Test>::NotAdminOrSteward);
		// A stranger, and the admin of another state.
		assert_noop!(create(100, a), Error::<Test>::NotAdminOrSteward);
		assert_noop!(create(BOB, a), Error::<Test>::NotAdminOrSteward);
		// A steward of another state.
		make_steward(b, BOB, CHARLIE);
		assert_noop!(create(CHARLIE, a), Error::<Test>::NotAdminOrSteward);
		// A steward whose role was revoked.
		make_steward(a, ALICE, 101);
		assert_ok!(create(101, a));
		assert_ok!(Registry::revoke_role(RuntimeOrigin::signed(ALICE), a, 101, Role::Steward));
		assert_noop!(create(101, a), Error::<Test>::NotAdminOrSteward);
		// Unsigned origins.
		assert_noop!(
			Registry::create_deployment(
				RuntimeOrigin::none(),
				a,
				b"x".to_vec(),
				vec![],
				vec![],
				None
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::create_deployment(
				RuntimeOrigin::root(),
				a,
				b"x".to_vec(),
				vec![],
				vec![],
				None
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn create_deployment_errors() {
	run_test(|| {
		let (a, _, _) = three_states();
		let create = |name: Vec<u8>, uri: Vec<u8>, cells: Vec<H3Cell>, vault: Option<u32>| {
			Registry::create_deployment(RuntimeOrigin::signed(ALICE), a, name, uri, cells, vault)
		};
		let ok = || b"Microgrid".to_vec();
		assert_noop!(
			Registry::create_deployment(
				RuntimeOrigin::signed(ALICE),
				42,
				ok(),
				vec![],
				vec![CELL],
				None
			),
			Error::<Test>::StateNotFound
		);
		// Names and URIs.
		assert_noop!(create(vec![], vec![], vec![CELL], None), Error::<Test>::EmptyName);
		assert_noop!(create(vec![b'n'; 17], vec![], vec![CELL], None), Error::<Test>::NameTooLong);
		assert_noop!(create(ok(), vec![b'u'; 33], vec![CELL], None), Error::<Test>::UriTooLong);
		// Cells: any invalid one is refused, and at most four.
		assert_noop!(create(ok(), vec![], vec![0], None), Error::<Test>::BadCell);
		assert_noop!(create(ok(), vec![], vec![u64::MAX], None), Error::<Test>::BadCell);
		assert_noop!(create(ok(), vec![], vec![CELL, 0], None), Error::<Test>::BadCell);
		// A res 9 cell with the reserved top bit set.
		assert_noop!(create(ok(), vec![], vec![CELL | (1 << 63)], None), Error::<Test>::BadCell);
		assert_noop!(create(ok(), vec![], CELLS.to_vec(), None), Error::<Test>::TooManyCells);
		// Vaults: only vault 7 exists.
		assert_noop!(create(ok(), vec![], vec![CELL], Some(3)), Error::<Test>::UnknownVault);
		assert_eq!(NextDeploymentId::<Test>::get(), 0);
		assert_eq!(held_registry(ALICE), 0);

		// At the bounds it is accepted.
		assert_ok!(create(vec![b'n'; 16], vec![b'u'; 32], CELLS[..4].to_vec(), Some(VAULT)));
		let d = Deployments::<Test>::get(0).unwrap();
		assert_eq!(d.cells.into_inner(), CELLS[..4].to_vec());
		assert_eq!(d.vault, Some(VAULT));
		assert_eq!((d.name.len(), d.metadata_uri.len()), (16, 32));

		// A suspended state creates nothing; restored, it does.
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), a));
		assert_noop!(create(ok(), vec![], vec![CELL], None), Error::<Test>::StateSuspended);
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), a));
		assert_ok!(create(ok(), vec![], vec![CELL], None));
		assert_eq!(NextDeploymentId::<Test>::get(), 2);
	});
}

#[test]
fn create_deployment_cannot_afford_deposit() {
	run_test(|| {
		// Alice pays for a state that POOR (50) administers.
		let p = register_state_of(ALICE, POOR);
		// One deployment fits (40 of 50); a second does not.
		let id = create_deployment_of(POOR, p);
		assert_eq!(held_registry(POOR), DEPLOYMENT_DEPOSIT);
		assert_eq!(free(POOR), 50 - DEPLOYMENT_DEPOSIT);
		let err = Registry::create_deployment(
			RuntimeOrigin::signed(POOR),
			p,
			b"Second".to_vec(),
			vec![],
			vec![],
			None,
		)
		.unwrap_err();
		assert_eq!(err, Error::<Test>::CannotAffordDeposit.into());
		assert_noop!(
			Registry::create_deployment(
				RuntimeOrigin::signed(POOR),
				p,
				b"Second".to_vec(),
				vec![],
				vec![],
				None
			),
			Error::<Test>::CannotAffordDeposit
		);
		assert_eq!(NextDeploymentId::<Test>::get(), id + 1);
		// A steward with nothing at all (of a state Alice administers).
		let s = register_state_of(ALICE, ALICE);
		make_steward(s, ALICE, PENNILESS);
		assert_noop!(
			Registry::create_deployment(
				RuntimeOrigin::signed(PENNILESS),
				s,
				b"Second".to_vec(),
				vec![],
				vec![],
				None
			),
			Error::<Test>::CannotAffordDeposit
		);
	});
}

#[test]
fn create_deployment_ids_exhausted() {
	run_test(|| {
		let (a, _, _) = three_states();
		NextDeploymentId::<Test>::put(u32::MAX);
		assert_noop!(
			Registry::create_deployment(
				RuntimeOrigin::signed(ALICE),
				a,
				b"x".to_vec(),
				vec![],
				vec![],
				None
			),
			Error::<Test>::IdsExhausted
		);
		assert_eq!(held_registry(ALICE), 0);
	});
}

#[test]
fn add_device_by_owner_and_by_steward() {
	run_test(|| {
		let (a, _, _) = three_states();
		make_steward(a, ALICE, CHARLIE);
		MockDevices::register(1, DAVE, a);
		MockDevices::register(2, 100, a);
		MockDevices::register(3, 101, a);
		let dep = create_deployment_of(ALICE, a);
		let dave_free = free(DAVE);

		// The owner (no role in the state) adds its device.
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), dep, 1));
		assert_eq!(last_event(), Event::DeviceJoined { deployment: dep, device: 1 }.into());
		assert_eq!(DeviceDeployment::<Test>::get(1), Some(dep));
		assert!(DeploymentDevices::<Test>::contains_key(dep, 1));
		assert_eq!(devices_of(dep), 1);
		// Joining costs nothing.
		assert_eq!((free(DAVE), held_registry(DAVE)), (dave_free, 0));
		assert_eq!(held_registry(ALICE), DEPLOYMENT_DEPOSIT);

		// A steward adds someone else's device; so does the admin.
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(CHARLIE), dep, 2));
		assert_eq!(last_event(), Event::DeviceJoined { deployment: dep, device: 2 }.into());
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(ALICE), dep, 3));
		assert_eq!(last_event(), Event::DeviceJoined { deployment: dep, device: 3 }.into());
		assert_eq!(devices_of(dep), 3);
		assert_eq!(members_of(dep), vec![1, 2, 3]);
		assert_eq!(DeviceDeployment::<Test>::iter().count(), 3);
		// Everything else in the record is unchanged.
		assert_same!(
			Deployments::<Test>::get(dep),
			Some(Deployment { devices: 3, ..microgrid(a, ALICE) })
		);
	});
}

#[test]
fn add_device_errors() {
	run_test(|| {
		let (a, b, _) = three_states();
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), a, CHARLIE, Role::Citizen));
		MockDevices::register(1, DAVE, a);
		MockDevices::register(9, DAVE, b);
		let dep = create_deployment_of(ALICE, a);

		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(DAVE), 99, 1),
			Error::<Test>::DeploymentNotFound
		);
		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(ALICE), dep, 77),
			Error::<Test>::DeviceNotFound
		);
		// Neither the owner nor a steward of the deployment's state: a citizen, a stranger,
		// the admin of another state.
		for who in [CHARLIE, 100, BOB] {
			assert_noop!(
				Registry::add_device(RuntimeOrigin::signed(who), dep, 1),
				Error::<Test>::NotOwnerOrSteward
			);
		}
		// A device of state B joins no deployment of A, whether its owner or A's admin asks;
		// B's admin is no steward of A.
		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(DAVE), dep, 9),
			Error::<Test>::DeviceOfOtherState
		);
		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(ALICE), dep, 9),
			Error::<Test>::DeviceOfOtherState
		);
		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(BOB), dep, 9),
			Error::<Test>::NotOwnerOrSteward
		);
		// Twice in the same deployment.
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), dep, 1));
		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(DAVE), dep, 1),
			Error::<Test>::AlreadyInDeployment
		);
		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(ALICE), dep, 1),
			Error::<Test>::AlreadyInDeployment
		);
		assert_eq!(devices_of(dep), 1);
		assert_noop!(Registry::add_device(RuntimeOrigin::none(), dep, 1), DispatchError::BadOrigin);
	});
}

#[test]
fn a_device_joining_two_deployments_is_refused() {
	run_test(|| {
		let (a, _, _) = three_states();
		MockDevices::register(1, DAVE, a);
		let first = create_deployment_of(ALICE, a);
		let second = create_deployment_of(ALICE, a);
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), first, 1));
		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(DAVE), second, 1),
			Error::<Test>::InOtherDeployment
		);
		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(ALICE), second, 1),
			Error::<Test>::InOtherDeployment
		);
		assert_eq!(DeviceDeployment::<Test>::get(1), Some(first));
		assert_eq!((devices_of(first), devices_of(second)), (1, 0));
		assert!(!DeploymentDevices::<Test>::contains_key(second, 1));
		// Once it left the first, it may join the second.
		assert_ok!(Registry::remove_device(RuntimeOrigin::signed(DAVE), first, 1));
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), second, 1));
		assert_eq!(DeviceDeployment::<Test>::get(1), Some(second));
		assert_eq!((devices_of(first), devices_of(second)), (0, 1));
		assert_eq!(members_of(first), Vec::<DeviceId>::new());
		assert_eq!(members_of(second), vec![1]);
	});
}

#[test]
fn a_deployment_holds_at_most_three_devices() {
	run_test(|| {
		let (a, _, _) = three_states();
		for d in 1..=5 {
			MockDevices::register(d, DAVE, a);
		}
		let dep = create_deployment_of(ALICE, a);
		let other = create_deployment_of(ALICE, a);
		for d in 1..=3 {
			assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), dep, d));
		}
		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(DAVE), dep, 4),
			Error::<Test>::DeploymentFull
		);
		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(ALICE), dep, 4),
			Error::<Test>::DeploymentFull
		);
		assert_eq!(devices_of(dep), 3);
		assert_eq!(DeviceDeployment::<Test>::get(4), None);
		// The bound is per deployment.
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), other, 4));
		// A freed place can be taken again.
		assert_ok!(Registry::remove_device(RuntimeOrigin::signed(DAVE), dep, 2));
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), dep, 5));
		assert_eq!(members_of(dep), vec![1, 3, 5]);
		assert_eq!(devices_of(dep), 3);
	});
}

#[test]
fn remove_device_by_owner_and_by_steward() {
	run_test(|| {
		let (a, _, _) = three_states();
		make_steward(a, ALICE, CHARLIE);
		MockDevices::register(1, DAVE, a);
		MockDevices::register(2, DAVE, a);
		MockDevices::register(3, 100, a);
		let dep = create_deployment_of(ALICE, a);
		for d in 1..=3 {
			assert_ok!(Registry::add_device(RuntimeOrigin::signed(ALICE), dep, d));
		}

		// The owner.
		assert_ok!(Registry::remove_device(RuntimeOrigin::signed(DAVE), dep, 1));
		assert_eq!(last_event(), Event::DeviceLeft { deployment: dep, device: 1 }.into());
		assert_eq!(DeviceDeployment::<Test>::get(1), None);
		assert!(!DeploymentDevices::<Test>::contains_key(dep, 1));
		assert_eq!(devices_of(dep), 2);
		// A steward, for someone else's device.
		assert_ok!(Registry::remove_device(RuntimeOrigin::signed(CHARLIE), dep, 2));
		assert_eq!(last_event(), Event::DeviceLeft { deployment: dep, device: 2 }.into());
		// The admin.
		assert_ok!(Registry::remove_device(RuntimeOrigin::signed(ALICE), dep, 3));
		assert_eq!(last_event(), Event::DeviceLeft { deployment: dep, device: 3 }.into());
		assert_eq!(devices_of(dep), 0);
		assert!(DeviceDeployment::<Test>::iter().next().is_none());
		assert!(DeploymentDevices::<Test>::iter().next().is_none());
		assert_same!(Deployments::<Test>::get(dep), Some(microgrid(a, ALICE)));
		assert_eq!(held_registry(ALICE), DEPLOYMENT_DEPOSIT);
	});
}

#[test]
fn remove_device_errors() {
	run_test(|| {
		let (a, _, _) = three_states();
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), a, CHARLIE, Role::Citizen));
		MockDevices::register(1, DAVE, a);
		MockDevices::register(2, DAVE, a);
		let dep = create_deployment_of(ALICE, a);
		let other = create_deployment_of(ALICE, a);
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), dep, 1));
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), other, 2));

		assert_noop!(
			Registry::remove_device(RuntimeOrigin::signed(DAVE), 99, 1),
			Error::<Test>::DeploymentNotFound
		);
		// In another deployment, in none, or not registered at all.
		assert_noop!(
			Registry::remove_device(RuntimeOrigin::signed(DAVE), dep, 2),
			Error::<Test>::NotInDeployment
		);
		MockDevices::register(3, DAVE, a);
		assert_noop!(
			Registry::remove_device(RuntimeOrigin::signed(DAVE), dep, 3),
			Error::<Test>::NotInDeployment
		);
		assert_noop!(
			Registry::remove_device(RuntimeOrigin::signed(ALICE), dep, 77),
			Error::<Test>::NotInDeployment
		);
		// A citizen, a stranger, the admin of another state.
		for who in [CHARLIE, 100, BOB] {
			assert_noop!(
				Registry::remove_device(RuntimeOrigin::signed(who), dep, 1),
				Error::<Test>::NotOwnerOrSteward
			);
		}
		assert_eq!(devices_of(dep), 1);
		assert_eq!(DeviceDeployment::<Test>::get(1), Some(dep));
	});
}

#[test]
fn anyone_removes_a_device_gone_from_the_registry() {
	run_test(|| {
		let (a, _, _) = three_states();
		MockDevices::register(1, DAVE, a);
		MockDevices::register(2, DAVE, a);
		let dep = create_deployment_of(ALICE, a);
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), dep, 1));
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), dep, 2));
		// While registered, a stranger may not.
		assert_noop!(
			Registry::remove_device(RuntimeOrigin::signed(100), dep, 1),
			Error::<Test>::NotOwnerOrSteward
		);
		MockDevices::remove(1);
		assert_ok!(Registry::remove_device(RuntimeOrigin::signed(100), dep, 1));
		assert_eq!(last_event(), Event::DeviceLeft { deployment: dep, device: 1 }.into());
		assert_eq!(DeviceDeployment::<Test>::get(1), None);
		assert_eq!(members_of(dep), vec![2]);
		assert_eq!(devices_of(dep), 1);
		// Only once.
		assert_noop!(
			Registry::remove_device(RuntimeOrigin::signed(100), dep, 1),
			Error::<Test>::NotInDeployment
		);
		// The other device still needs its owner or a steward.
		assert_noop!(
			Registry::remove_device(RuntimeOrigin::signed(100), dep, 2),
			Error::<Test>::NotOwnerOrSteward
		);
		// A gone device cannot join again.
		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(DAVE), dep, 1),
			Error::<Test>::DeviceNotFound
		);
	});
}

#[test]
fn close_deployment_releases_deposit_and_indexes() {
	run_test(|| {
		let (a, _, _) = three_states();
		make_steward(a, ALICE, CHARLIE);
		MockDevices::register(1, DAVE, a);
		let alice_free = free(ALICE);
		let dep = create_deployment_of(ALICE, a);
		let kept = create_deployment_of(ALICE, a);
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), dep, 1));
		assert_noop!(
			Registry::close_deployment(RuntimeOrigin::signed(ALICE), dep),
			Error::<Test>::DeploymentHasDevices
		);
		assert_ok!(Registry::remove_device(RuntimeOrigin::signed(DAVE), dep, 1));

		// The steward closes it; the deposit returns to Alice, who paid.
		let charlie_free = free(CHARLIE);
		assert_ok!(Registry::close_deployment(RuntimeOrigin::signed(CHARLIE), dep));
		assert_eq!(last_event(), Event::DeploymentClosed { deployment: dep }.into());
		assert!(Deployments::<Test>::get(dep).is_none());
		assert!(!StateDeployments::<Test>::contains_key(a, dep));
		assert!(Registry::deployment(dep).is_none());
		assert_eq!(held_registry(ALICE), DEPLOYMENT_DEPOSIT);
		assert_eq!(free(ALICE), alice_free - DEPLOYMENT_DEPOSIT);
		assert_eq!(free(CHARLIE), charlie_free);
		// The other deployment stays; ids are not reused.
		assert!(StateDeployments::<Test>::contains_key(a, kept));
		assert_eq!(NextDeploymentId::<Test>::get(), 2);
		assert_noop!(
			Registry::close_deployment(RuntimeOrigin::signed(ALICE), dep),
			Error::<Test>::DeploymentNotFound
		);
		assert_ok!(Registry::close_deployment(RuntimeOrigin::signed(ALICE), kept));
		assert_eq!((held_registry(ALICE), free(ALICE)), (0, alice_free));
		assert!(StateDeployments::<Test>::iter().next().is_none());
		assert_eq!(create_deployment_of(ALICE, a), 2);
	});
}

#[test]
fn close_deployment_errors() {
	run_test(|| {
		let (a, b, _) = three_states();
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), a, CHARLIE, Role::Citizen));
		make_steward(b, BOB, DAVE);
		let dep = create_deployment_of(ALICE, a);
		assert_noop!(
			Registry::close_deployment(RuntimeOrigin::signed(ALICE), 99),
			Error::<Test>::DeploymentNotFound
		);
		// A citizen, a stranger, another state's admin and steward.
		for who in [CHARLIE, 100, BOB, DAVE] {
			assert_noop!(
				Registry::close_deployment(RuntimeOrigin::signed(who), dep),
				Error::<Test>::NotAdminOrSteward
			);
		}
		assert_noop!(
			Registry::close_deployment(RuntimeOrigin::none(), dep),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn close_deployment_pays_back_a_former_steward() {
	run_test(|| {
		let (a, _, _) = three_states();
		make_steward(a, ALICE, DAVE);
		let dave_free = free(DAVE);
		let dep = create_deployment_of(DAVE, a);
		assert_ok!(Registry::revoke_role(RuntimeOrigin::signed(ALICE), a, DAVE, Role::Steward));
		assert_noop!(
			Registry::close_deployment(RuntimeOrigin::signed(DAVE), dep),
			Error::<Test>::NotAdminOrSteward
		);
		assert_ok!(Registry::close_deployment(RuntimeOrigin::signed(ALICE), dep));
		assert_eq!((held_registry(DAVE), free(DAVE)), (0, dave_free));
		assert_eq!(held_registry(ALICE), 0);
	});
}

#[test]
fn publish_blueprint_stores_and_holds_deposit() {
	run_test(|| {
		let (a, _, _) = three_states();
		make_steward(a, ALICE, CHARLIE);
		let dep = create_deployment_of(ALICE, a);
		let alice_free = free(ALICE);
		assert_eq!(NextBlueprintId::<Test>::get(), 0);

		let bp = publish_of(ALICE, a, Some(dep));
		assert_eq!(bp, 0);
		assert_same!(Blueprints::<Test>::get(bp), Some(village_grid(a, Some(dep), ALICE, 0)));
		assert_same!(Registry::blueprint(bp), Some(village_grid(a, Some(dep), ALICE, 0)));
		assert!(StateBlueprints::<Test>::contains_key(a, bp));
		assert_eq!(NextBlueprintId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			Event::BlueprintPublished { blueprint: bp, state: a, source: Some(dep) }.into()
		);
		assert_eq!(held_registry(ALICE), DEPLOYMENT_DEPOSIT + BLUEPRINT_DEPOSIT);
		assert_eq!(free(ALICE), alice_free - BLUEPRINT_DEPOSIT);
		// Publishing does not touch the source deployment.
		assert_same!(Deployments::<Test>::get(dep), Some(microgrid(a, ALICE)));

		// A steward publishes one without a source, at the model bound, and pays for it.
		let charlie_free = free(CHARLIE);
		let mut s = spec(None);
		s.hardware_models = vec![1, 2, 3];
		s.device_mix = [0, 0, 0, 1];
		s.cost = 0;
		assert_ok!(Registry::publish_blueprint(RuntimeOrigin::signed(CHARLIE), a, s));
		assert_eq!(
			last_event(),
			Event::BlueprintPublished { blueprint: 1, state: a, source: None }.into()
		);
		assert_same!(
			Blueprints::<Test>::get(1),
			Some(Blueprint {
				hardware_models: vec![1, 2, 3].try_into().unwrap(),
				device_mix: [0, 0, 0, 1],
				cost: 0,
				..village_grid(a, None, CHARLIE, 0)
			})
		);
		assert!(StateBlueprints::<Test>::contains_key(a, 1));
		assert_eq!(
			(held_registry(CHARLIE), free(CHARLIE)),
			(BLUEPRINT_DEPOSIT, charlie_free - BLUEPRINT_DEPOSIT)
		);
		assert_eq!(NextBlueprintId::<Test>::get(), 2);
		assert!(Registry::blueprint(2).is_none());
	});
}

#[test]
fn publish_blueprint_errors() {
	run_test(|| {
		let (a, b, _) = three_states();
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), a, CHARLIE, Role::Citizen));
		let dep_a = create_deployment_of(ALICE, a);
		let dep_b = create_deployment_of(BOB, b);
		let publish = |who: AccountId, state: StateId, s: BlueprintSpec<Balance>| {
			Registry::publish_blueprint(RuntimeOrigin::signed(who), state, s)
		};

		assert_noop!(publish(ALICE, 42, spec(None)), Error::<Test>::StateNotFound);
		for who in [CHARLIE, 100, BOB] {
			assert_noop!(publish(who, a, spec(None)), Error::<Test>::NotAdminOrSteward);
		}
		assert_noop!(
			publish(ALICE, a, BlueprintSpec { name: vec![], ..spec(None) }),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			publish(ALICE, a, BlueprintSpec { name: vec![b'n'; 17], ..spec(None) }),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			publish(ALICE, a, BlueprintSpec { metadata_uri: vec![b'u'; 33], ..spec(None) }),
			Error::<Test>::UriTooLong
		);
		assert_noop!(
			publish(ALICE, a, BlueprintSpec { device_mix: [0; 4], ..spec(None) }),
			Error::<Test>::EmptyDeviceMix
		);
		assert_noop!(
			publish(ALICE, a, BlueprintSpec { hardware_models: vec![1, 2, 3, 4], ..spec(None) }),
			Error::<Test>::TooManyModels
		);
		// The source must be a deployment of the publishing state.
		assert_noop!(publish(ALICE, a, spec(Some(99))), Error::<Test>::DeploymentNotFound);
		assert_noop!(publish(ALICE, a, spec(Some(dep_b))), Error::<Test>::DeploymentOfOtherState);
		assert_noop!(publish(BOB, b, spec(Some(dep_a))), Error::<Test>::DeploymentOfOtherState);
		// A suspended state publishes nothing.
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), a));
		assert_noop!(publish(ALICE, a, spec(Some(dep_a))), Error::<Test>::StateSuspended);
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), a));
		assert_noop!(
			Registry::publish_blueprint(RuntimeOrigin::none(), a, spec(None)),
			DispatchError::BadOrigin
		);
		// Ids exhausted.
		NextBlueprintId::<Test>::put(u32::MAX);
		assert_noop!(publish(ALICE, a, spec(None)), Error::<Test>::IdsExhausted);
		NextBlueprintId::<Test>::put(0);

		assert!(Blueprints::<Test>::iter().next().is_none());
		assert_eq!(held_registry(ALICE), DEPLOYMENT_DEPOSIT);
		assert_ok!(publish(BOB, b, spec(Some(dep_b))));
	});
}

#[test]
fn publish_blueprint_cannot_afford_deposit() {
	run_test(|| {
		// POOR (50) administers a state Alice paid for: 60 is too much.
		let p = register_state_of(ALICE, POOR);
		let err =
			Registry::publish_blueprint(RuntimeOrigin::signed(POOR), p, spec(None)).unwrap_err();
		assert_eq!(err, Error::<Test>::CannotAffordDeposit.into());
		assert_noop!(
			Registry::publish_blueprint(RuntimeOrigin::signed(POOR), p, spec(None)),
			Error::<Test>::CannotAffordDeposit
		);
		assert_eq!(held_registry(POOR), 0);
		assert_eq!(NextBlueprintId::<Test>::get(), 0);
	});
}

/// States A, B, C; A's deployment `dep_a` is the source of A's blueprint `bp`; B has `dep_b`
/// (created by Bob), C has `dep_c` (created by Charlie).
fn blueprint_setup(
) -> (StateId, StateId, StateId, DeploymentId, BlueprintId, DeploymentId, DeploymentId) {
	let (a, b, c) = three_states();
	let dep_a = create_deployment_of(ALICE, a);
	let bp = publish_of(ALICE, a, Some(dep_a));
	let dep_b = create_deployment_of(BOB, b);
	let dep_c = create_deployment_of(CHARLIE, c);
	(a, b, c, dep_a, bp, dep_b, dep_c)
}

#[test]
fn another_state_adopts_a_blueprint() {
	run_test(|| {
		let (_, b, c, _, bp, dep_b, dep_c) = blueprint_setup();
		make_steward(c, CHARLIE, DAVE);
		let (alice_free, bob_free) = (free(ALICE), free(BOB));

		assert_ok!(Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b));
		assert_eq!(
			last_event(),
			Event::BlueprintAdopted { blueprint: bp, deployment: dep_b, state: b }.into()
		);
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 1);
		assert!(Adoptions::<Test>::contains_key(bp, dep_b));
		assert_same!(
			Deployments::<Test>::get(dep_b),
			Some(Deployment { blueprint: Some(bp), ..microgrid(b, BOB) })
		);
		// Adopting costs nothing.
		assert_eq!((free(ALICE), free(BOB)), (alice_free, bob_free));
		assert_eq!(held_registry(BOB), DEPLOYMENT_DEPOSIT);

		// A steward of C adopts it too.
		assert_ok!(Registry::adopt_blueprint(RuntimeOrigin::signed(DAVE), bp, dep_c));
		assert_eq!(
			last_event(),
			Event::BlueprintAdopted { blueprint: bp, deployment: dep_c, state: c }.into()
		);
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 2);
		let mut adopters: Vec<DeploymentId> =
			Adoptions::<Test>::iter_prefix(bp).map(|(d, ())| d).collect();
		adopters.sort();
		assert_eq!(adopters, vec![dep_b, dep_c]);
		assert_eq!(Deployments::<Test>::get(dep_c).unwrap().blueprint, Some(bp));
		assert_eq!(held_registry(DAVE), 0);
	});
}

#[test]
fn a_second_deployment_of_the_publisher_may_adopt() {
	run_test(|| {
		let (a, _, _, dep_a, bp, _, _) = blueprint_setup();
		let again = create_deployment_of(ALICE, a);
		assert_noop!(
			Registry::adopt_blueprint(RuntimeOrigin::signed(ALICE), bp, dep_a),
			Error::<Test>::AdoptingOwnSource
		);
		assert_ok!(Registry::adopt_blueprint(RuntimeOrigin::signed(ALICE), bp, again));
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 1);
		assert!(Adoptions::<Test>::contains_key(bp, again));
	});
}

#[test]
fn adopting_an_unknown_blueprint_fails() {
	run_test(|| {
		let (_, _, _, _, bp, dep_b, _) = blueprint_setup();
		assert_noop!(
			Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), bp + 1, dep_b),
			Error::<Test>::BlueprintNotFound
		);
		assert_noop!(
			Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), 99, 99),
			Error::<Test>::BlueprintNotFound
		);
		// A retired blueprint is unknown too.
		let other = publish_of(ALICE, 0, None);
		assert_ok!(Registry::retire_blueprint(RuntimeOrigin::signed(ALICE), other));
		assert_noop!(
			Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), other, dep_b),
			Error::<Test>::BlueprintNotFound
		);
		assert_eq!(Deployments::<Test>::get(dep_b).unwrap().blueprint, None);
	});
}

#[test]
fn adopt_blueprint_errors() {
	run_test(|| {
		let (a, b, _, dep_a, bp, dep_b, _) = blueprint_setup();
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(BOB), b, DAVE, Role::Citizen));
		assert_noop!(
			Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, 99),
			Error::<Test>::DeploymentNotFound
		);
		// Only an admin or steward of the adopting deployment's state: not the publisher, a
		// citizen, a stranger.
		for who in [ALICE, DAVE, 100] {
			assert_noop!(
				Registry::adopt_blueprint(RuntimeOrigin::signed(who), bp, dep_b),
				Error::<Test>::NotAdminOrSteward
			);
		}
		assert_noop!(
			Registry::adopt_blueprint(RuntimeOrigin::signed(ALICE), bp, dep_a),
			Error::<Test>::AdoptingOwnSource
		);
		// A suspended state adopts nothing.
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), b));
		assert_noop!(
			Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b),
			Error::<Test>::StateSuspended
		);
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), b));
		// A deployment adopts one blueprint, once.
		assert_ok!(Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b));
		assert_noop!(
			Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b),
			Error::<Test>::AlreadyAdopted
		);
		let second = publish_of(ALICE, a, None);
		assert_noop!(
			Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), second, dep_b),
			Error::<Test>::AlreadyAdopted
		);
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 1);
		assert_eq!(Blueprints::<Test>::get(second).unwrap().adoptions, 0);
		assert_noop!(
			Registry::adopt_blueprint(RuntimeOrigin::none(), bp, dep_b),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn closing_an_adopted_deployment_ends_the_adoption() {
	run_test(|| {
		let (_, b, c, _, bp, dep_b, dep_c) = blueprint_setup();
		assert_ok!(Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b));
		assert_ok!(Registry::adopt_blueprint(RuntimeOrigin::signed(CHARLIE), bp, dep_c));
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 2);
		let bob_free = free(BOB);

		assert_ok!(Registry::close_deployment(RuntimeOrigin::signed(BOB), dep_b));
		assert_eq!(last_event(), Event::DeploymentClosed { deployment: dep_b }.into());
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 1);
		assert!(!Adoptions::<Test>::contains_key(bp, dep_b));
		assert!(Adoptions::<Test>::contains_key(bp, dep_c));
		assert!(!StateDeployments::<Test>::contains_key(b, dep_b));
		assert_eq!((held_registry(BOB), free(BOB)), (0, bob_free + DEPLOYMENT_DEPOSIT));

		assert_ok!(Registry::close_deployment(RuntimeOrigin::signed(CHARLIE), dep_c));
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 0);
		assert!(Adoptions::<Test>::iter().next().is_none());
		assert!(!StateDeployments::<Test>::contains_key(c, dep_c));
		// The blueprint itself stays until retired.
		assert_same!(Blueprints::<Test>::get(bp), Some(village_grid(0, Some(0), ALICE, 0)));
	});
}

#[test]
fn retire_blueprint_only_when_not_adopted() {
	run_test(|| {
		let (a, _, _, _, bp, dep_b, _) = blueprint_setup();
		make_steward(a, ALICE, DAVE);
		let alice_free = free(ALICE);
		assert_ok!(Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b));
		assert_noop!(
			Registry::retire_blueprint(RuntimeOrigin::signed(ALICE), bp),
			Error::<Test>::BlueprintAdopted
		);
		assert_ok!(Registry::close_deployment(RuntimeOrigin::signed(BOB), dep_b));

		// A steward retires it; the deposit returns to Alice, who published it.
		let dave_free = free(DAVE);
		assert_ok!(Registry::retire_blueprint(RuntimeOrigin::signed(DAVE), bp));
		assert_eq!(last_event(), Event::BlueprintRetired { blueprint: bp }.into());
		assert!(Blueprints::<Test>::get(bp).is_none());
		assert!(!StateBlueprints::<Test>::contains_key(a, bp));
		assert!(Registry::blueprint(bp).is_none());
		assert_eq!(held_registry(ALICE), DEPLOYMENT_DEPOSIT);
		assert_eq!(free(ALICE), alice_free + BLUEPRINT_DEPOSIT);
		assert_eq!((held_registry(DAVE), free(DAVE)), (0, dave_free));
		assert_noop!(
			Registry::retire_blueprint(RuntimeOrigin::signed(ALICE), bp),
			Error::<Test>::BlueprintNotFound
		);
		// Ids are not reused.
		assert_eq!(publish_of(ALICE, a, None), bp + 1);
	});
}

#[test]
fn retire_blueprint_errors() {
	run_test(|| {
		let (a, b, _, _, bp, _, _) = blueprint_setup();
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), a, CHARLIE, Role::Citizen));
		make_steward(b, BOB, DAVE);
		assert_noop!(
			Registry::retire_blueprint(RuntimeOrigin::signed(ALICE), 99),
			Error::<Test>::BlueprintNotFound
		);
		// A citizen, a stranger, another state's admin and steward.
		for who in [CHARLIE, 100, BOB, DAVE] {
			assert_noop!(
				Registry::retire_blueprint(RuntimeOrigin::signed(who), bp),
				Error::<Test>::NotAdminOrSteward
			);
		}
		assert_noop!(
			Registry::retire_blueprint(RuntimeOrigin::none(), bp),
			DispatchError::BadOrigin
		);
		// Unadopted, the admin retires it right away.
		assert_ok!(Registry::retire_blueprint(RuntimeOrigin::signed(ALICE), bp));
		assert!(StateBlueprints::<Test>::iter().next().is_none());
	});
}

#[test]
fn deregister_refused_while_state_has_deployments_or_blueprints() {
	run_test(|| {
		let (a, _, _) = three_states();
		let alice_free = free(ALICE);
		let dep = create_deployment_of(ALICE, a);
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(ALICE), a),
			Error::<Test>::StateHasDeployments
		);
		// A blueprint drawn from it keeps the state too, once the deployment is closed.
		let bp = publish_of(ALICE, a, Some(dep));
		assert_ok!(Registry::close_deployment(RuntimeOrigin::signed(ALICE), dep));
		assert!(StateDeployments::<Test>::iter_prefix(a).next().is_none());
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(ALICE), a),
			Error::<Test>::StateHasDeployments
		);
		assert_ok!(Registry::retire_blueprint(RuntimeOrigin::signed(ALICE), bp));
		assert_ok!(Registry::deregister_state(RuntimeOrigin::signed(ALICE), a));
		assert_eq!(
			last_event(),
			Event::StateDeregistered { state: a, depositor: ALICE, deposit: STATE_DEPOSIT }.into()
		);
		assert_eq!((held_registry(ALICE), held_state(ALICE)), (0, 0));
		assert_eq!(free(ALICE), alice_free + STATE_DEPOSIT);
	});
}

#[test]
fn deregister_refused_while_only_a_blueprint_remains() {
	run_test(|| {
		let (_, b, _) = three_states();
		let bp = publish_of(BOB, b, None);
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(BOB), b),
			Error::<Test>::StateHasDeployments
		);
		assert_ok!(Registry::retire_blueprint(RuntimeOrigin::signed(BOB), bp));
		assert_ok!(Registry::deregister_state(RuntimeOrigin::signed(BOB), b));
	});
}

#[test]
fn deployments_of_is_paginated() {
	run_test(|| {
		let (a, b, _) = three_states();
		let mine: Vec<DeploymentId> = (0..7).map(|_| create_deployment_of(ALICE, a)).collect();
		let theirs: Vec<DeploymentId> = (0..2).map(|_| create_deployment_of(BOB, b)).collect();
		// Walking with pages of any size sees every deployment of A once, with its record.
		for size in [1, 2, 3, 7, 100] {
			let walked = walk_pages(|c, l| Registry::deployments_of(a, c, l), |(id, _)| *id, size);
			let mut ids: Vec<DeploymentId> = walked.iter().map(|(id, _)| *id).collect();
			for (id, d) in &walked {
				assert_same!(Some(d.clone()), Deployments::<Test>::get(id));
				assert_eq!(d.state, a);
			}
			ids.sort();
			assert_eq!(ids, mine);
		}
		let first = Registry::deployments_of(a, None, 3);
		assert_eq!(first.items.len(), 3);
		assert_eq!(first.next, first.items.last().map(|(id, _)| *id));
		// Exactly a page: no cursor.
		assert_eq!(Registry::deployments_of(a, None, 7).next, None);
		let mut ids: Vec<DeploymentId> =
			Registry::deployments_of(b, None, 10).items.into_iter().map(|(id, _)| id).collect();
		ids.sort();
		assert_eq!(ids, theirs);
		assert!(Registry::deployments_of(42, None, 10).items.is_empty());
		// Closed deployments drop out.
		assert_ok!(Registry::close_deployment(RuntimeOrigin::signed(ALICE), mine[3]));
		let mut after: Vec<DeploymentId> =
			walk_pages(|c, l| Registry::deployments_of(a, c, l), |(id, _)| *id, 2)
				.into_iter()
				.map(|(id, _)| id)
				.collect();
		after.sort();
		assert_eq!(after, [&mine[..3], &mine[4..]].concat());
	});
}

#[test]
fn deployments_of_pages_are_capped_at_100() {
	run_test(|| {
		let (a, _, _) = three_states();
		let mine: Vec<DeploymentId> = (0..105).map(|_| create_deployment_of(ALICE, a)).collect();
		let first = Registry::deployments_of(a, None, 1_000);
		assert_eq!(first.items.len(), 100);
		assert_eq!(first.next, first.items.last().map(|(id, _)| *id));
		let rest = Registry::deployments_of(a, first.next, u32::MAX);
		assert_eq!(rest.items.len(), 5);
		assert_eq!(rest.next, None);
		let mut all: Vec<DeploymentId> =
			first.items.iter().chain(rest.items.iter()).map(|(id, _)| *id).collect();
		all.sort();
		all.dedup();
		assert_eq!(all, mine);
	});
}

#[test]
fn deployment_devices_is_paginated() {
	run_test(|| {
		let (a, _, _) = three_states();
		let dep = create_deployment_of(ALICE, a);
		let other = create_deployment_of(ALICE, a);
		for d in [10u64, 20, 30, 40] {
			MockDevices::register(d, DAVE, a);
		}
		for d in [10, 20, 30] {
			assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), dep, d));
		}
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), other, 40));
		for size in [1, 2, 3, 100] {
			let mut walked =
				walk_pages(|c, l| Registry::deployment_devices(dep, c, l), |d| *d, size);
			walked.sort();
			assert_eq!(walked, vec![10, 20, 30]);
		}
		let first = Registry::deployment_devices(dep, None, 2);
		assert_eq!(first.items.len(), 2);
		assert_eq!(first.next, first.items.last().copied());
		let rest = Registry::deployment_devices(dep, first.next, 2);
		assert_eq!(rest.items.len(), 1);
		assert_eq!(rest.next, None);
		assert!(!first.items.contains(&rest.items[0]));
		assert_eq!(Registry::deployment_devices(dep, None, 3).next, None);
		assert_eq!(Registry::deployment_devices(other, None, 10).items, vec![40]);
		assert!(Registry::deployment_devices(99, None, 10).items.is_empty());
		// A device that left drops out.
		assert_ok!(Registry::remove_device(RuntimeOrigin::signed(DAVE), dep, 20));
		let mut left = walk_pages(|c, l| Registry::deployment_devices(dep, c, l), |d| *d, 1);
		left.sort();
		assert_eq!(left, vec![10, 30]);
	});
}

#[test]
fn try_state_detects_broken_deployments() {
	run_test(|| {
		let (a, b, _) = three_states();
		MockDevices::register(1, DAVE, a);
		MockDevices::register(2, DAVE, a);
		let dep_a = create_deployment_of(ALICE, a);
		let bp = publish_of(ALICE, a, Some(dep_a));
		let dep_b = create_deployment_of(BOB, b);
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(DAVE), dep_a, 1));
		assert_ok!(Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b));
		assert_ok!(Registry::do_try_state());
		let fails_with = |msg: &'static str| {
			assert_eq!(Registry::do_try_state(), Err(DispatchError::Other(msg)));
		};

		// A wrong device count, too high or too low.
		Deployments::<Test>::mutate(dep_a, |d| d.as_mut().unwrap().devices = 2);
		fails_with("a deployment's device count is off");
		Deployments::<Test>::mutate(dep_a, |d| d.as_mut().unwrap().devices = 0);
		fails_with("a deployment's device count is off");
		Deployments::<Test>::mutate(dep_a, |d| d.as_mut().unwrap().devices = 1);
		assert_ok!(Registry::do_try_state());

		// A DeviceDeployment entry without its DeploymentDevices entry, and the reverse.
		DeviceDeployment::<Test>::insert(2, dep_a);
		fails_with("device indexes disagree");
		DeviceDeployment::<Test>::remove(2);
		DeviceDeployment::<Test>::remove(1);
		fails_with("device indexes disagree");
		DeviceDeployment::<Test>::insert(1, dep_b);
		fails_with("device indexes disagree");
		DeviceDeployment::<Test>::insert(1, dep_a);
		assert_ok!(Registry::do_try_state());

		// An adoption count off, either way.
		Blueprints::<Test>::mutate(bp, |x| x.as_mut().unwrap().adoptions = 2);
		fails_with("a blueprint's adoption count is off");
		Blueprints::<Test>::mutate(bp, |x| x.as_mut().unwrap().adoptions = 0);
		fails_with("a blueprint's adoption count is off");
		Blueprints::<Test>::mutate(bp, |x| x.as_mut().unwrap().adoptions = 1);
		assert_ok!(Registry::do_try_state());

		// An adoption without its link, and a link without its adoption.
		Deployments::<Test>::mutate(dep_b, |d| d.as_mut().unwrap().blueprint = None);
		fails_with("an adoption without its deployment's link");
		Deployments::<Test>::mutate(dep_b, |d| d.as_mut().unwrap().blueprint = Some(bp));
		Adoptions::<Test>::remove(bp, dep_b);
		fails_with("an adoption not recorded");
		Adoptions::<Test>::insert(bp, dep_b, ());
		assert_ok!(Registry::do_try_state());

		// State indexes: missing, stale, or under the wrong state.
		StateDeployments::<Test>::remove(b, dep_b);
		fails_with("a deployment not indexed");
		StateDeployments::<Test>::insert(a, dep_b, ());
		fails_with("a deployment not indexed");
		StateDeployments::<Test>::remove(a, dep_b);
		StateDeployments::<Test>::insert(b, dep_b, ());
		StateDeployments::<Test>::insert(b, 99, ());
		fails_with("a stale deployment index");
		StateDeployments::<Test>::remove(b, 99);
		StateBlueprints::<Test>::remove(a, bp);
		fails_with("a blueprint not indexed");
		StateBlueprints::<Test>::insert(a, bp, ());
		StateBlueprints::<Test>::insert(b, bp, ());
		fails_with("a stale blueprint index");
		StateBlueprints::<Test>::remove(b, bp);
		assert_ok!(Registry::do_try_state());

		// A stored deposit that differs from the held one.
		Blueprints::<Test>::mutate(bp, |x| x.as_mut().unwrap().deposit = 1);
		fails_with("held deployment and blueprint deposits differ from stored");
		Blueprints::<Test>::mutate(bp, |x| x.as_mut().unwrap().deposit = BLUEPRINT_DEPOSIT);
		Deployments::<Test>::mutate(dep_b, |d| d.as_mut().unwrap().depositor = CHARLIE);
		fails_with("held deployment and blueprint deposits differ from stored");
		Deployments::<Test>::mutate(dep_b, |d| d.as_mut().unwrap().depositor = BOB);
		assert_ok!(Registry::do_try_state());

		// An orphaned RegistryDeposit hold, on an account with no record at all.
		use frame_support::traits::fungible::MutateHold;
		let reason = HoldReason::RegistryDeposit.into();
		assert_ok!(<Balances as MutateHold<_>>::hold(&reason, &DAVE, 5));
		fails_with("held deployment and blueprint deposits differ from stored");
		assert_ok!(<Balances as MutateHold<_>>::release(
			&reason,
			&DAVE,
			5,
			frame_support::traits::tokens::Precision::Exact
		));
		assert_ok!(Registry::do_try_state());

		// A deployment of a state that no longer exists.
		let saved = States::<Test>::take(b).unwrap();
		fails_with("a deployment of an unknown state");
		States::<Test>::insert(b, saved);
		// run_test checks the restored state once more.
	});
}

/// A deployment deposit left on hold after its record is gone (a missed release) is caught.
#[test]
fn try_state_catches_an_orphaned_deployment_hold() {
	new_test_ext().execute_with(|| {
		let (a, _, _) = three_states();
		let dep = create_deployment_of(ALICE, a);
		assert_ok!(Registry::do_try_state());
		Deployments::<Test>::remove(dep);
		StateDeployments::<Test>::remove(a, dep);
		assert_eq!(held_registry(ALICE), DEPLOYMENT_DEPOSIT);
		assert_eq!(
			Registry::do_try_state(),
			Err(DispatchError::Other("held deployment and blueprint deposits differ from stored"))
		);
	});
}

/// A deployment linked to a blueprint that does not exist (with a matching `Adoptions` entry)
/// is caught.
#[test]
fn try_state_catches_an_adoption_of_an_unknown_blueprint() {
	new_test_ext().execute_with(|| {
		let (_, b, _) = three_states();
		let dep = create_deployment_of(BOB, b);
		Deployments::<Test>::mutate(dep, |d| d.as_mut().unwrap().blueprint = Some(99));
		Adoptions::<Test>::insert(99, dep, ());
		assert!(Blueprints::<Test>::get(99).is_none());
		assert!(Registry::do_try_state().is_err());
	});
}

/// A blueprint of a state that no longer exists is caught.
#[test]
fn try_state_catches_a_blueprint_of_an_unknown_state() {
	new_test_ext().execute_with(|| {
		let (_, b, _) = three_states();
		let _bp = publish_of(BOB, b, None);
		assert_ok!(Registry::do_try_state());
		States::<Test>::remove(b);
		assert!(Registry::do_try_state().is_err());
	});
}

#[test]
fn a_suspended_state_takes_no_device_into_its_deployments() {
	run_test(|| {
		let (_, b, _) = three_states();
		let dep = create_deployment_of(BOB, b);
		MockDevices::register(70, BOB, b);
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), b));
		assert_noop!(
			Registry::add_device(RuntimeOrigin::signed(BOB), dep, 70),
			Error::<Test>::StateSuspended
		);
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), b));
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(BOB), dep, 70));
	});
}

// ---------------------------------------------------------------------------------------------
// KPIs and co-use agreements
// ---------------------------------------------------------------------------------------------

use crate::{
	AgreementOfScope, Agreements, BlueprintCount, BlueprintKpis, DeploymentKpis, GuestAgreements,
	HostAgreements, ScopeTerms, UsageScope,
};
use atlas_primitives::{
	Delivery, DeviceClass, EpochDevices, KpiKind, OnDelivery, OnRewardPaid, RecentDevices,
};
use sp_runtime::Perbill;

/// An hour's delivery of an energy device: `uptime` seconds, `energy` Wh, `points`.
fn delivery(uptime: u32, energy: u32, points: u64) -> Delivery {
	Delivery {
		metrics: Metrics { uptime_secs: uptime, energy_wh: energy, ..Default::default() },
		epoch_secs: 3_600,
		points,
	}
}

/// State A (Alice) with deployment 0 holding Alice's devices 1 and 2; device 3 of Alice is in
/// no deployment.
fn deployment_with_two_devices() -> (StateId, DeploymentId) {
	let a = register_state_of(ALICE, ALICE);
	let d = create_deployment_of(ALICE, a);
	for device in [1, 2, 3] {
		MockDevices::register(device, ALICE, a);
	}
	assert_ok!(Registry::add_device(RuntimeOrigin::signed(ALICE), d, 1));
	assert_ok!(Registry::add_device(RuntimeOrigin::signed(ALICE), d, 2));
	(a, d)
}

#[test]
fn deployment_kpis_follow_member_deliveries_and_payments() {
	run_test(|| {
		let (_, d) = deployment_with_two_devices();
		assert_eq!(Registry::deployment_kpis(d).unwrap().totals, Default::default());
		let w = <Registry as OnDelivery>::on_delivery(1, 0, None, &delivery(3_600, 400, 40));
		assert_eq!(w, <() as crate::WeightInfo>::note_delivery());
		<Registry as OnDelivery>::on_delivery(2, 0, None, &delivery(1_800, 100, 10));
		// Device 3 is in no deployment: nothing is counted, and it costs a single read.
		let w = <Registry as OnDelivery>::on_delivery(3, 0, None, &delivery(3_600, 999, 99));
		assert_eq!(w, <() as crate::WeightInfo>::note_delivery_outside());
		// Verifiers cap device 2's uptime: the change replaces its earlier figures.
		<Registry as OnDelivery>::on_delivery(
			2,
			0,
			Some(&delivery(1_800, 100, 10)),
			&delivery(900, 100, 5),
		);
		<Registry as OnRewardPaid<Balance>>::on_reward_paid(1, 700);
		<Registry as OnRewardPaid<Balance>>::on_reward_paid(3, 50);
		<Registry as OnDelivery>::on_delivery(1, 1, None, &delivery(3_600, 300, 30));

		let view = Registry::deployment_kpis(d).unwrap();
		let k = view.totals;
		assert_eq!((k.device_epochs, k.uptime_secs, k.possible_secs), (3, 8_100, 10_800));
		assert_eq!((k.energy_wh, k.points, k.rewards), (800, 75, 700));
		assert_eq!(view.uptime_ratio, Perbill::from_percent(75));
		assert_eq!(
			view.recent,
			RecentDevices([
				EpochDevices { epoch: 1, devices: 1 },
				EpochDevices { epoch: 0, devices: 2 }
			])
		);
		// Devices active counts the latest closed epoch only.
		assert_eq!(view.devices_active, 0);
		MockClosedEpochs::close_before(1);
		assert_eq!(Registry::deployment_kpis(d).unwrap().devices_active, 2);
		MockClosedEpochs::close_before(2);
		assert_eq!(Registry::deployment_kpis(d).unwrap().devices_active, 1);
		assert_eq!(Registry::deployment_kpis(9), None);
		MockClosedEpochs::close_before(0);
	});
}

#[test]
fn blueprint_kpis_sum_source_and_adoptions() {
	run_test(|| {
		let (a, d0) = deployment_with_two_devices();
		<Registry as OnDelivery>::on_delivery(1, 0, None, &delivery(3_600, 400, 40));
		// Published from d0 after it reported: its figures are the blueprint's first evidence.
		assert_ok!(Registry::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(Some(d0))));
		assert_eq!(
			Registry::blueprint_kpis(0).unwrap().totals,
			DeploymentKpis::<Test>::get(d0).totals
		);
		assert_eq!(DeploymentKpis::<Test>::get(d0).blueprint, Some(0));
		// d0 already counts toward blueprint 0: it cannot source another or adopt one.
		assert_noop!(
			Registry::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(Some(d0))),
			Error::<Test>::DeploymentInBlueprint
		);
		assert_ok!(Registry::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(None)));
		assert_noop!(
			Registry::adopt_blueprint(RuntimeOrigin::signed(ALICE), 1, d0),
			Error::<Test>::DeploymentInBlueprint
		);
		// State B replicates it: its deployment's deliveries (and earlier ones) join the sum.
		let b = register_state_of(BOB, BOB);
		let d1 = create_deployment_of(BOB, b);
		MockDevices::register(10, BOB, b);
		assert_ok!(Registry::add_device(RuntimeOrigin::signed(BOB), d1, 10));
		<Registry as OnDelivery>::on_delivery(10, 0, None, &delivery(1_800, 200, 20));
		assert_ok!(Registry::adopt_blueprint(RuntimeOrigin::signed(BOB), 0, d1));
		<Registry as OnDelivery>::on_delivery(10, 1, None, &delivery(3_600, 300, 30));
		<Registry as OnDelivery>::on_delivery(2, 1, None, &delivery(3_600, 100, 10));
		<Registry as OnRewardPaid<Balance>>::on_reward_paid(10, 1_000);
		let bp = Registry::blueprint_kpis(0).unwrap();
		assert_eq!(bp.totals.device_epochs, 4);
		assert_eq!(bp.totals.energy_wh, 400 + 200 + 300 + 100);
		assert_eq!(bp.totals.rewards, 1_000);
		assert_eq!(bp.uptime_ratio, Perbill::from_rational(12_600u32, 14_400u32));
		assert_eq!(bp.recent.0[0], EpochDevices { epoch: 1, devices: 2 });
		// The other blueprint has no deployments: nothing counted.
		assert_eq!(Registry::blueprint_kpis(1).unwrap().totals, Default::default());
		// B closes its deployment: its figures leave the blueprint's.
		assert_ok!(Registry::remove_device(RuntimeOrigin::signed(BOB), d1, 10));
		assert_ok!(Registry::close_deployment(RuntimeOrigin::signed(BOB), d1));
		assert_eq!(
			Registry::blueprint_kpis(0).unwrap().totals,
			DeploymentKpis::<Test>::get(d0).totals
		);
		assert!(!DeploymentKpis::<Test>::contains_key(d1));
		// Retiring the blueprint unlinks its source.
		assert_ok!(Registry::retire_blueprint(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(DeploymentKpis::<Test>::get(d0).blueprint, None);
		assert!(!BlueprintKpis::<Test>::contains_key(0));
		assert_eq!(Registry::blueprint_kpis(0), None);
		assert_eq!(BlueprintCount::<Test>::get(), 1);
		// Now free, d0 may adopt blueprint 1.
		assert_ok!(Registry::adopt_blueprint(RuntimeOrigin::signed(ALICE), 1, d0));
		assert_eq!(
			Registry::blueprint_kpis(1).unwrap().totals,
			DeploymentKpis::<Test>::get(d0).totals
		);
	});
}

#[test]
fn blueprints_are_ranked_by_any_kpi_in_pages() {
	run_test(|| {
		let a = register_state_of(ALICE, ALICE);
		// Three deployments, each the source of a blueprint, device 1 + i in deployment i.
		for i in 0..3u64 {
			let d = create_deployment_of(ALICE, a);
			MockDevices::register(1 + i, ALICE, a);
			assert_ok!(Registry::add_device(RuntimeOrigin::signed(ALICE), d, 1 + i));
			assert_ok!(Registry::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(Some(d))));
		}
		// Energy: blueprint 1 > 2 > 0. Uptime ratio: 0 > 2 > 1.
		<Registry as OnDelivery>::on_delivery(1, 0, None, &delivery(3_600, 100, 1));
		<Registry as OnDelivery>::on_delivery(2, 0, None, &delivery(1_000, 900, 1));
		<Registry as OnDelivery>::on_delivery(3, 0, None, &delivery(2_000, 500, 1));
		let ids = |kind, cursor, limit| {
			let page = Registry::blueprints_ranked(kind, cursor, limit);
			(page.items.iter().map(|(id, _)| *id).collect::<Vec<_>>(), page.next)
		};
		assert_eq!(ids(KpiKind::Energy, None, 2), (vec![1, 2], Some(2)));
		assert_eq!(ids(KpiKind::Energy, Some(2), 2), (vec![0], None));
		assert_eq!(ids(KpiKind::UptimeRatio, None, 100), (vec![0, 2, 1], None));
		// Ties rank by id.
		assert_eq!(ids(KpiKind::Points, None, 100), (vec![0, 1, 2], None));
		assert_eq!(ids(KpiKind::Energy, Some(3), 2), (vec![], None));
		let first = Registry::blueprints_ranked(KpiKind::Energy, None, 1);
		assert_eq!(first.items[0].1.totals.energy_wh, 900);
	});
}

#[test]
fn blueprints_are_bounded() {
	run_test(|| {
		let a = register_state_of(ALICE, ALICE);
		for _ in 0..MAX_BLUEPRINTS {
			assert_ok!(Registry::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(None)));
		}
		assert_noop!(
			Registry::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(None)),
			Error::<Test>::TooManyBlueprints
		);
		assert_eq!(BlueprintCount::<Test>::get(), MAX_BLUEPRINTS);
		assert_ok!(Registry::retire_blueprint(RuntimeOrigin::signed(ALICE), 2));
		assert_ok!(Registry::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(None)));
	});
}

#[test]
fn try_state_detects_kpi_drift() {
	new_test_ext().execute_with(|| {
		let (a, d0) = deployment_with_two_devices();
		assert_ok!(Registry::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(Some(d0))));
		<Registry as OnDelivery>::on_delivery(1, 0, None, &delivery(3_600, 400, 40));
		assert_ok!(Registry::do_try_state());
		BlueprintKpis::<Test>::mutate(0, |k| k.totals.energy_wh += 1);
		assert!(Registry::do_try_state().is_err());
		BlueprintKpis::<Test>::mutate(0, |k| k.totals.energy_wh -= 1);
		DeploymentKpis::<Test>::mutate(d0, |k| k.blueprint = None);
		assert!(Registry::do_try_state().is_err());
		DeploymentKpis::<Test>::mutate(d0, |k| k.blueprint = Some(0));
		BlueprintCount::<Test>::put(3);
		assert!(Registry::do_try_state().is_err());
		BlueprintCount::<Test>::put(1);
		DeploymentKpis::<Test>::remove(d0);
		assert!(Registry::do_try_state().is_err());
	});
}

fn held_agreement(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AgreementDeposit.into(), &who)
}

/// States A (Alice, hosting deployment 0 with devices 1 and 2, device 3 outside it), B (Bob)
/// which A recognises, and C (Charlie) which A does not.
fn host_and_guests() -> (StateId, DeploymentId, StateId, StateId) {
	let (a, d) = deployment_with_two_devices();
	let b = register_state_of(BOB, BOB);
	let c = register_state_of(CHARLIE, CHARLIE);
	assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(BOB), b, a));
	assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(ALICE), a, b));
	assert!(Registry::is_recognised(a, b));
	(a, d, b, c)
}

#[test]
fn co_use_agreement_grants_usage_for_a_time() {
	run_test(|| {
		let (a, d, b, _) = host_and_guests();
		System::set_block_number(10);
		assert!(!Registry::usage_allowed(b, 1));
		assert!(Registry::usage_allowed(a, 1), "a state's own devices");
		let share = Perbill::from_percent(20);
		assert_ok!(Registry::grant_usage(
			RuntimeOrigin::signed(ALICE),
			a,
			b,
			UsageScope::Deployment(d),
			50,
			share
		));
		System::assert_last_event(
			Event::UsageGranted {
				agreement: 0,
				host: a,
				guest: b,
				scope: UsageScope::Deployment(d),
				host_share: share,
				ends: 60,
			}
			.into(),
		);
		assert_eq!(held_agreement(ALICE), AGREEMENT_DEPOSIT);
		let agreement = Registry::agreement(0).unwrap();
		assert_eq!((agreement.starts, agreement.ends, agreement.depositor), (10, 60, ALICE));
		assert_eq!(AgreementOfScope::<Test>::get((a, b), UsageScope::Deployment(d)), Some(0));
		assert!(Registry::usage_allowed(b, 1) && Registry::usage_allowed(b, 2));
		assert!(!Registry::usage_allowed(b, 3), "device 3 is outside the deployment");
		// A class grant covers every device of the class in the host state.
		assert_ok!(Registry::grant_usage(
			RuntimeOrigin::signed(ALICE),
			a,
			b,
			UsageScope::Class(DeviceClass::Energy),
			20,
			Perbill::zero()
		));
		assert!(Registry::usage_allowed(b, 3));
		let hosted = Registry::agreements_hosted_by(a, None, 1);
		assert_eq!(hosted.items.len(), 1);
		let first = hosted.items[0].0;
		assert_eq!(hosted.next, Some(first));
		let rest = Registry::agreements_hosted_by(a, hosted.next, 10);
		assert_eq!((rest.items[0].0, rest.next), (1 - first, None));
		assert_eq!(Registry::agreements_granted_to(b, None, 10).items.len(), 2);
		assert!(Registry::agreements_granted_to(a, None, 10).items.is_empty());
		// The class grant runs out at block 30.
		System::set_block_number(30);
		assert!(!Registry::usage_allowed(b, 3));
		assert!(Registry::usage_allowed(b, 1));
	});
}

#[test]
fn grant_usage_errors() {
	run_test(|| {
		let (a, d, b, c) = host_and_guests();
		let grant = |who, host, guest, scope, duration| {
			Registry::grant_usage(
				RuntimeOrigin::signed(who),
				host,
				guest,
				scope,
				duration,
				Perbill::from_percent(10),
			)
		};
		let dep = UsageScope::Deployment(d);
		assert_noop!(grant(BOB, a, b, dep, 10), Error::<Test>::NotAdmin);
		assert_noop!(grant(ALICE, 9, b, dep, 10), Error::<Test>::StateNotFound);
		assert_noop!(grant(ALICE, a, a, dep, 10), Error::<Test>::CannotAgreeWithSelf);
		assert_noop!(grant(ALICE, a, 9, dep, 10), Error::<Test>::StateNotFound);
		assert_noop!(grant(ALICE, a, c, dep, 10), Error::<Test>::GuestNotRecognised);
		assert_noop!(
			grant(ALICE, a, b, UsageScope::Deployment(9), 10),
			Error::<Test>::DeploymentNotFound
		);
		let bobs = create_deployment_of(BOB, b);
		assert_ok!(Registry::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Registry::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_noop!(
			grant(BOB, b, a, UsageScope::Deployment(d), 10),
			Error::<Test>::DeploymentOfOtherState
		);
		assert_ok!(grant(BOB, b, a, UsageScope::Deployment(bobs), 10));
		assert_noop!(grant(ALICE, a, b, dep, 0), Error::<Test>::BadDuration);
		assert_noop!(
			grant(ALICE, a, b, dep, MAX_AGREEMENT_DURATION + 1),
			Error::<Test>::BadDuration
		);
		assert_ok!(grant(ALICE, a, b, dep, MAX_AGREEMENT_DURATION));
		assert_noop!(grant(ALICE, a, b, dep, 10), Error::<Test>::AgreementExists);
		// Chain-wide recognition counts as recognition.
		assert_ok!(Registry::set_chain_recognition(RuntimeOrigin::root(), c, true));
		let p = register_state_of(ALICE, POOR);
		assert_ok!(Registry::set_chain_recognition(RuntimeOrigin::root(), a, true));
		assert_noop!(
			grant(POOR, p, a, UsageScope::Class(DeviceClass::Compute), 10),
			Error::<Test>::CannotAffordDeposit
		);
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), a));
		assert_noop!(
			grant(ALICE, a, c, UsageScope::Class(DeviceClass::Energy), 10),
			Error::<Test>::StateSuspended
		);
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), a));
		assert_ok!(grant(ALICE, a, c, UsageScope::Class(DeviceClass::Energy), 10));
	});
}

#[test]
fn agreements_end_expire_and_extend() {
	run_test(|| {
		let (a, d, b, c) = host_and_guests();
		System::set_block_number(10);
		let dep = UsageScope::Deployment(d);
		let energy = UsageScope::Class(DeviceClass::Energy);
		let share = Perbill::from_percent(5);
		assert_ok!(Registry::grant_usage(RuntimeOrigin::signed(ALICE), a, b, dep, 50, share));
		assert_ok!(Registry::grant_usage(RuntimeOrigin::signed(ALICE), a, b, energy, 20, share));
		assert_eq!(held_agreement(ALICE), 2 * AGREEMENT_DEPOSIT);
		// A state with agreements cannot deregister (even once no longer recognised).
		assert_ok!(Registry::withdraw_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_noop!(
			Registry::deregister_state(RuntimeOrigin::signed(BOB), b),
			Error::<Test>::StateHasAgreements
		);
		// Ending: the host's or the guest's admin only.
		assert_noop!(
			Registry::end_agreement(RuntimeOrigin::signed(CHARLIE), 0),
			Error::<Test>::NotAgreementParty
		);
		assert_noop!(
			Registry::end_agreement(RuntimeOrigin::signed(ALICE), 7),
			Error::<Test>::AgreementNotFound
		);
		assert_ok!(Registry::end_agreement(RuntimeOrigin::signed(BOB), 0));
		System::assert_last_event(Event::AgreementEnded { agreement: 0, by: b }.into());
		assert_eq!(held_agreement(ALICE), AGREEMENT_DEPOSIT);
		assert!(!AgreementOfScope::<Test>::contains_key((a, b), dep));
		assert!(!HostAgreements::<Test>::contains_key(a, 0));
		assert!(!GuestAgreements::<Test>::contains_key(b, 0));
		// Extending: the host admin, before it runs out, within the longest duration.
		assert_noop!(
			Registry::extend_agreement(RuntimeOrigin::signed(BOB), 1, 10),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Registry::extend_agreement(RuntimeOrigin::signed(ALICE), 1, MAX_AGREEMENT_DURATION + 1),
			Error::<Test>::BadDuration
		);
		assert_noop!(
			Registry::extend_agreement(RuntimeOrigin::signed(ALICE), 0, 10),
			Error::<Test>::AgreementNotFound
		);
		System::set_block_number(25);
		assert_ok!(Registry::extend_agreement(RuntimeOrigin::signed(ALICE), 1, 10));
		System::assert_last_event(Event::AgreementExtended { agreement: 1, ends: 35 }.into());
		// Expiring: anyone, once it ran out.
		assert_noop!(
			Registry::expire_agreement(RuntimeOrigin::signed(CHARLIE), 1),
			Error::<Test>::AgreementNotExpired
		);
		System::set_block_number(35);
		assert_noop!(
			Registry::extend_agreement(RuntimeOrigin::signed(ALICE), 1, 10),
			Error::<Test>::AgreementExpired
		);
		assert!(!Registry::usage_allowed(b, 1));
		assert_ok!(Registry::expire_agreement(RuntimeOrigin::signed(CHARLIE), 1));
		System::assert_last_event(Event::AgreementExpired { agreement: 1 }.into());
		assert_eq!(held_agreement(ALICE), 0);
		assert!(Agreements::<Test>::iter().next().is_none());
		assert_noop!(
			Registry::expire_agreement(RuntimeOrigin::signed(CHARLIE), 1),
			Error::<Test>::AgreementNotFound
		);
		// With its agreements gone, the guest may leave.
		assert_ok!(Registry::deregister_state(RuntimeOrigin::signed(BOB), b));
		let _ = c;
	});
}

#[test]
fn try_state_detects_broken_agreements() {
	new_test_ext().execute_with(|| {
		let (a, d, b, _) = host_and_guests();
		let dep = UsageScope::Deployment(d);
		assert_ok!(Registry::grant_usage(
			RuntimeOrigin::signed(ALICE),
			a,
			b,
			dep,
			50,
			Perbill::zero()
		));
		assert_ok!(Registry::do_try_state());
		GuestAgreements::<Test>::remove(b, 0);
		assert!(Registry::do_try_state().is_err());
		GuestAgreements::<Test>::insert(b, 0, ());
		AgreementOfScope::<Test>::remove((a, b), dep);
		assert!(Registry::do_try_state().is_err());
		AgreementOfScope::<Test>::insert((a, b), dep, 0);
		Agreements::<Test>::mutate(0, |x| x.as_mut().unwrap().deposit += 1);
		assert!(Registry::do_try_state().is_err());
	});
}

#[test]
fn host_share_is_the_largest_of_the_agreements_in_force() {
	use atlas_primitives::CoUseTerms;
	run_test(|| {
		let (a, d, b, c) = host_and_guests();
		assert_ok!(Registry::set_chain_recognition(RuntimeOrigin::root(), c, true));
		let share = |device| <Registry as CoUseTerms>::host_share(device, a, DeviceClass::Energy);
		assert_eq!(share(1), Perbill::zero());
		System::set_block_number(10);
		let grant = |guest, scope, duration, pct| {
			Registry::grant_usage(
				RuntimeOrigin::signed(ALICE),
				a,
				guest,
				scope,
				duration,
				Perbill::from_percent(pct),
			)
		};
		let dep = UsageScope::Deployment(d);
		let energy = UsageScope::Class(DeviceClass::Energy);
		assert_ok!(grant(b, dep, 50, 10));
		assert_ok!(grant(c, dep, 20, 30));
		assert_eq!((share(1), share(3)), (Perbill::from_percent(30), Perbill::zero()));
		assert_ok!(grant(b, energy, 100, 5));
		assert_eq!(share(3), Perbill::from_percent(5), "device 3 is outside the deployment");
		// Two agreements already cover the deployment (the mock's bound).
		let e = register_state_of(DAVE, DAVE);
		assert_ok!(Registry::set_chain_recognition(RuntimeOrigin::root(), e, true));
		assert_noop!(grant(e, dep, 10, 50), Error::<Test>::TooManyAgreements);
		// C's agreement runs out at block 30: B's 10 % is the largest left.
		System::set_block_number(30);
		assert_eq!(share(1), Perbill::from_percent(10));
		assert_ok!(Registry::expire_agreement(RuntimeOrigin::signed(DAVE), 1));
		assert_eq!(ScopeTerms::<Test>::get(a, dep).len(), 1);
		assert_ok!(grant(e, dep, 10, 50));
		assert_eq!(share(1), Perbill::from_percent(50));
		// Extending moves the end in the terms too; ending drops them.
		assert_ok!(Registry::extend_agreement(RuntimeOrigin::signed(ALICE), 0, 100));
		assert_eq!(ScopeTerms::<Test>::get(a, dep)[0], (0, Perbill::from_percent(10), 130));
		assert_ok!(Registry::end_agreement(RuntimeOrigin::signed(DAVE), 3));
		assert_ok!(Registry::end_agreement(RuntimeOrigin::signed(BOB), 0));
		assert!(!ScopeTerms::<Test>::contains_key(a, dep));
		assert_eq!(share(1), Perbill::from_percent(5));
	});
}

#[test]
fn the_tally_counts_registered_and_active_states() {
	use atlas_primitives::StateTally;
	run_test(|| {
		let (a, b, _) = three_states();
		assert_eq!(crate::Tally::<Test>::get(), StateTally { registered: 3, active: 3 });
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), b));
		assert_eq!(crate::Tally::<Test>::get(), StateTally { registered: 3, active: 2 });
		assert_noop!(
			Registry::suspend_state(RuntimeOrigin::root(), b),
			Error::<Test>::StateSuspended
		);
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), b));
		assert_ok!(Registry::deregister_state(RuntimeOrigin::signed(ALICE), a));
		assert_eq!(crate::Tally::<Test>::get(), StateTally { registered: 2, active: 2 });
		crate::Tally::<Test>::put(StateTally { registered: 2, active: 1 });
		assert!(Registry::do_try_state().is_err());
		crate::Tally::<Test>::put(StateTally { registered: 2, active: 2 });
	});
}

#[test]
fn chain_seats_are_told_every_change_of_standing() {
	use crate::mock::StateChange::*;
	run_test(|| {
		let state = register_alice_state();
		assert_eq!(RecordStateChanges::take(), vec![Active(state, ALICE)]);
		// An appointed validator losing the role is reported; other roles are not.
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Validator));
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Operator));
		assert_ok!(Registry::revoke_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Operator));
		assert_eq!(RecordStateChanges::take(), vec![]);
		assert_ok!(Registry::revoke_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Validator
		));
		assert_eq!(RecordStateChanges::take(), vec![ValidatorRemoved(state, BOB)]);
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Validator));
		assert_ok!(Registry::renounce_role(RuntimeOrigin::signed(BOB), state, Role::Validator));
		assert_eq!(RecordStateChanges::take(), vec![ValidatorRemoved(state, BOB)]);
		// Suspension and restoration move the state out of and back into the chain's seats.
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), state));
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), state));
		assert_eq!(RecordStateChanges::take(), vec![Inactive(state, ALICE), Active(state, ALICE)]);
		// A new admin: the old one validated by right only, so it is removed as a validator.
		assert_ok!(Registry::transfer_admin(RuntimeOrigin::signed(ALICE), state, CHARLIE));
		assert_ok!(Registry::accept_admin(RuntimeOrigin::signed(CHARLIE), state));
		assert_eq!(
			RecordStateChanges::take(),
			vec![AdminChanged(state, ALICE, CHARLIE, true), ValidatorRemoved(state, ALICE)]
		);
		// A handover while suspended says so; an old admin appointed as validator stays one.
		assert_ok!(Registry::grant_role(
			RuntimeOrigin::signed(CHARLIE),
			state,
			CHARLIE,
			Role::Validator
		));
		assert_ok!(Registry::suspend_state(RuntimeOrigin::root(), state));
		assert_ok!(Registry::transfer_admin(RuntimeOrigin::signed(CHARLIE), state, DAVE));
		assert_ok!(Registry::accept_admin(RuntimeOrigin::signed(DAVE), state));
		assert_eq!(
			RecordStateChanges::take(),
			vec![Inactive(state, CHARLIE), AdminChanged(state, CHARLIE, DAVE, false)]
		);
		// Revoking the admin's own Validator membership changes nothing: it validates by right.
		assert_ok!(Registry::restore_state(RuntimeOrigin::root(), state));
		assert_ok!(Registry::grant_role(RuntimeOrigin::signed(DAVE), state, DAVE, Role::Validator));
		RecordStateChanges::take();
		assert_ok!(Registry::revoke_role(
			RuntimeOrigin::signed(DAVE),
			state,
			DAVE,
			Role::Validator
		));
		assert_eq!(RecordStateChanges::take(), vec![]);
		// A failed call tells nothing.
		assert_noop!(
			Registry::suspend_state(RuntimeOrigin::root(), 7),
			Error::<Test>::StateNotFound
		);
		assert_eq!(RecordStateChanges::take(), vec![]);
	});
}

#[test]
fn deregistering_takes_the_state_out_of_the_chain_seats() {
	use crate::mock::StateChange::*;
	run_test(|| {
		let state = register_alice_state();
		RecordStateChanges::take();
		assert_ok!(Registry::deregister_state(RuntimeOrigin::signed(ALICE), state));
		assert_eq!(RecordStateChanges::take(), vec![Inactive(state, ALICE)]);
	});
}

#[test]
fn genesis_registers_founding_states_and_their_validators() {
	use crate::mock::StateChange::*;
	use sp_runtime::BuildStorage;
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, 10_000), (BOB, 10_000)],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	RecordStateChanges::take();
	crate::GenesisConfig::<Test> {
		states: vec![
			(b"Aurora".to_vec(), ALICE, vec![ALICE, CHARLIE]),
			(b"Borealis".to_vec(), BOB, vec![]),
		],
	}
	.assimilate_storage(&mut t)
	.unwrap();
	assert_eq!(RecordStateChanges::take(), vec![Active(0, ALICE), Active(1, BOB)]);
	sp_io::TestExternalities::new(t).execute_with(|| {
		assert_eq!(NextStateId::<Test>::get(), 2);
		assert!(Registry::is_admin(0, &ALICE) && Registry::is_admin(1, &BOB));
		assert!(Registry::has_role(0, &CHARLIE, Role::Validator));
		assert!(!Registry::has_role(1, &CHARLIE, Role::Validator));
		assert_eq!(held_state(ALICE), STATE_DEPOSIT);
		assert_eq!(held_member(ALICE), MEMBERSHIP_DEPOSIT);
		Registry::do_try_state().expect("invariants hold");
	});
}
