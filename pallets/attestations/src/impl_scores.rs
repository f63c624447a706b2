//! [`EpochScores`] and [`VerifierCredits`] for the rewards pallet, [`atlas_primitives::ChallengeStatus`]
//! for the device registry.

use crate::pallet::*;
use atlas_primitives::{
	Attested, DeviceClass, DeviceId, EpochIndex, EpochScores, Points, VerifierCredits,
};
use frame_support::traits::Get;
use sp_runtime::Perbill;

impl<T: Config> EpochScores for Pallet<T> {
	fn current_epoch() -> EpochIndex {
		Pallet::<T>::current_epoch()
	}

	fn is_closed(epoch: EpochIndex) -> bool {
		Pallet::<T>::epoch_is_closed(epoch)
	}

	fn is_final(epoch: EpochIndex) -> bool {
		Pallet::<T>::epoch_is_final(epoch)
	}

	fn device_points(epoch: EpochIndex, device: DeviceId) -> Option<(DeviceClass, Points)> {
		Reports::<T>::get(epoch, device).map(|r| (r.class, r.points))
	}

	fn attested(epoch: EpochIndex, device: DeviceId) -> Option<Attested> {
		let record = Reports::<T>::get(epoch, device)?;
		let params = Pallet::<T>::params(record.class);
		let secs = Pallet::<T>::epoch_secs().max(1);
		let up = Perbill::from_rational(record.verified.uptime_secs.min(secs), secs);
		let scored = up >= params.min_uptime;
		Some(Attested {
			reported: record.reported,
			verified: record.verified,
			quorum: record.quorum,
			verification: if record.quorum { Perbill::one() } else { T::UnverifiedDiscount::get() },
			uptime_bonus: if scored && up >= params.bonus_uptime {
				params.bonus
			} else {
				Perbill::zero()
			},
			fraudulent: record.fraudulent,
		})
	}

	fn class_total(epoch: EpochIndex, class: DeviceClass) -> Points {
		Epochs::<T>::get(epoch).classes[class].points
	}

	fn is_settleable(epoch: EpochIndex, device: DeviceId) -> bool {
		Pallet::<T>::is_settleable(epoch, device)
	}

	fn epoch_length() -> u32 {
		EpochLength::<T>::get()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_points(epoch: EpochIndex, device: DeviceId, class: DeviceClass, points: Points) {
		let record = crate::DeviceRecord {
			class,
			reported: Default::default(),
			verified: Default::default(),
			quorum: true,
			points,
			fraudulent: false,
			allowance_taken: 0,
		};
		Reports::<T>::insert(epoch, device, record);
		Epochs::<T>::mutate(epoch, |s| {
			let total = s.class_mut(class);
			total.points = total.points.saturating_add(points);
			total.devices = total.devices.saturating_add(1);
		});
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_settle_through(epoch: EpochIndex) {
		use frame_system::pallet_prelude::BlockNumberFor;
		let next = epoch.saturating_add(1);
		for e in NextToClose::<T>::get()..next {
			Epochs::<T>::mutate(e, |s| s.closed = true);
		}
		if NextToClose::<T>::get() < next {
			NextToClose::<T>::put(next);
		}
		let deadline = Pallet::<T>::closes_at(epoch).saturating_add(ChallengeWindow::<T>::get());
		if Pallet::<T>::now() < deadline {
			frame_system::Pallet::<T>::set_block_number(BlockNumberFor::<T>::from(deadline));
		}
	}
}

impl<T: Config> VerifierCredits<T::AccountId> for Pallet<T> {
	fn credits(epoch: EpochIndex, verifier: &T::AccountId) -> Option<(u32, u32)> {
		let summary = Epochs::<T>::get(epoch);
		if !summary.judged {
			return None;
		}
		Credits::<T>::get(epoch, verifier).map(|c| (c, summary.credits))
	}

	fn take_credits(epoch: EpochIndex, verifier: &T::AccountId) -> Option<(u32, u32)> {
		let credits = Self::credits(epoch, verifier)?;
		Credits::<T>::remove(epoch, verifier);
		Some(credits)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_credits(epoch: EpochIndex, verifier: &T::AccountId, credits: u32, total: u32) {
		Credits::<T>::insert(epoch, verifier, credits);
		Epochs::<T>::mutate(epoch, |s| {
			s.judged = true;
			s.credits = total;
		});
	}
}

impl<T: Config> atlas_primitives::ChallengeStatus for Pallet<T> {
	fn is_challenged(device: DeviceId) -> bool {
		ChallengedReports::<T>::contains_key(device)
	}
}
