//! Validators run by network states, in the native runtime: only appointed validators of active
//! states declare intent, a suspended state's validators are not elected at the next era, era
//! payouts come from the monetary policy.

use atlas_runtime::{
	configs::staking::ValidatorPayout, AccountId, Balance, NetworkStates, Runtime, RuntimeCall,
	RuntimeOrigin, Session, Staking, StateSeats, System, ATH,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{Hooks, UnfilteredDispatchable},
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, Perbill};
use sp_staking::EraPayout;

mod common;
use common::preset_ext;

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

fn signed(k: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(k))
}

/// An established state (the next id) administered by `admin`.
fn register_state(admin: Sr25519Keyring) -> u32 {
	common::establish_state(&account(admin))
}

fn bond(who: Sr25519Keyring, amount: Balance) {
	assert_ok!(Staking::bond(signed(who), amount, pallet_staking::RewardDestination::Staked));
}

/// Sets `who`'s dev keys as its session keys, proving possession of both (pallet-session checks
/// a signature of each key over the owner's account).
fn set_keys(who: Sr25519Keyring) {
	use codec::Encode;
	use sp_core::proof_of_possession::ProofOfPossessionGenerator;
	let grandpa = match who {
		Sr25519Keyring::Bob => sp_keyring::Ed25519Keyring::Bob,
		_ => sp_keyring::Ed25519Keyring::Charlie,
	};
	let keys =
		atlas_runtime::SessionKeys { aura: who.public().into(), grandpa: grandpa.public().into() };
	let owner = account(who).encode();
	let proof = (
		who.pair().generate_proof_of_possession(&owner),
		grandpa.pair().generate_proof_of_possession(&owner),
	)
		.encode();
	// Without a proof, the keys are refused.
	assert_noop!(
		Session::set_keys(signed(who), keys.clone(), vec![]),
		pallet_session::Error::<Runtime>::InvalidProof
	);
	assert_ok!(Session::set_keys(signed(who), keys, proof));
}

/// Rotates `n` sessions, a minute of blocks and time apart, running staking's hooks.
fn rotate(n: u32) {
	for _ in 0..n {
		let block = System::block_number() + 10;
		System::set_block_number(block);
		pallet_timestamp::Now::<Runtime>::put(u64::from(block) * 6_000);
		Session::rotate_session();
		Staking::on_finalize(block);
	}
}

fn run(test: impl FnOnce()) {
	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(6_000);
		Staking::on_finalize(1);
		test();
	});
}

#[test]
fn a_stranger_cannot_declare_intent_to_validate() {
	run(|| {
		bond(Sr25519Keyring::Bob, 20_000 * ATH);
		// Staking's own `validate` is filtered out for everyone signed.
		let call = RuntimeCall::Staking(pallet_staking::Call::validate {
			prefs: pallet_staking::ValidatorPrefs::default(),
		});
		let err = call.clone().dispatch(signed(Sr25519Keyring::Bob)).unwrap_err();
		assert_eq!(err.error, frame_system::Error::<Runtime>::CallFiltered.into());
		// Also inside a batch.
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![call] });
		assert!(batch.dispatch(signed(Sr25519Keyring::Bob)).is_err());
		assert!(!pallet_staking::Validators::<Runtime>::contains_key(account(Sr25519Keyring::Bob)));
		// Through the state seats, a stranger to the state is refused.
		let state = register_state(Sr25519Keyring::Alice);
		assert_noop!(
			StateSeats::validate(signed(Sr25519Keyring::Bob), state, Perbill::zero(), false),
			pallet_state_seats::Error::<Runtime>::NotAppointed
		);
		assert_noop!(
			StateSeats::validate(signed(Sr25519Keyring::Bob), 9, Perbill::zero(), false),
			pallet_state_seats::Error::<Runtime>::StateNotFound
		);
	});
}

#[test]
fn an_appointed_validator_is_elected_and_a_suspended_states_validators_are_not() {
	run(|| {
		let alice_stash = account(Sr25519Keyring::AliceStash);
		assert_eq!(Session::validators(), vec![alice_stash.clone()]);
		// Bob's state appoints Bob (its admin, by right); Charlie's state appoints Charlie.
		let bobs = register_state(Sr25519Keyring::Bob);
		let charlies = register_state(Sr25519Keyring::Charlie);
		for (who, state) in [(Sr25519Keyring::Bob, bobs), (Sr25519Keyring::Charlie, charlies)] {
			bond(who, 20_000 * ATH);
			set_keys(who);
			assert_ok!(StateSeats::validate(signed(who), state, Perbill::from_percent(5), false));
		}
		// Below the minimum bond (none on the dev chain; 10,000 ATH on the testnets), staking
		// refuses: Dave is appointed but bonds too little.
		pallet_staking::MinValidatorBond::<Runtime>::put(
			atlas_runtime::genesis_config_presets::MIN_VALIDATOR_BOND,
		);
		assert_ok!(NetworkStates::grant_role(
			signed(Sr25519Keyring::Bob),
			bobs,
			account(Sr25519Keyring::Dave).into(),
			atlas_primitives::Role::Validator
		));
		bond(Sr25519Keyring::Dave, 10 * ATH);
		assert_noop!(
			StateSeats::validate(signed(Sr25519Keyring::Dave), bobs, Perbill::zero(), false),
			pallet_staking::Error::<Runtime>::InsufficientBond
		);
		// Governance suspends Charlie's state before the election: Charlie is chilled at once.
		assert_ok!(NetworkStates::suspend_state(RuntimeOrigin::root(), charlies));
		assert!(!pallet_staking::Validators::<Runtime>::contains_key(account(
			Sr25519Keyring::Charlie
		)));
		// Two eras later (two sessions each), Bob validates and Charlie does not.
		rotate(5);
		let validators = Session::validators();
		assert!(validators.contains(&account(Sr25519Keyring::Bob)), "{validators:?}");
		assert!(!validators.contains(&account(Sr25519Keyring::Charlie)));
		assert!(validators.contains(&alice_stash));
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		// Suspending Bob's state now chills him; he validates until the era ends, then not.
		assert_ok!(NetworkStates::suspend_state(RuntimeOrigin::root(), bobs));
		assert!(Session::validators().contains(&account(Sr25519Keyring::Bob)));
		rotate(4);
		assert_eq!(Session::validators(), vec![alice_stash]);
	});
}

#[test]
fn eras_pay_validators_their_share_of_the_yearly_issuance() {
	run(|| {
		let issuance = pallet_balances::Pallet::<Runtime>::total_issuance();
		// A day's era: 20 % of 8 % a year, over 365.25 days (within rounding of the era share).
		let day = 24 * 60 * 60 * 1_000u64;
		let (payout, rest) = ValidatorPayout::era_payout(0, issuance, day);
		let expected = issuance / 100 * 8 / 100 * 20 * 100 / 36_525;
		assert!(payout.abs_diff(expected) <= expected / 1_000, "{payout} vs {expected}");
		assert_eq!(rest, 0);
		// A whole year (or more) pays the whole share, no more.
		let year = 36_525 * day / 100;
		let whole = ValidatorPayout::era_payout(0, issuance, 2 * year).0;
		assert!(whole.abs_diff(issuance / 100 * 8 / 5) <= 2, "{whole}");
		// An era that ends pays its validators: era 0 gets a reward recorded.
		rotate(2);
		let reward = pallet_staking::ErasValidatorReward::<Runtime>::get(0).expect("era 0 ended");
		let era_millis = 21 * 6_000u64 - 6_000;
		let (expected, _) = ValidatorPayout::era_payout(0, issuance, era_millis);
		assert!(
			reward > 0 && reward.abs_diff(expected) <= expected / 100,
			"{reward} vs {expected}"
		);
	});
}

#[test]
fn genesis_validators_are_bonded_from_stash_accounts() {
	run(|| {
		let stash = account(Sr25519Keyring::AliceStash);
		assert!(pallet_staking::Validators::<Runtime>::contains_key(&stash));
		assert_eq!(
			pallet_staking::Ledger::<Runtime>::get(&stash).map(|l| l.total),
			Some(atlas_runtime::genesis_config_presets::VALIDATOR_BOND)
		);
		// Staking changes nothing for the signer's filter: root may still call `validate`-like
		// administration (force a new era).
		let call = RuntimeCall::Staking(pallet_staking::Call::force_new_era {});
		assert_ok!(call.dispatch_bypass_filter(RuntimeOrigin::root()));
	});
}
