//! The probe protocol: how an assigned verifier observes a device, and how the device proves
//! what it delivered. The messages are SCALE-encoded; the device's agent serves them at the
//! probe endpoint in its on-chain record (an `https://` or `tcp://` address), the verifier daemon
//! sends them. The chain only sees the result: the verifier's `attest` of every metric.
//!
//! Every challenge carries a fresh random nonce and the verifier's clock; the device key signs
//! [`probe_payload`] over the challenge and its answer, so an answer cannot be made up later,
//! replayed to another verifier, or given by anything but the registered device key.
//!
//! What a verifier observes per metric over an epoch (the figure it attests):
//! - **uptime** (every class): [`ProbeKind::Liveness`] at random times, at least
//!   [`MIN_LIVENESS_PROBES`] per epoch; a probe passes if a correctly signed answer arrives
//!   within [`LIVENESS_DEADLINE_MS`]. Observed uptime = the device's active seconds in the epoch
//!   × passed ÷ sent.
//! - **bandwidth** (connectivity): [`ProbeKind::Transfer`]: the device streams `bytes`
//!   pseudo-random bytes derived from the nonce (the verifier recomputes their hash); observed
//!   throughput × observed uptime, capped by the link capacity, is the observed bandwidth.
//! - **energy** (energy): [`ProbeKind::MeterReading`]: the device returns its meter's cumulative
//!   energy counter (signed by the meter too when it can sign); the observed energy is the
//!   difference between the epoch's first and last readings, capped by the physical plausibility
//!   bound: rated watts × the epoch's hours × the clear-sky irradiance factor of the device's H3
//!   cell and season (which the verifier daemon computes; the chain already caps by rated watts).
//! - **compute** (compute): [`ProbeKind::Benchmark`]: a matrix product `C = A·B` over `u32`
//!   (wrapping) of `n × n` matrices expanded from the seed; the device answers the hash of `C`
//!   and, for [`FREIVALDS_ROUNDS`] random vectors the verifier names afterwards, `C·r`, which the
//!   verifier checks against `A·(B·r)` in `O(n²)` (Freivalds' check). A device that answers within
//!   the deadline for its GPU count is observed as delivering its GPU-seconds while up.
//! - **sensing** (sensing): [`ProbeKind::Samples`]: the device returns the hashes of the samples
//!   it took in a time range the verifier picks at random, each signed by the device key when it
//!   was taken; the observed samples = the share of checked ranges that were complete × the
//!   samples it reported.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::{ConstU32, H256};
use sp_runtime::BoundedVec;

use crate::{DeviceId, EpochIndex};

/// Domain separator of a probe answer.
pub const PROBE_CONTEXT: &[u8; 19] = b"atlas:probe-answer:";

/// Liveness probes a verifier sends each device per epoch, at least.
pub const MIN_LIVENESS_PROBES: u32 = 6;

/// Milliseconds within which a liveness answer must arrive to pass.
pub const LIVENESS_DEADLINE_MS: u64 = 5_000;

/// Random vectors of a Freivalds check of a compute benchmark.
pub const FREIVALDS_ROUNDS: u32 = 2;

/// Most sample hashes one answer carries.
pub const MAX_PROBE_SAMPLES: u32 = 256;

/// What a verifier asks a device.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum ProbeKind {
	/// Prove you are up: sign the challenge.
	Liveness,
	/// Stream `bytes` pseudo-random bytes derived from the nonce (connectivity).
	Transfer {
		/// How many bytes.
		bytes: u32,
	},
	/// Compute `C = A·B` of `n × n` matrices expanded from the nonce and answer its hash, then
	/// `C·r` for the verifier's random vectors (compute).
	Benchmark {
		/// The matrices' size.
		n: u16,
	},
	/// Answer the meter's cumulative energy counter (energy).
	MeterReading,
	/// Answer the hashes of the samples taken between two instants (sensing).
	Samples {
		/// From (Unix milliseconds).
		from_ms: u64,
		/// To (Unix milliseconds).
		to_ms: u64,
	},
}

/// A challenge a verifier sends to a device's probe endpoint.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct ProbeChallenge<AccountId> {
	/// The device probed.
	pub device: DeviceId,
	/// The epoch the observation is for.
	pub epoch: EpochIndex,
	/// The verifier asking (one of the device's assigned verifiers).
	pub verifier: AccountId,
	/// Fresh randomness: the answer is bound to it.
	pub nonce: [u8; 32],
	/// The verifier's clock when it sent the challenge (Unix milliseconds).
	pub sent_at_ms: u64,
	/// What it asks.
	pub kind: ProbeKind,
}

/// What a device answers.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum ProbeAnswer {
	/// Up.
	Alive,
	/// The hash of the streamed bytes (the bytes themselves go over the connection).
	Transferred {
		/// Blake2-256 of the bytes.
		hash: H256,
	},
	/// The hash of the product matrix; later answers carry `C·r`.
	Computed {
		/// Blake2-256 of `C`, row-major little-endian.
		hash: H256,
	},
	/// The meter's cumulative counter.
	Meter {
		/// Watt-hours since the meter was installed.
		energy_wh_total: u64,
	},
	/// The hashes of the samples in the range.
	Samples {
		/// Each sample's time (Unix milliseconds) and Blake2-256 hash.
		samples: BoundedVec<(u64, H256), ConstU32<MAX_PROBE_SAMPLES>>,
	},
}

/// The message a device key signs to answer a probe: `(context, challenge, device clock, answer)`,
/// SCALE-encoded.
pub fn probe_payload<AccountId: Encode>(
	challenge: &ProbeChallenge<AccountId>,
	answered_at_ms: u64,
	answer: &ProbeAnswer,
) -> alloc::vec::Vec<u8> {
	(PROBE_CONTEXT, challenge, answered_at_ms, answer).encode()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn probe_payloads_bind_the_challenge_and_the_answer() {
		let challenge = ProbeChallenge {
			device: 1,
			epoch: 2,
			verifier: 7u64,
			nonce: [3; 32],
			sent_at_ms: 1_000,
			kind: ProbeKind::Liveness,
		};
		let a = probe_payload(&challenge, 1_010, &ProbeAnswer::Alive);
		assert!(a.starts_with(PROBE_CONTEXT));
		let other = ProbeChallenge { nonce: [4; 32], ..challenge.clone() };
		assert_ne!(a, probe_payload(&other, 1_010, &ProbeAnswer::Alive));
		assert_ne!(a, probe_payload(&challenge, 1_011, &ProbeAnswer::Alive));
		assert_ne!(a, probe_payload(&challenge, 1_010, &ProbeAnswer::Meter { energy_wh_total: 1 }));
	}
}
