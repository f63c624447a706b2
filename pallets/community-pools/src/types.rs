//! Types stored by the community pools pallet.

use atlas_primitives::StateId;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The id of a spend proposal.
pub type ProposalId = u32;

/// A proposal to pay `amount` from a state's community pool to `to`, open to its citizens'
/// votes until the block `ends`.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Proposal<AccountId, Balance, BlockNumber, Ticket> {
	/// The state whose pool pays.
	pub state: StateId,
	/// The admin or steward who proposed the spend and pays its storage deposit.
	pub proposer: AccountId,
	/// Who is paid if the spend passes.
	pub to: AccountId,
	/// What is paid if the spend passes.
	pub amount: Balance,
	/// The first block at which voting is over and the proposal may be closed.
	pub ends: BlockNumber,
	/// The governance stake voting for the spend.
	pub ayes: Balance,
	/// The governance stake voting against the spend.
	pub nays: Balance,
	/// How many accounts voted (each counts once, whatever it voted last).
	pub voters: u32,
	/// The storage deposit `proposer` pays for this record (a
	/// [`frame_support::traits::Consideration`] ticket), dropped when the proposal is closed.
	pub ticket: Ticket,
}

/// Why a closed proposal paid nothing.
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
pub enum RejectionReason {
	/// The ayes did not outweigh the nays, or fell short of
	/// [`crate::Config::MinApprovalStake`].
	#[codec(index = 0)]
	NotApproved,
	/// The state is suspended or no longer exists.
	#[codec(index = 1)]
	StateNotActive,
	/// The pool could not pay the amount (it holds too little, or the payment would leave the
	/// recipient below the existential deposit).
	#[codec(index = 2)]
	PoolTooPoor,
}
