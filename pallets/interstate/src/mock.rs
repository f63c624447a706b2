//! A test runtime with balances, the network states pallet and this pallet; devices and
//! deployments come from settable maps.

use crate as pallet_interstate;
use atlas_primitives::{
	DeploymentId, DeploymentRegistry, DeviceId, DeviceKey, DeviceRegistry, DeviceSpec,
	DeviceStatus, DeviceSummary, RewardRoute, StateHolding, StateHoldings, StateId,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU128, ConstU32, ConstU64, ConstantStoragePrice},
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, DispatchError, Perbill};
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		States: pallet_network_states,
		Interstate: pallet_interstate,
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
	static DEVICES: RefCell<BTreeMap<StateId, u32>> = const { RefCell::new(BTreeMap::new()) };
	/// Registered devices: owner and state.
	static REGISTERED: RefCell<BTreeMap<DeviceId, (AccountId, StateId)>> =
		const { RefCell::new(BTreeMap::new()) };
	/// Deployments: the state of each.
	static DEPLOYMENTS: RefCell<BTreeMap<DeploymentId, StateId>> =
		const { RefCell::new(BTreeMap::new()) };
	/// The deployment each device is in.
	static DEVICE_DEPLOYMENT: RefCell<BTreeMap<DeviceId, DeploymentId>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// The device registry as this pallet and the states pallet see it: registered devices, and
/// device counts per state.
pub struct MockDevices;
impl MockDevices {
	/// Sets how many devices `state` has (a state with any cannot deregister).
	pub fn set(state: StateId, count: u32) {
		DEVICES.with(|d| d.borrow_mut().insert(state, count));
	}
	/// Registers `device` of `owner` in `state`.
	pub fn register(device: DeviceId, owner: AccountId, state: StateId) {
		REGISTERED.with(|r| r.borrow_mut().insert(device, (owner, state)));
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
impl StateHoldings for MockDevices {
	fn holding(state: StateId) -> Option<StateHolding> {
		let count = DEVICES.with(|d| d.borrow().get(&state).copied().unwrap_or(0));
		(count > 0).then_some(StateHolding::Devices)
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// The deployments as this pallet sees them: a settable map of deployments to states and of
/// devices to deployments.
pub struct MockDeployments;
impl MockDeployments {
	/// Creates a deployment of `state` (ids count up from 0); returns it.
	pub fn create(state: StateId) -> DeploymentId {
		DEPLOYMENTS.with(|d| {
			let mut d = d.borrow_mut();
			let id = d.keys().max().map_or(0, |m| m + 1);
			d.insert(id, state);
			id
		})
	}
	/// Puts `device` into `deployment`.
	pub fn add(deployment: DeploymentId, device: DeviceId) {
		DEVICE_DEPLOYMENT.with(|d| d.borrow_mut().insert(device, deployment));
	}
}
impl DeploymentRegistry for MockDeployments {
	fn deployment_state(deployment: DeploymentId) -> Option<StateId> {
		DEPLOYMENTS.with(|d| d.borrow().get(&deployment).copied())
	}
	fn deployment_of(device: DeviceId) -> Option<DeploymentId> {
		DEVICE_DEPLOYMENT.with(|d| d.borrow().get(&device).copied())
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_deployment(state: StateId, devices: &[DeviceId]) -> DeploymentId {
		let id = Self::create(state);
		for device in devices {
			Self::add(id, *device);
		}
		id
	}
}

pub const STATE_DEPOSIT: Balance = 100;
pub const MEMBERSHIP_DEPOSIT: Balance = 10;
pub const RECOGNITION_DEPOSIT: Balance = 30;
pub const AGREEMENT_DEPOSIT: Balance = 50;
pub const MAX_AGREEMENT_DURATION: u64 = 100;

parameter_types! {
	pub const ExistentialDeposit: Balance = 1;
	pub const StateHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::States(pallet_network_states::HoldReason::StateDeposit);
	pub const MembershipHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::States(pallet_network_states::HoldReason::MembershipDeposit);
	pub const RecognitionHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Interstate(pallet_interstate::HoldReason::RecognitionDeposit);
	pub const AgreementHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Interstate(pallet_interstate::HoldReason::AgreementDeposit);
	/// Governance's cap on a host's share (tests lower it).
	pub static MaxHostShare: Perbill = Perbill::from_percent(50);
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
	type Holdings = (MockDevices, Interstate);
	type StateConsideration = Ticket<StateHoldReason, STATE_DEPOSIT>;
	type MembershipConsideration = Ticket<MembershipHoldReason, MEMBERSHIP_DEPOSIT>;
	type MaxNameLength = ConstU32<16>;
	type MaxUriLength = ConstU32<32>;
	type MaxMembers = ConstU32<5>;
	type MaxStewards = ConstU32<2>;
	type MaxValidators = ConstU32<2>;
	type OnStateChange = Interstate;
	type WeightInfo = ();
}

impl pallet_interstate::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type States = States;
	type StateAdminOrigin = atlas_primitives::EnsureStateAdmin<States, AccountId>;
	type Devices = MockDevices;
	type Deployments = MockDeployments;
	type RecognitionConsideration = Ticket<RecognitionHoldReason, RECOGNITION_DEPOSIT>;
	type AgreementConsideration = Ticket<AgreementHoldReason, AGREEMENT_DEPOSIT>;
	type MaxAgreementDuration = ConstU64<MAX_AGREEMENT_DURATION>;
	type MaxAgreementsPerScope = ConstU32<2>;
	type MaxHostShare = MaxHostShare;
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
	DEPLOYMENTS.with(|d| d.borrow_mut().clear());
	DEVICE_DEPLOYMENT.with(|d| d.borrow_mut().clear());
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

/// Runs `test`, then checks the invariants of both pallets.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		States::do_try_state().expect("network states' invariants hold");
		Interstate::do_try_state().expect("interstate invariants hold");
	});
}
