//! Governance stake from routed rewards: frozen, unbonding, withdrawn.

use super::*;

#[test]
fn staked_rewards_unbond_then_thaw() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Stake, 100)]);
		earn(0, 0, Compute, 1);
		fund_and_settle(0);
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(stake_frozen(OWNER), 180_000);
		// Frozen: not spendable.
		assert!(<Balances as fungible::Mutate<AccountId>>::transfer(
			&OWNER,
			&STRANGER,
			1_000_001,
			Preservation::Expendable
		)
		.is_err());

		let unstake = |who, amount| Rewards::unstake(RuntimeOrigin::signed(who), amount);
		let withdraw = |who| Rewards::withdraw_unbonded(RuntimeOrigin::signed(who));
		assert_noop!(unstake(OWNER, 0), Error::<Test>::ZeroAmount);
		assert_noop!(unstake(OWNER, 180_001), Error::<Test>::InsufficientStake);
		assert_noop!(unstake(STRANGER, 1), Error::<Test>::InsufficientStake);
		assert_noop!(withdraw(OWNER), Error::<Test>::NothingUnbonding);
		assert_noop!(withdraw(STRANGER), Error::<Test>::NothingUnbonding);

		let now = System::block_number();
		assert_ok!(unstake(OWNER, 50_000));
		System::assert_last_event(
			Event::Unbonding { who: OWNER, amount: 50_000, unlock_at: now + UNBONDING }.into(),
		);
		// A later unstake restarts the wait for the sum.
		System::set_block_number(now + 3);
		assert_ok!(unstake(OWNER, 30_000));
		let unlock_at = now + 3 + UNBONDING;
		System::assert_last_event(
			Event::Unbonding { who: OWNER, amount: 80_000, unlock_at }.into(),
		);
		assert_eq!(
			Stakes::<Test>::get(OWNER),
			Some(StakeLedger { active: 100_000, unbonding: 80_000, unlock_at })
		);
		// Still frozen while unbonding.
		assert_eq!(stake_frozen(OWNER), 180_000);
		System::set_block_number(unlock_at - 1);
		assert_noop!(withdraw(OWNER), Error::<Test>::StillUnbonding);

		System::set_block_number(unlock_at);
		assert_ok!(withdraw(OWNER));
		System::assert_last_event(Event::Withdrawn { who: OWNER, amount: 80_000 }.into());
		assert_eq!(stake_frozen(OWNER), 100_000);
		assert_eq!(
			Stakes::<Test>::get(OWNER),
			Some(StakeLedger { active: 100_000, unbonding: 0, unlock_at })
		);
		assert_noop!(withdraw(OWNER), Error::<Test>::NothingUnbonding);

		// Everything out: the freeze and the ledger are gone.
		assert_ok!(unstake(OWNER, 100_000));
		System::set_block_number(unlock_at + UNBONDING);
		assert_ok!(withdraw(OWNER));
		assert_eq!(stake_frozen(OWNER), 0);
		assert_eq!(Stakes::<Test>::get(OWNER), None);
		assert_ok!(<Balances as fungible::Mutate<AccountId>>::transfer(
			&OWNER,
			&STRANGER,
			1_000_001,
			Preservation::Expendable
		));
	});
}
