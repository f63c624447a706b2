//! Types of the rewards pallet.

use atlas_primitives::{DeviceClass, Emission, EpochIndex, PerClass, Points, VaultLeg};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::BoundedVec;
use scale_info::TypeInfo;

/// Identifies a partner reward program.
pub type ProgramId = u32;

/// The number of device classes.

/// One class's share of an epoch's budget.
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
pub struct ClassBudget<Balance> {
	/// Minted for the class's devices.
	pub budget: Balance,
	/// Paid (or being paid) to devices so far.
	pub settled: Balance,
}

/// A partner program's budget in one epoch.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct ProgramBudget<AssetId, Balance> {
	/// The program.
	pub program: ProgramId,
	/// The asset it pays in.
	pub asset: AssetId,
	/// The device class it rewards.
	pub class: DeviceClass,
	/// What it pays the class in this epoch.
	pub budget: Balance,
	/// Paid so far.
	pub settled: Balance,
}

/// An epoch's emission and how it is split.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxPrograms))]
pub struct EpochBudget<Balance, AssetId, MaxPrograms: frame_support::traits::Get<u32>> {
	/// What the monetary policy asked for.
	pub requested: Emission<Balance>,
	/// What was minted (zero while halted).
	pub minted: Emission<Balance>,
	/// Whether the circuit breaker halted the mint, pending governance.
	pub halted: bool,
	/// Per class.
	pub classes: PerClass<ClassBudget<Balance>>,
	/// The verifiers' share, paid pro rata to their credited observations.
	pub verifiers: ClassBudget<Balance>,
	/// Partner programs paying in this epoch.
	pub programs: BoundedVec<ProgramBudget<AssetId, Balance>, MaxPrograms>,
}

/// A vault's unpaid weighted points in one epoch, per class.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct VaultEpoch {
	/// The epoch.
	pub epoch: EpochIndex,
	/// Weighted points per class.
	pub points: PerClass<Points>,
}

/// A device's unpaid epochs.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxPending))]
pub struct DeviceLedger<MaxPending: frame_support::traits::Get<u32>> {
	/// Epochs the device reported in and was not paid for yet, oldest first.
	pub pending: BoundedVec<EpochIndex, MaxPending>,
	/// The vault the device's route paid when it reported (the registry keeps it fixed while
	/// epochs are unpaid), whose unpaid points these epochs count in.
	pub vault: Option<VaultLeg>,
}

impl<P: frame_support::traits::Get<u32>> Default for DeviceLedger<P> {
	fn default() -> Self {
		DeviceLedger { pending: BoundedVec::new(), vault: None }
	}
}

impl<P: frame_support::traits::Get<u32>> DeviceLedger<P> {
	/// Whether nothing is owed.
	pub fn is_empty(&self) -> bool {
		self.pending.is_empty()
	}
}

/// A partner reward program: pays `per_epoch` of `asset` to a class's devices by points.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Program<AccountId, AssetId, Balance, Ticket> {
	/// Who created it (the asset's issuer) and pays its deposit.
	pub sponsor: AccountId,
	/// The asset it pays in.
	pub asset: AssetId,
	/// The class it rewards.
	pub class: DeviceClass,
	/// What it pays the class each epoch.
	pub per_epoch: Balance,
	/// The first epoch it no longer pays for.
	pub ends: EpochIndex,
	/// The storage deposit the sponsor pays (a [`frame_support::traits::Consideration`]
	/// ticket), dropped when the program ends.
	pub ticket: Ticket,
}

/// Who may claim a device's rewards.
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
pub enum ClaimPermission {
	/// The owner and the device's operator.
	#[default]
	OwnerOrOperator,
	/// Anyone, on the owner's behalf (for claim bots); the rewards still follow the route.
	Anyone,
}

/// Rewards an owner routed to governance stake.
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
pub struct StakeLedger<Balance, BlockNumber> {
	/// Staked and frozen, counting in votes.
	pub active: Balance,
	/// Leaving the stake; still frozen until `unlock_at`.
	pub unbonding: Balance,
	/// When `unbonding` can be withdrawn.
	pub unlock_at: BlockNumber,
}

/// The emission ledger: every unit minted for devices is pending, paid or swept.
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
pub struct Totals<Balance> {
	/// Minted into the pot for devices.
	pub minted: Balance,
	/// Paid from the pot to beneficiaries.
	pub paid: Balance,
	/// Swept from the pot to the treasury (unclaimed past retention, unearned budgets).
	pub swept: Balance,
}

/// One device's reward for one epoch, computed by the code that pays it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Receipt<AssetId, Balance> {
	/// The epoch.
	pub epoch: EpochIndex,
	/// The device's class.
	pub class: DeviceClass,
	/// Its verified points.
	pub points: Points,
	/// Its class's total points.
	pub class_total: Points,
	/// Its class's budget.
	pub class_budget: Balance,
	/// What it earns in ATH.
	pub amount: Balance,
	/// What it earns from partner programs.
	pub assets: alloc::vec::Vec<(AssetId, Balance)>,
	/// Whether it can be paid now (otherwise it is still open to challenge or halted).
	pub payable: bool,
	/// Its reported and verified metrics and the multipliers its points got (`None` once
	/// attestations pruned the epoch).
	pub attested: Option<atlas_primitives::Attested>,
}

/// A device's pending rewards.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct PendingRewards<AssetId, Balance> {
	/// ATH a claim would pay now.
	pub claimable: Balance,
	/// ATH earned in epochs still open to challenge; claimable later (halted epochs count in
	/// `epochs` only: their budget is not known until governance releases them).
	pub maturing: Balance,
	/// Partner assets a claim would pay now.
	pub assets: alloc::vec::Vec<(AssetId, Balance)>,
	/// Epochs not paid yet (reported, not expired).
	pub epochs: alloc::vec::Vec<EpochIndex>,
}

impl<AssetId, Balance: Default> Default for PendingRewards<AssetId, Balance> {
	fn default() -> Self {
		PendingRewards {
			claimable: Default::default(),
			maturing: Default::default(),
			assets: Default::default(),
			epochs: Default::default(),
		}
	}
}
