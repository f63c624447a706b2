//! Expiry: budgets past retention are swept to the treasury with what was not claimed.

use super::*;

#[test]
fn unclaimed_rewards_expire_to_the_treasury() {
	run_test(|| {
		earn(0, 0, Compute, 1);
		earn(1, 0, Compute, 1);
		fund_and_settle(0);
		assert_ok!(claim(OWNER, vec![1]));
		// Kept for RETENTION epochs after it: not swept while epochs 1..RETENTION-1 are funded.
		close_and_fund(RETENTION - 1);
		let now = System::block_number();
		assert_eq!(Rewards::on_idle(now, Weight::MAX), idle_check_weight());
		assert!(Budgets::<Test>::contains_key(0));
		// Not enough weight: nothing checked.
		close_and_fund(RETENTION);
		assert_eq!(Rewards::on_idle(now, Weight::zero()), Weight::zero());
		assert!(Budgets::<Test>::contains_key(0));

		let treasury = balance(TREASURY);
		let pot = balance(Rewards::pot());
		System::reset_events();
		assert!(Rewards::on_idle(now, Weight::MAX).all_gt(idle_check_weight()));
		// Everything not paid: device 0's 90,000 and the other classes' 540,000.
		let unpaid = 720_000 - 90_000;
		assert_eq!(events(), vec![Event::RewardsExpired { epoch: 0, amount: unpaid }]);
		assert_eq!(balance(TREASURY), treasury + unpaid);
		assert_eq!(balance(Rewards::pot()), pot - unpaid);
		assert_eq!(Rewards::emission_totals().swept, unpaid);
		assert!(Rewards::epoch_budget(0).is_none());
		assert_eq!(OldestBudget::<Test>::get(), 1);
		// One epoch per call: epoch 1 is still within retention.
		assert_eq!(Rewards::on_idle(now, Weight::MAX), idle_check_weight());
		assert_eq!(OldestBudget::<Test>::get(), 1);

		assert_eq!(Rewards::pending_rewards(0), PendingRewards::default());
		assert_eq!(Rewards::reward_receipt(0, 0), None);
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::RewardsExpired);
	});
}

#[test]
fn an_expired_entry_does_not_stop_other_payments() {
	run_test(|| {
		earn(0, 0, Compute, 1);
		close_and_fund(RETENTION);
		Rewards::on_idle(System::block_number(), Weight::MAX);
		assert_eq!(OldestBudget::<Test>::get(), 1);
		earn(1, RETENTION + 1, Compute, 1);
		fund_and_settle(RETENTION + 1);
		let owner = balance(OWNER);
		assert_ok!(claim(OWNER, vec![0, 1]));
		assert_eq!(
			balance(OWNER),
			owner + budget(RETENTION + 1).classes[DeviceClass::Compute].budget
		);
		// The expired entry is dropped with the claim.
		assert!(Ledgers::<Test>::get(0).is_none());
	});
}
