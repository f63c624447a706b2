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

#[test]
fn try_state_detects_broken_serial_indexes() {
	new_test_ext().execute_with(|| {
		let maker = add_maker(1);
		let cert = certificate(maker, &maker_pair(1), 1, SOLAR_MODEL, b"SN-1");
		assert_ok!(register_spec(BOB, 1, solar(), SOLAR_MODEL, Some(cert)));
		let plain = register(BOB, 2);
		let device = 0;
		let sn = serial(b"SN-1");
		assert_ok!(Devices::do_try_state());
		// A certified device without its serial entry.
		SerialsInUse::<Test>::remove(maker, &sn);
		assert!(Devices::do_try_state().is_err());
		SerialsInUse::<Test>::insert(maker, &sn, device);
		assert_ok!(Devices::do_try_state());
		// A serial entry of a device without a maker, or of a missing device.
		SerialsInUse::<Test>::insert(maker, serial(b"SN-2"), plain);
		assert!(Devices::do_try_state().is_err());
		SerialsInUse::<Test>::insert(maker, serial(b"SN-2"), 99);
		assert!(Devices::do_try_state().is_err());
		SerialsInUse::<Test>::remove(maker, serial(b"SN-2"));
		// A serial entry pointing to a device of another maker.
		DevicesMap::<Test>::mutate(device, |d| d.as_mut().unwrap().maker = Some(maker + 1));
		assert!(Devices::do_try_state().is_err());
		// A device with a maker but its serial entry under another serial.
		DevicesMap::<Test>::mutate(device, |d| d.as_mut().unwrap().maker = Some(maker));
		DeviceSerial::<Test>::insert(device, serial(b"SN-3"));
		assert!(Devices::do_try_state().is_err());
		DeviceSerial::<Test>::insert(device, &sn);
		assert_ok!(Devices::do_try_state());
		// A device that lost its maker still holds a serial.
		DevicesMap::<Test>::mutate(device, |d| d.as_mut().unwrap().maker = None);
		assert!(Devices::do_try_state().is_err());
	});
}
