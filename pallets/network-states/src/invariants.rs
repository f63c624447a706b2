//! The pallet's invariants, checked by `try_state` and after every test.

use crate::{pallet::*, Admission, RoleCounts};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{traits::Get, Saturating};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: role counts match the membership records; every state id
	/// is below `NextStateId`; memberships and pending admins belong to existing states; the
	/// tally counts the states; applicants have no members; the admission bonds held from each
	/// account equal the bonds its states record. (What storage deposits cost is the runtime's
	/// choice, made through the considerations: those are not compared with the records here.)
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextStateId::<T>::get();
		let mut tally = atlas_primitives::StateTally::default();
		let mut bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, info) in States::<T>::iter() {
			ensure!(id < next, "state id at or above NextStateId");
			tally.registered.saturating_inc();
			if Self::is_active(&info) {
				tally.active.saturating_inc();
			}
			let held = bonds.entry(info.depositor.clone()).or_default();
			*held = held.saturating_add(info.bond);
			if info.admission == Admission::Applicant {
				ensure!(info.roles.members == 0, "an applicant has members");
			}
			let mut counts = RoleCounts::default();
			for (_, membership) in Members::<T>::iter_prefix(id) {
				ensure!(!membership.roles.is_empty(), "membership record without roles");
				counts.members.saturating_inc();
				for role in membership.roles.iter() {
					counts.of_mut(role).saturating_inc();
				}
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
		ensure!(tally == Tally::<T>::get(), "state tally differs from the states");
		for (who, bond) in bonds {
			let held = T::Currency::balance_on_hold(&HoldReason::AdmissionBond.into(), &who);
			ensure!(held == bond, "admission bonds held differ from the bonds stored");
		}
		Ok(())
	}
}
