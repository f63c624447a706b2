//! Sweeping the pools of states that are gone to the treasury.

use super::*;
use crate::WeightInfo;

#[test]
fn deregistration_sweeps_the_pool_to_the_treasury() {
	run_test(|| {
		MockRoles::remove_state(STATE);
		CommunityPools::on_inactive(STATE, &ADMIN);
		assert_eq!(balance(pool(STATE)), 0);
		assert_eq!(balance(TREASURY), 1 + POOL_FUNDS);
		assert_eq!(last_event(), Event::PoolSwept { state: STATE, amount: POOL_FUNDS }.into());
		// Another state's pool stays.
		assert_eq!(balance(pool(OTHER_STATE)), POOL_FUNDS);
	});
}

#[test]
fn sweep_pool_sweeps_later_inflows() {
	run_test(|| {
		MockRoles::remove_state(STATE);
		CommunityPools::on_inactive(STATE, &ADMIN);
		// Rewards settled late still reach the pool.
		assert_ok!(Balances::transfer(&CITIZEN_A, &pool(STATE), 500, Preservation::Preserve));
		assert_ok!(CommunityPools::sweep_pool(RuntimeOrigin::signed(OUTSIDER), STATE));
		assert_eq!(last_event(), Event::PoolSwept { state: STATE, amount: 500 }.into());
		assert_eq!(balance(pool(STATE)), 0);
		assert_eq!(balance(TREASURY), 1 + POOL_FUNDS + 500);
		assert_noop!(
			CommunityPools::sweep_pool(RuntimeOrigin::signed(OUTSIDER), STATE),
			Error::<Test>::NothingToSweep
		);
	});
}

#[test]
fn a_pool_with_nothing_in_it_is_left_alone() {
	run_test(|| {
		// A state that never existed has an empty pool.
		assert_noop!(
			CommunityPools::sweep_pool(RuntimeOrigin::signed(OUTSIDER), 7),
			Error::<Test>::NothingToSweep
		);
		// Deregistering a state with an empty pool deposits nothing.
		assert_ok!(Balances::transfer(
			&pool(OTHER_STATE),
			&OTHER_ADMIN,
			POOL_FUNDS,
			Preservation::Expendable
		));
		MockRoles::remove_state(OTHER_STATE);
		System::reset_events();
		CommunityPools::on_inactive(OTHER_STATE, &OTHER_ADMIN);
		assert!(System::events().is_empty());
		assert_eq!(balance(TREASURY), 1);
	});
}

#[test]
fn a_state_that_exists_keeps_its_pool() {
	run_test(|| {
		assert_noop!(
			CommunityPools::sweep_pool(RuntimeOrigin::signed(OUTSIDER), STATE),
			Error::<Test>::StateStillExists
		);
		// Suspension is not deregistration: the pool stays.
		MockRoles::set_active(STATE, false);
		System::reset_events();
		CommunityPools::on_inactive(STATE, &ADMIN);
		assert!(System::events().is_empty());
		assert_eq!(balance(pool(STATE)), POOL_FUNDS);
		assert_noop!(
			CommunityPools::sweep_pool(RuntimeOrigin::signed(OUTSIDER), STATE),
			Error::<Test>::StateStillExists
		);
		assert_noop!(
			CommunityPools::sweep_pool(RuntimeOrigin::none(), 7),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn other_state_changes_do_nothing() {
	run_test(|| {
		System::reset_events();
		CommunityPools::on_active(STATE, &ADMIN);
		CommunityPools::on_admin_changed(STATE, &ADMIN, &STEWARD, true);
		CommunityPools::on_validator_removed(STATE, &STEWARD);
		assert!(System::events().is_empty());
		assert_eq!(balance(pool(STATE)), POOL_FUNDS);
		assert_eq!(
			<CommunityPools as OnStateChange<AccountId>>::weight(),
			<() as WeightInfo>::sweep_pool()
		);
	});
}
