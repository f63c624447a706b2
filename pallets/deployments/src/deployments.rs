//! Deployments: named groups of a state's devices. Creating and closing them, devices joining
//! and leaving, their pages, and the checks of deployments and blueprints.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use atlas_primitives::{
	entries_after, h3, DeviceId, DeviceRegistry, Page, RewardSink, RoleProvider, StateId, VaultId,
};
use frame_support::{ensure, pallet_prelude::*, traits::Consideration};
use sp_runtime::Saturating;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_create_deployment(
		who: T::AccountId,
		state: StateId,
		name: Vec<u8>,
		metadata_uri: Vec<u8>,
		cells: Vec<atlas_primitives::H3Cell>,
		vault: Option<VaultId>,
	) -> DispatchResult {
		Self::ensure_steward(state, &who)?;
		let name = Self::bounded_name(name)?;
		let metadata_uri = Self::bounded_uri(metadata_uri)?;
		ensure!(cells.iter().all(|c| h3::is_valid_cell(*c)), Error::<T>::BadCell);
		let cells: BoundedVec<_, T::MaxCells> =
			cells.try_into().map_err(|_| Error::<T>::TooManyCells)?;
		if let Some(v) = vault {
			ensure!(T::Vaults::accepts(v), Error::<T>::UnknownVault);
		}
		let id = NextDeploymentId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let ticket = T::DeploymentConsideration::new(&who, Self::deployment_footprint())
			.map_err(|_| Error::<T>::CannotAffordDeposit)?;
		Deployments::<T>::insert(
			id,
			Deployment {
				state,
				name,
				metadata_uri,
				cells,
				vault,
				blueprint: None,
				devices: 0,
				depositor: who.clone(),
				ticket,
			},
		);
		NextDeploymentId::<T>::put(next);
		StateDeployments::<T>::insert(state, id, ());
		DeploymentKpis::<T>::insert(id, DeploymentKpi::default());
		Self::deposit_event(Event::DeploymentCreated { deployment: id, state, by: who });
		Ok(())
	}

	pub(crate) fn do_add_device(
		who: T::AccountId,
		deployment: DeploymentId,
		device: DeviceId,
	) -> DispatchResult {
		let mut info = Deployments::<T>::get(deployment).ok_or(Error::<T>::DeploymentNotFound)?;
		let summary = T::Devices::device(device).ok_or(Error::<T>::DeviceNotFound)?;
		ensure!(
			summary.owner == who || Self::is_steward(info.state, &who),
			Error::<T>::NotOwnerOrSteward
		);
		ensure!(summary.state == info.state, Error::<T>::DeviceOfOtherState);
		ensure!(T::States::state_exists(info.state), Error::<T>::StateNotFound);
		ensure!(T::States::is_state_active(info.state), Error::<T>::StateSuspended);
		if let Some(other) = DeviceDeployment::<T>::get(device) {
			return Err(if other == deployment {
				Error::<T>::AlreadyInDeployment
			} else {
				Error::<T>::InOtherDeployment
			}
			.into());
		}
		ensure!(info.devices < T::MaxDeploymentDevices::get(), Error::<T>::DeploymentFull);
		info.devices.saturating_inc();
		DeviceDeployment::<T>::insert(device, deployment);
		DeploymentDevices::<T>::insert(deployment, device, ());
		Deployments::<T>::insert(deployment, info);
		Self::deposit_event(Event::DeviceJoined { deployment, device });
		Ok(())
	}

	pub(crate) fn do_remove_device(
		who: T::AccountId,
		deployment: DeploymentId,
		device: DeviceId,
	) -> DispatchResult {
		let mut info = Deployments::<T>::get(deployment).ok_or(Error::<T>::DeploymentNotFound)?;
		ensure!(
			DeviceDeployment::<T>::get(device) == Some(deployment),
			Error::<T>::NotInDeployment
		);
		// The owner or a steward; anyone once the device is gone from the registry.
		if let Some(summary) = T::Devices::device(device) {
			ensure!(
				summary.owner == who || Self::is_steward(info.state, &who),
				Error::<T>::NotOwnerOrSteward
			);
		}
		info.devices.saturating_dec();
		DeviceDeployment::<T>::remove(device);
		DeploymentDevices::<T>::remove(deployment, device);
		Deployments::<T>::insert(deployment, info);
		Self::deposit_event(Event::DeviceLeft { deployment, device });
		Ok(())
	}

	pub(crate) fn do_close_deployment(
		who: T::AccountId,
		deployment: DeploymentId,
	) -> DispatchResult {
		let info = Deployments::<T>::get(deployment).ok_or(Error::<T>::DeploymentNotFound)?;
		ensure!(Self::is_steward(info.state, &who), Error::<T>::NotAdminOrSteward);
		ensure!(info.devices == 0, Error::<T>::DeploymentHasDevices);
		// Its figures leave its blueprint's (it no longer counts toward it).
		Self::unlink_kpis(deployment);
		DeploymentKpis::<T>::remove(deployment);
		if let Some(b) = info.blueprint {
			Blueprints::<T>::mutate(b, |bp| {
				if let Some(bp) = bp {
					bp.adoptions.saturating_dec();
				}
			});
			Adoptions::<T>::remove(b, deployment);
		}
		let Deployment { state, depositor, ticket, .. } = info;
		ticket.drop(&depositor)?;
		Deployments::<T>::remove(deployment);
		StateDeployments::<T>::remove(state, deployment);
		Self::deposit_event(Event::DeploymentClosed { deployment });
		Ok(())
	}

	/// One page of `state`'s deployments, after `cursor`.
	pub fn deployments_page(
		state: StateId,
		cursor: Option<DeploymentId>,
		limit: u32,
	) -> Page<(DeploymentId, DeploymentOf<T>), DeploymentId> {
		let iter = entries_after::<StateDeployments<T>, _, _, _>(state, cursor);
		Page::collect(
			iter.filter_map(|(id, ())| Deployments::<T>::get(id).map(|d| (id, d))),
			limit,
			|(id, _)| *id,
		)
	}

	/// One page of `deployment`'s devices, after `cursor`.
	pub fn deployment_devices_page(
		deployment: DeploymentId,
		cursor: Option<DeviceId>,
		limit: u32,
	) -> Page<DeviceId, DeviceId> {
		let iter = entries_after::<DeploymentDevices<T>, _, _, _>(deployment, cursor);
		Page::collect(iter.map(|(d, ())| d), limit, |d| *d)
	}

	/// Checks deployments and blueprints: device counts and both device indexes agree, the
	/// state indexes list exactly the records, adoptions match the deployments' links and the
	/// blueprints' counts. (What deposits cost is the runtime's choice, made through the
	/// considerations: held balances are not compared with the records here.)
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn check_deployments() -> Result<(), sp_runtime::TryRuntimeError> {
		let (next_d, next_b) = (NextDeploymentId::<T>::get(), NextBlueprintId::<T>::get());
		for (id, d) in Deployments::<T>::iter() {
			ensure!(id < next_d, "a deployment id at or above NextDeploymentId");
			ensure!(T::States::state_exists(d.state), "a deployment of an unknown state");
			ensure!(d.devices <= T::MaxDeploymentDevices::get(), "a deployment above its bound");
			ensure!(StateDeployments::<T>::contains_key(d.state, id), "a deployment not indexed");
			let members = DeploymentDevices::<T>::iter_prefix(id).count() as u32;
			ensure!(members == d.devices, "a deployment's device count is off");
			if let Some(b) = d.blueprint {
				ensure!(Adoptions::<T>::contains_key(b, id), "an adoption not recorded");
				ensure!(Blueprints::<T>::contains_key(b), "an adoption of an unknown blueprint");
			}
		}
		for (state, id, ()) in StateDeployments::<T>::iter() {
			ensure!(
				Deployments::<T>::get(id).is_some_and(|d| d.state == state),
				"a stale deployment index"
			);
		}
		for (deployment, device, ()) in DeploymentDevices::<T>::iter() {
			ensure!(
				DeviceDeployment::<T>::get(device) == Some(deployment),
				"device indexes disagree"
			);
		}
		for (device, deployment) in DeviceDeployment::<T>::iter() {
			ensure!(
				DeploymentDevices::<T>::contains_key(deployment, device),
				"device indexes disagree"
			);
		}
		for (id, b) in Blueprints::<T>::iter() {
			ensure!(id < next_b, "a blueprint id at or above NextBlueprintId");
			ensure!(T::States::state_exists(b.state), "a blueprint of an unknown state");
			ensure!(StateBlueprints::<T>::contains_key(b.state, id), "a blueprint not indexed");
			let adopted = Adoptions::<T>::iter_prefix(id).count() as u32;
			ensure!(adopted == b.adoptions, "a blueprint's adoption count is off");
		}
		for (state, id, ()) in StateBlueprints::<T>::iter() {
			ensure!(
				Blueprints::<T>::get(id).is_some_and(|b| b.state == state),
				"a stale blueprint index"
			);
		}
		for (b, d, ()) in Adoptions::<T>::iter() {
			ensure!(
				Deployments::<T>::get(d).is_some_and(|dep| dep.blueprint == Some(b)),
				"an adoption without its deployment's link"
			);
		}
		Ok(())
	}
}
