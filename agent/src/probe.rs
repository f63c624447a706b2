//! The probe protocol on the wire (see `atlas_primitives::probe` for what each probe proves).
//!
//! A verifier opens a TCP connection to the device's probe endpoint (`tcp://host:port` in its
//! on-chain record) and sends frames: a little-endian `u32` length, then a SCALE-encoded
//! [`Request`]. Each challenge is a [`SignedChallenge`]: signed by the verifier's account key (or
//! its proxy's), so that the device answers only its assigned verifiers (see [`crate::gate`]).
//! The device answers each challenge with a [`SignedAnswer`] frame: its key's
//! signature of `probe_payload(challenge, answered_at_ms, answer)`. For a transfer probe the
//! device first sends [`Response::Streaming`] (or declines), streams the requested bytes raw
//! (unframed), then the answer. For a benchmark the
//! verifier then sends [`Request::Vectors`] and the device answers [`Response::Products`].
//!
//! What is derived from a challenge's nonce, so that nothing can be precomputed:
//! - transfer bytes: the concatenation of `blake2_256(("atlas:probe-stream:", nonce, i))` for
//!   `i = 0, 1, …` (u32 LE), cut to the length asked;
//! - benchmark matrices `A` and `B`: row-major `u32` words, 8 per
//!   `blake2_256(("atlas:probe-matrix:", nonce, which, i))` (`which` 0 for `A`, 1 for `B`).

use std::{
	collections::BTreeMap,
	net::{IpAddr, SocketAddr},
	sync::Arc,
	time::Duration,
};

use blake2b_simd::{Params, State};

use anyhow::{anyhow, bail, ensure, Context, Result};
use atlas_primitives::{
	probe::{probe_payload, ProbeAnswer, ProbeChallenge, ProbeKind, MAX_PROBE_SAMPLES},
	DeviceId, DeviceKey, DeviceSignature,
};
use codec::{Decode, DecodeAll, Encode};
use sp_core::{crypto::AccountId32, H256};
use sp_crypto_hashing::blake2_256;
use sp_runtime::{traits::Verify, MultiSignature};
use tokio::{
	io::{AsyncReadExt, AsyncWriteExt},
	net::{TcpListener, TcpStream},
	sync::RwLock,
};

use crate::{
	gate::Gate,
	keys::{AccountSigner, DeviceSigner},
};

/// The largest frame either side accepts.
const MAX_FRAME: u32 = 1 << 20;

/// The largest transfer a device streams for one probe (4 MiB).
pub const MAX_TRANSFER: u32 = 4 << 20;

/// Connections a probe server answers at once: a peer cannot exhaust its descriptors.
pub const MAX_CONNECTIONS: usize = 64;

/// How long a probe server waits for a peer's next frame.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest benchmark matrix side a device computes.
pub const MAX_BENCHMARK_N: u16 = 256;

/// A challenge as a verifier sends it: signed by the verifier's account, or by a proxy of it.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct SignedChallenge {
	/// The challenge.
	pub challenge: ProbeChallenge<AccountId32>,
	/// Who signed: the verifier the challenge names, or its proxy.
	pub signer: AccountId32,
	/// `signer`'s signature of [`challenge_payload`].
	pub signature: MultiSignature,
}

/// What a challenge's signer signs: the challenge under a domain tag, wrapped in `<Bytes>` as
/// wallets wrap raw messages, so that it can never be an extrinsic's payload.
pub fn challenge_payload(challenge: &ProbeChallenge<AccountId32>) -> Vec<u8> {
	let mut payload = b"<Bytes>".to_vec();
	payload.extend((b"atlas:probe-challenge:", challenge).encode());
	payload.extend_from_slice(b"</Bytes>");
	payload
}

impl SignedChallenge {
	/// Signs `challenge` with `signer`.
	pub fn sign(challenge: ProbeChallenge<AccountId32>, signer: &AccountSigner) -> Self {
		let signature = signer.sign_message(&challenge_payload(&challenge));
		SignedChallenge { challenge, signer: signer.account(), signature }
	}

	/// Whether the signature is `signer`'s.
	pub fn verify(&self) -> bool {
		self.signature.verify(&challenge_payload(&self.challenge)[..], &self.signer)
	}
}

/// What a verifier sends.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum Request {
	/// A challenge.
	Challenge(SignedChallenge),
	/// The Freivalds vectors for the benchmark just answered.
	Vectors(Vec<Vec<u32>>),
}

/// What a device answers.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum Response {
	/// The signed answer to a challenge.
	Answer(SignedAnswer),
	/// `C·r` for each of the verifier's vectors.
	Products(Vec<Vec<u32>>),
	/// The device does not answer this challenge (not served here, not admitted, or beyond the
	/// limits), and says why.
	Declined(Vec<u8>),
	/// The transfer's bytes follow.
	Streaming,
}

/// A device's signed answer.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct SignedAnswer {
	/// The device's clock when it answered (Unix milliseconds).
	pub answered_at_ms: u64,
	/// The answer.
	pub answer: ProbeAnswer,
	/// The device key's signature of `probe_payload(challenge, answered_at_ms, answer)`.
	pub signature: DeviceSignature,
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|d| d.as_millis() as u64)
		.unwrap_or(0)
}

async fn write_frame(stream: &mut TcpStream, bytes: &[u8]) -> Result<()> {
	let len = u32::try_from(bytes.len()).map_err(|_| anyhow!("frame too large"))?;
	ensure!(len <= MAX_FRAME, "frame of {len} bytes is too large");
	stream.write_all(&len.to_le_bytes()).await?;
	stream.write_all(bytes).await?;
	stream.flush().await?;
	Ok(())
}

async fn read_frame(stream: &mut TcpStream) -> Result<Vec<u8>> {
	let mut len = [0u8; 4];
	stream.read_exact(&mut len).await?;
	let len = u32::from_le_bytes(len);
	ensure!(len <= MAX_FRAME, "frame of {len} bytes is too large");
	let mut bytes = vec![0u8; len as usize];
	stream.read_exact(&mut bytes).await?;
	Ok(bytes)
}

/// The pseudo-random bytes of a transfer probe: block `i` of 32 bytes.
pub fn stream_block(nonce: &[u8; 32], i: u32) -> [u8; 32] {
	blake2_256(&(b"atlas:probe-stream:", nonce, i).encode())
}

/// An incremental Blake2-256 (what `blake2_256` computes, fed piece by piece).
fn blake2_256_state() -> State {
	Params::new().hash_length(32).to_state()
}

fn finish(state: &State) -> H256 {
	let mut out = [0u8; 32];
	out.copy_from_slice(state.finalize().as_bytes());
	H256(out)
}

/// Blake2-256 of the first `bytes` bytes of the transfer stream of `nonce`.
pub fn stream_hash(nonce: &[u8; 32], bytes: u32) -> H256 {
	let mut state = blake2_256_state();
	let (mut left, mut i) = (bytes as usize, 0u32);
	while left > 0 {
		let block = stream_block(nonce, i);
		let take = left.min(block.len());
		state.update(&block[..take]);
		left -= take;
		i = i.saturating_add(1);
	}
	finish(&state)
}

/// The benchmark matrix `which` (0 = A, 1 = B) of side `n`, row-major.
pub fn matrix(nonce: &[u8; 32], which: u8, n: u16) -> Vec<u32> {
	let cells = usize::from(n) * usize::from(n);
	let mut out = Vec::with_capacity(cells);
	let mut i = 0u32;
	while out.len() < cells {
		let block = blake2_256(&(b"atlas:probe-matrix:", nonce, which, i).encode());
		for word in block.chunks_exact(4) {
			out.push(u32::from_le_bytes([word[0], word[1], word[2], word[3]]));
		}
		i = i.saturating_add(1);
	}
	out.truncate(cells);
	out
}

/// `A·B` over wrapping `u32`, row-major.
pub fn multiply(a: &[u32], b: &[u32], n: u16) -> Vec<u32> {
	let n = usize::from(n);
	let mut c = vec![0u32; n * n];
	for i in 0..n {
		for k in 0..n {
			let aik = a[i * n + k];
			for j in 0..n {
				c[i * n + j] = c[i * n + j].wrapping_add(aik.wrapping_mul(b[k * n + j]));
			}
		}
	}
	c
}

/// `M·r` over wrapping `u32`.
pub fn times_vector(m: &[u32], r: &[u32], n: u16) -> Vec<u32> {
	let n = usize::from(n);
	(0..n)
		.map(|i| (0..n).fold(0u32, |acc, j| acc.wrapping_add(m[i * n + j].wrapping_mul(r[j]))))
		.collect()
}

/// Blake2-256 of a matrix, row-major little-endian.
pub fn matrix_hash(m: &[u32]) -> H256 {
	let bytes: Vec<u8> = m.iter().flat_map(|w| w.to_le_bytes()).collect();
	H256(blake2_256(&bytes))
}

// ---------------------------------------------------------------------------------------------
// The device side.

/// What the device side knows of one device it answers for.
pub struct ProbeDevice {
	/// Its key.
	pub signer: DeviceSigner,
	/// Its link speed, if transfers are to be paced to it (bytes per second).
	pub link_bytes_per_sec: Option<u64>,
	/// Its meter's latest cumulative reading (Wh).
	pub meter_wh: Option<u64>,
	/// The samples it took: time (Unix ms) and hash, oldest first.
	pub samples: Vec<(u64, H256)>,
}

/// The most samples kept per device for sample probes.
pub const MAX_KEPT_SAMPLES: usize = 4_096;

impl ProbeDevice {
	/// Records a sample taken at `at_ms` (its hash binds the device key and the time).
	pub fn record_sample(&mut self, at_ms: u64) {
		let hash = H256(blake2_256(&(b"atlas:sample:", self.signer.public(), at_ms).encode()));
		self.samples.push((at_ms, hash));
		if self.samples.len() > MAX_KEPT_SAMPLES {
			let excess = self.samples.len() - MAX_KEPT_SAMPLES;
			self.samples.drain(..excess);
		}
	}
}

/// The devices a probe server answers for, by id.
pub type ProbeDevices = Arc<RwLock<BTreeMap<DeviceId, ProbeDevice>>>;

/// Serves the probe protocol on `listener` for `devices` until the task is dropped, answering
/// the challenges `gate` admits.
pub async fn serve(listener: TcpListener, devices: ProbeDevices, gate: Arc<Gate>) {
	let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
	loop {
		let (stream, peer) = match listener.accept().await {
			Ok(accepted) => accepted,
			Err(e) => {
				// Out of descriptors or the like: back off instead of spinning.
				tracing::debug!(target: "probe", "accepting: {e}");
				tokio::time::sleep(Duration::from_millis(100)).await;
				continue;
			},
		};
		let Ok(slot) = slots.clone().try_acquire_owned() else {
			// Full: drop the connection at once.
			continue;
		};
		let (devices, gate) = (devices.clone(), gate.clone());
		tokio::spawn(async move {
			let _slot = slot;
			let served =
				tokio::time::timeout(Duration::from_secs(120), answer(stream, devices, gate));
			match served.await {
				Ok(Err(e)) => tracing::debug!(target: "probe", "probe from {peer}: {e:#}"),
				Err(_) => tracing::debug!(target: "probe", "probe from {peer} timed out"),
				Ok(Ok(())) => {},
			}
		});
	}
}

async fn decline(stream: &mut TcpStream, why: &str) -> Result<()> {
	write_frame(stream, &Response::Declined(why.as_bytes().to_vec()).encode()).await
}

async fn answer(mut stream: TcpStream, devices: ProbeDevices, gate: Arc<Gate>) -> Result<()> {
	stream.set_nodelay(true)?;
	loop {
		let frame = match tokio::time::timeout(READ_TIMEOUT, read_frame(&mut stream)).await {
			Ok(Ok(frame)) => frame,
			// The verifier hung up or went quiet: done.
			_ => return Ok(()),
		};
		let Request::Challenge(signed) = Request::decode_all(&mut &frame[..])? else {
			bail!("vectors without a benchmark");
		};
		if !devices.read().await.contains_key(&signed.challenge.device) {
			decline(&mut stream, "unknown device").await?;
			continue;
		}
		let signature_ok = signed.verify();
		if let Err(refused) = gate.admit(&signed.challenge, &signed.signer, signature_ok).await {
			tracing::debug!(
				target: "probe",
				"device {}: challenge of {} refused: {}",
				signed.challenge.device,
				signed.signer,
				refused.reason()
			);
			decline(&mut stream, refused.reason()).await?;
			continue;
		}
		let challenge = signed.challenge;
		let guard = devices.read().await;
		let Some(device) = guard.get(&challenge.device) else {
			drop(guard);
			decline(&mut stream, "unknown device").await?;
			continue;
		};
		let answer = match &challenge.kind {
			ProbeKind::Liveness => ProbeAnswer::Alive,
			ProbeKind::MeterReading => match device.meter_wh {
				Some(total) => ProbeAnswer::Meter { energy_wh_total: total },
				None => {
					drop(guard);
					decline(&mut stream, "no meter").await?;
					continue;
				},
			},
			ProbeKind::Samples { from_ms, to_ms } => {
				let samples: Vec<(u64, H256)> = device
					.samples
					.iter()
					.filter(|(at, _)| at >= from_ms && at <= to_ms)
					.take(MAX_PROBE_SAMPLES as usize)
					.cloned()
					.collect();
				ProbeAnswer::Samples {
					samples: samples.try_into().map_err(|_| anyhow!("too many samples"))?,
				}
			},
			ProbeKind::Transfer { bytes } => {
				ensure!(*bytes <= MAX_TRANSFER, "transfer of {bytes} bytes refused");
				let pace = device.link_bytes_per_sec;
				let (nonce, bytes) = (challenge.nonce, *bytes);
				// Stream without holding the devices' lock.
				drop(guard);
				write_frame(&mut stream, &Response::Streaming.encode()).await?;
				let hash = stream_transfer(&mut stream, &nonce, bytes, pace).await?;
				let guard = devices.read().await;
				let device = guard.get(&challenge.device).ok_or(anyhow!("device left"))?;
				let answer = ProbeAnswer::Transferred { hash };
				let signed = sign_answer(device, &challenge, answer);
				drop(guard);
				write_frame(&mut stream, &Response::Answer(signed).encode()).await?;
				continue;
			},
			ProbeKind::Benchmark { n } => {
				ensure!(*n <= MAX_BENCHMARK_N, "benchmark of side {n} refused");
				let (nonce, n) = (challenge.nonce, *n);
				drop(guard);
				let c = tokio::task::spawn_blocking(move || {
					multiply(&matrix(&nonce, 0, n), &matrix(&nonce, 1, n), n)
				})
				.await?;
				let guard = devices.read().await;
				let device = guard.get(&challenge.device).ok_or(anyhow!("device left"))?;
				let signed = sign_answer(
					device,
					&challenge,
					ProbeAnswer::Computed { hash: matrix_hash(&c) },
				);
				drop(guard);
				write_frame(&mut stream, &Response::Answer(signed).encode()).await?;
				let frame = tokio::time::timeout(READ_TIMEOUT, read_frame(&mut stream))
					.await
					.map_err(|_| anyhow!("no vectors in time"))??;
				let Request::Vectors(vectors) = Request::decode_all(&mut &frame[..])? else {
					bail!("a benchmark must be followed by its vectors");
				};
				ensure!(vectors.len() <= 8, "too many vectors");
				let products = vectors
					.iter()
					.map(|r| {
						ensure!(r.len() == usize::from(n), "a vector of the wrong length");
						Ok(times_vector(&c, r, n))
					})
					.collect::<Result<Vec<_>>>()?;
				write_frame(&mut stream, &Response::Products(products).encode()).await?;
				continue;
			},
		};
		let signed = sign_answer(device, &challenge, answer);
		drop(guard);
		write_frame(&mut stream, &Response::Answer(signed).encode()).await?;
	}
}

fn sign_answer(
	device: &ProbeDevice,
	challenge: &ProbeChallenge<AccountId32>,
	answer: ProbeAnswer,
) -> SignedAnswer {
	let answered_at_ms = now_ms();
	let signature = device.signer.sign(&probe_payload(challenge, answered_at_ms, &answer));
	SignedAnswer { answered_at_ms, answer, signature }
}

async fn stream_transfer(
	stream: &mut TcpStream,
	nonce: &[u8; 32],
	bytes: u32,
	pace: Option<u64>,
) -> Result<H256> {
	let started = tokio::time::Instant::now();
	let mut sent: u64 = 0;
	let mut hash = blake2_256_state();
	let mut i = 0u32;
	while sent < u64::from(bytes) {
		// 16 KiB at a time.
		let mut chunk = Vec::with_capacity(16 * 1024);
		while chunk.len() < 16 * 1024 && sent + (chunk.len() as u64) < u64::from(bytes) {
			chunk.extend_from_slice(&stream_block(nonce, i));
			i = i.saturating_add(1);
		}
		let room = (u64::from(bytes) - sent) as usize;
		chunk.truncate(room);
		stream.write_all(&chunk).await?;
		sent += chunk.len() as u64;
		hash.update(&chunk);
		if let Some(rate) = pace.filter(|r| *r > 0) {
			let due = Duration::from_secs_f64(sent as f64 / rate as f64);
			let elapsed = started.elapsed();
			if due > elapsed {
				tokio::time::sleep(due - elapsed).await;
			}
		}
	}
	stream.flush().await?;
	Ok(finish(&hash))
}

// ---------------------------------------------------------------------------------------------
// The verifier side.

/// What one probe found.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeResult {
	/// The device's verified answer.
	pub answer: ProbeAnswer,
	/// Milliseconds from sending the challenge to the answer.
	pub round_trip_ms: u64,
	/// For a transfer: bytes per second received.
	pub throughput: Option<f64>,
}

/// Sends `challenge` to the device at `endpoint` (`tcp://host:port`) and checks its answer:
/// signed by `key`, bound to the challenge, and right (the stream's hash, the product's hash and
/// Freivalds' check). Errors say why a probe failed.
pub async fn probe(
	endpoint: &str,
	key: &DeviceKey,
	challenge: &SignedChallenge,
	timeout: Duration,
	policy: AddressPolicy,
) -> Result<ProbeResult> {
	tokio::time::timeout(timeout, probe_inner(endpoint, key, challenge, policy))
		.await
		.map_err(|_| anyhow!("no answer within {timeout:?}"))?
}

/// Which addresses a verifier connects to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressPolicy {
	/// Only public unicast addresses: a published endpoint cannot point the verifier into its
	/// own network (loopback, private, link-local, shared, multicast or reserved ranges).
	PublicOnly,
	/// Any address (test networks on loopback).
	Any,
}

impl AddressPolicy {
	/// Whether `ip` may be connected to.
	pub fn allows(self, ip: IpAddr) -> bool {
		self == AddressPolicy::Any || is_public(ip)
	}
}

/// Whether `ip` is a public unicast address.
pub fn is_public(ip: IpAddr) -> bool {
	match ip {
		IpAddr::V4(v4) => {
			let [a, b, ..] = v4.octets();
			!(v4.is_loopback() ||
				v4.is_private() ||
				v4.is_link_local() ||
				v4.is_unspecified() ||
				v4.is_broadcast() ||
				v4.is_multicast() ||
				v4.is_documentation() ||
				a == 0 || a >= 240 ||
				// Shared address space (carrier-grade NAT), 100.64.0.0/10.
				(a == 100 && (64..128).contains(&b)) ||
				// Benchmarking, 198.18.0.0/15.
				(a == 198 && (b == 18 || b == 19)))
		},
		IpAddr::V6(v6) => {
			if let Some(v4) = v6.to_ipv4_mapped() {
				return is_public(IpAddr::V4(v4));
			}
			let first = v6.segments()[0];
			!(v6.is_loopback() ||
				v6.is_unspecified() ||
				v6.is_multicast() ||
				// Unique local fc00::/7 and link-local fe80::/10.
				(first & 0xfe00) == 0xfc00 ||
				(first & 0xffc0) == 0xfe80 ||
				// Documentation 2001:db8::/32.
				(first == 0x2001 && v6.segments()[1] == 0x0db8))
		},
	}
}

/// Resolves `address` (`host:port`) and connects to the first address `policy` allows.
async fn connect(address: &str, policy: AddressPolicy) -> Result<TcpStream> {
	let resolved: Vec<SocketAddr> = tokio::net::lookup_host(address)
		.await
		.with_context(|| format!("resolving {address}"))?
		.collect();
	let allowed: Vec<SocketAddr> =
		resolved.iter().copied().filter(|a| policy.allows(a.ip())).collect();
	if allowed.is_empty() {
		bail!(
			"{address} resolves only to addresses that are not public ({resolved:?}); \
			 set `allow_private_endpoints` on a test network"
		);
	}
	// Connected by address, not name: what was checked is what is reached.
	let mut last = None;
	for a in allowed {
		match TcpStream::connect(a).await {
			Ok(stream) => return Ok(stream),
			Err(e) => last = Some(e),
		}
	}
	Err(last.map(anyhow::Error::from).unwrap_or_else(|| anyhow!("no address")))
}

/// `host:port` of a `tcp://host:port` endpoint.
pub fn endpoint_address(endpoint: &str) -> Result<&str> {
	let address = endpoint
		.strip_prefix("tcp://")
		.ok_or_else(|| anyhow!("probe endpoint `{endpoint}` is not tcp://host:port"))?;
	ensure!(address.contains(':'), "probe endpoint `{endpoint}` has no port");
	Ok(address.trim_end_matches('/'))
}

async fn probe_inner(
	endpoint: &str,
	key: &DeviceKey,
	signed: &SignedChallenge,
	policy: AddressPolicy,
) -> Result<ProbeResult> {
	let challenge = &signed.challenge;
	let started = tokio::time::Instant::now();
	let mut stream = connect(endpoint_address(endpoint)?, policy)
		.await
		.with_context(|| format!("connecting to {endpoint}"))?;
	stream.set_nodelay(true)?;
	write_frame(&mut stream, &Request::Challenge(signed.clone()).encode()).await?;
	let mut throughput = None;
	let mut streamed_hash = None;
	if let ProbeKind::Transfer { bytes } = challenge.kind {
		match Response::decode_all(&mut &read_frame(&mut stream).await?[..])? {
			Response::Streaming => {},
			Response::Declined(why) => bail!("declined: {}", String::from_utf8_lossy(&why)),
			other => bail!("{other:?} instead of a transfer"),
		}
		// Hashed as it arrives: nothing of the stream is kept.
		let (mut hash, mut left, mut buffer) = (blake2_256_state(), bytes as usize, [0u8; 16_384]);
		let t0 = tokio::time::Instant::now();
		while left > 0 {
			let want = left.min(buffer.len());
			let got = stream.read(&mut buffer[..want]).await?;
			ensure!(got > 0, "the transfer stopped short");
			hash.update(&buffer[..got]);
			left -= got;
		}
		let secs = t0.elapsed().as_secs_f64().max(1e-6);
		throughput = Some(f64::from(bytes) / secs);
		streamed_hash = Some(finish(&hash));
	}
	let response = Response::decode_all(&mut &read_frame(&mut stream).await?[..])?;
	let signed = match response {
		Response::Answer(signed) => signed,
		Response::Declined(why) => bail!("declined: {}", String::from_utf8_lossy(&why)),
		other @ (Response::Products(_) | Response::Streaming) => {
			bail!("{other:?} instead of an answer")
		},
	};
	let round_trip_ms = started.elapsed().as_millis() as u64;
	ensure!(
		key.verify(
			&probe_payload(challenge, signed.answered_at_ms, &signed.answer),
			&signed.signature
		),
		"the answer is not signed by the device key"
	);
	match (&challenge.kind, &signed.answer) {
		(ProbeKind::Liveness, ProbeAnswer::Alive) => {},
		(ProbeKind::MeterReading, ProbeAnswer::Meter { .. }) => {},
		(ProbeKind::Transfer { .. }, ProbeAnswer::Transferred { hash }) => {
			ensure!(Some(*hash) == streamed_hash, "the streamed bytes do not match their hash");
			ensure!(
				streamed_hash == Some(stream_hash(&challenge.nonce, transfer_len(&challenge.kind))),
				"the streamed bytes are not the challenge's"
			);
		},
		(ProbeKind::Samples { from_ms, to_ms }, ProbeAnswer::Samples { samples }) => {
			ensure!(
				samples.iter().all(|(at, _)| at >= from_ms && at <= to_ms),
				"a sample outside the range asked"
			);
		},
		(ProbeKind::Benchmark { n }, ProbeAnswer::Computed { hash }) => {
			let (nonce, n) = (challenge.nonce, *n);
			let (a, b, c) = tokio::task::spawn_blocking(move || {
				let (a, b) = (matrix(&nonce, 0, n), matrix(&nonce, 1, n));
				let c = multiply(&a, &b, n);
				(a, b, c)
			})
			.await?;
			ensure!(matrix_hash(&c) == *hash, "the product's hash is wrong");
			// Freivalds: C·r = A·(B·r) for random r.
			let vectors: Vec<Vec<u32>> = (0..atlas_primitives::probe::FREIVALDS_ROUNDS)
				.map(|round| {
					let seed = blake2_256(&(b"atlas:freivalds:", challenge.nonce, round).encode());
					matrix(&seed, 2, n).into_iter().take(usize::from(n)).collect()
				})
				.collect();
			write_frame(&mut stream, &Request::Vectors(vectors.clone()).encode()).await?;
			let Response::Products(products) =
				Response::decode_all(&mut &read_frame(&mut stream).await?[..])?
			else {
				bail!("no products for the vectors");
			};
			ensure!(products.len() == vectors.len(), "products missing");
			for (r, cr) in vectors.iter().zip(products.iter()) {
				ensure!(
					*cr == times_vector(&a, &times_vector(&b, r, n), n),
					"Freivalds' check failed"
				);
				ensure!(
					*cr == times_vector(&c, r, n),
					"the products are not of the answered matrix"
				);
			}
		},
		(kind, answer) => bail!("answer {answer:?} does not fit challenge {kind:?}"),
	}
	Ok(ProbeResult { answer: signed.answer, round_trip_ms, throughput })
}

fn transfer_len(kind: &ProbeKind) -> u32 {
	match kind {
		ProbeKind::Transfer { bytes } => *bytes,
		_ => 0,
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::keys::Scheme;

	/// A probe that may reach loopback.
	async fn ask(
		endpoint: &str,
		key: &DeviceKey,
		challenge: &SignedChallenge,
		timeout: Duration,
	) -> Result<ProbeResult> {
		probe(endpoint, key, challenge, timeout, AddressPolicy::Any).await
	}

	#[tokio::test]
	async fn a_verifier_does_not_probe_its_own_network() {
		let gpu = device(Scheme::Sr25519);
		let key = gpu.signer.public();
		let (endpoint, _devices) = server(vec![(1, gpu)]).await;
		let c = challenge(1, ProbeKind::Liveness);
		let timeout = Duration::from_secs(10);
		let err = probe(&endpoint, &key, &c, timeout, AddressPolicy::PublicOnly).await.unwrap_err();
		assert!(format!("{err:#}").contains("not public"), "{err:#}");
		let err = probe("tcp://localhost:9", &key, &c, timeout, AddressPolicy::PublicOnly)
			.await
			.unwrap_err();
		assert!(format!("{err:#}").contains("not public"), "{err:#}");
		for ip in [
			"10.1.2.3",
			"172.16.0.1",
			"192.168.1.1",
			"169.254.169.254",
			"100.64.0.1",
			"0.0.0.0",
			"::1",
			"fd00::1",
			"fe80::1",
			"::ffff:127.0.0.1",
			"224.0.0.1",
		] {
			assert!(!is_public(ip.parse().unwrap()), "{ip}");
		}
		for ip in ["8.8.8.8", "1.1.1.1", "2a00:1450:4001::1", "100.128.0.1"] {
			assert!(is_public(ip.parse().unwrap()), "{ip}");
		}
	}

	fn verifier() -> AccountSigner {
		AccountSigner::load(&crate::keys::AccountSource::Uri("//Verifier".into())).unwrap()
	}

	/// A challenge of the test verifier, with a fresh nonce.
	fn challenge(device: DeviceId, kind: ProbeKind) -> SignedChallenge {
		let unsigned = ProbeChallenge {
			device,
			epoch: 3,
			verifier: verifier().account(),
			nonce: <sp_core::ed25519::Pair as sp_core::Pair>::generate().1,
			sent_at_ms: now_ms(),
			kind,
		};
		SignedChallenge::sign(unsigned, &verifier())
	}

	/// A probe server for `devices`, each assigned the test verifier in epoch 3.
	async fn server(devices: Vec<(DeviceId, ProbeDevice)>) -> (String, ProbeDevices) {
		let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let endpoint = format!("tcp://{}", listener.local_addr().unwrap());
		let gate = Gate::offline();
		gate.set_epoch(3);
		for (id, _) in &devices {
			gate.assign(3, *id, vec![verifier().account()]);
		}
		let devices: ProbeDevices = Arc::new(RwLock::new(devices.into_iter().collect()));
		tokio::spawn(serve(listener, devices.clone(), Arc::new(gate)));
		(endpoint, devices)
	}

	fn device(scheme: Scheme) -> ProbeDevice {
		ProbeDevice {
			signer: DeviceSigner::generate(scheme),
			link_bytes_per_sec: None,
			meter_wh: Some(12_345),
			samples: Vec::new(),
		}
	}

	#[tokio::test]
	async fn every_probe_kind_is_answered_signed_and_checked() {
		let mut sensor = device(Scheme::P256);
		let t = now_ms();
		for i in 0..5 {
			sensor.record_sample(t - 10_000 + i * 1_000);
		}
		let gpu = device(Scheme::Ed25519);
		let (gpu_key, sensor_key) = (gpu.signer.public(), sensor.signer.public());
		let (endpoint, _devices) = server(vec![(1, gpu), (2, sensor)]).await;
		let timeout = Duration::from_secs(10);

		let alive =
			ask(&endpoint, &gpu_key, &challenge(1, ProbeKind::Liveness), timeout).await.unwrap();
		assert_eq!(alive.answer, ProbeAnswer::Alive);
		let meter = ask(&endpoint, &gpu_key, &challenge(1, ProbeKind::MeterReading), timeout)
			.await
			.unwrap();
		assert_eq!(meter.answer, ProbeAnswer::Meter { energy_wh_total: 12_345 });
		let moved = ask(
			&endpoint,
			&gpu_key,
			&challenge(1, ProbeKind::Transfer { bytes: 100_000 }),
			timeout,
		)
		.await
		.unwrap();
		assert!(moved.throughput.unwrap() > 0.0);
		let computed =
			ask(&endpoint, &gpu_key, &challenge(1, ProbeKind::Benchmark { n: 32 }), timeout)
				.await
				.unwrap();
		assert!(matches!(computed.answer, ProbeAnswer::Computed { .. }));
		let range = ProbeKind::Samples { from_ms: t - 8_500, to_ms: t };
		let samples = ask(&endpoint, &sensor_key, &challenge(2, range), timeout).await.unwrap();
		match samples.answer {
			ProbeAnswer::Samples { samples } => assert_eq!(samples.len(), 3),
			other => panic!("{other:?}"),
		}
	}

	#[tokio::test]
	async fn an_answer_by_another_key_or_for_an_unknown_device_fails() {
		let gpu = device(Scheme::Sr25519);
		let (endpoint, _devices) = server(vec![(1, gpu)]).await;
		let stranger = DeviceSigner::generate(Scheme::Sr25519).public();
		let timeout = Duration::from_secs(10);
		let err = ask(&endpoint, &stranger, &challenge(1, ProbeKind::Liveness), timeout)
			.await
			.unwrap_err();
		assert!(err.to_string().contains("not signed by the device key"), "{err}");
		let err = ask(&endpoint, &stranger, &challenge(5, ProbeKind::Liveness), timeout)
			.await
			.unwrap_err();
		assert!(err.to_string().contains("unknown device"), "{err}");
		let err = ask("tcp://127.0.0.1:1", &stranger, &challenge(1, ProbeKind::Liveness), timeout)
			.await
			.unwrap_err();
		assert!(format!("{err:#}").contains("connecting"), "{err:#}");
	}

	#[tokio::test]
	async fn forged_replayed_and_unassigned_challenges_are_declined() {
		let gpu = device(Scheme::Sr25519);
		let key = gpu.signer.public();
		let (endpoint, _devices) = server(vec![(1, gpu)]).await;
		let timeout = Duration::from_secs(10);
		let transfer = ProbeKind::Transfer { bytes: 1_000 };
		// Someone else's signature under the verifier's name.
		let mut forged = challenge(1, transfer.clone());
		let stranger =
			AccountSigner::load(&crate::keys::AccountSource::Uri("//Mallory".into())).unwrap();
		forged.signature = stranger.sign_message(&challenge_payload(&forged.challenge));
		let err = ask(&endpoint, &key, &forged, timeout).await.unwrap_err();
		assert!(err.to_string().contains("not signed by its signer"), "{err}");
		// Mallory signing as herself: not assigned.
		let mut own = challenge(1, transfer.clone()).challenge;
		own.verifier = stranger.account();
		let err = ask(&endpoint, &key, &SignedChallenge::sign(own, &stranger), timeout)
			.await
			.unwrap_err();
		assert!(err.to_string().contains("not assigned"), "{err}");
		// A real challenge is answered once; seen on the wire and sent again, it is not.
		let real = challenge(1, transfer);
		ask(&endpoint, &key, &real, timeout).await.unwrap();
		let err = ask(&endpoint, &key, &real, timeout).await.unwrap_err();
		assert!(err.to_string().contains("answered before"), "{err}");
		// Another epoch's challenge.
		let mut stale = challenge(1, ProbeKind::Liveness).challenge;
		stale.epoch = 1;
		let err = ask(&endpoint, &key, &SignedChallenge::sign(stale, &verifier()), timeout)
			.await
			.unwrap_err();
		assert!(err.to_string().contains("running epoch"), "{err}");
	}

	#[test]
	fn the_stream_hash_is_the_blake2_256_of_the_stream() {
		let nonce = [3u8; 32];
		for bytes in [0u32, 1, 31, 32, 33, 100_000] {
			let mut all = Vec::new();
			let mut i = 0;
			while all.len() < bytes as usize {
				all.extend_from_slice(&stream_block(&nonce, i));
				i += 1;
			}
			all.truncate(bytes as usize);
			assert_eq!(stream_hash(&nonce, bytes), H256(blake2_256(&all)), "{bytes}");
		}
	}

	#[tokio::test]
	async fn a_paced_link_shows_its_speed() {
		let mut router = device(Scheme::Sr25519);
		router.link_bytes_per_sec = Some(400_000);
		let key = router.signer.public();
		let (endpoint, _devices) = server(vec![(4, router)]).await;
		let result = ask(
			&endpoint,
			&key,
			&challenge(4, ProbeKind::Transfer { bytes: 200_000 }),
			Duration::from_secs(10),
		)
		.await
		.unwrap();
		let rate = result.throughput.unwrap();
		assert!(rate < 600_000.0 && rate > 100_000.0, "{rate}");
	}

	#[test]
	fn the_benchmark_is_a_matrix_product() {
		let a = vec![1, 2, 3, 4];
		let b = vec![5, 6, 7, 8];
		assert_eq!(multiply(&a, &b, 2), vec![19, 22, 43, 50]);
		assert_eq!(times_vector(&a, &[1, 1], 2), vec![3, 7]);
		assert_eq!(
			stream_hash(&[1; 32], 64),
			H256(blake2_256(&[stream_block(&[1; 32], 0), stream_block(&[1; 32], 1)].concat()))
		);
	}
}
