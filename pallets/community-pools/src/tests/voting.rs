//! Voting with governance stake.

use super::*;

#[test]
fn a_vote_weighs_the_voters_stake() {
	run_test(|| {
		let id = propose();
		vote(CITIZEN_A, id, true);
		assert_eq!(Votes::<Test>::get(id, CITIZEN_A), Some((true, 100)));
		assert_eq!(
			last_event(),
			Event::Voted { proposal: id, who: CITIZEN_A, aye: true, stake: 100 }.into()
		);
		vote(CITIZEN_C, id, false);
		let info = Proposals::<Test>::get(id).unwrap();
		assert_eq!((info.ayes, info.nays, info.voters), (100, 60, 2));
		// Voting moves no funds.
		assert_eq!(balance(CITIZEN_A), 1_000);
	});
}

/// Staked rewards (earned by verified work, unmovable) vote; free balance, however large, does
/// not: 100 staked outweighs a million free, and outweighs 60 staked against it.
#[test]
fn staked_rewards_outweigh_the_same_amount_unstaked() {
	run_test(|| {
		let id = propose();
		vote(CITIZEN_A, id, true);
		assert_eq!(balance(CITIZEN_B), 1_000_000);
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(CITIZEN_B), id, false),
			Error::<Test>::NoVotingStake
		);
		vote(CITIZEN_C, id, false);
		close(id);
		assert_eq!(
			last_event(),
			Event::SpendExecuted { proposal: id, state: STATE, to: RECIPIENT, amount: AMOUNT }
				.into()
		);
		assert_eq!(balance(RECIPIENT), AMOUNT);
	});
}

#[test]
fn voting_again_replaces_the_earlier_vote() {
	run_test(|| {
		let id = propose();
		vote(CITIZEN_A, id, true);
		vote(CITIZEN_A, id, true);
		let tally = || {
			let info = Proposals::<Test>::get(id).unwrap();
			(info.ayes, info.nays, info.voters)
		};
		assert_eq!(tally(), (100, 0, 1));
		vote(CITIZEN_A, id, false);
		assert_eq!(tally(), (0, 100, 1));
		// A stake that grew counts at its new weight, once.
		MockStake::set(CITIZEN_A, 150);
		vote(CITIZEN_A, id, true);
		assert_eq!(tally(), (150, 0, 1));
		assert_eq!(Votes::<Test>::get(id, CITIZEN_A), Some((true, 150)));
		// A stake that shrank (unbonding no longer counts) too.
		MockStake::set(CITIZEN_A, 40);
		vote(CITIZEN_A, id, true);
		assert_eq!(tally(), (40, 0, 1));
	});
}

#[test]
fn only_the_states_citizens_vote() {
	run_test(|| {
		let id = propose();
		// A citizen of another state, with more stake than anyone here.
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(OUTSIDER), id, true),
			Error::<Test>::NotCitizen
		);
		// A citizen whose role was revoked.
		MockRoles::revoke(STATE, CITIZEN_A, Role::Citizen);
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(CITIZEN_A), id, true),
			Error::<Test>::NotCitizen
		);
		// A steward without the Citizen role.
		MockStake::set(STEWARD, 100);
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(STEWARD), id, true),
			Error::<Test>::NotCitizen
		);
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::none(), id, true),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_vote_needs_stake() {
	run_test(|| {
		let id = propose();
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(CITIZEN_B), id, true),
			Error::<Test>::NoVotingStake
		);
		// The admin holds every role but has no stake.
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(ADMIN), id, true),
			Error::<Test>::NoVotingStake
		);
		// A citizen whose whole stake is unbonding.
		MockStake::set(CITIZEN_A, 0);
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(CITIZEN_A), id, true),
			Error::<Test>::NoVotingStake
		);
	});
}

#[test]
fn voting_is_open_only_until_the_end() {
	run_test(|| {
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(CITIZEN_A), 0, true),
			Error::<Test>::ProposalNotFound
		);
		let id = propose();
		System::set_block_number(VOTING_PERIOD);
		vote(CITIZEN_A, id, true);
		end_voting(id);
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(CITIZEN_C), id, false),
			Error::<Test>::VotingClosed
		);
		// Nor may a vote be changed.
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(CITIZEN_A), id, false),
			Error::<Test>::VotingClosed
		);
	});
}

#[test]
fn a_suspended_states_proposals_take_no_votes() {
	run_test(|| {
		let id = propose();
		MockRoles::set_active(STATE, false);
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(CITIZEN_A), id, true),
			Error::<Test>::StateSuspended
		);
		MockRoles::set_active(STATE, true);
		vote(CITIZEN_A, id, true);
	});
}

#[test]
fn a_proposal_has_at_most_max_voters() {
	run_test(|| {
		let id = propose();
		let voters: Vec<AccountId> = (30..30 + u64::from(MAX_VOTERS)).collect();
		for &v in &voters {
			citizen(v, 10);
			vote(v, id, true);
		}
		assert_eq!(Proposals::<Test>::get(id).map(|p| p.voters), Some(MAX_VOTERS));
		assert_noop!(
			CommunityPools::vote(RuntimeOrigin::signed(CITIZEN_A), id, false),
			Error::<Test>::TooManyVoters
		);
		// Who voted may still change their vote.
		vote(voters[0], id, false);
		let info = Proposals::<Test>::get(id).unwrap();
		assert_eq!((info.ayes, info.nays, info.voters), (30, 10, MAX_VOTERS));
		// Closing clears every vote.
		close(id);
		assert_eq!(Votes::<Test>::iter_prefix(id).count(), 0);
	});
}
