//! A test runtime with balances and the device registry; states and roles come from a settable
//! mock of the network states pallet.

use crate as pallet_devices;
use atlas_primitives::{DeviceSpec, Role, RoleProvider, RoleSet, SensorKind, StateId};
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::BuildStorage;
use std::{cell::RefCell, collections::BTreeMap, sync::Arc};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Devices: pallet_devices,
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
	/// Registered states and whether each is active.
	static STATES: RefCell<BTreeMap<StateId, bool>> = RefCell::new(BTreeMap::new());
	/// Roles per (state, account); admins are not modelled separately.
	static ROLES: RefCell<BTreeMap<(StateId, AccountId), RoleSet>> = RefCell::new(BTreeMap::new());
	/// Total slashed into `OnSlash`.
	static SLASHED: RefCell<Balance> = RefCell::new(0);
}

/// The network states pallet as the devices pallet sees it.
pub struct MockRoles;
impl MockRoles {
	pub fn add_state(state: StateId) {
		STATES.with(|s| s.borrow_mut().insert(state, true));
	}
	pub fn set_active(state: StateId, active: bool) {
		STATES.with(|s| s.borrow_mut().insert(state, active));
	}
	pub fn remove_state(state: StateId) {
		STATES.with(|s| s.borrow_mut().remove(&state));
	}
	pub fn grant(state: StateId, who: AccountId, role: Role) {
		ROLES.with(|r| {
			r.borrow_mut().entry((state, who)).or_default().insert(role);
		});
	}
	pub fn revoke(state: StateId, who: AccountId, role: Role) {
		ROLES.with(|r| {
			r.borrow_mut().entry((state, who)).or_default().remove(role);
		});
	}
}
impl RoleProvider<AccountId> for MockRoles {
	fn state_exists(state: StateId) -> bool {
		STATES.with(|s| s.borrow().contains_key(&state))
	}
	fn is_state_active(state: StateId) -> bool {
		STATES.with(|s| s.borrow().get(&state).copied().unwrap_or(false))
	}
	fn is_admin(_: StateId, _: &AccountId) -> bool {
		false
	}
	fn has_role(state: StateId, who: &AccountId, role: Role) -> bool {
		Self::state_exists(state)
			&& ROLES.with(|r| r.borrow().get(&(state, *who)).is_some_and(|s| s.contains(role)))
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_state(_admin: &AccountId) -> StateId {
		let state = STATES.with(|s| s.borrow().keys().max().map_or(0, |m| m + 1));
		Self::add_state(state);
		state
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(state: StateId, who: &AccountId, role: Role) {
		Self::grant(state, *who, role);
	}
}

/// Counts what is slashed from deposits.
pub struct CountSlashed;
impl frame_support::traits::OnUnbalanced<crate::CreditOf<Test>> for CountSlashed {
	fn on_nonzero_unbalanced(credit: crate::CreditOf<Test>) {
		use frame_support::traits::Imbalance;
		SLASHED.with(|s| *s.borrow_mut() += credit.peek());
	}
}
pub fn slashed() -> Balance {
	SLASHED.with(|s| *s.borrow())
}

pub const DEVICE_DEPOSIT: Balance = 50;

thread_local! {
	static UNPAID: std::cell::RefCell<Vec<atlas_primitives::DeviceId>> = const { std::cell::RefCell::new(Vec::new()) };
	/// Devices whose unpaid rewards were forfeited.
	static FORFEITED: std::cell::RefCell<Vec<atlas_primitives::DeviceId>> = const { std::cell::RefCell::new(Vec::new()) };
	/// Devices with a report challenged.
	static CHALLENGED: std::cell::RefCell<Vec<atlas_primitives::DeviceId>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Attestations as the registry sees them: the listed devices stand challenged.
pub struct MockChallenges;
impl MockChallenges {
	pub fn set(device: atlas_primitives::DeviceId, challenged: bool) {
		CHALLENGED.with(|c| {
			let mut c = c.borrow_mut();
			c.retain(|d| *d != device);
			if challenged {
				c.push(device);
			}
		});
	}
}
impl atlas_primitives::ChallengeStatus for MockChallenges {
	fn is_challenged(device: atlas_primitives::DeviceId) -> bool {
		CHALLENGED.with(|c| c.borrow().contains(&device))
	}
}

/// Rewards as the registry sees them: the listed devices have unpaid rewards.
pub struct MockRewards;
impl MockRewards {
	pub fn set_unpaid(device: atlas_primitives::DeviceId, unpaid: bool) {
		UNPAID.with(|u| {
			let mut u = u.borrow_mut();
			u.retain(|d| *d != device);
			if unpaid {
				u.push(device);
			}
		});
	}
}
impl MockRewards {
	/// Devices whose unpaid rewards were forfeited, in order.
	pub fn forfeited() -> Vec<atlas_primitives::DeviceId> {
		FORFEITED.with(|f| f.borrow().clone())
	}
}
impl atlas_primitives::RewardLedger for MockRewards {
	fn has_unpaid(device: atlas_primitives::DeviceId) -> bool {
		UNPAID.with(|u| u.borrow().contains(&device))
	}
	fn on_removed(device: atlas_primitives::DeviceId) -> frame_support::weights::Weight {
		Self::set_unpaid(device, false);
		FORFEITED.with(|f| f.borrow_mut().push(device));
		frame_support::weights::Weight::zero()
	}
	fn removal_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

thread_local! {
	static REFUSED: core::cell::RefCell<Vec<atlas_primitives::DeviceId>> =
		const { core::cell::RefCell::new(Vec::new()) };
}

/// Vaults as the registry sees them: only vault 3 exists; it admits every device but those
/// it was told to refuse.
pub struct MockVaults;
impl MockVaults {
	/// Vault 3 no longer admits `device`.
	pub fn refuse(device: atlas_primitives::DeviceId) {
		REFUSED.with(|r| r.borrow_mut().push(device));
	}
}
impl atlas_primitives::RewardSink<AccountId, Balance> for MockVaults {
	fn accepts(vault: atlas_primitives::VaultId) -> bool {
		vault == 3
	}
	fn admits(vault: atlas_primitives::VaultId, device: atlas_primitives::DeviceId) -> bool {
		vault == 3 && !REFUSED.with(|r| r.borrow().contains(&device))
	}
	fn receive(
		_: atlas_primitives::VaultId,
		_: &AccountId,
		_: Balance,
	) -> Result<(), sp_runtime::DispatchError> {
		Ok(())
	}
}

parameter_types! {
	pub const ExistentialDeposit: Balance = 1;
	pub const DeviceDeposit: Balance = DEVICE_DEPOSIT;
}

impl pallet_devices::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Roles = MockRoles;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type OnSlash = CountSlashed;
	type Rewards = MockRewards;
	type Challenges = MockChallenges;
	type Vaults = MockVaults;
	type DeviceDeposit = DeviceDeposit;
	type MaxUriLength = ConstU32<32>;
	type MaxModelNameLength = ConstU32<16>;
	type WeightInfo = ();
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// Has only 20: cannot afford a device deposit.
pub const POOR: AccountId = 9;

/// State 0: active. Alice is its steward; Bob, Charlie and Poor are citizens; Dave is an operator.
pub const STATE: StateId = 0;
/// State 1: active; Dave is a citizen there.
pub const OTHER_STATE: StateId = 1;

/// Hardware models approved at genesis, one per class, with the maximal specs below.
pub const GPU_MODEL: u32 = 0;
pub const ROUTER_MODEL: u32 = 1;
pub const SOLAR_MODEL: u32 = 2;
pub const SENSOR_MODEL: u32 = 3;

/// The GPU model's maximal spec: up to 8 RTX 4090s of 24 GiB.
pub fn gpu_max() -> DeviceSpec {
	DeviceSpec::Compute {
		gpu_model: b"RTX 4090".to_vec().try_into().unwrap(),
		gpu_count: 8,
		gpu_memory_mib: 24_576,
	}
}
/// The router model's maximal spec: 1 Gbit/s.
pub const ROUTER_MAX: DeviceSpec = DeviceSpec::Connectivity { link_capacity_kbps: 1_000_000 };
/// The solar inverter model's maximal spec: 10 kW.
pub const SOLAR_MAX: DeviceSpec = DeviceSpec::Energy { rated_watts: 10_000 };
/// The sensor model's maximal spec: an air quality sensor of 60 samples an hour.
pub const SENSOR_MAX: DeviceSpec =
	DeviceSpec::Sensing { sensor_kind: SensorKind::AirQuality, samples_per_hour: 60 };

pub fn new_test_ext() -> sp_io::TestExternalities {
	STATES.with(|s| s.borrow_mut().clear());
	ROLES.with(|r| r.borrow_mut().clear());
	SLASHED.with(|s| *s.borrow_mut() = 0);
	UNPAID.with(|u| u.borrow_mut().clear());
	REFUSED.with(|r| r.borrow_mut().clear());
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, 1_000), (BOB, 1_000), (CHARLIE, 1_000), (DAVE, 1_000), (POOR, 20)],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_devices::GenesisConfig::<Test> {
		hardware_models: vec![
			(b"Aethir Edge".to_vec(), gpu_max()),
			(b"Dawn Black Box".to_vec(), ROUTER_MAX),
			(b"Solar inverter".to_vec(), SOLAR_MAX),
			(b"PurpleAir".to_vec(), SENSOR_MAX),
		],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.register_extension(KeystoreExt(Arc::new(MemoryKeystore::new())));
	ext.execute_with(|| {
		System::set_block_number(1);
		MockRoles::add_state(STATE);
		MockRoles::add_state(OTHER_STATE);
		MockRoles::grant(STATE, ALICE, Role::Steward);
		for who in [BOB, CHARLIE, POOR] {
			MockRoles::grant(STATE, who, Role::Citizen);
		}
		MockRoles::grant(STATE, DAVE, Role::Operator);
		MockRoles::grant(OTHER_STATE, DAVE, Role::Citizen);
	});
	ext
}

/// Runs `test`, then checks the pallet's invariants.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Devices::do_try_state().expect("invariants hold");
	});
}
