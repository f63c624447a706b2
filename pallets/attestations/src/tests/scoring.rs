//! Scoring: points from metrics by uptime thresholds and bonus, class params set by governance.

use super::*;

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
fn governance_sets_class_params() {
	run_test(|| {
		let params = ScoringParams {
			uptime_weight: 0,
			output_weight: 2_000_000,
			min_uptime: Perbill::zero(),
			bonus_uptime: Perbill::one(),
			bonus: Perbill::zero(),
			warmup_epochs: 0,
			cap_multiple: 0,
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
		// Without quorum only the uptime counts, and it pays nothing under these parameters.
		assert_eq!(Reports::<Test>::get(0, 0).unwrap().points, 0);
		// Verified, 2 points per Wh.
		pool_of_five();
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(0, 1, solar_full())]
		));
		quorum_observes(1, 0, solar_full());
		assert_eq!(Reports::<Test>::get(1, 0).unwrap().points, 160);
	});
}
