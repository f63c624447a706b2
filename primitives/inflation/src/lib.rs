//! # Atlas inflation
//!
//! The chain's concrete [`MonetaryPolicy`]: yearly inflation of total issuance, decaying each
//! year to a floor, split between devices, the treasury (whose share rises while its reserves are
//! below a target) and validators. The rewards pallet only knows the trait; the runtime picks
//! this policy, so another policy is a runtime change, not a pallet change.

#![cfg_attr(not(feature = "std"), no_std)]

use atlas_primitives::{Emission, EmissionContext, MonetaryPolicy, PolicyError};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{AtLeast32BitUnsigned, Saturating, Zero},
	Perbill,
};

/// Parameters of [`DecayingInflation`].
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
pub struct InflationParams {
	/// Yearly inflation in the first year, of total issuance.
	pub initial_inflation: Perbill,
	/// Each year's rate is the previous one less this share of it.
	pub yearly_decay: Perbill,
	/// The rate never falls below this.
	pub floor_inflation: Perbill,
	/// The treasury's share of each epoch's emission.
	pub treasury_share: Perbill,
	/// The treasury's reserves, as a share of issuance, below which it gets `boosted_share`.
	pub treasury_target: Perbill,
	/// The treasury's share of each epoch's emission while its reserves are below target.
	pub boosted_share: Perbill,
	/// The validators' share of the yearly issuance, paid per era by staking; devices and the
	/// treasury share the rest.
	#[serde(default)]
	pub validator_share: Perbill,
}

impl Default for InflationParams {
	fn default() -> Self {
		InflationParams {
			initial_inflation: Perbill::from_percent(8),
			yearly_decay: Perbill::from_percent(15),
			floor_inflation: Perbill::from_percent(2),
			treasury_share: Perbill::from_percent(10),
			treasury_target: Perbill::from_percent(5),
			boosted_share: Perbill::from_percent(25),
			validator_share: Perbill::zero(),
		}
	}
}

impl InflationParams {
	/// The yearly rate in year `year` (0-based): the start rate decayed `year` times, never
	/// below the floor.
	pub fn rate(&self, year: u32) -> Perbill {
		let keep = Perbill::one().saturating_sub(self.yearly_decay);
		// After 200 decays of even 10 % the product is below any sensible floor.
		let decayed = self.initial_inflation * keep.saturating_pow(year.min(200) as usize);
		decayed.max(self.floor_inflation)
	}
}

/// The Atlas policy: yearly inflation of total issuance, decaying each year to a floor; the
/// treasury's share rises while its reserves are below a target share of issuance.
pub struct DecayingInflation;

impl<Balance: AtLeast32BitUnsigned + Copy> MonetaryPolicy<Balance> for DecayingInflation {
	type Params = InflationParams;

	fn check(p: &InflationParams) -> Result<(), PolicyError> {
		if p.floor_inflation > p.initial_inflation {
			return Err(PolicyError::FloorAboveStart);
		}
		if p.boosted_share < p.treasury_share {
			return Err(PolicyError::BoostBelowBase);
		}
		Ok(())
	}

	fn epoch_emission(p: &InflationParams, ctx: &EmissionContext<Balance>) -> Emission<Balance> {
		let per_year = ctx.epochs_per_year.max(1);
		let year = ctx.epoch / per_year;
		let yearly = p.rate(year) * ctx.total_issuance;
		let for_epochs = yearly.saturating_sub(p.validator_share * yearly);
		let total = for_epochs / Balance::from(per_year);
		if total.is_zero() {
			return Emission { depin: Zero::zero(), treasury: Zero::zero() };
		}
		let below_target = ctx.treasury_balance < p.treasury_target * ctx.total_issuance;
		let share = if below_target { p.boosted_share } else { p.treasury_share };
		let treasury = share * total;
		Emission { depin: total.saturating_sub(treasury), treasury }
	}

	fn validator_payout(
		p: &InflationParams,
		issuance: Balance,
		year: u32,
		era: Perbill,
	) -> Balance {
		era * (p.validator_share * (p.rate(year) * issuance))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use atlas_primitives::EpochIndex;

	fn ctx(epoch: EpochIndex, issuance: u128, treasury: u128) -> EmissionContext<u128> {
		EmissionContext {
			epoch,
			epochs_per_year: 100,
			total_issuance: issuance,
			treasury_balance: treasury,
		}
	}

	#[test]
	fn rate_decays_to_the_floor() {
		let p = InflationParams::default();
		assert_eq!(p.rate(0), Perbill::from_percent(8));
		assert_eq!(p.rate(1), Perbill::from_rational(68u32, 1000u32));
		assert!(p.rate(5) < p.rate(4));
		assert_eq!(p.rate(9), Perbill::from_percent(2));
		assert_eq!(p.rate(1_000), Perbill::from_percent(2));
	}

	#[test]
	fn emission_follows_issuance_and_treasury_reserves() {
		let p = InflationParams::default();
		// 8 % of 1,000,000 over 100 epochs: 800 per epoch; treasury well funded: 10 %.
		let e = DecayingInflation::epoch_emission(&p, &ctx(0, 1_000_000, 100_000));
		assert_eq!(e, Emission { depin: 720, treasury: 80 });
		// Reserves below 5 % of issuance: the treasury gets 25 %.
		let e = DecayingInflation::epoch_emission(&p, &ctx(0, 1_000_000, 49_999));
		assert_eq!(e, Emission { depin: 600, treasury: 200 });
		// Year 1: 6.8 %.
		let e = DecayingInflation::epoch_emission(&p, &ctx(100, 1_000_000, 100_000));
		assert_eq!(e.total(), 680);
		// Nothing issued, nothing minted.
		assert_eq!(DecayingInflation::epoch_emission(&p, &ctx(0, 0, 0)), Emission::default());
	}

	#[test]
	fn validators_take_their_share_of_the_same_yearly_issuance() {
		let p =
			InflationParams { validator_share: Perbill::from_percent(20), ..Default::default() };
		// 8 % of 1,000,000 a year = 80,000; validators 16,000; epochs share 64,000 over 100.
		let e = DecayingInflation::epoch_emission(&p, &ctx(0, 1_000_000, 100_000));
		assert_eq!(e, Emission { depin: 576, treasury: 64 });
		// A whole year of eras pays the validators' 16,000; a tenth of a year 1,600.
		let whole = DecayingInflation::validator_payout(&p, 1_000_000u128, 0, Perbill::one());
		assert_eq!(whole, 16_000);
		let tenth =
			DecayingInflation::validator_payout(&p, 1_000_000u128, 0, Perbill::from_percent(10));
		assert_eq!(tenth, 1_600);
		// Devices, treasury and validators together issue the year's 8 %.
		assert_eq!(e.total() * 100 + whole, 80_000);
		// The rate decays for validators as for devices.
		let year9 = DecayingInflation::validator_payout(&p, 1_000_000u128, 9, Perbill::one());
		assert_eq!(year9, 4_000);
	}

	#[test]
	fn inconsistent_parameters_are_refused() {
		let mut p = InflationParams::default();
		p.floor_inflation = Perbill::from_percent(9);
		assert_eq!(
			<DecayingInflation as MonetaryPolicy<u128>>::check(&p),
			Err(PolicyError::FloorAboveStart)
		);
		let mut p = InflationParams::default();
		p.boosted_share = Perbill::from_percent(5);
		assert_eq!(
			<DecayingInflation as MonetaryPolicy<u128>>::check(&p),
			Err(PolicyError::BoostBelowBase)
		);
		assert_eq!(
			<DecayingInflation as MonetaryPolicy<u128>>::check(&InflationParams::default()),
			Ok(())
		);
	}
}
