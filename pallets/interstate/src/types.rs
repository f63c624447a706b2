//! Types stored by the interstate pallet.

use atlas_primitives::{DeviceClass, StateId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

pub use atlas_primitives::{AgreementId, DeploymentId};

/// A recognition between two states, or a request for one: who pays its deposit and since when.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Link<AccountId, Ticket, BlockNumber> {
	/// The admin of the asking state, who pays the deposit.
	pub depositor: AccountId,
	/// The storage deposit `depositor` pays (a [`frame_support::traits::Consideration`]
	/// ticket), dropped when the request or the recognition goes.
	pub ticket: Ticket,
	/// The block it was asked for (a request) or granted (a recognition).
	pub since: BlockNumber,
}

/// What a co-use agreement lets the guest state's citizens use.
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
pub enum UsageScope {
	/// One deployment of the host state.
	#[codec(index = 0)]
	Deployment(DeploymentId),
	/// Every device of a class in the host state (e.g. its connectivity nodes).
	#[codec(index = 1)]
	Class(DeviceClass),
}

/// Usage rights a host state grants a state it recognises, and their terms.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Agreement<AccountId, Ticket, BlockNumber> {
	/// The state whose infrastructure is used.
	pub host: StateId,
	/// The state whose citizens may use it.
	pub guest: StateId,
	/// What may be used.
	pub scope: UsageScope,
	/// The share of the rewards the covered devices earn while it is in force that goes to the
	/// host state's community pool.
	pub host_share: Perbill,
	/// The block it was granted.
	pub starts: BlockNumber,
	/// The block it ends (exclusive).
	pub ends: BlockNumber,
	/// The host admin who pays the deposit.
	pub depositor: AccountId,
	/// The storage deposit `depositor` pays (a [`frame_support::traits::Consideration`]
	/// ticket), dropped when the agreement goes.
	pub ticket: Ticket,
}
