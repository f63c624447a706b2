//! [`DeviceRegistry`] and [`StateAssets`] for the runtime's other pallets.

use crate::pallet::*;
use atlas_primitives::{
	default_route, DeviceId, DeviceRegistry, DeviceSummary, RewardRoute, StateAssets, StateId,
};
use sp_runtime::{DispatchError, Perbill};

impl<T: Config> DeviceRegistry<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn device(device: DeviceId) -> Option<DeviceSummary<T::AccountId>> {
		Devices::<T>::get(device).map(|d| DeviceSummary {
			owner: d.owner,
			operator: d.operator,
			state: d.state,
			spec: d.spec,
			status: d.status,
			key: d.key,
		})
	}

	fn reward_route(device: DeviceId) -> Option<RewardRoute<T::AccountId>> {
		Devices::<T>::contains_key(device)
			.then(|| RewardRoutes::<T>::get(device).unwrap_or_else(default_route))
	}

	fn slash_deposit(device: DeviceId, fraction: Perbill) -> Result<BalanceOf<T>, DispatchError> {
		Self::do_slash(device, fraction)
	}
}

impl<T: Config> StateAssets for Pallet<T> {
	fn device_count(state: StateId) -> u32 {
		StateDeviceCount::<T>::get(state)
	}
}
