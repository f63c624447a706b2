//! Challenges: a fraud ruling zeroes the report and fines its owner in proportion to the reward
//! at stake, part of it paying the challengers; a failed one pays the owner; several challengers
//! may stand, the device's own side cannot challenge, and an unresolved challenge expires as
//! honest.

use super::*;

fn evidence() -> H256 {
	H256::repeat_byte(0xe)
}

fn challenge(who: AccountId, epoch: EpochIndex, device: DeviceId) -> DispatchResultOf {
	Attestations::challenge(RuntimeOrigin::signed(who), epoch, device, evidence())
}

type DispatchResultOf = frame_support::dispatch::DispatchResult;

/// Device 0 reports a full solar epoch 1, confirmed by a quorum of the pool: 89 points.
fn verified_solar_in_epoch_one() {
	pool_of_five();
	assert_ok!(Attestations::submit_reports(
		RuntimeOrigin::signed(OWNER),
		1,
		vec![signed(0, 1, solar_full())]
	));
	quorum_observes(1, 0, solar_full());
}

#[test]
fn fraudulent_report_loses_its_points_and_pays_the_challenger() {
	run_test(|| {
		pool_of_five();
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			1,
			vec![signed(0, 1, solar_full()), signed(1, 1, router_full())]
		));
		quorum_observes(1, 0, solar_full());
		assert_eq!(Reports::<Test>::get(1, 0).unwrap().points, 89);
		assert_noop!(challenge(STRANGER, 1, 3), Error::<Test>::ReportNotFound);
		assert_noop!(challenge(POOR, 1, 0), Error::<Test>::CannotAffordBond);
		assert_noop!(
			Attestations::challenge(RuntimeOrigin::none(), 1, 0, evidence()),
			DispatchError::BadOrigin
		);
		assert_ok!(challenge(STRANGER, 1, 0));
		assert_eq!(
			last_event(),
			Event::ChallengeOpened {
				epoch: 1,
				device: 0,
				challenger: STRANGER,
				evidence: evidence()
			}
			.into()
		);
		let stored = Challenges::<Test>::get(1, 0).unwrap();
		assert_eq!(
			(stored.len(), stored[0].challenger, stored[0].bond, stored[0].evidence),
			(1, STRANGER, CHALLENGE_BOND, evidence())
		);
		assert_eq!(Epochs::<Test>::get(1).open_challenges, 1);
		// The same challenger cannot stand twice.
		assert_noop!(challenge(STRANGER, 1, 0), Error::<Test>::AlreadyChallenging);
		// Epoch 1 closes at 22; its challenge window ends at 27.
		run_to(30);
		// An open challenge keeps the epoch from being final, and the challenged device's points
		// from being paid; the other device's points can be paid.
		assert!(Attestations::is_closed(1));
		assert!(!Attestations::is_final(1));
		assert!(!<Attestations as EpochScores>::is_settleable(1, 0));
		assert!(<Attestations as EpochScores>::is_settleable(1, 1));
		assert_noop!(
			Attestations::resolve_challenge(RuntimeOrigin::signed(OWNER), 1, 0, true),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Attestations::resolve_challenge(RuntimeOrigin::root(), 1, 1, true),
			Error::<Test>::ChallengeNotFound
		);
		let free = Balances::balance(&STRANGER);
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 1, 0, true));
		// Rewards value its points at nothing here, so the fine is its floor: half the deposit
		// (25), of which half (12) is the bounty and the rest goes to the slash handler.
		assert_eq!(Balances::balance(&STRANGER), free + CHALLENGE_BOND + 12);
		assert_eq!(MockDevices::slashes(), vec![(0, 12, Some(STRANGER)), (0, 13, None)]);
		assert_eq!(MockDevices::deposit_of(0), DEVICE_DEPOSIT - 25);
		let record = Reports::<Test>::get(1, 0).unwrap();
		assert!(record.fraudulent);
		assert_eq!(record.points, 0);
		// Rewards learn the device's points are gone (vault yield is kept by points).
		assert_eq!(points_changes().last(), Some(&(0, 1, 89, 0)));
		assert_eq!(Attestations::class_total(1, DeviceClass::Energy), 0);
		assert_eq!(
			last_event(),
			Event::ChallengeResolved { epoch: 1, device: 0, fraudulent: true, fined: 25, paid: 12 }
				.into()
		);
		assert!(Attestations::is_final(1));
		assert!(<Attestations as EpochScores>::is_settleable(1, 0));
		// After the window no challenge is possible.
		assert_noop!(challenge(STRANGER, 1, 1), Error::<Test>::ChallengeWindowOver);
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
		let points = Reports::<Test>::get(0, 0).unwrap().points;
		assert_ok!(challenge(STRANGER, 0, 0));
		let owner = Balances::balance(&OWNER);
		let challenger = Balances::total_balance(&STRANGER);
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 0, 0, false));
		// Half the bond pays the owner, the rest goes to the slash handler.
		assert_eq!(Balances::balance(&OWNER), owner + CHALLENGE_BOND / 2);
		assert_eq!(Balances::total_balance(&STRANGER), challenger - CHALLENGE_BOND);
		assert_eq!(Reports::<Test>::get(0, 0).unwrap().points, points);
		assert!(!Reports::<Test>::get(0, 0).unwrap().fraudulent);
		assert!(Challenges::<Test>::get(0, 0).is_none());
		assert!(MockDevices::slashes().is_empty());
		// A challenge of a device that has since been removed returns the bond.
		assert_ok!(challenge(STRANGER, 0, 0));
		MockDevices::remove(0);
		let before = Balances::balance(&STRANGER);
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 0, 0, false));
		assert_eq!(Balances::balance(&STRANGER), before + CHALLENGE_BOND);
	});
}

#[test]
fn an_owners_self_challenge_cannot_shield_its_report() {
	run_test(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(1, 0, router_full())]
		));
		let steward = MORE_VERIFIERS[0];
		MockRoles::grant(STATE, steward, Role::Steward);
		// The device's own side would open a challenge nobody else could, and let it lapse.
		for who in [OWNER, OPERATOR, ADMIN, steward] {
			assert_noop!(challenge(who, 0, 1), Error::<Test>::CannotChallengeOwnDevice);
		}
		assert_eq!(Epochs::<Test>::get(0).open_challenges, 0);
		// So a stranger still can.
		assert_ok!(challenge(STRANGER, 0, 1));
		assert_eq!(Challenges::<Test>::get(0, 1).unwrap()[0].challenger, STRANGER);
	});
}

#[test]
fn an_open_challenge_does_not_stop_pruning() {
	run_test(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full()), signed(1, 0, router_full())]
		));
		assert_ok!(challenge(STRANGER, 0, 0));
		// Epoch 0 closes at 12, its window ends at 17, governance may resolve until 27.
		run_to(26);
		assert!(!<Attestations as EpochScores>::is_settleable(0, 0));
		assert!(<Attestations as EpochScores>::is_settleable(0, 1));
		assert!(!Attestations::is_final(0));
		run_to(27);
		// Nobody resolved it: it counts as honest, no longer blocking anything.
		assert!(<Attestations as EpochScores>::is_settleable(0, 0));
		assert!(Attestations::is_final(0));
		assert_noop!(
			Attestations::resolve_challenge(RuntimeOrigin::root(), 0, 0, true),
			Error::<Test>::ResolutionPeriodOver
		);
		// Retention is two epochs: epoch 0 is pruned once epoch 3 runs, closing the challenge
		// as honest (its bond pays the owner).
		run_to(30);
		let owner = Balances::balance(&OWNER);
		let held = Balances::balance_on_hold(&HoldReason::ChallengeBond.into(), &STRANGER);
		assert_eq!(held, CHALLENGE_BOND);
		Attestations::on_idle(30, Weight::MAX);
		// Half the bond pays the owner, the rest goes to the slash handler.
		assert_eq!(Balances::balance(&OWNER), owner + CHALLENGE_BOND / 2);
		assert_eq!(Balances::balance_on_hold(&HoldReason::ChallengeBond.into(), &STRANGER), 0);
		assert!(has_event(Event::ChallengeResolved {
			epoch: 0,
			device: 0,
			fraudulent: false,
			fined: CHALLENGE_BOND,
			paid: CHALLENGE_BOND / 2
		}));
		assert_eq!(last_event(), Event::EpochPruned { epoch: 0 }.into());
		assert!(Challenges::<Test>::get(0, 0).is_none());
		assert!(Reports::<Test>::get(0, 0).is_none());
		assert!(!Epochs::<Test>::contains_key(0));
		assert_eq!(OldestEpoch::<Test>::get(), 1);
		// Later epochs follow.
		run_to(40);
		Attestations::on_idle(40, Weight::MAX);
		assert_eq!(last_event(), Event::EpochPruned { epoch: 1 }.into());
		assert_eq!(OldestEpoch::<Test>::get(), 2);
	});
}

#[test]
fn anyone_expires_a_challenge_governance_left_open() {
	run_test(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full())]
		));
		assert_ok!(challenge(STRANGER, 0, 0));
		let expire = |who| Attestations::expire_challenge(RuntimeOrigin::signed(who), 0, 0);
		run_to(26);
		assert_noop!(expire(VERIFIERS[0]), Error::<Test>::ResolutionPeriodNotOver);
		run_to(27);
		assert_noop!(
			Attestations::expire_challenge(RuntimeOrigin::none(), 0, 0),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Attestations::expire_challenge(RuntimeOrigin::signed(VERIFIERS[0]), 0, 1),
			Error::<Test>::ChallengeNotFound
		);
		let owner = Balances::balance(&OWNER);
		let points = Reports::<Test>::get(0, 0).unwrap().points;
		assert_ok!(expire(VERIFIERS[0]));
		// Half the bond pays the owner, the rest goes to the slash handler.
		assert_eq!(Balances::balance(&OWNER), owner + CHALLENGE_BOND / 2);
		assert_eq!(
			last_event(),
			Event::ChallengeResolved {
				epoch: 0,
				device: 0,
				fraudulent: false,
				fined: CHALLENGE_BOND,
				paid: CHALLENGE_BOND / 2
			}
			.into()
		);
		assert_eq!(Reports::<Test>::get(0, 0).unwrap().points, points);
		assert_eq!(Epochs::<Test>::get(0).open_challenges, 0);
		assert_noop!(expire(VERIFIERS[0]), Error::<Test>::ChallengeNotFound);
	});
}

#[test]
fn several_challengers_stand_and_share_the_bounty() {
	run_test(|| {
		verified_solar_in_epoch_one();
		// The owner's accomplice (no role in the state) challenges first, to collect the fine
		// itself; a real challenger can still stand beside it.
		let accomplice = MORE_VERIFIERS[5];
		assert_ok!(challenge(accomplice, 1, 0));
		assert_ok!(challenge(STRANGER, 1, 0));
		assert_ok!(challenge(OPERATOR, 1, 0));
		assert_eq!(Epochs::<Test>::get(1).open_challenges, 1);
		// The mock allows three.
		assert_noop!(challenge(ADMIN + 100, 1, 0), Error::<Test>::TooManyChallengers);
		assert_noop!(challenge(MORE_VERIFIERS[4], 1, 0), Error::<Test>::TooManyChallengers);
		set_reward_per_point(3);
		let before = [accomplice, STRANGER, OPERATOR].map(|a| Balances::balance(&a));
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 1, 0, true));
		// 89 points worth 267; the fine is twice that, 534, and its bounty half of it: 89 to
		// each challenger, 50 of them from the deposit, the rest from the owner.
		let after = [accomplice, STRANGER, OPERATOR].map(|a| Balances::balance(&a));
		for (b, a) in before.iter().zip(after) {
			assert_eq!(a, b + CHALLENGE_BOND + 89);
		}
		assert_eq!(MockDevices::deposit_of(0), 0);
		assert_eq!(
			last_event(),
			Event::ChallengeResolved {
				epoch: 1,
				device: 0,
				fraudulent: true,
				fined: 534,
				paid: 267
			}
			.into()
		);
		// The accomplice hands its 89 back to the owner, who still lost 534 - 89 and the reward
		// its report tried to take.
		assert_eq!(Balances::balance(&OWNER), 1_000 - (534 - 50));
		assert_eq!(Challenges::<Test>::get(1, 0), None);
		assert_eq!(Epochs::<Test>::get(1).open_challenges, 0);
	});
}

#[test]
fn the_fine_goes_beyond_the_deposit_as_far_as_the_owner_can_pay() {
	run_test(|| {
		verified_solar_in_epoch_one();
		assert_eq!(Reports::<Test>::get(1, 0).unwrap().points, 89);
		assert_ok!(challenge(STRANGER, 1, 0));
		// The reward at stake is far above what the owner holds.
		set_reward_per_point(1_000);
		let stranger = Balances::balance(&STRANGER);
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 1, 0, true));
		// The owner keeps only the existential deposit.
		assert_eq!(Balances::balance(&OWNER), 1);
		assert_eq!(MockDevices::deposit_of(0), 0);
		// Half of what was collected (the deposit and 999) pays the challenger.
		let fined = DEVICE_DEPOSIT + 999;
		assert_eq!(Balances::balance(&STRANGER), stranger + CHALLENGE_BOND + fined / 2);
		assert_eq!(
			last_event(),
			Event::ChallengeResolved {
				epoch: 1,
				device: 0,
				fraudulent: true,
				fined,
				paid: fined / 2
			}
			.into()
		);
	});
}

#[test]
fn an_honest_ruling_pays_every_bond_to_the_owner() {
	run_test(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full())]
		));
		assert_ok!(challenge(STRANGER, 0, 0));
		assert_ok!(challenge(OPERATOR, 0, 0));
		let owner = Balances::balance(&OWNER);
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 0, 0, false));
		assert_eq!(Balances::balance(&OWNER), owner + CHALLENGE_BOND);
		for who in [STRANGER, OPERATOR] {
			assert_eq!(Balances::balance_on_hold(&HoldReason::ChallengeBond.into(), &who), 0);
		}
		assert!(MockDevices::slashes().is_empty());
		assert_eq!(
			last_event(),
			Event::ChallengeResolved {
				epoch: 0,
				device: 0,
				fraudulent: false,
				fined: 2 * CHALLENGE_BOND,
				paid: CHALLENGE_BOND
			}
			.into()
		);
	});
}

#[test]
fn the_registry_sees_which_devices_stand_challenged() {
	use atlas_primitives::ChallengeStatus;
	run_test(|| {
		assert_ok!(Attestations::submit_reports(
			RuntimeOrigin::signed(OWNER),
			0,
			vec![signed(0, 0, solar_full())]
		));
		assert!(!<Attestations as ChallengeStatus>::is_challenged(0));
		// Two challengers of one report count once.
		assert_ok!(challenge(STRANGER, 0, 0));
		assert_ok!(challenge(VERIFIERS[0], 0, 0));
		assert_eq!(crate::ChallengedReports::<Test>::get(0), Some(1));
		assert!(<Attestations as ChallengeStatus>::is_challenged(0));
		assert!(!<Attestations as ChallengeStatus>::is_challenged(1));
		assert_ok!(Attestations::resolve_challenge(RuntimeOrigin::root(), 0, 0, false));
		assert!(!<Attestations as ChallengeStatus>::is_challenged(0));
		assert_eq!(crate::ChallengedReports::<Test>::get(0), None);
	});
}
