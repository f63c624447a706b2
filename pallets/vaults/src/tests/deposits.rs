//! Deposits: shares priced at NAV, including unpaid yield.

use super::*;

#[test]
fn first_deposits_get_shares_one_to_one() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		System::assert_last_event(
			Event::Deposited { vault: 0, who: ALICE, amount: 1_000, shares: 1_000 }.into(),
		);
		assert_eq!(shares(ALICE), 1_000);
		assert_eq!(balance(ALICE), FUNDS - 1_000);
		assert_eq!(liquid(), MIN_SEED + 1_000);
		assert_eq!(supply(), MIN_SEED + 1_000);

		// Still 1:1 while NAV equals the supply, for odd amounts too.
		assert_ok!(deposit(BOB, 12_345));
		System::assert_last_event(
			Event::Deposited { vault: 0, who: BOB, amount: 12_345, shares: 12_345 }.into(),
		);
		assert_eq!(balance(BOB), FUNDS - 12_345);
		assert_eq!(liquid(), 14_345);
		assert_eq!(supply(), 14_345);
		assert_eq!(Vaults::nav(0), 14_345);
	});
}

#[test]
fn deposits_pay_for_maturing_yield_at_its_estimate() {
	// A depositor who comes in while an epoch is still maturing buys into it at the higher
	// price: depositing and redeeming at once loses, and nobody in the vault is diluted.
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		MockYield::earn_maturing(0, 2_000);
		assert_eq!((Vaults::nav(0), Vaults::redemption_nav(0)), (4_000, 2_000));
		// 2_000 × 2_000 / 4_000.
		assert_ok!(deposit(BOB, 2_000));
		assert_eq!(shares(BOB), 1_000);
		assert_eq!(Vaults::value_of(0, 1_000), Some(1_333));
		let view = Vaults::vault(0).unwrap();
		assert_eq!(
			(view.liquid, view.unpaid_yield, view.certain_yield, view.nav, view.redemption_nav),
			(4_000, 2_000, 0, 6_000, 4_000)
		);
		// If the estimate holds, BOB's shares are worth what he paid once the epoch is final.
		MockYield::mature(0, 2_000);
		assert_eq!(Vaults::value_of(0, 1_000), Some(2_000));
	});
}

#[test]
fn deposits_are_priced_at_nav_including_unpaid_yield() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		// The vault's devices earned 1_000 not paid yet: NAV 3_000 over 2_000 shares.
		MockYield::earn(0, 1_000);
		assert_eq!(Vaults::nav(0), 3_000);
		assert_eq!(liquid(), 2_000);

		// 1_000 × 2_000 / 3_000 = 666.67, rounded down.
		assert_ok!(deposit(BOB, 1_000));
		System::assert_last_event(
			Event::Deposited { vault: 0, who: BOB, amount: 1_000, shares: 666 }.into(),
		);
		assert_eq!(shares(BOB), 666);
		assert_eq!(supply(), 2_666);
		assert_eq!(Vaults::nav(0), 4_000);
		// ALICE's shares are worth her share of the yield: 1_000 × 4_000 / 2_666.
		assert_eq!(Vaults::value_of(0, 1_000), Some(1_500));

		// Settling moves the yield into the vault and changes no price.
		assert_eq!(MockYield::settle(0), 1_000);
		assert_eq!((liquid(), Vaults::nav(0)), (4_000, 4_000));
		// 999 × 2_666 / 4_000 = 665.83, rounded down.
		assert_ok!(deposit(CHARLIE, 999));
		System::assert_last_event(
			Event::Deposited { vault: 0, who: CHARLIE, amount: 999, shares: 665 }.into(),
		);
		assert_eq!(supply(), 3_331);
		assert_eq!(liquid(), 4_999);
		assert_eq!(balance(CHARLIE), FUNDS - 999);
	});
}

#[test]
fn deposit_checks_vault_and_size() {
	run_test(|| {
		assert_noop!(deposit(ALICE, 1_000), Error::<Test>::VaultNotFound);
		create();
		assert_noop!(
			Vaults::deposit(RuntimeOrigin::signed(ALICE), 1, 1_000),
			Error::<Test>::VaultNotFound
		);
		// Below the vault's minimum.
		assert_noop!(deposit(ALICE, 99), Error::<Test>::DepositTooSmall);
		assert_noop!(deposit(ALICE, 0), Error::<Test>::DepositTooSmall);
		// More than the depositor can pay.
		assert_noop!(deposit(POOR, 100), TokenError::FundsUnavailable);

		// Big unpaid yield: a share is worth 1_001 ATH, so a deposit below that mints nothing.
		MockYield::earn(0, 1_000_000);
		assert_eq!(Vaults::nav(0), 1_001_000);
		assert_noop!(deposit(ALICE, 100), Error::<Test>::DepositTooSmall);
		assert_noop!(deposit(ALICE, 1_000), Error::<Test>::DepositTooSmall);
		assert_ok!(deposit(ALICE, 1_001));
		assert_eq!(shares(ALICE), 1);
		assert_eq!(balance(ALICE), FUNDS - 1_001);
	});
}
