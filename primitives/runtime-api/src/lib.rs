//! # Atlas runtime APIs
//!
//! The runtime APIs of the Atlas DePIN pallets, for clients that call them over `state_call`
//! (polkadot.js `api.call`, the node's `depin_*` RPC). The reads themselves are the pallets' view
//! functions; these APIs group them for clients that know runtime APIs but not view functions,
//! and add the reads that cross pallets (the network overview).
//!
//! A crate of its own so that pallets and `atlas-primitives` do not depend on `sp-api`.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
pub use atlas_primitives::OwnerRewards;
use atlas_primitives::{DeviceId, EpochIndex, Page, StateId};

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
		fn members(state: StateId, cursor: Option<AccountId>, limit: u32) -> Page<(AccountId, atlas_primitives::RoleSet), AccountId>;
		/// The roles `who` holds in `state` (its admin holds them all).
		fn roles_of(state: StateId, who: AccountId) -> atlas_primitives::RoleSet;
	}
}

sp_api::decl_runtime_apis! {
	/// Reads of epochs, device reports and verifier assignments.
	pub trait DepinAttestationsApi<AccountId, EpochSummary, DeviceRecord>
	where
		AccountId: codec::Codec,
		EpochSummary: codec::Codec,
		DeviceRecord: codec::Codec,
	{
		/// The epoch now running.
		fn current_epoch() -> EpochIndex;
		/// An epoch's summary: class totals, whether it is closed, open challenges.
		fn epoch_summary(epoch: EpochIndex) -> EpochSummary;
		/// A device's record in an epoch: reported and verified metrics, points.
		fn device_record(epoch: EpochIndex, device: DeviceId) -> Option<DeviceRecord>;
		/// The verifiers assigned to observe `device` in `epoch` (empty before it starts).
		fn assigned_verifiers(epoch: EpochIndex, device: DeviceId) -> Vec<AccountId>;
	}
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
		/// An epoch's emission and its split across classes, verifiers and partner programs.
		fn epoch_budget(epoch: EpochIndex) -> Option<Budget>;
		/// What a verifier can claim now for its credited observations, per judged epoch.
		fn verifier_rewards(verifier: AccountId) -> Vec<(EpochIndex, Balance)>;
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
		fn vault(vault: atlas_primitives::VaultId) -> Option<Vault>;
		/// Up to `limit` (at most 100) vaults after `cursor`, in id order.
		fn vaults(cursor: Option<atlas_primitives::VaultId>, limit: u32) -> Vec<Vault>;
		/// What `shares` of a vault redeem for at its net asset value now.
		fn share_value(vault: atlas_primitives::VaultId, shares: Balance) -> Option<Balance>;
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
		fn deployment_kpis(deployment: u32) -> Option<atlas_primitives::KpiView>;
		/// A blueprint's live KPIs (its source deployment and adoptions summed).
		fn blueprint_kpis(blueprint: u32) -> Option<atlas_primitives::KpiView>;
		/// Up to `limit` (at most 100) blueprints ranked by `kind`, best first, from rank
		/// `cursor` (0 when `None`).
		fn blueprints_ranked(kind: atlas_primitives::KpiKind, cursor: Option<u32>, limit: u32) -> Page<(u32, atlas_primitives::KpiView), u32>;
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
	pub devices: atlas_primitives::DeviceCensus,
	/// Devices that reported in the running epoch, by class.
	pub reporting: atlas_primitives::PerClass<u32>,
	/// ATH emitted for devices to date.
	pub minted: Balance,
	/// ATH paid out to devices' routes to date.
	pub paid: Balance,
	/// Network states registered and active.
	pub states: atlas_primitives::StateTally,
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
