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
		// Without a cap the attacker's six unverified routers take six sevenths of the class
		// beside one honest router (device 1); nothing is tracked.
		report_all(0, &[1]);
		report_all(0, &attacker);
		let p = points(0, 1);
		assert!(p > 0);
		let total0: u64 = Attestations::class_total(0, DeviceClass::Connectivity).into();
		assert_eq!(total0, 7 * p);
		let taken: u64 = attacker.iter().map(|d| points(0, *d)).sum();
		assert_eq!(taken, 6 * p);
		assert_eq!(Attestations::state_unverified(0, OTHER), Default::default());

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

		// Epoch 1 has no epoch two before it: not capped.
		run_to(EPOCH_LENGTH.into());
		report_all(1, &attacker);
		assert!(attacker.iter().all(|d| points(1, *d) == p));

		// Epoch 2: the allowance is a quarter of epoch 0's 7p, whenever the reports come; the
		// honest state has its own.
		run_to((2 * EPOCH_LENGTH).into());
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
		assert_eq!(
			u64::from(Reports::<Test>::get(2, attacker[1]).unwrap().allowance_taken),
			allowance - p
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
		report_all(0, &[1]);
		pool_of_five();
		// A cap of nothing: unverified reports of the class earn nothing from epoch 2 on.
		assert_ok!(set_cap(Some(Perbill::zero())));
		run_to((2 * EPOCH_LENGTH).into());
		// Device 1 is verified by a quorum before it reports: it earns in full.
		quorum_observes(2, 1, router_full());
		report_all(2, &[1, 12]);
		let record = Reports::<Test>::get(2, 1).unwrap();
		assert!(record.quorum);
		assert!(record.points > 0);
		// Device 12 is not verified yet: its state may take nothing unverified.
		let unverified = Reports::<Test>::get(2, 12).unwrap();
		assert!(!unverified.quorum);
		assert_eq!(unverified.points, 0);
		// A first observation does not raise it...
		observe_metrics(VERIFIERS[0], 2, 12, router_full());
		assert_eq!(Reports::<Test>::get(2, 12).unwrap().points, 0);
		// ...a quorum earns it its verified points in full.
		observe_metrics(VERIFIERS[1], 2, 12, router_full());
		observe_metrics(VERIFIERS[2], 2, 12, router_full());
		let verified = Reports::<Test>::get(2, 12).unwrap();
		assert!(verified.quorum);
		assert_eq!(verified.points, record.points);
		// Nothing unverified was taken out of the allowance.
		assert_eq!(StateUnverified::<Test>::get(2, STATE), Default::default());
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
fn a_report_hands_back_exactly_what_it_took() {
	run_test(|| {
		heavy_uptime();
		routers(12, 2, STATE);
		report_all(0, &[1, 12]);
		let p = points(0, 1);
		pool_of_five();
		run_to((2 * EPOCH_LENGTH).into());
		// Device 1 reports before the cap exists: it takes nothing.
		report_all(2, &[1]);
		assert_eq!(Reports::<Test>::get(2, 1).unwrap().allowance_taken, 0);
		// Half of epoch 0's 2p: the allowance is p, and device 12 takes all of it.
		assert_ok!(set_cap(Some(Perbill::from_percent(50))));
		report_all(2, &[12]);
		assert_eq!(u64::from(Reports::<Test>::get(2, 12).unwrap().allowance_taken), p);
		let used = || u64::from(StateUnverified::<Test>::get(2, STATE)[DeviceClass::Connectivity]);
		assert_eq!(used(), p);
		// Device 1 reaches a quorum: it hands back nothing, since it took nothing.
		quorum_observes(2, 1, router_full());
		assert!(Reports::<Test>::get(2, 1).unwrap().quorum);
		assert_eq!(used(), p);
		// So device 13 gets nothing unverified...
		report_all(2, &[13]);
		assert_eq!(points(2, 13), 0);
		// ...until device 12 reaches a quorum and hands its p back.
		quorum_observes(2, 12, router_full());
		assert_eq!(used(), 0);
		assert_eq!(Reports::<Test>::get(2, 12).unwrap().allowance_taken, 0);
	});
}

#[test]
fn a_fraud_ruling_frees_what_the_report_took() {
	run_test(|| {
		heavy_uptime();
		routers(12, 1, STATE);
		report_all(0, &[1, 12]);
		let p = points(0, 1);
		assert_ok!(set_cap(Some(Perbill::from_percent(50))));
		run_to((2 * EPOCH_LENGTH).into());
		report_all(2, &[12]);
		let used = || u64::from(StateUnverified::<Test>::get(2, STATE)[DeviceClass::Connectivity]);
		assert_eq!(used(), p);
		assert_ok!(Attestations::challenge(RuntimeOrigin::signed(STRANGER), 2, 12, H256::zero()));
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 2, 12, true));
		assert_eq!(used(), 0);
		assert_eq!(Reports::<Test>::get(2, 12).unwrap().allowance_taken, 0);
		// Device 1 may now take the whole allowance.
		report_all(2, &[1]);
		assert_eq!(points(2, 1), p);
	});
}
