//! Tests of the community pools pallet. Every test run with [`run_test`] ends with the
//! pallet's `try_state` checks.

mod closing;
mod invariants;
mod investments;
mod proposals;
mod sweeping;
mod voting;

pub(crate) use crate::{
	mock::*, Error, Event, HoldReason, NextProposalId, OpenProposals, PoolAction, Proposal,
	ProposalId, Proposals, RejectionReason, VaultAction, Votes,
};
pub(crate) use atlas_primitives::{OnStateChange, Role};
pub(crate) use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		tokens::Preservation,
		Hooks,
	},
};
pub(crate) use sp_runtime::DispatchError;

/// What the spends in these tests pay.
pub(crate) const AMOUNT: Balance = 1_000;

/// The ticket of a deposit of `amount`: a hold consideration is stored as the amount it holds.
pub(crate) fn ticket(amount: Balance) -> ProposalTicket {
	codec::Decode::decode(&mut &codec::Encode::encode(&amount)[..])
		.expect("a hold ticket is its amount")
}

/// The proposal deposit held from `who`.
pub(crate) fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ProposalDeposit.into(), &who)
}

/// `who`'s balance (free and held).
pub(crate) fn balance(who: AccountId) -> Balance {
	Balances::total_balance(&who)
}

/// The last event deposited.
pub(crate) fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

/// The steward of [`STATE`] proposes paying [`AMOUNT`] to [`RECIPIENT`]; returns its id.
pub(crate) fn propose() -> ProposalId {
	propose_by(STEWARD, AMOUNT)
}

/// `who` proposes paying `amount` from [`STATE`]'s pool to [`RECIPIENT`]; returns its id.
pub(crate) fn propose_by(who: AccountId, amount: Balance) -> ProposalId {
	let id = NextProposalId::<Test>::get();
	assert_ok!(CommunityPools::propose_spend(RuntimeOrigin::signed(who), STATE, RECIPIENT, amount));
	id
}

/// `who` votes on `proposal`.
pub(crate) fn vote(who: AccountId, proposal: ProposalId, aye: bool) {
	assert_ok!(CommunityPools::vote(RuntimeOrigin::signed(who), proposal, aye));
}

/// Moves to the block at which voting on `proposal` is over.
pub(crate) fn end_voting(proposal: ProposalId) {
	let ends = Proposals::<Test>::get(proposal).expect("an open proposal").ends;
	System::set_block_number(ends);
}

/// Ends voting on `proposal` and closes it (anyone may: here an outsider).
pub(crate) fn close(proposal: ProposalId) {
	end_voting(proposal);
	assert_ok!(CommunityPools::close(RuntimeOrigin::signed(OUTSIDER), proposal));
}

/// Makes `who` a citizen of [`STATE`] with `stake`.
pub(crate) fn citizen(who: AccountId, stake: Balance) {
	MockRoles::grant(STATE, who, Role::Citizen);
	MockStake::set(who, stake);
}

#[test]
fn integrity_test_passes() {
	run_test(|| {
		<CommunityPools as Hooks<u64>>::integrity_test();
	});
}

#[test]
fn view_functions_read_the_records() {
	run_test(|| {
		assert_eq!(CommunityPools::proposal(0), None);
		let id = propose();
		vote(CITIZEN_A, id, true);
		assert_eq!(CommunityPools::proposal(id), Proposals::<Test>::get(id));
		assert_eq!(CommunityPools::vote_of(id, CITIZEN_A), Some((true, 100)));
		assert_eq!(CommunityPools::vote_of(id, CITIZEN_C), None);
	});
}
