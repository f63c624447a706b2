//! [`StateInvestments`]: a network state invests through its community pool, whose citizens
//! vote each deposit, redemption and vault vote; the vault records the state's commitment.

use crate::{pallet::*, WeightInfo};
use atlas_primitives::{StateId, StateInvestments, VaultId};
use frame_support::{traits::Get, weights::Weight};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError,
};

impl<T: Config> StateInvestments<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn invest(
		state: StateId,
		pool: &T::AccountId,
		vault: VaultId,
		amount: BalanceOf<T>,
	) -> Result<(), DispatchError> {
		Self::do_deposit(pool, vault, amount)?;
		let commitment =
			Commitments::<T>::get(vault, state).unwrap_or_default().saturating_add(amount);
		Commitments::<T>::insert(vault, state, commitment);
		Self::deposit_event(Event::CommitmentChanged { vault, state, commitment });
		Ok(())
	}

	fn divest(
		state: StateId,
		pool: &T::AccountId,
		vault: VaultId,
		shares: BalanceOf<T>,
	) -> Result<(), DispatchError> {
		let paid = Self::do_redeem(pool, vault, shares)?;
		let commitment =
			Commitments::<T>::get(vault, state).unwrap_or_default().saturating_sub(paid);
		if commitment.is_zero() {
			Commitments::<T>::remove(vault, state);
		} else {
			Commitments::<T>::insert(vault, state, commitment);
		}
		Self::deposit_event(Event::CommitmentChanged { vault, state, commitment });
		Ok(())
	}

	fn vote(
		pool: &T::AccountId,
		vault: VaultId,
		proposal: u32,
		aye: bool,
		shares: BalanceOf<T>,
	) -> Result<(), DispatchError> {
		Self::do_vote(pool.clone(), vault, proposal, aye, shares)
	}

	fn weight() -> Weight {
		// One storage item (the commitment) beyond the holder's call.
		T::WeightInfo::deposit()
			.max(T::WeightInfo::redeem())
			.max(T::WeightInfo::vote())
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
}
