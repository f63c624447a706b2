//! Anti-gaming: new devices warm up, and verified points are capped by the device's own
//! trailing average.

use super::*;
use crate::{Trailing, TrailingPoints};

/// Energy scoring: 36,000 points an hour up (600 a full epoch, 660 with the bonus) and a point
/// per Wh, with the given warm-up and cap.
fn energy(warmup_epochs: u32, cap_multiple: u32) -> ScoringParams {
	ScoringParams {
		uptime_weight: 36_000,
		warmup_epochs,
		cap_multiple,
		..ScoringParams::default_for(DeviceClass::Energy)
	}
}

/// A tenth of a point per second up (6 a full epoch) and a point per Wh, no thresholds or
/// bonus, no warm-up, capped at `cap_multiple` × the trailing average.
fn per_wh(cap_multiple: u32) -> ScoringParams {
	ScoringParams {
		uptime_weight: 360,
		output_weight: 1_000_000,
		min_uptime: Perbill::zero(),
		bonus_uptime: Perbill::one(),
		bonus: Perbill::zero(),
		warmup_epochs: 0,
		cap_multiple,
	}
}

/// Closes and judges epochs through `epoch`: runs to its finality (challenge window over) and
/// lets `on_idle` judge every epoch up to it.
fn judge_through(epoch: EpochIndex) {
	let final_at = u64::from((epoch + 1) * EPOCH_LENGTH + GRACE + CHALLENGE_WINDOW);
	run_to(final_at);
	for _ in 0..=epoch {
		Attestations::on_idle(final_at, Weight::MAX);
	}
	assert!(crate::NextToJudge::<Test>::get() > epoch, "judged through {epoch}");
}

fn set(params: ScoringParams) {
	assert_ok!(Attestations::set_class_params(RuntimeOrigin::root(), DeviceClass::Energy, params));
}

fn report(epoch: EpochIndex, metrics: Metrics) {
	assert_ok!(Attestations::submit_reports(
		RuntimeOrigin::signed(OWNER),
		epoch,
		vec![signed(0, epoch, metrics)]
	));
}

fn points(epoch: EpochIndex) -> u64 {
	Reports::<Test>::get(epoch, 0).unwrap().points
}

fn solar(wh: u32) -> Metrics {
	Metrics { uptime_secs: EPOCH_SECS, energy_wh: wh, ..Default::default() }
}

#[test]
fn a_new_device_ramps_up_over_its_warmup() {
	run_test(|| {
		set(energy(3, 0));
		// Activated at genesis: a third of its (unverified, halved) 330 points in its first
		// epoch, two thirds in its second, all from its third.
		report(0, solar_full());
		assert_eq!(points(0), 110);
		run_to(10);
		report(1, solar_full());
		assert_eq!(points(1), 220);
		run_to(20);
		report(2, solar_full());
		assert_eq!(points(2), 330);
		// Re-activated (after a suspension, say) in epoch 3: it warms up again.
		run_to(30);
		MockDevices::update(0, |d| d.active_since = 30);
		report(3, solar_full());
		assert_eq!(points(3), 110);
		// The class total counts what the device earned, ramp included.
		assert_eq!(Epochs::<Test>::get(3).classes[DeviceClass::Energy].points, 110);
	});
}

#[test]
fn the_ramp_and_the_cap_read_the_class_parameters() {
	let p = energy(24, 10);
	// Epochs of 10 blocks: activated at block 25 is epoch 2.
	assert_eq!(ScoringParams::age(2, 25, 10), 0);
	assert_eq!(ScoringParams::age(1, 25, 10), 0);
	assert_eq!(p.ramp(0), Perbill::from_rational(1u32, 24));
	assert_eq!(p.ramp(23), Perbill::one());
	assert_eq!(p.ramp(24), Perbill::one());
	assert_eq!(energy(0, 0).ramp(0), Perbill::one());
	// A day's window holds the longest warm-up governance may set.
	assert!(energy(24, 10).is_valid());
	assert!(!energy(25, 10).is_valid());
	// Without history: the floor (660 for a full epoch up) times the multiple.
	assert_eq!(p.cap(DeviceClass::Energy, None, EPOCH_SECS), Some(6_600));
	let grown = TrailingPoints { average_milli: 1_000_000, epochs: 24 };
	assert_eq!(p.cap(DeviceClass::Energy, Some(grown), EPOCH_SECS), Some(10_000));
	// Never below the floor, so a device verified at nothing can recover; after a fraud ruling
	// that is where it starts.
	assert_eq!(p.cap(DeviceClass::Energy, Some(TrailingPoints::RESET), EPOCH_SECS), Some(6_600));
	// A class paying nothing for uptime still lets a new device earn a little.
	let output_only = ScoringParams { uptime_weight: 0, ..per_wh(2) };
	assert_eq!(output_only.cap(DeviceClass::Energy, None, EPOCH_SECS), Some(2));
	assert_eq!(energy(24, 0).cap(DeviceClass::Energy, Some(grown), EPOCH_SECS), None);
	run_test(|| {
		assert_noop!(
			Attestations::set_class_params(
				RuntimeOrigin::root(),
				DeviceClass::Energy,
				energy(25, 0)
			),
			Error::<Test>::InvalidParams
		);
	});
}

#[test]
fn the_trailing_average_is_a_mean_then_a_moving_average() {
	let t = TrailingPoints::default().fold(10);
	assert_eq!(t, TrailingPoints { average_milli: 10_000, epochs: 1 });
	let t = t.fold(20);
	assert_eq!(t, TrailingPoints { average_milli: 15_000, epochs: 2 });
	assert_eq!(t.points(), 15);
	let t = TrailingPoints { average_milli: 240_000, epochs: TrailingPoints::WINDOW }.fold(0);
	// A day's window: a night epoch takes a 24th off.
	assert_eq!(t, TrailingPoints { average_milli: 230_000, epochs: TrailingPoints::WINDOW });
	assert_eq!(t.fold(470).average_milli, 240_000);
	// Small differences still move it: kept in thousandths of a point.
	let t = TrailingPoints { average_milli: 100_000, epochs: TrailingPoints::WINDOW }.fold(110);
	assert_eq!(t.average_milli, 100_416);
}

#[test]
fn a_verified_spike_is_capped_by_the_device_own_average() {
	run_test(|| {
		set(per_wh(2));
		pool_of_five();
		// A new device's verified points are at most twice the floor (6 for a full epoch up):
		// its first epoch's 80 Wh would score 86.
		report(1, solar(80));
		quorum_observes(1, 0, solar(80));
		assert_eq!(points(1), 12);
		judge_through(1);
		assert_eq!(
			Trailing::<Test>::get(0),
			Some(TrailingPoints { average_milli: 12_000, epochs: 1 })
		);
		// Epoch 2: up all epoch with 10 Wh, verified: 16, below its cap of 24.
		report(2, solar(10));
		quorum_observes(2, 0, solar(10));
		assert_eq!(points(2), 16);
		judge_through(2);
		assert_eq!(Trailing::<Test>::get(0).map(|t| t.points()), Some(14));
		// Epoch 3: 80 Wh, which three verifiers (colluding, say) confirm: capped at twice its
		// own average.
		report(3, solar(80));
		quorum_observes(3, 0, solar(80));
		let record = Reports::<Test>::get(3, 0).unwrap();
		assert!(record.quorum);
		assert_eq!(record.verified.energy_wh, 80);
		assert_eq!(record.points, 28);
		assert_eq!(Epochs::<Test>::get(3).classes[DeviceClass::Energy].points, 28);
		// The average follows what it was paid for, so the cap rises by steps, not at once.
		judge_through(3);
		assert_eq!(Trailing::<Test>::get(0).map(|t| t.average_milli), Some(18_666));
	});
}

#[test]
fn verified_points_warm_up_with_verified_history_not_idle_time() {
	run_test(|| {
		set(ScoringParams { warmup_epochs: 4, ..per_wh(0) });
		pool_of_five();
		// Registered at genesis, first verified in epoch 1: a day old, but without verified
		// history it earns a quarter of its verified 84.
		report(1, solar(78));
		quorum_observes(1, 0, solar(78));
		assert_eq!(points(1), 21);
		judge_through(1);
		report(2, solar(78));
		quorum_observes(2, 0, solar(78));
		assert_eq!(points(2), 42);
		// Unverified reports ramp by age alone (full from its fourth epoch): they earn half
		// their uptime points only.
		run_to(30);
		report(3, solar(78));
		assert_eq!(points(3), 3);
	});
}

#[test]
fn unverified_reports_do_not_feed_the_average() {
	run_test(|| {
		set(per_wh(2));
		pool_of_five();
		report(1, solar(80));
		// Two observations: no quorum, and nothing for the average.
		for v in VERIFIERS.into_iter().take(2) {
			observe_metrics(v, 1, 0, solar(80));
		}
		assert!(!Reports::<Test>::get(1, 0).unwrap().quorum);
		judge_through(1);
		assert!(Epochs::<Test>::get(1).judged);
		assert_eq!(Trailing::<Test>::get(0), None);
	});
}

#[test]
fn a_fraud_ruling_caps_the_device_at_its_floor_and_credits_nobody() {
	run_test(|| {
		set(per_wh(2));
		pool_of_five();
		report(1, solar(80));
		quorum_observes(1, 0, solar(80));
		run_to(22);
		fund(STRANGER);
		assert_ok!(Attestations::challenge(RuntimeOrigin::signed(STRANGER), 1, 0, H256::zero()));
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 1, 0, true));
		assert_eq!(Trailing::<Test>::get(0), Some(TrailingPoints::RESET));
		judge_through(1);
		// The verifiers who confirmed it earn nothing for it, and its history is not folded.
		assert_eq!(Epochs::<Test>::get(1).credits, 0);
		assert_eq!(<Attestations as VerifierCredits<AccountId>>::credits(1, &VERIFIERS[0]), None);
		assert_eq!(Trailing::<Test>::get(0), Some(TrailingPoints::RESET));
		// Its next verified epoch pays at most twice its floor.
		report(2, solar(80));
		quorum_observes(2, 0, solar(80));
		assert_eq!(points(2), 12);
	});
}
