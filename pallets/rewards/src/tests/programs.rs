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

/// Attack: an issuer freezes its asset so no claim can mint it. Before, the settled amount sat in
/// the device's ledger for ever: the device could not be decommissioned, transferred or change
/// its vault leg. Now what cannot be minted is waived at the claim and the ledger is free.
#[test]
fn a_frozen_partner_asset_never_holds_a_device() {
	run_test(|| {
		create_asset(ASSET, STRANGER);
		assert_ok!(create_program(STRANGER, ASSET, Connectivity, 1_000, 3));
		earn(2, 0, Connectivity, 1);
		fund_and_settle(0);
		assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(STRANGER), ASSET));
		let other = balance(OTHER_OWNER);
		System::reset_events();
		assert_ok!(claim(OTHER_OWNER, vec![2]));
		// The ATH is paid; the asset is waived, not kept.
		assert_eq!(balance(OTHER_OWNER), other + 180_000);
		assert_eq!(asset_balance(ASSET, OTHER_OWNER), 0);
		System::assert_has_event(
			Event::AssetRewardWaived { device: 2, asset: ASSET, owner: OTHER_OWNER, amount: 1_000 }
				.into(),
		);
		assert!(Ledgers::<Test>::get(2).is_none());
		assert!(!<Rewards as atlas_primitives::RewardLedger>::has_unpaid(2));
		assert!(Rewards::pending_rewards(2).assets.is_empty());
		// The program's budget counts it as settled: it is never paid twice.
		assert_eq!(budget(0).programs[0].settled, 1_000);
		assert_noop!(claim(OTHER_OWNER, vec![2]), Error::<Test>::NothingToClaim);
	});
}

/// Three assets of STRANGER; programs in the first two pay epoch 0 only, in which device 2
/// earns.
fn two_programs_in_epoch_0() {
	for asset in [ASSET, ASSET + 1, ASSET + 2] {
		create_asset(asset, STRANGER);
	}
	assert_ok!(create_program(STRANGER, ASSET, Connectivity, 1_000, 1));
	assert_ok!(create_program(STRANGER, ASSET + 1, Connectivity, 1_000, 1));
	earn(2, 0, Connectivity, 1);
}

/// Attack: `MaxPrograms` frozen assets fill a device's unpaid assets, then one new program
/// starts. Before, every later epoch of the class waited for room that never came: the class
/// was never paid ATH again. Now ATH settlement never waits for a partner asset.
#[test]
fn stuck_partner_assets_never_stop_ath() {
	run_test(|| {
		// Epoch 0: two programs (the most at once) whose assets are frozen before the claim.
		two_programs_in_epoch_0();
		fund_and_settle(0);
		for asset in [ASSET, ASSET + 1] {
			assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(STRANGER), asset));
		}
		assert_ok!(claim(OTHER_OWNER, vec![2]));
		assert_ok!(Rewards::end_program(RuntimeOrigin::signed(STRANGER), 0));
		assert_ok!(Rewards::end_program(RuntimeOrigin::signed(STRANGER), 1));
		// Epoch 1: a third program in a third asset.
		assert_ok!(create_program(STRANGER, ASSET + 2, Connectivity, 1_000, 2));
		earn(2, 1, Connectivity, 1);
		fund_and_settle(1);
		let other = balance(OTHER_OWNER);
		assert_ok!(claim(OTHER_OWNER, vec![2]));
		let paid = budget(1).classes[Connectivity].budget;
		assert_eq!(settled(), vec![(2, 0, 180_000), (2, 1, paid)]);
		assert_eq!(balance(OTHER_OWNER), other + paid);
		assert_eq!(asset_balance(ASSET + 2, OTHER_OWNER), 1_000);
		assert!(Ledgers::<Test>::get(2).is_none());
	});
}

/// A claim settling many epochs mints each epoch's assets.
#[test]
fn a_claim_over_many_programs_pays_every_asset() {
	run_test(|| {
		two_programs_in_epoch_0();
		close_and_fund(0);
		assert_ok!(Rewards::end_program(RuntimeOrigin::signed(STRANGER), 0));
		assert_ok!(Rewards::end_program(RuntimeOrigin::signed(STRANGER), 1));
		assert_ok!(create_program(STRANGER, ASSET + 2, Connectivity, 1_000, 2));
		earn(2, 1, Connectivity, 1);
		fund_and_settle(1);
		assert_eq!(Rewards::pending_rewards(2).assets.len(), 3);

		assert_ok!(claim(OTHER_OWNER, vec![2]));
		assert_eq!(budget(1).programs[0].settled, 1_000);
		for asset in [ASSET, ASSET + 1, ASSET + 2] {
			assert_eq!(asset_balance(asset, OTHER_OWNER), 1_000, "asset {asset} not paid");
		}
		assert!(Ledgers::<Test>::get(2).is_none());
	});
}

/// Attack: an issuer fills every program slot with worthless programs that never end. A
/// program lasts at most `MaxProgramEpochs`, and governance may end any program at once.
#[test]
fn program_slots_cannot_be_squatted() {
	run_test(|| {
		create_asset(ASSET, STRANGER);
		assert_noop!(
			create_program(STRANGER, ASSET, Connectivity, 1, MAX_PROGRAM_EPOCHS + 1),
			Error::<Test>::ProgramTooLong
		);
		assert_ok!(create_program(STRANGER, ASSET, Connectivity, 1, MAX_PROGRAM_EPOCHS));
		assert_ok!(create_program(STRANGER, ASSET, Connectivity, 1, MAX_PROGRAM_EPOCHS));
		assert_noop!(
			create_program(STRANGER, ASSET, Connectivity, 1, 1),
			Error::<Test>::TooManyPrograms
		);
		let free = balance(STRANGER);
		assert_ok!(Rewards::end_program(RuntimeOrigin::root(), 0));
		System::assert_last_event(Event::ProgramEnded { program: 0 }.into());
		// The squatter's deposit is returned (it was a storage deposit, not a fine).
		assert_eq!(balance(STRANGER), free + PROGRAM_DEPOSIT);
		assert_eq!(ActivePrograms::<Test>::get().to_vec(), vec![1]);
		assert_ok!(create_program(STRANGER, ASSET, Connectivity, 1_000, 3));
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
