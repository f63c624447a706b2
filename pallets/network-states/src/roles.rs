//! Roles and memberships: granting, revoking and renouncing roles, and reading them.

use crate::{pallet::*, Admission, Membership};
use atlas_primitives::{entries_after, OnStateChange, Page, Role, RoleSet, StateId};
use frame_support::{
	pallet_prelude::*,
	traits::{Consideration, EnsureOriginWithArg, Footprint},
};
use frame_system::{ensure_signed, pallet_prelude::OriginFor};
use sp_runtime::Saturating;

impl<T: Config> Pallet<T> {
	/// What one membership record takes in storage: the footprint its storage deposit
	/// ([`Config::MembershipConsideration`]) prices.
	pub fn membership_footprint() -> Footprint {
		Footprint::from_mel::<MembershipOf<T>>()
	}

	/// Who `origin` grants or revokes `role` in `state` as: the admin
	/// ([`Config::StateAdminOrigin`]) may manage any role, a steward the Citizen, Operator and
	/// Verifier roles.
	fn ensure_may_manage(
		origin: OriginFor<T>,
		state: StateId,
		role: Role,
	) -> Result<T::AccountId, DispatchError> {
		let origin = match T::StateAdminOrigin::try_origin(origin, &state) {
			Ok(admin) => return Ok(admin),
			Err(origin) => origin,
		};
		let by = ensure_signed(origin)?;
		match role {
			Role::Steward | Role::Validator => Err(Error::<T>::NotStateAdmin.into()),
			Role::Citizen | Role::Operator | Role::Verifier => {
				let steward =
					Members::<T>::get(state, &by).is_some_and(|m| m.roles.contains(Role::Steward));
				ensure!(steward, Error::<T>::NotAdminOrSteward);
				Ok(by)
			},
		}
	}

	/// `origin` grants `role` in `state` to `who`; its account pays the membership deposit if
	/// `who` held no role there yet.
	pub(crate) fn do_grant_role(
		origin: OriginFor<T>,
		state: StateId,
		who: T::AccountId,
		role: Role,
	) -> DispatchResult {
		let mut info = States::<T>::get(state).ok_or(Error::<T>::StateNotFound)?;
		let by = Self::ensure_may_manage(origin, state, role)?;
		ensure!(info.admission != Admission::Applicant, Error::<T>::StateNotAdmitted);
		let existing = Members::<T>::get(state, &who);
		let mut membership = match existing {
			Some(m) => {
				ensure!(!m.roles.contains(role), Error::<T>::RoleAlreadyHeld);
				m
			},
			None => {
				ensure!(info.roles.members < T::MaxMembers::get(), Error::<T>::TooManyMembers);
				let ticket = T::MembershipConsideration::new(&by, Self::membership_footprint())
					.map_err(|_| Error::<T>::CannotAffordDeposit)?;
				info.roles.members.saturating_inc();
				Membership { roles: RoleSet::empty(), depositor: by.clone(), ticket }
			},
		};
		match role {
			Role::Steward => {
				ensure!(info.roles.stewards < T::MaxStewards::get(), Error::<T>::TooManyStewards)
			},
			Role::Validator => ensure!(
				info.roles.validators < T::MaxValidators::get(),
				Error::<T>::TooManyValidators
			),
			_ => {},
		}
		membership.roles.insert(role);
		info.roles.of_mut(role).saturating_inc();
		Members::<T>::insert(state, &who, membership);
		States::<T>::insert(state, info);
		Self::deposit_event(Event::RoleGranted { state, who, role, by });
		Ok(())
	}

	/// `origin` revokes `role` in `state` from `who`, with the same rights as granting it.
	pub(crate) fn do_revoke_role(
		origin: OriginFor<T>,
		state: StateId,
		who: T::AccountId,
		role: Role,
	) -> DispatchResult {
		let info = States::<T>::get(state).ok_or(Error::<T>::StateNotFound)?;
		let by = Self::ensure_may_manage(origin, state, role)?;
		Self::do_remove_role(state, info, who, role, by)
	}

	/// `who` gives up its own `role` in `state`.
	pub(crate) fn do_renounce_role(
		who: T::AccountId,
		state: StateId,
		role: Role,
	) -> DispatchResult {
		let info = States::<T>::get(state).ok_or(Error::<T>::StateNotFound)?;
		Self::do_remove_role(state, info, who.clone(), role, who)
	}

	/// Takes `role` from `who` (by `by`); the membership record and its deposit go with the last
	/// role.
	fn do_remove_role(
		state: StateId,
		mut info: NetworkStateOf<T>,
		who: T::AccountId,
		role: Role,
		by: T::AccountId,
	) -> DispatchResult {
		let mut membership = Members::<T>::get(state, &who).ok_or(Error::<T>::RoleNotHeld)?;
		ensure!(membership.roles.remove(role), Error::<T>::RoleNotHeld);
		let count = info.roles.of_mut(role);
		*count = count.saturating_sub(1);
		if membership.roles.is_empty() {
			membership.ticket.drop(&membership.depositor)?;
			info.roles.members.saturating_dec();
			Members::<T>::remove(state, &who);
		} else {
			Members::<T>::insert(state, &who, membership);
		}
		let is_admin = info.admin == who;
		States::<T>::insert(state, info);
		// The admin validates by right whatever roles it also holds.
		if role == Role::Validator && !is_admin {
			T::OnStateChange::on_validator_removed(state, &who);
		}
		Self::deposit_event(Event::RoleRevoked { state, who, role, by });
		Ok(())
	}

	/// The roles `who` holds in `state`: every role for the admin, none for an unknown state.
	pub fn roles(state: StateId, who: &T::AccountId) -> RoleSet {
		match States::<T>::get(state) {
			None => RoleSet::empty(),
			Some(info) if &info.admin == who => {
				RoleSet(Role::ALL.iter().fold(0, |a, r| a | r.bit()))
			},
			Some(_) => Members::<T>::get(state, who).map(|m| m.roles).unwrap_or_default(),
		}
	}

	/// One page of a state's members (at most [`atlas_primitives::MAX_PAGE_SIZE`]), after
	/// `cursor`.
	pub fn members_page(
		state: StateId,
		cursor: Option<T::AccountId>,
		limit: u32,
	) -> Page<(T::AccountId, RoleSet), T::AccountId> {
		let iter = entries_after::<Members<T>, _, _, _>(state, cursor);
		Page::collect(iter.map(|(a, m)| (a, m.roles)), limit, |(a, _)| a.clone())
	}
}
