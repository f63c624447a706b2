//! `depin_*`: the chain's DePIN reads as plain JSON-RPC, for clients without SCALE (curl,
//! dashboards, agents). A thin layer over the runtime APIs: every method takes its arguments
//! positionally, then an optional block hash `at` (default: the best block), and answers with
//! plain JSON (see [`super::json`]). Lists are pages of at most 100 items with a cursor; a page
//! size over 100, a malformed address or id, and an unknown state, device, epoch, vault,
//! deployment, blueprint or agreement are JSON-RPC errors with a message saying which.

use std::sync::Arc;

use atlas_primitives::{KpiKind, MAX_PAGE_SIZE};
use atlas_runtime::{opaque::Block, AccountId, Balance, Hash, Runtime};
use atlas_runtime_api::{
	DepinAttestationsApi, DepinInterstateApi, DepinOverviewApi, DepinRegistryApi, DepinRewardsApi,
	DepinVaultsApi,
};
use jsonrpsee::{
	core::RpcResult,
	types::{
		error::{ErrorObjectOwned, INTERNAL_ERROR_CODE, INVALID_PARAMS_CODE},
		params::ParamsSequence,
	},
	RpcModule,
};
use serde_json::Value;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;

use super::json::to_json;

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
	DepinAttestationsApi<Block, pallet_attestations::EpochSummary, pallet_attestations::DeviceRecord>,
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

fn invalid(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(INVALID_PARAMS_CODE, message.into(), None::<()>)
}

fn not_found(what: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(NOT_FOUND_CODE, format!("{} not found", what.into()), None::<()>)
}

fn internal(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(INTERNAL_ERROR_CODE, e.to_string(), None::<()>)
}

fn json<T: codec::Encode + scale_info::TypeInfo + 'static>(value: &T) -> RpcResult<Value> {
	to_json(value).map_err(internal)
}

/// `Some(v)` as JSON, or a not-found error naming `what`.
fn found<T: codec::Encode + scale_info::TypeInfo + 'static>(
	value: Option<T>,
	what: impl FnOnce() -> String,
) -> RpcResult<Value> {
	match value {
		Some(v) => json(&v),
		None => Err(not_found(what())),
	}
}

/// The next argument as a non-negative integer: a JSON number or a decimal string (ids wider
/// than 53 bits do not survive JavaScript numbers).
fn id<T: TryFrom<u128>>(seq: &mut ParamsSequence, name: &str) -> RpcResult<T> {
	let value: Value = seq.next().map_err(|_| invalid(format!("missing {name}")))?;
	integer(&value, name)
}

fn integer<T: TryFrom<u128>>(value: &Value, name: &str) -> RpcResult<T> {
	let n = match value {
		Value::Number(n) => n.as_u64().map(u128::from),
		Value::String(s) => s.parse::<u128>().ok(),
		_ => None,
	};
	n.and_then(|n| T::try_from(n).ok())
		.ok_or_else(|| invalid(format!("{name} must be a non-negative integer in range")))
}

/// An optional integer argument (`null` or absent: `None`).
fn optional_id<T: TryFrom<u128>>(seq: &mut ParamsSequence, name: &str) -> RpcResult<Option<T>> {
	match seq.optional_next::<Value>().map_err(|_| invalid(format!("bad {name}")))? {
		None | Some(Value::Null) => Ok(None),
		Some(v) => integer(&v, name).map(Some),
	}
}

/// An SS58 account argument.
fn account(seq: &mut ParamsSequence, name: &str) -> RpcResult<AccountId> {
	let text: String = seq.next().map_err(|_| invalid(format!("missing {name}")))?;
	AccountId::from_ss58check(&text)
		.map_err(|_| invalid(format!("{name} is not an SS58 address: {text}")))
}

/// A cursor and a page size (default and most: 100).
fn page(seq: &mut ParamsSequence) -> RpcResult<(Option<Value>, u32)> {
	let cursor = match seq.optional_next::<Value>().map_err(|_| invalid("bad cursor"))? {
		None | Some(Value::Null) => None,
		Some(v) => Some(v),
	};
	let limit = optional_id::<u32>(seq, "limit")?.unwrap_or(MAX_PAGE_SIZE);
	if limit == 0 || limit > MAX_PAGE_SIZE {
		return Err(invalid(format!("limit must be between 1 and {MAX_PAGE_SIZE}, got {limit}")));
	}
	Ok((cursor, limit))
}

fn cursor<T: TryFrom<u128>>(cursor: Option<Value>) -> RpcResult<Option<T>> {
	cursor.map(|c| integer(&c, "cursor")).transpose()
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

/// The block to read at: the trailing optional `at` argument, or the best block.
fn at<C: HeaderBackend<Block>>(client: &C, seq: &mut ParamsSequence) -> RpcResult<Hash> {
	let at: Option<Hash> =
		seq.optional_next().map_err(|_| invalid("at must be a block hash (0x + 64 hex digits)"))?;
	let hash = at.unwrap_or_else(|| client.info().best_hash);
	match client.header(hash) {
		Ok(Some(_)) => Ok(hash),
		_ => Err(not_found(format!("block {hash:?}"))),
	}
}

/// What a receipts subscription follows.
enum Followed {
	Device(u64),
	Owner(AccountId),
}

fn followed(params: &jsonrpsee::types::Params) -> RpcResult<Followed> {
	let arg: Value = params
		.sequence()
		.next()
		.map_err(|_| invalid("expected {\"device\": id} or {\"owner\": address}"))?;
	if let Some(d) = arg.get("device") {
		return integer(d, "device").map(Followed::Device);
	}
	if let Some(Value::String(o)) = arg.get("owner") {
		return AccountId::from_ss58check(o)
			.map(Followed::Owner)
			.map_err(|_| invalid(format!("owner is not an SS58 address: {o}")));
	}
	Err(invalid("expected {\"device\": id} or {\"owner\": address}"))
}

/// The receipts of `devices` at `at` not sent yet, as messages; remembers them in `sent` (which
/// keeps only epochs still unpaid, so it stays bounded).
fn new_receipts<C>(
	client: &C,
	at: Hash,
	devices: &[u64],
	sent: &mut std::collections::BTreeSet<(u64, u32)>,
) -> Result<Vec<Value>, String>
where
	C: ProvideRuntimeApi<Block>,
	C::Api: DepinApis,
{
	let api = client.runtime_api();
	let mut out = Vec::new();
	let mut unpaid = std::collections::BTreeSet::new();
	for &device in devices {
		let pending = api.pending_rewards(at, device).map_err(|e| e.to_string())?;
		for epoch in pending.epochs {
			unpaid.insert((device, epoch));
			if sent.contains(&(device, epoch)) {
				continue;
			}
			if let Some(receipt) =
				api.reward_receipt(at, device, epoch).map_err(|e| e.to_string())?
			{
				sent.insert((device, epoch));
				out.push(serde_json::json!({
					"device": device.to_string(),
					"receipt": to_json(&receipt)?,
				}));
			}
		}
	}
	sent.retain(|k| unpaid.contains(k));
	Ok(out)
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

/// Registers the `depin_*` subscriptions, fed by finalized blocks: `depin_subscribeEpochs`
/// (one `depin_epochClosed` message per epoch that closes: its class totals and budget) and
/// `depin_subscribeReceipts` (one `depin_receipt` message per new reward receipt of a device or
/// of an owner's first 100 devices).
fn register_subscriptions<C>(
	m: &mut RpcModule<Arc<C>>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ sc_client_api::BlockchainEvents<Block>
		+ Send
		+ Sync
		+ 'static,
	C::Api: DepinApis,
{
	use futures::StreamExt;
	use jsonrpsee::{core::SubscriptionResult, SubscriptionMessage};

	m.register_subscription(
		"depin_subscribeEpochs",
		"depin_epochClosed",
		"depin_unsubscribeEpochs",
		|_params, pending, ctx, _| async move {
			let client: Arc<C> = (*ctx).clone();
			let mut finalized = client.finality_notification_stream();
			let start = client.info().finalized_hash;
			// The first epoch not closed at the finalized head: the next one to announce.
			let mut next = {
				let api = client.runtime_api();
				let current = DepinAttestationsApi::current_epoch(&*api, start).unwrap_or(0);
				// Epochs close in order; the one before the current may be in its grace period.
				match current.checked_sub(1) {
					Some(previous)
						if api.epoch_summary(start, previous).is_ok_and(|s| !s.closed) =>
					{
						previous
					},
					_ => current,
				}
			};
			let sink = pending.accept().await?;
			while let Some(block) = finalized.next().await {
				let api = client.runtime_api();
				loop {
					let summary = api.epoch_summary(block.hash, next).map_err(|e| e.to_string())?;
					if !summary.closed {
						break;
					}
					let budget = api.epoch_budget(block.hash, next).map_err(|e| e.to_string())?;
					let message = serde_json::json!({
						"epoch": next,
						"block": format!("{:?}", block.hash),
						"summary": to_json(&summary)?,
						"budget": to_json(&budget)?,
					});
					sink.send(SubscriptionMessage::from_json(&message)?).await?;
					next = next.saturating_add(1);
				}
			}
			SubscriptionResult::Ok(())
		},
	)?;

	m.register_subscription(
		"depin_subscribeReceipts",
		"depin_receipt",
		"depin_unsubscribeReceipts",
		|params, pending, ctx, _| async move {
			let followed = match followed(&params) {
				Ok(f) => f,
				Err(e) => {
					pending.reject(e).await;
					return Ok(());
				},
			};
			let client: Arc<C> = (*ctx).clone();
			let mut finalized = client.finality_notification_stream();
			let start = client.info().finalized_hash;
			// Receipts that exist already are not news: only later ones are sent.
			let mut sent = std::collections::BTreeSet::new();
			let devices = followed_devices(&*client, start, &followed)?;
			new_receipts(&*client, start, &devices, &mut sent)?;
			let sink = pending.accept().await?;
			while let Some(block) = finalized.next().await {
				let devices = followed_devices(&*client, block.hash, &followed)?;
				for message in new_receipts(&*client, block.hash, &devices, &mut sent)? {
					sink.send(SubscriptionMessage::from_json(&message)?).await?;
				}
			}
			SubscriptionResult::Ok(())
		},
	)?;
	Ok(())
}

/// Registers every `depin_*` method and subscription on `module`.
pub fn register<C>(
	module: &mut RpcModule<()>,
	client: Arc<C>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ sc_client_api::BlockchainEvents<Block>
		+ Send
		+ Sync
		+ 'static,
	C::Api: DepinApis,
{
	let mut m = RpcModule::new(client);
	macro_rules! method {
		($name:literal, |$client:ident, $seq:ident| $body:expr) => {
			m.register_method($name, |params, ctx, _| -> RpcResult<Value> {
				let $client: &C = &**ctx;
				let mut sequence = params.sequence();
				let $seq = &mut sequence;
				$body
			})?;
		};
	}

	// The network at a glance.
	method!("depin_overview", |client, seq| {
		let at = at(client, seq)?;
		json(&client.runtime_api().overview(at).map_err(internal)?)
	});

	// States and devices.
	method!("depin_networkState", |client, seq| {
		let state: u32 = id(seq, "state")?;
		let at = at(client, seq)?;
		let v = client.runtime_api().network_state(at, state).map_err(internal)?;
		found(v, || format!("state {state}"))
	});
	method!("depin_device", |client, seq| {
		let device: u64 = id(seq, "device")?;
		let at = at(client, seq)?;
		let v = client.runtime_api().device(at, device).map_err(internal)?;
		found(v, || format!("device {device}"))
	});
	method!("depin_devicesByOwner", |client, seq| {
		let owner = account(seq, "owner")?;
		let (c, limit) = page(seq)?;
		let at = at(client, seq)?;
		json(
			&client
				.runtime_api()
				.devices_by_owner(at, owner, cursor(c)?, limit)
				.map_err(internal)?,
		)
	});
	method!("depin_devicesByState", |client, seq| {
		let state: u32 = id(seq, "state")?;
		let (c, limit) = page(seq)?;
		let at = at(client, seq)?;
		json(
			&client
				.runtime_api()
				.devices_by_state(at, state, cursor(c)?, limit)
				.map_err(internal)?,
		)
	});

	method!("depin_members", |client, seq| {
		let state: u32 = id(seq, "state")?;
		let (c, limit) = page(seq)?;
		let cursor = match c {
			None => None,
			Some(Value::String(s)) => Some(
				AccountId::from_ss58check(&s)
					.map_err(|_| invalid(format!("cursor is not an SS58 address: {s}")))?,
			),
			Some(_) => return Err(invalid("cursor must be an SS58 address")),
		};
		let at = at(client, seq)?;
		json(&client.runtime_api().members(at, state, cursor, limit).map_err(internal)?)
	});
	method!("depin_rolesOf", |client, seq| {
		let state: u32 = id(seq, "state")?;
		let who = account(seq, "account")?;
		let at = at(client, seq)?;
		let api = client.runtime_api();
		if api.network_state(at, state).map_err(internal)?.is_none() {
			return Err(not_found(format!("state {state}")));
		}
		json(&api.roles_of(at, state, who).map_err(internal)?)
	});

	// Epochs and reports.
	method!("depin_currentEpoch", |client, seq| {
		let at = at(client, seq)?;
		json(&DepinAttestationsApi::current_epoch(&*client.runtime_api(), at).map_err(internal)?)
	});
	method!("depin_epochSummary", |client, seq| {
		let epoch: u32 = id(seq, "epoch")?;
		let at = at(client, seq)?;
		let api = client.runtime_api();
		let current = DepinAttestationsApi::current_epoch(&*api, at).map_err(internal)?;
		if epoch > current {
			return Err(not_found(format!("epoch {epoch} (the current epoch is {current})")));
		}
		json(&api.epoch_summary(at, epoch).map_err(internal)?)
	});
	method!("depin_deviceRecord", |client, seq| {
		let epoch: u32 = id(seq, "epoch")?;
		let device: u64 = id(seq, "device")?;
		let at = at(client, seq)?;
		let v = client.runtime_api().device_record(at, epoch, device).map_err(internal)?;
		found(v, || format!("report of device {device} in epoch {epoch}"))
	});

	// Rewards.
	method!("depin_pendingRewards", |client, seq| {
		let device: u64 = id(seq, "device")?;
		let at = at(client, seq)?;
		let api = client.runtime_api();
		if DepinRegistryApi::device(&*api, at, device).map_err(internal)?.is_none() {
			return Err(not_found(format!("device {device}")));
		}
		json(&api.pending_rewards(at, device).map_err(internal)?)
	});
	method!("depin_pendingRewardsOfOwner", |client, seq| {
		let owner = account(seq, "owner")?;
		let (c, limit) = page(seq)?;
		let at = at(client, seq)?;
		let v = client
			.runtime_api()
			.pending_rewards_of_owner(at, owner, cursor(c)?, limit)
			.map_err(internal)?;
		json(&v)
	});
	method!("depin_rewardReceipt", |client, seq| {
		let device: u64 = id(seq, "device")?;
		let epoch: u32 = id(seq, "epoch")?;
		let at = at(client, seq)?;
		let v = client.runtime_api().reward_receipt(at, device, epoch).map_err(internal)?;
		found(v, || format!("unpaid reward of device {device} in epoch {epoch}"))
	});
	method!("depin_epochBudget", |client, seq| {
		let epoch: u32 = id(seq, "epoch")?;
		let at = at(client, seq)?;
		let v = client.runtime_api().epoch_budget(at, epoch).map_err(internal)?;
		found(v, || format!("budget of epoch {epoch}"))
	});

	// Vaults.
	method!("depin_vault", |client, seq| {
		let vault: u32 = id(seq, "vault")?;
		let at = at(client, seq)?;
		let v = client.runtime_api().vault(at, vault).map_err(internal)?;
		found(v, || format!("vault {vault}"))
	});
	method!("depin_vaults", |client, seq| {
		let (c, limit) = page(seq)?;
		let at = at(client, seq)?;
		json(&client.runtime_api().vaults(at, cursor(c)?, limit).map_err(internal)?)
	});
	method!("depin_shareValue", |client, seq| {
		let vault: u32 = id(seq, "vault")?;
		let shares: Balance = id(seq, "shares")?;
		let at = at(client, seq)?;
		let v = client.runtime_api().share_value(at, vault, shares).map_err(internal)?;
		found(v, || format!("vault {vault}"))
	});

	// The interstate registry.
	method!("depin_recognitionsOf", |client, seq| {
		let state: u32 = id(seq, "state")?;
		let (c, limit) = page(seq)?;
		let at = at(client, seq)?;
		json(
			&client
				.runtime_api()
				.recognitions_of(at, state, cursor(c)?, limit)
				.map_err(internal)?,
		)
	});
	method!("depin_recognisedBy", |client, seq| {
		let state: u32 = id(seq, "state")?;
		let (c, limit) = page(seq)?;
		let at = at(client, seq)?;
		json(&client.runtime_api().recognised_by(at, state, cursor(c)?, limit).map_err(internal)?)
	});
	method!("depin_recognitionRequests", |client, seq| {
		let state: u32 = id(seq, "state")?;
		let (c, limit) = page(seq)?;
		let at = at(client, seq)?;
		let v = client
			.runtime_api()
			.recognition_requests(at, state, cursor(c)?, limit)
			.map_err(internal)?;
		json(&v)
	});
	method!("depin_deploymentDevices", |client, seq| {
		let deployment: u32 = id(seq, "deployment")?;
		let (c, limit) = page(seq)?;
		let at = at(client, seq)?;
		let v = client
			.runtime_api()
			.deployment_devices(at, deployment, cursor(c)?, limit)
			.map_err(internal)?;
		json(&v)
	});
	method!("depin_deployment", |client, seq| {
		let deployment: u32 = id(seq, "deployment")?;
		let at = at(client, seq)?;
		let v = client.runtime_api().deployment(at, deployment).map_err(internal)?;
		found(v, || format!("deployment {deployment}"))
	});
	method!("depin_deploymentsOf", |client, seq| {
		let state: u32 = id(seq, "state")?;
		let (c, limit) = page(seq)?;
		let at = at(client, seq)?;
		json(&client.runtime_api().deployments_of(at, state, cursor(c)?, limit).map_err(internal)?)
	});
	method!("depin_deploymentKpis", |client, seq| {
		let deployment: u32 = id(seq, "deployment")?;
		let at = at(client, seq)?;
		let v = client.runtime_api().deployment_kpis(at, deployment).map_err(internal)?;
		found(v, || format!("deployment {deployment}"))
	});
	method!("depin_blueprint", |client, seq| {
		let blueprint: u32 = id(seq, "blueprint")?;
		let at = at(client, seq)?;
		let v = client.runtime_api().blueprint(at, blueprint).map_err(internal)?;
		found(v, || format!("blueprint {blueprint}"))
	});
	method!("depin_blueprintKpis", |client, seq| {
		let blueprint: u32 = id(seq, "blueprint")?;
		let at = at(client, seq)?;
		let v = client.runtime_api().blueprint_kpis(at, blueprint).map_err(internal)?;
		found(v, || format!("blueprint {blueprint}"))
	});
	method!("depin_blueprintsRanked", |client, seq| {
		let kind: String = seq.next().map_err(|_| invalid("missing kpi"))?;
		let kind = kpi_kind(&kind)?;
		let (c, limit) = page(seq)?;
		let at = at(client, seq)?;
		json(
			&client
				.runtime_api()
				.blueprints_ranked(at, kind, cursor(c)?, limit)
				.map_err(internal)?,
		)
	});
	method!("depin_agreement", |client, seq| {
		let agreement: u32 = id(seq, "agreement")?;
		let at = at(client, seq)?;
		let v = client.runtime_api().agreement(at, agreement).map_err(internal)?;
		found(v, || format!("agreement {agreement}"))
	});
	method!("depin_agreementsHostedBy", |client, seq| {
		let state: u32 = id(seq, "state")?;
		let (c, limit) = page(seq)?;
		let at = at(client, seq)?;
		let v = client
			.runtime_api()
			.agreements_hosted_by(at, state, cursor(c)?, limit)
			.map_err(internal)?;
		json(&v)
	});
	method!("depin_agreementsGrantedTo", |client, seq| {
		let state: u32 = id(seq, "state")?;
		let (c, limit) = page(seq)?;
		let at = at(client, seq)?;
		let v = client
			.runtime_api()
			.agreements_granted_to(at, state, cursor(c)?, limit)
			.map_err(internal)?;
		json(&v)
	});
	method!("depin_usageAllowed", |client, seq| {
		let guest: u32 = id(seq, "guest state")?;
		let device: u64 = id(seq, "device")?;
		let at = at(client, seq)?;
		json(&client.runtime_api().usage_allowed(at, guest, device).map_err(internal)?)
	});

	register_subscriptions(&mut m)?;
	module.merge(m)?;
	Ok(())
}
