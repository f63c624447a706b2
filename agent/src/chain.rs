//! The chain, through subxt: reads (runtime APIs and storage, decoded into the runtime's own
//! SCALE types) and signed extrinsics.
//!
//! Calls are located in the connected runtime's metadata by pallet and call name, so a runtime
//! that renumbers its pallets still works; their arguments are SCALE-encoded from
//! `atlas-primitives` types, the same types the runtime decodes (tests check the encodings
//! against the pallets' own types).

use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use atlas_primitives::{
	DeviceId, DeviceKey, DeviceSignature, DeviceSpec, DeviceStatus, EpochIndex, Metrics, StateId,
	VaultLeg,
};
use codec::{Decode, Encode};
use sp_core::{crypto::AccountId32, H256};
use subxt::{
	backend::BlockRef,
	config::{PolkadotExtrinsicParamsBuilder, RpcConfigFor},
	dynamic,
	ext::{
		scale_encode::{self, EncodeAsFields, FieldIter, TypeResolver},
		scale_value::Value,
	},
	rpcs::{methods::LegacyRpcMethods, RpcClient},
	tx::Signer as _,
	tx::{Payload, TransactionStatus},
	OnlineClient, PolkadotConfig,
};

use crate::keys::AccountSigner;

/// A device as the devices pallet stores it (`pallet_devices::Device` of this runtime).
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Device {
	/// Who owns it.
	pub owner: AccountId32,
	/// Who runs it for the owner.
	pub operator: Option<AccountId32>,
	/// Its network state.
	pub state: StateId,
	/// What it is.
	pub spec: DeviceSpec,
	/// Its approved hardware model.
	pub hardware_model: u32,
	/// Its H3 cell.
	pub location: u64,
	/// Its metadata URI.
	pub metadata_uri: Vec<u8>,
	/// Its key.
	pub key: DeviceKey,
	/// Its lifecycle status.
	pub status: DeviceStatus,
	/// Who paid its deposit.
	pub depositor: AccountId32,
	/// Its deposit.
	pub deposit: u128,
	/// When it registered.
	pub registered_at: u32,
	/// The vault leg of its route.
	pub vault: Option<VaultLeg>,
	/// The block it was activated at.
	pub active_since: Option<u32>,
	/// The maker that certified it.
	pub maker: Option<u32>,
	/// Where verifiers probe it.
	pub probe_endpoint: Vec<u8>,
}

/// One device report in a batch (`pallet_attestations::SignedReport`).
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct SignedReport {
	/// The device.
	pub device: DeviceId,
	/// What it delivered in the epoch.
	pub metrics: Metrics,
	/// The device key's signature of `report_payload`.
	pub signature: DeviceSignature,
}

/// A verifier's bond (`pallet_attestations::VerifierBond`).
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct VerifierBond {
	/// Held.
	pub amount: u128,
	/// The last epoch it observed in.
	pub last_epoch: Option<EpochIndex>,
	/// Its slot in the pool.
	pub slot: u32,
	/// The first epoch it serves in.
	pub serves_from: EpochIndex,
	/// The first epoch it no longer serves, once it asked to leave.
	pub serves_until: Option<EpochIndex>,
}

impl VerifierBond {
	/// Whether it serves in `epoch` (as the pallet decides it).
	pub fn serves_in(&self, epoch: EpochIndex) -> bool {
		self.serves_from <= epoch && self.serves_until.is_none_or(|until| epoch < until)
	}
}

/// A verifier's beacon commitment (`pallet_attestations::BeaconCommitment`).
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct BeaconCommitment {
	/// What its next reveal must hash to.
	pub commitment: H256,
	/// The epoch it committed in.
	pub committed_in: EpochIndex,
	/// The last epoch it revealed in.
	pub last_revealed: Option<EpochIndex>,
}

/// What an epoch's assignment is drawn from (`pallet_attestations::Draw`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub struct Draw {
	/// The epoch's seed.
	pub seed: H256,
	/// Pool slots at the epoch's start.
	pub pool_slots: u32,
}

/// The epoch clock of the chain: epochs are `length` blocks, reports of an epoch are accepted
/// until `grace` blocks after it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpochClock {
	/// Blocks per epoch.
	pub length: u32,
	/// Blocks after an epoch during which its reports and observations are still accepted.
	pub grace: u32,
	/// Seconds per block.
	pub block_secs: u32,
}

impl EpochClock {
	/// The epoch block `n` is in.
	pub fn epoch_of(&self, block: u32) -> EpochIndex {
		block / self.length.max(1)
	}

	/// The first block of `epoch`.
	pub fn start_of(&self, epoch: EpochIndex) -> u32 {
		epoch.saturating_mul(self.length.max(1))
	}

	/// Seconds of `epoch` a device activated at `active_since` was active (as the chain counts
	/// them).
	pub fn active_secs(&self, epoch: EpochIndex, active_since: u32) -> u32 {
		let start = self.start_of(epoch);
		let end = start.saturating_add(self.length.max(1));
		end.saturating_sub(start.max(active_since)).saturating_mul(self.block_secs)
	}
}

/// A call of this runtime: its pallet and name, and its SCALE-encoded arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
	/// The pallet, as metadata names it (`Attestations`).
	pub pallet: &'static str,
	/// The call, as metadata names it (`submit_reports`).
	pub name: &'static str,
	/// The arguments, SCALE-encoded in order.
	pub args: EncodedArgs,
}

/// Arguments encoded by the runtime's own types: written as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedArgs(pub Vec<u8>);

impl EncodeAsFields for EncodedArgs {
	fn encode_as_fields_to<R: TypeResolver>(
		&self,
		_fields: &mut dyn FieldIter<'_, R::TypeId>,
		_types: &R,
		out: &mut Vec<u8>,
	) -> Result<(), scale_encode::Error> {
		out.extend_from_slice(&self.0);
		Ok(())
	}
}

impl Payload for Call {
	type CallData = EncodedArgs;

	fn pallet_name(&self) -> &str {
		self.pallet
	}

	fn call_name(&self) -> &str {
		self.name
	}

	fn call_data(&self) -> &EncodedArgs {
		&self.args
	}
}

impl Call {
	fn new(pallet: &'static str, name: &'static str, args: impl Encode) -> Self {
		Call { pallet, name, args: EncodedArgs(args.encode()) }
	}

	/// `attestations.submit_reports(epoch, reports)`.
	pub fn submit_reports(epoch: EpochIndex, reports: &[SignedReport]) -> Self {
		Self::new("Attestations", "submit_reports", (epoch, reports))
	}

	/// `attestations.attest(epoch, observations)`.
	pub fn attest(epoch: EpochIndex, observations: &[(DeviceId, Metrics)]) -> Self {
		Self::new("Attestations", "attest", (epoch, observations))
	}

	/// `attestations.bond(amount)`.
	pub fn bond(amount: u128) -> Self {
		Self::new("Attestations", "bond", codec::Compact(amount))
	}

	/// `attestations.commit_beacon(commitment)`.
	pub fn commit_beacon(commitment: H256) -> Self {
		Self::new("Attestations", "commit_beacon", commitment)
	}

	/// `attestations.reveal_beacon(value)`.
	pub fn reveal_beacon(value: H256) -> Self {
		Self::new("Attestations", "reveal_beacon", value)
	}

	/// `rewards.claim(devices)`.
	pub fn claim(devices: &[DeviceId]) -> Self {
		Self::new("Rewards", "claim", devices)
	}

	/// `rewards.claim_verifier_rewards(epochs)`.
	pub fn claim_verifier_rewards(epochs: &[EpochIndex]) -> Self {
		Self::new("Rewards", "claim_verifier_rewards", epochs)
	}

	/// `devices.register_device(..)`.
	#[allow(clippy::too_many_arguments)]
	pub fn register_device(
		state: StateId,
		spec: &DeviceSpec,
		hardware_model: u32,
		location: u64,
		metadata_uri: &[u8],
		key: &DeviceKey,
		proof: &DeviceSignature,
	) -> Self {
		// No maker certificate: `Option::<MakerCertificate>::None` encodes as one zero byte.
		Self::new(
			"Devices",
			"register_device",
			(state, spec, hardware_model, location, metadata_uri, key, proof, 0u8),
		)
	}

	/// `devices.set_probe_endpoint(device, endpoint)`.
	pub fn set_probe_endpoint(device: DeviceId, endpoint: &[u8]) -> Self {
		Self::new("Devices", "set_probe_endpoint", (device, endpoint))
	}

	/// `devices.set_reward_route(device, route)`.
	pub fn set_reward_route(
		device: DeviceId,
		route: &[atlas_primitives::RouteShare<AccountId32>],
	) -> Self {
		Self::new("Devices", "set_reward_route", (device, route))
	}

	/// `devices.set_operator(device, operator)`.
	pub fn set_operator(device: DeviceId, operator: &AccountId32) -> Self {
		Self::new("Devices", "set_operator", (device, operator))
	}
}

/// A call refused by the runtime: its pallet, error name, the error's encoded fields and a
/// readable form.
#[derive(Debug, Clone)]
pub struct Refusal {
	/// The pallet that refused (`Attestations`).
	pub pallet: String,
	/// The error (`BadReport`).
	pub error: String,
	/// The error's fields, SCALE-encoded (for `BadReport`, the index and the reason).
	pub fields: Vec<u8>,
	/// The error as text, fields included.
	pub text: String,
}

impl std::fmt::Display for Refusal {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str(&self.text)
	}
}

impl Refusal {
	/// For `BadReport { index, reason }` / `BadObservation { index, reason }`: the index of the
	/// item the batch was refused for.
	pub fn item_index(&self) -> Option<usize> {
		(self.error == "BadReport" || self.error == "BadObservation")
			.then(|| u16::decode(&mut &self.fields[..]).ok().map(usize::from))
			.flatten()
	}
}

/// What became of a submitted extrinsic.
#[derive(Debug)]
pub enum Outcome {
	/// Included and dispatched successfully, in the block with this hash.
	Done(H256),
	/// Included, and its dispatch failed.
	Refused(Refusal),
}

/// One proxy of an account (`pallet_proxy::ProxyDefinition` with the runtime's `ProxyType`,
/// a fieldless enum encoded as its index).
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct ProxyDefinition {
	/// The proxy.
	pub delegate: AccountId32,
	/// The runtime's `ProxyType` index.
	pub proxy_type: u8,
	/// Blocks between announcing a call and making it.
	pub delay: u32,
}

/// The runtime's `ProxyType` indices whose proxies may attest for a verifier: `Any` (0),
/// `NonTransfer` (1) and `Verifier` (3).
pub const PROBE_PROXY_TYPES: [u8; 3] = [0, 1, 3];

/// A connection to an Atlas node.
#[derive(Clone)]
pub struct Chain {
	api: OnlineClient<PolkadotConfig>,
	/// The same connection's plain RPC methods (the pool-aware account nonce).
	rpc: LegacyRpcMethods<RpcConfigFor<PolkadotConfig>>,
}

/// How long a submitted extrinsic may take to be included.
const INCLUSION_TIMEOUT: Duration = Duration::from_secs(120);

impl Chain {
	/// Connects to the node at `url` (`ws://` or `wss://`).
	pub async fn connect(url: &str) -> Result<Self> {
		let client = if url.starts_with("wss://") {
			RpcClient::from_url(url).await
		} else {
			RpcClient::from_insecure_url(url).await
		}
		.with_context(|| format!("connecting to the node at {url}"))?;
		let api = OnlineClient::<PolkadotConfig>::from_rpc_client(client.clone())
			.await
			.with_context(|| format!("connecting to the node at {url}"))?;
		Ok(Chain { api, rpc: LegacyRpcMethods::new(client) })
	}

	/// The chain's genesis hash (what device payloads bind to).
	pub fn genesis_hash(&self) -> H256 {
		H256(self.api.genesis_hash().0)
	}

	/// The underlying subxt client.
	pub fn client(&self) -> &OnlineClient<PolkadotConfig> {
		&self.api
	}

	/// The chain at its best block now: not the finalized block, which can lag an epoch's first
	/// block by several blocks (its draw, its assignments, the reports just included).
	async fn at(&self) -> Result<subxt::client::OnlineClientAtBlock<PolkadotConfig>> {
		let best = self.rpc.chain_get_block_hash(None).await.context("reading the best block")?;
		if let Some(hash) = best {
			match self.api.at_block(BlockRef::from_hash(hash)).await {
				Ok(at) => return Ok(at),
				// Retracted meanwhile: the finalized block will do.
				Err(e) => tracing::debug!("reading at the best block: {e}"),
			}
		}
		self.api.at_current_block().await.context("reading the chain's finalized block")
	}

	/// The number of the chain's best block.
	pub async fn best_number(&self) -> Result<u32> {
		Ok(self.at().await?.block_number() as u32)
	}

	/// Calls runtime API `method` (`Trait_method`) with `args` and decodes its answer.
	pub async fn api_call<R: Decode>(&self, method: &str, args: impl Encode) -> Result<R> {
		let at = self.at().await?;
		let bytes = at
			.runtime_apis()
			.call_raw(method, Some(&args.encode()))
			.await
			.with_context(|| format!("runtime API {method}"))?;
		R::decode(&mut &bytes[..]).with_context(|| format!("decoding the answer of {method}"))
	}

	/// Reads storage `pallet::entry` at `keys`, `None` if absent.
	async fn storage<K, R>(&self, pallet: &str, entry: &str, keys: K) -> Result<Option<R>>
	where
		K: subxt::ext::frame_decode::storage::IntoEncodableValues
			+ subxt::ext::frame_decode::storage::IntoDecodableValues,
		R: Decode,
	{
		let at = self.at().await?;
		let address = dynamic::storage::<K, Value>(pallet, entry);
		let Some(value) = at
			.storage()
			.try_fetch(address, keys)
			.await
			.with_context(|| format!("reading {pallet}::{entry}"))?
		else {
			return Ok(None);
		};
		R::decode(&mut value.bytes())
			.map(Some)
			.with_context(|| format!("decoding {pallet}::{entry}"))
	}

	/// The epoch now running.
	pub async fn current_epoch(&self) -> Result<EpochIndex> {
		self.api_call("DepinAttestationsApi_current_epoch", ()).await
	}

	/// The epoch clock (epoch length and grace from storage, block time from the runtime).
	pub async fn epoch_clock(&self) -> Result<EpochClock> {
		let length: u32 = self.storage("Attestations", "EpochLength", ()).await?.unwrap_or(0);
		let grace: u32 = self.storage("Attestations", "SubmissionGrace", ()).await?.unwrap_or(0);
		let at = self.at().await?;
		let block_secs = at
			.constants()
			.entry(dynamic::constant::<u32>("Attestations", "SecondsPerBlock"))
			.unwrap_or(6);
		if length == 0 {
			bail!("the chain has no epoch length set");
		}
		Ok(EpochClock { length, grace, block_secs })
	}

	/// A constant of the runtime.
	pub async fn constant_u32(&self, pallet: &str, name: &str) -> Result<u32> {
		let at = self.at().await?;
		at.constants()
			.entry(dynamic::constant::<u32>(pallet, name))
			.with_context(|| format!("constant {pallet}::{name}"))
	}

	/// A constant balance of the runtime.
	pub async fn constant_u128(&self, pallet: &str, name: &str) -> Result<u128> {
		let at = self.at().await?;
		at.constants()
			.entry(dynamic::constant::<u128>(pallet, name))
			.with_context(|| format!("constant {pallet}::{name}"))
	}

	/// A device, `None` if it is not registered.
	pub async fn device(&self, device: DeviceId) -> Result<Option<Device>> {
		self.api_call("DepinRegistryApi_device", device).await
	}

	/// Every registered device, read from storage a page at a time.
	pub async fn all_devices(&self) -> Result<Vec<(DeviceId, Device)>> {
		let at = self.at().await?;
		let address = dynamic::storage::<(DeviceId,), Value>("Devices", "Devices");
		let mut entries = at.storage().iter(address, ()).await.context("listing devices")?;
		let mut devices = Vec::new();
		while let Some(entry) = entries.next().await {
			let entry = entry.context("listing devices")?;
			let key = entry.key_bytes();
			// Twox64Concat: the device id is the key's last 8 bytes.
			let id_bytes = key.get(key.len().saturating_sub(8)..).unwrap_or_default();
			let id = DeviceId::decode(&mut &id_bytes[..]).context("a device key")?;
			let device = Device::decode(&mut entry.value().bytes()).context("a device")?;
			devices.push((id, device));
		}
		Ok(devices)
	}

	/// Whether the chain holds a report of `device` for `epoch`.
	pub async fn has_report(&self, epoch: EpochIndex, device: DeviceId) -> Result<bool> {
		let key = (epoch, device);
		let at = self.at().await?;
		let address = dynamic::storage::<(EpochIndex, DeviceId), Value>("Attestations", "Reports");
		Ok(at.storage().try_fetch(address, key).await.context("reading a report")?.is_some())
	}

	/// The registration nonce of `owner` (what its next possession proof signs).
	pub async fn registration_nonce(&self, owner: &AccountId32) -> Result<u32> {
		Ok(self
			.storage::<_, u32>("Devices", "RegistrationNonce", (owner.clone().into_subxt(),))
			.await?
			.unwrap_or(0))
	}

	/// The id the next registered device gets.
	pub async fn next_device_id(&self) -> Result<DeviceId> {
		Ok(self.storage::<_, DeviceId>("Devices", "NextDeviceId", ()).await?.unwrap_or(0))
	}

	/// A verifier's bond, `None` if it is not in the pool.
	pub async fn bond(&self, verifier: &AccountId32) -> Result<Option<VerifierBond>> {
		self.storage("Attestations", "Bonds", (verifier.clone().into_subxt(),)).await
	}

	/// A verifier's beacon commitment.
	pub async fn beacon(&self, verifier: &AccountId32) -> Result<Option<BeaconCommitment>> {
		self.storage("Attestations", "Beacons", (verifier.clone().into_subxt(),)).await
	}

	/// What `epoch`'s assignment is drawn from, once the epoch started.
	pub async fn draw(&self, epoch: EpochIndex) -> Result<Option<Draw>> {
		self.storage("Attestations", "EpochDraws", (epoch,)).await
	}

	/// The verifiers assigned to probe `device` in `epoch` (empty before its draw).
	pub async fn assigned_verifiers(
		&self,
		epoch: EpochIndex,
		device: DeviceId,
	) -> Result<Vec<AccountId32>> {
		self.api_call("DepinAttestationsApi_assigned_verifiers", (epoch, device)).await
	}

	/// The accounts that may probe for `verifier`: its proxies of a type that may attest for it
	/// (`Any`, `NonTransfer`, `Verifier`) and act at once (no announcement delay).
	pub async fn probe_delegates(&self, verifier: &AccountId32) -> Result<Vec<AccountId32>> {
		let proxies: Option<(Vec<ProxyDefinition>, u128)> =
			self.storage("Proxy", "Proxies", (verifier.clone().into_subxt(),)).await?;
		Ok(proxies
			.map(|(list, _)| list)
			.unwrap_or_default()
			.into_iter()
			.filter(|p| PROBE_PROXY_TYPES.contains(&p.proxy_type) && p.delay == 0)
			.map(|p| p.delegate)
			.collect())
	}

	/// The verifier rewards `verifier` can claim, per epoch.
	pub async fn verifier_rewards(
		&self,
		verifier: &AccountId32,
	) -> Result<Vec<(EpochIndex, u128)>> {
		self.api_call("DepinRewardsApi_verifier_rewards", verifier).await
	}

	/// Signs `call` with `signer` (through `proxy_for`'s proxy when given), submits it and waits
	/// until it is in a block: `Done`, or `Refused` with the runtime's error.
	pub async fn submit(
		&self,
		signer: &AccountSigner,
		proxy_for: Option<&AccountId32>,
		call: Call,
	) -> Result<Outcome> {
		Ok(self.submit_watching(signer, proxy_for, call).await?.0)
	}

	/// Like [`Chain::submit`], also returning the extrinsic's events (pallet, event name,
	/// SCALE-encoded fields).
	pub async fn submit_watching(
		&self,
		signer: &AccountSigner,
		proxy_for: Option<&AccountId32>,
		call: Call,
	) -> Result<(Outcome, Vec<(String, String, Vec<u8>)>)> {
		let at = self.at().await?;
		let mut txs = at.transactions();
		// The nonce counts what is in the pool and the best block, not only what a (possibly
		// older) block's state says: two calls in a row never share a nonce.
		let nonce = self
			.rpc
			.system_account_next_index(&signer.account_id())
			.await
			.context("reading the account's next nonce")?;
		let params =
			|| PolkadotExtrinsicParamsBuilder::<PolkadotConfig>::new().nonce(nonce).build();
		let progress = match proxy_for {
			None => txs.sign_and_submit_then_watch(&call, signer, params()).await,
			Some(real) => {
				let inner = txs.call_data(&call).context("encoding the proxied call")?;
				// proxy(real: MultiAddress::Id, force_proxy_type: None, call)
				let mut args = vec![0u8];
				args.extend_from_slice(real.as_ref());
				args.push(0);
				args.extend_from_slice(&inner);
				let wrapped = Call { pallet: "Proxy", name: "proxy", args: EncodedArgs(args) };
				txs.sign_and_submit_then_watch(&wrapped, signer, params()).await
			},
		};
		let mut progress =
			progress.with_context(|| format!("submitting {}.{}", call.pallet, call.name))?;
		let wait = async {
			while let Some(status) = progress.next().await {
				match status? {
					TransactionStatus::InBestBlock(in_block)
					| TransactionStatus::InFinalizedBlock(in_block) => {
						let hash = H256(in_block.block_hash().0);
						let events = in_block.fetch_events().await?;
						let mut seen = Vec::new();
						for event in events.iter() {
							let event = event?;
							seen.push((
								event.pallet_name().to_string(),
								event.event_name().to_string(),
								event.field_bytes().to_vec(),
							));
							if event.pallet_name() == "System"
								&& event.event_name() == "ExtrinsicFailed"
							{
								return Ok((
									Outcome::Refused(refusal(&at, event.field_bytes())?),
									seen,
								));
							}
							if event.pallet_name() == "Proxy"
								&& event.event_name() == "ProxyExecuted"
							{
								// ProxyExecuted { result: DispatchResult }: Ok is one zero byte.
								let bytes = event.field_bytes();
								if bytes.first() == Some(&1) {
									return Ok((
										Outcome::Refused(refusal(&at, &bytes[1..])?),
										seen,
									));
								}
							}
						}
						return Ok((Outcome::Done(hash), seen));
					},
					TransactionStatus::Error { message }
					| TransactionStatus::Invalid { message }
					| TransactionStatus::Dropped { message } => {
						bail!("the node did not include {}.{}: {message}", call.pallet, call.name)
					},
					_ => continue,
				}
			}
			bail!("the node stopped reporting on {}.{}", call.pallet, call.name)
		};
		tokio::time::timeout(INCLUSION_TIMEOUT, wait).await.map_err(|_| {
			anyhow!("{}.{} not included within {INCLUSION_TIMEOUT:?}", call.pallet, call.name)
		})?
	}

	/// Like [`Chain::submit`], but a refusal is an error.
	pub async fn submit_ok(
		&self,
		signer: &AccountSigner,
		proxy_for: Option<&AccountId32>,
		call: Call,
	) -> Result<H256> {
		let name = format!("{}.{}", call.pallet, call.name);
		match self.submit(signer, proxy_for, call).await? {
			Outcome::Done(hash) => Ok(hash),
			Outcome::Refused(refusal) => bail!("{name} refused: {refusal}"),
		}
	}
}

/// Reads a `DispatchError` into a [`Refusal`].
fn refusal(
	at: &subxt::client::OnlineClientAtBlock<PolkadotConfig>,
	bytes: &[u8],
) -> Result<Refusal> {
	use subxt::error::DispatchError;
	let error = DispatchError::decode_from(bytes, at.metadata()).context("decoding a refusal")?;
	Ok(match &error {
		DispatchError::Module(module) => {
			let raw = module.bytes();
			let (pallet, name) = match module.details() {
				Ok(d) => (d.pallet.name().to_string(), d.variant.name.clone()),
				Err(_) => (format!("pallet {}", raw[0]), format!("error {}", raw[1])),
			};
			let text = match module.as_root_error::<Value>() {
				Ok(value) => format!("{value}"),
				Err(_) => format!("{pallet}.{name}"),
			};
			Refusal { pallet, error: name, fields: raw[2..].to_vec(), text }
		},
		other => Refusal {
			pallet: String::new(),
			error: format!("{other:?}"),
			fields: Vec::new(),
			text: other.to_string(),
		},
	})
}

/// sp-core's account id as subxt's.
trait IntoSubxt {
	fn into_subxt(self) -> subxt::utils::AccountId32;
}

impl IntoSubxt for AccountId32 {
	fn into_subxt(self) -> subxt::utils::AccountId32 {
		subxt::utils::AccountId32(self.into())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use atlas_primitives::{DeviceClass, SensorKind};
	use sp_core::Pair;

	fn metrics() -> Metrics {
		Metrics { uptime_secs: 60, bandwidth_bytes: 7, energy_wh: 80, compute_units: 3, samples: 1 }
	}

	#[test]
	fn a_batch_of_reports_encodes_as_the_runtime_decodes_it() {
		let key = sp_core::sr25519::Pair::from_seed(&[1; 32]);
		let signature = DeviceSignature::Sr25519(key.sign(b"x"));
		let ours =
			vec![SignedReport { device: 9, metrics: metrics(), signature: signature.clone() }];
		let theirs =
			vec![pallet_attestations::SignedReport { device: 9, metrics: metrics(), signature }];
		assert_eq!(ours.encode(), theirs.encode());
		assert_eq!(Call::submit_reports(4, &ours).args.0, (4u32, theirs).encode());
	}

	#[test]
	fn chain_records_decode_from_the_pallets_encodings() {
		let bond = pallet_attestations::VerifierBond::<u128> {
			amount: 5,
			last_epoch: Some(2),
			slot: 3,
			serves_from: 4,
			serves_until: None,
		};
		let ours = VerifierBond::decode(&mut &bond.encode()[..]).unwrap();
		assert_eq!((ours.amount, ours.slot, ours.serves_from), (5, 3, 4));
		assert!(ours.serves_in(4) && !ours.serves_in(3));
		let draw = pallet_attestations::Draw { seed: H256::repeat_byte(7), pool_slots: 11 };
		assert_eq!(
			Draw::decode(&mut &draw.encode()[..]).unwrap(),
			Draw { seed: draw.seed, pool_slots: 11 }
		);
		let beacon = pallet_attestations::BeaconCommitment {
			commitment: H256::repeat_byte(2),
			committed_in: 5,
			last_revealed: Some(6),
		};
		let decoded = BeaconCommitment::decode(&mut &beacon.encode()[..]).unwrap();
		assert_eq!((decoded.committed_in, decoded.last_revealed), (5, Some(6)));
	}

	#[test]
	fn devices_decode_from_the_pallets_encoding() {
		let owner = AccountId32::from([1; 32]);
		let device = pallet_devices::Device::<AccountId32, u128, u32, Vec<u8>> {
			owner: owner.clone(),
			operator: Some(AccountId32::from([2; 32])),
			state: 3,
			spec: DeviceSpec::Sensing { sensor_kind: SensorKind::Weather, samples_per_hour: 60 },
			hardware_model: 5,
			location: 0x891f1d48947ffff,
			metadata_uri: b"ipfs://x".to_vec(),
			key: DeviceKey::P256([2; 33]),
			status: DeviceStatus::Active,
			depositor: owner,
			deposit: 10,
			registered_at: 4,
			vault: None,
			active_since: Some(6),
			maker: None,
			probe_endpoint: b"tcp://127.0.0.1:7000".to_vec(),
		};
		let ours = Device::decode(&mut &device.encode()[..]).unwrap();
		assert_eq!(ours.encode(), device.encode());
		assert_eq!(ours.spec.class(), DeviceClass::Sensing);
		assert_eq!(ours.probe_endpoint, b"tcp://127.0.0.1:7000");
	}

	#[test]
	fn a_bad_report_refusal_names_the_report() {
		let refusal = Refusal {
			pallet: "Attestations".into(),
			error: "BadReport".into(),
			fields: vec![3, 0, 9],
			text: String::new(),
		};
		assert_eq!(refusal.item_index(), Some(3));
		let other = Refusal { error: "EpochNotOpen".into(), ..refusal };
		assert_eq!(other.item_index(), None);
	}

	#[test]
	fn epoch_clock_counts_active_seconds_like_the_chain() {
		let clock = EpochClock { length: 10, grace: 2, block_secs: 6 };
		assert_eq!(clock.epoch_of(25), 2);
		assert_eq!(clock.active_secs(2, 0), 60);
		assert_eq!(clock.active_secs(2, 25), 30);
		assert_eq!(clock.active_secs(2, 40), 0);
	}
}
