//! Tests of the device registry, by concern. Every test run with `run_test` ends with the
//! pallet's `try_state` checks.

mod custody;
mod invariants;
mod lifecycle;
mod makers;
mod models;
mod ownership;
mod reads;
mod registration;
mod routes;

pub(crate) use crate::{
	mock::*, BannedKeys, Device, DeviceByKey, DeviceSerial, Devices as DevicesMap, DevicesByOwner,
	DevicesByState, Error, Event, HardwareModels, HoldReason, Maker, MakerCertificate, Makers,
	RegistrationNonce, RewardRoutes, SerialsInUse, StateDeviceCount,
};
pub(crate) use atlas_primitives::{
	default_route, maker_certificate_payload, possession_payload, Beneficiary, DeviceClass,
	DeviceId, DeviceKey, DeviceRegistry, DeviceSignature, DeviceSpec, DeviceStatus, Role,
	RouteShare, SensorKind,
};
pub(crate) use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
pub(crate) use sp_core::{ed25519, sr25519, Pair, H256};
pub(crate) use sp_runtime::{DispatchError, Perbill};

/// A valid resolution-9 H3 cell (San Francisco).
pub(crate) const CELL: u64 = 0x8928308280fffff;
/// Another valid cell (Berlin).
pub(crate) const BERLIN: u64 = 0x891f1d48947ffff;

pub(crate) type DispatchResultLike = frame_support::dispatch::DispatchResult;

pub(crate) fn device_pair(seed: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[seed; 32])
}

pub(crate) fn sr_key(pair: &sr25519::Pair) -> DeviceKey {
	DeviceKey::Sr25519(pair.public())
}

/// The device's proof that `owner` holds it, for `owner`'s current nonce on this chain.
pub(crate) fn proof(pair: &sr25519::Pair, owner: AccountId) -> DeviceSignature {
	let nonce = RegistrationNonce::<Test>::get(owner);
	proof_with(pair, owner, nonce, Devices::genesis_hash())
}

pub(crate) fn proof_with(
	pair: &sr25519::Pair,
	owner: AccountId,
	nonce: u32,
	genesis: H256,
) -> DeviceSignature {
	let payload = possession_payload(&genesis, &owner, &sr_key(pair), nonce);
	DeviceSignature::Sr25519(pair.sign(&payload))
}

pub(crate) fn solar() -> DeviceSpec {
	DeviceSpec::Energy { rated_watts: 5_000 }
}

pub(crate) fn register_with(
	owner: AccountId,
	pair: &sr25519::Pair,
	uri: &[u8],
) -> DispatchResultLike {
	Devices::register_device(
		RuntimeOrigin::signed(owner),
		STATE,
		solar(),
		SOLAR_MODEL,
		CELL,
		uri.to_vec(),
		sr_key(pair),
		proof(pair, owner),
		None,
	)
}

/// Bob registers a solar inverter with key `seed`; returns its id.
pub(crate) fn register(owner: AccountId, seed: u8) -> DeviceId {
	let id = crate::NextDeviceId::<Test>::get();
	assert_ok!(register_with(owner, &device_pair(seed), b"ipfs://panel"));
	id
}

pub(crate) fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::DeviceDeposit.into(), &who)
}

pub(crate) fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

pub(crate) fn leg(beneficiary: Beneficiary<AccountId>, pct: u32) -> RouteShare<AccountId> {
	RouteShare { beneficiary, share: Perbill::from_percent(pct) }
}

/// Registers a device of `owner` with key `seed`, `spec` and `model`, and maybe a certificate.
pub(crate) fn register_spec(
	owner: AccountId,
	seed: u8,
	spec: DeviceSpec,
	model: u32,
	certificate: Option<MakerCertificate>,
) -> DispatchResultLike {
	let pair = device_pair(seed);
	Devices::register_device(
		RuntimeOrigin::signed(owner),
		STATE,
		spec,
		model,
		CELL,
		vec![],
		sr_key(&pair),
		proof(&pair, owner),
		certificate,
	)
}

/// The ed25519 root key of a maker, from `seed`.
pub(crate) fn maker_pair(seed: u8) -> ed25519::Pair {
	ed25519::Pair::from_seed(&[100 + seed; 32])
}

/// Governance registers a maker with root key `seed`; returns its id.
pub(crate) fn add_maker(seed: u8) -> crate::MakerId {
	let id = crate::NextMakerId::<Test>::get();
	let key = DeviceKey::Ed25519(maker_pair(seed).public());
	assert_ok!(Devices::register_maker(RuntimeOrigin::root(), b"Acme".to_vec(), key));
	id
}

pub(crate) fn serial(s: &[u8]) -> crate::Serial {
	s.to_vec().try_into().unwrap()
}

/// The certificate maker `maker` (root key `root`) gives device key `seed` as a `model` with
/// serial `s`.
pub(crate) fn certificate(
	maker: crate::MakerId,
	root: &ed25519::Pair,
	seed: u8,
	model: u32,
	s: &[u8],
) -> MakerCertificate {
	let payload = maker_certificate_payload(&sr_key(&device_pair(seed)), model, s);
	MakerCertificate {
		maker,
		serial: serial(s),
		signature: DeviceSignature::Ed25519(root.sign(&payload)),
	}
}
