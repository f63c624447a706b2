//! Types stored by the network states pallet.

use atlas_primitives::RoleSet;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Whether a network state is in good standing.
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
pub enum StateStatus {
	/// In good standing: its devices may join, report and earn.
	#[codec(index = 0)]
	Active,
	/// Suspended by governance: its devices earn nothing and no device may join.
	#[codec(index = 1)]
	Suspended,
}

/// Where a state is on its way to full standing: applied, admitted on probation, established.
///
/// Registering only applies; governance ([`crate::Config::AdmissionOrigin`]) admits. An admitted
/// state runs devices and citizens at once, but holds a council seat, appoints validators and
/// takes part in recognitions only once established, after [`crate::Config::Probation`].
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
pub enum Admission<BlockNumber> {
	/// Applied with its bond; governance has not decided yet. Not active: no devices join it
	/// and no roles are granted in it.
	#[codec(index = 0)]
	Applicant,
	/// Admitted; established once the block `until` is reached and anyone concludes the
	/// probation.
	#[codec(index = 1)]
	Probation {
		/// The first block at which the probation may be concluded.
		until: BlockNumber,
	},
	/// Admitted and past probation (genesis states start here).
	#[codec(index = 2)]
	Established,
}

/// How many members hold each role in a state.
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
pub struct RoleCounts {
	/// Accounts holding at least one role (membership records).
	pub members: u32,
	/// Verified citizens.
	pub citizens: u32,
	/// Operators.
	pub operators: u32,
	/// Verifiers.
	pub verifiers: u32,
	/// Stewards.
	pub stewards: u32,
	/// Validators.
	pub validators: u32,
}

impl RoleCounts {
	/// The counter of `role`.
	pub fn of_mut(&mut self, role: atlas_primitives::Role) -> &mut u32 {
		use atlas_primitives::Role::*;
		match role {
			Citizen => &mut self.citizens,
			Operator => &mut self.operators,
			Verifier => &mut self.verifiers,
			Steward => &mut self.stewards,
			Validator => &mut self.validators,
		}
	}

	/// The count of `role`.
	pub fn of(&self, role: atlas_primitives::Role) -> u32 {
		let mut copy = *self;
		*copy.of_mut(role)
	}
}

/// A registered network state.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct NetworkState<AccountId, Balance, Ticket, BlockNumber, Name, Uri> {
	/// Human-readable name (bounded bytes).
	pub name: Name,
	/// Where the state's charter and metadata live (IPFS, HTTPS; bounded bytes).
	pub metadata_uri: Uri,
	/// The account that runs the state (often a multisig or collective account).
	pub admin: AccountId,
	/// The account who pays this record's storage deposit and admission bond.
	pub depositor: AccountId,
	/// The storage deposit `depositor` pays for this record (a
	/// [`frame_support::traits::Consideration`] ticket), dropped when the record goes.
	pub ticket: Ticket,
	/// The admission bond held from `depositor` (under
	/// [`crate::HoldReason::AdmissionBond`]), returned when the state deregisters or its
	/// application is withdrawn or rejected, forfeited when governance rejects it as abuse.
	pub bond: Balance,
	/// Applied, on probation or established.
	pub admission: Admission<BlockNumber>,
	/// Active or suspended (an applicant is never suspended).
	pub status: StateStatus,
	/// The block it registered in.
	pub registered_at: BlockNumber,
	/// How many members hold each role.
	pub roles: RoleCounts,
}

/// The roles one account holds in one state, and who paid for the record.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Membership<AccountId, Ticket> {
	/// The roles held.
	pub roles: RoleSet,
	/// The admin or steward who pays this record's storage deposit.
	pub depositor: AccountId,
	/// The storage deposit `depositor` pays for this record (a
	/// [`frame_support::traits::Consideration`] ticket), dropped with the last role.
	pub ticket: Ticket,
}
