//! A state invests as a state: its citizens vote each action of its pool on its vault
//! holdings.

use super::*;

fn propose_investment(who: AccountId, action: VaultAction<Balance>) -> ProposalId {
	let id = NextProposalId::<Test>::get();
	assert_ok!(CommunityPools::propose_investment(RuntimeOrigin::signed(who), STATE, action));
	id
}

#[test]
fn the_pool_invests_in_a_vault_only_by_its_citizens_vote() {
	run_test(|| {
		let action = VaultAction::Invest { vault: 7, amount: 400 };
		let id = propose_investment(STEWARD, action.clone());
		assert_eq!(
			last_event(),
			Event::InvestmentProposed {
				proposal: id,
				state: STATE,
				proposer: STEWARD,
				action: action.clone(),
				ends: 1 + VOTING_PERIOD,
			}
			.into()
		);
		assert_eq!(
			Proposals::<Test>::get(id).map(|p| p.action),
			Some(PoolAction::Vault(action.clone()))
		);
		// Nothing moves before the vote.
		assert!(MockVaults::calls().is_empty());
		vote(CITIZEN_A, id, true);
		vote(CITIZEN_C, id, true);
		close(id);
		assert_eq!(MockVaults::calls(), vec![(STATE, pool(STATE), "invest", 7, 400)]);
		assert_eq!(balance(pool(STATE)), POOL_FUNDS - 400);
		assert_eq!(
			last_event(),
			Event::InvestmentExecuted { proposal: id, state: STATE, action }.into()
		);
		assert_eq!(held(STEWARD), 0);
	});
}

#[test]
fn the_pool_votes_and_divests_its_shares_by_its_citizens_vote() {
	run_test(|| {
		let vote_id = propose_investment(
			ADMIN,
			VaultAction::Vote { vault: 7, proposal: 3, aye: false, shares: 50 },
		);
		let divest = propose_investment(STEWARD, VaultAction::Divest { vault: 7, shares: 20 });
		for id in [vote_id, divest] {
			vote(CITIZEN_A, id, true);
			vote(CITIZEN_C, id, true);
		}
		close(vote_id);
		close(divest);
		assert_eq!(
			MockVaults::calls(),
			vec![(u32::MAX, pool(STATE), "vote", 3, 50), (STATE, pool(STATE), "divest", 7, 20)]
		);
	});
}

#[test]
fn a_refused_or_rejected_investment_changes_nothing() {
	run_test(|| {
		// Vault 9 refuses.
		let refused = propose_investment(STEWARD, VaultAction::Invest { vault: 9, amount: 400 });
		vote(CITIZEN_A, refused, true);
		vote(CITIZEN_C, refused, true);
		close(refused);
		assert_eq!(
			last_event(),
			Event::SpendRejected { proposal: refused, reason: RejectionReason::VaultRefused }
				.into()
		);
		// Citizens vote it down.
		let rejected = propose_investment(STEWARD, VaultAction::Invest { vault: 7, amount: 400 });
		vote(CITIZEN_A, rejected, false);
		close(rejected);
		assert_eq!(
			last_event(),
			Event::SpendRejected { proposal: rejected, reason: RejectionReason::NotApproved }
				.into()
		);
		assert!(MockVaults::calls().is_empty());
		assert_eq!(balance(pool(STATE)), POOL_FUNDS);
		// The same rules as a spend for who proposes and what.
		assert_noop!(
			CommunityPools::propose_investment(
				RuntimeOrigin::signed(CITIZEN_A),
				STATE,
				VaultAction::Invest { vault: 7, amount: 1 }
			),
			Error::<Test>::NotAdminOrSteward
		);
		assert_noop!(
			CommunityPools::propose_investment(
				RuntimeOrigin::signed(STEWARD),
				STATE,
				VaultAction::Divest { vault: 7, shares: 0 }
			),
			Error::<Test>::ZeroAmount
		);
	});
}
