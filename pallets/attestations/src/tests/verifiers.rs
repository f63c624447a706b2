//! Verifiers: bonds, observations, the quorum median and judging outliers.

use super::*;

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
fn attesting_needs_a_bond_the_verifier_role_and_valid_observations() {
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
