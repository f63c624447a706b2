//! Tests of the network states pallet. Every test run with [`run_test`] ends with the pallet's
//! `try_state` checks.

mod admin;
mod admission;
mod invariants;
mod roles;
mod standing;
mod states;

pub(crate) use crate::{
	mock::*, Admission, Error, Event, HoldReason, Members, NetworkState, NextStateId, PendingAdmin,
	RoleCounts, StateStatus, States, Tally,
};
pub(crate) use atlas_primitives::{Role, RoleProvider, RoleSet, StateHolding, StateId};
pub(crate) use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
pub(crate) use sp_runtime::{DispatchError, TokenError};

/// The ticket of a deposit of `amount`: a hold consideration is stored as the amount it holds.
pub(crate) fn ticket<C: codec::Decode>(amount: Balance) -> C {
	C::decode(&mut &codec::Encode::encode(&amount)[..]).expect("a hold ticket is its amount")
}

/// The state deposit held from `who`.
pub(crate) fn held_state(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::StateDeposit.into(), &who)
}

/// The membership deposits held from `who`.
pub(crate) fn held_member(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::MembershipDeposit.into(), &who)
}

/// The admission bond held from `who`.
pub(crate) fn held_bond(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AdmissionBond.into(), &who)
}

/// Governance admits `state` and its probation is over: it is established.
pub(crate) fn establish(state: StateId) {
	assert_ok!(NetworkStates::admit_state(RuntimeOrigin::root(), state));
	assert_ok!(crate::Pallet::<Test>::do_establish(state));
}

/// Alice applies for state 0 with herself as admin; it is admitted and established.
pub(crate) fn register_alice_state() -> u32 {
	assert_ok!(NetworkStates::register_state(
		RuntimeOrigin::signed(ALICE),
		b"Zuzalu".to_vec(),
		b"ipfs://charter".to_vec(),
		ALICE
	));
	establish(0);
	0
}

/// The last event deposited.
pub(crate) fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

/// Applies for a state administered by `admin`, paid by `payer`; returns its id.
pub(crate) fn apply_for(payer: AccountId, admin: AccountId) -> StateId {
	let id = NextStateId::<Test>::get();
	assert_ok!(NetworkStates::register_state(
		RuntimeOrigin::signed(payer),
		b"State".to_vec(),
		vec![],
		admin
	));
	id
}

/// An established state administered by `admin`, paid by `payer`; returns its id.
pub(crate) fn register_state_of(payer: AccountId, admin: AccountId) -> StateId {
	let id = apply_for(payer, admin);
	establish(id);
	id
}

/// States 0, 1 and 2, administered (and paid) by Alice, Bob and Charlie.
pub(crate) fn three_states() -> (StateId, StateId, StateId) {
	let a = register_state_of(ALICE, ALICE);
	let b = register_state_of(BOB, BOB);
	let c = register_state_of(CHARLIE, CHARLIE);
	assert_eq!((a, b, c), (0, 1, 2));
	(a, b, c)
}
