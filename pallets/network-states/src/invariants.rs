//! The pallet's invariants, checked by `try_state` and after every test.

use crate::{pallet::*, RoleCounts, StateStatus};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{
	traits::{Get, Zero},
	Saturating,
};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: held deposits equal stored deposits; role counts match
	/// the membership records; every state id is below `NextStateId`; memberships and pending
	/// admins belong to existing states; the tally counts the states.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextStateId::<T>::get();
		let mut state_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut member_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut tally = atlas_primitives::StateTally::default();
		for (id, info) in States::<T>::iter() {
			ensure!(id < next, "state id at or above NextStateId");
			tally.registered.saturating_inc();
			if info.status == StateStatus::Active {
				tally.active.saturating_inc();
			}
			let entry = state_deposits.entry(info.depositor.clone()).or_insert_with(Zero::zero);
			*entry = entry.saturating_add(info.deposit);
			let mut counts = RoleCounts::default();
			for (_, membership) in Members::<T>::iter_prefix(id) {
				ensure!(!membership.roles.is_empty(), "membership record without roles");
				counts.members.saturating_inc();
				for role in membership.roles.iter() {
					counts.of_mut(role).saturating_inc();
				}
				let entry =
					member_deposits.entry(membership.depositor.clone()).or_insert_with(Zero::zero);
				*entry = entry.saturating_add(membership.deposit);
			}
			ensure!(counts == info.roles, "role counts differ from membership records");
			ensure!(counts.members <= T::MaxMembers::get(), "more members than MaxMembers");
		}
		for (state, _) in Members::<T>::iter_keys() {
			ensure!(States::<T>::contains_key(state), "membership of an unknown state");
		}
		for state in PendingAdmin::<T>::iter_keys() {
			ensure!(States::<T>::contains_key(state), "pending admin of an unknown state");
		}
		for (who, amount) in state_deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::StateDeposit.into(), &who) == amount,
				"held state deposits differ from stored deposits"
			);
		}
		for (who, amount) in member_deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::MembershipDeposit.into(), &who) == amount,
				"held membership deposits differ from stored deposits"
			);
		}
		ensure!(tally == Tally::<T>::get(), "state tally differs from the states");
		Ok(())
	}
}
