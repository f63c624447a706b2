//! Benchmarks of the deployments pallet (v2), each at its worst case.

use super::*;
use crate::pallet::{BlueprintKpis, Blueprints, Deployments, DeviceDeployment, NextBlueprintId};
use alloc::vec;
use atlas_primitives::{DeviceRegistry, PerClass, Role, RoleProvider, StateId};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Consideration, Get,
};
use frame_system::RawOrigin;
use sp_runtime::Saturating;

/// An account that can pay one deployment deposit and one blueprint deposit (no benchmark has
/// an account pay more).
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, T::Currency::minimum_balance().saturating_mul(100u32.into()));
	T::DeploymentConsideration::ensure_successful(&who, Pallet::<T>::deployment_footprint());
	T::BlueprintConsideration::ensure_successful(&who, Pallet::<T>::blueprint_footprint());
	who
}

/// An active state managed by a steward (not its admin): the slower permission path. Returns
/// the state and the steward.
fn state_with_steward<T: Config>() -> (StateId, T::AccountId) {
	let admin: T::AccountId = account("admin", 0, 0);
	let state = T::States::benchmark_state(&admin);
	let steward = funded::<T>("steward", 0);
	T::States::benchmark_grant(state, &steward, Role::Steward);
	(state, steward)
}

/// A deployment of a fresh state; returns it, the state and the state's steward.
fn deployment<T: Config>() -> (DeploymentId, StateId, T::AccountId) {
	let (state, steward) = state_with_steward::<T>();
	let id = NextDeploymentId::<T>::get();
	Pallet::<T>::create_deployment(
		RawOrigin::Signed(steward.clone()).into(),
		state,
		vec![b'd'; T::MaxNameLength::get() as usize],
		vec![],
		vec![],
		None,
	)
	.expect("steward creates");
	(id, state, steward)
}

/// A device of `state` owned by someone else than its steward.
fn registered_device<T: Config>(state: StateId) -> atlas_primitives::DeviceId {
	let owner: T::AccountId = account("owner", 0, 0);
	T::Devices::benchmark_device(
		&owner,
		state,
		atlas_primitives::DeviceSpec::Energy { rated_watts: 1_000 },
		atlas_primitives::DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw([9; 32])),
	)
}

/// A blueprint with every list at its bound.
fn spec<T: Config>() -> BlueprintSpecOf<T> {
	BlueprintSpec {
		name: vec![b'b'; T::MaxNameLength::get() as usize],
		metadata_uri: vec![b'u'; T::MaxUriLength::get() as usize],
		device_mix: PerClass([1, 2, 40, 10]),
		hardware_models: vec![1; T::MaxModels::get() as usize],
		expected_output: Default::default(),
		cost: T::Currency::minimum_balance(),
		source: None,
	}
}

/// A blueprint published by `state`.
fn blueprint<T: Config>(state: StateId, steward: &T::AccountId) -> BlueprintId {
	let id = NextBlueprintId::<T>::get();
	Pallet::<T>::publish_blueprint(RawOrigin::Signed(steward.clone()).into(), state, spec::<T>())
		.expect("published");
	id
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_deployment() {
		let (state, steward) = state_with_steward::<T>();
		let cells = vec![0x8928308280fffffu64; T::MaxCells::get() as usize];
		let id = NextDeploymentId::<T>::get();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(steward),
			state,
			vec![b'd'; T::MaxNameLength::get() as usize],
			vec![b'u'; T::MaxUriLength::get() as usize],
			cells,
			None,
		);
		assert!(Deployments::<T>::contains_key(id));
	}

	/// A steward (not the owner) adds the device: the slower permission path.
	#[benchmark]
	fn add_device() {
		let (deployment, state, steward) = deployment::<T>();
		let device = registered_device::<T>(state);
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), deployment, device);
		assert_eq!(DeviceDeployment::<T>::get(device), Some(deployment));
	}

	#[benchmark]
	fn remove_device() {
		let (deployment, state, steward) = deployment::<T>();
		let device = registered_device::<T>(state);
		Pallet::<T>::add_device(RawOrigin::Signed(steward.clone()).into(), deployment, device)
			.expect("added");
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), deployment, device);
		assert!(DeviceDeployment::<T>::get(device).is_none());
	}

	/// Closing an adopted deployment: the blueprint's count drops too.
	#[benchmark]
	fn close_deployment() {
		let (deployment, state, steward) = deployment::<T>();
		let blueprint = blueprint::<T>(state, &steward);
		Pallet::<T>::adopt_blueprint(
			RawOrigin::Signed(steward.clone()).into(),
			blueprint,
			deployment,
		)
		.expect("adopted");
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), deployment);
		assert!(!Deployments::<T>::contains_key(deployment));
	}

	/// Drawn from a deployment (one more read), every list at its bound.
	#[benchmark]
	fn publish_blueprint() {
		let (deployment, state, steward) = deployment::<T>();
		let mut spec = spec::<T>();
		spec.source = Some(deployment);
		let id = NextBlueprintId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), state, spec);
		assert!(Blueprints::<T>::contains_key(id));
	}

	#[benchmark]
	fn adopt_blueprint() {
		let (deployment, state, steward) = deployment::<T>();
		let blueprint = blueprint::<T>(state, &steward);
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), blueprint, deployment);
		assert_eq!(Blueprints::<T>::get(blueprint).map(|b| b.adoptions), Some(1));
	}

	/// Drawn from a deployment: the source's KPIs are unlinked too.
	#[benchmark]
	fn retire_blueprint() {
		let (deployment, state, steward) = deployment::<T>();
		let mut spec = spec::<T>();
		spec.source = Some(deployment);
		let id = NextBlueprintId::<T>::get();
		Pallet::<T>::publish_blueprint(RawOrigin::Signed(steward.clone()).into(), state, spec)
			.expect("published");
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), id);
		assert!(!Blueprints::<T>::contains_key(id));
	}

	/// A device of a deployment that counts toward a blueprint: both KPIs change.
	#[benchmark]
	fn note_delivery() {
		let (deployment, state, steward) = deployment::<T>();
		let device = registered_device::<T>(state);
		Pallet::<T>::add_device(RawOrigin::Signed(steward.clone()).into(), deployment, device)
			.expect("added");
		let blueprint = blueprint::<T>(state, &steward);
		Pallet::<T>::adopt_blueprint(RawOrigin::Signed(steward).into(), blueprint, deployment)
			.expect("adopted");
		let old = atlas_primitives::Delivery { epoch_secs: 3_600, ..Default::default() };
		let new = atlas_primitives::Delivery { points: 10, ..old };
		#[block]
		{
			<Pallet<T> as atlas_primitives::OnDelivery>::on_delivery(device, 1, Some(&old), &new);
		}
		assert_eq!(BlueprintKpis::<T>::get(blueprint).totals.points, 10);
	}

	/// A device in no deployment: one lookup.
	#[benchmark]
	fn note_delivery_outside() {
		let (_, state, _) = deployment::<T>();
		let device = registered_device::<T>(state);
		let new =
			atlas_primitives::Delivery { epoch_secs: 3_600, points: 10, ..Default::default() };
		#[block]
		{
			<Pallet<T> as atlas_primitives::OnDelivery>::on_delivery(device, 1, None, &new);
		}
		assert!(DeviceDeployment::<T>::get(device).is_none());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
