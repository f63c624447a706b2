// This file is part of Atlas.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_state_seats`. Placeholder until `scripts/benchmark-weights.sh
//! pallet_state_seats` generates them.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_state_seats`.
pub trait WeightInfo {
	fn validate() -> Weight;
	fn claim_seat() -> Weight;
	fn on_active() -> Weight;
	fn on_inactive(v: u32, ) -> Weight;
	fn on_admin_changed() -> Weight;
	fn on_validator_removed() -> Weight;
}

/// Weights for `pallet_state_seats` measured on the reference machine, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn validate() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn claim_seat() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn on_active() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn on_inactive(v: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(Weight::from_parts(50_000_000, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().reads((6_u64).saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(8_u64))
			.saturating_add(T::DbWeight::get().writes((6_u64).saturating_mul(v.into())))
	}
	fn on_admin_changed() -> Weight {
		Weight::from_parts(200_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(12_u64))
	}
	fn on_validator_removed() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn validate() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn claim_seat() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn on_active() -> Weight { Weight::from_parts(100_000_000, 10_000) }
	fn on_inactive(v: u32, ) -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(Weight::from_parts(50_000_000, 0).saturating_mul(v.into())) }
	fn on_admin_changed() -> Weight { Weight::from_parts(200_000_000, 10_000) }
	fn on_validator_removed() -> Weight { Weight::from_parts(100_000_000, 10_000) }
}
