//! The genesis presets build a valid state with the promised validators, balances and sudo key.

use atlas_runtime::{
	genesis_config_presets::{self, ENDOWMENT},
	AccountId, Runtime, System, ATH, EXISTENTIAL_DEPOSIT, SS58_PREFIX,
};
use frame_support::traits::fungible::Inspect;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;

mod common;
use common::preset_ext;

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

#[test]
fn preset_names_are_development_local_testnet_and_testnet() {
	let names = genesis_config_presets::preset_names();
	assert_eq!(
		names,
		vec![
			PresetId::from(DEV_RUNTIME_PRESET),
			PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
			PresetId::from(genesis_config_presets::TESTNET_PRESET)
		]
	);
	assert!(genesis_config_presets::get_preset(&PresetId::from("mainnet")).is_none());
}

#[test]
fn development_has_alice_as_the_only_validator_and_sudo() {
	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let aura = pallet_aura::Authorities::<Runtime>::get();
		assert_eq!(aura.len(), 1);
		assert_eq!(aura[0], Sr25519Keyring::Alice.public().into());
		let grandpa = pallet_grandpa::Pallet::<Runtime>::grandpa_authorities();
		assert_eq!(grandpa.len(), 1);
		assert_eq!(grandpa[0].0, sp_keyring::Ed25519Keyring::Alice.public().into());
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(account(Sr25519Keyring::Alice)));
		// Elected by staking: bonded from Alice//stash.
		let stash = account(Sr25519Keyring::AliceStash);
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![stash.clone()]);
		assert!(pallet_staking::Validators::<Runtime>::contains_key(&stash));
	});
}

#[test]
fn testnet_has_four_states_each_running_a_validator_and_no_sudo() {
	use atlas_runtime::configs::governance::CouncilCollective;
	let keys =
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave];
	preset_ext(genesis_config_presets::TESTNET_PRESET).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		let aura = pallet_aura::Authorities::<Runtime>::get();
		let mut expected: Vec<sp_consensus_aura::sr25519::AuthorityId> =
			keys.iter().map(|k| k.public().into()).collect();
		expected.sort();
		let mut aura = aura.into_inner();
		aura.sort();
		assert_eq!(aura, expected);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 4);
		let mut admins: Vec<AccountId> = keys.iter().map(|k| account(*k)).collect();
		for (state, admin) in admins.iter().enumerate() {
			use atlas_primitives::RoleProvider;
			assert!(atlas_runtime::NetworkStates::is_admin(state as u32, admin));
			assert_eq!(pallet_state_seats::AppointedBy::<Runtime>::get(admin), Some(state as u32));
			assert!(pallet_staking::Validators::<Runtime>::contains_key(admin));
		}
		admins.sort();
		assert_eq!(pallet_collective::Members::<Runtime, CouncilCollective>::get(), admins);
	});
}

#[test]
fn local_testnet_has_three_validators() {
	preset_ext(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let aura = pallet_aura::Authorities::<Runtime>::get();
		let expected: Vec<sp_consensus_aura::sr25519::AuthorityId> =
			[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
				.into_iter()
				.map(|k| k.public().into())
				.collect();
		// Staking's election orders them; the set is what matters.
		let mut aura = aura.into_inner();
		aura.sort();
		let mut expected = expected;
		expected.sort();
		assert_eq!(aura, expected);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 3);
	});
}

#[test]
fn well_known_accounts_are_endowed_and_issuance_adds_up() {
	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let endowed: Vec<_> = Sr25519Keyring::well_known().collect();
		for k in &endowed {
			// Alice//stash bonded part of it (held, still hers).
			assert_eq!(
				pallet_balances::Pallet::<Runtime>::total_balance(&k.to_account_id()),
				ENDOWMENT
			);
		}
		// Plus the existential deposits that open the rewards pot and the treasury.
		assert_eq!(
			pallet_balances::Pallet::<Runtime>::total_issuance(),
			ENDOWMENT * endowed.len() as u128 + 2 * EXISTENTIAL_DEPOSIT
		);
		assert_eq!(pallet_balances::Pallet::<Runtime>::minimum_balance(), EXISTENTIAL_DEPOSIT);
		assert!(ENDOWMENT >= 1_000 * ATH);
	});
}

#[test]
fn chain_constants_match_what_wallets_are_told() {
	assert_eq!(<Runtime as frame_system::Config>::SS58Prefix::get(), SS58_PREFIX);
	assert_eq!(atlas_runtime::TOKEN_DECIMALS, 12);
	assert_eq!(ATH, 10u128.pow(12));
	assert_eq!(atlas_runtime::VERSION.spec_name, "atlas");
}

#[test]
fn metadata_is_offered_at_v15_and_newer() {
	// Some constants (sessions per era) are read from genesis-set storage, as a node reads them.
	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let versions = Runtime::metadata_versions();
		assert!(versions.contains(&15), "{versions:?}");
		assert!(versions.contains(&16), "{versions:?}");
		assert!(Runtime::metadata_at_version(15).is_some());
	});
}

#[test]
fn a_signed_transfer_dispatches_in_the_dev_genesis() {
	use frame_support::assert_ok;
	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let alice = account(Sr25519Keyring::Alice);
		let dave = account(Sr25519Keyring::Dave);
		assert_ok!(pallet_balances::Pallet::<Runtime>::transfer_keep_alive(
			frame_system::RawOrigin::Signed(alice.clone()).into(),
			dave.clone().into(),
			7 * ATH,
		));
		assert_eq!(pallet_balances::Pallet::<Runtime>::balance(&dave), ENDOWMENT + 7 * ATH);
		assert_eq!(pallet_balances::Pallet::<Runtime>::balance(&alice), ENDOWMENT - 7 * ATH);
	});
}

#[test]
fn presets_approve_one_hardware_model_per_class_at_least() {
	use atlas_primitives::DeviceClass;
	for preset in
		[DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET, genesis_config_presets::TESTNET_PRESET]
	{
		preset_ext(preset).execute_with(|| {
			let models: Vec<_> = pallet_devices::HardwareModels::<Runtime>::iter().collect();
			assert_eq!(models.len(), genesis_config_presets::approved_hardware_models().len());
			for class in DeviceClass::ALL {
				assert!(models.iter().any(|(_, m)| m.class() == class), "{class:?} has no model");
			}
		});
	}
}

/// The flow in the native runtime: a state, a citizen, a device proven by its own key,
/// activated by a steward, read back through the runtime's read functions.
#[test]
fn a_state_verifies_a_citizen_who_registers_a_device_a_steward_activates() {
	use atlas_primitives::{possession_payload, DeviceKey, DeviceSignature, DeviceSpec, Role};
	use atlas_runtime::{Devices, NetworkStates, RuntimeOrigin};
	use frame_support::assert_ok;
	use sp_core::{sr25519, Pair};

	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		let (alice, bob, charlie) = (
			account(Sr25519Keyring::Alice),
			account(Sr25519Keyring::Bob),
			account(Sr25519Keyring::Charlie),
		);
		assert_eq!(common::establish_state(&alice), 0);
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(alice.clone()),
			0,
			charlie.clone().into(),
			Role::Steward
		));
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(charlie.clone()),
			0,
			bob.clone().into(),
			Role::Citizen
		));

		let device = sr25519::Pair::from_seed(&[9; 32]);
		let key = DeviceKey::Sr25519(device.public());
		let payload = possession_payload(&Devices::genesis_hash(), &bob, &key, 0);
		let balance_before = atlas_runtime::Balances::balance(&bob);
		assert_ok!(Devices::register_device(
			RuntimeOrigin::signed(bob.clone()),
			0,
			DeviceSpec::Energy { rated_watts: 5_000 },
			4,
			0x891f1d48947ffff,
			b"ipfs://panel".to_vec(),
			key,
			DeviceSignature::Sr25519(device.sign(&payload)),
			None,
		));
		let deposit =
			<atlas_runtime::configs::DeviceDeposit as frame_support::traits::Get<u128>>::get();
		assert_eq!(atlas_runtime::Balances::balance(&bob), balance_before - deposit);
		assert_ok!(Devices::activate_device(RuntimeOrigin::signed(charlie.clone()), 0));

		let info = Devices::device(0).expect("registered");
		assert_eq!(info.owner, bob);
		assert_eq!(info.status, atlas_primitives::DeviceStatus::Active);
		let page = Devices::owner_page(bob.clone(), None, 100);
		assert_eq!(page.items.len(), 1);
		assert_eq!(NetworkStates::network_state(0).unwrap().roles.citizens, 1);
		// The registry now refuses to deregister the state: it has a device.
		assert!(NetworkStates::deregister_state(RuntimeOrigin::signed(alice), 0).is_err());
	});
}

#[test]
fn dev_epochs_are_a_minute_and_local_epochs_an_hour() {
	use atlas_runtime::{Attestations, HOURS};
	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_attestations::EpochLength::<Runtime>::get(), 10);
		assert_eq!(pallet_attestations::SubmissionGrace::<Runtime>::get(), 2);
		assert_eq!(Attestations::epoch_secs(), 60);
	});
	preset_ext(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_attestations::EpochLength::<Runtime>::get(), HOURS);
		assert_eq!(Attestations::epoch_secs(), 3600);
	});
}

#[test]
fn devices_warm_up_and_are_capped_on_hourly_chains_only() {
	use atlas_primitives::DeviceClass;
	use atlas_runtime::{genesis_config_presets::TESTNET_PRESET, Attestations};
	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		for class in DeviceClass::ALL {
			let p = Attestations::params(class);
			assert_eq!((p.warmup_epochs, p.cap_multiple), (0, 0));
		}
	});
	for preset in [LOCAL_TESTNET_RUNTIME_PRESET, TESTNET_PRESET] {
		preset_ext(preset).execute_with(|| {
			for class in DeviceClass::ALL {
				let p = Attestations::params(class);
				assert_eq!((p.warmup_epochs, p.cap_multiple), (24, 10), "{preset} {class:?}");
				assert_eq!(
					pallet_attestations::ScoringParams { warmup_epochs: 0, cap_multiple: 0, ..p },
					pallet_attestations::ScoringParams::default_for(class)
				);
			}
		});
	}
}

#[test]
fn dev_epochs_are_funded_by_the_monetary_policy() {
	use atlas_runtime::{
		configs::depin::{BlocksPerYear, TreasuryAccount},
		genesis_config_presets::{CLASS_SHARES, DEV_CHALLENGE_WINDOW},
		Attestations, Rewards,
	};
	use frame_support::traits::Hooks;
	use sp_runtime::Perbill;
	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_attestations::ChallengeWindow::<Runtime>::get(), DEV_CHALLENGE_WINDOW);
		assert_eq!(
			pallet_rewards::PolicyParams::<Runtime>::get(),
			genesis_config_presets::inflation_params()
		);
		assert_eq!(
			pallet_rewards::ClassShares::<Runtime>::get(),
			atlas_primitives::PerClass(CLASS_SHARES.map(Perbill::from_percent))
		);
		let balances = pallet_balances::Pallet::<Runtime>::balance;
		assert_eq!(balances(&Rewards::pot()), EXISTENTIAL_DEPOSIT);
		assert_eq!(balances(&TreasuryAccount::get()), EXISTENTIAL_DEPOSIT);

		// Epoch 0 closes at block 12 (10 blocks and 2 of grace); rewards fund it in the same block.
		let issuance = pallet_balances::Pallet::<Runtime>::total_issuance();
		System::set_block_number(12);
		Attestations::on_initialize(12);
		Rewards::on_initialize(12);
		let budget = pallet_rewards::Budgets::<Runtime>::get(0).expect("epoch 0 funded");
		let epochs_per_year = u128::from(BlocksPerYear::get() / 10);
		// Validators take their share of the year's issuance; epochs share the rest.
		let yearly = Perbill::from_percent(8) * issuance;
		let for_epochs =
			yearly - Perbill::from_percent(genesis_config_presets::VALIDATOR_SHARE) * yearly;
		let expected = for_epochs / epochs_per_year;
		assert_eq!(budget.requested.total(), expected);
		// The treasury holds far less than 5 % of issuance: it gets the boosted 25 %.
		assert_eq!(budget.requested.treasury, Perbill::from_percent(25) * expected);
		// Verifiers take their share first; class budgets round down; the dust goes to the
		// treasury.
		let verifiers = Perbill::from_percent(genesis_config_presets::VERIFIER_SHARE)
			.mul_floor(budget.requested.depin);
		assert_eq!(budget.verifiers.budget, verifiers);
		let classes: u128 = budget.classes.values().map(|c| c.budget).sum();
		assert_eq!(budget.minted.depin, classes + verifiers);
		assert_eq!(
			budget.classes[atlas_primitives::DeviceClass::Compute].budget,
			Perbill::from_percent(30).mul_floor(budget.requested.depin - verifiers)
		);
		assert_eq!(budget.minted.total(), expected);
		assert_eq!(balances(&Rewards::pot()), EXISTENTIAL_DEPOSIT + budget.minted.depin);
		assert_eq!(balances(&TreasuryAccount::get()), EXISTENTIAL_DEPOSIT + budget.minted.treasury);
	});
}
