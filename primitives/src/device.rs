//! Device classes, specs, keys and reward routes.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::{ed25519, sr25519, ConstU32};
use sp_runtime::{traits::Verify, BoundedVec, Perbill};

use crate::{StateId, VaultId};

/// The longest GPU model name a compute spec carries, in bytes.
pub const MAX_GPU_MODEL_LEN: u32 = 32;

/// The kind of work a device delivers. Rewards are budgeted per class.
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
	PartialOrd,
	Ord,
	Debug,
	sp_runtime::Serialize,
	sp_runtime::Deserialize,
)]
#[serde(crate = "sp_runtime::serde")]
pub enum DeviceClass {
	/// GPU or CPU nodes delivering compute (GPU-seconds or jobs).
	Compute,
	/// Routers and access points serving bandwidth.
	Connectivity,
	/// Solar panels, inverters and batteries producing energy.
	Energy,
	/// Sensors delivering samples (weather, air quality, mapping).
	Sensing,
}

impl DeviceClass {
	/// Every class, in a fixed order.
	pub const ALL: [DeviceClass; 4] = [
		DeviceClass::Compute,
		DeviceClass::Connectivity,
		DeviceClass::Energy,
		DeviceClass::Sensing,
	];

	/// The position of this class in [`DeviceClass::ALL`] (and in per-class arrays).
	pub const fn index(self) -> usize {
		match self {
			DeviceClass::Compute => 0,
			DeviceClass::Connectivity => 1,
			DeviceClass::Energy => 2,
			DeviceClass::Sensing => 3,
		}
	}
}

/// One value per device class, indexed by [`DeviceClass`]. Encodes, and describes itself in
/// metadata, exactly as the array `[T; 4]` in [`DeviceClass::ALL`] order, so clients see a list
/// of four.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	sp_runtime::Serialize,
	sp_runtime::Deserialize,
)]
#[serde(crate = "sp_runtime::serde", transparent)]
pub struct PerClass<T>(pub [T; 4]);

impl<T: TypeInfo + 'static> TypeInfo for PerClass<T> {
	type Identity = [T; 4];

	fn type_info() -> scale_info::Type {
		<[T; 4]>::type_info()
	}
}

impl<T> PerClass<T> {
	/// The value of every class from `f`.
	pub fn from_fn(mut f: impl FnMut(DeviceClass) -> T) -> Self {
		PerClass(DeviceClass::ALL.map(&mut f))
	}

	/// Each class with its value, in [`DeviceClass::ALL`] order.
	pub fn iter(&self) -> impl Iterator<Item = (DeviceClass, &T)> {
		DeviceClass::ALL.into_iter().zip(self.0.iter())
	}

	/// The values, in [`DeviceClass::ALL`] order.
	pub fn values(&self) -> impl Iterator<Item = &T> {
		self.0.iter()
	}

	/// The values, mutably, in [`DeviceClass::ALL`] order.
	pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
		self.0.iter_mut()
	}

	/// A value per class computed from this one's.
	pub fn map<U>(self, f: impl FnMut(T) -> U) -> PerClass<U> {
		PerClass(self.0.map(f))
	}
}

impl<T> From<[T; 4]> for PerClass<T> {
	fn from(values: [T; 4]) -> Self {
		PerClass(values)
	}
}

impl<T> core::ops::Index<DeviceClass> for PerClass<T> {
	type Output = T;

	fn index(&self, class: DeviceClass) -> &T {
		// `DeviceClass::index` is below 4 for every class, so this cannot go out of bounds.
		&self.0[class.index()]
	}
}

impl<T> core::ops::IndexMut<DeviceClass> for PerClass<T> {
	fn index_mut(&mut self, class: DeviceClass) -> &mut T {
		&mut self.0[class.index()]
	}
}

/// What a sensor measures.
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
	sp_runtime::Serialize,
	sp_runtime::Deserialize,
)]
#[serde(crate = "sp_runtime::serde")]
pub enum SensorKind {
	/// Temperature, humidity, wind, rain.
	Weather,
	/// Particulates and gases.
	AirQuality,
	/// Ambient noise.
	Noise,
	/// Imagery or lidar for mapping.
	Mapping,
	/// Satellite positioning reference stations.
	Gnss,
	/// Anything else.
	Other,
}

/// A device's class together with the physical figures that bound what it can deliver.
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
	sp_runtime::Serialize,
	sp_runtime::Deserialize,
)]
#[serde(crate = "sp_runtime::serde")]
pub enum DeviceSpec {
	/// A compute node.
	Compute {
		/// GPU model as the vendor names it (e.g. `RTX 4090`).
		gpu_model: BoundedVec<u8, ConstU32<MAX_GPU_MODEL_LEN>>,
		/// Number of GPUs: at most this many GPU-seconds per second.
		gpu_count: u8,
		/// GPU memory per GPU in MiB.
		gpu_memory_mib: u32,
	},
	/// A connectivity node.
	Connectivity {
		/// Link capacity in kilobits per second.
		link_capacity_kbps: u32,
	},
	/// An energy producer.
	Energy {
		/// Rated output in watts.
		rated_watts: u32,
	},
	/// A sensor.
	Sensing {
		/// What it measures.
		sensor_kind: SensorKind,
		/// Samples per hour it is built to deliver.
		samples_per_hour: u32,
	},
}

impl DeviceSpec {
	/// The class of this spec.
	pub fn class(&self) -> DeviceClass {
		match self {
			DeviceSpec::Compute { .. } => DeviceClass::Compute,
			DeviceSpec::Connectivity { .. } => DeviceClass::Connectivity,
			DeviceSpec::Energy { .. } => DeviceClass::Energy,
			DeviceSpec::Sensing { .. } => DeviceClass::Sensing,
		}
	}

	/// Whether this spec lies within `max`, the maximal spec of an approved hardware model: the
	/// same class (and GPU model or sensor kind), every capacity at most the model's.
	pub fn fits_within(&self, max: &DeviceSpec) -> bool {
		match (self, max) {
			(
				DeviceSpec::Compute { gpu_model, gpu_count, gpu_memory_mib },
				DeviceSpec::Compute {
					gpu_model: max_model,
					gpu_count: max_count,
					gpu_memory_mib: max_memory,
				},
			) => gpu_model == max_model && gpu_count <= max_count && gpu_memory_mib <= max_memory,
			(
				DeviceSpec::Connectivity { link_capacity_kbps },
				DeviceSpec::Connectivity { link_capacity_kbps: max },
			) => link_capacity_kbps <= max,
			(DeviceSpec::Energy { rated_watts }, DeviceSpec::Energy { rated_watts: max }) => {
				rated_watts <= max
			},
			(
				DeviceSpec::Sensing { sensor_kind, samples_per_hour },
				DeviceSpec::Sensing { sensor_kind: max_kind, samples_per_hour: max },
			) => sensor_kind == max_kind && samples_per_hour <= max,
			_ => false,
		}
	}

	/// Whether the figures are physically meaningful: non-zero capacities, a named GPU.
	pub fn is_well_formed(&self) -> bool {
		match self {
			DeviceSpec::Compute { gpu_model, gpu_count, gpu_memory_mib } => {
				!gpu_model.is_empty() && *gpu_count > 0 && *gpu_memory_mib > 0
			},
			DeviceSpec::Connectivity { link_capacity_kbps } => *link_capacity_kbps > 0,
			DeviceSpec::Energy { rated_watts } => *rated_watts > 0,
			DeviceSpec::Sensing { samples_per_hour, .. } => *samples_per_hour > 0,
		}
	}
}

/// A device's own public key: it signs possession proofs and reports.
///
/// The two ECDSA schemes are the ones device hardware holds: P-256 in secure elements such as
/// the ATECC608, TPM 2.0 chips, Android Keystore and Apple's Secure Enclave, secp256k1 in
/// secure elements made for it. Their keys are SEC1 compressed points (`0x02`/`0x03`, then the
/// 32-byte x coordinate); a key that is not a point on its curve never verifies anything.
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
	PartialOrd,
	Ord,
	Debug,
)]
pub enum DeviceKey {
	/// A Schnorrkel/Ristretto (sr25519) key.
	Sr25519(sr25519::Public),
	/// An Edwards (ed25519) key, common in embedded secure elements.
	Ed25519(ed25519::Public),
	/// A secp256k1 ECDSA key, SEC1 compressed. It signs the SHA-256 hash of a message.
	Secp256k1([u8; 33]),
	/// A NIST P-256 (secp256r1) ECDSA key, SEC1 compressed. It signs the SHA-256 hash of a
	/// message.
	P256([u8; 33]),
}

/// A signature by a [`DeviceKey`].
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum DeviceSignature {
	/// An sr25519 signature.
	Sr25519(sr25519::Signature),
	/// An ed25519 signature.
	Ed25519(ed25519::Signature),
	/// A secp256k1 ECDSA signature of the message's SHA-256 hash: `r ‖ s`, 32 big-endian bytes
	/// each. A high `s` is accepted (it is normalised before verifying).
	Secp256k1([u8; 64]),
	/// A P-256 ECDSA signature of the message's SHA-256 hash: `r ‖ s`, 32 big-endian bytes each
	/// (not DER).
	P256([u8; 64]),
}

impl DeviceSignature {
	/// Whether this is an ECDSA signature (secp256k1 or P-256): dearer to verify than sr25519 or
	/// ed25519, so weights charge it more.
	pub fn is_ecdsa(&self) -> bool {
		matches!(self, DeviceSignature::Secp256k1(_) | DeviceSignature::P256(_))
	}
}

/// What the polkadot{.js} extension puts before a message it signs raw.
const WRAP_PREFIX: &[u8] = b"<Bytes>";
/// What the polkadot{.js} extension puts after a message it signs raw.
const WRAP_SUFFIX: &[u8] = b"</Bytes>";

/// Whether `check` accepts `message`, or failing that its polkadot{.js}-wrapped form.
fn plain_or_wrapped(message: &[u8], mut check: impl FnMut(&[u8]) -> bool) -> bool {
	check(message) || check(&[WRAP_PREFIX, message, WRAP_SUFFIX].concat())
}

impl DeviceKey {
	/// Whether `signature` is this key's signature of `message`. A signature of another scheme
	/// never verifies, nor does anything under a malformed key or a malformed signature.
	///
	/// Besides `message` itself, a signature of `<Bytes>` ++ `message` ++ `</Bytes>` is
	/// accepted, for every scheme: that is what the polkadot{.js} browser extension (and wallets
	/// following it) sign when asked to sign raw bytes, so an operator can sign with it. The
	/// plain message is tried first; the wrapped form only if that fails. Accepting it opens no
	/// replay: a wrapped payload starts with `<`, which no Atlas payload (each begins with its
	/// `atlas:` context) does, so a signature of one payload never passes for another.
	///
	/// ECDSA signatures are of the message's SHA-256 hash. A secp256k1 signature with a high `s`
	/// is normalised to low `s` before verifying, so hardware that does not normalise works; a
	/// P-256 signature is accepted with either `s`.
	pub fn verify(&self, message: &[u8], signature: &DeviceSignature) -> bool {
		use k256::ecdsa::signature::Verifier as _;
		match (self, signature) {
			(DeviceKey::Sr25519(public), DeviceSignature::Sr25519(sig)) => {
				plain_or_wrapped(message, |m| sig.verify(m, public))
			},
			(DeviceKey::Ed25519(public), DeviceSignature::Ed25519(sig)) => {
				plain_or_wrapped(message, |m| sig.verify(m, public))
			},
			(DeviceKey::Secp256k1(public), DeviceSignature::Secp256k1(sig)) => {
				let Ok(key) = k256::ecdsa::VerifyingKey::from_sec1_bytes(public) else {
					return false;
				};
				let Ok(sig) = k256::ecdsa::Signature::from_slice(sig) else {
					return false;
				};
				let sig = sig.normalize_s().unwrap_or(sig);
				plain_or_wrapped(message, |m| key.verify(m, &sig).is_ok())
			},
			(DeviceKey::P256(public), DeviceSignature::P256(sig)) => {
				let Ok(key) = p256::ecdsa::VerifyingKey::from_sec1_bytes(public) else {
					return false;
				};
				let Ok(sig) = p256::ecdsa::Signature::from_slice(sig) else {
					return false;
				};
				plain_or_wrapped(message, |m| key.verify(m, &sig).is_ok())
			},
			_ => false,
		}
	}

	/// The name of this key's signature scheme: `sr25519`, `ed25519`, `secp256k1` or `p256`.
	pub fn scheme_name(&self) -> &'static str {
		match self {
			DeviceKey::Sr25519(_) => "sr25519",
			DeviceKey::Ed25519(_) => "ed25519",
			DeviceKey::Secp256k1(_) => "secp256k1",
			DeviceKey::P256(_) => "p256",
		}
	}
}

/// What checking one P-256 or secp256k1 device signature costs beyond the sr25519 check the
/// pallets' benchmarks measure, where a pallet cannot read attestations' `verify_p256` and
/// `verify_secp256k1` benchmark weights (device registration): ECDSA runs inside the runtime
/// (no host function), and a `<Bytes>`-wrapped signature is checked twice. Kept above what
/// those benchmarks measure (on the reference machine: 3.99 ms for a wrapped P-256 signature,
/// 0.68 ms for secp256k1).
pub const ECDSA_VERIFICATION_WEIGHT: sp_runtime::Weight =
	sp_runtime::Weight::from_parts(4_200_000_000, 0);

/// A key of the ECDSA `scheme` (`Secp256k1` or `P256`, from a fixed seed) and its signature of
/// `message` wrapped as the polkadot{.js} extension wraps it: the costliest signature a report
/// can carry, since the plain check fails before the wrapped one passes. For benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub fn benchmark_wrapped_ecdsa(p256: bool, message: &[u8]) -> (DeviceKey, DeviceSignature) {
	let wrapped = [WRAP_PREFIX, message, WRAP_SUFFIX].concat();
	let seed = [7u8; 32];
	if p256 {
		use p256::ecdsa::signature::Signer;
		let sk = p256::ecdsa::SigningKey::from_slice(&seed).expect("a valid scalar");
		let public = sk.verifying_key().to_encoded_point(true);
		let sig: p256::ecdsa::Signature = sk.sign(&wrapped);
		(
			DeviceKey::P256(public.as_bytes().try_into().expect("33 bytes compressed")),
			DeviceSignature::P256(sig.to_bytes().into()),
		)
	} else {
		use k256::ecdsa::signature::Signer;
		let sk = k256::ecdsa::SigningKey::from_slice(&seed).expect("a valid scalar");
		let public = sk.verifying_key().to_encoded_point(true);
		let sig: k256::ecdsa::Signature = sk.sign(&wrapped);
		(
			DeviceKey::Secp256k1(public.as_bytes().try_into().expect("33 bytes compressed")),
			DeviceSignature::Secp256k1(sig.to_bytes().into()),
		)
	}
}

/// Domain separator of a device possession proof.
pub const POSSESSION_CONTEXT: &[u8; 24] = b"atlas:device-possession:";

/// The message a device key signs to prove its owner holds it at registration:
/// `(context, genesis hash, owner, device key, nonce)`, SCALE-encoded. The genesis hash binds it to
/// one chain, the owner to one account, the nonce (the owner's registration nonce) to one use.
pub fn possession_payload<Hash: Encode, AccountId: Encode>(
	genesis_hash: &Hash,
	owner: &AccountId,
	key: &DeviceKey,
	nonce: u32,
) -> alloc::vec::Vec<u8> {
	(POSSESSION_CONTEXT, genesis_hash, owner, key, nonce).encode()
}

/// Domain separator of a maker certificate.
pub const MAKER_CERTIFICATE_CONTEXT: &[u8; 24] = b"atlas:maker-certificate:";

/// The longest device serial number a maker certificate carries, in bytes.
pub const MAX_SERIAL_LEN: u32 = 64;

/// The message a maker's root key signs to certify a device it built:
/// `(context, device key, hardware model, serial)`, SCALE-encoded. It binds the key to one model
/// and serial, and to no chain or owner: a maker certifies hardware once, at the factory.
pub fn maker_certificate_payload(
	key: &DeviceKey,
	hardware_model: crate::HardwareModelId,
	serial: &[u8],
) -> alloc::vec::Vec<u8> {
	(MAKER_CERTIFICATE_CONTEXT, key, hardware_model, serial).encode()
}

/// Where a device is in its life.
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
pub enum DeviceStatus {
	/// Registered, waiting for a steward of its state to activate it. Earns nothing.
	Pending,
	/// In service: may report and earn.
	Active,
	/// Taken out of service by a steward. Earns nothing until activated again.
	Suspended,
}

/// How many devices there are of each class (compute, connectivity, energy, sensing) in each
/// status (pending, active, suspended).
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
pub struct DeviceCensus(pub PerClass<[u32; 3]>);

impl DeviceCensus {
	fn slot(&mut self, class: DeviceClass, status: DeviceStatus) -> &mut u32 {
		let s = match status {
			DeviceStatus::Pending => 0,
			DeviceStatus::Active => 1,
			DeviceStatus::Suspended => 2,
		};
		&mut self.0[class][s]
	}

	/// Counts one more device of `class` in `status`.
	pub fn add(&mut self, class: DeviceClass, status: DeviceStatus) {
		let n = self.slot(class, status);
		*n = n.saturating_add(1);
	}

	/// Counts one device of `class` in `status` less.
	pub fn remove(&mut self, class: DeviceClass, status: DeviceStatus) {
		let n = self.slot(class, status);
		*n = n.saturating_sub(1);
	}

	/// Moves one device of `class` from `from` to `to`.
	pub fn moved(&mut self, class: DeviceClass, from: DeviceStatus, to: DeviceStatus) {
		self.remove(class, from);
		self.add(class, to);
	}

	/// Every device counted.
	pub fn total(&self) -> u32 {
		self.0.values().flatten().fold(0u32, |a, n| a.saturating_add(*n))
	}
}

/// How many network states are registered, and how many of them are active (not suspended).
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
pub struct StateTally {
	/// Registered states.
	pub registered: u32,
	/// Of them, active.
	pub active: u32,
}

/// Who receives a share of a device's rewards.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Beneficiary<AccountId> {
	/// The device's current owner (follows ownership transfers).
	Owner,
	/// A fixed account.
	Account(AccountId),
	/// A vault: raises its net asset value.
	Vault(VaultId),
	/// The community pool of the device's network state.
	CommunityPool,
	/// The owner's governance stake: locked, counting in votes.
	Stake,
}

/// One leg of a reward route.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct RouteShare<AccountId> {
	/// Who receives it.
	pub beneficiary: Beneficiary<AccountId>,
	/// Its share of every settled amount.
	pub share: Perbill,
}

/// The most legs a reward route may have.
pub const MAX_ROUTE_LEGS: u32 = 8;

/// How a device's settled rewards are split: shares sum to exactly 100 %.
pub type RewardRoute<AccountId> = BoundedVec<RouteShare<AccountId>, ConstU32<MAX_ROUTE_LEGS>>;

/// Why a reward route is not acceptable.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RouteError {
	/// The route has no legs.
	Empty,
	/// The shares do not add up to exactly 100 %.
	SharesNotWhole,
	/// A leg has a zero share.
	ZeroShare,
	/// The same beneficiary appears twice.
	DuplicateBeneficiary,
	/// More than one leg names a vault (a device funds at most one vault, so the vault's
	/// unpaid yield can be kept per epoch as reports arrive).
	SeveralVaults,
}

/// Checks that `route` is non-empty, has no zero or duplicate legs and sums to exactly 100 %.
pub fn validate_route<AccountId: PartialEq>(
	route: &[RouteShare<AccountId>],
) -> Result<(), RouteError> {
	if route.is_empty() {
		return Err(RouteError::Empty);
	}
	let mut total: u64 = 0;
	for (i, leg) in route.iter().enumerate() {
		if leg.share.is_zero() {
			return Err(RouteError::ZeroShare);
		}
		if route[..i].iter().any(|earlier| earlier.beneficiary == leg.beneficiary) {
			return Err(RouteError::DuplicateBeneficiary);
		}
		if matches!(leg.beneficiary, Beneficiary::Vault(_))
			&& route[..i].iter().any(|earlier| matches!(earlier.beneficiary, Beneficiary::Vault(_)))
		{
			return Err(RouteError::SeveralVaults);
		}
		total = total.saturating_add(u64::from(leg.share.deconstruct()));
	}
	if total != u64::from(Perbill::one().deconstruct()) {
		return Err(RouteError::SharesNotWhole);
	}
	Ok(())
}

/// The vault a route pays, with its share, if any.
pub fn vault_leg<AccountId>(route: &[RouteShare<AccountId>]) -> Option<VaultLeg> {
	route.iter().find_map(|leg| match leg.beneficiary {
		Beneficiary::Vault(vault) => Some(VaultLeg { vault, share: leg.share }),
		_ => None,
	})
}

/// The vault a device's route pays and its share of the device's rewards.
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
	sp_runtime::Serialize,
	sp_runtime::Deserialize,
)]
#[serde(crate = "sp_runtime::serde")]
pub struct VaultLeg {
	/// The vault.
	pub vault: VaultId,
	/// Its share of every settled amount.
	pub share: Perbill,
}

/// The route of a device whose owner never set one: everything to the owner.
pub fn default_route<AccountId>() -> RewardRoute<AccountId> {
	BoundedVec::truncate_from(alloc::vec![RouteShare {
		beneficiary: Beneficiary::Owner,
		share: Perbill::one(),
	}])
}

/// What other pallets may know about a device (see [`crate::DeviceRegistry`]).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct DeviceSummary<AccountId> {
	/// Who owns it.
	pub owner: AccountId,
	/// Who runs it for the owner, if anyone.
	pub operator: Option<AccountId>,
	/// The network state it belongs to.
	pub state: StateId,
	/// Its class and physical figures.
	pub spec: DeviceSpec,
	/// Where it is in its life.
	pub status: DeviceStatus,
	/// Its own key.
	pub key: DeviceKey,
	/// The vault its route pays, if any.
	pub vault: Option<VaultLeg>,
	/// The block it was last activated in (0 if it never was): a report covers only the part
	/// of an epoch after it.
	pub active_since: u32,
	/// Whether its key carries a certificate of its maker under a root governance registered.
	pub maker_attested: bool,
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::Pair;

	fn leg(b: Beneficiary<u64>, pct: u32) -> RouteShare<u64> {
		RouteShare { beneficiary: b, share: Perbill::from_percent(pct) }
	}

	#[test]
	fn routes_must_sum_to_whole() {
		assert_eq!(validate_route::<u64>(&[]), Err(RouteError::Empty));
		assert_eq!(validate_route(&[leg(Beneficiary::Owner, 100)]), Ok(()));
		assert_eq!(
			validate_route(&[leg(Beneficiary::Owner, 60), leg(Beneficiary::Account(7), 40)]),
			Ok(())
		);
		assert_eq!(
			validate_route(&[leg(Beneficiary::Owner, 60), leg(Beneficiary::Account(7), 30)]),
			Err(RouteError::SharesNotWhole)
		);
		assert_eq!(
			validate_route(&[leg(Beneficiary::Owner, 60), leg(Beneficiary::Stake, 50)]),
			Err(RouteError::SharesNotWhole)
		);
		assert_eq!(
			validate_route(&[leg(Beneficiary::Owner, 100), leg(Beneficiary::Stake, 0)]),
			Err(RouteError::ZeroShare)
		);
		assert_eq!(
			validate_route(&[leg(Beneficiary::Vault(1), 50), leg(Beneficiary::Vault(1), 50)]),
			Err(RouteError::DuplicateBeneficiary)
		);
		assert_eq!(validate_route(&default_route::<u64>()), Ok(()));
	}

	#[test]
	fn device_keys_verify_their_own_scheme_only() {
		let sr = sr25519::Pair::from_seed(&[1u8; 32]);
		let ed = ed25519::Pair::from_seed(&[2u8; 32]);
		let msg = b"report";
		let sr_key = DeviceKey::Sr25519(sr.public());
		let ed_key = DeviceKey::Ed25519(ed.public());
		let sr_sig = DeviceSignature::Sr25519(sr.sign(msg));
		let ed_sig = DeviceSignature::Ed25519(ed.sign(msg));
		assert!(sr_key.verify(msg, &sr_sig));
		assert!(ed_key.verify(msg, &ed_sig));
		assert!(!sr_key.verify(b"other", &sr_sig));
		assert!(!sr_key.verify(msg, &ed_sig));
		assert!(!ed_key.verify(msg, &sr_sig));
	}

	/// A P-256 signing key from a fixed seed, with its compressed public key.
	fn p256_pair(seed: u8) -> (p256::ecdsa::SigningKey, DeviceKey) {
		let sk = p256::ecdsa::SigningKey::from_slice(&[seed; 32]).unwrap();
		let public = sk.verifying_key().to_encoded_point(true);
		(sk, DeviceKey::P256(public.as_bytes().try_into().unwrap()))
	}

	/// A secp256k1 signing key from a fixed seed, with its compressed public key.
	fn k256_pair(seed: u8) -> (k256::ecdsa::SigningKey, DeviceKey) {
		let sk = k256::ecdsa::SigningKey::from_slice(&[seed; 32]).unwrap();
		let public = sk.verifying_key().to_encoded_point(true);
		(sk, DeviceKey::Secp256k1(public.as_bytes().try_into().unwrap()))
	}

	fn p256_sign(sk: &p256::ecdsa::SigningKey, msg: &[u8]) -> DeviceSignature {
		use p256::ecdsa::signature::Signer;
		let sig: p256::ecdsa::Signature = sk.sign(msg);
		DeviceSignature::P256(sig.to_bytes().into())
	}

	fn k256_sign(sk: &k256::ecdsa::SigningKey, msg: &[u8]) -> DeviceSignature {
		use k256::ecdsa::signature::Signer;
		let sig: k256::ecdsa::Signature = sk.sign(msg);
		DeviceSignature::Secp256k1(sig.to_bytes().into())
	}

	/// 33-byte keys that are no compressed point of the curve `on_curve` tells points of: a tag
	/// other than `0x02`/`0x03`, an x that is no field element, an x with no point on the curve.
	fn malformed_keys(on_curve: impl Fn(&[u8; 33]) -> bool) -> alloc::vec::Vec<[u8; 33]> {
		let mut keys = alloc::vec![[0u8; 33], [0x04; 33], [0xff; 33]];
		let mut x_too_big = [0xff; 33];
		x_too_big[0] = 0x02;
		keys.push(x_too_big);
		// About half of all x have no point, so one of the first 63 has none.
		let off_curve = (1u8..64)
			.map(|x| {
				let mut k = [0u8; 33];
				k[0] = 0x02;
				k[32] = x;
				k
			})
			.find(|k| !on_curve(k))
			.expect("some small x is off the curve");
		keys.push(off_curve);
		keys
	}

	#[test]
	fn p256_keys_verify() {
		let (sk, key) = p256_pair(3);
		let msg = b"atlas:device-report:p256";
		let sig = p256_sign(&sk, msg);
		assert!(key.verify(msg, &sig));
		assert!(!key.verify(b"atlas:device-report:other", &sig));
		assert!(sig.is_ecdsa());
		assert_eq!(key.scheme_name(), "p256");

		// Another key of the same scheme, and signatures of other schemes, never verify.
		let (_, other_key) = p256_pair(4);
		assert!(!other_key.verify(msg, &sig));
		let (k_sk, k_key) = k256_pair(3);
		let k_sig = k256_sign(&k_sk, msg);
		assert!(!key.verify(msg, &k_sig));
		let DeviceSignature::P256(raw) = sig.clone() else { unreachable!() };
		assert!(!k_key.verify(msg, &DeviceSignature::Secp256k1(raw)));
		let sr = sr25519::Pair::from_seed(&[1u8; 32]);
		assert!(!key.verify(msg, &DeviceSignature::Sr25519(sr.sign(msg))));
		assert!(!DeviceKey::Sr25519(sr.public()).verify(msg, &sig));

		// Malformed keys and signatures do not verify (and do not panic).
		let on_curve = |k: &[u8; 33]| p256::ecdsa::VerifyingKey::from_sec1_bytes(k).is_ok();
		for bad in malformed_keys(on_curve) {
			assert!(!DeviceKey::P256(bad).verify(msg, &sig));
		}
		for bad in [[0u8; 64], [0xff; 64]] {
			assert!(!key.verify(msg, &DeviceSignature::P256(bad)));
		}
	}

	#[test]
	fn p256_signs_the_sha256_of_the_message() {
		// RFC 6979, A.2.5: P-256, SHA-256, message "sample".
		let sk = p256::ecdsa::SigningKey::from_slice(&hex(
			"c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
		))
		.unwrap();
		let mut public = [0u8; 33];
		public[0] = 0x03; // y = ...2299 is odd
		public[1..].copy_from_slice(&hex(
			"60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
		));
		assert_eq!(sk.verifying_key().to_encoded_point(true).as_bytes(), &public[..]);
		let key = DeviceKey::P256(public);
		let mut rs = [0u8; 64];
		rs[..32].copy_from_slice(&hex(
			"efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
		));
		rs[32..].copy_from_slice(&hex(
			"f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8",
		));
		assert!(key.verify(b"sample", &DeviceSignature::P256(rs)));
		assert_eq!(p256_sign(&sk, b"sample"), DeviceSignature::P256(rs));

		// A signature of the prehash, as a secure element computes it, verifies too.
		use p256::ecdsa::signature::hazmat::PrehashSigner;
		let msg = b"atlas:device-possession:prehashed";
		let sig: p256::ecdsa::Signature = sk.sign_prehash(&sha256(msg)).unwrap();
		assert!(key.verify(msg, &DeviceSignature::P256(sig.to_bytes().into())));
	}

	/// SHA-256, computed apart from the signing and verifying code.
	fn sha256(msg: &[u8]) -> [u8; 32] {
		use k256::sha2::Digest;
		k256::sha2::Sha256::digest(msg).into()
	}

	fn hex(s: &str) -> alloc::vec::Vec<u8> {
		(0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
	}

	#[test]
	fn secp256k1_keys_verify() {
		let (sk, key) = k256_pair(5);
		let msg = b"atlas:device-report:secp256k1";
		let sig = k256_sign(&sk, msg);
		assert!(key.verify(msg, &sig));
		assert!(!key.verify(b"atlas:device-report:other", &sig));
		assert!(sig.is_ecdsa());
		assert_eq!(key.scheme_name(), "secp256k1");

		let (_, other_key) = k256_pair(6);
		assert!(!other_key.verify(msg, &sig));
		let (p_sk, p_key) = p256_pair(5);
		assert!(!key.verify(msg, &p256_sign(&p_sk, msg)));
		let DeviceSignature::Secp256k1(raw) = sig.clone() else { unreachable!() };
		assert!(!p_key.verify(msg, &DeviceSignature::P256(raw)));
		let ed = ed25519::Pair::from_seed(&[2u8; 32]);
		assert!(!key.verify(msg, &DeviceSignature::Ed25519(ed.sign(msg))));
		assert!(!DeviceKey::Ed25519(ed.public()).verify(msg, &sig));

		let on_curve = |k: &[u8; 33]| k256::ecdsa::VerifyingKey::from_sec1_bytes(k).is_ok();
		for bad in malformed_keys(on_curve) {
			assert!(!DeviceKey::Secp256k1(bad).verify(msg, &sig));
		}
		for bad in [[0u8; 64], [0xff; 64]] {
			assert!(!key.verify(msg, &DeviceSignature::Secp256k1(bad)));
		}

		// The prehash form, as a secure element signs it.
		use k256::ecdsa::signature::hazmat::PrehashSigner;
		let prehashed: k256::ecdsa::Signature = sk.sign_prehash(&sha256(msg)).unwrap();
		assert_eq!(DeviceSignature::Secp256k1(prehashed.to_bytes().into()), sig);
	}

	#[test]
	fn high_s_secp256k1_signatures_verify() {
		let (sk, key) = k256_pair(7);
		let msg = b"atlas:device-report:high-s";
		let DeviceSignature::Secp256k1(raw) = k256_sign(&sk, msg) else { unreachable!() };
		let low = k256::ecdsa::Signature::from_slice(&raw).unwrap();
		let (r, s) = low.split_scalars();
		let high = k256::ecdsa::Signature::from_scalars(r, -s).unwrap();
		assert!(high.normalize_s().is_some(), "s is high");
		// The crate alone refuses it; the device key accepts it.
		use k256::ecdsa::signature::Verifier;
		assert!(k256::ecdsa::VerifyingKey::from(&sk).verify(msg, &high).is_err());
		let high = DeviceSignature::Secp256k1(high.to_bytes().into());
		assert!(key.verify(msg, &high));
		assert!(!key.verify(b"atlas:device-report:other", &high));
	}

	#[test]
	fn extension_wrapped_signatures_verify() {
		let msg = b"atlas:device-possession:wrapped";
		let wrapped = [b"<Bytes>".as_slice(), msg, b"</Bytes>"].concat();

		let sr = sr25519::Pair::from_seed(&[1u8; 32]);
		let sr_key = DeviceKey::Sr25519(sr.public());
		let sr_sig = DeviceSignature::Sr25519(sr.sign(&wrapped));
		assert!(sr_key.verify(msg, &sr_sig));
		assert!(!sr_key.verify(b"atlas:device-possession:other", &sr_sig));

		let ed = ed25519::Pair::from_seed(&[2u8; 32]);
		let ed_sig = DeviceSignature::Ed25519(ed.sign(&wrapped));
		assert!(DeviceKey::Ed25519(ed.public()).verify(msg, &ed_sig));

		let (p_sk, p_key) = p256_pair(8);
		let p_sig = p256_sign(&p_sk, &wrapped);
		assert!(p_key.verify(msg, &p_sig));
		assert!(!p_key.verify(b"atlas:device-possession:other", &p_sig));

		let (k_sk, k_key) = k256_pair(8);
		assert!(k_key.verify(msg, &k256_sign(&k_sk, &wrapped)));

		// The message is wrapped once, not repeatedly: a signature of the doubly wrapped
		// message does not verify the message.
		let twice = [b"<Bytes>".as_slice(), &wrapped, b"</Bytes>"].concat();
		assert!(!p_key.verify(msg, &p256_sign(&p_sk, &twice)));
		assert!(!sr_key.verify(msg, &DeviceSignature::Sr25519(sr.sign(&twice))));
	}

	#[test]
	fn scheme_names_and_ecdsa() {
		let sr = sr25519::Pair::from_seed(&[1u8; 32]);
		let ed = ed25519::Pair::from_seed(&[2u8; 32]);
		assert_eq!(DeviceKey::Sr25519(sr.public()).scheme_name(), "sr25519");
		assert_eq!(DeviceKey::Ed25519(ed.public()).scheme_name(), "ed25519");
		assert!(!DeviceSignature::Sr25519(sr.sign(b"m")).is_ecdsa());
		assert!(!DeviceSignature::Ed25519(ed.sign(b"m")).is_ecdsa());
		assert!(DeviceSignature::P256([0; 64]).is_ecdsa());
		assert!(DeviceSignature::Secp256k1([0; 64]).is_ecdsa());
		// The new schemes are appended: the existing ones keep their indices.
		assert_eq!(DeviceKey::Sr25519(sr.public()).encode()[0], 0);
		assert_eq!(DeviceKey::Ed25519(ed.public()).encode()[0], 1);
		assert_eq!(DeviceKey::Secp256k1([2; 33]).encode()[0], 2);
		assert_eq!(DeviceKey::P256([2; 33]).encode()[0], 3);
		assert_eq!(DeviceSignature::Secp256k1([0; 64]).encode()[0], 2);
		assert_eq!(DeviceSignature::P256([0; 64]).encode()[0], 3);
		assert_eq!(DeviceKey::max_encoded_len(), 34);
		assert_eq!(DeviceSignature::max_encoded_len(), 65);
	}

	#[test]
	fn specs_know_their_class() {
		let spec = DeviceSpec::Energy { rated_watts: 400 };
		assert_eq!(spec.class(), DeviceClass::Energy);
		assert!(spec.is_well_formed());
		assert!(!DeviceSpec::Energy { rated_watts: 0 }.is_well_formed());
		let gpu = DeviceSpec::Compute {
			gpu_model: BoundedVec::truncate_from(b"RTX 4090".to_vec()),
			gpu_count: 1,
			gpu_memory_mib: 24_576,
		};
		assert_eq!(gpu.class(), DeviceClass::Compute);
		assert!(gpu.is_well_formed());
		assert!(!DeviceSpec::Compute {
			gpu_model: BoundedVec::new(),
			gpu_count: 1,
			gpu_memory_mib: 1
		}
		.is_well_formed());
		let rtx = || BoundedVec::truncate_from(b"RTX 4090".to_vec());
		let two = DeviceSpec::Compute { gpu_model: rtx(), gpu_count: 2, gpu_memory_mib: 24_576 };
		assert!(gpu.fits_within(&two));
		assert!(!two.fits_within(&gpu));
		let other = DeviceSpec::Compute {
			gpu_model: BoundedVec::truncate_from(b"H100".to_vec()),
			gpu_count: 8,
			gpu_memory_mib: 81_920,
		};
		assert!(!gpu.fits_within(&other));
		assert!(!spec.fits_within(&gpu));
		let sensor =
			|n| DeviceSpec::Sensing { sensor_kind: SensorKind::Weather, samples_per_hour: n };
		assert!(sensor(60).fits_within(&sensor(60)));
		assert!(!sensor(u32::MAX).fits_within(&sensor(60)));
	}
}
