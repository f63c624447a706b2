//! The registry's changes of standing, applied to seats and validators. A state that becomes
//! active on probation gets no seat; it is told again when its probation ends.

use crate::{pallet::*, weights::WeightInfo};
use atlas_primitives::{OnStateChange, RoleProvider, StateId};
use frame_support::traits::Get;
use sp_runtime::Weight;

impl<T: Config> OnStateChange<T::AccountId> for Pallet<T> {
	fn on_active(state: StateId, admin: &T::AccountId) {
		if SeatOf::<T>::contains_key(state) || !T::Roles::is_state_established(state) {
			return;
		}
		// A full council is not an error for the registry: the state claims a seat later.
		if Self::seat(state, admin).is_err() {
			Self::deposit_event(Event::CouncilFull { state });
		}
	}

	fn on_inactive(state: StateId, _admin: &T::AccountId) {
		Self::unseat(state);
		for who in StateValidators::<T>::get(state) {
			Self::chill_validator(state, &who);
		}
	}

	fn on_admin_changed(state: StateId, _old: &T::AccountId, new: &T::AccountId, active: bool) {
		Self::unseat(state);
		if active {
			Self::on_active(state, new);
		}
	}

	fn on_validator_removed(state: StateId, who: &T::AccountId) {
		Self::chill_validator(state, who);
	}

	fn weight() -> Weight {
		T::WeightInfo::on_active()
			.max(T::WeightInfo::on_inactive(T::MaxValidatorsPerState::get()))
			.max(T::WeightInfo::on_admin_changed())
			.max(T::WeightInfo::on_validator_removed())
	}
}
