//! Tests of the rewards pallet. Every test ends with the pallet's `try_state` checks.

use crate::{
	mock::*, ActivePrograms, Budgets, ClaimPermission, ClaimPermissions, ClassBudget, ClassShares,
	EmissionTotals, Error, Event, FreezeReason, HoldReason, LastMint, Ledgers, NextProgramId,
	NextToFund, OldestBudget, PendingRewards, PolicyParams, Program, ProgramBudget, Programs,
	Receipt, StakeLedger, Stakes, Totals, VaultAccruals, VaultEpoch,
};
use atlas_primitives::{
	Beneficiary, DeviceClass, DeviceId, DeviceRegistry, Emission, EpochIndex, EpochScores,
	InflationParams, OnReport, Points,
};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::DispatchResultWithPostInfo,
	traits::{
		fungible::{self, InspectFreeze, InspectHold},
		fungibles,
		tokens::Preservation,
		Hooks,
	},
	weights::Weight,
};
use sp_runtime::{DispatchError, Perbill};

use DeviceClass::{Compute, Connectivity};

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

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The rewards pallet's events so far.
fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Rewards(e) = r.event { Some(e) } else { None })
		.collect()
}

/// The `(device, epoch, amount)` of every `RewardSettled` event so far.
fn settled() -> Vec<(DeviceId, EpochIndex, Balance)> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::RewardSettled { device, epoch, amount, .. } => Some((device, epoch, amount)),
			_ => None,
		})
		.collect()
}

/// Tells the pallet that `device` reported in `epoch` (for the points it has there, if any).
fn report(device: DeviceId, epoch: EpochIndex) -> bool {
	let info = MockDevices::device(device).expect("a mock device");
	let points = MockScores::device_points(epoch, device).map_or(0, |(_, p)| p);
	<Rewards as OnReport>::on_report(device, epoch, info.spec.class(), points, info.vault)
}

/// `device` reports in `epoch` and earns `points` there.
fn earn(device: DeviceId, epoch: EpochIndex, class: DeviceClass, points: Points) {
	MockScores::set_points(epoch, device, class, points);
	assert!(report(device, epoch));
}

/// Funds `epoch` (and any before it) and ends its challenge window.
fn fund_and_settle(epoch: EpochIndex) {
	close_and_fund(epoch);
	MockScores::settle_before(epoch + 1);
}

fn claim(who: AccountId, devices: Vec<DeviceId>) -> DispatchResultWithPostInfo {
	Rewards::claim(RuntimeOrigin::signed(who), devices)
}

fn balance(who: AccountId) -> Balance {
	<Balances as fungible::Inspect<AccountId>>::balance(&who)
}

fn asset_balance(asset: u32, who: AccountId) -> Balance {
	<Assets as fungibles::Inspect<AccountId>>::balance(asset, &who)
}

fn stake_frozen(who: AccountId) -> Balance {
	<Balances as InspectFreeze<AccountId>>::balance_frozen(
		&RuntimeFreezeReason::Rewards(FreezeReason::RewardStake),
		&who,
	)
}

fn deposit_held(who: AccountId) -> Balance {
	<Balances as InspectHold<AccountId>>::balance_on_hold(
		&RuntimeHoldReason::Rewards(HoldReason::ProgramDeposit),
		&who,
	)
}

fn create_asset(asset: u32, issuer: AccountId) {
	assert_ok!(Assets::force_create(RuntimeOrigin::root(), asset, issuer, true, 1));
}

fn create_program(
	who: AccountId,
	asset: u32,
	class: DeviceClass,
	per_epoch: Balance,
	epochs: u32,
) -> sp_runtime::DispatchResult {
	Rewards::create_program(RuntimeOrigin::signed(who), asset, class, per_epoch, epochs)
}

fn budget(epoch: EpochIndex) -> crate::EpochBudgetOf<Test> {
	Budgets::<Test>::get(epoch).expect("the epoch is funded")
}

fn pending(device: DeviceId) -> Vec<EpochIndex> {
	Ledgers::<Test>::get(device).map(|l| l.pending.to_vec()).unwrap_or_default()
}

/// The weight of an `on_idle` that checks and does not sweep.
fn idle_check_weight() -> Weight {
	<<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<
		frame_support::weights::RuntimeDbWeight,
	>>::get()
	.reads(2)
}

fn percent(shares: [u32; 4]) -> [Perbill; 4] {
	shares.map(Perbill::from_percent)
}

/// 90 % a year: the epoch after a normal one asks for more than 5x its mint.
fn runaway_params() -> InflationParams {
	InflationParams {
		initial_inflation: Perbill::from_percent(90),
		floor_inflation: Perbill::from_percent(2),
		..Default::default()
	}
}

// ---------------------------------------------------------------------------------------------
// Genesis and funding
// ---------------------------------------------------------------------------------------------

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
			vec![Event::EpochFunded { epoch: 0, minted, class_budgets: [180_000; 4] }]
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
		assert_eq!(b.classes, [ClassBudget { budget: 180_000, settled: 0 }; 4]);
		assert!(b.programs.is_empty());
		// The next epoch follows the grown issuance: 8 % of 1,000,800,000 over 100 epochs.
		close_and_fund(1);
		System::assert_last_event(
			Event::EpochFunded {
				epoch: 1,
				minted: Emission { depin: 720_576, treasury: 80_064 },
				class_budgets: [180_144; 4],
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
				class_budgets: [150_000; 4],
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
				class_budgets: [288_000, 216_000, 144_000, 72_000],
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
				class_budgets: [160_000; 4],
			}
			.into(),
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Lazy settlement and claims
// ---------------------------------------------------------------------------------------------

#[test]
fn devices_are_settled_lazily_by_points() {
	run_test(|| {
		earn(0, 0, Compute, 3);
		earn(1, 0, Compute, 1);
		assert_eq!(pending(0), vec![0]);
		// Reported, not funded yet: listed, nothing computed.
		assert_eq!(
			Rewards::pending_rewards(0),
			PendingRewards { claimable: 0, maturing: 0, assets: vec![], epochs: vec![0] }
		);
		assert_eq!(Rewards::reward_receipt(0, 0), None);
		assert_noop!(claim(OWNER, vec![0, 1]), Error::<Test>::NothingToClaim);

		// Funded, still open to challenge: maturing.
		close_and_fund(0);
		assert_eq!(
			Rewards::pending_rewards(0),
			PendingRewards { claimable: 0, maturing: 135_000, assets: vec![], epochs: vec![0] }
		);
		assert_eq!(Rewards::reward_receipt(0, 0).map(|r| r.payable), Some(false));
		assert_noop!(claim(OWNER, vec![0, 1]), Error::<Test>::NothingToClaim);

		// Past dispute: claimable.
		MockScores::settle_before(1);
		assert_eq!(
			Rewards::pending_rewards(0),
			PendingRewards { claimable: 135_000, maturing: 0, assets: vec![], epochs: vec![0] }
		);
		assert_eq!(Rewards::pending_rewards(1).claimable, 45_000);
		let receipt = Receipt {
			epoch: 0,
			class: Compute,
			points: 3,
			class_total: 4,
			class_budget: 180_000,
			amount: 135_000,
			assets: vec![],
			payable: true,
			// What attestations say of the device's report: metrics and multipliers.
			attested: Some(mock_attested(3)),
		};
		assert_eq!(Rewards::reward_receipt(0, 0), Some(receipt.clone()));
		assert_eq!(Rewards::reward_receipt(0, 1), None);
		assert_eq!(Rewards::reward_receipt(1, 0).map(|r| r.amount), Some(45_000));

		let owner = balance(OWNER);
		System::reset_events();
		assert_ok!(claim(OWNER, vec![0, 1]));
		assert_eq!(balance(OWNER), owner + 135_000 + 45_000);
		assert_eq!(
			events(),
			vec![
				Event::RewardSettled {
					device: 0,
					epoch: 0,
					class: Compute,
					points: 3,
					class_total: 4,
					amount: 135_000
				},
				Event::RewardPaid { device: 0, beneficiary: Beneficiary::Owner, amount: 135_000 },
				Event::RewardSettled {
					device: 1,
					epoch: 0,
					class: Compute,
					points: 1,
					class_total: 4,
					amount: 45_000
				},
				Event::RewardPaid { device: 1, beneficiary: Beneficiary::Owner, amount: 45_000 },
			]
		);
		// The receipt named what was paid.
		assert_eq!(settled()[0].2, receipt.amount);
		assert!(Ledgers::<Test>::get(0).is_none());
		assert!(Ledgers::<Test>::get(1).is_none());
		let b = budget(0);
		assert_eq!(b.classes[0], ClassBudget { budget: 180_000, settled: 180_000 });
		assert_eq!(b.classes[1], ClassBudget { budget: 180_000, settled: 0 });
		assert_eq!(Rewards::emission_totals(), Totals { minted: 720_000, paid: 180_000, swept: 0 });
		assert_eq!(balance(Rewards::pot()), ED + 720_000 - 180_000);
		assert_eq!(Rewards::reward_receipt(0, 0), None);
		assert_eq!(Rewards::pending_rewards(0), PendingRewards::default());
		// Paid once only.
		assert_noop!(claim(OWNER, vec![0, 1]), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn a_device_named_twice_is_paid_once() {
	run_test(|| {
		earn(0, 0, Compute, 1);
		fund_and_settle(0);
		let owner = balance(OWNER);
		assert_ok!(claim(OWNER, vec![0, 0]));
		assert_eq!(balance(OWNER), owner + 180_000);
		assert_eq!(settled(), vec![(0, 0, 180_000)]);
	});
}

#[test]
fn claim_checks_devices_and_signer() {
	run_test(|| {
		earn(0, 0, Compute, 3);
		earn(1, 0, Compute, 1);
		earn(2, 0, Connectivity, 1);
		fund_and_settle(0);
		assert_noop!(claim(OWNER, vec![]), Error::<Test>::NothingToClaim);
		assert_noop!(claim(OWNER, vec![0, 1, 0, 1, 0]), Error::<Test>::TooManyDevices);
		assert_noop!(claim(OWNER, vec![99]), Error::<Test>::DeviceNotFound);
		assert_noop!(claim(OWNER, vec![0, 99]), Error::<Test>::DeviceNotFound);
		assert_noop!(claim(STRANGER, vec![0]), Error::<Test>::NotAllowedToClaim);
		// One device of another owner spoils the whole claim.
		assert_noop!(claim(OWNER, vec![0, 2]), Error::<Test>::NotAllowedToClaim);
		// The operator runs device 0 only.
		assert_noop!(claim(OPERATOR, vec![1]), Error::<Test>::NotAllowedToClaim);
		assert_noop!(claim(OPERATOR, vec![0, 1]), Error::<Test>::NotAllowedToClaim);
		let (owner, operator) = (balance(OWNER), balance(OPERATOR));
		assert_ok!(claim(OPERATOR, vec![0]));
		// The operator claims, the owner is paid.
		assert_eq!(balance(OWNER), owner + 135_000);
		assert_eq!(balance(OPERATOR), operator);
		assert_ok!(claim(OWNER, vec![1]));
		assert_ok!(claim(OTHER_OWNER, vec![2]));
	});
}

#[test]
fn owners_may_let_anyone_claim() {
	run_test(|| {
		earn(0, 0, Compute, 1);
		earn(2, 0, Connectivity, 1);
		fund_and_settle(0);
		assert_ok!(Rewards::set_claim_permission(
			RuntimeOrigin::signed(OWNER),
			ClaimPermission::Anyone
		));
		System::assert_last_event(
			Event::ClaimPermissionSet { owner: OWNER, permission: ClaimPermission::Anyone }.into(),
		);
		assert_eq!(ClaimPermissions::<Test>::get(OWNER), Some(ClaimPermission::Anyone));
		// OTHER_OWNER did not.
		assert_noop!(claim(STRANGER, vec![0, 2]), Error::<Test>::NotAllowedToClaim);
		let (owner, stranger) = (balance(OWNER), balance(STRANGER));
		assert_ok!(claim(STRANGER, vec![0]));
		assert_eq!(balance(OWNER), owner + 180_000);
		assert_eq!(balance(STRANGER), stranger);
		// Back to the default: the entry is removed.
		assert_ok!(Rewards::set_claim_permission(
			RuntimeOrigin::signed(OWNER),
			ClaimPermission::OwnerOrOperator
		));
		assert_eq!(ClaimPermissions::<Test>::get(OWNER), None);
		earn(0, 1, Compute, 1);
		fund_and_settle(1);
		assert_noop!(claim(STRANGER, vec![0]), Error::<Test>::NotAllowedToClaim);
	});
}

#[test]
fn nothing_reported_nothing_to_claim() {
	run_test(|| {
		earn(1, 0, Compute, 1);
		fund_and_settle(0);
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::NothingToClaim);
		assert_eq!(Rewards::pending_rewards(0), PendingRewards::default());
		// Reported, but its points were never recorded.
		assert!(report(0, 1));
		fund_and_settle(1);
		assert_eq!(Rewards::pending_rewards(0).epochs, Vec::<EpochIndex>::new());
		// The claim pays nothing but clears the worthless entry; then there is nothing left.
		let owner = balance(OWNER);
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(balance(OWNER), owner);
		assert!(Ledgers::<Test>::get(0).is_none());
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn a_challenged_device_waits_the_others_do_not() {
	run_test(|| {
		earn(0, 0, Compute, 3);
		earn(1, 0, Compute, 1);
		fund_and_settle(0);
		MockScores::challenge(0, 0);
		assert_eq!(Rewards::pending_rewards(0).maturing, 135_000);
		assert_eq!(Rewards::pending_rewards(0).claimable, 0);
		let owner = balance(OWNER);
		assert_ok!(claim(OWNER, vec![0, 1]));
		assert_eq!(balance(OWNER), owner + 45_000);
		assert_eq!(settled(), vec![(1, 0, 45_000)]);
		assert_eq!(pending(0), vec![0]);
		assert!(Ledgers::<Test>::get(1).is_none());
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::NothingToClaim);

		// Fraud: device 0's points are zeroed, it earns nothing.
		MockScores::resolve_fraud(0, 0);
		assert_eq!(Rewards::reward_receipt(0, 0).map(|r| (r.points, r.amount)), Some((0, 0)));
		assert_eq!(Rewards::pending_rewards(0).claimable, 0);
		// Claiming clears the worthless entry and pays nothing.
		assert_ok!(claim(OWNER, vec![0]));
		assert!(Ledgers::<Test>::get(0).is_none());
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::NothingToClaim);
		assert_eq!(balance(OWNER), owner + 45_000);
		assert_eq!(budget(0).classes[0].settled, 45_000);
	});
}

#[test]
fn a_fraud_ruling_lowers_the_class_total_for_later_claims() {
	run_test(|| {
		MockDevices::add(3, OWNER, gpu());
		earn(0, 0, Compute, 1);
		earn(1, 0, Compute, 1);
		earn(3, 0, Compute, 2);
		fund_and_settle(0);
		MockScores::challenge(0, 3);
		let owner = balance(OWNER);
		// Paid against the total of 4 while device 3's report is disputed.
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(balance(OWNER), owner + 45_000);
		// Device 3 is ruled a fraud: the total falls to 2 and device 1 gets half.
		MockScores::resolve_fraud(0, 3);
		assert_eq!(
			Rewards::reward_receipt(1, 0).map(|r| (r.class_total, r.amount)),
			Some((2, 90_000))
		);
		assert_ok!(claim(OWNER, vec![1, 3]));
		assert_eq!(balance(OWNER), owner + 45_000 + 90_000);
		assert_eq!(settled(), vec![(0, 0, 45_000), (1, 0, 90_000), (3, 0, 0)]);
		// Never more than the budget; the rest is swept at expiry.
		assert_eq!(budget(0).classes[0].settled, 135_000);
		assert!(Ledgers::<Test>::get(3).is_none());
	});
}

// ---------------------------------------------------------------------------------------------
// Expiry
// ---------------------------------------------------------------------------------------------

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
		assert_eq!(balance(OWNER), owner + budget(RETENTION + 1).classes[0].budget);
		// The expired entry is dropped with the claim.
		assert!(Ledgers::<Test>::get(0).is_none());
	});
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

#[test]
fn routes_split_settled_rewards() {
	run_test(|| {
		MockDevices::set_route(
			0,
			vec![
				(Beneficiary::Owner, 50),
				(Beneficiary::Account(NEWCOMER), 20),
				(Beneficiary::CommunityPool, 20),
				(Beneficiary::Stake, 10),
			],
		);
		earn(0, 0, Compute, 1);
		fund_and_settle(0);
		let owner = balance(OWNER);
		let pool = Rewards::pool(STATE);
		System::reset_events();
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(
			events(),
			vec![
				Event::RewardSettled {
					device: 0,
					epoch: 0,
					class: Compute,
					points: 1,
					class_total: 1,
					amount: 180_000
				},
				Event::RewardPaid { device: 0, beneficiary: Beneficiary::Owner, amount: 90_000 },
				Event::RewardPaid {
					device: 0,
					beneficiary: Beneficiary::Account(NEWCOMER),
					amount: 36_000
				},
				Event::RewardPaid {
					device: 0,
					beneficiary: Beneficiary::CommunityPool,
					amount: 36_000
				},
				Event::Staked { who: OWNER, amount: 18_000 },
				Event::RewardPaid { device: 0, beneficiary: Beneficiary::Stake, amount: 18_000 },
			]
		);
		// The stake stays on the owner's account, frozen.
		assert_eq!(balance(OWNER), owner + 90_000 + 18_000);
		assert_eq!(balance(NEWCOMER), 36_000);
		assert_eq!(balance(pool), 36_000);
		assert_eq!(stake_frozen(OWNER), 18_000);
		assert_eq!(
			Stakes::<Test>::get(OWNER),
			Some(StakeLedger { active: 18_000, unbonding: 0, unlock_at: 0 })
		);
		assert_eq!(Rewards::emission_totals().paid, 180_000);
		assert_eq!(balance(Rewards::pot()), ED + 720_000 - 180_000);

		// A second payment adds to the stake.
		earn(0, 1, Compute, 1);
		fund_and_settle(1);
		assert_ok!(claim(OWNER, vec![0]));
		let staked = 18_000 + 180_144 - (90_072 + 36_029 + 36_029);
		assert_eq!(Stakes::<Test>::get(OWNER).unwrap().active, staked);
		assert_eq!(stake_frozen(OWNER), staked);
	});
}

#[test]
fn a_leg_below_the_existential_deposit_goes_to_the_owner() {
	run_test(|| {
		MockDevices::set_route(
			1,
			vec![
				(Beneficiary::Account(NEWCOMER), 20),
				(Beneficiary::CommunityPool, 20),
				(Beneficiary::Owner, 60),
			],
		);
		// Device 1 earns 180,000 / 4,000 = 45: 9 to NEWCOMER and to the pool, below ED.
		earn(0, 0, Compute, 3_999);
		earn(1, 0, Compute, 1);
		fund_and_settle(0);
		let owner = balance(OWNER);
		System::reset_events();
		assert_ok!(claim(OWNER, vec![1]));
		assert_eq!(
			events(),
			vec![
				Event::RewardSettled {
					device: 1,
					epoch: 0,
					class: Compute,
					points: 1,
					class_total: 4_000,
					amount: 45
				},
				Event::RewardPaid { device: 1, beneficiary: Beneficiary::Owner, amount: 9 },
				Event::RewardPaid { device: 1, beneficiary: Beneficiary::Owner, amount: 9 },
				Event::RewardPaid { device: 1, beneficiary: Beneficiary::Owner, amount: 27 },
			]
		);
		assert_eq!(balance(OWNER), owner + 45);
		assert_eq!(balance(NEWCOMER), 0);
		assert_eq!(balance(Rewards::pool(STATE)), 0);
	});
}

#[test]
fn vaults_take_rewards_or_the_owner_does() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 50), (Beneficiary::Owner, 50)]);
		MockDevices::set_route(1, vec![(Beneficiary::Vault(8), 100)]);
		earn(0, 0, Compute, 1);
		earn(1, 0, Compute, 1);
		fund_and_settle(0);
		let each = Rewards::pending_of(0).claimable;
		assert_eq!(Rewards::pending_of(1).claimable, each);
		let (owner, vault) = (balance(OWNER), balance(VAULT_ACCOUNT));
		System::reset_events();
		assert_ok!(claim(OWNER, vec![0, 1]));
		assert_eq!(balance(VAULT_ACCOUNT), vault + each / 2);
		assert_eq!(balance(OWNER), owner + (each - each / 2) + each);
		let paid: Vec<_> =
			events().into_iter().filter(|e| matches!(e, Event::RewardPaid { .. })).collect();
		assert_eq!(
			paid,
			vec![
				Event::RewardPaid {
					device: 0,
					beneficiary: Beneficiary::Vault(7),
					amount: each / 2
				},
				Event::RewardPaid {
					device: 0,
					beneficiary: Beneficiary::Owner,
					amount: each - each / 2
				},
				// Vault 8 refused: its leg went to the owner.
				Event::RewardPaid { device: 1, beneficiary: Beneficiary::Owner, amount: each },
			]
		);
	});
}

#[test]
fn co_use_host_share_goes_to_the_pool_except_from_vault_legs() {
	run_test(|| {
		MockCoUse::set(Perbill::from_percent(10));
		MockDevices::set_route(
			0,
			vec![
				(Beneficiary::Vault(7), 50),
				(Beneficiary::Owner, 30),
				(Beneficiary::CommunityPool, 20),
			],
		);
		earn(0, 0, Compute, 1);
		fund_and_settle(0);
		let reward = Rewards::pending_of(0).claimable;
		assert_eq!(reward, 180_000);
		let (owner, vault, pool) =
			(balance(OWNER), balance(VAULT_ACCOUNT), balance(Rewards::pool(STATE)));
		System::reset_events();
		assert_ok!(claim(OWNER, vec![0]));
		// The vault's half is untouched; 10 % of the owner's 30 % goes to the pool.
		assert_eq!(balance(VAULT_ACCOUNT), vault + 90_000);
		assert_eq!(balance(OWNER), owner + 54_000 - 5_400);
		assert_eq!(balance(Rewards::pool(STATE)), pool + 36_000 + 5_400);
		assert!(events().contains(&Event::HostSharePaid {
			device: 0,
			state: STATE,
			amount: 5_400
		}));
		MockCoUse::set(Perbill::zero());
	});
}

/// What settling would pay vault 7 now.
fn vault_due(devices: &[DeviceId]) -> Balance {
	devices.iter().map(|d| Rewards::pending_of(*d).claimable / 2).sum()
}

#[test]
fn a_vaults_unpaid_yield_is_valued_before_it_is_paid() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 50), (Beneficiary::Owner, 50)]);
		assert_eq!(Rewards::vault_yield(7), 0);
		earn(0, 0, Compute, 300);
		earn(1, 0, Compute, 700);
		// Epoch 0 runs and nothing was funded yet: nothing to value it by.
		assert_eq!(Rewards::vault_yield(7), 0);
		assert_eq!(
			VaultAccruals::<Test>::get(7).unwrap().into_inner(),
			vec![VaultEpoch { epoch: 0, points: [150, 0, 0, 0] }]
		);
		close_and_fund(0);
		let budget = Budgets::<Test>::get(0).unwrap().classes[0].budget;
		// Half of device 0's 30 % of the compute budget, rounded up.
		let expected = (budget * 150).div_ceil(1_000);
		assert_eq!(Rewards::vault_yield(7), expected);
		// A running epoch is estimated with the latest budget.
		earn(0, 1, Compute, 100);
		earn(1, 1, Compute, 100);
		let estimate = (budget * 50).div_ceil(200);
		assert_eq!(Rewards::vault_yield(7), expected + estimate);
		// Settling moves the value from unpaid to paid: the vault's total never rises.
		MockScores::settle_before(1);
		let (vault, before) = (balance(VAULT_ACCOUNT), Rewards::vault_yield(7));
		let due = vault_due(&[0]);
		assert_ok!(claim(OWNER, vec![0]));
		let received = balance(VAULT_ACCOUNT) - vault;
		assert_eq!(received, due);
		assert_eq!(Rewards::vault_yield(7), estimate);
		assert!(before - received - estimate <= 1, "rounding up costs at most a unit");
		// Epoch 1 is still unpaid.
		assert_eq!(
			VaultAccruals::<Test>::get(7).unwrap().into_inner(),
			vec![VaultEpoch { epoch: 1, points: [50, 0, 0, 0] }]
		);
	});
}

#[test]
fn points_changes_move_a_vaults_yield() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 100)]);
		earn(0, 0, Compute, 400);
		earn(1, 0, Compute, 400);
		// A verifier lowers device 0's points.
		MockScores::set_points(0, 0, Compute, 100);
		Rewards::on_points_changed(0, 0, Compute, 400, 100, MockDevices::device(0).unwrap().vault);
		assert_eq!(VaultAccruals::<Test>::get(7).unwrap()[0].points, [100, 0, 0, 0]);
		close_and_fund(0);
		let budget = Budgets::<Test>::get(0).unwrap().classes[0].budget;
		assert_eq!(Rewards::vault_yield(7), (budget * 100).div_ceil(500));
		// A fraud ruling zeroes them: nothing is owed and nothing is kept.
		MockScores::resolve_fraud(0, 0);
		Rewards::on_points_changed(0, 0, Compute, 100, 0, MockDevices::device(0).unwrap().vault);
		assert_eq!(Rewards::vault_yield(7), 0);
		assert!(VaultAccruals::<Test>::get(7).is_none());
	});
}

#[test]
fn a_vault_has_room_for_a_bounded_number_of_epochs() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 100)]);
		MockDevices::set_route(1, vec![(Beneficiary::Vault(7), 100)]);
		// Device 0 leaves six epochs unpaid, device 1 two more: the vault is full.
		for epoch in 0..MAX_PENDING {
			earn(0, epoch, Compute, 10);
		}
		for epoch in MAX_PENDING..MAX_VAULT_EPOCHS {
			earn(1, epoch, Compute, 10);
		}
		assert_eq!(VaultAccruals::<Test>::get(7).unwrap().len() as u32, MAX_VAULT_EPOCHS);
		// Device 1 has room of its own, but the vault has none: the report is refused and
		// changes nothing.
		MockScores::set_points(MAX_VAULT_EPOCHS, 1, Compute, 10);
		let ledger = Ledgers::<Test>::get(1).map(|l| l.pending);
		assert!(!frame_support::storage::with_storage_layer(|| {
			if report(1, MAX_VAULT_EPOCHS) {
				Ok(true)
			} else {
				Err(DispatchError::Other("refused"))
			}
		})
		.unwrap_or(false));
		assert_eq!(Ledgers::<Test>::get(1).map(|l| l.pending), ledger);
		// Anyone claims device 0's epochs for the vault: room again.
		fund_and_settle(MAX_PENDING - 1);
		assert_ok!(claim(NEWCOMER, vec![0]));
		assert_eq!(
			VaultAccruals::<Test>::get(7).unwrap().len() as u32,
			MAX_VAULT_EPOCHS - MAX_PENDING
		);
		assert!(report(1, MAX_VAULT_EPOCHS));
	});
}

#[test]
fn anyone_may_claim_a_device_that_pays_a_vault() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 50), (Beneficiary::Owner, 50)]);
		earn(0, 0, Compute, 10);
		earn(1, 0, Compute, 10);
		fund_and_settle(0);
		assert_noop!(claim(NEWCOMER, vec![1]), Error::<Test>::NotAllowedToClaim);
		let owner = balance(OWNER);
		assert_ok!(claim(NEWCOMER, vec![0]));
		assert!(balance(OWNER) > owner, "the owner's leg still goes to the owner");
	});
}

#[test]
fn a_route_not_summing_to_whole_is_refused() {
	run_test(|| {
		MockDevices::set_route(
			0,
			vec![(Beneficiary::Owner, 50), (Beneficiary::Account(NEWCOMER), 40)],
		);
		earn(0, 0, Compute, 1);
		earn(1, 0, Compute, 1);
		fund_and_settle(0);
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::InvalidRoute);
		// Nothing of the batch is paid.
		assert_noop!(claim(OWNER, vec![1, 0]), Error::<Test>::InvalidRoute);
		// Fixed, it pays.
		MockDevices::set_route(
			0,
			vec![(Beneficiary::Owner, 60), (Beneficiary::Account(NEWCOMER), 40)],
		);
		assert_ok!(claim(OWNER, vec![1, 0]));
		assert_eq!(balance(NEWCOMER), 36_000);
	});
}

// ---------------------------------------------------------------------------------------------
// Circuit breaker
// ---------------------------------------------------------------------------------------------

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
		assert_eq!(b.classes, [ClassBudget::default(); 4]);
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
				Event::EpochFunded { epoch: 1, minted, class_budgets: [900_000; 4] },
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
		assert_eq!(budget(1).classes[0].budget, 2_026_620);
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

// ---------------------------------------------------------------------------------------------
// Partner programs
// ---------------------------------------------------------------------------------------------

#[test]
fn partner_programs_pay_their_asset_to_their_class() {
	run_test(|| {
		create_asset(ASSET, STRANGER);
		let free = balance(STRANGER);
		assert_ok!(create_program(STRANGER, ASSET, Connectivity, 1_000, 3));
		System::assert_last_event(
			Event::ProgramCreated {
				program: 0,
				sponsor: STRANGER,
				asset: ASSET,
				class: Connectivity,
				per_epoch: 1_000,
				ends: 3,
			}
			.into(),
		);
		assert_eq!(deposit_held(STRANGER), PROGRAM_DEPOSIT);
		assert_eq!(balance(STRANGER), free - PROGRAM_DEPOSIT);
		assert_eq!(
			Programs::<Test>::get(0),
			Some(Program {
				sponsor: STRANGER,
				asset: ASSET,
				class: Connectivity,
				per_epoch: 1_000,
				ends: 3,
				deposit: PROGRAM_DEPOSIT,
			})
		);
		assert_eq!(ActivePrograms::<Test>::get().to_vec(), vec![0]);
		assert_eq!(NextProgramId::<Test>::get(), 1);

		earn(2, 0, Connectivity, 5);
		earn(0, 0, Compute, 5);
		fund_and_settle(0);
		assert_eq!(
			budget(0).programs.to_vec(),
			vec![ProgramBudget {
				program: 0,
				asset: ASSET,
				class: Connectivity,
				budget: 1_000,
				settled: 0
			}]
		);
		assert_eq!(
			Rewards::pending_rewards(2),
			PendingRewards {
				claimable: 180_000,
				maturing: 0,
				assets: vec![(ASSET, 1_000)],
				epochs: vec![0]
			}
		);
		assert_eq!(Rewards::reward_receipt(2, 0).unwrap().assets, vec![(ASSET, 1_000)]);
		// Compute devices get none of it.
		assert!(Rewards::pending_rewards(0).assets.is_empty());

		let other = balance(OTHER_OWNER);
		System::reset_events();
		assert_ok!(claim(OTHER_OWNER, vec![2]));
		System::assert_has_event(
			Event::AssetRewardPaid { device: 2, asset: ASSET, owner: OTHER_OWNER, amount: 1_000 }
				.into(),
		);
		assert_eq!(asset_balance(ASSET, OTHER_OWNER), 1_000);
		assert_eq!(balance(OTHER_OWNER), other + 180_000);
		assert_eq!(budget(0).programs[0].settled, 1_000);
		assert!(Ledgers::<Test>::get(2).is_none());
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(asset_balance(ASSET, OWNER), 0);

		// It pays epochs 0, 1 and 2 only.
		close_and_fund(3);
		assert_eq!(budget(2).programs.len(), 1);
		assert!(budget(3).programs.is_empty());
	});
}

#[test]
fn an_asset_that_cannot_be_minted_waits_in_the_ledger() {
	run_test(|| {
		create_asset(ASSET, STRANGER);
		assert_ok!(create_program(STRANGER, ASSET, Connectivity, 1_000, 3));
		earn(2, 0, Connectivity, 1);
		fund_and_settle(0);
		assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(STRANGER), ASSET));
		let other = balance(OTHER_OWNER);
		assert_ok!(claim(OTHER_OWNER, vec![2]));
		// The ATH is paid, the asset is settled but kept.
		assert_eq!(balance(OTHER_OWNER), other + 180_000);
		assert_eq!(asset_balance(ASSET, OTHER_OWNER), 0);
		let ledger = Ledgers::<Test>::get(2).unwrap();
		assert!(ledger.pending.is_empty());
		assert_eq!(ledger.unpaid_assets.to_vec(), vec![(ASSET, 1_000)]);
		assert_eq!(Rewards::pending_rewards(2).assets, vec![(ASSET, 1_000)]);
		assert_noop!(claim(OTHER_OWNER, vec![2]), Error::<Test>::NothingToClaim);
		assert_ok!(Assets::thaw_asset(RuntimeOrigin::signed(STRANGER), ASSET));
		assert_ok!(claim(OTHER_OWNER, vec![2]));
		assert_eq!(asset_balance(ASSET, OTHER_OWNER), 1_000);
		assert!(Ledgers::<Test>::get(2).is_none());
	});
}

#[test]
fn create_program_checks_asset_budget_and_deposit() {
	run_test(|| {
		create_asset(ASSET, STRANGER);
		create_asset(ASSET + 1, NEWCOMER);
		let create = |who, asset, per_epoch, epochs| {
			create_program(who, asset, Connectivity, per_epoch, epochs)
		};
		assert_noop!(create(STRANGER, 999, 1_000, 3), Error::<Test>::UnknownAsset);
		assert_noop!(create(OWNER, ASSET, 1_000, 3), Error::<Test>::NotAssetIssuer);
		assert_noop!(create(STRANGER, ASSET, 0, 3), Error::<Test>::EmptyProgram);
		assert_noop!(create(STRANGER, ASSET, 1_000, 0), Error::<Test>::EmptyProgram);
		// NEWCOMER issues an asset but has nothing to hold.
		assert_noop!(create(NEWCOMER, ASSET + 1, 1_000, 3), Error::<Test>::CannotAffordDeposit);
		assert_ok!(create(STRANGER, ASSET, 1_000, 3));
		assert_ok!(create(STRANGER, ASSET, 500, 1));
		assert_eq!(deposit_held(STRANGER), 2 * PROGRAM_DEPOSIT);
		assert_noop!(create(STRANGER, ASSET, 1_000, 3), Error::<Test>::TooManyPrograms);
		assert_eq!(ActivePrograms::<Test>::get().to_vec(), vec![0, 1]);
	});
}

#[test]
fn end_program_returns_the_deposit() {
	run_test(|| {
		create_asset(ASSET, STRANGER);
		assert_ok!(create_program(STRANGER, ASSET, Connectivity, 1_000, 3));
		assert_ok!(create_program(STRANGER, ASSET, Connectivity, 500, 1));
		let end = |who, program| Rewards::end_program(RuntimeOrigin::signed(who), program);
		assert_noop!(end(STRANGER, 5), Error::<Test>::ProgramNotFound);
		// Before it expires only its sponsor may end it.
		assert_noop!(end(OWNER, 0), Error::<Test>::NotProgramSponsor);
		assert_noop!(end(OWNER, 1), Error::<Test>::NotProgramSponsor);
		let free = balance(STRANGER);
		assert_ok!(end(STRANGER, 0));
		System::assert_last_event(Event::ProgramEnded { program: 0 }.into());
		assert_eq!(deposit_held(STRANGER), PROGRAM_DEPOSIT);
		assert_eq!(balance(STRANGER), free + PROGRAM_DEPOSIT);
		assert_eq!(Programs::<Test>::get(0), None);
		assert_eq!(ActivePrograms::<Test>::get().to_vec(), vec![1]);
		assert_noop!(end(STRANGER, 0), Error::<Test>::ProgramNotFound);

		// Program 1 pays epoch 0 only; once it is funded anyone may end it.
		earn(2, 0, Connectivity, 1);
		fund_and_settle(0);
		let owner = balance(OWNER);
		assert_ok!(end(OWNER, 1));
		assert_eq!(balance(OWNER), owner);
		assert_eq!(deposit_held(STRANGER), 0);
		assert_eq!(balance(STRANGER), free + 2 * PROGRAM_DEPOSIT);
		assert!(ActivePrograms::<Test>::get().is_empty());
		// Epochs already funded still pay.
		assert_ok!(claim(OTHER_OWNER, vec![2]));
		assert_eq!(asset_balance(ASSET, OTHER_OWNER), 500);
		// And room is made for a new program.
		assert_ok!(create_program(STRANGER, ASSET, Connectivity, 1_000, 3));
		assert_eq!(NextProgramId::<Test>::get(), 3);
	});
}

// ---------------------------------------------------------------------------------------------
// Stake
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Community pools
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Backlog and claim limits
// ---------------------------------------------------------------------------------------------

#[test]
fn a_backlogged_device_is_refused_until_room_is_made() {
	run_test(|| {
		for epoch in 0..MAX_PENDING {
			assert!(report(0, epoch));
		}
		assert!(!report(0, MAX_PENDING));
		assert_eq!(pending(0), (0..MAX_PENDING).collect::<Vec<_>>());
		// Other devices are not affected.
		assert!(report(1, 0));

		// Epoch 0 past retention but not swept yet: still no room.
		close_and_fund(RETENTION);
		assert!(!report(0, MAX_PENDING));
		Rewards::on_idle(System::block_number(), Weight::MAX);
		assert_eq!(OldestBudget::<Test>::get(), 1);
		// The expired entry is dropped to make room.
		assert!(report(0, MAX_PENDING));
		assert_eq!(pending(0), (1..=MAX_PENDING).collect::<Vec<_>>());
		assert!(!report(0, MAX_PENDING + 1));
	});
}

#[test]
fn a_claim_makes_room_for_reports() {
	run_test(|| {
		for epoch in 0..MAX_PENDING {
			earn(0, epoch, Compute, 1);
		}
		assert!(!report(0, MAX_PENDING));
		fund_and_settle(1);
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(pending(0), (2..MAX_PENDING).collect::<Vec<_>>());
		assert!(report(0, MAX_PENDING));
	});
}

#[test]
fn the_registry_sees_unpaid_rewards_until_they_are_claimed() {
	use atlas_primitives::RewardLedger;
	run_test(|| {
		assert!(!<Rewards as RewardLedger>::has_unpaid(0));
		earn(0, 0, Compute, 1);
		assert!(<Rewards as RewardLedger>::has_unpaid(0));
		fund_and_settle(0);
		assert_ok!(claim(OWNER, vec![0]));
		assert!(!<Rewards as RewardLedger>::has_unpaid(0));
	});
}

#[test]
fn a_claim_settles_at_most_max_settle_entries() {
	run_test(|| {
		for epoch in 0..MAX_PENDING {
			earn(0, epoch, Compute, 1);
			earn(1, epoch, Compute, 1);
		}
		fund_and_settle(MAX_PENDING - 1);
		let half = |e: EpochIndex| budget(e).classes[0].budget / 2;
		let first: Balance = (0..MAX_PENDING).map(half).sum::<Balance>() + half(0) + half(1);
		let rest: Balance = (2..MAX_PENDING).map(half).sum();

		let owner = balance(OWNER);
		System::reset_events();
		let info = claim(OWNER, vec![0, 1]).unwrap();
		assert_eq!(info.actual_weight, Some(Rewards::claim_weight(2, MAX_SETTLE)));
		assert_eq!(settled().len(), MAX_SETTLE as usize);
		assert_eq!(balance(OWNER), owner + first);
		assert!(Ledgers::<Test>::get(0).is_none());
		assert_eq!(pending(1), (2..MAX_PENDING).collect::<Vec<_>>());
		assert_eq!(Rewards::pending_rewards(1).claimable, rest);

		System::reset_events();
		let info = claim(OWNER, vec![1]).unwrap();
		assert_eq!(info.actual_weight, Some(Rewards::claim_weight(1, MAX_PENDING - 2)));
		assert_eq!(settled(), (2..MAX_PENDING).map(|e| (1, e, half(e))).collect::<Vec<_>>());
		// Each claim told the registry side what each device was paid in all.
		let paid = told_paid();
		assert_eq!(paid.len(), 3);
		assert_eq!(paid.iter().map(|(_, a)| a).sum::<Balance>(), first + rest);
		assert_eq!(paid.last(), Some(&(1, rest)));
		assert_eq!(balance(OWNER), owner + first + rest);
		assert!(Ledgers::<Test>::get(1).is_none());
		assert_eq!(Rewards::emission_totals().paid, first + rest);
	});
}

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

#[test]
fn try_state_detects_broken_invariants() {
	run_test(|| {
		earn(0, 0, Compute, 1);
		fund_and_settle(0);
		assert_ok!(Rewards::do_try_state());

		EmissionTotals::<Test>::mutate(|t| t.minted += 1);
		assert!(Rewards::do_try_state().is_err());
		EmissionTotals::<Test>::mutate(|t| t.minted -= 1);
		assert_ok!(Rewards::do_try_state());

		// A class settled more than its budget.
		Budgets::<Test>::mutate(0, |b| b.as_mut().unwrap().classes[0].settled = 180_001);
		assert!(Rewards::do_try_state().is_err());
		Budgets::<Test>::mutate(0, |b| b.as_mut().unwrap().classes[0].settled = 0);

		// The pot cannot pay what is owed.
		let pot = balance(Rewards::pot());
		assert_ok!(<Balances as fungible::Mutate<AccountId>>::transfer(
			&Rewards::pot(),
			&STRANGER,
			ED + 1,
			Preservation::Preserve
		));
		assert!(Rewards::do_try_state().is_err());
		assert_ok!(<Balances as fungible::Mutate<AccountId>>::transfer(
			&STRANGER,
			&Rewards::pot(),
			ED + 1,
			Preservation::Preserve
		));
		assert_eq!(balance(Rewards::pot()), pot);

		// A pending device's route is broken.
		MockDevices::set_route(0, vec![(Beneficiary::Owner, 90)]);
		assert!(Rewards::do_try_state().is_err());
		MockDevices::set_route(0, vec![(Beneficiary::Owner, 100)]);

		// A vault's points that no unpaid device explains.
		let bogus = VaultEpoch { epoch: 0, points: [5, 0, 0, 0] };
		VaultAccruals::<Test>::insert(9, frame_support::BoundedVec::truncate_from(vec![bogus]));
		assert!(Rewards::do_try_state().is_err());
		VaultAccruals::<Test>::remove(9);

		// A stake without its freeze.
		Stakes::<Test>::insert(OWNER, StakeLedger { active: 5, unbonding: 0, unlock_at: 0 });
		assert!(Rewards::do_try_state().is_err());
		Stakes::<Test>::remove(OWNER);

		// A program without its deposit, or outside the active list.
		let program = Program {
			sponsor: STRANGER,
			asset: ASSET,
			class: Connectivity,
			per_epoch: 1,
			ends: 1,
			deposit: PROGRAM_DEPOSIT,
		};
		Programs::<Test>::insert(0, program);
		assert!(Rewards::do_try_state().is_err());
		Programs::<Test>::remove(0);
		ActivePrograms::<Test>::put(frame_support::BoundedVec::truncate_from(vec![0]));
		assert!(Rewards::do_try_state().is_err());
		ActivePrograms::<Test>::kill();

		assert_ok!(Rewards::do_try_state());
	});
}

// ---------------------------------------------------------------------------------------------
// Regressions
// ---------------------------------------------------------------------------------------------

/// A claim that only clears worthless entries (zero points, e.g. after a fraud ruling) succeeds,
/// so a device whose unpaid epochs all earned nothing is not stuck with a full backlog.
#[test]
fn worthless_entries_do_not_block_a_device() {
	run_test(|| {
		for epoch in 0..MAX_PENDING {
			earn(0, epoch, Compute, 0);
			earn(1, epoch, Compute, 1);
		}
		fund_and_settle(MAX_PENDING - 1);
		assert!(!report(0, MAX_PENDING));
		let _ = claim(OWNER, vec![0]);
		assert!(report(0, MAX_PENDING), "the device is still backlogged");
	});
}

/// Settled partner assets gather in the device's ledger (at most `MaxPrograms` distinct assets)
/// before they are minted: an epoch whose assets do not fit waits for the next claim instead of
/// losing them.
#[test]
fn a_claim_over_many_programs_pays_every_asset() {
	run_test(|| {
		for asset in [ASSET, ASSET + 1, ASSET + 2] {
			create_asset(asset, STRANGER);
		}
		// Epoch 0: two programs (the most at once), ending after it.
		assert_ok!(create_program(STRANGER, ASSET, Connectivity, 1_000, 1));
		assert_ok!(create_program(STRANGER, ASSET + 1, Connectivity, 1_000, 1));
		earn(2, 0, Connectivity, 1);
		close_and_fund(0);
		assert_ok!(Rewards::end_program(RuntimeOrigin::signed(STRANGER), 0));
		assert_ok!(Rewards::end_program(RuntimeOrigin::signed(STRANGER), 1));
		// Epoch 1: a third program in a third asset.
		assert_ok!(create_program(STRANGER, ASSET + 2, Connectivity, 1_000, 2));
		earn(2, 1, Connectivity, 1);
		fund_and_settle(1);
		assert_eq!(budget(1).programs.len(), 1);
		assert_eq!(Rewards::pending_rewards(2).assets.len(), 3);

		assert_ok!(claim(OTHER_OWNER, vec![2]));
		assert_eq!(asset_balance(ASSET + 2, OTHER_OWNER), 0);
		assert_eq!(budget(1).programs[0].settled, 0);
		assert_eq!(Rewards::pending_rewards(2).epochs, vec![1]);
		assert_ok!(claim(OTHER_OWNER, vec![2]));
		assert_eq!(budget(1).programs[0].settled, 1_000);
		for asset in [ASSET, ASSET + 1, ASSET + 2] {
			assert_eq!(asset_balance(asset, OTHER_OWNER), 1_000, "asset {asset} not paid");
		}
	});
}

/// Class budgets round down (`Perbill * Balance` would round to nearest and could mint more than
/// the policy asked for); the dust goes to the treasury.
#[test]
fn class_budgets_never_exceed_the_devices_emission() {
	run_test(|| {
		// Each share of 720,000 ends in .75: all four round up.
		let shares = [250_009_375, 250_009_375, 250_009_375, 249_971_875].map(Perbill::from_parts);
		assert_ok!(Rewards::set_class_shares(RuntimeOrigin::root(), shares));
		close_and_fund(0);
		let b = budget(0);
		let devices: Balance = b.classes.iter().map(|c| c.budget).sum();
		assert!(devices <= 720_000, "class budgets sum to {devices}");
		assert_eq!(b.minted.total(), 800_000);
	});
}

#[test]
fn an_owners_pending_rewards_are_paged_and_summed() {
	run_test(|| {
		earn(0, 0, Compute, 3);
		earn(1, 0, Compute, 1);
		earn(2, 0, Connectivity, 1);
		fund_and_settle(0);
		let (a, b) = (Rewards::pending_rewards(0).claimable, Rewards::pending_rewards(1).claimable);
		assert!(a > 0 && b > 0);
		let all = Rewards::pending_rewards_of_owner(OWNER, None, 100);
		assert_eq!(all.claimable, a + b);
		assert_eq!(all.devices.items.iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![0, 1]);
		assert_eq!(all.devices.next, None);
		// One device a page: the cursor resumes after it.
		let first = Rewards::pending_rewards_of_owner(OWNER, None, 1);
		assert_eq!((first.claimable, first.devices.next), (a, Some(0)));
		let second = Rewards::pending_rewards_of_owner(OWNER, Some(0), 1);
		assert_eq!((second.claimable, second.devices.next), (b, None));
		// Another owner's devices are not counted.
		assert_eq!(
			Rewards::pending_rewards_of_owner(OTHER_OWNER, None, 100).devices.items.len(),
			1
		);
	});
}
