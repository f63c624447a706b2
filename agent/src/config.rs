//! The agent's and the verifier daemon's config files (TOML). Unknown fields are errors, and
//! every error names the field it is about.

use std::{
	collections::{BTreeMap, BTreeSet},
	net::SocketAddr,
	path::{Path, PathBuf},
};

use anyhow::{bail, Context, Result};
use atlas_primitives::DeviceId;
use serde::Deserialize;

use crate::{
	keys::AccountSource,
	ledger::METRIC_NAMES,
	sources::{Selector, SourceConfig},
};

fn default_node() -> String {
	"ws://127.0.0.1:9944".into()
}
fn default_scrape() -> u64 {
	10
}
fn default_batch() -> usize {
	500
}
fn default_claim_every() -> u32 {
	12
}

/// `agent.toml`: the operator agent.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AgentConfig {
	/// The node's WebSocket RPC address.
	#[serde(default = "default_node")]
	pub node: String,
	/// The account that signs reports and claims: the devices' operator or owner.
	pub account: AccountSource,
	/// Submit as a proxy of this account (an `Operator` proxy), SS58 or hex.
	pub proxy_for: Option<String>,
	/// Where per-device accounting is kept between runs.
	pub state_file: PathBuf,
	/// A keystore directory where devices' keys are found by their `public` key.
	pub keystore: Option<PathBuf>,
	/// Where the probe protocol is served.
	pub probe_listen: Option<SocketAddr>,
	/// The probe endpoint published on chain for every device (`tcp://host:port`), if the
	/// device's record says otherwise.
	pub probe_endpoint: Option<String>,
	/// Where the agent's own Prometheus metrics are served.
	pub metrics_listen: Option<SocketAddr>,
	/// Seconds between readings of the metric sources.
	#[serde(default = "default_scrape")]
	pub scrape_interval_secs: u64,
	/// Reports per extrinsic.
	#[serde(default = "default_batch")]
	pub batch_size: usize,
	/// Claim the devices' rewards every this many epochs (0: only when a report is refused
	/// for an unpaid backlog).
	#[serde(default = "default_claim_every")]
	pub claim_every_epochs: u32,
	/// The devices this agent runs.
	#[serde(default, rename = "device")]
	pub devices: Vec<DeviceConfig>,
}

/// One device run by the agent.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DeviceConfig {
	/// Its on-chain id.
	pub id: DeviceId,
	/// Its device key file (or give `public`, with the agent's `keystore`).
	pub key: Option<PathBuf>,
	/// Its public key (`scheme:0x…`, as `key generate` prints it), found in `keystore`.
	pub public: Option<String>,
	/// Where its metrics are read.
	pub source: SourceConfig,
	/// What to read for each metric (`uptime`, `bandwidth`, `energy`, `compute`, `samples`).
	/// Without `uptime`, the time between successful readings is the uptime.
	#[serde(default)]
	pub metrics: BTreeMap<String, Selector>,
	/// A separate meter for verifiers' meter readings (energy): its source and what to read.
	pub meter: Option<MeterConfig>,
	/// Pace transfer probes to this many bytes per second (the link's real speed, when the
	/// probe endpoint is not on the device itself).
	pub link_bytes_per_sec: Option<u64>,
}

/// A meter read for verifiers' meter-reading probes.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MeterConfig {
	/// Where the meter is read.
	pub source: SourceConfig,
	/// Its cumulative energy counter (Wh).
	pub energy: Selector,
}

fn default_probes() -> u32 {
	atlas_primitives::probe::MIN_LIVENESS_PROBES
}
fn default_transfer() -> u32 {
	256 * 1024
}
fn default_benchmark() -> u16 {
	64
}
fn default_verifier_claim() -> u32 {
	6
}
fn default_onion() -> u32 {
	100_000
}

/// `verifier.toml`: the verifier daemon.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VerifierConfig {
	/// The node's WebSocket RPC address.
	#[serde(default = "default_node")]
	pub node: String,
	/// The account that signs: the bonded verifier, or its `Verifier` proxy.
	pub account: AccountSource,
	/// The bonded verifier, when `account` is its proxy (SS58 or hex).
	pub proxy_for: Option<String>,
	/// Bond this much (in planck, 1 ATH = 10^12) if the verifier is not in the pool; without it
	/// the daemon never bonds. Only the bonded account itself can bond. (TOML integers are 64-bit:
	/// up to 18 million ATH.)
	pub bond: Option<u64>,
	/// Where the beacon secret and the daemon's progress are kept (mode 0600).
	pub state_file: PathBuf,
	/// Liveness probes per device and epoch.
	#[serde(default = "default_probes")]
	pub probes_per_epoch: u32,
	/// Bytes of a transfer probe (connectivity).
	#[serde(default = "default_transfer")]
	pub transfer_bytes: u32,
	/// Side of a benchmark probe's matrices (compute).
	#[serde(default = "default_benchmark")]
	pub benchmark_n: u16,
	/// Claim verifier rewards every this many epochs.
	#[serde(default = "default_verifier_claim")]
	pub claim_every_epochs: u32,
	/// Reveals the beacon onion can make before the daemon commits to a new one.
	#[serde(default = "default_onion")]
	pub onion_length: u32,
	/// Where the daemon's own Prometheus metrics are served.
	pub metrics_listen: Option<SocketAddr>,
	/// Probe devices whose endpoints are on loopback, private or link-local addresses. Off by
	/// default: an endpoint is whatever a device's owner published, and one pointing into the
	/// verifier's own network would make the daemon connect there. On only for test networks.
	#[serde(default)]
	pub allow_private_endpoints: bool,
}

/// Reads and checks a config file of type `C`.
fn read<C: for<'de> Deserialize<'de>>(path: &Path) -> Result<C> {
	let text =
		std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
	// toml's message names the field and its line.
	toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

impl AgentConfig {
	/// Reads and checks `path`.
	pub fn load(path: &Path) -> Result<Self> {
		let config: AgentConfig = read(path)?;
		config.check().with_context(|| format!("{}", path.display()))?;
		Ok(config.relative_to(path))
	}

	/// Key and state paths relative to the config file's directory.
	fn relative_to(mut self, path: &Path) -> Self {
		let dir = path.parent().unwrap_or(Path::new("."));
		self.state_file = dir.join(&self.state_file);
		match &mut self.account {
			AccountSource::File(file) => *file = dir.join(&*file),
			AccountSource::Keystore { dir: keystore, .. } => *keystore = dir.join(&*keystore),
			AccountSource::Uri(_) => {},
		}
		if let Some(keystore) = &mut self.keystore {
			*keystore = dir.join(&*keystore);
		}
		for device in &mut self.devices {
			if let Some(key) = &mut device.key {
				*key = dir.join(&*key);
			}
		}
		self
	}

	/// The key of `device`: its key file, or its public key's entry in the keystore.
	pub fn device_key(&self, device: &DeviceConfig) -> Result<crate::keys::DeviceSigner> {
		match (&device.key, &device.public, &self.keystore) {
			(Some(file), _, _) => crate::keys::read_key_file(file),
			(None, Some(public), Some(keystore)) => {
				crate::keys::read_from_keystore(keystore, public)
			},
			_ => bail!("device {}: give `key`, or `public` with a `keystore`", device.id),
		}
	}

	/// Checks what serde cannot: every error names its field.
	pub fn check(&self) -> Result<()> {
		check_node(&self.node)?;
		if self.devices.is_empty() {
			bail!("`device`: no devices: add a [[device]] table per device");
		}
		if self.scrape_interval_secs == 0 {
			bail!("`scrape_interval_secs` must be at least 1");
		}
		if !(1..=1000).contains(&self.batch_size) {
			bail!("`batch_size` must be between 1 and 1000 (the chain's largest batch)");
		}
		if let Some(endpoint) = &self.probe_endpoint {
			crate::probe::endpoint_address(endpoint).context("`probe_endpoint`")?;
			if self.probe_listen.is_none() {
				bail!("`probe_endpoint` is published but `probe_listen` is not set");
			}
		}
		let mut ids = BTreeSet::new();
		for device in &self.devices {
			let field = |f: &str| format!("device {}: `{f}`", device.id);
			if !ids.insert(device.id) {
				bail!("device {}: listed twice", device.id);
			}
			match (&device.key, &device.public) {
				(Some(_), Some(_)) => bail!("{}: give `key` or `public`, not both", field("key")),
				(None, None) => {
					bail!("{}: missing: a key file, or `public` and a `keystore`", field("key"))
				},
				(None, Some(_)) if self.keystore.is_none() => {
					bail!(
						"{}: a device found by its key needs the agent's `keystore`",
						field("public")
					)
				},
				_ => {},
			}
			device.source.validate().map_err(|e| anyhow::anyhow!("{}: {e}", field("source")))?;
			for (name, selector) in &device.metrics {
				if !METRIC_NAMES.contains(&name.as_str()) {
					bail!(
						"{}: unknown metric `{name}` (one of {})",
						field("metrics"),
						METRIC_NAMES.join(", ")
					);
				}
				selector
					.validate(&device.source)
					.map_err(|e| anyhow::anyhow!("{}: {e}", field(&format!("metrics.{name}"))))?;
			}
			if let Some(meter) = &device.meter {
				meter
					.source
					.validate()
					.map_err(|e| anyhow::anyhow!("{}: {e}", field("meter.source")))?;
				meter
					.energy
					.validate(&meter.source)
					.map_err(|e| anyhow::anyhow!("{}: {e}", field("meter.energy")))?;
			}
		}
		Ok(())
	}
}

impl VerifierConfig {
	/// Reads and checks `path`.
	pub fn load(path: &Path) -> Result<Self> {
		let mut config: VerifierConfig = read(path)?;
		config.check().with_context(|| format!("{}", path.display()))?;
		let dir = path.parent().unwrap_or(Path::new("."));
		config.state_file = dir.join(&config.state_file);
		match &mut config.account {
			AccountSource::File(file) => *file = dir.join(&*file),
			AccountSource::Keystore { dir: keystore, .. } => *keystore = dir.join(&*keystore),
			AccountSource::Uri(_) => {},
		}
		Ok(config)
	}

	/// Checks what serde cannot.
	pub fn check(&self) -> Result<()> {
		check_node(&self.node)?;
		if self.probes_per_epoch < atlas_primitives::probe::MIN_LIVENESS_PROBES {
			bail!(
				"`probes_per_epoch` must be at least {} (the protocol's minimum)",
				atlas_primitives::probe::MIN_LIVENESS_PROBES
			);
		}
		if self.transfer_bytes == 0 || self.transfer_bytes > crate::probe::MAX_TRANSFER {
			bail!("`transfer_bytes` must be between 1 and {}", crate::probe::MAX_TRANSFER);
		}
		if !(2..=crate::probe::MAX_BENCHMARK_N).contains(&self.benchmark_n) {
			bail!("`benchmark_n` must be between 2 and {}", crate::probe::MAX_BENCHMARK_N);
		}
		if self.onion_length < 2 {
			bail!("`onion_length` must be at least 2");
		}
		if self.bond.is_some() && self.proxy_for.is_some() {
			bail!("`bond`: a proxy cannot bond for its verifier; bond with the verifier's own key");
		}
		Ok(())
	}
}

fn check_node(node: &str) -> Result<()> {
	if !(node.starts_with("ws://") || node.starts_with("wss://")) {
		bail!("`node` must be a ws:// or wss:// address, got `{node}`");
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn agent(text: &str) -> Result<AgentConfig> {
		let config: AgentConfig = toml::from_str(text).map_err(|e| anyhow::anyhow!("{e}"))?;
		config.check()?;
		Ok(config)
	}

	const GPU: &str = r#"
		account = { uri = "//Dave" }
		state_file = "state.json"
		[[device]]
		id = 3
		key = "gpu.key"
		source = { kind = "prometheus", url = "http://127.0.0.1:9400/metrics" }
		metrics.compute = { series = "DCGM_FI_DEV_GPU_UTIL", kind = "gauge", scale = 0.01 }
	"#;

	#[test]
	fn a_device_config_reads() {
		let config = agent(GPU).unwrap();
		assert_eq!(config.node, "ws://127.0.0.1:9944");
		assert_eq!(config.devices[0].id, 3);
		assert_eq!(config.devices[0].metrics["compute"].scale, 0.01);
		assert_eq!(config.batch_size, 500);
	}

	#[test]
	fn errors_name_the_field() {
		let err = |text: &str| format!("{:#}", agent(text).unwrap_err());
		let e = err(&GPU.replace("state_file", "state_fil"));
		assert!(e.contains("state_fil"), "{e}");
		let e = err(&GPU.replace("metrics.compute", "metrics.gpu"));
		assert!(e.contains("unknown metric `gpu`") && e.contains("device 3"), "{e}");
		let e = err(&GPU.replace("series = \"DCGM_FI_DEV_GPU_UTIL\", ", ""));
		assert!(e.contains("metrics.compute") && e.contains("series"), "{e}");
		let e = err(&GPU.replace("http://127.0.0.1:9400", "ftp://x"));
		assert!(e.contains("device 3: `source`"), "{e}");
		let e = err(&format!("node = \"http://x\"\n{GPU}"));
		assert!(e.contains("`node`"), "{e}");
		let e = err(&format!("batch_size = 5000\n{GPU}"));
		assert!(e.contains("`batch_size`"), "{e}");
		let e = err(&format!("{GPU}\n[[device]]\nid = 3\nkey = \"k\"\nsource = {{ kind = \"prometheus\", url = \"http://a:1/m\" }}\n"));
		assert!(e.contains("listed twice"), "{e}");
		let e = err(&GPU.replace("key = \"gpu.key\"", ""));
		assert!(e.contains("device 3: `key`: missing"), "{e}");
		let e = err(&GPU.replace("key = \"gpu.key\"", "public = \"sr25519:0x01\""));
		assert!(e.contains("device 3: `public`") && e.contains("`keystore`"), "{e}");
		let e = err(&GPU.replace("key = \"gpu.key\"", "key = \"k\"\npublic = \"0x01\""));
		assert!(e.contains("not both"), "{e}");
		agent(&format!(
			"keystore = \"keys\"\n{}",
			GPU.replace("key = \"gpu.key\"", "public = \"sr25519:0x01\"")
		))
		.unwrap();
	}

	#[test]
	fn the_example_configs_are_valid() {
		let config: AgentConfig = toml::from_str(include_str!("../examples/agent.toml")).unwrap();
		config.check().unwrap();
		assert_eq!(config.devices.len(), 5);
		let verifier: VerifierConfig =
			toml::from_str(include_str!("../examples/verifier.toml")).unwrap();
		verifier.check().unwrap();
	}

	#[test]
	fn verifier_configs_check_their_limits() {
		let base = "account = { uri = \"//Eve\" }\nstate_file = \"v.json\"\n";
		let config: VerifierConfig = toml::from_str(base).unwrap();
		config.check().unwrap();
		assert_eq!(config.probes_per_epoch, 6);
		let few: VerifierConfig = toml::from_str(&format!("{base}probes_per_epoch = 2\n")).unwrap();
		assert!(format!("{:#}", few.check().unwrap_err()).contains("probes_per_epoch"));
		let proxy: VerifierConfig =
			toml::from_str(&format!("{base}bond = 5\nproxy_for = \"0x00\"\n")).unwrap();
		assert!(format!("{:#}", proxy.check().unwrap_err()).contains("`bond`"));
	}
}
