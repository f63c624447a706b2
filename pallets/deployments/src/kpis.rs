//! Live KPIs of deployments and blueprints: attestations tell every device's verified delivery
//! as it is accepted and as it changes, rewards every payment; each is added to the device's
//! deployment and to the blueprint that deployment counts toward. O(1) per report, never a walk
//! over devices; a blueprint's figures are the sum over its source deployment and adoptions.

use crate::{pallet::*, types::*, WeightInfo};
use alloc::vec::Vec;
use atlas_primitives::{DeviceId, KpiKind, KpiView, Page, MAX_PAGE_SIZE};
use frame_support::{pallet_prelude::*, traits::Contains};
use sp_runtime::SaturatedConversion;

impl<T: Config> Pallet<T> {
	fn view(totals: atlas_primitives::Kpi, recent: atlas_primitives::RecentDevices) -> KpiView {
		KpiView {
			totals,
			uptime_ratio: totals.uptime_ratio(),
			devices_active: recent.active(|e| T::ClosedEpochs::contains(&e)),
			recent,
		}
	}

	/// A deployment's KPIs as readers see them.
	pub fn deployment_kpi_view(deployment: DeploymentId) -> Option<KpiView> {
		Deployments::<T>::contains_key(deployment).then(|| {
			let k = DeploymentKpis::<T>::get(deployment);
			Self::view(k.totals, k.recent)
		})
	}

	/// A blueprint's KPIs as readers see them.
	pub fn blueprint_kpi_view(blueprint: BlueprintId) -> Option<KpiView> {
		Blueprints::<T>::contains_key(blueprint).then(|| {
			let k = BlueprintKpis::<T>::get(blueprint);
			Self::view(k.totals, k.recent)
		})
	}

	/// One page of blueprints ranked by `kind`, best first (ties by id), from rank `cursor`.
	/// Reads every blueprint: at most [`Config::MaxBlueprints`].
	pub fn ranked_blueprints(
		kind: KpiKind,
		cursor: Option<u32>,
		limit: u32,
	) -> Page<(BlueprintId, KpiView), u32> {
		let mut all: Vec<(u128, BlueprintId, KpiView)> = BlueprintKpis::<T>::iter()
			.map(|(id, k)| {
				let view = Self::view(k.totals, k.recent);
				(view.totals.value(kind, view.devices_active), id, view)
			})
			.collect();
		all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
		let from = cursor.unwrap_or(0) as usize;
		let limit = limit.min(MAX_PAGE_SIZE) as usize;
		let end = from.saturating_add(limit).min(all.len());
		let items: Vec<_> = all
			.get(from..end)
			.unwrap_or_default()
			.iter()
			.map(|(_, id, view)| (*id, *view))
			.collect();
		let next = (end < all.len() && !items.is_empty()).then(|| end.saturated_into());
		Page { items, next }
	}

	/// Links `deployment`'s KPIs to `blueprint`'s: its figures so far join the blueprint's.
	pub(crate) fn link_kpis(deployment: DeploymentId, blueprint: BlueprintId) {
		let mut dep = DeploymentKpis::<T>::get(deployment);
		dep.blueprint = Some(blueprint);
		BlueprintKpis::<T>::mutate(blueprint, |b| {
			b.totals.add(&dep.totals);
			b.recent.merge(&dep.recent);
		});
		DeploymentKpis::<T>::insert(deployment, dep);
	}

	/// Unlinks `deployment`'s KPIs from its blueprint's: its figures leave the blueprint's.
	pub(crate) fn unlink_kpis(deployment: DeploymentId) {
		let mut dep = DeploymentKpis::<T>::get(deployment);
		if let Some(b) = dep.blueprint.take() {
			BlueprintKpis::<T>::mutate(b, |bp| {
				bp.totals.sub(&dep.totals);
				bp.recent.remove(&dep.recent);
			});
			DeploymentKpis::<T>::insert(deployment, dep);
		}
	}

	/// Applies `f` to the KPIs of `device`'s deployment and of its blueprint. Returns the weight
	/// used.
	pub(crate) fn note(
		device: DeviceId,
		f: impl Fn(&mut atlas_primitives::Kpi, &mut atlas_primitives::RecentDevices),
	) -> Weight {
		let Some(deployment) = DeviceDeployment::<T>::get(device) else {
			return T::WeightInfo::note_delivery_outside();
		};
		let (before, after, blueprint) = DeploymentKpis::<T>::mutate(deployment, |k| {
			let before = k.totals;
			f(&mut k.totals, &mut k.recent);
			(before, k.totals, k.blueprint)
		});
		// The blueprint changes by exactly what the deployment did: a correction of an epoch
		// the device delivered in another deployment stops at zero here, and must stop at the
		// same point in the blueprint's sum.
		if let Some(b) = blueprint {
			BlueprintKpis::<T>::mutate(b, |k| {
				k.totals.sub(&before);
				k.totals.add(&after);
				f(&mut Default::default(), &mut k.recent);
			});
		}
		T::WeightInfo::note_delivery()
	}

	/// Checks KPI records: one per deployment and blueprint, links both ways, and each
	/// blueprint's totals equal the sum over the deployments that count toward it.
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn check_kpis() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let mut sums: BTreeMap<BlueprintId, atlas_primitives::Kpi> = BTreeMap::new();
		for (id, k) in DeploymentKpis::<T>::iter() {
			let dep = Deployments::<T>::get(id).ok_or("KPIs of an unknown deployment")?;
			if let Some(b) = dep.blueprint {
				ensure!(k.blueprint == Some(b), "an adopter's KPIs not linked to its blueprint");
			}
			if let Some(b) = k.blueprint {
				let bp = Blueprints::<T>::get(b).ok_or("KPIs linked to an unknown blueprint")?;
				ensure!(
					dep.blueprint == Some(b) || bp.source == Some(id),
					"KPIs linked to a blueprint the deployment neither adopted nor sourced"
				);
				sums.entry(b).or_default().add(&k.totals);
			}
		}
		for id in Deployments::<T>::iter_keys() {
			ensure!(DeploymentKpis::<T>::contains_key(id), "a deployment without KPIs");
		}
		let mut count = 0u32;
		for id in Blueprints::<T>::iter_keys() {
			ensure!(BlueprintKpis::<T>::contains_key(id), "a blueprint without KPIs");
			count = count.saturating_add(1);
		}
		ensure!(count == BlueprintCount::<T>::get(), "BlueprintCount is off");
		ensure!(count <= T::MaxBlueprints::get(), "more blueprints than MaxBlueprints");
		for (id, k) in BlueprintKpis::<T>::iter() {
			ensure!(Blueprints::<T>::contains_key(id), "KPIs of an unknown blueprint");
			ensure!(
				k.totals == sums.get(&id).copied().unwrap_or_default(),
				"a blueprint's KPIs differ from the sum over its deployments"
			);
		}
		Ok(())
	}
}
