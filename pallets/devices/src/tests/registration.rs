//! Registering devices: indexes, deposits, models, keys and possession proofs.

use super::*;

#[test]
fn register_device_stores_indexes_and_holds_deposit() {
	run_test(|| {
		let pair = device_pair(7);
		let device = register(BOB, 7);
		assert_eq!(device, 0);
		assert_eq!(
			DevicesMap::<Test>::get(device).unwrap(),
			Device {
				owner: BOB,
				operator: None,
				state: STATE,
				spec: solar(),
				hardware_model: SOLAR_MODEL,
				location: CELL,
				metadata_uri: b"ipfs://panel".to_vec().try_into().unwrap(),
				key: sr_key(&pair),
				status: DeviceStatus::Pending,
				depositor: BOB,
				deposit: DEVICE_DEPOSIT,
				registered_at: 1,
				vault: None,
				active_since: None,
				maker: None,
				probe_endpoint: Default::default(),
			}
		);
		assert_eq!(held(BOB), DEVICE_DEPOSIT);
		assert_eq!(DeviceByKey::<Test>::get(sr_key(&pair)), Some(device));
		assert!(DevicesByOwner::<Test>::contains_key(BOB, device));
		assert!(DevicesByState::<Test>::contains_key(STATE, device));
		assert_eq!(Devices::device_count(STATE), 1);
		assert_eq!(RegistrationNonce::<Test>::get(BOB), 1);
		assert_eq!(
			last_event(),
			Event::DeviceRegistered {
				device,
				owner: BOB,
				state: STATE,
				class: DeviceClass::Energy,
				key: sr_key(&pair),
				deposit: DEVICE_DEPOSIT,
				maker_attested: false,
			}
			.into()
		);
		// The registry view for other pallets.
		let summary = <Devices as DeviceRegistry<_, _>>::device(device).unwrap();
		assert_eq!(
			(summary.owner, summary.state, summary.status),
			(BOB, STATE, DeviceStatus::Pending)
		);
		assert_eq!((summary.active_since, summary.maker_attested), (0, false));
		assert_eq!(<Devices as DeviceRegistry<_, _>>::reward_route(device), Some(default_route()));
	});
}

#[test]
fn every_class_registers_with_a_model_of_its_class() {
	run_test(|| {
		let specs = [
			(
				DeviceSpec::Compute {
					gpu_model: b"RTX 4090".to_vec().try_into().unwrap(),
					gpu_count: 2,
					gpu_memory_mib: 24_576,
				},
				GPU_MODEL,
			),
			(DeviceSpec::Connectivity { link_capacity_kbps: 1_000_000 }, ROUTER_MODEL),
			(solar(), SOLAR_MODEL),
			(
				DeviceSpec::Sensing { sensor_kind: SensorKind::AirQuality, samples_per_hour: 60 },
				SENSOR_MODEL,
			),
		];
		for (i, (spec, model)) in specs.into_iter().enumerate() {
			let pair = device_pair(10 + i as u8);
			assert_ok!(Devices::register_device(
				RuntimeOrigin::signed(CHARLIE),
				STATE,
				spec.clone(),
				model,
				CELL,
				vec![],
				sr_key(&pair),
				proof(&pair, CHARLIE),
				None,
			));
			assert_eq!(DevicesMap::<Test>::get(i as u64).unwrap().spec.class(), spec.class());
		}
		assert_eq!(held(CHARLIE), 4 * DEVICE_DEPOSIT);
		assert_eq!(RegistrationNonce::<Test>::get(CHARLIE), 4);
	});
}

#[test]
fn ed25519_devices_register_too() {
	run_test(|| {
		let pair = ed25519::Pair::from_seed(&[3; 32]);
		let key = DeviceKey::Ed25519(pair.public());
		let payload = possession_payload(&Devices::genesis_hash(), &CHARLIE, &key, 0);
		let spec = DeviceSpec::Connectivity { link_capacity_kbps: 1_000_000 };
		assert_ok!(Devices::register_device(
			RuntimeOrigin::signed(CHARLIE),
			STATE,
			spec.clone(),
			ROUTER_MODEL,
			BERLIN,
			vec![],
			key,
			DeviceSignature::Ed25519(pair.sign(&payload)),
			None,
		));
		assert_eq!(DevicesMap::<Test>::get(0).unwrap().spec, spec);
		// An sr25519 signature never verifies for an ed25519 key.
		let other = device_pair(3);
		assert_noop!(
			Devices::register_device(
				RuntimeOrigin::signed(CHARLIE),
				STATE,
				DeviceSpec::Connectivity { link_capacity_kbps: 1 },
				ROUTER_MODEL,
				BERLIN,
				vec![],
				DeviceKey::Ed25519(ed25519::Pair::from_seed(&[4; 32]).public()),
				DeviceSignature::Sr25519(other.sign(&payload)),
				None,
			),
			Error::<Test>::BadPossessionProof
		);
	});
}

#[test]
fn register_device_refuses_bad_state_role_and_input() {
	run_test(|| {
		let pair = device_pair(1);
		let call = |state, spec: DeviceSpec, model, location, uri: Vec<u8>, who| {
			Devices::register_device(
				RuntimeOrigin::signed(who),
				state,
				spec,
				model,
				location,
				uri,
				sr_key(&pair),
				proof(&pair, who),
				None,
			)
		};
		assert_noop!(
			call(9, solar(), SOLAR_MODEL, CELL, vec![], BOB),
			Error::<Test>::StateNotFound
		);
		MockRoles::set_active(OTHER_STATE, false);
		assert_noop!(
			call(OTHER_STATE, solar(), SOLAR_MODEL, CELL, vec![], DAVE),
			Error::<Test>::StateSuspended
		);
		// Dave is only an operator in STATE.
		assert_noop!(
			call(STATE, solar(), SOLAR_MODEL, CELL, vec![], DAVE),
			Error::<Test>::NotCitizen
		);
		assert_noop!(
			call(STATE, solar(), SOLAR_MODEL, CELL, vec![b'u'; 33], BOB),
			Error::<Test>::MetadataTooLong
		);
		assert_noop!(
			call(STATE, DeviceSpec::Energy { rated_watts: 0 }, SOLAR_MODEL, CELL, vec![], BOB),
			Error::<Test>::InvalidSpec
		);
		assert_noop!(
			call(STATE, solar(), 99, CELL, vec![], BOB),
			Error::<Test>::HardwareModelNotApproved
		);
		assert_noop!(
			call(STATE, solar(), GPU_MODEL, CELL, vec![], BOB),
			Error::<Test>::HardwareClassMismatch
		);
		assert_noop!(
			call(STATE, solar(), SOLAR_MODEL, 0x1234, vec![], BOB),
			Error::<Test>::InvalidLocation
		);
		assert_noop!(
			call(STATE, solar(), SOLAR_MODEL, CELL, vec![], POOR),
			Error::<Test>::CannotAffordDeposit
		);
		assert_noop!(
			Devices::register_device(
				RuntimeOrigin::none(),
				STATE,
				solar(),
				SOLAR_MODEL,
				CELL,
				vec![],
				sr_key(&pair),
				proof(&pair, BOB),
				None,
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn possession_proofs_must_be_fresh_and_bound_to_chain_owner_and_key() {
	run_test(|| {
		let pair = device_pair(1);
		let register_proof = |who, proof| {
			Devices::register_device(
				RuntimeOrigin::signed(who),
				STATE,
				solar(),
				SOLAR_MODEL,
				CELL,
				vec![],
				sr_key(&pair),
				proof,
				None,
			)
		};
		// Signed for Charlie, submitted by Bob.
		assert_noop!(register_proof(BOB, proof(&pair, CHARLIE)), Error::<Test>::BadPossessionProof);
		// Signed for another chain.
		assert_noop!(
			register_proof(BOB, proof_with(&pair, BOB, 0, H256::repeat_byte(1))),
			Error::<Test>::BadPossessionProof
		);
		// Signed with a nonce that is not the current one.
		assert_noop!(
			register_proof(BOB, proof_with(&pair, BOB, 5, Devices::genesis_hash())),
			Error::<Test>::BadPossessionProof
		);
		// Signed by another key than the one registered.
		let other = device_pair(2);
		assert_noop!(register_proof(BOB, proof(&other, BOB)), Error::<Test>::BadPossessionProof);

		// A good proof registers; replaying it after the key is free again fails (nonce moved).
		let good = proof(&pair, BOB);
		assert_ok!(register_proof(BOB, good.clone()));
		// The same key cannot register twice while its device exists.
		assert_noop!(register_proof(BOB, proof(&pair, BOB)), Error::<Test>::DeviceKeyInUse);
		assert_ok!(Devices::decommission(RuntimeOrigin::signed(BOB), 0));
		assert_noop!(register_proof(BOB, good), Error::<Test>::BadPossessionProof);
		// A fresh proof re-registers the key under a new id.
		assert_ok!(register_proof(BOB, proof(&pair, BOB)));
		assert_eq!(DeviceByKey::<Test>::get(sr_key(&pair)), Some(1));
	});
}

#[test]
fn revoked_citizenship_blocks_new_registrations_only() {
	run_test(|| {
		let device = register(BOB, 1);
		MockRoles::revoke(STATE, BOB, Role::Citizen);
		assert_noop!(register_with(BOB, &device_pair(2), b""), Error::<Test>::NotCitizen);
		assert!(DevicesMap::<Test>::contains_key(device));
		// Removing the state from the registry leaves the device orphaned: try_state catches it.
		MockRoles::remove_state(STATE);
		assert!(Devices::do_try_state().is_err());
		MockRoles::add_state(STATE);
	});
}
