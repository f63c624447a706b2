//! Helpers shared by the runtime's integration tests.

#![allow(dead_code)]

use atlas_runtime::{genesis_config_presets, RuntimeGenesisConfig};
use sp_genesis_builder::PresetId;
use sp_runtime::BuildStorage;

/// Build the storage of a named preset the way the node does: the preset is a JSON patch over
/// the default genesis config.
pub fn preset_ext(name: &str) -> sp_io::TestExternalities {
	let patch = genesis_presets_patch(name);
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	json_merge(&mut config, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	config.build_storage().unwrap().into()
}

pub fn genesis_presets_patch(name: &str) -> serde_json::Value {
	let bytes = genesis_config_presets::get_preset(&PresetId::from(name)).expect("preset exists");
	serde_json::from_slice(&bytes).unwrap()
}

fn json_merge(a: &mut serde_json::Value, b: serde_json::Value) {
	match (a, b) {
		(serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
			for (k, v) in b {
				json_merge(a.entry(k).or_insert(serde_json::Value::Null), v);
			}
		},
		(a, b) => *a = b,
	}
}
