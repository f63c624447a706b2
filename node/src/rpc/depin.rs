//! `depin_*`: the chain's DePIN reads as plain JSON-RPC, for clients without SCALE (curl,
//! dashboards, agents). A thin layer over the runtime APIs: every method takes its arguments
//! positionally (or by name), then an optional block hash `at` (default: the best block), and
//! answers with the JSON of [`super::types`]. Lists are pages of at most [`MAX_PAGE_SIZE`] items
//! with a cursor. A page size over 100, a malformed address, id or block hash are invalid-params
//! errors (`-32602`) naming the argument; an unknown block, state, device, epoch, vault,
//! deployment, blueprint or agreement is a [`NOT_FOUND_CODE`] error `"<thing> not found"`.

use std::{collections::BTreeSet, sync::Arc};

use atlas_primitives::{KpiKind, MAX_PAGE_SIZE};
use atlas_runtime::{opaque::Block, AccountId, Balance, Hash, Runtime};
use atlas_runtime_api::{
	DepinAttestationsApi, DepinInterstateApi, DepinOverviewApi, DepinRegistryApi, DepinRewardsApi,
	DepinVaultsApi,
};
use futures::StreamExt;
use jsonrpsee::{
	core::{async_trait, RpcResult, SubscriptionResult},
	proc_macros::rpc,
	types::error::{ErrorObjectOwned, INTERNAL_ERROR_CODE},
	PendingSubscriptionSink, SubscriptionMessage,
};
use sc_client_api::BlockchainEvents;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;

use atlas_rpc_support::{
	limits::{
		queued, Slots, Subscribed, SubscriptionCaps, SUBSCRIPTIONS_PER_CONNECTION,
		SUBSCRIPTIONS_TOTAL,
	},
	params::{self, account, invalid, optional, BlockHash, Integer, ReceiptsOf},
};

use super::types::{
	self, device_item, ss58, Address, Agreement, Amount, Blueprint, Decimal, Deployment, Device,
	DeviceId, DeviceRecord, EpochBudget, EpochClosed, EpochSummary, KpiView, NetworkOverview,
	NetworkState, NewReceipt, OwnerRewards, Page, PendingRewards, Receipt, Role, Vault,
};

/// The error code of a read whose subject does not exist.
pub const NOT_FOUND_CODE: i32 = 4004;

/// A trait for a set of runtime API bounds, implemented by every type meeting them (so the bound
/// list is written once).
macro_rules! api_set {
	($(#[$doc:meta])* $name:ident: $($bound:path),+ $(,)?) => {
		$(#[$doc])*
		pub trait $name: $($bound +)+ {}
		impl<T: $($bound +)+> $name for T {}
	};
}

api_set! {
	/// The runtime APIs `depin_*` reads, with the runtime's types.
	DepinApis:
	DepinRegistryApi<
		Block,
		AccountId,
		pallet_network_states::NetworkStateOf<Runtime>,
		pallet_devices::DeviceOf<Runtime>,
	>,
	DepinAttestationsApi<
		Block,
		AccountId,
		pallet_attestations::EpochSummary,
		pallet_attestations::DeviceRecord,
	>,
	DepinRewardsApi<
		Block,
		AccountId,
		Balance,
		pallet_rewards::PendingRewards<u32, Balance>,
		pallet_rewards::Receipt<u32, Balance>,
		pallet_rewards::EpochBudgetOf<Runtime>,
	>,
	DepinVaultsApi<Block, Balance, pallet_vaults::VaultViewOf<Runtime>>,
	DepinOverviewApi<Block, Balance>,
	DepinInterstateApi<
		Block,
		pallet_deployments::DeploymentOf<Runtime>,
		pallet_deployments::BlueprintOf<Runtime>,
		pallet_interstate::AgreementOf<Runtime>,
	>,
}

/// The `depin_*` methods and subscriptions. Ids are [`Integer`]s (a JSON number or a decimal
/// string), accounts SS58 strings, `cursor` the `next` of the previous page, `limit` at most 100
/// (default 100), `at` a block hash (default: the best block).
#[rpc(server, namespace = "depin")]
pub trait DepinApi {
	/// The network at a glance: devices by class and status, devices reporting this epoch,
	/// emission to date, states, validators, blueprints.
	#[method(name = "overview", blocking)]
	fn overview(&self, at: Option<BlockHash>) -> RpcResult<NetworkOverview>;

	/// A network state.
	#[method(name = "networkState", blocking)]
	fn network_state(&self, state: Integer<u32>, at: Option<BlockHash>) -> RpcResult<NetworkState>;

	/// A device.
	#[method(name = "device", blocking)]
	fn device(&self, device: Integer<u64>, at: Option<BlockHash>) -> RpcResult<Device>;

	/// A page of `owner`'s devices, as `[id, device]`.
	#[method(name = "devicesByOwner", blocking)]
	fn devices_by_owner(
		&self,
		owner: String,
		cursor: Option<Integer<u64>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(DeviceId, Device), DeviceId>>;

	/// A page of a state's devices, as `[id, device]`.
	#[method(name = "devicesByState", blocking)]
	fn devices_by_state(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u64>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(DeviceId, Device), DeviceId>>;

	/// A page of a state's members with their roles, as `[address, roles]`.
	#[method(name = "members", blocking)]
	fn members(
		&self,
		state: Integer<u32>,
		cursor: Option<String>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(Address, Vec<Role>), Address>>;

	/// The roles `account` holds in a state (its admin holds them all).
	#[method(name = "rolesOf", blocking)]
	fn roles_of(
		&self,
		state: Integer<u32>,
		account: String,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Role>>;

	/// The epoch running.
	#[method(name = "currentEpoch", blocking)]
	fn current_epoch(&self, at: Option<BlockHash>) -> RpcResult<u32>;

	/// An epoch's class totals, whether it is closed, its open challenges (up to the current
	/// epoch).
	#[method(name = "epochSummary", blocking)]
	fn epoch_summary(&self, epoch: Integer<u32>, at: Option<BlockHash>) -> RpcResult<EpochSummary>;

	/// A device's reported and verified metrics and points in an epoch.
	#[method(name = "deviceRecord", blocking)]
	fn device_record(
		&self,
		epoch: Integer<u32>,
		device: Integer<u64>,
		at: Option<BlockHash>,
	) -> RpcResult<DeviceRecord>;

	/// What a device can claim now, what is maturing, its unpaid epochs.
	#[method(name = "pendingRewards", blocking)]
	fn pending_rewards(
		&self,
		device: Integer<u64>,
		at: Option<BlockHash>,
	) -> RpcResult<PendingRewards>;

	/// The pending rewards of a page of `owner`'s devices, with their sums.
	#[method(name = "pendingRewardsOfOwner", blocking)]
	fn pending_rewards_of_owner(
		&self,
		owner: String,
		cursor: Option<Integer<u64>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<OwnerRewards>;

	/// A device's reward for an unpaid epoch, computed by the code that pays it.
	#[method(name = "rewardReceipt", blocking)]
	fn reward_receipt(
		&self,
		device: Integer<u64>,
		epoch: Integer<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Receipt>;

	/// An epoch's emission and its split across classes and partner programs.
	#[method(name = "epochBudget", blocking)]
	fn epoch_budget(&self, epoch: Integer<u32>, at: Option<BlockHash>) -> RpcResult<EpochBudget>;

	/// A vault: NAV, share supply, sponsors, open proposals.
	#[method(name = "vault", blocking)]
	fn vault(&self, vault: Integer<u32>, at: Option<BlockHash>) -> RpcResult<Vault>;

	/// Up to `limit` vaults after `cursor`, in id order (a list, not a page: the next cursor is
	/// the last vault's id).
	#[method(name = "vaults", blocking)]
	fn vaults(
		&self,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Vault>>;

	/// What `shares` of a vault redeem for now.
	#[method(name = "shareValue", blocking)]
	fn share_value(
		&self,
		vault: Integer<u32>,
		shares: Integer<Balance>,
		at: Option<BlockHash>,
	) -> RpcResult<Amount>;

	/// A page of the states `state` recognises.
	#[method(name = "recognitionsOf", blocking)]
	fn recognitions_of(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<u32, u32>>;

	/// A page of the states that recognise `state`.
	#[method(name = "recognisedBy", blocking)]
	fn recognised_by(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<u32, u32>>;

	/// A page of the states asking `state` to recognise them.
	#[method(name = "recognitionRequests", blocking)]
	fn recognition_requests(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<u32, u32>>;

	/// A page of a deployment's device ids.
	#[method(name = "deploymentDevices", blocking)]
	fn deployment_devices(
		&self,
		deployment: Integer<u32>,
		cursor: Option<Integer<u64>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<DeviceId, DeviceId>>;

	/// A deployment.
	#[method(name = "deployment", blocking)]
	fn deployment(&self, deployment: Integer<u32>, at: Option<BlockHash>) -> RpcResult<Deployment>;

	/// A page of a state's deployments, as `[id, deployment]`.
	#[method(name = "deploymentsOf", blocking)]
	fn deployments_of(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(u32, Deployment), u32>>;

	/// A deployment's live KPIs.
	#[method(name = "deploymentKpis", blocking)]
	fn deployment_kpis(
		&self,
		deployment: Integer<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<KpiView>;

	/// A blueprint.
	#[method(name = "blueprint", blocking)]
	fn blueprint(&self, blueprint: Integer<u32>, at: Option<BlockHash>) -> RpcResult<Blueprint>;

	/// A blueprint's live KPIs (its source deployment and adoptions summed).
	#[method(name = "blueprintKpis", blocking)]
	fn blueprint_kpis(&self, blueprint: Integer<u32>, at: Option<BlockHash>) -> RpcResult<KpiView>;

	/// The leaderboard: a page of blueprints ranked by `kpi` (`UptimeRatio`, `Bandwidth`,
	/// `Energy`, `Compute`, `Samples`, `Points`, `Rewards`, `DevicesActive`), best first, as
	/// `[id, kpis]`; the cursor is a rank.
	#[method(name = "blueprintsRanked", blocking)]
	fn blueprints_ranked(
		&self,
		kpi: String,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(u32, KpiView), u32>>;

	/// A co-use agreement.
	#[method(name = "agreement", blocking)]
	fn agreement(&self, agreement: Integer<u32>, at: Option<BlockHash>) -> RpcResult<Agreement>;

	/// A page of the agreements `state` hosts, as `[id, agreement]`.
	#[method(name = "agreementsHostedBy", blocking)]
	fn agreements_hosted_by(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(u32, Agreement), u32>>;

	/// A page of the agreements granted to `state`, as `[id, agreement]`.
	#[method(name = "agreementsGrantedTo", blocking)]
	fn agreements_granted_to(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(u32, Agreement), u32>>;

	/// Whether citizens of `guest` may use `device` now.
	#[method(name = "usageAllowed", blocking)]
	fn usage_allowed(
		&self,
		guest: Integer<u32>,
		device: Integer<u64>,
		at: Option<BlockHash>,
	) -> RpcResult<bool>;

	/// One `depin_epochClosed` message per epoch that closes, in order, read at finalized
	/// blocks.
	#[subscription(
		name = "subscribeEpochs" => "epochClosed",
		unsubscribe = "unsubscribeEpochs",
		item = EpochClosed
	)]
	async fn subscribe_epochs(&self) -> SubscriptionResult;

	/// One `depin_receipt` message per reward receipt of a device (`{"device": id}`) or of an
	/// owner's first 100 devices (`{"owner": address}`), at the finalized block that funds its
	/// epoch (or, if a challenge held the receipt back, the block it appears in).
	#[subscription(
		name = "subscribeReceipts" => "receipt",
		unsubscribe = "unsubscribeReceipts",
		item = NewReceipt
	)]
	async fn subscribe_receipts(&self, of: Option<ReceiptsOf>) -> SubscriptionResult;
}

/// Serves [`DepinApiServer`] from a client's runtime APIs, within the bounds of
/// [`atlas_rpc_support::limits`]: reads on the blocking pool in a bounded number of slots, subscriptions
/// capped per connection and in total.
pub struct Depin<C> {
	client: Arc<C>,
	slots: Arc<Slots>,
	caps: Arc<SubscriptionCaps>,
}

impl<C> Depin<C> {
	/// `depin_*` over `client`.
	pub fn new(client: Arc<C>) -> Self {
		Depin {
			client,
			slots: Slots::for_this_machine(),
			caps: SubscriptionCaps::new(SUBSCRIPTIONS_PER_CONNECTION, SUBSCRIPTIONS_TOTAL),
		}
	}
}

fn not_found(what: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(NOT_FOUND_CODE, format!("{what} not found"), None::<()>)
}

fn internal(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(INTERNAL_ERROR_CODE, e.to_string(), None::<()>)
}

/// `Some(v)` converted, or a not-found error naming `what`.
fn found<T, J: From<T>>(value: Option<T>, what: impl FnOnce() -> String) -> RpcResult<J> {
	value.map(J::from).ok_or_else(|| not_found(what()))
}

/// A page size argument: at most [`MAX_PAGE_SIZE`], which is also the default.
fn limit(limit: Option<Integer<u32>>) -> RpcResult<u32> {
	params::limit(limit, MAX_PAGE_SIZE)
}

fn kpi_kind(name: &str) -> RpcResult<KpiKind> {
	Ok(match name {
		"UptimeRatio" => KpiKind::UptimeRatio,
		"Bandwidth" => KpiKind::Bandwidth,
		"Energy" => KpiKind::Energy,
		"Compute" => KpiKind::Compute,
		"Samples" => KpiKind::Samples,
		"Points" => KpiKind::Points,
		"Rewards" => KpiKind::Rewards,
		"DevicesActive" => KpiKind::DevicesActive,
		other => return Err(invalid(format!(
			"unknown KPI {other}: one of UptimeRatio, Bandwidth, Energy, Compute, Samples, Points, Rewards, DevicesActive"
		))),
	})
}

impl<C> Depin<C> {
	/// A place under the subscription caps for `pending`, or `None` once it was rejected with
	/// the cap's error.
	async fn place(
		&self,
		pending: PendingSubscriptionSink,
	) -> Option<(Subscribed, PendingSubscriptionSink)> {
		match self.caps.open(pending.connection_id()) {
			Ok(place) => Some((place, pending)),
			Err(e) => {
				pending.reject(e).await;
				None
			},
		}
	}
}

impl<C: HeaderBackend<Block>> Depin<C> {
	/// The block to read at: `at`, or the best block; an unknown block is not found.
	fn at(&self, at: Option<BlockHash>) -> RpcResult<Hash> {
		let hash = match at {
			Some(at) => at.get()?,
			None => self.client.info().best_hash,
		};
		match self.client.header(hash) {
			Ok(Some(_)) => Ok(hash),
			_ => Err(not_found(format_args!("block {hash:?}"))),
		}
	}
}

/// The next finalized block, or `None` once the subscriber has gone (unsubscribed or
/// disconnected): a subscription ends at once and gives its place back.
async fn next_or_closed(
	finalized: &mut sc_client_api::FinalityNotifications<Block>,
	sink: &jsonrpsee::SubscriptionSink,
) -> Option<sc_client_api::FinalityNotification<Block>> {
	let closed = Box::pin(sink.closed());
	match futures::future::select(closed, finalized.next()).await {
		futures::future::Either::Left(_) => None,
		futures::future::Either::Right((block, _)) => block,
	}
}

/// What a receipts subscription follows.
enum Followed {
	Device(u64),
	Owner(AccountId),
}

fn followed(of: Option<ReceiptsOf>) -> RpcResult<Followed> {
	match of {
		Some(ReceiptsOf::Device { device }) => device.get("device").map(Followed::Device),
		Some(ReceiptsOf::Owner { owner }) => account(&owner, "owner").map(Followed::Owner),
		Some(ReceiptsOf::Invalid(_)) | None => {
			Err(invalid("expected {\"device\": id} or {\"owner\": address}"))
		},
	}
}

/// The first epoch not closed at `at`: the next one a `depin_subscribeEpochs` announces.
fn first_open_epoch<C>(client: &C, at: Hash) -> u32
where
	C: ProvideRuntimeApi<Block>,
	C::Api: DepinApis,
{
	let api = client.runtime_api();
	let current = DepinAttestationsApi::current_epoch(&*api, at).unwrap_or(0);
	// Epochs close in order; the one before the current may be in its grace period.
	match current.checked_sub(1) {
		Some(previous) if api.epoch_summary(at, previous).is_ok_and(|s| !s.closed) => previous,
		_ => current,
	}
}

/// The epochs from `next` on that are closed at `at`, as messages; moves `next` past them.
fn closed_epochs<C>(client: &C, at: Hash, next: &mut u32) -> Result<Vec<EpochClosed>, String>
where
	C: ProvideRuntimeApi<Block>,
	C::Api: DepinApis,
{
	let api = client.runtime_api();
	let mut out = Vec::new();
	loop {
		let summary = api.epoch_summary(at, *next).map_err(|e| e.to_string())?;
		if !summary.closed {
			return Ok(out);
		}
		let budget = api.epoch_budget(at, *next).map_err(|e| e.to_string())?;
		out.push(EpochClosed {
			epoch: *next,
			block: at,
			summary: summary.into(),
			budget: budget.map(Into::into),
		});
		*next = next.saturating_add(1);
	}
}

/// Epochs a receipts subscription looks at per block, at most: after a long stall (or epochs no
/// one funded) it skips ahead rather than work through them all.
const MAX_EPOCHS_PER_STEP: u32 = 8;

/// Receipts one subscription waits for at most (funded epochs whose receipt did not exist yet).
const MAX_WAITING: usize = 4 * MAX_PAGE_SIZE as usize;

/// Epochs a subscription waits for a receipt that did not exist when its epoch was funded (a
/// challenge open on the device's report): about a week of hourly epochs.
const RECEIPT_WAIT_EPOCHS: u32 = 168;

/// What a receipts subscription has followed. A receipt is news once, when its epoch is funded
/// (its budget appears), so each block costs a few runtime calls whatever the devices and
/// their unpaid epochs: the current epoch and the budgets of the epochs not yet seen funded.
/// Only at a funding block are the followed devices read, one call each, plus one per receipt.
struct ReceiptWatch {
	/// The first epoch whose funding has not been seen.
	next: u32,
	/// Receipts of funded epochs the followed devices reported in that did not exist yet.
	waiting: BTreeSet<(u64, u32)>,
}

impl ReceiptWatch {
	/// Starts at `at`: receipts of epochs funded by then are not news.
	fn start<C>(client: &C, at: Hash) -> Result<Self, String>
	where
		C: ProvideRuntimeApi<Block>,
		C::Api: DepinApis,
	{
		let api = client.runtime_api();
		let current = DepinAttestationsApi::current_epoch(&*api, at).map_err(|e| e.to_string())?;
		let next = match current.checked_sub(1) {
			// The previous epoch may be in its grace period, not funded yet.
			Some(previous)
				if api.epoch_budget(at, previous).map_err(|e| e.to_string())?.is_none() =>
			{
				previous
			},
			_ => current,
		};
		Ok(ReceiptWatch { next, waiting: BTreeSet::new() })
	}

	/// The new receipts at `at` of what `followed` names.
	fn step<C>(
		&mut self,
		client: &C,
		at: Hash,
		followed: &Followed,
	) -> Result<Vec<NewReceipt>, String>
	where
		C: ProvideRuntimeApi<Block>,
		C::Api: DepinApis,
	{
		let api = client.runtime_api();
		let e = |e: sp_api::ApiError| e.to_string();
		let current = DepinAttestationsApi::current_epoch(&*api, at).map_err(e)?;
		self.next = self.next.max(current.saturating_sub(MAX_EPOCHS_PER_STEP));
		let mut funded = Vec::new();
		for epoch in self.next..=current {
			if api.epoch_budget(at, epoch).map_err(e)?.is_some() {
				funded.push(epoch);
			}
		}
		if let Some(last) = funded.last() {
			self.next = last.saturating_add(1);
		}
		let mut out = Vec::new();
		for (device, epoch) in std::mem::take(&mut self.waiting) {
			match api.reward_receipt(at, device, epoch).map_err(e)? {
				Some(receipt) => {
					out.push(NewReceipt { device: Decimal(device), receipt: receipt.into() })
				},
				None if epoch.saturating_add(RECEIPT_WAIT_EPOCHS) > current => {
					self.waiting.insert((device, epoch));
				},
				None => {},
			}
		}
		if funded.is_empty() {
			return Ok(out);
		}
		for device in followed_devices(client, at, followed)? {
			let pending = api.pending_rewards(at, device).map_err(e)?;
			for &epoch in funded.iter().filter(|epoch| pending.epochs.contains(epoch)) {
				match api.reward_receipt(at, device, epoch).map_err(e)? {
					Some(receipt) => {
						out.push(NewReceipt { device: Decimal(device), receipt: receipt.into() })
					},
					None if self.waiting.len() < MAX_WAITING => {
						self.waiting.insert((device, epoch));
					},
					None => {},
				}
			}
		}
		Ok(out)
	}
}

/// The devices a receipts subscription follows at `at`: one device, or an owner's first
/// [`MAX_PAGE_SIZE`] devices (a subscription never does unbounded work per block).
fn followed_devices<C>(client: &C, at: Hash, followed: &Followed) -> Result<Vec<u64>, String>
where
	C: ProvideRuntimeApi<Block>,
	C::Api: DepinApis,
{
	match followed {
		Followed::Device(d) => Ok(vec![*d]),
		Followed::Owner(owner) => Ok(client
			.runtime_api()
			.devices_by_owner(at, owner.clone(), None, MAX_PAGE_SIZE)
			.map_err(|e| e.to_string())?
			.items
			.into_iter()
			.map(|(id, _)| id)
			.collect()),
	}
}

#[async_trait]
impl<C> DepinApiServer for Depin<C>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ BlockchainEvents<Block>
		+ Send
		+ Sync
		+ 'static,
	C::Api: DepinApis,
{
	fn overview(&self, at: Option<BlockHash>) -> RpcResult<NetworkOverview> {
		let _slot = self.slots.take()?;
		let at = self.at(at)?;
		Ok(self.client.runtime_api().overview(at).map_err(internal)?.into())
	}

	fn network_state(&self, state: Integer<u32>, at: Option<BlockHash>) -> RpcResult<NetworkState> {
		let _slot = self.slots.take()?;
		let state = state.get("state")?;
		let at = self.at(at)?;
		let v = self.client.runtime_api().network_state(at, state).map_err(internal)?;
		found(v, || format!("state {state}"))
	}

	fn device(&self, device: Integer<u64>, at: Option<BlockHash>) -> RpcResult<Device> {
		let _slot = self.slots.take()?;
		let device = device.get("device")?;
		let at = self.at(at)?;
		let v = self.client.runtime_api().device(at, device).map_err(internal)?;
		found(v, || format!("device {device}"))
	}

	fn devices_by_owner(
		&self,
		owner: String,
		cursor: Option<Integer<u64>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(DeviceId, Device), DeviceId>> {
		let _slot = self.slots.take()?;
		let owner = account(&owner, "owner")?;
		let cursor = optional(cursor, "cursor")?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let page = self
			.client
			.runtime_api()
			.devices_by_owner(at, owner, cursor, limit)
			.map_err(internal)?;
		Ok(Page::from_page(page, device_item, Decimal))
	}

	fn devices_by_state(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u64>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(DeviceId, Device), DeviceId>> {
		let _slot = self.slots.take()?;
		let state = state.get("state")?;
		let cursor = optional(cursor, "cursor")?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let page = self
			.client
			.runtime_api()
			.devices_by_state(at, state, cursor, limit)
			.map_err(internal)?;
		Ok(Page::from_page(page, device_item, Decimal))
	}

	fn members(
		&self,
		state: Integer<u32>,
		cursor: Option<String>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(Address, Vec<Role>), Address>> {
		let _slot = self.slots.take()?;
		let state = state.get("state")?;
		let cursor = cursor.map(|c| account(&c, "cursor")).transpose()?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let page = self.client.runtime_api().members(at, state, cursor, limit).map_err(internal)?;
		Ok(Page::from_page(page, |(who, set)| (ss58(&who), types::roles(set)), |c| ss58(&c)))
	}

	fn roles_of(
		&self,
		state: Integer<u32>,
		account: String,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Role>> {
		let _slot = self.slots.take()?;
		let state = state.get("state")?;
		let who = self::account(&account, "account")?;
		let at = self.at(at)?;
		let api = self.client.runtime_api();
		if api.network_state(at, state).map_err(internal)?.is_none() {
			return Err(not_found(format_args!("state {state}")));
		}
		Ok(types::roles(api.roles_of(at, state, who).map_err(internal)?))
	}

	fn current_epoch(&self, at: Option<BlockHash>) -> RpcResult<u32> {
		let _slot = self.slots.take()?;
		let at = self.at(at)?;
		DepinAttestationsApi::current_epoch(&*self.client.runtime_api(), at).map_err(internal)
	}

	fn epoch_summary(&self, epoch: Integer<u32>, at: Option<BlockHash>) -> RpcResult<EpochSummary> {
		let _slot = self.slots.take()?;
		let epoch = epoch.get("epoch")?;
		let at = self.at(at)?;
		let api = self.client.runtime_api();
		let current = DepinAttestationsApi::current_epoch(&*api, at).map_err(internal)?;
		if epoch > current {
			return Err(not_found(format_args!("epoch {epoch} (the current epoch is {current})")));
		}
		Ok(api.epoch_summary(at, epoch).map_err(internal)?.into())
	}

	fn device_record(
		&self,
		epoch: Integer<u32>,
		device: Integer<u64>,
		at: Option<BlockHash>,
	) -> RpcResult<DeviceRecord> {
		let _slot = self.slots.take()?;
		let epoch = epoch.get("epoch")?;
		let device = device.get("device")?;
		let at = self.at(at)?;
		let v = self.client.runtime_api().device_record(at, epoch, device).map_err(internal)?;
		found(v, || format!("report of device {device} in epoch {epoch}"))
	}

	fn pending_rewards(
		&self,
		device: Integer<u64>,
		at: Option<BlockHash>,
	) -> RpcResult<PendingRewards> {
		let _slot = self.slots.take()?;
		let device = device.get("device")?;
		let at = self.at(at)?;
		let api = self.client.runtime_api();
		if DepinRegistryApi::device(&*api, at, device).map_err(internal)?.is_none() {
			return Err(not_found(format_args!("device {device}")));
		}
		Ok(api.pending_rewards(at, device).map_err(internal)?.into())
	}

	fn pending_rewards_of_owner(
		&self,
		owner: String,
		cursor: Option<Integer<u64>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<OwnerRewards> {
		let _slot = self.slots.take()?;
		let owner = account(&owner, "owner")?;
		let cursor = optional(cursor, "cursor")?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let v = self
			.client
			.runtime_api()
			.pending_rewards_of_owner(at, owner, cursor, limit)
			.map_err(internal)?;
		Ok(v.into())
	}

	fn reward_receipt(
		&self,
		device: Integer<u64>,
		epoch: Integer<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Receipt> {
		let _slot = self.slots.take()?;
		let device = device.get("device")?;
		let epoch = epoch.get("epoch")?;
		let at = self.at(at)?;
		let v = self.client.runtime_api().reward_receipt(at, device, epoch).map_err(internal)?;
		found(v, || format!("unpaid reward of device {device} in epoch {epoch}"))
	}

	fn epoch_budget(&self, epoch: Integer<u32>, at: Option<BlockHash>) -> RpcResult<EpochBudget> {
		let _slot = self.slots.take()?;
		let epoch = epoch.get("epoch")?;
		let at = self.at(at)?;
		let v = self.client.runtime_api().epoch_budget(at, epoch).map_err(internal)?;
		found(v, || format!("budget of epoch {epoch}"))
	}

	fn vault(&self, vault: Integer<u32>, at: Option<BlockHash>) -> RpcResult<Vault> {
		let _slot = self.slots.take()?;
		let vault = vault.get("vault")?;
		let at = self.at(at)?;
		let v = self.client.runtime_api().vault(at, vault).map_err(internal)?;
		found(v, || format!("vault {vault}"))
	}

	fn vaults(
		&self,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Vault>> {
		let _slot = self.slots.take()?;
		let cursor = optional(cursor, "cursor")?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let vaults = self.client.runtime_api().vaults(at, cursor, limit).map_err(internal)?;
		Ok(vaults.into_iter().map(Vault::from).collect())
	}

	fn share_value(
		&self,
		vault: Integer<u32>,
		shares: Integer<Balance>,
		at: Option<BlockHash>,
	) -> RpcResult<Amount> {
		let _slot = self.slots.take()?;
		let vault = vault.get("vault")?;
		let shares = shares.get("shares")?;
		let at = self.at(at)?;
		let v = self.client.runtime_api().share_value(at, vault, shares).map_err(internal)?;
		v.map(Decimal).ok_or_else(|| not_found(format_args!("vault {vault}")))
	}

	fn recognitions_of(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<u32, u32>> {
		let _slot = self.slots.take()?;
		let state = state.get("state")?;
		let cursor = optional(cursor, "cursor")?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let page = self
			.client
			.runtime_api()
			.recognitions_of(at, state, cursor, limit)
			.map_err(internal)?;
		Ok(Page::from_page(page, |s| s, |c| c))
	}

	fn recognised_by(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<u32, u32>> {
		let _slot = self.slots.take()?;
		let state = state.get("state")?;
		let cursor = optional(cursor, "cursor")?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let page =
			self.client.runtime_api().recognised_by(at, state, cursor, limit).map_err(internal)?;
		Ok(Page::from_page(page, |s| s, |c| c))
	}

	fn recognition_requests(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<u32, u32>> {
		let _slot = self.slots.take()?;
		let state = state.get("state")?;
		let cursor = optional(cursor, "cursor")?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let page = self
			.client
			.runtime_api()
			.recognition_requests(at, state, cursor, limit)
			.map_err(internal)?;
		Ok(Page::from_page(page, |s| s, |c| c))
	}

	fn deployment_devices(
		&self,
		deployment: Integer<u32>,
		cursor: Option<Integer<u64>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<DeviceId, DeviceId>> {
		let _slot = self.slots.take()?;
		let deployment = deployment.get("deployment")?;
		let cursor = optional(cursor, "cursor")?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let page = self
			.client
			.runtime_api()
			.deployment_devices(at, deployment, cursor, limit)
			.map_err(internal)?;
		Ok(Page::from_page(page, Decimal, Decimal))
	}

	fn deployment(&self, deployment: Integer<u32>, at: Option<BlockHash>) -> RpcResult<Deployment> {
		let _slot = self.slots.take()?;
		let deployment = deployment.get("deployment")?;
		let at = self.at(at)?;
		let v = self.client.runtime_api().deployment(at, deployment).map_err(internal)?;
		found(v, || format!("deployment {deployment}"))
	}

	fn deployments_of(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(u32, Deployment), u32>> {
		let _slot = self.slots.take()?;
		let state = state.get("state")?;
		let cursor = optional(cursor, "cursor")?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let page =
			self.client.runtime_api().deployments_of(at, state, cursor, limit).map_err(internal)?;
		Ok(Page::from_page(page, |(id, d)| (id, d.into()), |c| c))
	}

	fn deployment_kpis(
		&self,
		deployment: Integer<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<KpiView> {
		let _slot = self.slots.take()?;
		let deployment = deployment.get("deployment")?;
		let at = self.at(at)?;
		let v = self.client.runtime_api().deployment_kpis(at, deployment).map_err(internal)?;
		found(v, || format!("deployment {deployment}"))
	}

	fn blueprint(&self, blueprint: Integer<u32>, at: Option<BlockHash>) -> RpcResult<Blueprint> {
		let _slot = self.slots.take()?;
		let blueprint = blueprint.get("blueprint")?;
		let at = self.at(at)?;
		let v = self.client.runtime_api().blueprint(at, blueprint).map_err(internal)?;
		found(v, || format!("blueprint {blueprint}"))
	}

	fn blueprint_kpis(&self, blueprint: Integer<u32>, at: Option<BlockHash>) -> RpcResult<KpiView> {
		let _slot = self.slots.take()?;
		let blueprint = blueprint.get("blueprint")?;
		let at = self.at(at)?;
		let v = self.client.runtime_api().blueprint_kpis(at, blueprint).map_err(internal)?;
		found(v, || format!("blueprint {blueprint}"))
	}

	fn blueprints_ranked(
		&self,
		kpi: String,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(u32, KpiView), u32>> {
		let _slot = self.slots.take()?;
		let kind = kpi_kind(&kpi)?;
		let cursor = optional(cursor, "cursor")?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let page = self
			.client
			.runtime_api()
			.blueprints_ranked(at, kind, cursor, limit)
			.map_err(internal)?;
		Ok(Page::from_page(page, |(id, k)| (id, k.into()), |c| c))
	}

	fn agreement(&self, agreement: Integer<u32>, at: Option<BlockHash>) -> RpcResult<Agreement> {
		let _slot = self.slots.take()?;
		let agreement = agreement.get("agreement")?;
		let at = self.at(at)?;
		let v = self.client.runtime_api().agreement(at, agreement).map_err(internal)?;
		found(v, || format!("agreement {agreement}"))
	}

	fn agreements_hosted_by(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(u32, Agreement), u32>> {
		let _slot = self.slots.take()?;
		let state = state.get("state")?;
		let cursor = optional(cursor, "cursor")?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let page = self
			.client
			.runtime_api()
			.agreements_hosted_by(at, state, cursor, limit)
			.map_err(internal)?;
		Ok(Page::from_page(page, |(id, a)| (id, a.into()), |c| c))
	}

	fn agreements_granted_to(
		&self,
		state: Integer<u32>,
		cursor: Option<Integer<u32>>,
		limit: Option<Integer<u32>>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<(u32, Agreement), u32>> {
		let _slot = self.slots.take()?;
		let state = state.get("state")?;
		let cursor = optional(cursor, "cursor")?;
		let limit = self::limit(limit)?;
		let at = self.at(at)?;
		let page = self
			.client
			.runtime_api()
			.agreements_granted_to(at, state, cursor, limit)
			.map_err(internal)?;
		Ok(Page::from_page(page, |(id, a)| (id, a.into()), |c| c))
	}

	fn usage_allowed(
		&self,
		guest: Integer<u32>,
		device: Integer<u64>,
		at: Option<BlockHash>,
	) -> RpcResult<bool> {
		let _slot = self.slots.take()?;
		let guest = guest.get("guest state")?;
		let device = device.get("device")?;
		let at = self.at(at)?;
		self.client.runtime_api().usage_allowed(at, guest, device).map_err(internal)
	}

	async fn subscribe_epochs(&self, pending: PendingSubscriptionSink) -> SubscriptionResult {
		let Some((_place, pending)) = self.place(pending).await else { return Ok(()) };
		let client = self.client.clone();
		let mut finalized = client.finality_notification_stream();
		let start = client.info().finalized_hash;
		let c = client.clone();
		let mut next = queued(&self.slots, move || first_open_epoch(&*c, start)).await?;
		let sink = pending.accept().await?;
		while let Some(block) = next_or_closed(&mut finalized, &sink).await {
			let c = client.clone();
			let (messages, after) = queued(&self.slots, move || {
				let mut after = next;
				(closed_epochs(&*c, block.hash, &mut after), after)
			})
			.await?;
			next = after;
			for message in messages.map_err(internal)? {
				sink.send(SubscriptionMessage::from_json(&message)?).await?;
			}
		}
		Ok(())
	}

	async fn subscribe_receipts(
		&self,
		pending: PendingSubscriptionSink,
		of: Option<ReceiptsOf>,
	) -> SubscriptionResult {
		let followed = match followed(of) {
			Ok(f) => f,
			Err(e) => {
				pending.reject(e).await;
				return Ok(());
			},
		};
		let Some((_place, pending)) = self.place(pending).await else { return Ok(()) };
		let client = self.client.clone();
		let mut finalized = client.finality_notification_stream();
		let start = client.info().finalized_hash;
		let c = client.clone();
		let mut watch = queued(&self.slots, move || ReceiptWatch::start(&*c, start))
			.await?
			.map_err(internal)?;
		let followed = Arc::new(followed);
		let sink = pending.accept().await?;
		while let Some(block) = next_or_closed(&mut finalized, &sink).await {
			let (c, f) = (client.clone(), followed.clone());
			let (w, messages) = queued(&self.slots, move || {
				let messages = watch.step(&*c, block.hash, &f);
				(watch, messages)
			})
			.await?;
			watch = w;
			for message in messages.map_err(internal)? {
				sink.send(SubscriptionMessage::from_json(&message)?).await?;
			}
		}
		Ok(())
	}
}
