//! Placeholder: replaced by `scripts/benchmark-weights.sh` output.
#![allow(unused_parens, unused_imports, missing_docs)]
use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_devices`.
pub trait WeightInfo {
	fn register_device() -> Weight;
	fn activate_device() -> Weight;
	fn suspend_device() -> Weight;
	fn update_device() -> Weight;
	fn set_operator() -> Weight;
	fn transfer_device() -> Weight;
	fn set_reward_route() -> Weight;
	fn decommission() -> Weight;
	fn force_decommission() -> Weight;
	fn approve_hardware_model() -> Weight;
	fn revoke_hardware_model() -> Weight;
}

impl WeightInfo for () {
	fn register_device() -> Weight {
		Weight::zero()
	}
	fn activate_device() -> Weight {
		Weight::zero()
	}
	fn suspend_device() -> Weight {
		Weight::zero()
	}
	fn update_device() -> Weight {
		Weight::zero()
	}
	fn set_operator() -> Weight {
		Weight::zero()
	}
	fn transfer_device() -> Weight {
		Weight::zero()
	}
	fn set_reward_route() -> Weight {
		Weight::zero()
	}
	fn decommission() -> Weight {
		Weight::zero()
	}
	fn force_decommission() -> Weight {
		Weight::zero()
	}
	fn approve_hardware_model() -> Weight {
		Weight::zero()
	}
	fn revoke_hardware_model() -> Weight {
		Weight::zero()
	}
}
