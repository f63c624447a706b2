//! The Prometheus text exposition format: a parser for what metric sources export and a renderer
//! for what the simulator and the agent's own `/metrics` endpoint serve.
//!
//! Only the parts a reader of samples needs: comments (`# HELP`, `# TYPE` and any other) are
//! skipped, every other non-blank line is one sample `name[{labels}] value [timestamp]`.

use std::collections::BTreeMap;
use std::fmt;

/// One sample of an exposition: a series name, its label set and its current value.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
	/// The metric name, e.g. `node_network_transmit_bytes_total`.
	pub name: String,
	/// The labels, unescaped, e.g. `device` → `eth0`.
	pub labels: BTreeMap<String, String>,
	/// The value (`NaN` and the infinities included).
	pub value: f64,
}

/// Why an exposition could not be parsed: the 1-based line number and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
	/// The 1-based number of the offending line.
	pub line: usize,
	/// What is wrong on that line.
	pub message: String,
}

impl fmt::Display for ParseError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "line {}: {}", self.line, self.message)
	}
}

impl std::error::Error for ParseError {}

/// Parses a text exposition into its samples, in order. Comments and blank lines are skipped;
/// the optional timestamp is checked but dropped (the agent time-stamps its own readings).
pub fn parse(text: &str) -> Result<Vec<Sample>, ParseError> {
	let mut samples = Vec::new();
	for (index, raw) in text.lines().enumerate() {
		let line = raw.trim();
		if line.is_empty() || line.starts_with('#') {
			continue;
		}
		let sample = parse_line(line)
			.map_err(|message| ParseError { line: index.saturating_add(1), message })?;
		samples.push(sample);
	}
	Ok(samples)
}

/// A cursor over one line.
struct Cursor<'a> {
	text: &'a str,
	pos: usize,
}

impl<'a> Cursor<'a> {
	fn peek(&self) -> Option<char> {
		self.text.get(self.pos..).and_then(|rest| rest.chars().next())
	}

	fn bump(&mut self) -> Option<char> {
		let c = self.peek()?;
		self.pos = self.pos.saturating_add(c.len_utf8());
		Some(c)
	}

	fn skip_blanks(&mut self) {
		while matches!(self.peek(), Some(' ' | '\t')) {
			self.bump();
		}
	}

	/// Takes the longest run of characters where `first` holds for the first one and `rest` for
	/// the others.
	fn take_ident(&mut self, first: fn(char) -> bool, rest: fn(char) -> bool) -> &'a str {
		let start = self.pos;
		if self.peek().is_some_and(first) {
			self.bump();
			while self.peek().is_some_and(rest) {
				self.bump();
			}
		}
		self.text.get(start..self.pos).unwrap_or("")
	}

	fn rest(&self) -> &'a str {
		self.text.get(self.pos..).unwrap_or("")
	}
}

fn is_name_start(c: char) -> bool {
	c.is_ascii_alphabetic() || c == '_' || c == ':'
}

fn is_name_char(c: char) -> bool {
	c.is_ascii_alphanumeric() || c == '_' || c == ':'
}

fn is_label_start(c: char) -> bool {
	c.is_ascii_alphabetic() || c == '_'
}

fn is_label_char(c: char) -> bool {
	c.is_ascii_alphanumeric() || c == '_'
}

fn parse_line(line: &str) -> Result<Sample, String> {
	let mut cursor = Cursor { text: line, pos: 0 };
	let name = cursor.take_ident(is_name_start, is_name_char);
	if name.is_empty() {
		return Err(format!("expected a metric name, found `{}`", truncate(line)));
	}
	if !matches!(cursor.peek(), None | Some(' ' | '\t' | '{')) {
		return Err(format!(
			"unexpected `{}` after the metric name `{name}`",
			truncate(cursor.rest())
		));
	}
	cursor.skip_blanks();
	let labels = if cursor.peek() == Some('{') {
		cursor.bump();
		parse_labels(&mut cursor)?
	} else {
		BTreeMap::new()
	};
	let rest = cursor.rest();
	// An OpenMetrics exemplar (`# {trace_id="…"} 1`) may follow; it is not part of the sample.
	let mut fields = rest.split_whitespace().take_while(|field| !field.starts_with('#'));
	let value_text = fields.next().ok_or_else(|| format!("the sample `{name}` has no value"))?;
	let value = parse_value(value_text)
		.ok_or_else(|| format!("invalid value `{}` for `{name}`", truncate(value_text)))?;
	if let Some(timestamp) = fields.next() {
		if timestamp.parse::<i64>().is_err() {
			return Err(format!("invalid timestamp `{}` for `{name}`", truncate(timestamp)));
		}
	}
	if let Some(extra) = fields.next() {
		return Err(format!("unexpected `{}` after the timestamp of `{name}`", truncate(extra)));
	}
	Ok(Sample { name: name.to_string(), labels, value })
}

/// Parses a label set after its `{` up to and including its `}`.
fn parse_labels(cursor: &mut Cursor<'_>) -> Result<BTreeMap<String, String>, String> {
	let mut labels = BTreeMap::new();
	loop {
		cursor.skip_blanks();
		if cursor.peek() == Some('}') {
			cursor.bump();
			return Ok(labels);
		}
		let label = cursor.take_ident(is_label_start, is_label_char);
		if label.is_empty() {
			return Err(match cursor.peek() {
				None => "unterminated label set (missing `}`)".to_string(),
				Some(c) => format!("expected a label name or `}}`, found `{c}`"),
			});
		}
		cursor.skip_blanks();
		if cursor.bump() != Some('=') {
			return Err(format!("expected `=` after the label name `{label}`"));
		}
		cursor.skip_blanks();
		if cursor.bump() != Some('"') {
			return Err(format!("expected a quoted value for the label `{label}`"));
		}
		let value = parse_label_value(cursor)
			.ok_or_else(|| format!("unterminated value of the label `{label}`"))?;
		if labels.insert(label.to_string(), value).is_some() {
			return Err(format!("duplicate label `{label}`"));
		}
		cursor.skip_blanks();
		match cursor.bump() {
			Some(',') => continue,
			Some('}') => return Ok(labels),
			Some(c) => {
				return Err(format!("expected `,` or `}}` after the label `{label}`, found `{c}`"))
			},
			None => return Err("unterminated label set (missing `}`)".to_string()),
		}
	}
}

/// Reads a label value after its opening quote up to and including the closing one, undoing
/// the escapes `\\`, `\"` and `\n` (any other backslash is kept as it is). `None` when the
/// closing quote is missing.
fn parse_label_value(cursor: &mut Cursor<'_>) -> Option<String> {
	let mut value = String::new();
	loop {
		match cursor.bump()? {
			'"' => return Some(value),
			'\\' => match cursor.bump()? {
				'\\' => value.push('\\'),
				'"' => value.push('"'),
				'n' => value.push('\n'),
				other => {
					value.push('\\');
					value.push(other);
				},
			},
			c => value.push(c),
		}
	}
}

/// Parses a sample value: decimal or exponent notation, `NaN`, `+Inf`, `-Inf` (any case).
fn parse_value(text: &str) -> Option<f64> {
	match text.to_ascii_lowercase().as_str() {
		"nan" => Some(f64::NAN),
		"+inf" | "inf" => Some(f64::INFINITY),
		"-inf" => Some(f64::NEG_INFINITY),
		lower => {
			// Rust also reads `infinity` and `nan` spellings; only digits reach here otherwise.
			if lower.contains("inf") || lower.contains("nan") {
				return None;
			}
			lower.parse::<f64>().ok()
		},
	}
}

/// Shortens a quoted fragment of a line for an error message.
fn truncate(text: &str) -> String {
	const MAX: usize = 40;
	if text.chars().count() <= MAX {
		text.to_string()
	} else {
		let mut short: String = text.chars().take(MAX).collect();
		short.push('…');
		short
	}
}

/// Sums the values of the samples named `name` whose labels include every given (key, value)
/// pair; a matcher with an empty value also matches a sample without that label, as in
/// Prometheus. `None` when no sample matches.
pub fn sum(samples: &[Sample], name: &str, labels: &BTreeMap<String, String>) -> Option<f64> {
	let mut total: Option<f64> = None;
	for sample in samples.iter().filter(|sample| sample.name == name) {
		let matches = labels.iter().all(|(key, wanted)| {
			sample.labels.get(key).map(String::as_str).unwrap_or("") == wanted.as_str()
		});
		if matches {
			total = Some(total.unwrap_or(0.0) + sample.value);
		}
	}
	total
}

/// Writes one metric family: its `# HELP` and `# TYPE` lines (`kind` is `counter` or `gauge`)
/// and one line per sample, escaping the help text and label values.
pub fn render(
	out: &mut String,
	name: &str,
	help: &str,
	kind: &str,
	samples: &[(Vec<(&str, String)>, f64)],
) {
	out.push_str("# HELP ");
	out.push_str(name);
	out.push(' ');
	for c in help.chars() {
		match c {
			'\\' => out.push_str("\\\\"),
			'\n' => out.push_str("\\n"),
			c => out.push(c),
		}
	}
	out.push('\n');
	out.push_str("# TYPE ");
	out.push_str(name);
	out.push(' ');
	out.push_str(kind);
	out.push('\n');
	for (labels, value) in samples {
		out.push_str(name);
		if !labels.is_empty() {
			out.push('{');
			for (index, (key, value)) in labels.iter().enumerate() {
				if index > 0 {
					out.push(',');
				}
				out.push_str(key);
				out.push_str("=\"");
				for c in value.chars() {
					match c {
						'\\' => out.push_str("\\\\"),
						'"' => out.push_str("\\\""),
						'\n' => out.push_str("\\n"),
						c => out.push(c),
					}
				}
				out.push('"');
			}
			out.push('}');
		}
		out.push(' ');
		out.push_str(&format_value(*value));
		out.push('\n');
	}
}

/// Formats a value the way Prometheus reads it back.
fn format_value(value: f64) -> String {
	if value.is_nan() {
		"NaN".to_string()
	} else if value == f64::INFINITY {
		"+Inf".to_string()
	} else if value == f64::NEG_INFINITY {
		"-Inf".to_string()
	} else {
		format!("{value}")
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
		pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
	}

	#[test]
	fn parses_comments_blank_lines_and_bare_samples() {
		let text = "# HELP up Whether the target is up.\n# TYPE up gauge\n\nup 1\n# just a comment\n  \nnode_load1 0.25\n";
		let samples = parse(text).unwrap();
		assert_eq!(samples.len(), 2);
		assert_eq!(samples[0], Sample { name: "up".into(), labels: BTreeMap::new(), value: 1.0 });
		assert_eq!(samples[1].name, "node_load1");
		assert_eq!(samples[1].value, 0.25);
	}

	#[test]
	fn parses_labels_with_escapes_and_trailing_comma() {
		let text =
			r#"http_requests_total{method="post",path="C:\\dir \"x\"\nnext",} 1027 1395066363000"#;
		let samples = parse(text).unwrap();
		assert_eq!(samples.len(), 1);
		assert_eq!(samples[0].name, "http_requests_total");
		assert_eq!(
			samples[0].labels,
			labels(&[("method", "post"), ("path", "C:\\dir \"x\"\nnext")])
		);
		assert_eq!(samples[0].value, 1027.0);
	}

	#[test]
	fn parses_spaces_around_labels_and_colons_in_names() {
		let samples = parse("job:rate5m { a = \"1\" , b=\"2\" }\t3\r\n").unwrap();
		assert_eq!(samples[0].name, "job:rate5m");
		assert_eq!(samples[0].labels, labels(&[("a", "1"), ("b", "2")]));
		assert_eq!(samples[0].value, 3.0);
		let samples = parse("empty{} 4").unwrap();
		assert!(samples[0].labels.is_empty());
	}

	#[test]
	fn skips_openmetrics_exemplars() {
		let samples =
			parse("foo_total 17 # {trace_id=\"abc\"} 1\nbar 2 1700000000000 # {} 3\n# EOF\n")
				.unwrap();
		assert_eq!(samples.len(), 2);
		assert_eq!(samples[0].value, 17.0);
		assert_eq!(samples[1].value, 2.0);
	}

	#[test]
	fn parses_special_and_exponent_values() {
		let text = "a NaN\nb +Inf\nc -Inf\nd 1.5e3\ne -2E-2\nf 12 -5\ng Inf\n";
		let samples = parse(text).unwrap();
		assert!(samples[0].value.is_nan());
		assert_eq!(samples[1].value, f64::INFINITY);
		assert_eq!(samples[2].value, f64::NEG_INFINITY);
		assert_eq!(samples[3].value, 1500.0);
		assert_eq!(samples[4].value, -0.02);
		assert_eq!(samples[5].value, 12.0);
		assert_eq!(samples[6].value, f64::INFINITY);
	}

	#[test]
	fn malformed_lines_name_the_line() {
		let cases = [
			("ok 1\n{a=\"b\"} 1\n", 2, "metric name"),
			("ok 1\n\nx{a=\"b\" 1\n", 3, "`,` or `}`"),
			("x{a=\"b} 1\n", 1, "unterminated value"),
			("x{a=\"1\",a=\"2\"} 1\n", 1, "duplicate label `a`"),
			("x{1a=\"b\"} 1\n", 1, "label name"),
			("x{a b} 1\n", 1, "`=`"),
			("x{a=b} 1\n", 1, "quoted value"),
			("# c\nx\n", 2, "no value"),
			("x abc\n", 1, "invalid value `abc`"),
			("x 1 12.5\n", 1, "invalid timestamp"),
			("x 1 2 3\n", 1, "after the timestamp"),
			("x{a=\"b\"\n", 1, "unterminated label set"),
			("x infinity\n", 1, "invalid value"),
			("x-y 1\n", 1, "after the metric name `x`"),
		];
		for (text, line, needle) in cases {
			let error = parse(text).unwrap_err();
			assert_eq!(error.line, line, "{text:?}: {error}");
			assert!(error.to_string().contains(needle), "{text:?}: {error}");
			assert!(error.to_string().starts_with(&format!("line {line}: ")));
		}
	}

	#[test]
	fn sum_matches_every_given_label() {
		let text = "gpu{gpu=\"0\",host=\"a\"} 80\ngpu{gpu=\"1\",host=\"a\"} 90\ngpu{gpu=\"0\",host=\"b\"} 10\nother 5\n";
		let samples = parse(text).unwrap();
		assert_eq!(sum(&samples, "gpu", &BTreeMap::new()), Some(180.0));
		assert_eq!(sum(&samples, "gpu", &labels(&[("host", "a")])), Some(170.0));
		assert_eq!(sum(&samples, "gpu", &labels(&[("host", "a"), ("gpu", "1")])), Some(90.0));
		assert_eq!(sum(&samples, "gpu", &labels(&[("host", "c")])), None);
		assert_eq!(sum(&samples, "missing", &BTreeMap::new()), None);
		// An empty matcher value matches an absent label.
		assert_eq!(sum(&samples, "other", &labels(&[("host", "")])), Some(5.0));
		assert_eq!(sum(&samples, "gpu", &labels(&[("zone", "")])), Some(180.0));
	}

	#[test]
	fn render_round_trips_through_parse() {
		let mut out = String::new();
		render(
			&mut out,
			"weird_total",
			"Help with a \\ and\na newline.",
			"counter",
			&[
				(vec![("device", "eth0".to_string())], 12.5),
				(vec![("path", "a\\b \"c\"\nd".to_string()), ("x", String::new())], f64::INFINITY),
				(vec![], 1e300),
			],
		);
		assert!(out.starts_with(
			"# HELP weird_total Help with a \\\\ and\\na newline.\n# TYPE weird_total counter\n"
		));
		let samples = parse(&out).unwrap();
		assert_eq!(samples.len(), 3);
		assert_eq!(samples[0].labels, labels(&[("device", "eth0")]));
		assert_eq!(samples[0].value, 12.5);
		assert_eq!(samples[1].labels, labels(&[("path", "a\\b \"c\"\nd"), ("x", "")]));
		assert_eq!(samples[1].value, f64::INFINITY);
		assert_eq!(samples[2].value, 1e300);
	}
}
