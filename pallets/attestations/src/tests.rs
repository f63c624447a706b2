//! Tests of the attestations pallet. Every test ends with the pallet's `try_state` checks.

use crate::{
	mock::*, Bonds, Challenges, ClassTotal, DeviceRecord, Epochs, Error, Event, HoldReason,
	ObservationError, Observations, Observed, ReportError, Reports, ScoringParams, SignedReport,
};
use atlas_primitives::{
	report_payload, DeviceClass, DeviceId, DeviceSignature, DeviceStatus, EpochIndex, EpochScores,
	Metrics,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Hooks,
	},
	weights::{constants::RocksDbWeight, Weight},
};
use sp_core::{Pair, H256};
use sp_runtime::{DispatchError, Perbill};

fn genesis() -> H256 {
	System::block_hash(0)
}

fn signed(device: DeviceId, epoch: EpochIndex, metrics: Metrics) -> SignedReport {
	signed_for(device, epoch, metrics, genesis())
}

fn signed_for(
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
fn solar_full() -> Metrics {
	Metrics { uptime_secs: EPOCH_SECS, energy_wh: 80, ..Default::default() }
}

/// A full epoch up, serving 1 GB (device 1's 100 Mbit/s allow 750 MB... so 700 MB).
fn router_full() -> Metrics {
	Metrics { uptime_secs: EPOCH_SECS, bandwidth_bytes: 700_000_000, ..Default::default() }
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn bad_report(index: u16, reason: ReportError) -> Error<Test> {
	Error::<Test>::BadReport { index, reason }
}

fn bad_observation(index: u16, reason: ObservationError) -> Error<Test> {
	Error::<Test>::BadObservation { index, reason }
}

fn bond_all_verifiers() {
	for v in VERIFIERS {
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(v), MIN_BOND));
	}
}

fn observe(verifier: AccountId, epoch: EpochIndex, device: DeviceId, uptime: u32, bw: u64) {
	assert_ok!(Attestations::attest(
		RuntimeOrigin::signed(verifier),
		epoch,
		vec![(device, Observed { uptime_secs: uptime, bandwidth_bytes: bw })]
	));
}

#[test]
fn scoring_follows_uptime_thresholds_and_bonus() {
	let p = ScoringParams::default_for(DeviceClass::Energy);
	// 60 s up of 60: 1 uptime point + 80 output points, +10 % bonus (floored) = 89.
	assert_eq!(p.score(DeviceClass::Energy, &solar_full(), 60), 89);
	// 40 s of 60 (66 %): no bonus: 100·40/3600 = 1 + 80.
	let m = Metrics { uptime_secs: 40, energy_wh: 80, ..Default::default() };
	assert_eq!(p.score(DeviceClass::Energy, &m, 60), 81);
	// 20 s of 60 (33 %): below the 50 % threshold, nothing.
	let m = Metrics { uptime_secs: 20, energy_wh: 80, ..Default::default() };
	assert_eq!(p.score(DeviceClass::Energy, &m, 60), 0);
	assert_eq!(p.score(DeviceClass::Energy, &m, 0), 0);
	// Connectivity pays per MB.
	let r = ScoringParams::default_for(DeviceClass::Connectivity);
	assert_eq!(r.score(DeviceClass::Connectivity, &router_full(), 60), (1 + 700) * 11 / 10);
}

#[test]
fn submit_reports_records_points_and_keeps_totals() {
	run_test(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full()), signed(1, 0, router_full())]
		));
		// Without verifier quorum, reports keep 50 % of their points.
		let solar = Reports::<Test>::get(0, 0).unwrap();
		assert_eq!(
			solar,
			DeviceRecord {
				class: DeviceClass::Energy,
				reported: solar_full(),
				verified: solar_full(),
				quorum: false,
				points: 44,
				fraudulent: false,
			}
		);
		let router = Reports::<Test>::get(0, 1).unwrap();
		assert_eq!(router.points, 771 / 2);
		let summary = Epochs::<Test>::get(0);
		assert_eq!(summary.class(DeviceClass::Energy), &ClassTotal { points: 44, devices: 1 });
		assert_eq!(
			summary.class(DeviceClass::Connectivity),
			&ClassTotal { points: 385, devices: 1 }
		);
		assert_eq!(
			last_event(),
			Event::ReportsAccepted { submitter: OWNER, epoch: 0, count: 2, points: 44 + 385 }
				.into()
		);
		assert_eq!(Attestations::device_points(0, 0), Some((DeviceClass::Energy, 44)));
		assert_eq!(Attestations::class_total(0, DeviceClass::Connectivity), 385);
	});
}

#[test]
fn operator_may_report_its_devices_a_stranger_may_not() {
	run_test(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OPERATOR),
			0,
			vec![signed(1, 0, router_full())]
		));
		// OPERATOR does not run device 0.
		assert_noop!(
			Attestations::submit_reports(
				RuntimeOrigin::signed(OPERATOR),
				0,
				vec![signed(0, 0, solar_full())]
			),
			bad_report(0, ReportError::NotOperator)
		);
		assert_noop!(
			Attestations::submit_reports(
				RuntimeOrigin::signed(STRANGER),
				0,
				vec![signed(2, 0, Metrics::default())]
			),
			bad_report(0, ReportError::NotOperator)
		);
	});
}

#[test]
fn batch_errors_name_the_report_and_keep_nothing() {
	run_test(|| {
		let submit =
			|reports| Attestations::submit_reports(RuntimeOrigin::signed(OWNER), 0, reports);
		assert_noop!(submit(vec![]), Error::<Test>::EmptyBatch);
		assert_noop!(
			submit((0..101).map(|_| signed(0, 0, solar_full())).collect()),
			Error::<Test>::BatchTooLarge
		);
		// The second report is bad: the first is not kept either.
		assert_noop!(
			submit(vec![signed(0, 0, solar_full()), signed(42, 0, solar_full())]),
			bad_report(1, ReportError::UnknownDevice)
		);
		MockDevices::update(2, |d| d.status = DeviceStatus::Suspended);
		assert_noop!(
			submit(vec![signed(2, 0, Metrics::default())]),
			bad_report(0, ReportError::InactiveDevice)
		);
		// Signed by another key.
		let mut forged = signed(0, 0, solar_full());
		forged.signature = signed(1, 0, solar_full()).signature;
		assert_noop!(submit(vec![forged]), bad_report(0, ReportError::BadSignature));
		// Signed for another chain's genesis.
		assert_noop!(
			submit(vec![signed_for(0, 0, solar_full(), H256::repeat_byte(7))]),
			bad_report(0, ReportError::BadSignature)
		);
		// Signed for another epoch.
		let mut other_epoch = signed(0, 1, solar_full());
		other_epoch.device = 0;
		assert_noop!(submit(vec![other_epoch]), bad_report(0, ReportError::BadSignature));
		// Tampered metrics.
		let mut tampered = signed(0, 0, solar_full());
		tampered.metrics.energy_wh = 81;
		assert_noop!(submit(vec![tampered]), bad_report(0, ReportError::BadSignature));
		// Duplicate within one batch.
		assert_noop!(
			submit(vec![signed(0, 0, solar_full()), signed(0, 0, solar_full())]),
			bad_report(1, ReportError::Duplicate)
		);
		assert_noop!(
			Attestations::submit_reports(
				RuntimeOrigin::none(),
				0,
				vec![signed(0, 0, solar_full())]
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn reports_must_be_physically_possible() {
	run_test(|| {
		let submit = |device, metrics| {
			Attestations::submit_reports(
				RuntimeOrigin::signed(OWNER),
				0,
				vec![signed(device, 0, metrics)],
			)
		};
		let up = |m: Metrics| Metrics { uptime_secs: 30, ..m };
		assert_noop!(
			submit(0, Metrics { uptime_secs: EPOCH_SECS + 1, ..Default::default() }),
			bad_report(0, ReportError::UptimeOutOfBounds)
		);
		// 5 kW for 60 s is 83 Wh.
		assert_noop!(
			submit(0, up(Metrics { energy_wh: 84, ..Default::default() })),
			bad_report(0, ReportError::EnergyOutOfBounds)
		);
		// An energy device serves no bandwidth.
		assert_noop!(
			submit(0, up(Metrics { bandwidth_bytes: 1, ..Default::default() })),
			bad_report(0, ReportError::BandwidthOutOfBounds)
		);
		// 100 Mbit/s for 60 s is 750 MB.
		assert_noop!(
			submit(1, up(Metrics { bandwidth_bytes: 750_000_001, ..Default::default() })),
			bad_report(0, ReportError::BandwidthOutOfBounds)
		);
		assert_noop!(
			submit(2, up(Metrics { compute_units: EPOCH_SECS + 1, ..Default::default() })),
			bad_report(0, ReportError::ComputeOutOfBounds)
		);
		// 60 samples an hour is one per minute.
		assert_noop!(
			submit(3, up(Metrics { samples: 2, ..Default::default() })),
			bad_report(0, ReportError::SamplesOutOfBounds)
		);
		assert_ok!(submit(1, up(Metrics { bandwidth_bytes: 750_000_000, ..Default::default() })));
		assert_ok!(submit(3, up(Metrics { samples: 1, ..Default::default() })));
	});
}

#[test]
fn reports_only_while_the_epoch_is_open_and_once() {
	run_test(|| {
		let submit = |epoch, device, metrics| {
			Attestations::submit_reports(
				RuntimeOrigin::signed(OWNER),
				epoch,
				vec![signed(device, epoch, metrics)],
			)
		};
		// Epoch 1 has not started (block 1 is in epoch 0).
		assert_noop!(submit(1, 0, solar_full()), Error::<Test>::EpochNotOpen);
		assert_ok!(submit(0, 0, solar_full()));
		assert_noop!(submit(0, 0, solar_full()), bad_report(0, ReportError::Duplicate));
		// A suspended state's devices cannot report.
		MockRoles::set_active(STATE, false);
		assert_noop!(submit(0, 1, router_full()), bad_report(0, ReportError::StateSuspended));
		MockRoles::set_active(STATE, true);
		// Epoch 0 ends at block 10; its reports are accepted until block 12 (the grace).
		run_to(11);
		assert_ok!(submit(0, 1, router_full()));
		assert_ok!(submit(1, 0, solar_full()));
		run_to(12);
		assert!(Attestations::is_closed(0));
		assert_noop!(submit(0, 2, Metrics::default()), Error::<Test>::EpochNotOpen);
	});
}

#[test]
fn closing_fixes_totals_and_emits_them() {
	run_test(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full())]
		));
		run_to(11);
		assert!(!Attestations::is_closed(0));
		run_to(12);
		let summary = Epochs::<Test>::get(0);
		assert!(summary.closed);
		let mut totals = [ClassTotal::default(); 4];
		totals[2] = ClassTotal { points: 44, devices: 1 };
		assert!(System::events()
			.iter()
			.any(|r| r.event == Event::EpochClosed { epoch: 0, totals }.into()));
		// Empty epochs close too.
		run_to(22);
		assert!(Attestations::is_closed(1));
		assert_eq!(Attestations::current_epoch(), 2);
	});
}

#[test]
fn verifier_quorum_caps_the_report_by_the_median() {
	run_test(|| {
		bond_all_verifiers();
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(1, 0, router_full())]
		));
		observe(VERIFIERS[0], 0, 1, 30, 500_000_000);
		observe(VERIFIERS[1], 0, 1, 50, 600_000_000);
		// Two observations: no quorum yet; still discounted.
		assert!(!Reports::<Test>::get(0, 1).unwrap().quorum);
		observe(VERIFIERS[2], 0, 1, 40, 900_000_000);
		let record = Reports::<Test>::get(0, 1).unwrap();
		assert!(record.quorum);
		// Median uptime 40 s, median bandwidth 600 MB: both cap the report.
		assert_eq!(record.verified.uptime_secs, 40);
		assert_eq!(record.verified.bandwidth_bytes, 600_000_000);
		// 40 s of 60 is 66 %: no bonus. 100·40/3600 = 1, plus 600 MB.
		assert_eq!(record.points, 601);
		assert_eq!(Epochs::<Test>::get(0).class(DeviceClass::Connectivity).points, 601);
		assert_eq!(
			last_event(),
			Event::ObservationsAccepted { verifier: VERIFIERS[2], epoch: 0, count: 1 }.into()
		);
		assert_eq!(Bonds::<Test>::get(VERIFIERS[2]).unwrap().last_epoch, Some(0));
	});
}

#[test]
fn observations_before_the_report_count_when_it_arrives() {
	run_test(|| {
		bond_all_verifiers();
		for (v, up) in VERIFIERS.iter().take(3).zip([60, 59, 58]) {
			observe(*v, 0, 0, up, 0);
		}
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full())]
		));
		let record = Reports::<Test>::get(0, 0).unwrap();
		assert!(record.quorum);
		assert_eq!(record.verified.uptime_secs, 59);
		// 59 of 60 s ≥ 95 %: bonus. 100·59/3600 = 1 + 80 = 81, +8.
		assert_eq!(record.points, 89);
	});
}

#[test]
fn attest_errors() {
	run_test(|| {
		let attest = |who, epoch, obs: Vec<(DeviceId, Observed)>| {
			Attestations::attest(RuntimeOrigin::signed(who), epoch, obs)
		};
		let seen = Observed { uptime_secs: 30, bandwidth_bytes: 0 };
		assert_noop!(attest(VERIFIERS[0], 0, vec![(0, seen)]), Error::<Test>::NotBonded);
		assert_noop!(
			Attestations::bond(RuntimeOrigin::signed(VERIFIERS[0]), MIN_BOND - 1),
			Error::<Test>::BondTooSmall
		);
		assert_noop!(
			Attestations::bond(RuntimeOrigin::signed(POOR), MIN_BOND),
			Error::<Test>::CannotAffordBond
		);
		bond_all_verifiers();
		assert_noop!(attest(VERIFIERS[0], 0, vec![]), Error::<Test>::EmptyBatch);
		assert_noop!(
			attest(VERIFIERS[0], 0, (0..101).map(|_| (0, seen)).collect()),
			Error::<Test>::BatchTooLarge
		);
		assert_noop!(attest(VERIFIERS[0], 3, vec![(0, seen)]), Error::<Test>::EpochNotOpen);
		assert_noop!(
			attest(VERIFIERS[0], 0, vec![(0, seen), (77, seen)]),
			bad_observation(1, ObservationError::UnknownDevice)
		);
		assert_noop!(
			attest(
				VERIFIERS[0],
				0,
				vec![(0, Observed { uptime_secs: EPOCH_SECS + 1, bandwidth_bytes: 0 })]
			),
			bad_observation(0, ObservationError::OutOfBounds)
		);
		assert_noop!(
			attest(VERIFIERS[0], 0, vec![(0, seen), (0, seen)]),
			bad_observation(1, ObservationError::Duplicate)
		);
		// A bonded account without the Verifier role.
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(STRANGER), MIN_BOND));
		assert_noop!(
			attest(STRANGER, 0, vec![(0, seen)]),
			bad_observation(0, ObservationError::NotVerifier)
		);
		// MaxObservers = 5: a sixth verifier is refused.
		for v in VERIFIERS {
			observe(v, 0, 0, 30, 0);
		}
		MockRoles::grant(STATE, STRANGER, atlas_primitives::Role::Verifier);
		assert_noop!(
			attest(STRANGER, 0, vec![(0, seen)]),
			bad_observation(0, ObservationError::TooManyObservers)
		);
		// A bond slashed below the minimum cannot attest.
		Bonds::<Test>::mutate(STRANGER, |b| b.as_mut().unwrap().amount = MIN_BOND - 1);
		<Balances as frame_support::traits::fungible::MutateHold<_>>::release(
			&HoldReason::VerifierBond.into(),
			&STRANGER,
			1,
			frame_support::traits::tokens::Precision::Exact,
		)
		.unwrap();
		assert_noop!(attest(STRANGER, 0, vec![(1, seen)]), Error::<Test>::BondTooSmall);
	});
}

#[test]
fn judging_slashes_outlying_verifiers() {
	run_test(|| {
		bond_all_verifiers();
		for (v, up) in VERIFIERS.iter().take(4).zip([40, 41, 42, 10]) {
			observe(*v, 0, 0, up, 0);
		}
		assert_noop!(
			Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 0, 0),
			Error::<Test>::EpochNotClosed
		);
		run_to(12);
		assert_noop!(
			Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 0, 1),
			Error::<Test>::NothingToJudge
		);
		assert_ok!(Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 0, 0));
		// Median 40; tolerance 10 % of 60 s = 6 s: only the verifier who saw 10 s is an outlier.
		assert_eq!(Bonds::<Test>::get(VERIFIERS[3]).unwrap().amount, MIN_BOND - 20);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::VerifierBond.into(), &VERIFIERS[3]),
			MIN_BOND - 20
		);
		assert_eq!(Bonds::<Test>::get(VERIFIERS[0]).unwrap().amount, MIN_BOND);
		assert_eq!(
			last_event(),
			Event::ObservationsJudged { epoch: 0, device: 0, outliers: 1 }.into()
		);
		assert!(Observations::<Test>::get(0, 0).is_none());
		assert_noop!(
			Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 0, 0),
			Error::<Test>::NothingToJudge
		);
	});
}

#[test]
fn bonds_unlock_once_the_last_attested_epoch_is_final() {
	run_test(|| {
		let v = VERIFIERS[0];
		assert_noop!(Attestations::unbond(RuntimeOrigin::signed(v)), Error::<Test>::NotBonded);
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(v), MIN_BOND));
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(v), 10));
		assert_eq!(last_event(), Event::Bonded { verifier: v, total: MIN_BOND + 10 }.into());
		observe(v, 0, 0, 30, 0);
		assert_noop!(Attestations::unbond(RuntimeOrigin::signed(v)), Error::<Test>::BondLocked);
		// Closed at 12, final after the 5-block challenge window.
		run_to(16);
		assert_noop!(Attestations::unbond(RuntimeOrigin::signed(v)), Error::<Test>::BondLocked);
		run_to(17);
		let free = Balances::balance(&v);
		assert_ok!(Attestations::unbond(RuntimeOrigin::signed(v)));
		assert_eq!(Balances::balance(&v), free + MIN_BOND + 10);
		assert!(Bonds::<Test>::get(v).is_none());
	});
}

#[test]
fn fraudulent_report_loses_its_points_and_pays_the_challenger() {
	run_test(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full()), signed(1, 0, router_full())]
		));
		assert_noop!(
			Attestations::challenge(RuntimeOrigin::signed(STRANGER), 0, 3),
			Error::<Test>::ReportNotFound
		);
		assert_noop!(
			Attestations::challenge(RuntimeOrigin::signed(POOR), 0, 0),
			Error::<Test>::CannotAffordBond
		);
		assert_ok!(Attestations::challenge(RuntimeOrigin::signed(STRANGER), 0, 0));
		assert_eq!(
			last_event(),
			Event::ChallengeOpened { epoch: 0, device: 0, challenger: STRANGER }.into()
		);
		assert_noop!(
			Attestations::challenge(RuntimeOrigin::signed(OPERATOR), 0, 0),
			Error::<Test>::AlreadyChallenged
		);
		run_to(20);
		// An open challenge keeps the epoch from being final, and the challenged device's points
		// from being paid; the other device's points can be paid.
		assert!(Attestations::is_closed(0));
		assert!(!Attestations::is_final(0));
		assert!(!<Attestations as EpochScores>::is_settleable(0, 0));
		assert!(<Attestations as EpochScores>::is_settleable(0, 1));
		assert_noop!(
			Attestations::resolve_challenge(RuntimeOrigin::signed(OWNER), 0, 0, true),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Attestations::resolve_challenge(RuntimeOrigin::root(), 0, 1, true),
			Error::<Test>::ChallengeNotFound
		);
		let free = Balances::balance(&STRANGER);
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 0, 0, true));
		assert_eq!(Balances::balance(&STRANGER), free + CHALLENGE_BOND);
		assert_eq!(MockDevices::slashes(), vec![(0, Perbill::from_percent(50), Some(STRANGER))]);
		let record = Reports::<Test>::get(0, 0).unwrap();
		assert!(record.fraudulent);
		assert_eq!(record.points, 0);
		// Rewards learn the device's points are gone (vault yield is kept by points).
		assert!(matches!(points_changes().last(), Some(&(0, 0, old, 0)) if old > 0));
		assert_eq!(Attestations::class_total(0, DeviceClass::Energy), 0);
		assert_eq!(
			last_event(),
			Event::ChallengeResolved {
				epoch: 0,
				device: 0,
				fraudulent: true,
				paid: SLASHED_DEPOSIT
			}
			.into()
		);
		assert!(Attestations::is_final(0));
		assert!(<Attestations as EpochScores>::is_settleable(0, 0));
		// After the window no challenge is possible.
		assert_noop!(
			Attestations::challenge(RuntimeOrigin::signed(STRANGER), 0, 1),
			Error::<Test>::ChallengeWindowOver
		);
	});
}

#[test]
fn failed_challenge_pays_the_owner() {
	run_test(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full())]
		));
		assert_ok!(Attestations::challenge(RuntimeOrigin::signed(STRANGER), 0, 0));
		let owner = Balances::balance(&OWNER);
		let challenger = Balances::total_balance(&STRANGER);
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 0, 0, false));
		assert_eq!(Balances::balance(&OWNER), owner + CHALLENGE_BOND);
		assert_eq!(Balances::total_balance(&STRANGER), challenger - CHALLENGE_BOND);
		assert_eq!(Reports::<Test>::get(0, 0).unwrap().points, 44);
		assert!(Challenges::<Test>::get(0, 0).is_none());
		assert!(MockDevices::slashes().is_empty());
		// A challenge of a device that has since been removed returns the bond.
		assert_ok!(Attestations::challenge(RuntimeOrigin::signed(STRANGER), 0, 0));
		MockDevices::remove(0);
		let before = Balances::balance(&STRANGER);
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 0, 0, false));
		assert_eq!(Balances::balance(&STRANGER), before + CHALLENGE_BOND);
	});
}

#[test]
fn governance_sets_class_params() {
	run_test(|| {
		let params = ScoringParams {
			uptime_weight: 0,
			output_weight: 2_000_000,
			min_uptime: Perbill::zero(),
			bonus_uptime: Perbill::one(),
			bonus: Perbill::zero(),
		};
		assert_noop!(
			Attestations::set_class_params(
				RuntimeOrigin::signed(OWNER),
				DeviceClass::Energy,
				params
			),
			DispatchError::BadOrigin
		);
		let bad =
			ScoringParams { min_uptime: Perbill::one(), bonus_uptime: Perbill::zero(), ..params };
		assert_noop!(
			Attestations::set_class_params(RuntimeOrigin::root(), DeviceClass::Energy, bad),
			Error::<Test>::InvalidParams
		);
		assert_ok!(Attestations::set_class_params(
			RuntimeOrigin::root(),
			DeviceClass::Energy,
			params
		));
		assert_eq!(
			last_event(),
			Event::ClassParamsSet { class: DeviceClass::Energy, params }.into()
		);
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full())]
		));
		// 2 points per Wh, halved without quorum.
		assert_eq!(Reports::<Test>::get(0, 0).unwrap().points, 80);
	});
}

#[test]
fn old_final_epochs_are_pruned_on_idle() {
	run_test(|| {
		bond_all_verifiers();
		observe(VERIFIERS[0], 0, 1, 30, 0);
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full()), signed(1, 0, router_full())]
		));
		// Retention is two epochs: epoch 0 may go once epoch 3 runs and it is final.
		run_to(25);
		let base = RocksDbWeight::get().reads(4);
		assert_eq!(Attestations::on_idle(25, Weight::MAX), base);
		assert!(Reports::<Test>::get(0, 0).is_some());
		run_to(31);
		// Not enough weight for one item: nothing happens.
		let tiny = base;
		Attestations::on_idle(31, tiny);
		assert!(Reports::<Test>::get(0, 0).is_some());
		// (Weight charged per item is not observable here: test storage lives in the overlay,
		// which `clear_prefix` does not count.)
		assert!(Attestations::on_idle(31, Weight::MAX).all_gte(base));
		assert!(Reports::<Test>::get(0, 0).is_none());
		assert!(Reports::<Test>::get(0, 1).is_none());
		assert!(Observations::<Test>::get(0, 1).is_none());
		assert_eq!(last_event(), Event::EpochPruned { epoch: 0 }.into());
		// A pruned epoch counts as final: bonds of its verifiers unlock.
		assert!(Attestations::is_final(0));
		assert_ok!(Attestations::unbond(RuntimeOrigin::signed(VERIFIERS[0])));
	});
}

#[test]
fn try_state_detects_wrong_totals() {
	new_test_ext().execute_with(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full())]
		));
		assert_ok!(Attestations::do_try_state());
		Epochs::<Test>::mutate(0, |s| s.class_mut(DeviceClass::Energy).points += 1);
		assert!(Attestations::do_try_state().is_err());
	});
}

#[test]
fn reports_are_told_to_rewards_which_may_refuse_them() {
	run_test(|| {
		assert_eq!(<Attestations as EpochScores>::epoch_length(), EPOCH_LENGTH);
		assert!(!<Attestations as EpochScores>::is_settleable(0, 0));
		backlog(1);
		// Device 1's rewards side is backlogged: the whole batch is refused.
		assert_noop!(
			Attestations::submit_reports(
				RuntimeOrigin::signed(OWNER),
				0,
				vec![signed(0, 0, solar_full()), signed(1, 0, router_full())]
			),
			bad_report(1, ReportError::UnpaidBacklog)
		);
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full())]
		));
		// (The mock's record is not storage, so the refused batch's first report is in it too.)
		assert_eq!(told().last(), Some(&(0, 0)));
		// Closed at EPOCH_LENGTH + GRACE; settleable once the challenge window has passed too.
		run_to((EPOCH_LENGTH + GRACE + CHALLENGE_WINDOW - 1).into());
		assert!(Attestations::is_closed(0));
		assert!(!<Attestations as EpochScores>::is_settleable(0, 0));
		run_to((EPOCH_LENGTH + GRACE + CHALLENGE_WINDOW).into());
		assert!(<Attestations as EpochScores>::is_settleable(0, 0));
	});
}

#[test]
fn verified_deliveries_are_told_as_they_arrive_and_change() {
	run_test(|| {
		bond_all_verifiers();
		let secs = Attestations::epoch_secs();
		let result = Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full()), signed(1, 0, router_full())],
		)
		.unwrap();
		// Charged for the most the hook can use, refunded to what it used (100 each in the mock).
		assert_eq!(
			result.actual_weight,
			Some(Attestations::reports_weight(2, 0) - Weight::from_parts(2 * (300 - 100), 0))
		);
		let solar = delivered(0);
		assert_eq!((solar.device_epochs, solar.possible_secs), (1, u64::from(secs)));
		assert_eq!(solar.energy_wh, u64::from(solar_full().energy_wh));
		assert_eq!(solar.points, 44);
		// Quorum caps the router's report: the registry learns the verified figures.
		observe(VERIFIERS[0], 0, 1, 30, 500_000_000);
		observe(VERIFIERS[1], 0, 1, 50, 600_000_000);
		observe(VERIFIERS[2], 0, 1, 40, 900_000_000);
		let router = delivered(1);
		assert_eq!(router.device_epochs, 1);
		assert_eq!(
			(router.uptime_secs, router.bandwidth_bytes, router.points),
			(40, 600_000_000, 601)
		);
		// A fraud ruling zeroes what the solar device delivered; it stays counted.
		run_to(EPOCH_LENGTH.into());
		assert_ok!(Attestations::challenge(RuntimeOrigin::signed(STRANGER), 0, 0));
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 0, 0, true));
		let solar = delivered(0);
		assert_eq!(
			(solar.device_epochs, solar.energy_wh, solar.uptime_secs, solar.points),
			(1, 0, 0, 0)
		);
		assert_eq!(solar.possible_secs, u64::from(secs));
		// What was told sums to what is stored.
		for device in [0, 1] {
			let mut expected = atlas_primitives::Kpi::default();
			expected.apply(None, &Reports::<Test>::get(0, device).unwrap().delivery(secs));
			assert_eq!(delivered(device), expected);
		}
	});
}
