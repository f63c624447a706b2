//! `try_state` detects wrong class totals.

use super::*;

#[test]
fn try_state_detects_wrong_totals() {
	new_test_ext().execute_with(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full())]
		));
		assert_ok!(Attestations::do_try_state());
		Epochs::<Test>::mutate(0, |s| s.class_mut(DeviceClass::Energy).points += 1);
		assert!(Attestations::do_try_state().is_err());
	});
}
