//! The circuit breaker: a runaway epoch mints nothing until governance releases it.

use super::*;

#[test]
fn the_breaker_halts_a_runaway_epoch_until_governance_releases_it() {
	run_test(|| {
		earn(0, 1, Compute, 1);
		close_and_fund(0);
		assert_eq!(LastMint::<Test>::get(), 800_000);
		assert_ok!(Rewards::set_policy_params(RuntimeOrigin::root(), runaway_params()));
		let issuance = Balances::total_issuance();
		let (treasury, pot) = (balance(TREASURY), balance(Rewards::pot()));
		System::reset_events();
		// 90 % of 1,000,800,000 over 100 epochs: 9,007,200 > 5 x 800,000.
		fund_and_settle(1);
		assert_eq!(
			events(),
			vec![Event::CircuitBreakerTripped { epoch: 1, requested: 9_007_200, limit: 4_000_000 }]
		);
		let b = budget(1);
		assert!(b.halted);
		assert_eq!(b.requested, Emission { depin: 8_106_480, treasury: 900_720 });
		assert_eq!(b.minted, Emission::default());
		assert_eq!(b.classes, PerClass([ClassBudget::default(); 4]));
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!((balance(TREASURY), balance(Rewards::pot())), (treasury, pot));
		assert_eq!(Rewards::emission_totals().minted, 720_000);
		assert_eq!(LastMint::<Test>::get(), 800_000);

		// Its devices wait.
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::CircuitBreakerTripped);
		assert_eq!(
			Rewards::pending_rewards(0),
			PendingRewards { claimable: 0, maturing: 0, assets: vec![], epochs: vec![1] }
		);
		assert_eq!(Rewards::reward_receipt(0, 1), None);

		assert_noop!(
			Rewards::resolve_breaker(RuntimeOrigin::signed(OWNER), 1, false),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Rewards::resolve_breaker(RuntimeOrigin::root(), 0, false),
			Error::<Test>::EpochNotHalted
		);
		assert_noop!(
			Rewards::resolve_breaker(RuntimeOrigin::root(), 9, true),
			Error::<Test>::EpochNotHalted
		);

		// Capped: 5 x 800,000 in the requested proportions.
		System::reset_events();
		assert_ok!(Rewards::resolve_breaker(RuntimeOrigin::root(), 1, false));
		let minted = Emission { depin: 3_600_000, treasury: 400_000 };
		assert_eq!(
			events(),
			vec![
				Event::EpochFunded {
					epoch: 1,
					minted,
					class_budgets: PerClass([900_000; 4]),
					verifier_budget: 0
				},
				Event::BreakerResolved { epoch: 1, minted },
			]
		);
		assert!(!budget(1).halted);
		assert_eq!(budget(1).minted, minted);
		assert_eq!(balance(TREASURY), treasury + 400_000);
		assert_eq!(balance(Rewards::pot()), pot + 3_600_000);
		assert_eq!(Balances::total_issuance(), issuance + 4_000_000);
		assert_eq!(Rewards::emission_totals().minted, 720_000 + 3_600_000);
		assert_eq!(LastMint::<Test>::get(), 4_000_000);
		assert_noop!(
			Rewards::resolve_breaker(RuntimeOrigin::root(), 1, false),
			Error::<Test>::EpochNotHalted
		);

		let owner = balance(OWNER);
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(balance(OWNER), owner + 900_000);
	});
}

#[test]
fn the_breaker_may_be_released_in_full() {
	run_test(|| {
		close_and_fund(0);
		assert_ok!(Rewards::set_policy_params(RuntimeOrigin::root(), runaway_params()));
		close_and_fund(1);
		// While halted, the reference stays: the next epoch halts as well.
		close_and_fund(2);
		assert!(budget(1).halted);
		assert!(budget(2).halted);
		let treasury = balance(TREASURY);
		assert_ok!(Rewards::resolve_breaker(RuntimeOrigin::root(), 1, true));
		let minted = Emission { depin: 8_106_480, treasury: 900_720 };
		System::assert_last_event(Event::BreakerResolved { epoch: 1, minted }.into());
		assert_eq!(budget(1).classes[DeviceClass::Compute].budget, 2_026_620);
		assert_eq!(balance(TREASURY), treasury + 900_720);
		assert_eq!(LastMint::<Test>::get(), 9_007_200);
		assert_eq!(Rewards::emission_totals().minted, 720_000 + 8_106_480);
	});
}

#[test]
fn a_halted_epoch_past_retention_is_swept_empty() {
	run_test(|| {
		close_and_fund(0);
		assert_ok!(Rewards::set_policy_params(RuntimeOrigin::root(), runaway_params()));
		earn(0, 1, Compute, 1);
		close_and_fund(1);
		assert_ok!(Rewards::set_policy_params(RuntimeOrigin::root(), InflationParams::default()));
		close_and_fund(RETENTION + 1);
		let now = System::block_number();
		Rewards::on_idle(now, Weight::MAX);
		System::reset_events();
		Rewards::on_idle(now, Weight::MAX);
		assert_eq!(events(), vec![Event::RewardsExpired { epoch: 1, amount: 0 }]);
		assert_noop!(
			Rewards::resolve_breaker(RuntimeOrigin::root(), 1, true),
			Error::<Test>::EpochNotHalted
		);
		MockScores::settle_before(RETENTION + 2);
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::RewardsExpired);
	});
}
