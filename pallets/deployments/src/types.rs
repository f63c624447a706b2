//! Types stored by the deployments pallet.

use atlas_primitives::{
	H3Cell, HardwareModelId, Kpi, Metrics, PerClass, RecentDevices, StateId, VaultId,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
use scale_info::TypeInfo;

pub use atlas_primitives::{BlueprintId, DeploymentId};

/// A named group of a state's devices (e.g. "Village microgrid: 40 panels, 10 sensors").
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[scale_info(skip_type_params(MaxName, MaxUri, MaxCells))]
pub struct Deployment<AccountId, Ticket, MaxName: Get<u32>, MaxUri: Get<u32>, MaxCells: Get<u32>> {
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
	/// Who created it and pays its deposit.
	pub depositor: AccountId,
	/// The storage deposit `depositor` pays (a [`frame_support::traits::Consideration`]
	/// ticket), dropped when the deployment closes.
	pub ticket: Ticket,
}

/// A reusable model of a deployment, published by a state for others to replicate.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[scale_info(skip_type_params(MaxName, MaxUri, MaxModels))]
pub struct Blueprint<
	AccountId,
	Balance,
	Ticket,
	MaxName: Get<u32>,
	MaxUri: Get<u32>,
	MaxModels: Get<u32>,
> {
	/// The publishing state.
	pub state: StateId,
	/// Its name.
	pub name: BoundedVec<u8, MaxName>,
	/// The playbook (IPFS, HTTPS).
	pub metadata_uri: BoundedVec<u8, MaxUri>,
	/// How many devices of each class.
	pub device_mix: PerClass<u32>,
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
	/// Who published it and pays its deposit.
	pub depositor: AccountId,
	/// The storage deposit `depositor` pays (a [`frame_support::traits::Consideration`]
	/// ticket), dropped when the blueprint retires.
	pub ticket: Ticket,
}

/// What a state publishes as a blueprint.
#[derive(Encode, Decode, DecodeWithMemTracking, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct BlueprintSpec<Balance> {
	/// Its name.
	pub name: alloc::vec::Vec<u8>,
	/// The playbook (IPFS, HTTPS).
	pub metadata_uri: alloc::vec::Vec<u8>,
	/// How many devices of each class.
	pub device_mix: PerClass<u32>,
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
