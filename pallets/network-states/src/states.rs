//! Network states: registering, updating, handing the admin role over, deregistering, and
//! governance suspending and restoring them.

use crate::{pallet::*, NetworkState, RoleCounts, StateStatus};
use alloc::vec::Vec;
use atlas_primitives::{
	ensure_state_admin, OnStateChange, Role, StateHolding, StateHoldings, StateId,
};
use frame_support::{
	pallet_prelude::*,
	traits::{Consideration, Footprint},
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::Saturating;

impl<T: Config> Pallet<T> {
	/// What one state record takes in storage: the footprint its storage deposit
	/// ([`Config::StateConsideration`]) prices. The record at its bounds (name, URI) is priced,
	/// so every state pays the same and an update never changes its deposit.
	pub fn state_footprint() -> Footprint {
		Footprint::from_mel::<NetworkStateOf<T>>()
	}

	pub(crate) fn bounded_name(
		name: Vec<u8>,
	) -> Result<BoundedVec<u8, T::MaxNameLength>, DispatchError> {
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		Ok(name.try_into().map_err(|_| Error::<T>::NameTooLong)?)
	}

	pub(crate) fn bounded_uri(
		uri: Vec<u8>,
	) -> Result<BoundedVec<u8, T::MaxUriLength>, DispatchError> {
		Ok(uri.try_into().map_err(|_| Error::<T>::UriTooLong)?)
	}

	/// The state and its admin, if `origin` is its admin ([`Config::StateAdminOrigin`]).
	pub(crate) fn admin_state(
		origin: OriginFor<T>,
		state: StateId,
	) -> Result<(T::AccountId, NetworkStateOf<T>), DispatchError> {
		let info = States::<T>::get(state).ok_or(Error::<T>::StateNotFound)?;
		let who =
			ensure_state_admin::<T::StateAdminOrigin, _>(origin, state, Error::<T>::NotStateAdmin)?;
		Ok((who, info))
	}

	/// Registers a state administered by `admin`; `depositor` pays its deposit.
	pub(crate) fn do_register_state(
		depositor: T::AccountId,
		name: Vec<u8>,
		metadata_uri: Vec<u8>,
		admin: T::AccountId,
	) -> DispatchResult {
		let name = Self::bounded_name(name)?;
		let metadata_uri = Self::bounded_uri(metadata_uri)?;
		let state = NextStateId::<T>::get();
		let next = state.checked_add(1).ok_or(Error::<T>::StateIdsExhausted)?;
		let ticket = T::StateConsideration::new(&depositor, Self::state_footprint())
			.map_err(|_| Error::<T>::CannotAffordDeposit)?;
		States::<T>::insert(
			state,
			NetworkState {
				name,
				metadata_uri,
				admin: admin.clone(),
				depositor: depositor.clone(),
				ticket,
				status: StateStatus::Active,
				registered_at: frame_system::Pallet::<T>::block_number(),
				roles: RoleCounts::default(),
			},
		);
		NextStateId::<T>::put(next);
		Tally::<T>::mutate(|t| {
			t.registered.saturating_inc();
			t.active.saturating_inc();
		});
		T::OnStateChange::on_active(state, &admin);
		Self::deposit_event(Event::StateRegistered { state, admin, depositor });
		Ok(())
	}

	/// Changes `state`'s name and/or metadata URI; `origin` must be its admin.
	pub(crate) fn do_update_state(
		origin: OriginFor<T>,
		state: StateId,
		name: Option<Vec<u8>>,
		metadata_uri: Option<Vec<u8>>,
	) -> DispatchResult {
		ensure!(name.is_some() || metadata_uri.is_some(), Error::<T>::NothingToUpdate);
		let name = name.map(Self::bounded_name).transpose()?;
		let metadata_uri = metadata_uri.map(Self::bounded_uri).transpose()?;
		let (_, mut info) = Self::admin_state(origin, state)?;
		if let Some(name) = name {
			info.name = name;
		}
		if let Some(uri) = metadata_uri {
			info.metadata_uri = uri;
		}
		States::<T>::insert(state, info);
		Self::deposit_event(Event::StateUpdated { state });
		Ok(())
	}

	/// Proposes `new_admin` as `state`'s admin; `origin` must be the admin.
	pub(crate) fn do_transfer_admin(
		origin: OriginFor<T>,
		state: StateId,
		new_admin: T::AccountId,
	) -> DispatchResult {
		let (who, info) = Self::admin_state(origin, state)?;
		ensure!(info.admin != new_admin, Error::<T>::AlreadyAdmin);
		PendingAdmin::<T>::insert(state, &new_admin);
		Self::deposit_event(Event::AdminTransferProposed {
			state,
			admin: who,
			proposed: new_admin,
		});
		Ok(())
	}

	/// `who` accepts the admin role of `state` proposed to it and takes over the deposit.
	pub(crate) fn do_accept_admin(who: T::AccountId, state: StateId) -> DispatchResult {
		let mut info = States::<T>::get(state).ok_or(Error::<T>::StateNotFound)?;
		let pending = PendingAdmin::<T>::get(state).ok_or(Error::<T>::NoPendingAdmin)?;
		ensure!(pending == who, Error::<T>::NotPendingAdmin);
		if info.depositor != who {
			// The new admin's ticket first (it may not afford it), then the old one goes.
			let ticket = T::StateConsideration::new(&who, Self::state_footprint())
				.map_err(|_| Error::<T>::CannotAffordDeposit)?;
			core::mem::replace(&mut info.ticket, ticket).drop(&info.depositor)?;
		}
		let from = core::mem::replace(&mut info.admin, who.clone());
		info.depositor = who.clone();
		let active = info.status == StateStatus::Active;
		States::<T>::insert(state, info);
		PendingAdmin::<T>::remove(state);
		T::OnStateChange::on_admin_changed(state, &from, &who, active);
		// The admin validates by right; the old one keeps validating only if appointed.
		if !Members::<T>::get(state, &from).is_some_and(|m| m.roles.contains(Role::Validator)) {
			T::OnStateChange::on_validator_removed(state, &from);
		}
		Self::deposit_event(Event::AdminTransferred { state, from, to: who });
		Ok(())
	}

	/// Deregisters `state` (`origin` must be its admin) once it is active, has no members and
	/// holds nothing in other pallets; its deposit returns.
	pub(crate) fn do_deregister_state(origin: OriginFor<T>, state: StateId) -> DispatchResult {
		let (_, info) = Self::admin_state(origin, state)?;
		ensure!(info.status == StateStatus::Active, Error::<T>::StateSuspended);
		// Devices are checked before members, everything else after them.
		let holding = T::Holdings::holding(state);
		ensure!(holding != Some(StateHolding::Devices), Error::<T>::StateHasDevices);
		ensure!(info.roles.members == 0, Error::<T>::StateHasMembers);
		if let Some(holding) = holding {
			return Err(match holding {
				StateHolding::Devices => Error::<T>::StateHasDevices,
				StateHolding::Recognitions => Error::<T>::StateHasRecognitions,
				StateHolding::Agreements => Error::<T>::StateHasAgreements,
				StateHolding::Deployments => Error::<T>::StateHasDeployments,
			}
			.into());
		}
		let NetworkState { admin, depositor, ticket, .. } = info;
		ticket.drop(&depositor)?;
		States::<T>::remove(state);
		PendingAdmin::<T>::remove(state);
		T::OnStateChange::on_inactive(state, &admin);
		// Only an active state deregisters.
		Tally::<T>::mutate(|t| {
			t.registered.saturating_dec();
			t.active.saturating_dec();
		});
		Self::deposit_event(Event::StateDeregistered { state, depositor });
		Ok(())
	}

	/// Suspends an active `state`.
	pub(crate) fn do_suspend_state(state: StateId) -> DispatchResult {
		let admin = States::<T>::try_mutate(state, |maybe| -> Result<_, DispatchError> {
			let info = maybe.as_mut().ok_or(Error::<T>::StateNotFound)?;
			ensure!(info.status == StateStatus::Active, Error::<T>::StateSuspended);
			info.status = StateStatus::Suspended;
			Ok(info.admin.clone())
		})?;
		// Its council seat goes and its validators are chilled: not elected at the next era.
		T::OnStateChange::on_inactive(state, &admin);
		Tally::<T>::mutate(|t| t.active.saturating_dec());
		Self::deposit_event(Event::StateSuspended { state });
		Ok(())
	}

	/// Restores a suspended `state`.
	pub(crate) fn do_restore_state(state: StateId) -> DispatchResult {
		let admin = States::<T>::try_mutate(state, |maybe| -> Result<_, DispatchError> {
			let info = maybe.as_mut().ok_or(Error::<T>::StateNotFound)?;
			ensure!(info.status == StateStatus::Suspended, Error::<T>::StateNotSuspended);
			info.status = StateStatus::Active;
			Ok(info.admin.clone())
		})?;
		T::OnStateChange::on_active(state, &admin);
		Tally::<T>::mutate(|t| t.active.saturating_inc());
		Self::deposit_event(Event::StateRestored { state });
		Ok(())
	}
}
