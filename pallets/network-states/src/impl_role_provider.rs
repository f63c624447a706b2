//! [`RoleProvider`] for the runtime's other pallets.

use crate::{pallet::*, StateStatus};
use atlas_primitives::{Role, RoleProvider, StateId};

impl<T: Config> RoleProvider<T::AccountId> for Pallet<T> {
	fn state_exists(state: StateId) -> bool {
		States::<T>::contains_key(state)
	}

	fn is_state_active(state: StateId) -> bool {
		States::<T>::get(state).is_some_and(|info| info.status == StateStatus::Active)
	}

	fn is_admin(state: StateId, who: &T::AccountId) -> bool {
		States::<T>::get(state).is_some_and(|info| &info.admin == who)
	}

	fn has_role(state: StateId, who: &T::AccountId, role: Role) -> bool {
		Self::roles(state, who).contains(role)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_state(admin: &T::AccountId) -> StateId {
		use frame_support::traits::Get;
		let state = NextStateId::<T>::get();
		NextStateId::<T>::put(state.saturating_add(1));
		let name = alloc::vec![b'b'; T::MaxNameLength::get() as usize];
		// No deposit: held (zero) and stored (zero) deposits still agree.
		States::<T>::insert(
			state,
			crate::NetworkState {
				name: name.try_into().unwrap_or_default(),
				metadata_uri: Default::default(),
				admin: admin.clone(),
				depositor: admin.clone(),
				deposit: Default::default(),
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

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(state: StateId, who: &T::AccountId, role: Role) {
		let Some(mut info) = States::<T>::get(state) else { return };
		let mut membership = Members::<T>::get(state, who).unwrap_or(crate::Membership {
			roles: Default::default(),
			depositor: info.admin.clone(),
			deposit: Default::default(),
		});
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
