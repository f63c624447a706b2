//! Per-device metric accounting: readings of counters and gauges become per-epoch amounts, kept
//! on disk so that a restarted agent loses no delivered work and reports no epoch twice.
//!
//! A counter's amount is its increase. A drop is a reset or a glitch (an exporter answering 0
//! for a moment): the dropped reading counts nothing and the value before it is remembered; once
//! the counter is back above it, only what lies above counts (less what was counted meanwhile),
//! so that a glitch never counts the counter's whole value again. A real reset costs at most one
//! reading's increase, never more than was delivered. A
//! gauge's is its integral over time; uptime is the time between successful readings. A reading
//! counts in the epoch it is taken in. A gap between readings longer than
//! [`MAX_GAP_MS`] (the agent was down) counts for nothing: nobody can say in which epoch the
//! work was done, and a report must be the device's own epoch.

use std::{
	collections::{BTreeMap, BTreeSet},
	path::{Path, PathBuf},
};

use anyhow::{Context, Result};
use atlas_primitives::{DeviceId, DeviceSpec, EpochIndex, Metrics};
use serde::{Deserialize, Serialize};

use crate::sources::SeriesKind;

/// The longest gap between two readings that still counts (5 minutes).
pub const MAX_GAP_MS: u64 = 300_000;

/// Closed epochs kept for submission, at most: older ones are past any grace window.
const MAX_CLOSED: usize = 8;

/// Submitted epochs remembered, at most.
const MAX_SUBMITTED: usize = 16;

/// The metrics a report carries, by the names config files use.
pub const METRIC_NAMES: [&str; 5] = ["uptime", "bandwidth", "energy", "compute", "samples"];

/// One metric's running account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricAccount {
	/// The last reading and when it was taken (Unix milliseconds).
	pub last: Option<(f64, u64)>,
	/// What accrued in the open epoch.
	pub amount: f64,
	/// A counter's value before it dropped, while it has not come back above it.
	#[serde(default)]
	pub high: Option<f64>,
	/// What the counter accrued since it dropped.
	#[serde(default)]
	pub since_drop: f64,
}

impl MetricAccount {
	/// Accounts for a reading of `value` at `at_ms`.
	pub fn observe(&mut self, kind: SeriesKind, value: f64, at_ms: u64) {
		if !value.is_finite() || value < 0.0 {
			return;
		}
		if let Some((last, last_at)) = self.last {
			let gap = at_ms.saturating_sub(last_at);
			if at_ms > last_at && gap <= MAX_GAP_MS {
				let accrued = match (kind, self.high) {
					(SeriesKind::Counter, _) if value < last => {
						self.high = Some(self.high.unwrap_or(last).max(last));
						0.0
					},
					// Back above where it dropped from: a glitch, or a reset long ago.
					(SeriesKind::Counter, Some(high)) if value >= high => {
						let above = (value - high - self.since_drop).max(0.0);
						(self.high, self.since_drop) = (None, 0.0);
						above
					},
					(SeriesKind::Counter, Some(_)) => {
						self.since_drop += value - last;
						value - last
					},
					(SeriesKind::Counter, None) => value - last,
					// Trapezoidal integral of the gauge over the gap, in value × seconds.
					(SeriesKind::Gauge, _) => (last + value) / 2.0 * (gap as f64 / 1000.0),
				};
				self.amount += accrued;
			} else {
				// A new baseline.
				(self.high, self.since_drop) = (None, 0.0);
			}
		}
		self.last = Some((value, at_ms));
	}

	/// Accounts for a successful (`up`) or failed probe of the device at `at_ms`: the time since
	/// the last successful one counts as uptime.
	pub fn observe_up(&mut self, up: bool, at_ms: u64) {
		if !up {
			self.last = None;
			return;
		}
		if let Some((_, last_at)) = self.last {
			let gap = at_ms.saturating_sub(last_at);
			if gap <= MAX_GAP_MS {
				self.amount += gap as f64 / 1000.0;
			}
		}
		self.last = Some((1.0, at_ms));
	}
}

/// One device's accounts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceAccount {
	/// The epoch the running amounts are for.
	pub epoch: EpochIndex,
	/// Per metric name, its account.
	pub metrics: BTreeMap<String, MetricAccount>,
	/// Closed epochs not yet on chain, with what they delivered.
	pub closed: BTreeMap<EpochIndex, Amounts>,
	/// Epochs whose report is on chain.
	pub submitted: BTreeSet<EpochIndex>,
	/// When the open epoch's first block was seen (Unix ms), if the agent saw it.
	#[serde(default)]
	pub epoch_started_ms: Option<u64>,
}

/// What a device delivered in an epoch, before it is fitted to the device's bounds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Amounts {
	/// Seconds up.
	pub uptime: f64,
	/// Bytes served.
	pub bandwidth: f64,
	/// Watt-hours produced.
	pub energy: f64,
	/// GPU-seconds delivered.
	pub compute: f64,
	/// Samples taken.
	pub samples: f64,
	/// The epoch's real length in seconds (from its first block to the next epoch's), when the
	/// agent saw both.
	#[serde(default)]
	pub wall_secs: Option<f64>,
}

impl Amounts {
	/// The report of these amounts for a device of `spec` active `active_secs` of an epoch of
	/// `epoch_secs` (as the chain counts them): rounded down and held within what the chain
	/// accepts (no device is up longer than it was active, nor delivers beyond its spec),
	/// metrics of other classes zero.
	///
	/// Uptime is the share of the epoch the device was up, in the chain's seconds: the chain
	/// scores uptime as a share of its nominal epoch, and blocks need not keep their nominal
	/// time. Without the epoch's real length (the agent did not see it begin) uptime is the
	/// seconds measured, which never overstates it when blocks are slower than nominal.
	pub fn to_metrics(&self, spec: &DeviceSpec, active_secs: u32, epoch_secs: u32) -> Metrics {
		let secs = u64::from(active_secs);
		let whole = |v: f64| if v.is_finite() && v > 0.0 { v.floor() as u64 } else { 0 };
		let narrow = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
		let uptime = match self.wall_secs {
			Some(wall) if wall > 0.0 => (self.uptime / wall).min(1.0) * f64::from(epoch_secs),
			_ => self.uptime,
		};
		let mut metrics =
			Metrics { uptime_secs: narrow(whole(uptime).min(secs)), ..Default::default() };
		match spec {
			DeviceSpec::Compute { gpu_count, .. } => {
				metrics.compute_units =
					narrow(whole(self.compute).min(u64::from(*gpu_count).saturating_mul(secs)))
			},
			DeviceSpec::Connectivity { link_capacity_kbps } => {
				metrics.bandwidth_bytes = whole(self.bandwidth)
					.min(u64::from(*link_capacity_kbps).saturating_mul(125).saturating_mul(secs))
			},
			DeviceSpec::Energy { rated_watts } => {
				metrics.energy_wh = narrow(
					whole(self.energy).min(u64::from(*rated_watts).saturating_mul(secs) / 3600),
				)
			},
			DeviceSpec::Sensing { samples_per_hour, .. } => {
				metrics.samples = narrow(
					whole(self.samples)
						.min(u64::from(*samples_per_hour).saturating_mul(secs).div_ceil(3600)),
				)
			},
		}
		metrics
	}

	fn set(&mut self, name: &str, value: f64) {
		match name {
			"uptime" => self.uptime = value,
			"bandwidth" => self.bandwidth = value,
			"energy" => self.energy = value,
			"compute" => self.compute = value,
			"samples" => self.samples = value,
			_ => {},
		}
	}
}

impl DeviceAccount {
	/// Moves the running amounts into `closed` when `epoch` is later than the account's: the
	/// open epoch closes (if anything accrued) and accounting restarts at `epoch`. A reading
	/// older than [`MAX_GAP_MS`] is forgotten so that work of unknown epochs never counts.
	/// `at_start` says the agent is at `epoch`'s first block: then both the closing epoch's
	/// real length (if its start was seen too) and the new epoch's start are known.
	pub fn roll_to(&mut self, epoch: EpochIndex, now_ms: u64, at_start: bool) {
		if epoch <= self.epoch {
			return;
		}
		let next = epoch == self.epoch.saturating_add(1);
		let mut amounts = Amounts {
			wall_secs: self
				.epoch_started_ms
				.filter(|_| at_start && next)
				.map(|start| now_ms.saturating_sub(start) as f64 / 1000.0),
			..Default::default()
		};
		self.epoch_started_ms = at_start.then_some(now_ms);
		let mut any = false;
		for (name, account) in self.metrics.iter_mut() {
			amounts.set(name, account.amount);
			any |= account.amount > 0.0;
			account.amount = 0.0;
			if account.last.is_some_and(|(_, at)| now_ms.saturating_sub(at) > MAX_GAP_MS) {
				account.last = None;
			}
		}
		if any && !self.submitted.contains(&self.epoch) {
			self.closed.insert(self.epoch, amounts);
		}
		while self.closed.len() > MAX_CLOSED {
			self.closed.pop_first();
		}
		self.epoch = epoch;
	}

	/// Records that `epoch`'s report is on chain.
	pub fn mark_submitted(&mut self, epoch: EpochIndex) {
		self.closed.remove(&epoch);
		self.submitted.insert(epoch);
		while self.submitted.len() > MAX_SUBMITTED {
			self.submitted.pop_first();
		}
	}

	/// The account of metric `name`.
	pub fn metric(&mut self, name: &str) -> &mut MetricAccount {
		self.metrics.entry(name.to_string()).or_default()
	}
}

/// Every device's accounts, saved to a file after each change.
#[derive(Debug)]
pub struct Ledger {
	path: PathBuf,
	/// Per device, its accounts.
	pub devices: BTreeMap<DeviceId, DeviceAccount>,
}

impl Ledger {
	/// Opens the ledger at `path`, empty if the file does not exist yet.
	pub fn open(path: &Path) -> Result<Self> {
		let devices = match std::fs::read(path) {
			Ok(bytes) => serde_json::from_slice(&bytes)
				.with_context(|| format!("the state file {} is damaged", path.display()))?,
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
			Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
		};
		Ok(Ledger { path: path.to_path_buf(), devices })
	}

	/// The accounts of `device`, new ones starting at `epoch`.
	pub fn device(&mut self, device: DeviceId, epoch: EpochIndex) -> &mut DeviceAccount {
		self.devices.entry(device).or_insert_with(|| DeviceAccount { epoch, ..Default::default() })
	}

	/// Writes the ledger (to a temporary file renamed over the old one, so a crash leaves
	/// either the old or the new state, never half of one).
	pub fn save(&self) -> Result<()> {
		crate::keys::replace_private(&self.path, &serde_json::to_vec(&self.devices)?)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn counters_accrue_increases_and_survive_resets() {
		let mut a = MetricAccount::default();
		a.observe(SeriesKind::Counter, 100.0, 1_000);
		assert_eq!(a.amount, 0.0, "the first reading is a baseline");
		a.observe(SeriesKind::Counter, 150.0, 2_000);
		a.observe(SeriesKind::Counter, 20.0, 3_000); // reset: the dropped reading counts nothing
		assert_eq!(a.amount, 50.0);
		a.observe(SeriesKind::Counter, 45.0, 4_000);
		assert_eq!(a.amount, 75.0, "after a reset the counter accrues from its new value");
		// Past where it dropped from: only what lies above, less what was counted meanwhile.
		a.observe(SeriesKind::Counter, 200.0, 5_000);
		assert_eq!(a.amount, 100.0);
		a.observe(SeriesKind::Counter, 210.0, 6_000);
		assert_eq!(a.amount, 110.0);
		// A reading after a long gap is a new baseline.
		a.observe(SeriesKind::Counter, 1_000.0, 6_000 + MAX_GAP_MS + 1);
		assert_eq!(a.amount, 110.0);
	}

	#[test]
	fn a_counter_glitching_to_zero_does_not_count_its_value_again() {
		let mut a = MetricAccount::default();
		a.observe(SeriesKind::Counter, 1_000_000.0, 1_000);
		a.observe(SeriesKind::Counter, 1_000_050.0, 2_000);
		// The exporter answers 0 twice, then the true counter again.
		a.observe(SeriesKind::Counter, 0.0, 3_000);
		a.observe(SeriesKind::Counter, 0.0, 4_000);
		a.observe(SeriesKind::Counter, 1_000_080.0, 5_000);
		assert_eq!(a.amount, 80.0, "only the work delivered, not the counter's value");
		// And the account survives a save as JSON.
		let json = serde_json::to_string(&a).unwrap();
		assert_eq!(serde_json::from_str::<MetricAccount>(&json).unwrap(), a);
	}

	#[test]
	fn gauges_integrate_over_time_and_uptime_counts_time_between_answers() {
		let mut g = MetricAccount::default();
		g.observe(SeriesKind::Gauge, 0.8, 0);
		g.observe(SeriesKind::Gauge, 0.8, 10_000);
		assert!((g.amount - 8.0).abs() < 1e-9);
		let mut up = MetricAccount::default();
		up.observe_up(true, 0);
		up.observe_up(true, 5_000);
		up.observe_up(false, 10_000);
		up.observe_up(true, 15_000);
		up.observe_up(true, 20_000);
		assert_eq!(up.amount, 10.0);
	}

	#[test]
	fn epochs_close_with_what_accrued_and_are_fitted_to_the_spec() {
		let mut d = DeviceAccount { epoch: 3, ..Default::default() };
		d.metric("energy").observe(SeriesKind::Counter, 10.0, 0);
		d.metric("energy").observe(SeriesKind::Counter, 90.0, 1_000);
		d.metric("uptime").observe_up(true, 0);
		d.metric("uptime").observe_up(true, 70_000);
		d.roll_to(4, 71_000, false);
		let closed = d.closed[&3];
		assert_eq!(closed.energy, 80.0);
		let spec = DeviceSpec::Energy { rated_watts: 3_600 };
		// 60 s active: at most 60 Wh and 60 s.
		let m = closed.to_metrics(&spec, 60, 60);
		assert_eq!((m.uptime_secs, m.energy_wh, m.samples), (60, 60, 0));
		assert!(m.check_bounds(&spec, 60).is_ok());
		// The next epoch starts from the last readings.
		d.metric("energy").observe(SeriesKind::Counter, 95.0, 2_000);
		assert_eq!(d.metrics["energy"].amount, 5.0);
		d.mark_submitted(3);
		assert!(d.closed.is_empty() && d.submitted.contains(&3));
	}

	#[test]
	fn uptime_is_the_share_of_the_epoch_up_in_the_chains_seconds() {
		// Blocks three times faster than nominal: a 60 s epoch lasts 20 s.
		let mut d = DeviceAccount { epoch: 3, ..Default::default() };
		d.roll_to(4, 100_000, true);
		d.metric("uptime").observe_up(true, 100_000);
		d.metric("uptime").observe_up(true, 118_000);
		d.roll_to(5, 120_000, true);
		let closed = d.closed[&4];
		assert_eq!(closed.wall_secs, Some(20.0));
		let spec = DeviceSpec::Energy { rated_watts: 3_600 };
		// Up 18 s of 20: 90 % of the chain's 60 s.
		assert_eq!(closed.to_metrics(&spec, 60, 60).uptime_secs, 54);
		// An epoch whose end or start the agent did not see reports the seconds measured.
		d.metric("uptime").observe_up(true, 130_000);
		d.roll_to(7, 140_000, true);
		assert_eq!(d.closed[&5].wall_secs, None);
		assert_eq!(d.closed[&5].to_metrics(&spec, 60, 60).uptime_secs, 12);
		d.metric("uptime").observe_up(true, 150_000);
		d.roll_to(8, 160_000, false);
		assert_eq!(d.closed.get(&7).and_then(|a| a.wall_secs), None);
	}

	#[test]
	fn the_ledger_survives_a_restart() {
		let dir = std::env::temp_dir().join(format!("atlas-agent-ledger-{}", std::process::id()));
		let path = dir.join("state.json");
		let _ = std::fs::remove_file(&path);
		let mut ledger = Ledger::open(&path).unwrap();
		ledger.device(7, 2).metric("samples").observe(SeriesKind::Counter, 1.0, 0);
		ledger.device(7, 2).metric("samples").observe(SeriesKind::Counter, 4.0, 1_000);
		ledger.save().unwrap();
		let mut again = Ledger::open(&path).unwrap();
		assert_eq!(again.devices, ledger.devices);
		again.device(7, 2).metric("samples").observe(SeriesKind::Counter, 6.0, 2_000);
		assert_eq!(again.devices[&7].metrics["samples"].amount, 5.0);
		std::fs::write(&path, b"{not json").unwrap();
		let err = Ledger::open(&path).unwrap_err().to_string();
		assert!(err.contains("damaged"), "{err}");
	}
}
