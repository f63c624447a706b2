//! Benchmarks of the interstate pallet (v2), each at its worst case.

use super::*;
use crate::pallet::{
	AgreementOfScope, Agreements, ChainRecognised, LinkCount, NextAgreementId, RecognitionRequests,
	Recognitions, ScopeTerms,
};
use atlas_primitives::{DeploymentRegistry, DeviceRegistry, RoleProvider, StateId};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Consideration, EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_runtime::{traits::Zero, Saturating};

/// An account that can pay one recognition deposit and one agreement deposit (no benchmark has
/// an account pay more).
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, T::Currency::minimum_balance().saturating_mul(100u32.into()));
	T::RecognitionConsideration::ensure_successful(&who, Pallet::<T>::recognition_footprint());
	T::AgreementConsideration::ensure_successful(&who, Pallet::<T>::agreement_footprint());
	who
}

/// An active state with a funded admin; returns it and its admin.
fn state_with_admin<T: Config>() -> (StateId, T::AccountId) {
	let admin = funded::<T>("admin", 0);
	(T::States::benchmark_state(&admin), admin)
}

/// Another active state with its own funded admin.
fn other_state<T: Config>() -> (StateId, T::AccountId) {
	let admin = funded::<T>("other", 0);
	(T::States::benchmark_state(&admin), admin)
}

/// Two states, the first asking the second to recognise it.
fn requested<T: Config>() -> (StateId, T::AccountId, StateId, T::AccountId) {
	let (a, admin_a) = state_with_admin::<T>();
	let (b, admin_b) = other_state::<T>();
	Pallet::<T>::request_recognition(RawOrigin::Signed(admin_a.clone()).into(), a, b)
		.expect("active states");
	(a, admin_a, b, admin_b)
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

	/// On a deployment, the guest recognised by a recognition (not chain-wide): every lookup.
	#[benchmark]
	fn grant_usage() {
		let (guest, host, host_admin) = recognising::<T>();
		let deployment = T::Deployments::benchmark_deployment(host, &[]);
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

	/// A device in a deployment whose scope and class each have the most agreements in force.
	#[benchmark]
	fn host_share() {
		let (state, _) = state_with_admin::<T>();
		let device = registered_device::<T>(state);
		let deployment = T::Deployments::benchmark_deployment(state, &[device]);
		let class = atlas_primitives::DeviceClass::Energy;
		let ends = T::MaxAgreementDuration::get();
		for scope in [UsageScope::Deployment(deployment), UsageScope::Class(class)] {
			let terms: alloc::vec::Vec<_> = (0..T::MaxAgreementsPerScope::get())
				.map(|i| (i, sp_runtime::Perbill::from_parts(i), Zero::zero(), ends))
				.collect();
			ScopeTerms::<T>::insert(
				state,
				scope,
				frame_support::BoundedVec::try_from(terms).expect("at the bound"),
			);
		}
		let share;
		#[block]
		{
			share =
				<Pallet<T> as atlas_primitives::CoUseTerms>::host_share(device, state, class, 0, 1);
		}
		assert_eq!(share.deconstruct(), T::MaxAgreementsPerScope::get().saturating_sub(1));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
