//! The operator agent: reads every device's metric source, accounts per epoch (on disk), and in
//! each epoch's grace window signs and submits the devices' reports in batches; a refused
//! report is logged with its reason and the rest resubmitted; rewards are claimed before the
//! backlog limit; the probe protocol is served for verifiers.

use std::{
	collections::{BTreeMap, BTreeSet},
	sync::Arc,
	time::Duration,
};

use anyhow::{bail, Context, Result};
use atlas_primitives::{report_payload, DeviceId, DeviceStatus, EpochIndex};
use sp_core::{crypto::AccountId32, H256};
use subxt::ext::futures::{stream, StreamExt};
use tokio::sync::RwLock;

use crate::{
	chain::{Call, Chain, Device, EpochClock, Outcome, SignedReport},
	config::{AgentConfig, DeviceConfig},
	gate::Gate,
	keys::{parse_account, AccountSigner, DeviceSigner},
	ledger::Ledger,
	probe::{self, now_ms, ProbeDevice, ProbeDevices},
	sources::{self, SeriesKind},
	telemetry::Telemetry,
};

/// How long one reading of a source may take.
const READ_TIMEOUT: Duration = Duration::from_secs(5);

/// Sources read at once.
const READ_CONCURRENCY: usize = 64;

/// Devices per claim (the runtime's `MaxClaimDevices`).
const CLAIM_CHUNK: usize = 100;

/// One device the agent runs.
struct RunDevice {
	config: DeviceConfig,
	/// Its record on chain, refreshed each epoch.
	record: Option<Device>,
}

/// The running agent.
pub struct Operator {
	config: AgentConfig,
	chain: Chain,
	signer: AccountSigner,
	proxy_for: Option<AccountId32>,
	clock: EpochClock,
	genesis: H256,
	devices: BTreeMap<DeviceId, RunDevice>,
	ledger: Ledger,
	probe: ProbeDevices,
	/// Who may probe the devices.
	gate: Arc<Gate>,
	telemetry: Arc<Telemetry>,
	/// The epoch of the last block seen.
	epoch: Option<EpochIndex>,
	/// Devices to claim at the next opportunity (a report refused for an unpaid backlog).
	to_claim: BTreeSet<DeviceId>,
	/// Whether reports must be checked against the chain before submitting (after a start or
	/// an unknown outcome), so that none is submitted twice.
	check_chain: bool,
	/// Per epoch, how many times a whole batch was refused without naming a report.
	refusals: BTreeMap<EpochIndex, u32>,
}

impl Operator {
	/// Connects, loads the keys and the ledger, and checks every device against the chain.
	pub async fn start(config: AgentConfig) -> Result<Self> {
		let chain = Chain::connect(&config.node).await?;
		let signer = AccountSigner::load(&config.account).context("`account`")?;
		let proxy_for =
			config.proxy_for.as_deref().map(parse_account).transpose().context("`proxy_for`")?;
		let clock = chain.epoch_clock().await?;
		let genesis = chain.genesis_hash();
		let ledger = Ledger::open(&config.state_file)?;
		let mut devices = BTreeMap::new();
		let mut probe_devices = BTreeMap::new();
		let acting = proxy_for.clone().unwrap_or_else(|| signer.account());
		for device in &config.devices {
			let key = config.device_key(device).with_context(|| format!("device {}", device.id))?;
			let record = chain.device(device.id).await?;
			match &record {
				None => {
					tracing::warn!("device {} is not registered (yet): its reports wait", device.id)
				},
				Some(r) if r.key != key.public() => bail!(
					"device {}: its key is {}, but the chain registered another key",
					device.id,
					key.public_text()
				),
				Some(r) if r.owner != acting && r.operator.as_ref() != Some(&acting) => {
					tracing::warn!(
					"device {}: {} is neither its owner nor its operator: the chain will refuse its reports",
					device.id,
					acting
				)
				},
				Some(_) => {},
			}
			probe_devices.insert(
				device.id,
				ProbeDevice {
					signer: key,
					link_bytes_per_sec: device.link_bytes_per_sec,
					meter_wh: None,
					samples: Vec::new(),
				},
			);
			devices.insert(device.id, RunDevice { config: device.clone(), record });
		}
		tracing::info!(
			"agent for {} device(s) as {}{}; epochs of {} blocks, {} blocks of grace",
			devices.len(),
			signer.address(),
			proxy_for.as_ref().map(|p| format!(" (proxy of {p})")).unwrap_or_default(),
			clock.length,
			clock.grace
		);
		let telemetry = Arc::new(Telemetry::default());
		let gate = Arc::new(Gate::new(chain.clone()).counting_in(telemetry.clone()));
		Ok(Operator {
			config,
			chain,
			signer,
			proxy_for,
			clock,
			genesis,
			devices,
			ledger,
			probe: Arc::new(RwLock::new(probe_devices)),
			gate,
			telemetry,
			epoch: None,
			to_claim: BTreeSet::new(),
			check_chain: true,
			refusals: BTreeMap::new(),
		})
	}

	/// The agent's metrics.
	pub fn telemetry(&self) -> Arc<Telemetry> {
		self.telemetry.clone()
	}

	/// Runs until the process is stopped (SIGINT or SIGTERM).
	pub async fn run(mut self) -> Result<()> {
		if let Some(addr) = self.config.probe_listen {
			let listener = tokio::net::TcpListener::bind(addr)
				.await
				.with_context(|| format!("`probe_listen`: listening on {addr}"))?;
			tracing::info!("serving the probe protocol on {addr}");
			tokio::spawn(probe::serve(listener, self.probe.clone(), self.gate.clone()));
		}
		if let Some(addr) = self.config.metrics_listen {
			self.telemetry.clone().serve(addr).await?;
			tracing::info!("serving metrics on http://{addr}/metrics");
		}
		self.publish_probe_endpoint().await;
		let mut tick = tokio::time::interval(Duration::from_secs(self.config.scrape_interval_secs));
		tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
		let mut stop = Box::pin(stop_signal());
		loop {
			let mut blocks = match self.chain.client().stream_best_blocks().await {
				Ok(blocks) => blocks,
				Err(e) => {
					tracing::warn!("following blocks: {e}; retrying");
					tokio::time::sleep(Duration::from_secs(2)).await;
					continue;
				},
			};
			loop {
				tokio::select! {
					block = blocks.next() => match block {
						Some(Ok(block)) => {
							self.on_block(block.number() as u32).await
						},
						Some(Err(e)) => { tracing::warn!("following blocks: {e}"); break },
						None => { tracing::warn!("the node ended the block stream"); break },
					},
					_ = tick.tick() => {
						if let Some(epoch) = self.epoch {
							self.read_sources(epoch, false).await;
						}
					},
					_ = &mut stop => {
						self.ledger.save()?;
						tracing::info!("stopped; state saved to {}", self.config.state_file.display());
						return Ok(());
					},
				}
			}
			tokio::time::sleep(Duration::from_secs(1)).await;
		}
	}

	async fn on_block(&mut self, number: u32) {
		let epoch = self.clock.epoch_of(number);
		self.gate.set_epoch(epoch);
		self.telemetry.set("atlas_agent_best_block", "", f64::from(number));
		if self.epoch != Some(epoch) {
			let first = self.epoch.is_none();
			self.epoch = Some(epoch);
			self.telemetry.set("atlas_agent_epoch", "", f64::from(epoch));
			// Close the last epoch with a fresh reading, then report it.
			self.read_sources(epoch, number == self.clock.start_of(epoch)).await;
			self.refresh_records().await;
			let claim_every = self.config.claim_every_epochs;
			if !first && claim_every > 0 && epoch % claim_every == 0 {
				self.to_claim.extend(self.devices.keys().copied());
			}
		}
		self.submit_due(number).await;
		if !self.to_claim.is_empty() {
			self.claim().await;
		}
	}

	async fn refresh_records(&mut self) {
		let ids: Vec<DeviceId> = self.devices.keys().copied().collect();
		let chain = self.chain.clone();
		let records: Vec<(DeviceId, Result<Option<Device>>)> = stream::iter(ids)
			.map(|id| {
				let chain = chain.clone();
				async move { (id, chain.device(id).await) }
			})
			.buffer_unordered(32)
			.collect()
			.await;
		for (id, record) in records {
			match record {
				Ok(record) => {
					if let Some(device) = self.devices.get_mut(&id) {
						device.record = record;
					}
				},
				Err(e) => tracing::warn!("reading device {id}: {e:#}"),
			}
		}
	}

	/// Reads every device's source once and accounts the readings in `epoch`.
	async fn read_sources(&mut self, epoch: EpochIndex, at_start: bool) {
		let jobs: Vec<(DeviceId, DeviceConfig)> =
			self.devices.iter().map(|(id, d)| (*id, d.config.clone())).collect();
		let results: Vec<(DeviceId, u64, Result<Vec<f64>>, Option<Result<f64>>)> =
			stream::iter(jobs)
				.map(|(id, config)| async move {
					let selectors: Vec<&sources::Selector> = config.metrics.values().collect();
					let values = if selectors.is_empty() {
						// Only uptime, by whether the source answers: read nothing but reach it.
						sources::read(&config.source, &[], READ_TIMEOUT).await
					} else {
						sources::read(&config.source, &selectors, READ_TIMEOUT).await
					};
					let meter = match &config.meter {
						Some(meter) => Some(
							sources::read(&meter.source, &[&meter.energy], READ_TIMEOUT)
								.await
								.map(|v| v.first().copied().unwrap_or_default()),
						),
						None => None,
					};
					(id, now_ms(), values, meter)
				})
				.buffer_unordered(READ_CONCURRENCY)
				.collect()
				.await;
		let mut probe = self.probe.write().await;
		for (id, at_ms, values, meter) in results {
			let Some(run) = self.devices.get(&id) else { continue };
			let account = self.ledger.device(id, epoch);
			account.roll_to(epoch, at_ms, at_start);
			let up = values.is_ok();
			match &values {
				Ok(values) => {
					for ((name, selector), value) in run.config.metrics.iter().zip(values.iter()) {
						let previous = account.metric(name).last.map(|(v, _)| v);
						account.metric(name).observe(selector.kind, *value, at_ms);
						if name == "samples" && selector.kind == SeriesKind::Counter {
							let new = previous
								.map(|p| if *value >= p { *value - p } else { *value })
								.unwrap_or(0.0);
							if let Some(device) = probe.get_mut(&id) {
								// Each new sample, spread over the last reading's interval.
								let count = (new.max(0.0) as u64).min(1_000);
								for i in 0..count {
									device.record_sample(at_ms.saturating_sub(i));
								}
							}
						}
						if name == "energy" && run.config.meter.is_none() {
							if let Some(device) = probe.get_mut(&id) {
								device.meter_wh = Some(*value as u64);
							}
						}
					}
				},
				Err(e) => {
					tracing::warn!("device {id}: reading its source: {e:#}");
					self.telemetry.inc(
						"atlas_agent_source_errors_total",
						&format!("device=\"{id}\""),
						1.0,
					);
				},
			}
			if !run.config.metrics.contains_key("uptime") {
				account.metric("uptime").observe_up(up, at_ms);
			}
			if let Some(meter) = meter {
				match meter {
					Ok(wh) => {
						if let Some(device) = probe.get_mut(&id) {
							device.meter_wh = Some(wh as u64);
						}
					},
					Err(e) => tracing::warn!("device {id}: reading its meter: {e:#}"),
				}
			}
		}
		drop(probe);
		if let Err(e) = self.ledger.save() {
			tracing::error!("saving {}: {e:#}", self.config.state_file.display());
		}
	}

	/// Submits every closed epoch's reports whose window is still open at block `number`.
	async fn submit_due(&mut self, number: u32) {
		let mut due: BTreeMap<EpochIndex, Vec<DeviceId>> = BTreeMap::new();
		let mut missed = Vec::new();
		for (id, account) in self.ledger.devices.iter() {
			for epoch in account.closed.keys() {
				// Included at the earliest in the next block, which must come before the close.
				let closes =
					self.clock.start_of(epoch.saturating_add(1)).saturating_add(self.clock.grace);
				if number.saturating_add(1) >= closes {
					missed.push((*id, *epoch));
				} else if number >= self.clock.start_of(epoch.saturating_add(1)) {
					due.entry(*epoch).or_default().push(*id);
				}
			}
		}
		for (id, epoch) in missed {
			tracing::warn!("device {id}: epoch {epoch}'s window closed before its report landed");
			self.telemetry.inc("atlas_agent_reports_missed_total", "", 1.0);
			if let Some(account) = self.ledger.devices.get_mut(&id) {
				account.closed.remove(&epoch);
			}
		}
		let mut failed = false;
		let oldest = self.epoch.unwrap_or_default().saturating_sub(8);
		self.refusals.retain(|epoch, _| *epoch >= oldest);
		for (epoch, ids) in due {
			if let Err(e) = self.submit_epoch(epoch, ids).await {
				tracing::warn!("epoch {epoch}: submitting reports: {e:#}");
				failed = true;
			}
		}
		// Checked against the chain until every due epoch went through without doubt.
		self.check_chain = failed;
		if let Err(e) = self.ledger.save() {
			tracing::error!("saving {}: {e:#}", self.config.state_file.display());
		}
	}

	async fn submit_epoch(&mut self, epoch: EpochIndex, ids: Vec<DeviceId>) -> Result<()> {
		let started = std::time::Instant::now();
		let mut reports = Vec::new();
		for id in ids {
			let Some(run) = self.devices.get(&id) else { continue };
			let Some(account) = self.ledger.devices.get(&id) else { continue };
			let Some(amounts) = account.closed.get(&epoch).copied() else { continue };
			let Some(record) = &run.record else { continue };
			if record.status != DeviceStatus::Active {
				continue;
			}
			let Some(active_since) = record.active_since else { continue };
			let active = self.clock.active_secs(epoch, active_since);
			let metrics =
				amounts.to_metrics(&record.spec, active, self.clock.active_secs(epoch, 0));
			if active == 0 || metrics == Default::default() {
				// Nothing to report: the device was not active, or delivered nothing.
				if let Some(account) = self.ledger.devices.get_mut(&id) {
					account.closed.remove(&epoch);
				}
				continue;
			}
			if self.check_chain && self.chain.has_report(epoch, id).await? {
				tracing::info!("device {id}: epoch {epoch} is already on chain");
				if let Some(account) = self.ledger.devices.get_mut(&id) {
					account.mark_submitted(epoch);
				}
				continue;
			}
			let probe = self.probe.read().await;
			let Some(signer) = probe.get(&id).map(|d| &d.signer) else { continue };
			let signature = signer.sign(&report_payload(&self.genesis, id, epoch, &metrics));
			drop(probe);
			reports.push(SignedReport { device: id, metrics, signature });
		}
		let signed_in = started.elapsed();
		let count = reports.len();
		let mut batches: Vec<Vec<SignedReport>> =
			reports.chunks(self.config.batch_size.max(1)).map(|c| c.to_vec()).collect();
		while let Some(mut batch) = batches.pop() {
			if batch.is_empty() {
				continue;
			}
			let outcome = self
				.chain
				.submit(&self.signer, self.proxy_for.as_ref(), Call::submit_reports(epoch, &batch))
				.await?;
			match outcome {
				Outcome::Done(block) => {
					tracing::info!(
						"epoch {epoch}: {} report(s) accepted in block {block:?}",
						batch.len()
					);
					self.telemetry.inc(
						"atlas_agent_reports_submitted_total",
						"",
						batch.len() as f64,
					);
					for report in &batch {
						if let Some(account) = self.ledger.devices.get_mut(&report.device) {
							account.mark_submitted(epoch);
						}
					}
					self.ledger.save()?;
				},
				Outcome::Refused(refusal) => {
					let Some(index) = refusal.item_index().filter(|i| *i < batch.len()) else {
						tracing::warn!(
							"epoch {epoch}: {} report(s) refused: {refusal}",
							batch.len()
						);
						self.telemetry.inc(
							"atlas_agent_reports_refused_total",
							&format!("reason=\"{}\"", refusal.error),
							batch.len() as f64,
						);
						let tries = self.refusals.entry(epoch).or_default();
						*tries += 1;
						// A refusal that names no report would repeat: give the epoch up after
						// three, rather than paying fees every block.
						if refusal.error == "EpochNotOpen" || *tries >= 3 {
							for report in &batch {
								if let Some(account) = self.ledger.devices.get_mut(&report.device) {
									account.closed.remove(&epoch);
								}
							}
						}
						continue;
					};
					let bad = batch.remove(index);
					tracing::warn!(
						"device {}: epoch {epoch}'s report refused: {refusal}",
						bad.device
					);
					let reason = refusal
						.text
						.split("reason:")
						.nth(1)
						.unwrap_or(&refusal.error)
						.trim()
						.trim_end_matches(['}', ')', ' '])
						.to_string();
					self.telemetry.inc(
						"atlas_agent_reports_refused_total",
						&format!("reason=\"{reason}\""),
						1.0,
					);
					if refusal.text.contains("UnpaidBacklog") {
						// Claim, and report again once paid (if the window is still open).
						self.to_claim.insert(bad.device);
					} else if let Some(account) = self.ledger.devices.get_mut(&bad.device) {
						account.closed.remove(&epoch);
					}
					batches.push(batch);
				},
			}
		}
		if count > 0 {
			tracing::info!(
				"epoch {epoch}: {count} report(s) signed in {} ms, all included {} ms after submission began",
				signed_in.as_millis(),
				started.elapsed().as_millis()
			);
		}
		Ok(())
	}

	/// Claims the rewards of the devices queued for a claim.
	async fn claim(&mut self) {
		let devices: Vec<DeviceId> = std::mem::take(&mut self.to_claim).into_iter().collect();
		for chunk in devices.chunks(CLAIM_CHUNK) {
			match self.chain.submit(&self.signer, self.proxy_for.as_ref(), Call::claim(chunk)).await
			{
				Ok(Outcome::Done(block)) => {
					tracing::info!(
						"claimed the rewards of {} device(s) in block {block:?}",
						chunk.len()
					);
					self.telemetry.inc("atlas_agent_claims_total", "", 1.0);
				},
				Ok(Outcome::Refused(refusal)) if refusal.error == "NothingToClaim" => {
					tracing::debug!("nothing to claim for {} device(s)", chunk.len())
				},
				Ok(Outcome::Refused(refusal)) => {
					tracing::warn!("claiming for {} device(s) refused: {refusal}", chunk.len())
				},
				Err(e) => tracing::warn!("claiming: {e:#}"),
			}
		}
	}

	/// Publishes the configured probe endpoint for every device whose record names another.
	async fn publish_probe_endpoint(&mut self) {
		let Some(endpoint) = self.config.probe_endpoint.clone() else { return };
		let ids: Vec<DeviceId> = self
			.devices
			.iter()
			.filter(|(_, d)| {
				d.record.as_ref().is_some_and(|r| r.probe_endpoint != endpoint.as_bytes())
			})
			.map(|(id, _)| *id)
			.collect();
		for id in ids {
			let call = Call::set_probe_endpoint(id, endpoint.as_bytes());
			match self.chain.submit(&self.signer, self.proxy_for.as_ref(), call).await {
				Ok(Outcome::Done(_)) => {
					tracing::info!("device {id}: probe endpoint set to {endpoint}")
				},
				Ok(Outcome::Refused(r)) => {
					tracing::warn!("device {id}: setting the probe endpoint refused: {r}")
				},
				Err(e) => tracing::warn!("device {id}: setting the probe endpoint: {e:#}"),
			}
		}
	}
}

/// Resolves on SIGINT or SIGTERM.
pub async fn stop_signal() {
	#[cfg(unix)]
	{
		let Ok(mut term) =
			tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
		else {
			let _ = tokio::signal::ctrl_c().await;
			return;
		};
		tokio::select! {
			_ = term.recv() => {},
			_ = tokio::signal::ctrl_c() => {},
		}
	}
	#[cfg(not(unix))]
	{
		let _ = tokio::signal::ctrl_c().await;
	}
}

/// A key that is not the device's own refuses to run (kept for the CLI's checks).
pub fn device_key_matches(record: &Device, key: &DeviceSigner) -> bool {
	record.key == key.public()
}
