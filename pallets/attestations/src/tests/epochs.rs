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
fn old_final_epochs_are_pruned_on_idle_after_judging() {
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
		// Epoch 1 closed at block 22 and is final from 27, but nobody judged it yet.
		run_to(35);
		assert_noop!(
			Attestations::unbond(RuntimeOrigin::signed(VERIFIERS[0])),
			Error::<Test>::ObservationsNotJudged
		);
		// Retention is two epochs: epoch 0 may go once epoch 3 runs, epoch 1 once epoch 4 runs;
		// one epoch is judged and one pruned per block at most, oldest first.
		let base = RocksDbWeight::get().reads(4);
		assert!(Attestations::on_idle(35, Weight::MAX).all_gte(base));
		assert!(has_event(Event::EpochJudged { epoch: 0, credits: 0 }));
		assert_eq!(last_event(), Event::EpochPruned { epoch: 0 }.into());
		// The next block judges epoch 1, which is still kept.
		Attestations::on_idle(35, Weight::MAX);
		// A single observation: no quorum, nobody credited or slashed.
		assert!(has_event(Event::ObservationsJudged {
			epoch: 1,
			device: 1,
			outliers: 0,
			credited: 0
		}));
		assert_eq!(last_event(), Event::EpochJudged { epoch: 1, credits: 0 }.into());
		assert!(Observations::<Test>::get(1, 1).is_none());
		assert_eq!(PendingJudgements::<Test>::get(VERIFIERS[0]), 0);
		assert!(Reports::<Test>::get(1, 0).is_some());
		assert_eq!(OldestEpoch::<Test>::get(), 1);
		// Judged and final: the bond comes back while the epoch is still kept.
		assert_ok!(Attestations::unbond(RuntimeOrigin::signed(VERIFIERS[0])));
		run_to(41);
		// Not enough weight for one item: nothing is pruned.
		Attestations::on_idle(41, base);
		assert!(Reports::<Test>::get(1, 0).is_some());
		// (Weight charged per item is not observable here: test storage lives in the overlay,
		// which `clear_prefix` does not count.)
		assert!(Attestations::on_idle(41, Weight::MAX).all_gte(base));
		assert!(Reports::<Test>::get(1, 0).is_none());
		assert!(Reports::<Test>::get(1, 1).is_none());
		assert!(EpochDraws::<Test>::get(1).is_none());
		assert_eq!(last_event(), Event::EpochPruned { epoch: 1 }.into());
		assert!(Attestations::is_final(1));
	});
}

#[test]
fn closed_epochs_are_judged_on_idle_and_outliers_slashed() {
	run_test(|| {
		pool_of_five();
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(0, 1, solar_full())]
		));
		for (v, up) in VERIFIERS.iter().zip([40, 41, 42, 10, 60]) {
			observe(*v, 1, 0, up, 0);
		}
		// Three agree on device 1, which reported nothing: checked, but not credited.
		for v in VERIFIERS.into_iter().take(3) {
			observe(v, 1, 1, EPOCH_SECS, 0);
		}
		// Epochs are judged once final: epoch 0 at once, epoch 1 (closed at 22) not before its
		// challenge window ends at 27.
		run_to(22);
		Attestations::on_idle(22, Weight::MAX);
		assert_eq!(last_event(), Event::EpochJudged { epoch: 0, credits: 0 }.into());
		Attestations::on_idle(22, Weight::MAX);
		assert_eq!(crate::NextToJudge::<Test>::get(), 1);
		assert!(Observations::<Test>::get(1, 0).is_some());
		assert_eq!(<Attestations as VerifierCredits<AccountId>>::credits(1, &VERIFIERS[0]), None);
		run_to(27);
		Attestations::on_idle(27, Weight::MAX);
		// Median 41, tolerance 6 s: the verifiers who saw 10 s and 60 s are slashed, the other
		// three credited.
		assert_eq!(last_event(), Event::EpochJudged { epoch: 1, credits: 3 }.into());
		assert!(has_event(Event::ObservationsJudged {
			epoch: 1,
			device: 0,
			outliers: 2,
			credited: 3
		}));
		assert!(has_event(Event::ObservationsJudged {
			epoch: 1,
			device: 1,
			outliers: 0,
			credited: 0
		}));
		assert_eq!(Bonds::<Test>::get(VERIFIERS[3]).unwrap().amount, MIN_BOND - 20);
		assert_eq!(Bonds::<Test>::get(VERIFIERS[4]).unwrap().amount, MIN_BOND - 20);
		assert_eq!(Bonds::<Test>::get(VERIFIERS[0]).unwrap().amount, MIN_BOND);
		assert!(Epochs::<Test>::get(1).judged);
		assert_eq!(crate::NextToJudge::<Test>::get(), 2);
		for v in VERIFIERS.into_iter().take(3) {
			assert_eq!(<Attestations as VerifierCredits<AccountId>>::credits(1, &v), Some((1, 3)));
		}
		assert_eq!(<Attestations as VerifierCredits<AccountId>>::credits(1, &VERIFIERS[3]), None);
		// Rewards takes credits once.
		assert_eq!(
			<Attestations as VerifierCredits<AccountId>>::take_credits(1, &VERIFIERS[0]),
			Some((1, 3))
		);
		assert_eq!(<Attestations as VerifierCredits<AccountId>>::credits(1, &VERIFIERS[0]), None);
		// Pruning drops the credits nobody claimed.
		run_to(41);
		Attestations::on_idle(41, Weight::MAX);
		Attestations::on_idle(41, Weight::MAX);
		assert_eq!(OldestEpoch::<Test>::get(), 2);
		assert_eq!(crate::Credits::<Test>::iter_prefix(1).count(), 0);
	});
}

#[test]
fn judging_spreads_over_blocks_within_the_weight_left() {
	run_test(|| {
		pool_of_five();
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(0, 1, solar_full()), signed(1, 1, router_full())]
		));
		for device in [0, 1] {
			for v in VERIFIERS.into_iter().take(3) {
				observe(v, 1, device, EPOCH_SECS, 0);
			}
		}
		run_to(27);
		// Epoch 0 (empty) first.
		Attestations::on_idle(27, Weight::MAX);
		assert_eq!(crate::NextToJudge::<Test>::get(), 1);
		// Room for one device's judgement and the epoch's update, not for two.
		let db = RocksDbWeight::get();
		let one = db
			.reads(8)
			.saturating_add(<() as crate::WeightInfo>::judge_observations(5))
			.saturating_add(db.reads_writes(2, 2));
		// Nothing fits: nothing is judged.
		Attestations::on_idle(27, db.reads(8));
		assert_eq!(Observations::<Test>::iter_prefix(1).count(), 2);
		Attestations::on_idle(27, one);
		assert_eq!(Observations::<Test>::iter_prefix(1).count(), 1);
		assert!(!Epochs::<Test>::get(1).judged);
		assert_eq!(Epochs::<Test>::get(1).credits, 3);
		// Credits are not final before the whole epoch is judged.
		assert_eq!(<Attestations as VerifierCredits<AccountId>>::credits(1, &VERIFIERS[0]), None);
		Attestations::on_idle(27, one);
		Attestations::on_idle(27, one);
		assert!(Epochs::<Test>::get(1).judged);
		assert_eq!(
			<Attestations as VerifierCredits<AccountId>>::credits(1, &VERIFIERS[0]),
			Some((2, 6))
		);
	});
}

#[test]
fn a_device_judged_by_call_counts_in_the_epoch_credits() {
	run_test(|| {
		pool_of_five();
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(1, 1, router_full())]
		));
		for v in VERIFIERS.into_iter().take(4) {
			observe(v, 1, 1, EPOCH_SECS, 700_000_000);
		}
		run_to(27);
		assert_ok!(Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 1));
		assert_eq!(
			last_event(),
			Event::ObservationsJudged { epoch: 1, device: 1, outliers: 0, credited: 4 }.into()
		);
		assert_eq!(Epochs::<Test>::get(1).credits, 4);
		Attestations::on_idle(27, Weight::MAX);
		Attestations::on_idle(27, Weight::MAX);
		assert_eq!(last_event(), Event::EpochJudged { epoch: 1, credits: 4 }.into());
		assert_eq!(
			<Attestations as VerifierCredits<AccountId>>::credits(1, &VERIFIERS[3]),
			Some((1, 4))
		);
	});
}

#[test]
fn anyone_judges_pending_epochs_when_blocks_leave_no_room() {
	run_test(|| {
		pool_of_five();
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(0, 1, solar_full()), signed(1, 1, router_full())]
		));
		for device in [0, 1] {
			for v in VERIFIERS.into_iter().take(3) {
				observe(v, 1, device, EPOCH_SECS, 0);
			}
		}
		let judge = |limit| Attestations::judge_pending(RuntimeOrigin::signed(STRANGER), limit);
		// Epoch 0 is closed and final; epoch 1 is not closed yet.
		run_to(20);
		assert_noop!(judge(0), Error::<Test>::EmptyBatch);
		assert_noop!(judge(101), Error::<Test>::BatchTooLarge);
		assert_noop!(
			Attestations::judge_pending(RuntimeOrigin::none(), 1),
			DispatchError::BadOrigin
		);
		// Epoch 0 held nothing: it is judged at once.
		assert_ok!(judge(1));
		assert_eq!(last_event(), Event::EpochJudged { epoch: 0, credits: 0 }.into());
		assert_noop!(judge(1), Error::<Test>::EpochNotFinal);
		// No `on_idle` runs (full blocks): callers judge epoch 1 once it is final.
		run_to(27);
		assert_ok!(judge(1));
		assert_eq!(Observations::<Test>::iter_prefix(1).count(), 1);
		assert!(!Epochs::<Test>::get(1).judged);
		assert_ok!(judge(5));
		assert!(Epochs::<Test>::get(1).judged);
		assert_eq!(last_event(), Event::EpochJudged { epoch: 1, credits: 6 }.into());
		assert_eq!(
			<Attestations as VerifierCredits<AccountId>>::credits(1, &VERIFIERS[0]),
			Some((2, 6))
		);
	});
}

/// Low (`try_state` during a prune): an epoch with more records than one block may clear is
/// pruned over several blocks; between them its class totals no longer match its remaining
/// records. Before, `try_state` failed on such a block; an epoch being pruned is now checked
/// only for what pruning keeps true.
#[test]
fn invariants_hold_while_an_epoch_is_pruned_over_several_blocks() {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		pool_of_five();
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(0, 1, solar_full()), signed(1, 1, router_full())]
		));
		// By block 35 epochs 0 and 1 are judged and epoch 0 is pruned; epoch 1 is kept until
		// epoch 4 runs.
		run_to(35);
		for _ in 0..3 {
			Attestations::on_idle(35, Weight::MAX);
		}
		assert_eq!(OldestEpoch::<Test>::get(), 1);
		assert_eq!(crate::NextToJudge::<Test>::get(), 2);
		run_to(41);
	});
	// Records must be in the backend for `clear_prefix`'s limit to bite.
	ext.commit_all().expect("committed");
	ext.execute_with(|| {
		// What a block with room for a few items leaves (a test's two records fit any block's
		// room, so the cut is made by hand, in the prune's order): the state's allowances
		// gone, one record gone, the epoch's summary kept.
		assert!(Epochs::<Test>::contains_key(1));
		let _ = crate::StateUnverified::<Test>::clear_prefix(1, u32::MAX, None);
		let _ = Reports::<Test>::clear_prefix(1, 1, None);
		assert_eq!(Reports::<Test>::iter_prefix(1).count(), 1, "half pruned");
		Attestations::do_try_state().expect("invariants hold mid-prune");
		Attestations::on_idle(41, Weight::MAX);
		assert_eq!(OldestEpoch::<Test>::get(), 2);
		Attestations::do_try_state().expect("invariants hold after the prune");
	});
}
