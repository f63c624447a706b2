//! Roles and memberships, and what other pallets read of them.

use super::*;

#[test]
fn grant_and_revoke_roles() {
	run_test(|| {
		let state = register_alice_state();
		// Admin appoints Bob steward: Alice pays the membership deposit.
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Steward
		));
		assert_eq!(held_member(ALICE), MEMBERSHIP_DEPOSIT);
		assert_eq!(
			last_event(),
			Event::RoleGranted { state, who: BOB, role: Role::Steward, by: ALICE }.into()
		);
		// The steward verifies Charlie as a citizen and operator: Bob pays one deposit.
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(BOB),
			state,
			CHARLIE,
			Role::Citizen
		));
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(BOB),
			state,
			CHARLIE,
			Role::Operator
		));
		assert_eq!(held_member(BOB), MEMBERSHIP_DEPOSIT);
		assert!(NetworkStates::has_role(state, &CHARLIE, Role::Citizen));
		assert!(NetworkStates::has_role(state, &CHARLIE, Role::Operator));
		assert!(!NetworkStates::has_role(state, &CHARLIE, Role::Verifier));
		// The admin holds every role implicitly.
		assert!(Role::ALL.iter().all(|r| NetworkStates::has_role(state, &ALICE, *r)));
		let counts = States::<Test>::get(state).unwrap().roles;
		assert_eq!(
			counts,
			RoleCounts { members: 2, citizens: 1, operators: 1, stewards: 1, ..Default::default() }
		);

		// Revoking one role keeps the record; revoking the last returns the deposit to Bob.
		assert_ok!(NetworkStates::revoke_role(
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
		assert_ok!(NetworkStates::revoke_role(
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
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Steward
		));
		// A steward cannot appoint stewards or validators.
		assert_noop!(
			NetworkStates::grant_role(RuntimeOrigin::signed(BOB), state, CHARLIE, Role::Steward),
			Error::<Test>::NotStateAdmin
		);
		assert_noop!(
			NetworkStates::grant_role(RuntimeOrigin::signed(BOB), state, CHARLIE, Role::Validator),
			Error::<Test>::NotStateAdmin
		);
		// A stranger cannot grant anything.
		assert_noop!(
			NetworkStates::grant_role(RuntimeOrigin::signed(DAVE), state, CHARLIE, Role::Citizen),
			Error::<Test>::NotAdminOrSteward
		);
		// A citizen is not a steward.
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(BOB),
			state,
			CHARLIE,
			Role::Citizen
		));
		assert_noop!(
			NetworkStates::grant_role(RuntimeOrigin::signed(CHARLIE), state, DAVE, Role::Citizen),
			Error::<Test>::NotAdminOrSteward
		);
		assert_noop!(
			NetworkStates::revoke_role(RuntimeOrigin::signed(DAVE), state, CHARLIE, Role::Citizen),
			Error::<Test>::NotAdminOrSteward
		);
		assert_noop!(
			NetworkStates::grant_role(RuntimeOrigin::signed(ALICE), 5, CHARLIE, Role::Citizen),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			NetworkStates::revoke_role(RuntimeOrigin::signed(ALICE), 5, CHARLIE, Role::Citizen),
			Error::<Test>::StateNotFound
		);
	});
}

#[test]
fn role_errors() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Citizen
		));
		assert_noop!(
			NetworkStates::grant_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Citizen),
			Error::<Test>::RoleAlreadyHeld
		);
		assert_noop!(
			NetworkStates::revoke_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Verifier),
			Error::<Test>::RoleNotHeld
		);
		assert_noop!(
			NetworkStates::revoke_role(RuntimeOrigin::signed(ALICE), state, CHARLIE, Role::Citizen),
			Error::<Test>::RoleNotHeld
		);
		// A granter who cannot afford the membership deposit.
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			POOR,
			Role::Steward
		));
		<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(&POOR, 5);
		assert_noop!(
			NetworkStates::grant_role(RuntimeOrigin::signed(POOR), state, DAVE, Role::Citizen),
			Error::<Test>::CannotAffordDeposit
		);
	});
}

#[test]
fn role_counts_are_bounded() {
	run_test(|| {
		let state = register_alice_state();
		// MaxStewards = 2, MaxValidators = 2, MaxMembers = 5.
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			100,
			Role::Steward
		));
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			101,
			Role::Steward
		));
		assert_noop!(
			NetworkStates::grant_role(RuntimeOrigin::signed(ALICE), state, 102, Role::Steward),
			Error::<Test>::TooManyStewards
		);
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			100,
			Role::Validator
		));
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			101,
			Role::Validator
		));
		assert_noop!(
			NetworkStates::grant_role(RuntimeOrigin::signed(ALICE), state, 102, Role::Validator),
			Error::<Test>::TooManyValidators
		);
		for who in 102..105 {
			assert_ok!(NetworkStates::grant_role(
				RuntimeOrigin::signed(ALICE),
				state,
				who,
				Role::Citizen
			));
		}
		assert_noop!(
			NetworkStates::grant_role(RuntimeOrigin::signed(ALICE), state, 105, Role::Citizen),
			Error::<Test>::TooManyMembers
		);
		// An existing member can still gain roles when the state is full.
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			104,
			Role::Verifier
		));
	});
}

#[test]
fn renounce_role_returns_deposit_to_payer() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Verifier
		));
		assert_ok!(NetworkStates::renounce_role(RuntimeOrigin::signed(BOB), state, Role::Verifier));
		assert_eq!(held_member(ALICE), 0);
		assert_eq!(
			last_event(),
			Event::RoleRevoked { state, who: BOB, role: Role::Verifier, by: BOB }.into()
		);
		assert_noop!(
			NetworkStates::renounce_role(RuntimeOrigin::signed(BOB), state, Role::Verifier),
			Error::<Test>::RoleNotHeld
		);
		assert_noop!(
			NetworkStates::renounce_role(RuntimeOrigin::signed(BOB), 3, Role::Verifier),
			Error::<Test>::StateNotFound
		);
	});
}

#[test]
fn role_provider_on_unknown_state() {
	run_test(|| {
		assert!(!NetworkStates::state_exists(0));
		assert!(!NetworkStates::is_state_active(0));
		assert!(!NetworkStates::is_admin(0, &ALICE));
		assert!(!NetworkStates::has_role(0, &ALICE, Role::Citizen));
		assert_eq!(NetworkStates::roles(0, &ALICE), RoleSet::empty());
	});
}

#[test]
fn members_are_paginated() {
	run_test(|| {
		let state = register_alice_state();
		for who in 100..105 {
			assert_ok!(NetworkStates::grant_role(
				RuntimeOrigin::signed(ALICE),
				state,
				who,
				Role::Citizen
			));
		}
		let first = NetworkStates::members_page(state, None, 2);
		assert_eq!(first.items.len(), 2);
		let second = NetworkStates::members_page(state, first.next, 2);
		assert_eq!(second.items.len(), 2);
		let third = NetworkStates::members_page(state, second.next, 2);
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
		assert_eq!(NetworkStates::members_page(state, None, 1_000).items.len(), 5);
		assert_eq!(NetworkStates::members_page(7, None, 10).items.len(), 0);
	});
}
