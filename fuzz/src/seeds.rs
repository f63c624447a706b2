//! The seed corpus: the scenarios of the end-to-end tests as inputs, so the fuzzer starts from
//! states where things happen (an established state, citizens, active devices with valid
//! possession proofs, a bonded verifier, signed reports, settled epochs and claims) instead of
//! having to find a valid signature by chance. Each seed is built by running its steps as they
//! are written, so it can sign what the chain will check (nonces, epochs, device ids).

use atlas_primitives::{DeviceSpec, Metrics, Role};
use atlas_runtime::{configs::MinVerifierBond, Runtime, RuntimeCall, ATH};
use frame_support::traits::Get;

use crate::{Chain, Step};

/// Runs steps as they are added and keeps them.
struct Builder {
	chain: Chain,
	steps: Vec<Step>,
}

impl Builder {
	/// Runs `step`, which must succeed: a seed is a scenario that works.
	fn step(&mut self, step: Step) -> &mut Self {
		if let Some(Err(e)) = self.chain.run(step.clone()) {
			panic!("seed step {} failed: {e}: {step:?}", self.steps.len());
		}
		self.steps.push(step);
		self
	}

	fn signed(&mut self, who: u8, call: RuntimeCall) -> &mut Self {
		self.step(Step::Signed { who, call })
	}

	fn root(&mut self, call: RuntimeCall) -> &mut Self {
		self.step(Step::Root { call })
	}

	/// Builds blocks until block `number` is being built.
	fn until(&mut self, number: u32) -> &mut Self {
		while self.chain.number() < number {
			let n = (number - self.chain.number() - 1).min(11) as u8;
			self.step(Step::Blocks(n));
		}
		self
	}
}

fn build(scenario: impl FnOnce(&mut Builder)) -> Vec<u8> {
	let mut ext = sp_io::TestExternalities::new(crate::genesis().clone());
	ext.execute_with(|| {
		let mut builder = Builder { chain: Chain::start(), steps: Vec::new() };
		scenario(&mut builder);
		crate::encode(&builder.steps)
	})
}

const ALICE: u8 = 0;
const BOB: u8 = 1;
const CHARLIE: u8 = 2;
const DAVE: u8 = 3;
const EVE: u8 = 4;
const FERDIE: u8 = 5;

fn transfers(b: &mut Builder) {
	let to = |who: u8| crate::account(who).to_account_id().into();
	b.signed(
		ALICE,
		RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: to(BOB),
			value: 10 * ATH,
		}),
	)
	.signed(
		BOB,
		RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
			dest: to(EVE),
			value: ATH,
		}),
	)
	.step(Step::Blocks(0))
	.signed(
		EVE,
		RuntimeCall::Balances(pallet_balances::Call::transfer_all {
			dest: to(ALICE),
			keep_alive: false,
		}),
	);
}

/// Bob founds state 0, root admits it, its probation ends, Bob makes Charlie a citizen.
fn established_state(b: &mut Builder) {
	let bob = crate::account(BOB).to_account_id();
	b.signed(
		BOB,
		RuntimeCall::NetworkStates(pallet_network_states::Call::register_state {
			name: b"Fuzzland".to_vec(),
			metadata_uri: b"ipfs://fuzz".to_vec(),
			admin: bob.into(),
		}),
	)
	.root(RuntimeCall::NetworkStates(pallet_network_states::Call::admit_state { state: 0 }));
	let probation: u32 = atlas_runtime::configs::StateProbation::get();
	b.until(b.chain.number() + probation + 1).signed(
		BOB,
		RuntimeCall::NetworkStates(pallet_network_states::Call::conclude_probation { state: 0 }),
	);
	for who in [BOB, CHARLIE] {
		b.signed(
			BOB,
			RuntimeCall::NetworkStates(pallet_network_states::Call::grant_role {
				state: 0,
				who: crate::account(who).to_account_id().into(),
				role: Role::Citizen,
			}),
		);
	}
}

/// Charlie registers a router with the device key of seed byte `key`; Bob activates it.
fn active_device(b: &mut Builder, key: u8) -> u64 {
	let device = pallet_devices::NextDeviceId::<Runtime>::get();
	b.step(Step::RegisterDevice {
		who: CHARLIE,
		key,
		state: 0,
		spec: DeviceSpec::Connectivity { link_capacity_kbps: 100_000 },
		hardware_model: 2,
		// The Brandenburg Gate at resolution 8.
		location: 613_036_919_424_548_863,
	})
	.signed(BOB, RuntimeCall::Devices(pallet_devices::Call::activate_device { device }));
	device
}

/// What the seeds' routers report (and their verifiers observe).
const METRICS: Metrics = Metrics {
	uptime_secs: 50,
	bandwidth_bytes: 1_000_000,
	energy_wh: 0,
	compute_units: 0,
	samples: 0,
};

fn epoch() -> u32 {
	pallet_attestations::Pallet::<Runtime>::current_epoch_index()
}

/// The verified-work scenario: a state, two routers, a bonded verifier, reports over epochs,
/// settlement and a claim.
fn verified_work(b: &mut Builder) {
	established_state(b);
	let first = active_device(b, 7);
	let second = active_device(b, 8);
	// Three verifiers who own and run nothing: a quorum of the pool.
	let verifiers = [DAVE, EVE, FERDIE];
	for v in verifiers {
		b.signed(
			v,
			RuntimeCall::Attestations(pallet_attestations::Call::bond {
				amount: MinVerifierBond::get(),
			}),
		);
	}
	// They commit to beacon hash chains and reveal in every epoch they serve.
	for v in verifiers {
		b.step(Step::Beacon { who: v, secret: v, reveal: false });
	}
	for _ in 0..3 {
		let start = b.chain.number();
		b.until(start + 10);
		let epoch = epoch();
		for v in verifiers {
			b.step(Step::Beacon { who: v, secret: v, reveal: true });
		}
		b.step(Step::Reports {
			who: CHARLIE,
			back: 0,
			reports: vec![(7, first, METRICS), (8, second, METRICS)],
		});
		let observations = vec![(first, METRICS), (second, METRICS)];
		for v in verifiers {
			b.signed(
				v,
				RuntimeCall::Attestations(pallet_attestations::Call::attest {
					epoch,
					observations: observations.clone(),
				}),
			);
		}
	}
	// Blocks until the first router's reward is claimable (its epochs closed and settled).
	while pallet_rewards::Pallet::<Runtime>::pending_rewards(first).claimable == 0 {
		assert!(b.chain.number() < crate::MAX_BLOCKS, "no claimable reward by the last block");
		b.step(Step::Blocks(0));
	}
	let owner = crate::account(CHARLIE).to_account_id();
	let before = frame_system::Pallet::<Runtime>::account(&owner).data.free;
	b.signed(
		CHARLIE,
		RuntimeCall::Rewards(pallet_rewards::Call::claim { devices: vec![first, second] }),
	);
	// The scenario reached a paid reward (net of the claim's fee).
	assert!(
		frame_system::Pallet::<Runtime>::account(&owner).data.free > before,
		"the claim paid at block {}: {:?}",
		b.chain.number(),
		pallet_rewards::Pallet::<Runtime>::pending_rewards(first)
	);
}

/// A vault of state 0: Bob (its admin) creates it with a seed, Alice and Eve deposit, a device
/// pays it, Eve redeems after the lock.
fn vault(b: &mut Builder) {
	established_state(b);
	let vault = pallet_vaults::NextVaultId::<Runtime>::get();
	let params = pallet_vaults::VaultParams {
		min_deposit: ATH,
		redeem_after: 5,
		voting_period: 10,
		quorum: sp_runtime::Perbill::from_percent(20),
		threshold: sp_runtime::Perbill::from_percent(50),
		sponsor_veto: true,
	};
	b.signed(
		BOB,
		RuntimeCall::Vaults(pallet_vaults::Call::create_vault {
			state: 0,
			name: b"Fuzz Fund".to_vec(),
			params,
			seed: 3 * ATH,
		}),
	);
	for who in [ALICE, EVE] {
		b.signed(
			who,
			RuntimeCall::Vaults(pallet_vaults::Call::deposit { vault, amount: 10 * ATH }),
		);
	}
	let device = active_device(b, 9);
	// The holders vote the device in (shares held before the proposal vote on it).
	b.step(Step::Blocks(0));
	let proposal = pallet_vaults::NextProposalId::<Runtime>::get();
	b.signed(
		ALICE,
		RuntimeCall::Vaults(pallet_vaults::Call::propose {
			vault,
			action: pallet_vaults::ProposalAction::AttachDevice(device),
		}),
	);
	for who in [ALICE, EVE] {
		b.signed(
			who,
			RuntimeCall::Vaults(pallet_vaults::Call::vote {
				vault,
				proposal,
				aye: true,
				shares: 5 * ATH,
			}),
		);
	}
	// The vote ends after the voting period; it is enacted as long again after that.
	let start = b.chain.number();
	b.until(start + 22)
		.signed(DAVE, RuntimeCall::Vaults(pallet_vaults::Call::close { vault, proposal }));
	b.signed(
		CHARLIE,
		RuntimeCall::Devices(pallet_devices::Call::set_reward_route {
			device,
			route: vec![
				atlas_primitives::RouteShare {
					beneficiary: atlas_primitives::Beneficiary::Vault(vault),
					share: sp_runtime::Perbill::from_percent(60),
				},
				atlas_primitives::RouteShare {
					beneficiary: atlas_primitives::Beneficiary::Owner,
					share: sp_runtime::Perbill::from_percent(40),
				},
			],
		}),
	);
	let start = b.chain.number();
	b.until(start + 8)
		.signed(EVE, RuntimeCall::Vaults(pallet_vaults::Call::redeem { vault, shares: ATH }));
}

/// A verifier bonds, leaves the pool and, long after, withdraws its bond (a warp past the
/// epochs it must wait).
fn unbonding(b: &mut Builder) {
	b.signed(
		DAVE,
		RuntimeCall::Attestations(pallet_attestations::Call::bond {
			amount: MinVerifierBond::get(),
		}),
	)
	.step(Step::Blocks(11))
	.signed(DAVE, RuntimeCall::Attestations(pallet_attestations::Call::leave_pool {}))
	.step(Step::Warp(200))
	.signed(DAVE, RuntimeCall::Attestations(pallet_attestations::Call::unbond {}));
}

/// After the first era, Bob pays out Alice's stash for it (the validators' share of the
/// emission, minted by staking).
fn payout(b: &mut Builder) {
	b.until(25).signed(
		BOB,
		RuntimeCall::Staking(pallet_staking::Call::payout_stakers {
			validator_stash: sp_keyring::Sr25519Keyring::AliceStash.to_account_id(),
			era: 0,
		}),
	);
	let rewarded = frame_system::Pallet::<Runtime>::read_events_no_consensus().any(|r| {
		matches!(
			r.event,
			atlas_runtime::RuntimeEvent::Staking(pallet_staking::Event::Rewarded { .. })
		)
	});
	assert!(rewarded, "the payout paid");
}

/// Every seed: (file name, input).
pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
	vec![
		("seed-transfers", build(transfers)),
		("seed-established-state", build(established_state)),
		("seed-verified-work", build(verified_work)),
		("seed-vault", build(vault)),
		("seed-unbonding", build(unbonding)),
		("seed-payout", build(payout)),
	]
}

/// Seeds of the extrinsic decoder: extrinsics as clients send them (signed transfers, a batch,
/// a DePIN call, an inherent).
pub fn extrinsic_seeds() -> Vec<(&'static str, Vec<u8>)> {
	use codec::Encode;
	let mut ext = sp_io::TestExternalities::new(crate::genesis().clone());
	ext.execute_with(|| {
		let to = |who: u8| crate::account(who).to_account_id().into();
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: to(BOB),
			value: ATH,
		});
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![transfer.clone(), transfer.clone()],
		});
		let state = RuntimeCall::NetworkStates(pallet_network_states::Call::register_state {
			name: b"Fuzzland".to_vec(),
			metadata_uri: vec![],
			admin: to(ALICE),
		});
		let inherent = atlas_runtime::UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(
			pallet_timestamp::Call::set { now: 6_000 },
		));
		vec![
			("seed-transfer", crate::signed(crate::account(ALICE), transfer, Some(0)).encode()),
			("seed-batch", crate::signed(crate::account(BOB), batch, Some(3)).encode()),
			("seed-register-state", crate::signed(crate::account(DAVE), state, Some(0)).encode()),
			("seed-inherent", inherent.encode()),
		]
	})
}

/// libFuzzer dictionary entries for the runtime target: the accounts as `AccountId32` and as
/// `MultiAddress::Id` (a call naming one of them is one insertion away), and amounts that clear
/// the chain's minimums.
pub fn runtime_dictionary() -> Vec<Vec<u8>> {
	use codec::Encode;
	let mut words = Vec::new();
	for key in crate::accounts() {
		let id: [u8; 32] = key.to_account_id().into();
		words.push(id.to_vec());
		words.push([&[0u8][..], &id[..]].concat());
	}
	for amount in [ATH, 10 * ATH, MinVerifierBond::get(), 100_000 * ATH] {
		words.push(amount.encode());
		words.push(codec::Compact(amount).encode());
	}
	words
}

/// `words` in libFuzzer's dictionary format: one `"\xNN…"` string per line.
pub fn dictionary_file(words: &[Vec<u8>]) -> String {
	words
		.iter()
		.map(|w| format!("\"{}\"\n", w.iter().map(|b| format!("\\x{b:02x}")).collect::<String>()))
		.collect()
}
