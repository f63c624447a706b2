//! A test runtime with balances, the real network states pallet and this one; devices, vaults
//! and closed epochs come from settable maps.

use crate as pallet_deployments;
use atlas_primitives::{
	DeviceId, DeviceKey, DeviceRegistry, DeviceSpec, DeviceStatus, DeviceSummary, RewardRoute,
	RewardSink, StateHolding, StateHoldings, StateId, VaultId,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU128, ConstU32, ConstantStoragePrice},
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;
use sp_runtime::DispatchError;
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		States: pallet_network_states,
		Deployments: pallet_deployments,
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
	/// Device counts per state.
	static DEVICES: RefCell<BTreeMap<StateId, u32>> = const { RefCell::new(BTreeMap::new()) };
	/// Registered devices: owner and state.
	static REGISTERED: RefCell<BTreeMap<DeviceId, (AccountId, StateId)>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// The device registry: registered devices (owner and state), and device counts per state as
/// the devices pallet would report them to the states pallet.
pub struct MockDevices;
impl MockDevices {
	/// Makes `state` have `count` devices (which keep it from deregistering).
	pub fn set(state: StateId, count: u32) {
		DEVICES.with(|d| d.borrow_mut().insert(state, count));
	}
}
impl MockDevices {
	/// Registers `device` of `owner` in `state`.
	pub fn register(device: DeviceId, owner: AccountId, state: StateId) {
		REGISTERED.with(|r| r.borrow_mut().insert(device, (owner, state)));
	}
	/// Removes `device` from the registry.
	pub fn remove(device: DeviceId) {
		REGISTERED.with(|r| r.borrow_mut().remove(&device));
	}
}
impl DeviceRegistry<AccountId, Balance> for MockDevices {
	fn devices_of(
		_: &AccountId,
		_: Option<DeviceId>,
		_: u32,
	) -> atlas_primitives::Page<DeviceId, DeviceId> {
		// Not used by this pallet.
		atlas_primitives::Page { items: vec![], next: None }
	}
	fn device(device: DeviceId) -> Option<DeviceSummary<AccountId>> {
		let (owner, state) = REGISTERED.with(|r| r.borrow().get(&device).copied())?;
		Some(DeviceSummary {
			owner,
			operator: None,
			state,
			spec: DeviceSpec::Energy { rated_watts: 1_000 },
			status: DeviceStatus::Active,
			key: DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw([device as u8; 32])),
			vault: None,
			active_since: 0,
			maker_attested: false,
		})
	}
	fn reward_route(_: DeviceId) -> Option<RewardRoute<AccountId>> {
		None
	}
	fn deposit(_: DeviceId) -> Option<Balance> {
		None
	}
	fn slash_deposit(
		_: DeviceId,
		_: Balance,
		_: Option<&AccountId>,
	) -> Result<Balance, DispatchError> {
		Ok(0)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_device(
		owner: &AccountId,
		state: StateId,
		_: DeviceSpec,
		_: DeviceKey,
	) -> DeviceId {
		let id = REGISTERED.with(|r| r.borrow().keys().max().map_or(0, |m| m + 1));
		Self::register(id, *owner, state);
		id
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_route(_: DeviceId, _: RewardRoute<AccountId>) {}
}

/// Vaults as this pallet sees them: only vault 7 exists.
pub struct MockVaults;
impl RewardSink<AccountId, Balance> for MockVaults {
	fn accepts(vault: VaultId) -> bool {
		vault == 7
	}
	fn admits(vault: VaultId, _: DeviceId) -> bool {
		vault == 7
	}
	fn receive(_: VaultId, _: &AccountId, _: Balance) -> Result<(), DispatchError> {
		Ok(())
	}
}

impl StateHoldings for MockDevices {
	fn holding(state: StateId) -> Option<StateHolding> {
		let count = DEVICES.with(|d| d.borrow().get(&state).copied().unwrap_or(0));
		(count > 0).then_some(StateHolding::Devices)
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

pub const STATE_DEPOSIT: Balance = 100;
pub const MEMBERSHIP_DEPOSIT: Balance = 10;
pub const DEPLOYMENT_DEPOSIT: Balance = 40;
pub const BLUEPRINT_DEPOSIT: Balance = 60;
pub const MAX_BLUEPRINTS: u32 = 4;

thread_local! {
	static CLOSED_BEFORE: RefCell<atlas_primitives::EpochIndex> = const { RefCell::new(0) };
}

/// Attestations' closed epochs as this pallet sees them: every epoch before a settable one.
pub struct MockClosedEpochs;
impl MockClosedEpochs {
	/// Closes every epoch before `epoch`.
	pub fn close_before(epoch: atlas_primitives::EpochIndex) {
		CLOSED_BEFORE.with(|c| *c.borrow_mut() = epoch);
	}
}
impl frame_support::traits::Contains<atlas_primitives::EpochIndex> for MockClosedEpochs {
	fn contains(epoch: &atlas_primitives::EpochIndex) -> bool {
		CLOSED_BEFORE.with(|c| *epoch < *c.borrow())
	}
}

parameter_types! {
	pub const ExistentialDeposit: Balance = 1;
	pub const StateHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::States(pallet_network_states::HoldReason::StateDeposit);
	pub const MembershipHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::States(pallet_network_states::HoldReason::MembershipDeposit);
	pub const DeploymentHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Deployments(pallet_deployments::HoldReason::DeploymentDeposit);
}

/// A deposit of `PRICE` held under `R`, whatever the record's footprint.
pub type Ticket<R, const PRICE: Balance> =
	HoldConsideration<AccountId, Balances, R, ConstantStoragePrice<ConstU128<PRICE>, Balance>>;

impl pallet_network_states::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type AdmissionOrigin = EnsureRoot<AccountId>;
	type AdmissionBond = frame_support::traits::ConstU128<0>;
	type Probation = frame_support::traits::ConstU64<0>;
	type Forfeit = ();
	type StateAdminOrigin = atlas_primitives::EnsureStateAdmin<States, AccountId>;
	type Holdings = (MockDevices, Deployments);
	type StateConsideration = Ticket<StateHoldReason, STATE_DEPOSIT>;
	type MembershipConsideration = Ticket<MembershipHoldReason, MEMBERSHIP_DEPOSIT>;
	type MaxNameLength = ConstU32<16>;
	type MaxUriLength = ConstU32<32>;
	type MaxMembers = ConstU32<5>;
	type MaxStewards = ConstU32<2>;
	type MaxValidators = ConstU32<2>;
	type OnStateChange = ();
	type WeightInfo = ();
}

impl pallet_deployments::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type States = States;
	type Devices = MockDevices;
	type Vaults = MockVaults;
	// Deployments and blueprints share one hold reason, as in the runtime.
	type DeploymentConsideration = Ticket<DeploymentHoldReason, DEPLOYMENT_DEPOSIT>;
	type BlueprintConsideration = Ticket<DeploymentHoldReason, BLUEPRINT_DEPOSIT>;
	type MaxNameLength = ConstU32<16>;
	type MaxUriLength = ConstU32<32>;
	type MaxCells = ConstU32<4>;
	type MaxModels = ConstU32<3>;
	type MaxDeploymentDevices = ConstU32<3>;
	type MaxBlueprints = ConstU32<MAX_BLUEPRINTS>;
	type ClosedEpochs = MockClosedEpochs;
	type WeightInfo = ();
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// Has only 50: cannot afford a state deposit.
pub const POOR: AccountId = 9;

pub fn new_test_ext() -> sp_io::TestExternalities {
	DEVICES.with(|d| d.borrow_mut().clear());
	REGISTERED.with(|r| r.borrow_mut().clear());
	CLOSED_BEFORE.with(|c| *c.borrow_mut() = 0);
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, 10_000),
			(BOB, 10_000),
			(CHARLIE, 10_000),
			(DAVE, 10_000),
			(POOR, 50),
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

/// Runs `test`, then checks both pallets' invariants.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		States::do_try_state().expect("the states pallet's invariants hold");
		Deployments::do_try_state().expect("invariants hold");
	});
}
