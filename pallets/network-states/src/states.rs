//! Network states: applying, admission and probation, updating, handing the admin role over,
//! deregistering, and governance suspending and restoring them.

use crate::{pallet::*, Admission, NetworkState, RoleCounts, StateStatus};
use alloc::vec::Vec;
use atlas_primitives::{
	ensure_state_admin, OnStateChange, Role, StateHolding, StateHoldings, StateId,
};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{BalancedHold, MutateHold},
		tokens::Precision,
		Consideration, Footprint, Imbalance, OnUnbalanced,
	},
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::traits::Zero;
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

	/// Holds `bond` from `who` as an admission bond.
	fn hold_bond(who: &T::AccountId, bond: BalanceOf<T>) -> DispatchResult {
		T::Currency::hold(&HoldReason::AdmissionBond.into(), who, bond)
			.map_err(|_| Error::<T>::CannotAffordBond.into())
	}

	/// Returns `bond` to `who`.
	fn release_bond(who: &T::AccountId, bond: BalanceOf<T>) -> DispatchResult {
		T::Currency::release(&HoldReason::AdmissionBond.into(), who, bond, Precision::BestEffort)?;
		Ok(())
	}

	/// Whether `info` is active: admitted and not suspended.
	pub(crate) fn is_active(info: &NetworkStateOf<T>) -> bool {
		info.status == StateStatus::Active && info.admission != Admission::Applicant
	}

	/// Applies for a state administered by `admin`; `depositor` pays its deposit and bond.
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
		let bond = T::AdmissionBond::get();
		// The call is transactional: should the bond fail, the ticket above is undone with it.
		Self::hold_bond(&depositor, bond)?;
		States::<T>::insert(
			state,
			NetworkState {
				name,
				metadata_uri,
				admin: admin.clone(),
				depositor: depositor.clone(),
				ticket,
				bond,
				admission: Admission::Applicant,
				status: StateStatus::Active,
				registered_at: frame_system::Pallet::<T>::block_number(),
				roles: RoleCounts::default(),
			},
		);
		NextStateId::<T>::put(next);
		Tally::<T>::mutate(|t| t.registered.saturating_inc());
		Self::deposit_event(Event::StateRegistered { state, admin, depositor, bond });
		Ok(())
	}

	/// Admits the applicant `state`: active from now, on probation for [`Config::Probation`].
	pub(crate) fn do_admit_state(state: StateId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let probation = T::Probation::get();
		let until = now.saturating_add(probation);
		let admin = States::<T>::try_mutate(state, |maybe| -> Result<_, DispatchError> {
			let info = maybe.as_mut().ok_or(Error::<T>::StateNotFound)?;
			ensure!(info.admission == Admission::Applicant, Error::<T>::StateNotApplicant);
			// Without a probation, admission establishes the state at once.
			info.admission = if probation.is_zero() {
				Admission::Established
			} else {
				Admission::Probation { until }
			};
			Ok(info.admin.clone())
		})?;
		Tally::<T>::mutate(|t| t.active.saturating_inc());
		// Devices may join it now; seats and validators ask whether it is established.
		T::OnStateChange::on_active(state, &admin);
		Self::deposit_event(Event::StateAdmitted { state, probation_until: until });
		Ok(())
	}

	/// Rejects the applicant `state`: its record goes, its deposit returns and its bond
	/// returns or, with `forfeit`, goes to [`Config::Forfeit`].
	pub(crate) fn do_reject_state(state: StateId, forfeit: bool) -> DispatchResult {
		let info = States::<T>::get(state).ok_or(Error::<T>::StateNotFound)?;
		ensure!(info.admission == Admission::Applicant, Error::<T>::StateNotApplicant);
		let NetworkState { depositor, ticket, bond, .. } = info;
		ticket.drop(&depositor)?;
		let forfeited = if forfeit {
			let (credit, _) =
				T::Currency::slash(&HoldReason::AdmissionBond.into(), &depositor, bond);
			let forfeited = credit.peek();
			T::Forfeit::on_unbalanced(credit);
			forfeited
		} else {
			Self::release_bond(&depositor, bond)?;
			Zero::zero()
		};
		States::<T>::remove(state);
		PendingAdmin::<T>::remove(state);
		Tally::<T>::mutate(|t| t.registered.saturating_dec());
		Self::deposit_event(Event::StateRejected { state, depositor, forfeited });
		Ok(())
	}

	/// Ends `state`'s probation once it has run its course.
	pub(crate) fn do_conclude_probation(state: StateId) -> DispatchResult {
		let info = States::<T>::get(state).ok_or(Error::<T>::StateNotFound)?;
		let Admission::Probation { until } = info.admission else {
			return Err(Error::<T>::NotOnProbation.into());
		};
		ensure!(frame_system::Pallet::<T>::block_number() >= until, Error::<T>::ProbationNotOver);
		Self::do_establish(state)
	}

	/// Establishes the admitted `state`; an active one takes its seat.
	pub(crate) fn do_establish(state: StateId) -> DispatchResult {
		let (admin, active) =
			States::<T>::try_mutate(state, |maybe| -> Result<_, DispatchError> {
				let info = maybe.as_mut().ok_or(Error::<T>::StateNotFound)?;
				ensure!(info.admission != Admission::Applicant, Error::<T>::StateNotAdmitted);
				info.admission = Admission::Established;
				Ok((info.admin.clone(), info.status == StateStatus::Active))
			})?;
		if active {
			T::OnStateChange::on_active(state, &admin);
		}
		Self::deposit_event(Event::StateEstablished { state });
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
			// The new admin's ticket and bond first (it may not afford them), then the old ones
			// go. The bond is the current constant: a handover re-prices it.
			let ticket = T::StateConsideration::new(&who, Self::state_footprint())
				.map_err(|_| Error::<T>::CannotAffordDeposit)?;
			let bond = T::AdmissionBond::get();
			Self::hold_bond(&who, bond)?;
			core::mem::replace(&mut info.ticket, ticket).drop(&info.depositor)?;
			Self::release_bond(&info.depositor, core::mem::replace(&mut info.bond, bond))?;
		}
		let from = core::mem::replace(&mut info.admin, who.clone());
		info.depositor = who.clone();
		let active = Self::is_active(&info);
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

	/// Deregisters `state` (`origin` must be its admin) once it is not suspended, has no members
	/// and holds nothing in other pallets; its deposit and bond return. An applicant withdraws
	/// its application this way.
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
		let active = Self::is_active(&info);
		let NetworkState { admin, depositor, ticket, bond, .. } = info;
		ticket.drop(&depositor)?;
		Self::release_bond(&depositor, bond)?;
		States::<T>::remove(state);
		PendingAdmin::<T>::remove(state);
		// Only a suspended state is neither an applicant nor active, and it cannot deregister.
		Tally::<T>::mutate(|t| {
			t.registered.saturating_dec();
			if active {
				t.active.saturating_dec();
			}
		});
		if active {
			T::OnStateChange::on_inactive(state, &admin);
		}
		Self::deposit_event(Event::StateDeregistered { state, depositor });
		Ok(())
	}

	/// Suspends an active `state`.
	pub(crate) fn do_suspend_state(state: StateId) -> DispatchResult {
		let admin = States::<T>::try_mutate(state, |maybe| -> Result<_, DispatchError> {
			let info = maybe.as_mut().ok_or(Error::<T>::StateNotFound)?;
			ensure!(info.admission != Admission::Applicant, Error::<T>::StateNotAdmitted);
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
