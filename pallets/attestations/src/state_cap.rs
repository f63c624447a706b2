//! The per-state share cap: no single state's *unverified* reports earn more of a class than a
//! governance-set share of the class's points in the previous epoch.
//!
//! A report reaches a verifier quorum only through verifiers drawn at random from the
//! chain-wide pool, none of whom may be the device's owner, operator, state admin or steward
//! (see [`Pallet::has_conflict`]): such points are exempt, since a state cannot choose who
//! verifies its devices (winning a device's majority takes about `10 f³` of the pool's slots
//! `f`, see the `pool` module). What a state could
//! flood a class with is reports nobody verified (which keep part of their uptime points, see
//! [`Config::UnverifiedDiscount`]): those are capped per state.
//!
//! The allowance of a state in `(epoch, class)` is [`StateShareCap`] of the class's points in
//! the latest closed epoch before it (see [`Pallet::state_allowance`]); each unverified report
//! takes what it earns out of the allowance as it is accepted, and earns no more than is left.
//! Observations never raise an unverified report's points. A report that reaches a quorum later
//! earns its verified points in full and hands what it took back to its state; one that loses
//! its quorum takes its points out of what is left.

use crate::pallet::*;
use atlas_primitives::{DeviceClass, EpochIndex, PerClass, Points};
use sp_runtime::Perbill;

impl<T: Config> Pallet<T> {
	/// The most unverified points one state may earn in `class` in `epoch`, or `None` when the
	/// class is not capped. The reference is the latest epoch before `epoch` that is closed
	/// (while `epoch - 1` still takes late reports, `epoch - 2`): a total that is still filling
	/// up would give early reporters nothing and late ones everything. Without a closed epoch
	/// before it, or if that epoch's class earned nothing, unverified reports of a capped class
	/// earn nothing: verified ones start a class.
	pub(crate) fn state_allowance(epoch: EpochIndex, class: DeviceClass) -> Option<Points> {
		let cap = StateShareCap::<T>::get(class)?;
		let reference = NextToClose::<T>::get().min(epoch).checked_sub(1);
		let total = reference.map_or(0, |e| Epochs::<T>::get(e).classes[class].points);
		Some(cap.mul_floor(total))
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
