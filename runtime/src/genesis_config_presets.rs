//! Genesis presets: the `development` chain (one validator, Alice) and the `local_testnet`
//! chain (three validators: Alice, Bob and Charlie). The node's chain specs are built from them.

use crate::{AccountId, BalancesConfig, RuntimeGenesisConfig, SudoConfig, ATH};
use alloc::{vec, vec::Vec};
use atlas_primitives::DeviceClass;
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::Perbill;

/// What each pre-funded development account starts with.
pub const ENDOWMENT: crate::Balance = 1_000_000 * ATH;

/// The genesis of a chain run by `initial_authorities`, with `endowed_accounts` pre-funded and
/// `root` as the sudo key.
fn atlas_genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
	epoch_length: u32,
	submission_grace: u32,
	challenge_window: u32,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.map(|account| (account, ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities
				.iter()
				.map(|(aura, _)| aura.clone())
				.collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities
				.iter()
				.map(|(_, grandpa)| (grandpa.clone(), 1))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
		devices: pallet_devices::GenesisConfig { hardware_models: approved_hardware_models() },
		attestations: pallet_attestations::GenesisConfig {
			epoch_length,
			submission_grace,
			challenge_window,
		},
		rewards: pallet_rewards::GenesisConfig {
			params: atlas_primitives::InflationParams::default(),
			class_shares: CLASS_SHARES.map(Perbill::from_percent),
		},
	})
}

/// Each device class's share of the devices' emission at genesis, in percent: compute,
/// connectivity, energy, sensing.
pub const CLASS_SHARES: [u32; 4] = [30, 30, 25, 15];

/// The hardware models approved at genesis; governance maintains the list afterwards.
pub fn approved_hardware_models() -> Vec<(Vec<u8>, DeviceClass)> {
	[
		(&b"Aethir Edge"[..], DeviceClass::Compute),
		(b"NVIDIA RTX 4090 node", DeviceClass::Compute),
		(b"Dawn Black Box", DeviceClass::Connectivity),
		(b"Helium Mobile Hotspot", DeviceClass::Connectivity),
		(b"Hybrid solar inverter 5 kW", DeviceClass::Energy),
		(b"WeatherXM M5", DeviceClass::Sensing),
		(b"PurpleAir PA-II", DeviceClass::Sensing),
	]
	.into_iter()
	.map(|(name, class)| (name.to_vec(), class))
	.collect()
}

/// The authority keys of a well-known development account.
fn authority_keys(account: Sr25519Keyring) -> (AuraId, GrandpaId) {
	let grandpa = match account {
		Sr25519Keyring::Alice => Ed25519Keyring::Alice,
		Sr25519Keyring::Bob => Ed25519Keyring::Bob,
		Sr25519Keyring::Charlie => Ed25519Keyring::Charlie,
		Sr25519Keyring::Dave => Ed25519Keyring::Dave,
		Sr25519Keyring::Eve => Ed25519Keyring::Eve,
		_ => Ed25519Keyring::Ferdie,
	};
	(account.public().into(), grandpa.public().into())
}

/// The well-known development accounts, each pre-funded with [`ENDOWMENT`].
fn endowed_dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// Blocks per epoch on the dev chain (a minute) and its submission grace.
pub const DEV_EPOCH_LENGTH: u32 = 10;
/// Grace of the dev chain's epochs.
pub const DEV_SUBMISSION_GRACE: u32 = 2;
/// Blocks after a dev epoch closes during which its reports can be challenged.
pub const DEV_CHALLENGE_WINDOW: u32 = 10;
/// Blocks per epoch on the local testnet (an hour, as on a live chain) and its grace.
pub const LOCAL_EPOCH_LENGTH: u32 = crate::HOURS;
/// Grace of the local testnet's epochs (six minutes).
pub const LOCAL_SUBMISSION_GRACE: u32 = crate::HOURS / 10;
/// Blocks after a local epoch closes during which its reports can be challenged (two hours).
pub const LOCAL_CHALLENGE_WINDOW: u32 = 2 * crate::HOURS;

/// One validator (Alice), Alice as sudo, one-minute epochs.
pub fn development_config_genesis() -> Value {
	atlas_genesis(
		vec![authority_keys(Sr25519Keyring::Alice)],
		endowed_dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		DEV_EPOCH_LENGTH,
		DEV_SUBMISSION_GRACE,
		DEV_CHALLENGE_WINDOW,
	)
}

/// Three validators (Alice, Bob, Charlie), Alice as sudo, hour-long epochs.
pub fn local_config_genesis() -> Value {
	atlas_genesis(
		vec![
			authority_keys(Sr25519Keyring::Alice),
			authority_keys(Sr25519Keyring::Bob),
			authority_keys(Sr25519Keyring::Charlie),
		],
		endowed_dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		LOCAL_EPOCH_LENGTH,
		LOCAL_SUBMISSION_GRACE,
		LOCAL_CHALLENGE_WINDOW,
	)
}

/// The JSON patch of the preset named `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets this runtime provides.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
