//! The share price: rounding favours the vault, deposits, redemptions and settlements never lower it.

use super::*;

#[test]
fn rounding_favours_the_vault() {
	run_test(|| {
		create();
		MockYield::earn(0, 337);
		MockYield::settle(0);
		assert_eq!((Vaults::nav(0), supply()), (1_337, 1_000));
		// 100 × 1_000 / 1_337 = 74.79 → 74 shares.
		assert_ok!(deposit(ALICE, 100));
		assert_eq!(shares(ALICE), 74);
		// 74 × 1_437 / 1_074 = 99.01 → 99 ATH.
		assert_ok!(redeem(ALICE, 74));
		System::assert_last_event(
			Event::Redeemed { vault: 0, who: ALICE, shares: 74, amount: 99 }.into(),
		);
		assert_eq!(balance(ALICE), FUNDS - 1);
		// The ATH lost to rounding stays in the vault.
		assert_eq!((Vaults::nav(0), supply()), (1_338, 1_000));
	});
}

#[test]
fn deposits_and_redemptions_never_lower_the_share_price() {
	run_test(|| {
		create();
		// An awkward price to start with.
		MockYield::earn(0, 337);
		MockYield::settle(0);
		let holders = [ALICE, BOB, CHARLIE];
		let mut rng: u64 = 0x5eed;
		let mut next = || {
			rng =
				rng.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
			(rng >> 33) as u128
		};
		let (mut deposits, mut redemptions) = (0, 0);
		for step in 0..120 {
			let who = holders[step % holders.len()];
			let r = next();
			let before = pps();
			if r % 5 < 3 || shares(who) == 0 {
				// An odd amount between 100 and ~20_000.
				let amount = 100 + (r / 5) % 19_997;
				assert_ok!(deposit(who, amount));
				deposits += 1;
			} else {
				let owned = shares(who);
				let redeemed = 1 + (r / 5) % owned;
				let expected = redeemed * Vaults::nav(0) / supply();
				let before_balance = balance(who);
				assert_ok!(redeem(who, redeemed));
				assert_eq!(balance(who), before_balance + expected);
				assert_eq!(shares(who), owned - redeemed);
				redemptions += 1;
			}
			let after = pps();
			assert!(after >= before, "step {step}: price fell from {before} to {after}");
			// It rises by less than one rounding unit: a share's worth (or one ATH) over the supply.
			let unit = before.max(SCALE) / supply() + 2;
			assert!(
				after - before <= unit,
				"step {step}: price rose from {before} to {after}, more than {unit}"
			);

			// Now and then the vault earns, and the earnings are settled later. Settling alone
			// does not move the price either.
			if step % 10 == 9 {
				MockYield::earn(0, 1 + r % 997);
			}
			if step % 10 == 4 && MockYield::unpaid(0).certain > 0 {
				let before = pps();
				MockYield::settle(0);
				assert_eq!(pps(), before);
			}
		}
		assert!(
			deposits > 30 && redemptions > 30,
			"{deposits} deposits, {redemptions} redemptions"
		);
	});
}

#[test]
fn depositing_just_before_a_settlement_gains_nothing() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 100_000));
		assert_eq!((Vaults::nav(0), supply()), (101_000, 101_000));

		// The vault's devices earned 50_000; the rewards side has not paid it yet.
		MockYield::earn(0, 50_000);
		assert_eq!(Vaults::nav(0), 151_000);
		assert_eq!(liquid(), 101_000);

		// BOB deposits right before the settlement: the unpaid yield is in the price already.
		assert_ok!(deposit(BOB, 30_000));
		let bob = shares(BOB);
		// 30_000 × 101_000 / 151_000 = 20_066.2
		assert_eq!(bob, 20_066);

		let price = pps();
		assert_eq!(MockYield::settle(0), 50_000);
		System::assert_last_event(Event::YieldReceived { vault: 0, amount: 50_000 }.into());
		assert_eq!(pps(), price);
		assert_eq!((liquid(), Vaults::nav(0), supply()), (181_000, 181_000, 121_066));

		// ...and redeems at once: he gets back at most what he put in (less rounding).
		assert_ok!(redeem(BOB, bob));
		let back = balance(BOB) - (FUNDS - 30_000);
		assert!(back <= 30_000 && back >= 30_000 - 2, "BOB got {back} back");
		assert_eq!(back, 29_999);
		assert_eq!(shares(BOB), 0);

		// ALICE was in before the yield was earned: she gains her part of it (100/101 of 50_000,
		// less rounding).
		assert_ok!(redeem(ALICE, 100_000));
		let alice = balance(ALICE) - (FUNDS - 100_000);
		assert_eq!(alice, 149_505);
		assert!(alice - 100_000 >= 50_000 * 100 / 101 - 1);
		// The seed's shares keep the rest.
		assert_eq!(supply(), MIN_SEED);
		assert_eq!(Vaults::nav(0), 181_000 - 29_999 - 149_505);
	});
}

#[test]
fn settlement_moves_unpaid_yield_into_the_vault() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		MockYield::earn(0, 600);
		let view = Vaults::view(0).unwrap();
		assert_eq!((view.liquid, view.unpaid_yield, view.nav), (2_000, 600, 2_600));
		assert_eq!(MockYield::settle(0), 600);
		let view = Vaults::view(0).unwrap();
		assert_eq!((view.liquid, view.unpaid_yield, view.nav), (2_600, 0, 2_600));
		assert_eq!(view.share_supply, 2_000);
	});
}
