//! Types stored by the sovereign registry.

use atlas_primitives::{
	DeviceClass, H3Cell, HardwareModelId, Kpi, Metrics, RecentDevices, RoleSet, StateId, VaultId,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

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
	Active,
	/// Suspended by governance: its devices earn nothing and no device may join.
	Suspended,
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
pub struct NetworkState<AccountId, Balance, BlockNumber, Name, Uri> {
	/// Human-readable name (bounded bytes).
	pub name: Name,
	/// Where the state's charter and metadata live (IPFS, HTTPS; bounded bytes).
	pub metadata_uri: Uri,
	/// The account that runs the state (often a multisig or collective account).
	pub admin: AccountId,
	/// The account whose deposit is held for this record.
	pub depositor: AccountId,
	/// The deposit held from `depositor`.
	pub deposit: Balance,
	/// Active or suspended.
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
pub struct Membership<AccountId, Balance> {
	/// The roles held.
	pub roles: RoleSet,
	/// The admin or steward whose deposit is held for this record.
	pub depositor: AccountId,
	/// The deposit held from `depositor`.
	pub deposit: Balance,
}

/// A recognition between two states, or a request for one: who paid its deposit and since when.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Link<AccountId, Balance, BlockNumber> {
	/// The admin of the asking state, who paid the deposit.
	pub depositor: AccountId,
	/// The deposit held.
	pub deposit: Balance,
	/// The block it was asked for (a request) or granted (a recognition).
	pub since: BlockNumber,
}

pub use atlas_primitives::{AgreementId, BlueprintId, DeploymentId};

/// A named group of a state's devices (e.g. "Village microgrid: 40 panels, 10 sensors").
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[scale_info(skip_type_params(MaxName, MaxUri, MaxCells))]
pub struct Deployment<AccountId, Balance, MaxName: Get<u32>, MaxUri: Get<u32>, MaxCells: Get<u32>> {
	/// The state it belongs to.
	pub state: StateId,
	/// Its name.
	pub name: BoundedVec<u8, MaxName>,
	/// Where its metadata lives.
	pub metadata_uri: BoundedVec<u8, MaxUri>,
	/// Where it stands: H3 cells (any resolution).
	pub cells: BoundedVec<H3Cell, MaxCells>,
	/// The vault that funds it, if any.
	pub vault: Option<VaultId>,
	/// The blueprint it replicates, if any (its adoption).
	pub blueprint: Option<BlueprintId>,
	/// Devices in it.
	pub devices: u32,
	/// Who created it and paid its deposit.
	pub depositor: AccountId,
	/// The deposit held.
	pub deposit: Balance,
}

/// A reusable model of a deployment, published by a state for others to replicate.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[scale_info(skip_type_params(MaxName, MaxUri, MaxModels))]
pub struct Blueprint<AccountId, Balance, MaxName: Get<u32>, MaxUri: Get<u32>, MaxModels: Get<u32>> {
	/// The publishing state.
	pub state: StateId,
	/// Its name.
	pub name: BoundedVec<u8, MaxName>,
	/// The playbook (IPFS, HTTPS).
	pub metadata_uri: BoundedVec<u8, MaxUri>,
	/// How many devices of each class (compute, connectivity, energy, sensing).
	pub device_mix: [u32; 4],
	/// The approved hardware models it uses.
	pub hardware_models: BoundedVec<HardwareModelId, MaxModels>,
	/// What one epoch of a deployment of it is expected to deliver.
	pub expected_output: Metrics,
	/// What building one costs (ATH).
	pub cost: Balance,
	/// The deployment it was drawn from, if any.
	pub source: Option<DeploymentId>,
	/// Deployments that adopted it.
	pub adoptions: u32,
	/// Who published it and paid its deposit.
	pub depositor: AccountId,
	/// The deposit held.
	pub deposit: Balance,
}

/// What a state publishes as a blueprint.
#[derive(Encode, Decode, DecodeWithMemTracking, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct BlueprintSpec<Balance> {
	/// Its name.
	pub name: alloc::vec::Vec<u8>,
	/// The playbook (IPFS, HTTPS).
	pub metadata_uri: alloc::vec::Vec<u8>,
	/// How many devices of each class (compute, connectivity, energy, sensing).
	pub device_mix: [u32; 4],
	/// The approved hardware models it uses.
	pub hardware_models: alloc::vec::Vec<HardwareModelId>,
	/// What one epoch of a deployment of it is expected to deliver.
	pub expected_output: Metrics,
	/// What building one costs (ATH).
	pub cost: Balance,
	/// The publishing state's deployment it models, if any.
	pub source: Option<DeploymentId>,
}

/// A deployment's live KPIs and the blueprint they count toward.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct DeploymentKpi {
	/// The blueprint its deliveries count toward: the one it adopted or the one drawn from it.
	pub blueprint: Option<BlueprintId>,
	/// What its devices delivered while members, over every epoch.
	pub totals: Kpi,
	/// Its devices reporting in the two latest epochs with reports.
	pub recent: RecentDevices,
}

/// A blueprint's live KPIs: the sum over the deployments that count toward it (its source and
/// its adoptions).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct BlueprintKpi {
	/// What their devices delivered.
	pub totals: Kpi,
	/// Their devices reporting in the two latest epochs with reports.
	pub recent: RecentDevices,
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
	Deployment(DeploymentId),
	/// Every device of a class in the host state (e.g. its connectivity nodes).
	Class(DeviceClass),
}

/// Usage rights a host state grants a state it recognises, and their terms.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Agreement<AccountId, Balance, BlockNumber> {
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
	/// The host admin who paid the deposit.
	pub depositor: AccountId,
	/// The deposit held.
	pub deposit: Balance,
}
