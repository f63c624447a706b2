//! Admission: applying with a bond, governance admitting or rejecting, probation, withdrawal,
//! and what an applicant may not do.

use super::*;
use crate::mock::StateChange;

fn admission(state: StateId) -> Option<Admission<u64>> {
	States::<Test>::get(state).map(|s| s.admission)
}

#[test]
fn applying_holds_deposit_and_bond_and_confers_nothing() {
	run_test(|| {
		let state = apply_for(ALICE, ALICE);
		let info = States::<Test>::get(state).unwrap();
		assert_eq!(
			(info.admission, info.bond, info.status),
			(Admission::Applicant, BOND, StateStatus::Active)
		);
		assert_eq!((held_state(ALICE), held_bond(ALICE)), (STATE_DEPOSIT, BOND));
		assert_eq!(
			last_event(),
			Event::StateRegistered { state, admin: ALICE, depositor: ALICE, bond: BOND }.into()
		);
		// An applicant is not active: no devices, no seat, nothing told to the seats.
		assert!(NetworkStates::state_exists(state));
		assert!(!NetworkStates::is_state_active(state));
		assert!(!NetworkStates::is_state_established(state));
		assert_eq!(RecordStateChanges::take(), vec![]);
		let tally = Tally::<Test>::get();
		assert_eq!((tally.registered, tally.active), (1, 0));
	});
}

#[test]
fn applying_refuses_who_cannot_afford_the_bond() {
	run_test(|| {
		assert_noop!(
			NetworkStates::register_state(
				RuntimeOrigin::signed(UNBONDED),
				b"Cheap".to_vec(),
				vec![],
				UNBONDED
			),
			Error::<Test>::CannotAffordBond
		);
		// The deposit taken before the bond failed is undone with the call.
		assert_eq!(held_state(UNBONDED), 0);
	});
}

#[test]
fn governance_admits_onto_probation() {
	run_test(|| {
		let state = apply_for(ALICE, ALICE);
		assert_noop!(
			NetworkStates::admit_state(RuntimeOrigin::signed(ALICE), state),
			DispatchError::BadOrigin
		);
		assert_noop!(
			NetworkStates::admit_state(RuntimeOrigin::root(), 7),
			Error::<Test>::StateNotFound
		);
		assert_ok!(NetworkStates::admit_state(RuntimeOrigin::root(), state));
		assert_eq!(admission(state), Some(Admission::Probation { until: 1 + PROBATION }));
		assert_eq!(
			last_event(),
			Event::StateAdmitted { state, probation_until: 1 + PROBATION }.into()
		);
		// Active (devices and citizens), not established (no seat, no validators).
		assert!(NetworkStates::is_state_active(state));
		assert!(!NetworkStates::is_state_established(state));
		assert_eq!(RecordStateChanges::take(), vec![StateChange::Active(state, ALICE)]);
		assert_eq!(Tally::<Test>::get().active, 1);
		assert_noop!(
			NetworkStates::admit_state(RuntimeOrigin::root(), state),
			Error::<Test>::StateNotApplicant
		);
		// The bond stays held while the state exists.
		assert_eq!(held_bond(ALICE), BOND);
	});
}

#[test]
fn probation_ends_only_when_served() {
	run_test(|| {
		let state = apply_for(ALICE, ALICE);
		assert_noop!(
			NetworkStates::conclude_probation(RuntimeOrigin::signed(BOB), state),
			Error::<Test>::NotOnProbation
		);
		assert_ok!(NetworkStates::admit_state(RuntimeOrigin::root(), state));
		RecordStateChanges::take();
		System::set_block_number(PROBATION);
		assert_noop!(
			NetworkStates::conclude_probation(RuntimeOrigin::signed(BOB), state),
			Error::<Test>::ProbationNotOver
		);
		assert_noop!(
			NetworkStates::conclude_probation(RuntimeOrigin::none(), state),
			DispatchError::BadOrigin
		);
		System::set_block_number(1 + PROBATION);
		// Anyone concludes it; the state takes its seat.
		assert_ok!(NetworkStates::conclude_probation(RuntimeOrigin::signed(BOB), state));
		assert_eq!(admission(state), Some(Admission::Established));
		assert!(NetworkStates::is_state_established(state));
		assert_eq!(RecordStateChanges::take(), vec![StateChange::Active(state, ALICE)]);
		assert_eq!(last_event(), Event::StateEstablished { state }.into());
		assert_noop!(
			NetworkStates::conclude_probation(RuntimeOrigin::signed(BOB), state),
			Error::<Test>::NotOnProbation
		);
		assert_noop!(
			NetworkStates::conclude_probation(RuntimeOrigin::signed(BOB), 9),
			Error::<Test>::StateNotFound
		);
	});
}

#[test]
fn a_state_suspended_on_probation_is_seated_only_when_restored() {
	run_test(|| {
		let state = apply_for(ALICE, ALICE);
		assert_ok!(NetworkStates::admit_state(RuntimeOrigin::root(), state));
		assert_ok!(NetworkStates::suspend_state(RuntimeOrigin::root(), state));
		RecordStateChanges::take();
		System::set_block_number(1 + PROBATION);
		assert_ok!(NetworkStates::conclude_probation(RuntimeOrigin::signed(BOB), state));
		assert!(!NetworkStates::is_state_established(state));
		assert_eq!(RecordStateChanges::take(), vec![]);
		assert_ok!(NetworkStates::restore_state(RuntimeOrigin::root(), state));
		assert!(NetworkStates::is_state_established(state));
		assert_eq!(RecordStateChanges::take(), vec![StateChange::Active(state, ALICE)]);
	});
}

#[test]
fn rejection_returns_or_forfeits_the_bond() {
	run_test(|| {
		let kept = apply_for(ALICE, ALICE);
		let spam = apply_for(BOB, BOB);
		assert_noop!(
			NetworkStates::reject_state(RuntimeOrigin::signed(CHARLIE), kept, false),
			DispatchError::BadOrigin
		);
		assert_ok!(NetworkStates::reject_state(RuntimeOrigin::root(), kept, false));
		assert!(!States::<Test>::contains_key(kept));
		assert_eq!((held_state(ALICE), held_bond(ALICE)), (0, 0));
		assert_eq!(Balances::balance(&ALICE), 10_000);
		assert_eq!(
			last_event(),
			Event::StateRejected { state: kept, depositor: ALICE, forfeited: 0 }.into()
		);
		// An abusive application loses its bond to the treasury; the deposit still returns.
		assert_ok!(NetworkStates::reject_state(RuntimeOrigin::root(), spam, true));
		assert_eq!((held_state(BOB), held_bond(BOB)), (0, 0));
		assert_eq!(Balances::balance(&BOB), 10_000 - BOND);
		assert_eq!(Balances::balance(&TREASURY), 1 + BOND);
		assert_eq!(
			last_event(),
			Event::StateRejected { state: spam, depositor: BOB, forfeited: BOND }.into()
		);
		assert_eq!(Tally::<Test>::get().registered, 0);
		// Only applicants are rejected.
		let admitted = apply_for(CHARLIE, CHARLIE);
		assert_ok!(NetworkStates::admit_state(RuntimeOrigin::root(), admitted));
		assert_noop!(
			NetworkStates::reject_state(RuntimeOrigin::root(), admitted, true),
			Error::<Test>::StateNotApplicant
		);
		assert_noop!(
			NetworkStates::reject_state(RuntimeOrigin::root(), 42, true),
			Error::<Test>::StateNotFound
		);
	});
}

#[test]
fn an_applicant_withdraws_and_gets_everything_back() {
	run_test(|| {
		let state = apply_for(ALICE, ALICE);
		assert_ok!(NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), state));
		assert_eq!((held_state(ALICE), held_bond(ALICE)), (0, 0));
		assert_eq!(Balances::balance(&ALICE), 10_000);
		// It was never active: nothing to take away from the seats.
		assert_eq!(RecordStateChanges::take(), vec![]);
		assert_eq!(Tally::<Test>::get(), Default::default());
	});
}

#[test]
fn an_established_state_deregistering_returns_its_bond() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), state));
		assert_eq!((held_state(ALICE), held_bond(ALICE)), (0, 0));
		assert_eq!(Balances::balance(&ALICE), 10_000);
	});
}

#[test]
fn an_applicant_has_no_members_and_no_standing_to_lose() {
	run_test(|| {
		let state = apply_for(ALICE, ALICE);
		assert_noop!(
			NetworkStates::grant_role(RuntimeOrigin::signed(ALICE), state, BOB, Role::Citizen),
			Error::<Test>::StateNotAdmitted
		);
		assert_noop!(
			NetworkStates::suspend_state(RuntimeOrigin::root(), state),
			Error::<Test>::StateNotAdmitted
		);
	});
}

#[test]
fn the_bond_moves_with_the_admin_role() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(NetworkStates::transfer_admin(RuntimeOrigin::signed(ALICE), state, UNBONDED));
		assert_noop!(
			NetworkStates::accept_admin(RuntimeOrigin::signed(UNBONDED), state),
			Error::<Test>::CannotAffordBond
		);
		assert_ok!(NetworkStates::transfer_admin(RuntimeOrigin::signed(ALICE), state, BOB));
		assert_ok!(NetworkStates::accept_admin(RuntimeOrigin::signed(BOB), state));
		assert_eq!((held_bond(ALICE), held_bond(BOB)), (0, BOND));
		assert_eq!(States::<Test>::get(state).map(|s| (s.depositor, s.bond)), Some((BOB, BOND)));
	});
}

/// The attack of the issue: many accounts each register a state. Every application costs a
/// bond and none of them makes its admin anything more than an applicant.
#[test]
fn many_applications_cost_many_bonds_and_give_no_standing() {
	run_test(|| {
		let applicants: Vec<AccountId> = (100..120).collect();
		for &who in &applicants {
			apply_for(who, who);
		}
		let bonded: Balance = applicants.iter().map(|who| held_bond(*who)).sum();
		assert_eq!(bonded, BOND * applicants.len() as Balance);
		for state in 0..applicants.len() as StateId {
			assert!(!NetworkStates::is_state_active(state));
			assert!(!NetworkStates::is_state_established(state));
		}
		// Not one seat-bearing change reached the council's side.
		assert_eq!(RecordStateChanges::take(), vec![]);
		// One account cannot fund a second application from what the first left it.
		assert_noop!(
			NetworkStates::register_state(
				RuntimeOrigin::signed(100),
				b"Again".to_vec(),
				vec![],
				100
			),
			Error::<Test>::CannotAffordBond
		);
	});
}
