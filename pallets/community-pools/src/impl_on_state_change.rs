//! [`OnStateChange`] for the network states pallet: a deregistered state's pool goes to the
//! treasury at once.

use crate::{pallet::*, WeightInfo};
use atlas_primitives::{OnStateChange, RoleProvider, StateId};
use frame_support::storage::with_storage_layer;

impl<T: Config> OnStateChange<T::AccountId> for Pallet<T> {
	fn on_active(_state: StateId, _admin: &T::AccountId) {}

	/// A state that no longer exists (deregistered, not merely suspended) has its pool swept to
	/// [`Config::Treasury`]. A pool with nothing in it, or one that cannot be moved, is left for
	/// [`Pallet::sweep_pool`].
	fn on_inactive(state: StateId, _admin: &T::AccountId) {
		if !T::Roles::state_exists(state) {
			let _ = with_storage_layer(|| Self::sweep(state));
		}
	}

	fn on_admin_changed(_state: StateId, _old: &T::AccountId, _new: &T::AccountId, _active: bool) {}

	fn on_validator_removed(_state: StateId, _who: &T::AccountId) {}

	/// The sweep of a pool, the most [`OnStateChange::on_inactive`] does.
	fn weight() -> sp_runtime::Weight {
		T::WeightInfo::sweep_pool()
	}
}
