//! Chain specifications built from the runtime's genesis presets.

use atlas_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::{ChainType, Properties};

/// Atlas's chain spec: no extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

/// What wallets need to show ATH and Atlas addresses.
fn chain_properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"The runtime's WASM binary is not available (built with SKIP_WASM_BUILD?)".into()
	})
}

/// A spec named `name` (`id`) whose genesis is the runtime's preset `preset`.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id("atlas")
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(chain_properties())
		.build())
}

/// A one-validator development chain (Alice).
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Atlas Development",
		"atlas_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// A three-validator local testnet (Alice, Bob, Charlie).
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Atlas Local Testnet",
		"atlas_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// The four-state testnet: four validators of four network states (Alice, Bob, Charlie, Dave,
/// with their well-known development keys: for testing only), no sudo.
pub fn testnet_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Atlas Testnet",
		"atlas_testnet",
		ChainType::Live,
		atlas_runtime::genesis_config_presets::TESTNET_PRESET,
	)
}
