//! Hardware models: approved and revoked by governance, with maximal specs that bound the specs
//! of their devices.

use super::*;

#[test]
fn hardware_models_are_governed() {
	run_test(|| {
		let hotspot = DeviceSpec::Connectivity { link_capacity_kbps: 500_000 };
		assert_noop!(
			Devices::approve_hardware_model(
				RuntimeOrigin::signed(ALICE),
				b"Helium Hotspot".to_vec(),
				hotspot.clone()
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Devices::approve_hardware_model(RuntimeOrigin::root(), vec![], SOLAR_MAX),
			Error::<Test>::BadModelName
		);
		assert_noop!(
			Devices::approve_hardware_model(RuntimeOrigin::root(), vec![b'x'; 17], SOLAR_MAX),
			Error::<Test>::BadModelName
		);
		// A maximal spec must be physically meaningful.
		assert_noop!(
			Devices::approve_hardware_model(
				RuntimeOrigin::root(),
				b"Null inverter".to_vec(),
				DeviceSpec::Energy { rated_watts: 0 }
			),
			Error::<Test>::InvalidSpec
		);
		assert_ok!(Devices::approve_hardware_model(
			RuntimeOrigin::root(),
			b"Helium Hotspot".to_vec(),
			hotspot.clone()
		));
		assert_eq!(
			last_event(),
			Event::HardwareModelApproved { model: 4, class: DeviceClass::Connectivity }.into()
		);
		let model = Devices::hardware_model(4).unwrap();
		assert_eq!(model.name.to_vec(), b"Helium Hotspot".to_vec());
		assert_eq!(model.max_spec, hotspot);
		assert_eq!(model.class(), DeviceClass::Connectivity);

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

#[test]
fn genesis_models_carry_their_maximal_specs() {
	run_test(|| {
		for (id, max, class) in [
			(GPU_MODEL, gpu_max(), DeviceClass::Compute),
			(ROUTER_MODEL, ROUTER_MAX, DeviceClass::Connectivity),
			(SOLAR_MODEL, SOLAR_MAX, DeviceClass::Energy),
			(SENSOR_MODEL, SENSOR_MAX, DeviceClass::Sensing),
		] {
			let model = HardwareModels::<Test>::get(id).unwrap();
			assert_eq!((model.class(), model.max_spec), (class, max));
		}
		assert_eq!(crate::NextHardwareModelId::<Test>::get(), 4);
	});
}

#[test]
fn a_sensor_claiming_more_samples_than_its_model_is_refused() {
	run_test(|| {
		// The attack: an approved 60-samples-an-hour model, a spec claiming u32::MAX.
		let fake =
			DeviceSpec::Sensing { sensor_kind: SensorKind::AirQuality, samples_per_hour: u32::MAX };
		assert_noop!(
			register_spec(BOB, 1, fake, SENSOR_MODEL, None),
			Error::<Test>::SpecExceedsModel
		);
		// One sample above the model is refused too, as is another sensor kind.
		let above =
			DeviceSpec::Sensing { sensor_kind: SensorKind::AirQuality, samples_per_hour: 61 };
		assert_noop!(
			register_spec(BOB, 1, above, SENSOR_MODEL, None),
			Error::<Test>::SpecExceedsModel
		);
		let weather =
			DeviceSpec::Sensing { sensor_kind: SensorKind::Weather, samples_per_hour: 60 };
		assert_noop!(
			register_spec(BOB, 1, weather, SENSOR_MODEL, None),
			Error::<Test>::SpecExceedsModel
		);
		// A spec of another class is still a class mismatch.
		assert_noop!(
			register_spec(BOB, 1, solar(), SENSOR_MODEL, None),
			Error::<Test>::HardwareClassMismatch
		);
		// Below the model's maxima is fine.
		let slow =
			DeviceSpec::Sensing { sensor_kind: SensorKind::AirQuality, samples_per_hour: 12 };
		assert_ok!(register_spec(BOB, 1, slow.clone(), SENSOR_MODEL, None));
		assert_eq!(DevicesMap::<Test>::get(0).unwrap().spec, slow);
	});
}

#[test]
fn a_spec_exactly_at_the_models_maxima_registers() {
	run_test(|| {
		for (seed, (max, model)) in [
			(gpu_max(), GPU_MODEL),
			(ROUTER_MAX, ROUTER_MODEL),
			(SOLAR_MAX, SOLAR_MODEL),
			(SENSOR_MAX, SENSOR_MODEL),
		]
		.into_iter()
		.enumerate()
		{
			assert_ok!(register_spec(CHARLIE, 20 + seed as u8, max.clone(), model, None));
			assert_eq!(DevicesMap::<Test>::get(seed as DeviceId).unwrap().spec, max);
		}
	});
}

#[test]
fn a_compute_spec_beyond_its_model_is_refused() {
	run_test(|| {
		let compute = |name: &[u8], gpu_count, gpu_memory_mib| DeviceSpec::Compute {
			gpu_model: name.to_vec().try_into().unwrap(),
			gpu_count,
			gpu_memory_mib,
		};
		// More GPUs, more memory per GPU, another GPU model than the model's 8 × RTX 4090 24 GiB.
		for spec in [
			compute(b"RTX 4090", 9, 24_576),
			compute(b"RTX 4090", 8, 24_577),
			compute(b"H100", 8, 24_576),
			compute(b"H100", 1, 1_024),
		] {
			assert_noop!(
				register_spec(BOB, 1, spec, GPU_MODEL, None),
				Error::<Test>::SpecExceedsModel
			);
		}
		assert_ok!(register_spec(BOB, 1, compute(b"RTX 4090", 1, 16_384), GPU_MODEL, None));
	});
}
