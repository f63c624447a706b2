//! The monetary layer's contract: how much ATH an epoch mints (the Atlas policy is in
//! `atlas-inflation`).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{traits::Saturating, Perbill};

use crate::EpochIndex;

/// What the chain looks like when an epoch's emission is computed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct EmissionContext<Balance> {
	/// The epoch being funded.
	pub epoch: EpochIndex,
	/// Epochs in a year (at least 1).
	pub epochs_per_year: u32,
	/// Total ATH in existence.
	pub total_issuance: Balance,
	/// What the treasury holds.
	pub treasury_balance: Balance,
}

/// One epoch's emission.
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
pub struct Emission<Balance> {
	/// Minted for devices' verified work, split across device classes.
	pub depin: Balance,
	/// Minted into the treasury.
	pub treasury: Balance,
}

impl<Balance: Saturating + Copy> Emission<Balance> {
	/// Everything minted.
	pub fn total(&self) -> Balance {
		self.depin.saturating_add(self.treasury)
	}
}

/// Why monetary parameters are refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PolicyError {
	/// The floor rate is above the starting rate.
	FloorAboveStart,
	/// The treasury gets less while below its target than above it.
	BoostBelowBase,
}

/// The emission budget of an epoch given issuance and treasury state.
pub trait MonetaryPolicy<Balance> {
	/// The parameters governance sets.
	type Params: codec::FullCodec
		+ DecodeWithMemTracking
		+ MaxEncodedLen
		+ TypeInfo
		+ Clone
		+ PartialEq
		+ core::fmt::Debug
		+ Default
		+ sp_runtime::Serialize
		+ for<'de> sp_runtime::Deserialize<'de>;

	/// Checks parameters before they take effect.
	fn check(params: &Self::Params) -> Result<(), PolicyError>;

	/// The emission of `ctx.epoch` under `params`: what devices and the treasury receive, after
	/// the validators' share.
	fn epoch_emission(params: &Self::Params, ctx: &EmissionContext<Balance>) -> Emission<Balance>;

	/// What validators (and their nominators) receive for an era that lasted `era` of a year, in
	/// year `year` of the chain, out of the same yearly issuance.
	fn validator_payout(
		params: &Self::Params,
		total_issuance: Balance,
		year: u32,
		era: Perbill,
	) -> Balance;
}
