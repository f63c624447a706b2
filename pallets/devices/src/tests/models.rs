//! Hardware models: approved and revoked by governance.

use super::*;

#[test]
fn hardware_models_are_governed() {
	run_test(|| {
		assert_noop!(
			Devices::approve_hardware_model(
				RuntimeOrigin::signed(ALICE),
				b"Helium Hotspot".to_vec(),
				DeviceClass::Connectivity
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Devices::approve_hardware_model(RuntimeOrigin::root(), vec![], DeviceClass::Energy),
			Error::<Test>::BadModelName
		);
		assert_noop!(
			Devices::approve_hardware_model(
				RuntimeOrigin::root(),
				vec![b'x'; 17],
				DeviceClass::Energy
			),
			Error::<Test>::BadModelName
		);
		assert_ok!(Devices::approve_hardware_model(
			RuntimeOrigin::root(),
			b"Helium Hotspot".to_vec(),
			DeviceClass::Connectivity
		));
		assert_eq!(
			last_event(),
			Event::HardwareModelApproved { model: 4, class: DeviceClass::Connectivity }.into()
		);
		assert_eq!(
			HardwareModels::<Test>::get(4).unwrap().name.to_vec(),
			b"Helium Hotspot".to_vec()
		);

		let device = register(BOB, 1);
		assert_noop!(
			Devices::revoke_hardware_model(RuntimeOrigin::signed(ALICE), SOLAR_MODEL),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Devices::revoke_hardware_model(RuntimeOrigin::root(), 99),
			Error::<Test>::HardwareModelNotApproved
		);
		assert_ok!(Devices::revoke_hardware_model(RuntimeOrigin::root(), SOLAR_MODEL));
		assert_eq!(last_event(), Event::HardwareModelRevoked { model: SOLAR_MODEL }.into());
		// Registered devices stay; new ones of that model are refused.
		assert!(DevicesMap::<Test>::contains_key(device));
		assert_noop!(
			register_with(BOB, &device_pair(2), b""),
			Error::<Test>::HardwareModelNotApproved
		);
	});
}
