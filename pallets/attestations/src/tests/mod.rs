//! Tests of the attestations pallet, by concern. Every test run with `run_test` ends with the
//! pallet's `try_state` checks.

mod challenges;
mod epochs;
mod hooks;
mod invariants;
mod reports;
mod scoring;
mod verifiers;

pub(crate) use crate::{
	mock::*, Bonds, Challenges, ClassTotal, DeviceRecord, Epochs, Error, Event, HoldReason,
	ObservationError, Observations, Observed, ReportError, Reports, ScoringParams, SignedReport,
};
pub(crate) use atlas_primitives::{
	report_payload, DeviceClass, DeviceId, DeviceSignature, DeviceStatus, EpochIndex, EpochScores,
	Metrics,
};
pub(crate) use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Hooks,
	},
	weights::{constants::RocksDbWeight, Weight},
};
pub(crate) use sp_core::{Pair, H256};
pub(crate) use sp_runtime::{DispatchError, Perbill};

pub(crate) fn genesis() -> H256 {
	System::block_hash(0)
}

pub(crate) fn signed(device: DeviceId, epoch: EpochIndex, metrics: Metrics) -> SignedReport {
	signed_for(device, epoch, metrics, genesis())
}

pub(crate) fn signed_for(
	device: DeviceId,
	epoch: EpochIndex,
	metrics: Metrics,
	genesis: H256,
) -> SignedReport {
	let payload = report_payload(&genesis, device, epoch, &metrics);
	SignedReport {
		device,
		metrics,
		signature: DeviceSignature::Sr25519(device_pair(device).sign(&payload)),
	}
}

/// A full epoch up, producing 80 Wh (device 0's 5 kW allow 83 Wh in 60 s).
pub(crate) fn solar_full() -> Metrics {
	Metrics { uptime_secs: EPOCH_SECS, energy_wh: 80, ..Default::default() }
}

/// A full epoch up, serving 1 GB (device 1's 100 Mbit/s allow 750 MB... so 700 MB).
pub(crate) fn router_full() -> Metrics {
	Metrics { uptime_secs: EPOCH_SECS, bandwidth_bytes: 700_000_000, ..Default::default() }
}

pub(crate) fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

pub(crate) fn bad_report(index: u16, reason: ReportError) -> Error<Test> {
	Error::<Test>::BadReport { index, reason }
}

pub(crate) fn bad_observation(index: u16, reason: ObservationError) -> Error<Test> {
	Error::<Test>::BadObservation { index, reason }
}

pub(crate) fn bond_all_verifiers() {
	for v in VERIFIERS {
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(v), MIN_BOND));
	}
}

pub(crate) fn observe(
	verifier: AccountId,
	epoch: EpochIndex,
	device: DeviceId,
	uptime: u32,
	bw: u64,
) {
	assert_ok!(Attestations::attest(
		RuntimeOrigin::signed(verifier),
		epoch,
		vec![(device, Observed { uptime_secs: uptime, bandwidth_bytes: bw })]
	));
}
