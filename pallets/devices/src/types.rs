//! Types stored by the device registry.

use atlas_primitives::{
	DeviceClass, DeviceKey, DeviceSpec, DeviceStatus, H3Cell, HardwareModelId, StateId, VaultLeg,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A registered device.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Device<AccountId, Balance, BlockNumber, Uri> {
	/// Who owns it (a citizen of `state` when it registered or was transferred).
	pub owner: AccountId,
	/// Who runs it for the owner, if anyone (an operator of `state`).
	pub operator: Option<AccountId>,
	/// The network state it belongs to.
	pub state: StateId,
	/// Its class and physical figures.
	pub spec: DeviceSpec,
	/// Its model on the approved hardware list.
	pub hardware_model: HardwareModelId,
	/// Where it stands (an H3 cell, any resolution).
	pub location: H3Cell,
	/// Where its metadata lives (IPFS, HTTPS; bounded bytes).
	pub metadata_uri: Uri,
	/// Its own key: signs possession proofs and reports.
	pub key: DeviceKey,
	/// Where it is in its life.
	pub status: DeviceStatus,
	/// Who paid its deposit (the owner who registered it; transfers do not move it).
	pub depositor: AccountId,
	/// The deposit held from `depositor`.
	pub deposit: Balance,
	/// The block it registered in.
	pub registered_at: BlockNumber,
	/// The vault its reward route pays, if any (kept with the device so reports learn it
	/// without reading the route).
	pub vault: Option<VaultLeg>,
}

/// A hardware model on the approved list.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct HardwareModel<Name> {
	/// The model's name (e.g. `Aethir Edge`; bounded bytes).
	pub name: Name,
	/// The class of device it is.
	pub class: DeviceClass,
}
