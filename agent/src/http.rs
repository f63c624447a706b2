//! A minimal HTTP/1.1 client and server over tokio, enough to read metric sources
//! (`GET http://host:port/path`) and to serve small text and JSON endpoints (the simulator, the
//! agent's `/metrics` and probe endpoints) without another dependency.

use anyhow::{anyhow, bail, Context};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// The largest response body [`get`] accepts.
pub const MAX_BODY: usize = 4 * 1024 * 1024;
/// The largest response head (status line and headers) [`get`] accepts.
const MAX_RESPONSE_HEAD: usize = 64 * 1024;
/// The largest line of a response head or chunk-size line.
const MAX_LINE: usize = 8 * 1024;
/// The largest request head (request line and headers) [`serve`] accepts.
pub const MAX_REQUEST_HEAD: usize = 16 * 1024;
/// How long [`serve`] waits for a request's head.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// An `http://` URL split into what a request needs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Url {
	/// The authority as written, for the `Host` header.
	host_header: String,
	/// `host:port` to connect to (port 80 when the URL has none).
	connect: String,
	/// The path and query, starting with `/`.
	path: String,
}

fn parse_url(url: &str) -> anyhow::Result<Url> {
	let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
	if lower.starts_with("https://") {
		bail!(
			"`{url}`: https is not supported for metric sources; use an http:// URL (a local \
			 exporter, or a TLS-terminating proxy in front of a remote one)"
		);
	}
	let rest = match url.get(..7) {
		Some(scheme) if scheme.eq_ignore_ascii_case("http://") => url.get(7..).unwrap_or(""),
		_ => bail!("`{url}` is not an http:// URL"),
	};
	let (authority, path) = match rest.find(['/', '?', '#']) {
		Some(at) => (rest.get(..at).unwrap_or(""), rest.get(at..).unwrap_or("")),
		None => (rest, ""),
	};
	let path = path.split('#').next().unwrap_or("");
	let path = if path.is_empty() {
		"/".to_string()
	} else if path.starts_with('?') {
		format!("/{path}")
	} else {
		path.to_string()
	};
	if authority.is_empty() {
		bail!("`{url}` has no host");
	}
	if authority.contains('@') {
		bail!("`{url}`: credentials in the URL are not supported");
	}
	let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
		let (host, after) =
			v6.split_once(']').ok_or_else(|| anyhow!("`{url}`: unterminated IPv6 address"))?;
		match after {
			"" => (format!("[{host}]"), None),
			_ => match after.strip_prefix(':') {
				Some(port) => (format!("[{host}]"), Some(port)),
				None => bail!("`{url}`: unexpected `{after}` after the IPv6 address"),
			},
		}
	} else {
		match authority.rsplit_once(':') {
			Some((host, port)) => (host.to_string(), Some(port)),
			None => (authority.to_string(), None),
		}
	};
	if host.is_empty() || host == "[]" {
		bail!("`{url}` has no host");
	}
	let port = match port {
		None => 80,
		Some(port) => port
			.parse::<u16>()
			.ok()
			.filter(|port| *port != 0)
			.ok_or_else(|| anyhow!("`{url}`: invalid port `{port}`"))?,
	};
	Ok(Url { host_header: authority.to_string(), connect: format!("{host}:{port}"), path })
}

/// Checks that `url` is one [`get`] can fetch (`http://host[:port][/path]`), so a config file
/// is refused at load time rather than at the first reading.
pub fn check_url(url: &str) -> anyhow::Result<()> {
	parse_url(url).map(|_| ())
}

/// Fetches `url` (`http://host[:port]/path` only) with a `GET` and returns the status code and
/// body. The body is read by `Content-Length`, chunked transfer coding or until the server
/// closes, and may be at most [`MAX_BODY`] bytes of UTF-8. The whole exchange, connecting
/// included, is bounded by `timeout`.
pub async fn get(url: &str, timeout: Duration) -> anyhow::Result<(u16, String)> {
	let parsed = parse_url(url)?;
	tokio::time::timeout(timeout, fetch(&parsed))
		.await
		.map_err(|_| anyhow!("GET {url}: no complete answer within {timeout:?}"))?
		.with_context(|| format!("GET {url}"))
}

async fn fetch(url: &Url) -> anyhow::Result<(u16, String)> {
	let mut stream = TcpStream::connect(&url.connect)
		.await
		.with_context(|| format!("connecting to {}", url.connect))?;
	let request = format!(
		"GET {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nAccept: */*\r\nUser-Agent: atlas-agent\r\n\r\n",
		url.path, url.host_header
	);
	stream.write_all(request.as_bytes()).await.context("sending the request")?;
	let mut reader = BufReader::new(stream);
	let mut head_budget = MAX_RESPONSE_HEAD;
	loop {
		let head = read_response_head(&mut reader, &mut head_budget).await?;
		// Interim answers (100 Continue, 103 Early Hints) precede the real one.
		if (100..200).contains(&head.status) {
			continue;
		}
		let body = if head.status == 204 || head.status == 304 {
			Vec::new()
		} else if head.chunked {
			read_chunked(&mut reader).await?
		} else if let Some(length) = head.content_length {
			if length > MAX_BODY {
				bail!("the body is {length} bytes, more than the {MAX_BODY} accepted");
			}
			let mut body = vec![0u8; length];
			reader
				.read_exact(&mut body)
				.await
				.with_context(|| format!("reading a {length}-byte body"))?;
			body
		} else {
			let mut body = Vec::new();
			(&mut reader)
				.take((MAX_BODY as u64).saturating_add(1))
				.read_to_end(&mut body)
				.await
				.context("reading the body")?;
			if body.len() > MAX_BODY {
				bail!("the body is more than the {MAX_BODY} bytes accepted");
			}
			body
		};
		let body = String::from_utf8(body).map_err(|_| anyhow!("the body is not UTF-8"))?;
		return Ok((head.status, body));
	}
}

struct ResponseHead {
	status: u16,
	content_length: Option<usize>,
	chunked: bool,
}

async fn read_response_head<R: AsyncBufRead + Unpin>(
	reader: &mut R,
	budget: &mut usize,
) -> anyhow::Result<ResponseHead> {
	let status_line = read_line(reader, budget)
		.await?
		.ok_or_else(|| anyhow!("the server closed the connection without answering"))?;
	let mut parts = status_line.split_whitespace();
	let version = parts.next().unwrap_or("");
	if !version.starts_with("HTTP/") {
		bail!("not an HTTP status line: `{}`", shorten(&status_line));
	}
	let status = parts
		.next()
		.filter(|code| code.len() == 3)
		.and_then(|code| code.parse::<u16>().ok())
		.filter(|code| (100..600).contains(code))
		.ok_or_else(|| anyhow!("invalid status line `{}`", shorten(&status_line)))?;
	let mut content_length = None;
	let mut chunked = false;
	loop {
		let line = read_line(reader, budget)
			.await?
			.ok_or_else(|| anyhow!("the connection closed in the middle of the headers"))?;
		if line.is_empty() {
			break;
		}
		let (name, value) = line
			.split_once(':')
			.ok_or_else(|| anyhow!("malformed header line `{}`", shorten(&line)))?;
		let value = value.trim();
		if name.trim().eq_ignore_ascii_case("content-length") {
			let length = value
				.parse::<usize>()
				.map_err(|_| anyhow!("invalid Content-Length `{}`", shorten(value)))?;
			if content_length.is_some_and(|previous| previous != length) {
				bail!("conflicting Content-Length headers");
			}
			content_length = Some(length);
		} else if name.trim().eq_ignore_ascii_case("transfer-encoding") {
			let last = value.rsplit(',').next().unwrap_or("").trim();
			if last.eq_ignore_ascii_case("chunked") {
				chunked = true;
			} else if !last.eq_ignore_ascii_case("identity") {
				bail!("unsupported Transfer-Encoding `{}`", shorten(value));
			}
		}
	}
	Ok(ResponseHead { status, content_length, chunked })
}

/// Reads a body in chunked transfer coding, trailers included.
async fn read_chunked<R: AsyncBufRead + Unpin>(reader: &mut R) -> anyhow::Result<Vec<u8>> {
	let mut body = Vec::new();
	let mut budget = MAX_RESPONSE_HEAD;
	loop {
		let line = read_line(reader, &mut budget)
			.await?
			.ok_or_else(|| anyhow!("the connection closed before the last chunk"))?;
		let size_text = line.split(';').next().unwrap_or("").trim();
		let size = usize::from_str_radix(size_text, 16)
			.map_err(|_| anyhow!("invalid chunk size `{}`", shorten(size_text)))?;
		if size == 0 {
			// Trailers, up to the empty line.
			loop {
				let trailer = read_line(reader, &mut budget)
					.await?
					.ok_or_else(|| anyhow!("the connection closed in the trailers"))?;
				if trailer.is_empty() {
					return Ok(body);
				}
			}
		}
		let total = body.len().checked_add(size).filter(|total| *total <= MAX_BODY);
		let Some(total) = total else {
			bail!("the chunked body is more than the {MAX_BODY} bytes accepted");
		};
		let start = body.len();
		body.resize(total, 0);
		let chunk = body.get_mut(start..).unwrap_or_default();
		reader.read_exact(chunk).await.context("reading a chunk")?;
		let end = read_line(reader, &mut budget)
			.await?
			.ok_or_else(|| anyhow!("the connection closed after a chunk"))?;
		if !end.is_empty() {
			bail!("a chunk is longer than its size says");
		}
	}
}

/// Reads one line (without its `\r\n` or `\n`), charging it to `budget`. `None` at the end of
/// the stream before any byte.
async fn read_line<R: AsyncBufRead + Unpin>(
	reader: &mut R,
	budget: &mut usize,
) -> anyhow::Result<Option<String>> {
	let limit = MAX_LINE.min(*budget);
	let mut line = Vec::new();
	let read = (&mut *reader)
		.take((limit as u64).saturating_add(1))
		.read_until(b'\n', &mut line)
		.await
		.context("reading from the connection")?;
	if read == 0 {
		return Ok(None);
	}
	if line.last() != Some(&b'\n') {
		if line.len() > limit {
			bail!("the response head is longer than accepted");
		}
		bail!("the connection closed in the middle of a line");
	}
	*budget = budget.saturating_sub(line.len());
	line.pop();
	if line.last() == Some(&b'\r') {
		line.pop();
	}
	String::from_utf8(line).map(Some).map_err(|_| anyhow!("a header line is not UTF-8"))
}

fn shorten(text: &str) -> String {
	const MAX: usize = 60;
	if text.chars().count() <= MAX {
		text.to_string()
	} else {
		let mut short: String = text.chars().take(MAX).collect();
		short.push('…');
		short
	}
}

/// What a [`serve`] handler answers: a status code, a content type and a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
	/// The HTTP status code, e.g. 200 or 404.
	pub status: u16,
	/// The `Content-Type` header, e.g. `text/plain; charset=utf-8`.
	pub content_type: &'static str,
	/// The body.
	pub body: String,
}

/// The content type of the Prometheus text exposition format.
pub const PROMETHEUS_CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";
/// The content type of plain text.
pub const TEXT_CONTENT_TYPE: &str = "text/plain; charset=utf-8";
/// The content type of JSON.
pub const JSON_CONTENT_TYPE: &str = "application/json";

impl Response {
	/// A plain-text answer with the given status.
	pub fn text(status: u16, body: impl Into<String>) -> Self {
		Response { status, content_type: TEXT_CONTENT_TYPE, body: body.into() }
	}

	/// A 200 answer in the Prometheus text exposition format.
	pub fn prometheus(body: impl Into<String>) -> Self {
		Response { status: 200, content_type: PROMETHEUS_CONTENT_TYPE, body: body.into() }
	}

	/// A 200 JSON answer.
	pub fn json(body: impl Into<String>) -> Self {
		Response { status: 200, content_type: JSON_CONTENT_TYPE, body: body.into() }
	}

	/// A 404 answer naming the path.
	pub fn not_found(path: &str) -> Self {
		Response::text(404, format!("not found: {path}\n"))
	}
}

/// The handler [`serve`] calls with the path of each `GET` request.
pub type Handler = Arc<dyn Fn(&str) -> Response + Send + Sync>;

/// Serves HTTP/1.1 on `listener` forever, one task per connection and one request per
/// connection: reads the request head (at most [`MAX_REQUEST_HEAD`] bytes within
/// [`REQUEST_TIMEOUT`]), calls `handler` with the path (query string removed) of a `GET`,
/// answers 405 to other methods and 400 to malformed requests, and closes the connection.
pub async fn serve(listener: TcpListener, handler: Arc<dyn Fn(&str) -> Response + Send + Sync>) {
	loop {
		match listener.accept().await {
			Ok((stream, peer)) => {
				let handler = handler.clone();
				tokio::spawn(async move {
					if let Err(error) = handle_connection(stream, handler).await {
						tracing::debug!(%peer, "http connection: {error:#}");
					}
				});
			},
			Err(error) => {
				// Usually out of file descriptors: wait instead of spinning.
				tracing::warn!("http accept failed: {error}");
				tokio::time::sleep(Duration::from_millis(100)).await;
			},
		}
	}
}

/// What came of reading a request head.
enum RequestHead {
	/// The path of a well-formed `GET`.
	Get(String),
	/// An answer to send instead of calling the handler.
	Refuse(Response),
}

async fn handle_connection(mut stream: TcpStream, handler: Handler) -> anyhow::Result<()> {
	let head = match tokio::time::timeout(REQUEST_TIMEOUT, read_request_head(&mut stream)).await {
		Err(_) => RequestHead::Refuse(Response::text(408, "request timeout\n")),
		Ok(Err(error)) => return Err(error),
		Ok(Ok(None)) => return Ok(()),
		Ok(Ok(Some(head))) => head,
	};
	let (response, allow_get) = match head {
		RequestHead::Get(path) => (handler(&path), false),
		RequestHead::Refuse(response) => {
			let allow = response.status == 405;
			(response, allow)
		},
	};
	let mut out = format!(
		"HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
		response.status,
		reason(response.status),
		response.content_type,
		response.body.len()
	);
	if allow_get {
		out.push_str("Allow: GET\r\n");
	}
	out.push_str("\r\n");
	let write = async {
		stream.write_all(out.as_bytes()).await?;
		stream.write_all(response.body.as_bytes()).await?;
		stream.flush().await?;
		stream.shutdown().await
	};
	tokio::time::timeout(REQUEST_TIMEOUT, write)
		.await
		.map_err(|_| anyhow!("writing the response timed out"))?
		.context("writing the response")?;
	Ok(())
}

/// Reads a request head. `None` when the client closed before sending a complete one.
async fn read_request_head(stream: &mut TcpStream) -> anyhow::Result<Option<RequestHead>> {
	let mut buffer = Vec::with_capacity(1024);
	let mut chunk = [0u8; 2048];
	let end = loop {
		if let Some(end) = head_end(&buffer) {
			break end;
		}
		if buffer.len() > MAX_REQUEST_HEAD {
			return Ok(Some(RequestHead::Refuse(Response::text(
				431,
				format!("request head larger than {MAX_REQUEST_HEAD} bytes\n"),
			))));
		}
		let read = stream.read(&mut chunk).await.context("reading the request")?;
		if read == 0 {
			return Ok(None);
		}
		buffer.extend_from_slice(chunk.get(..read).unwrap_or_default());
	};
	if end > MAX_REQUEST_HEAD {
		return Ok(Some(RequestHead::Refuse(Response::text(
			431,
			format!("request head larger than {MAX_REQUEST_HEAD} bytes\n"),
		))));
	}
	let bad = |why: &str| Ok(Some(RequestHead::Refuse(Response::text(400, format!("{why}\n")))));
	let Ok(head) = std::str::from_utf8(buffer.get(..end).unwrap_or_default()) else {
		return bad("the request head is not UTF-8");
	};
	let mut lines = head.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line));
	let request_line = lines.next().unwrap_or("");
	let parts: Vec<&str> = request_line.split(' ').collect();
	let [method, target, version] = parts.as_slice() else {
		return bad("malformed request line");
	};
	if !version.starts_with("HTTP/1.") || method.is_empty() {
		return bad("malformed request line");
	}
	for line in lines.filter(|line| !line.is_empty()) {
		if !line.contains(':') {
			return bad("malformed header line");
		}
	}
	if *method != "GET" {
		return Ok(Some(RequestHead::Refuse(Response::text(
			405,
			format!("method {method} not allowed; only GET is served\n"),
		))));
	}
	if !target.starts_with('/') {
		return bad("the request target must be a path");
	}
	let path = target.split(['?', '#']).next().unwrap_or("/");
	Ok(Some(RequestHead::Get(path.to_string())))
}

/// The length of the head (through its blank line) when `buffer` holds all of it.
fn head_end(buffer: &[u8]) -> Option<usize> {
	let crlf = buffer.windows(4).position(|window| window == b"\r\n\r\n").map(|at| at + 4);
	let lf = buffer.windows(2).position(|window| window == b"\n\n").map(|at| at + 2);
	match (crlf, lf) {
		(Some(a), Some(b)) => Some(a.min(b)),
		(a, b) => a.or(b),
	}
}

/// The reason phrase of a status code.
fn reason(status: u16) -> &'static str {
	match status {
		200 => "OK",
		204 => "No Content",
		400 => "Bad Request",
		403 => "Forbidden",
		404 => "Not Found",
		405 => "Method Not Allowed",
		408 => "Request Timeout",
		429 => "Too Many Requests",
		431 => "Request Header Fields Too Large",
		500 => "Internal Server Error",
		503 => "Service Unavailable",
		_ => "Status",
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	async fn start(handler: Handler) -> String {
		let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let address = listener.local_addr().unwrap();
		tokio::spawn(serve(listener, handler));
		format!("http://{address}")
	}

	fn test_handler() -> Handler {
		Arc::new(|path: &str| match path {
			"/metrics" => Response::prometheus("up 1\n"),
			"/status.json" => Response::json("{\"ok\":true}"),
			other => Response::not_found(other),
		})
	}

	/// Sends raw bytes and returns everything the server answered.
	async fn raw(address: &str, request: &[u8]) -> String {
		let mut stream = TcpStream::connect(address.trim_start_matches("http://")).await.unwrap();
		stream.write_all(request).await.unwrap();
		let mut out = String::new();
		stream.read_to_string(&mut out).await.unwrap();
		out
	}

	#[test]
	fn parses_urls() {
		let url = parse_url("http://127.0.0.1:9100/metrics?x=1#frag").unwrap();
		assert_eq!(url.connect, "127.0.0.1:9100");
		assert_eq!(url.host_header, "127.0.0.1:9100");
		assert_eq!(url.path, "/metrics?x=1");
		let url = parse_url("HTTP://exporter").unwrap();
		assert_eq!(url.connect, "exporter:80");
		assert_eq!(url.path, "/");
		let url = parse_url("http://[::1]:8080/a").unwrap();
		assert_eq!(url.connect, "[::1]:8080");
		let error = parse_url("https://example.com/metrics").unwrap_err().to_string();
		assert!(error.contains("https is not supported for metric sources"), "{error}");
		assert!(parse_url("ftp://x/").unwrap_err().to_string().contains("not an http:// URL"));
		assert!(parse_url("http:///x").unwrap_err().to_string().contains("no host"));
		assert!(parse_url("http://h:99999/").unwrap_err().to_string().contains("invalid port"));
		assert!(parse_url("http://u:p@h/").unwrap_err().to_string().contains("credentials"));
	}

	#[tokio::test]
	async fn get_and_serve_round_trip() {
		let base = start(test_handler()).await;
		let timeout = Duration::from_secs(5);
		assert_eq!(get(&format!("{base}/metrics"), timeout).await.unwrap(), (200, "up 1\n".into()));
		assert_eq!(
			get(&format!("{base}/status.json?verbose=1"), timeout).await.unwrap(),
			(200, "{\"ok\":true}".into())
		);
		let (status, body) = get(&format!("{base}/nope"), timeout).await.unwrap();
		assert_eq!(status, 404);
		assert!(body.contains("/nope"));
	}

	#[tokio::test]
	async fn serve_refuses_other_methods_and_malformed_requests() {
		let base = start(test_handler()).await;
		let answer = raw(&base, b"POST /metrics HTTP/1.1\r\nHost: x\r\n\r\n").await;
		assert!(answer.starts_with("HTTP/1.1 405 "), "{answer}");
		assert!(answer.contains("Allow: GET\r\n"));
		let answer = raw(&base, b"garbage\r\n\r\n").await;
		assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
		let answer = raw(&base, b"GET /metrics HTTP/1.1\r\nno colon here\r\n\r\n").await;
		assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
		let answer = raw(&base, b"GET /metrics HTTP/1.0\n\n").await;
		assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
		assert!(answer.contains("Content-Length: 5\r\n"));
		assert!(answer.contains("Connection: close\r\n"));
		assert!(answer.ends_with("\r\n\r\nup 1\n"));
		let mut huge = b"GET / HTTP/1.1\r\nX: ".to_vec();
		huge.extend(vec![b'a'; MAX_REQUEST_HEAD + 10]);
		huge.extend_from_slice(b"\r\n\r\n");
		let answer = raw(&base, &huge).await;
		assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
	}

	/// A one-shot server answering every connection with `answer`.
	async fn canned(answer: &'static [u8]) -> String {
		let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let address = listener.local_addr().unwrap();
		tokio::spawn(async move {
			loop {
				let (mut stream, _) = listener.accept().await.unwrap();
				let mut buffer = vec![0u8; 4096];
				let _ = stream.read(&mut buffer).await;
				let _ = stream.write_all(answer).await;
				let _ = stream.shutdown().await;
			}
		});
		format!("http://{address}/")
	}

	#[tokio::test]
	async fn get_reads_chunked_and_close_delimited_bodies() {
		let timeout = Duration::from_secs(5);
		let url = canned(
			b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n",
		)
		.await;
		assert_eq!(get(&url, timeout).await.unwrap(), (200, "hello, world".into()));
		let url = canned(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close").await;
		assert_eq!(get(&url, timeout).await.unwrap(), (200, "until close".into()));
		let url = canned(
			b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusyEXTRA",
		)
		.await;
		assert_eq!(get(&url, timeout).await.unwrap(), (503, "busy".into()));
		let url = canned(b"HTTP/1.1 200 OK\r\nContent-Length: 99999999\r\n\r\n").await;
		let error = format!("{:#}", get(&url, timeout).await.unwrap_err());
		assert!(error.contains("more than the"), "{error}");
		let url = canned(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").await;
		let error = format!("{:#}", get(&url, timeout).await.unwrap_err());
		assert!(error.contains("invalid chunk size"), "{error}");
		let url = canned(b"SSH-2.0-OpenSSH\r\n").await;
		let error = format!("{:#}", get(&url, timeout).await.unwrap_err());
		assert!(error.contains("not an HTTP status line"), "{error}");
	}

	#[tokio::test]
	async fn get_times_out() {
		let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let address = listener.local_addr().unwrap();
		tokio::spawn(async move {
			let (_stream, _) = listener.accept().await.unwrap();
			tokio::time::sleep(Duration::from_secs(30)).await;
		});
		let error = get(&format!("http://{address}/"), Duration::from_millis(200))
			.await
			.unwrap_err()
			.to_string();
		assert!(error.contains("no complete answer within"), "{error}");
	}
}
