//! Roles an account can hold within a network state.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A role an account holds within one network state. An account can hold several.
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
pub enum Role {
	/// A verified member of the state: may register devices in it.
	Citizen,
	/// Runs devices for owners and submits their device-signed reports.
	Operator,
	/// Bonds a stake and attests what it observed of devices.
	Verifier,
	/// Helps the admin run the state: verifies citizens, grants roles, activates devices.
	Steward,
	/// Runs a validator node on behalf of the state.
	Validator,
}

impl Role {
	/// Every role, in a fixed order.
	pub const ALL: [Role; 5] =
		[Role::Citizen, Role::Operator, Role::Verifier, Role::Steward, Role::Validator];

	/// The bit of this role in a [`RoleSet`].
	pub const fn bit(self) -> u8 {
		match self {
			Role::Citizen => 1 << 0,
			Role::Operator => 1 << 1,
			Role::Verifier => 1 << 2,
			Role::Steward => 1 << 3,
			Role::Validator => 1 << 4,
		}
	}
}

/// A set of [`Role`]s, one bit each: O(1) membership tests, one byte of storage.
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
pub struct RoleSet(pub u8);

impl RoleSet {
	/// The empty set.
	pub const fn empty() -> Self {
		RoleSet(0)
	}

	/// Whether `role` is in the set.
	pub const fn contains(&self, role: Role) -> bool {
		self.0 & role.bit() != 0
	}

	/// Adds `role`; returns whether it was newly added.
	pub fn insert(&mut self, role: Role) -> bool {
		let added = !self.contains(role);
		self.0 |= role.bit();
		added
	}

	/// Removes `role`; returns whether it was present.
	pub fn remove(&mut self, role: Role) -> bool {
		let present = self.contains(role);
		self.0 &= !role.bit();
		present
	}

	/// Whether no role is in the set.
	pub const fn is_empty(&self) -> bool {
		self.0 == 0
	}

	/// The roles in the set, in [`Role::ALL`] order.
	pub fn iter(self) -> impl Iterator<Item = Role> {
		Role::ALL.into_iter().filter(move |r| self.contains(*r))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn role_set_insert_remove() {
		let mut set = RoleSet::empty();
		assert!(set.is_empty());
		assert!(set.insert(Role::Citizen));
		assert!(!set.insert(Role::Citizen));
		assert!(set.insert(Role::Steward));
		assert!(set.contains(Role::Citizen) && set.contains(Role::Steward));
		assert!(!set.contains(Role::Operator));
		assert_eq!(set.iter().collect::<alloc::vec::Vec<_>>(), [Role::Citizen, Role::Steward]);
		assert!(set.remove(Role::Citizen));
		assert!(!set.remove(Role::Citizen));
		assert_eq!(set, RoleSet(Role::Steward.bit()));
	}

	#[test]
	fn role_bits_are_distinct() {
		let all = Role::ALL.iter().fold(0u8, |acc, r| {
			assert_eq!(acc & r.bit(), 0);
			acc | r.bit()
		});
		assert_eq!(all.count_ones() as usize, Role::ALL.len());
	}
}
