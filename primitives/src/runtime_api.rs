//! Runtime APIs of the Atlas DePIN pallets, for clients that call them over `state_call`.
//!
//! The same reads are FRAME view functions of each pallet; these APIs exist for clients and
//! tools that know runtime APIs but not view functions (e.g. polkadot.js `api.call`).

use crate::{DeviceId, EpochIndex, Page, StateId};
use alloc::vec::Vec;

sp_api::decl_runtime_apis! {
	/// Reads of network states and devices.
	pub trait DepinRegistryApi<AccountId, NetworkState, Device>
	where
		AccountId: codec::Codec,
		NetworkState: codec::Codec,
		Device: codec::Codec,
	{
		/// A network state, or `None` if it is not registered.
		fn network_state(state: StateId) -> Option<NetworkState>;
		/// A device, or `None` if it is not registered.
		fn device(device: DeviceId) -> Option<Device>;
		/// Up to `limit` (at most 100) devices of `owner`, after `cursor`.
		fn devices_by_owner(owner: AccountId, cursor: Option<DeviceId>, limit: u32) -> Page<(DeviceId, Device), DeviceId>;
		/// Up to `limit` (at most 100) devices of `state`, after `cursor`.
		fn devices_by_state(state: StateId, cursor: Option<DeviceId>, limit: u32) -> Page<(DeviceId, Device), DeviceId>;
		/// Up to `limit` (at most 100) members of `state` with their roles, after `cursor`.
		fn members(state: StateId, cursor: Option<AccountId>, limit: u32) -> Page<(AccountId, crate::RoleSet), AccountId>;
		/// The roles `who` holds in `state` (its admin holds them all).
		fn roles_of(state: StateId, who: AccountId) -> crate::RoleSet;
	}
}

sp_api::decl_runtime_apis! {
	/// Reads of epochs and device reports.
	pub trait DepinAttestationsApi<EpochSummary, DeviceRecord>
	where
		EpochSummary: codec::Codec,
		DeviceRecord: codec::Codec,
	{
		/// The epoch now running.
		fn current_epoch() -> EpochIndex;
		/// An epoch's summary: class totals, whether it is closed, open challenges.
		fn epoch_summary(epoch: EpochIndex) -> EpochSummary;
		/// A device's record in an epoch: reported and verified metrics, points.
		fn device_record(epoch: EpochIndex, device: DeviceId) -> Option<DeviceRecord>;
	}
}

/// An owner's pending rewards over one page of their devices.
#[derive(codec::Encode, codec::Decode, scale_info::TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct OwnerRewards<Balance, Pending> {
	/// ATH a claim of this page's devices would pay now.
	pub claimable: Balance,
	/// ATH they earned in epochs still open to challenge.
	pub maturing: Balance,
	/// Each device's pending rewards.
	pub devices: Page<(DeviceId, Pending), DeviceId>,
}

sp_api::decl_runtime_apis! {
	/// Reads of emission and rewards.
	pub trait DepinRewardsApi<AccountId, Balance, Pending, Receipt, Budget>
	where
		AccountId: codec::Codec,
		Balance: codec::Codec,
		Pending: codec::Codec,
		Receipt: codec::Codec,
		Budget: codec::Codec,
	{
		/// What a device can claim now, what is maturing, and its unpaid epochs.
		fn pending_rewards(device: DeviceId) -> Pending;
		/// The pending rewards of up to `limit` (at most 100) devices of `owner` after `cursor`,
		/// with their sums.
		fn pending_rewards_of_owner(owner: AccountId, cursor: Option<DeviceId>, limit: u32) -> OwnerRewards<Balance, Pending>;
		/// A device's receipt for an unpaid epoch, computed by the code that pays it.
		fn reward_receipt(device: DeviceId, epoch: EpochIndex) -> Option<Receipt>;
		/// An epoch's emission and its split across classes and partner programs.
		fn epoch_budget(epoch: EpochIndex) -> Option<Budget>;
	}
}

sp_api::decl_runtime_apis! {
	/// Reads of vaults.
	pub trait DepinVaultsApi<Balance, Vault>
	where
		Balance: codec::Codec,
		Vault: codec::Codec,
	{
		/// A vault with its net asset value, share supply, sponsors and open proposals.
		fn vault(vault: crate::VaultId) -> Option<Vault>;
		/// Up to `limit` (at most 100) vaults after `cursor`, in id order.
		fn vaults(cursor: Option<crate::VaultId>, limit: u32) -> Vec<Vault>;
		/// What `shares` of a vault redeem for at its net asset value now.
		fn share_value(vault: crate::VaultId, shares: Balance) -> Option<Balance>;
	}
}

sp_api::decl_runtime_apis! {
	/// Reads of the interstate layer: which states recognise which, their deployments and
	/// blueprints with live KPIs, and co-use agreements.
	pub trait DepinInterstateApi<Deployment, Blueprint, Agreement>
	where
		Deployment: codec::Codec,
		Blueprint: codec::Codec,
		Agreement: codec::Codec,
	{
		/// Up to `limit` (at most 100) states `state` recognises, after `cursor`.
		fn recognitions_of(state: StateId, cursor: Option<StateId>, limit: u32) -> Page<StateId, StateId>;
		/// Up to `limit` (at most 100) states that recognise `state`, after `cursor`.
		fn recognised_by(state: StateId, cursor: Option<StateId>, limit: u32) -> Page<StateId, StateId>;
		/// Up to `limit` (at most 100) states asking `state` to recognise them, after `cursor`.
		fn recognition_requests(state: StateId, cursor: Option<StateId>, limit: u32) -> Page<StateId, StateId>;
		/// Whether `by` recognises `state` (or governance recognised it chain-wide).
		fn is_recognised(by: StateId, state: StateId) -> bool;
		/// A deployment.
		fn deployment(deployment: u32) -> Option<Deployment>;
		/// Up to `limit` (at most 100) deployments of `state`, after `cursor`.
		fn deployments_of(state: StateId, cursor: Option<u32>, limit: u32) -> Page<(u32, Deployment), u32>;
		/// Up to `limit` (at most 100) devices of a deployment, after `cursor`.
		fn deployment_devices(deployment: u32, cursor: Option<DeviceId>, limit: u32) -> Page<DeviceId, DeviceId>;
		/// A blueprint.
		fn blueprint(blueprint: u32) -> Option<Blueprint>;
		/// A deployment's live KPIs.
		fn deployment_kpis(deployment: u32) -> Option<crate::KpiView>;
		/// A blueprint's live KPIs (its source deployment and adoptions summed).
		fn blueprint_kpis(blueprint: u32) -> Option<crate::KpiView>;
		/// Up to `limit` (at most 100) blueprints ranked by `kind`, best first, from rank
		/// `cursor` (0 when `None`).
		fn blueprints_ranked(kind: crate::KpiKind, cursor: Option<u32>, limit: u32) -> Page<(u32, crate::KpiView), u32>;
		/// A co-use agreement.
		fn agreement(agreement: u32) -> Option<Agreement>;
		/// Up to `limit` (at most 100) agreements `state` hosts, after `cursor`.
		fn agreements_hosted_by(state: StateId, cursor: Option<u32>, limit: u32) -> Page<(u32, Agreement), u32>;
		/// Up to `limit` (at most 100) agreements granted to `state`, after `cursor`.
		fn agreements_granted_to(state: StateId, cursor: Option<u32>, limit: u32) -> Page<(u32, Agreement), u32>;
		/// Whether citizens of `guest` may use `device` now (its own state's, or covered by an
		/// agreement in force).
		fn usage_allowed(guest: StateId, device: DeviceId) -> bool;
	}
}

/// The network at a glance, across pallets.
#[derive(codec::Encode, codec::Decode, scale_info::TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct NetworkOverview<Balance> {
	/// The block it describes.
	pub block: u32,
	/// The epoch running.
	pub epoch: EpochIndex,
	/// Devices by class (compute, connectivity, energy, sensing) and status (pending, active,
	/// suspended).
	pub devices: crate::DeviceCensus,
	/// Devices that reported in the running epoch, by class.
	pub reporting: [u32; 4],
	/// ATH emitted for devices to date.
	pub minted: Balance,
	/// ATH paid out to devices' routes to date.
	pub paid: Balance,
	/// Network states registered and active.
	pub states: crate::StateTally,
	/// Validators in the current authority set.
	pub validators: u32,
	/// Blueprints published.
	pub blueprints: u32,
}

sp_api::decl_runtime_apis! {
	/// Reads across the DePIN pallets.
	pub trait DepinOverviewApi<Balance>
	where
		Balance: codec::Codec,
	{
		/// The network at a glance: devices by class and status, devices reporting this epoch,
		/// emission to date, states and validators.
		fn overview() -> NetworkOverview<Balance>;
	}
}
