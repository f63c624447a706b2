//! The agent's own Prometheus metrics: what it submitted, what was refused and why, what it
//! claimed, how probes went.

use std::{
	collections::BTreeMap,
	net::SocketAddr,
	sync::{Arc, Mutex},
};

use anyhow::{Context, Result};

use crate::http::{self, Response};

/// Counters and gauges by name and label set (rendered as `name{labels} value`).
#[derive(Default)]
pub struct Telemetry {
	values: Mutex<BTreeMap<(&'static str, String), (f64, &'static str)>>,
}

impl Telemetry {
	/// Adds `by` to counter `name` with `labels` (`key="value"` pairs, already formatted).
	pub fn inc(&self, name: &'static str, labels: &str, by: f64) {
		if let Ok(mut values) = self.values.lock() {
			values.entry((name, labels.to_string())).or_insert((0.0, "counter")).0 += by;
		}
	}

	/// Sets gauge `name` with `labels` to `value`.
	pub fn set(&self, name: &'static str, labels: &str, value: f64) {
		if let Ok(mut values) = self.values.lock() {
			values.insert((name, labels.to_string()), (value, "gauge"));
		}
	}

	/// The value of `name` with `labels`, if set.
	pub fn get(&self, name: &'static str, labels: &str) -> Option<f64> {
		self.values.lock().ok()?.get(&(name, labels.to_string())).map(|(v, _)| *v)
	}

	/// The Prometheus text exposition of every value.
	pub fn render(&self) -> String {
		let mut out = String::new();
		let Ok(values) = self.values.lock() else { return out };
		let mut typed = std::collections::BTreeSet::new();
		for ((name, labels), (value, kind)) in values.iter() {
			if typed.insert(*name) {
				out.push_str(&format!("# TYPE {name} {kind}\n"));
			}
			if labels.is_empty() {
				out.push_str(&format!("{name} {value}\n"));
			} else {
				out.push_str(&format!("{name}{{{labels}}} {value}\n"));
			}
		}
		out
	}

	/// Serves `/metrics` on `addr`.
	pub async fn serve(self: Arc<Self>, addr: SocketAddr) -> Result<()> {
		let listener = tokio::net::TcpListener::bind(addr)
			.await
			.with_context(|| format!("listening for metrics on {addr}"))?;
		let me = self.clone();
		let handler = Arc::new(move |path: &str| {
			if path == "/metrics" {
				Response {
					status: 200,
					content_type: "text/plain; version=0.0.4",
					body: me.render(),
				}
			} else {
				Response { status: 404, content_type: "text/plain", body: "not found\n".into() }
			}
		});
		tokio::spawn(http::serve(listener, handler));
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn values_render_as_prometheus_text() {
		let t = Telemetry::default();
		t.inc("atlas_agent_reports_submitted_total", "", 3.0);
		t.inc("atlas_agent_reports_refused_total", "reason=\"BadSignature\"", 1.0);
		t.set("atlas_agent_epoch", "", 7.0);
		let text = t.render();
		let samples = crate::prometheus::parse(&text).unwrap();
		let value = |name: &str| samples.iter().find(|s| s.name == name).map(|s| s.value);
		assert_eq!(value("atlas_agent_reports_submitted_total"), Some(3.0));
		assert_eq!(value("atlas_agent_reports_refused_total"), Some(1.0));
		assert_eq!(value("atlas_agent_epoch"), Some(7.0));
	}
}
