//! [`DeviceRegistry`] and [`StateHoldings`] for the runtime's other pallets.

use crate::pallet::*;
use atlas_primitives::{
	default_route, DeviceId, DeviceRegistry, DeviceSummary, RewardRoute, StateHolding,
	StateHoldings, StateId,
};
use frame_support::traits::Get;
use sp_runtime::{traits::UniqueSaturatedInto, DispatchError};

impl<T: Config> DeviceRegistry<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn devices_of(
		owner: &T::AccountId,
		cursor: Option<DeviceId>,
		limit: u32,
	) -> atlas_primitives::Page<DeviceId, DeviceId> {
		let page = Self::owner_page(owner.clone(), cursor, limit);
		atlas_primitives::Page {
			items: page.items.into_iter().map(|(id, _)| id).collect(),
			next: page.next,
		}
	}

	fn device(device: DeviceId) -> Option<DeviceSummary<T::AccountId>> {
		Devices::<T>::get(device).map(|d| DeviceSummary {
			owner: d.owner,
			operator: d.operator,
			state: d.state,
			spec: d.spec,
			status: d.status,
			key: d.key,
			vault: d.vault,
			active_since: d.active_since.map_or(0, |b| b.unique_saturated_into()),
			// A revoked maker no longer attests its devices.
			maker_attested: d.maker.is_some_and(Makers::<T>::contains_key),
		})
	}

	fn reward_route(device: DeviceId) -> Option<RewardRoute<T::AccountId>> {
		Devices::<T>::contains_key(device)
			.then(|| RewardRoutes::<T>::get(device).unwrap_or_else(default_route))
	}

	fn deposit(device: DeviceId) -> Option<BalanceOf<T>> {
		Devices::<T>::get(device).map(|d| d.deposit)
	}

	fn slash_deposit(
		device: DeviceId,
		amount: BalanceOf<T>,
		beneficiary: Option<&T::AccountId>,
	) -> Result<BalanceOf<T>, DispatchError> {
		Self::do_slash(device, amount, beneficiary)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_device(
		owner: &T::AccountId,
		state: StateId,
		spec: atlas_primitives::DeviceSpec,
		key: atlas_primitives::DeviceKey,
	) -> DeviceId {
		let device = NextDeviceId::<T>::get();
		NextDeviceId::<T>::put(device.saturating_add(1));
		let class = spec.class();
		// No deposit: held (zero) and stored (zero) deposits still agree.
		Devices::<T>::insert(
			device,
			crate::Device {
				owner: owner.clone(),
				operator: None,
				state,
				spec,
				hardware_model: 0,
				location: 0x8928308280fffff,
				metadata_uri: Default::default(),
				key,
				status: atlas_primitives::DeviceStatus::Active,
				depositor: owner.clone(),
				deposit: Default::default(),
				registered_at: frame_system::Pallet::<T>::block_number(),
				vault: None,
				active_since: Some(frame_system::Pallet::<T>::block_number()),
				maker: None,
				probe_endpoint: Default::default(),
			},
		);
		DeviceByKey::<T>::insert(key, device);
		DevicesByOwner::<T>::insert(owner, device, ());
		DevicesByState::<T>::insert(state, device, ());
		StateDeviceCount::<T>::mutate(state, |n| *n = n.saturating_add(1));
		Census::<T>::mutate(|c| c.add(class, atlas_primitives::DeviceStatus::Active));
		device
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_route(device: DeviceId, route: atlas_primitives::RewardRoute<T::AccountId>) {
		Devices::<T>::mutate(device, |d| {
			if let Some(d) = d {
				d.vault = atlas_primitives::vault_leg(&route);
			}
		});
		RewardRoutes::<T>::insert(device, route);
	}
}

impl<T: Config> StateHoldings for Pallet<T> {
	fn holding(state: StateId) -> Option<StateHolding> {
		(Self::device_count(state) > 0).then_some(StateHolding::Devices)
	}

	fn weight() -> frame_support::weights::Weight {
		<T as frame_system::Config>::DbWeight::get().reads(1)
	}
}

impl<T: Config> Pallet<T> {
	/// Number of devices registered in `state`.
	pub fn device_count(state: StateId) -> u32 {
		StateDeviceCount::<T>::get(state)
	}
}
