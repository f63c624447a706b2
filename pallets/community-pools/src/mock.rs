//! A test runtime with balances and the community pools pallet; the network states, the pools'
//! accounts and the governance stake come from settable mocks.

use crate as pallet_community_pools;
use atlas_primitives::{Role, StateId};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU128, ConstU32, ConstU64, ConstantStoragePrice},
};
use sp_runtime::BuildStorage;
use std::{
	cell::RefCell,
	collections::{BTreeMap, BTreeSet},
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		CommunityPools: pallet_community_pools,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// A state as [`MockRoles`] keeps it.
#[derive(Clone, Default)]
pub struct MockState {
	/// Suspended states are not active.
	pub active: bool,
	/// Its admin, who holds every role.
	pub admin: AccountId,
	/// Accounts holding a role, by role.
	pub roles: BTreeMap<AccountId, BTreeSet<u8>>,
}

thread_local! {
	static STATES: RefCell<BTreeMap<StateId, MockState>> = const { RefCell::new(BTreeMap::new()) };
	static NEXT_STATE: RefCell<StateId> = const { RefCell::new(0) };
	static STAKES: RefCell<BTreeMap<AccountId, Balance>> = const { RefCell::new(BTreeMap::new()) };
}

/// The network states, as the network states pallet would report them. As there, the admin of
/// a state holds every role in it.
pub struct MockRoles;
impl MockRoles {
	/// Registers an active `state` administered by `admin`.
	pub fn add_state(state: StateId, admin: AccountId) {
		STATES.with(|s| {
			s.borrow_mut()
				.insert(state, MockState { active: true, admin, roles: Default::default() })
		});
		NEXT_STATE.with(|n| {
			let mut n = n.borrow_mut();
			*n = (*n).max(state.saturating_add(1));
		});
	}

	/// Deregisters `state` (the caller tells the pallet, as the registry would).
	pub fn remove_state(state: StateId) {
		STATES.with(|s| s.borrow_mut().remove(&state));
	}

	/// Suspends (`false`) or restores (`true`) `state`.
	pub fn set_active(state: StateId, active: bool) {
		STATES.with(|s| {
			if let Some(info) = s.borrow_mut().get_mut(&state) {
				info.active = active;
			}
		});
	}

	/// Grants `role` in `state` to `who`.
	pub fn grant(state: StateId, who: AccountId, role: Role) {
		STATES.with(|s| {
			if let Some(info) = s.borrow_mut().get_mut(&state) {
				info.roles.entry(who).or_default().insert(role.bit());
			}
		});
	}

	/// Revokes `role` in `state` from `who`.
	pub fn revoke(state: StateId, who: AccountId, role: Role) {
		STATES.with(|s| {
			if let Some(info) = s.borrow_mut().get_mut(&state) {
				if let Some(roles) = info.roles.get_mut(&who) {
					roles.remove(&role.bit());
				}
			}
		});
	}

	fn with_state<R>(state: StateId, f: impl FnOnce(&MockState) -> R) -> Option<R> {
		STATES.with(|s| s.borrow().get(&state).map(f))
	}
}

impl atlas_primitives::RoleProvider<AccountId> for MockRoles {
	fn state_exists(state: StateId) -> bool {
		Self::with_state(state, |_| ()).is_some()
	}

	fn is_state_active(state: StateId) -> bool {
		Self::with_state(state, |s| s.active).unwrap_or(false)
	}

	fn is_admin(state: StateId, who: &AccountId) -> bool {
		Self::with_state(state, |s| s.admin == *who).unwrap_or(false)
	}

	fn has_role(state: StateId, who: &AccountId, role: Role) -> bool {
		Self::with_state(state, |s| {
			s.admin == *who || s.roles.get(who).is_some_and(|r| r.contains(&role.bit()))
		})
		.unwrap_or(false)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_state(admin: &AccountId) -> StateId {
		let state = NEXT_STATE.with(|n| *n.borrow());
		Self::add_state(state, *admin);
		state
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(state: StateId, who: &AccountId, role: Role) {
		Self::grant(state, *who, role);
	}
}

/// The pool of state `s` is the account `1_000 + s`.
pub struct MockPools;
impl atlas_primitives::CommunityPools<AccountId> for MockPools {
	fn pool_account(state: StateId) -> AccountId {
		pool(state)
	}
}

/// The pool account of `state`.
pub fn pool(state: StateId) -> AccountId {
	1_000 + AccountId::from(state)
}

/// Governance stake, set per account.
pub struct MockStake;
impl MockStake {
	/// Sets `who`'s active stake.
	pub fn set(who: AccountId, amount: Balance) {
		STAKES.with(|s| s.borrow_mut().insert(who, amount));
	}
}
impl atlas_primitives::GovernanceStake<AccountId, Balance> for MockStake {
	fn voting_stake(who: &AccountId) -> Balance {
		STAKES.with(|s| s.borrow().get(who).copied().unwrap_or_default())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_stake(who: &AccountId, amount: Balance) {
		Self::set(*who, amount);
	}
}

/// A proposal's deposit.
pub const PROPOSAL_DEPOSIT: Balance = 10;
/// Blocks a proposal is open to votes.
pub const VOTING_PERIOD: u64 = 10;
/// The least aye stake a spend needs.
pub const MIN_APPROVAL: Balance = 50;
/// Most open proposals per state.
pub const MAX_OPEN: u32 = 2;
/// Most voters per proposal.
pub const MAX_VOTERS: u32 = 4;
/// Receives the pools of states that are gone.
pub const TREASURY: AccountId = 999;

parameter_types! {
	pub const ExistentialDeposit: Balance = 1;
	pub const Treasury: AccountId = TREASURY;
	pub const ProposalHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::CommunityPools(pallet_community_pools::HoldReason::ProposalDeposit);
}

/// A proposal's deposit: [`PROPOSAL_DEPOSIT`] held, whatever the record's footprint.
pub type ProposalTicket = HoldConsideration<
	AccountId,
	Balances,
	ProposalHoldReason,
	ConstantStoragePrice<ConstU128<PROPOSAL_DEPOSIT>, Balance>,
>;

impl pallet_community_pools::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Roles = MockRoles;
	type Pools = MockPools;
	type Stake = MockStake;
	type Investments = MockVaults;
	type ProposalConsideration = ProposalTicket;
	type VotingPeriod = ConstU64<VOTING_PERIOD>;
	type MaxOpenProposals = ConstU32<MAX_OPEN>;
	type MaxVoters = ConstU32<MAX_VOTERS>;
	type MinApprovalStake = ConstU128<MIN_APPROVAL>;
	type Treasury = Treasury;
	type WeightInfo = ();
}

/// The state the tests run in: administered by [`ADMIN`], with [`STEWARD`] and citizens
/// [`CITIZEN_A`], [`CITIZEN_B`], [`CITIZEN_C`] and [`CITIZEN_D`].
pub const STATE: StateId = 0;
/// Another state, administered by [`OTHER_ADMIN`], with [`OUTSIDER`] as a citizen.
pub const OTHER_STATE: StateId = 1;
/// What each pool holds at genesis.
pub const POOL_FUNDS: Balance = 10_000;

/// Admin of [`STATE`]; no stake.
pub const ADMIN: AccountId = 1;
/// Steward of [`STATE`]; no stake.
pub const STEWARD: AccountId = 2;
/// A steward of [`STATE`] who cannot afford a proposal's deposit.
pub const POOR_STEWARD: AccountId = 3;
/// Admin of [`OTHER_STATE`].
pub const OTHER_ADMIN: AccountId = 5;
/// Citizen of [`STATE`] with stake 100.
pub const CITIZEN_A: AccountId = 10;
/// Citizen of [`STATE`] without stake, but 1,000,000 free.
pub const CITIZEN_B: AccountId = 11;
/// Citizen of [`STATE`] with stake 60.
pub const CITIZEN_C: AccountId = 12;
/// Citizen of [`STATE`] with stake 30.
pub const CITIZEN_D: AccountId = 13;
/// Not a citizen of [`STATE`] (a citizen of [`OTHER_STATE`]), with stake 500.
pub const OUTSIDER: AccountId = 20;
/// Receives spends; holds nothing at genesis.
pub const RECIPIENT: AccountId = 50;

thread_local! {
	static VAULT_CALLS: RefCell<Vec<(StateId, AccountId, &'static str, u32, Balance)>> =
		const { RefCell::new(Vec::new()) };
}

/// Vaults as pools see them: vault 7 takes any action (the pool's ATH moves to
/// [`VAULT_ACCOUNT`] on an investment); any other vault refuses.
pub struct MockVaults;
impl MockVaults {
	/// The actions vault 7 took: (state, pool, kind, vault or proposal, amount or shares).
	pub fn calls() -> Vec<(StateId, AccountId, &'static str, u32, Balance)> {
		VAULT_CALLS.with(|c| c.borrow().clone())
	}
}
/// Where vault 7 keeps what pools invest.
pub const VAULT_ACCOUNT: AccountId = 777;
impl atlas_primitives::StateInvestments<AccountId, Balance> for MockVaults {
	fn invest(
		state: StateId,
		pool: &AccountId,
		vault: u32,
		amount: Balance,
	) -> Result<(), sp_runtime::DispatchError> {
		use frame_support::traits::{fungible::Mutate, tokens::Preservation};
		if vault != 7 {
			return Err(sp_runtime::DispatchError::Other("no such vault"));
		}
		Balances::transfer(pool, &VAULT_ACCOUNT, amount, Preservation::Expendable)?;
		VAULT_CALLS.with(|c| c.borrow_mut().push((state, *pool, "invest", vault, amount)));
		Ok(())
	}
	fn divest(
		state: StateId,
		pool: &AccountId,
		vault: u32,
		shares: Balance,
	) -> Result<(), sp_runtime::DispatchError> {
		if vault != 7 {
			return Err(sp_runtime::DispatchError::Other("no such vault"));
		}
		VAULT_CALLS.with(|c| c.borrow_mut().push((state, *pool, "divest", vault, shares)));
		Ok(())
	}
	fn vote(
		pool: &AccountId,
		vault: u32,
		proposal: u32,
		_aye: bool,
		shares: Balance,
	) -> Result<(), sp_runtime::DispatchError> {
		if vault != 7 {
			return Err(sp_runtime::DispatchError::Other("no such vault"));
		}
		VAULT_CALLS.with(|c| c.borrow_mut().push((u32::MAX, *pool, "vote", proposal, shares)));
		Ok(())
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	VAULT_CALLS.with(|c| c.borrow_mut().clear());
	STATES.with(|s| s.borrow_mut().clear());
	NEXT_STATE.with(|n| *n.borrow_mut() = 0);
	STAKES.with(|s| s.borrow_mut().clear());
	MockRoles::add_state(STATE, ADMIN);
	MockRoles::grant(STATE, STEWARD, Role::Steward);
	MockRoles::grant(STATE, POOR_STEWARD, Role::Steward);
	for citizen in [CITIZEN_A, CITIZEN_B, CITIZEN_C, CITIZEN_D] {
		MockRoles::grant(STATE, citizen, Role::Citizen);
	}
	MockRoles::add_state(OTHER_STATE, OTHER_ADMIN);
	MockRoles::grant(OTHER_STATE, OUTSIDER, Role::Citizen);
	MockStake::set(CITIZEN_A, 100);
	MockStake::set(CITIZEN_C, 60);
	MockStake::set(CITIZEN_D, 30);
	MockStake::set(OUTSIDER, 500);

	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ADMIN, 10_000),
			(STEWARD, 10_000),
			(POOR_STEWARD, 5),
			(OTHER_ADMIN, 10_000),
			(CITIZEN_A, 1_000),
			(CITIZEN_B, 1_000_000),
			(CITIZEN_C, 1_000),
			(CITIZEN_D, 1_000),
			(OUTSIDER, 1_000),
			(TREASURY, 1),
			(pool(STATE), POOL_FUNDS),
			(pool(OTHER_STATE), POOL_FUNDS),
		],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks the pallet's invariants.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		CommunityPools::do_try_state().expect("invariants hold");
	});
}
