//! Tests of the vaults pallet, by concern. Every test run with `run_test` ends with the
//! pallet's `try_state` checks.

mod actions;
mod capture;
mod closing;
mod creation;
mod deposits;
mod invariants;
mod procurement;
mod proposals;
mod reads;
mod redemptions;
mod reward_sink;
mod share_price;
mod sponsors;
mod state_investments;
mod votes;

pub(crate) use crate::{
	mock::*, ActionOf, Error, Event, HoldReason, NextProposalId, NextVaultId, Outcome, ParamsOf,
	Proposal, ProposalAction, ProposalId, ProposalOf, Proposals, VaultOf, VaultOfAsset,
	VaultParams, VaultView, VoteLock, Votes,
};
pub(crate) use atlas_primitives::{RewardSink, VaultId, VaultYield};
pub(crate) use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{self, InspectHold, MutateHold},
		fungibles::{self, metadata::Inspect as _},
		tokens::{Fortitude, Precision, Preservation},
	},
};
pub(crate) use sp_runtime::{DispatchResult, Perbill, TokenError};

pub(crate) type Action = ActionOf<Test>;
pub(crate) type Params = ParamsOf<Test>;

/// Fixed-point scale of a share's price (NAV per share × 10¹²).
pub(crate) const SCALE: u128 = 1_000_000_000_000;
/// What every account starts with (but POOR and POT).
pub(crate) const FUNDS: Balance = 1_000_000;
/// The name of the vault `create` makes.
pub(crate) const NAME: &[u8] = b"Solar Co-op";

/// The vaults pallet's events so far.
pub(crate) fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Vaults(e) = r.event { Some(e) } else { None })
		.collect()
}

/// The default parameters.
pub(crate) fn params() -> Params {
	VaultParams {
		min_deposit: 100,
		redeem_after: 0,
		voting_period: VOTING_PERIOD,
		quorum: Perbill::from_percent(20),
		threshold: Perbill::from_percent(50),
		sponsor_veto: true,
	}
}

pub(crate) fn create_vault(
	who: AccountId,
	state: u32,
	name: &[u8],
	params: Params,
	seed: Balance,
) -> DispatchResult {
	Vaults::create_vault(RuntimeOrigin::signed(who), state, name.to_vec(), params, seed)
}

/// ADMIN creates vault 0 for STATE with the default parameters and the smallest seed.
pub(crate) fn create() {
	create_with(params());
}

/// ADMIN creates vault 0 for STATE with `params` and the smallest seed.
pub(crate) fn create_with(params: Params) {
	assert_ok!(create_vault(ADMIN, STATE, NAME, params, MIN_SEED));
}

/// Vault 0 with ALICE and BOB holding 1_000 shares each (supply and NAV 3_000).
pub(crate) fn with_holders() {
	create();
	assert_ok!(deposit(ALICE, 1_000));
	assert_ok!(deposit(BOB, 1_000));
	assert_eq!((supply(), Vaults::nav(0)), (3_000, 3_000));
}

/// Vault 0 as stored.
pub(crate) fn vault() -> VaultOf<Test> {
	crate::Vaults::<Test>::get(0).expect("vault 0 exists")
}

/// Free ATH of `who`.
pub(crate) fn balance(who: AccountId) -> Balance {
	<Balances as fungible::Inspect<AccountId>>::balance(&who)
}

/// Free and reserved ATH of `who`.
pub(crate) fn total_balance(who: AccountId) -> Balance {
	<Balances as fungible::Inspect<AccountId>>::total_balance(&who)
}

/// The ticket of a deposit of `amount`: a hold consideration is stored as the amount it holds.
pub(crate) fn ticket<C: codec::Decode>(amount: Balance) -> C {
	C::decode(&mut &codec::Encode::encode(&amount)[..]).expect("a hold ticket is its amount")
}

/// ATH held from `who` for `reason`.
pub(crate) fn held(reason: HoldReason, who: AccountId) -> Balance {
	<Balances as InspectHold<AccountId>>::balance_on_hold(&RuntimeHoldReason::Vaults(reason), &who)
}

/// Shares of vault 0 that `who` holds.
pub(crate) fn shares(who: AccountId) -> Balance {
	<Assets as fungibles::Inspect<AccountId>>::balance(SHARE_BASE, &who)
}

/// Shares of vault 0 issued.
pub(crate) fn supply() -> Balance {
	<Assets as fungibles::Inspect<AccountId>>::total_issuance(SHARE_BASE)
}

/// ATH vault 0 holds (free, what NAV counts).
pub(crate) fn liquid() -> Balance {
	balance(Vaults::account(0))
}

/// Vault 0's NAV per share, × 10¹².
pub(crate) fn pps() -> u128 {
	Vaults::nav(0) * SCALE / supply()
}

pub(crate) fn deposit(who: AccountId, amount: Balance) -> DispatchResult {
	Vaults::deposit(RuntimeOrigin::signed(who), 0, amount)
}

pub(crate) fn redeem(who: AccountId, shares: Balance) -> DispatchResult {
	Vaults::redeem(RuntimeOrigin::signed(who), 0, shares)
}

pub(crate) fn propose(who: AccountId, action: Action) -> DispatchResult {
	Vaults::propose(RuntimeOrigin::signed(who), 0, action)
}

pub(crate) fn vote(
	who: AccountId,
	proposal: ProposalId,
	aye: bool,
	shares: Balance,
) -> DispatchResult {
	Vaults::vote(RuntimeOrigin::signed(who), 0, proposal, aye, shares)
}

pub(crate) fn veto(who: AccountId, proposal: ProposalId, state: u32) -> DispatchResult {
	Vaults::veto(RuntimeOrigin::signed(who), 0, proposal, state)
}

pub(crate) fn close(proposal: ProposalId) -> DispatchResult {
	Vaults::close(RuntimeOrigin::signed(CHARLIE), 0, proposal)
}

/// `who` proposes `action` to vault 0; returns the proposal's id.
pub(crate) fn proposed(who: AccountId, action: Action) -> ProposalId {
	assert_ok!(propose(who, action));
	NextProposalId::<Test>::get() - 1
}

/// Proposal `id` of vault 0 (open).
pub(crate) fn proposal(id: ProposalId) -> ProposalOf<Test> {
	Proposals::<Test>::get(0, id).expect("the proposal is open")
}

/// How proposal `id` ended (its `Closed` event).
pub(crate) fn outcome(id: ProposalId) -> Outcome {
	events()
		.into_iter()
		.rev()
		.find_map(|e| match e {
			Event::Closed { proposal, outcome, .. } if proposal == id => Some(outcome),
			_ => None,
		})
		.expect("the proposal was closed")
}

/// ALICE proposes `action`, votes for it with all her shares, and closes it when it may execute.
pub(crate) fn pass(action: Action) -> Outcome {
	let id = proposed(ALICE, action);
	assert_ok!(vote(ALICE, id, true, shares(ALICE)));
	run_to(enactment(id));
	assert_ok!(close(id));
	outcome(id)
}

/// When open proposal `id` executes if it passes: one voting period after its vote ends.
pub(crate) fn enactment(id: ProposalId) -> u64 {
	let p = proposal(id);
	p.ends + (p.ends - p.created)
}

/// A community project paying VENDOR `amount`.
pub(crate) fn spend(amount: Balance) -> Action {
	ProposalAction::FundProject { to: VENDOR, amount }
}

/// Shares of vault 0 that `who` could move now (voted shares are frozen).
pub(crate) fn free_shares(who: AccountId) -> Balance {
	<Assets as fungibles::Inspect<AccountId>>::reducible_balance(
		SHARE_BASE,
		&who,
		Preservation::Expendable,
		Fortitude::Polite,
	)
}
