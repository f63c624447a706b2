//! The verifier daemon: bonds if asked, keeps the beacon (commits to an onion, reveals one value
//! early in every epoch it serves), works out each epoch which devices it is assigned (the same
//! draw as the chain's), probes them on a random schedule, turns the results into observations
//! and attests them in the epoch's grace window; claims its verifier rewards.
//!
//! What it observes (the figures of `atlas_primitives::probe`), with `f` the share of liveness
//! probes answered and `T` the epoch's real duration (from the blocks it saw) × the device's
//! active share of it:
//! - uptime: the device's active seconds in the epoch × `f`;
//! - bandwidth: the measured transfer throughput, capped by the link's capacity, × `f·T`;
//! - energy: the meter's rate between its first and last readings × `f·T`, capped by the rated
//!   output;
//! - compute: the GPU count × `f·T` if the benchmark was answered right, else nothing;
//! - samples: the rate of signed samples in the checked range × `f·T`, capped by the sensor's
//!   rate.

use std::{
	collections::BTreeMap,
	sync::{Arc, Mutex},
	time::Duration,
};

use anyhow::{Context, Result};
use atlas_primitives::{
	draw::draw_slots,
	probe::{ProbeAnswer, ProbeChallenge, ProbeKind, LIVENESS_DEADLINE_MS},
	DeviceId, DeviceSpec, DeviceStatus, EpochIndex, Metrics,
};
use sp_core::{crypto::AccountId32, H256};
use sp_crypto_hashing::blake2_256;

use crate::{
	chain::{Call, Chain, Device, EpochClock, Outcome},
	config::VerifierConfig,
	keys::{parse_account, AccountSigner},
	onion::{Onion, OnionFile},
	operator::stop_signal,
	probe::{self, now_ms, ProbeResult, SignedChallenge},
	telemetry::Telemetry,
};

/// What a verifier found of one device in one epoch.
#[derive(Debug, Clone, Default)]
pub struct Findings {
	/// Liveness probes sent.
	pub sent: u32,
	/// Liveness probes answered within the deadline.
	pub passed: u32,
	/// Meter readings: when (Unix ms) and the counter (Wh).
	pub meter: Vec<(u64, u64)>,
	/// Transfer throughput, bytes per second.
	pub throughput: Option<f64>,
	/// Whether the benchmark was answered right in time.
	pub benchmark: Option<bool>,
	/// Samples checked: the range's length (ms) and the samples found in it.
	pub samples: Option<(u64, u32)>,
}

/// Turns `findings` of a device of `spec` into the observation attested, given the device's
/// active seconds in the epoch (as the chain counts them) and the real seconds it was active.
pub fn observe(
	findings: &Findings,
	spec: &DeviceSpec,
	active_secs: u32,
	real_secs: f64,
) -> Metrics {
	let f = if findings.sent == 0 {
		0.0
	} else {
		f64::from(findings.passed) / f64::from(findings.sent)
	};
	let up = real_secs.max(0.0) * f;
	let secs = u64::from(active_secs);
	let whole = |v: f64| if v.is_finite() && v > 0.0 { v.floor() as u64 } else { 0 };
	let narrow = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
	let mut m =
		Metrics { uptime_secs: narrow(whole(f64::from(active_secs) * f)), ..Default::default() };
	match spec {
		DeviceSpec::Compute { gpu_count, .. } => {
			if findings.benchmark == Some(true) {
				m.compute_units = narrow(
					whole(f64::from(*gpu_count) * up)
						.min(u64::from(*gpu_count).saturating_mul(secs)),
				);
			}
		},
		DeviceSpec::Connectivity { link_capacity_kbps } => {
			let capacity = f64::from(*link_capacity_kbps) * 125.0;
			if let Some(rate) = findings.throughput {
				m.bandwidth_bytes = whole(rate.min(capacity) * up)
					.min(u64::from(*link_capacity_kbps).saturating_mul(125).saturating_mul(secs));
			}
		},
		DeviceSpec::Energy { rated_watts } => {
			if let (Some(first), Some(last)) = (findings.meter.first(), findings.meter.last()) {
				let (dt, dwh) = (last.0.saturating_sub(first.0), last.1.saturating_sub(first.1));
				if dt > 0 {
					let rate = dwh as f64 / (dt as f64 / 1000.0);
					m.energy_wh = narrow(
						whole(rate * up).min(u64::from(*rated_watts).saturating_mul(secs) / 3600),
					);
				}
			}
		},
		DeviceSpec::Sensing { samples_per_hour, .. } => {
			if let Some((range_ms, found)) = findings.samples.filter(|(r, _)| *r > 0) {
				let rate = f64::from(found) / (range_ms as f64 / 1000.0);
				m.samples = narrow(
					whole(rate * up)
						.min(u64::from(*samples_per_hour).saturating_mul(secs).div_ceil(3600)),
				);
			}
		},
	}
	m
}

/// Findings by epoch and device, written by the probe tasks.
type Book = Arc<Mutex<BTreeMap<(EpochIndex, DeviceId), Findings>>>;

/// The running daemon.
pub struct Verifier {
	config: VerifierConfig,
	chain: Chain,
	signer: AccountSigner,
	proxy_for: Option<AccountId32>,
	/// The bonded verifier (the signer, or the account it is a proxy of).
	me: AccountId32,
	clock: EpochClock,
	per_device: u32,
	onion: OnionFile,
	book: Book,
	telemetry: Arc<Telemetry>,
	/// When the daemon saw each epoch's first block (Unix ms).
	epoch_seen: BTreeMap<EpochIndex, u64>,
	/// Milliseconds between blocks, smoothed.
	block_ms: f64,
	last_block: Option<(u32, u64)>,
	/// Devices as of the last epoch's start.
	devices: BTreeMap<DeviceId, Device>,
	/// Which addresses may be probed.
	addresses: probe::AddressPolicy,
	/// Observations not yet on chain (the node could not be reached), by epoch: retried at
	/// every block until the epoch closes.
	unattested: BTreeMap<EpochIndex, Vec<(DeviceId, Metrics)>>,
}

impl Verifier {
	/// Connects and loads the key and the state file.
	pub async fn start(config: VerifierConfig) -> Result<Self> {
		let chain = Chain::connect(&config.node).await?;
		let signer = AccountSigner::load(&config.account).context("`account`")?;
		let proxy_for =
			config.proxy_for.as_deref().map(parse_account).transpose().context("`proxy_for`")?;
		let me = proxy_for.clone().unwrap_or_else(|| signer.account());
		let clock = chain.epoch_clock().await?;
		let per_device = chain.constant_u32("Attestations", "VerifiersPerDevice").await?;
		let onion = OnionFile::open(&config.state_file)?;
		tracing::info!(
			"verifier {me}{}",
			proxy_for
				.as_ref()
				.map(|_| format!(" through proxy {}", signer.address()))
				.unwrap_or_default()
		);
		let addresses = if config.allow_private_endpoints {
			probe::AddressPolicy::Any
		} else {
			probe::AddressPolicy::PublicOnly
		};
		Ok(Verifier {
			block_ms: f64::from(clock.block_secs) * 1000.0,
			config,
			chain,
			signer,
			proxy_for,
			me,
			clock,
			per_device,
			onion,
			book: Arc::new(Mutex::new(BTreeMap::new())),
			telemetry: Arc::new(Telemetry::default()),
			epoch_seen: BTreeMap::new(),
			last_block: None,
			devices: BTreeMap::new(),
			addresses,
			unattested: BTreeMap::new(),
		})
	}

	/// Runs until the process is stopped.
	pub async fn run(mut self) -> Result<()> {
		if let Some(addr) = self.config.metrics_listen {
			self.telemetry.clone().serve(addr).await?;
		}
		self.ensure_bonded().await?;
		let mut stop = Box::pin(stop_signal());
		let mut current: Option<EpochIndex> = None;
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
							let number = block.number() as u32;
							self.note_block(number);
							let epoch = self.clock.epoch_of(number);
							if current != Some(epoch) {
								let first = current.is_none();
								current = Some(epoch);
								self.on_epoch(epoch, number, first).await;
							} else if !self.unattested.is_empty() {
								self.submit_attestations(epoch).await;
							}
						},
						Some(Err(e)) => { tracing::warn!("following blocks: {e}"); break },
						None => break,
					},
					_ = &mut stop => {
						tracing::info!("stopped");
						return Ok(());
					},
				}
			}
			tokio::time::sleep(Duration::from_secs(1)).await;
		}
	}

	fn note_block(&mut self, number: u32) {
		let now = now_ms();
		if let Some((last, at)) = self.last_block {
			// Blocks read in a burst (the daemon was busy) say nothing of block time.
			if number == last.saturating_add(1)
				&& now.saturating_sub(at) as f64 > 0.3 * self.block_ms
			{
				self.block_ms = 0.7 * self.block_ms + 0.3 * (now - at) as f64;
			}
		}
		self.last_block = Some((number, now));
	}

	async fn ensure_bonded(&mut self) -> Result<()> {
		if self.chain.bond(&self.me).await?.is_some() {
			return Ok(());
		}
		let Some(amount) = self.config.bond else {
			tracing::warn!("{} is not in the verifier pool: bond it, or set `bond`", self.me);
			return Ok(());
		};
		self.chain.submit_ok(&self.signer, None, Call::bond(u128::from(amount))).await?;
		tracing::info!("bonded {amount} planck: serving from the next epoch");
		Ok(())
	}

	async fn on_epoch(&mut self, epoch: EpochIndex, number: u32, first: bool) {
		let now = now_ms();
		let anchor = tokio::time::Instant::now();
		// Seen from its first block only if this block is it.
		if number == self.clock.start_of(epoch) {
			self.epoch_seen.insert(epoch, now);
			// Blocks' real time from the last whole epoch (robust to blocks read in bursts).
			if let Some(previous) =
				self.epoch_seen.get(&epoch.saturating_sub(1)).filter(|_| epoch > 0)
			{
				let ms = now.saturating_sub(*previous) as f64 / f64::from(self.clock.length.max(1));
				if ms > 0.0 {
					self.block_ms = ms;
				}
			}
		}
		self.telemetry.set("atlas_verifier_epoch", "", f64::from(epoch));
		// Probes first: the epoch's time is short, submissions can wait for their blocks.
		if let Err(e) = self.plan(epoch, number, anchor).await {
			tracing::warn!("epoch {epoch}: planning probes: {e:#}");
		}
		if !first {
			if let Err(e) = self.attest(epoch.saturating_sub(1), now).await {
				tracing::warn!("epoch {}: attesting: {e:#}", epoch.saturating_sub(1));
			}
		}
		if let Err(e) = self.keep_beacon(epoch).await {
			tracing::warn!("epoch {epoch}: beacon: {e:#}");
		}
		let every = self.config.claim_every_epochs;
		if every > 0 && epoch % every == 0 {
			self.claim().await;
		}
		while self.epoch_seen.len() > 8 {
			self.epoch_seen.pop_first();
		}
	}

	/// Commits to an onion when there is no usable commitment; reveals the next value when one is
	/// owed this epoch.
	async fn keep_beacon(&mut self, epoch: EpochIndex) -> Result<()> {
		let Some(bond) = self.chain.bond(&self.me).await? else { return Ok(()) };
		let on_chain = self.chain.beacon(&self.me).await?;
		// Where the chain's commitment is in our onion, if it is ours.
		let position = match (&self.onion.onion, &on_chain) {
			(Some(onion), Some(c)) => onion.position_of(c.commitment)?,
			_ => None,
		};
		let exhausted =
			self.onion.onion.as_ref().is_some_and(|o| position.is_some_and(|p| p >= o.length));
		if position.is_none() || exhausted {
			let onion = Onion::generate(self.config.onion_length);
			let commitment = onion.commitment()?;
			// Saved before it is committed: a crash in between only costs a recommit.
			self.onion.onion = Some(onion);
			self.onion.save()?;
			self.chain
				.submit_ok(&self.signer, self.proxy_for.as_ref(), Call::commit_beacon(commitment))
				.await?;
			tracing::info!("committed to a beacon onion of {} reveals", self.config.onion_length);
			return Ok(());
		}
		let (Some(onion), Some(c), Some(position)) =
			(self.onion.onion.as_mut(), on_chain, position)
		else {
			return Ok(());
		};
		onion.revealed = position;
		let owed =
			bond.serves_in(epoch) && epoch > c.committed_in && c.last_revealed != Some(epoch);
		if !owed {
			self.onion.save()?;
			return Ok(());
		}
		let Some(value) = onion.next_reveal()? else { return Ok(()) };
		match self
			.chain
			.submit(&self.signer, self.proxy_for.as_ref(), Call::reveal_beacon(value))
			.await?
		{
			Outcome::Done(_) => {
				onion.revealed = position.saturating_add(1);
				tracing::info!("epoch {epoch}: revealed beacon value {}", onion.revealed);
				self.telemetry.inc("atlas_verifier_reveals_total", "", 1.0);
			},
			Outcome::Refused(r) => tracing::warn!("epoch {epoch}: reveal refused: {r}"),
		}
		self.onion.save()
	}

	/// Works out the devices assigned to this verifier in `epoch` and starts their probes.
	async fn plan(
		&mut self,
		epoch: EpochIndex,
		number: u32,
		anchor: tokio::time::Instant,
	) -> Result<()> {
		let Some(bond) = self.chain.bond(&self.me).await? else { return Ok(()) };
		if !bond.serves_in(epoch) {
			tracing::info!("epoch {epoch}: not serving (from epoch {})", bond.serves_from);
			return Ok(());
		}
		let Some(draw) = self.chain.draw(epoch).await? else { return Ok(()) };
		self.devices = self.chain.all_devices().await?.into_iter().collect();
		let end_block = self.clock.start_of(epoch.saturating_add(1));
		// Probes run within the first 80 % of what is left of the epoch.
		let left_ms = f64::from(end_block.saturating_sub(number)) * self.block_ms * 0.8;
		let mut assigned = 0;
		for (id, device) in &self.devices {
			if device.status != DeviceStatus::Active || device.active_since.is_none() {
				continue;
			}
			if device.owner == self.me || device.operator.as_ref() == Some(&self.me) {
				continue;
			}
			if device.probe_endpoint.is_empty() {
				continue;
			}
			if !draw_slots(blake2_256, &draw.seed, draw.pool_slots, *id, self.per_device)
				.contains(&bond.slot)
			{
				continue;
			}
			assigned += 1;
			let endpoint = String::from_utf8_lossy(&device.probe_endpoint).to_string();
			let task = ProbeTask {
				epoch,
				device: *id,
				record: device.clone(),
				endpoint,
				verifier: self.me.clone(),
				signer: self.signer.clone(),
				addresses: self.addresses,
				anchor,
				window_ms: left_ms as u64,
				probes: self.config.probes_per_epoch,
				transfer_bytes: self.config.transfer_bytes,
				benchmark_n: self.config.benchmark_n,
				book: self.book.clone(),
				telemetry: self.telemetry.clone(),
				// Secret randomness: a device that could predict the schedule would be up
				// only when probed, and one that could predict nonces could precompute.
				seed: H256(<sp_core::ed25519::Pair as sp_core::Pair>::generate().1),
			};
			tokio::spawn(task.run());
		}
		tracing::info!("epoch {epoch}: assigned {assigned} device(s) of {}", self.devices.len());
		self.telemetry.set("atlas_verifier_assigned_devices", "", f64::from(assigned));
		Ok(())
	}

	/// Attests what was found of `epoch`'s devices.
	async fn attest(&mut self, epoch: EpochIndex, now: u64) -> Result<()> {
		let findings: Vec<(DeviceId, Findings)> = {
			let mut book = self.book.lock().map_err(|_| anyhow::anyhow!("findings poisoned"))?;
			let keys: Vec<(EpochIndex, DeviceId)> =
				book.keys().filter(|(e, _)| *e <= epoch).copied().collect();
			keys.into_iter()
				.filter_map(|key| book.remove(&key).filter(|_| key.0 == epoch).map(|f| (key.1, f)))
				.collect()
		};
		if findings.is_empty() {
			return Ok(());
		}
		// The epoch's real length: from its first block to the next epoch's, as seen here.
		let real_epoch_secs = match self.epoch_seen.get(&epoch) {
			Some(start) => now.saturating_sub(*start) as f64 / 1000.0,
			None => f64::from(self.clock.length) * self.block_ms / 1000.0,
		};
		let epoch_secs =
			f64::from(self.clock.length.saturating_mul(self.clock.block_secs)).max(1.0);
		let mut observations = Vec::new();
		for (id, found) in findings {
			if found.sent < atlas_primitives::probe::MIN_LIVENESS_PROBES {
				tracing::info!(
					"device {id}: only {} liveness probes in epoch {epoch}: not attested",
					found.sent
				);
				continue;
			}
			let Some(device) = self.devices.get(&id) else { continue };
			let active = self.clock.active_secs(epoch, device.active_since.unwrap_or(u32::MAX));
			let real = real_epoch_secs * f64::from(active) / epoch_secs;
			observations.push((id, observe(&found, &device.spec, active, real)));
		}
		if !observations.is_empty() {
			self.unattested.insert(epoch, observations);
		}
		self.submit_attestations(epoch.saturating_add(1)).await;
		Ok(())
	}

	/// Submits the observations not yet on chain, in epoch `now`; what cannot be submitted for
	/// want of the node is kept for the next block, until its epoch is long closed.
	async fn submit_attestations(&mut self, now: EpochIndex) {
		self.unattested.retain(|epoch, _| epoch.saturating_add(2) > now);
		let epochs: Vec<EpochIndex> = self.unattested.keys().copied().collect();
		for epoch in epochs {
			let Some(mut observations) = self.unattested.remove(&epoch) else { continue };
			match self.submit_observations(epoch, &mut observations).await {
				Ok(()) => {},
				Err(e) => {
					tracing::warn!(
						"epoch {epoch}: attesting {} device(s): {e:#}; retrying at the next block",
						observations.len()
					);
					self.unattested.insert(epoch, observations);
				},
			}
		}
	}

	/// Attests `observations` of `epoch`: a refused observation is dropped and the rest sent
	/// again. An error (the node unreachable, the outcome unknown) leaves what is left in
	/// `observations`.
	async fn submit_observations(
		&mut self,
		epoch: EpochIndex,
		observations: &mut Vec<(DeviceId, Metrics)>,
	) -> Result<()> {
		while !observations.is_empty() {
			match self
				.chain
				.submit(&self.signer, self.proxy_for.as_ref(), Call::attest(epoch, observations))
				.await?
			{
				Outcome::Done(block) => {
					tracing::info!(
						"epoch {epoch}: attested {} device(s) in block {block:?}",
						observations.len()
					);
					self.telemetry.inc(
						"atlas_verifier_observations_total",
						"",
						observations.len() as f64,
					);
					observations.clear();
					return Ok(());
				},
				Outcome::Refused(r) => match r.item_index().filter(|i| *i < observations.len()) {
					Some(i) => {
						let (device, _) = observations.remove(i);
						tracing::warn!(
							"device {device}: observation of epoch {epoch} refused: {r}"
						);
						self.telemetry.inc("atlas_verifier_observations_refused_total", "", 1.0);
					},
					None => {
						tracing::warn!("epoch {epoch}: observations refused: {r}");
						observations.clear();
						return Ok(());
					},
				},
			}
		}
		Ok(())
	}

	async fn claim(&mut self) {
		let epochs: Vec<EpochIndex> = match self.chain.verifier_rewards(&self.me).await {
			Ok(rewards) => rewards.into_iter().map(|(e, _)| e).take(168).collect(),
			Err(e) => {
				tracing::warn!("reading verifier rewards: {e:#}");
				return;
			},
		};
		if epochs.is_empty() {
			return;
		}
		match self
			.chain
			.submit(&self.signer, self.proxy_for.as_ref(), Call::claim_verifier_rewards(&epochs))
			.await
		{
			Ok(Outcome::Done(_)) => {
				tracing::info!("claimed verifier rewards of {} epoch(s)", epochs.len());
				self.telemetry.inc("atlas_verifier_claims_total", "", 1.0);
			},
			Ok(Outcome::Refused(r)) => tracing::warn!("claiming verifier rewards refused: {r}"),
			Err(e) => tracing::warn!("claiming verifier rewards: {e:#}"),
		}
	}
}

trait EncodeBytes {
	fn encode_bytes(&self) -> Vec<u8>;
}

impl<T: codec::Encode> EncodeBytes for T {
	fn encode_bytes(&self) -> Vec<u8> {
		self.encode()
	}
}

/// A distinct tag per probe kind, so that nonces of different kinds never coincide.
fn kind_tag(kind: &ProbeKind) -> u8 {
	match kind {
		ProbeKind::Liveness => 0,
		ProbeKind::Transfer { .. } => 1,
		ProbeKind::Benchmark { .. } => 2,
		ProbeKind::MeterReading => 3,
		ProbeKind::Samples { .. } => 4,
	}
}

/// One device's probes in one epoch.
struct ProbeTask {
	epoch: EpochIndex,
	device: DeviceId,
	record: Device,
	endpoint: String,
	verifier: AccountId32,
	/// Who signs the challenges: the verifier, or its proxy.
	signer: AccountSigner,
	/// Which addresses may be probed.
	addresses: probe::AddressPolicy,
	/// When the epoch's block was seen: the schedule runs from it.
	anchor: tokio::time::Instant,
	window_ms: u64,
	probes: u32,
	transfer_bytes: u32,
	benchmark_n: u16,
	book: Book,
	telemetry: Arc<Telemetry>,
	/// Where the schedule's and nonces' randomness comes from.
	seed: H256,
}

impl ProbeTask {
	fn random(&self, i: u32) -> u64 {
		let h = blake2_256(&(self.seed, i).encode_bytes());
		u64::from_le_bytes([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]])
	}

	fn challenge(&self, i: u32, kind: ProbeKind) -> SignedChallenge {
		let challenge = ProbeChallenge {
			device: self.device,
			epoch: self.epoch,
			verifier: self.verifier.clone(),
			nonce: blake2_256(&(self.seed, b"nonce", i, kind_tag(&kind)).encode_bytes()),
			sent_at_ms: now_ms(),
			kind,
		};
		SignedChallenge::sign(challenge, &self.signer)
	}

	async fn probe(&self, challenge: &SignedChallenge, deadline: Duration) -> Result<ProbeResult> {
		let key = &self.record.key;
		probe::probe(&self.endpoint, key, challenge, deadline, self.addresses).await
	}

	fn record(&self, f: impl FnOnce(&mut Findings)) {
		if let Ok(mut book) = self.book.lock() {
			f(book.entry((self.epoch, self.device)).or_default());
		}
	}

	async fn run(self) {
		let started = self.anchor;
		let n = self.probes.max(1);
		// One liveness probe in each of n equal slices of the window, at a random time in it.
		let slice = self.window_ms / u64::from(n);
		let mut times: Vec<u64> =
			(0..n).map(|i| u64::from(i) * slice + self.random(i) % slice.max(1)).collect();
		times.sort();
		let class_probe_at = times.len() / 2;
		for (i, at) in times.iter().enumerate() {
			let due = started + Duration::from_millis(*at);
			tokio::time::sleep_until(due).await;
			let i = i as u32;
			let deadline = Duration::from_millis(LIVENESS_DEADLINE_MS);
			let alive = self.probe(&self.challenge(i, ProbeKind::Liveness), deadline).await;
			let passed = alive.is_ok();
			if let Err(e) = &alive {
				tracing::debug!("device {}: liveness probe failed: {e:#}", self.device);
			}
			self.telemetry.inc(
				"atlas_verifier_probes_total",
				&format!("kind=\"liveness\",passed=\"{passed}\""),
				1.0,
			);
			self.record(|f| {
				f.sent += 1;
				f.passed += u32::from(passed);
			});
			if !passed {
				continue;
			}
			let first_or_last = i == 0 || i == n - 1;
			match &self.record.spec {
				DeviceSpec::Energy { .. } if first_or_last => {
					let kind = ProbeKind::MeterReading;
					if let Ok(r) = self.probe(&self.challenge(100 + i, kind), deadline).await {
						if let ProbeAnswer::Meter { energy_wh_total } = r.answer {
							let at = now_ms();
							self.record(|f| f.meter.push((at, energy_wh_total)));
						}
					}
				},
				DeviceSpec::Connectivity { .. } if i as usize == class_probe_at => {
					let kind = ProbeKind::Transfer { bytes: self.transfer_bytes };
					let result =
						self.probe(&self.challenge(200, kind), Duration::from_secs(60)).await;
					match result {
						Ok(r) => self.record(|f| f.throughput = r.throughput),
						Err(e) => {
							tracing::info!("device {}: transfer probe failed: {e:#}", self.device)
						},
					}
				},
				DeviceSpec::Compute { gpu_count, .. } if i as usize == class_probe_at => {
					let kind = ProbeKind::Benchmark { n: self.benchmark_n };
					// More GPUs answer sooner: the deadline shrinks with their count.
					let deadline = Duration::from_millis(30_000 / u64::from((*gpu_count).max(1)));
					let ok = self.probe(&self.challenge(300, kind), deadline).await;
					if let Err(e) = &ok {
						tracing::info!("device {}: benchmark probe failed: {e:#}", self.device);
					}
					self.record(|f| f.benchmark = Some(ok.is_ok()));
				},
				DeviceSpec::Sensing { .. } if i == n - 1 => {
					// The samples taken since the epoch's probes began.
					let to_ms = now_ms();
					let from_ms = to_ms.saturating_sub(started.elapsed().as_millis() as u64);
					let kind = ProbeKind::Samples { from_ms, to_ms };
					if let Ok(r) = self.probe(&self.challenge(400, kind), deadline).await {
						if let ProbeAnswer::Samples { samples } = r.answer {
							self.record(|f| {
								f.samples = Some((to_ms - from_ms, samples.len() as u32))
							});
						}
					}
				},
				_ => {},
			}
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn observations_follow_the_findings() {
		let full = Findings { sent: 6, passed: 6, ..Default::default() };
		let half = Findings { sent: 6, passed: 3, ..Default::default() };
		let energy = DeviceSpec::Energy { rated_watts: 3_600 };
		// A meter rising 1 Wh a second.
		let meter = Findings { meter: vec![(0, 100), (10_000, 110)], ..full.clone() };
		let m = observe(&meter, &energy, 60, 60.0);
		assert_eq!((m.uptime_secs, m.energy_wh), (60, 60));
		let m =
			observe(&Findings { meter: meter.meter.clone(), ..half.clone() }, &energy, 60, 60.0);
		assert_eq!((m.uptime_secs, m.energy_wh), (30, 30));
		// Capped by the rated output.
		let fast = Findings { meter: vec![(0, 0), (1_000, 100)], ..full.clone() };
		assert_eq!(observe(&fast, &energy, 60, 60.0).energy_wh, 60);

		let gpu =
			DeviceSpec::Compute { gpu_model: Default::default(), gpu_count: 2, gpu_memory_mib: 1 };
		assert_eq!(
			observe(&Findings { benchmark: Some(true), ..full.clone() }, &gpu, 60, 60.0)
				.compute_units,
			120
		);
		assert_eq!(
			observe(&Findings { benchmark: Some(false), ..full.clone() }, &gpu, 60, 60.0)
				.compute_units,
			0
		);

		let router = DeviceSpec::Connectivity { link_capacity_kbps: 8 };
		// 1,000 bytes/s measured over a link of 1,000 bytes/s.
		let m = observe(&Findings { throughput: Some(5_000.0), ..full.clone() }, &router, 60, 60.0);
		assert_eq!(m.bandwidth_bytes, 60_000);

		let sensor = DeviceSpec::Sensing {
			sensor_kind: atlas_primitives::SensorKind::Weather,
			samples_per_hour: 3_600,
		};
		let m =
			observe(&Findings { samples: Some((10_000, 5)), ..full.clone() }, &sensor, 60, 60.0);
		assert_eq!(m.samples, 30);
		// Nothing answered, nothing observed.
		let none = Findings { sent: 6, passed: 0, meter: meter.meter, ..Default::default() };
		assert_eq!(observe(&none, &energy, 60, 60.0), Metrics::default());
	}
}
