//! Epoch metrics and the scores attestations hand to rewards.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::{DeviceClass, DeviceId, DeviceSpec, EpochIndex};

/// Domain separator of a device report.
pub const REPORT_CONTEXT: &[u8; 20] = b"atlas:device-report:";

/// The message a device key signs for its report of `epoch`:
/// `(context, genesis hash, device, epoch, metrics)`, SCALE-encoded. The genesis hash binds it to
/// one chain; device and epoch to one report.
pub fn report_payload<Hash: Encode>(
	genesis_hash: &Hash,
	device: DeviceId,
	epoch: EpochIndex,
	metrics: &Metrics,
) -> alloc::vec::Vec<u8> {
	(REPORT_CONTEXT, genesis_hash, device, epoch, metrics).encode()
}

/// What one device delivered in one epoch, as it reports it (signed by its own key).
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
pub struct Metrics {
	/// Seconds the device was up and reachable.
	pub uptime_secs: u32,
	/// Bytes it served (connectivity).
	pub bandwidth_bytes: u64,
	/// Watt-hours it produced (energy).
	pub energy_wh: u32,
	/// Compute delivered in GPU-seconds (compute).
	pub compute_units: u32,
	/// Samples it delivered (sensing).
	pub samples: u32,
}

/// Why a metric cannot be true of a device over an epoch.
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
pub enum BoundViolation {
	/// More uptime than the epoch lasts.
	Uptime,
	/// More bytes than the link can carry in the epoch (or any bytes from a non-connectivity device).
	Bandwidth,
	/// More energy than the rated power yields in the epoch (or any from a non-energy device).
	Energy,
	/// More GPU-seconds than the GPUs deliver in the epoch (or any from a non-compute device).
	Compute,
	/// More samples than the sensor's rate allows (or any from a non-sensing device).
	Samples,
}

impl Metrics {
	/// Checks the metrics against what `spec` can physically deliver in `epoch_secs` seconds.
	pub fn check_bounds(&self, spec: &DeviceSpec, epoch_secs: u32) -> Result<(), BoundViolation> {
		let secs = u64::from(epoch_secs);
		if u64::from(self.uptime_secs) > secs {
			return Err(BoundViolation::Uptime);
		}
		let (mut bandwidth, mut energy, mut compute, mut samples) = (0u64, 0u64, 0u64, 0u64);
		match spec {
			DeviceSpec::Compute { gpu_count, .. } => {
				compute = u64::from(*gpu_count).saturating_mul(secs)
			},
			DeviceSpec::Connectivity { link_capacity_kbps } => {
				bandwidth = u64::from(*link_capacity_kbps).saturating_mul(125).saturating_mul(secs)
			},
			DeviceSpec::Energy { rated_watts } => {
				energy = u64::from(*rated_watts).saturating_mul(secs) / 3600
			},
			DeviceSpec::Sensing { samples_per_hour, .. } => {
				samples = u64::from(*samples_per_hour).saturating_mul(secs).div_ceil(3600)
			},
		}
		if self.bandwidth_bytes > bandwidth {
			return Err(BoundViolation::Bandwidth);
		}
		if u64::from(self.energy_wh) > energy {
			return Err(BoundViolation::Energy);
		}
		if u64::from(self.compute_units) > compute {
			return Err(BoundViolation::Compute);
		}
		if u64::from(self.samples) > samples {
			return Err(BoundViolation::Samples);
		}
		Ok(())
	}

	/// The amount of work the class is paid for: GPU-seconds, bytes, watt-hours or samples.
	pub fn output(&self, class: DeviceClass) -> u64 {
		match class {
			DeviceClass::Compute => u64::from(self.compute_units),
			DeviceClass::Connectivity => self.bandwidth_bytes,
			DeviceClass::Energy => u64::from(self.energy_wh),
			DeviceClass::Sensing => u64::from(self.samples),
		}
	}

	/// These metrics with the class's paid work set to `amount` (saturating to the field).
	pub fn with_output(mut self, class: DeviceClass, amount: u64) -> Self {
		let narrow = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
		match class {
			DeviceClass::Compute => self.compute_units = narrow(amount),
			DeviceClass::Connectivity => self.bandwidth_bytes = amount,
			DeviceClass::Energy => self.energy_wh = narrow(amount),
			DeviceClass::Sensing => self.samples = narrow(amount),
		}
		self
	}

	/// Only the uptime of these metrics: what an unverified report counts.
	pub fn uptime_only(&self) -> Self {
		Metrics { uptime_secs: self.uptime_secs, ..Default::default() }
	}
}

/// Reward points: what a device earned in an epoch, relative to its class's total.
pub type Points = u64;

/// How a device's points in an epoch came about: what it reported, what verifiers confirmed,
/// and the multipliers its score got.
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
pub struct Attested {
	/// What the device reported.
	pub reported: Metrics,
	/// Its report capped by the median of a quorum of its assigned verifiers (without a quorum,
	/// only its reported uptime: unverified output counts for nothing).
	pub verified: Metrics,
	/// Whether a quorum of verifiers observed it.
	pub quorum: bool,
	/// The verification multiplier: 100 % with a quorum, the unverified discount without.
	pub verification: sp_runtime::Perbill,
	/// The uptime bonus its score got (zero below the class's bonus uptime), under the class's
	/// current scoring parameters.
	pub uptime_bonus: sp_runtime::Perbill,
	/// Whether governance ruled the report fraudulent (its points are zero).
	pub fraudulent: bool,
}

/// Per-epoch scores. Implemented by attestations, read by rewards.
pub trait EpochScores {
	/// The epoch now running.
	fn current_epoch() -> EpochIndex;
	/// Whether `epoch` is closed: no more reports; device points and class totals are fixed
	/// (except that a successful fraud challenge zeroes a device's points until the epoch is
	/// final).
	fn is_closed(epoch: EpochIndex) -> bool;
	/// Whether `epoch` is final: closed, its challenge window over and no challenge open.
	fn is_final(epoch: EpochIndex) -> bool;
	/// A device's class and points in `epoch`, if it reported.
	fn device_points(epoch: EpochIndex, device: DeviceId) -> Option<(DeviceClass, Points)>;
	/// How a device's points in `epoch` came about, if it reported (and the epoch is kept).
	fn attested(epoch: EpochIndex, device: DeviceId) -> Option<Attested>;
	/// The total points of `class` in `epoch`.
	fn class_total(epoch: EpochIndex, class: DeviceClass) -> Points;
	/// Whether `device`'s points in `epoch` can be paid: the epoch is closed, its challenge
	/// window is over and no challenge of this device's report is open. Other devices' open
	/// challenges do not delay it: a fraud ruling only lowers the class total, so paying
	/// against the higher total never pays out more than the budget.
	fn is_settleable(epoch: EpochIndex, device: DeviceId) -> bool;
	/// Blocks per epoch.
	fn epoch_length() -> u32;

	/// Records that `device` of `class` earned `points` in `epoch`, for benchmarks of
	/// dependent pallets.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_points(epoch: EpochIndex, device: DeviceId, class: DeviceClass, points: Points);

	/// Closes every epoch up to `epoch` and moves time past its challenge window, for
	/// benchmarks of dependent pallets.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_settle_through(epoch: EpochIndex);
}

/// What verifiers earned by their observations. Implemented by attestations, which judges every
/// observation of a closed epoch against its device's quorum and credits each one within the
/// tolerance of an agreed value on a reported device; read by rewards, which pays a share of the
/// epoch's emission pro rata to credits through a lazy claim.
pub trait VerifierCredits<AccountId> {
	/// `verifier`'s unpaid credits in `epoch` and the epoch's total credits, once every
	/// observation of the epoch has been judged (`None` before, and once it has been taken).
	fn credits(epoch: EpochIndex, verifier: &AccountId) -> Option<(u32, u32)>;

	/// Like [`VerifierCredits::credits`], and removes the verifier's credits so they are paid
	/// once.
	fn take_credits(epoch: EpochIndex, verifier: &AccountId) -> Option<(u32, u32)>;

	/// Gives `verifier` `credits` of `total` in a judged `epoch`, for benchmarks of rewards.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_credits(epoch: EpochIndex, verifier: &AccountId, credits: u32, total: u32);
}

impl<AccountId> VerifierCredits<AccountId> for () {
	fn credits(_: EpochIndex, _: &AccountId) -> Option<(u32, u32)> {
		None
	}

	fn take_credits(_: EpochIndex, _: &AccountId) -> Option<(u32, u32)> {
		None
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_credits(_: EpochIndex, _: &AccountId, _: u32, _: u32) {}
}

/// What points are worth. Implemented by rewards, read by attestations to fine a fraudulent
/// report in proportion to the reward it tried to take.
pub trait RewardValue<Balance> {
	/// What `points` of `class` earn in `epoch`: its class budget (the latest funded one while
	/// `epoch` is not funded yet) pro rata to the class's points in it, counting `points` among
	/// them.
	fn reward_of(epoch: EpochIndex, class: DeviceClass, points: Points) -> Balance;
}

impl<Balance: Default> RewardValue<Balance> for () {
	fn reward_of(_: EpochIndex, _: DeviceClass, _: Points) -> Balance {
		Balance::default()
	}
}

/// Device reports as they are accepted, and later changes of their points (verifier
/// observations, a fraud ruling). Implemented by rewards, which keeps each device's unpaid
/// epochs and each vault's unpaid points; composes for tuples.
///
/// "May I" and "tell" are separate: attestations asks [`OnReport::can_take`] while it checks a
/// report (a refusal fails the report with a named reason and changes nothing), then tells
/// [`OnReport::on_report`] once the report is accepted.
pub trait OnReport {
	/// Whether a report of `device` for `epoch` worth `points`, whose route pays `vault`, fits
	/// (rewards refuses a device or vault with as many unpaid epochs as it may have). Changes
	/// nothing.
	fn can_take(
		device: DeviceId,
		epoch: EpochIndex,
		points: Points,
		vault: Option<crate::VaultLeg>,
	) -> bool;

	/// `device` of `class`, whose route pays `vault`, reported `points` for `epoch`. Called only
	/// after [`OnReport::can_take`] allowed it in the same transaction.
	fn on_report(
		device: DeviceId,
		epoch: EpochIndex,
		class: DeviceClass,
		points: Points,
		vault: Option<crate::VaultLeg>,
	);

	/// What telling one report or change of a device that pays a vault costs beyond a device
	/// that pays none (callers charge it per such device).
	fn vault_weight() -> sp_runtime::Weight;

	/// `device`'s points in `epoch` changed from `old` to `new`.
	fn on_points_changed(
		device: DeviceId,
		epoch: EpochIndex,
		class: DeviceClass,
		old: Points,
		new: Points,
		vault: Option<crate::VaultLeg>,
	);
}

#[impl_trait_for_tuples::impl_for_tuples(8)]
impl OnReport for Tuple {
	fn can_take(
		device: DeviceId,
		epoch: EpochIndex,
		points: Points,
		vault: Option<crate::VaultLeg>,
	) -> bool {
		for_tuples!( #( if !Tuple::can_take(device, epoch, points, vault) { return false; } )* );
		true
	}

	fn on_report(
		device: DeviceId,
		epoch: EpochIndex,
		class: DeviceClass,
		points: Points,
		vault: Option<crate::VaultLeg>,
	) {
		for_tuples!( #( Tuple::on_report(device, epoch, class, points, vault); )* );
	}

	fn vault_weight() -> sp_runtime::Weight {
		let mut weight = sp_runtime::Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::vault_weight()); )* );
		weight
	}

	fn on_points_changed(
		device: DeviceId,
		epoch: EpochIndex,
		class: DeviceClass,
		old: Points,
		new: Points,
		vault: Option<crate::VaultLeg>,
	) {
		for_tuples!( #( Tuple::on_points_changed(device, epoch, class, old, new, vault); )* );
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::SensorKind;

	#[test]
	fn bounds_follow_the_spec() {
		let hour = 3600;
		let solar = DeviceSpec::Energy { rated_watts: 400 };
		let ok = Metrics { uptime_secs: hour, energy_wh: 400, ..Default::default() };
		assert_eq!(ok.check_bounds(&solar, hour), Ok(()));
		assert_eq!(
			Metrics { energy_wh: 401, ..ok }.check_bounds(&solar, hour),
			Err(BoundViolation::Energy)
		);
		assert_eq!(
			Metrics { uptime_secs: hour + 1, ..ok }.check_bounds(&solar, hour),
			Err(BoundViolation::Uptime)
		);
		assert_eq!(
			Metrics { samples: 1, ..ok }.check_bounds(&solar, hour),
			Err(BoundViolation::Samples)
		);
		// 8 kbit/s is 1,000 bytes a second.
		let link = DeviceSpec::Connectivity { link_capacity_kbps: 8 };
		let served = Metrics { bandwidth_bytes: 3_600_000, ..Default::default() };
		assert_eq!(served.check_bounds(&link, hour), Ok(()));
		assert_eq!(
			Metrics { bandwidth_bytes: 3_600_001, ..served }.check_bounds(&link, hour),
			Err(BoundViolation::Bandwidth)
		);
		let sensor = DeviceSpec::Sensing { sensor_kind: SensorKind::Noise, samples_per_hour: 10 };
		assert_eq!(
			Metrics { samples: 10, ..Default::default() }.check_bounds(&sensor, hour),
			Ok(())
		);
		assert_eq!(
			Metrics { samples: 11, ..Default::default() }.check_bounds(&sensor, hour),
			Err(BoundViolation::Samples)
		);
		let gpu =
			DeviceSpec::Compute { gpu_model: Default::default(), gpu_count: 1, gpu_memory_mib: 1 };
		assert_eq!(
			Metrics { compute_units: hour + 1, ..Default::default() }.check_bounds(&gpu, hour),
			Err(BoundViolation::Compute)
		);
		let quad =
			DeviceSpec::Compute { gpu_model: Default::default(), gpu_count: 4, gpu_memory_mib: 1 };
		assert_eq!(
			Metrics { compute_units: 4 * hour, ..Default::default() }.check_bounds(&quad, hour),
			Ok(())
		);
	}

	#[test]
	fn report_payloads_differ_by_chain_device_and_epoch() {
		let m = Metrics::default();
		let a = report_payload(&[1u8; 32], 1, 1, &m);
		assert_ne!(a, report_payload(&[2u8; 32], 1, 1, &m));
		assert_ne!(a, report_payload(&[1u8; 32], 2, 1, &m));
		assert_ne!(a, report_payload(&[1u8; 32], 1, 2, &m));
		assert!(a.starts_with(REPORT_CONTEXT));
	}
}
