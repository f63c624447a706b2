//! A state's standing: suspension and restoration, the tally, what chain seats are told, and
//! the founding states of genesis.

use super::*;

#[test]
fn suspend_and_restore_by_governance() {
	run_test(|| {
		let state = register_alice_state();
		assert!(NetworkStates::is_state_active(state));
		assert_noop!(
			NetworkStates::suspend_state(RuntimeOrigin::signed(ALICE), state),
			DispatchError::BadOrigin
		);
		assert_noop!(
			NetworkStates::suspend_state(RuntimeOrigin::root(), 4),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			NetworkStates::restore_state(RuntimeOrigin::root(), state),
			Error::<Test>::StateNotSuspended
		);
		assert_ok!(NetworkStates::suspend_state(RuntimeOrigin::root(), state));
		assert_eq!(last_event(), Event::StateSuspended { state }.into());
		assert!(NetworkStates::state_exists(state));
		assert!(!NetworkStates::is_state_active(state));
		assert_noop!(
			NetworkStates::suspend_state(RuntimeOrigin::root(), state),
			Error::<Test>::StateSuspended
		);
		// A suspended state cannot deregister to escape governance.
		assert_noop!(
			NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), state),
			Error::<Test>::StateSuspended
		);
		assert_noop!(
			NetworkStates::restore_state(RuntimeOrigin::signed(ALICE), state),
			DispatchError::BadOrigin
		);
		assert_noop!(
			NetworkStates::restore_state(RuntimeOrigin::root(), 4),
			Error::<Test>::StateNotFound
		);
		assert_ok!(NetworkStates::restore_state(RuntimeOrigin::root(), state));
		assert_eq!(last_event(), Event::StateRestored { state }.into());
		assert!(NetworkStates::is_state_active(state));
	});
}

#[test]
fn the_tally_counts_registered_and_active_states() {
	use atlas_primitives::StateTally;
	run_test(|| {
		let (a, b, _) = three_states();
		assert_eq!(crate::Tally::<Test>::get(), StateTally { registered: 3, active: 3 });
		assert_ok!(NetworkStates::suspend_state(RuntimeOrigin::root(), b));
		assert_eq!(crate::Tally::<Test>::get(), StateTally { registered: 3, active: 2 });
		assert_noop!(
			NetworkStates::suspend_state(RuntimeOrigin::root(), b),
			Error::<Test>::StateSuspended
		);
		assert_ok!(NetworkStates::restore_state(RuntimeOrigin::root(), b));
		assert_ok!(NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), a));
		assert_eq!(crate::Tally::<Test>::get(), StateTally { registered: 2, active: 2 });
		crate::Tally::<Test>::put(StateTally { registered: 2, active: 1 });
		assert!(NetworkStates::do_try_state().is_err());
		crate::Tally::<Test>::put(StateTally { registered: 2, active: 2 });
	});
}

#[test]
fn chain_seats_are_told_every_change_of_standing() {
	use crate::mock::StateChange::*;
	run_test(|| {
		let state = register_alice_state();
		// Told when admitted (devices may join) and again when established (the seat).
		assert_eq!(RecordStateChanges::take(), vec![Active(state, ALICE), Active(state, ALICE)]);
		// An appointed validator losing the role is reported; other roles are not.
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Validator
		));
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Operator
		));
		assert_ok!(NetworkStates::revoke_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Operator
		));
		assert_eq!(RecordStateChanges::take(), vec![]);
		assert_ok!(NetworkStates::revoke_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Validator
		));
		assert_eq!(RecordStateChanges::take(), vec![ValidatorRemoved(state, BOB)]);
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Validator
		));
		assert_ok!(NetworkStates::renounce_role(
			RuntimeOrigin::signed(BOB),
			state,
			Role::Validator
		));
		assert_eq!(RecordStateChanges::take(), vec![ValidatorRemoved(state, BOB)]);
		// Suspension and restoration move the state out of and back into the chain's seats.
		assert_ok!(NetworkStates::suspend_state(RuntimeOrigin::root(), state));
		assert_ok!(NetworkStates::restore_state(RuntimeOrigin::root(), state));
		assert_eq!(RecordStateChanges::take(), vec![Inactive(state, ALICE), Active(state, ALICE)]);
		// A new admin: the old one validated by right only, so it is removed as a validator.
		assert_ok!(NetworkStates::transfer_admin(RuntimeOrigin::signed(ALICE), state, CHARLIE));
		assert_ok!(NetworkStates::accept_admin(RuntimeOrigin::signed(CHARLIE), state));
		assert_eq!(
			RecordStateChanges::take(),
			vec![AdminChanged(state, ALICE, CHARLIE, true), ValidatorRemoved(state, ALICE)]
		);
		// A handover while suspended says so; an old admin appointed as validator stays one.
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(CHARLIE),
			state,
			CHARLIE,
			Role::Validator
		));
		assert_ok!(NetworkStates::suspend_state(RuntimeOrigin::root(), state));
		assert_ok!(NetworkStates::transfer_admin(RuntimeOrigin::signed(CHARLIE), state, DAVE));
		assert_ok!(NetworkStates::accept_admin(RuntimeOrigin::signed(DAVE), state));
		assert_eq!(
			RecordStateChanges::take(),
			vec![Inactive(state, CHARLIE), AdminChanged(state, CHARLIE, DAVE, false)]
		);
		// Revoking the admin's own Validator membership changes nothing: it validates by right.
		assert_ok!(NetworkStates::restore_state(RuntimeOrigin::root(), state));
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(DAVE),
			state,
			DAVE,
			Role::Validator
		));
		RecordStateChanges::take();
		assert_ok!(NetworkStates::revoke_role(
			RuntimeOrigin::signed(DAVE),
			state,
			DAVE,
			Role::Validator
		));
		assert_eq!(RecordStateChanges::take(), vec![]);
		// A failed call tells nothing.
		assert_noop!(
			NetworkStates::suspend_state(RuntimeOrigin::root(), 7),
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
		assert_ok!(NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), state));
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
	// Each genesis state is admitted and established at once.
	assert_eq!(
		RecordStateChanges::take(),
		vec![Active(0, ALICE), Active(0, ALICE), Active(1, BOB), Active(1, BOB)]
	);
	sp_io::TestExternalities::new(t).execute_with(|| {
		assert_eq!(NextStateId::<Test>::get(), 2);
		assert!(NetworkStates::is_admin(0, &ALICE) && NetworkStates::is_admin(1, &BOB));
		assert!(NetworkStates::has_role(0, &CHARLIE, Role::Validator));
		assert!(!NetworkStates::has_role(1, &CHARLIE, Role::Validator));
		assert_eq!(held_state(ALICE), STATE_DEPOSIT);
		assert_eq!(held_member(ALICE), MEMBERSHIP_DEPOSIT);
		assert_eq!((held_bond(ALICE), held_bond(BOB)), (BOND, BOND));
		assert!(NetworkStates::is_state_established(0) && NetworkStates::is_state_established(1));
		NetworkStates::do_try_state().expect("invariants hold");
	});
}
