//! The pallet's invariants, checked by `try_state` and after every test.

use crate::{pallet::*, RoleCounts, StateStatus};
use frame_support::ensure;
use sp_runtime::{traits::Get, Saturating};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: role counts match the membership records; every state id
	/// is below `NextStateId`; memberships and pending admins belong to existing states; the
	/// tally counts the states. (What deposits cost is the runtime's choice, made through the
	/// considerations: held balances are not compared with the records here.)
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextStateId::<T>::get();
		let mut tally = atlas_primitives::StateTally::default();
		for (id, info) in States::<T>::iter() {
			ensure!(id < next, "state id at or above NextStateId");
			tally.registered.saturating_inc();
			if info.status == StateStatus::Active {
				tally.active.saturating_inc();
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
		Ok(())
	}
}
