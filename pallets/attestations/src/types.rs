//! Types stored by the attestations pallet.

use atlas_primitives::{DeviceClass, Metrics, PerClass, Points};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::PalletError;
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// How a class's verified metrics become points. Governance sets one per class.
///
/// `points = uptime_secs × uptime_weight / 3600 + output × output_weight / 1_000_000`, where
/// `output` is the class's paid work (GPU-seconds, bytes, watt-hours, samples); zero below
/// `min_uptime` of the epoch; plus `bonus` of that at or above `bonus_uptime`.
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
		}
	}

	/// Whether the thresholds are ordered.
	pub fn is_valid(&self) -> bool {
		self.min_uptime <= self.bonus_uptime
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

/// What one verifier observed of one device in one epoch.
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
pub struct Observed {
	/// Seconds the verifier saw the device up.
	pub uptime_secs: u32,
	/// Bytes the verifier measured it serving (connectivity devices; zero otherwise).
	pub bandwidth_bytes: u64,
}

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
	/// What counts after capping by verifiers' median (equal to `reported` without quorum).
	pub verified: Metrics,
	/// Whether at least `Quorum` verifiers observed it.
	pub quorum: bool,
	/// Points earned (zero once a fraud challenge succeeded).
	pub points: Points,
	/// Whether governance found the report fraudulent.
	pub fraudulent: bool,
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

/// A verifier's bond.
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
	pub last_epoch: Option<atlas_primitives::EpochIndex>,
}

/// An open challenge of a report.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Challenge<AccountId, Balance> {
	/// Who challenged.
	pub challenger: AccountId,
	/// The bond held from the challenger.
	pub bond: Balance,
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
	/// The submitter is neither the device's owner nor its operator.
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
	/// The verifier holds no Verifier role in the device's state.
	NotVerifier,
	/// The verifier already observed this device in this epoch.
	Duplicate,
	/// The device already has `MaxObservers` observations this epoch.
	TooManyObservers,
	/// More uptime than the epoch lasts.
	OutOfBounds,
}
