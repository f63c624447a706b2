//! Redemptions: shares paid at NAV, lock-up, liquidity and frozen shares.

use super::*;

#[test]
fn redeem_pays_shares_at_nav() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		assert_ok!(redeem(ALICE, 400));
		System::assert_last_event(
			Event::Redeemed { vault: 0, who: ALICE, shares: 400, amount: 400 }.into(),
		);
		assert_eq!(balance(ALICE), FUNDS - 600);
		assert_eq!(shares(ALICE), 600);
		assert_eq!((liquid(), supply()), (1_600, 1_600));

		// Yield settles into the vault: NAV 2_400 over 1_600 shares.
		MockYield::earn(0, 800);
		MockYield::settle(0);
		assert_eq!(Vaults::value_of(0, 600), Some(900));
		assert_ok!(redeem(ALICE, 600));
		System::assert_last_event(
			Event::Redeemed { vault: 0, who: ALICE, shares: 600, amount: 900 }.into(),
		);
		// ALICE put in 1_000 and got 1_300 back.
		assert_eq!(balance(ALICE), FUNDS + 300);
		assert_eq!(shares(ALICE), 0);
		assert_eq!((liquid(), supply()), (1_500, MIN_SEED));
	});
}

#[test]
fn redeem_needs_free_shares() {
	run_test(|| {
		assert_noop!(redeem(ALICE, 1), Error::<Test>::VaultNotFound);
		create();
		assert_ok!(deposit(ALICE, 1_000));
		assert_noop!(
			Vaults::redeem(RuntimeOrigin::signed(ALICE), 7, 1),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(redeem(ALICE, 1_001), Error::<Test>::InsufficientShares);
		assert_noop!(redeem(ALICE, 0), Error::<Test>::InsufficientShares);
		assert_noop!(redeem(BOB, 1), Error::<Test>::InsufficientShares);
		assert_ok!(redeem(ALICE, 1_000));
		assert_noop!(redeem(ALICE, 1), Error::<Test>::InsufficientShares);
	});
}

#[test]
fn redeem_respects_the_lock_up() {
	run_test(|| {
		create_with(VaultParams { redeem_after: 50, ..params() });
		assert_ok!(deposit(ALICE, 1_000));
		assert_noop!(redeem(ALICE, 1), Error::<Test>::LockedUp);
		run_to(49);
		assert_noop!(redeem(ALICE, 1), Error::<Test>::LockedUp);
		run_to(50);
		assert_ok!(redeem(ALICE, 1_000));
		assert_eq!(balance(ALICE), FUNDS);
	});
}

#[test]
fn redeem_is_limited_by_the_liquid_funds() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		// Earned but unpaid: NAV 102_000 while the vault holds 2_000 (1_990 above its ED).
		MockYield::earn(0, 100_000);
		assert_eq!(Vaults::value_of(0, 1_000), Some(51_000));
		assert_noop!(redeem(ALICE, 1_000), Error::<Test>::InsufficientLiquidity);
		// 40 shares are worth 2_040; 39 are worth 1_989.
		assert_noop!(redeem(ALICE, 40), Error::<Test>::InsufficientLiquidity);
		assert_ok!(redeem(ALICE, 39));
		System::assert_last_event(
			Event::Redeemed { vault: 0, who: ALICE, shares: 39, amount: 1_989 }.into(),
		);
		assert_eq!(liquid(), 11);
		// One share is worth 100_011 / 1_961 = 51, but only 1 ATH can leave the vault.
		assert_noop!(redeem(ALICE, 1), Error::<Test>::InsufficientLiquidity);

		// Once the yield is paid, the rest can leave.
		MockYield::settle(0);
		assert_ok!(redeem(ALICE, 961));
		System::assert_last_event(
			Event::Redeemed { vault: 0, who: ALICE, shares: 961, amount: 49_011 }.into(),
		);
		assert_eq!(balance(ALICE), FUNDS - 1_000 + 1_989 + 49_011);
	});
}

#[test]
fn redeem_too_small_when_a_share_is_worth_less_than_one() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		// The holders spend everything above the vault's existential deposit.
		assert_eq!(pass(spend(1_990)), Outcome::Executed);
		assert_eq!(balance(VENDOR), 1_990);
		assert_eq!((liquid(), supply()), (ED, 2_000));
		// A share is worth 10 / 2_000 ATH.
		assert_noop!(redeem(ALICE, 1), Error::<Test>::RedeemTooSmall);
		assert_noop!(redeem(ALICE, 199), Error::<Test>::RedeemTooSmall);
		// 200 shares are worth 1 ATH, but the vault must keep its existential deposit.
		assert_noop!(redeem(ALICE, 200), Error::<Test>::InsufficientLiquidity);
		// New money buys shares at that price: 100 × 2_000 / 10.
		assert_ok!(deposit(BOB, 100));
		assert_eq!(shares(BOB), 20_000);
	});
}

#[test]
fn reporting_first_then_redeeming_gains_nothing() {
	// The NAV sandwich: BOB's device pays the vault and reports first in a running epoch, when
	// its class total is tiny, so rewards estimate the vault's unpaid yield at almost a whole
	// class budget. Priced on that, BOB's shares would redeem for 1_000 × 18_000 / 12_000 =
	// 1_500 in the same block, taken from ALICE.
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 10_000));
		assert_ok!(deposit(BOB, 1_000));
		assert_eq!(Vaults::nav(0), 12_000);
		MockYield::earn_maturing(0, 6_000);
		assert_eq!(Vaults::nav(0), 18_000);
		// Redemptions are priced on what is certain: he gets back what he put in.
		assert_eq!(Vaults::redemption_nav(0), 12_000);
		assert_eq!(Vaults::value_of(0, 1_000), Some(1_000));
		assert_ok!(redeem(BOB, 1_000));
		System::assert_last_event(
			Event::Redeemed { vault: 0, who: BOB, shares: 1_000, amount: 1_000 }.into(),
		);
		assert_eq!(balance(BOB), FUNDS);
		// The epoch ends with many devices reporting: it is worth 60, which stays with ALICE
		// (and the seed).
		MockYield::mature(0, 60);
		MockYield::settle(0);
		assert_eq!(Vaults::value_of(0, 10_000), Some((10_000 * 11_060) / 11_000));
	});
}

#[test]
fn maturing_yield_is_left_behind_by_a_redeemer() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		// An epoch not final yet is estimated at 400: a redeemer takes none of it.
		MockYield::earn_maturing(0, 400);
		assert_ok!(redeem(ALICE, 500));
		assert_eq!(balance(ALICE), FUNDS - 500);
		// Once final (worth 300) and paid, ALICE's other half holds a third of it.
		MockYield::mature(0, 300);
		assert_eq!(Vaults::redemption_nav(0), 1_800);
		assert_eq!(Vaults::value_of(0, 500), Some(500 * 1_800 / 1_500));
		MockYield::settle(0);
		assert_ok!(redeem(ALICE, 500));
		assert_eq!(balance(ALICE), FUNDS - 500 + 600);
	});
}
