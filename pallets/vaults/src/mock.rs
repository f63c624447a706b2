//! A test runtime: balances, assets (share tokens frozen by votes) and vaults, with network
//! states, devices and the rewards side mocked behind their traits.

use crate as pallet_vaults;
use atlas_primitives::{
	DeviceId, DeviceKey, DeviceRegistry, DeviceSpec, DeviceStatus, DeviceSummary, RewardRoute,
	Role, RoleProvider, StateId, UnpaidYield, VaultId, VaultLeg, VaultYield,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::HoldConsideration, AsEnsureOriginWithArg, ConstU32, ConstU64,
		ConstantStoragePrice,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::{traits::Convert, BuildStorage, DispatchError, Perbill};
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;
/// 16 bytes: vault accounts (`modl`, the pallet id, the vault number) must not truncate.
pub type AccountId = u128;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Vaults: pallet_vaults,
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

/// Share tokens are frozen by the votes recorded in the vaults pallet.
pub struct ShareFreezer;
impl pallet_assets::FrozenBalance<u32, AccountId, Balance> for ShareFreezer {
	fn frozen_balance(asset: u32, who: &AccountId) -> Option<Balance> {
		Vaults::frozen_shares(asset, who)
	}
	fn died(_: u32, _: &AccountId) {}
	fn contains_freezes(asset: u32) -> bool {
		Vaults::has_votes(asset)
	}
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = Balance;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<METADATA_BASE>;
	type MetadataDepositPerByte = ConstU128<1>;
	type Freezer = ShareFreezer;
}

/// A `Get<u128>` constant.
pub struct ConstU128<const N: u128>;
impl<const N: u128> frame_support::traits::Get<u128> for ConstU128<N> {
	fn get() -> u128 {
		N
	}
}

pub const ED: Balance = 10;
pub const VAULT_DEPOSIT: Balance = 500;
pub const PROPOSAL_DEPOSIT: Balance = 100;
pub const MIN_SEED: Balance = 1_000;
pub const METADATA_BASE: Balance = 20;
pub const VOTING_PERIOD: u64 = 10;
/// The longest lock-up a vault may set, in blocks.
pub const MAX_LOCK_UP: u64 = 1_000;
/// Share tokens start here.
pub const SHARE_BASE: u32 = 1_000_000;

/// Admin of STATE.
pub const ADMIN: AccountId = 1;
/// Admin of PARTNER.
pub const PARTNER_ADMIN: AccountId = 2;
pub const ALICE: AccountId = 10;
pub const BOB: AccountId = 11;
pub const CHARLIE: AccountId = 12;
/// Has almost nothing.
pub const POOR: AccountId = 13;
/// Pays rewards into vaults (the rewards pot, as the sink sees it).
pub const POT: AccountId = 99;
/// A vendor paid by proposals.
pub const VENDOR: AccountId = 50;

/// The state that creates vaults.
pub const STATE: StateId = 1;
/// A state that co-invests.
pub const PARTNER: StateId = 2;
/// A suspended state.
pub const SUSPENDED: StateId = 3;

/// A device whose route pays vault 0.
pub const ROUTED: DeviceId = 5;
/// A device whose route pays no vault.
pub const UNROUTED: DeviceId = 6;

parameter_types! {
	pub const ExistentialDeposit: Balance = ED;
	pub const VaultsPalletId: PalletId = PalletId(*b"atl/vlts");
	pub const VaultHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Vaults(pallet_vaults::HoldReason::VaultDeposit);
	pub const ProposalDeposit: Balance = PROPOSAL_DEPOSIT;
	pub const MinProposalShare: Perbill = Perbill::from_percent(10);
	pub const MinSeed: Balance = MIN_SEED;
}

/// A vault's deposit: [`VAULT_DEPOSIT`] held, whatever the vault's footprint.
pub type VaultTicket = HoldConsideration<
	AccountId,
	Balances,
	VaultHoldReason,
	ConstantStoragePrice<ConstU128<VAULT_DEPOSIT>, Balance>,
>;

/// Vault `n`'s share token is `SHARE_BASE + n`.
pub struct ShareAssetId;
impl Convert<VaultId, u32> for ShareAssetId {
	fn convert(vault: VaultId) -> u32 {
		SHARE_BASE.saturating_add(vault)
	}
}

impl pallet_vaults::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = Assets;
	type ShareAssetId = ShareAssetId;
	type Roles = MockRoles;
	type StateAdminOrigin = atlas_primitives::EnsureStateAdmin<MockRoles, AccountId>;
	type Devices = MockDevices;
	type Yield = MockYield;
	type PalletId = VaultsPalletId;
	type VaultConsideration = VaultTicket;
	type MinSeed = MinSeed;
	type ProposalDeposit = ProposalDeposit;
	type MinVotingPeriod = ConstU64<2>;
	type MaxVotingPeriod = ConstU64<100>;
	type MaxNameLength = ConstU32<16>;
	type MaxSponsors = ConstU32<2>;
	type MaxDevices = ConstU32<2>;
	type MaxProposals = ConstU32<3>;
	type MinProposalShare = MinProposalShare;
	type Custody = MockDevices;
	type MaxPurchaseDevices = ConstU32<3>;
	type MaxPurchases = ConstU32<2>;
	type MaxVotes = ConstU32<2>;
	type MaxLockUp = ConstU64<MAX_LOCK_UP>;
	type WeightInfo = ();
}

thread_local! {
	/// Unpaid yield of each vault, as rewards would value it.
	static UNPAID: RefCell<BTreeMap<VaultId, UnpaidYield<Balance>>> = RefCell::new(BTreeMap::new());
	/// Admins of the registered states, and whether each is active.
	static STATES: RefCell<BTreeMap<StateId, (AccountId, bool)>> = RefCell::new(BTreeMap::new());
	/// The vault each device's route pays.
	static ROUTES: RefCell<BTreeMap<DeviceId, Option<VaultLeg>>> = RefCell::new(BTreeMap::new());
	/// Owners other than ALICE.
	static OWNERS: RefCell<BTreeMap<DeviceId, AccountId>> = RefCell::new(BTreeMap::new());
	/// Devices not activated yet.
	static PENDING: RefCell<Vec<DeviceId>> = const { RefCell::new(Vec::new()) };
}

/// The rewards side: what each vault's devices earned and were not paid yet.
pub struct MockYield;
impl MockYield {
	/// Devices earned `amount` more for `vault` in final epochs (certain, not paid yet).
	pub fn earn(vault: VaultId, amount: Balance) {
		UNPAID.with(|u| u.borrow_mut().entry(vault).or_default().certain += amount);
	}
	/// Devices earned `amount` more for `vault` in epochs not final yet (a report in the
	/// running epoch, say).
	pub fn earn_maturing(vault: VaultId, amount: Balance) {
		UNPAID.with(|u| u.borrow_mut().entry(vault).or_default().maturing += amount);
	}
	/// The epochs of `vault`'s maturing yield became final, worth `amount` after all.
	pub fn mature(vault: VaultId, amount: Balance) {
		UNPAID.with(|u| {
			let mut u = u.borrow_mut();
			let unpaid = u.entry(vault).or_default();
			unpaid.maturing = 0;
			unpaid.certain += amount;
		});
	}
	/// Settles `vault`'s certain unpaid yield: the pot pays it into the vault (as rewards do).
	pub fn settle(vault: VaultId) -> Balance {
		use atlas_primitives::RewardSink;
		let amount =
			UNPAID.with(|u| core::mem::take(&mut u.borrow_mut().entry(vault).or_default().certain));
		<Vaults as RewardSink<AccountId, Balance>>::receive(vault, &POT, amount)
			.expect("the vault takes its yield");
		amount
	}
}
impl VaultYield<Balance> for MockYield {
	fn unpaid(vault: VaultId) -> UnpaidYield<Balance> {
		UNPAID.with(|u| u.borrow().get(&vault).copied().unwrap_or_default())
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_fill(vault: VaultId) {
		Self::earn(vault, 1);
	}
}

/// Network states: STATE (ADMIN) and PARTNER (PARTNER_ADMIN) are active, SUSPENDED is not.
pub struct MockRoles;
impl MockRoles {
	pub fn add(state: StateId, admin: AccountId, active: bool) {
		STATES.with(|s| s.borrow_mut().insert(state, (admin, active)));
	}
}
impl RoleProvider<AccountId> for MockRoles {
	fn state_exists(state: StateId) -> bool {
		STATES.with(|s| s.borrow().contains_key(&state))
	}
	fn is_state_active(state: StateId) -> bool {
		STATES.with(|s| s.borrow().get(&state).is_some_and(|(_, active)| *active))
	}
	fn is_admin(state: StateId, who: &AccountId) -> bool {
		STATES.with(|s| s.borrow().get(&state).is_some_and(|(admin, _)| admin == who))
	}
	fn has_role(state: StateId, who: &AccountId, _: Role) -> bool {
		Self::is_admin(state, who)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_state(admin: &AccountId) -> StateId {
		let state = STATES.with(|s| s.borrow().keys().max().map_or(1, |m| m + 1));
		Self::add(state, *admin, true);
		state
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(_: StateId, _: &AccountId, _: Role) {}
}

/// Devices: ROUTED pays half its rewards to vault 0, UNROUTED pays no vault.
pub struct MockDevices;
impl MockDevices {
	pub fn route(device: DeviceId, vault: Option<VaultId>) {
		let leg = vault.map(|vault| VaultLeg { vault, share: Perbill::from_percent(50) });
		ROUTES.with(|r| r.borrow_mut().insert(device, leg));
	}
	/// The device is decommissioned.
	pub fn remove(device: DeviceId) {
		ROUTES.with(|r| r.borrow_mut().remove(&device));
	}
	/// `owner` registers `device` (routed nowhere), not activated yet.
	pub fn register(device: DeviceId, owner: AccountId) {
		Self::route(device, None);
		OWNERS.with(|o| o.borrow_mut().insert(device, owner));
		PENDING.with(|p| p.borrow_mut().push(device));
	}
	/// A steward activates `device`.
	pub fn activate(device: DeviceId) {
		PENDING.with(|p| p.borrow_mut().retain(|d| *d != device));
	}
	/// Who owns `device`.
	pub fn owner(device: DeviceId) -> AccountId {
		OWNERS.with(|o| o.borrow().get(&device).copied().unwrap_or(ALICE))
	}
}

/// Custody as the registry does it: the owner changes, the route follows.
impl atlas_primitives::DeviceCustody<AccountId> for MockDevices {
	fn hand_to_vault(
		device: DeviceId,
		from: &AccountId,
		custodian: &AccountId,
		vault: VaultId,
	) -> Result<(), DispatchError> {
		if Self::device(device).is_none() || Self::owner(device) != *from {
			return Err(DispatchError::Other("not the owner"));
		}
		OWNERS.with(|o| o.borrow_mut().insert(device, *custodian));
		ROUTES.with(|r| {
			r.borrow_mut().insert(device, Some(VaultLeg { vault, share: Perbill::one() }))
		});
		Ok(())
	}
	fn hand_from_vault(
		device: DeviceId,
		custodian: &AccountId,
		to: &AccountId,
	) -> Result<(), DispatchError> {
		if Self::owner(device) != *custodian {
			return Err(DispatchError::Other("not the owner"));
		}
		OWNERS.with(|o| o.borrow_mut().insert(device, *to));
		ROUTES.with(|r| r.borrow_mut().insert(device, None));
		Ok(())
	}
	fn custody_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
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
		let vault = ROUTES.with(|r| r.borrow().get(&device).copied())?;
		let pending = PENDING.with(|p| p.borrow().contains(&device));
		Some(DeviceSummary {
			owner: Self::owner(device),
			operator: None,
			state: STATE,
			spec: DeviceSpec::Energy { rated_watts: 1_000 },
			status: if pending { DeviceStatus::Pending } else { DeviceStatus::Active },
			key: DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw([device as u8; 32])),
			vault,
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
	fn benchmark_device(owner: &AccountId, _: StateId, _: DeviceSpec, _: DeviceKey) -> DeviceId {
		let id = ROUTES.with(|r| r.borrow().keys().max().map_or(0, |m| m + 1));
		Self::route(id, None);
		OWNERS.with(|o| o.borrow_mut().insert(id, *owner));
		id
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_route(device: DeviceId, route: RewardRoute<AccountId>) {
		ROUTES.with(|r| r.borrow_mut().insert(device, atlas_primitives::vault_leg(&route)));
	}
}

/// Everyone funded; STATE and PARTNER active, SUSPENDED suspended; ROUTED pays vault 0.
pub fn new_test_ext() -> sp_io::TestExternalities {
	UNPAID.with(|u| u.borrow_mut().clear());
	STATES.with(|s| s.borrow_mut().clear());
	ROUTES.with(|r| r.borrow_mut().clear());
	OWNERS.with(|o| o.borrow_mut().clear());
	PENDING.with(|p| p.borrow_mut().clear());
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ADMIN, 1_000_000),
			(PARTNER_ADMIN, 1_000_000),
			(ALICE, 1_000_000),
			(BOB, 1_000_000),
			(CHARLIE, 1_000_000),
			(POOR, 50),
			(POT, 10_000_000),
		],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		MockRoles::add(STATE, ADMIN, true);
		MockRoles::add(PARTNER, PARTNER_ADMIN, true);
		MockRoles::add(SUSPENDED, CHARLIE, false);
		MockDevices::route(ROUTED, Some(0));
		MockDevices::route(UNROUTED, None);
	});
	ext
}

/// Runs `test`, then checks the pallet's invariants.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Vaults::do_try_state().expect("invariants hold");
	});
}

/// Moves to block `n`.
pub fn run_to(n: u64) {
	System::set_block_number(n);
}
