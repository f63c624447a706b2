//! Epochs: closing fixes the class totals, old final epochs are pruned.

use super::*;

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
		let mut totals = atlas_primitives::PerClass::<ClassTotal>::default();
		// Unverified: half the uptime points, 1 (+10 % floored) halved to 0.
		totals[DeviceClass::Energy] = ClassTotal { points: 0, devices: 1 };
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
fn old_final_epochs_are_pruned_on_idle() {
	run_test(|| {
		pool_of_five();
		observe(VERIFIERS[0], 1, 1, 30, 0);
		// It serves through epoch 1 and unbonds once that is final and judged.
		assert_ok!(Attestations::leave_pool(RuntimeOrigin::signed(VERIFIERS[0])));
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(0, 1, solar_full()), signed(1, 1, router_full())]
		));
		// Retention is two epochs: epoch 0 may go once epoch 3 runs and it is final, epoch 1
		// once epoch 4 runs; one epoch per block.
		run_to(35);
		let base = RocksDbWeight::get().reads(4);
		assert!(Attestations::on_idle(35, Weight::MAX).all_gte(base));
		assert_eq!(last_event(), Event::EpochPruned { epoch: 0 }.into());
		assert_eq!(Attestations::on_idle(35, Weight::MAX), base);
		assert!(Reports::<Test>::get(1, 0).is_some());
		run_to(41);
		assert_noop!(
			Attestations::unbond(RuntimeOrigin::signed(VERIFIERS[0])),
			Error::<Test>::ObservationsNotJudged
		);
		// Not enough weight for one item: nothing happens.
		let tiny = base;
		Attestations::on_idle(41, tiny);
		assert!(Reports::<Test>::get(1, 0).is_some());
		// (Weight charged per item is not observable here: test storage lives in the overlay,
		// which `clear_prefix` does not count.)
		assert!(Attestations::on_idle(41, Weight::MAX).all_gte(base));
		assert!(Reports::<Test>::get(1, 0).is_none());
		assert!(Reports::<Test>::get(1, 1).is_none());
		// The observation nobody judged was judged on the way (a single one: no quorum).
		assert!(Observations::<Test>::get(1, 1).is_none());
		assert!(has_event(Event::ObservationsJudged { epoch: 1, device: 1, outliers: 0 }));
		assert_eq!(PendingJudgements::<Test>::get(VERIFIERS[0]), 0);
		assert!(EpochDraws::<Test>::get(1).is_none());
		assert_eq!(last_event(), Event::EpochPruned { epoch: 1 }.into());
		// A pruned epoch counts as final: bonds of its verifiers unlock.
		assert!(Attestations::is_final(1));
		assert_ok!(Attestations::unbond(RuntimeOrigin::signed(VERIFIERS[0])));
	});
}

#[test]
fn pruning_judges_and_slashes_outliers_nobody_judged() {
	run_test(|| {
		pool_of_five();
		for (v, up) in VERIFIERS.iter().zip([40, 41, 42, 10, 60]) {
			observe(*v, 1, 0, up, 0);
		}
		run_to(41);
		Attestations::on_idle(41, Weight::MAX);
		Attestations::on_idle(41, Weight::MAX);
		assert_eq!(OldestEpoch::<Test>::get(), 2);
		assert_eq!(Bonds::<Test>::get(VERIFIERS[3]).unwrap().amount, MIN_BOND - 20);
		assert_eq!(Bonds::<Test>::get(VERIFIERS[4]).unwrap().amount, MIN_BOND - 20);
		assert_eq!(Bonds::<Test>::get(VERIFIERS[0]).unwrap().amount, MIN_BOND);
	});
}
