//! Tests of the device registry. Every test ends with the pallet's `try_state` checks.

use crate::{
	mock::*, BannedKeys, Device, DeviceByKey, Devices as DevicesMap, DevicesByOwner,
	DevicesByState, Error, Event, HardwareModels, HoldReason, RegistrationNonce, RewardRoutes,
	StateDeviceCount,
};
use atlas_primitives::{
	default_route, possession_payload, Beneficiary, DeviceClass, DeviceId, DeviceKey,
	DeviceRegistry, DeviceSignature, DeviceSpec, DeviceStatus, Role, RouteShare,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use sp_core::{ed25519, sr25519, Pair, H256};
use sp_runtime::{DispatchError, Perbill};

/// A valid resolution-9 H3 cell (San Francisco).
const CELL: u64 = 0x8928308280fffff;
/// Another valid cell (Berlin).
const BERLIN: u64 = 0x891f1d48947ffff;

fn device_pair(seed: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[seed; 32])
}

fn sr_key(pair: &sr25519::Pair) -> DeviceKey {
	DeviceKey::Sr25519(pair.public())
}

/// The device's proof that `owner` holds it, for `owner`'s current nonce on this chain.
fn proof(pair: &sr25519::Pair, owner: AccountId) -> DeviceSignature {
	let nonce = RegistrationNonce::<Test>::get(owner);
	proof_with(pair, owner, nonce, Devices::genesis_hash())
}

fn proof_with(
	pair: &sr25519::Pair,
	owner: AccountId,
	nonce: u32,
	genesis: H256,
) -> DeviceSignature {
	let payload = possession_payload(&genesis, &owner, &sr_key(pair), nonce);
	DeviceSignature::Sr25519(pair.sign(&payload))
}

fn solar() -> DeviceSpec {
	DeviceSpec::Energy { rated_watts: 5_000 }
}

fn register_with(owner: AccountId, pair: &sr25519::Pair, uri: &[u8]) -> DispatchResultLike {
	Devices::register_device(
		RuntimeOrigin::signed(owner),
		STATE,
		solar(),
		SOLAR_MODEL,
		CELL,
		uri.to_vec(),
		sr_key(pair),
		proof(pair, owner),
	)
}

type DispatchResultLike = frame_support::dispatch::DispatchResult;

/// Bob registers a solar inverter with key `seed`; returns its id.
fn register(owner: AccountId, seed: u8) -> DeviceId {
	let id = crate::NextDeviceId::<Test>::get();
	assert_ok!(register_with(owner, &device_pair(seed), b"ipfs://panel"));
	id
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::DeviceDeposit.into(), &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

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
			}
			.into()
		);
		// The registry view for other pallets.
		let summary = <Devices as DeviceRegistry<_, _>>::device(device).unwrap();
		assert_eq!(
			(summary.owner, summary.state, summary.status),
			(BOB, STATE, DeviceStatus::Pending)
		);
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
					gpu_memory_mib: 24_576,
				},
				GPU_MODEL,
			),
			(DeviceSpec::Connectivity { link_capacity_kbps: 1_000_000 }, ROUTER_MODEL),
			(solar(), SOLAR_MODEL),
			(
				DeviceSpec::Sensing {
					sensor_kind: atlas_primitives::SensorKind::AirQuality,
					samples_per_hour: 60,
				},
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
				proof(&pair, BOB)
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
fn lifecycle_transitions() {
	run_test(|| {
		let device = register(BOB, 1);
		// Only a steward activates.
		assert_noop!(
			Devices::activate_device(RuntimeOrigin::signed(BOB), device),
			Error::<Test>::NotSteward
		);
		assert_noop!(
			Devices::activate_device(RuntimeOrigin::signed(ALICE), 42),
			Error::<Test>::DeviceNotFound
		);
		// A pending device cannot be suspended.
		assert_noop!(
			Devices::suspend_device(RuntimeOrigin::signed(ALICE), device),
			Error::<Test>::InvalidTransition
		);
		assert_ok!(Devices::activate_device(RuntimeOrigin::signed(ALICE), device));
		assert_eq!(last_event(), Event::DeviceActivated { device, by: ALICE }.into());
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().status, DeviceStatus::Active);
		assert_noop!(
			Devices::activate_device(RuntimeOrigin::signed(ALICE), device),
			Error::<Test>::InvalidTransition
		);
		assert_noop!(
			Devices::suspend_device(RuntimeOrigin::signed(CHARLIE), device),
			Error::<Test>::NotSteward
		);
		assert_noop!(
			Devices::suspend_device(RuntimeOrigin::signed(ALICE), 42),
			Error::<Test>::DeviceNotFound
		);
		assert_ok!(Devices::suspend_device(RuntimeOrigin::signed(ALICE), device));
		assert_eq!(last_event(), Event::DeviceSuspended { device, by: ALICE }.into());
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().status, DeviceStatus::Suspended);
		// A suspended state's devices cannot be activated.
		MockRoles::set_active(STATE, false);
		assert_noop!(
			Devices::activate_device(RuntimeOrigin::signed(ALICE), device),
			Error::<Test>::StateSuspended
		);
		MockRoles::set_active(STATE, true);
		assert_ok!(Devices::activate_device(RuntimeOrigin::signed(ALICE), device));
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().status, DeviceStatus::Active);
	});
}

#[test]
fn update_device_by_owner() {
	run_test(|| {
		let device = register(BOB, 1);
		assert_ok!(Devices::update_device(RuntimeOrigin::signed(BOB), device, Some(BERLIN), None));
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().location, BERLIN);
		assert_eq!(last_event(), Event::DeviceUpdated { device }.into());
		assert_ok!(Devices::update_device(
			RuntimeOrigin::signed(BOB),
			device,
			None,
			Some(b"https://x".to_vec())
		));
		assert_eq!(
			DevicesMap::<Test>::get(device).unwrap().metadata_uri.to_vec(),
			b"https://x".to_vec()
		);
		assert_noop!(
			Devices::update_device(RuntimeOrigin::signed(CHARLIE), device, Some(CELL), None),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Devices::update_device(RuntimeOrigin::signed(BOB), 5, Some(CELL), None),
			Error::<Test>::DeviceNotFound
		);
		assert_noop!(
			Devices::update_device(RuntimeOrigin::signed(BOB), device, None, None),
			Error::<Test>::NothingToUpdate
		);
		assert_noop!(
			Devices::update_device(RuntimeOrigin::signed(BOB), device, Some(u64::MAX), None),
			Error::<Test>::InvalidLocation
		);
		assert_noop!(
			Devices::update_device(RuntimeOrigin::signed(BOB), device, None, Some(vec![0; 33])),
			Error::<Test>::MetadataTooLong
		);
	});
}

#[test]
fn operators_must_hold_the_operator_role() {
	run_test(|| {
		let device = register(BOB, 1);
		assert_noop!(
			Devices::set_operator(RuntimeOrigin::signed(BOB), device, Some(CHARLIE)),
			Error::<Test>::NotAnOperator
		);
		assert_noop!(
			Devices::set_operator(RuntimeOrigin::signed(CHARLIE), device, Some(DAVE)),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Devices::set_operator(RuntimeOrigin::signed(BOB), 3, Some(DAVE)),
			Error::<Test>::DeviceNotFound
		);
		assert_ok!(Devices::set_operator(RuntimeOrigin::signed(BOB), device, Some(DAVE)));
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().operator, Some(DAVE));
		assert_eq!(last_event(), Event::OperatorSet { device, operator: Some(DAVE) }.into());
		assert_ok!(Devices::set_operator(RuntimeOrigin::signed(BOB), device, None));
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().operator, None);
	});
}

fn leg(beneficiary: Beneficiary<AccountId>, pct: u32) -> RouteShare<AccountId> {
	RouteShare { beneficiary, share: Perbill::from_percent(pct) }
}

#[test]
fn reward_routes_must_sum_to_whole() {
	run_test(|| {
		let device = register(BOB, 1);
		let set = |who, route| Devices::set_reward_route(RuntimeOrigin::signed(who), device, route);
		assert_noop!(set(BOB, vec![]), Error::<Test>::RouteEmpty);
		assert_noop!(
			set(BOB, vec![leg(Beneficiary::Owner, 50), leg(Beneficiary::Stake, 40)]),
			Error::<Test>::RouteNotWhole
		);
		assert_noop!(
			set(BOB, vec![leg(Beneficiary::Owner, 100), leg(Beneficiary::Stake, 0)]),
			Error::<Test>::RouteZeroShare
		);
		assert_noop!(
			set(BOB, vec![leg(Beneficiary::Account(7), 50), leg(Beneficiary::Account(7), 50)]),
			Error::<Test>::RouteDuplicateBeneficiary
		);
		assert_noop!(
			set(BOB, vec![leg(Beneficiary::Owner, 50), leg(Beneficiary::Vault(4), 50)]),
			Error::<Test>::UnknownVault
		);
		let too_long: Vec<_> = (0..9).map(|a| leg(Beneficiary::Account(a), 10)).collect();
		assert_noop!(set(BOB, too_long), Error::<Test>::RouteTooLong);
		assert_noop!(set(CHARLIE, vec![leg(Beneficiary::Owner, 100)]), Error::<Test>::NotOwner);
		assert_noop!(
			Devices::set_reward_route(
				RuntimeOrigin::signed(BOB),
				9,
				vec![leg(Beneficiary::Owner, 100)]
			),
			Error::<Test>::DeviceNotFound
		);

		let route = vec![
			leg(Beneficiary::Owner, 50),
			leg(Beneficiary::Vault(3), 30),
			leg(Beneficiary::CommunityPool, 20),
		];
		assert_ok!(set(BOB, route.clone()));
		let bounded: BoundedVec<_, _> = route.try_into().unwrap();
		assert_eq!(RewardRoutes::<Test>::get(device), Some(bounded.clone()));
		assert_eq!(<Devices as DeviceRegistry<_, _>>::reward_route(device), Some(bounded.clone()));
		assert_eq!(last_event(), Event::RewardRouteSet { device, route: bounded }.into());
		// Setting the default route clears the stored one.
		assert_ok!(set(BOB, vec![leg(Beneficiary::Owner, 100)]));
		assert!(RewardRoutes::<Test>::get(device).is_none());
		assert_eq!(<Devices as DeviceRegistry<_, _>>::reward_route(device), Some(default_route()));
		assert_eq!(<Devices as DeviceRegistry<_, _>>::reward_route(9), None);
	});
}

#[test]
fn the_vault_leg_travels_with_the_device_and_is_locked_while_unpaid() {
	run_test(|| {
		let device = register(BOB, 1);
		let set = |route| Devices::set_reward_route(RuntimeOrigin::signed(BOB), device, route);
		let vault =
			|share| atlas_primitives::VaultLeg { vault: 3, share: Perbill::from_percent(share) };
		let summary = || <Devices as DeviceRegistry<_, _>>::device(device).unwrap().vault;
		assert_noop!(
			set(vec![leg(Beneficiary::Vault(3), 50), leg(Beneficiary::Vault(4), 50)]),
			Error::<Test>::RouteSeveralVaults
		);
		assert_eq!(summary(), None);
		assert_ok!(set(vec![leg(Beneficiary::Owner, 60), leg(Beneficiary::Vault(3), 40)]));
		assert_eq!(summary(), Some(vault(40)));
		// With unpaid rewards the vault's share may not move, other legs may.
		MockRewards::set_unpaid(device, true);
		assert_noop!(
			set(vec![leg(Beneficiary::Owner, 50), leg(Beneficiary::Vault(3), 50)]),
			Error::<Test>::VaultLegLocked
		);
		assert_noop!(set(vec![leg(Beneficiary::Owner, 100)]), Error::<Test>::VaultLegLocked);
		assert_ok!(set(vec![leg(Beneficiary::CommunityPool, 60), leg(Beneficiary::Vault(3), 40)]));
		MockRewards::set_unpaid(device, false);
		assert_ok!(set(vec![leg(Beneficiary::Owner, 100)]));
		assert_eq!(summary(), None);
		assert_ok!(set(vec![leg(Beneficiary::Owner, 10), leg(Beneficiary::Vault(3), 90)]));
		assert_eq!(summary(), Some(vault(90)));
	});
}

#[test]
fn transfer_moves_ownership_and_resets_route_and_operator() {
	run_test(|| {
		let device = register(BOB, 1);
		assert_ok!(Devices::set_operator(RuntimeOrigin::signed(BOB), device, Some(DAVE)));
		assert_ok!(Devices::set_reward_route(
			RuntimeOrigin::signed(BOB),
			device,
			vec![leg(Beneficiary::Account(BOB), 100)]
		));
		assert_noop!(
			Devices::transfer_device(RuntimeOrigin::signed(BOB), device, DAVE),
			Error::<Test>::RecipientNotCitizen
		);
		assert_noop!(
			Devices::transfer_device(RuntimeOrigin::signed(BOB), device, BOB),
			Error::<Test>::AlreadyOwner
		);
		assert_noop!(
			Devices::transfer_device(RuntimeOrigin::signed(CHARLIE), device, CHARLIE),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Devices::transfer_device(RuntimeOrigin::signed(BOB), 4, CHARLIE),
			Error::<Test>::DeviceNotFound
		);
		MockRewards::set_unpaid(device, true);
		assert_noop!(
			Devices::transfer_device(RuntimeOrigin::signed(BOB), device, CHARLIE),
			Error::<Test>::UnpaidRewards
		);
		MockRewards::set_unpaid(device, false);
		assert_ok!(Devices::transfer_device(RuntimeOrigin::signed(BOB), device, CHARLIE));
		assert_eq!(
			last_event(),
			Event::DeviceTransferred { device, from: BOB, to: CHARLIE }.into()
		);
		let info = DevicesMap::<Test>::get(device).unwrap();
		assert_eq!((info.owner, info.operator, info.depositor), (CHARLIE, None, BOB));
		assert!(RewardRoutes::<Test>::get(device).is_none());
		assert!(!DevicesByOwner::<Test>::contains_key(BOB, device));
		assert!(DevicesByOwner::<Test>::contains_key(CHARLIE, device));
		// The deposit stays with Bob and returns to him when Charlie decommissions.
		assert_eq!((held(BOB), held(CHARLIE)), (DEVICE_DEPOSIT, 0));
		let bob_before = Balances::balance(&BOB);
		assert_ok!(Devices::decommission(RuntimeOrigin::signed(CHARLIE), device));
		assert_eq!(Balances::balance(&BOB), bob_before + DEVICE_DEPOSIT);
	});
}

#[test]
fn decommission_removes_everything_and_returns_deposit() {
	run_test(|| {
		let pair = device_pair(1);
		let device = register(BOB, 1);
		assert_ok!(Devices::set_reward_route(
			RuntimeOrigin::signed(BOB),
			device,
			vec![leg(Beneficiary::Stake, 100)]
		));
		assert_noop!(
			Devices::decommission(RuntimeOrigin::signed(CHARLIE), device),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Devices::decommission(RuntimeOrigin::signed(BOB), 8),
			Error::<Test>::DeviceNotFound
		);
		// Rewards not yet paid must be claimed first.
		MockRewards::set_unpaid(device, true);
		assert_noop!(
			Devices::decommission(RuntimeOrigin::signed(BOB), device),
			Error::<Test>::UnpaidRewards
		);
		MockRewards::set_unpaid(device, false);
		let before = Balances::balance(&BOB);
		assert_ok!(Devices::decommission(RuntimeOrigin::signed(BOB), device));
		assert_eq!(Balances::balance(&BOB), before + DEVICE_DEPOSIT);
		assert_eq!(held(BOB), 0);
		assert!(DevicesMap::<Test>::get(device).is_none());
		assert!(DeviceByKey::<Test>::get(sr_key(&pair)).is_none());
		assert!(!DevicesByOwner::<Test>::contains_key(BOB, device));
		assert!(!DevicesByState::<Test>::contains_key(STATE, device));
		assert!(RewardRoutes::<Test>::get(device).is_none());
		assert!(!StateDeviceCount::<Test>::contains_key(STATE));
		assert_eq!(
			last_event(),
			Event::DeviceDecommissioned {
				device,
				forced: false,
				key_banned: false,
				deposit_returned: DEVICE_DEPOSIT
			}
			.into()
		);
	});
}

#[test]
fn force_decommission_can_ban_the_key() {
	run_test(|| {
		let pair = device_pair(1);
		let device = register(BOB, 1);
		assert_noop!(
			Devices::force_decommission(RuntimeOrigin::signed(ALICE), device, true),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Devices::force_decommission(RuntimeOrigin::root(), 77, true),
			Error::<Test>::DeviceNotFound
		);
		assert_ok!(Devices::force_decommission(RuntimeOrigin::root(), device, true));
		assert_eq!(
			last_event(),
			Event::DeviceDecommissioned {
				device,
				forced: true,
				key_banned: true,
				deposit_returned: DEVICE_DEPOSIT
			}
			.into()
		);
		assert!(BannedKeys::<Test>::contains_key(sr_key(&pair)));
		assert_noop!(register_with(BOB, &pair, b""), Error::<Test>::DeviceKeyBanned);
		// Without a ban the key may come back.
		let other = device_pair(2);
		let second = register(BOB, 2);
		assert_ok!(Devices::force_decommission(RuntimeOrigin::root(), second, false));
		assert_ok!(register_with(BOB, &other, b""));
	});
}

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

#[test]
fn slashing_takes_part_of_the_deposit() {
	run_test(|| {
		let device = register(BOB, 1);
		let free = Balances::balance(&BOB);
		let taken = Devices::slash_deposit(device, Perbill::from_percent(40), None).unwrap();
		assert_eq!(taken, 20);
		assert_eq!(slashed(), 20);
		assert_eq!(held(BOB), DEVICE_DEPOSIT - 20);
		assert_eq!(Balances::balance(&BOB), free);
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().deposit, DEVICE_DEPOSIT - 20);
		assert_eq!(last_event(), Event::DepositSlashed { device, amount: 20 }.into());
		assert_eq!(
			Devices::slash_deposit(9, Perbill::one(), None),
			Err(Error::<Test>::DeviceNotFound.into())
		);
		// A slash can pay a beneficiary (a successful challenger) instead.
		let charlie = Balances::balance(&CHARLIE);
		assert_eq!(
			Devices::slash_deposit(device, Perbill::from_percent(20), Some(&CHARLIE)),
			Ok(6)
		);
		assert_eq!(Balances::balance(&CHARLIE), charlie + 6);
		assert_eq!(held(BOB), DEVICE_DEPOSIT - 26);
		// Decommission returns what is left.
		assert_ok!(Devices::decommission(RuntimeOrigin::signed(BOB), device));
		assert_eq!(Balances::balance(&BOB), free + DEVICE_DEPOSIT - 26);
	});
}

#[test]
fn devices_are_paginated_by_owner_and_state() {
	run_test(|| {
		for seed in 1..=5 {
			register(BOB, seed);
		}
		register(CHARLIE, 6);
		let mut seen = vec![];
		let mut cursor = None;
		loop {
			let page = Devices::owner_page(BOB, cursor, 2);
			assert!(page.items.len() <= 2);
			seen.extend(page.items.iter().map(|(id, d)| {
				assert_eq!(d.owner, BOB);
				*id
			}));
			match page.next {
				Some(next) => cursor = Some(next),
				None => break,
			}
		}
		seen.sort();
		assert_eq!(seen, vec![0, 1, 2, 3, 4]);
		assert_eq!(Devices::state_page(STATE, None, 100).items.len(), 6);
		assert_eq!(Devices::state_page(STATE, None, 1_000).next, None);
		assert_eq!(Devices::state_page(OTHER_STATE, None, 10).items.len(), 0);
		assert_eq!(Devices::owner_page(CHARLIE, None, 10).items[0].0, 5);
		assert_eq!(Devices::device_count(STATE), 6);
		assert_eq!(Devices::device_count(OTHER_STATE), 0);
	});
}

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

#[test]
fn the_census_counts_devices_by_class_and_status() {
	use atlas_primitives::DeviceCensus;
	run_test(|| {
		// Energy is class 2; statuses are pending, active, suspended.
		let census = |pending, active, suspended| {
			let mut c = DeviceCensus::default();
			c.0[2] = [pending, active, suspended];
			c
		};
		let a = register(BOB, 1);
		let b = register(BOB, 2);
		assert_eq!(crate::Census::<Test>::get(), census(2, 0, 0));
		assert_ok!(Devices::activate_device(RuntimeOrigin::signed(ALICE), a));
		assert_ok!(Devices::activate_device(RuntimeOrigin::signed(ALICE), b));
		assert_ok!(Devices::suspend_device(RuntimeOrigin::signed(ALICE), b));
		assert_eq!(crate::Census::<Test>::get(), census(0, 1, 1));
		// A refused transition changes nothing.
		assert_noop!(
			Devices::suspend_device(RuntimeOrigin::signed(ALICE), b),
			Error::<Test>::InvalidTransition
		);
		assert_ok!(Devices::decommission(RuntimeOrigin::signed(BOB), b));
		assert_eq!(crate::Census::<Test>::get(), census(0, 1, 0));
		assert_eq!(crate::Census::<Test>::get().total(), 1);
		// try_state recounts it from the devices.
		crate::Census::<Test>::put(census(0, 2, 0));
		assert!(Devices::do_try_state().is_err());
		crate::Census::<Test>::put(census(0, 1, 0));
	});
}
