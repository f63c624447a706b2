//! Challenges of accepted reports: opened with a bond and an evidence hash, resolved by
//! governance within a bounded period, and counted as honest when governance does not.

use crate::{pallet::*, Challenge};
use atlas_primitives::{DeviceId, DeviceRegistry, EpochIndex, OnDelivery, OnReport};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use sp_runtime::{traits::Zero, Saturating};

impl<T: Config> Pallet<T> {
	/// Opens a challenge of `device`'s report in `epoch`.
	pub(crate) fn do_challenge(
		challenger: T::AccountId,
		epoch: EpochIndex,
		device: DeviceId,
		evidence: sp_core::H256,
	) -> DispatchResult {
		ensure!(Reports::<T>::contains_key(epoch, device), Error::<T>::ReportNotFound);
		ensure!(Self::now() < Self::challenge_deadline(epoch), Error::<T>::ChallengeWindowOver);
		ensure!(!Challenges::<T>::contains_key(epoch, device), Error::<T>::AlreadyChallenged);
		// A challenge by the device's own side would shield its report from real ones.
		if let Some(info) = T::Devices::device(device) {
			ensure!(!Self::has_conflict(&challenger, &info), Error::<T>::CannotChallengeOwnDevice);
		}
		let bond = T::ChallengeBond::get();
		T::Currency::hold(&HoldReason::ChallengeBond.into(), &challenger, bond)
			.map_err(|_| Error::<T>::CannotAffordBond)?;
		Challenges::<T>::insert(
			epoch,
			device,
			Challenge { challenger: challenger.clone(), bond, evidence },
		);
		Epochs::<T>::mutate(epoch, |s| s.open_challenges.saturating_inc());
		Self::deposit_event(Event::ChallengeOpened { epoch, device, challenger });
		Ok(())
	}

	/// Settles a challenge already taken from storage. Fraudulent: the device's points are
	/// zeroed, the bond returns and part of the device's deposit pays the challenger. Honest:
	/// the bond pays the device's owner (or returns if the device is gone).
	pub(crate) fn do_resolve(
		epoch: EpochIndex,
		device: DeviceId,
		challenge: Challenge<T::AccountId, BalanceOf<T>>,
		fraudulent: bool,
	) -> DispatchResult {
		let reason = HoldReason::ChallengeBond.into();
		let paid = if fraudulent {
			T::Currency::release(
				&reason,
				&challenge.challenger,
				challenge.bond,
				Precision::BestEffort,
			)?;
			if let Some(mut record) = Reports::<T>::get(epoch, device) {
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
			T::Devices::slash_deposit(device, T::FraudSlash::get(), Some(&challenge.challenger))
				.unwrap_or_default()
		} else {
			match T::Devices::device(device) {
				Some(info) => T::Currency::transfer_on_hold(
					&reason,
					&challenge.challenger,
					&info.owner,
					challenge.bond,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Force,
				)?,
				// The device is gone: nobody to pay; the bond returns.
				None => {
					T::Currency::release(
						&reason,
						&challenge.challenger,
						challenge.bond,
						Precision::BestEffort,
					)?;
					Zero::zero()
				},
			}
		};
		Epochs::<T>::mutate(epoch, |s| s.open_challenges = s.open_challenges.saturating_sub(1));
		Self::deposit_event(Event::ChallengeResolved { epoch, device, fraudulent, paid });
		Ok(())
	}
}
