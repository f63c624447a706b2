//! Community pools and governance stake as other pallets read them: routes fill the pool's
//! account; only active stake counts for votes.

use super::*;
use atlas_primitives::{CommunityPools, GovernanceStake};

#[test]
fn routes_fill_the_pool_other_pallets_spend() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::CommunityPool, 100)]);
		earn(0, 0, Compute, 1);
		fund_and_settle(0);
		assert_ok!(claim(OWNER, vec![0]));
		let pool = <Rewards as CommunityPools<AccountId>>::pool_account(STATE);
		assert_eq!(pool, Rewards::pool(STATE));
		assert_eq!(balance(pool), 180_000);
	});
}

#[test]
fn only_active_stake_counts_as_voting_stake() {
	run_test(|| {
		assert_eq!(<Rewards as GovernanceStake<AccountId, Balance>>::voting_stake(&OWNER), 0);
		MockDevices::set_route(0, vec![(Beneficiary::Stake, 100)]);
		earn(0, 0, Compute, 1);
		fund_and_settle(0);
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(<Rewards as GovernanceStake<AccountId, Balance>>::voting_stake(&OWNER), 180_000);
		// Unbonding stake no longer counts.
		assert_ok!(Rewards::unstake(RuntimeOrigin::signed(OWNER), 80_000));
		assert_eq!(<Rewards as GovernanceStake<AccountId, Balance>>::voting_stake(&OWNER), 100_000);
	});
}
