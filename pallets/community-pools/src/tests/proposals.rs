//! Proposing spends.

use super::*;

#[test]
fn propose_spend_stores_the_proposal_and_holds_the_deposit() {
	run_test(|| {
		let id = propose();
		assert_eq!(id, 0);
		assert_eq!(
			Proposals::<Test>::get(id),
			Some(Proposal {
				state: STATE,
				proposer: STEWARD,
				action: PoolAction::Spend { to: RECIPIENT, amount: AMOUNT },
				ends: 1 + VOTING_PERIOD,
				ayes: 0,
				nays: 0,
				voters: 0,
				ticket: ticket(PROPOSAL_DEPOSIT),
			})
		);
		assert_eq!(held(STEWARD), PROPOSAL_DEPOSIT);
		assert_eq!(OpenProposals::<Test>::get(STATE), 1);
		assert_eq!(NextProposalId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			Event::SpendProposed {
				proposal: id,
				state: STATE,
				proposer: STEWARD,
				to: RECIPIENT,
				amount: AMOUNT,
				ends: 1 + VOTING_PERIOD,
			}
			.into()
		);
		// Nothing left the pool: only a vote spends it.
		assert_eq!(balance(pool(STATE)), POOL_FUNDS);
	});
}

#[test]
fn the_admin_may_propose_too() {
	run_test(|| {
		let id = propose_by(ADMIN, AMOUNT);
		assert_eq!(Proposals::<Test>::get(id).map(|p| p.proposer), Some(ADMIN));
		assert_eq!(held(ADMIN), PROPOSAL_DEPOSIT);
	});
}

#[test]
fn propose_spend_refuses_bad_input() {
	run_test(|| {
		let propose = |who, state, amount| {
			CommunityPools::propose_spend(RuntimeOrigin::signed(who), state, RECIPIENT, amount)
		};
		assert_noop!(propose(STEWARD, STATE, 0), Error::<Test>::ZeroAmount);
		assert_noop!(propose(STEWARD, 7, AMOUNT), Error::<Test>::StateNotFound);
		assert_noop!(
			CommunityPools::propose_spend(RuntimeOrigin::none(), STATE, RECIPIENT, AMOUNT),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn only_the_admin_or_a_steward_proposes() {
	run_test(|| {
		let propose = |who| {
			CommunityPools::propose_spend(RuntimeOrigin::signed(who), STATE, RECIPIENT, AMOUNT)
		};
		// A citizen, even with stake; another state's admin; a stranger.
		assert_noop!(propose(CITIZEN_A), Error::<Test>::NotAdminOrSteward);
		assert_noop!(propose(OTHER_ADMIN), Error::<Test>::NotAdminOrSteward);
		assert_noop!(propose(RECIPIENT), Error::<Test>::NotAdminOrSteward);
		// A steward who lost the role.
		MockRoles::revoke(STATE, STEWARD, Role::Steward);
		assert_noop!(propose(STEWARD), Error::<Test>::NotAdminOrSteward);
	});
}

#[test]
fn a_suspended_state_takes_no_proposals() {
	run_test(|| {
		MockRoles::set_active(STATE, false);
		assert_noop!(
			CommunityPools::propose_spend(RuntimeOrigin::signed(STEWARD), STATE, RECIPIENT, AMOUNT),
			Error::<Test>::StateSuspended
		);
		MockRoles::set_active(STATE, true);
		propose();
	});
}

#[test]
fn a_state_has_at_most_max_open_proposals() {
	run_test(|| {
		for _ in 0..MAX_OPEN {
			propose();
		}
		assert_eq!(OpenProposals::<Test>::get(STATE), MAX_OPEN);
		assert_noop!(
			CommunityPools::propose_spend(RuntimeOrigin::signed(ADMIN), STATE, RECIPIENT, AMOUNT),
			Error::<Test>::TooManyProposals
		);
		// Another state's count is its own.
		assert_ok!(CommunityPools::propose_spend(
			RuntimeOrigin::signed(OTHER_ADMIN),
			OTHER_STATE,
			RECIPIENT,
			AMOUNT
		));
		// Closing one frees a place.
		close(0);
		assert_eq!(OpenProposals::<Test>::get(STATE), MAX_OPEN - 1);
		propose();
	});
}

#[test]
fn the_proposer_must_afford_the_deposit() {
	run_test(|| {
		assert_noop!(
			CommunityPools::propose_spend(
				RuntimeOrigin::signed(POOR_STEWARD),
				STATE,
				RECIPIENT,
				AMOUNT
			),
			Error::<Test>::CannotAffordDeposit
		);
	});
}

#[test]
fn proposal_ids_run_out() {
	run_test(|| {
		NextProposalId::<Test>::put(ProposalId::MAX);
		assert_noop!(
			CommunityPools::propose_spend(RuntimeOrigin::signed(STEWARD), STATE, RECIPIENT, AMOUNT),
			Error::<Test>::ProposalIdsExhausted
		);
	});
}
