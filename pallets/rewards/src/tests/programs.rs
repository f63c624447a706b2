//! Partner programs: creating, paying their asset to their class, ending.

use super::*;

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
				ticket: ticket(PROGRAM_DEPOSIT),
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
