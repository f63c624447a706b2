//! Makers: root keys governance registers, whose certificates attest the devices they built.

use super::*;

#[test]
fn makers_are_registered_and_revoked_by_governance_only() {
	run_test(|| {
		let key = DeviceKey::Ed25519(maker_pair(1).public());
		assert_noop!(
			Devices::register_maker(RuntimeOrigin::signed(ALICE), b"Acme".to_vec(), key),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Devices::register_maker(RuntimeOrigin::root(), vec![], key),
			Error::<Test>::BadModelName
		);
		assert_noop!(
			Devices::register_maker(RuntimeOrigin::root(), vec![b'x'; 17], key),
			Error::<Test>::BadModelName
		);
		assert_ok!(Devices::register_maker(RuntimeOrigin::root(), b"Acme".to_vec(), key));
		assert_eq!(last_event(), Event::MakerRegistered { maker: 0, key }.into());
		let stored = Maker { name: b"Acme".to_vec().try_into().unwrap(), key };
		assert_eq!(Makers::<Test>::get(0), Some(stored.clone()));
		assert_eq!(Devices::maker(0), Some(stored));

		assert_noop!(
			Devices::revoke_maker(RuntimeOrigin::signed(ALICE), 0),
			DispatchError::BadOrigin
		);
		assert_noop!(Devices::revoke_maker(RuntimeOrigin::root(), 7), Error::<Test>::MakerNotFound);
		assert_ok!(Devices::revoke_maker(RuntimeOrigin::root(), 0));
		assert_eq!(last_event(), Event::MakerRevoked { maker: 0 }.into());
		assert_eq!(Devices::maker(0), None);
		assert_noop!(Devices::revoke_maker(RuntimeOrigin::root(), 0), Error::<Test>::MakerNotFound);
		// Ids are never reused: an sr25519 root key registers as maker 1.
		let sr = DeviceKey::Sr25519(sr25519::Pair::from_seed(&[42; 32]).public());
		assert_ok!(Devices::register_maker(RuntimeOrigin::root(), b"Beta".to_vec(), sr));
		assert_eq!(Devices::maker(1).map(|m| m.key), Some(sr));
	});
}

#[test]
fn a_valid_certificate_attests_the_device() {
	run_test(|| {
		let maker = add_maker(1);
		let cert = certificate(maker, &maker_pair(1), 7, SOLAR_MODEL, b"SN-0001");
		assert_ok!(register_spec(BOB, 7, solar(), SOLAR_MODEL, Some(cert)));
		let device = 0;
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().maker, Some(maker));
		assert_eq!(SerialsInUse::<Test>::get(maker, serial(b"SN-0001")), Some(device));
		assert_eq!(DeviceSerial::<Test>::get(device), Some(serial(b"SN-0001")));
		assert_eq!(
			last_event(),
			Event::DeviceRegistered {
				device,
				owner: BOB,
				state: STATE,
				class: DeviceClass::Energy,
				key: sr_key(&device_pair(7)),
				deposit: DEVICE_DEPOSIT,
				maker_attested: true,
			}
			.into()
		);
		assert!(<Devices as DeviceRegistry<_, _>>::device(device).unwrap().maker_attested);
		// A device without a certificate is not attested.
		let plain = register(BOB, 8);
		assert_eq!(DevicesMap::<Test>::get(plain).unwrap().maker, None);
		assert!(!<Devices as DeviceRegistry<_, _>>::device(plain).unwrap().maker_attested);
	});
}

#[test]
fn an_sr25519_maker_key_certifies_too() {
	run_test(|| {
		let root = sr25519::Pair::from_seed(&[42; 32]);
		assert_ok!(Devices::register_maker(
			RuntimeOrigin::root(),
			b"Beta".to_vec(),
			DeviceKey::Sr25519(root.public())
		));
		let payload = maker_certificate_payload(&sr_key(&device_pair(3)), GPU_MODEL, b"B-1");
		let cert = MakerCertificate {
			maker: 0,
			serial: serial(b"B-1"),
			signature: DeviceSignature::Sr25519(root.sign(&payload)),
		};
		assert_ok!(register_spec(BOB, 3, gpu_max(), GPU_MODEL, Some(cert)));
		assert!(<Devices as DeviceRegistry<_, _>>::device(0).unwrap().maker_attested);
	});
}

#[test]
fn bad_certificates_are_refused() {
	run_test(|| {
		let maker = add_maker(1);
		let root = maker_pair(1);
		let try_cert = |cert| register_spec(BOB, 7, solar(), SOLAR_MODEL, Some(cert));
		// Signed by another key than the maker's.
		assert_noop!(
			try_cert(certificate(maker, &maker_pair(2), 7, SOLAR_MODEL, b"SN-1")),
			Error::<Test>::BadMakerCertificate
		);
		// Signed for another hardware model.
		assert_noop!(
			try_cert(certificate(maker, &root, 7, GPU_MODEL, b"SN-1")),
			Error::<Test>::BadMakerCertificate
		);
		// Signed for another serial than the one presented.
		let mut other_serial = certificate(maker, &root, 7, SOLAR_MODEL, b"SN-1");
		other_serial.serial = serial(b"SN-2");
		assert_noop!(try_cert(other_serial), Error::<Test>::BadMakerCertificate);
		// Signed for another device key.
		assert_noop!(
			try_cert(certificate(maker, &root, 8, SOLAR_MODEL, b"SN-1")),
			Error::<Test>::BadMakerCertificate
		);
		// A signature of another scheme than the root key's.
		let mut other_scheme = certificate(maker, &root, 7, SOLAR_MODEL, b"SN-1");
		let payload = maker_certificate_payload(&sr_key(&device_pair(7)), SOLAR_MODEL, b"SN-1");
		other_scheme.signature = DeviceSignature::Sr25519(device_pair(7).sign(&payload));
		assert_noop!(try_cert(other_scheme), Error::<Test>::BadMakerCertificate);
		// A maker no one registered.
		assert_noop!(
			try_cert(certificate(9, &root, 7, SOLAR_MODEL, b"SN-1")),
			Error::<Test>::MakerNotFound
		);
		// The good one registers.
		assert_ok!(try_cert(certificate(maker, &root, 7, SOLAR_MODEL, b"SN-1")));
	});
}

#[test]
fn a_serial_backs_one_device_at_a_time() {
	run_test(|| {
		let maker = add_maker(1);
		let root = maker_pair(1);
		// The maker certified two keys with one serial (a cloned unit).
		assert_ok!(register_spec(
			BOB,
			1,
			solar(),
			SOLAR_MODEL,
			Some(certificate(maker, &root, 1, SOLAR_MODEL, b"SN-1"))
		));
		assert_noop!(
			register_spec(
				CHARLIE,
				2,
				solar(),
				SOLAR_MODEL,
				Some(certificate(maker, &root, 2, SOLAR_MODEL, b"SN-1"))
			),
			Error::<Test>::SerialInUse
		);
		// Another maker's serial of the same bytes is another unit.
		let other = add_maker(2);
		assert_ok!(register_spec(
			CHARLIE,
			3,
			solar(),
			SOLAR_MODEL,
			Some(certificate(other, &maker_pair(2), 3, SOLAR_MODEL, b"SN-1"))
		));
		// Decommissioning frees the serial.
		assert_ok!(Devices::decommission(RuntimeOrigin::signed(BOB), 0));
		assert!(!SerialsInUse::<Test>::contains_key(maker, serial(b"SN-1")));
		assert!(!DeviceSerial::<Test>::contains_key(0));
		assert_ok!(register_spec(
			CHARLIE,
			2,
			solar(),
			SOLAR_MODEL,
			Some(certificate(maker, &root, 2, SOLAR_MODEL, b"SN-1"))
		));
		assert_eq!(SerialsInUse::<Test>::get(maker, serial(b"SN-1")), Some(2));
		// A forced decommission frees it as well.
		assert_ok!(Devices::force_decommission(RuntimeOrigin::root(), 2, false));
		assert!(!SerialsInUse::<Test>::contains_key(maker, serial(b"SN-1")));
		assert!(!DeviceSerial::<Test>::contains_key(2));
	});
}

#[test]
fn revoking_the_maker_unattests_its_devices() {
	run_test(|| {
		let maker = add_maker(1);
		let root = maker_pair(1);
		assert_ok!(register_spec(
			BOB,
			1,
			solar(),
			SOLAR_MODEL,
			Some(certificate(maker, &root, 1, SOLAR_MODEL, b"SN-1"))
		));
		let attested = || <Devices as DeviceRegistry<_, _>>::device(0).unwrap().maker_attested;
		assert!(attested());
		assert_ok!(Devices::revoke_maker(RuntimeOrigin::root(), maker));
		// The device stays registered, with its maker and serial, but is no longer attested.
		assert!(!attested());
		assert_eq!(DevicesMap::<Test>::get(0).unwrap().maker, Some(maker));
		assert_eq!(SerialsInUse::<Test>::get(maker, serial(b"SN-1")), Some(0));
		// The revoked maker's certificates register nothing new.
		assert_noop!(
			register_spec(
				BOB,
				2,
				solar(),
				SOLAR_MODEL,
				Some(certificate(maker, &root, 2, SOLAR_MODEL, b"SN-2"))
			),
			Error::<Test>::MakerNotFound
		);
		// Re-registering the same root key gives a new maker: the old devices stay unattested.
		assert_ok!(Devices::register_maker(
			RuntimeOrigin::root(),
			b"Acme".to_vec(),
			DeviceKey::Ed25519(root.public())
		));
		assert!(!attested());
		// Decommissioning still frees the serial.
		assert_ok!(Devices::decommission(RuntimeOrigin::signed(BOB), 0));
		assert!(!SerialsInUse::<Test>::contains_key(maker, serial(b"SN-1")));
	});
}
