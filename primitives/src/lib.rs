//! # Atlas primitives
//!
//! Shared ids, device types and the traits through which the Atlas DePIN pallets talk to each
//! other. Pallets never read each other's storage: the runtime wires them through the traits in
//! [`traits`], so every pallet can be tested alone against a mock of the others.
//!
//! `no_std`, no storage.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod device;
pub mod epoch;
pub mod h3;
pub mod roles;
pub mod runtime_api;
pub mod traits;

pub use device::*;
pub use epoch::*;
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
