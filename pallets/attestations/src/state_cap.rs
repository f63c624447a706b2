//! The per-state share cap: no single state's *unverified* reports earn more of a class than a
//! governance-set share of the class's points in the previous epoch.
//!
//! A report reaches a verifier quorum only through verifiers of the chain-wide pool drawn at
//! random, none of whom holds a role in the device's state (see [`Pallet::has_conflict`]): such
//! points are exempt, since a state cannot choose who verifies its devices. What a state could
//! flood a class with is reports nobody verified (which keep part of their uptime points, see
//! [`Config::UnverifiedDiscount`]): those are capped per state.
//!
//! The allowance of a state in `(epoch, class)` is [`StateShareCap`] of the class's points in
//! `epoch - 1` (a class that earned nothing then is not capped: nobody else's share is at
//! stake); each unverified report takes what it earns out of the allowance as it is accepted,
//! and earns no more than is left. Observations arriving later never raise an unverified
//! report's points, and a report that reaches a quorum later earns its verified points in full
//! (its allowance is not handed back: operators who submit after their verifiers attested, as
//! the agent does, use none).

use crate::pallet::*;
use atlas_primitives::{DeviceClass, EpochIndex, PerClass, Points};
use sp_runtime::Perbill;

impl<T: Config> Pallet<T> {
	/// The most unverified points one state may earn in `class` in `epoch`, or `None` when the
	/// class is not capped (no cap set, or its previous epoch earned nothing).
	pub(crate) fn state_allowance(epoch: EpochIndex, class: DeviceClass) -> Option<Points> {
		let cap = StateShareCap::<T>::get(class)?;
		let previous =
			epoch.checked_sub(1).map_or(0, |e| Epochs::<T>::get(e).classes[class].points);
		(previous > 0).then(|| cap.mul_floor(previous))
	}

	/// Limits an unverified report's `points` to what is left of `allowance` after `used`, and
	/// counts them in `used`.
	pub(crate) fn within_allowance(points: Points, allowance: Points, used: &mut Points) -> Points {
		let points = points.min(allowance.saturating_sub(*used));
		*used = used.saturating_add(points);
		points
	}

	/// Sets (or with `None` lifts) the per-state share cap of `class`.
	pub(crate) fn do_set_state_share_cap(class: DeviceClass, cap: Option<Perbill>) {
		match cap {
			Some(share) => StateShareCap::<T>::insert(class, share),
			None => StateShareCap::<T>::remove(class),
		}
		Self::deposit_event(Event::StateShareCapSet { class, cap });
	}

	/// What `state`'s unverified reports took of their allowances in `epoch`.
	pub fn unverified_of(epoch: EpochIndex, state: atlas_primitives::StateId) -> PerClass<Points> {
		StateUnverified::<T>::get(epoch, state)
	}
}
