//! The runtime fuzzer's driver: an input is a sequence of [`Step`]s (SCALE, decoded one at a
//! time until the first that does not decode), run against the real runtime from the dev
//! preset's genesis (without a sudo key, so no step is root unless it says so). Signed steps are
//! real signed extrinsics through `Executive` (nonces, fees, every transaction extension); root
//! steps dispatch governance calls of the DePIN pallets directly; block steps finish the block
//! and build the next ones (Aura slot, timestamp inherent, every hook); and the steps an attacker
//! who runs devices and verifiers can sign (registrations, reports, beacon reveals) are signed
//! by the harness, so mutations change what is claimed rather than break signatures.
//!
//! After every block, [`check_block`] asserts what must hold whatever anyone sent:
//! - `try_state` of every pallet;
//! - the native balances add up to the total issuance;
//! - the issuance moved exactly by what the balances pallet reports minting and burning, fees
//!   and dust are burned, and everything minted is emission (the rewards pallet's epoch mint and
//!   the validators' era payout, as their events say);
//! - every asset's supply is the sum of its accounts.
//!
//! A panic anywhere (a call, a hook, a check) is a crash libFuzzer reports. An input ends after
//! a block in which a root-track referendum was submitted: root may break any invariant.

use std::sync::OnceLock;

use atlas_runtime::{
	AccountId, Balance, Executive, Header, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, RuntimeOrigin, SignedPayload, System, TxExtension, UncheckedExtrinsic,
};
use codec::{Decode, DecodeLimit, Encode};
use frame_support::{
	dispatch::GetDispatchInfo,
	traits::{TryState, TryStateSelect},
};
use sp_core::{Pair, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{Dispatchable, Header as _},
	BuildStorage, Storage,
};

pub mod seeds;

/// How deep calls may nest when decoded (the node's own bound for extrinsics).
pub const MAX_CALL_DEPTH: u32 = 256;
/// Steps one input runs at most.
pub const MAX_STEPS: usize = 64;
/// Blocks one input builds at most (ten dev epochs).
pub const MAX_BLOCKS: u32 = 100;

/// One step of an input.
#[derive(Encode, Decode, Clone, Debug)]
pub enum Step {
	/// `call` as a signed extrinsic of account `who` (an index into [`accounts`]).
	Signed {
		/// The signer.
		who: u8,
		/// The call.
		call: RuntimeCall,
	},
	/// `call` dispatched by root: only calls of the DePIN pallets, whose root calls are
	/// governance's (anything else is skipped, so no step can rewrite storage or balances).
	Root {
		/// The call.
		call: RuntimeCall,
	},
	/// Finishes the block and builds `1 + n % 12` more (empty but for the inherents).
	Blocks(u8),
	/// `who` registers a device with the sr25519 key of seed `[key; 32]`, its possession proof
	/// signed: an attacker runs devices, so their signatures are no obstacle to it either.
	RegisterDevice {
		/// The signer (the device's owner).
		who: u8,
		/// The device key's seed byte.
		key: u8,
		/// The state, spec, model and cell, as the input has them.
		state: atlas_primitives::StateId,
		/// The claimed spec.
		spec: atlas_primitives::DeviceSpec,
		/// The hardware model.
		hardware_model: atlas_primitives::HardwareModelId,
		/// The H3 cell.
		location: atlas_primitives::H3Cell,
	},
	/// `who` submits reports of any metrics for the epoch `back` epochs before the running one,
	/// each signed by the device key of its seed byte (at most 16 are taken).
	Reports {
		/// The submitter (an owner or operator, or anyone).
		who: u8,
		/// How many epochs back.
		back: u8,
		/// (device key seed, device, metrics).
		reports: Vec<(u8, atlas_primitives::DeviceId, atlas_primitives::Metrics)>,
	},
	/// Builds `1 + n % 600` blocks checking only the balance invariants on each and everything
	/// after the last: time-gated paths (unbonding, deferred slashes, retention) come in reach.
	Warp(u16),
	/// A verifier's beacon: `reveal` false commits `who` to the hash chain of `secret`; true
	/// reveals the value that hashes to its current commitment, when that chain is the one.
	Beacon {
		/// The verifier.
		who: u8,
		/// The chain's secret.
		secret: u8,
		/// Reveal (or commit).
		reveal: bool,
	},
}

/// The beacon hash chain of (`who`, `secret`): element `i + 1` is the blake2-256 of element `i`.
pub fn beacon_chain(who: u8, secret: u8) -> Vec<H256> {
	let mut value = H256(sp_io::hashing::blake2_256(&(b"atlas-fuzz-beacon", who, secret).encode()));
	let mut chain = vec![value];
	for _ in 0..BEACON_CHAIN {
		value = H256(sp_io::hashing::blake2_256(value.as_bytes()));
		chain.push(value);
	}
	chain
}

/// Blocks one input builds at most with [`Step::Warp`] (past unbonding periods and deferred
/// slashes).
pub const MAX_WARP_BLOCKS: u32 = 1_000;
/// Length of the beacon hash chains [`Step::Beacon`] commits to.
pub const BEACON_CHAIN: usize = 64;

/// The sr25519 device key of seed byte `key`.
pub fn device_key(key: u8) -> sp_core::sr25519::Pair {
	sp_core::sr25519::Pair::from_seed(&[key; 32])
}

/// The accounts steps sign with: the dev keyring's (all endowed at genesis).
pub fn accounts() -> &'static [Sr25519Keyring] {
	const KEYS: [Sr25519Keyring; 12] = [
		Sr25519Keyring::Alice,
		Sr25519Keyring::Bob,
		Sr25519Keyring::Charlie,
		Sr25519Keyring::Dave,
		Sr25519Keyring::Eve,
		Sr25519Keyring::Ferdie,
		Sr25519Keyring::AliceStash,
		Sr25519Keyring::BobStash,
		Sr25519Keyring::CharlieStash,
		Sr25519Keyring::DaveStash,
		Sr25519Keyring::EveStash,
		Sr25519Keyring::FerdieStash,
	];
	&KEYS
}

/// The signer of `who`.
pub fn account(who: u8) -> Sr25519Keyring {
	accounts()[usize::from(who) % accounts().len()]
}

/// The steps of `data`, up to the first that does not decode and at most [`MAX_STEPS`].
pub fn steps(mut data: &[u8]) -> Vec<Step> {
	let mut steps = Vec::new();
	while !data.is_empty() && steps.len() < MAX_STEPS {
		match Step::decode_with_depth_limit(MAX_CALL_DEPTH, &mut data) {
			Ok(step) => steps.push(step),
			Err(_) => break,
		}
	}
	steps
}

/// Encodes `steps` as an input.
pub fn encode(steps: &[Step]) -> Vec<u8> {
	steps.iter().flat_map(|s| s.encode()).collect()
}

/// The dev preset's genesis storage without a sudo key, built once.
pub fn genesis() -> &'static Storage {
	static GENESIS: OnceLock<Storage> = OnceLock::new();
	GENESIS.get_or_init(|| {
		let preset = atlas_runtime::genesis_config_presets::get_preset(
			&sp_genesis_builder::DEV_RUNTIME_PRESET.into(),
		)
		.expect("the dev preset exists");
		let mut patch: serde_json::Value = serde_json::from_slice(&preset).expect("JSON");
		patch["sudo"] = serde_json::json!({ "key": null });
		let mut config =
			serde_json::to_value(RuntimeGenesisConfig::default()).expect("the default encodes");
		merge(&mut config, patch);
		let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("a genesis");
		config.build_storage().expect("the dev genesis builds")
	})
}

fn merge(a: &mut serde_json::Value, b: serde_json::Value) {
	match (a, b) {
		(serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
			for (k, v) in b {
				merge(a.entry(k).or_insert(serde_json::Value::Null), v);
			}
		},
		(a, b) => *a = b,
	}
}

/// A chain being driven: the block being built and the issuance when it began.
pub struct Chain {
	parent: H256,
	number: u32,
	issuance: Balance,
	done: bool,
}

impl Chain {
	/// Starts block 1 on top of genesis. Call inside the externalities of [`genesis`].
	pub fn start() -> Chain {
		let mut chain =
			Chain { parent: System::block_hash(0), number: 0, issuance: 0, done: false };
		chain.next_block();
		chain
	}

	/// The number of the block being built.
	pub fn number(&self) -> u32 {
		self.number
	}

	/// Initializes the next block with an Aura slot and its timestamp inherent.
	fn next_block(&mut self) {
		self.number += 1;
		let slot = u64::from(self.number);
		let digest = Digest {
			logs: vec![DigestItem::PreRuntime(
				sp_consensus_aura::AURA_ENGINE_ID,
				sp_consensus_aura::Slot::from(slot).encode(),
			)],
		};
		let header =
			Header::new(self.number, Default::default(), Default::default(), self.parent, digest);
		// Before the block's hooks, which mint epochs' emission.
		self.issuance = pallet_balances::TotalIssuance::<Runtime>::get();
		Executive::initialize_block(&header);
		let now = slot * pallet_aura::Pallet::<Runtime>::slot_duration();
		let inherent =
			UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
				now,
			}));
		Executive::apply_extrinsic(inherent)
			.expect("the timestamp inherent is valid")
			.expect("the timestamp inherent succeeds");
	}

	/// Finalizes the block being built, checks it ([`check_block`]) and starts the next.
	pub fn end_block(&mut self) {
		self.end_block_checking(true)
	}

	/// [`Self::end_block`], with every pallet's `try_state` only if `try_state`.
	fn end_block_checking(&mut self, try_state: bool) {
		let header = Executive::finalize_block();
		if check_block(self.number, self.issuance, try_state) {
			// Someone can make root by referendum (the signers hold the whole issuance): the
			// input ends before it could be enacted, since root may break any invariant.
			self.done = true;
		}
		self.parent = header.hash();
		self.next_block();
	}

	/// Whether the input must stop (a root-track referendum was submitted).
	pub fn done(&self) -> bool {
		self.done
	}

	/// Runs one step; a call's outcome is `Some`: `Err` if it was not applied or failed.
	pub fn run(&mut self, step: Step) -> Option<Result<(), String>> {
		match step {
			Step::Signed { who, call } => {
				Some(match Executive::apply_extrinsic(signed(account(who), call, None)) {
					Ok(Ok(())) => Ok(()),
					Ok(Err(e)) => Err(format!("{e:?}")),
					Err(e) => Err(format!("{e:?}")),
				})
			},
			Step::Root { call } if governance_call(&call) => {
				Some(call.dispatch(RuntimeOrigin::root()).map(|_| ()).map_err(|e| format!("{e:?}")))
			},
			Step::Root { .. } => Some(Err("not a governance call".into())),
			Step::RegisterDevice { who, key, state, spec, hardware_model, location } => {
				let pair = device_key(key);
				let device_key = atlas_primitives::DeviceKey::Sr25519(pair.public());
				let owner = account(who).to_account_id();
				let nonce = pallet_devices::RegistrationNonce::<Runtime>::get(&owner);
				let payload = atlas_primitives::possession_payload(
					&System::block_hash(0),
					&owner,
					&device_key,
					nonce,
				);
				let call = RuntimeCall::Devices(pallet_devices::Call::register_device {
					state,
					spec,
					hardware_model,
					location,
					metadata_uri: Vec::new(),
					key: device_key,
					proof: atlas_primitives::DeviceSignature::Sr25519(pair.sign(&payload)),
					certificate: None,
				});
				self.run(Step::Signed { who, call })
			},
			Step::Reports { who, back, mut reports } => {
				reports.truncate(16);
				let running = pallet_attestations::Pallet::<Runtime>::current_epoch_index();
				let epoch = running.saturating_sub(u32::from(back));
				let genesis = System::block_hash(0);
				let reports = reports
					.into_iter()
					.map(|(key, device, metrics)| {
						let payload =
							atlas_primitives::report_payload(&genesis, device, epoch, &metrics);
						pallet_attestations::SignedReport {
							device,
							metrics,
							signature: atlas_primitives::DeviceSignature::Sr25519(
								device_key(key).sign(&payload),
							),
						}
					})
					.collect();
				let call = RuntimeCall::Attestations(pallet_attestations::Call::submit_reports {
					epoch,
					reports,
				});
				self.run(Step::Signed { who, call })
			},
			Step::Blocks(n) => {
				for _ in 0..=(n % 12) {
					if self.number >= MAX_BLOCKS {
						break;
					}
					self.end_block();
				}
				None
			},
			Step::Warp(n) => {
				let last = self.number.saturating_add(1 + u32::from(n % 600)).min(MAX_WARP_BLOCKS);
				while self.number < last {
					self.end_block_checking(self.number + 1 == last);
				}
				None
			},
			Step::Beacon { who, secret, reveal } => {
				let chain = beacon_chain(who, secret);
				let value = if reveal {
					let verifier = account(who).to_account_id();
					let current =
						pallet_attestations::Beacons::<Runtime>::get(&verifier)?.commitment;
					let at = chain.iter().position(|v| *v == current)?;
					*chain.get(at.checked_sub(1)?)?
				} else {
					*chain.last()?
				};
				let call = RuntimeCall::Attestations(if reveal {
					pallet_attestations::Call::reveal_beacon { value }
				} else {
					pallet_attestations::Call::commit_beacon { commitment: value }
				});
				self.run(Step::Signed { who, call })
			},
		}
	}
}

/// Whether root may dispatch `call` in a step: the DePIN pallets' calls only. Root's other
/// powers (setting storage or balances, code) would break the invariants by design.
pub fn governance_call(call: &RuntimeCall) -> bool {
	matches!(
		call,
		RuntimeCall::NetworkStates(_)
			| RuntimeCall::Devices(_)
			| RuntimeCall::Attestations(_)
			| RuntimeCall::Rewards(_)
			| RuntimeCall::Vaults(_)
			| RuntimeCall::StateSeats(_)
			| RuntimeCall::Interstate(_)
			| RuntimeCall::Deployments(_)
			| RuntimeCall::CommunityPools(_)
	)
}

/// `call` signed by `who` with its next nonce (or `nonce`), immortal, no tip.
pub fn signed(who: Sr25519Keyring, call: RuntimeCall, nonce: Option<u32>) -> UncheckedExtrinsic {
	let account: AccountId = who.to_account_id();
	let nonce = nonce.unwrap_or_else(|| System::account_nonce(&account));
	let extension: TxExtension = (
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let payload = SignedPayload::new(call, extension).expect("the implicit data is there");
	let signature = payload.using_encoded(|bytes| who.pair().sign(bytes));
	let (call, extension, _) = payload.deconstruct();
	UncheckedExtrinsic::new_signed(call, account.into(), signature.into(), extension)
}

/// Runs the input `data` from genesis. Panics on any broken invariant.
pub fn run_input(data: &[u8]) {
	let steps = steps(data);
	if steps.is_empty() {
		return;
	}
	let mut ext = sp_io::TestExternalities::new(genesis().clone());
	ext.execute_with(|| {
		let mut chain = Chain::start();
		for step in steps {
			if chain.done() {
				return;
			}
			let _ = chain.run(step);
		}
		chain.end_block();
	});
}

/// What the events of the block say moved the native issuance.
#[derive(Default, Debug)]
struct IssuanceMoves {
	/// Minted, issued or restored by the balances pallet, or a dropped credit.
	created: Balance,
	/// Burned, rescinded, suspended, burned on hold, or a dropped debt.
	destroyed: Balance,
	/// Of `destroyed`, the dropped debts (fees, dust and anything resolved nowhere).
	debt: Balance,
	/// Fees paid (burned: `FungibleAdapter<Balances, ()>`), a part of `debt`.
	fees: Balance,
	/// Dust of reaped accounts (dropped: `DustRemoval = ()`), a part of `debt`.
	dust: Balance,
	/// The emission: what epochs minted and validators were paid.
	emitted: Balance,
	/// Whether root forced the issuance (never allowed here).
	forced: bool,
	/// Whether a referendum on the root track was submitted (see [`Chain::end_block`]).
	root_referendum: bool,
}

fn issuance_moves() -> IssuanceMoves {
	use pallet_balances::Event as B;
	let mut moves = IssuanceMoves::default();
	for record in System::read_events_no_consensus() {
		match record.event {
			RuntimeEvent::Balances(
				B::Minted { amount, .. }
				| B::Issued { amount }
				| B::MintedCredit { amount }
				| B::Restored { amount, .. },
			) => moves.created += amount,
			RuntimeEvent::Balances(
				B::Burned { amount, .. }
				| B::Rescinded { amount }
				| B::BurnedHeld { amount, .. }
				| B::Suspended { amount, .. },
			) => moves.destroyed += amount,
			RuntimeEvent::Balances(B::BurnedDebt { amount }) => {
				moves.destroyed += amount;
				moves.debt += amount;
			},
			RuntimeEvent::Balances(B::DustLost { amount, .. }) => moves.dust += amount,
			RuntimeEvent::Balances(B::TotalIssuanceForced { .. }) => moves.forced = true,
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
			) => moves.fees += actual_fee,
			RuntimeEvent::Rewards(pallet_rewards::Event::EpochFunded { minted, .. }) => {
				moves.emitted += minted.total();
			},
			RuntimeEvent::Staking(pallet_staking::Event::Rewarded { amount, .. }) => {
				moves.emitted += amount;
			},
			RuntimeEvent::Referenda(pallet_referenda::Event::Submitted { track, .. })
				if track == atlas_runtime::configs::governance::track::ROOT =>
			{
				moves.root_referendum = true;
			},
			_ => {},
		}
	}
	moves
}

/// The invariants after block `number`, which began with `issuance` (every pallet's
/// `try_state` only if `try_state`). Returns whether a
/// referendum on the root track was submitted in it.
pub fn check_block(number: u32, issuance: Balance, try_state: bool) -> bool {
	if try_state {
		if let Err(e) = <atlas_runtime::AllPalletsWithSystem as TryState<u32>>::try_state(
			number,
			TryStateSelect::All,
		) {
			panic!("try_state failed after block {number}: {e:?}");
		}
	}

	let total = pallet_balances::TotalIssuance::<Runtime>::get();
	let held: Balance = frame_system::Account::<Runtime>::iter_values()
		.map(|a| a.data.free + a.data.reserved)
		.sum();
	assert_eq!(held, total, "the balances do not add up to the issuance after block {number}");

	let moves = issuance_moves();
	assert!(!moves.forced, "the issuance was forced in block {number}");
	let expected = issuance.checked_add(moves.created).and_then(|v| v.checked_sub(moves.destroyed));
	assert_eq!(
		expected,
		Some(total),
		"the issuance moved by other than mints and burns in block {number}: {moves:?}"
	);
	assert!(
		moves.debt >= moves.fees.saturating_add(moves.dust),
		"fees and dust were not burned in block {number}: {moves:?}"
	);
	assert_eq!(
		moves.created, moves.emitted,
		"something other than the emission minted in block {number}: {moves:?}"
	);
	// However the policy is set, an epoch never mints a thousandth of the supply (the dev
	// chain's epochs are a minute long).
	assert!(
		moves.created <= issuance / 1_000,
		"block {number} minted {} of an issuance of {issuance}",
		moves.created
	);

	for (asset, details) in pallet_assets::Asset::<Runtime>::iter() {
		let sum: Balance =
			pallet_assets::Account::<Runtime>::iter_prefix_values(asset).map(|a| a.balance).sum();
		assert_eq!(sum, details.supply, "asset {asset}'s accounts do not add up to its supply");
	}
	moves.root_referendum
}

/// Decodes `data` as an extrinsic the way the node does and, when it decodes, has the runtime
/// validate it as the transaction pool would: neither may panic, and what decodes re-encodes to
/// something that decodes to the same extrinsic.
pub fn run_extrinsic(data: &[u8]) {
	let Ok(uxt) = UncheckedExtrinsic::decode_all_with_depth_limit(MAX_CALL_DEPTH, &mut &data[..])
	else {
		return;
	};
	let encoded = uxt.encode();
	let again = UncheckedExtrinsic::decode_all_with_depth_limit(MAX_CALL_DEPTH, &mut &encoded[..])
		.expect("a decoded extrinsic re-encodes to one that decodes");
	assert_eq!(again.encode(), encoded, "decoding is not stable");
	let _ = uxt.function.get_dispatch_info();
	let mut ext = sp_io::TestExternalities::new(genesis().clone());
	ext.execute_with(|| {
		let chain = Chain::start();
		let _ = Executive::validate_transaction(
			sp_runtime::transaction_validity::TransactionSource::External,
			uxt,
			chain.parent,
		);
	});
}

/// Decodes `data` as the JSON parameters of every `depin_*` method's argument kinds and checks
/// them as the node does: neither may panic, and a check either yields a value or an
/// invalid-params error.
pub fn run_rpc_params(data: &[u8]) {
	use atlas_rpc_support::params::{self, BlockHash, Integer, ReceiptsOf};
	let invalid = jsonrpsee::types::error::INVALID_PARAMS_CODE;
	let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else { return };
	let args: Vec<serde_json::Value> = match value {
		serde_json::Value::Array(args) => args,
		one => vec![one],
	};
	for arg in &args {
		let check = |r: Result<(), jsonrpsee::types::ErrorObjectOwned>| {
			if let Err(e) = r {
				assert_eq!(e.code(), invalid, "a bad argument is an invalid-params error");
			}
		};
		if let Ok(n) = serde_json::from_value::<Integer<u64>>(arg.clone()) {
			check(n.get("device").map(|_| ()));
		}
		if let Ok(n) = serde_json::from_value::<Integer<u32>>(arg.clone()) {
			check(n.get("epoch").map(|_| ()));
			check(params::limit(Some(n), 100).map(|_| ()));
		}
		if let Ok(at) = serde_json::from_value::<BlockHash>(arg.clone()) {
			check(at.get().map(|_| ()));
		}
		if let serde_json::Value::String(text) = arg {
			check(params::account(text, "owner").map(|_| ()));
		}
		if let Ok(of) = serde_json::from_value::<ReceiptsOf>(arg.clone()) {
			match of {
				ReceiptsOf::Device { device } => check(device.get("device").map(|_| ())),
				ReceiptsOf::Owner { owner } => check(params::account(&owner, "owner").map(|_| ())),
				ReceiptsOf::Invalid(_) => {},
			}
		}
	}
	// A whole request's parameters as the methods take them: `(id, at)` and `(owner, cursor,
	// limit, at)`.
	let _ = serde_json::from_slice::<(Integer<u64>, Option<BlockHash>)>(data);
	let _ = serde_json::from_slice::<(
		String,
		Option<Integer<u64>>,
		Option<Integer<u32>>,
		Option<BlockHash>,
	)>(data);
}

/// A state snapshot: every top-trie key and value of a chain at one block, as
/// `scripts/e2e/lib/snapshot.mjs` takes it over RPC (`{"block": "0x…", "pairs": [["0x…", "0x…"]]}`).
#[derive(serde::Deserialize)]
pub struct Snapshot {
	/// The block the state is of.
	pub block: String,
	/// Key and value pairs, hex.
	pub pairs: Vec<(String, String)>,
}

/// What [`check_upgrade`] found.
#[derive(Debug)]
pub struct UpgradeReport {
	/// Keys in the snapshot.
	pub keys: usize,
	/// The upgrade's weight.
	pub weight: frame_support::weights::Weight,
}

/// The try-runtime check of this runtime's upgrade onto the state of `snapshot` (what
/// `try-runtime on-runtime-upgrade` runs): every migration with its pre- and post-upgrade checks,
/// every pallet's on-chain storage version equal to its code's (FRAME checks it after the
/// upgrade), every pallet's `try_state`; then the same upgrade again changes nothing (the
/// migrations are idempotent) and fits in a block.
pub fn check_upgrade(snapshot: &Snapshot) -> Result<UpgradeReport, String> {
	let hex = |s: &str| sp_core::bytes::from_hex(s).map_err(|e| format!("{s}: {e:?}"));
	let mut storage = Storage::default();
	for (k, v) in &snapshot.pairs {
		storage.top.insert(hex(k)?, hex(v)?);
	}
	let keys = storage.top.len();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		use frame_try_runtime::UpgradeCheckSelect;
		let weight = Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
			.map_err(|e| format!("the upgrade failed its checks: {e:?}"))?;
		let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		if weight.any_gt(max) {
			return Err(format!("the upgrade weighs {weight:?}, more than a block ({max:?})"));
		}
		// Events are not state a migration must leave alone.
		System::reset_events();
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		Executive::try_runtime_upgrade(UpgradeCheckSelect::None)
			.map_err(|e| format!("the second upgrade failed: {e:?}"))?;
		System::reset_events();
		if sp_io::storage::root(sp_runtime::StateVersion::V1) != root {
			return Err("the migrations are not idempotent: a second run changed storage".into());
		}
		Ok(UpgradeReport { keys, weight })
	})
}
