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
		totals[DeviceClass::Energy] = ClassTotal { points: 44, devices: 1 };
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
