//! How observations become verified metrics, and how verifiers are judged.
//!
//! A device has `K = VerifiersPerDevice` assigned verifiers; a *quorum* is a strict majority of
//! them, `K / 2 + 1`, whether or not all of them attested. The candidate value of each metric
//! that counts (uptime, and the class's output) is the lower median of the observations. The
//! quorum holds only if at least `K / 2 + 1` observations lie within [`Config::OutlierTolerance`]
//! of the candidate on both metrics (uptime: a share of the epoch; output: a share of the
//! candidate). Then the verified metrics are the report capped by the candidate, and judging
//! slashes the observations outside the tolerance.
//!
//! Without such a majority there is no quorum: a tie between two camps (say two verifiers at
//! zero and two at the full epoch) sets no value, and nobody is slashed, so a minority can
//! neither raise a report, lower it to its own figure, nor get honest verifiers slashed. A
//! report without quorum keeps only [`Config::UnverifiedDiscount`] of its *uptime* points: its
//! output, which only verifiers can confirm, earns nothing.

use crate::{pallet::*, Adjustment, DeviceRecord, Observation, ScoringParams};
use atlas_primitives::{DeviceClass, DeviceId, DeviceRegistry, EpochIndex, Metrics};
use frame_support::traits::Get;
use sp_runtime::Saturating;

impl<T: Config> Pallet<T> {
	/// Observations a quorum needs: a strict majority of a device's assigned verifiers.
	pub fn quorum_size() -> u32 {
		T::VerifiersPerDevice::get() / 2 + 1
	}

	/// The medians (uptime, output) a majority of the assigned verifiers agrees on, if any.
	pub fn agreed(
		class: DeviceClass,
		observations: &[Observation<T::AccountId>],
		epoch_secs: u32,
	) -> Option<(u32, u64)> {
		if (observations.len() as u32) < Self::quorum_size() {
			return None;
		}
		let uptime = lower_median(observations.iter().map(|o| o.observed.uptime_secs));
		let output = lower_median_u64(observations.iter().map(|o| o.observed.output(class)));
		let agreeing = observations
			.iter()
			.filter(|o| Self::within_tolerance(class, &o.observed, uptime, output, epoch_secs))
			.count() as u32;
		(agreeing >= Self::quorum_size()).then_some((uptime, output))
	}

	fn within_tolerance(
		class: DeviceClass,
		observed: &Metrics,
		uptime: u32,
		output: u64,
		epoch_secs: u32,
	) -> bool {
		let tolerance = T::OutlierTolerance::get();
		observed.uptime_secs.abs_diff(uptime) <= tolerance * epoch_secs
			&& observed.output(class).abs_diff(output) <= tolerance * output
	}

	/// A device's verified metrics and points given its report, the observations so far and
	/// what its history changes ([`Pallet::adjustment`]).
	pub fn evaluate(
		class: DeviceClass,
		reported: Metrics,
		observations: &[Observation<T::AccountId>],
		params: &ScoringParams,
		epoch_secs: u32,
		adjust: Adjustment,
	) -> DeviceRecord {
		let (verified, quorum, points) = match Self::agreed(class, observations, epoch_secs) {
			Some((uptime, output)) => {
				let verified =
					Metrics { uptime_secs: reported.uptime_secs.min(uptime), ..reported }
						.with_output(class, reported.output(class).min(output));
				let points = params.score(class, &verified, epoch_secs);
				(verified, true, adjust.cap.map_or(points, |cap| points.min(cap)))
			},
			None => {
				let verified = reported.uptime_only();
				let points =
					T::UnverifiedDiscount::get() * params.score(class, &verified, epoch_secs);
				(verified, false, points)
			},
		};
		let points = adjust.ramp * points;
		DeviceRecord {
			class,
			reported,
			verified,
			quorum,
			points,
			fraudulent: false,
			allowance_taken: 0,
		}
	}

	/// What `device`'s history changes in its points in `epoch`: the warm-up ramp from its
	/// activation and the trailing cap. Its history is read only when `observations` could
	/// make a quorum: the cap and the history-based ramp bound verified points, and an
	/// unverified report earns discounted uptime points alone.
	pub fn adjustment(
		epoch: EpochIndex,
		device: DeviceId,
		active_since: u32,
		class: DeviceClass,
		params: &ScoringParams,
		observations: usize,
	) -> Adjustment {
		let mut n = ScoringParams::age(epoch, active_since, EpochLength::<T>::get());
		let verifiable = observations as u32 >= Self::quorum_size();
		if !verifiable || (params.cap_multiple == 0 && n >= params.warmup_epochs) {
			return Adjustment { ramp: params.ramp(n), cap: None };
		}
		let trailing = Trailing::<T>::get(device);
		n = n.min(trailing.map_or(0, |t| t.epochs));
		Adjustment { ramp: params.ramp(n), cap: params.cap(class, trailing, Self::epoch_secs()) }
	}

	/// Judges one device's observations of a closed epoch: with a quorum, slashes those outside
	/// the tolerance and, if the device reported, credits those within it to their verifiers
	/// (the caller adds them to the epoch's total). Every observer's pending count drops by one.
	/// Emits `ObservationsJudged`; returns the outliers and the credited observations.
	pub(crate) fn judge(
		epoch: EpochIndex,
		device: DeviceId,
		list: &[Observation<T::AccountId>],
	) -> (u32, u32) {
		// Only observations of a device that earned count: otherwise anyone could farm verifier
		// rewards with devices that never report or report nothing. Judging waits for the epoch
		// to be final, so a report ruled fraudulent credits nobody.
		let report = Reports::<T>::get(epoch, device);
		let class = report
			.as_ref()
			.map(|r| r.class)
			.or_else(|| T::Devices::device(device).map(|d| d.spec.class()));
		let secs = Self::epoch_secs();
		let agreed = class.and_then(|c| Self::agreed(c, list, secs).map(|a| (c, a)));
		let (mut outliers, mut credited) = (0u32, 0u32);
		for o in list {
			PendingJudgements::<T>::mutate_exists(&o.verifier, |n| {
				*n = n.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
			});
			if let Some((class, (uptime, output))) = agreed {
				if !Self::within_tolerance(class, &o.observed, uptime, output, secs) {
					outliers.saturating_inc();
					Self::slash_verifier(&o.verifier);
				} else if report.as_ref().is_some_and(|r| r.points > 0 && !r.fraudulent) {
					credited.saturating_inc();
					Credits::<T>::mutate(epoch, &o.verifier, |c| {
						*c = Some(c.unwrap_or(0).saturating_add(1))
					});
				}
			}
		}
		// A verified report joins the device's trailing average, at what it earned before the
		// warm-up ramp (its score capped as it was).
		if let (Some(record), Some((class, _))) = (report.as_ref(), agreed) {
			if record.quorum && !record.fraudulent {
				let params = Self::params(class);
				let trailing = Trailing::<T>::get(device);
				let mut points = params.score(class, &record.verified, secs);
				if let Some(cap) = params.cap(class, trailing, secs) {
					points = points.min(cap);
				}
				Trailing::<T>::insert(device, trailing.unwrap_or_default().fold(points));
			}
		}
		Self::deposit_event(Event::ObservationsJudged { epoch, device, outliers, credited });
		(outliers, credited)
	}

	/// Takes [`Config::OutlierSlash`] of `verifier`'s bond to [`Config::OnSlash`].
	fn slash_verifier(verifier: &T::AccountId) {
		Self::slash_bond(verifier, T::OutlierSlash::get());
	}
}
