//! Co-use agreements: a host state grants a state it recognises usage rights on one of its
//! deployments or a class of its devices, for a time, with a share of the covered devices'
//! rewards going to the host's community pool.

use crate::{pallet::*, types::*};
use atlas_primitives::{
	ensure_state_admin, entries_after, DeploymentRegistry, DeviceId, DeviceRegistry, Page,
	RoleProvider, StateId,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{Consideration, EnsureOriginWithArg, Footprint},
};
use frame_system::pallet_prelude::{BlockNumberFor, OriginFor};
use sp_runtime::{traits::Zero, Perbill, Saturating};

impl<T: Config> Pallet<T> {
	/// What a co-use agreement takes in storage: the footprint its deposit
	/// ([`Config::AgreementConsideration`]) prices. Granting one writes four items (the
	/// agreement, its host and guest index entries, its scope index entry) and adds its terms to
	/// its scope's list ([`ScopeTerms`]), so the footprint is four items with the bytes of the
	/// agreement, of the scope entry's id and of one terms entry.
	pub fn agreement_footprint() -> Footprint {
		let bytes = AgreementOf::<T>::max_encoded_len()
			.saturating_add(AgreementId::max_encoded_len())
			.saturating_add(<(AgreementId, Perbill, BlockNumberFor<T>)>::max_encoded_len());
		Footprint::from_parts(4, bytes)
	}

	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	fn agreement_ends(duration: BlockNumberFor<T>) -> Result<BlockNumberFor<T>, DispatchError> {
		ensure!(
			!duration.is_zero() && duration <= T::MaxAgreementDuration::get(),
			Error::<T>::BadDuration
		);
		Ok(Self::now().saturating_add(duration))
	}

	pub(crate) fn do_grant_usage(
		origin: OriginFor<T>,
		host: StateId,
		guest: StateId,
		scope: UsageScope,
		duration: BlockNumberFor<T>,
		host_share: Perbill,
	) -> DispatchResult {
		let who = Self::ensure_active_admin(origin, host)?;
		ensure!(host != guest, Error::<T>::CannotAgreeWithSelf);
		ensure!(T::States::state_exists(guest), Error::<T>::StateNotFound);
		ensure!(Self::recognises(host, guest), Error::<T>::GuestNotRecognised);
		if let UsageScope::Deployment(d) = scope {
			let state =
				T::Deployments::deployment_state(d).ok_or(Error::<T>::DeploymentNotFound)?;
			ensure!(state == host, Error::<T>::DeploymentOfOtherState);
		}
		let ends = Self::agreement_ends(duration)?;
		ensure!(host_share <= T::MaxHostShare::get(), Error::<T>::HostShareTooHigh);
		ensure!(
			!AgreementOfScope::<T>::contains_key((host, guest), scope),
			Error::<T>::AgreementExists
		);
		let id = NextAgreementId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let mut terms = ScopeTerms::<T>::get(host, scope);
		let starts = Self::now();
		terms
			.try_push((id, host_share, starts, ends))
			.map_err(|_| Error::<T>::TooManyAgreements)?;
		let ticket = T::AgreementConsideration::new(&who, Self::agreement_footprint())
			.map_err(|_| Error::<T>::CannotAffordDeposit)?;
		Agreements::<T>::insert(
			id,
			Agreement { host, guest, scope, host_share, starts, ends, depositor: who, ticket },
		);
		NextAgreementId::<T>::put(next);
		HostAgreements::<T>::insert(host, id, ());
		GuestAgreements::<T>::insert(guest, id, ());
		AgreementOfScope::<T>::insert((host, guest), scope, id);
		ScopeTerms::<T>::insert(host, scope, terms);
		Self::deposit_event(Event::UsageGranted {
			agreement: id,
			host,
			guest,
			scope,
			host_share,
			ends,
		});
		Ok(())
	}

	pub(crate) fn do_extend_agreement(
		origin: OriginFor<T>,
		agreement: AgreementId,
		duration: BlockNumberFor<T>,
	) -> DispatchResult {
		let mut info = Agreements::<T>::get(agreement).ok_or(Error::<T>::AgreementNotFound)?;
		Self::ensure_active_admin(origin, info.host)?;
		ensure!(Self::now() < info.ends, Error::<T>::AgreementExpired);
		info.ends = Self::agreement_ends(duration)?;
		let ends = info.ends;
		ScopeTerms::<T>::mutate(info.host, info.scope, |terms| {
			for t in terms.iter_mut().filter(|t| t.0 == agreement) {
				t.3 = ends;
			}
		});
		Agreements::<T>::insert(agreement, info);
		Self::deposit_event(Event::AgreementExtended { agreement, ends });
		Ok(())
	}

	pub(crate) fn do_end_agreement(origin: OriginFor<T>, agreement: AgreementId) -> DispatchResult {
		let info = Agreements::<T>::get(agreement).ok_or(Error::<T>::AgreementNotFound)?;
		// The host's admin, else the guest's.
		let by = match T::StateAdminOrigin::try_origin(origin, &info.host) {
			Ok(_) => info.host,
			Err(origin) => {
				ensure_state_admin::<T::StateAdminOrigin, _>(
					origin,
					info.guest,
					Error::<T>::NotAgreementParty,
				)?;
				info.guest
			},
		};
		Self::remove_agreement(agreement, info)?;
		Self::deposit_event(Event::AgreementEnded { agreement, by });
		Ok(())
	}

	pub(crate) fn do_expire_agreement(agreement: AgreementId) -> DispatchResult {
		let info = Agreements::<T>::get(agreement).ok_or(Error::<T>::AgreementNotFound)?;
		ensure!(Self::now() >= info.ends, Error::<T>::AgreementNotExpired);
		Self::remove_agreement(agreement, info)?;
		Self::deposit_event(Event::AgreementExpired { agreement });
		Ok(())
	}

	/// Removes `agreement` (stored as `info`) and its indexes; its deposit returns.
	fn remove_agreement(agreement: AgreementId, info: AgreementOf<T>) -> DispatchResult {
		let Agreement { host, guest, scope, depositor, ticket, .. } = info;
		ticket.drop(&depositor)?;
		Agreements::<T>::remove(agreement);
		HostAgreements::<T>::remove(host, agreement);
		GuestAgreements::<T>::remove(guest, agreement);
		AgreementOfScope::<T>::remove((host, guest), scope);
		ScopeTerms::<T>::mutate_exists(host, scope, |terms| {
			if let Some(t) = terms {
				t.retain(|t| t.0 != agreement);
				if t.is_empty() {
					*terms = None;
				}
			}
		});
		Ok(())
	}

	/// The largest host share among the agreements on `scope` of `host` in force over the
	/// whole of blocks `from..to`.
	pub(crate) fn share_in_force(
		host: StateId,
		scope: UsageScope,
		from: BlockNumberFor<T>,
		to: BlockNumberFor<T>,
	) -> Perbill {
		ScopeTerms::<T>::get(host, scope)
			.iter()
			.filter(|(_, _, starts, ends)| *starts <= from && to <= *ends)
			.map(|(_, share, _, _)| *share)
			.max()
			.unwrap_or_default()
	}

	/// The agreement for `scope` between `host` and `guest`, if one is in force now.
	fn in_force(host: StateId, guest: StateId, scope: UsageScope) -> Option<AgreementOf<T>> {
		let id = AgreementOfScope::<T>::get((host, guest), scope)?;
		Agreements::<T>::get(id).filter(|a| Self::now() < a.ends)
	}

	/// Whether citizens of `guest` may use `device` now.
	pub fn is_usage_allowed(guest: StateId, device: DeviceId) -> bool {
		let Some(info) = T::Devices::device(device) else { return false };
		if info.state == guest {
			return true;
		}
		let by_deployment = T::Deployments::deployment_of(device).is_some_and(|d| {
			Self::in_force(info.state, guest, UsageScope::Deployment(d)).is_some()
		});
		by_deployment
			|| Self::in_force(info.state, guest, UsageScope::Class(info.spec.class())).is_some()
	}

	/// One page of the agreements indexed under `state` by `M` (host or guest index).
	pub fn agreements_page<M>(
		state: StateId,
		cursor: Option<AgreementId>,
		limit: u32,
	) -> Page<(AgreementId, AgreementOf<T>), AgreementId>
	where
		M: frame_support::storage::IterableStorageDoubleMap<StateId, AgreementId, ()>,
	{
		let iter = entries_after::<M, _, _, _>(state, cursor);
		Page::collect(
			iter.filter_map(|(id, ())| Agreements::<T>::get(id).map(|a| (id, a))),
			limit,
			|(id, _)| *id,
		)
	}

	/// Checks agreements: both state indexes and the scope index list exactly the agreements.
	/// (What deposits cost is the runtime's choice, made through the consideration: held
	/// balances are not compared with the agreements here.)
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn check_agreements() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextAgreementId::<T>::get();
		let mut count = 0usize;
		for (id, a) in Agreements::<T>::iter() {
			ensure!(id < next, "an agreement id at or above NextAgreementId");
			ensure!(a.host != a.guest, "an agreement of a state with itself");
			ensure!(HostAgreements::<T>::contains_key(a.host, id), "an agreement not indexed");
			ensure!(GuestAgreements::<T>::contains_key(a.guest, id), "an agreement not indexed");
			ensure!(
				AgreementOfScope::<T>::get((a.host, a.guest), a.scope) == Some(id),
				"an agreement not indexed by scope"
			);
			count += 1;
		}
		ensure!(HostAgreements::<T>::iter().count() == count, "a stale host index");
		ensure!(GuestAgreements::<T>::iter().count() == count, "a stale guest index");
		ensure!(AgreementOfScope::<T>::iter().count() == count, "a stale scope index");
		let mut terms = 0usize;
		for (host, scope, list) in ScopeTerms::<T>::iter() {
			ensure!(!list.is_empty(), "empty scope terms kept");
			for (id, share, starts, ends) in list.iter() {
				let a = Agreements::<T>::get(id).ok_or("terms of an unknown agreement")?;
				ensure!(
					(a.host, a.scope, a.host_share, a.starts, a.ends)
						== (host, scope, *share, *starts, *ends),
					"scope terms differ from their agreement"
				);
				terms += 1;
			}
		}
		ensure!(terms == count, "an agreement missing from its scope terms");
		Ok(())
	}
}
