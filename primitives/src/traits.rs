//! The contracts between pallets. The runtime wires pallets through these; no pallet reads
//! another's storage.

use sp_runtime::{DispatchError, Perbill, Weight};

use crate::{DeploymentId, DeviceId, DeviceSummary, RewardRoute, Role, StateId};

/// Network states and the roles accounts hold in them. Implemented by the network states pallet.
pub trait RoleProvider<AccountId> {
	/// Whether `state` is registered (suspended or not).
	fn state_exists(state: StateId) -> bool;

	/// Whether `state` is admitted and not suspended: only such a state's devices may join,
	/// report and earn.
	fn is_state_active(state: StateId) -> bool;

	/// Whether `state` is active and past its probation: only such a state holds a council
	/// seat, appoints validators and takes part in recognitions. A provider without probation
	/// treats every active state as established.
	fn is_state_established(state: StateId) -> bool {
		Self::is_state_active(state)
	}

	/// Whether `who` is the admin of `state`.
	fn is_admin(state: StateId, who: &AccountId) -> bool;

	/// Whether `who` holds `role` in `state`. The admin holds every role implicitly.
	fn has_role(state: StateId, who: &AccountId, role: Role) -> bool;

	/// Registers an active state administered by `admin`, for benchmarks of dependent pallets.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_state(admin: &AccountId) -> StateId;

	/// Grants `role` in `state` to `who`, for benchmarks of dependent pallets.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(state: StateId, who: &AccountId, role: Role);
}

/// Something a network state still holds in another pallet. While it holds anything, the state
/// cannot deregister (the states pallet names the holding in its error).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StateHolding {
	/// Devices registered in the state.
	Devices,
	/// Recognitions or recognition requests the state takes part in.
	Recognitions,
	/// Co-use agreements the state hosts or is a guest in.
	Agreements,
	/// Deployments or blueprints of the state.
	Deployments,
}

/// "May this state deregister?": what a state still holds in a pallet. Implemented by every
/// pallet that keeps records of a state (devices, interstate, deployments); composes for tuples
/// (the first holding found is reported).
pub trait StateHoldings {
	/// What `state` still holds here, if anything.
	fn holding(state: StateId) -> Option<StateHolding>;

	/// What one [`StateHoldings::holding`] costs.
	fn weight() -> Weight;
}

#[impl_trait_for_tuples::impl_for_tuples(8)]
impl StateHoldings for Tuple {
	fn holding(state: StateId) -> Option<StateHolding> {
		for_tuples!( #( if let Some(h) = Tuple::holding(state) { return Some(h); } )* );
		None
	}

	fn weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::weight()); )* );
		weight
	}
}

/// Deployments: named groups of a state's devices. Implemented by the deployments pallet; read by
/// the interstate pallet, whose co-use agreements may cover a deployment.
pub trait DeploymentRegistry {
	/// The state `deployment` belongs to, or `None` if it does not exist.
	fn deployment_state(deployment: DeploymentId) -> Option<StateId>;

	/// The deployment `device` is in, if any.
	fn deployment_of(device: DeviceId) -> Option<DeploymentId>;

	/// Creates a deployment of `state` holding `devices`, for benchmarks of dependent pallets.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_deployment(state: StateId, devices: &[DeviceId]) -> DeploymentId;
}

impl DeploymentRegistry for () {
	fn deployment_state(_: DeploymentId) -> Option<StateId> {
		None
	}

	fn deployment_of(_: DeviceId) -> Option<DeploymentId> {
		None
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_deployment(_: StateId, _: &[DeviceId]) -> DeploymentId {
		0
	}
}

/// The registered devices. Implemented by the device registry.
pub trait DeviceRegistry<AccountId, Balance> {
	/// What other pallets may know of `device`, or `None` if it is not registered.
	fn device(device: DeviceId) -> Option<DeviceSummary<AccountId>>;

	/// Up to `limit` (at most [`crate::MAX_PAGE_SIZE`]) devices of `owner` after `cursor`.
	fn devices_of(
		owner: &AccountId,
		cursor: Option<DeviceId>,
		limit: u32,
	) -> crate::Page<DeviceId, DeviceId>;

	/// How `device`'s settled rewards are split (everything to the owner unless the owner set a
	/// route), or `None` if it is not registered.
	fn reward_route(device: DeviceId) -> Option<RewardRoute<AccountId>>;

	/// The deposit `device` holds, or `None` if it is not registered.
	fn deposit(device: DeviceId) -> Option<Balance>;

	/// Slashes up to `amount` of `device`'s held deposit (for proven fraud) and pays it to
	/// `beneficiary` (or to the registry's slash handler when `None`); returns the amount taken,
	/// which is less than `amount` when the deposit holds less.
	fn slash_deposit(
		device: DeviceId,
		amount: Balance,
		beneficiary: Option<&AccountId>,
	) -> Result<Balance, DispatchError>;

	/// Registers an active device of `owner` in `state` with `spec` and `key`, without a
	/// possession proof or deposit, for benchmarks of dependent pallets.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_device(
		owner: &AccountId,
		state: StateId,
		spec: crate::DeviceSpec,
		key: crate::DeviceKey,
	) -> DeviceId;

	/// Sets `device`'s reward route without checks, for benchmarks of dependent pallets.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_set_route(device: DeviceId, route: RewardRoute<AccountId>);
}

/// Whether devices have rewards not yet paid. Implemented by rewards; the device registry refuses
/// to transfer or decommission a device that has, so what it earned reaches the owner who earned
/// it.
pub trait RewardLedger {
	/// Whether `device` has reported epochs that are not paid yet.
	fn has_unpaid(device: DeviceId) -> bool;

	/// `device` was removed from the registry by force: its unpaid epochs are forfeited (never
	/// paid; their budget stays unspent) and leave its vault's accruals, so no vault's price
	/// counts them. Returns the weight used.
	fn on_removed(device: DeviceId) -> Weight;

	/// The most [`RewardLedger::on_removed`] costs.
	fn removal_weight() -> Weight;
}

impl RewardLedger for () {
	fn has_unpaid(_: DeviceId) -> bool {
		false
	}

	fn on_removed(_: DeviceId) -> Weight {
		Weight::zero()
	}

	fn removal_weight() -> Weight {
		Weight::zero()
	}
}

/// A network state's holdings in vaults, moved only by its citizens' votes: its community pool
/// (`pool`) deposits, redeems and votes its shares. Implemented by vaults, used by community
/// pools.
pub trait StateInvestments<AccountId, Balance> {
	/// `state`'s pool deposits `amount` into `vault` for shares; the state's commitment to the
	/// vault grows by it.
	fn invest(
		state: StateId,
		pool: &AccountId,
		vault: crate::VaultId,
		amount: Balance,
	) -> Result<(), DispatchError>;

	/// `state`'s pool redeems `shares` of `vault`; its commitment shrinks by what it is paid
	/// (never below zero).
	fn divest(
		state: StateId,
		pool: &AccountId,
		vault: crate::VaultId,
		shares: Balance,
	) -> Result<(), DispatchError>;

	/// `state`'s pool votes `shares` of `vault` on `proposal`.
	fn vote(
		pool: &AccountId,
		vault: crate::VaultId,
		proposal: u32,
		aye: bool,
		shares: Balance,
	) -> Result<(), DispatchError>;

	/// The most any of them costs.
	fn weight() -> Weight;
}

/// Moves devices into and out of a vault's custody. Implemented by the device registry, used by
/// vaults: a vault's account is derived, so no one signs for it, and everything its devices do
/// as owner goes through its holders' votes.
pub trait DeviceCustody<AccountId> {
	/// Hands `device`, owned by `from`, to `vault`'s account `custodian`, its route wholly to
	/// the vault (fixed while the vault owns it: no one signs for the account). The operator
	/// stays; the deposit travels with the device. Fails while the device has unpaid rewards or
	/// a report of it stands challenged.
	fn hand_to_vault(
		device: DeviceId,
		from: &AccountId,
		custodian: &AccountId,
		vault: crate::VaultId,
	) -> Result<(), DispatchError>;

	/// Hands a device `custodian` (a vault's account) owns to `to`, a citizen of the device's
	/// state: operator, probe endpoint and route reset, the deposit travelling with it. Fails
	/// while the device has unpaid rewards or a report of it stands challenged.
	fn hand_from_vault(
		device: DeviceId,
		custodian: &AccountId,
		to: &AccountId,
	) -> Result<(), DispatchError>;

	/// The most either hand-over costs.
	fn custody_weight() -> Weight;
}

/// Whether a device's reports stand challenged. Implemented by attestations, read by the device
/// registry: a challenged device's deposit must stay for the fine.
pub trait ChallengeStatus {
	/// Whether any report of `device` has a challenge still open.
	fn is_challenged(device: DeviceId) -> bool;
}

impl ChallengeStatus for () {
	fn is_challenged(_: DeviceId) -> bool {
		false
	}
}

/// Receives settled rewards for vault beneficiaries. Implemented by vaults; until they exist
/// the runtime uses `()`, which accepts no vault, so routes naming a vault are refused.
pub trait RewardSink<AccountId, Balance> {
	/// Whether `vault` exists and takes rewards.
	fn accepts(vault: crate::VaultId) -> bool;

	/// Whether `vault` admits `device`'s rewards: its holders voted the device in. A device
	/// routes to a vault only while admitted (its reports are refused otherwise), so no one can
	/// fill a vault's bookkeeping with legs it never chose.
	fn admits(vault: crate::VaultId, device: DeviceId) -> bool;

	/// Moves `amount` from `source` to `vault` as earned yield (it raises the vault's net asset
	/// value, minting no shares).
	fn receive(
		vault: crate::VaultId,
		source: &AccountId,
		amount: Balance,
	) -> Result<(), DispatchError>;
}

impl<AccountId, Balance> RewardSink<AccountId, Balance> for () {
	fn accepts(_: crate::VaultId) -> bool {
		false
	}

	fn admits(_: crate::VaultId, _: DeviceId) -> bool {
		false
	}

	fn receive(_: crate::VaultId, _: &AccountId, _: Balance) -> Result<(), DispatchError> {
		Err(DispatchError::Other("no vaults"))
	}
}

/// What a vault's devices earned for it and were not paid yet, in two parts.
#[derive(
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct UnpaidYield<Balance> {
	/// Earned in epochs that are funded and final (closed, their challenge window over, no
	/// challenge open): what settlement will pay, whatever anyone does now.
	pub certain: Balance,
	/// Earned in epochs still running, closing, in their challenge window or not funded yet,
	/// valued at their (or the latest) budget: an estimate that reports, observations and
	/// challenges still move.
	pub maturing: Balance,
}

impl<Balance: sp_runtime::Saturating + Copy> UnpaidYield<Balance> {
	/// Both parts.
	pub fn total(&self) -> Balance {
		self.certain.saturating_add(self.maturing)
	}
}

/// What vaults are owed for epochs their devices earned but have not been paid yet. Implemented
/// by rewards (kept per vault and epoch as reports arrive); vaults price deposits on all of it
/// and redemptions on its certain part only, so neither a settlement nor a report that raises
/// the estimate moves what a share redeems for.
pub trait VaultYield<Balance> {
	/// The value of `vault`'s earned but unpaid rewards.
	fn unpaid(vault: crate::VaultId) -> UnpaidYield<Balance>;

	/// Gives `vault` as many unpaid epochs as it may have, for benchmarks of the vaults
	/// pallet (pricing a share reads them all).
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_fill(vault: crate::VaultId);
}

impl<Balance: Default> VaultYield<Balance> for () {
	fn unpaid(_: crate::VaultId) -> UnpaidYield<Balance> {
		UnpaidYield::default()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_fill(_: crate::VaultId) {}
}

/// Told when a network state's standing changes, so what states hold at chain level (a council
/// seat, validators) follows. Implemented by the state seats pallet; called by the registry.
pub trait OnStateChange<AccountId> {
	/// `state` became active (registered or restored), administered by `admin`.
	fn on_active(state: StateId, admin: &AccountId);

	/// `state` stopped being active (suspended or deregistered); `admin` was its admin.
	fn on_inactive(state: StateId, admin: &AccountId);

	/// The admin of `state` changed from `old` to `new`; `active` says whether the state is.
	fn on_admin_changed(state: StateId, old: &AccountId, new: &AccountId, active: bool);

	/// `who` no longer holds the Validator role in `state`.
	fn on_validator_removed(state: StateId, who: &AccountId);

	/// The most one of these calls costs, for the weights of the calls that make it.
	fn weight() -> sp_runtime::Weight;
}

#[impl_trait_for_tuples::impl_for_tuples(8)]
impl<AccountId> OnStateChange<AccountId> for Tuple {
	fn on_active(state: StateId, admin: &AccountId) {
		for_tuples!( #( Tuple::on_active(state, admin); )* );
	}
	fn on_inactive(state: StateId, admin: &AccountId) {
		for_tuples!( #( Tuple::on_inactive(state, admin); )* );
	}
	fn on_admin_changed(state: StateId, old: &AccountId, new: &AccountId, active: bool) {
		for_tuples!( #( Tuple::on_admin_changed(state, old, new, active); )* );
	}
	fn on_validator_removed(state: StateId, who: &AccountId) {
		for_tuples!( #( Tuple::on_validator_removed(state, who); )* );
	}
	fn weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::weight()); )* );
		weight
	}
}

/// Declaring and withdrawing the intent to validate. Implemented in the runtime over the staking
/// pallet, so the state seats pallet can gate who validates.
pub trait ValidatorIntent<AccountId> {
	/// Declares `who` (a bonded stash) a validator candidate with `commission`; `blocked` refuses
	/// new nominations.
	fn validate(who: &AccountId, commission: Perbill, blocked: bool) -> Result<(), DispatchError>;

	/// Withdraws `who`'s intent to validate (or nominate); nothing if it has none.
	fn chill(who: &AccountId);

	/// Whether `who` currently intends to validate.
	fn is_validator(who: &AccountId) -> bool;

	/// Bonds `who` enough to validate, for benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_bond(who: &AccountId);
}

/// The community pools that device rewards pay into, one per state. Implemented by the rewards
/// pallet, which derives the accounts; the pallet that governs spending them moves funds out.
pub trait CommunityPools<AccountId> {
	/// The account holding `state`'s community pool.
	fn pool_account(state: StateId) -> AccountId;
}

/// Governance stake: rewards an account chose to stake (frozen, unstaking waits an unbonding
/// period) rather than take. It cannot be bought or moved, only earned by verified work, so it
/// weighs in decisions where free ATH does not. Implemented by the rewards pallet.
pub trait GovernanceStake<AccountId, Balance> {
	/// `who`'s active governance stake (what is unbonding no longer counts).
	fn voting_stake(who: &AccountId) -> Balance;

	/// Gives `who` `amount` of active stake, for benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_stake(who: &AccountId, amount: Balance);
}
