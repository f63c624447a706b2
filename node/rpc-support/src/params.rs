//! The argument types of `depin_*` that take more than plain serde. Each accepts any JSON value
//! when the request is decoded, and is checked by the method, so that a bad argument gets an
//! error naming the argument (`device must be a non-negative integer in range`) rather than
//! jsonrpsee's bare "Invalid params".

use std::marker::PhantomData;

use jsonrpsee::{
	core::RpcResult,
	types::error::{ErrorObjectOwned, INVALID_PARAMS_CODE},
};
use serde::{de::IgnoredAny, Deserialize, Deserializer};
use sp_core::{crypto::AccountId32, crypto::Ss58Codec, H256 as Hash};

/// An invalid-params error with `message`.
pub fn invalid(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(INVALID_PARAMS_CODE, message.into(), None::<()>)
}

/// An SS58 account argument named `name`.
pub fn account(text: &str, name: &str) -> RpcResult<AccountId32> {
	AccountId32::from_ss58check(text)
		.map_err(|_| invalid(format!("{name} is not an SS58 address: {text}")))
}

/// A page size argument: at most `max`, which is also the default.
pub fn limit(limit: Option<Integer<u32>>, max: u32) -> RpcResult<u32> {
	let limit = optional(limit, "limit")?.unwrap_or(max);
	if limit == 0 || limit > max {
		return Err(invalid(format!("limit must be between 1 and {max}, got {limit}")));
	}
	Ok(limit)
}

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

#[cfg(test)]
mod tests {
	use super::*;

	fn integer<T: TryFrom<u128>>(json: &str) -> RpcResult<T> {
		serde_json::from_str::<Integer<T>>(json).expect("any JSON value decodes").get("device")
	}

	#[test]
	fn integers_are_numbers_or_decimal_strings_in_range() {
		assert_eq!(integer::<u64>("7").unwrap(), 7);
		assert_eq!(integer::<u64>("\"18446744073709551615\"").unwrap(), u64::MAX);
		assert_eq!(integer::<u32>("4294967295").unwrap(), u32::MAX);
		for bad in ["4294967296", "-1", "1.5", "\"0x10\"", "\"\"", "null", "[1]", "{}", "true"] {
			let err = integer::<u32>(bad).unwrap_err();
			assert_eq!(err.code(), INVALID_PARAMS_CODE, "{bad}");
			assert_eq!(err.message(), "device must be a non-negative integer in range");
		}
	}

	#[test]
	fn block_hashes_accounts_and_page_sizes_are_checked() {
		let hash = format!("\"0x{}\"", "ab".repeat(32));
		assert_eq!(
			serde_json::from_str::<BlockHash>(&hash).unwrap().get().unwrap(),
			Hash::repeat_byte(0xab)
		);
		for bad in ["\"0xab\"", "12", "null", "\"latest\""] {
			let err = serde_json::from_str::<BlockHash>(bad).unwrap().get().unwrap_err();
			assert_eq!(err.code(), INVALID_PARAMS_CODE, "{bad}");
		}
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		assert!(account(alice, "owner").is_ok());
		assert_eq!(
			account("5Grwva", "owner").unwrap_err().message(),
			"owner is not an SS58 address: 5Grwva"
		);
		let page = |json: &str| limit(serde_json::from_str(json).unwrap(), 100);
		assert_eq!(page("null").unwrap(), 100);
		assert_eq!(page("1").unwrap(), 1);
		assert!(page("0").is_err() && page("101").is_err() && page("\"x\"").is_err());
	}

	#[test]
	fn receipts_of_a_device_or_an_owner_and_nothing_else() {
		let of = |json: &str| serde_json::from_str::<ReceiptsOf>(json).unwrap();
		assert!(
			matches!(of("{\"device\": 3}"), ReceiptsOf::Device { device } if device.get("device").unwrap() == 3u64)
		);
		assert!(matches!(of("{\"owner\": \"x\"}"), ReceiptsOf::Owner { .. }));
		assert!(matches!(of("{\"vault\": 1}"), ReceiptsOf::Invalid(_)));
		assert!(matches!(of("[]"), ReceiptsOf::Invalid(_)));
	}
}
