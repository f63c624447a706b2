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
//! `epoch - 2` (see [`Pallet::state_allowance`]); each unverified report takes what it earns out
//! of the allowance as it is accepted, and earns no more than is left; the record keeps what it
//! took (`DeviceRecord::allowance_taken`). Observations never raise an unverified report's
//! points. Whenever they change a report's points, it hands back exactly what it took and takes
//! anew: a report that reaches a quorum earns its verified points in full and frees its share,
//! one that loses its quorum takes its points out of what is left, and a fraud ruling frees it.

use crate::{pallet::*, DeviceRecord};
use atlas_primitives::{DeviceClass, EpochIndex, PerClass, Points};
use sp_runtime::Perbill;

impl<T: Config> Pallet<T> {
	/// The most unverified points one state may earn in `class` in `epoch`, or `None` when the
	/// class is not capped. The reference is epoch `epoch - 2`, closed before `epoch` opens (the
	/// grace of `epoch - 1` is shorter than an epoch), so its total is fixed for all of `epoch`'s
	/// reports: a total still filling up would give early reporters nothing and let others time
	/// their reports. A class that earned nothing then is not capped (there is no one else's
	/// share to take); the next epochs are capped at a share of what it earned, so the share
	/// converges to the cap.
	pub(crate) fn state_allowance(epoch: EpochIndex, class: DeviceClass) -> Option<Points> {
		let cap = StateShareCap::<T>::get(class)?;
		let total = epoch.checked_sub(2).map_or(0, |e| Epochs::<T>::get(e).classes[class].points);
		(total > 0).then(|| cap.mul_floor(total))
	}

	/// Hands back what `record` took of its state's allowance (`used`, in its class), then takes
	/// what its points need if it is unverified and its class capped by `allowance`, lowering
	/// them to what is left.
	pub(crate) fn retake(record: &mut DeviceRecord, allowance: Option<Points>, used: &mut Points) {
		*used = used.saturating_sub(record.allowance_taken);
		record.allowance_taken = 0;
		if record.quorum || record.fraudulent {
			return;
		}
		if let Some(allowance) = allowance {
			record.points = Self::within_allowance(record.points, allowance, used);
			record.allowance_taken = record.points;
		}
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
