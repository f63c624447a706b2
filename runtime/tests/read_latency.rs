//! Read latency of the DePIN runtime APIs (what every `depin_*` JSON-RPC method and view function
//! runs) on a chain holding many devices. Run by `scripts/read-latency.sh`, which prints p50 and
//! p99 per method for 10,000 and 100,000 devices.
//!
//! Honest about cost where it can be: the devices are injected into the storage of the
//! development genesis (registering 100,000 devices through extrinsics would measure the
//! injection, not the reads), then every read runs the runtime API implementation natively over
//! that storage's in-memory trie. It measures the runtime's work; on a node, add the WASM
//! executor (a few times slower), the database (warm reads are cached) and JSON encoding.

mod common;

use std::time::{Duration, Instant};

use atlas_runtime_api::{
	runtime_decl_for_depin_attestations_api::DepinAttestationsApiV1,
	runtime_decl_for_depin_interstate_api::DepinInterstateApiV1,
	runtime_decl_for_depin_overview_api::DepinOverviewApiV1,
	runtime_decl_for_depin_registry_api::DepinRegistryApiV1,
	runtime_decl_for_depin_rewards_api::DepinRewardsApiV1,
	runtime_decl_for_depin_vaults_api::DepinVaultsApiV1,
};

use atlas_primitives::{
	DeviceClass, DeviceKey, DeviceSpec, DeviceStatus, KpiKind, Metrics, OnDelivery, OnReport,
};
use atlas_runtime::{AccountId, Deployments, Interstate, Rewards, Runtime, RuntimeOrigin, System};
use common::preset_ext;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::Alice;

const STATES: u32 = 10;
const OWNERS: u64 = 1_000;
const DEPLOYMENTS: u32 = 100;
const BLUEPRINTS: u32 = 1_000;
const SAMPLES: usize = 200;

fn owner(i: u64) -> AccountId {
	let mut raw = [7u8; 32];
	raw[..8].copy_from_slice(&(i % OWNERS).to_le_bytes());
	AccountId::new(raw)
}

/// Registers `STATES` states, injects `n` active energy devices spread over them and `OWNERS`
/// owners, reports for a tenth of them in epoch 0, groups the first thousand into
/// `DEPLOYMENTS` deployments, publishes `BLUEPRINTS` blueprints and grants one agreement.
fn fill(n: u64) {
	use pallet_devices::{
		Census, DeviceByKey, Devices, DevicesByOwner, DevicesByState, NextDeviceId,
		StateDeviceCount,
	};
	System::set_block_number(1);
	// Alice posts every state's admission bond.
	let bond = atlas_runtime::configs::StateAdmissionBond::get();
	<atlas_runtime::Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(
		&Alice.to_account_id(),
		bond * STATES as u128,
	)
	.expect("minting to an endowed account");
	for _ in 0..STATES {
		common::establish_state(&Alice.to_account_id());
	}
	let alice = RuntimeOrigin::signed(Alice.to_account_id());
	let mut census = atlas_primitives::DeviceCensus::default();
	for id in 0..n {
		let state = (id % u64::from(STATES)) as u32;
		let who = owner(id);
		let mut raw = [0u8; 32];
		raw[..8].copy_from_slice(&id.to_le_bytes());
		let key = DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw(raw));
		Devices::<Runtime>::insert(
			id,
			pallet_devices::Device {
				owner: who.clone(),
				operator: None,
				state,
				spec: DeviceSpec::Energy { rated_watts: 5_000 },
				hardware_model: 4,
				location: 0x891f1d48947ffff,
				metadata_uri: Default::default(),
				key,
				status: DeviceStatus::Active,
				depositor: who.clone(),
				deposit: 0,
				registered_at: 1,
				active_since: Some(1),
				maker: None,
				probe_endpoint: Default::default(),
				vault: None,
			},
		);
		DeviceByKey::<Runtime>::insert(key, id);
		DevicesByOwner::<Runtime>::insert(&who, id, ());
		DevicesByState::<Runtime>::insert(state, id, ());
		census.add(DeviceClass::Energy, DeviceStatus::Active);
	}
	for state in 0..STATES {
		StateDeviceCount::<Runtime>::insert(state, (n / u64::from(STATES)) as u32);
	}
	Census::<Runtime>::put(census);
	NextDeviceId::<Runtime>::put(n);

	for d in 0..DEPLOYMENTS {
		Deployments::create_deployment(
			alice.clone(),
			d % STATES,
			b"Grid".to_vec(),
			vec![],
			vec![],
			None,
		)
		.expect("Alice administers every state");
	}
	for id in 0..1_000u64.min(n) {
		let state = (id % u64::from(STATES)) as u32;
		// Deployment `state + STATES * k` belongs to `state`.
		let deployment =
			state + STATES * ((id / u64::from(STATES)) % u64::from(DEPLOYMENTS / STATES)) as u32;
		Deployments::add_device(alice.clone(), deployment, id).expect("same state");
	}
	for b in 0..BLUEPRINTS {
		let spec = pallet_deployments::BlueprintSpec {
			name: b"Grid".to_vec(),
			metadata_uri: vec![],
			device_mix: atlas_primitives::PerClass([0, 0, 10, 0]),
			hardware_models: vec![4],
			expected_output: Metrics::default(),
			cost: 0,
			source: (b < DEPLOYMENTS).then_some(b),
		};
		Deployments::publish_blueprint(alice.clone(), b % STATES, spec).expect("room for 1,000");
	}
	Interstate::set_chain_recognition(RuntimeOrigin::root(), 1, true).expect("root");
	Interstate::grant_usage(
		alice.clone(),
		0,
		1,
		pallet_interstate::UsageScope::Class(DeviceClass::Energy),
		1_000,
		sp_runtime::Perbill::from_percent(5),
	)
	.expect("state 0 recognises state 1");
	let params = pallet_vaults::VaultParams {
		min_deposit: atlas_runtime::ATH,
		redeem_after: 0,
		voting_period: 10,
		quorum: sp_runtime::Perbill::from_percent(20),
		threshold: sp_runtime::Perbill::from_percent(50),
		sponsor_veto: true,
	};
	atlas_runtime::Vaults::create_vault(
		alice.clone(),
		0,
		b"Fund".to_vec(),
		params,
		atlas_runtime::ATH,
	)
	.expect("the admin creates a vault");

	// A tenth of the devices report in epoch 0.
	let mut summary = pallet_attestations::Epochs::<Runtime>::get(0);
	for id in (0..n).step_by(10) {
		let metrics = Metrics { uptime_secs: 60, energy_wh: 80, ..Default::default() };
		let record = pallet_attestations::DeviceRecord {
			class: DeviceClass::Energy,
			reported: metrics,
			verified: metrics,
			quorum: false,
			points: 40,
			fraudulent: false,
			allowance_taken: 0,
		};
		pallet_attestations::Reports::<Runtime>::insert(0, id, record);
		let total = summary.class_mut(DeviceClass::Energy);
		total.points += 40;
		total.devices += 1;
		assert!(<Rewards as OnReport>::can_take(id, 0, 40, None));
		<Rewards as OnReport>::on_report(id, 0, DeviceClass::Energy, 40, None);
		<Deployments as OnDelivery>::on_delivery(id, 0, None, &record.delivery(60));
	}
	pallet_attestations::Epochs::<Runtime>::insert(0, summary);
}

struct Figures {
	name: &'static str,
	p50: Duration,
	p99: Duration,
}

/// Times `SAMPLES` calls of `read(i)`.
fn time(name: &'static str, mut read: impl FnMut(u64)) -> Figures {
	let mut samples: Vec<Duration> = (0..SAMPLES as u64)
		.map(|i| {
			let start = Instant::now();
			read(i.wrapping_mul(7_919));
			start.elapsed()
		})
		.collect();
	samples.sort();
	Figures { name, p50: samples[SAMPLES / 2], p99: samples[SAMPLES * 99 / 100] }
}

fn measure(n: u64) -> Vec<Figures> {
	let mut ext = preset_ext(DEV_RUNTIME_PRESET);
	ext.execute_with(|| fill(n));
	// Reads go through the committed trie, as on a node, not through the overlay.
	ext.commit_all().expect("commits");
	ext.execute_with(|| {
		let device = |i: u64| i % n;
		let state = |i: u64| (i % u64::from(STATES)) as u32;
		vec![
			time("overview", |_| {
				std::hint::black_box(<Runtime as DepinOverviewApiV1<_, _>>::overview());
			}),
			time("networkState", |i| {
				std::hint::black_box(<Runtime as DepinRegistryApiV1<_, _, _, _>>::network_state(
					state(i),
				));
			}),
			time("members (100)", |i| {
				std::hint::black_box(<Runtime as DepinRegistryApiV1<_, _, _, _>>::members(
					state(i),
					None,
					100,
				));
			}),
			time("rolesOf", |i| {
				std::hint::black_box(<Runtime as DepinRegistryApiV1<_, _, _, _>>::roles_of(
					state(i),
					owner(i),
				));
			}),
			time("device", |i| {
				std::hint::black_box(<Runtime as DepinRegistryApiV1<_, _, _, _>>::device(device(
					i,
				)));
			}),
			time("devicesByOwner (100)", |i| {
				std::hint::black_box(
					<Runtime as DepinRegistryApiV1<_, _, _, _>>::devices_by_owner(
						owner(i),
						None,
						100,
					),
				);
			}),
			time("devicesByState (100)", |i| {
				std::hint::black_box(
					<Runtime as DepinRegistryApiV1<_, _, _, _>>::devices_by_state(
						state(i),
						Some(device(i)),
						100,
					),
				);
			}),
			time("currentEpoch", |_| {
				std::hint::black_box(
					<Runtime as DepinAttestationsApiV1<_, _, _, _>>::current_epoch(),
				);
			}),
			time("epochSummary", |_| {
				std::hint::black_box(
					<Runtime as DepinAttestationsApiV1<_, _, _, _>>::epoch_summary(0),
				);
			}),
			time("deviceRecord", |i| {
				std::hint::black_box(
					<Runtime as DepinAttestationsApiV1<_, _, _, _>>::device_record(
						0,
						device(i) / 10 * 10,
					),
				);
			}),
			time("pendingRewards", |i| {
				std::hint::black_box(
					<Runtime as DepinRewardsApiV1<_, _, _, _, _, _>>::pending_rewards(
						device(i) / 10 * 10,
					),
				);
			}),
			time("pendingRewardsOfOwner (100)", |i| {
				std::hint::black_box(
					<Runtime as DepinRewardsApiV1<_, _, _, _, _, _>>::pending_rewards_of_owner(
						owner(i),
						None,
						100,
					),
				);
			}),
			time("rewardReceipt", |i| {
				std::hint::black_box(
					<Runtime as DepinRewardsApiV1<_, _, _, _, _, _>>::reward_receipt(
						device(i) / 10 * 10,
						0,
					),
				);
			}),
			time("epochBudget", |_| {
				std::hint::black_box(
					<Runtime as DepinRewardsApiV1<_, _, _, _, _, _>>::epoch_budget(0),
				);
			}),
			time("vault", |_| {
				std::hint::black_box(<Runtime as DepinVaultsApiV1<_, _, _>>::vault(0));
			}),
			time("shareValue", |_| {
				std::hint::black_box(<Runtime as DepinVaultsApiV1<_, _, _>>::share_value(0, 1_000));
			}),
			time("vaults (100)", |_| {
				std::hint::black_box(<Runtime as DepinVaultsApiV1<_, _, _>>::vaults(None, 100));
			}),
			time("recognitionsOf (100)", |i| {
				std::hint::black_box(
					<Runtime as DepinInterstateApiV1<_, _, _, _>>::recognitions_of(
						state(i),
						None,
						100,
					),
				);
			}),
			time("recognisedBy (100)", |i| {
				std::hint::black_box(<Runtime as DepinInterstateApiV1<_, _, _, _>>::recognised_by(
					state(i),
					None,
					100,
				));
			}),
			time("recognitionRequests (100)", |i| {
				std::hint::black_box(
					<Runtime as DepinInterstateApiV1<_, _, _, _>>::recognition_requests(
						state(i),
						None,
						100,
					),
				);
			}),
			time("deployment", |i| {
				std::hint::black_box(<Runtime as DepinInterstateApiV1<_, _, _, _>>::deployment(
					(i % u64::from(DEPLOYMENTS)) as u32,
				));
			}),
			time("deploymentDevices (100)", |i| {
				std::hint::black_box(
					<Runtime as DepinInterstateApiV1<_, _, _, _>>::deployment_devices(
						(i % u64::from(DEPLOYMENTS)) as u32,
						None,
						100,
					),
				);
			}),
			time("blueprint", |i| {
				std::hint::black_box(<Runtime as DepinInterstateApiV1<_, _, _, _>>::blueprint(
					(i % u64::from(BLUEPRINTS)) as u32,
				));
			}),
			time("deploymentsOf (100)", |i| {
				std::hint::black_box(
					<Runtime as DepinInterstateApiV1<_, _, _, _>>::deployments_of(
						state(i),
						None,
						100,
					),
				);
			}),
			time("deploymentKpis", |i| {
				std::hint::black_box(
					<Runtime as DepinInterstateApiV1<_, _, _, _>>::deployment_kpis(
						(i % u64::from(DEPLOYMENTS)) as u32,
					),
				);
			}),
			time("blueprintKpis", |i| {
				std::hint::black_box(
					<Runtime as DepinInterstateApiV1<_, _, _, _>>::blueprint_kpis(
						(i % u64::from(BLUEPRINTS)) as u32,
					),
				);
			}),
			time("blueprintsRanked (1,000 blueprints)", |_| {
				std::hint::black_box(
					<Runtime as DepinInterstateApiV1<_, _, _, _>>::blueprints_ranked(
						KpiKind::Energy,
						None,
						100,
					),
				);
			}),
			time("agreement", |_| {
				std::hint::black_box(<Runtime as DepinInterstateApiV1<_, _, _, _>>::agreement(0));
			}),
			time("agreementsGrantedTo", |i| {
				std::hint::black_box(
					<Runtime as DepinInterstateApiV1<_, _, _, _>>::agreements_granted_to(
						state(i),
						None,
						100,
					),
				);
			}),
			time("agreementsHostedBy", |i| {
				std::hint::black_box(
					<Runtime as DepinInterstateApiV1<_, _, _, _>>::agreements_hosted_by(
						state(i),
						None,
						100,
					),
				);
			}),
			time("usageAllowed", |i| {
				std::hint::black_box(<Runtime as DepinInterstateApiV1<_, _, _, _>>::usage_allowed(
					1,
					device(i),
				));
			}),
		]
	})
}

#[test]
#[ignore = "a benchmark: run by scripts/read-latency.sh"]
fn read_latency_at_10k_and_100k_devices() {
	let small = measure(10_000);
	let large = measure(100_000);
	println!(
		"{:<36} {:>14} {:>14} {:>14} {:>14}",
		"read", "p50 @10k", "p99 @10k", "p50 @100k", "p99 @100k"
	);
	for (s, l) in small.iter().zip(&large) {
		println!(
			"{:<36} {:>11} µs {:>11} µs {:>11} µs {:>11} µs",
			s.name,
			s.p50.as_micros(),
			s.p99.as_micros(),
			l.p50.as_micros(),
			l.p99.as_micros()
		);
	}
}
