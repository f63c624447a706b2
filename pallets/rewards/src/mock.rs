//! A test runtime: balances, assets, rewards, with the registry, the scores and the vaults
//! mocked behind their traits.

use crate as pallet_rewards;
use atlas_inflation::{DecayingInflation, InflationParams};
use atlas_primitives::{
	DeviceClass, DeviceId, DeviceKey, DeviceRegistry, DeviceSpec, DeviceStatus, DeviceSummary,
	EpochIndex, EpochScores, PerClass, Points, RewardRoute, RewardSink, Role, RoleProvider,
	StateId, VaultId,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{HoldConsideration, Mutate},
		AsEnsureOriginWithArg, ConstU32, ConstantStoragePrice, Hooks,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::{BuildStorage, DispatchError, Perbill};
use std::{
	cell::RefCell,
	collections::{BTreeMap, BTreeSet},
};

type Block = frame_system::mocking::MockBlock<Test>;
/// 16 bytes, so the pot (`modl` + the pallet id, 12 bytes) and the community pools (the pot's
/// prefix + `pool`) are distinct accounts: with `u64` both truncate to the same 8 bytes. (Pools
/// of different states still share an account here; 32-byte ids keep the state too.)
pub type AccountId = u128;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Rewards: pallet_rewards,
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
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = ConstU32<2>;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = Balance;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetAccountDeposit = ConstU128<0>;
	type Freezer = ();
}

/// A `Get<u128>` constant.
pub struct ConstU128<const N: u128>;
impl<const N: u128> frame_support::traits::Get<u128> for ConstU128<N> {
	fn get() -> u128 {
		N
	}
}

pub const ED: Balance = 10;
pub const EPOCH_LENGTH: u32 = 10;
/// 100 epochs a year.
pub const BLOCKS_PER_YEAR: u32 = 1_000;
pub const PROGRAM_DEPOSIT: Balance = 100;
pub const UNBONDING: u64 = 5;
pub const RETENTION: u32 = 4;
pub const MAX_PENDING: u32 = 6;
/// Most epochs a vault can have unpaid points in.
pub const MAX_VAULT_EPOCHS: u32 = 8;
pub const MAX_SETTLE: u32 = 8;
pub const MAX_PROGRAM_EPOCHS: u32 = 20;
pub const MAX_VAULT_EPOCHS_PER_DEVICE: u32 = 4;
pub const TREASURY: AccountId = 999;

parameter_types! {
	pub const ExistentialDeposit: Balance = ED;
	pub const RewardsPalletId: PalletId = PalletId(*b"atl/rwds");
	pub const Treasury: AccountId = TREASURY;
	pub const MaxVerifierShare: Perbill = Perbill::from_percent(20);
	pub const ProgramHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Rewards(pallet_rewards::HoldReason::ProgramDeposit);
}

/// A partner program's deposit: [`PROGRAM_DEPOSIT`] held, whatever the program's footprint.
pub type ProgramTicket = HoldConsideration<
	AccountId,
	Balances,
	ProgramHoldReason,
	ConstantStoragePrice<ConstU128<PROGRAM_DEPOSIT>, Balance>,
>;

impl pallet_rewards::Config for Test {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = Assets;
	type Devices = MockDevices;
	type Scores = MockScores;
	type Verifiers = MockVerifiers;
	type MaxVerifierShare = MaxVerifierShare;
	type Roles = MockRoles;
	type Policy = DecayingInflation;
	type Sink = MockVaults;
	type OnRewardPaid = MockPaid;
	type CoUse = MockCoUse;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type PalletId = RewardsPalletId;
	type Treasury = Treasury;
	type BlocksPerYear = ConstU32<BLOCKS_PER_YEAR>;
	type BreakerMultiple = ConstU32<5>;
	type RetentionEpochs = ConstU32<RETENTION>;
	type MaxPendingEpochs = ConstU32<MAX_PENDING>;
	type MaxVaultEpochs = ConstU32<MAX_VAULT_EPOCHS>;
	type MaxVaultEpochsPerDevice = ConstU32<MAX_VAULT_EPOCHS_PER_DEVICE>;
	type MaxPrograms = ConstU32<2>;
	type MaxProgramEpochs = ConstU32<MAX_PROGRAM_EPOCHS>;
	type MaxClaimDevices = ConstU32<4>;
	type MaxSettlePerClaim = ConstU32<MAX_SETTLE>;
	type ProgramConsideration = ProgramTicket;
	type StakeUnbonding = ConstU64<UNBONDING>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AssetHelper;
}

/// A `Get<u64>` constant.
pub struct ConstU64<const N: u64>;
impl<const N: u64> frame_support::traits::Get<u64> for ConstU64<N> {
	fn get() -> u64 {
		N
	}
}

/// Creates assets for benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct AssetHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u32, AccountId> for AssetHelper {
	fn create_asset(seed: u32, issuer: &AccountId) -> u32 {
		use frame_support::traits::fungibles::Create;
		<Assets as Create<AccountId>>::create(seed, *issuer, true, 1).expect("asset created");
		seed
	}
}

thread_local! {
	static PAID: RefCell<Vec<(DeviceId, Balance)>> = const { RefCell::new(Vec::new()) };
}

/// The registry side as rewards see it: records every payment it is told of.
pub struct MockPaid;
impl atlas_primitives::OnRewardPaid<Balance> for MockPaid {
	fn on_reward_paid(device: DeviceId, amount: Balance) -> frame_support::weights::Weight {
		PAID.with(|p| p.borrow_mut().push((device, amount)));
		frame_support::weights::Weight::zero()
	}
	fn max_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

thread_local! {
	static HOST_SHARE: RefCell<Perbill> = const { RefCell::new(Perbill::zero()) };
	static HOST_SHARE_FROM: RefCell<u32> = const { RefCell::new(0) };
}

/// Co-use terms as rewards see them: one settable host share for every device, in force for
/// epochs that start at or after a settable block.
pub struct MockCoUse;
impl MockCoUse {
	pub fn set(share: Perbill) {
		HOST_SHARE.with(|s| *s.borrow_mut() = share);
	}
	/// The agreement took force at block `block`: earlier epochs owe the host nothing.
	pub fn in_force_from(block: u32) {
		HOST_SHARE_FROM.with(|f| *f.borrow_mut() = block);
	}
}
impl atlas_primitives::CoUseTerms for MockCoUse {
	fn host_share(_: DeviceId, _: StateId, _: DeviceClass, from: u32, _: u32) -> Perbill {
		// In force from block `HOST_SHARE_FROM` on.
		if from < HOST_SHARE_FROM.with(|f| *f.borrow()) {
			return Perbill::zero();
		}
		HOST_SHARE.with(|s| *s.borrow())
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// The payments the registry side was told of.
pub fn told_paid() -> Vec<(DeviceId, Balance)> {
	PAID.with(|p| p.borrow().clone())
}

thread_local! {
	static DEVICES: RefCell<BTreeMap<DeviceId, (DeviceSummary<AccountId>, Option<RewardRoute<AccountId>>)>> =
		RefCell::new(BTreeMap::new());
	static POINTS: RefCell<BTreeMap<(EpochIndex, DeviceId), (DeviceClass, Points)>> =
		RefCell::new(BTreeMap::new());
	/// Epochs before this one are closed.
	static CLOSED_BEFORE: RefCell<EpochIndex> = const { RefCell::new(0) };
	/// Epochs before this one are past their challenge window.
	static SETTLEABLE_BEFORE: RefCell<EpochIndex> = const { RefCell::new(0) };
	static CHALLENGED: RefCell<BTreeSet<(EpochIndex, DeviceId)>> = RefCell::new(BTreeSet::new());
	static ADMINS: RefCell<BTreeMap<StateId, AccountId>> = RefCell::new(BTreeMap::new());
}

/// Owner of the devices.
pub const OWNER: AccountId = 1;
/// Operator of device 0.
pub const OPERATOR: AccountId = 2;
/// A stranger to the devices.
pub const STRANGER: AccountId = 3;
/// Another owner.
pub const OTHER_OWNER: AccountId = 4;
/// An account that does not exist yet (no balance).
pub const NEWCOMER: AccountId = 50;
/// The admin of STATE.
pub const ADMIN: AccountId = 5;
/// The account behind vault 7.
pub const VAULT_ACCOUNT: AccountId = 77;
/// The network state of every device.
pub const STATE: StateId = 1;
/// A partner asset.
pub const ASSET: u32 = 42;

/// The device registry as rewards see it.
pub struct MockDevices;
impl MockDevices {
	pub fn add(id: DeviceId, owner: AccountId, spec: DeviceSpec) {
		let summary = DeviceSummary {
			owner,
			operator: None,
			state: STATE,
			spec,
			status: DeviceStatus::Active,
			key: DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw([id as u8; 32])),
			vault: None,
			active_since: 0,
			maker_attested: false,
		};
		DEVICES.with(|d| d.borrow_mut().insert(id, (summary, None)));
	}
	pub fn set_operator(id: DeviceId, operator: AccountId) {
		DEVICES.with(|d| d.borrow_mut().get_mut(&id).map(|(s, _)| s.operator = Some(operator)));
	}
	pub fn set_route(id: DeviceId, route: Vec<(atlas_primitives::Beneficiary<AccountId>, u32)>) {
		Self::set_route_parts(
			id,
			route.into_iter().map(|(b, pct)| (b, Perbill::from_percent(pct))).collect(),
		);
	}
	/// Sets a route of exact shares.
	pub fn set_route_parts(
		id: DeviceId,
		route: Vec<(atlas_primitives::Beneficiary<AccountId>, Perbill)>,
	) {
		let route: Vec<_> = route
			.into_iter()
			.map(|(beneficiary, share)| atlas_primitives::RouteShare { beneficiary, share })
			.collect();
		let route: RewardRoute<AccountId> = route.try_into().unwrap();
		DEVICES.with(|d| {
			d.borrow_mut().get_mut(&id).map(|(s, r)| {
				s.vault = atlas_primitives::vault_leg(&route);
				*r = Some(route)
			})
		});
	}
}
impl DeviceRegistry<AccountId, Balance> for MockDevices {
	fn devices_of(
		owner: &AccountId,
		cursor: Option<DeviceId>,
		limit: u32,
	) -> atlas_primitives::Page<DeviceId, DeviceId> {
		let ids: Vec<DeviceId> = DEVICES.with(|d| {
			d.borrow()
				.iter()
				.filter(|(id, (s, _))| &s.owner == owner && cursor.map_or(true, |c| **id > c))
				.map(|(id, _)| *id)
				.collect()
		});
		atlas_primitives::Page::collect(ids.into_iter(), limit, |id| *id)
	}
	fn device(device: DeviceId) -> Option<DeviceSummary<AccountId>> {
		DEVICES.with(|d| d.borrow().get(&device).map(|(s, _)| s.clone()))
	}
	fn reward_route(device: DeviceId) -> Option<RewardRoute<AccountId>> {
		DEVICES.with(|d| {
			d.borrow()
				.get(&device)
				.map(|(_, r)| r.clone().unwrap_or_else(atlas_primitives::default_route))
		})
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
		_state: StateId,
		spec: DeviceSpec,
		_key: DeviceKey,
	) -> DeviceId {
		let id = DEVICES.with(|d| d.borrow().keys().max().map_or(0, |m| m + 1));
		Self::add(id, *owner, spec);
		id
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_route(device: DeviceId, route: RewardRoute<AccountId>) {
		DEVICES.with(|d| {
			d.borrow_mut().get_mut(&device).map(|(s, r)| {
				s.vault = atlas_primitives::vault_leg(&route);
				*r = Some(route)
			})
		});
	}
}

/// Attestations' scores as rewards see them.
pub struct MockScores;
impl MockScores {
	pub fn set_points(epoch: EpochIndex, device: DeviceId, class: DeviceClass, points: Points) {
		POINTS.with(|p| p.borrow_mut().insert((epoch, device), (class, points)));
	}
	/// Closes every epoch before `epoch`.
	pub fn close_before(epoch: EpochIndex) {
		CLOSED_BEFORE.with(|c| *c.borrow_mut() = epoch);
	}
	/// Ends the challenge window of every epoch before `epoch`.
	pub fn settle_before(epoch: EpochIndex) {
		SETTLEABLE_BEFORE.with(|c| *c.borrow_mut() = epoch);
	}
	pub fn challenge(epoch: EpochIndex, device: DeviceId) {
		CHALLENGED.with(|c| c.borrow_mut().insert((epoch, device)));
	}
	/// A fraud ruling: the device's points are zeroed.
	pub fn resolve_fraud(epoch: EpochIndex, device: DeviceId) {
		CHALLENGED.with(|c| c.borrow_mut().remove(&(epoch, device)));
		POINTS.with(|p| p.borrow_mut().get_mut(&(epoch, device)).map(|(_, pts)| *pts = 0));
	}
}
impl EpochScores for MockScores {
	fn current_epoch() -> EpochIndex {
		(System::block_number() as u32) / EPOCH_LENGTH
	}
	fn is_closed(epoch: EpochIndex) -> bool {
		epoch < CLOSED_BEFORE.with(|c| *c.borrow())
	}
	fn is_final(epoch: EpochIndex) -> bool {
		epoch < SETTLEABLE_BEFORE.with(|c| *c.borrow())
	}
	fn device_points(epoch: EpochIndex, device: DeviceId) -> Option<(DeviceClass, Points)> {
		POINTS.with(|p| p.borrow().get(&(epoch, device)).copied())
	}
	fn attested(epoch: EpochIndex, device: DeviceId) -> Option<atlas_primitives::Attested> {
		Self::device_points(epoch, device).map(|(_, points)| mock_attested(points))
	}
	fn class_total(epoch: EpochIndex, class: DeviceClass) -> Points {
		POINTS.with(|p| {
			p.borrow()
				.iter()
				.filter(|((e, _), (c, _))| *e == epoch && *c == class)
				.map(|(_, (_, pts))| *pts)
				.sum()
		})
	}
	fn is_settleable(epoch: EpochIndex, device: DeviceId) -> bool {
		Self::is_closed(epoch)
			&& Self::is_final(epoch)
			&& !CHALLENGED.with(|c| c.borrow().contains(&(epoch, device)))
	}
	fn epoch_length() -> u32 {
		EPOCH_LENGTH
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_points(epoch: EpochIndex, device: DeviceId, class: DeviceClass, points: Points) {
		Self::set_points(epoch, device, class, points);
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_settle_through(epoch: EpochIndex) {
		Self::close_before(epoch + 1);
		Self::settle_before(epoch + 1);
	}
}

thread_local! {
	static CREDITS: RefCell<BTreeMap<(EpochIndex, AccountId), u32>> =
		const { RefCell::new(BTreeMap::new()) };
	static JUDGED: RefCell<BTreeMap<EpochIndex, u32>> = const { RefCell::new(BTreeMap::new()) };
}

/// Verifier credits as attestations would keep them.
pub struct MockVerifiers;
impl MockVerifiers {
	/// Judges `epoch`: `credits` per verifier; the total is their sum.
	pub fn judge(epoch: EpochIndex, credits: &[(AccountId, u32)]) {
		for (who, c) in credits {
			CREDITS.with(|m| m.borrow_mut().insert((epoch, *who), *c));
		}
		let total = credits.iter().map(|(_, c)| c).sum();
		JUDGED.with(|j| j.borrow_mut().insert(epoch, total));
	}
	/// Credits `who` without judging `epoch` yet.
	pub fn credit_unjudged(epoch: EpochIndex, who: AccountId, credits: u32) {
		CREDITS.with(|m| m.borrow_mut().insert((epoch, who), credits));
	}
}
impl atlas_primitives::VerifierCredits<AccountId> for MockVerifiers {
	fn credits(epoch: EpochIndex, verifier: &AccountId) -> Option<(u32, u32)> {
		let total = JUDGED.with(|j| j.borrow().get(&epoch).copied())?;
		CREDITS.with(|m| m.borrow().get(&(epoch, *verifier)).map(|c| (*c, total)))
	}
	fn take_credits(epoch: EpochIndex, verifier: &AccountId) -> Option<(u32, u32)> {
		let out = Self::credits(epoch, verifier)?;
		CREDITS.with(|m| m.borrow_mut().remove(&(epoch, *verifier)));
		Some(out)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_credits(epoch: EpochIndex, verifier: &AccountId, credits: u32, total: u32) {
		CREDITS.with(|m| m.borrow_mut().insert((epoch, *verifier), credits));
		JUDGED.with(|j| j.borrow_mut().insert(epoch, total));
	}
}

thread_local! {
	static OPERATOR_REVOKED: RefCell<bool> = const { RefCell::new(false) };
}

/// The registry's states as rewards see them: ADMIN administers STATE, OPERATOR holds the
/// Operator role until it is revoked.
pub struct MockRoles;
impl MockRoles {
	/// The state revokes OPERATOR's Operator role.
	pub fn revoke_operator() {
		OPERATOR_REVOKED.with(|r| *r.borrow_mut() = true);
	}
}
impl RoleProvider<AccountId> for MockRoles {
	fn state_exists(state: StateId) -> bool {
		ADMINS.with(|a| a.borrow().contains_key(&state))
	}
	fn is_state_active(state: StateId) -> bool {
		Self::state_exists(state)
	}
	fn is_admin(state: StateId, who: &AccountId) -> bool {
		ADMINS.with(|a| a.borrow().get(&state) == Some(who))
	}
	fn has_role(state: StateId, who: &AccountId, role: Role) -> bool {
		Self::is_admin(state, who)
			|| (role == Role::Operator
				&& *who == OPERATOR
				&& !OPERATOR_REVOKED.with(|r| *r.borrow()))
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_state(admin: &AccountId) -> StateId {
		let state = ADMINS.with(|a| a.borrow().keys().max().map_or(0, |m| m + 1));
		ADMINS.with(|a| a.borrow_mut().insert(state, *admin));
		state
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(_: StateId, _: &AccountId, _: Role) {}
}

thread_local! {
	static REFUSED: RefCell<Vec<DeviceId>> = const { RefCell::new(Vec::new()) };
}

/// Vaults: vault 7 takes rewards into VAULT_ACCOUNT and admits every device but those it was
/// told to refuse; no other vault exists.
pub struct MockVaults;
impl MockVaults {
	/// Vault 7 does not admit `device`.
	pub fn refuse(device: DeviceId) {
		REFUSED.with(|r| r.borrow_mut().push(device));
	}
}
impl RewardSink<AccountId, Balance> for MockVaults {
	fn accepts(vault: VaultId) -> bool {
		vault == 7
	}
	fn admits(vault: VaultId, device: DeviceId) -> bool {
		vault == 7 && !REFUSED.with(|r| r.borrow().contains(&device))
	}
	fn receive(vault: VaultId, source: &AccountId, amount: Balance) -> Result<(), DispatchError> {
		use frame_support::traits::tokens::Preservation;
		if vault != 7 {
			return Err(DispatchError::Other("no such vault"));
		}
		Balances::transfer(source, &VAULT_ACCOUNT, amount, Preservation::Preserve).map(|_| ())
	}
}

/// A compute device.
pub fn gpu() -> DeviceSpec {
	DeviceSpec::Compute {
		gpu_model: b"RTX".to_vec().try_into().unwrap(),
		gpu_count: 1,
		gpu_memory_mib: 8_192,
	}
}

/// A router.
pub fn router() -> DeviceSpec {
	DeviceSpec::Connectivity { link_capacity_kbps: 100_000 }
}

/// 1,000,000,000 issued, 100,000,000 of it in the treasury: 8 % a year over 100 epochs is
/// 800,000 an epoch, 10 % of it to the treasury, 180,000 per class.
pub fn new_test_ext() -> sp_io::TestExternalities {
	DEVICES.with(|d| d.borrow_mut().clear());
	POINTS.with(|p| p.borrow_mut().clear());
	CLOSED_BEFORE.with(|c| *c.borrow_mut() = 0);
	SETTLEABLE_BEFORE.with(|c| *c.borrow_mut() = 0);
	CHALLENGED.with(|c| c.borrow_mut().clear());
	CREDITS.with(|c| c.borrow_mut().clear());
	JUDGED.with(|c| c.borrow_mut().clear());
	ADMINS.with(|a| a.borrow_mut().clear());
	REFUSED.with(|r| r.borrow_mut().clear());
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(OWNER, 1_000_000),
			(OPERATOR, 1_000_000),
			(STRANGER, 1_000_000),
			(OTHER_OWNER, 1_000_000),
			(ADMIN, 1_000_000),
			(VAULT_ACCOUNT, 1_000),
			(TREASURY, 100_000_000),
			(100, 894_998_990),
		],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_rewards::GenesisConfig::<Test> {
		params: InflationParams::default(),
		class_shares: PerClass([Perbill::from_percent(25); 4]),
		verifier_share: Perbill::zero(),
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		ADMINS.with(|a| a.borrow_mut().insert(STATE, ADMIN));
		MockDevices::add(0, OWNER, gpu());
		MockDevices::set_operator(0, OPERATOR);
		MockDevices::add(1, OWNER, gpu());
		MockDevices::add(2, OTHER_OWNER, router());
	});
	ext
}

/// Closes epochs before `epoch` and runs the hooks once, funding the next one.
pub fn close_and_fund(epoch: EpochIndex) {
	MockScores::close_before(epoch + 1);
	while pallet_rewards::NextToFund::<Test>::get() <= epoch {
		let b = System::block_number() + 1;
		System::set_block_number(b);
		Rewards::on_initialize(b);
	}
}

/// Runs `test`, then checks the pallet's invariants.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Rewards::do_try_state().expect("invariants hold");
	});
}

/// What the mock's attestations say of a device that earned `points`.
pub fn mock_attested(points: Points) -> atlas_primitives::Attested {
	let metrics = atlas_primitives::Metrics { uptime_secs: 60, ..Default::default() };
	atlas_primitives::Attested {
		reported: metrics,
		verified: metrics,
		quorum: true,
		verification: Perbill::one(),
		uptime_bonus: Perbill::zero(),
		fraudulent: points == 0,
	}
}
