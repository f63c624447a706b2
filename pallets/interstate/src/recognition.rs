//! Recognition between network states: requests, answers, withdrawals, chain-wide recognition,
//! pages of both directions, and the invariants that tie them together.

use crate::{pallet::*, types::*};
use atlas_primitives::{ensure_state_admin, entries_after, Page, RoleProvider, StateId};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{Consideration, Footprint},
};
use frame_system::pallet_prelude::OriginFor;

impl<T: Config> Pallet<T> {
	/// What a recognition takes in storage: the footprint its deposit
	/// ([`Config::RecognitionConsideration`]) prices. Two items, as the request's ticket backs
	/// the recognition it becomes: the link record (a request, then a recognition) and the
	/// reverse index entry ([`RecognisedBy`], no value) the recognition adds.
	pub fn recognition_footprint() -> Footprint {
		Footprint::from_parts(2, LinkOf::<T>::max_encoded_len())
	}

	/// `state` exists and is active.
	pub(crate) fn ensure_active(state: StateId) -> DispatchResult {
		ensure!(T::States::state_exists(state), Error::<T>::StateNotFound);
		ensure!(T::States::is_state_active(state), Error::<T>::StateSuspended);
		Ok(())
	}

	/// `state` exists and `origin` is its admin ([`Config::StateAdminOrigin`]): the admin.
	pub(crate) fn ensure_admin(
		origin: OriginFor<T>,
		state: StateId,
	) -> Result<T::AccountId, DispatchError> {
		ensure!(T::States::state_exists(state), Error::<T>::StateNotFound);
		ensure_state_admin::<T::StateAdminOrigin, _>(origin, state, Error::<T>::NotStateAdmin)
	}

	/// `state` exists, is active and is established (past its probation): recognitions are
	/// between established states only, so a state admitted yesterday cannot lend or gather
	/// standing.
	pub(crate) fn ensure_established(state: StateId) -> DispatchResult {
		Self::ensure_active(state)?;
		ensure!(T::States::is_state_established(state), Error::<T>::StateNotEstablished);
		Ok(())
	}

	/// `state` exists, `origin` is its admin and it is active: the admin.
	pub(crate) fn ensure_active_admin(
		origin: OriginFor<T>,
		state: StateId,
	) -> Result<T::AccountId, DispatchError> {
		let who = Self::ensure_admin(origin, state)?;
		ensure!(T::States::is_state_active(state), Error::<T>::StateSuspended);
		Ok(who)
	}

	/// Counts one more (or one fewer) link for both states.
	fn count_link(a: StateId, b: StateId, add: bool) {
		for s in [a, b] {
			LinkCount::<T>::mutate_exists(s, |n| {
				let v = n.unwrap_or(0);
				let v = if add { v.saturating_add(1) } else { v.saturating_sub(1) };
				*n = (v > 0).then_some(v);
			});
		}
	}

	pub(crate) fn do_request(origin: OriginFor<T>, state: StateId, by: StateId) -> DispatchResult {
		let who = Self::ensure_active_admin(origin, state)?;
		ensure!(state != by, Error::<T>::CannotRecogniseSelf);
		Self::ensure_established(state)?;
		Self::ensure_established(by)?;
		ensure!(!Recognitions::<T>::contains_key(by, state), Error::<T>::AlreadyRecognised);
		ensure!(!RecognitionRequests::<T>::contains_key(by, state), Error::<T>::AlreadyRequested);
		let ticket = T::RecognitionConsideration::new(&who, Self::recognition_footprint())
			.map_err(|_| Error::<T>::CannotAffordDeposit)?;
		let since = frame_system::Pallet::<T>::block_number();
		RecognitionRequests::<T>::insert(by, state, Link { depositor: who, ticket, since });
		Self::count_link(state, by, true);
		Self::deposit_event(Event::RecognitionRequested { state, by });
		Ok(())
	}

	pub(crate) fn do_accept(origin: OriginFor<T>, by: StateId, state: StateId) -> DispatchResult {
		Self::ensure_active_admin(origin, by)?;
		Self::ensure_established(by)?;
		Self::ensure_established(state)?;
		let mut link =
			RecognitionRequests::<T>::take(by, state).ok_or(Error::<T>::RequestNotFound)?;
		// The request's deposit now backs the recognition.
		link.since = frame_system::Pallet::<T>::block_number();
		Recognitions::<T>::insert(by, state, link);
		RecognisedBy::<T>::insert(state, by, ());
		Self::deposit_event(Event::Recognised { state, by });
		Ok(())
	}

	pub(crate) fn do_decline(origin: OriginFor<T>, by: StateId, state: StateId) -> DispatchResult {
		Self::ensure_admin(origin, by)?;
		let link = RecognitionRequests::<T>::take(by, state).ok_or(Error::<T>::RequestNotFound)?;
		Self::release(link)?;
		Self::count_link(state, by, false);
		Self::deposit_event(Event::RecognitionDeclined { state, by });
		Ok(())
	}

	pub(crate) fn do_withdraw(
		origin: OriginFor<T>,
		state: StateId,
		other: StateId,
	) -> DispatchResult {
		Self::ensure_admin(origin, state)?;
		// (recognised, recognising) of what is withdrawn.
		let (recognised, by, link) = if let Some(link) = Recognitions::<T>::take(state, other) {
			RecognisedBy::<T>::remove(other, state);
			(other, state, link)
		} else if let Some(link) = Recognitions::<T>::take(other, state) {
			RecognisedBy::<T>::remove(state, other);
			(state, other, link)
		} else if let Some(link) = RecognitionRequests::<T>::take(other, state) {
			(state, other, link)
		} else {
			return Err(Error::<T>::NotRecognised.into());
		};
		Self::release(link)?;
		Self::count_link(recognised, by, false);
		Self::deposit_event(Event::RecognitionWithdrawn {
			state: recognised,
			by,
			withdrawn_by: state,
		});
		Ok(())
	}

	pub(crate) fn do_set_chain_recognition(state: StateId, recognised: bool) -> DispatchResult {
		ensure!(T::States::state_exists(state), Error::<T>::StateNotFound);
		ensure!(
			ChainRecognised::<T>::contains_key(state) != recognised,
			Error::<T>::ChainRecognitionUnchanged
		);
		if recognised {
			ensure!(T::States::is_state_established(state), Error::<T>::StateNotEstablished);
			ChainRecognised::<T>::insert(state, frame_system::Pallet::<T>::block_number());
		} else {
			ChainRecognised::<T>::remove(state);
		}
		Self::deposit_event(Event::ChainRecognitionSet { state, recognised });
		Ok(())
	}

	/// Returns the deposit of a link that goes.
	fn release(link: LinkOf<T>) -> DispatchResult {
		link.ticket.drop(&link.depositor)
	}

	/// Whether `by` recognises `state`, or governance recognised `state` chain-wide.
	pub fn recognises(by: StateId, state: StateId) -> bool {
		ChainRecognised::<T>::contains_key(state) || Recognitions::<T>::contains_key(by, state)
	}

	/// One page of the states `state` recognises, after `cursor`.
	pub fn recognitions_page(
		state: StateId,
		cursor: Option<StateId>,
		limit: u32,
	) -> Page<StateId, StateId> {
		let iter = entries_after::<Recognitions<T>, _, _, _>(state, cursor);
		Page::collect(iter.map(|(s, _)| s), limit, |s| *s)
	}

	/// One page of the states that recognise `state`, after `cursor`.
	pub fn recognised_by_page(
		state: StateId,
		cursor: Option<StateId>,
		limit: u32,
	) -> Page<StateId, StateId> {
		let iter = entries_after::<RecognisedBy<T>, _, _, _>(state, cursor);
		Page::collect(iter.map(|(s, _)| s), limit, |s| *s)
	}

	/// One page of the states asking `state` to recognise them, after `cursor`.
	pub fn requests_page(
		state: StateId,
		cursor: Option<StateId>,
		limit: u32,
	) -> Page<StateId, StateId> {
		let iter = entries_after::<RecognitionRequests<T>, _, _, _>(state, cursor);
		Page::collect(iter.map(|(s, _)| s), limit, |s| *s)
	}

	/// Checks recognition's invariants: each recognition is indexed both ways (and nothing
	/// else is), nobody recognises or asks itself, every linked state exists and link counts
	/// match. (What deposits cost is the runtime's choice, made through the consideration:
	/// held balances are not compared with the links here.)
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn check_recognitions() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use sp_runtime::Saturating;
		let mut counts: BTreeMap<StateId, u32> = BTreeMap::new();
		let mut note = |a: StateId, b: StateId| {
			for s in [a, b] {
				counts.entry(s).or_default().saturating_inc();
			}
		};
		for (by, state, _) in Recognitions::<T>::iter() {
			ensure!(by != state, "a state recognises itself");
			ensure!(RecognisedBy::<T>::contains_key(state, by), "a recognition is not indexed");
			ensure!(
				T::States::state_exists(by) && T::States::state_exists(state),
				"a recognition of an unknown state"
			);
			note(by, state);
		}
		for (state, by, ()) in RecognisedBy::<T>::iter() {
			ensure!(Recognitions::<T>::contains_key(by, state), "an index without recognition");
		}
		for (by, state, _) in RecognitionRequests::<T>::iter() {
			ensure!(by != state, "a state asks itself");
			ensure!(
				!Recognitions::<T>::contains_key(by, state),
				"a request for a recognition that exists"
			);
			ensure!(
				T::States::state_exists(by) && T::States::state_exists(state),
				"a request of an unknown state"
			);
			note(by, state);
		}
		for (state, n) in LinkCount::<T>::iter() {
			ensure!(counts.get(&state).copied().unwrap_or(0) == n, "a link count is off");
		}
		for (state, n) in counts.iter() {
			ensure!(LinkCount::<T>::get(state) == *n, "a link is not counted");
		}
		for state in ChainRecognised::<T>::iter_keys() {
			ensure!(T::States::state_exists(state), "chain-wide recognition of an unknown state");
		}
		Ok(())
	}
}
