//! Benchmarks of the network states pallet (v2), each at its worst case.

use super::*;
use crate::pallet::{Members, NextStateId, PendingAdmin, States};
use alloc::vec;
use atlas_primitives::{Role, StateId};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Consideration, EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_runtime::{traits::StaticLookup, Saturating};

/// An account that can pay one state deposit, one admission bond and one membership deposit
/// (no benchmark has an account pay more).
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let balance = T::Currency::minimum_balance()
		.saturating_mul(100u32.into())
		.saturating_add(T::AdmissionBond::get());
	T::Currency::set_balance(&who, balance);
	T::StateConsideration::ensure_successful(&who, Pallet::<T>::state_footprint());
	T::MembershipConsideration::ensure_successful(&who, Pallet::<T>::membership_footprint());
	who
}

fn lookup<T: Config>(who: &T::AccountId) -> <T::Lookup as StaticLookup>::Source {
	T::Lookup::unlookup(who.clone())
}

/// Applies for a state with maximal name and URI; returns it and its admin.
fn applicant<T: Config>() -> (StateId, T::AccountId) {
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

/// An established state with maximal name and URI; returns it and its admin.
fn state_with_admin<T: Config>() -> (StateId, T::AccountId) {
	let (state, admin) = applicant::<T>();
	Pallet::<T>::do_admit_state(state).expect("an applicant is admitted");
	Pallet::<T>::do_establish(state).expect("an admitted state is established");
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
	fn admit_state() -> Result<(), BenchmarkError> {
		let (state, _) = applicant::<T>();
		let origin =
			T::AdmissionOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, state);
		assert!(matches!(
			States::<T>::get(state).map(|s| s.admission),
			Some(Admission::Probation { .. })
		));
		Ok(())
	}

	/// Forfeiting is the slower path: the bond is slashed and handed to `Forfeit`.
	#[benchmark]
	fn reject_state() -> Result<(), BenchmarkError> {
		let (state, _) = applicant::<T>();
		let origin =
			T::AdmissionOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, state, true);
		assert!(!States::<T>::contains_key(state));
		Ok(())
	}

	#[benchmark]
	fn conclude_probation() {
		let (state, admin) = applicant::<T>();
		Pallet::<T>::do_admit_state(state).expect("an applicant is admitted");
		let end = frame_system::Pallet::<T>::block_number().saturating_add(T::Probation::get());
		frame_system::Pallet::<T>::set_block_number(end);
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), state);
		assert_eq!(States::<T>::get(state).map(|s| s.admission), Some(Admission::Established));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
