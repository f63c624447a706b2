//! [`OnStateChange`] for the network states pallet: a deregistered state loses its chain-wide
//! recognition (nothing else of it is left here: while it had links or agreements it could not
//! deregister).

use crate::pallet::*;
use atlas_primitives::{OnStateChange, RoleProvider, StateId};
use frame_support::{traits::Get, weights::Weight};

impl<T: Config> OnStateChange<T::AccountId> for Pallet<T> {
	fn on_active(_: StateId, _: &T::AccountId) {}

	/// Told after a suspension or a deregistration; only a state that no longer exists loses its
	/// chain-wide recognition (a suspended one keeps it).
	fn on_inactive(state: StateId, _: &T::AccountId) {
		if !T::States::state_exists(state) {
			ChainRecognised::<T>::remove(state);
		}
	}

	fn on_admin_changed(_: StateId, _: &T::AccountId, _: &T::AccountId, _: bool) {}

	fn on_validator_removed(_: StateId, _: &T::AccountId) {}

	fn weight() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}
}
