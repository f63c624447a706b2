//! Tests of the attestations pallet, by concern. Every test run with `run_test` ends with the
//! pallet's `try_state` checks.

mod anti_gaming;
mod beacon;
mod challenges;
mod epochs;
mod hooks;
mod invariants;
mod pool;
mod reports;
mod scoring;
mod state_cap;
mod verifiers;

pub(crate) use crate::{
	mock::*, Bonds, Challenges, ClassTotal, DeviceRecord, EpochDraws, Epochs, Error, Event,
	HoldReason, MakerRequired, ObservationError, Observations, Observed, OldestEpoch,
	PendingJudgements, ReportError, Reports, ScoringParams, SignedReport, SlotCount, Slots,
	VacantSlots,
};
pub(crate) use atlas_primitives::{
	report_payload, DeviceClass, DeviceId, DeviceSignature, DeviceStatus, EpochIndex, EpochScores,
	Metrics, Role, VerifierCredits,
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

/// Whether `event` was deposited in this test.
pub(crate) fn has_event(event: Event<Test>) -> bool {
	let event: RuntimeEvent = event.into();
	System::events().iter().any(|r| r.event == event)
}

pub(crate) fn bad_report(index: u16, reason: ReportError) -> Error<Test> {
	Error::<Test>::BadReport { index, reason }
}

pub(crate) fn bad_observation(index: u16, reason: ObservationError) -> Error<Test> {
	Error::<Test>::BadObservation { index, reason }
}

/// Bonds `MIN_BOND` for each of `who` (they serve from the next epoch).
pub(crate) fn bond_all(who: impl IntoIterator<Item = AccountId>) {
	for v in who {
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(v), MIN_BOND));
	}
}

/// Bonds the five `VERIFIERS` now (in epoch 0) and runs to the first block of epoch 1: its draw
/// has five slots, so every one of them is assigned to every device in epoch 1.
pub(crate) fn pool_of_five() {
	assert_eq!(Attestations::current_epoch(), 0);
	bond_all(VERIFIERS);
	run_to(EPOCH_LENGTH.into());
	assert_eq!(Attestations::epoch_draw(1).map(|d| d.pool_slots), Some(5));
}

/// Records what `verifier` observed of `device` in `epoch`: `uptime` and `bw` bytes, nothing else.
pub(crate) fn observe(
	verifier: AccountId,
	epoch: EpochIndex,
	device: DeviceId,
	uptime: u32,
	bw: u64,
) {
	observe_metrics(
		verifier,
		epoch,
		device,
		Observed { uptime_secs: uptime, bandwidth_bytes: bw, ..Default::default() },
	);
}

/// Records what `verifier` observed of `device` in `epoch`.
pub(crate) fn observe_metrics(
	verifier: AccountId,
	epoch: EpochIndex,
	device: DeviceId,
	observed: Observed,
) {
	assert_ok!(Attestations::attest(
		RuntimeOrigin::signed(verifier),
		epoch,
		vec![(device, observed)]
	));
}

/// Three of the pool's verifiers observe exactly `observed` of `device` in `epoch`: a quorum.
pub(crate) fn quorum_observes(epoch: EpochIndex, device: DeviceId, observed: Observed) {
	for v in VERIFIERS.into_iter().take(3) {
		observe_metrics(v, epoch, device, observed);
	}
}

/// Funds `who` with 1 000.
pub(crate) fn fund(who: AccountId) {
	<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(&who, 1_000);
}
