//! Delivery and key performance indicators: what devices verifiably delivered, summed per
//! deployment and per blueprint by the deployments pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{Perbill, Weight};

use crate::{DeviceId, EpochIndex, Metrics, Points};

/// What one device delivered in one epoch, as verified (its report capped by verifier
/// observations; all zero once the report is ruled fraudulent).
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
pub struct Delivery {
	/// Verified metrics.
	pub metrics: Metrics,
	/// How long the epoch lasted in seconds: the most uptime the device could have had.
	pub epoch_secs: u32,
	/// The points it earned.
	pub points: Points,
}

/// Told of every device's verified delivery as its report is accepted and whenever it changes
/// later (verifier observations, a fraud ruling). Implemented by the deployments pallet, which
/// sums deliveries into deployment and blueprint KPIs.
pub trait OnDelivery {
	/// `device`'s delivery in `epoch` went from `old` (`None`: its first report) to `new`.
	/// Returns the weight used, at most [`OnDelivery::max_weight`].
	fn on_delivery(
		device: DeviceId,
		epoch: EpochIndex,
		old: Option<&Delivery>,
		new: &Delivery,
	) -> Weight;

	/// The most one [`OnDelivery::on_delivery`] can use (callers charge it up front and refund).
	fn max_weight() -> Weight;
}

#[impl_trait_for_tuples::impl_for_tuples(8)]
impl OnDelivery for Tuple {
	fn on_delivery(
		device: DeviceId,
		epoch: EpochIndex,
		old: Option<&Delivery>,
		new: &Delivery,
	) -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_delivery(device, epoch, old, new)); )* );
		weight
	}

	fn max_weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::max_weight()); )* );
		weight
	}
}

/// Told of every reward paid for a device's epoch. Implemented by the deployments pallet, which
/// adds it to the KPIs of the device's deployment and blueprint.
pub trait OnRewardPaid<Balance> {
	/// `amount` was paid for `device`'s work. Returns the weight used, at most
	/// [`OnRewardPaid::max_weight`].
	fn on_reward_paid(device: DeviceId, amount: Balance) -> Weight;

	/// The most one [`OnRewardPaid::on_reward_paid`] can use.
	fn max_weight() -> Weight;
}

#[impl_trait_for_tuples::impl_for_tuples(8)]
impl<Balance: Clone> OnRewardPaid<Balance> for Tuple {
	fn on_reward_paid(device: DeviceId, amount: Balance) -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_reward_paid(device, amount.clone())); )* );
		weight
	}

	fn max_weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::max_weight()); )* );
		weight
	}
}

/// Co-use agreements in force: the share of a device's rewards its host state's community pool
/// takes while other states' citizens may use the device. Implemented by the interstate pallet,
/// read by rewards when it pays.
pub trait CoUseTerms {
	/// The share of the rewards `device` (of `state`, in `class`) earned over blocks
	/// `from..to` that goes to `state`'s community pool: the largest `host_share` of the
	/// agreements covering it that were in force over the whole span, capped by governance. An
	/// agreement never taxes what was earned before it began.
	fn host_share(
		device: DeviceId,
		state: crate::StateId,
		class: crate::DeviceClass,
		from: u32,
		to: u32,
	) -> Perbill;

	/// What one [`CoUseTerms::host_share`] costs.
	fn weight() -> Weight;
}

impl CoUseTerms for () {
	fn host_share(
		_: DeviceId,
		_: crate::StateId,
		_: crate::DeviceClass,
		_: u32,
		_: u32,
	) -> Perbill {
		Perbill::zero()
	}

	fn weight() -> Weight {
		Weight::zero()
	}
}

/// Delivery summed over device-epochs: the KPIs of a deployment or a blueprint.
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
pub struct Kpi {
	/// Device reports counted (one per device and epoch).
	pub device_epochs: u64,
	/// Verified uptime, in seconds.
	pub uptime_secs: u64,
	/// The uptime those devices could have had (their epochs' lengths), in seconds.
	pub possible_secs: u64,
	/// Bytes served (connectivity).
	pub bandwidth_bytes: u128,
	/// Watt-hours produced (energy).
	pub energy_wh: u64,
	/// GPU-seconds delivered (compute).
	pub compute_units: u64,
	/// Samples delivered (sensing).
	pub samples: u64,
	/// Reward points earned.
	pub points: u128,
	/// Rewards paid for the work, in the chain's smallest unit.
	pub rewards: u128,
}

impl Kpi {
	/// Applies a change of one device-epoch's delivery from `old` (`None`: newly counted) to
	/// `new`.
	pub fn apply(&mut self, old: Option<&Delivery>, new: &Delivery) {
		match old {
			Some(o) => self.sub_delivery(o),
			None => self.device_epochs = self.device_epochs.saturating_add(1),
		}
		self.add_delivery(new);
	}

	fn add_delivery(&mut self, d: &Delivery) {
		let m = &d.metrics;
		self.uptime_secs = self.uptime_secs.saturating_add(m.uptime_secs.into());
		self.possible_secs = self.possible_secs.saturating_add(d.epoch_secs.into());
		self.bandwidth_bytes = self.bandwidth_bytes.saturating_add(m.bandwidth_bytes.into());
		self.energy_wh = self.energy_wh.saturating_add(m.energy_wh.into());
		self.compute_units = self.compute_units.saturating_add(m.compute_units.into());
		self.samples = self.samples.saturating_add(m.samples.into());
		self.points = self.points.saturating_add(d.points.into());
	}

	fn sub_delivery(&mut self, d: &Delivery) {
		let m = &d.metrics;
		self.uptime_secs = self.uptime_secs.saturating_sub(m.uptime_secs.into());
		self.possible_secs = self.possible_secs.saturating_sub(d.epoch_secs.into());
		self.bandwidth_bytes = self.bandwidth_bytes.saturating_sub(m.bandwidth_bytes.into());
		self.energy_wh = self.energy_wh.saturating_sub(m.energy_wh.into());
		self.compute_units = self.compute_units.saturating_sub(m.compute_units.into());
		self.samples = self.samples.saturating_sub(m.samples.into());
		self.points = self.points.saturating_sub(d.points.into());
	}

	/// Adds `other` (a deployment joining a blueprint).
	pub fn add(&mut self, other: &Kpi) {
		self.device_epochs = self.device_epochs.saturating_add(other.device_epochs);
		self.uptime_secs = self.uptime_secs.saturating_add(other.uptime_secs);
		self.possible_secs = self.possible_secs.saturating_add(other.possible_secs);
		self.bandwidth_bytes = self.bandwidth_bytes.saturating_add(other.bandwidth_bytes);
		self.energy_wh = self.energy_wh.saturating_add(other.energy_wh);
		self.compute_units = self.compute_units.saturating_add(other.compute_units);
		self.samples = self.samples.saturating_add(other.samples);
		self.points = self.points.saturating_add(other.points);
		self.rewards = self.rewards.saturating_add(other.rewards);
	}

	/// Subtracts `other` (a deployment leaving a blueprint).
	pub fn sub(&mut self, other: &Kpi) {
		self.device_epochs = self.device_epochs.saturating_sub(other.device_epochs);
		self.uptime_secs = self.uptime_secs.saturating_sub(other.uptime_secs);
		self.possible_secs = self.possible_secs.saturating_sub(other.possible_secs);
		self.bandwidth_bytes = self.bandwidth_bytes.saturating_sub(other.bandwidth_bytes);
		self.energy_wh = self.energy_wh.saturating_sub(other.energy_wh);
		self.compute_units = self.compute_units.saturating_sub(other.compute_units);
		self.samples = self.samples.saturating_sub(other.samples);
		self.points = self.points.saturating_sub(other.points);
		self.rewards = self.rewards.saturating_sub(other.rewards);
	}

	/// Verified uptime over possible uptime (zero before any report).
	pub fn uptime_ratio(&self) -> Perbill {
		Perbill::from_rational(self.uptime_secs, self.possible_secs.max(1))
	}

	/// The value ranked by `kind` (a ratio in parts per billion).
	pub fn value(&self, kind: KpiKind, devices_active: u32) -> u128 {
		match kind {
			KpiKind::UptimeRatio => self.uptime_ratio().deconstruct().into(),
			KpiKind::Bandwidth => self.bandwidth_bytes,
			KpiKind::Energy => self.energy_wh.into(),
			KpiKind::Compute => self.compute_units.into(),
			KpiKind::Samples => self.samples.into(),
			KpiKind::Points => self.points,
			KpiKind::Rewards => self.rewards,
			KpiKind::DevicesActive => devices_active.into(),
		}
	}
}

/// What to rank blueprints by.
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
pub enum KpiKind {
	/// Verified uptime over possible uptime.
	UptimeRatio,
	/// Bytes served.
	Bandwidth,
	/// Watt-hours produced.
	Energy,
	/// GPU-seconds delivered.
	Compute,
	/// Samples delivered.
	Samples,
	/// Reward points earned.
	Points,
	/// Rewards paid.
	Rewards,
	/// Devices that reported in the latest epoch with reports.
	DevicesActive,
}

/// How many devices reported in one epoch.
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
pub struct EpochDevices {
	/// The epoch.
	pub epoch: EpochIndex,
	/// Devices that reported in it.
	pub devices: u32,
}

/// Devices reporting in the two latest epochs with reports (the latest first): the newer one
/// may still be running, the older one is then the last complete count.
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
pub struct RecentDevices(pub [EpochDevices; 2]);

impl RecentDevices {
	/// Counts one more device reporting in `epoch`.
	pub fn count(&mut self, epoch: EpochIndex) {
		self.add(epoch, 1)
	}

	/// Counts `devices` more reporting in `epoch` (epochs older than both kept are ignored).
	pub fn add(&mut self, epoch: EpochIndex, devices: u32) {
		if devices == 0 {
			return;
		}
		let [latest, previous] = &mut self.0;
		if epoch == latest.epoch {
			latest.devices = latest.devices.saturating_add(devices);
		} else if epoch > latest.epoch {
			*previous = *latest;
			*latest = EpochDevices { epoch, devices };
		} else if epoch == previous.epoch {
			previous.devices = previous.devices.saturating_add(devices);
		} else if epoch > previous.epoch {
			*previous = EpochDevices { epoch, devices };
		}
	}

	/// Adds another's counts (a deployment joining a blueprint).
	pub fn merge(&mut self, other: &RecentDevices) {
		for e in other.0.iter().rev() {
			self.add(e.epoch, e.devices);
		}
	}

	/// Removes another's counts where the epochs match (a deployment leaving a blueprint).
	pub fn remove(&mut self, other: &RecentDevices) {
		for e in other.0.iter().filter(|e| e.devices > 0) {
			for mine in self.0.iter_mut().filter(|m| m.epoch == e.epoch) {
				mine.devices = mine.devices.saturating_sub(e.devices);
			}
		}
	}

	/// Devices that reported in the latest closed epoch kept: the "devices active" KPI (the
	/// count of an epoch still open may grow).
	pub fn active(&self, is_closed: impl Fn(EpochIndex) -> bool) -> u32 {
		self.0.iter().find(|e| e.devices > 0 && is_closed(e.epoch)).map_or(0, |e| e.devices)
	}
}

/// A deployment's or blueprint's KPIs as readers see them.
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct KpiView {
	/// Delivery summed over every device-epoch counted.
	pub totals: Kpi,
	/// `totals.uptime_ratio()`.
	pub uptime_ratio: Perbill,
	/// Devices that reported in the latest closed epoch with reports.
	pub devices_active: u32,
	/// Devices that reported in the two latest epochs with reports.
	pub recent: RecentDevices,
}

#[cfg(test)]
mod tests {
	use super::*;

	fn delivery(uptime: u32, energy: u32, points: Points) -> Delivery {
		Delivery {
			metrics: Metrics { uptime_secs: uptime, energy_wh: energy, ..Default::default() },
			epoch_secs: 3600,
			points,
		}
	}

	#[test]
	fn kpi_applies_changes_and_sums() {
		let mut k = Kpi::default();
		k.apply(None, &delivery(1800, 100, 10));
		k.apply(None, &delivery(3600, 200, 30));
		assert_eq!((k.device_epochs, k.uptime_secs, k.possible_secs), (2, 5400, 7200));
		assert_eq!((k.energy_wh, k.points), (300, 40));
		assert_eq!(k.uptime_ratio(), Perbill::from_percent(75));
		// A fraud ruling zeroes the second: counted, with nothing delivered.
		k.apply(
			Some(&delivery(3600, 200, 30)),
			&Delivery { epoch_secs: 3600, ..Default::default() },
		);
		assert_eq!((k.device_epochs, k.uptime_secs, k.energy_wh, k.points), (2, 1800, 100, 10));
		let mut sum = Kpi::default();
		sum.add(&k);
		sum.add(&k);
		sum.sub(&k);
		assert_eq!(sum, k);
		assert_eq!(Kpi::default().uptime_ratio(), Perbill::zero());
	}

	#[test]
	fn recent_devices_keep_the_two_latest_epochs() {
		let mut r = RecentDevices::default();
		r.count(5);
		r.count(5);
		r.count(6);
		r.count(5);
		assert_eq!(
			r.0,
			[EpochDevices { epoch: 6, devices: 1 }, EpochDevices { epoch: 5, devices: 3 }]
		);
		// Epoch 6 still open: the last complete count is epoch 5's.
		assert_eq!(r.active(|e| e < 6), 3);
		assert_eq!(r.active(|e| e < 7), 1);
		r.count(4); // older than both: ignored
		r.count(8);
		assert_eq!(
			r.0,
			[EpochDevices { epoch: 8, devices: 1 }, EpochDevices { epoch: 6, devices: 1 }]
		);
		assert_eq!(r.active(|e| e < 5), 0);
		let mut sum = RecentDevices::default();
		sum.add(6, 4);
		sum.merge(&r);
		assert_eq!(
			sum.0,
			[EpochDevices { epoch: 8, devices: 1 }, EpochDevices { epoch: 6, devices: 5 }]
		);
		sum.remove(&r);
		assert_eq!(
			sum.0,
			[EpochDevices { epoch: 8, devices: 0 }, EpochDevices { epoch: 6, devices: 4 }]
		);
	}
}
