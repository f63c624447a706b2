//! # Atlas primitives
//!
//! Shared ids, device types and the traits through which the Atlas DePIN pallets talk to each
//! other (the runtime APIs are in `atlas-runtime-api`). Pallets never read each other's storage: the runtime wires them through the traits in
//! [`traits`], so every pallet can be tested alone against a mock of the others.
//!
//! `no_std`, no storage of its own ([`entries_after`] pages a pallet's double map).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod device;
pub mod draw;
pub mod epoch;
pub mod h3;
pub mod kpi;
pub mod math;
pub mod monetary;
pub mod origins;
pub mod probe;
pub mod roles;
pub mod traits;

pub use device::*;
pub use epoch::*;
pub use kpi::*;
pub use math::mul_rational;
pub use monetary::*;
pub use origins::*;
pub use roles::*;
pub use traits::*;

/// Identifies a network state (a sovereign community registered on chain).
pub type StateId = u32;
/// Identifies a physical device registered on chain.
pub type DeviceId = u64;
/// Index of an attestation epoch (a fixed number of blocks).
pub type EpochIndex = u32;
/// Identifies a hardware model on the governance-approved list.
pub type HardwareModelId = u32;
/// Identifies a vault (a tokenized pool of reward streams).
pub type VaultId = u32;
/// An H3 cell index (see [`h3`]): where a device stands, at any H3 resolution.
pub type H3Cell = u64;
/// Identifies a deployment (a named group of a state's devices).
pub type DeploymentId = u32;
/// Identifies a blueprint (a reusable model of a deployment).
pub type BlueprintId = u32;
/// Identifies a co-use agreement between two states.
pub type AgreementId = u32;

/// The largest page any paginated read returns.
pub const MAX_PAGE_SIZE: u32 = 100;

/// One page of a paginated read: the items and, when more remain, the cursor to pass to get the
/// next page (the key of the last item returned).
#[derive(codec::Encode, codec::Decode, Clone, PartialEq, Eq, Debug, scale_info::TypeInfo)]
pub struct Page<Item, Cursor> {
	/// The items of this page, in storage order.
	pub items: alloc::vec::Vec<Item>,
	/// Pass this as the cursor of the next call to continue; `None` when this was the last page.
	pub next: Option<Cursor>,
}

impl<Item, Cursor> Page<Item, Cursor> {
	/// One page from `items`, an iterator already positioned after the caller's cursor: at most
	/// `limit` items (capped at [`MAX_PAGE_SIZE`]), and `next` set to the cursor of the last one
	/// when more remain. Reads at most one item beyond the page.
	pub fn collect(
		items: impl Iterator<Item = Item>,
		limit: u32,
		cursor_of: impl Fn(&Item) -> Cursor,
	) -> Self {
		let limit = limit.min(MAX_PAGE_SIZE) as usize;
		let mut items: alloc::vec::Vec<Item> = items.take(limit.saturating_add(1)).collect();
		let next = if items.len() > limit {
			items.truncate(limit);
			items.last().map(&cursor_of)
		} else {
			None
		};
		Page { items, next }
	}
}

/// The entries of the double map `M` under `k1` that come after `(k1, cursor)` (all of them
/// without a cursor): the pagers take one page's worth with [`Page::collect`].
pub fn entries_after<M, K1, K2, V>(k1: K1, cursor: Option<K2>) -> M::PrefixIterator
where
	M: frame_support::storage::IterableStorageDoubleMap<K1, K2, V>,
	K1: codec::FullCodec + Clone,
	K2: codec::FullCodec,
	V: codec::FullCodec,
{
	match cursor {
		Some(after) => M::iter_prefix_from(k1.clone(), M::hashed_key_for(k1, after)),
		None => M::iter_prefix(k1),
	}
}

/// An owner's pending rewards over one page of their devices.
#[derive(codec::Encode, codec::Decode, scale_info::TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct OwnerRewards<Balance, Pending> {
	/// ATH a claim of this page's devices would pay now.
	pub claimable: Balance,
	/// ATH they earned in epochs still open to challenge.
	pub maturing: Balance,
	/// Each device's pending rewards.
	pub devices: Page<(DeviceId, Pending), DeviceId>,
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn pages_cap_and_resume() {
		let page = Page::collect(0u32..10, 4, |i| *i);
		assert_eq!((page.items, page.next), (alloc::vec![0, 1, 2, 3], Some(3)));
		let last = Page::collect(8u32..10, 4, |i| *i);
		assert_eq!((last.items, last.next), (alloc::vec![8, 9], None));
		let exact = Page::collect(0u32..4, 4, |i| *i);
		assert_eq!(exact.next, None);
		assert_eq!(Page::collect(0u32..1_000, 1_000, |i| *i).items.len(), MAX_PAGE_SIZE as usize);
	}
}
