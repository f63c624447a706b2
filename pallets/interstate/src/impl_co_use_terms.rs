//! [`CoUseTerms`] for rewards: the host's share of what a covered device earned while an
//! agreement was in force.

use crate::{pallet::*, types::UsageScope, WeightInfo};
use atlas_primitives::{CoUseTerms, DeploymentRegistry, DeviceClass, DeviceId, StateId};
use frame_support::{traits::Get, weights::Weight};
use sp_runtime::Perbill;

impl<T: Config> CoUseTerms for Pallet<T> {
	fn host_share(
		device: DeviceId,
		state: StateId,
		class: DeviceClass,
		from: u32,
		to: u32,
	) -> Perbill {
		let (from, to) = (from.into(), to.into());
		let by_class = Self::share_in_force(state, UsageScope::Class(class), from, to);
		let by_deployment = T::Deployments::deployment_of(device)
			.map(|d| Self::share_in_force(state, UsageScope::Deployment(d), from, to))
			.unwrap_or_default();
		// Lowering the cap lowers the share of agreements made under a higher one.
		by_class.max(by_deployment).min(T::MaxHostShare::get())
	}

	fn weight() -> Weight {
		<T as Config>::WeightInfo::host_share()
	}
}
