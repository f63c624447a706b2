//! Verifiers: bonds, observations, the quorum median, judging outliers and leaving the pool.

use super::*;

#[test]
fn verifier_quorum_caps_the_report_by_the_median() {
	run_test(|| {
		pool_of_five();
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(1, 1, router_full())]
		));
		observe(VERIFIERS[0], 1, 1, 38, 590_000_000);
		observe(VERIFIERS[1], 1, 1, 42, 640_000_000);
		// Two observations: no quorum yet; only the discounted uptime counts: 100·60/3600 = 1
		// (+10 % floored), halved to 0.
		let record = Reports::<Test>::get(1, 1).unwrap();
		assert!(!record.quorum);
		assert_eq!(record.verified, router_full().uptime_only());
		assert_eq!(record.points, 0);
		observe(VERIFIERS[2], 1, 1, 40, 600_000_000);
		let record = Reports::<Test>::get(1, 1).unwrap();
		assert!(record.quorum);
		// Median uptime 40 s, median bandwidth 600 MB (the others within 6 s and 60 MB): both
		// cap the report.
		assert_eq!(record.verified.uptime_secs, 40);
		assert_eq!(record.verified.bandwidth_bytes, 600_000_000);
		// 40 s of 60 is 66 %: no bonus. 100·40/3600 = 1, plus 600 MB.
		assert_eq!(record.points, 601);
		assert_eq!(Epochs::<Test>::get(1).class(DeviceClass::Connectivity).points, 601);
		assert_eq!(
			last_event(),
			Event::ObservationsAccepted { verifier: VERIFIERS[2], epoch: 1, count: 1 }.into()
		);
		assert_eq!(Bonds::<Test>::get(VERIFIERS[2]).unwrap().last_epoch, Some(1));
		assert_eq!(PendingJudgements::<Test>::get(VERIFIERS[2]), 1);
	});
}

#[test]
fn a_quorum_needs_agreement_on_uptime_and_output() {
	run_test(|| {
		pool_of_five();
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(1, 1, router_full())]
		));
		// Three observations, spread wider than the tolerance: no quorum.
		observe(VERIFIERS[0], 1, 1, 30, 500_000_000);
		observe(VERIFIERS[1], 1, 1, 50, 600_000_000);
		observe(VERIFIERS[2], 1, 1, 40, 720_000_000);
		assert!(!Reports::<Test>::get(1, 1).unwrap().quorum);
		// Agreeing on uptime is not enough: the output is more than 10 % apart.
		observe(VERIFIERS[3], 1, 1, 41, 100_000_000);
		observe(VERIFIERS[4], 1, 1, 42, 200_000_000);
		let record = Reports::<Test>::get(1, 1).unwrap();
		// Median uptime 41 (40, 41, 42 agree) but median output 500 MB: only 500 MB agrees.
		assert!(!record.quorum);
		assert_eq!(record.verified, router_full().uptime_only());
	});
}

#[test]
fn observations_before_the_report_count_when_it_arrives() {
	run_test(|| {
		pool_of_five();
		for (v, up) in VERIFIERS.iter().take(3).zip([60, 59, 58]) {
			observe_metrics(
				*v,
				1,
				0,
				Observed { uptime_secs: up, energy_wh: 80, ..Default::default() },
			);
		}
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(0, 1, solar_full())]
		));
		let record = Reports::<Test>::get(1, 0).unwrap();
		assert!(record.quorum);
		assert_eq!(record.verified.uptime_secs, 59);
		assert_eq!(record.verified.energy_wh, 80);
		// 59 of 60 s ≥ 95 %: bonus. 100·59/3600 = 1 + 80 = 81, +8.
		assert_eq!(record.points, 89);
	});
}

#[test]
fn attesting_needs_a_bond_a_serving_slot_and_valid_observations() {
	run_test(|| {
		let attest = |who, epoch, obs: Vec<(DeviceId, Observed)>| {
			Attestations::attest(RuntimeOrigin::signed(who), epoch, obs)
		};
		let seen = Observed { uptime_secs: 30, ..Default::default() };
		assert_noop!(attest(VERIFIERS[0], 0, vec![(0, seen)]), Error::<Test>::NotBonded);
		assert_noop!(
			Attestations::bond(RuntimeOrigin::signed(VERIFIERS[0]), MIN_BOND - 1),
			Error::<Test>::BondTooSmall
		);
		assert_noop!(
			Attestations::bond(RuntimeOrigin::signed(POOR), MIN_BOND),
			Error::<Test>::CannotAffordBond
		);
		assert_noop!(Attestations::bond(RuntimeOrigin::none(), MIN_BOND), DispatchError::BadOrigin);
		bond_all(VERIFIERS);
		// Bonded in epoch 0: serving from epoch 1 (and epoch 0 has no draw anyway).
		assert_noop!(attest(VERIFIERS[0], 0, vec![(0, seen)]), Error::<Test>::NotInPool);
		run_to(EPOCH_LENGTH.into());
		assert_noop!(attest(VERIFIERS[0], 1, vec![]), Error::<Test>::EmptyBatch);
		assert_noop!(
			attest(VERIFIERS[0], 1, (0..101).map(|_| (0, seen)).collect()),
			Error::<Test>::BatchTooLarge
		);
		assert_noop!(attest(VERIFIERS[0], 3, vec![(0, seen)]), Error::<Test>::EpochNotOpen);
		assert_noop!(
			attest(VERIFIERS[0], 1, vec![(0, seen), (77, seen)]),
			bad_observation(1, ObservationError::UnknownDevice)
		);
		assert_noop!(
			attest(
				VERIFIERS[0],
				1,
				vec![(0, Observed { uptime_secs: EPOCH_SECS + 1, ..Default::default() })]
			),
			bad_observation(0, ObservationError::OutOfBounds)
		);
		// Every metric is bounded: 5 kW for 60 s is 83 Wh, and a solar device serves no bytes.
		assert_noop!(
			attest(VERIFIERS[0], 1, vec![(0, Observed { energy_wh: 84, ..seen })]),
			bad_observation(0, ObservationError::OutOfBounds)
		);
		assert_noop!(
			attest(VERIFIERS[0], 1, vec![(0, Observed { bandwidth_bytes: 1, ..seen })]),
			bad_observation(0, ObservationError::OutOfBounds)
		);
		assert_noop!(
			attest(VERIFIERS[0], 1, vec![(0, seen), (0, seen)]),
			bad_observation(1, ObservationError::Duplicate)
		);
		// A batch is atomic: the first observation is not kept either.
		assert!(Observations::<Test>::get(1, 0).is_none());
		assert_ok!(attest(VERIFIERS[0], 1, vec![(0, seen), (1, seen)]));
		assert_noop!(
			attest(VERIFIERS[0], 1, vec![(2, seen), (0, seen)]),
			bad_observation(1, ObservationError::Duplicate)
		);
		assert_eq!(PendingJudgements::<Test>::get(VERIFIERS[0]), 2);
		// A bond slashed below the minimum cannot attest until topped up.
		let v = VERIFIERS[1];
		Bonds::<Test>::mutate(v, |b| b.as_mut().unwrap().amount = MIN_BOND - 1);
		<Balances as frame_support::traits::fungible::MutateHold<_>>::release(
			&HoldReason::VerifierBond.into(),
			&v,
			1,
			frame_support::traits::tokens::Precision::Exact,
		)
		.unwrap();
		assert_noop!(attest(v, 1, vec![(1, seen)]), Error::<Test>::BondTooSmall);
		assert_noop!(Attestations::bond(RuntimeOrigin::signed(v), 0), Error::<Test>::BondTooSmall);
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(v), 1));
		assert_eq!(last_event(), Event::Bonded { verifier: v, total: MIN_BOND }.into());
		assert_ok!(attest(v, 1, vec![(1, seen)]));
	});
}

#[test]
fn a_full_list_of_observers_refuses_more() {
	run_test(|| {
		pool_of_five();
		let seen = Observed { uptime_secs: 30, ..Default::default() };
		for v in VERIFIERS.into_iter().take(4) {
			observe_metrics(v, 1, 0, seen);
		}
		// Only five slots are assigned, each to one serving verifier, so a sixth observer cannot
		// arise by the calls; the list's bound is still checked. Fill the fifth place with a
		// bonded account outside the draw (bookkeeping kept consistent).
		let outsider = MORE_VERIFIERS[0];
		bond_all([outsider]);
		Observations::<Test>::mutate(1, 0, |list| {
			let list = list.as_mut().unwrap();
			list.try_push(crate::Observation { verifier: outsider, observed: seen }).unwrap();
		});
		PendingJudgements::<Test>::insert(outsider, 1);
		assert_noop!(
			Attestations::attest(RuntimeOrigin::signed(VERIFIERS[4]), 1, vec![(0, seen)]),
			bad_observation(0, ObservationError::TooManyObservers)
		);
	});
}

#[test]
fn judging_slashes_outlying_verifiers() {
	run_test(|| {
		pool_of_five();
		for (v, up) in VERIFIERS.iter().take(4).zip([40, 41, 42, 10]) {
			observe(*v, 1, 0, up, 0);
		}
		assert_noop!(
			Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 0),
			Error::<Test>::EpochNotFinal
		);
		// Closed at 22, but challengeable until 27: a report ruled fraudulent must credit nobody.
		run_to(22);
		assert_noop!(
			Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 0),
			Error::<Test>::EpochNotFinal
		);
		run_to(27);
		assert_noop!(
			Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 1),
			Error::<Test>::NothingToJudge
		);
		assert_noop!(
			Attestations::judge_observations(RuntimeOrigin::none(), 1, 0),
			DispatchError::BadOrigin
		);
		assert_ok!(Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 0));
		// Median 40; three within 10 % of 60 s = 6 s: a quorum, and only the verifier who saw
		// 10 s is an outlier.
		assert_eq!(Bonds::<Test>::get(VERIFIERS[3]).unwrap().amount, MIN_BOND - 20);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::VerifierBond.into(), &VERIFIERS[3]),
			MIN_BOND - 20
		);
		assert!(has_event(Event::VerifierSlashed { verifier: VERIFIERS[3], amount: 20 }));
		for v in VERIFIERS.into_iter().take(3) {
			assert_eq!(Bonds::<Test>::get(v).unwrap().amount, MIN_BOND);
			assert_eq!(PendingJudgements::<Test>::get(v), 0);
		}
		assert_eq!(
			last_event(),
			Event::ObservationsJudged { epoch: 1, device: 0, outliers: 1, credited: 0 }.into()
		);
		assert!(Observations::<Test>::get(1, 0).is_none());
		assert_noop!(
			Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 0),
			Error::<Test>::NothingToJudge
		);
	});
}

#[test]
fn judging_slashes_an_outlier_on_output_too() {
	run_test(|| {
		pool_of_five();
		for (v, bw) in VERIFIERS.iter().take(4).zip([600, 610, 620, 100]) {
			observe(*v, 1, 1, EPOCH_SECS, bw * 1_000_000);
		}
		run_to(27);
		assert_ok!(Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 1));
		assert_eq!(Bonds::<Test>::get(VERIFIERS[3]).unwrap().amount, MIN_BOND - 20);
		assert_eq!(Bonds::<Test>::get(VERIFIERS[0]).unwrap().amount, MIN_BOND);
	});
}

#[test]
fn half_the_observers_cannot_set_the_median() {
	run_test(|| {
		pool_of_five();
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(1, 1, router_full()), signed(0, 1, solar_full())]
		));
		// Two camps of two: two saw nothing, two saw the full report. The lower median would be
		// zero, but no value has a majority of the five assigned verifiers behind it.
		observe(VERIFIERS[0], 1, 1, 0, 0);
		observe(VERIFIERS[1], 1, 1, 0, 0);
		observe(VERIFIERS[2], 1, 1, EPOCH_SECS, 700_000_000);
		observe(VERIFIERS[3], 1, 1, EPOCH_SECS, 700_000_000);
		let router = Reports::<Test>::get(1, 1).unwrap();
		assert!(!router.quorum);
		assert_eq!(router.verified, router_full().uptime_only());
		// Two colluders at the full (fake) report and one honest verifier that saw the device
		// down: the colluders are a majority of the observers, not of the assigned verifiers.
		let full = Observed { uptime_secs: EPOCH_SECS, energy_wh: 80, ..Default::default() };
		observe_metrics(VERIFIERS[0], 1, 0, full);
		observe_metrics(VERIFIERS[1], 1, 0, full);
		observe(VERIFIERS[2], 1, 0, 0, 0);
		let solar = Reports::<Test>::get(1, 0).unwrap();
		assert!(!solar.quorum);
		// The output stays unverified: it earns nothing.
		assert_eq!(solar.verified, solar_full().uptime_only());
		assert_eq!(solar.points, 0);
		run_to(27);
		// Without a quorum nobody is slashed: neither camp of the router, nor the honest one.
		assert_ok!(Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 1));
		assert_eq!(
			last_event(),
			Event::ObservationsJudged { epoch: 1, device: 1, outliers: 0, credited: 0 }.into()
		);
		assert_ok!(Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 0));
		assert_eq!(
			last_event(),
			Event::ObservationsJudged { epoch: 1, device: 0, outliers: 0, credited: 0 }.into()
		);
		for v in VERIFIERS {
			assert_eq!(Bonds::<Test>::get(v).unwrap().amount, MIN_BOND);
		}
	});
}

#[test]
fn a_majority_of_honest_verifiers_outvotes_two_colluders() {
	run_test(|| {
		pool_of_five();
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(0, 1, solar_full())]
		));
		let full = Observed { uptime_secs: EPOCH_SECS, energy_wh: 80, ..Default::default() };
		observe_metrics(VERIFIERS[0], 1, 0, full);
		observe_metrics(VERIFIERS[1], 1, 0, full);
		for v in &VERIFIERS[2..] {
			observe(*v, 1, 0, 0, 0);
		}
		// Three of five saw the device down: the verified report is nothing.
		let solar = Reports::<Test>::get(1, 0).unwrap();
		assert!(solar.quorum);
		assert_eq!(solar.verified, Metrics::default());
		assert_eq!(solar.points, 0);
		run_to(27);
		assert_ok!(Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 0));
		// The colluders are slashed, the honest majority is not.
		assert_eq!(Bonds::<Test>::get(VERIFIERS[0]).unwrap().amount, MIN_BOND - 20);
		assert_eq!(Bonds::<Test>::get(VERIFIERS[1]).unwrap().amount, MIN_BOND - 20);
		for v in &VERIFIERS[2..] {
			assert_eq!(Bonds::<Test>::get(v).unwrap().amount, MIN_BOND);
		}
	});
}

#[test]
fn state_appointed_verifiers_cannot_reach_quorum() {
	run_test(|| {
		// Every account of the pool holds the Verifier role of the device's state: the role
		// confers nothing any more.
		for v in VERIFIERS.into_iter().chain(MORE_VERIFIERS) {
			MockRoles::grant(STATE, v, Role::Verifier);
		}
		// A role holder that never bonded.
		MockRoles::grant(STATE, STRANGER, Role::Verifier);
		bond_all(VERIFIERS.into_iter().chain(MORE_VERIFIERS));
		run_to(EPOCH_LENGTH.into());
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(0, 1, solar_full())]
		));
		let full = Observed { uptime_secs: EPOCH_SECS, energy_wh: 80, ..Default::default() };
		assert_noop!(
			Attestations::attest(RuntimeOrigin::signed(STRANGER), 1, vec![(0, full)]),
			Error::<Test>::NotBonded
		);
		let assigned = Attestations::assigned_verifiers(1, 0);
		assert_eq!(assigned.len(), 5);
		let unassigned: Vec<_> =
			VERIFIERS.into_iter().chain(MORE_VERIFIERS).filter(|v| !assigned.contains(v)).collect();
		assert_eq!(unassigned.len(), 6);
		// Three bonded role holders the draw did not pick cannot attest the device.
		for v in unassigned.iter().take(3) {
			assert_noop!(
				Attestations::attest(RuntimeOrigin::signed(*v), 1, vec![(0, full)]),
				bad_observation(0, ObservationError::NotAssigned)
			);
		}
		assert!(!Reports::<Test>::get(1, 0).unwrap().quorum);
		// The assigned ones can.
		for v in assigned.iter().take(3) {
			observe_metrics(*v, 1, 0, full);
		}
		let record = Reports::<Test>::get(1, 0).unwrap();
		assert!(record.quorum);
		assert_eq!(record.points, 89);
	});
}

#[test]
fn the_devices_own_side_cannot_verify_it() {
	run_test(|| {
		let steward = MORE_VERIFIERS[0];
		MockRoles::grant(STATE, steward, Role::Steward);
		// A pool of five: everyone is assigned to every device.
		bond_all([OWNER, OPERATOR, ADMIN, steward, VERIFIERS[0]]);
		run_to(EPOCH_LENGTH.into());
		let seen = Observed { uptime_secs: 30, ..Default::default() };
		let attest = |who: AccountId, device: DeviceId| {
			Attestations::attest(RuntimeOrigin::signed(who), 1, vec![(device, seen)])
		};
		for (who, device) in [(OWNER, 0), (OWNER, 1), (OPERATOR, 1), (ADMIN, 0), (steward, 2)] {
			assert!(Attestations::assigned_verifiers(1, device).contains(&who));
			assert_noop!(
				attest(who, device),
				bad_observation(0, ObservationError::ConflictOfInterest)
			);
		}
		// OPERATOR runs device 1 only; it may verify device 0. VERIFIERS[0] may verify any.
		assert_ok!(attest(OPERATOR, 0));
		assert_ok!(attest(VERIFIERS[0], 1));
		// Another state's device: the steward and the admin of STATE are no conflict there.
		MockDevices::update(2, |d| d.state = 7);
		assert_ok!(attest(steward, 2));
		assert_ok!(attest(ADMIN, 2));
	});
}

#[test]
fn a_verifier_unbonds_after_leaving_once_judged_and_final() {
	run_test(|| {
		let v = VERIFIERS[0];
		let unbond = || Attestations::unbond(RuntimeOrigin::signed(v));
		assert_noop!(unbond(), Error::<Test>::NotBonded);
		assert_noop!(Attestations::leave_pool(RuntimeOrigin::signed(v)), Error::<Test>::NotBonded);
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(v), MIN_BOND));
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(v), 10));
		assert_eq!(last_event(), Event::Bonded { verifier: v, total: MIN_BOND + 10 }.into());
		bond_all(VERIFIERS.into_iter().skip(1));
		run_to(EPOCH_LENGTH.into());
		observe(v, 1, 0, 30, 0);
		// Still in the pool.
		assert_noop!(unbond(), Error::<Test>::StillServing);
		assert_ok!(Attestations::leave_pool(RuntimeOrigin::signed(v)));
		assert_eq!(last_event(), Event::LeftPool { verifier: v, last_epoch: 1 }.into());
		assert_eq!(Bonds::<Test>::get(v).unwrap().serves_until, Some(2));
		assert_noop!(
			Attestations::leave_pool(RuntimeOrigin::signed(v)),
			Error::<Test>::AlreadyLeaving
		);
		// It serves through epoch 1, which is still open.
		assert_noop!(unbond(), Error::<Test>::StillServing);
		observe(v, 1, 1, 30, 0);
		// Epoch 1 closes at 22; it is final after the 5-block challenge window.
		run_to(22);
		assert_noop!(unbond(), Error::<Test>::BondLocked);
		run_to(26);
		assert_noop!(unbond(), Error::<Test>::BondLocked);
		run_to(27);
		assert_noop!(unbond(), Error::<Test>::ObservationsNotJudged);
		assert_ok!(Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 0));
		assert_noop!(unbond(), Error::<Test>::ObservationsNotJudged);
		assert_ok!(Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 1));
		let free = Balances::balance(&v);
		assert_ok!(unbond());
		assert_eq!(last_event(), Event::Unbonded { verifier: v, amount: MIN_BOND + 10 }.into());
		assert_eq!(Balances::balance(&v), free + MIN_BOND + 10);
		assert!(Bonds::<Test>::get(v).is_none());
		assert_eq!(Balances::balance_on_hold(&HoldReason::VerifierBond.into(), &v), 0);
		assert_noop!(unbond(), Error::<Test>::NotBonded);
	});
}

#[test]
fn a_verifier_that_never_served_unbonds_at_once() {
	run_test(|| {
		let v = VERIFIERS[0];
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(v), MIN_BOND));
		assert_noop!(Attestations::unbond(RuntimeOrigin::signed(v)), Error::<Test>::StillServing);
		assert_ok!(Attestations::leave_pool(RuntimeOrigin::signed(v)));
		// It would have served from epoch 1: it serves nowhere.
		assert_eq!(Bonds::<Test>::get(v).unwrap().serves_until, Some(1));
		assert_ok!(Attestations::unbond(RuntimeOrigin::signed(v)));
		assert_eq!(Balances::balance_on_hold(&HoldReason::VerifierBond.into(), &v), 0);
		// Its slot goes to the next verifier.
		assert_eq!(VacantSlots::<Test>::get().into_inner(), vec![0]);
		bond_all([VERIFIERS[1]]);
		assert_eq!(Bonds::<Test>::get(VERIFIERS[1]).unwrap().slot, 0);
		assert_eq!(SlotCount::<Test>::get(), 1);
	});
}

#[test]
fn a_slashed_verifier_unbonds_what_is_left() {
	run_test(|| {
		pool_of_five();
		for (v, up) in VERIFIERS.iter().take(4).zip([40, 41, 42, 10]) {
			observe(*v, 1, 0, up, 0);
		}
		let v = VERIFIERS[3];
		assert_ok!(Attestations::leave_pool(RuntimeOrigin::signed(v)));
		run_to(27);
		assert_noop!(
			Attestations::unbond(RuntimeOrigin::signed(v)),
			Error::<Test>::ObservationsNotJudged
		);
		let total = Balances::total_balance(&v);
		assert_ok!(Attestations::judge_observations(RuntimeOrigin::signed(STRANGER), 1, 0));
		assert_eq!(Balances::total_balance(&v), total - 20);
		let free = Balances::balance(&v);
		assert_ok!(Attestations::unbond(RuntimeOrigin::signed(v)));
		assert_eq!(last_event(), Event::Unbonded { verifier: v, amount: MIN_BOND - 20 }.into());
		assert_eq!(Balances::balance(&v), free + MIN_BOND - 20);
	});
}
