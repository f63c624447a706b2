//! What other pallets read of this one's accounts: where each state's community pool is, and
//! how much governance stake an account holds.

use crate::pallet::*;
use atlas_primitives::{CommunityPools, GovernanceStake, StateId};

impl<T: Config> CommunityPools<T::AccountId> for Pallet<T> {
	fn pool_account(state: StateId) -> T::AccountId {
		Self::pool(state)
	}
}

impl<T: Config> GovernanceStake<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn voting_stake(who: &T::AccountId) -> BalanceOf<T> {
		Stakes::<T>::get(who).map(|s| s.active).unwrap_or_default()
	}

	/// Freezes `amount` more of `who`'s balance as active stake (funded first when short).
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_stake(who: &T::AccountId, amount: BalanceOf<T>) {
		use frame_support::traits::fungible::{Inspect, Mutate};
		use sp_runtime::Saturating;
		let mut stake = Stakes::<T>::get(who).unwrap_or_default();
		stake.active = stake.active.saturating_add(amount);
		let needed = stake
			.active
			.saturating_add(stake.unbonding)
			.saturating_add(T::Currency::minimum_balance());
		if T::Currency::balance(who) < needed {
			T::Currency::set_balance(who, needed);
		}
		let _ = Self::set_stake(who, stake);
	}
}
