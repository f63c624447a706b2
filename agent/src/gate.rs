//! Who may probe a device. A probe costs the device's operator bandwidth and compute, and a
//! stranger who could ask for transfers and benchmarks at will could drain the link, or use up
//! the device's time so that its real verifiers' probes go unanswered. So a challenge is
//! answered only if:
//! - it is signed by the verifier it names, or by one of that verifier's proxies that may attest
//!   for it (`Any`, `NonTransfer`, `Verifier`, without delay), as the chain records them;
//! - that verifier is one of the device's assigned verifiers for the challenge's epoch (the
//!   chain's draw), and the epoch is the one running (or its neighbour, for clocks a block
//!   apart);
//! - its nonce was not answered before (a challenge seen on the wire cannot be replayed);
//! - the verifier stays within its budget for the device and epoch: [`MAX_CHALLENGES`]
//!   challenges, [`MAX_TRANSFER_BYTES`] of transfers and [`MAX_BENCHMARKS`] benchmarks.
//!
//! Everything kept is per epoch and pruned two epochs on, so memory is bounded by the devices
//! served × the verifiers per device.

use std::{
	collections::{BTreeMap, BTreeSet},
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

use atlas_primitives::{
	probe::{ProbeChallenge, ProbeKind},
	DeviceId, EpochIndex,
};
use sp_core::crypto::AccountId32;

use crate::{chain::Chain, telemetry::Telemetry};

/// Challenges one verifier may send one device in one epoch (its liveness probes plus the
/// class probes, with room to spare).
pub const MAX_CHALLENGES: u32 = 64;

/// Transfer bytes one verifier may ask of one device in one epoch.
pub const MAX_TRANSFER_BYTES: u64 = 2 * crate::probe::MAX_TRANSFER as u64;

/// Benchmarks one verifier may ask of one device in one epoch.
pub const MAX_BENCHMARKS: u32 = 2;

/// How long a failed look-up is not repeated: forged challenges cannot make the agent hammer
/// its node.
const RETRY_AFTER: Duration = Duration::from_secs(2);

/// Why a challenge is not answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
	/// The signature is not the named signer's.
	BadSignature,
	/// The challenge's epoch is not the one running.
	WrongEpoch,
	/// Its nonce was answered before.
	Replayed,
	/// The verifier is not assigned to the device in that epoch.
	NotAssigned,
	/// The signer is neither the verifier nor a proxy of it that may probe.
	NotItsProxy,
	/// The verifier used up its budget for the device in this epoch.
	OverBudget,
	/// The chain could not be asked (the node is unreachable, or the epoch's draw is not in).
	Unchecked,
}

impl Refused {
	/// What the device answers.
	pub fn reason(&self) -> &'static str {
		match self {
			Refused::BadSignature => "the challenge is not signed by its signer",
			Refused::WrongEpoch => "the challenge is not for the running epoch",
			Refused::Replayed => "the challenge was answered before",
			Refused::NotAssigned => "the verifier is not assigned to this device in this epoch",
			Refused::NotItsProxy => "the signer may not probe for this verifier",
			Refused::OverBudget => "the verifier's probes of this device are used up this epoch",
			Refused::Unchecked => "the verifier cannot be checked now",
		}
	}
}

#[derive(Default, Clone, Copy)]
struct Spent {
	challenges: u32,
	transfer_bytes: u64,
	benchmarks: u32,
}

#[derive(Default)]
struct State {
	/// The epoch the agent last saw running.
	epoch: EpochIndex,
	assigned: BTreeMap<(EpochIndex, DeviceId), Vec<AccountId32>>,
	delegates: BTreeMap<(EpochIndex, AccountId32), Vec<AccountId32>>,
	spent: BTreeMap<(EpochIndex, DeviceId, AccountId32), Spent>,
	nonces: BTreeSet<(EpochIndex, [u8; 32])>,
	/// Look-ups that failed, and when.
	failed: BTreeMap<(EpochIndex, DeviceId), Instant>,
}

impl State {
	fn prune(&mut self) {
		let keep = self.epoch.saturating_sub(1);
		self.assigned.retain(|(e, _), _| *e >= keep);
		self.delegates.retain(|(e, _), _| *e >= keep);
		self.spent.retain(|(e, _, _), _| *e >= keep);
		self.nonces.retain(|(e, _)| *e >= keep);
		self.failed.retain(|_, at| at.elapsed() < RETRY_AFTER);
	}
}

/// The gate in front of a probe server.
pub struct Gate {
	/// Where assignments and proxies are read; `None` serves only what was set by hand.
	chain: Option<Chain>,
	state: Mutex<State>,
	/// Where admitted and refused challenges are counted.
	telemetry: Option<Arc<Telemetry>>,
}

impl Gate {
	/// A gate that asks `chain`.
	pub fn new(chain: Chain) -> Self {
		Gate { chain: Some(chain), state: Mutex::new(State::default()), telemetry: None }
	}

	/// A gate that knows only the assignments and proxies it is told (tests, demos).
	pub fn offline() -> Self {
		Gate { chain: None, state: Mutex::new(State::default()), telemetry: None }
	}

	/// Counts challenges in `telemetry`: `atlas_agent_probes_admitted_total` and
	/// `atlas_agent_probes_refused_total{reason}`.
	pub fn counting_in(mut self, telemetry: Arc<Telemetry>) -> Self {
		self.telemetry = Some(telemetry);
		self
	}

	fn state(&self) -> std::sync::MutexGuard<'_, State> {
		// A panic elsewhere while holding it leaves plain data: keep serving.
		self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
	}

	/// The epoch now running (from the blocks the agent follows).
	pub fn set_epoch(&self, epoch: EpochIndex) {
		let mut state = self.state();
		if epoch > state.epoch {
			state.epoch = epoch;
			state.prune();
		}
	}

	/// Sets `device`'s assigned verifiers in `epoch`.
	pub fn assign(&self, epoch: EpochIndex, device: DeviceId, verifiers: Vec<AccountId32>) {
		self.state().assigned.insert((epoch, device), verifiers);
	}

	/// Sets the accounts that may probe for `verifier` in `epoch`.
	pub fn delegate(&self, epoch: EpochIndex, verifier: AccountId32, proxies: Vec<AccountId32>) {
		self.state().delegates.insert((epoch, verifier), proxies);
	}

	async fn assigned(
		&self,
		epoch: EpochIndex,
		device: DeviceId,
	) -> Result<Vec<AccountId32>, Refused> {
		{
			let state = self.state();
			if let Some(known) = state.assigned.get(&(epoch, device)) {
				return Ok(known.clone());
			}
			if state.failed.get(&(epoch, device)).is_some_and(|at| at.elapsed() < RETRY_AFTER) {
				return Err(Refused::Unchecked);
			}
		}
		let chain = self.chain.as_ref().ok_or(Refused::NotAssigned)?;
		match chain.assigned_verifiers(epoch, device).await {
			// Empty: the draw may not be in at the node's best block yet; ask again later.
			Ok(verifiers) if !verifiers.is_empty() => {
				self.assign(epoch, device, verifiers.clone());
				Ok(verifiers)
			},
			Ok(_) => {
				self.state().failed.insert((epoch, device), Instant::now());
				Err(Refused::NotAssigned)
			},
			Err(e) => {
				tracing::debug!(target: "probe", "reading device {device}'s verifiers: {e:#}");
				self.state().failed.insert((epoch, device), Instant::now());
				Err(Refused::Unchecked)
			},
		}
	}

	async fn delegates(
		&self,
		epoch: EpochIndex,
		verifier: &AccountId32,
	) -> Result<Vec<AccountId32>, Refused> {
		if let Some(known) = self.state().delegates.get(&(epoch, verifier.clone())) {
			return Ok(known.clone());
		}
		let chain = self.chain.as_ref().ok_or(Refused::NotItsProxy)?;
		match chain.probe_delegates(verifier).await {
			Ok(proxies) => {
				self.delegate(epoch, verifier.clone(), proxies.clone());
				Ok(proxies)
			},
			Err(e) => {
				tracing::debug!(target: "probe", "reading {verifier}'s proxies: {e:#}");
				Err(Refused::Unchecked)
			},
		}
	}

	/// Whether `challenge`, signed by `signer` (`signature_ok` says whether the signature
	/// checked), is answered; if so its nonce and its cost are booked.
	pub async fn admit(
		&self,
		challenge: &ProbeChallenge<AccountId32>,
		signer: &AccountId32,
		signature_ok: bool,
	) -> Result<(), Refused> {
		let admitted = self.check(challenge, signer, signature_ok).await;
		if let Some(telemetry) = &self.telemetry {
			match &admitted {
				Ok(()) => telemetry.inc("atlas_agent_probes_admitted_total", "", 1.0),
				Err(refused) => telemetry.inc(
					"atlas_agent_probes_refused_total",
					&format!("reason=\"{refused:?}\""),
					1.0,
				),
			}
		}
		admitted
	}

	async fn check(
		&self,
		challenge: &ProbeChallenge<AccountId32>,
		signer: &AccountId32,
		signature_ok: bool,
	) -> Result<(), Refused> {
		if !signature_ok {
			return Err(Refused::BadSignature);
		}
		let epoch = challenge.epoch;
		{
			let state = self.state();
			if epoch.abs_diff(state.epoch) > 1 {
				return Err(Refused::WrongEpoch);
			}
			if state.nonces.contains(&(epoch, challenge.nonce)) {
				return Err(Refused::Replayed);
			}
		}
		if !self.assigned(epoch, challenge.device).await?.contains(&challenge.verifier) {
			return Err(Refused::NotAssigned);
		}
		if *signer != challenge.verifier
			&& !self.delegates(epoch, &challenge.verifier).await?.contains(signer)
		{
			return Err(Refused::NotItsProxy);
		}
		let mut state = self.state();
		// Checked again under the lock: two connections may race with one nonce.
		if !state.nonces.insert((epoch, challenge.nonce)) {
			return Err(Refused::Replayed);
		}
		let key = (epoch, challenge.device, challenge.verifier.clone());
		let mut spent = state.spent.get(&key).copied().unwrap_or_default();
		spent.challenges = spent.challenges.saturating_add(1);
		match challenge.kind {
			ProbeKind::Transfer { bytes } => {
				spent.transfer_bytes = spent.transfer_bytes.saturating_add(u64::from(bytes))
			},
			ProbeKind::Benchmark { .. } => spent.benchmarks = spent.benchmarks.saturating_add(1),
			_ => {},
		}
		if spent.challenges > MAX_CHALLENGES
			|| spent.transfer_bytes > MAX_TRANSFER_BYTES
			|| spent.benchmarks > MAX_BENCHMARKS
		{
			return Err(Refused::OverBudget);
		}
		state.spent.insert(key, spent);
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn account(n: u8) -> AccountId32 {
		AccountId32::from([n; 32])
	}

	fn challenge(epoch: EpochIndex, nonce: u8, kind: ProbeKind) -> ProbeChallenge<AccountId32> {
		ProbeChallenge {
			device: 1,
			epoch,
			verifier: account(1),
			nonce: [nonce; 32],
			sent_at_ms: 0,
			kind,
		}
	}

	fn gate() -> Gate {
		let gate = Gate::offline();
		gate.set_epoch(5);
		gate.assign(5, 1, vec![account(1), account(2)]);
		gate.delegate(5, account(1), vec![account(7)]);
		gate
	}

	#[tokio::test]
	async fn only_assigned_verifiers_and_their_proxies_are_answered() {
		let gate = gate();
		let c = challenge(5, 1, ProbeKind::Liveness);
		assert_eq!(gate.admit(&c, &account(1), false).await, Err(Refused::BadSignature));
		assert_eq!(gate.admit(&c, &account(9), true).await, Err(Refused::NotItsProxy));
		// The other assigned verifier cannot sign for this one.
		assert_eq!(gate.admit(&c, &account(2), true).await, Err(Refused::NotItsProxy));
		let stranger = ProbeChallenge { verifier: account(3), ..c.clone() };
		assert_eq!(gate.admit(&stranger, &account(3), true).await, Err(Refused::NotAssigned));
		let other_device = ProbeChallenge { device: 2, ..c.clone() };
		assert_eq!(gate.admit(&other_device, &account(1), true).await, Err(Refused::NotAssigned));
		assert_eq!(gate.admit(&c, &account(7), true).await, Ok(()));
		let own = challenge(5, 2, ProbeKind::Liveness);
		assert_eq!(gate.admit(&own, &account(1), true).await, Ok(()));
	}

	#[tokio::test]
	async fn a_challenge_is_answered_once_and_only_in_its_epoch() {
		let telemetry = Arc::new(Telemetry::default());
		let gate = gate().counting_in(telemetry.clone());
		let c = challenge(5, 1, ProbeKind::Liveness);
		assert_eq!(gate.admit(&c, &account(1), true).await, Ok(()));
		assert_eq!(gate.admit(&c, &account(1), true).await, Err(Refused::Replayed));
		let old = challenge(3, 2, ProbeKind::Liveness);
		assert_eq!(gate.admit(&old, &account(1), true).await, Err(Refused::WrongEpoch));
		let ahead = challenge(7, 2, ProbeKind::Liveness);
		assert_eq!(gate.admit(&ahead, &account(1), true).await, Err(Refused::WrongEpoch));
		// Epochs on, what was kept of epoch 5 is gone.
		gate.set_epoch(8);
		assert!(gate.state().nonces.is_empty() && gate.state().assigned.is_empty());
		assert_eq!(telemetry.get("atlas_agent_probes_admitted_total", ""), Some(1.0));
		let replayed = telemetry.get("atlas_agent_probes_refused_total", "reason=\"Replayed\"");
		assert_eq!(replayed, Some(1.0));
		let stale = telemetry.get("atlas_agent_probes_refused_total", "reason=\"WrongEpoch\"");
		assert_eq!(stale, Some(2.0));
	}

	#[tokio::test]
	async fn a_verifier_cannot_spend_more_than_its_budget() {
		let gate = gate();
		let mut nonce = 0u8;
		let mut next = |kind| {
			nonce += 1;
			challenge(5, nonce, kind)
		};
		let big = ProbeKind::Transfer { bytes: crate::probe::MAX_TRANSFER };
		assert_eq!(gate.admit(&next(big.clone()), &account(1), true).await, Ok(()));
		assert_eq!(gate.admit(&next(big.clone()), &account(1), true).await, Ok(()));
		assert_eq!(gate.admit(&next(big), &account(1), true).await, Err(Refused::OverBudget));
		let bench = ProbeKind::Benchmark { n: 8 };
		for _ in 0..MAX_BENCHMARKS {
			assert_eq!(gate.admit(&next(bench.clone()), &account(1), true).await, Ok(()));
		}
		assert_eq!(gate.admit(&next(bench), &account(1), true).await, Err(Refused::OverBudget));
		// 4 admitted so far (refusals cost nothing); liveness probes run out at MAX_CHALLENGES.
		let mut admitted = 0;
		while gate.admit(&next(ProbeKind::Liveness), &account(1), true).await.is_ok() {
			admitted += 1;
		}
		assert_eq!(admitted, MAX_CHALLENGES - 4);
		// The other verifier's budget is its own.
		let theirs = ProbeChallenge { verifier: account(2), ..next(ProbeKind::Liveness) };
		assert_eq!(gate.admit(&theirs, &account(2), true).await, Ok(()));
	}
}
