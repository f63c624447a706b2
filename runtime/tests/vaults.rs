//! Vaults in the runtime: share tokens live in `pallet-assets` in a reserved id range, and votes
//! freeze them there.

mod common;

use atlas_runtime::{
	configs::depin::VAULT_SHARES_FROM, Assets, Runtime, RuntimeOrigin, System, Vaults, ATH,
};
use common::preset_ext;
use frame_support::{assert_noop, assert_ok};
use pallet_vaults::{ProposalAction, VaultParams};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Eve};
use sp_runtime::{DispatchError, Perbill};

fn signed(k: sp_keyring::Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(k.to_account_id())
}

#[test]
fn accounts_cannot_create_assets_in_the_vault_share_range() {
	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		assert_noop!(
			Assets::create(
				signed(Alice),
				VAULT_SHARES_FROM.into(),
				Alice.to_account_id().into(),
				1
			),
			DispatchError::BadOrigin
		);
		assert_ok!(Assets::create(
			signed(Alice),
			(VAULT_SHARES_FROM - 1).into(),
			Alice.to_account_id().into(),
			1
		));
	});
}

#[test]
fn shares_that_voted_are_frozen_in_pallet_assets_until_the_vote_ends() {
	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let state = common::establish_state(&Alice.to_account_id());
		let params = VaultParams {
			min_deposit: ATH,
			redeem_after: 0,
			voting_period: 10,
			quorum: Perbill::from_percent(20),
			threshold: Perbill::from_percent(50),
			sponsor_veto: true,
		};
		assert_ok!(Vaults::create_vault(signed(Alice), state, b"Solar Fund".to_vec(), params, ATH));
		let share = pallet_vaults::Vaults::<Runtime>::get(0).unwrap().share_asset;
		assert_eq!(share, VAULT_SHARES_FROM);
		assert_ok!(Vaults::deposit(signed(Bob), 0, 10 * ATH));
		assert_eq!(Assets::balance(share, Bob.to_account_id()), 10 * ATH);
		let action = ProposalAction::FundProject { to: Eve.to_account_id(), amount: ATH };
		assert_ok!(Vaults::propose(signed(Bob), 0, action));
		assert_ok!(Vaults::vote(signed(Bob), 0, 0, true, 4 * ATH));
		// 4 of Bob's 10 shares are frozen: he can move 6, not 7.
		assert_noop!(
			Assets::transfer(signed(Bob), share.into(), Charlie.to_account_id().into(), 7 * ATH),
			pallet_assets::Error::<Runtime>::BalanceLow
		);
		assert_ok!(Assets::transfer(
			signed(Bob),
			share.into(),
			Charlie.to_account_id().into(),
			6 * ATH
		));
		// When the vote ends they thaw.
		System::set_block_number(11);
		assert_ok!(Assets::transfer(
			signed(Bob),
			share.into(),
			Charlie.to_account_id().into(),
			4 * ATH
		));
		assert_eq!(Assets::balance(share, Charlie.to_account_id()), 10 * ATH);
	});
}
