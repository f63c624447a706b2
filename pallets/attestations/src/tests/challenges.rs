//! Challenges: a fraud ruling zeroes the report and pays the challenger, a failed one the owner.

use super::*;

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
