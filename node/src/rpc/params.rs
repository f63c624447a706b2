//! The argument types of `depin_*` that take more than plain serde. Each accepts any JSON value
//! when the request is decoded, and is checked by the method, so that a bad argument gets an
//! error naming the argument (`device must be a non-negative integer in range`) rather than
//! jsonrpsee's bare "Invalid params".

use std::marker::PhantomData;

use atlas_runtime::Hash;
use jsonrpsee::core::RpcResult;
use serde::{de::IgnoredAny, Deserialize, Deserializer};

use super::depin::invalid;

/// What a JSON integer argument held.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
enum RawInteger {
	Number(u64),
	/// Ids wider than 53 bits do not survive JavaScript numbers: clients send them as text.
	Decimal(String),
	Invalid(IgnoredAny),
}

/// A non-negative integer argument of type `T`: a JSON number or a decimal string.
#[derive(Clone, Debug)]
pub struct Integer<T> {
	raw: RawInteger,
	_type: PhantomData<fn() -> T>,
}

impl<'de, T> Deserialize<'de> for Integer<T> {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		RawInteger::deserialize(deserializer).map(|raw| Integer { raw, _type: PhantomData })
	}
}

impl<T: TryFrom<u128>> Integer<T> {
	/// The value, or an invalid-params error naming the argument `name`.
	pub fn get(&self, name: &str) -> RpcResult<T> {
		let n = match &self.raw {
			RawInteger::Number(n) => Some(u128::from(*n)),
			RawInteger::Decimal(s) => s.parse::<u128>().ok(),
			RawInteger::Invalid(_) => None,
		};
		n.and_then(|n| T::try_from(n).ok())
			.ok_or_else(|| invalid(format!("{name} must be a non-negative integer in range")))
	}
}

/// An optional integer argument (`null` or absent: `None`).
pub fn optional<T: TryFrom<u128>>(value: Option<Integer<T>>, name: &str) -> RpcResult<Option<T>> {
	value.map(|v| v.get(name)).transpose()
}

/// The block hash argument `at`.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum BlockHash {
	/// `0x` and 64 hex digits.
	Hash(Hash),
	/// Anything else, refused with a message saying what `at` must be.
	Invalid(IgnoredAny),
}

impl BlockHash {
	/// The hash, or an invalid-params error.
	pub fn get(&self) -> RpcResult<Hash> {
		match self {
			BlockHash::Hash(hash) => Ok(*hash),
			BlockHash::Invalid(_) => Err(invalid("at must be a block hash (0x + 64 hex digits)")),
		}
	}
}

/// What `depin_subscribeReceipts` follows: `{"device": id}` or `{"owner": address}`.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum ReceiptsOf {
	/// One device.
	Device {
		/// Its id.
		device: Integer<u64>,
	},
	/// An owner's first 100 devices.
	Owner {
		/// The owner's SS58 address.
		owner: String,
	},
	/// Anything else, refused.
	Invalid(IgnoredAny),
}
