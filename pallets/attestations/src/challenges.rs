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
		fungible::{Balanced, BalancedHold, MutateHold},
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
			ChallengedReports::<T>::mutate(device, |n| *n = Some(n.unwrap_or(0).saturating_add(1)));
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
				if record.allowance_taken > 0 {
					if let Some(state) = T::Devices::device(device).map(|d| d.state) {
						StateUnverified::<T>::mutate(epoch, state, |used| {
							let used = &mut used[record.class];
							*used = used.saturating_sub(record.allowance_taken);
						});
					}
					record.allowance_taken = 0;
				}
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
			let owner = T::Devices::device(device).map(|info| info.owner);
			let (mut fined, mut paid) = (BalanceOf::<T>::zero(), BalanceOf::<T>::zero());
			for c in &challengers {
				match &owner {
					Some(owner) => {
						// The owner's share; the rest of the bond goes to the slash handler.
						let share = T::WinnersShare::get().mul_floor(c.bond);
						let moved = T::Currency::transfer_on_hold(
							&reason,
							&c.challenger,
							owner,
							share,
							Precision::BestEffort,
							Restriction::Free,
							Fortitude::Force,
						)?;
						let (slashed, _) = T::Currency::slash(
							&reason,
							&c.challenger,
							c.bond.saturating_sub(moved),
						);
						fined.saturating_accrue(moved.saturating_add(slashed.peek()));
						paid.saturating_accrue(moved);
						T::OnSlash::on_unbalanced(slashed);
					},
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
			(fined, paid)
		};
		Epochs::<T>::mutate(epoch, |s| s.open_challenges = s.open_challenges.saturating_sub(1));
		Self::note_challenge_closed(device);
		Self::deposit_event(Event::ChallengeResolved { epoch, device, fraudulent, fined, paid });
		Ok(())
	}

	/// One challenged report of `device` was settled.
	pub(crate) fn note_challenge_closed(device: DeviceId) {
		ChallengedReports::<T>::mutate_exists(device, |n| {
			*n = n.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
		});
	}

	/// Fines the owner of a fraudulent `device` [`Config::FraudPenalty`] times the reward
	/// `at_stake`, at least [`Config::FraudSlash`] of its deposit: from the deposit first, then
	/// from the owner's free balance (as far as it goes). [`Config::WinnersShare`] of what was
	/// collected pays `winners` in equal parts; the rest goes to the slash handlers. Returns
	/// what was fined and what the winners were paid.
	pub(crate) fn fine(
		device: DeviceId,
		at_stake: BalanceOf<T>,
		winners: &[T::AccountId],
	) -> (BalanceOf<T>, BalanceOf<T>) {
		let Some(owner) = T::Devices::device(device).map(|d| d.owner) else {
			return (Zero::zero(), Zero::zero());
		};
		let deposit = T::Devices::deposit(device).unwrap_or_else(Zero::zero);
		let fine = T::FraudSlash::get()
			.mul_floor(deposit)
			.max(at_stake.saturating_mul(T::FraudPenalty::get().into()));
		let from_deposit = fine.min(deposit);
		// What the deposit does not cover, from the owner's free balance, first: the bounty is
		// a share of what is collected, not of what was asked.
		let mut credit = T::Currency::withdraw(
			&owner,
			fine.saturating_sub(from_deposit),
			Precision::BestEffort,
			Preservation::Preserve,
			Fortitude::Polite,
		)
		.unwrap_or_default();
		let withdrawn = credit.peek();
		let collected = from_deposit.saturating_add(withdrawn);
		let count = BalanceOf::<T>::from(winners.len().max(1) as u32);
		let each = T::WinnersShare::get().mul_floor(collected) / count;
		let (mut taken, mut paid) = (BalanceOf::<T>::zero(), BalanceOf::<T>::zero());
		for who in winners {
			let want = each.min(from_deposit.saturating_sub(taken));
			let got = T::Devices::slash_deposit(device, want, Some(who)).unwrap_or_default();
			taken.saturating_accrue(got);
			let due = each.saturating_sub(got);
			if !due.is_zero() {
				let part = credit.extract(due);
				let amount = part.peek();
				match T::Currency::resolve(who, part) {
					Ok(()) => paid.saturating_accrue(amount),
					Err(unpaid) => credit.subsume(unpaid),
				}
			}
			paid.saturating_accrue(got);
		}
		let rest = from_deposit.saturating_sub(taken);
		if !rest.is_zero() {
			taken.saturating_accrue(
				T::Devices::slash_deposit(device, rest, None).unwrap_or_default(),
			);
		}
		T::OnSlash::on_unbalanced(credit);
		(taken.saturating_add(withdrawn), paid)
	}
}
