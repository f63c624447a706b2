//! Modbus TCP, function 0x03 (read holding registers): the client that reads SunSpec inverters
//! and meters, and a small server for the simulator.
//!
//! A frame is the 7-byte MBAP header (transaction id, protocol id 0, length of what follows,
//! unit id) and the PDU (function code and data), all big-endian.

use anyhow::{anyhow, bail, Context};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The function code of "read holding registers".
pub const READ_HOLDING_REGISTERS: u8 = 0x03;
/// The most registers one read may ask for (the PDU holds at most 250 data bytes).
pub const MAX_REGISTERS: u16 = 125;
/// Exception 1: the function code is not supported.
pub const ILLEGAL_FUNCTION: u8 = 0x01;
/// Exception 2: a requested register does not exist.
pub const ILLEGAL_DATA_ADDRESS: u8 = 0x02;
/// Exception 3: a request field (e.g. the register count) is out of range.
pub const ILLEGAL_DATA_VALUE: u8 = 0x03;
/// Exception 4: the device failed while serving the request.
pub const SERVER_DEVICE_FAILURE: u8 = 0x04;

/// The largest MBAP length field: unit id plus a 253-byte PDU.
const MAX_MBAP_LENGTH: u16 = 254;
/// How long the server waits for the next request on an idle connection.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

static NEXT_TRANSACTION: AtomicU16 = AtomicU16::new(1);

/// The name of a Modbus exception code, for error messages.
pub fn exception_name(code: u8) -> &'static str {
	match code {
		0x01 => "illegal function",
		0x02 => "illegal data address",
		0x03 => "illegal data value",
		0x04 => "server device failure",
		0x05 => "acknowledge",
		0x06 => "server device busy",
		0x08 => "memory parity error",
		0x0A => "gateway path unavailable",
		0x0B => "gateway target device failed to respond",
		_ => "unknown exception",
	}
}

/// Reads `count` (1 to 125) holding registers from `start` (a 0-based protocol address) of unit
/// `unit` at `address` (`host:port`) over a fresh connection. The answer's transaction id,
/// function code and byte count are checked; an exception answer becomes an error naming the
/// exception. The whole exchange is bounded by `timeout`.
pub async fn read_holding_registers(
	address: &str,
	unit: u8,
	start: u16,
	count: u16,
	timeout: Duration,
) -> anyhow::Result<Vec<u16>> {
	if !(1..=MAX_REGISTERS).contains(&count) {
		bail!("a Modbus read asks for 1 to {MAX_REGISTERS} registers, not {count}");
	}
	if u32::from(start).saturating_add(u32::from(count)) > 0x1_0000 {
		bail!("registers {start}..{start}+{count} run past the last register address 65535");
	}
	let what =
		|| format!("reading {count} holding register(s) at {start} from {address} unit {unit}");
	tokio::time::timeout(timeout, exchange(address, unit, start, count))
		.await
		.map_err(|_| anyhow!("{}: no answer within {timeout:?}", what()))?
		.with_context(what)
}

async fn exchange(address: &str, unit: u8, start: u16, count: u16) -> anyhow::Result<Vec<u16>> {
	let transaction = NEXT_TRANSACTION.fetch_add(1, Ordering::Relaxed);
	let mut stream =
		TcpStream::connect(address).await.with_context(|| format!("connecting to {address}"))?;
	let mut request = Vec::with_capacity(12);
	request.extend_from_slice(&transaction.to_be_bytes());
	request.extend_from_slice(&0u16.to_be_bytes());
	request.extend_from_slice(&6u16.to_be_bytes());
	request.push(unit);
	request.push(READ_HOLDING_REGISTERS);
	request.extend_from_slice(&start.to_be_bytes());
	request.extend_from_slice(&count.to_be_bytes());
	stream.write_all(&request).await.context("sending the request")?;

	let mut header = [0u8; 7];
	stream.read_exact(&mut header).await.context("reading the answer's header")?;
	let [t0, t1, p0, p1, l0, l1, _unit] = header;
	let answered = u16::from_be_bytes([t0, t1]);
	if answered != transaction {
		bail!("the answer is for transaction {answered}, not {transaction}");
	}
	let protocol = u16::from_be_bytes([p0, p1]);
	if protocol != 0 {
		bail!("the answer has protocol id {protocol}, not 0 (Modbus)");
	}
	let length = u16::from_be_bytes([l0, l1]);
	if !(2..=MAX_MBAP_LENGTH).contains(&length) {
		bail!("the answer's length field is {length}, outside 2..={MAX_MBAP_LENGTH}");
	}
	let mut pdu = vec![0u8; usize::from(length).saturating_sub(1)];
	stream.read_exact(&mut pdu).await.context("reading the answer")?;
	let function = pdu.first().copied().unwrap_or(0);
	if function == READ_HOLDING_REGISTERS | 0x80 {
		let code = pdu.get(1).copied().unwrap_or(0);
		bail!("the device answered Modbus exception {code} ({})", exception_name(code));
	}
	if function != READ_HOLDING_REGISTERS {
		bail!("the answer has function code {function:#04x}, not 0x03");
	}
	let byte_count = pdu.get(1).copied().map(usize::from).unwrap_or(0);
	let expected = usize::from(count).saturating_mul(2);
	if byte_count != expected {
		bail!("the answer holds {byte_count} bytes, not the {expected} asked for");
	}
	let data = pdu.get(2..).unwrap_or_default();
	if data.len() != byte_count {
		bail!("the answer's byte count {byte_count} disagrees with its length {}", data.len());
	}
	Ok(data
		.chunks_exact(2)
		.filter_map(|pair| <[u8; 2]>::try_from(pair).ok())
		.map(u16::from_be_bytes)
		.collect())
}

/// The closure [`serve`] asks for registers: `(unit, start, count)` → the `count` register
/// values, or `None` when any of them does not exist.
pub type Registers = Arc<dyn Fn(u8, u16, u16) -> Option<Vec<u16>> + Send + Sync>;

/// Serves Modbus TCP on `listener` forever (for the simulator), one task per connection and
/// many requests per connection. Function 0x03 is answered from `registers`; a `None` from it
/// becomes exception 2 (illegal data address), any other function exception 1 (illegal
/// function), a count outside 1..=125 exception 3.
pub async fn serve(
	listener: TcpListener,
	registers: Arc<dyn Fn(u8, u16, u16) -> Option<Vec<u16>> + Send + Sync>,
) {
	loop {
		match listener.accept().await {
			Ok((stream, peer)) => {
				let registers = registers.clone();
				tokio::spawn(async move {
					if let Err(error) = serve_connection(stream, registers).await {
						tracing::debug!(%peer, "modbus connection: {error:#}");
					}
				});
			},
			Err(error) => {
				tracing::warn!("modbus accept failed: {error}");
				tokio::time::sleep(Duration::from_millis(100)).await;
			},
		}
	}
}

async fn serve_connection(mut stream: TcpStream, registers: Registers) -> anyhow::Result<()> {
	loop {
		let mut header = [0u8; 7];
		match tokio::time::timeout(IDLE_TIMEOUT, stream.read_exact(&mut header)).await {
			Err(_) => return Ok(()),
			Ok(Err(error)) if error.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
			Ok(Err(error)) => return Err(error).context("reading a request header"),
			Ok(Ok(_)) => {},
		}
		let [t0, t1, p0, p1, l0, l1, unit] = header;
		let length = u16::from_be_bytes([l0, l1]);
		if u16::from_be_bytes([p0, p1]) != 0 || !(2..=MAX_MBAP_LENGTH).contains(&length) {
			bail!("not a Modbus TCP frame (protocol or length field out of range)");
		}
		let mut pdu = vec![0u8; usize::from(length).saturating_sub(1)];
		tokio::time::timeout(IDLE_TIMEOUT, stream.read_exact(&mut pdu))
			.await
			.map_err(|_| anyhow!("a request's body did not arrive"))?
			.context("reading a request")?;
		let answer = answer(unit, &pdu, &registers);
		let answer_length = u16::try_from(answer.len().saturating_add(1))
			.context("an answer too long for a frame")?;
		let mut frame = Vec::with_capacity(answer.len().saturating_add(7));
		frame.extend_from_slice(&[t0, t1, 0, 0]);
		frame.extend_from_slice(&answer_length.to_be_bytes());
		frame.push(unit);
		frame.extend_from_slice(&answer);
		stream.write_all(&frame).await.context("writing an answer")?;
	}
}

/// The answer PDU to one request PDU.
fn answer(unit: u8, pdu: &[u8], registers: &Registers) -> Vec<u8> {
	let function = pdu.first().copied().unwrap_or(0);
	let exception = |code: u8| vec![function | 0x80, code];
	if function != READ_HOLDING_REGISTERS {
		return exception(ILLEGAL_FUNCTION);
	}
	let &[_, s0, s1, c0, c1] = pdu else {
		return exception(ILLEGAL_DATA_VALUE);
	};
	let start = u16::from_be_bytes([s0, s1]);
	let count = u16::from_be_bytes([c0, c1]);
	if !(1..=MAX_REGISTERS).contains(&count) {
		return exception(ILLEGAL_DATA_VALUE);
	}
	if u32::from(start).saturating_add(u32::from(count)) > 0x1_0000 {
		return exception(ILLEGAL_DATA_ADDRESS);
	}
	let Some(values) = registers(unit, start, count) else {
		return exception(ILLEGAL_DATA_ADDRESS);
	};
	if values.len() != usize::from(count) {
		return exception(SERVER_DEVICE_FAILURE);
	}
	let mut out = Vec::with_capacity(values.len().saturating_mul(2).saturating_add(2));
	out.push(READ_HOLDING_REGISTERS);
	// count ≤ 125, so twice it fits a byte.
	out.push(u8::try_from(values.len().saturating_mul(2)).unwrap_or(u8::MAX));
	for value in values {
		out.extend_from_slice(&value.to_be_bytes());
	}
	out
}

/// Joins registers into an unsigned integer, the first register most significant (the word
/// order of SunSpec `acc32`/`acc64` and `uint32`/`uint64`). Of more than four registers only the
/// last four count.
pub fn words_to_u64(words: &[u16]) -> u64 {
	words.iter().fold(0u64, |acc, word| (acc << 16) | u64::from(*word))
}

/// Splits `value` into `words` registers, the first most significant: the inverse of
/// [`words_to_u64`]. With fewer than four words the high part of `value` is cut off (an
/// accumulator rolling over); with more the leading registers are zero.
pub fn u64_to_words(value: u64, words: usize) -> Vec<u16> {
	(0..words)
		.rev()
		.map(|index| {
			let shift = u32::try_from(index.saturating_mul(16)).unwrap_or(u32::MAX);
			// Truncation to the low 16 bits is the point.
			value.checked_shr(shift).unwrap_or(0) as u16
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	async fn start(registers: Registers) -> String {
		let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let address = listener.local_addr().unwrap().to_string();
		tokio::spawn(serve(listener, registers));
		address
	}

	/// Unit 1 has registers 100..=109 holding 1000 + address; unit 2 has none.
	fn bank() -> Registers {
		Arc::new(|unit, start, count| {
			if unit != 1 {
				return None;
			}
			(start..start.checked_add(count)?)
				.map(|address| (100..110).contains(&address).then(|| 1000 + address))
				.collect()
		})
	}

	#[test]
	fn words_round_trip() {
		assert_eq!(words_to_u64(&[]), 0);
		assert_eq!(words_to_u64(&[0x1234]), 0x1234);
		assert_eq!(words_to_u64(&[0x0001, 0x0002]), 0x0001_0002);
		assert_eq!(words_to_u64(&[0xFFFF, 0xFFFF, 0xFFFF, 0xFFFE]), u64::MAX - 1);
		assert_eq!(words_to_u64(&[0xAAAA, 1, 2, 3, 4]), 0x0001_0002_0003_0004);
		assert_eq!(u64_to_words(0x0001_0002, 2), vec![1, 2]);
		assert_eq!(u64_to_words(0x1_0000_0005, 2), vec![0, 5]);
		assert_eq!(u64_to_words(7, 5), vec![0, 0, 0, 0, 7]);
		assert_eq!(u64_to_words(7, 0), Vec::<u16>::new());
		for value in [0u64, 1, 65_535, 65_536, 123_456_789_012, u64::MAX] {
			assert_eq!(words_to_u64(&u64_to_words(value, 4)), value);
		}
	}

	#[tokio::test]
	async fn client_reads_from_server() {
		let address = start(bank()).await;
		let timeout = Duration::from_secs(5);
		let values = read_holding_registers(&address, 1, 100, 3, timeout).await.unwrap();
		assert_eq!(values, vec![1100, 1101, 1102]);
		let values = read_holding_registers(&address, 1, 109, 1, timeout).await.unwrap();
		assert_eq!(values, vec![1109]);
	}

	#[tokio::test]
	async fn exceptions_become_errors() {
		let address = start(bank()).await;
		let timeout = Duration::from_secs(5);
		let error = format!(
			"{:#}",
			read_holding_registers(&address, 1, 108, 3, timeout).await.unwrap_err()
		);
		assert!(error.contains("exception 2 (illegal data address)"), "{error}");
		assert!(error.contains("at 108"), "{error}");
		let error = format!(
			"{:#}",
			read_holding_registers(&address, 2, 100, 1, timeout).await.unwrap_err()
		);
		assert!(error.contains("exception 2"), "{error}");
		let error = read_holding_registers(&address, 1, 100, 0, timeout).await.unwrap_err();
		assert!(error.to_string().contains("1 to 125 registers"), "{error}");
		let error = read_holding_registers(&address, 1, 100, 126, timeout).await.unwrap_err();
		assert!(error.to_string().contains("1 to 125 registers"), "{error}");
		let error = read_holding_registers(&address, 1, 65_535, 2, timeout).await.unwrap_err();
		assert!(error.to_string().contains("65535"), "{error}");
	}

	#[tokio::test]
	async fn server_answers_many_requests_per_connection() {
		let address = start(bank()).await;
		let mut stream = TcpStream::connect(&address).await.unwrap();
		// Read holding registers, then an unknown function (0x04, read input registers).
		let requests: [(&[u8], &[u8]); 3] = [
			(&[0, 7, 0, 0, 0, 6, 1, 3, 0, 100, 0, 2], &[0, 7, 0, 0, 0, 7, 1, 3, 4, 4, 76, 4, 77]),
			(&[0, 8, 0, 0, 0, 6, 1, 4, 0, 100, 0, 1], &[0, 8, 0, 0, 0, 3, 1, 0x84, 1]),
			(&[0, 9, 0, 0, 0, 6, 1, 3, 0, 100, 0, 0], &[0, 9, 0, 0, 0, 3, 1, 0x83, 3]),
		];
		for (request, expected) in requests {
			stream.write_all(request).await.unwrap();
			let mut answer = vec![0u8; expected.len()];
			stream.read_exact(&mut answer).await.unwrap();
			assert_eq!(answer, expected);
		}
	}

	#[tokio::test]
	async fn client_checks_the_transaction_id() {
		let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let address = listener.local_addr().unwrap().to_string();
		tokio::spawn(async move {
			let (mut stream, _) = listener.accept().await.unwrap();
			let mut request = [0u8; 12];
			stream.read_exact(&mut request).await.unwrap();
			let wrong = u16::from_be_bytes([request[0], request[1]]).wrapping_add(1).to_be_bytes();
			stream.write_all(&[wrong[0], wrong[1], 0, 0, 0, 5, 1, 3, 2, 0, 1]).await.unwrap();
		});
		let error = format!(
			"{:#}",
			read_holding_registers(&address, 1, 0, 1, Duration::from_secs(5)).await.unwrap_err()
		);
		assert!(error.contains("transaction"), "{error}");
	}

	#[tokio::test]
	async fn client_times_out() {
		let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let address = listener.local_addr().unwrap().to_string();
		tokio::spawn(async move {
			let (_stream, _) = listener.accept().await.unwrap();
			tokio::time::sleep(Duration::from_secs(30)).await;
		});
		let error = read_holding_registers(&address, 1, 0, 1, Duration::from_millis(200))
			.await
			.unwrap_err();
		assert!(error.to_string().contains("no answer within"), "{error}");
	}
}
