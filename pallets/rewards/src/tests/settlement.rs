//! Lazy settlement: rewards by points once past dispute, challenges and fraud rulings.

use super::*;

#[test]
fn devices_are_settled_lazily_by_points() {
	run_test(|| {
		earn(0, 0, Compute, 3);
		earn(1, 0, Compute, 1);
		assert_eq!(pending(0), vec![0]);
		// Reported, not funded yet: listed, nothing computed.
		assert_eq!(
			Rewards::pending_rewards(0),
			PendingRewards { claimable: 0, maturing: 0, assets: vec![], epochs: vec![0] }
		);
		assert_eq!(Rewards::reward_receipt(0, 0), None);
		assert_noop!(claim(OWNER, vec![0, 1]), Error::<Test>::NothingToClaim);

		// Funded, still open to challenge: maturing.
		close_and_fund(0);
		assert_eq!(
			Rewards::pending_rewards(0),
			PendingRewards { claimable: 0, maturing: 135_000, assets: vec![], epochs: vec![0] }
		);
		assert_eq!(Rewards::reward_receipt(0, 0).map(|r| r.payable), Some(false));
		assert_noop!(claim(OWNER, vec![0, 1]), Error::<Test>::NothingToClaim);

		// Past dispute: claimable.
		MockScores::settle_before(1);
		assert_eq!(
			Rewards::pending_rewards(0),
			PendingRewards { claimable: 135_000, maturing: 0, assets: vec![], epochs: vec![0] }
		);
		assert_eq!(Rewards::pending_rewards(1).claimable, 45_000);
		let receipt = Receipt {
			epoch: 0,
			class: Compute,
			points: 3,
			class_total: 4,
			class_budget: 180_000,
			amount: 135_000,
			assets: vec![],
			payable: true,
			// What attestations say of the device's report: metrics and multipliers.
			attested: Some(mock_attested(3)),
		};
		assert_eq!(Rewards::reward_receipt(0, 0), Some(receipt.clone()));
		assert_eq!(Rewards::reward_receipt(0, 1), None);
		assert_eq!(Rewards::reward_receipt(1, 0).map(|r| r.amount), Some(45_000));

		let owner = balance(OWNER);
		System::reset_events();
		assert_ok!(claim(OWNER, vec![0, 1]));
		assert_eq!(balance(OWNER), owner + 135_000 + 45_000);
		assert_eq!(
			events(),
			vec![
				Event::RewardSettled {
					device: 0,
					epoch: 0,
					class: Compute,
					points: 3,
					class_total: 4,
					amount: 135_000
				},
				Event::RewardPaid { device: 0, beneficiary: Beneficiary::Owner, amount: 135_000 },
				Event::RewardSettled {
					device: 1,
					epoch: 0,
					class: Compute,
					points: 1,
					class_total: 4,
					amount: 45_000
				},
				Event::RewardPaid { device: 1, beneficiary: Beneficiary::Owner, amount: 45_000 },
			]
		);
		// The receipt named what was paid.
		assert_eq!(settled()[0].2, receipt.amount);
		assert!(Ledgers::<Test>::get(0).is_none());
		assert!(Ledgers::<Test>::get(1).is_none());
		let b = budget(0);
		assert_eq!(
			b.classes[DeviceClass::Compute],
			ClassBudget { budget: 180_000, settled: 180_000 }
		);
		assert_eq!(
			b.classes[DeviceClass::Connectivity],
			ClassBudget { budget: 180_000, settled: 0 }
		);
		assert_eq!(Rewards::emission_totals(), Totals { minted: 720_000, paid: 180_000, swept: 0 });
		assert_eq!(balance(Rewards::pot()), ED + 720_000 - 180_000);
		assert_eq!(Rewards::reward_receipt(0, 0), None);
		assert_eq!(Rewards::pending_rewards(0), PendingRewards::default());
		// Paid once only.
		assert_noop!(claim(OWNER, vec![0, 1]), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn nothing_reported_nothing_to_claim() {
	run_test(|| {
		earn(1, 0, Compute, 1);
		fund_and_settle(0);
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::NothingToClaim);
		assert_eq!(Rewards::pending_rewards(0), PendingRewards::default());
		// Reported, but its points were never recorded.
		assert!(report(0, 1));
		fund_and_settle(1);
		assert_eq!(Rewards::pending_rewards(0).epochs, Vec::<EpochIndex>::new());
		// The claim pays nothing but clears the worthless entry; then there is nothing left.
		let owner = balance(OWNER);
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(balance(OWNER), owner);
		assert!(Ledgers::<Test>::get(0).is_none());
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn a_challenged_device_waits_the_others_do_not() {
	run_test(|| {
		earn(0, 0, Compute, 3);
		earn(1, 0, Compute, 1);
		fund_and_settle(0);
		MockScores::challenge(0, 0);
		assert_eq!(Rewards::pending_rewards(0).maturing, 135_000);
		assert_eq!(Rewards::pending_rewards(0).claimable, 0);
		let owner = balance(OWNER);
		assert_ok!(claim(OWNER, vec![0, 1]));
		assert_eq!(balance(OWNER), owner + 45_000);
		assert_eq!(settled(), vec![(1, 0, 45_000)]);
		assert_eq!(pending(0), vec![0]);
		assert!(Ledgers::<Test>::get(1).is_none());
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::NothingToClaim);

		// Fraud: device 0's points are zeroed, it earns nothing.
		MockScores::resolve_fraud(0, 0);
		assert_eq!(Rewards::reward_receipt(0, 0).map(|r| (r.points, r.amount)), Some((0, 0)));
		assert_eq!(Rewards::pending_rewards(0).claimable, 0);
		// Claiming clears the worthless entry and pays nothing.
		assert_ok!(claim(OWNER, vec![0]));
		assert!(Ledgers::<Test>::get(0).is_none());
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::NothingToClaim);
		assert_eq!(balance(OWNER), owner + 45_000);
		assert_eq!(budget(0).classes[DeviceClass::Compute].settled, 45_000);
	});
}

#[test]
fn a_fraud_ruling_lowers_the_class_total_for_later_claims() {
	run_test(|| {
		MockDevices::add(3, OWNER, gpu());
		earn(0, 0, Compute, 1);
		earn(1, 0, Compute, 1);
		earn(3, 0, Compute, 2);
		fund_and_settle(0);
		MockScores::challenge(0, 3);
		let owner = balance(OWNER);
		// Paid against the total of 4 while device 3's report is disputed.
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(balance(OWNER), owner + 45_000);
		// Device 3 is ruled a fraud: the total falls to 2 and device 1 gets half.
		MockScores::resolve_fraud(0, 3);
		assert_eq!(
			Rewards::reward_receipt(1, 0).map(|r| (r.class_total, r.amount)),
			Some((2, 90_000))
		);
		assert_ok!(claim(OWNER, vec![1, 3]));
		assert_eq!(balance(OWNER), owner + 45_000 + 90_000);
		assert_eq!(settled(), vec![(0, 0, 45_000), (1, 0, 90_000), (3, 0, 0)]);
		// Never more than the budget; the rest is swept at expiry.
		assert_eq!(budget(0).classes[DeviceClass::Compute].settled, 135_000);
		assert!(Ledgers::<Test>::get(3).is_none());
	});
}

#[test]
fn points_are_valued_at_their_epochs_budget_or_the_latest_one() {
	use atlas_primitives::RewardValue;
	run_test(|| {
		let value =
			|epoch, points| <Rewards as RewardValue<Balance>>::reward_of(epoch, Compute, points);
		// Nothing funded yet: nothing to value points by.
		earn(0, 0, Compute, 3);
		earn(1, 0, Compute, 1);
		assert_eq!(value(0, 3), 0);
		close_and_fund(0);
		// The class budget of 180,000 pro rata to 4 points.
		assert_eq!(value(0, 3), 135_000);
		assert_eq!(value(0, 1), 45_000);
		// Epoch 1 is not funded: its points are valued at epoch 0's budget, against its own
		// class total (none yet, so the points count as the whole class).
		assert_eq!(value(1, 2), 180_000);
		earn(2, 1, Compute, 6);
		assert_eq!(value(1, 2), 60_000);
	});
}
