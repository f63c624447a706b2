//! Epoch funding: genesis, the policy's emission, treasury and class shares, validator payouts.

use super::*;

#[test]
fn genesis_sets_policy_and_accounts() {
	run_test(|| {
		assert_eq!(NextToFund::<Test>::get(), 0);
		assert_eq!(OldestBudget::<Test>::get(), 0);
		assert_eq!(PolicyParams::<Test>::get(), InflationParams::default());
		assert_eq!(ClassShares::<Test>::get(), percent([25; 4]));
		// The pot exists from the start; the supply is exactly one billion.
		assert_eq!(balance(Rewards::pot()), ED);
		assert_eq!(Balances::total_issuance(), 1_000_000_000);
		assert_eq!(Rewards::community_pool(STATE), Rewards::pool(STATE));
		assert_ne!(Rewards::pool(STATE), Rewards::pot());
		assert_eq!(Rewards::emission_totals(), Totals::default());
		<Rewards as Hooks<u64>>::integrity_test();
	});
}

#[test]
fn open_epochs_are_not_funded() {
	run_test(|| {
		for b in 2..5 {
			System::set_block_number(b);
			Rewards::on_initialize(b);
		}
		assert_eq!(NextToFund::<Test>::get(), 0);
		assert!(Rewards::epoch_budget(0).is_none());
		assert!(events().is_empty());
	});
}

#[test]
fn funding_mints_the_policy_emission() {
	run_test(|| {
		let treasury = balance(TREASURY);
		close_and_fund(0);
		let minted = Emission { depin: 720_000, treasury: 80_000 };
		assert_eq!(
			events(),
			vec![Event::EpochFunded {
				epoch: 0,
				minted,
				class_budgets: PerClass([180_000; 4]),
				verifier_budget: 0
			}]
		);
		assert_eq!(balance(TREASURY), treasury + 80_000);
		assert_eq!(balance(Rewards::pot()), ED + 720_000);
		assert_eq!(Balances::total_issuance(), 1_000_800_000);
		assert_eq!(Rewards::emission_totals(), Totals { minted: 720_000, paid: 0, swept: 0 });
		assert_eq!(LastMint::<Test>::get(), 800_000);
		assert_eq!(NextToFund::<Test>::get(), 1);
		let b = Rewards::epoch_budget(0).unwrap();
		assert_eq!(b.requested, minted);
		assert_eq!(b.minted, minted);
		assert!(!b.halted);
		assert_eq!(b.classes, PerClass([ClassBudget { budget: 180_000, settled: 0 }; 4]));
		assert!(b.programs.is_empty());
		// The next epoch follows the grown issuance: 8 % of 1,000,800,000 over 100 epochs.
		close_and_fund(1);
		System::assert_last_event(
			Event::EpochFunded {
				epoch: 1,
				minted: Emission { depin: 720_576, treasury: 80_064 },
				class_budgets: PerClass([180_144; 4]),
				verifier_budget: 0,
			}
			.into(),
		);
		assert_eq!(Rewards::emission_totals().minted, 720_000 + 720_576);
	});
}

#[test]
fn treasury_below_target_gets_the_boosted_share() {
	run_test(|| {
		// 49,999,999 is below 5 % of the 1,000,000,000 issued.
		assert_ok!(<Balances as fungible::Mutate<AccountId>>::transfer(
			&TREASURY,
			&100,
			50_000_001,
			Preservation::Preserve
		));
		close_and_fund(0);
		System::assert_last_event(
			Event::EpochFunded {
				epoch: 0,
				minted: Emission { depin: 600_000, treasury: 200_000 },
				class_budgets: PerClass([150_000; 4]),
				verifier_budget: 0,
			}
			.into(),
		);
		assert_eq!(balance(TREASURY), 49_999_999 + 200_000);
		assert_eq!(balance(Rewards::pot()), ED + 600_000);
	});
}

#[test]
fn class_shares_split_the_devices_emission() {
	run_test(|| {
		let shares = percent([40, 30, 20, 10]);
		assert_ok!(Rewards::set_class_shares(RuntimeOrigin::root(), shares));
		System::assert_last_event(Event::ClassSharesSet { shares }.into());
		assert_eq!(ClassShares::<Test>::get(), shares);
		close_and_fund(0);
		System::assert_last_event(
			Event::EpochFunded {
				epoch: 0,
				minted: Emission { depin: 720_000, treasury: 80_000 },
				class_budgets: PerClass([288_000, 216_000, 144_000, 72_000]),
				verifier_budget: 0,
			}
			.into(),
		);
		assert_eq!(balance(Rewards::pot()), ED + 720_000);
	});
}

#[test]
fn class_shares_must_be_whole_and_set_by_governance() {
	run_test(|| {
		assert_noop!(
			Rewards::set_class_shares(RuntimeOrigin::root(), percent([40, 30, 20, 20])),
			Error::<Test>::SharesNotWhole
		);
		assert_noop!(
			Rewards::set_class_shares(RuntimeOrigin::root(), percent([25, 25, 25, 24])),
			Error::<Test>::SharesNotWhole
		);
		assert_noop!(
			Rewards::set_class_shares(RuntimeOrigin::signed(OWNER), percent([40, 30, 20, 10])),
			DispatchError::BadOrigin
		);
		// One class may take everything.
		assert_ok!(Rewards::set_class_shares(RuntimeOrigin::root(), percent([0, 100, 0, 0])));
	});
}

/// Class budgets round down (`Perbill * Balance` would round to nearest and could mint more than
/// the policy asked for); the dust goes to the treasury.
#[test]
fn class_budgets_never_exceed_the_devices_emission() {
	run_test(|| {
		// Each share of 720,000 ends in .75: all four round up.
		let shares =
			PerClass([250_009_375, 250_009_375, 250_009_375, 249_971_875].map(Perbill::from_parts));
		assert_ok!(Rewards::set_class_shares(RuntimeOrigin::root(), shares));
		close_and_fund(0);
		let b = budget(0);
		let devices: Balance = b.classes.values().map(|c| c.budget).sum();
		assert!(devices <= 720_000, "class budgets sum to {devices}");
		assert_eq!(b.minted.total(), 800_000);
	});
}

#[test]
fn policy_params_are_checked_and_set_by_governance() {
	run_test(|| {
		let floor_above =
			InflationParams { floor_inflation: Perbill::from_percent(9), ..Default::default() };
		assert_noop!(
			Rewards::set_policy_params(RuntimeOrigin::root(), floor_above),
			Error::<Test>::FloorAboveStart
		);
		let boost_below =
			InflationParams { boosted_share: Perbill::from_percent(5), ..Default::default() };
		assert_noop!(
			Rewards::set_policy_params(RuntimeOrigin::root(), boost_below),
			Error::<Test>::BoostBelowBase
		);
		assert_noop!(
			Rewards::set_policy_params(RuntimeOrigin::signed(OWNER), runaway_params()),
			DispatchError::BadOrigin
		);
		let params =
			InflationParams { treasury_share: Perbill::from_percent(20), ..Default::default() };
		assert_ok!(Rewards::set_policy_params(RuntimeOrigin::root(), params));
		System::assert_last_event(Event::PolicyParamsSet { params }.into());
		assert_eq!(PolicyParams::<Test>::get(), params);
		// From the next funded epoch on: 20 % of 800,000 to the treasury.
		close_and_fund(0);
		System::assert_last_event(
			Event::EpochFunded {
				epoch: 0,
				minted: Emission { depin: 640_000, treasury: 160_000 },
				class_budgets: PerClass([160_000; 4]),
				verifier_budget: 0,
			}
			.into(),
		);
	});
}

#[test]
fn validators_are_paid_from_the_same_policy_as_devices() {
	run_test(|| {
		let issuance =
			<Balances as frame_support::traits::fungible::Inspect<AccountId>>::total_issuance();
		// No validator share: eras pay nothing and epochs keep the whole issuance.
		assert_eq!(Rewards::validator_payout(issuance, Perbill::one()), 0);
		let params =
			InflationParams { validator_share: Perbill::from_percent(25), ..Default::default() };
		assert_ok!(Rewards::set_policy_params(RuntimeOrigin::root(), params));
		// A whole year of eras: 25 % of 8 % of issuance; a tenth of a year, a tenth of that.
		let yearly = Perbill::from_percent(8) * issuance;
		assert_eq!(Rewards::validator_payout(issuance, Perbill::one()), yearly / 4);
		assert_eq!(
			Rewards::validator_payout(issuance, Perbill::from_percent(10)),
			Perbill::from_percent(10) * (yearly / 4)
		);
		// In year 9 the rate has decayed to the 2 % floor for validators as for devices.
		System::set_block_number(9 * BLOCKS_PER_YEAR as u64 + 1);
		assert_eq!(
			Rewards::validator_payout(issuance, Perbill::one()),
			Perbill::from_percent(2) * issuance / 4
		);
	});
}
