//! Challenges of accepted reports: several challengers may stand against one report, each with
//! a bond and an evidence hash; governance resolves them within a bounded period, and they count
//! as honest when it does not. A fraud ruling fines the owner in proportion to the reward at
//! stake.

use crate::{pallet::*, Challenge};
use alloc::vec::Vec;
use atlas_primitives::{DeviceId, DeviceRegistry, EpochIndex, OnDelivery, OnReport, RewardValue};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Balanced, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		Imbalance, OnUnbalanced,
	},
};
use sp_runtime::{traits::Zero, Saturating};

impl<T: Config> Pallet<T> {
	/// Adds `challenger` to those challenging `device`'s report in `epoch`.
	pub(crate) fn do_challenge(
		challenger: T::AccountId,
		epoch: EpochIndex,
		device: DeviceId,
		evidence: sp_core::H256,
	) -> DispatchResult {
		ensure!(Reports::<T>::contains_key(epoch, device), Error::<T>::ReportNotFound);
		ensure!(Self::now() < Self::challenge_deadline(epoch), Error::<T>::ChallengeWindowOver);
		let mut challengers = Challenges::<T>::get(epoch, device).unwrap_or_default();
		ensure!(
			!challengers.iter().any(|c| c.challenger == challenger),
			Error::<T>::AlreadyChallenging
		);
		// A challenge by the device's own side would collect its own fine.
		if let Some(info) = T::Devices::device(device) {
			ensure!(!Self::has_conflict(&challenger, &info), Error::<T>::CannotChallengeOwnDevice);
		}
		let bond = T::ChallengeBond::get();
		let first = challengers.is_empty();
		challengers
			.try_push(Challenge { challenger: challenger.clone(), bond, evidence })
			.map_err(|_| Error::<T>::TooManyChallengers)?;
		T::Currency::hold(&HoldReason::ChallengeBond.into(), &challenger, bond)
			.map_err(|_| Error::<T>::CannotAffordBond)?;
		Challenges::<T>::insert(epoch, device, challengers);
		// An epoch counts challenged reports, not challengers.
		if first {
			Epochs::<T>::mutate(epoch, |s| s.open_challenges.saturating_inc());
		}
		Self::deposit_event(Event::ChallengeOpened { epoch, device, challenger, evidence });
		Ok(())
	}

	/// Settles the challenges of a report, already taken from storage. Fraudulent: the device's
	/// points are zeroed, the bonds return and the owner is fined (see [`Pallet::fine`]).
	/// Honest: the bonds pay the device's owner (or return if the device is gone).
	pub(crate) fn do_resolve(
		epoch: EpochIndex,
		device: DeviceId,
		challengers: ChallengesOf<T>,
		fraudulent: bool,
	) -> DispatchResult {
		let reason = HoldReason::ChallengeBond.into();
		let (fined, paid) = if fraudulent {
			for c in &challengers {
				T::Currency::release(&reason, &c.challenger, c.bond, Precision::BestEffort)?;
			}
			let mut at_stake = Zero::zero();
			if let Some(mut record) = Reports::<T>::get(epoch, device) {
				at_stake = T::Rewards::reward_of(epoch, record.class, record.points);
				Epochs::<T>::mutate(epoch, |s| {
					let total = s.class_mut(record.class);
					total.points = total.points.saturating_sub(record.points);
				});
				T::OnReport::on_points_changed(
					device,
					epoch,
					record.class,
					record.points,
					0,
					T::Devices::device(device).and_then(|d| d.vault),
				);
				let secs = Self::epoch_secs();
				let old = record.delivery(secs);
				record.points = 0;
				record.fraudulent = true;
				T::OnDelivery::on_delivery(device, epoch, Some(&old), &record.delivery(secs));
				Reports::<T>::insert(epoch, device, record);
			}
			// Its history is not to be trusted either: it is capped at its floor and earns its
			// way up again.
			Trailing::<T>::insert(device, crate::TrailingPoints::RESET);
			let winners: Vec<T::AccountId> =
				challengers.into_iter().map(|c| c.challenger).collect();
			Self::fine(device, at_stake, &winners)
		} else {
			let mut paid = BalanceOf::<T>::zero();
			let owner = T::Devices::device(device).map(|info| info.owner);
			for c in &challengers {
				match &owner {
					Some(owner) => paid.saturating_accrue(T::Currency::transfer_on_hold(
						&reason,
						&c.challenger,
						owner,
						c.bond,
						Precision::BestEffort,
						Restriction::Free,
						Fortitude::Force,
					)?),
					// The device is gone: nobody to pay; the bond returns.
					None => {
						T::Currency::release(
							&reason,
							&c.challenger,
							c.bond,
							Precision::BestEffort,
						)?;
					},
				}
			}
			(paid, paid)
		};
		Epochs::<T>::mutate(epoch, |s| s.open_challenges = s.open_challenges.saturating_sub(1));
		Self::deposit_event(Event::ChallengeResolved { epoch, device, fraudulent, fined, paid });
		Ok(())
	}

	/// Fines the owner of a fraudulent `device` [`Config::FraudPenalty`] times the reward
	/// `at_stake`, at least [`Config::FraudSlash`] of its deposit: from the deposit first, then
	/// from the owner's free balance (as far as it goes). [`Config::FraudBounty`] of the fine
	/// pays `winners` in equal parts; the rest goes to the slash handlers. Returns what was
	/// fined and what the winners were paid.
	pub(crate) fn fine(
		device: DeviceId,
		at_stake: BalanceOf<T>,
		winners: &[T::AccountId],
	) -> (BalanceOf<T>, BalanceOf<T>) {
		let deposit = T::Devices::deposit(device).unwrap_or_else(Zero::zero);
		let fine = T::FraudSlash::get()
			.mul_floor(deposit)
			.max(at_stake.saturating_mul(T::FraudPenalty::get().into()));
		let count = BalanceOf::<T>::from(winners.len().max(1) as u32);
		let each = T::FraudBounty::get().mul_floor(fine) / count;
		let mut from_deposit = BalanceOf::<T>::zero();
		let mut paid = BalanceOf::<T>::zero();
		// What each winner is still owed once the deposit ran out.
		let mut owed: Vec<BalanceOf<T>> = Vec::with_capacity(winners.len());
		for who in winners {
			let want = each.min(deposit.saturating_sub(from_deposit));
			let got = T::Devices::slash_deposit(device, want, Some(who)).unwrap_or_default();
			from_deposit.saturating_accrue(got);
			paid.saturating_accrue(got);
			owed.push(each.saturating_sub(got));
		}
		let rest = fine.min(deposit).saturating_sub(from_deposit);
		if !rest.is_zero() {
			from_deposit.saturating_accrue(
				T::Devices::slash_deposit(device, rest, None).unwrap_or_default(),
			);
		}
		let beyond = fine.saturating_sub(from_deposit);
		let Some(owner) = T::Devices::device(device).map(|d| d.owner) else {
			return (from_deposit, paid);
		};
		if beyond.is_zero() {
			return (from_deposit, paid);
		}
		let mut credit = T::Currency::withdraw(
			&owner,
			beyond,
			Precision::BestEffort,
			Preservation::Preserve,
			Fortitude::Polite,
		)
		.unwrap_or_default();
		let fined = from_deposit.saturating_add(credit.peek());
		for (who, due) in winners.iter().zip(owed) {
			if due.is_zero() || credit.peek().is_zero() {
				continue;
			}
			let part = credit.extract(due);
			let amount = part.peek();
			match T::Currency::resolve(who, part) {
				Ok(()) => paid.saturating_accrue(amount),
				Err(unpaid) => credit.subsume(unpaid),
			}
		}
		T::OnSlash::on_unbalanced(credit);
		(fined, paid)
	}
}
