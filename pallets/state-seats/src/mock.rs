//! A test runtime: states and roles, the council and staking are small in-memory fakes.

use crate as pallet_state_seats;
use atlas_primitives::{Role, RoleProvider, StateId, ValidatorIntent};
use frame_support::{derive_impl, traits::ChangeMembers};
use sp_runtime::{BuildStorage, DispatchError, Perbill};
use std::{
	cell::RefCell,
	collections::{BTreeMap, BTreeSet},
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Seats: pallet_state_seats,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
}

/// Council seats in the mock.
pub const MAX_SEATS: u32 = 3;
/// Validators one state may declare in the mock.
pub const MAX_VALIDATORS: u32 = 2;

impl pallet_state_seats::Config for Test {
	type Roles = MockRoles;
	type StateAdminOrigin = atlas_primitives::EnsureStateAdmin<MockRoles, AccountId>;
	type Council = MockCouncil;
	type MaxSeats = frame_support::traits::ConstU32<MAX_SEATS>;
	type Staking = MockStaking;
	type MaxValidatorsPerState = frame_support::traits::ConstU32<MAX_VALIDATORS>;
	type WeightInfo = ();
}

/// A state in the mock registry.
#[derive(Clone)]
pub struct MockState {
	pub admin: AccountId,
	pub active: bool,
	/// Past probation (true unless a test says otherwise).
	pub established: bool,
	pub validators: BTreeSet<AccountId>,
}

thread_local! {
	static STATES: RefCell<BTreeMap<StateId, MockState>> = const { RefCell::new(BTreeMap::new()) };
	static BONDED: RefCell<BTreeSet<AccountId>> = const { RefCell::new(BTreeSet::new()) };
	static VALIDATING: RefCell<BTreeMap<AccountId, Perbill>> = const { RefCell::new(BTreeMap::new()) };
}

/// The registry: states and their appointed validators.
pub struct MockRoles;
impl MockRoles {
	pub fn add(state: StateId, admin: AccountId) {
		STATES.with(|s| {
			s.borrow_mut().insert(
				state,
				MockState { admin, active: true, established: true, validators: BTreeSet::new() },
			)
		});
	}
	pub fn set_active(state: StateId, active: bool) {
		STATES.with(|s| s.borrow_mut().get_mut(&state).expect("state").active = active);
	}
	pub fn set_established(state: StateId, established: bool) {
		STATES.with(|s| s.borrow_mut().get_mut(&state).expect("state").established = established);
	}
	pub fn set_admin(state: StateId, admin: AccountId) {
		STATES.with(|s| s.borrow_mut().get_mut(&state).expect("state").admin = admin);
	}
	pub fn remove(state: StateId) {
		STATES.with(|s| s.borrow_mut().remove(&state));
	}
	pub fn appoint(state: StateId, who: AccountId) {
		STATES.with(|s| s.borrow_mut().get_mut(&state).expect("state").validators.insert(who));
	}
	pub fn dismiss(state: StateId, who: AccountId) {
		STATES.with(|s| s.borrow_mut().get_mut(&state).expect("state").validators.remove(&who));
	}
	fn get(state: StateId) -> Option<MockState> {
		STATES.with(|s| s.borrow().get(&state).cloned())
	}
}
impl RoleProvider<AccountId> for MockRoles {
	fn state_exists(state: StateId) -> bool {
		Self::get(state).is_some()
	}
	fn is_state_active(state: StateId) -> bool {
		Self::get(state).is_some_and(|s| s.active)
	}
	fn is_state_established(state: StateId) -> bool {
		Self::get(state).is_some_and(|s| s.active && s.established)
	}
	fn is_admin(state: StateId, who: &AccountId) -> bool {
		Self::get(state).is_some_and(|s| s.admin == *who)
	}
	fn has_role(state: StateId, who: &AccountId, role: Role) -> bool {
		Self::get(state).is_some_and(|s| {
			s.admin == *who || (role == Role::Validator && s.validators.contains(who))
		})
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_state(admin: &AccountId) -> StateId {
		let state = STATES.with(|s| s.borrow().keys().last().map_or(0, |l| l + 1));
		Self::add(state, *admin);
		<crate::Pallet<Test> as atlas_primitives::OnStateChange<AccountId>>::on_active(
			state, admin,
		);
		state
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(state: StateId, who: &AccountId, _role: Role) {
		Self::appoint(state, *who);
	}
}

/// The collective: remembers the members it is given, checking they come sorted.
pub struct MockCouncil;
impl MockCouncil {
	// Kept in storage so benchmarks, which roll storage back between runs, see it rolled back.
	pub fn members() -> Vec<AccountId> {
		frame_support::storage::unhashed::get(b":council:").unwrap_or_default()
	}
}
impl ChangeMembers<AccountId> for MockCouncil {
	fn change_members_sorted(incoming: &[AccountId], outgoing: &[AccountId], new: &[AccountId]) {
		assert!(new.windows(2).all(|w| w[0] < w[1]), "members come sorted");
		let mut expected = Self::members();
		expected.retain(|m| !outgoing.contains(m));
		expected.extend_from_slice(incoming);
		expected.sort();
		assert_eq!(expected, new, "incoming and outgoing describe the change");
		frame_support::storage::unhashed::put(b":council:", &new.to_vec());
	}
}

/// Staking: bonded stashes and declared validators.
pub struct MockStaking;
impl MockStaking {
	pub fn bond(who: AccountId) {
		BONDED.with(|b| b.borrow_mut().insert(who));
	}
	pub fn commission(who: AccountId) -> Option<Perbill> {
		VALIDATING.with(|v| v.borrow().get(&who).copied())
	}
}
impl ValidatorIntent<AccountId> for MockStaking {
	fn validate(who: &AccountId, commission: Perbill, _blocked: bool) -> Result<(), DispatchError> {
		if !BONDED.with(|b| b.borrow().contains(who)) {
			return Err(DispatchError::Other("NotStash"));
		}
		VALIDATING.with(|v| v.borrow_mut().insert(*who, commission));
		Ok(())
	}
	fn chill(who: &AccountId) {
		VALIDATING.with(|v| v.borrow_mut().remove(who));
	}
	fn is_validator(who: &AccountId) -> bool {
		VALIDATING.with(|v| v.borrow().contains_key(who))
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_bond(who: &AccountId) {
		Self::bond(*who);
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	STATES.with(|s| s.borrow_mut().clear());
	BONDED.with(|b| b.borrow_mut().clear());
	VALIDATING.with(|v| v.borrow_mut().clear());
	let t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks the pallet's invariants and that the council mirrors the seats.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Seats::do_try_state().expect("invariants hold");
		assert_eq!(MockCouncil::members(), crate::Seats::<Test>::get().into_inner());
	});
}
