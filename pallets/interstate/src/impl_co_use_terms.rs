//! [`CoUseTerms`] for rewards: the host's share of a covered device's rewards.

use crate::{pallet::*, types::UsageScope, WeightInfo};
use atlas_primitives::{CoUseTerms, DeploymentRegistry, DeviceClass, DeviceId, StateId};
use frame_support::weights::Weight;
use sp_runtime::Perbill;

impl<T: Config> CoUseTerms for Pallet<T> {
	fn host_share(device: DeviceId, state: StateId, class: DeviceClass) -> Perbill {
		let by_class = Self::share_in_force(state, UsageScope::Class(class));
		let by_deployment = T::Deployments::deployment_of(device)
			.map(|d| Self::share_in_force(state, UsageScope::Deployment(d)))
			.unwrap_or_default();
		by_class.max(by_deployment)
	}

	fn weight() -> Weight {
		<T as Config>::WeightInfo::host_share()
	}
}
