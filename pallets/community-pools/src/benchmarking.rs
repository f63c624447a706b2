//! Benchmarks of the community pools pallet (v2), each at its worst case.

use super::*;
use crate::pallet::{NextProposalId, Proposals, Votes};
use atlas_primitives::{CommunityPools, GovernanceStake, Role, RoleProvider, StateId};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Consideration, Get,
};
use frame_system::RawOrigin;
use sp_runtime::{
	traits::{One, StaticLookup},
	Saturating,
};

fn lookup<T: Config>(who: &T::AccountId) -> <T::Lookup as StaticLookup>::Source {
	T::Lookup::unlookup(who.clone())
}

/// What the benchmarked spends pay.
fn amount<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(10u32.into())
}

/// The stake each voter votes with: together any number of them (and one alone) approves.
fn stake<T: Config>() -> BalanceOf<T> {
	T::MinApprovalStake::get().saturating_add(One::one())
}

/// An active state and a steward of it (not its admin: the slower permission check), funded
/// for a proposal's deposit.
fn state_with_steward<T: Config>() -> (StateId, T::AccountId) {
	let admin: T::AccountId = account("admin", 0, 0);
	let state = T::Roles::benchmark_state(&admin);
	let steward: T::AccountId = account("steward", 0, 0);
	T::Roles::benchmark_grant(state, &steward, Role::Steward);
	T::ProposalConsideration::ensure_successful(&steward, Pallet::<T>::proposal_footprint());
	(state, steward)
}

/// A proposal of a fresh state, by its steward, paying [`amount`] from a pool that can pay it.
fn open_proposal<T: Config>() -> (ProposalId, StateId) {
	let (state, steward) = state_with_steward::<T>();
	let pool = T::Pools::pool_account(state);
	T::Currency::set_balance(
		&pool,
		amount::<T>().saturating_mul(2u32.into()).saturating_add(T::Currency::minimum_balance()),
	);
	let id = NextProposalId::<T>::get();
	let to: T::AccountId = account("recipient", 0, 0);
	Pallet::<T>::propose_spend(
		RawOrigin::Signed(steward).into(),
		state,
		lookup::<T>(&to),
		amount::<T>(),
	)
	.expect("the steward proposes");
	(id, state)
}

/// Citizen `i` of `state`, with [`stake`].
fn citizen<T: Config>(state: StateId, i: u32) -> T::AccountId {
	let who: T::AccountId = account("voter", i, 0);
	T::Roles::benchmark_grant(state, &who, Role::Citizen);
	T::Stake::benchmark_stake(&who, stake::<T>());
	who
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn propose_spend() {
		let (state, steward) = state_with_steward::<T>();
		let to: T::AccountId = account("recipient", 0, 0);
		let id = NextProposalId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), state, lookup::<T>(&to), amount::<T>());
		assert!(Proposals::<T>::contains_key(id));
	}

	#[benchmark]
	fn propose_investment() {
		let (state, steward) = state_with_steward::<T>();
		let id = NextProposalId::<T>::get();
		let action =
			crate::VaultAction::Vote { vault: 0, proposal: 0, aye: true, shares: amount::<T>() };
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), state, action);
		assert!(Proposals::<T>::contains_key(id));
	}

	/// Replacing an earlier vote: the earlier weight leaves the tally first.
	#[benchmark]
	fn vote() {
		let (id, state) = open_proposal::<T>();
		let voter = citizen::<T>(state, 0);
		Pallet::<T>::vote(RawOrigin::Signed(voter.clone()).into(), id, true)
			.expect("a citizen with stake votes");
		#[extrinsic_call]
		_(RawOrigin::Signed(voter.clone()), id, false);
		assert_eq!(Votes::<T>::get(id, &voter), Some((false, stake::<T>())));
	}

	/// A spend that passed and is paid, with `v` votes to clear.
	#[benchmark]
	fn close(v: Linear<0, { T::MaxVoters::get() }>) {
		let (id, state) = open_proposal::<T>();
		for i in 0..v {
			let voter = citizen::<T>(state, i);
			Pallet::<T>::vote(RawOrigin::Signed(voter).into(), id, true)
				.expect("a citizen with stake votes");
		}
		// Without voters, a tally that passes all the same: the payment path at any `v`.
		if v == 0 {
			Proposals::<T>::mutate(id, |p| {
				if let Some(p) = p {
					p.ayes = stake::<T>();
				}
			});
		}
		let ends = Proposals::<T>::get(id).map(|p| p.ends).unwrap_or_default();
		frame_system::Pallet::<T>::set_block_number(ends);
		let caller: T::AccountId = whitelisted_caller();
		let to: T::AccountId = account("recipient", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(!Proposals::<T>::contains_key(id));
		assert_eq!(Votes::<T>::iter_prefix(id).count(), 0);
		assert_eq!(T::Currency::balance(&to), amount::<T>());
	}

	#[benchmark]
	fn sweep_pool() {
		// No state has the last id: the registry hands ids out in order.
		let state = StateId::MAX;
		assert!(!T::Roles::state_exists(state));
		let pool = T::Pools::pool_account(state);
		T::Currency::set_balance(&pool, amount::<T>());
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), state);
		assert_eq!(T::Currency::balance(&pool), Default::default());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
