//! Benchmarks of the device registry (v2), each at its worst case.

use super::*;
use crate::pallet::{Devices, HardwareModels, RewardRoutes};
use alloc::{vec, vec::Vec};
use atlas_primitives::{
	possession_payload, Beneficiary, DeviceClass, DeviceId, DeviceKey, DeviceSignature, DeviceSpec,
	DeviceStatus, HardwareModelId, Role, RoleProvider, RouteShare, StateId, MAX_ROUTE_LEGS,
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

fn energy_model<T: Config>() -> HardwareModelId {
	let name = vec![b'm'; T::MaxModelNameLength::get() as usize];
	Pallet::<T>::do_approve_model(HardwareModel {
		name: name.try_into().expect("sized to the bound"),
		class: DeviceClass::Energy,
	})
	.expect("ids remain")
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

/// Registers a device owned by `owner` in `state`.
fn device<T: Config>(state: StateId, owner: &T::AccountId) -> DeviceId {
	let model = energy_model::<T>();
	let (key, proof) = signed_key::<T>(owner);
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

	#[benchmark]
	fn register_device() {
		let (state, _, citizen) = setup::<T>();
		let model = energy_model::<T>();
		let (key, proof) = signed_key::<T>(&citizen);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(citizen),
			state,
			DeviceSpec::Energy { rated_watts: 5_000 },
			model,
			CELL,
			max_uri::<T>(),
			key,
			proof,
		);
		assert!(Devices::<T>::contains_key(0));
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
		let name = vec![b'n'; T::MaxModelNameLength::get() as usize];
		let id = NextHardwareModelId::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, name, DeviceClass::Compute);
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

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
