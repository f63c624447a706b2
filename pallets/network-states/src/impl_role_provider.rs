//! [`RoleProvider`] for the runtime's other pallets.

use crate::{pallet::*, Admission, StateStatus};
use atlas_primitives::{Role, RoleProvider, StateId};

impl<T: Config> RoleProvider<T::AccountId> for Pallet<T> {
	fn state_exists(state: StateId) -> bool {
		States::<T>::contains_key(state)
	}

	fn is_state_active(state: StateId) -> bool {
		States::<T>::get(state).is_some_and(|info| Self::is_active(&info))
	}

	fn is_state_established(state: StateId) -> bool {
		States::<T>::get(state).is_some_and(|info| {
			info.status == StateStatus::Active && info.admission == Admission::Established
		})
	}

	fn is_admin(state: StateId, who: &T::AccountId) -> bool {
		States::<T>::get(state).is_some_and(|info| &info.admin == who)
	}

	fn has_role(state: StateId, who: &T::AccountId, role: Role) -> bool {
		Self::roles(state, who).contains(role)
	}

	/// An established state without a bond; the admin pays the state's deposit, funded for it
	/// first. Should the ticket still fail
	/// (the consideration breaks its `ensure_successful` promise), no state is inserted and the
	/// dependent benchmark fails on the unknown state.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_state(admin: &T::AccountId) -> StateId {
		use frame_support::traits::{Consideration, Get};
		let state = NextStateId::<T>::get();
		NextStateId::<T>::put(state.saturating_add(1));
		let name = alloc::vec![b'b'; T::MaxNameLength::get() as usize];
		let footprint = Self::state_footprint();
		T::StateConsideration::ensure_successful(admin, footprint);
		let Ok(ticket) = T::StateConsideration::new(admin, footprint) else {
			return state;
		};
		States::<T>::insert(
			state,
			crate::NetworkState {
				name: name.try_into().unwrap_or_default(),
				metadata_uri: Default::default(),
				admin: admin.clone(),
				depositor: admin.clone(),
				ticket,
				bond: Default::default(),
				admission: Admission::Established,
				status: StateStatus::Active,
				registered_at: frame_system::Pallet::<T>::block_number(),
				roles: Default::default(),
			},
		);
		crate::Tally::<T>::mutate(|t| {
			t.registered = t.registered.saturating_add(1);
			t.active = t.active.saturating_add(1);
		});
		state
	}

	/// A new membership record's deposit is paid by the state's admin, funded for it first
	/// (nothing is granted should the ticket still fail).
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(state: StateId, who: &T::AccountId, role: Role) {
		use frame_support::traits::Consideration;
		let Some(mut info) = States::<T>::get(state) else { return };
		let mut membership = match Members::<T>::get(state, who) {
			Some(membership) => membership,
			None => {
				let footprint = Self::membership_footprint();
				T::MembershipConsideration::ensure_successful(&info.admin, footprint);
				let Ok(ticket) = T::MembershipConsideration::new(&info.admin, footprint) else {
					return;
				};
				crate::Membership {
					roles: Default::default(),
					depositor: info.admin.clone(),
					ticket,
				}
			},
		};
		if membership.roles.is_empty() {
			info.roles.members = info.roles.members.saturating_add(1);
		}
		if membership.roles.insert(role) {
			let count = info.roles.of_mut(role);
			*count = count.saturating_add(1);
		}
		Members::<T>::insert(state, who, membership);
		States::<T>::insert(state, info);
	}
}
