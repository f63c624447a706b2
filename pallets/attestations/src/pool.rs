//! The chain-wide verifier pool: bonds, slots, and the random assignment of verifiers to devices.
//!
//! Any account joins with a bond of at least [`Config::MinVerifierBond`]; no state appoints
//! verifiers. A verifier takes a *slot* (a vacated one if any, else a new one) and serves from
//! the epoch after it bonded, so the pool of an epoch is fixed before its seed is known.
//!
//! ## Assignment
//! At the first block of epoch `e` the pallet fixes a [`Draw`]: the seed and the number of slots.
//! A device's assigned slots in `e` are the first `VerifiersPerDevice` distinct values of
//! `blake2_256("atlas:verifier-draw:", seed, device, round)` read as 64-bit numbers modulo the
//! slot count (every slot when there are no more slots than that). A verifier may observe a
//! device only if its slot is among them, it serves in `e`, and it is none of the device's owner,
//! operator, state admin or stewards. Checking one observation is pure hashing; listing a
//! device's verifiers reads at most `VerifiersPerDevice` slots.
//!
//! ## The seed, and what biasing it costs
//! Every block chains its parent hash into [`RandomAccumulator`]. Epoch `e`'s seed, fixed at its
//! first block, hashes the accumulator at the first block of `e-1` with the XOR of the beacon
//! values verifiers revealed during `e-1` (the `beacon` module). Nobody knows it while the pool
//! and the devices of `e` can still change (joining takes effect the next epoch, devices
//! reporting in `e` are registered before). The author of the block before `e`, who alone chose
//! the seed when it was the accumulator, now chooses nothing: the accumulator it could grind was
//! fixed an epoch earlier, before the reveals it is mixed with. What is left is a verifier
//! withholding its reveal at the end of `e-1`, one bit of choice per withheld reveal, each
//! costing [`Config::MissedRevealSlash`] of a bond. With a share `f` of the pool's slots a
//! device's 5 draws are a majority of its verifiers with probability about `10 f³` (1 % for
//! `f = 10 %`), so capturing one targeted device costs about `log2(1 / (10 f³))` slashes (7 for
//! `f = 10 %`) on top of holding `f` of the bonds. With no verifier revealing (a new chain) the
//! seed falls back to the accumulator, which the author of the first block of `e-1` could grind
//! without knowing the pool of `e`.
use crate::pallet::*;
use crate::{Draw, SlotHolders, VerifierBond};
use alloc::vec::Vec;
use atlas_primitives::{DeviceId, DeviceSummary, EpochIndex, Role, RoleProvider};
use codec::Encode;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	Weight,
};

impl<T: Config> Pallet<T> {
	/// Chains the parent hash into the accumulator, and at an epoch's first block fixes its
	/// draw. Returns the weight used.
	pub(crate) fn accumulate_randomness(now: u32) -> Weight {
		let parent = frame_system::Pallet::<T>::parent_hash();
		let next = sp_core::H256(sp_io::hashing::blake2_256(
			&(RandomAccumulator::<T>::get(), parent).encode(),
		));
		RandomAccumulator::<T>::put(next);
		let length = EpochLength::<T>::get().max(1);
		if now % length == 0 {
			let seed = Self::next_seed(next);
			EpochDraws::<T>::insert(now / length, Draw { seed, pool_slots: SlotCount::<T>::get() });
			T::DbWeight::get().reads_writes(4, 4)
		} else {
			T::DbWeight::get().reads_writes(1, 1)
		}
	}

	/// The slots assigned to `device` under `draw`: distinct, at most `VerifiersPerDevice`
	/// (see [`atlas_primitives::draw::draw_slots`], which the verifier daemon computes too).
	pub fn draw_slots(draw: &Draw, device: DeviceId) -> Vec<u32> {
		atlas_primitives::draw::draw_slots(
			sp_io::hashing::blake2_256,
			&draw.seed,
			draw.pool_slots,
			device,
			T::VerifiersPerDevice::get(),
		)
	}

	/// The verifiers assigned to `device` in `epoch`: those holding its drawn slots then.
	pub(crate) fn assignment(epoch: EpochIndex, device: DeviceId) -> Vec<T::AccountId> {
		let Some(draw) = EpochDraws::<T>::get(epoch) else { return Vec::new() };
		Self::draw_slots(&draw, device)
			.into_iter()
			.filter_map(|slot| {
				let holders = Slots::<T>::get(slot)?;
				core::iter::once(holders.occupant).chain(holders.previous).find(|who| {
					Bonds::<T>::get(who).is_some_and(|b| b.slot == slot && b.serves_in(epoch))
				})
			})
			.collect()
	}

	/// Whether `verifier` is the device's owner or operator, or an admin or steward of its
	/// state: it may not verify (or challenge) the device.
	pub(crate) fn has_conflict(
		verifier: &T::AccountId,
		device: &DeviceSummary<T::AccountId>,
	) -> bool {
		&device.owner == verifier
			|| device.operator.as_ref() == Some(verifier)
			|| T::Roles::is_admin(device.state, verifier)
			|| T::Roles::has_role(device.state, verifier, Role::Steward)
	}

	/// Joins the pool with `amount`, or adds `amount` to an existing bond.
	pub(crate) fn do_bond(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let reason = HoldReason::VerifierBond.into();
		if let Some(mut bond) = Bonds::<T>::get(&who) {
			ensure!(!amount.is_zero(), Error::<T>::BondTooSmall);
			T::Currency::hold(&reason, &who, amount).map_err(|_| Error::<T>::CannotAffordBond)?;
			bond.amount = bond.amount.saturating_add(amount);
			Bonds::<T>::insert(&who, bond);
			Self::deposit_event(Event::Bonded { verifier: who, total: bond.amount });
			return Ok(());
		}
		ensure!(amount >= T::MinVerifierBond::get(), Error::<T>::BondTooSmall);
		T::Currency::hold(&reason, &who, amount).map_err(|_| Error::<T>::CannotAffordBond)?;
		let slot = Self::take_slot()?;
		Slots::<T>::mutate(slot, |holders| {
			// An occupant that never served (it bonded and left within one epoch) does not push
			// out the holder before it, who may still serve an open epoch.
			let previous = holders.take().and_then(|h| {
				let served = Bonds::<T>::get(&h.occupant)
					.is_some_and(|b| b.serves_until.is_none_or(|until| until > b.serves_from));
				if served {
					Some(h.occupant)
				} else {
					h.previous
				}
			});
			*holders = Some(SlotHolders { occupant: who.clone(), previous });
		});
		Bonds::<T>::insert(
			&who,
			VerifierBond {
				amount,
				last_epoch: None,
				slot,
				serves_from: Self::current_epoch().saturating_add(1),
				serves_until: None,
			},
		);
		Self::deposit_event(Event::Bonded { verifier: who, total: amount });
		Ok(())
	}

	/// A vacated slot, or a new one while the pool has room.
	fn take_slot() -> Result<u32, DispatchError> {
		if let Some(slot) = VacantSlots::<T>::mutate(|v| v.pop()) {
			return Ok(slot);
		}
		let slot = SlotCount::<T>::get();
		ensure!(slot < T::MaxVerifiers::get(), Error::<T>::PoolFull);
		SlotCount::<T>::put(slot.saturating_add(1));
		Ok(slot)
	}

	/// Ends `who`'s tenure after the current epoch and frees its slot.
	pub(crate) fn do_leave(who: T::AccountId) -> DispatchResult {
		let mut bond = Bonds::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
		ensure!(bond.serves_until.is_none(), Error::<T>::AlreadyLeaving);
		// A verifier that has not started serving leaves at once.
		let until = Self::current_epoch().saturating_add(1).max(bond.serves_from);
		bond.serves_until = Some(until);
		Bonds::<T>::insert(&who, bond);
		// At most `MaxVerifiers` slots exist and each is vacated once per tenure.
		VacantSlots::<T>::try_mutate(|v| v.try_push(bond.slot))
			.map_err(|_| Error::<T>::PoolFull)?;
		Self::deposit_event(Event::LeftPool { verifier: who, last_epoch: until.saturating_sub(1) });
		Ok(())
	}

	/// Releases `who`'s bond once nothing it did can still be judged.
	pub(crate) fn do_unbond(who: T::AccountId) -> DispatchResult {
		let bond = Bonds::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
		let until = bond.serves_until.ok_or(Error::<T>::StillServing)?;
		ensure!(
			until <= bond.serves_from || Self::epoch_is_closed(until.saturating_sub(1)),
			Error::<T>::StillServing
		);
		if let Some(last) = bond.last_epoch {
			ensure!(Self::epoch_is_final(last), Error::<T>::BondLocked);
		}
		ensure!(PendingJudgements::<T>::get(&who) == 0, Error::<T>::ObservationsNotJudged);
		// Reveals it owes are slashed before the rest returns.
		Self::settle_beacon(&who, &bond);
		let bond = Bonds::<T>::get(&who).unwrap_or(bond);
		T::Currency::release(
			&HoldReason::VerifierBond.into(),
			&who,
			bond.amount,
			Precision::BestEffort,
		)?;
		Bonds::<T>::remove(&who);
		PendingJudgements::<T>::remove(&who);
		Self::deposit_event(Event::Unbonded { verifier: who, amount: bond.amount });
		Ok(())
	}

	/// Checks the pool's invariants: every bond's slot is allocated, and a verifier that has not
	/// asked to leave is its slot's occupant; vacant slots are allocated, distinct, and not held
	/// by a verifier that still serves.
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn pool_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let count = SlotCount::<T>::get();
		for (who, bond) in Bonds::<T>::iter() {
			ensure!(bond.slot < count, "bond of an unallocated slot");
			if bond.serves_until.is_none() {
				let holders = Slots::<T>::get(bond.slot).ok_or("bond of an empty slot")?;
				ensure!(holders.occupant == who, "slot does not name its serving verifier");
			}
		}
		let vacant = VacantSlots::<T>::get();
		for (i, slot) in vacant.iter().enumerate() {
			ensure!(*slot < count, "vacant slot not allocated");
			ensure!(!vacant[..i].contains(slot), "slot vacant twice");
			if let Some(holders) = Slots::<T>::get(slot) {
				if let Some(bond) = Bonds::<T>::get(&holders.occupant) {
					ensure!(
						bond.slot != *slot || bond.serves_until.is_some(),
						"vacant slot held by a serving verifier"
					);
				}
			}
		}
		ensure!(Slots::<T>::iter_keys().all(|s| s < count), "slot beyond SlotCount");
		Ok(())
	}
}
