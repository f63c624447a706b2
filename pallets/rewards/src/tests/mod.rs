//! Tests of the rewards pallet, by concern. Every test run with `run_test` ends with the
//! pallet's `try_state` checks.

mod backlog;
mod breaker;
mod claims;
mod emission;
mod expiry;
mod invariants;
mod pools;
mod programs;
mod routes;
mod settlement;
mod stake;
mod vaults;
mod verifiers;

pub(crate) use crate::{
	mock::*, ActivePrograms, Budgets, ClaimPermission, ClaimPermissions, ClassBudget, ClassShares,
	EmissionTotals, Error, Event, FreezeReason, HoldReason, LastMint, Ledgers, NextProgramId,
	NextToFund, OldestBudget, PendingRewards, PolicyParams, Program, ProgramBudget, Programs,
	Receipt, StakeLedger, Stakes, Totals, VaultAccruals, VaultEpoch,
};
pub(crate) use atlas_inflation::InflationParams;
pub(crate) use atlas_primitives::{
	Beneficiary, DeviceClass, DeviceId, DeviceRegistry, Emission, EpochIndex, EpochScores,
	OnReport, PerClass, Points,
};
pub(crate) use frame_support::{
	assert_noop, assert_ok,
	dispatch::DispatchResultWithPostInfo,
	traits::{
		fungible::{self, InspectFreeze, InspectHold},
		fungibles,
		tokens::Preservation,
		Hooks,
	},
	weights::Weight,
};
pub(crate) use sp_runtime::{DispatchError, Perbill};

pub(crate) use DeviceClass::{Compute, Connectivity};

/// The rewards pallet's events so far.
pub(crate) fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Rewards(e) = r.event { Some(e) } else { None })
		.collect()
}

/// The `(device, epoch, amount)` of every `RewardSettled` event so far.
pub(crate) fn settled() -> Vec<(DeviceId, EpochIndex, Balance)> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::RewardSettled { device, epoch, amount, .. } => Some((device, epoch, amount)),
			_ => None,
		})
		.collect()
}

/// Tells the pallet that `device` reported in `epoch` (for the points it has there, if any).
pub(crate) fn report(device: DeviceId, epoch: EpochIndex) -> bool {
	let info = MockDevices::device(device).expect("a mock device");
	let points = MockScores::device_points(epoch, device).map_or(0, |(_, p)| p);
	let taken = <Rewards as OnReport>::can_take(device, epoch, points, info.vault);
	if taken {
		<Rewards as OnReport>::on_report(device, epoch, info.spec.class(), points, info.vault);
	}
	taken
}

/// `device` reports in `epoch` and earns `points` there.
pub(crate) fn earn(device: DeviceId, epoch: EpochIndex, class: DeviceClass, points: Points) {
	MockScores::set_points(epoch, device, class, points);
	assert!(report(device, epoch));
}

/// Funds `epoch` (and any before it) and ends its challenge window.
pub(crate) fn fund_and_settle(epoch: EpochIndex) {
	close_and_fund(epoch);
	MockScores::settle_before(epoch + 1);
}

pub(crate) fn claim(who: AccountId, devices: Vec<DeviceId>) -> DispatchResultWithPostInfo {
	Rewards::claim(RuntimeOrigin::signed(who), devices)
}

pub(crate) fn balance(who: AccountId) -> Balance {
	<Balances as fungible::Inspect<AccountId>>::balance(&who)
}

pub(crate) fn asset_balance(asset: u32, who: AccountId) -> Balance {
	<Assets as fungibles::Inspect<AccountId>>::balance(asset, &who)
}

pub(crate) fn stake_frozen(who: AccountId) -> Balance {
	<Balances as InspectFreeze<AccountId>>::balance_frozen(
		&RuntimeFreezeReason::Rewards(FreezeReason::RewardStake),
		&who,
	)
}

/// The ticket of a deposit of `amount`: a hold consideration is stored as the amount it holds.
pub(crate) fn ticket<C: codec::Decode>(amount: Balance) -> C {
	C::decode(&mut &codec::Encode::encode(&amount)[..]).expect("a hold ticket is its amount")
}

pub(crate) fn deposit_held(who: AccountId) -> Balance {
	<Balances as InspectHold<AccountId>>::balance_on_hold(
		&RuntimeHoldReason::Rewards(HoldReason::ProgramDeposit),
		&who,
	)
}

pub(crate) fn create_asset(asset: u32, issuer: AccountId) {
	assert_ok!(Assets::force_create(RuntimeOrigin::root(), asset, issuer, true, 1));
}

pub(crate) fn create_program(
	who: AccountId,
	asset: u32,
	class: DeviceClass,
	per_epoch: Balance,
	epochs: u32,
) -> sp_runtime::DispatchResult {
	Rewards::create_program(RuntimeOrigin::signed(who), asset, class, per_epoch, epochs)
}

pub(crate) fn budget(epoch: EpochIndex) -> crate::EpochBudgetOf<Test> {
	Budgets::<Test>::get(epoch).expect("the epoch is funded")
}

pub(crate) fn pending(device: DeviceId) -> Vec<EpochIndex> {
	Ledgers::<Test>::get(device).map(|l| l.pending.to_vec()).unwrap_or_default()
}

/// The weight of an `on_idle` that checks and does not sweep.
pub(crate) fn idle_check_weight() -> Weight {
	<<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<
		frame_support::weights::RuntimeDbWeight,
	>>::get()
	.reads(2)
}

pub(crate) fn percent(shares: [u32; 4]) -> PerClass<Perbill> {
	PerClass(shares.map(Perbill::from_percent))
}

/// 90 % a year: the epoch after a normal one asks for more than 5x its mint.
pub(crate) fn runaway_params() -> InflationParams {
	InflationParams {
		initial_inflation: Perbill::from_percent(90),
		floor_inflation: Perbill::from_percent(2),
		..Default::default()
	}
}
