//! Weights of the upstream pallets, measured on this runtime by `scripts/benchmark-weights.sh`
//! (the Atlas pallets keep theirs in `pallets/*/src/weights.rs`). Do not edit by hand.

pub mod pallet_collective;
pub mod pallet_conviction_voting;
pub mod pallet_parameters;
pub mod pallet_preimage;
pub mod pallet_referenda;
pub mod pallet_scheduler;
pub mod pallet_session;
