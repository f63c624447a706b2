//! A device's metric source (where its readings come from) and the selectors saying what to
//! read from it, as written in the agent's config file, and the reading itself.
//!
//! ```toml
//! [devices.source]
//! kind = "modbus"
//! address = "192.168.1.50:502"
//! unit = 1
//!
//! [devices.metrics.energy]
//! register = 40093
//! words = 2
//! scale_factor_register = 40095
//! ```

use crate::{http, modbus, prometheus};
use anyhow::{anyhow, bail, Context};
use std::collections::BTreeMap;
use std::fmt;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt};

/// The most a command source may print on stdout.
const MAX_COMMAND_OUTPUT: usize = http::MAX_BODY;
/// How much of a command's stderr is kept for an error message.
const MAX_COMMAND_STDERR: usize = 64 * 1024;
/// The largest SunSpec scale factor accepted (SunSpec allows -10..=10).
const MAX_SCALE_FACTOR: i16 = 10;
/// The SunSpec `sunssf` value meaning "not implemented".
const SCALE_FACTOR_NOT_IMPLEMENTED: u16 = 0x8000;

/// Where a device's metrics are read from (a table in the agent's config file).
#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SourceConfig {
	/// A Prometheus text endpoint (node_exporter, NVIDIA DCGM exporter, an inverter exporter).
	Prometheus {
		/// The `http://host:port/path` of the exposition.
		url: String,
	},
	/// Holding registers of a Modbus TCP device (a SunSpec inverter or meter).
	Modbus {
		/// The device's `host:port` (Modbus TCP is usually port 502).
		address: String,
		/// The unit id of the device behind that address.
		unit: u8,
	},
	/// An HTTP endpoint answering a JSON document.
	HttpJson {
		/// The `http://host:port/path` of the document.
		url: String,
	},
	/// A command that prints Prometheus text exposition on stdout.
	Command {
		/// The program to run (a path, or a name looked up in `PATH`).
		program: String,
		/// Its arguments.
		#[serde(default)]
		args: Vec<String>,
	},
}

/// How readings of one series become an epoch's amount.
#[derive(Debug, Clone, Copy, serde::Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum SeriesKind {
	/// A monotonic counter: the amount is its increase (a reset starts from zero).
	#[default]
	Counter,
	/// A gauge: the amount is its integral over time (value × seconds).
	Gauge,
}

fn one() -> f64 {
	1.0
}

/// What to read for one metric.
#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Selector {
	/// Prometheus and command sources: the series name.
	pub series: Option<String>,
	/// Prometheus and command sources: label matchers; the matching samples are summed.
	#[serde(default)]
	pub labels: BTreeMap<String, String>,
	/// Modbus: the first holding register (protocol address, 0-based).
	pub register: Option<u16>,
	/// Modbus: 1, 2 or 4 registers, big-endian word order, unsigned (default 1).
	pub words: Option<u8>,
	/// Modbus: a SunSpec int16 scale factor register: the value is multiplied by 10^sf.
	pub scale_factor_register: Option<u16>,
	/// HTTP JSON: an RFC 6901 JSON pointer to a number.
	pub pointer: Option<String>,
	/// Whether the series is a counter or a gauge.
	#[serde(default)]
	pub kind: SeriesKind,
	/// Multiplies the value (e.g. 0.01 for a percentage).
	#[serde(default = "one")]
	pub scale: f64,
}

impl SourceConfig {
	/// The source's kind as written in the config file (`prometheus`, `modbus`, `http_json`,
	/// `command`), for messages.
	pub fn kind_name(&self) -> &'static str {
		match self {
			SourceConfig::Prometheus { .. } => "prometheus",
			SourceConfig::Modbus { .. } => "modbus",
			SourceConfig::HttpJson { .. } => "http_json",
			SourceConfig::Command { .. } => "command",
		}
	}

	/// Checks the source itself: a URL is `http://host[:port][/path]`, an address is
	/// `host:port`, a program is not empty. The message names the offending field.
	pub fn validate(&self) -> Result<(), String> {
		match self {
			SourceConfig::Prometheus { url } | SourceConfig::HttpJson { url } => {
				let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
				if lower.starts_with("https://") {
					return Err(format!(
						"`url` must start with http:// (https is not supported for metric \
						 sources), not `{url}`"
					));
				}
				if !lower.starts_with("http://") {
					return Err(format!("`url` must start with http://, not `{url}`"));
				}
				http::check_url(url).map_err(|error| format!("`url`: {error}"))
			},
			SourceConfig::Modbus { address, .. } => {
				let bad = || {
					format!("`address` must be host:port (e.g. 192.168.1.50:502), not `{address}`")
				};
				let (host, port) = address.rsplit_once(':').ok_or_else(bad)?;
				if host.is_empty() || host.contains(char::is_whitespace) {
					return Err(bad());
				}
				match port.parse::<u16>() {
					Ok(port) if port != 0 => Ok(()),
					_ => Err(bad()),
				}
			},
			SourceConfig::Command { program, .. } => {
				if program.trim().is_empty() {
					Err("`program` must not be empty".to_string())
				} else {
					Ok(())
				}
			},
		}
	}
}

impl fmt::Display for SourceConfig {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			SourceConfig::Prometheus { url } => write!(f, "prometheus source {url}"),
			SourceConfig::HttpJson { url } => write!(f, "http_json source {url}"),
			SourceConfig::Modbus { address, unit } => {
				write!(f, "modbus source {address} unit {unit}")
			},
			SourceConfig::Command { program, .. } => write!(f, "command source `{program}`"),
		}
	}
}

impl Selector {
	/// Checks the fields fit the source kind: names the missing or misplaced field, e.g.
	/// "`series` is required for a prometheus source", "`register` is not used by a prometheus
	/// source", "`words` must be 1, 2 or 4", "`scale` must be finite and positive".
	pub fn validate(&self, source: &SourceConfig) -> Result<(), String> {
		let kind = source.kind_name();
		let required = |field: &str| Err(format!("`{field}` is required for a {kind} source"));
		let unused = |field: &str, present: bool| {
			if present {
				Err(format!("`{field}` is not used by a {kind} source"))
			} else {
				Ok(())
			}
		};
		if !(self.scale.is_finite() && self.scale > 0.0) {
			return Err(format!("`scale` must be finite and positive, not {}", self.scale));
		}
		match source {
			SourceConfig::Prometheus { .. } | SourceConfig::Command { .. } => {
				match &self.series {
					None => return required("series"),
					Some(series) if !is_metric_name(series) => {
						return Err(format!("`series` `{series}` is not a Prometheus metric name"))
					},
					Some(_) => {},
				}
				unused("register", self.register.is_some())?;
				unused("words", self.words.is_some())?;
				unused("scale_factor_register", self.scale_factor_register.is_some())?;
				unused("pointer", self.pointer.is_some())?;
			},
			SourceConfig::Modbus { .. } => {
				let Some(register) = self.register else {
					return required("register");
				};
				unused("series", self.series.is_some())?;
				unused("labels", !self.labels.is_empty())?;
				unused("pointer", self.pointer.is_some())?;
				let words = self.words.unwrap_or(1);
				if !matches!(words, 1 | 2 | 4) {
					return Err(format!("`words` must be 1, 2 or 4, not {words}"));
				}
				let last = u32::from(register).saturating_add(u32::from(words)).saturating_sub(1);
				if last > u32::from(u16::MAX) {
					return Err(format!(
						"`register` {register} with `words` {words} runs past the last register \
						 address 65535"
					));
				}
				if let Some(sf) = self.scale_factor_register {
					if (u32::from(register)..=last).contains(&u32::from(sf)) {
						return Err(format!(
							"`scale_factor_register` {sf} overlaps the value's registers \
							 {register}..={last}"
						));
					}
				}
			},
			SourceConfig::HttpJson { .. } => {
				match &self.pointer {
					None => return required("pointer"),
					Some(pointer) if !pointer.is_empty() && !pointer.starts_with('/') => {
						return Err(format!(
							"`pointer` must be empty or start with `/` (an RFC 6901 JSON \
							 pointer), not `{pointer}`"
						))
					},
					Some(_) => {},
				}
				unused("series", self.series.is_some())?;
				unused("labels", !self.labels.is_empty())?;
				unused("register", self.register.is_some())?;
				unused("words", self.words.is_some())?;
				unused("scale_factor_register", self.scale_factor_register.is_some())?;
			},
		}
		Ok(())
	}

	/// The series with its label matchers, e.g. `gpu_util{gpu="0"}`, for messages.
	fn series_description(&self) -> String {
		let mut out = self.series.clone().unwrap_or_default();
		if !self.labels.is_empty() {
			let matchers: Vec<String> =
				self.labels.iter().map(|(key, value)| format!("{key}={value:?}")).collect();
			out.push('{');
			out.push_str(&matchers.join(","));
			out.push('}');
		}
		out
	}
}

fn is_metric_name(name: &str) -> bool {
	let mut chars = name.chars();
	chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
		&& chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

/// Reads every selector once from `source` (one request for prometheus, http_json and command
/// sources; one request per selector for modbus, two when the scale factor register is not
/// next to the value), returning the values in the same order, each × `scale` (and × 10^sf
/// for modbus). A series, pointer or register that yields nothing, or yields a value that is
/// not a finite number, is an error naming it. The whole reading is bounded by `timeout`.
pub async fn read(
	source: &SourceConfig,
	selectors: &[&Selector],
	timeout: Duration,
) -> anyhow::Result<Vec<f64>> {
	source.validate().map_err(|error| anyhow!("{source}: {error}"))?;
	for selector in selectors {
		selector.validate(source).map_err(|error| anyhow!("{source}: {error}"))?;
	}
	let reading = async {
		match source {
			SourceConfig::Prometheus { url } => {
				let text = get_ok(url, timeout).await?;
				select_samples(&text, selectors, url)
			},
			SourceConfig::Command { program, args } => {
				let text = run_command(program, args).await?;
				select_samples(&text, selectors, &format!("the output of `{program}`"))
			},
			SourceConfig::HttpJson { url } => {
				let text = get_ok(url, timeout).await?;
				select_json(&text, selectors, url)
			},
			SourceConfig::Modbus { address, unit } => {
				let mut values = Vec::with_capacity(selectors.len());
				for selector in selectors {
					values.push(read_modbus(address, *unit, selector, timeout).await?);
				}
				Ok(values)
			},
		}
	};
	tokio::time::timeout(timeout, reading)
		.await
		.map_err(|_| anyhow!("reading the {source} took longer than {timeout:?}"))?
}

/// Fetches `url` and insists on a 200 answer.
async fn get_ok(url: &str, timeout: Duration) -> anyhow::Result<String> {
	let (status, body) = http::get(url, timeout).await?;
	if status != 200 {
		let first = body.lines().next().unwrap_or("").chars().take(200).collect::<String>();
		bail!("GET {url} answered HTTP {status}: {first}");
	}
	Ok(body)
}

/// Checks a value read for `what` is a finite number and applies the selector's scale.
fn scaled(value: f64, selector: &Selector, what: impl FnOnce() -> String) -> anyhow::Result<f64> {
	let value = value * selector.scale;
	if !value.is_finite() {
		bail!("{} is not a finite number ({value})", what());
	}
	Ok(value)
}

fn select_samples(text: &str, selectors: &[&Selector], origin: &str) -> anyhow::Result<Vec<f64>> {
	let samples = prometheus::parse(text)
		.with_context(|| format!("parsing the Prometheus exposition from {origin}"))?;
	selectors
		.iter()
		.map(|selector| {
			let series = selector.series.as_deref().unwrap_or("");
			let value = prometheus::sum(&samples, series, &selector.labels).ok_or_else(|| {
				anyhow!("series `{}` matches no sample in {origin}", selector.series_description())
			})?;
			scaled(value, selector, || {
				format!("series `{}` in {origin}", selector.series_description())
			})
		})
		.collect()
}

fn select_json(text: &str, selectors: &[&Selector], url: &str) -> anyhow::Result<Vec<f64>> {
	let document: serde_json::Value =
		serde_json::from_str(text).with_context(|| format!("parsing the JSON from {url}"))?;
	selectors
		.iter()
		.map(|selector| {
			let pointer = selector.pointer.as_deref().unwrap_or("");
			let found = document
				.pointer(pointer)
				.ok_or_else(|| anyhow!("JSON pointer `{pointer}` matches nothing in {url}"))?;
			let value = found.as_f64().ok_or_else(|| {
				let kind = match found {
					serde_json::Value::Null => "null",
					serde_json::Value::Bool(_) => "a boolean",
					serde_json::Value::String(_) => "a string",
					serde_json::Value::Array(_) => "an array",
					serde_json::Value::Object(_) => "an object",
					serde_json::Value::Number(_) => "a number out of range",
				};
				anyhow!("JSON pointer `{pointer}` in {url} is {kind}, not a number")
			})?;
			scaled(value, selector, || format!("JSON pointer `{pointer}` in {url}"))
		})
		.collect()
}

/// Reads one modbus selector: the value's registers and, when given, its scale factor, in one
/// request when the two are adjacent.
async fn read_modbus(
	address: &str,
	unit: u8,
	selector: &Selector,
	timeout: Duration,
) -> anyhow::Result<f64> {
	let register =
		selector.register.ok_or_else(|| anyhow!("`register` is required for a modbus source"))?;
	let words = u16::from(selector.words.unwrap_or(1));
	let read = |start: u16, count: u16| {
		modbus::read_holding_registers(address, unit, start, count, timeout)
	};
	let after = register.checked_add(words);
	let (raw, scale_factor) = match selector.scale_factor_register {
		None => (read(register, words).await?, None),
		Some(sf) if Some(sf) == after => {
			let mut all = read(register, words.saturating_add(1)).await?;
			let sf_value = all.pop().ok_or_else(|| anyhow!("an empty answer"))?;
			(all, Some(sf_value))
		},
		Some(sf) if sf.checked_add(1) == Some(register) => {
			let all = read(sf, words.saturating_add(1)).await?;
			let (sf_value, raw) = all.split_first().ok_or_else(|| anyhow!("an empty answer"))?;
			(raw.to_vec(), Some(*sf_value))
		},
		Some(sf) => {
			let raw = read(register, words).await?;
			let sf_value = read(sf, 1).await?;
			(raw, Some(sf_value.first().copied().ok_or_else(|| anyhow!("an empty answer"))?))
		},
	};
	if raw.len() != usize::from(words) {
		bail!("register {register}: expected {words} register(s), got {}", raw.len());
	}
	// u64 → f64 rounds above 2^53, far beyond any real accumulator.
	let mut value = modbus::words_to_u64(&raw) as f64;
	if let Some(sf) = scale_factor {
		let sf_register = selector.scale_factor_register.unwrap_or_default();
		if sf == SCALE_FACTOR_NOT_IMPLEMENTED {
			bail!("scale factor register {sf_register} says \"not implemented\" (0x8000)");
		}
		// The register is a two's-complement int16.
		let sf = i16::from_ne_bytes(sf.to_ne_bytes());
		if !(-MAX_SCALE_FACTOR..=MAX_SCALE_FACTOR).contains(&sf) {
			bail!(
				"scale factor register {sf_register} holds {sf}, outside \
				 -{MAX_SCALE_FACTOR}..={MAX_SCALE_FACTOR}"
			);
		}
		value *= 10f64.powi(i32::from(sf));
	}
	scaled(value, selector, || format!("register {register} of {address} unit {unit}"))
}

/// Runs a command source's program and returns its stdout; a non-zero exit is an error with
/// the first line of stderr. Dropping the future (the reading's timeout) kills the program.
async fn run_command(program: &str, args: &[String]) -> anyhow::Result<String> {
	let mut child = tokio::process::Command::new(program)
		.args(args)
		.stdin(Stdio::null())
		.stdout(Stdio::piped())
		.stderr(Stdio::piped())
		.kill_on_drop(true)
		.spawn()
		.with_context(|| format!("starting `{program}`"))?;
	let stdout = child.stdout.take().ok_or_else(|| anyhow!("`{program}`: no stdout pipe"))?;
	let stderr = child.stderr.take().ok_or_else(|| anyhow!("`{program}`: no stderr pipe"))?;
	let (out, err, status) = tokio::try_join!(
		async {
			read_capped(stdout, MAX_COMMAND_OUTPUT, true)
				.await
				.with_context(|| format!("reading the output of `{program}`"))
		},
		async { read_capped(stderr, MAX_COMMAND_STDERR, false).await.context("reading stderr") },
		async { child.wait().await.with_context(|| format!("waiting for `{program}`")) },
	)?;
	if !status.success() {
		let err = String::from_utf8_lossy(&err);
		let first = err.lines().map(str::trim).find(|line| !line.is_empty());
		bail!("`{program}` exited with {status}: {}", first.unwrap_or("(nothing on stderr)"));
	}
	String::from_utf8(out).map_err(|_| anyhow!("the output of `{program}` is not UTF-8"))
}

/// Reads at most `cap` bytes from `reader`. Beyond that: an error when `fail` is set, else the
/// rest is read and dropped (so the writer never blocks on a full pipe).
async fn read_capped<R: AsyncRead + Unpin>(
	mut reader: R,
	cap: usize,
	fail: bool,
) -> anyhow::Result<Vec<u8>> {
	let mut buffer = Vec::new();
	(&mut reader).take((cap as u64).saturating_add(1)).read_to_end(&mut buffer).await?;
	if buffer.len() > cap {
		if fail {
			bail!("more than {cap} bytes");
		}
		buffer.truncate(cap);
		tokio::io::copy(&mut reader, &mut tokio::io::sink()).await?;
	}
	Ok(buffer)
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::sync::Arc;
	use tokio::net::TcpListener;

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

	fn series(name: &str) -> Selector {
		Selector { series: Some(name.into()), ..selector() }
	}

	fn register(register: u16, words: u8, sf: Option<u16>) -> Selector {
		Selector {
			register: Some(register),
			words: Some(words),
			scale_factor_register: sf,
			..selector()
		}
	}

	fn pointer(pointer: &str) -> Selector {
		Selector { pointer: Some(pointer.into()), ..selector() }
	}

	fn prometheus(url: &str) -> SourceConfig {
		SourceConfig::Prometheus { url: url.into() }
	}

	const MODBUS: SourceConfig = SourceConfig::Modbus { address: String::new(), unit: 1 };

	fn modbus_at(address: &str) -> SourceConfig {
		SourceConfig::Modbus { address: address.into(), unit: 1 }
	}

	#[test]
	fn deserializes_from_toml() {
		#[derive(serde::Deserialize)]
		struct File {
			source: SourceConfig,
			metrics: BTreeMap<String, Selector>,
		}
		let file: File = toml::from_str(
			r#"
			[source]
			kind = "command"
			program = "/usr/local/bin/read-meter"
			args = ["--json"]

			[metrics.util]
			series = "DCGM_FI_DEV_GPU_UTIL"
			labels = { gpu = "0" }
			kind = "gauge"
			scale = 0.01

			[metrics.bytes]
			series = "node_network_transmit_bytes_total"
			"#,
		)
		.unwrap();
		assert_eq!(
			file.source,
			SourceConfig::Command {
				program: "/usr/local/bin/read-meter".into(),
				args: vec!["--json".into()]
			}
		);
		let util = &file.metrics["util"];
		assert_eq!(util.kind, SeriesKind::Gauge);
		assert_eq!(util.scale, 0.01);
		assert_eq!(util.labels.get("gpu").map(String::as_str), Some("0"));
		let bytes = &file.metrics["bytes"];
		assert_eq!(bytes.kind, SeriesKind::Counter);
		assert_eq!(bytes.scale, 1.0);

		let source: SourceConfig =
			toml::from_str("kind = \"modbus\"\naddress = \"10.0.0.5:502\"\nunit = 3\n").unwrap();
		assert_eq!(source, SourceConfig::Modbus { address: "10.0.0.5:502".into(), unit: 3 });
		let source: SourceConfig =
			toml::from_str("kind = \"http_json\"\nurl = \"http://h/x\"\n").unwrap();
		assert_eq!(source, SourceConfig::HttpJson { url: "http://h/x".into() });
		assert!(toml::from_str::<SourceConfig>(
			"kind = \"prometheus\"\nurl = \"http://h\"\nunit = 1\n"
		)
		.is_err());
		assert!(toml::from_str::<SourceConfig>("kind = \"snmp\"\n").is_err());
		assert!(toml::from_str::<Selector>("series = \"x\"\nregistr = 1\n").is_err());
	}

	#[test]
	fn source_validation_names_the_field() {
		assert_eq!(prometheus("http://127.0.0.1:9100/metrics").validate(), Ok(()));
		let error = prometheus("https://example.com/metrics").validate().unwrap_err();
		assert!(error.starts_with("`url` must start with http://"), "{error}");
		assert!(error.contains("https is not supported"), "{error}");
		let error = SourceConfig::HttpJson { url: "example.com".into() }.validate().unwrap_err();
		assert!(error.starts_with("`url` must start with http://"), "{error}");
		let error = prometheus("http://:9100/").validate().unwrap_err();
		assert!(error.starts_with("`url`: "), "{error}");
		assert_eq!(modbus_at("192.168.1.50:502").validate(), Ok(()));
		assert_eq!(modbus_at("[::1]:502").validate(), Ok(()));
		for bad in ["192.168.1.50", ":502", "host:0", "host:port", "host:70000", ""] {
			let error = modbus_at(bad).validate().unwrap_err();
			assert!(error.starts_with("`address` must be host:port"), "{bad}: {error}");
		}
		let error =
			SourceConfig::Command { program: " ".into(), args: vec![] }.validate().unwrap_err();
		assert_eq!(error, "`program` must not be empty");
	}

	#[test]
	fn selector_validation_names_the_field() {
		let source = prometheus("http://h/metrics");
		let command = SourceConfig::Command { program: "x".into(), args: vec![] };
		let json = SourceConfig::HttpJson { url: "http://h/".into() };
		let check = |selector: Selector, source: &SourceConfig| selector.validate(source);

		assert_eq!(check(series("up"), &source), Ok(()));
		assert_eq!(check(series("up"), &command), Ok(()));
		assert_eq!(
			check(selector(), &source).unwrap_err(),
			"`series` is required for a prometheus source"
		);
		assert_eq!(
			check(selector(), &command).unwrap_err(),
			"`series` is required for a command source"
		);
		assert_eq!(
			check(Selector { register: Some(1), ..series("up") }, &source).unwrap_err(),
			"`register` is not used by a prometheus source"
		);
		assert_eq!(
			check(Selector { pointer: Some("/a".into()), ..series("up") }, &source).unwrap_err(),
			"`pointer` is not used by a prometheus source"
		);
		assert!(check(series("bad-name"), &source)
			.unwrap_err()
			.contains("not a Prometheus metric name"));
		for scale in [0.0, -1.0, f64::NAN, f64::INFINITY] {
			assert!(check(Selector { scale, ..series("up") }, &source)
				.unwrap_err()
				.starts_with("`scale` must be finite and positive"));
		}

		assert_eq!(check(register(40093, 2, Some(40095)), &MODBUS), Ok(()));
		assert_eq!(
			check(selector(), &MODBUS).unwrap_err(),
			"`register` is required for a modbus source"
		);
		assert_eq!(
			check(register(1, 3, None), &MODBUS).unwrap_err(),
			"`words` must be 1, 2 or 4, not 3"
		);
		assert_eq!(
			check(Selector { series: Some("x".into()), ..register(1, 1, None) }, &MODBUS)
				.unwrap_err(),
			"`series` is not used by a modbus source"
		);
		let mut labelled = register(1, 1, None);
		labelled.labels.insert("a".into(), "b".into());
		assert_eq!(
			check(labelled, &MODBUS).unwrap_err(),
			"`labels` is not used by a modbus source"
		);
		assert!(check(register(65_535, 2, None), &MODBUS).unwrap_err().contains("runs past"));
		assert!(check(register(10, 2, Some(11)), &MODBUS).unwrap_err().contains("overlaps"));

		assert_eq!(check(pointer("/a/0"), &json), Ok(()));
		assert_eq!(check(pointer(""), &json), Ok(()));
		assert_eq!(
			check(selector(), &json).unwrap_err(),
			"`pointer` is required for a http_json source"
		);
		assert!(check(pointer("a"), &json)
			.unwrap_err()
			.starts_with("`pointer` must be empty or start with `/`"));
		assert_eq!(
			check(Selector { words: Some(2), ..pointer("/a") }, &json).unwrap_err(),
			"`words` is not used by a http_json source"
		);
	}

	async fn serve_http(routes: &'static [(&'static str, &'static str)]) -> String {
		let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let address = listener.local_addr().unwrap();
		let handler: http::Handler =
			Arc::new(move |path: &str| match routes.iter().find(|(route, _)| *route == path) {
				Some((_, body)) => http::Response::text(200, *body),
				None => http::Response::not_found(path),
			});
		tokio::spawn(http::serve(listener, handler));
		format!("http://{address}")
	}

	#[tokio::test]
	async fn reads_prometheus_and_json_sources() {
		let base = serve_http(&[
			(
				"/metrics",
				"# TYPE gpu gauge\ngpu{gpu=\"0\"} 80\ngpu{gpu=\"1\"} 90\nbytes_total 1e6\n",
			),
			("/status.json", "{\"a\":{\"b\":[1,2.5]},\"s\":\"x\"}"),
		])
		.await;
		let timeout = Duration::from_secs(5);
		let source = prometheus(&format!("{base}/metrics"));
		let mut gpu0 = Selector { scale: 0.01, ..series("gpu") };
		gpu0.labels.insert("gpu".into(), "0".into());
		let all = series("gpu");
		let bytes = series("bytes_total");
		let values = read(&source, &[&gpu0, &all, &bytes], timeout).await.unwrap();
		assert_eq!(values, vec![0.8, 170.0, 1e6]);
		let error = read(&source, &[&series("missing")], timeout).await.unwrap_err();
		assert!(error.to_string().contains("series `missing` matches no sample"), "{error}");
		let error = read(&prometheus(&format!("{base}/nope")), &[&all], timeout).await.unwrap_err();
		assert!(error.to_string().contains("answered HTTP 404"), "{error}");

		let json = SourceConfig::HttpJson { url: format!("{base}/status.json") };
		let values = read(&json, &[&pointer("/a/b/1"), &pointer("/a/b/0")], timeout).await.unwrap();
		assert_eq!(values, vec![2.5, 1.0]);
		let error = read(&json, &[&pointer("/a/c")], timeout).await.unwrap_err();
		assert!(error.to_string().contains("`/a/c` matches nothing"), "{error}");
		let error = read(&json, &[&pointer("/s")], timeout).await.unwrap_err();
		assert!(error.to_string().contains("is a string, not a number"), "{error}");
		let error = read(&json, &[&series("x")], timeout).await.unwrap_err();
		assert!(error.to_string().contains("`pointer` is required"), "{error}");
	}

	#[tokio::test]
	async fn reads_modbus_registers_with_scale_factors() {
		let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let address = listener.local_addr().unwrap().to_string();
		let registers: modbus::Registers = Arc::new(|unit, start, count| {
			if unit != 1 {
				return None;
			}
			(start..start.checked_add(count)?)
				.map(|address| match address {
					99 => Some(1),
					100 => Some(1234),
					101 => Some((-2i16) as u16),
					200 => Some(0x0001),
					201 => Some(0x0002),
					202 => Some(1),
					300 => Some(0x8000),
					_ => None,
				})
				.collect()
		});
		tokio::spawn(modbus::serve(listener, registers));
		let source = modbus_at(&address);
		let timeout = Duration::from_secs(5);
		let power = register(100, 1, Some(101));
		let energy = Selector { scale: 0.001, ..register(200, 2, Some(202)) };
		let raw = register(200, 2, None);
		let distant = register(200, 2, Some(101));
		let before = register(100, 1, Some(99));
		let values =
			read(&source, &[&power, &energy, &raw, &distant, &before], timeout).await.unwrap();
		let expected = [12.34, 655.38, 65_538.0, 655.38, 12_340.0];
		for (value, expected) in values.iter().zip(expected) {
			assert!((value - expected).abs() < 1e-9, "{values:?}");
		}
		let error = read(&source, &[&register(100, 1, Some(300))], timeout).await.unwrap_err();
		assert!(format!("{error:#}").contains("not implemented"), "{error:#}");
		let error = read(&source, &[&register(150, 1, None)], timeout).await.unwrap_err();
		assert!(format!("{error:#}").contains("exception 2 (illegal data address)"), "{error:#}");
	}

	#[tokio::test]
	async fn reads_command_sources() {
		let timeout = Duration::from_secs(10);
		let source = SourceConfig::Command {
			program: "sh".into(),
			args: vec!["-c".into(), "printf 'a_total 5\\na_total{x=\"1\"} 2\\n'".into()],
		};
		assert_eq!(read(&source, &[&series("a_total")], timeout).await.unwrap(), vec![7.0]);
		let failing = SourceConfig::Command {
			program: "sh".into(),
			args: vec!["-c".into(), "echo 'meter offline' >&2; echo second >&2; exit 3".into()],
		};
		let error = read(&failing, &[&series("a_total")], timeout).await.unwrap_err().to_string();
		assert!(error.contains("exited with") && error.contains(": meter offline"), "{error}");
		let missing = SourceConfig::Command { program: "/nonexistent/meter".into(), args: vec![] };
		let error = read(&missing, &[&series("a_total")], timeout).await.unwrap_err();
		assert!(error.to_string().contains("starting `/nonexistent/meter`"), "{error}");
		let slow = SourceConfig::Command {
			program: "sh".into(),
			args: vec!["-c".into(), "sleep 30".into()],
		};
		let started = std::time::Instant::now();
		let error =
			read(&slow, &[&series("a_total")], Duration::from_millis(300)).await.unwrap_err();
		assert!(error.to_string().contains("took longer than"), "{error}");
		assert!(started.elapsed() < Duration::from_secs(5));
	}
}
