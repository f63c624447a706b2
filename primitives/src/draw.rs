//! The verifier draw: which pool slots observe a device in an epoch. Pure hashing, so the
//! attestations pallet and the verifier daemon compute the same assignment from the epoch's
//! seed and slot count (see the pallet's `pool` module for why the seed cannot be chosen).

use alloc::vec::Vec;
use codec::Encode;
use sp_core::H256;

use crate::DeviceId;

/// Domain separator of the verifier draw.
pub const DRAW_CONTEXT: &[u8; 20] = b"atlas:verifier-draw:";

/// Hashes tried before a draw gives up on filling every assignment (each gives four slots).
pub const MAX_DRAW_ROUNDS: u32 = 16;

/// The slots assigned to `device` among `pool_slots` under `seed`: the first `per_device`
/// distinct values of `blake2_256(DRAW_CONTEXT, seed, device, round)` read as little-endian
/// 64-bit numbers modulo the slot count, or every slot when there are no more than
/// `per_device`. `blake2_256` is passed in so that a runtime hashes through its host function.
pub fn draw_slots(
	blake2_256: fn(&[u8]) -> [u8; 32],
	seed: &H256,
	pool_slots: u32,
	device: DeviceId,
	per_device: u32,
) -> Vec<u32> {
	if pool_slots <= per_device {
		return (0..pool_slots).collect();
	}
	let mut slots = Vec::with_capacity(per_device as usize);
	for round in 0..MAX_DRAW_ROUNDS {
		let hash = blake2_256(&(DRAW_CONTEXT, seed, device, round).encode());
		for chunk in hash.chunks_exact(8) {
			let mut bytes = [0u8; 8];
			bytes.copy_from_slice(chunk);
			let slot = (u64::from_le_bytes(bytes) % u64::from(pool_slots)) as u32;
			if !slots.contains(&slot) {
				slots.push(slot);
				if slots.len() as u32 == per_device {
					return slots;
				}
			}
		}
	}
	slots
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_runtime::traits::{BlakeTwo256, Hash};

	fn blake2(data: &[u8]) -> [u8; 32] {
		BlakeTwo256::hash(data).0
	}

	#[test]
	fn small_pools_are_assigned_whole_and_large_ones_distinct_slots() {
		assert_eq!(draw_slots(blake2, &H256::repeat_byte(1), 3, 7, 5), vec![0, 1, 2]);
		let slots = draw_slots(blake2, &H256::repeat_byte(1), 1_000, 7, 5);
		assert_eq!(slots.len(), 5);
		assert!(slots.iter().all(|s| *s < 1_000));
		let mut sorted = slots.clone();
		sorted.sort();
		sorted.dedup();
		assert_eq!(sorted.len(), 5);
		assert_ne!(slots, draw_slots(blake2, &H256::repeat_byte(2), 1_000, 7, 5));
		assert_ne!(slots, draw_slots(blake2, &H256::repeat_byte(1), 1_000, 8, 5));
	}
}
