//! Runtime APIs of the Atlas DePIN pallets, for clients that call them over `state_call`.
//!
//! The same reads are FRAME view functions of each pallet; these APIs exist for clients and
//! tools that know runtime APIs but not view functions (e.g. polkadot.js `api.call`).

use crate::{DeviceId, EpochIndex, Page, StateId};

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
