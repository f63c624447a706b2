//! `try_state` detects broken indexes.

use super::*;

#[test]
fn try_state_detects_broken_indexes() {
	new_test_ext().execute_with(|| {
		let device = register(BOB, 1);
		assert_ok!(Devices::do_try_state());
		DevicesByOwner::<Test>::remove(BOB, device);
		assert!(Devices::do_try_state().is_err());
		DevicesByOwner::<Test>::insert(BOB, device, ());
		assert_ok!(Devices::do_try_state());
		StateDeviceCount::<Test>::insert(STATE, 2);
		assert!(Devices::do_try_state().is_err());
		StateDeviceCount::<Test>::insert(STATE, 1);
		DevicesMap::<Test>::mutate(device, |d| d.as_mut().unwrap().deposit = 1);
		assert!(Devices::do_try_state().is_err());
	});
}
