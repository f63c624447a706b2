//! Live KPIs of deployments and blueprints, and ranking blueprints by them.

use super::*;
use crate::{BlueprintCount, BlueprintKpis, DeploymentKpis, Error};
use atlas_primitives::{EpochDevices, KpiKind, OnDelivery, OnRewardPaid, RecentDevices};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

#[test]
fn deployment_kpis_follow_member_deliveries_and_payments() {
	run_test(|| {
		let (_, d) = deployment_with_two_devices();
		assert_eq!(Deployments::deployment_kpis(d).unwrap().totals, Default::default());
		let w = <Deployments as OnDelivery>::on_delivery(1, 0, None, &delivery(3_600, 400, 40));
		assert_eq!(w, <() as crate::WeightInfo>::note_delivery());
		<Deployments as OnDelivery>::on_delivery(2, 0, None, &delivery(1_800, 100, 10));
		// Device 3 is in no deployment: nothing is counted, and it costs a single read.
		let w = <Deployments as OnDelivery>::on_delivery(3, 0, None, &delivery(3_600, 999, 99));
		assert_eq!(w, <() as crate::WeightInfo>::note_delivery_outside());
		// Verifiers cap device 2's uptime: the change replaces its earlier figures.
		<Deployments as OnDelivery>::on_delivery(
			2,
			0,
			Some(&delivery(1_800, 100, 10)),
			&delivery(900, 100, 5),
		);
		<Deployments as OnRewardPaid<Balance>>::on_reward_paid(1, 700);
		<Deployments as OnRewardPaid<Balance>>::on_reward_paid(3, 50);
		<Deployments as OnDelivery>::on_delivery(1, 1, None, &delivery(3_600, 300, 30));

		let view = Deployments::deployment_kpis(d).unwrap();
		let k = view.totals;
		assert_eq!((k.device_epochs, k.uptime_secs, k.possible_secs), (3, 8_100, 10_800));
		assert_eq!((k.energy_wh, k.points, k.rewards), (800, 75, 700));
		assert_eq!(view.uptime_ratio, Perbill::from_percent(75));
		assert_eq!(
			view.recent,
			RecentDevices([
				EpochDevices { epoch: 1, devices: 1 },
				EpochDevices { epoch: 0, devices: 2 }
			])
		);
		// Devices active counts the latest closed epoch only.
		assert_eq!(view.devices_active, 0);
		MockClosedEpochs::close_before(1);
		assert_eq!(Deployments::deployment_kpis(d).unwrap().devices_active, 2);
		MockClosedEpochs::close_before(2);
		assert_eq!(Deployments::deployment_kpis(d).unwrap().devices_active, 1);
		assert_eq!(Deployments::deployment_kpis(9), None);
		MockClosedEpochs::close_before(0);
	});
}

#[test]
fn blueprint_kpis_sum_source_and_adoptions() {
	run_test(|| {
		let (a, d0) = deployment_with_two_devices();
		<Deployments as OnDelivery>::on_delivery(1, 0, None, &delivery(3_600, 400, 40));
		// Published from d0 after it reported: its figures are the blueprint's first evidence.
		assert_ok!(Deployments::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(Some(d0))));
		assert_eq!(
			Deployments::blueprint_kpis(0).unwrap().totals,
			DeploymentKpis::<Test>::get(d0).totals
		);
		assert_eq!(DeploymentKpis::<Test>::get(d0).blueprint, Some(0));
		// d0 already counts toward blueprint 0: it cannot source another or adopt one.
		assert_noop!(
			Deployments::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(Some(d0))),
			Error::<Test>::DeploymentInBlueprint
		);
		assert_ok!(Deployments::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(None)));
		assert_noop!(
			Deployments::adopt_blueprint(RuntimeOrigin::signed(ALICE), 1, d0),
			Error::<Test>::DeploymentInBlueprint
		);
		// State B replicates it: its deployment's deliveries (and earlier ones) join the sum.
		let b = register_state_of(BOB, BOB);
		let d1 = create_deployment_of(BOB, b);
		MockDevices::register(10, BOB, b);
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(BOB), d1, 10));
		<Deployments as OnDelivery>::on_delivery(10, 0, None, &delivery(1_800, 200, 20));
		assert_ok!(Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), 0, d1));
		<Deployments as OnDelivery>::on_delivery(10, 1, None, &delivery(3_600, 300, 30));
		<Deployments as OnDelivery>::on_delivery(2, 1, None, &delivery(3_600, 100, 10));
		<Deployments as OnRewardPaid<Balance>>::on_reward_paid(10, 1_000);
		let bp = Deployments::blueprint_kpis(0).unwrap();
		assert_eq!(bp.totals.device_epochs, 4);
		assert_eq!(bp.totals.energy_wh, 400 + 200 + 300 + 100);
		assert_eq!(bp.totals.rewards, 1_000);
		assert_eq!(bp.uptime_ratio, Perbill::from_rational(12_600u32, 14_400u32));
		assert_eq!(bp.recent.0[0], EpochDevices { epoch: 1, devices: 2 });
		// The other blueprint has no deployments: nothing counted.
		assert_eq!(Deployments::blueprint_kpis(1).unwrap().totals, Default::default());
		// B closes its deployment: its figures leave the blueprint's.
		assert_ok!(Deployments::remove_device(RuntimeOrigin::signed(BOB), d1, 10));
		assert_ok!(Deployments::close_deployment(RuntimeOrigin::signed(BOB), d1));
		assert_eq!(
			Deployments::blueprint_kpis(0).unwrap().totals,
			DeploymentKpis::<Test>::get(d0).totals
		);
		assert!(!DeploymentKpis::<Test>::contains_key(d1));
		// Retiring the blueprint unlinks its source.
		assert_ok!(Deployments::retire_blueprint(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(DeploymentKpis::<Test>::get(d0).blueprint, None);
		assert!(!BlueprintKpis::<Test>::contains_key(0));
		assert_eq!(Deployments::blueprint_kpis(0), None);
		assert_eq!(BlueprintCount::<Test>::get(), 1);
		// Now free, d0 may adopt blueprint 1.
		assert_ok!(Deployments::adopt_blueprint(RuntimeOrigin::signed(ALICE), 1, d0));
		assert_eq!(
			Deployments::blueprint_kpis(1).unwrap().totals,
			DeploymentKpis::<Test>::get(d0).totals
		);
	});
}

#[test]
fn blueprints_are_ranked_by_any_kpi_in_pages() {
	run_test(|| {
		let a = register_state_of(ALICE, ALICE);
		// Three deployments, each the source of a blueprint, device 1 + i in deployment i.
		for i in 0..3u64 {
			let d = create_deployment_of(ALICE, a);
			MockDevices::register(1 + i, ALICE, a);
			assert_ok!(Deployments::add_device(RuntimeOrigin::signed(ALICE), d, 1 + i));
			assert_ok!(Deployments::publish_blueprint(
				RuntimeOrigin::signed(ALICE),
				a,
				spec(Some(d))
			));
		}
		// Energy: blueprint 1 > 2 > 0. Uptime ratio: 0 > 2 > 1.
		<Deployments as OnDelivery>::on_delivery(1, 0, None, &delivery(3_600, 100, 1));
		<Deployments as OnDelivery>::on_delivery(2, 0, None, &delivery(1_000, 900, 1));
		<Deployments as OnDelivery>::on_delivery(3, 0, None, &delivery(2_000, 500, 1));
		let ids = |kind, cursor, limit| {
			let page = Deployments::blueprints_ranked(kind, cursor, limit);
			(page.items.iter().map(|(id, _)| *id).collect::<Vec<_>>(), page.next)
		};
		assert_eq!(ids(KpiKind::Energy, None, 2), (vec![1, 2], Some(2)));
		assert_eq!(ids(KpiKind::Energy, Some(2), 2), (vec![0], None));
		assert_eq!(ids(KpiKind::UptimeRatio, None, 100), (vec![0, 2, 1], None));
		// Ties rank by id.
		assert_eq!(ids(KpiKind::Points, None, 100), (vec![0, 1, 2], None));
		assert_eq!(ids(KpiKind::Energy, Some(3), 2), (vec![], None));
		let first = Deployments::blueprints_ranked(KpiKind::Energy, None, 1);
		assert_eq!(first.items[0].1.totals.energy_wh, 900);
	});
}

/// Low (KPI invariant): a device delivers in deployment d0 (blueprint 0), moves to d1, which
/// adopted blueprint 1 and has no figures yet, and its earlier epoch is corrected down. Before,
/// the correction saturated at zero on d1 but was taken in full from blueprint 1, whose figures
/// then differed from the sum over its deployments (`try_state` failed). A change lands on the
/// device's deployment and its blueprint by exactly the same amount.
#[test]
fn a_device_moving_between_deployments_keeps_blueprint_sums_exact() {
	run_test(|| {
		let (a, d0) = deployment_with_two_devices();
		let d1 = create_deployment_of(ALICE, a);
		let b1 = publish_of(ALICE, a, None);
		assert_ok!(Deployments::adopt_blueprint(RuntimeOrigin::signed(ALICE), b1, d1));
		// Another adopter gives blueprint 1 figures of its own.
		let d2 = create_deployment_of(ALICE, a);
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(ALICE), d2, 3));
		assert_ok!(Deployments::adopt_blueprint(RuntimeOrigin::signed(ALICE), b1, d2));
		<Deployments as OnDelivery>::on_delivery(3, 0, None, &delivery(3_600, 500, 50));
		<Deployments as OnDelivery>::on_delivery(1, 0, None, &delivery(3_600, 400, 40));
		assert_ok!(Deployments::remove_device(RuntimeOrigin::signed(ALICE), d0, 1));
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(ALICE), d1, 1));
		// Verifiers cut device 1's epoch 0 after the move.
		<Deployments as OnDelivery>::on_delivery(
			1,
			0,
			Some(&delivery(3_600, 400, 40)),
			&delivery(1_800, 100, 10),
		);
		let sum = {
			let mut s = DeploymentKpis::<Test>::get(d1).totals;
			s.add(&DeploymentKpis::<Test>::get(d2).totals);
			s
		};
		assert_eq!(BlueprintKpis::<Test>::get(b1).totals, sum);
		// Blueprint 1 keeps all of d2's figures.
		assert_eq!(BlueprintKpis::<Test>::get(b1).totals.energy_wh, 500 + 100);
	});
}
