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

/// `admin` applies for a network state (the next id, administered by itself), root admits it
/// and its probation is concluded: the state is established, as a genesis state would be.
/// The block number is back where it was when this returns.
pub fn establish_state(admin: &atlas_runtime::AccountId) -> atlas_primitives::StateId {
	use atlas_runtime::{NetworkStates, Runtime, RuntimeOrigin, System};
	let id = pallet_network_states::NextStateId::<Runtime>::get();
	let signed = RuntimeOrigin::signed(admin.clone());
	NetworkStates::register_state(signed.clone(), b"State".to_vec(), vec![], admin.clone().into())
		.expect("the admin affords the deposit and the bond");
	NetworkStates::admit_state(RuntimeOrigin::root(), id).expect("root admits");
	let now = System::block_number();
	let probation =
		<atlas_runtime::configs::StateProbation as frame_support::traits::Get<u32>>::get();
	System::set_block_number(now + probation);
	NetworkStates::conclude_probation(signed, id).expect("the probation is over");
	System::set_block_number(now);
	id
}

/// Proposes `call` to the Council of States with `threshold`, has `ayes` vote for it and
/// closes it; returns the result the council reported for executing it.
pub fn council_motion(
	threshold: u32,
	ayes: &[atlas_runtime::AccountId],
	call: atlas_runtime::RuntimeCall,
) -> Result<(), sp_runtime::DispatchError> {
	use atlas_runtime::{Council, Runtime, RuntimeEvent, RuntimeOrigin, System};
	use codec::Encode;
	use sp_runtime::traits::Hash;
	type Collective = atlas_runtime::configs::governance::CouncilCollective;
	let len = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, Collective>::get();
	let signed = |who: &atlas_runtime::AccountId| RuntimeOrigin::signed(who.clone());
	Council::propose(signed(&ayes[0]), threshold, Box::new(call), len).expect("a member proposes");
	for who in ayes {
		Council::vote(signed(who), hash, index, true).expect("a member votes");
	}
	Council::close(signed(&ayes[0]), hash, index, frame_support::weights::Weight::MAX, len)
		.expect("the motion closes");
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => {
				Some(result)
			},
			_ => None,
		})
		.ok_or(sp_runtime::DispatchError::Other("the motion did not execute"))?
}
