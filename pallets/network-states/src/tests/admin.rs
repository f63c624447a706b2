//! Handing a state's admin role over.

use super::*;

#[test]
fn admin_handover_moves_the_deposit() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(NetworkStates::transfer_admin(RuntimeOrigin::signed(ALICE), state, BOB));
		assert_eq!(PendingAdmin::<Test>::get(state), Some(BOB));
		assert_eq!(
			last_event(),
			Event::AdminTransferProposed { state, admin: ALICE, proposed: BOB }.into()
		);
		// Nothing changed yet.
		assert!(NetworkStates::is_admin(state, &ALICE));
		assert_noop!(
			NetworkStates::accept_admin(RuntimeOrigin::signed(CHARLIE), state),
			Error::<Test>::NotPendingAdmin
		);
		assert_ok!(NetworkStates::accept_admin(RuntimeOrigin::signed(BOB), state));
		let info = States::<Test>::get(state).unwrap();
		assert_eq!((info.admin, info.depositor), (BOB, BOB));
		assert_eq!((held_state(ALICE), held_state(BOB)), (0, STATE_DEPOSIT));
		assert_eq!(PendingAdmin::<Test>::get(state), None);
		assert_eq!(last_event(), Event::AdminTransferred { state, from: ALICE, to: BOB }.into());
		assert!(!NetworkStates::is_admin(state, &ALICE));
		assert!(NetworkStates::is_admin(state, &BOB));
	});
}

#[test]
fn admin_handover_errors() {
	run_test(|| {
		let state = register_alice_state();
		assert_noop!(
			NetworkStates::transfer_admin(RuntimeOrigin::signed(BOB), state, BOB),
			Error::<Test>::NotStateAdmin
		);
		assert_noop!(
			NetworkStates::transfer_admin(RuntimeOrigin::signed(ALICE), 9, BOB),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			NetworkStates::transfer_admin(RuntimeOrigin::signed(ALICE), state, ALICE),
			Error::<Test>::AlreadyAdmin
		);
		assert_noop!(
			NetworkStates::accept_admin(RuntimeOrigin::signed(BOB), state),
			Error::<Test>::NoPendingAdmin
		);
		assert_noop!(
			NetworkStates::accept_admin(RuntimeOrigin::signed(BOB), 9),
			Error::<Test>::StateNotFound
		);
		// A proposed admin who cannot afford the deposit cannot accept.
		assert_ok!(NetworkStates::transfer_admin(RuntimeOrigin::signed(ALICE), state, POOR));
		assert_noop!(
			NetworkStates::accept_admin(RuntimeOrigin::signed(POOR), state),
			Error::<Test>::CannotAffordDeposit
		);
	});
}
