//! Knobs governance may turn without a runtime upgrade, kept by `pallet-parameters`: the session
//! and era lengths, whether referendum tracks run in minutes, and the cap on co-use host shares. Only root (a referendum on the
//! root track, or sudo on dev networks) sets them. Each network's genesis sets its own values
//! through the `timing` pallet's genesis config.
//!
//! The epoch length is not one of them: an epoch's index is the block number divided by it, so
//! changing it would renumber every past epoch and the rewards owed for them.

use crate::{BlockNumber, Runtime, RuntimeEvent};
use frame_support::{
	dynamic_params::{dynamic_pallet_params, dynamic_params},
	traits::AsEnsureOriginWithArg,
};
use frame_system::EnsureRoot;

#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// The chain's timing.
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod timing {
		/// Blocks per session (validator keys and the GRANDPA set change at session
		/// boundaries): ten minutes of six-second blocks unless genesis or governance says
		/// otherwise.
		#[codec(index = 0)]
		pub static SessionLength: BlockNumber = 100;

		/// Sessions per staking era (validators are elected and paid per era): an hour.
		#[codec(index = 1)]
		pub static SessionsPerEra: u32 = 6;

		/// Whether referendum tracks run in blocks instead of days (dev and test networks).
		#[codec(index = 2)]
		pub static FastGovernance: bool = false;
	}

	/// DePIN economics.
	#[dynamic_pallet_params]
	#[codec(index = 1)]
	pub mod depin {
		/// The largest share of a covered device's rewards a co-use agreement gives its host
		/// state's community pool (agreements above it count for it only).
		#[codec(index = 0)]
		pub static MaxHostShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(20);
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Timing(dynamic_params::timing::Parameters::SessionsPerEra(
			dynamic_params::timing::SessionsPerEra,
			Some(6),
		))
	}
}

impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	type AdminOrigin = AsEnsureOriginWithArg<EnsureRoot<crate::AccountId>>;
	type WeightInfo = crate::weights::pallet_parameters::WeightInfo<Runtime>;
}

/// Writes a network's genesis timing into the parameters (0 keeps a default).
pub struct GenesisTiming;
impl crate::pallets::timing::SetTiming for GenesisTiming {
	fn set(session_length: u32, sessions_per_era: u32, fast_governance: bool) {
		use dynamic_params::timing::{FastGovernance, Parameters, SessionLength, SessionsPerEra};
		use frame_support::traits::dynamic_params::AggregatedKeyValue;
		let mut values =
			alloc::vec![Parameters::FastGovernance(FastGovernance, Some(fast_governance))];
		if session_length > 0 {
			values.push(Parameters::SessionLength(SessionLength, Some(session_length)));
		}
		if sessions_per_era > 0 {
			values.push(Parameters::SessionsPerEra(SessionsPerEra, Some(sessions_per_era)));
		}
		for value in values {
			let (key, value) = RuntimeParameters::Timing(value).into_parts();
			pallet_parameters::Parameters::<Runtime>::set(key, value);
		}
	}
}
