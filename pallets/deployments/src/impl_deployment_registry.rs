//! [`DeploymentRegistry`] and [`StateHoldings`] for the runtime's other pallets.

use crate::{pallet::*, types::*};
use atlas_primitives::{DeploymentRegistry, DeviceId, StateHolding, StateHoldings, StateId};
use frame_support::{traits::Get, weights::Weight};

impl<T: Config> DeploymentRegistry for Pallet<T> {
	fn deployment_state(deployment: DeploymentId) -> Option<StateId> {
		Deployments::<T>::get(deployment).map(|d| d.state)
	}

	fn deployment_of(device: DeviceId) -> Option<DeploymentId> {
		DeviceDeployment::<T>::get(device)
	}

	/// Inserts a deployment of `state` holding those of `devices` in no deployment yet (at most
	/// [`Config::MaxDeploymentDevices`]); a benchmark account, funded for it, pays its deposit.
	/// Should the ticket still fail (the consideration breaks its `ensure_successful` promise),
	/// nothing is inserted and the dependent benchmark fails on the unknown deployment.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_deployment(state: StateId, devices: &[DeviceId]) -> DeploymentId {
		use frame_support::traits::Consideration;
		let id = NextDeploymentId::<T>::get();
		NextDeploymentId::<T>::put(id.saturating_add(1));
		let depositor: T::AccountId = frame_benchmarking::account("deployer", 0, 0);
		let footprint = Self::deployment_footprint();
		T::DeploymentConsideration::ensure_successful(&depositor, footprint);
		let Ok(ticket) = T::DeploymentConsideration::new(&depositor, footprint) else {
			return id;
		};
		let mut count = 0u32;
		for device in devices {
			if count >= T::MaxDeploymentDevices::get()
				|| DeviceDeployment::<T>::contains_key(device)
			{
				continue;
			}
			DeviceDeployment::<T>::insert(device, id);
			DeploymentDevices::<T>::insert(id, device, ());
			count = count.saturating_add(1);
		}
		let name = alloc::vec![b'b'; T::MaxNameLength::get() as usize];
		Deployments::<T>::insert(
			id,
			Deployment {
				state,
				name: name.try_into().unwrap_or_default(),
				metadata_uri: Default::default(),
				cells: Default::default(),
				vault: None,
				blueprint: None,
				devices: count,
				depositor,
				ticket,
			},
		);
		StateDeployments::<T>::insert(state, id, ());
		DeploymentKpis::<T>::insert(id, DeploymentKpi::default());
		id
	}
}

impl<T: Config> StateHoldings for Pallet<T> {
	fn holding(state: StateId) -> Option<StateHolding> {
		let holds = StateDeployments::<T>::iter_prefix(state).next().is_some()
			|| StateBlueprints::<T>::iter_prefix(state).next().is_some();
		holds.then_some(StateHolding::Deployments)
	}

	fn weight() -> Weight {
		T::DbWeight::get().reads(2)
	}
}
