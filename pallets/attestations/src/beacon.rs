//! The verifiers' random beacon: a commit–reveal that takes the choice of the seed away from
//! any single block author.
//!
//! ## Commitments and reveals
//! A bonded verifier commits to a value `c` with [`Pallet::commit_beacon`]. In each later epoch
//! in which it serves it reveals, with [`Pallet::reveal_beacon`], a value `v` with
//! `blake2_256(v) = c`; `v` becomes its next commitment. The verifier's software builds a hash
//! chain `v_n = blake2_256(v_{n+1})` from a secret and commits to `v_0`, so one extrinsic per
//! epoch reveals `v_1`, `v_2`, …: every value it will ever reveal is fixed when it commits, and
//! its only choice afterwards is to reveal or to withhold. A commitment made in epoch `c` is
//! first revealed in `c + 1`, so nobody commits after seeing what it mixes with.
//!
//! ## The seed
//! The reveals of an epoch are XORed into [`BeaconMix`]. At the first block of epoch `e` the
//! seed is `blake2_256("atlas:beacon-seed:", A(e-1), M(e-1))`, where `A(e-1)` is the chain of
//! block hashes at the first block of `e-1` and `M(e-1)` is what `e-1`'s reveals mixed:
//! - The author of the block that fixes `A(e-1)` may grind it, but does not know `M(e-1)`: the
//!   honest verifiers' reveals of `e-1` are still secret.
//! - Authors of blocks in `e-1` choose only which reveals they include; a verifier reveals at the
//!   start of the epoch, so an author has to leave it out of every block until the epoch ends.
//! - A verifier that waits to reveal last sees the mix so far and may withhold: one bit of choice
//!   per withholding verifier, each paying [`Config::MissedRevealSlash`] of its bond.
//!
//! The seed is unpredictable while at least one verifier that reveals is honest. With none (a new
//! chain, or a pool that does not commit) it falls back to the chain of block hashes, as strong
//! as the last author before `e-1` is honest. To try `2^k` seeds for a device, an attacker needs
//! `k` committed verifiers withholding at the end of the epoch, losing `k` slashes: with a share
//! `f` of the pool's slots a device's draw is captured with probability about `10 f³`, so a
//! targeted device costs about `log2(1 / (10 f³))` slashes (7 for `f = 10 %`) on top of holding
//! `f` of the bonds. The withholders' slashes are certain: a missed reveal is counted when the
//! verifier next reveals, recommits or unbonds.
//!
//! Only a verifier whose bond is at least [`Config::MinVerifierBond`] reveals: one slashed below
//! it would withhold for almost nothing. Until it tops its bond up, its reveals are missed.
//!
//! ## What is owed
//! A verifier owes a reveal for every epoch it serves after the one it committed in. What it
//! missed is counted in O(1) from its last reveal and its tenure, and slashed
//! ([`Config::MissedRevealSlash`] per epoch, at most the whole bond) the next time it reveals,
//! commits again or unbonds.

use crate::pallet::*;
use crate::{BeaconCommitment, VerifierBond};
use atlas_primitives::EpochIndex;
use codec::Encode;
use frame_support::{pallet_prelude::*, traits::fungible};
use sp_core::H256;
use sp_runtime::{traits::Saturating, Perbill};

/// Domain separator of the epoch seed.
const SEED_CONTEXT: &[u8; 18] = b"atlas:beacon-seed:";

impl<T: Config> Pallet<T> {
	/// The seed of the epoch starting now: the accumulator at the previous epoch's start and
	/// that epoch's reveals. Resets the mix and records the accumulator for the next seed.
	pub(crate) fn next_seed(accumulator: H256) -> H256 {
		let seed = H256(sp_io::hashing::blake2_256(
			&(SEED_CONTEXT, EpochStartAccumulator::<T>::get(), BeaconMix::<T>::take()).encode(),
		));
		EpochStartAccumulator::<T>::put(accumulator);
		seed
	}

	/// Commits `who` to `commitment`, first slashing the reveals it owes under its previous
	/// commitment (the current epoch's included, unless it revealed in it).
	pub(crate) fn do_commit_beacon(who: T::AccountId, commitment: H256) -> DispatchResult {
		let bond = Bonds::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
		let epoch = Self::current_epoch();
		let missed = Beacons::<T>::get(&who)
			.map_or(0, |b| Self::missed_reveals(&b, &bond, epoch.saturating_add(1)));
		Self::slash_missed_reveals(&who, missed);
		Beacons::<T>::insert(
			&who,
			BeaconCommitment { commitment, committed_in: epoch, last_revealed: None },
		);
		Self::deposit_event(Event::BeaconCommitted { verifier: who, epoch, missed });
		Ok(())
	}

	/// Reveals `value` for the current epoch: the preimage of `who`'s commitment, which it
	/// replaces. Mixes it into the epoch's beacon and slashes earlier reveals it missed.
	pub(crate) fn do_reveal_beacon(who: T::AccountId, value: H256) -> DispatchResult {
		let bond = Bonds::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
		let mut beacon = Beacons::<T>::get(&who).ok_or(Error::<T>::BeaconNotCommitted)?;
		let epoch = Self::current_epoch();
		ensure!(bond.serves_in(epoch), Error::<T>::NotInPool);
		// A bond slashed below the minimum has too little left to lose for withholding.
		ensure!(bond.amount >= T::MinVerifierBond::get(), Error::<T>::BondTooSmall);
		ensure!(beacon.committed_in < epoch, Error::<T>::BeaconTooRecent);
		ensure!(beacon.last_revealed != Some(epoch), Error::<T>::AlreadyRevealed);
		ensure!(H256(sp_io::hashing::blake2_256(value.as_bytes())) == beacon.commitment, {
			Error::<T>::BeaconMismatch
		});
		let missed = Self::missed_reveals(&beacon, &bond, epoch);
		Self::slash_missed_reveals(&who, missed);
		BeaconMix::<T>::mutate(|mix| {
			for (m, v) in mix.as_mut().iter_mut().zip(value.as_bytes()) {
				*m ^= v;
			}
		});
		beacon.commitment = value;
		beacon.last_revealed = Some(epoch);
		Beacons::<T>::insert(&who, beacon);
		Self::deposit_event(Event::BeaconRevealed { verifier: who, epoch, missed });
		Ok(())
	}

	/// Slashes the reveals a leaving verifier owes through its last epoch and forgets its
	/// commitment (part of unbonding).
	pub(crate) fn settle_beacon(who: &T::AccountId, bond: &VerifierBond<BalanceOf<T>>) {
		let Some(beacon) = Beacons::<T>::take(who) else { return };
		let end = bond.serves_until.unwrap_or_else(|| Self::current_epoch());
		Self::slash_missed_reveals(who, Self::missed_reveals(&beacon, bond, end));
	}

	/// Epochs before `end` in which the verifier served and owed a reveal it did not make:
	/// those after its commitment's epoch and its last reveal, within its tenure.
	pub(crate) fn missed_reveals(
		beacon: &BeaconCommitment,
		bond: &VerifierBond<BalanceOf<T>>,
		end: EpochIndex,
	) -> u32 {
		let owed_from = beacon
			.last_revealed
			.unwrap_or(beacon.committed_in)
			.max(beacon.committed_in)
			.saturating_add(1)
			.max(bond.serves_from);
		let end = bond.serves_until.map_or(end, |until| until.min(end));
		end.saturating_sub(owed_from)
	}

	/// Takes [`Config::MissedRevealSlash`] of `who`'s bond per missed reveal (at most all of it).
	fn slash_missed_reveals(who: &T::AccountId, missed: u32) {
		if missed == 0 {
			return;
		}
		let share = Perbill::from_parts(
			T::MissedRevealSlash::get().deconstruct().saturating_mul(missed).min(1_000_000_000),
		);
		Self::slash_bond(who, share);
	}

	/// Takes `share` of `who`'s bond to [`Config::OnSlash`].
	pub(crate) fn slash_bond(who: &T::AccountId, share: Perbill) {
		use frame_support::traits::OnUnbalanced;
		use fungible::hold::Balanced as _;
		let Some(mut bond) = Bonds::<T>::get(who) else { return };
		let amount = share * bond.amount;
		let (credit, missing) = T::Currency::slash(&HoldReason::VerifierBond.into(), who, amount);
		let taken = amount.saturating_sub(missing);
		T::OnSlash::on_unbalanced(credit);
		bond.amount = bond.amount.saturating_sub(taken);
		Bonds::<T>::insert(who, bond);
		Self::deposit_event(Event::VerifierSlashed { verifier: who.clone(), amount: taken });
	}

	/// Checks the beacon's invariants: only bonded verifiers hold commitments, none revealed
	/// before it committed or in a future epoch.
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn beacon_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let now = Self::current_epoch();
		for (who, beacon) in Beacons::<T>::iter() {
			ensure!(Bonds::<T>::contains_key(&who), "commitment of an unbonded verifier");
			ensure!(beacon.committed_in <= now, "commitment from a future epoch");
			if let Some(last) = beacon.last_revealed {
				ensure!(
					beacon.committed_in < last && last <= now,
					"reveal outside the commitment's epochs"
				);
			}
		}
		Ok(())
	}
}
