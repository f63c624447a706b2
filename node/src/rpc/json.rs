//! Plain JSON for `depin_*` results: any SCALE value with type information becomes JSON a client
//! reads without SCALE. Accounts are SS58 (Atlas prefix), integers wider than 32 bits (balances,
//! device ids, bytes) decimal strings, enums their variant's name (`{"Name": fields}` when it
//! carries data), `Option` `null` or the value, text bytes UTF-8 strings, other bytes `0x` hex,
//! single-field wrappers (`Perbill`, bounded vectors) their inner value, and role sets the names
//! of their roles.

use codec::{Compact, Decode, Encode};
use scale_info::{form::PortableForm, PortableRegistry, Type, TypeDef, TypeDefPrimitive, TypeInfo};
use serde_json::{json, Map, Value};
use sp_core::crypto::{AccountId32, Ss58AddressFormat, Ss58Codec};

/// `value` as plain JSON.
pub fn to_json<T: Encode + TypeInfo + 'static>(value: &T) -> Result<Value, String> {
	let mut registry = scale_info::Registry::new();
	let id = registry.register_type(&scale_info::meta_type::<T>()).id;
	let portable: PortableRegistry = registry.into();
	let bytes = value.encode();
	let mut input = &bytes[..];
	let out = decode(&portable, id, &mut input)?;
	if !input.is_empty() {
		return Err("trailing bytes".into());
	}
	Ok(out)
}

/// An account in Atlas's SS58 format.
pub fn ss58(account: &AccountId32) -> String {
	account.to_ss58check_with_version(Ss58AddressFormat::custom(atlas_runtime::SS58_PREFIX))
}

fn decode(reg: &PortableRegistry, id: u32, input: &mut &[u8]) -> Result<Value, String> {
	let ty = reg.resolve(id).ok_or_else(|| format!("unknown type {id}"))?;
	let last = ty.path.segments.last().map(String::as_str).unwrap_or_default();
	if last == "RoleSet" {
		let bits = u8::decode(input).map_err(|e| e.to_string())?;
		return Ok(Value::Array(
			atlas_primitives::Role::ALL
				.iter()
				.filter(|r| bits & r.bit() != 0)
				.map(|r| Value::String(format!("{r:?}")))
				.collect(),
		));
	}
	if last == "AccountId32" {
		let account = AccountId32::decode(input).map_err(|e| e.to_string())?;
		return Ok(Value::String(ss58(&account)));
	}
	match &ty.type_def {
		TypeDef::Composite(c) => fields(reg, &c.fields, input),
		TypeDef::Variant(v) => {
			let index = u8::decode(input).map_err(|e| e.to_string())?;
			let variant = v
				.variants
				.iter()
				.find(|x| x.index == index)
				.ok_or_else(|| format!("bad variant {index} of {last}"))?;
			if last == "Option" {
				return match variant.fields.first() {
					None => Ok(Value::Null),
					Some(f) => decode(reg, f.ty.id, input),
				};
			}
			if variant.fields.is_empty() {
				Ok(Value::String(variant.name.clone()))
			} else {
				let mut map = Map::new();
				map.insert(variant.name.clone(), fields(reg, &variant.fields, input)?);
				Ok(Value::Object(map))
			}
		},
		TypeDef::Sequence(s) => {
			let len = Compact::<u32>::decode(input).map_err(|e| e.to_string())?.0 as usize;
			if is_u8(reg, s.type_param.id) {
				let bytes = take(input, len)?;
				Ok(text_or_hex(bytes))
			} else {
				(0..len).map(|_| decode(reg, s.type_param.id, input)).collect()
			}
		},
		TypeDef::Array(a) => {
			if is_u8(reg, a.type_param.id) {
				Ok(Value::String(format!("0x{}", hex(take(input, a.len as usize)?))))
			} else {
				(0..a.len).map(|_| decode(reg, a.type_param.id, input)).collect()
			}
		},
		TypeDef::Tuple(t) => {
			if t.fields.is_empty() {
				return Ok(Value::Null);
			}
			t.fields.iter().map(|f| decode(reg, f.id, input)).collect()
		},
		TypeDef::Primitive(p) => primitive(p, input),
		TypeDef::Compact(c) => {
			let inner = reg.resolve(c.type_param.id).ok_or("unknown compact type")?;
			match &inner.type_def {
				TypeDef::Primitive(TypeDefPrimitive::U8 | TypeDefPrimitive::U16)
				| TypeDef::Primitive(TypeDefPrimitive::U32) => {
					Ok(json!(Compact::<u32>::decode(input).map_err(|e| e.to_string())?.0))
				},
				TypeDef::Primitive(TypeDefPrimitive::U64) => Ok(Value::String(
					Compact::<u64>::decode(input).map_err(|e| e.to_string())?.0.to_string(),
				)),
				_ => Ok(Value::String(
					Compact::<u128>::decode(input).map_err(|e| e.to_string())?.0.to_string(),
				)),
			}
		},
		TypeDef::BitSequence(_) => Err("bit sequences are not supported".into()),
	}
}

/// Named fields become an object; one unnamed field its value; several an array.
fn fields(
	reg: &PortableRegistry,
	fields: &[scale_info::Field<PortableForm>],
	input: &mut &[u8],
) -> Result<Value, String> {
	match fields {
		[] => Ok(Value::Null),
		[only] if only.name.is_none() => decode(reg, only.ty.id, input),
		_ if fields.iter().all(|f| f.name.is_some()) => {
			let mut map = Map::new();
			for f in fields {
				let name = camel(f.name.as_deref().unwrap_or_default());
				map.insert(name, decode(reg, f.ty.id, input)?);
			}
			Ok(Value::Object(map))
		},
		_ => fields.iter().map(|f| decode(reg, f.ty.id, input)).collect(),
	}
}

fn primitive(p: &TypeDefPrimitive, input: &mut &[u8]) -> Result<Value, String> {
	let e = |e: codec::Error| e.to_string();
	Ok(match p {
		TypeDefPrimitive::Bool => json!(bool::decode(input).map_err(e)?),
		TypeDefPrimitive::Char => return Err("char is not SCALE".into()),
		TypeDefPrimitive::Str => json!(String::decode(input).map_err(e)?),
		TypeDefPrimitive::U8 => json!(u8::decode(input).map_err(e)?),
		TypeDefPrimitive::U16 => json!(u16::decode(input).map_err(e)?),
		TypeDefPrimitive::U32 => json!(u32::decode(input).map_err(e)?),
		TypeDefPrimitive::U64 => json!(u64::decode(input).map_err(e)?.to_string()),
		TypeDefPrimitive::U128 => json!(u128::decode(input).map_err(e)?.to_string()),
		TypeDefPrimitive::I8 => json!(i8::decode(input).map_err(e)?),
		TypeDefPrimitive::I16 => json!(i16::decode(input).map_err(e)?),
		TypeDefPrimitive::I32 => json!(i32::decode(input).map_err(e)?),
		TypeDefPrimitive::I64 => json!(i64::decode(input).map_err(e)?.to_string()),
		TypeDefPrimitive::I128 => json!(i128::decode(input).map_err(e)?.to_string()),
		TypeDefPrimitive::U256 | TypeDefPrimitive::I256 => {
			json!(format!("0x{}", hex(take(input, 32)?)))
		},
	})
}

fn is_u8(reg: &PortableRegistry, id: u32) -> bool {
	matches!(reg.resolve(id), Some(Type { type_def: TypeDef::Primitive(TypeDefPrimitive::U8), .. }))
}

fn take<'a>(input: &mut &'a [u8], len: usize) -> Result<&'a [u8], String> {
	if input.len() < len {
		return Err("not enough bytes".into());
	}
	let (head, tail) = input.split_at(len);
	*input = tail;
	Ok(head)
}

/// Printable UTF-8 (names, URIs) as text, anything else as hex.
fn text_or_hex(bytes: &[u8]) -> Value {
	match std::str::from_utf8(bytes) {
		Ok(s) if !s.chars().any(char::is_control) => Value::String(s.to_owned()),
		_ => Value::String(format!("0x{}", hex(bytes))),
	}
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `snake_case` field names as `camelCase`, like polkadot.js shows them.
fn camel(name: &str) -> String {
	let mut out = String::with_capacity(name.len());
	let mut upper = false;
	for c in name.chars() {
		if c == '_' {
			upper = true;
		} else if upper {
			out.extend(c.to_uppercase());
			upper = false;
		} else {
			out.push(c);
		}
	}
	out
}
