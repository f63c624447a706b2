//! [`EpochScores`] for the rewards pallet.

use crate::{pallet::*, types::class_index};
use atlas_primitives::{DeviceClass, DeviceId, EpochIndex, EpochScores, Points};

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

	fn class_total(epoch: EpochIndex, class: DeviceClass) -> Points {
		Epochs::<T>::get(epoch).classes[class_index(class)].points
	}

	fn is_settleable(epoch: EpochIndex, device: DeviceId) -> bool {
		Pallet::<T>::is_settleable(epoch, device)
	}

	fn epoch_length() -> u32 {
		EpochLength::<T>::get()
	}
}
