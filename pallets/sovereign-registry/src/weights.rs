//! Placeholder: replaced by `scripts/benchmark-weights.sh` output.
#![allow(unused_parens, unused_imports, missing_docs)]
use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_sovereign_registry`.
pub trait WeightInfo {
	fn register_state() -> Weight;
	fn update_state() -> Weight;
	fn transfer_admin() -> Weight;
	fn accept_admin() -> Weight;
	fn deregister_state() -> Weight;
	fn grant_role() -> Weight;
	fn revoke_role() -> Weight;
	fn renounce_role() -> Weight;
	fn suspend_state() -> Weight;
	fn restore_state() -> Weight;
}

impl WeightInfo for () {
	fn register_state() -> Weight {
		Weight::zero()
	}
	fn update_state() -> Weight {
		Weight::zero()
	}
	fn transfer_admin() -> Weight {
		Weight::zero()
	}
	fn accept_admin() -> Weight {
		Weight::zero()
	}
	fn deregister_state() -> Weight {
		Weight::zero()
	}
	fn grant_role() -> Weight {
		Weight::zero()
	}
	fn revoke_role() -> Weight {
		Weight::zero()
	}
	fn renounce_role() -> Weight {
		Weight::zero()
	}
	fn suspend_state() -> Weight {
		Weight::zero()
	}
	fn restore_state() -> Weight {
		Weight::zero()
	}
}
