//! A device simulator for tests and demos: serves, for each simulated device, the metric series a
//! real one would export (Prometheus text and a JSON status over HTTP, SunSpec-like holding
//! registers over Modbus TCP for energy devices).
//!
//! Counters grow with the time since the simulator started, so a restarted simulator starts
//! them from zero again, like a rebooted device. A device may `lie`: what its exporters show is
//! its true value multiplied by that factor, so verifiers and tests can catch it.

use crate::{http, modbus, prometheus};
use anyhow::{bail, Context};
use std::collections::BTreeSet;
use std::f64::consts::TAU;
use std::fmt;
use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use tokio::net::TcpListener;

/// The default transmit rate of a connectivity device, bytes per second.
pub const DEFAULT_CONNECTIVITY_RATE: f64 = 2_000_000.0;
/// The default power of an energy device, watts.
pub const DEFAULT_WATTS: f64 = 3_000.0;
/// The default sampling rate of a sensing device: one sample a minute.
pub const DEFAULT_SENSING_RATE: f64 = 1.0 / 60.0;
/// The mean simulated GPU utilisation, percent (it varies between 70 and 95).
pub const GPU_UTIL_MEAN: f64 = 82.5;
/// How far simulated GPU utilisation swings around its mean, percent.
pub const GPU_UTIL_AMPLITUDE: f64 = 12.5;
/// The period of the simulated GPU utilisation's swing, seconds.
pub const GPU_UTIL_PERIOD_SECS: f64 = 300.0;
/// The most GPUs one compute device may have.
pub const MAX_GPUS: u32 = 64;

/// The Modbus protocol address of SunSpec `W` (AC power, int16, × 10^W_SF watts).
pub const REGISTER_W: u16 = 40083;
/// The Modbus protocol address of SunSpec `W_SF` (int16 scale factor of `W`).
pub const REGISTER_W_SF: u16 = 40084;
/// The Modbus protocol address of SunSpec `WH` (acc32 lifetime energy, Wh, two registers).
pub const REGISTER_WH: u16 = 40093;
/// The Modbus protocol address of SunSpec `WH_SF` (int16 scale factor of `WH`, always 0 here).
pub const REGISTER_WH_SF: u16 = 40095;

/// What kind of device is simulated, which decides the series it exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimClass {
	/// A GPU server: per-GPU utilisation gauges (an NVIDIA DCGM exporter).
	Compute,
	/// A router or hotspot: a transmitted-bytes counter (node_exporter).
	Connectivity,
	/// A solar inverter: an energy counter and a power gauge, also over Modbus.
	Energy,
	/// A weather station: a samples counter.
	Sensing,
}

impl SimClass {
	/// The class as written in a device spec (`compute`, `connectivity`, `energy`, `sensing`).
	pub fn name(&self) -> &'static str {
		match self {
			SimClass::Compute => "compute",
			SimClass::Connectivity => "connectivity",
			SimClass::Energy => "energy",
			SimClass::Sensing => "sensing",
		}
	}
}

impl fmt::Display for SimClass {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(self.name())
	}
}

impl FromStr for SimClass {
	type Err = String;

	fn from_str(text: &str) -> Result<Self, String> {
		match text {
			"compute" => Ok(SimClass::Compute),
			"connectivity" => Ok(SimClass::Connectivity),
			"energy" => Ok(SimClass::Energy),
			"sensing" => Ok(SimClass::Sensing),
			other => Err(format!(
				"unknown class `{other}` (expected compute, connectivity, energy or sensing)"
			)),
		}
	}
}

/// One simulated device: `name:class[:key=value...]`, e.g. `gpu-1:compute:gpus=2`,
/// `router-1:connectivity:rate=2000000`, `solar-1:energy:watts=3000:lie=5`,
/// `wx-1:sensing:rate=0.5`.
#[derive(Debug, Clone, PartialEq)]
pub struct SimDevice {
	/// The device's name, used in its URLs and as the `device` label.
	pub name: String,
	/// What kind of device it is.
	pub class: SimClass,
	/// How fast its counter grows per second: bytes (connectivity), Wh (energy, watts / 3600),
	/// samples (sensing); unused (0) for compute.
	pub rate: f64,
	/// How many GPUs a compute device has (0 for other classes).
	pub gpus: u32,
	/// The factor what the device exports is multiplied by (1 for an honest device).
	pub lie: f64,
}

impl SimDevice {
	/// A device of `class` with that class's defaults: one GPU, 2,000,000 bytes/s, 3000 W or
	/// one sample a minute, and honest.
	pub fn new(name: impl Into<String>, class: SimClass) -> Self {
		let (rate, gpus) = match class {
			SimClass::Compute => (0.0, 1),
			SimClass::Connectivity => (DEFAULT_CONNECTIVITY_RATE, 0),
			SimClass::Energy => (DEFAULT_WATTS / 3600.0, 0),
			SimClass::Sensing => (DEFAULT_SENSING_RATE, 0),
		};
		SimDevice { name: name.into(), class, rate, gpus, lie: 1.0 }
	}

	/// The true value of the device's counter `elapsed_secs` after the simulator started:
	/// whole bytes (connectivity), Wh (energy), whole samples (sensing). `None` for compute,
	/// which exports gauges only.
	pub fn true_counter(&self, elapsed_secs: f64) -> Option<f64> {
		self.counter(elapsed_secs, 1.0)
	}

	/// The counter the device exports at `elapsed_secs`: the true one multiplied by `lie`.
	pub fn exported_counter(&self, elapsed_secs: f64) -> Option<f64> {
		self.counter(elapsed_secs, self.lie)
	}

	fn counter(&self, elapsed_secs: f64, factor: f64) -> Option<f64> {
		let value = self.rate * elapsed_secs.max(0.0) * factor;
		match self.class {
			SimClass::Compute => None,
			SimClass::Energy => Some(value),
			SimClass::Connectivity | SimClass::Sensing => Some(value.floor()),
		}
	}

	/// The true power of an energy device in watts (0 for other classes).
	pub fn true_watts(&self) -> f64 {
		match self.class {
			SimClass::Energy => self.rate * 3600.0,
			_ => 0.0,
		}
	}

	/// The true utilisation of GPU `gpu` at `elapsed_secs`, percent: a smooth swing between
	/// 70 and 95 with a phase of its own per device and GPU.
	pub fn true_gpu_util(&self, gpu: u32, elapsed_secs: f64) -> f64 {
		let omega = TAU / GPU_UTIL_PERIOD_SECS;
		GPU_UTIL_MEAN + GPU_UTIL_AMPLITUDE * (omega * elapsed_secs + self.gpu_phase(gpu)).sin()
	}

	/// The true integral of the summed utilisation of all GPUs from the start to
	/// `elapsed_secs`, percent × seconds: what an honest gauge integration should approach.
	pub fn true_gpu_util_integral(&self, elapsed_secs: f64) -> f64 {
		let omega = TAU / GPU_UTIL_PERIOD_SECS;
		let t = elapsed_secs.max(0.0);
		(0..self.gpus)
			.map(|gpu| {
				let phase = self.gpu_phase(gpu);
				GPU_UTIL_MEAN * t
					+ GPU_UTIL_AMPLITUDE / omega * (phase.cos() - (omega * t + phase).cos())
			})
			.sum()
	}

	fn gpu_phase(&self, gpu: u32) -> f64 {
		// FNV-1a of the name spreads devices over the cycle.
		let hash = self.name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
			(hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
		});
		(hash % 1000) as f64 / 1000.0 * TAU + f64::from(gpu) * 1.1
	}
}

/// The characters a device name may use (it appears in URLs and labels).
fn valid_name(name: &str) -> bool {
	!name.is_empty()
		&& name.len() <= 64
		&& name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn non_negative(spec: &str, key: &str, value: &str) -> Result<f64, String> {
	match value.parse::<f64>() {
		Ok(number) if number.is_finite() && number >= 0.0 => Ok(number),
		_ => Err(format!("`{spec}`: `{key}={value}` must be a finite, non-negative number")),
	}
}

impl FromStr for SimDevice {
	type Err = String;

	fn from_str(spec: &str) -> Result<Self, String> {
		let mut parts = spec.split(':');
		let name = parts.next().unwrap_or("");
		if !valid_name(name) {
			return Err(format!(
				"`{spec}`: the device name `{name}` must be 1 to 64 letters, digits, `-`, `_` or `.`"
			));
		}
		let class = parts
			.next()
			.ok_or_else(|| {
				format!(
					"`{spec}`: missing the class; expected name:class[:key=value...], e.g. \
					 gpu-1:compute:gpus=2"
				)
			})?
			.parse::<SimClass>()
			.map_err(|error| format!("`{spec}`: {error}"))?;
		let mut device = SimDevice::new(name, class);
		for part in parts {
			let (key, value) = part
				.split_once('=')
				.ok_or_else(|| format!("`{spec}`: `{part}` is not key=value"))?;
			match (key, class) {
				("lie", _) => device.lie = non_negative(spec, key, value)?,
				("rate", SimClass::Connectivity | SimClass::Sensing) => {
					device.rate = non_negative(spec, key, value)?
				},
				("watts", SimClass::Energy) => {
					device.rate = non_negative(spec, key, value)? / 3600.0
				},
				("gpus", SimClass::Compute) => {
					device.gpus =
						value
							.parse::<u32>()
							.ok()
							.filter(|gpus| (1..=MAX_GPUS).contains(gpus))
							.ok_or_else(|| {
								format!("`{spec}`: `gpus={value}` must be a whole number 1 to {MAX_GPUS}")
							})?
				},
				("rate" | "watts" | "gpus", _) => {
					return Err(format!("`{spec}`: `{key}` does not apply to a {class} device"))
				},
				_ => {
					return Err(format!(
						"`{spec}`: unknown key `{key}` (expected rate, watts, gpus or lie)"
					))
				},
			}
		}
		Ok(device)
	}
}

/// What the simulator serves and where.
#[derive(Debug, Clone, PartialEq)]
pub struct SimConfig {
	/// Where to serve HTTP (the devices' Prometheus and JSON endpoints).
	pub http: SocketAddr,
	/// Where to serve Modbus TCP for the energy devices, if at all.
	pub modbus: Option<SocketAddr>,
	/// The simulated devices.
	pub devices: Vec<SimDevice>,
}

/// Runs the simulator until the process is stopped: binds its listeners, prints one line per
/// device with its endpoints, then serves.
pub async fn run(config: SimConfig) -> anyhow::Result<()> {
	check_devices(&config.devices, config.modbus.is_some())?;
	let http_listener = TcpListener::bind(config.http)
		.await
		.with_context(|| format!("binding the simulator's HTTP address {}", config.http))?;
	let modbus_listener = match config.modbus {
		Some(address) => Some(
			TcpListener::bind(address)
				.await
				.with_context(|| format!("binding the simulator's Modbus address {address}"))?,
		),
		None => None,
	};
	let http_address = http_listener.local_addr().context("the HTTP listener's address")?;
	let modbus_address = match &modbus_listener {
		Some(listener) => Some(listener.local_addr().context("the Modbus listener's address")?),
		None => None,
	};
	for line in endpoints(&config.devices, http_address, modbus_address) {
		println!("{line}");
	}
	tracing::info!("simulator: every device's series at http://{http_address}/metrics");
	serve(config.devices, http_listener, modbus_listener).await
}

/// One line per device naming its endpoints, e.g.
/// `solar-1 energy metrics=http://…/devices/solar-1/metrics status=http://…/status.json
/// modbus=127.0.0.1:1502 unit=1`.
pub fn endpoints(
	devices: &[SimDevice],
	http: SocketAddr,
	modbus: Option<SocketAddr>,
) -> Vec<String> {
	let mut unit = 0u32;
	devices
		.iter()
		.map(|device| {
			let base = format!("http://{http}/devices/{}", device.name);
			let mut line = format!(
				"{} {} metrics={base}/metrics status={base}/status.json",
				device.name, device.class
			);
			if device.class == SimClass::Energy {
				unit = unit.saturating_add(1);
				if let Some(modbus) = modbus {
					line.push_str(&format!(" modbus={modbus} unit={unit}"));
				}
			}
			line
		})
		.collect()
}

/// Checks the devices can be served together: at least one, unique names, and when Modbus is
/// served at most 247 energy devices (its unit ids).
fn check_devices(devices: &[SimDevice], modbus: bool) -> anyhow::Result<()> {
	if devices.is_empty() {
		bail!("the simulator needs at least one device");
	}
	let mut names = BTreeSet::new();
	for device in devices {
		if !valid_name(&device.name) {
			bail!("invalid device name `{}`", device.name);
		}
		if !names.insert(device.name.as_str()) {
			bail!("the device name `{}` is used twice", device.name);
		}
	}
	let energy = devices.iter().filter(|device| device.class == SimClass::Energy).count();
	if modbus && energy > 247 {
		bail!("{energy} energy devices, more than the 247 Modbus unit ids");
	}
	Ok(())
}

/// Serves the devices on already-bound listeners until the process is stopped (what [`run`]
/// does after binding; tests call it with ephemeral ports).
pub async fn serve(
	devices: Vec<SimDevice>,
	http_listener: TcpListener,
	modbus_listener: Option<TcpListener>,
) -> anyhow::Result<()> {
	check_devices(&devices, modbus_listener.is_some())?;
	let state = Arc::new(State::new(devices));
	let handler: http::Handler = {
		let state = state.clone();
		Arc::new(move |path: &str| state.handle(path))
	};
	let http_task = http::serve(http_listener, handler);
	match modbus_listener {
		Some(listener) => {
			let registers: modbus::Registers = {
				let state = state.clone();
				Arc::new(move |unit, start, count| state.registers(unit, start, count))
			};
			tokio::join!(http_task, modbus::serve(listener, registers));
		},
		None => http_task.await,
	}
	Ok(())
}

/// The running simulator: its devices and when it started.
struct State {
	devices: Vec<SimDevice>,
	started: Instant,
	boot_unix_secs: f64,
}

/// One metric family being rendered.
struct Family {
	name: &'static str,
	help: &'static str,
	kind: &'static str,
	samples: Vec<(Vec<(&'static str, String)>, f64)>,
}

impl State {
	fn new(devices: Vec<SimDevice>) -> Self {
		let boot_unix_secs =
			SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
		State { devices, started: Instant::now(), boot_unix_secs }
	}

	fn elapsed(&self) -> f64 {
		self.started.elapsed().as_secs_f64()
	}

	fn device(&self, name: &str) -> Option<&SimDevice> {
		self.devices.iter().find(|device| device.name == name)
	}

	fn handle(&self, path: &str) -> http::Response {
		let elapsed = self.elapsed();
		if path == "/metrics" {
			let devices: Vec<&SimDevice> = self.devices.iter().collect();
			return http::Response::prometheus(self.exposition(&devices, elapsed, true));
		}
		let Some(rest) = path.strip_prefix("/devices/") else {
			return http::Response::not_found(path);
		};
		let Some((name, endpoint)) = rest.split_once('/') else {
			return http::Response::not_found(path);
		};
		let Some(device) = self.device(name) else {
			return http::Response::not_found(path);
		};
		match endpoint {
			"metrics" => http::Response::prometheus(self.exposition(&[device], elapsed, false)),
			"status.json" => http::Response::json(status_json(device, elapsed)),
			_ => http::Response::not_found(path),
		}
	}

	/// The Prometheus exposition of `devices`; with `device_label`, every sample also carries
	/// `device="<name>"` (a label of the series' own named `device` becomes `exported_device`,
	/// as Prometheus renames clashing labels).
	fn exposition(&self, devices: &[&SimDevice], elapsed: f64, device_label: bool) -> String {
		let mut families = [
			Family {
				name: "node_boot_time_seconds",
				help: "Node boot time, in unixtime.",
				kind: "gauge",
				samples: Vec::new(),
			},
			Family {
				name: "node_time_seconds",
				help: "System time in seconds since epoch (1970).",
				kind: "gauge",
				samples: Vec::new(),
			},
			Family {
				name: "DCGM_FI_DEV_GPU_UTIL",
				help: "GPU utilization (in %).",
				kind: "gauge",
				samples: Vec::new(),
			},
			Family {
				name: "node_network_transmit_bytes_total",
				help: "Network device statistic transmit_bytes.",
				kind: "counter",
				samples: Vec::new(),
			},
			Family {
				name: "inverter_energy_wh_total",
				help: "Lifetime energy produced by the inverter, in Wh.",
				kind: "counter",
				samples: Vec::new(),
			},
			Family {
				name: "inverter_power_watts",
				help: "AC power output of the inverter, in W.",
				kind: "gauge",
				samples: Vec::new(),
			},
			Family {
				name: "weather_samples_total",
				help: "Weather samples taken since boot.",
				kind: "counter",
				samples: Vec::new(),
			},
		];
		for device in devices {
			let labels = |own: Vec<(&'static str, String)>| {
				if !device_label {
					return own;
				}
				let mut labels = vec![("device", device.name.clone())];
				for (key, value) in own {
					labels.push((if key == "device" { "exported_device" } else { key }, value));
				}
				labels
			};
			let [boot, time, gpu, network, energy, power, weather] = &mut families;
			boot.samples.push((labels(vec![]), self.boot_unix_secs));
			time.samples.push((labels(vec![]), self.boot_unix_secs + elapsed));
			match device.class {
				SimClass::Compute => {
					for index in 0..device.gpus {
						let util = device.true_gpu_util(index, elapsed) * device.lie;
						gpu.samples.push((labels(vec![("gpu", index.to_string())]), util));
					}
				},
				SimClass::Connectivity => {
					let bytes = device.exported_counter(elapsed).unwrap_or(0.0);
					network.samples.push((labels(vec![("device", "eth0".to_string())]), bytes));
				},
				SimClass::Energy => {
					let wh = device.exported_counter(elapsed).unwrap_or(0.0);
					energy.samples.push((labels(vec![]), wh));
					power.samples.push((labels(vec![]), device.true_watts() * device.lie));
				},
				SimClass::Sensing => {
					let samples = device.exported_counter(elapsed).unwrap_or(0.0);
					weather.samples.push((labels(vec![]), samples));
				},
			}
		}
		let mut out = String::new();
		for family in families.iter().filter(|family| !family.samples.is_empty()) {
			prometheus::render(&mut out, family.name, family.help, family.kind, &family.samples);
		}
		out
	}

	/// The holding registers of energy device `unit` (1-based, in order of the energy devices),
	/// or `None` when the unit or any register does not exist.
	fn registers(&self, unit: u8, start: u16, count: u16) -> Option<Vec<u16>> {
		let index = usize::from(unit).checked_sub(1)?;
		let device =
			self.devices.iter().filter(|device| device.class == SimClass::Energy).nth(index)?;
		let elapsed = self.elapsed();
		// The registers are the revenue meter's: always the truth, whatever the device's own
		// exporters claim (`lie`), so verifiers reading the meter catch a lying exporter.
		let (w, w_sf) = power_registers(device.true_watts());
		// Whole Wh in an acc32, which rolls over at 2^32 (u64_to_words keeps the low words).
		let wh = device.true_counter(elapsed).unwrap_or(0.0).floor() as u64;
		let wh_words = modbus::u64_to_words(wh, 2);
		let end = start.checked_add(count)?;
		(start..end)
			.map(|address| match address {
				REGISTER_W => Some(w),
				REGISTER_W_SF => Some(w_sf),
				REGISTER_WH => wh_words.first().copied(),
				a if a == REGISTER_WH + 1 => wh_words.get(1).copied(),
				REGISTER_WH_SF => Some(0),
				_ => None,
			})
			.collect()
	}
}

/// SunSpec `W` and `W_SF` for `watts`: the int16 value and the smallest non-negative scale
/// factor that makes it fit, each as the register's 16 bits.
fn power_registers(watts: f64) -> (u16, u16) {
	let mut scaled = watts.max(0.0);
	let mut sf: i16 = 0;
	while scaled.round() > f64::from(i16::MAX) && sf < 10 {
		scaled /= 10.0;
		sf = sf.saturating_add(1);
	}
	// Float-to-int `as` saturates; the value is within 0..=32767 here.
	let value = scaled.round().min(f64::from(i16::MAX)) as i16;
	(u16::from_ne_bytes(value.to_ne_bytes()), u16::from_ne_bytes(sf.to_ne_bytes()))
}

/// The JSON status of a device at `elapsed` seconds: its uptime and its class's fields (what it
/// exports, `lie` included).
fn status_json(device: &SimDevice, elapsed: f64) -> String {
	let mut status = serde_json::Map::new();
	status.insert("uptime_secs".into(), serde_json::json!(elapsed));
	let exported = device.exported_counter(elapsed).unwrap_or(0.0);
	match device.class {
		SimClass::Compute => {
			let gpus = device.gpus.max(1);
			let total: f64 =
				(0..device.gpus).map(|gpu| device.true_gpu_util(gpu, elapsed) * device.lie).sum();
			status.insert("gpus".into(), serde_json::json!(device.gpus));
			status.insert("gpu_util_percent".into(), serde_json::json!(total / f64::from(gpus)));
		},
		SimClass::Connectivity => {
			status.insert("bytes_total".into(), serde_json::json!(exported));
		},
		SimClass::Energy => {
			status.insert("energy_wh_total".into(), serde_json::json!(exported));
			status
				.insert("power_watts".into(), serde_json::json!(device.true_watts() * device.lie));
		},
		SimClass::Sensing => {
			status.insert("samples_total".into(), serde_json::json!(exported));
		},
	}
	serde_json::Value::Object(status).to_string()
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::sources::{self, Selector, SeriesKind, SourceConfig};
	use std::collections::BTreeMap;
	use std::time::Duration;

	fn device(spec: &str) -> SimDevice {
		spec.parse().unwrap()
	}

	#[test]
	fn parses_device_specs() {
		let gpu = device("gpu-1:compute:gpus=2");
		assert_eq!((gpu.class, gpu.gpus, gpu.lie), (SimClass::Compute, 2, 1.0));
		assert_eq!(device("gpu-2:compute").gpus, 1);
		let router = device("router-1:connectivity");
		assert_eq!(router.rate, DEFAULT_CONNECTIVITY_RATE);
		assert_eq!(device("router-2:connectivity:rate=5").rate, 5.0);
		let solar = device("solar-1:energy:watts=3000:lie=5");
		assert_eq!((solar.rate, solar.lie, solar.true_watts()), (3000.0 / 3600.0, 5.0, 3000.0));
		assert_eq!(device("solar-2:energy").true_watts(), DEFAULT_WATTS);
		assert_eq!(device("wx-1:sensing").rate, DEFAULT_SENSING_RATE);
		assert_eq!(device("wx-2:sensing:rate=0.5").rate, 0.5);

		let cases = [
			("", "device name"),
			("bad/name:compute", "device name `bad/name`"),
			("gpu-1", "missing the class"),
			("gpu-1:quantum", "unknown class `quantum`"),
			("gpu-1:compute:gpus", "`gpus` is not key=value"),
			("gpu-1:compute:gpus=0", "`gpus=0` must be a whole number"),
			("gpu-1:compute:gpus=1.5", "`gpus=1.5`"),
			("gpu-1:compute:rate=5", "`rate` does not apply to a compute device"),
			("solar-1:energy:rate=5", "`rate` does not apply to a energy device"),
			("router-1:connectivity:watts=5", "`watts` does not apply"),
			("router-1:connectivity:rate=-1", "`rate=-1` must be a finite, non-negative number"),
			("router-1:connectivity:lie=inf", "`lie=inf`"),
			("router-1:connectivity:colour=red", "unknown key `colour`"),
		];
		for (spec, needle) in cases {
			let error = spec.parse::<SimDevice>().unwrap_err();
			assert!(error.contains(needle), "{spec}: {error}");
		}
	}

	#[test]
	fn counters_and_gauges_follow_time() {
		let router = device("router-1:connectivity:rate=1000:lie=2");
		assert_eq!(router.true_counter(1.5), Some(1500.0));
		assert_eq!(router.exported_counter(1.5), Some(3000.0));
		assert_eq!(router.true_counter(0.0), Some(0.0));
		let solar = device("solar-1:energy:watts=3600");
		assert_eq!(solar.true_counter(10.0), Some(10.0));
		let wx = device("wx-1:sensing");
		assert_eq!(wx.true_counter(119.0), Some(1.0));
		let gpu = device("gpu-1:compute:gpus=3");
		assert_eq!(gpu.true_counter(10.0), None);
		let mut integral = 0.0;
		let step = 0.5;
		for i in 0..2000 {
			let t = f64::from(i) * step;
			for index in 0..3 {
				let util = gpu.true_gpu_util(index, t);
				assert!((70.0..=95.0).contains(&util), "{util}");
				integral += util * step;
			}
		}
		let exact = gpu.true_gpu_util_integral(1000.0);
		assert!((integral - exact).abs() / exact < 1e-3, "{integral} vs {exact}");
	}

	#[test]
	fn power_registers_fit_int16() {
		assert_eq!(power_registers(3000.0), (3000, 0));
		assert_eq!(power_registers(32_767.0), (32_767, 0));
		assert_eq!(power_registers(3_600_000.0), (3600, 3));
		assert_eq!(power_registers(-5.0), (0, 0));
	}

	#[test]
	fn endpoint_lines_name_each_device() {
		let devices =
			vec![device("gpu-1:compute"), device("solar-1:energy"), device("solar-2:energy")];
		let http: SocketAddr = "127.0.0.1:9100".parse().unwrap();
		let modbus: SocketAddr = "127.0.0.1:1502".parse().unwrap();
		let lines = endpoints(&devices, http, Some(modbus));
		assert_eq!(
			lines[0],
			"gpu-1 compute metrics=http://127.0.0.1:9100/devices/gpu-1/metrics \
			 status=http://127.0.0.1:9100/devices/gpu-1/status.json"
		);
		assert!(lines[1].ends_with(" modbus=127.0.0.1:1502 unit=1"), "{}", lines[1]);
		assert!(lines[2].ends_with(" modbus=127.0.0.1:1502 unit=2"), "{}", lines[2]);
		assert!(!endpoints(&devices, http, None)[1].contains("modbus"));
		assert!(check_devices(&[device("a:compute"), device("a:sensing")], true)
			.unwrap_err()
			.to_string()
			.contains("used twice"));
		assert!(check_devices(&[], true).is_err());
	}

	fn selector() -> Selector {
		Selector {
			series: None,
			labels: BTreeMap::new(),
			register: None,
			words: None,
			scale_factor_register: None,
			pointer: None,
			kind: SeriesKind::Counter,
			scale: 1.0,
		}
	}

	fn series(name: &str, labels: &[(&str, &str)]) -> Selector {
		Selector {
			series: Some(name.into()),
			labels: labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
			..selector()
		}
	}

	fn pointer(pointer: &str) -> Selector {
		Selector { pointer: Some(pointer.into()), ..selector() }
	}

	struct Running {
		http: String,
		modbus: String,
	}

	async fn start(devices: &[&str]) -> Running {
		let http_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let modbus_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let running = Running {
			http: format!("http://{}", http_listener.local_addr().unwrap()),
			modbus: modbus_listener.local_addr().unwrap().to_string(),
		};
		let devices = devices.iter().map(|spec| device(spec)).collect();
		tokio::spawn(async move {
			serve(devices, http_listener, Some(modbus_listener)).await.unwrap();
		});
		running
	}

	const TIMEOUT: Duration = Duration::from_secs(5);

	async fn prometheus_read(url: String, selectors: &[&Selector]) -> Vec<f64> {
		sources::read(&SourceConfig::Prometheus { url }, selectors, TIMEOUT).await.unwrap()
	}

	#[tokio::test]
	async fn serves_every_class_through_sources() {
		let sim = start(&[
			"gpu-1:compute:gpus=2",
			"router-1:connectivity:rate=1000000",
			"solar-1:energy:watts=3600000",
			"wx-1:sensing:rate=100",
		])
		.await;
		let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs_f64();

		// Compute: per-GPU utilisation gauges and the boot time.
		let url = format!("{}/devices/gpu-1/metrics", sim.http);
		let gpu0 =
			Selector { kind: SeriesKind::Gauge, ..series("DCGM_FI_DEV_GPU_UTIL", &[("gpu", "0")]) };
		let both = Selector { scale: 0.01, ..series("DCGM_FI_DEV_GPU_UTIL", &[]) };
		let boot = series("node_boot_time_seconds", &[]);
		let values = prometheus_read(url.clone(), &[&gpu0, &both, &boot]).await;
		assert!((70.0..=95.0).contains(&values[0]), "{values:?}");
		assert!((1.4..=1.9).contains(&values[1]), "{values:?}");
		assert!((values[2] - now).abs() < 5.0, "{values:?}");
		let json =
			SourceConfig::HttpJson { url: format!("{}/devices/gpu-1/status.json", sim.http) };
		let util = sources::read(&json, &[&pointer("/gpu_util_percent")], TIMEOUT).await.unwrap();
		assert!((70.0..=95.0).contains(&util[0]), "{util:?}");

		// Connectivity, energy and sensing counters increase.
		let router = format!("{}/devices/router-1/metrics", sim.http);
		let bytes = series("node_network_transmit_bytes_total", &[("device", "eth0")]);
		let solar = format!("{}/devices/solar-1/metrics", sim.http);
		let energy = series("inverter_energy_wh_total", &[]);
		let power = Selector { kind: SeriesKind::Gauge, ..series("inverter_power_watts", &[]) };
		let wx = format!("{}/devices/wx-1/metrics", sim.http);
		let samples = series("weather_samples_total", &[]);
		let modbus = SourceConfig::Modbus { address: sim.modbus.clone(), unit: 1 };
		let wh_register = Selector {
			register: Some(REGISTER_WH),
			words: Some(2),
			scale_factor_register: Some(REGISTER_WH_SF),
			..selector()
		};
		let w_register = Selector {
			register: Some(REGISTER_W),
			scale_factor_register: Some(REGISTER_W_SF),
			kind: SeriesKind::Gauge,
			..selector()
		};
		let status =
			SourceConfig::HttpJson { url: format!("{}/devices/router-1/status.json", sim.http) };
		let status_fields = [&pointer("/uptime_secs"), &pointer("/bytes_total")];

		let mut previous: Option<Vec<f64>> = None;
		for _ in 0..2 {
			let mut now = prometheus_read(router.clone(), &[&bytes]).await;
			now.extend(prometheus_read(solar.clone(), &[&energy, &power]).await);
			now.extend(prometheus_read(wx.clone(), &[&samples]).await);
			now.extend(
				sources::read(&modbus, &[&wh_register, &w_register], TIMEOUT).await.unwrap(),
			);
			now.extend(sources::read(&status, &status_fields, TIMEOUT).await.unwrap());
			// bytes, Wh, W, samples, modbus Wh, modbus W, uptime, status bytes
			assert_eq!(now[2], 3_600_000.0);
			assert_eq!(now[5], 3_600_000.0);
			// The status's bytes are the exported counter at its uptime, exactly.
			let router_device = device("router-1:connectivity:rate=1000000");
			assert_eq!(router_device.exported_counter(now[6]), Some(now[7]));
			if let Some(previous) = &previous {
				for index in [0, 1, 3, 4, 6, 7] {
					assert!(now[index] > previous[index], "{index}: {previous:?} → {now:?}");
				}
			}
			previous = Some(now);
			tokio::time::sleep(Duration::from_millis(300)).await;
		}

		// Unknown paths, devices, registers and units.
		let (code, _) =
			http::get(&format!("{}/devices/nope/metrics", sim.http), TIMEOUT).await.unwrap();
		assert_eq!(code, 404);
		let (code, _) =
			http::get(&format!("{}/devices/gpu-1/other", sim.http), TIMEOUT).await.unwrap();
		assert_eq!(code, 404);
		let (code, _) = http::get(&format!("{}/", sim.http), TIMEOUT).await.unwrap();
		assert_eq!(code, 404);
		let error = modbus::read_holding_registers(&sim.modbus, 1, REGISTER_W, 3, TIMEOUT)
			.await
			.unwrap_err();
		assert!(format!("{error:#}").contains("exception 2"), "{error:#}");
		let error = modbus::read_holding_registers(&sim.modbus, 2, REGISTER_W, 1, TIMEOUT)
			.await
			.unwrap_err();
		assert!(format!("{error:#}").contains("exception 2"), "{error:#}");
	}

	#[tokio::test]
	async fn lie_multiplies_what_is_exported() {
		let sim = start(&[
			"honest:connectivity:rate=1000000",
			"liar:connectivity:rate=1000000:lie=5",
			"sun:energy:watts=3600000:lie=2",
		])
		.await;
		tokio::time::sleep(Duration::from_millis(200)).await;
		// One exposition renders both at the same instant.
		let url = format!("{}/metrics", sim.http);
		let honest = series("node_network_transmit_bytes_total", &[("device", "honest")]);
		let liar = series("node_network_transmit_bytes_total", &[("device", "liar")]);
		let interface = series("node_network_transmit_bytes_total", &[("exported_device", "eth0")]);
		let values = prometheus_read(url.clone(), &[&honest, &liar, &interface]).await;
		assert!(values[0] > 0.0);
		assert!((values[1] / values[0] - 5.0).abs() < 1e-3, "{values:?}");
		assert_eq!(values[2], values[0] + values[1]);

		let status =
			SourceConfig::HttpJson { url: format!("{}/devices/liar/status.json", sim.http) };
		let read =
			sources::read(&status, &[&pointer("/uptime_secs"), &pointer("/bytes_total")], TIMEOUT)
				.await
				.unwrap();
		let liar_device = device("liar:connectivity:rate=1000000:lie=5");
		let truth = liar_device.true_counter(read[0]).unwrap();
		assert!((read[1] / truth - 5.0).abs() < 1e-3, "{read:?} vs {truth}");

		let modbus = SourceConfig::Modbus { address: sim.modbus.clone(), unit: 1 };
		let w = Selector {
			register: Some(REGISTER_W),
			scale_factor_register: Some(REGISTER_W_SF),
			..selector()
		};
		// The meter's registers tell the truth, whatever the exporters claim.
		let values = sources::read(&modbus, &[&w], TIMEOUT).await.unwrap();
		assert_eq!(values, vec![3_600_000.0]);
	}
}
