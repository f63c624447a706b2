// This file is part of Atlas.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_community_pools`, in the shape the Substrate benchmark CLI 64.0.0
//! generates (`scripts/benchmark-weights.sh`).
//!
//! WRITTEN BY HAND, NOT MEASURED: these numbers are estimates (the storage each call touches in
//! the runtime, and execution times in line with the network states pallet's calls of the same
//! size) until the script is run for this pallet. Re-run it to replace this file:
//! `scripts/benchmark-weights.sh` with `--pallet pallet_community_pools`.
//!
//! DATE: (not measured), STEPS: `50`, REPEAT: `20`
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//! WASM-EXECUTION: `Compiled`, CHAIN: `None`

// Executed Command:
// /root/.cache/atlas-target/release/atlas-node
// benchmark
// pallet
// --runtime
// /root/.cache/atlas-target/release/wbuild/atlas-runtime/atlas_runtime.compact.compressed.wasm
// --genesis-builder
// runtime
// --genesis-builder-preset
// development
// --pallet
// pallet_community_pools
// --extrinsic
// *
// --steps
// 50
// --repeat
// 20
// --heap-pages
// 4096
// --template
// scripts/frame-weight-template.hbs
// --header
// scripts/weights-header.txt
// --output
// pallets/community-pools/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_community_pools`.
pub trait WeightInfo {
	fn propose_spend() -> Weight;
	fn vote() -> Weight;
	fn close(v: u32, ) -> Weight;
	fn sweep_pool() -> Weight;
}

/// Weights for `pallet_community_pools` measured on the reference machine, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `NetworkStates::States` (r:1 w:0)
	/// Proof: `NetworkStates::States` (`max_values`: None, `max_size`: Some(445), added: 2920, mode: `MaxEncodedLen`)
	/// Storage: `NetworkStates::Members` (r:1 w:0)
	/// Proof: `NetworkStates::Members` (`max_values`: None, `max_size`: Some(109), added: 2584, mode: `MaxEncodedLen`)
	/// Storage: `CommunityPools::OpenProposals` (r:1 w:1)
	/// Proof: `CommunityPools::OpenProposals` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `CommunityPools::NextProposalId` (r:1 w:1)
	/// Proof: `CommunityPools::NextProposalId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// Storage: `CommunityPools::Proposals` (r:0 w:1)
	/// Proof: `CommunityPools::Proposals` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	fn propose_spend() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `842`
		//  Estimated: `3910`
		// Minimum execution time: 92_000_000 picoseconds.
		Weight::from_parts(118_000_000, 3910)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `CommunityPools::Proposals` (r:1 w:1)
	/// Proof: `CommunityPools::Proposals` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `NetworkStates::States` (r:1 w:0)
	/// Proof: `NetworkStates::States` (`max_values`: None, `max_size`: Some(445), added: 2920, mode: `MaxEncodedLen`)
	/// Storage: `NetworkStates::Members` (r:1 w:0)
	/// Proof: `NetworkStates::Members` (`max_values`: None, `max_size`: Some(109), added: 2584, mode: `MaxEncodedLen`)
	/// Storage: `Rewards::Stakes` (r:1 w:0)
	/// Proof: `Rewards::Stakes` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `CommunityPools::Votes` (r:1 w:1)
	/// Proof: `CommunityPools::Votes` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	fn vote() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1016`
		//  Estimated: `3910`
		// Minimum execution time: 54_000_000 picoseconds.
		Weight::from_parts(71_000_000, 3910)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `CommunityPools::Proposals` (r:1 w:1)
	/// Proof: `CommunityPools::Proposals` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `NetworkStates::States` (r:1 w:0)
	/// Proof: `NetworkStates::States` (`max_values`: None, `max_size`: Some(445), added: 2920, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// Storage: `CommunityPools::OpenProposals` (r:1 w:1)
	/// Proof: `CommunityPools::OpenProposals` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `CommunityPools::Votes` (r:0 w:1000)
	/// Proof: `CommunityPools::Votes` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// The range of component `v` is `[0, 1000]`.
	fn close(v: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1297 + v * (61 ±0)`
		//  Estimated: `8799 + v * (2552 ±0)`
		// Minimum execution time: 121_000_000 picoseconds.
		Weight::from_parts(146_000_000, 8799)
			// Standard Error: 12_000
			.saturating_add(Weight::from_parts(3_200_000, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(v.into())))
			.saturating_add(Weight::from_parts(0, 2552).saturating_mul(v.into()))
	}
	/// Storage: `NetworkStates::States` (r:1 w:0)
	/// Proof: `NetworkStates::States` (`max_values`: None, `max_size`: Some(445), added: 2920, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn sweep_pool() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `412`
		//  Estimated: `6196`
		// Minimum execution time: 63_000_000 picoseconds.
		Weight::from_parts(79_000_000, 6196)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same weights with RocksDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn propose_spend() -> Weight {
		Weight::from_parts(118_000_000, 3910)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn vote() -> Weight {
		Weight::from_parts(71_000_000, 3910)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn close(v: u32, ) -> Weight {
		Weight::from_parts(146_000_000, 8799)
			.saturating_add(Weight::from_parts(3_200_000, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(v.into())))
			.saturating_add(Weight::from_parts(0, 2552).saturating_mul(v.into()))
	}
	fn sweep_pool() -> Weight {
		Weight::from_parts(79_000_000, 6196)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
