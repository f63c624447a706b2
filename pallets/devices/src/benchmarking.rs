//! Benchmarks of the device registry (v2), each at its worst case.

use super::*;
use crate::pallet::{Devices, HardwareModels, RewardRoutes};
use alloc::{vec, vec::Vec};
use atlas_primitives::{
	maker_certificate_payload, possession_payload, Beneficiary, DeviceId, DeviceKey,
	DeviceSignature, DeviceSpec, DeviceStatus, HardwareModelId, Role, RoleProvider, RouteShare,
	StateId, MAX_GPU_MODEL_LEN, MAX_ROUTE_LEGS, MAX_SERIAL_LEN,
};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::crypto::KeyTypeId;
use sp_runtime::{traits::StaticLookup, Perbill, Saturating};

/// Key type of device keys generated in the benchmark keystore.
const DEVICE_KEY_TYPE: KeyTypeId = KeyTypeId(*b"atdv");
/// Key type of maker root keys generated in the benchmark keystore.
const MAKER_KEY_TYPE: KeyTypeId = KeyTypeId(*b"atmk");
/// A valid resolution-9 H3 cell.
const CELL: u64 = 0x8928308280fffff;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::DeviceDeposit::get()
		.saturating_mul(100u32.into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

fn lookup<T: Config>(who: &T::AccountId) -> <T::Lookup as StaticLookup>::Source {
	T::Lookup::unlookup(who.clone())
}

/// A state with a steward, and a funded citizen in it.
fn setup<T: Config>() -> (StateId, T::AccountId, T::AccountId) {
	let admin: T::AccountId = account("admin", 0, 0);
	let state = T::Roles::benchmark_state(&admin);
	let steward = funded::<T>("steward", 0);
	T::Roles::benchmark_grant(state, &steward, Role::Steward);
	let citizen = funded::<T>("citizen", 0);
	T::Roles::benchmark_grant(state, &citizen, Role::Citizen);
	(state, steward, citizen)
}

fn max_name<T: Config>() -> Vec<u8> {
	vec![b'm'; T::MaxModelNameLength::get() as usize]
}

/// The largest compute spec: the longest GPU model name.
fn compute_spec() -> DeviceSpec {
	DeviceSpec::Compute {
		gpu_model: vec![b'g'; MAX_GPU_MODEL_LEN as usize].try_into().expect("sized to the bound"),
		gpu_count: 8,
		gpu_memory_mib: 81_920,
	}
}

fn model<T: Config>(max_spec: DeviceSpec) -> HardwareModelId {
	Pallet::<T>::do_approve_model(HardwareModel {
		name: max_name::<T>().try_into().expect("sized to the bound"),
		max_spec,
	})
	.expect("ids remain")
}

fn energy_model<T: Config>() -> HardwareModelId {
	model::<T>(DeviceSpec::Energy { rated_watts: 10_000 })
}

/// A registered maker with a fresh sr25519 root key.
fn maker<T: Config>() -> (MakerId, sp_core::sr25519::Public) {
	let public = sp_io::crypto::sr25519_generate(MAKER_KEY_TYPE, None);
	let maker = NextMakerId::<T>::get();
	Makers::<T>::insert(
		maker,
		Maker {
			name: max_name::<T>().try_into().expect("sized to the bound"),
			key: DeviceKey::Sr25519(public),
		},
	);
	NextMakerId::<T>::put(maker.saturating_add(1));
	(maker, public)
}

/// A new maker's certificate of `key` as a device of `model`, with the longest serial.
fn certificate<T: Config>(key: &DeviceKey, model: HardwareModelId) -> MakerCertificate {
	let (maker, root) = maker::<T>();
	let serial: Serial =
		vec![b's'; MAX_SERIAL_LEN as usize].try_into().expect("sized to the bound");
	let payload = maker_certificate_payload(key, model, &serial);
	let signature =
		sp_io::crypto::sr25519_sign(MAKER_KEY_TYPE, &root, &payload).expect("key is in store");
	MakerCertificate { maker, serial, signature: DeviceSignature::Sr25519(signature) }
}

/// A fresh sr25519 device key and its possession proof for `owner`.
fn signed_key<T: Config>(owner: &T::AccountId) -> (DeviceKey, DeviceSignature) {
	let public = sp_io::crypto::sr25519_generate(DEVICE_KEY_TYPE, None);
	let key = DeviceKey::Sr25519(public);
	let nonce = RegistrationNonce::<T>::get(owner);
	let payload = possession_payload(&Pallet::<T>::genesis_hash(), owner, &key, nonce);
	let signature =
		sp_io::crypto::sr25519_sign(DEVICE_KEY_TYPE, &public, &payload).expect("key is in store");
	(key, DeviceSignature::Sr25519(signature))
}

fn max_uri<T: Config>() -> Vec<u8> {
	vec![b'u'; T::MaxUriLength::get() as usize]
}

/// Registers a device owned by `owner` in `state`, certified by a maker (so decommissioning it
/// frees its serial).
fn device<T: Config>(state: StateId, owner: &T::AccountId) -> DeviceId {
	let model = energy_model::<T>();
	let (key, proof) = signed_key::<T>(owner);
	let certificate = certificate::<T>(&key, model);
	let id = NextDeviceId::<T>::get();
	Pallet::<T>::register_device(
		RawOrigin::Signed(owner.clone()).into(),
		state,
		DeviceSpec::Energy { rated_watts: 5_000 },
		model,
		CELL,
		max_uri::<T>(),
		key,
		proof,
		Some(certificate),
	)
	.expect("citizen registers a device");
	id
}

fn full_route<T: Config>() -> Vec<RouteShare<T::AccountId>> {
	let legs = MAX_ROUTE_LEGS;
	(0..legs)
		.map(|i| RouteShare {
			beneficiary: Beneficiary::Account(account("payee", i, 0)),
			// The last leg takes the rounding remainder so the shares sum to exactly 100 %.
			share: if i + 1 == legs {
				Perbill::one().saturating_sub(Perbill::from_rational(legs - 1, legs))
			} else {
				Perbill::from_rational(1, legs)
			},
		})
		.collect()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// The worst case: the largest spec, exactly at its model's maxima, and a maker certificate
	// (a second signature check and the serial index).
	#[benchmark]
	fn register_device() {
		let (state, _, citizen) = setup::<T>();
		let model = model::<T>(compute_spec());
		let (key, proof) = signed_key::<T>(&citizen);
		let certificate = certificate::<T>(&key, model);
		let maker = certificate.maker;
		#[extrinsic_call]
		_(
			RawOrigin::Signed(citizen),
			state,
			compute_spec(),
			model,
			CELL,
			max_uri::<T>(),
			key,
			proof,
			Some(certificate),
		);
		assert_eq!(Devices::<T>::get(0).and_then(|d| d.maker), Some(maker));
	}

	#[benchmark]
	fn activate_device() {
		let (state, steward, citizen) = setup::<T>();
		let id = device::<T>(state, &citizen);
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), id);
		assert_eq!(Devices::<T>::get(id).map(|d| d.status), Some(DeviceStatus::Active));
	}

	#[benchmark]
	fn suspend_device() {
		let (state, steward, citizen) = setup::<T>();
		let id = device::<T>(state, &citizen);
		Pallet::<T>::activate_device(RawOrigin::Signed(steward.clone()).into(), id)
			.expect("steward activates");
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), id);
		assert_eq!(Devices::<T>::get(id).map(|d| d.status), Some(DeviceStatus::Suspended));
	}

	#[benchmark]
	fn update_device() {
		let (state, _, citizen) = setup::<T>();
		let id = device::<T>(state, &citizen);
		#[extrinsic_call]
		_(RawOrigin::Signed(citizen), id, Some(0x891f1d48947ffff), Some(max_uri::<T>()));
		assert_eq!(Devices::<T>::get(id).map(|d| d.location), Some(0x891f1d48947ffff));
	}

	#[benchmark]
	fn set_operator() {
		let (state, _, citizen) = setup::<T>();
		let id = device::<T>(state, &citizen);
		let operator: T::AccountId = account("operator", 0, 0);
		T::Roles::benchmark_grant(state, &operator, Role::Operator);
		#[extrinsic_call]
		_(RawOrigin::Signed(citizen), id, Some(lookup::<T>(&operator)));
		assert_eq!(Devices::<T>::get(id).and_then(|d| d.operator), Some(operator));
	}

	/// The longest endpoint, set by the operator (who is checked second).
	#[benchmark]
	fn set_probe_endpoint() {
		let (state, _, citizen) = setup::<T>();
		let id = device::<T>(state, &citizen);
		let operator: T::AccountId = account("operator", 0, 0);
		T::Roles::benchmark_grant(state, &operator, Role::Operator);
		Pallet::<T>::set_operator(
			RawOrigin::Signed(citizen).into(),
			id,
			Some(lookup::<T>(&operator)),
		)
		.expect("an operator of the state");
		let endpoint = vec![b'a'; T::MaxUriLength::get() as usize];
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), id, endpoint.clone());
		assert_eq!(Devices::<T>::get(id).map(|d| d.probe_endpoint.to_vec()), Some(endpoint));
	}

	#[benchmark]
	fn transfer_device() {
		let (state, _, citizen) = setup::<T>();
		let id = device::<T>(state, &citizen);
		Pallet::<T>::set_reward_route(
			RawOrigin::Signed(citizen.clone()).into(),
			id,
			full_route::<T>(),
		)
		.expect("route is whole");
		let recipient: T::AccountId = account("recipient", 0, 0);
		T::Roles::benchmark_grant(state, &recipient, Role::Citizen);
		// The deposit travels on hold: the recipient has an account.
		T::Currency::set_balance(&recipient, T::Currency::minimum_balance());
		#[extrinsic_call]
		_(RawOrigin::Signed(citizen), id, lookup::<T>(&recipient));
		assert_eq!(Devices::<T>::get(id).map(|d| d.owner), Some(recipient));
	}

	#[benchmark]
	fn set_reward_route() {
		let (state, _, citizen) = setup::<T>();
		let id = device::<T>(state, &citizen);
		let route = full_route::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(citizen), id, route.clone());
		let stored: Option<Vec<_>> = RewardRoutes::<T>::get(id).map(BoundedVec::into_inner);
		assert_eq!(stored, Some(route));
	}

	#[benchmark]
	fn decommission() {
		let (state, _, citizen) = setup::<T>();
		let id = device::<T>(state, &citizen);
		Pallet::<T>::set_reward_route(
			RawOrigin::Signed(citizen.clone()).into(),
			id,
			full_route::<T>(),
		)
		.expect("route is whole");
		#[extrinsic_call]
		_(RawOrigin::Signed(citizen), id);
		assert!(!Devices::<T>::contains_key(id));
	}

	#[benchmark]
	fn force_decommission() -> Result<(), BenchmarkError> {
		let (state, _, citizen) = setup::<T>();
		let id = device::<T>(state, &citizen);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, true);
		assert!(!Devices::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn approve_hardware_model() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let id = NextHardwareModelId::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, max_name::<T>(), compute_spec());
		assert!(HardwareModels::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn revoke_hardware_model() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let model = energy_model::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model);
		assert!(!HardwareModels::<T>::contains_key(model));
		Ok(())
	}

	#[benchmark]
	fn register_maker() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let key = DeviceKey::Sr25519(sp_io::crypto::sr25519_generate(MAKER_KEY_TYPE, None));
		let id = NextMakerId::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, max_name::<T>(), key);
		assert_eq!(Makers::<T>::get(id).map(|m| m.key), Some(key));
		Ok(())
	}

	#[benchmark]
	fn revoke_maker() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (id, _) = maker::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert!(!Makers::<T>::contains_key(id));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
