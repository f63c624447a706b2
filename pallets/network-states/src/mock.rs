//! A test runtime with balances and the network states pallet; what states hold in other
//! pallets comes from a settable map.

use crate as pallet_network_states;
use atlas_primitives::{StateHolding, StateHoldings, StateId};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU128, ConstU32, ConstU64, ConstantStoragePrice},
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		NetworkStates: pallet_network_states,
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

thread_local! {
	static HOLDINGS: RefCell<BTreeMap<StateId, StateHolding>> = const { RefCell::new(BTreeMap::new()) };
}

/// What states hold in other pallets (devices, recognitions, agreements, deployments), as those
/// pallets would report it.
pub struct MockHoldings;
impl MockHoldings {
	/// Makes `state` hold `holding` (nothing when `None`).
	pub fn set(state: StateId, holding: Option<StateHolding>) {
		HOLDINGS.with(|h| match holding {
			Some(holding) => h.borrow_mut().insert(state, holding),
			None => h.borrow_mut().remove(&state),
		});
	}
}
impl StateHoldings for MockHoldings {
	fn holding(state: StateId) -> Option<StateHolding> {
		HOLDINGS.with(|h| h.borrow().get(&state).copied())
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

pub const STATE_DEPOSIT: Balance = 100;
pub const MEMBERSHIP_DEPOSIT: Balance = 10;
/// The admission bond.
pub const BOND: Balance = 500;
/// Blocks of probation.
pub const PROBATION: u64 = 10;
/// Receives forfeited bonds.
pub const TREASURY: AccountId = 999;

parameter_types! {
	pub const ExistentialDeposit: Balance = 1;
	pub const Treasury: AccountId = TREASURY;
	pub const StateHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::NetworkStates(pallet_network_states::HoldReason::StateDeposit);
	pub const MembershipHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::NetworkStates(pallet_network_states::HoldReason::MembershipDeposit);
}

/// A state's deposit: [`STATE_DEPOSIT`] held, whatever the record's footprint.
pub type StateTicket = HoldConsideration<
	AccountId,
	Balances,
	StateHoldReason,
	ConstantStoragePrice<ConstU128<STATE_DEPOSIT>, Balance>,
>;

/// A membership record's deposit: [`MEMBERSHIP_DEPOSIT`] held.
pub type MembershipTicket = HoldConsideration<
	AccountId,
	Balances,
	MembershipHoldReason,
	ConstantStoragePrice<ConstU128<MEMBERSHIP_DEPOSIT>, Balance>,
>;

impl pallet_network_states::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type AdmissionOrigin = EnsureRoot<AccountId>;
	type AdmissionBond = ConstU128<BOND>;
	type Probation = ConstU64<PROBATION>;
	type Forfeit = frame_support::traits::tokens::imbalance::ResolveTo<Treasury, Balances>;
	type StateAdminOrigin = atlas_primitives::EnsureStateAdmin<NetworkStates, AccountId>;
	type Holdings = MockHoldings;
	type StateConsideration = StateTicket;
	type MembershipConsideration = MembershipTicket;
	type MaxNameLength = ConstU32<16>;
	type MaxUriLength = ConstU32<32>;
	type MaxMembers = ConstU32<5>;
	type MaxStewards = ConstU32<2>;
	type MaxValidators = ConstU32<2>;
	type OnStateChange = RecordStateChanges;
	type WeightInfo = ();
}

/// What the pallet told [`RecordStateChanges`], in order.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum StateChange {
	Active(StateId, AccountId),
	Inactive(StateId, AccountId),
	AdminChanged(StateId, AccountId, AccountId, bool),
	ValidatorRemoved(StateId, AccountId),
}

thread_local! {
	static STATE_CHANGES: RefCell<Vec<StateChange>> = const { RefCell::new(Vec::new()) };
}

/// Records every state change it is told.
pub struct RecordStateChanges;
impl RecordStateChanges {
	/// Everything recorded so far, emptying the record.
	pub fn take() -> Vec<StateChange> {
		STATE_CHANGES.with(|c| core::mem::take(&mut *c.borrow_mut()))
	}
	fn push(change: StateChange) {
		STATE_CHANGES.with(|c| c.borrow_mut().push(change));
	}
}
impl atlas_primitives::OnStateChange<AccountId> for RecordStateChanges {
	fn on_active(state: StateId, admin: &AccountId) {
		Self::push(StateChange::Active(state, *admin));
	}
	fn on_inactive(state: StateId, admin: &AccountId) {
		Self::push(StateChange::Inactive(state, *admin));
	}
	fn on_admin_changed(state: StateId, old: &AccountId, new: &AccountId, active: bool) {
		Self::push(StateChange::AdminChanged(state, *old, *new, active));
	}
	fn on_validator_removed(state: StateId, who: &AccountId) {
		Self::push(StateChange::ValidatorRemoved(state, *who));
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// Has only 50: cannot afford a state deposit.
pub const POOR: AccountId = 9;
/// Has 300: affords a state deposit but not the admission bond on top.
pub const UNBONDED: AccountId = 8;

pub fn new_test_ext() -> sp_io::TestExternalities {
	HOLDINGS.with(|h| h.borrow_mut().clear());
	RecordStateChanges::take();
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, 10_000),
			(BOB, 10_000),
			(CHARLIE, 10_000),
			(DAVE, 10_000),
			(POOR, 50),
			(UNBONDED, 300),
			(TREASURY, 1),
		]
		.into_iter()
		.chain((100..120).map(|a| (a, 1_000)))
		.collect(),
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
		NetworkStates::do_try_state().expect("invariants hold");
	});
}
