//! Community pools: filled by routes, spent by the state's admin.

use super::*;

#[test]
fn the_state_admin_spends_its_pool() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::CommunityPool, 100)]);
		earn(0, 0, Compute, 1);
		fund_and_settle(0);
		assert_ok!(claim(OWNER, vec![0]));
		let pool = Rewards::pool(STATE);
		assert_eq!(balance(pool), 180_000);

		let spend = |who, state, amount| {
			Rewards::spend_pool(RuntimeOrigin::signed(who), state, NEWCOMER, amount)
		};
		assert_noop!(spend(STRANGER, STATE, 10), Error::<Test>::NotStateAdmin);
		assert_noop!(spend(OWNER, STATE, 10), Error::<Test>::NotStateAdmin);
		assert_noop!(spend(ADMIN, STATE + 1, 10), Error::<Test>::NotStateAdmin);
		assert_noop!(spend(ADMIN, STATE, 0), Error::<Test>::ZeroAmount);
		assert_noop!(spend(ADMIN, STATE, 180_001), Error::<Test>::PoolTooPoor);
		// Below the existential deposit of a new account.
		assert_noop!(spend(ADMIN, STATE, ED - 1), Error::<Test>::PoolTooPoor);

		assert_ok!(spend(ADMIN, STATE, 100_000));
		System::assert_last_event(
			Event::PoolSpent { state: STATE, to: NEWCOMER, amount: 100_000 }.into(),
		);
		assert_eq!(balance(NEWCOMER), 100_000);
		assert_eq!(balance(pool), 80_000);
		// The pool may be emptied.
		assert_ok!(spend(ADMIN, STATE, 80_000));
		assert_eq!(balance(pool), 0);
		assert_eq!(balance(NEWCOMER), 180_000);
	});
}
