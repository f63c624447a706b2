//! Origins checked against the network states: a state's admin as an [`EnsureOriginWithArg`]
//! whose argument is the state.

use crate::{RoleProvider, StateId};
use core::marker::PhantomData;
use frame_support::traits::{EnsureOriginWithArg, OriginTrait};
use sp_runtime::DispatchError;

/// A signed origin whose signer is the admin of the state given as the argument, by `Roles`;
/// yields the signer. The pallets' `StateAdminOrigin` in the runtime.
pub struct EnsureStateAdmin<Roles, AccountId>(PhantomData<(Roles, AccountId)>);

impl<O, Roles, AccountId> EnsureOriginWithArg<O, StateId> for EnsureStateAdmin<Roles, AccountId>
where
	O: OriginTrait<AccountId = AccountId>,
	Roles: RoleProvider<AccountId>,
	AccountId: Clone,
{
	type Success = AccountId;

	fn try_origin(o: O, state: &StateId) -> Result<AccountId, O> {
		let admin = o.as_signer().filter(|who| Roles::is_admin(*state, who)).cloned();
		admin.ok_or(o)
	}

	/// No origin is made here: benchmarks dispatch with a signed origin of the admin of a state
	/// they set up ([`RoleProvider::benchmark_state`]).
	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(_state: &StateId) -> Result<O, ()> {
		Err(())
	}
}

/// Checks `origin` with `A` as `state`'s admin and returns what `A` yields. An origin that is
/// not signed at all fails with [`DispatchError::BadOrigin`], as `ensure_signed` would; a signer
/// `A` refuses fails with `not_admin` (the calling pallet's error).
pub fn ensure_state_admin<A, O>(
	origin: O,
	state: StateId,
	not_admin: impl Into<DispatchError>,
) -> Result<A::Success, DispatchError>
where
	O: OriginTrait,
	A: EnsureOriginWithArg<O, StateId>,
{
	A::try_origin(origin, &state).map_err(|origin| match origin.as_signer() {
		Some(_) => not_admin.into(),
		None => DispatchError::BadOrigin,
	})
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::Role;
	use frame_support::derive_impl;

	type Block = frame_system::mocking::MockBlock<Test>;

	frame_support::construct_runtime!(
		pub enum Test {
			System: frame_system,
		}
	);

	#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
	impl frame_system::Config for Test {
		type Block = Block;
	}

	/// State 0 is administered by 1, state 1 by 2; no other state exists.
	struct MockRoles;

	impl RoleProvider<u64> for MockRoles {
		fn state_exists(state: StateId) -> bool {
			state < 2
		}

		fn is_state_active(state: StateId) -> bool {
			Self::state_exists(state)
		}

		fn is_admin(state: StateId, who: &u64) -> bool {
			Self::state_exists(state) && u64::from(state) + 1 == *who
		}

		fn has_role(state: StateId, who: &u64, _role: Role) -> bool {
			Self::is_admin(state, who)
		}

		#[cfg(feature = "runtime-benchmarks")]
		fn benchmark_state(_admin: &u64) -> StateId {
			0
		}

		#[cfg(feature = "runtime-benchmarks")]
		fn benchmark_grant(_state: StateId, _who: &u64, _role: Role) {}
	}

	type Admin = EnsureStateAdmin<MockRoles, u64>;

	#[test]
	fn only_the_states_admin_passes() {
		assert_eq!(Admin::try_origin(RuntimeOrigin::signed(1), &0).ok(), Some(1));
		assert_eq!(Admin::try_origin(RuntimeOrigin::signed(2), &1).ok(), Some(2));
		// Another state's admin, a stranger, an unknown state.
		assert!(Admin::try_origin(RuntimeOrigin::signed(2), &0).is_err());
		assert!(Admin::try_origin(RuntimeOrigin::signed(9), &0).is_err());
		assert!(Admin::try_origin(RuntimeOrigin::signed(3), &2).is_err());
		// Not signed at all.
		assert!(Admin::try_origin(RuntimeOrigin::root(), &0).is_err());
		assert!(Admin::try_origin(RuntimeOrigin::none(), &0).is_err());
		assert!(Admin::ensure_origin(RuntimeOrigin::signed(9), &0).is_err());
		assert_eq!(Admin::ensure_origin(RuntimeOrigin::signed(1), &0).ok(), Some(1));
	}

	#[test]
	fn a_refused_origin_comes_back() {
		let back = Admin::try_origin(RuntimeOrigin::signed(9), &0).err();
		assert_eq!(back.as_ref().and_then(|o| o.as_signer().copied()), Some(9));
		let back = Admin::try_origin(RuntimeOrigin::root(), &0).err();
		assert!(back.is_some_and(|o| o.as_system_ref() == Some(&frame_system::RawOrigin::Root)));
	}

	#[test]
	fn ensure_state_admin_tells_unsigned_from_refused() {
		let not_admin = DispatchError::Other("not the admin");
		let check = |o, state| ensure_state_admin::<Admin, RuntimeOrigin>(o, state, not_admin);
		assert_eq!(check(RuntimeOrigin::signed(1), 0), Ok(1));
		assert_eq!(check(RuntimeOrigin::signed(2), 0), Err(not_admin));
		assert_eq!(check(RuntimeOrigin::signed(1), 7), Err(not_admin));
		assert_eq!(check(RuntimeOrigin::none(), 0), Err(DispatchError::BadOrigin));
		assert_eq!(check(RuntimeOrigin::root(), 0), Err(DispatchError::BadOrigin));
	}

	#[cfg(feature = "runtime-benchmarks")]
	#[test]
	fn no_successful_origin_is_made() {
		assert!(<Admin as EnsureOriginWithArg<RuntimeOrigin, StateId>>::try_successful_origin(&0)
			.is_err());
	}
}
