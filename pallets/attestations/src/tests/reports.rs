//! Submitting reports: who may report, batch errors, physical bounds, open epochs only.

use super::*;

#[test]
fn submit_reports_records_points_and_keeps_totals() {
	run_test(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full()), signed(1, 0, router_full())]
		));
		// Without verifier quorum, reports keep 50 % of their points.
		let solar = Reports::<Test>::get(0, 0).unwrap();
		assert_eq!(
			solar,
			DeviceRecord {
				class: DeviceClass::Energy,
				reported: solar_full(),
				verified: solar_full(),
				quorum: false,
				points: 44,
				fraudulent: false,
			}
		);
		let router = Reports::<Test>::get(0, 1).unwrap();
		assert_eq!(router.points, 771 / 2);
		let summary = Epochs::<Test>::get(0);
		assert_eq!(summary.class(DeviceClass::Energy), &ClassTotal { points: 44, devices: 1 });
		assert_eq!(
			summary.class(DeviceClass::Connectivity),
			&ClassTotal { points: 385, devices: 1 }
		);
		assert_eq!(
			last_event(),
			Event::ReportsAccepted { submitter: OWNER, epoch: 0, count: 2, points: 44 + 385 }
				.into()
		);
		assert_eq!(Attestations::device_points(0, 0), Some((DeviceClass::Energy, 44)));
		assert_eq!(Attestations::class_total(0, DeviceClass::Connectivity), 385);
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
