//! A test runtime with balances and attestations; states, roles and devices come from settable
//! mocks of the sovereign registry and the device registry.

use crate as pallet_attestations;
use atlas_primitives::{
	DeviceId, DeviceKey, DeviceRegistry, DeviceSpec, DeviceStatus, DeviceSummary, EpochIndex,
	Points, RewardRoute, Role, RoleProvider, RoleSet, StateId,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, Hooks},
};
use frame_system::EnsureRoot;
use sp_core::{sr25519, Pair};
use sp_runtime::{BuildStorage, DispatchError, Perbill};
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Attestations: pallet_attestations,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
	// Real database weights so `on_idle` pruning has a cost per item.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

thread_local! {
	static STATES: RefCell<BTreeMap<StateId, bool>> = RefCell::new(BTreeMap::new());
	static ROLES: RefCell<BTreeMap<(StateId, AccountId), RoleSet>> = RefCell::new(BTreeMap::new());
	static DEVICES: RefCell<BTreeMap<DeviceId, DeviceSummary<AccountId>>> = RefCell::new(BTreeMap::new());
	/// Deposit slashes the device registry made: (device, amount taken, beneficiary).
	static SLASHES: RefCell<Vec<(DeviceId, Balance, Option<AccountId>)>> = RefCell::new(vec![]);
	/// What each device's deposit holds.
	static DEPOSITS: RefCell<BTreeMap<DeviceId, Balance>> = RefCell::new(BTreeMap::new());
	/// What one point earns, as rewards values it.
	static REWARD_PER_POINT: RefCell<Balance> = const { RefCell::new(0) };
	/// Devices whose reports the rewards side refuses (unpaid backlog).
	static BACKLOGGED: RefCell<Vec<DeviceId>> = RefCell::new(vec![]);
	/// Reports the rewards side was told of.
	static TOLD: RefCell<Vec<(DeviceId, EpochIndex)>> = RefCell::new(vec![]);
	/// Points changes the rewards side was told of: (device, epoch, old, new).
	static CHANGED: RefCell<Vec<(DeviceId, EpochIndex, Points, Points)>> = RefCell::new(vec![]);
}

/// The rewards side as attestations see it: records what it is told, refuses backlogged devices.
pub struct MockOnReport;
impl atlas_primitives::OnReport for MockOnReport {
	fn can_take(
		device: DeviceId,
		_: EpochIndex,
		_: Points,
		_: Option<atlas_primitives::VaultLeg>,
	) -> bool {
		!BACKLOGGED.with(|b| b.borrow().contains(&device))
	}

	fn on_report(
		device: DeviceId,
		epoch: EpochIndex,
		_: atlas_primitives::DeviceClass,
		_: Points,
		_: Option<atlas_primitives::VaultLeg>,
	) {
		TOLD.with(|t| t.borrow_mut().push((device, epoch)));
	}

	fn vault_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(1_000, 0)
	}

	fn on_points_changed(
		device: DeviceId,
		epoch: EpochIndex,
		_: atlas_primitives::DeviceClass,
		old: Points,
		new: Points,
		_: Option<atlas_primitives::VaultLeg>,
	) {
		CHANGED.with(|c| c.borrow_mut().push((device, epoch, old, new)));
	}
}

/// The points changes the rewards side was told of: (device, epoch, old, new).
pub fn points_changes() -> Vec<(DeviceId, EpochIndex, Points, Points)> {
	CHANGED.with(|c| c.borrow().clone())
}

thread_local! {
	/// Deliveries the registry side was told of, summed per device.
	static DELIVERED: RefCell<BTreeMap<DeviceId, atlas_primitives::Kpi>> = RefCell::new(BTreeMap::new());
}

/// The registry side (deployment KPIs) as attestations see it: sums what it is told per device.
pub struct MockOnDelivery;
impl atlas_primitives::OnDelivery for MockOnDelivery {
	fn on_delivery(
		device: DeviceId,
		_: EpochIndex,
		old: Option<&atlas_primitives::Delivery>,
		new: &atlas_primitives::Delivery,
	) -> frame_support::weights::Weight {
		DELIVERED.with(|d| d.borrow_mut().entry(device).or_default().apply(old, new));
		frame_support::weights::Weight::from_parts(100, 0)
	}

	fn max_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(300, 0)
	}
}

/// What the registry side summed for `device`.
pub fn delivered(device: DeviceId) -> atlas_primitives::Kpi {
	DELIVERED.with(|d| d.borrow().get(&device).copied().unwrap_or_default())
}

/// Makes the rewards side refuse `device`'s reports.
pub fn backlog(device: DeviceId) {
	BACKLOGGED.with(|b| b.borrow_mut().push(device));
}

/// The reports the rewards side was told of, in order.
pub fn told() -> Vec<(DeviceId, EpochIndex)> {
	TOLD.with(|t| t.borrow().clone())
}

/// The sovereign registry as attestations see it.
pub struct MockRoles;
impl MockRoles {
	pub fn set_active(state: StateId, active: bool) {
		STATES.with(|s| s.borrow_mut().insert(state, active));
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
	fn is_admin(state: StateId, who: &AccountId) -> bool {
		state == STATE && *who == ADMIN
	}
	fn has_role(state: StateId, who: &AccountId, role: Role) -> bool {
		ROLES.with(|r| r.borrow().get(&(state, *who)).is_some_and(|s| s.contains(role)))
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_state(_admin: &AccountId) -> StateId {
		let state = STATES.with(|s| s.borrow().keys().max().map_or(0, |m| m + 1));
		Self::set_active(state, true);
		state
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(state: StateId, who: &AccountId, role: Role) {
		Self::grant(state, *who, role);
	}
}

/// The device registry as attestations see it.
pub struct MockDevices;
impl MockDevices {
	pub fn add(id: DeviceId, owner: AccountId, spec: DeviceSpec, key: DeviceKey) {
		Self::set_deposit(id, DEVICE_DEPOSIT);
		DEVICES.with(|d| {
			d.borrow_mut().insert(
				id,
				DeviceSummary {
					owner,
					operator: None,
					state: STATE,
					spec,
					status: DeviceStatus::Active,
					key,
					vault: None,
					active_since: 0,
					maker_attested: false,
				},
			)
		});
	}
	pub fn update(id: DeviceId, f: impl FnOnce(&mut DeviceSummary<AccountId>)) {
		DEVICES.with(|d| d.borrow_mut().get_mut(&id).map(f));
	}
	pub fn remove(id: DeviceId) {
		DEVICES.with(|d| d.borrow_mut().remove(&id));
	}
	pub fn slashes() -> Vec<(DeviceId, Balance, Option<AccountId>)> {
		SLASHES.with(|s| s.borrow().clone())
	}
	pub fn deposit_of(id: DeviceId) -> Balance {
		DEPOSITS.with(|d| d.borrow().get(&id).copied().unwrap_or(0))
	}
	pub fn set_deposit(id: DeviceId, amount: Balance) {
		DEPOSITS.with(|d| d.borrow_mut().insert(id, amount));
	}
}
/// What every mock device holds as its deposit at first.
pub const DEVICE_DEPOSIT: Balance = 50;

/// Rewards as attestations see it: every point is worth [`set_reward_per_point`].
pub struct MockRewardValue;
impl atlas_primitives::RewardValue<Balance> for MockRewardValue {
	fn reward_of(_: EpochIndex, _: atlas_primitives::DeviceClass, points: Points) -> Balance {
		REWARD_PER_POINT.with(|r| *r.borrow()) * Balance::from(points)
	}
}
/// Sets what one point earns.
pub fn set_reward_per_point(value: Balance) {
	REWARD_PER_POINT.with(|r| *r.borrow_mut() = value);
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
		DEVICES.with(|d| d.borrow().get(&device).cloned())
	}
	fn reward_route(device: DeviceId) -> Option<RewardRoute<AccountId>> {
		Self::device(device).map(|_| atlas_primitives::default_route())
	}
	fn deposit(device: DeviceId) -> Option<Balance> {
		Self::device(device).map(|_| Self::deposit_of(device))
	}
	fn slash_deposit(
		device: DeviceId,
		amount: Balance,
		beneficiary: Option<&AccountId>,
	) -> Result<Balance, DispatchError> {
		use frame_support::traits::fungible::Mutate;
		Self::device(device).ok_or(DispatchError::Other("no device"))?;
		let taken = amount.min(Self::deposit_of(device));
		Self::set_deposit(device, Self::deposit_of(device) - taken);
		// The real registry moves the held deposit to the beneficiary.
		if let Some(to) = beneficiary {
			Balances::mint_into(to, taken)?;
		}
		SLASHES.with(|s| s.borrow_mut().push((device, taken, beneficiary.copied())));
		Ok(taken)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_device(
		owner: &AccountId,
		state: StateId,
		spec: DeviceSpec,
		key: DeviceKey,
	) -> DeviceId {
		let id = DEVICES.with(|d| d.borrow().keys().max().map_or(0, |m| m + 1));
		Self::add(id, *owner, spec, key);
		Self::update(id, |d| d.state = state);
		id
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_route(_: DeviceId, _: RewardRoute<AccountId>) {}
}

pub const EPOCH_LENGTH: u32 = 10;
pub const GRACE: u32 = 2;
pub const SECONDS_PER_BLOCK: u32 = 6;
/// Seconds in an epoch of the mock.
pub const EPOCH_SECS: u32 = EPOCH_LENGTH * SECONDS_PER_BLOCK;
pub const MIN_BOND: Balance = 100;
pub const CHALLENGE_BOND: Balance = 50;
pub const CHALLENGE_WINDOW: u32 = 5;
pub const RESOLUTION_PERIOD: u32 = 10;

parameter_types! {
	pub const ExistentialDeposit: Balance = 1;
	pub const MinVerifierBond: Balance = MIN_BOND;
	pub const ChallengeBond: Balance = CHALLENGE_BOND;
	pub const UnverifiedDiscount: Perbill = Perbill::from_percent(50);
	pub const OutlierTolerance: Perbill = Perbill::from_percent(10);
	pub const OutlierSlash: Perbill = Perbill::from_percent(20);
	pub const MissedRevealSlash: Perbill = Perbill::from_percent(5);
	pub const FraudSlash: Perbill = Perbill::from_percent(50);
	pub const WinnersShare: Perbill = Perbill::from_percent(50);
}

impl pallet_attestations::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Roles = MockRoles;
	type Devices = MockDevices;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type OnSlash = ();
	type SecondsPerBlock = ConstU32<SECONDS_PER_BLOCK>;
	type VerifiersPerDevice = ConstU32<5>;
	type MaxVerifiers = ConstU32<16>;
	type MaxBatch = ConstU32<100>;
	type MaxStatesPerBatch = ConstU32<2>;
	type UnverifiedDiscount = UnverifiedDiscount;
	type MinVerifierBond = MinVerifierBond;
	type OutlierTolerance = OutlierTolerance;
	type OutlierSlash = OutlierSlash;
	type MissedRevealSlash = MissedRevealSlash;
	type ChallengeBond = ChallengeBond;
	type FraudSlash = FraudSlash;
	type FraudPenalty = ConstU32<2>;
	type WinnersShare = WinnersShare;
	type MaxChallengers = ConstU32<3>;
	type Rewards = MockRewardValue;
	type ResolutionPeriod = ConstU32<RESOLUTION_PERIOD>;
	type RetentionEpochs = ConstU32<2>;
	type OnReport = MockOnReport;
	type OnDelivery = MockOnDelivery;
	type WeightInfo = ();
}

/// Owner of the devices.
pub const OWNER: AccountId = 1;
/// Operator of device 1.
pub const OPERATOR: AccountId = 2;
/// A stranger to the devices.
pub const STRANGER: AccountId = 3;
/// The admin of STATE.
pub const ADMIN: AccountId = 4;
/// Verifiers of the pool (they hold the Verifier role of STATE too, which no longer matters).
pub const VERIFIERS: [AccountId; 5] = [10, 11, 12, 13, 14];
/// More accounts able to bond as verifiers.
pub const MORE_VERIFIERS: [AccountId; 6] = [20, 21, 22, 23, 24, 25];
/// Holds only 20.
pub const POOR: AccountId = 9;
pub const STATE: StateId = 0;

/// Device 0: energy, 5 kW. Device 1: connectivity, 100 Mbit/s, run by OPERATOR.
/// Device 2: compute. Device 3: sensing, 60 samples an hour.
pub fn device_pair(id: DeviceId) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[id as u8 + 1; 32])
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	STATES.with(|s| s.borrow_mut().clear());
	ROLES.with(|r| r.borrow_mut().clear());
	DEVICES.with(|d| d.borrow_mut().clear());
	BACKLOGGED.with(|b| b.borrow_mut().clear());
	TOLD.with(|t| t.borrow_mut().clear());
	SLASHES.with(|s| s.borrow_mut().clear());
	DEPOSITS.with(|d| d.borrow_mut().clear());
	REWARD_PER_POINT.with(|r| *r.borrow_mut() = 0);
	CHANGED.with(|c| c.borrow_mut().clear());
	DELIVERED.with(|d| d.borrow_mut().clear());
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [OWNER, OPERATOR, STRANGER, ADMIN]
			.into_iter()
			.chain(VERIFIERS)
			.chain(MORE_VERIFIERS)
			.map(|a| (a, 1_000))
			.chain([(POOR, 20)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_attestations::GenesisConfig::<Test> {
		epoch_length: EPOCH_LENGTH,
		submission_grace: GRACE,
		challenge_window: CHALLENGE_WINDOW,
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.register_extension(sp_keystore::KeystoreExt(std::sync::Arc::new(
		sp_keystore::testing::MemoryKeystore::new(),
	)));
	ext.execute_with(|| {
		System::set_block_number(1);
		MockRoles::set_active(STATE, true);
		for v in VERIFIERS {
			MockRoles::grant(STATE, v, Role::Verifier);
		}
		let key = |id| DeviceKey::Sr25519(device_pair(id).public());
		MockDevices::add(0, OWNER, DeviceSpec::Energy { rated_watts: 5_000 }, key(0));
		MockDevices::add(
			1,
			OWNER,
			DeviceSpec::Connectivity { link_capacity_kbps: 100_000 },
			key(1),
		);
		MockDevices::update(1, |d| d.operator = Some(OPERATOR));
		MockRoles::grant(STATE, OPERATOR, Role::Operator);
		MockDevices::add(
			2,
			OWNER,
			DeviceSpec::Compute {
				gpu_model: b"RTX 4090".to_vec().try_into().unwrap(),
				gpu_count: 1,
				gpu_memory_mib: 24_576,
			},
			key(2),
		);
		MockDevices::add(
			3,
			OWNER,
			DeviceSpec::Sensing {
				sensor_kind: atlas_primitives::SensorKind::Weather,
				samples_per_hour: 60,
			},
			key(3),
		);
	});
	ext
}

/// Advances to block `n`, running `on_initialize` of each block.
pub fn run_to(n: u64) {
	while System::block_number() < n {
		let b = System::block_number() + 1;
		System::set_block_number(b);
		Attestations::on_initialize(b);
	}
}

/// Runs `test`, then checks the pallet's invariants.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Attestations::do_try_state().expect("invariants hold");
	});
}
