//! Tests of the state seats pallet, by concern. Every test run with `run_test` ends with
//! `try_state` and a check that the council's members are the seats.

mod invariants;
mod seats;
mod validators;

pub(crate) use crate::{mock::*, AppointedBy, Error, Event, SeatOf, SeatStates, StateValidators};
pub(crate) use atlas_primitives::{OnStateChange, StateId, ValidatorIntent};
pub(crate) use frame_support::{assert_noop, assert_ok};
pub(crate) use sp_runtime::{DispatchError, Perbill};

pub(crate) type Hook = crate::Pallet<Test>;

/// The registry registering `state` with `admin` (it tells the pallet).
pub(crate) fn register(state: StateId, admin: AccountId) {
	MockRoles::add(state, admin);
	Hook::on_active(state, &admin);
}

pub(crate) fn suspend(state: StateId) {
	MockRoles::set_active(state, false);
	let admin = crate::SeatOf::<Test>::get(state).unwrap_or_default();
	Hook::on_inactive(state, &admin);
}

pub(crate) fn validate(who: AccountId, state: StateId) -> sp_runtime::DispatchResult {
	Seats::validate(RuntimeOrigin::signed(who), state, Perbill::from_percent(5), false)
}

pub(crate) fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}
