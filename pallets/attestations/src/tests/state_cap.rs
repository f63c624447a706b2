//! The per-state share cap: a state flooding a class with unverified reports takes no more than
//! the governance-set share of the class's points in the previous epoch; reports verified by a
//! quorum of the pool are never capped; a batch spans a bounded number of states.

use super::*;
use crate::{StateShareCap, StateUnverified};
use atlas_primitives::{DeviceKey, DeviceSpec, StateId};

/// The attacker's own state.
const OTHER: StateId = 1;

/// Adds `n` routers of OWNER in `state` from id `first` on.
fn routers(first: DeviceId, n: u64, state: StateId) -> Vec<DeviceId> {
	(first..first + n)
		.map(|id| {
			MockDevices::add(
				id,
				OWNER,
				DeviceSpec::Connectivity { link_capacity_kbps: 100_000 },
				DeviceKey::Sr25519(device_pair(id).public()),
			);
			MockDevices::update(id, |d| d.state = state);
			id
		})
		.collect()
}

/// Uptime weighs enough that an unverified router's discounted uptime earns points in the
/// mock's one-minute epochs.
fn heavy_uptime() {
	let params = ScoringParams {
		uptime_weight: 360_000,
		..ScoringParams::default_for(DeviceClass::Connectivity)
	};
	assert_ok!(Attestations::set_class_params(
		RuntimeOrigin::root(),
		DeviceClass::Connectivity,
		params
	));
}

fn report_all(epoch: EpochIndex, devices: &[DeviceId]) {
	let batch = devices.iter().map(|d| signed(*d, epoch, router_full())).collect();
	assert_ok!(Attestations::submit_reports(RuntimeOrigin::signed(OWNER), epoch, batch));
}

fn points(epoch: EpochIndex, device: DeviceId) -> u64 {
	Reports::<Test>::get(epoch, device).map_or(0, |r| r.points.into())
}

fn set_cap(cap: Option<Perbill>) -> frame_support::dispatch::DispatchResult {
	Attestations::set_state_share_cap(RuntimeOrigin::root(), DeviceClass::Connectivity, cap)
}

#[test]
fn a_state_flooding_a_class_unverified_is_held_to_its_share() {
	run_test(|| {
		heavy_uptime();
		MockRoles::set_active(OTHER, true);
		let attacker = routers(10, 6, OTHER);
		// Epoch 0: one honest router (device 1) and one of the attacker's, nobody verifies.
		report_all(0, &[1, attacker[0]]);
		let p = points(0, 1);
		assert!(p > 0);
		assert_eq!(points(0, attacker[0]), p);
		// No cap set: nothing is tracked.
		assert_eq!(Attestations::state_unverified(0, OTHER), Default::default());

		// Without a cap the attacker's six unverified routers take six sevenths of the class.
		run_to(EPOCH_LENGTH.into());
		report_all(1, &[1]);
		report_all(1, &attacker);
		let total1: u64 = Attestations::class_total(1, DeviceClass::Connectivity).into();
		assert_eq!(total1, 7 * p);
		let taken: u64 = attacker.iter().map(|d| points(1, *d)).sum();
		assert_eq!(taken, 6 * p);

		// Governance caps one state's unverified reports at a quarter of the class.
		assert_noop!(
			Attestations::set_state_share_cap(
				RuntimeOrigin::signed(OWNER),
				DeviceClass::Connectivity,
				Some(Perbill::from_percent(25))
			),
			DispatchError::BadOrigin
		);
		assert_ok!(set_cap(Some(Perbill::from_percent(25))));
		assert_eq!(
			last_event(),
			Event::StateShareCapSet {
				class: DeviceClass::Connectivity,
				cap: Some(Perbill::from_percent(25))
			}
			.into()
		);
		assert_eq!(
			Attestations::state_share_cap(DeviceClass::Connectivity),
			Some(Perbill::from_percent(25))
		);

		// Epoch 2, once epoch 1 closed: its allowance is a quarter of epoch 1's 7p; the honest
		// state has its own.
		run_to((2 * EPOCH_LENGTH + GRACE).into());
		report_all(2, &[1]);
		report_all(2, &attacker);
		let allowance = Perbill::from_percent(25).mul_floor(7 * p);
		let taken: u64 = attacker.iter().map(|d| points(2, *d)).sum();
		assert_eq!(taken, allowance);
		assert_eq!(points(2, attacker[0]), p);
		assert_eq!(points(2, attacker[1]), allowance - p);
		assert!(attacker[2..].iter().all(|d| points(2, *d) == 0));
		assert_eq!(points(2, 1), p);
		assert_eq!(
			u64::from(Attestations::state_unverified(2, OTHER)[DeviceClass::Connectivity]),
			allowance
		);
		// The class total counts what was earned, capped.
		let total2: u64 = Attestations::class_total(2, DeviceClass::Connectivity).into();
		assert_eq!(total2, p + allowance);

		// Lifting the cap stops tracking from the next report on.
		assert_ok!(set_cap(None));
		assert_eq!(StateShareCap::<Test>::get(DeviceClass::Connectivity), None);
	});
}

#[test]
fn verified_reports_are_never_capped() {
	run_test(|| {
		heavy_uptime();
		routers(12, 1, STATE);
		// A cap of nothing: unverified reports of the class earn nothing.
		report_all(0, &[1]);
		pool_of_five();
		assert_ok!(set_cap(Some(Perbill::zero())));
		// Device 1 is verified by a quorum before it reports: it earns in full.
		quorum_observes(1, 1, router_full());
		report_all(1, &[1, 12]);
		let record = Reports::<Test>::get(1, 1).unwrap();
		assert!(record.quorum);
		assert!(record.points > 0);
		// Device 12 is not verified yet: its state may take nothing unverified.
		let unverified = Reports::<Test>::get(1, 12).unwrap();
		assert!(!unverified.quorum);
		assert_eq!(unverified.points, 0);
		// A first observation does not raise it...
		observe_metrics(VERIFIERS[0], 1, 12, router_full());
		assert_eq!(Reports::<Test>::get(1, 12).unwrap().points, 0);
		// ...a quorum earns it its verified points in full.
		observe_metrics(VERIFIERS[1], 1, 12, router_full());
		observe_metrics(VERIFIERS[2], 1, 12, router_full());
		let verified = Reports::<Test>::get(1, 12).unwrap();
		assert!(verified.quorum);
		assert_eq!(verified.points, record.points);
		// Nothing unverified was taken out of the allowance.
		assert_eq!(StateUnverified::<Test>::get(1, STATE), Default::default());
	});
}

#[test]
fn a_batch_spans_at_most_max_states_per_batch_states() {
	run_test(|| {
		MockRoles::set_active(OTHER, true);
		MockRoles::set_active(OTHER + 1, true);
		let a = routers(10, 1, OTHER);
		let b = routers(11, 1, OTHER + 1);
		let batch: Vec<_> = [1, a[0], b[0]].iter().map(|d| signed(*d, 0, router_full())).collect();
		assert_noop!(
			Attestations::submit_reports(RuntimeOrigin::signed(OWNER), 0, batch.clone()),
			bad_report(2, ReportError::TooManyStates)
		);
		// Two states fit.
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			batch[..2].to_vec()
		));
	});
}

#[test]
fn the_allowance_follows_the_latest_closed_epoch_and_quorum_changes() {
	run_test(|| {
		heavy_uptime();
		routers(12, 1, STATE);
		report_all(0, &[1, 12]);
		let p = points(0, 1);
		pool_of_five();
		assert_ok!(set_cap(Some(Perbill::from_percent(50))));
		// Block 10: epoch 0 still takes late reports, so no closed epoch precedes epoch 1 yet
		// and a capped class's unverified reports earn nothing (an early report cannot claim a
		// share of a total still filling up).
		report_all(1, &[1]);
		assert_eq!(points(1, 1), 0);
		// Once epoch 0 closed (2p), the allowance is p.
		run_to((EPOCH_LENGTH + GRACE).into());
		report_all(1, &[12]);
		assert_eq!(points(1, 12), p);
		assert_eq!(u64::from(StateUnverified::<Test>::get(1, STATE)[DeviceClass::Connectivity]), p);
		// Device 12 reaches a quorum: verified in full, and it hands its p back.
		quorum_observes(1, 12, router_full());
		assert!(Reports::<Test>::get(1, 12).unwrap().quorum);
		assert_eq!(StateUnverified::<Test>::get(1, STATE), Default::default());
	});
}
