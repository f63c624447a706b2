//! Types stored by the attestations pallet.

use atlas_primitives::{DeviceClass, EpochIndex, Metrics, PerClass, Points};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::PalletError;
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::Perbill;

/// How a class's verified metrics become points. Governance sets one per class.
///
/// `points = uptime_secs × uptime_weight / 3600 + output × output_weight / 1_000_000`, where
/// `output` is the class's paid work (GPU-seconds, bytes, watt-hours, samples); zero below
/// `min_uptime` of the epoch; plus `bonus` of that at or above `bonus_uptime`.
///
/// Anti-gaming (zero turns either off):
/// - **warm-up**: a device earns `(n + 1) / warmup_epochs` of its points while `n <
///   warmup_epochs`, where `n` is the whole epochs since its activation, and for verified
///   points also at most its judged, verified epochs of history: a fleet left idle, bought or
///   re-activated does not skip it.
/// - **cap**: its verified points are at most `cap_multiple` × its trailing average
///   ([`TrailingPoints`]), never less than `cap_multiple` × what a full epoch of uptime alone
///   earns (at least a point; the cap of a device without history), so a spike pays the cap
///   and lifts it only step by step.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	sp_runtime::Serialize,
	sp_runtime::Deserialize,
)]
#[serde(crate = "sp_runtime::serde", rename_all = "camelCase")]
pub struct ScoringParams {
	/// Points per hour of uptime.
	pub uptime_weight: u32,
	/// Points per million units of output.
	pub output_weight: u64,
	/// Below this share of the epoch up, a device earns nothing.
	pub min_uptime: Perbill,
	/// At or above this share of the epoch up, a device earns the bonus.
	pub bonus_uptime: Perbill,
	/// The bonus, as a share of the points.
	pub bonus: Perbill,
	/// Epochs over which a newly activated device's points ramp up to full (0: none).
	pub warmup_epochs: u32,
	/// Verified points are capped at this multiple of the device's trailing average (0: none).
	pub cap_multiple: u32,
}

impl ScoringParams {
	/// Defaults per class: 100 points an hour up, and per unit of work 1 point per GPU-second,
	/// per MB served, per Wh produced or per 10 samples... scaled to comparable magnitudes.
	pub fn default_for(class: DeviceClass) -> Self {
		let output_weight = match class {
			DeviceClass::Compute => 1_000_000,
			DeviceClass::Connectivity => 1,
			DeviceClass::Energy => 1_000_000,
			DeviceClass::Sensing => 10_000_000,
		};
		ScoringParams {
			uptime_weight: 100,
			output_weight,
			min_uptime: Perbill::from_percent(50),
			bonus_uptime: Perbill::from_percent(95),
			bonus: Perbill::from_percent(10),
			warmup_epochs: 0,
			cap_multiple: 0,
		}
	}

	/// The warm-up share of its points a device earns `n` epochs into its warm-up.
	pub fn ramp(&self, n: u32) -> Perbill {
		if n >= self.warmup_epochs {
			return Perbill::one();
		}
		Perbill::from_rational(n.saturating_add(1), self.warmup_epochs)
	}

	/// Whole epochs from the activation at block `active_since` to `epoch`, for epochs of
	/// `epoch_length` blocks.
	pub fn age(epoch: EpochIndex, active_since: u32, epoch_length: u32) -> u32 {
		epoch.saturating_sub(active_since / epoch_length.max(1))
	}

	/// The most a device with `trailing` history may earn verified in an epoch of `epoch_secs`
	/// seconds, if the class caps.
	pub fn cap(
		&self,
		class: DeviceClass,
		trailing: Option<TrailingPoints>,
		epoch_secs: u32,
	) -> Option<Points> {
		if self.cap_multiple == 0 {
			return None;
		}
		let uptime_only = Metrics { uptime_secs: epoch_secs, ..Default::default() };
		// At least a point, so a class that pays nothing for uptime still lets new devices in.
		let floor = self.score(class, &uptime_only, epoch_secs).max(1);
		let average = trailing.map_or(0, |t| t.points());
		Some(average.max(floor).saturating_mul(Points::from(self.cap_multiple)))
	}

	/// Whether the thresholds are ordered.
	pub fn is_valid(&self) -> bool {
		self.min_uptime <= self.bonus_uptime && self.warmup_epochs <= TrailingPoints::WINDOW
	}

	/// The points of `metrics` over an epoch of `epoch_secs` seconds for a device of `class`.
	pub fn score(&self, class: DeviceClass, metrics: &Metrics, epoch_secs: u32) -> Points {
		if epoch_secs == 0 {
			return 0;
		}
		let up = Perbill::from_rational(metrics.uptime_secs.min(epoch_secs), epoch_secs);
		if up < self.min_uptime {
			return 0;
		}
		let uptime_points =
			u128::from(metrics.uptime_secs).saturating_mul(u128::from(self.uptime_weight)) / 3600;
		let output_points = u128::from(metrics.output(class))
			.saturating_mul(u128::from(self.output_weight))
			/ 1_000_000;
		let base = uptime_points.saturating_add(output_points);
		let total =
			if up >= self.bonus_uptime { base.saturating_add(self.bonus * base) } else { base };
		Points::try_from(total).unwrap_or(Points::MAX)
	}
}

/// What one verifier observed of one device in one epoch: every metric, as the probe protocol
/// measures it (see the crate docs). Only the uptime and the device class's own output count.
pub type Observed = Metrics;

/// A stored observation: who observed and what.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Observation<AccountId> {
	/// The verifier.
	pub verifier: AccountId,
	/// What it observed.
	pub observed: Observed,
}

/// A device's record for one epoch: its report and the points it earned so far.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct DeviceRecord {
	/// The device's class when it reported.
	pub class: DeviceClass,
	/// What it reported, signed by its key.
	pub reported: Metrics,
	/// What counts: the report capped by the median of a verifier quorum; without a quorum, the
	/// reported uptime alone (unverified output earns nothing).
	pub verified: Metrics,
	/// Whether a majority of the device's assigned verifiers agreed on what they observed.
	pub quorum: bool,
	/// Points earned (zero once a fraud challenge succeeded).
	pub points: Points,
	/// Whether governance found the report fraudulent.
	pub fraudulent: bool,
	/// What its points took of its state's allowance of unverified points (see the
	/// `state_cap` module): handed back exactly when they change or become verified.
	pub allowance_taken: Points,
}

impl DeviceRecord {
	/// What the device verifiably delivered (nothing once ruled fraudulent), in an epoch of
	/// `epoch_secs` seconds.
	pub fn delivery(&self, epoch_secs: u32) -> atlas_primitives::Delivery {
		atlas_primitives::Delivery {
			metrics: if self.fraudulent { Default::default() } else { self.verified },
			epoch_secs,
			points: self.points,
		}
	}
}

/// A device's trailing verified points: the mean of its judged, verified epochs, then an
/// exponential average over [`TrailingPoints::WINDOW`] epochs. The trailing cap reads it.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct TrailingPoints {
	/// The average in thousandths of a point (points before the warm-up ramp, after the cap),
	/// so small differences still move it.
	pub average_milli: Points,
	/// Epochs folded in, up to the window.
	pub epochs: u32,
}

impl TrailingPoints {
	/// Epochs the average spans: a day of hourly epochs, so a solar panel's nights do not cap
	/// its days.
	pub const WINDOW: u32 = 24;

	/// What a fraud ruling leaves: a full window at zero, so the device is capped at its
	/// floor and earns its way up again.
	pub const RESET: TrailingPoints = TrailingPoints { average_milli: 0, epochs: Self::WINDOW };

	/// The average in whole points.
	pub fn points(&self) -> Points {
		self.average_milli / 1_000
	}

	/// Folds one more epoch's `points` in: average + (points − average) / n, with `n` the
	/// epochs so far (a mean) up to the window (then a moving average).
	pub fn fold(self, points: Points) -> Self {
		let epochs = self.epochs.saturating_add(1).min(Self::WINDOW);
		let n = Points::from(epochs);
		let x = points.saturating_mul(1_000);
		let a = self.average_milli;
		let average_milli = if x >= a {
			a.saturating_add(x.saturating_sub(a) / n)
		} else {
			a.saturating_sub(a.saturating_sub(x) / n)
		};
		TrailingPoints { average_milli, epochs }
	}
}

/// What a device's own history changes in its points this epoch.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Adjustment {
	/// The warm-up ramp (100 % once warmed up).
	pub ramp: Perbill,
	/// The trailing cap on verified points, once it applies.
	pub cap: Option<Points>,
}

impl Adjustment {
	/// Nothing changed.
	pub const NONE: Adjustment = Adjustment { ramp: Perbill::one(), cap: None };
}

/// One class's running total in an epoch.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct ClassTotal {
	/// Sum of the points of the class's devices.
	pub points: Points,
	/// Devices of the class that reported.
	pub devices: u32,
}

/// An epoch's summary, kept current as reports and observations arrive.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct EpochSummary {
	/// Totals per class.
	pub classes: PerClass<ClassTotal>,
	/// Whether the epoch is closed.
	pub closed: bool,
	/// Challenges not yet resolved.
	pub open_challenges: u32,
	/// Whether every observation of the epoch has been judged (its verifier credits are final).
	pub judged: bool,
	/// Observations credited to their verifiers: within the tolerance of a quorum's agreed
	/// value, on a device that reported.
	pub credits: u32,
}

impl EpochSummary {
	/// The total of `class`.
	pub fn class(&self, class: DeviceClass) -> &ClassTotal {
		&self.classes[class]
	}

	/// The total of `class`, mutably.
	pub fn class_mut(&mut self, class: DeviceClass) -> &mut ClassTotal {
		&mut self.classes[class]
	}
}

/// A verifier in the chain-wide pool: its bond and the slot it is drawn by.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct VerifierBond<Balance> {
	/// The amount held.
	pub amount: Balance,
	/// The last epoch the verifier attested in; the bond stays until it is final.
	pub last_epoch: Option<EpochIndex>,
	/// Its slot in the pool: devices are assigned slots at random each epoch.
	pub slot: u32,
	/// The first epoch it serves (the one after it bonded).
	pub serves_from: EpochIndex,
	/// The first epoch it no longer serves, once it asked to leave.
	pub serves_until: Option<EpochIndex>,
}

impl<Balance> VerifierBond<Balance> {
	/// Whether the verifier is in the pool during `epoch`.
	pub fn serves_in(&self, epoch: EpochIndex) -> bool {
		self.serves_from <= epoch && self.serves_until.is_none_or(|until| epoch < until)
	}
}

/// Who holds a pool slot: the verifier now, and the one before it (whose last epoch may still
/// be open for observations while the new one's first epoch runs).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct SlotHolders<AccountId> {
	/// The verifier holding the slot.
	pub occupant: AccountId,
	/// The verifier that held it before.
	pub previous: Option<AccountId>,
}

/// A verifier's commitment to its beacon values (see the `beacon` module).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct BeaconCommitment {
	/// What its next reveal must hash to (blake2-256).
	pub commitment: H256,
	/// The epoch it committed in: reveals are owed from the next one.
	pub committed_in: EpochIndex,
	/// The last epoch it revealed in under this commitment.
	pub last_revealed: Option<EpochIndex>,
}

/// What an epoch's verifier assignment is drawn from, fixed at the epoch's first block.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct Draw {
	/// The epoch's seed: the chain of block hashes at the previous epoch's start, mixed with
	/// the beacon values verifiers revealed in the previous epoch.
	pub seed: H256,
	/// Pool slots at the epoch's start: assignments are drawn among them.
	pub pool_slots: u32,
}

/// One challenger of a report (several may stand against the same report).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Challenge<AccountId, Balance> {
	/// Who challenged.
	pub challenger: AccountId,
	/// The bond held from the challenger.
	pub bond: Balance,
	/// The hash of the challenger's evidence (published off chain, e.g. probe transcripts).
	pub evidence: H256,
}

/// Why one report of a batch was refused (the whole batch is refused with it).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PalletError,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum ReportError {
	/// No device has this id.
	UnknownDevice,
	/// The device is not active.
	InactiveDevice,
	/// The device's state is suspended.
	StateSuspended,
	/// The submitter is neither the device's owner nor its operator (holding the Operator
	/// role of the device's state).
	NotOperator,
	/// The device already reported for this epoch.
	Duplicate,
	/// The signature is not the device key's over this chain's report payload.
	BadSignature,
	/// More uptime than the epoch lasts.
	UptimeOutOfBounds,
	/// More bandwidth than the link carries in the epoch.
	BandwidthOutOfBounds,
	/// More energy than the rated power yields in the epoch.
	EnergyOutOfBounds,
	/// More GPU-seconds than the epoch lasts.
	ComputeOutOfBounds,
	/// More samples than the sensor's rate allows.
	SamplesOutOfBounds,
	/// The device has too many epochs whose rewards are not yet paid (its reports are under
	/// challenge): it may report again once they are settled.
	UnpaidBacklog,
	/// The device was not active at any time in the epoch (activated after it ended).
	NotActiveInEpoch,
	/// The device's class earns only with a maker certificate, and this device has none.
	NotMakerAttested,
	/// The batch holds devices of more than `MaxStatesPerBatch` network states.
	TooManyStates,
}

impl From<atlas_primitives::BoundViolation> for ReportError {
	fn from(v: atlas_primitives::BoundViolation) -> Self {
		use atlas_primitives::BoundViolation::*;
		match v {
			Uptime => ReportError::UptimeOutOfBounds,
			Bandwidth => ReportError::BandwidthOutOfBounds,
			Energy => ReportError::EnergyOutOfBounds,
			Compute => ReportError::ComputeOutOfBounds,
			Samples => ReportError::SamplesOutOfBounds,
		}
	}
}

/// Why one observation of a batch was refused (the whole batch is refused with it).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PalletError,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum ObservationError {
	/// No device has this id.
	UnknownDevice,
	/// The verifier is not one of the device's assigned verifiers in this epoch.
	NotAssigned,
	/// The verifier is the device's owner or operator, or an admin or steward of its state.
	ConflictOfInterest,
	/// The verifier already observed this device in this epoch.
	Duplicate,
	/// The device already has `VerifiersPerDevice` observations this epoch.
	TooManyObservers,
	/// More than the device can physically deliver in the epoch (its spec's bounds).
	OutOfBounds,
}
