//! [`OnDelivery`] and [`OnRewardPaid`]: attestations and rewards tell this pallet what devices
//! delivered and earned; it lands on their deployments' and blueprints' KPIs.

use crate::{pallet::*, WeightInfo};
use atlas_primitives::{Delivery, DeviceId, EpochIndex, OnDelivery, OnRewardPaid};
use frame_support::weights::Weight;
use sp_runtime::SaturatedConversion;

impl<T: Config> OnDelivery for Pallet<T> {
	fn on_delivery(
		device: DeviceId,
		epoch: EpochIndex,
		old: Option<&Delivery>,
		new: &Delivery,
	) -> Weight {
		Self::note(device, |totals, recent| {
			totals.apply(old, new);
			if old.is_none() {
				recent.count(epoch);
			}
		})
	}

	fn max_weight() -> Weight {
		T::WeightInfo::note_delivery().max(T::WeightInfo::note_delivery_outside())
	}
}

impl<T: Config> OnRewardPaid<BalanceOf<T>> for Pallet<T> {
	fn on_reward_paid(device: DeviceId, amount: BalanceOf<T>) -> Weight {
		let amount: u128 = amount.saturated_into();
		Self::note(device, |totals, _| totals.rewards = totals.rewards.saturating_add(amount))
	}

	fn max_weight() -> Weight {
		// The same reads and writes as a delivery.
		T::WeightInfo::note_delivery().max(T::WeightInfo::note_delivery_outside())
	}
}
