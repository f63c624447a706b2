//! `try_state` detects seats and validators drifting from the states.

use super::*;

#[test]
fn try_state_detects_drift() {
	new_test_ext().execute_with(|| {
		register(0, 10);
		SeatStates::<Test>::insert(10, 2);
		assert!(Seats::do_try_state().is_err());
		SeatStates::<Test>::insert(10, 1);
		assert!(Seats::do_try_state().is_ok());
		AppointedBy::<Test>::insert(77, 0);
		assert!(Seats::do_try_state().is_err());
		AppointedBy::<Test>::remove(77);
		MockRoles::set_active(0, false);
		assert!(Seats::do_try_state().is_err());
	});
}
