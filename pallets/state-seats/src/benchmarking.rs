//! Benchmarks of the state seats pallet (v2). Worst cases: the council one seat short of full
//! (inserting into and rewriting the whole member list), a state's validator list full.

use super::*;
use crate::pallet::{Seats, StateValidators};
use atlas_primitives::{OnStateChange, Role, RoleProvider, StateId, ValidatorIntent};
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use sp_runtime::Perbill;

/// Fills the council with placeholder members up to `MaxSeats - 1`.
fn council_nearly_full<T: Config>() {
	let room = T::MaxSeats::get().saturating_sub(1);
	for i in Seats::<T>::get().len() as u32..room {
		let who: T::AccountId = account("member", i, 0);
		Pallet::<T>::seat(StateId::MAX - i, &who).expect("the council has room");
	}
}

/// An active state whose admin holds no seat yet; returns it and its admin.
fn unseated_state<T: Config>() -> (StateId, T::AccountId) {
	let admin: T::AccountId = account("admin", 0, 0);
	let state = T::Roles::benchmark_state(&admin);
	Pallet::<T>::unseat(state);
	(state, admin)
}

/// `who`, bonded, appointed by `state` and validating.
fn validating<T: Config>(state: StateId, who: &T::AccountId) {
	T::Roles::benchmark_grant(state, who, Role::Validator);
	T::Staking::benchmark_bond(who);
	Pallet::<T>::validate(RawOrigin::Signed(who.clone()).into(), state, Perbill::zero(), false)
		.expect("an appointed, bonded validator validates");
}

/// Fills `state`'s validator list with `n` validating accounts.
fn validators<T: Config>(state: StateId, n: u32) {
	for i in 0..n {
		validating::<T>(state, &account("validator", i, 0));
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn validate() {
		let (state, _) = unseated_state::<T>();
		validators::<T>(state, T::MaxValidatorsPerState::get().saturating_sub(1));
		let who: T::AccountId = account("candidate", 0, 0);
		T::Roles::benchmark_grant(state, &who, Role::Validator);
		T::Staking::benchmark_bond(&who);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), state, Perbill::from_percent(5), false);

		assert!(T::Staking::is_validator(&who));
	}

	#[benchmark]
	fn claim_seat() {
		let (state, admin) = unseated_state::<T>();
		council_nearly_full::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(admin.clone()), state);

		assert!(Seats::<T>::get().contains(&admin));
	}

	#[benchmark]
	fn on_active() {
		let (state, admin) = unseated_state::<T>();
		council_nearly_full::<T>();

		#[block]
		{
			<Pallet<T> as OnStateChange<T::AccountId>>::on_active(state, &admin);
		}

		assert!(Seats::<T>::get().contains(&admin));
	}

	#[benchmark]
	fn on_inactive(v: Linear<0, { T::MaxValidatorsPerState::get() }>) {
		let (state, admin) = unseated_state::<T>();
		council_nearly_full::<T>();
		Pallet::<T>::seat(state, &admin).expect("one seat is free");
		validators::<T>(state, v);

		#[block]
		{
			<Pallet<T> as OnStateChange<T::AccountId>>::on_inactive(state, &admin);
		}

		assert!(!Seats::<T>::get().contains(&admin));
		assert!(StateValidators::<T>::get(state).is_empty());
	}

	#[benchmark]
	fn on_admin_changed() {
		let (state, admin) = unseated_state::<T>();
		council_nearly_full::<T>();
		Pallet::<T>::seat(state, &admin).expect("one seat is free");
		let new: T::AccountId = account("new-admin", 0, 0);

		#[block]
		{
			<Pallet<T> as OnStateChange<T::AccountId>>::on_admin_changed(state, &admin, &new, true);
		}

		assert!(Seats::<T>::get().contains(&new));
	}

	#[benchmark]
	fn on_validator_removed() {
		let (state, _) = unseated_state::<T>();
		validators::<T>(state, T::MaxValidatorsPerState::get());
		let who: T::AccountId = account("validator", 0, 0);

		#[block]
		{
			<Pallet<T> as OnStateChange<T::AccountId>>::on_validator_removed(state, &who);
		}

		assert!(!T::Staking::is_validator(&who));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
