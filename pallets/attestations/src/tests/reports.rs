//! Submitting reports: who may report, batch errors, physical bounds, open epochs only.

use super::*;
use atlas_primitives::DeviceSpec;

#[test]
fn submit_reports_records_points_and_keeps_totals() {
	run_test(|| {
		// Uptime pays 36 000 points an hour for energy devices (600 for a full epoch).
		assert_ok!(Attestations::set_class_params(
			RuntimeOrigin::root(),
			DeviceClass::Energy,
			ScoringParams {
				uptime_weight: 36_000,
				..ScoringParams::default_for(DeviceClass::Energy)
			}
		));
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full()), signed(1, 0, router_full())]
		));
		// Without verifier quorum, reports keep 50 % of their uptime points; their output earns
		// nothing: 600 + 10 % bonus = 660, halved.
		let solar = Reports::<Test>::get(0, 0).unwrap();
		assert_eq!(
			solar,
			DeviceRecord {
				class: DeviceClass::Energy,
				reported: solar_full(),
				verified: solar_full().uptime_only(),
				quorum: false,
				points: 330,
				fraudulent: false,
				allowance_taken: 0,
			}
		);
		// 100·60/3600 = 1 (+10 % floored), halved to 0.
		let router = Reports::<Test>::get(0, 1).unwrap();
		assert_eq!(router.points, 0);
		assert_eq!(router.verified, router_full().uptime_only());
		let summary = Epochs::<Test>::get(0);
		assert_eq!(summary.class(DeviceClass::Energy), &ClassTotal { points: 330, devices: 1 });
		assert_eq!(summary.class(DeviceClass::Connectivity), &ClassTotal { points: 0, devices: 1 });
		assert_eq!(
			last_event(),
			Event::ReportsAccepted { submitter: OWNER, epoch: 0, count: 2, points: 330 }.into()
		);
		assert_eq!(Attestations::device_points(0, 0), Some((DeviceClass::Energy, 330)));
		assert_eq!(Attestations::class_total(0, DeviceClass::Energy), 330);
		assert_eq!(Attestations::class_total(0, DeviceClass::Connectivity), 0);
		let attested = Attestations::attested(0, 0).unwrap();
		assert!(!attested.quorum);
		assert_eq!(attested.verification, Perbill::from_percent(50));
		assert_eq!(attested.uptime_bonus, Perbill::from_percent(10));
	});
}

#[test]
fn unverified_output_earns_nothing() {
	run_test(|| {
		// A fake sensor claiming the most samples its spec allows: 1 000 a second, 60 000 in the
		// epoch, 10 points each. Before, half of that was paid without any verifier.
		MockDevices::update(3, |d| {
			d.spec = DeviceSpec::Sensing {
				sensor_kind: atlas_primitives::SensorKind::Weather,
				samples_per_hour: 3_600_000,
			}
		});
		let fake = Metrics { uptime_secs: EPOCH_SECS, samples: 60_000, ..Default::default() };
		let too_many = Metrics { samples: 60_001, ..fake };
		assert_noop!(
			Attestations::submit_reports(
				RuntimeOrigin::signed(OWNER),
				0,
				vec![signed(3, 0, too_many)]
			),
			bad_report(0, ReportError::SamplesOutOfBounds)
		);
		let params = ScoringParams {
			uptime_weight: 36_000,
			..ScoringParams::default_for(DeviceClass::Sensing)
		};
		assert_ok!(Attestations::set_class_params(
			RuntimeOrigin::root(),
			DeviceClass::Sensing,
			params
		));
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(3, 0, fake)]
		));
		let record = Reports::<Test>::get(0, 3).unwrap();
		assert!(!record.quorum);
		assert_eq!(record.reported, fake);
		assert_eq!(record.verified, fake.uptime_only());
		// Only the discounted uptime: (600 + 10 %) / 2.
		assert_eq!(record.points, 330);
		assert_eq!(
			params.score(DeviceClass::Sensing, &fake, EPOCH_SECS),
			(600 + 600_000) * 11 / 10
		);
		assert_eq!(delivered(3).samples, 0);
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
fn a_device_activated_during_grace_cannot_report_the_epoch() {
	run_test(|| {
		let submit = |epoch, device, metrics| {
			Attestations::submit_reports(
				RuntimeOrigin::signed(OWNER),
				epoch,
				vec![signed(device, epoch, metrics)],
			)
		};
		// Epoch 0 ends at block 10 and is open until 12. A device (re)activated at block 11
		// was not active in epoch 0: it cannot claim it, not even with zero uptime.
		run_to(11);
		MockDevices::update(0, |d| d.active_since = 11);
		assert_noop!(submit(0, 0, solar_full()), bad_report(0, ReportError::NotActiveInEpoch));
		assert_noop!(
			submit(0, 0, Metrics::default()),
			bad_report(0, ReportError::NotActiveInEpoch)
		);
		// Activated at the epoch's end, block 10: still not active in it.
		MockDevices::update(0, |d| d.active_since = 10);
		assert_noop!(
			submit(0, 0, Metrics::default()),
			bad_report(0, ReportError::NotActiveInEpoch)
		);
		// Epoch 1 it can report, for the blocks it was active: 11 to 20, 54 s.
		MockDevices::update(0, |d| d.active_since = 11);
		assert_eq!(Attestations::active_secs(1, 11), 54);
		assert_noop!(
			submit(1, 0, Metrics { uptime_secs: 55, ..Default::default() }),
			bad_report(0, ReportError::UptimeOutOfBounds)
		);
		assert_ok!(submit(1, 0, Metrics { uptime_secs: 54, ..Default::default() }));
	});
}

#[test]
fn a_device_activated_mid_epoch_reports_only_its_active_part() {
	run_test(|| {
		let submit = |metrics| {
			Attestations::submit_reports(
				RuntimeOrigin::signed(OWNER),
				0,
				vec![signed(0, 0, metrics)],
			)
		};
		// Active from block 5: blocks 5 to 10 of epoch 0, 30 s.
		MockDevices::update(0, |d| d.active_since = 5);
		assert_eq!(Attestations::active_secs(0, 5), 30);
		assert_noop!(
			submit(Metrics { uptime_secs: 31, ..Default::default() }),
			bad_report(0, ReportError::UptimeOutOfBounds)
		);
		// 5 kW for 30 s is 41 Wh.
		assert_noop!(
			submit(Metrics { uptime_secs: 30, energy_wh: 42, ..Default::default() }),
			bad_report(0, ReportError::EnergyOutOfBounds)
		);
		assert_ok!(submit(Metrics { uptime_secs: 30, energy_wh: 41, ..Default::default() }));
		assert_eq!(Reports::<Test>::get(0, 0).unwrap().reported.uptime_secs, 30);
	});
}

#[test]
fn observations_are_bounded_by_the_active_part_of_the_epoch() {
	run_test(|| {
		pool_of_five();
		// Active from block 15: 30 s of epoch 1.
		MockDevices::update(0, |d| d.active_since = 15);
		let attest = |uptime| {
			Attestations::attest(
				RuntimeOrigin::signed(VERIFIERS[0]),
				1,
				vec![(0, Observed { uptime_secs: uptime, ..Default::default() })],
			)
		};
		assert_noop!(attest(31), bad_observation(0, ObservationError::OutOfBounds));
		assert_ok!(attest(30));
	});
}

#[test]
fn governance_may_require_a_maker_certificate() {
	run_test(|| {
		let submit = |device, metrics| {
			Attestations::submit_reports(
				RuntimeOrigin::signed(OWNER),
				0,
				vec![signed(device, 0, metrics)],
			)
		};
		assert_noop!(
			Attestations::set_maker_requirement(
				RuntimeOrigin::signed(OWNER),
				DeviceClass::Sensing,
				true
			),
			DispatchError::BadOrigin
		);
		assert_ok!(Attestations::set_maker_requirement(
			RuntimeOrigin::root(),
			DeviceClass::Sensing,
			true
		));
		assert_eq!(
			last_event(),
			Event::MakerRequirementSet { class: DeviceClass::Sensing, required: true }.into()
		);
		assert!(MakerRequired::<Test>::get(DeviceClass::Sensing));
		let sample = Metrics { uptime_secs: 30, samples: 1, ..Default::default() };
		assert_noop!(submit(3, sample), bad_report(0, ReportError::NotMakerAttested));
		// Other classes are not concerned.
		assert_ok!(submit(0, solar_full()));
		// A device with a maker certificate reports.
		MockDevices::update(3, |d| d.maker_attested = true);
		assert_ok!(submit(3, sample));
		// Lifting the requirement lets unattested devices report again.
		MockDevices::add(
			4,
			OWNER,
			DeviceSpec::Sensing {
				sensor_kind: atlas_primitives::SensorKind::Weather,
				samples_per_hour: 60,
			},
			atlas_primitives::DeviceKey::Sr25519(device_pair(4).public()),
		);
		assert_noop!(submit(4, sample), bad_report(0, ReportError::NotMakerAttested));
		assert_ok!(Attestations::set_maker_requirement(
			RuntimeOrigin::root(),
			DeviceClass::Sensing,
			false
		));
		assert_ok!(submit(4, sample));
	});
}

#[test]
fn a_revoked_operator_reports_no_more() {
	// The attack: the state revokes an operator's role, but the device's record still names
	// it, so it keeps reporting (and earning the device points it fakes).
	run_test(|| {
		MockRoles::revoke(STATE, OPERATOR, Role::Operator);
		assert_noop!(
			Attestations::submit_reports(
				RuntimeOrigin::signed(OPERATOR),
				0,
				vec![signed(1, 0, router_full())]
			),
			bad_report(0, ReportError::NotOperator)
		);
		// The owner still reports.
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(1, 0, router_full())]
		));
	});
}
