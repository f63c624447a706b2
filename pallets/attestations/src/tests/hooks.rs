//! What other pallets are told: reports to rewards, verified deliveries to the registry.

use super::*;

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
		pool_of_five();
		let secs = Attestations::epoch_secs();
		let result = Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(0, 1, solar_full()), signed(1, 1, router_full())],
		)
		.unwrap();
		// Charged for the most the hook can use, refunded to what it used (100 each in the mock).
		assert_eq!(
			result.actual_weight,
			Some(Attestations::reports_weight(2, 0) - Weight::from_parts(2 * (300 - 100), 0))
		);
		// Unverified, the solar device delivered its uptime only.
		let solar = delivered(0);
		assert_eq!((solar.device_epochs, solar.possible_secs), (1, u64::from(secs)));
		assert_eq!((solar.uptime_secs, solar.energy_wh, solar.points), (u64::from(secs), 0, 0));
		// A quorum confirms it: the registry learns the verified energy.
		quorum_observes(1, 0, solar_full());
		let solar = delivered(0);
		assert_eq!(solar.device_epochs, 1);
		assert_eq!((solar.energy_wh, solar.points), (u64::from(solar_full().energy_wh), 89));
		// Quorum caps the router's report: the registry learns the verified figures.
		observe(VERIFIERS[0], 1, 1, 38, 590_000_000);
		observe(VERIFIERS[1], 1, 1, 42, 640_000_000);
		observe(VERIFIERS[2], 1, 1, 40, 600_000_000);
		let router = delivered(1);
		assert_eq!(router.device_epochs, 1);
		assert_eq!(
			(router.uptime_secs, router.bandwidth_bytes, router.points),
			(40, 600_000_000, 601)
		);
		// A fraud ruling zeroes what the solar device delivered; it stays counted.
		run_to(20);
		assert_ok!(Attestations::challenge(RuntimeOrigin::signed(STRANGER), 1, 0, H256::zero()));
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 1, 0, true));
		let solar = delivered(0);
		assert_eq!(
			(solar.device_epochs, solar.energy_wh, solar.uptime_secs, solar.points),
			(1, 0, 0, 0)
		);
		assert_eq!(solar.possible_secs, u64::from(secs));
		// Observations after the ruling change nothing of a fraudulent report.
		observe(VERIFIERS[3], 1, 0, EPOCH_SECS, 0);
		assert_eq!(delivered(0).points, 0);
		assert_eq!(Reports::<Test>::get(1, 0).unwrap().points, 0);
		// What was told sums to what is stored.
		for device in [0, 1] {
			let mut expected = atlas_primitives::Kpi::default();
			expected.apply(None, &Reports::<Test>::get(1, device).unwrap().delivery(secs));
			assert_eq!(delivered(device), expected);
		}
	});
}
