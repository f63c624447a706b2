//! Tests of the sovereign registry. Every test ends with the pallet's `try_state` checks.

use crate::{
	mock::*, Error, Event, HoldReason, Members, NetworkState, PendingAdmin, RoleCounts,
	StateStatus, States,
};
use atlas_primitives::{Role, RoleProvider, RoleSet};
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
