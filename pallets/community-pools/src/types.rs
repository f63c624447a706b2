//! Types stored by the community pools pallet.

use atlas_primitives::{StateId, VaultId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The id of a spend proposal.
pub type ProposalId = u32;

/// What a state's vault holdings do if its citizens approve: its community pool invests as
/// the state (see [`atlas_primitives::StateInvestments`]).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum VaultAction<Balance> {
	/// Deposit `amount` from the pool into `vault` for shares (the state's commitment grows).
	#[codec(index = 0)]
	Invest {
		/// The vault.
		vault: VaultId,
		/// ATH from the pool.
		amount: Balance,
	},
	/// Redeem `shares` of `vault` the pool holds, into the pool.
	#[codec(index = 1)]
	Divest {
		/// The vault.
		vault: VaultId,
		/// Shares to redeem.
		shares: Balance,
	},
	/// Vote `shares` of `vault` the pool holds on one of its proposals.
	#[codec(index = 2)]
	Vote {
		/// The vault.
		vault: VaultId,
		/// The vault's proposal.
		proposal: u32,
		/// For or against.
		aye: bool,
		/// Shares voted.
		shares: Balance,
	},
}

impl<Balance: sp_runtime::traits::Zero> VaultAction<Balance> {
	/// Whether it moves nothing.
	pub fn is_empty(&self) -> bool {
		match self {
			Self::Invest { amount, .. } => amount.is_zero(),
			Self::Divest { shares, .. } | Self::Vote { shares, .. } => shares.is_zero(),
		}
	}
}

/// What a passed proposal does.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum PoolAction<AccountId, Balance> {
	/// Pay `amount` from the pool to `to`.
	#[codec(index = 0)]
	Spend {
		/// Who is paid.
		to: AccountId,
		/// What is paid.
		amount: Balance,
	},
	/// Act on the state's vault holdings.
	#[codec(index = 1)]
	Vault(VaultAction<Balance>),
}

/// A proposal for a state's community pool, open to its citizens' votes until the block
/// `ends`.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Proposal<AccountId, Balance, BlockNumber, Ticket> {
	/// The state whose pool acts.
	pub state: StateId,
	/// The admin or steward who proposed it and pays its storage deposit.
	pub proposer: AccountId,
	/// What it does if it passes.
	pub action: PoolAction<AccountId, Balance>,
	/// The first block at which voting is over and the proposal may be closed.
	pub ends: BlockNumber,
	/// The governance stake voting for it.
	pub ayes: Balance,
	/// The governance stake voting against it.
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
	/// The vault refused the action (too small a deposit, shares frozen or too young, a vote
	/// already over, ...); nothing changed.
	#[codec(index = 3)]
	VaultRefused,
}
