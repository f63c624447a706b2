//! Sweeping the pools of states that no longer exist to the treasury.

use crate::pallet::*;
use atlas_primitives::{CommunityPools, RoleProvider, StateId};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
	},
};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Sweeps the pool of `state`, which must no longer exist, to [`Config::Treasury`].
	pub(crate) fn do_sweep_pool(state: StateId) -> DispatchResult {
		ensure!(!T::Roles::state_exists(state), Error::<T>::StateStillExists);
		Self::sweep(state)?;
		Ok(())
	}

	/// Moves the whole pool of `state` to [`Config::Treasury`]; returns what moved.
	pub(crate) fn sweep(state: StateId) -> Result<BalanceOf<T>, DispatchError> {
		let pool = T::Pools::pool_account(state);
		let amount =
			T::Currency::reducible_balance(&pool, Preservation::Expendable, Fortitude::Polite);
		ensure!(!amount.is_zero(), Error::<T>::NothingToSweep);
		T::Currency::transfer(&pool, &T::Treasury::get(), amount, Preservation::Expendable)?;
		Self::deposit_event(Event::PoolSwept { state, amount });
		Ok(amount)
	}
}
