//! Benchmarks of the sovereign registry (v2), each at its worst case.

use super::*;
use crate::pallet::{
	AgreementOfScope, Agreements, BlueprintKpis, Blueprints, ChainRecognised, Deployments,
	DeviceDeployment, LinkCount, Members, NextAgreementId, NextBlueprintId, NextDeploymentId,
	NextStateId, PendingAdmin, RecognitionRequests, Recognitions, States,
};
use alloc::vec;
use atlas_primitives::{DeviceRegistry, Role, StateId};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_runtime::{traits::StaticLookup, Saturating};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::StateDeposit::get()
		.saturating_add(T::MembershipDeposit::get())
		.saturating_mul(100u32.into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

fn lookup<T: Config>(who: &T::AccountId) -> <T::Lookup as StaticLookup>::Source {
	T::Lookup::unlookup(who.clone())
}

/// Registers a state with maximal name and URI; returns it and its admin.
fn state_with_admin<T: Config>() -> (StateId, T::AccountId) {
	let admin = funded::<T>("admin", 0);
	let state = NextStateId::<T>::get();
	Pallet::<T>::register_state(
		RawOrigin::Signed(admin.clone()).into(),
		vec![b'n'; T::MaxNameLength::get() as usize],
		vec![b'u'; T::MaxUriLength::get() as usize],
		lookup::<T>(&admin),
	)
	.expect("admin is funded");
	(state, admin)
}

/// A state whose steward (not the admin) manages roles: the slower permission path.
fn state_with_steward<T: Config>() -> (StateId, T::AccountId) {
	let (state, admin) = state_with_admin::<T>();
	let steward = funded::<T>("steward", 0);
	Pallet::<T>::grant_role(
		RawOrigin::Signed(admin).into(),
		state,
		lookup::<T>(&steward),
		Role::Steward,
	)
	.expect("admin appoints a steward");
	(state, steward)
}

/// Another state with its own admin.
fn other_state<T: Config>() -> (StateId, T::AccountId) {
	let admin = funded::<T>("other", 0);
	let state = NextStateId::<T>::get();
	Pallet::<T>::register_state(
		RawOrigin::Signed(admin.clone()).into(),
		vec![b'o'; T::MaxNameLength::get() as usize],
		vec![],
		lookup::<T>(&admin),
	)
	.expect("admin is funded");
	(state, admin)
}

/// Two states, the first asking the second to recognise it.
fn requested<T: Config>() -> (StateId, T::AccountId, StateId, T::AccountId) {
	let (a, admin_a) = state_with_admin::<T>();
	let (b, admin_b) = other_state::<T>();
	Pallet::<T>::request_recognition(RawOrigin::Signed(admin_a.clone()).into(), a, b)
		.expect("active states");
	(a, admin_a, b, admin_b)
}

/// A deployment of a fresh state; returns it, the state and the state's admin.
fn deployment<T: Config>() -> (DeploymentId, StateId, T::AccountId) {
	let (state, admin) = state_with_admin::<T>();
	let id = NextDeploymentId::<T>::get();
	Pallet::<T>::create_deployment(
		RawOrigin::Signed(admin.clone()).into(),
		state,
		vec![b'd'; T::MaxNameLength::get() as usize],
		vec![],
		vec![],
		None,
	)
	.expect("steward creates");
	(id, state, admin)
}

/// A device of `state` owned by someone else than its admin.
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
		device_mix: [1, 2, 40, 10],
		hardware_models: vec![1; T::MaxModels::get() as usize],
		expected_output: Default::default(),
		cost: T::Currency::minimum_balance(),
		source: None,
	}
}

/// A blueprint published by `state`.
fn blueprint<T: Config>(state: StateId, admin: &T::AccountId) -> BlueprintId {
	let id = NextBlueprintId::<T>::get();
	Pallet::<T>::publish_blueprint(RawOrigin::Signed(admin.clone()).into(), state, spec::<T>())
		.expect("published");
	id
}

/// Two states, the second (the host) recognising the first (the guest); returns the guest, the
/// host and the host's admin.
fn recognising<T: Config>() -> (StateId, StateId, T::AccountId) {
	let (guest, _, host, host_admin) = requested::<T>();
	Pallet::<T>::accept_recognition(RawOrigin::Signed(host_admin.clone()).into(), host, guest)
		.expect("host accepts");
	(guest, host, host_admin)
}

/// A co-use agreement on a device class; returns it, the host's admin and the guest's admin.
fn agreement<T: Config>() -> (AgreementId, T::AccountId, T::AccountId) {
	let (guest, guest_admin, host, host_admin) = requested::<T>();
	Pallet::<T>::accept_recognition(RawOrigin::Signed(host_admin.clone()).into(), host, guest)
		.expect("host accepts");
	let id = NextAgreementId::<T>::get();
	Pallet::<T>::grant_usage(
		RawOrigin::Signed(host_admin.clone()).into(),
		host,
		guest,
		UsageScope::Class(atlas_primitives::DeviceClass::Connectivity),
		T::MaxAgreementDuration::get(),
		sp_runtime::Perbill::from_percent(10),
	)
	.expect("host grants");
	(id, host_admin, guest_admin)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_state() {
		let caller = funded::<T>("caller", 0);
		let name = vec![b'n'; T::MaxNameLength::get() as usize];
		let uri = vec![b'u'; T::MaxUriLength::get() as usize];
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), name, uri, lookup::<T>(&caller));
		assert!(States::<T>::contains_key(0));
	}

	#[benchmark]
	fn update_state() {
		let (state, admin) = state_with_admin::<T>();
		let name = vec![b'm'; T::MaxNameLength::get() as usize];
		let uri = vec![b'v'; T::MaxUriLength::get() as usize];
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), state, Some(name.clone()), Some(uri));
		assert_eq!(States::<T>::get(state).map(|s| s.name.to_vec()), Some(name));
	}

	#[benchmark]
	fn transfer_admin() {
		let (state, admin) = state_with_admin::<T>();
		let next = funded::<T>("next", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), state, lookup::<T>(&next));
		assert_eq!(PendingAdmin::<T>::get(state), Some(next));
	}

	#[benchmark]
	fn accept_admin() {
		let (state, admin) = state_with_admin::<T>();
		let next = funded::<T>("next", 0);
		Pallet::<T>::transfer_admin(RawOrigin::Signed(admin).into(), state, lookup::<T>(&next))
			.expect("admin proposes");
		#[extrinsic_call]
		_(RawOrigin::Signed(next.clone()), state);
		assert_eq!(States::<T>::get(state).map(|s| s.admin), Some(next));
	}

	#[benchmark]
	fn deregister_state() {
		let (state, admin) = state_with_admin::<T>();
		let next = funded::<T>("next", 0);
		Pallet::<T>::transfer_admin(
			RawOrigin::Signed(admin.clone()).into(),
			state,
			lookup::<T>(&next),
		)
		.expect("admin proposes");
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), state);
		assert!(!States::<T>::contains_key(state));
	}

	#[benchmark]
	fn grant_role() {
		let (state, steward) = state_with_steward::<T>();
		let citizen: T::AccountId = account("citizen", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), state, lookup::<T>(&citizen), Role::Citizen);
		assert!(Members::<T>::contains_key(state, &citizen));
	}

	#[benchmark]
	fn revoke_role() {
		let (state, steward) = state_with_steward::<T>();
		let citizen: T::AccountId = account("citizen", 0, 0);
		Pallet::<T>::grant_role(
			RawOrigin::Signed(steward.clone()).into(),
			state,
			lookup::<T>(&citizen),
			Role::Citizen,
		)
		.expect("steward verifies a citizen");
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), state, lookup::<T>(&citizen), Role::Citizen);
		assert!(!Members::<T>::contains_key(state, &citizen));
	}

	#[benchmark]
	fn renounce_role() {
		let (state, steward) = state_with_steward::<T>();
		let citizen: T::AccountId = account("citizen", 0, 0);
		Pallet::<T>::grant_role(
			RawOrigin::Signed(steward).into(),
			state,
			lookup::<T>(&citizen),
			Role::Citizen,
		)
		.expect("steward verifies a citizen");
		#[extrinsic_call]
		_(RawOrigin::Signed(citizen.clone()), state, Role::Citizen);
		assert!(!Members::<T>::contains_key(state, &citizen));
	}

	#[benchmark]
	fn suspend_state() -> Result<(), BenchmarkError> {
		let (state, _) = state_with_admin::<T>();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, state);
		assert_eq!(States::<T>::get(state).map(|s| s.status), Some(StateStatus::Suspended));
		Ok(())
	}

	#[benchmark]
	fn restore_state() -> Result<(), BenchmarkError> {
		let (state, _) = state_with_admin::<T>();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		Pallet::<T>::suspend_state(origin.clone(), state)
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, state);
		assert_eq!(States::<T>::get(state).map(|s| s.status), Some(StateStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn request_recognition() {
		let (a, admin_a) = state_with_admin::<T>();
		let (b, _) = other_state::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(admin_a), a, b);
		assert!(RecognitionRequests::<T>::contains_key(b, a));
	}

	#[benchmark]
	fn accept_recognition() {
		let (a, _, b, admin_b) = requested::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(admin_b), b, a);
		assert!(Recognitions::<T>::contains_key(b, a));
	}

	#[benchmark]
	fn decline_recognition() {
		let (a, _, b, admin_b) = requested::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(admin_b), b, a);
		assert!(!RecognitionRequests::<T>::contains_key(b, a));
	}

	/// Cancelling a request: the last of the three lookups.
	#[benchmark]
	fn withdraw_recognition() {
		let (a, admin_a, b, _) = requested::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(admin_a), a, b);
		assert!(!RecognitionRequests::<T>::contains_key(b, a));
		assert_eq!(LinkCount::<T>::get(a), 0);
	}

	#[benchmark]
	fn set_chain_recognition() -> Result<(), BenchmarkError> {
		let (state, _) = state_with_admin::<T>();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, state, true);
		assert!(ChainRecognised::<T>::contains_key(state));
		Ok(())
	}

	#[benchmark]
	fn create_deployment() {
		let (state, admin) = state_with_admin::<T>();
		let cells = vec![0x8928308280fffffu64; T::MaxCells::get() as usize];
		#[extrinsic_call]
		_(
			RawOrigin::Signed(admin),
			state,
			vec![b'd'; T::MaxNameLength::get() as usize],
			vec![b'u'; T::MaxUriLength::get() as usize],
			cells,
			None,
		);
		assert!(Deployments::<T>::contains_key(0));
	}

	/// A steward (not the owner) adds the device: the slower permission path.
	#[benchmark]
	fn add_device() {
		let (deployment, state, admin) = deployment::<T>();
		let device = registered_device::<T>(state);
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), deployment, device);
		assert_eq!(DeviceDeployment::<T>::get(device), Some(deployment));
	}

	#[benchmark]
	fn remove_device() {
		let (deployment, state, admin) = deployment::<T>();
		let device = registered_device::<T>(state);
		Pallet::<T>::add_device(RawOrigin::Signed(admin.clone()).into(), deployment, device)
			.expect("added");
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), deployment, device);
		assert!(DeviceDeployment::<T>::get(device).is_none());
	}

	/// Closing an adopted deployment: the blueprint's count drops too.
	#[benchmark]
	fn close_deployment() {
		let (deployment, state, admin) = deployment::<T>();
		let blueprint = blueprint::<T>(state, &admin);
		Pallet::<T>::adopt_blueprint(
			RawOrigin::Signed(admin.clone()).into(),
			blueprint,
			deployment,
		)
		.expect("adopted");
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), deployment);
		assert!(!Deployments::<T>::contains_key(deployment));
	}

	/// Drawn from a deployment (one more read), every list at its bound.
	#[benchmark]
	fn publish_blueprint() {
		let (deployment, state, admin) = deployment::<T>();
		let mut spec = spec::<T>();
		spec.source = Some(deployment);
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), state, spec);
		assert!(Blueprints::<T>::contains_key(0));
	}

	#[benchmark]
	fn adopt_blueprint() {
		let (deployment, state, admin) = deployment::<T>();
		let blueprint = blueprint::<T>(state, &admin);
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), blueprint, deployment);
		assert_eq!(Blueprints::<T>::get(blueprint).map(|b| b.adoptions), Some(1));
	}

	/// Drawn from a deployment: the source's KPIs are unlinked too.
	#[benchmark]
	fn retire_blueprint() {
		let (deployment, state, admin) = deployment::<T>();
		let mut spec = spec::<T>();
		spec.source = Some(deployment);
		Pallet::<T>::publish_blueprint(RawOrigin::Signed(admin.clone()).into(), state, spec)
			.expect("published");
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), 0);
		assert!(!Blueprints::<T>::contains_key(0));
	}

	/// On a deployment, the guest recognised by a recognition (not chain-wide): every lookup.
	#[benchmark]
	fn grant_usage() {
		let (guest, host, host_admin) = recognising::<T>();
		let deployment = NextDeploymentId::<T>::get();
		Pallet::<T>::create_deployment(
			RawOrigin::Signed(host_admin.clone()).into(),
			host,
			vec![b'd'],
			vec![],
			vec![],
			None,
		)
		.expect("admin creates");
		let scope = UsageScope::Deployment(deployment);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(host_admin),
			host,
			guest,
			scope,
			T::MaxAgreementDuration::get(),
			sp_runtime::Perbill::from_percent(10),
		);
		assert!(AgreementOfScope::<T>::contains_key((host, guest), scope));
	}

	#[benchmark]
	fn extend_agreement() {
		let (agreement, host_admin, _) = agreement::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(host_admin), agreement, T::MaxAgreementDuration::get());
		assert!(Agreements::<T>::contains_key(agreement));
	}

	/// Ended by the guest: both states are read.
	#[benchmark]
	fn end_agreement() {
		let (agreement, _, guest_admin) = agreement::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(guest_admin), agreement);
		assert!(!Agreements::<T>::contains_key(agreement));
	}

	#[benchmark]
	fn expire_agreement() {
		let (agreement, _, guest_admin) = agreement::<T>();
		let ends = Agreements::<T>::get(agreement).map(|a| a.ends).unwrap_or_default();
		frame_system::Pallet::<T>::set_block_number(ends);
		#[extrinsic_call]
		_(RawOrigin::Signed(guest_admin), agreement);
		assert!(!Agreements::<T>::contains_key(agreement));
	}

	/// A device of a deployment that counts toward a blueprint: both KPIs change.
	#[benchmark]
	fn note_delivery() {
		let (deployment, state, admin) = deployment::<T>();
		let device = registered_device::<T>(state);
		Pallet::<T>::add_device(RawOrigin::Signed(admin.clone()).into(), deployment, device)
			.expect("added");
		let blueprint = blueprint::<T>(state, &admin);
		Pallet::<T>::adopt_blueprint(RawOrigin::Signed(admin).into(), blueprint, deployment)
			.expect("adopted");
		let old = atlas_primitives::Delivery { epoch_secs: 3_600, ..Default::default() };
		let new = atlas_primitives::Delivery { points: 10, ..old };
		#[block]
		{
			<Pallet<T> as atlas_primitives::OnDelivery>::on_delivery(device, 1, Some(&old), &new);
		}
		assert_eq!(BlueprintKpis::<T>::get(blueprint).totals.points, 10);
	}

	/// A device in a deployment whose scope and class each have the most agreements in force.
	#[benchmark]
	fn host_share() {
		let (deployment, state, admin) = deployment::<T>();
		let device = registered_device::<T>(state);
		Pallet::<T>::add_device(RawOrigin::Signed(admin).into(), deployment, device)
			.expect("added");
		let class = atlas_primitives::DeviceClass::Energy;
		let ends = T::MaxAgreementDuration::get();
		for scope in [UsageScope::Deployment(deployment), UsageScope::Class(class)] {
			let terms: alloc::vec::Vec<_> = (0..T::MaxAgreementsPerScope::get())
				.map(|i| (i, sp_runtime::Perbill::from_parts(i), ends))
				.collect();
			crate::pallet::ScopeTerms::<T>::insert(
				state,
				scope,
				frame_support::BoundedVec::try_from(terms).expect("at the bound"),
			);
		}
		let share;
		#[block]
		{
			share = <Pallet<T> as atlas_primitives::CoUseTerms>::host_share(device, state, class);
		}
		assert_eq!(share.deconstruct(), T::MaxAgreementsPerScope::get().saturating_sub(1));
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
