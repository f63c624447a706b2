//! Paying verifiers: each epoch's verifier budget, pro rata to the observations attestations
//! credited (within the tolerance of a quorum, on a device that reported), claimed lazily by
//! each verifier like devices' rewards, within the same retention.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use atlas_primitives::{EpochIndex, VerifierCredits};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, tokens::Preservation},
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// What `credits` of `total` earn of `budget` (never more than is left of it).
	fn verifier_amount(
		budget: &ClassBudget<BalanceOf<T>>,
		credits: u32,
		total: u32,
	) -> BalanceOf<T> {
		crate::impl_settlement::pro_rata(budget.budget, u64::from(credits), u64::from(total))
			.min(budget.budget.saturating_sub(budget.settled))
	}

	/// Pays `who` for its credits in `epochs`; fails only if none of them pays.
	pub(crate) fn do_claim_verifier(who: &T::AccountId, epochs: &[EpochIndex]) -> DispatchResult {
		let (mut total, mut paid_any, mut expired, mut halted) =
			(BalanceOf::<T>::zero(), false, false, false);
		for &epoch in epochs {
			if epoch < OldestBudget::<T>::get() {
				expired = true;
				continue;
			}
			let Some(mut budget) = Budgets::<T>::get(epoch) else { continue };
			if budget.halted {
				halted = true;
				continue;
			}
			let Some((credits, all)) = T::Verifiers::take_credits(epoch, who) else { continue };
			let amount = Self::verifier_amount(&budget.verifiers, credits, all);
			budget.verifiers.settled = budget.verifiers.settled.saturating_add(amount);
			Budgets::<T>::insert(epoch, budget);
			total = total.saturating_add(amount);
			paid_any = true;
			Self::deposit_event(Event::VerifierRewardPaid {
				verifier: who.clone(),
				epoch,
				credits,
				total: all,
				amount,
			});
		}
		if !paid_any {
			return Err(Self::nothing_paid(expired, halted).into());
		}
		if !total.is_zero() {
			T::Currency::transfer(&Self::pot(), who, total, Preservation::Preserve)?;
			EmissionTotals::<T>::mutate(|t| t.paid = t.paid.saturating_add(total));
		}
		Ok(())
	}

	/// What `who` can claim now, per kept epoch whose observations are judged.
	pub fn verifier_rewards_of(who: &T::AccountId) -> Vec<(EpochIndex, BalanceOf<T>)> {
		(OldestBudget::<T>::get()..NextToFund::<T>::get())
			.filter_map(|epoch| {
				let (credits, all) = T::Verifiers::credits(epoch, who)?;
				let budget = Budgets::<T>::get(epoch).filter(|b| !b.halted)?;
				Some((epoch, Self::verifier_amount(&budget.verifiers, credits, all)))
			})
			.collect()
	}
}
