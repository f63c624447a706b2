//! Genesis presets: the `development` chain (one validator, Alice), the `local_testnet` chain
//! (three validators: Alice, Bob and Charlie) and the `testnet` (four validators of four network
//! states, no sudo). The node's chain specs are built from them.

use crate::{AccountId, BalancesConfig, RuntimeGenesisConfig, SudoConfig, ATH};
use alloc::{vec, vec::Vec};
use atlas_primitives::{DeviceSpec, PerClass, SensorKind};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::{BoundedVec, Perbill};

/// What each pre-funded development account starts with.
pub const ENDOWMENT: crate::Balance = 1_000_000 * ATH;
/// What each genesis validator bonds.
pub const VALIDATOR_BOND: crate::Balance = 100_000 * ATH;
/// The least a validator may bond (local testnet and testnet).
pub const MIN_VALIDATOR_BOND: crate::Balance = 10_000 * ATH;
/// The least a nominator may bond (local testnet and testnet).
pub const MIN_NOMINATOR_BOND: crate::Balance = 100 * ATH;
/// The validators' share of the yearly issuance, in percent.
pub const VALIDATOR_SHARE: u32 = 20;

/// The monetary policy at genesis: the default decaying inflation, a fifth of it to validators.
pub fn inflation_params() -> atlas_inflation::InflationParams {
	atlas_inflation::InflationParams {
		validator_share: Perbill::from_percent(VALIDATOR_SHARE),
		..Default::default()
	}
}

/// A genesis validator: its stash account and its session keys.
pub struct GenesisValidator {
	/// The stash (and controller) account; it bonds [`VALIDATOR_BOND`].
	pub stash: AccountId,
	/// Its Aura key.
	pub aura: AuraId,
	/// Its GRANDPA key.
	pub grandpa: GrandpaId,
}

/// What differs between the chains built from presets.
pub struct ChainSetup {
	/// Validators elected at genesis.
	pub validators: Vec<GenesisValidator>,
	/// Pre-funded accounts.
	pub endowed: Vec<AccountId>,
	/// The sudo key; `None` on a testnet governed only by its council and referenda.
	pub sudo: Option<AccountId>,
	/// Network states registered at genesis: `(name, admin, validators it appoints)`.
	pub states: Vec<(Vec<u8>, AccountId, Vec<AccountId>)>,
	/// Epoch length, submission grace and challenge window, in blocks.
	pub epochs: (u32, u32, u32),
	/// Session length in blocks and sessions per era.
	pub sessions: (u32, u32),
	/// Referendum tracks in blocks rather than days.
	pub fast_governance: bool,
	/// The least validators and nominators bond (none on the dev chain, whose benchmarks bond
	/// small amounts).
	pub min_bonds: (crate::Balance, crate::Balance),
	/// Whether devices warm up and are capped by their trailing average (off on the dev chain,
	/// whose minute-long epochs would make a day's warm-up 24 minutes of test time).
	pub anti_gaming: bool,
}

/// The genesis of a chain described by `setup`.
fn atlas_genesis(setup: ChainSetup) -> Value {
	let ChainSetup {
		validators,
		endowed,
		sudo,
		states,
		epochs,
		sessions,
		fast_governance,
		min_bonds: (min_validator_bond, min_nominator_bond),
		anti_gaming,
	} = setup;
	let appointed: Vec<(atlas_primitives::StateId, AccountId)> = states
		.iter()
		.enumerate()
		.flat_map(|(id, (_, admin, vs))| {
			let others = vs.iter().filter(move |v| *v != admin).cloned();
			core::iter::once(admin.clone())
				.chain(others)
				.filter(|v| validators.iter().any(|g| &g.stash == v))
				.map(move |v| (id as atlas_primitives::StateId, v))
		})
		.collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed
				.iter()
				.cloned()
				.map(|account| (account, ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		// Session sets the Aura and GRANDPA authorities from the validators' keys.
		session: pallet_session::GenesisConfig {
			keys: validators
				.iter()
				.map(|v| {
					(
						v.stash.clone(),
						v.stash.clone(),
						crate::SessionKeys { aura: v.aura.clone(), grandpa: v.grandpa.clone() },
					)
				})
				.collect::<Vec<_>>(),
		},
		staking: pallet_staking::GenesisConfig {
			validator_count: (validators.len() as u32).max(16),
			minimum_validator_count: 1,
			stakers: validators
				.iter()
				.map(|v| {
					(
						v.stash.clone(),
						v.stash.clone(),
						VALIDATOR_BOND,
						pallet_staking::StakerStatus::<AccountId>::Validator,
					)
				})
				.collect::<Vec<_>>(),
			slash_reward_fraction: Perbill::from_percent(10),
			min_nominator_bond,
			min_validator_bond,
			max_validator_count: Some(1_000),
			// The election reads at most 5,000 voters: every nominator counts.
			max_nominator_count: Some(4_000),
		},
		timing: crate::pallets::timing::GenesisConfig {
			session_length: sessions.0,
			sessions_per_era: sessions.1,
			fast_governance,
		},
		sudo: SudoConfig { key: sudo },
		network_states: pallet_network_states::GenesisConfig { states },
		state_seats: pallet_state_seats::GenesisConfig { validators: appointed },
		devices: pallet_devices::GenesisConfig { hardware_models: approved_hardware_models() },
		attestations: pallet_attestations::GenesisConfig {
			epoch_length: epochs.0,
			submission_grace: epochs.1,
			challenge_window: epochs.2,
			class_params: if anti_gaming { anti_gaming_params() } else { Vec::new() },
		},
		rewards: pallet_rewards::GenesisConfig {
			params: inflation_params(),
			class_shares: PerClass(CLASS_SHARES.map(Perbill::from_percent)),
			verifier_share: Perbill::from_percent(VERIFIER_SHARE),
		},
	})
}

/// Epochs a new device ramps up over: a day of hourly epochs.
pub const WARMUP_EPOCHS: u32 = 24;
/// Verified points are capped at this multiple of a device's trailing average.
pub const CAP_MULTIPLE: u32 = 10;

/// Every class's default scoring with the warm-up and the trailing cap.
pub fn anti_gaming_params(
) -> Vec<(atlas_primitives::DeviceClass, pallet_attestations::ScoringParams)> {
	atlas_primitives::DeviceClass::ALL
		.iter()
		.map(|class| {
			let params = pallet_attestations::ScoringParams {
				warmup_epochs: WARMUP_EPOCHS,
				cap_multiple: CAP_MULTIPLE,
				..pallet_attestations::ScoringParams::default_for(*class)
			};
			(*class, params)
		})
		.collect()
}

/// The verifiers' share of the devices' emission at genesis, in percent (taken before the
/// class split; governance may raise it to 20 %).
pub const VERIFIER_SHARE: u32 = 10;

/// Each device class's share of the devices' emission at genesis, in percent: compute,
/// connectivity, energy, sensing.
pub const CLASS_SHARES: [u32; 4] = [30, 30, 25, 15];

/// The hardware models approved at genesis with their maximal specs (what the hardware can
/// physically deliver: a device's spec must fit within its model's); governance maintains the
/// list afterwards.
pub fn approved_hardware_models() -> Vec<(Vec<u8>, DeviceSpec)> {
	let gpu = |name: &[u8], gpu_count, gpu_memory_mib| DeviceSpec::Compute {
		gpu_model: BoundedVec::truncate_from(name.to_vec()),
		gpu_count,
		gpu_memory_mib,
	};
	[
		(&b"Aethir Edge"[..], gpu(b"Adreno 740", 1, 16_384)),
		(b"NVIDIA RTX 4090 node", gpu(b"RTX 4090", 8, 24_576)),
		(b"Dawn Black Box", DeviceSpec::Connectivity { link_capacity_kbps: 1_000_000 }),
		(b"Helium Mobile Hotspot", DeviceSpec::Connectivity { link_capacity_kbps: 1_000_000 }),
		(b"Hybrid solar inverter 5 kW", DeviceSpec::Energy { rated_watts: 5_000 }),
		(
			b"WeatherXM M5",
			DeviceSpec::Sensing { sensor_kind: SensorKind::Weather, samples_per_hour: 60 },
		),
		(
			b"PurpleAir PA-II",
			DeviceSpec::Sensing { sensor_kind: SensorKind::AirQuality, samples_per_hour: 30 },
		),
	]
	.into_iter()
	.map(|(name, spec)| (name.to_vec(), spec))
	.collect()
}

/// A validator with `account`'s development keys, bonded from `stash`.
pub fn dev_validator(account: Sr25519Keyring, stash: Sr25519Keyring) -> GenesisValidator {
	let grandpa = match account {
		Sr25519Keyring::Alice => Ed25519Keyring::Alice,
		Sr25519Keyring::Bob => Ed25519Keyring::Bob,
		Sr25519Keyring::Charlie => Ed25519Keyring::Charlie,
		Sr25519Keyring::Dave => Ed25519Keyring::Dave,
		Sr25519Keyring::Eve => Ed25519Keyring::Eve,
		_ => Ed25519Keyring::Ferdie,
	};
	GenesisValidator {
		stash: stash.to_account_id(),
		aura: account.public().into(),
		grandpa: grandpa.public().into(),
	}
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

/// Dev chain sessions: a minute each, two per era.
pub const DEV_SESSIONS: (u32, u32) = (10, 2);
/// Local testnet sessions: ten minutes each, six per era (an hour).
pub const LOCAL_SESSIONS: (u32, u32) = (100, 6);
/// Testnet sessions: a minute each, two per era, so era changes are seen within minutes.
pub const TESTNET_SESSIONS: (u32, u32) = (10, 2);
/// The name of the four-state testnet preset.
pub const TESTNET_PRESET: &str = "testnet";

/// One validator (Alice's keys, bonded from Alice//stash), Alice as sudo, one-minute epochs, referenda in blocks.
pub fn development_config_genesis() -> Value {
	atlas_genesis(ChainSetup {
		validators: vec![dev_validator(Sr25519Keyring::Alice, Sr25519Keyring::AliceStash)],
		endowed: endowed_dev_accounts(),
		sudo: Some(Sr25519Keyring::Alice.to_account_id()),
		states: vec![],
		epochs: (DEV_EPOCH_LENGTH, DEV_SUBMISSION_GRACE, DEV_CHALLENGE_WINDOW),
		sessions: DEV_SESSIONS,
		fast_governance: true,
		min_bonds: (0, 0),
		anti_gaming: false,
	})
}

/// Three validators (Alice, Bob, Charlie; bonded from their //stash accounts), Alice as sudo, hour-long epochs.
pub fn local_config_genesis() -> Value {
	atlas_genesis(ChainSetup {
		validators: vec![
			dev_validator(Sr25519Keyring::Alice, Sr25519Keyring::AliceStash),
			dev_validator(Sr25519Keyring::Bob, Sr25519Keyring::BobStash),
			dev_validator(Sr25519Keyring::Charlie, Sr25519Keyring::CharlieStash),
		],
		endowed: endowed_dev_accounts(),
		sudo: Some(Sr25519Keyring::Alice.to_account_id()),
		states: vec![],
		epochs: (LOCAL_EPOCH_LENGTH, LOCAL_SUBMISSION_GRACE, LOCAL_CHALLENGE_WINDOW),
		sessions: LOCAL_SESSIONS,
		fast_governance: false,
		min_bonds: (MIN_VALIDATOR_BOND, MIN_NOMINATOR_BOND),
		anti_gaming: true,
	})
}

/// The four founding states of the testnet, each run by its admin, who is also its validator.
/// The keys are the well-known development keys: for testing only.
pub const TESTNET_STATES: [(&str, Sr25519Keyring); 4] = [
	("Aurora", Sr25519Keyring::Alice),
	("Borealis", Sr25519Keyring::Bob),
	("Cascadia", Sr25519Keyring::Charlie),
	("Deltora", Sr25519Keyring::Dave),
];

/// Four validators of four network states (Alice, Bob, Charlie, Dave), no sudo: the Council of
/// States and referenda govern it. Hour-long epochs; minute-long sessions; referenda in blocks.
pub fn testnet_config_genesis() -> Value {
	atlas_genesis(ChainSetup {
		validators: TESTNET_STATES.iter().map(|(_, k)| dev_validator(*k, *k)).collect(),
		endowed: endowed_dev_accounts(),
		sudo: None,
		states: TESTNET_STATES
			.iter()
			.map(|(name, k)| (name.as_bytes().to_vec(), k.to_account_id(), vec![k.to_account_id()]))
			.collect(),
		epochs: (LOCAL_EPOCH_LENGTH, LOCAL_SUBMISSION_GRACE, LOCAL_CHALLENGE_WINDOW),
		sessions: TESTNET_SESSIONS,
		fast_governance: true,
		min_bonds: (MIN_VALIDATOR_BOND, MIN_NOMINATOR_BOND),
		anti_gaming: true,
	})
}

/// The JSON patch of the preset named `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		TESTNET_PRESET => testnet_config_genesis(),
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
		PresetId::from(TESTNET_PRESET),
	]
}
