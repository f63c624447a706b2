//! Blueprints: reusable models of a deployment, published by a state, adopted by other
//! deployments and retired once nobody adopts them.

use crate::{pallet::*, types::*};
use atlas_primitives::StateId;
use frame_support::{ensure, pallet_prelude::*, traits::Consideration};
use sp_runtime::Saturating;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_publish_blueprint(
		who: T::AccountId,
		state: StateId,
		spec: BlueprintSpecOf<T>,
	) -> DispatchResult {
		let BlueprintSpec {
			name,
			metadata_uri,
			device_mix,
			hardware_models,
			expected_output,
			cost,
			source,
		} = spec;
		Self::ensure_steward(state, &who)?;
		let name = Self::bounded_name(name)?;
		let metadata_uri = Self::bounded_uri(metadata_uri)?;
		ensure!(device_mix.values().any(|n| *n > 0), Error::<T>::EmptyDeviceMix);
		let hardware_models: BoundedVec<_, T::MaxModels> =
			hardware_models.try_into().map_err(|_| Error::<T>::TooManyModels)?;
		if let Some(d) = source {
			let dep = Deployments::<T>::get(d).ok_or(Error::<T>::DeploymentNotFound)?;
			ensure!(dep.state == state, Error::<T>::DeploymentOfOtherState);
			ensure!(
				DeploymentKpis::<T>::get(d).blueprint.is_none(),
				Error::<T>::DeploymentInBlueprint
			);
		}
		let count = BlueprintCount::<T>::get();
		ensure!(count < T::MaxBlueprints::get(), Error::<T>::TooManyBlueprints);
		let id = NextBlueprintId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let ticket = T::BlueprintConsideration::new(&who, Self::blueprint_footprint())
			.map_err(|_| Error::<T>::CannotAffordDeposit)?;
		Blueprints::<T>::insert(
			id,
			Blueprint {
				state,
				name,
				metadata_uri,
				device_mix,
				hardware_models,
				expected_output,
				cost,
				source,
				adoptions: 0,
				depositor: who.clone(),
				ticket,
			},
		);
		NextBlueprintId::<T>::put(next);
		StateBlueprints::<T>::insert(state, id, ());
		BlueprintCount::<T>::put(count.saturating_add(1));
		BlueprintKpis::<T>::insert(id, BlueprintKpi::default());
		// The source's measured output is the blueprint's first evidence.
		if let Some(d) = source {
			Self::link_kpis(d, id);
		}
		Self::deposit_event(Event::BlueprintPublished { blueprint: id, state, source });
		Ok(())
	}

	pub(crate) fn do_adopt_blueprint(
		who: T::AccountId,
		blueprint: BlueprintId,
		deployment: DeploymentId,
	) -> DispatchResult {
		let mut bp = Blueprints::<T>::get(blueprint).ok_or(Error::<T>::BlueprintNotFound)?;
		let mut dep = Deployments::<T>::get(deployment).ok_or(Error::<T>::DeploymentNotFound)?;
		Self::ensure_steward(dep.state, &who)?;
		ensure!(dep.blueprint.is_none(), Error::<T>::AlreadyAdopted);
		ensure!(bp.source != Some(deployment), Error::<T>::AdoptingOwnSource);
		ensure!(
			DeploymentKpis::<T>::get(deployment).blueprint.is_none(),
			Error::<T>::DeploymentInBlueprint
		);
		dep.blueprint = Some(blueprint);
		bp.adoptions.saturating_inc();
		Adoptions::<T>::insert(blueprint, deployment, ());
		Self::link_kpis(deployment, blueprint);
		let state = dep.state;
		Deployments::<T>::insert(deployment, dep);
		Blueprints::<T>::insert(blueprint, bp);
		Self::deposit_event(Event::BlueprintAdopted { blueprint, deployment, state });
		Ok(())
	}

	pub(crate) fn do_retire_blueprint(who: T::AccountId, blueprint: BlueprintId) -> DispatchResult {
		let bp = Blueprints::<T>::get(blueprint).ok_or(Error::<T>::BlueprintNotFound)?;
		ensure!(Self::is_steward(bp.state, &who), Error::<T>::NotAdminOrSteward);
		ensure!(bp.adoptions == 0, Error::<T>::BlueprintAdopted);
		let Blueprint { state, source, depositor, ticket, .. } = bp;
		ticket.drop(&depositor)?;
		Blueprints::<T>::remove(blueprint);
		StateBlueprints::<T>::remove(state, blueprint);
		if let Some(d) = source {
			if DeploymentKpis::<T>::get(d).blueprint == Some(blueprint) {
				Self::unlink_kpis(d);
			}
		}
		BlueprintKpis::<T>::remove(blueprint);
		BlueprintCount::<T>::mutate(|c| c.saturating_dec());
		Self::deposit_event(Event::BlueprintRetired { blueprint });
		Ok(())
	}
}
