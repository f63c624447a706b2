//! Bounds on the work the node's `depin_*` JSON-RPC does for its callers, so that no caller, or
//! crowd of callers, can take the node's cores from block production and import:
//! - every read runs on the blocking pool (the methods are jsonrpsee `blocking` methods,
//!   subscriptions' work goes through [`queued`]), never on the async executor that drives
//!   networking and consensus, and at most [`Slots`]' bound of them run at once (half the
//!   cores); a method call that finds every slot taken for [`SLOT_WAIT`] is refused with
//!   [`BUSY_CODE`], a subscription's work for a block waits its turn;
//! - subscriptions are capped per connection and in total ([`SubscriptionCaps`]).

use std::{
	collections::HashMap,
	sync::{Arc, Condvar, Mutex},
	time::Duration,
};

use jsonrpsee::{core::RpcResult, types::error::ErrorObjectOwned, ConnectionId};

/// The error code of a read refused because the node is busy (retry later).
pub const BUSY_CODE: i32 = 4029;

/// The error code of a subscription refused by the caps.
pub const TOO_MANY_SUBSCRIPTIONS_CODE: i32 = 4030;

/// How long a read waits for a slot before it is refused.
pub const SLOT_WAIT: Duration = Duration::from_secs(2);

/// `depin_*` subscriptions one connection may hold.
pub const SUBSCRIPTIONS_PER_CONNECTION: usize = 16;

/// `depin_*` subscriptions the node holds at most.
pub const SUBSCRIPTIONS_TOTAL: usize = 1_024;

/// A counting limit on the reads running at once.
pub struct Slots {
	max: usize,
	busy: Mutex<usize>,
	freed: Condvar,
}

/// A read's slot, given back when dropped.
pub struct Slot {
	slots: Arc<Slots>,
}

impl Slots {
	/// At most `max` (at least 1) reads at once.
	pub fn new(max: usize) -> Arc<Self> {
		Arc::new(Slots { max: max.max(1), busy: Mutex::new(0), freed: Condvar::new() })
	}

	/// Half the machine's cores (at least one): the other half stays with the node's own work.
	pub fn for_this_machine() -> Arc<Self> {
		let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
		Self::new(cores / 2)
	}

	/// Takes a slot, waiting up to [`SLOT_WAIT`]; blocks the thread, so call it on the
	/// blocking pool only.
	pub fn take(self: &Arc<Self>) -> RpcResult<Slot> {
		let busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
		let (mut busy, waited) = self
			.freed
			.wait_timeout_while(busy, SLOT_WAIT, |busy| *busy >= self.max)
			.unwrap_or_else(|p| p.into_inner());
		if waited.timed_out() && *busy >= self.max {
			return Err(ErrorObjectOwned::owned(
				BUSY_CODE,
				format!("the node is busy: {} depin reads are running; retry", self.max),
				None::<()>,
			));
		}
		*busy += 1;
		Ok(Slot { slots: self.clone() })
	}

	/// Takes a slot, however long it waits (a subscription's work for a block: delayed under
	/// load, never dropped); blocks the thread, so call it on the blocking pool only.
	pub fn take_queued(self: &Arc<Self>) -> Slot {
		let busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
		let mut busy = self
			.freed
			.wait_while(busy, |busy| *busy >= self.max)
			.unwrap_or_else(|p| p.into_inner());
		*busy += 1;
		Slot { slots: self.clone() }
	}

	/// Reads running now.
	pub fn busy(&self) -> usize {
		*self.busy.lock().unwrap_or_else(|p| p.into_inner())
	}
}

impl Drop for Slot {
	fn drop(&mut self) {
		let mut busy = self.slots.busy.lock().unwrap_or_else(|p| p.into_inner());
		*busy = busy.saturating_sub(1);
		self.slots.freed.notify_one();
	}
}

/// Runs `read` on the blocking pool once a slot of `slots` is free, however long that takes.
pub async fn queued<T: Send + 'static>(
	slots: &Arc<Slots>,
	read: impl FnOnce() -> T + Send + 'static,
) -> RpcResult<T> {
	let slots = slots.clone();
	jsonrpsee::tokio::task::spawn_blocking(move || {
		let _slot = slots.take_queued();
		read()
	})
	.await
	.map_err(|e| {
		ErrorObjectOwned::owned(
			jsonrpsee::types::error::INTERNAL_ERROR_CODE,
			e.to_string(),
			None::<()>,
		)
	})
}

/// Caps on open subscriptions.
pub struct SubscriptionCaps {
	per_connection: usize,
	total: usize,
	open: Mutex<(usize, HashMap<ConnectionId, usize>)>,
}

/// An open subscription's place under the caps, given back when dropped.
pub struct Subscribed {
	caps: Arc<SubscriptionCaps>,
	connection: ConnectionId,
}

impl SubscriptionCaps {
	/// At most `per_connection` subscriptions per connection and `total` in all.
	pub fn new(per_connection: usize, total: usize) -> Arc<Self> {
		Arc::new(SubscriptionCaps { per_connection, total, open: Mutex::new((0, HashMap::new())) })
	}

	/// A place for a new subscription of `connection`, or the error saying which cap is full.
	pub fn open(
		self: &Arc<Self>,
		connection: ConnectionId,
	) -> Result<Subscribed, ErrorObjectOwned> {
		let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
		let (total, by_connection) = &mut *open;
		let mine = by_connection.get(&connection).copied().unwrap_or(0);
		let refuse = |message: String| {
			ErrorObjectOwned::owned(TOO_MANY_SUBSCRIPTIONS_CODE, message, None::<()>)
		};
		if mine >= self.per_connection {
			return Err(refuse(format!(
				"a connection may hold {} depin subscriptions: unsubscribe one first",
				self.per_connection
			)));
		}
		if *total >= self.total {
			return Err(refuse(format!(
				"the node holds its most depin subscriptions ({}): retry later",
				self.total
			)));
		}
		*total += 1;
		by_connection.insert(connection, mine + 1);
		Ok(Subscribed { caps: self.clone(), connection })
	}

	/// Subscriptions open now.
	pub fn total(&self) -> usize {
		self.open.lock().unwrap_or_else(|p| p.into_inner()).0
	}
}

impl Drop for Subscribed {
	fn drop(&mut self) {
		let mut open = self.caps.open.lock().unwrap_or_else(|p| p.into_inner());
		let (total, by_connection) = &mut *open;
		*total = total.saturating_sub(1);
		if let Some(n) = by_connection.get_mut(&self.connection) {
			*n = n.saturating_sub(1);
			if *n == 0 {
				by_connection.remove(&self.connection);
			}
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn reads_beyond_the_slots_wait_then_are_refused() {
		let slots = Slots::new(2);
		let (a, b) = (slots.take().unwrap(), slots.take().unwrap());
		assert_eq!(slots.busy(), 2);
		let started = std::time::Instant::now();
		let err = slots.take().err().expect("no third slot");
		assert_eq!(err.code(), BUSY_CODE);
		assert!(started.elapsed() >= SLOT_WAIT);
		// A slot given back is taken by a waiting read.
		let waiting = {
			let slots = slots.clone();
			std::thread::spawn(move || slots.take().map(|_| ()).is_ok())
		};
		std::thread::sleep(Duration::from_millis(100));
		drop(a);
		assert!(waiting.join().unwrap());
		drop(b);
		assert_eq!(slots.busy(), 0);
	}

	#[test]
	fn subscriptions_are_capped_per_connection_and_in_total() {
		let caps = SubscriptionCaps::new(2, 3);
		let (one, two) = (ConnectionId(1), ConnectionId(2));
		let a = caps.open(one).unwrap();
		let _b = caps.open(one).unwrap();
		let err = caps.open(one).err().unwrap();
		assert!(err.message().contains("a connection may hold 2"), "{}", err.message());
		let _c = caps.open(two).unwrap();
		let err = caps.open(two).err().unwrap();
		assert!(err.message().contains("its most depin subscriptions (3)"), "{}", err.message());
		drop(a);
		assert_eq!(caps.total(), 2);
		caps.open(two).unwrap();
	}
}
