//! The pallet's `try_state` checks catch broken storage.

use super::*;

#[test]
fn try_state_detects_broken_counts() {
	new_test_ext().execute_with(|| {
		let state = register_alice_state();
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Citizen
		));
		assert_ok!(NetworkStates::do_try_state());
		States::<Test>::mutate(state, |s| s.as_mut().unwrap().roles.citizens = 2);
		assert!(NetworkStates::do_try_state().is_err());
		States::<Test>::mutate(state, |s| s.as_mut().unwrap().roles.citizens = 1);
		assert_ok!(NetworkStates::do_try_state());
	});
}
