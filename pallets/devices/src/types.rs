//! Types stored by the device registry.

use atlas_primitives::{
	DeviceClass, DeviceKey, DeviceSignature, DeviceSpec, DeviceStatus, H3Cell, HardwareModelId,
	StateId, VaultLeg, MAX_SERIAL_LEN,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;

/// The id of a maker (a hardware manufacturer whose root key governance registered).
pub type MakerId = u32;

/// A device serial number as its maker certifies it (bounded bytes).
pub type Serial = BoundedVec<u8, ConstU32<MAX_SERIAL_LEN>>;

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
	/// Its class and physical figures (within its model's maximal spec).
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
	/// The block it was last activated in (every activation, resumptions included); `None`
	/// until it is first activated.
	pub active_since: Option<BlockNumber>,
	/// The maker whose certificate its key carried at registration, if any (its serial is in
	/// [`crate::DeviceSerial`]).
	pub maker: Option<MakerId>,
	/// Where assigned verifiers probe it (the address its agent serves the probe protocol of
	/// [`atlas_primitives::probe`] on, e.g. `https://host:port`); empty until the owner or
	/// operator sets it.
	pub probe_endpoint: Uri,
}

/// A hardware model on the approved list.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct HardwareModel<Name> {
	/// The model's name (e.g. `Aethir Edge`; bounded bytes).
	pub name: Name,
	/// The model's maximal spec: a device of this model declares a spec within it
	/// ([`DeviceSpec::fits_within`]). Its class is the model's class.
	pub max_spec: DeviceSpec,
}

impl<Name> HardwareModel<Name> {
	/// The class of device this model is.
	pub fn class(&self) -> DeviceClass {
		self.max_spec.class()
	}
}

/// A hardware maker whose root key certifies the devices it builds.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Maker<Name> {
	/// The maker's name (bounded bytes).
	pub name: Name,
	/// The maker's root key: it signs [`atlas_primitives::maker_certificate_payload`].
	pub key: DeviceKey,
}

/// A maker's certificate of a device key: the maker's root key signed
/// [`atlas_primitives::maker_certificate_payload`] of the key, its hardware model and `serial`.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct MakerCertificate {
	/// The maker that certifies the device.
	pub maker: MakerId,
	/// The device's serial number (one physical unit).
	pub serial: Serial,
	/// The maker root key's signature of the certificate payload.
	pub signature: DeviceSignature,
}
