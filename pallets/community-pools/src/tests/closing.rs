//! Closing proposals: paying passed spends, refunding deposits, clearing votes.

use super::*;
use frame_support::dispatch::Pays;

/// The proposal is gone with its votes, its state's count and its deposit.
fn assert_gone(id: ProposalId, proposer: AccountId) {
	assert!(!Proposals::<Test>::contains_key(id));
	assert_eq!(Votes::<Test>::iter_prefix(id).count(), 0);
	assert!(!OpenProposals::<Test>::contains_key(STATE));
	assert_eq!(held(proposer), 0);
}

#[test]
fn a_passed_spend_is_paid_and_the_deposit_refunded() {
	run_test(|| {
		let id = propose();
		assert_eq!(balance(STEWARD), 10_000);
		assert_eq!(Balances::free_balance(STEWARD), 10_000 - PROPOSAL_DEPOSIT);
		vote(CITIZEN_A, id, true);
		vote(CITIZEN_D, id, false);
		close(id);
		assert_eq!(
			last_event(),
			Event::SpendExecuted { proposal: id, state: STATE, to: RECIPIENT, amount: AMOUNT }
				.into()
		);
		assert_eq!(balance(RECIPIENT), AMOUNT);
		assert_eq!(balance(pool(STATE)), POOL_FUNDS - AMOUNT);
		assert_eq!(Balances::free_balance(STEWARD), 10_000);
		assert_gone(id, STEWARD);
		// The closer paid nothing and got nothing.
		assert_eq!(balance(OUTSIDER), 1_000);
	});
}

#[test]
fn a_rejected_spend_pays_nothing() {
	run_test(|| {
		let id = propose();
		// 60 against 30.
		vote(CITIZEN_C, id, false);
		vote(CITIZEN_D, id, true);
		close(id);
		assert_eq!(
			last_event(),
			Event::SpendRejected { proposal: id, reason: RejectionReason::NotApproved }.into()
		);
		assert_eq!(balance(RECIPIENT), 0);
		assert_eq!(balance(pool(STATE)), POOL_FUNDS);
		assert_eq!(Balances::free_balance(STEWARD), 10_000);
		assert_gone(id, STEWARD);
	});
}

#[test]
fn a_spend_needs_more_ayes_than_nays_and_the_minimum() {
	run_test(|| {
		let rejected =
			|id| Event::SpendRejected { proposal: id, reason: RejectionReason::NotApproved };
		// Unopposed but below `MinApprovalStake`.
		let id = propose();
		vote(CITIZEN_D, id, true);
		close(id);
		assert_eq!(last_event(), rejected(id).into());
		// A tie.
		MockStake::set(CITIZEN_C, 100);
		let id = propose();
		vote(CITIZEN_A, id, true);
		vote(CITIZEN_C, id, false);
		close(id);
		assert_eq!(last_event(), rejected(id).into());
		// Nobody voted.
		let id = propose();
		close(id);
		assert_eq!(last_event(), rejected(id).into());
		// Exactly the minimum, unopposed, passes.
		MockStake::set(CITIZEN_D, MIN_APPROVAL);
		let id = propose();
		vote(CITIZEN_D, id, true);
		close(id);
		assert!(matches!(last_event(), RuntimeEvent::CommunityPools(Event::SpendExecuted { .. })));
		assert_eq!(balance(pool(STATE)), POOL_FUNDS - AMOUNT);
	});
}

/// The attack the vote closes: an admin (or steward) alone holds no stake, so cannot approve
/// a spend of the pool to himself, whatever he proposes and however he votes.
#[test]
fn an_admin_alone_cannot_spend_the_pool() {
	run_test(|| {
		let id = NextProposalId::<Test>::get();
		assert_ok!(CommunityPools::propose_spend(
			RuntimeOrigin::signed(ADMIN),
			STATE,
			ADMIN,
			POOL_FUNDS
		));
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(ADMIN), id, true),
			Error::<Test>::NoVotingStake
		);
		// His steward has no stake either, and is no citizen.
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(STEWARD), id, true),
			Error::<Test>::NotCitizen
		);
		// Buying ATH does not help: a citizen with a fortune but no stake cannot vote.
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(CITIZEN_B), id, true),
			Error::<Test>::NoVotingStake
		);
		close(id);
		assert_eq!(
			last_event(),
			Event::SpendRejected { proposal: id, reason: RejectionReason::NotApproved }.into()
		);
		assert_eq!(balance(pool(STATE)), POOL_FUNDS);
		assert_eq!(balance(ADMIN), 10_000);
	});
}

#[test]
fn a_suspended_states_spend_is_rejected_at_close() {
	run_test(|| {
		let id = propose();
		vote(CITIZEN_A, id, true);
		MockRoles::set_active(STATE, false);
		close(id);
		assert_eq!(
			last_event(),
			Event::SpendRejected { proposal: id, reason: RejectionReason::StateNotActive }.into()
		);
		assert_eq!(balance(pool(STATE)), POOL_FUNDS);
		assert_eq!(balance(RECIPIENT), 0);
		assert_gone(id, STEWARD);
		assert_eq!(Balances::free_balance(STEWARD), 10_000);
	});
}

#[test]
fn a_deregistered_states_spend_is_rejected_at_close() {
	run_test(|| {
		let id = propose();
		vote(CITIZEN_A, id, true);
		MockRoles::remove_state(STATE);
		CommunityPools::on_inactive(STATE, &ADMIN);
		close(id);
		assert_eq!(
			last_event(),
			Event::SpendRejected { proposal: id, reason: RejectionReason::StateNotActive }.into()
		);
		assert_eq!(balance(RECIPIENT), 0);
		assert_eq!(balance(TREASURY), 1 + POOL_FUNDS);
		assert_gone(id, STEWARD);
	});
}

#[test]
fn a_pool_that_cannot_pay_pays_nothing() {
	run_test(|| {
		let id = propose_by(STEWARD, POOL_FUNDS + 1);
		vote(CITIZEN_A, id, true);
		close(id);
		assert_eq!(
			last_event(),
			Event::SpendRejected { proposal: id, reason: RejectionReason::PoolTooPoor }.into()
		);
		assert_eq!(balance(pool(STATE)), POOL_FUNDS);
		assert_eq!(balance(RECIPIENT), 0);
		assert_gone(id, STEWARD);
		// The whole pool may be spent.
		let id = propose_by(STEWARD, POOL_FUNDS);
		vote(CITIZEN_A, id, true);
		close(id);
		assert_eq!(balance(RECIPIENT), POOL_FUNDS);
		assert_eq!(balance(pool(STATE)), 0);
	});
}

#[test]
fn close_waits_for_the_end_of_voting() {
	run_test(|| {
		assert_noop!(
			CommunityPools::close(RuntimeOrigin::signed(OUTSIDER), 0),
			Error::<Test>::ProposalNotFound
		);
		let id = propose();
		vote(CITIZEN_A, id, true);
		System::set_block_number(VOTING_PERIOD);
		assert_noop!(
			CommunityPools::close(RuntimeOrigin::signed(OUTSIDER), id),
			Error::<Test>::VotingOpen
		);
		assert_noop!(CommunityPools::close(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
		close(id);
		// Once closed it is gone.
		assert_noop!(
			CommunityPools::close(RuntimeOrigin::signed(OUTSIDER), id),
			Error::<Test>::ProposalNotFound
		);
	});
}

#[test]
fn close_charges_for_the_voters_it_clears() {
	run_test(|| {
		use crate::WeightInfo;
		let id = propose();
		vote(CITIZEN_A, id, true);
		vote(CITIZEN_C, id, false);
		end_voting(id);
		let info = CommunityPools::close(RuntimeOrigin::signed(OUTSIDER), id).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::close(2)));
		assert_eq!(info.pays_fee, Pays::Yes);
		assert!(<() as WeightInfo>::close(2).all_lt(<() as WeightInfo>::close(MAX_VOTERS)));
	});
}
