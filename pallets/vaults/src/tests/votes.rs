//! Votes: weighed by shares, bounded per account, voted shares frozen until the vote ends.

use super::*;

#[test]
fn votes_weigh_shares() {
	run_test(|| {
		with_holders();
		let id = proposed(ALICE, spend(500));
		assert!(!Vaults::has_votes(SHARE_BASE));
		assert_ok!(vote(ALICE, id, true, 700));
		System::assert_last_event(
			Event::Voted { vault: 0, proposal: id, who: ALICE, aye: true, shares: 700 }.into(),
		);
		assert_ok!(vote(BOB, id, false, 300));
		System::assert_last_event(
			Event::Voted { vault: 0, proposal: id, who: BOB, aye: false, shares: 300 }.into(),
		);
		let p = proposal(id);
		assert_eq!((p.ayes, p.nays), (700, 300));
		let ends = 1 + VOTING_PERIOD;
		assert_eq!(
			Votes::<Test>::get(0, ALICE).unwrap().to_vec(),
			vec![VoteLock { proposal: id, shares: 700, aye: true, ends }]
		);
		assert_eq!(
			Votes::<Test>::get(0, BOB).unwrap().to_vec(),
			vec![VoteLock { proposal: id, shares: 300, aye: false, ends }]
		);
		assert!(Votes::<Test>::get(0, CHARLIE).is_none());
		assert!(Vaults::has_votes(SHARE_BASE));
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &ALICE), Some(700));
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &BOB), Some(300));
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &CHARLIE), None);
		// Another vault's token is not frozen by these votes.
		assert_eq!(Vaults::frozen_shares(SHARE_BASE + 1, &ALICE), None);
	});
}

#[test]
fn a_vote_needs_a_running_proposal_free_shares_and_is_cast_once() {
	run_test(|| {
		with_holders();
		let id = proposed(ALICE, spend(500));
		assert_noop!(
			Vaults::vote(RuntimeOrigin::signed(ALICE), 9, id, true, 1),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(vote(ALICE, id + 1, true, 1), Error::<Test>::ProposalNotFound);
		assert_noop!(vote(ALICE, id, true, 0), Error::<Test>::ZeroVote);
		assert_noop!(vote(ALICE, id, true, 1_001), Error::<Test>::InsufficientShares);
		assert_noop!(vote(CHARLIE, id, true, 1), Error::<Test>::InsufficientShares);

		assert_ok!(vote(ALICE, id, true, 100));
		assert_noop!(vote(ALICE, id, true, 100), Error::<Test>::AlreadyVoted);
		assert_noop!(vote(ALICE, id, false, 900), Error::<Test>::AlreadyVoted);

		// The last block of the vote is still open; at `ends` it is over.
		run_to(proposal(id).ends - 1);
		assert_ok!(vote(BOB, id, false, 1));
		run_to(proposal(id).ends);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), SHARE_BASE, CHARLIE, 10));
		assert_noop!(vote(CHARLIE, id, true, 10), Error::<Test>::VotingEnded);
		assert_noop!(vote(CHARLIE, id, true, 0), Error::<Test>::VotingEnded);
		let p = proposal(id);
		assert_eq!((p.ayes, p.nays), (100, 1));
	});
}

#[test]
fn an_account_has_at_most_two_running_votes() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		let (p0, p1) = (proposed(ALICE, spend(1)), proposed(ALICE, spend(2)));
		run_to(5);
		let p2 = proposed(ALICE, spend(3));
		assert_ok!(vote(ALICE, p0, true, 100));
		assert_ok!(vote(ALICE, p1, true, 200));
		assert_noop!(vote(ALICE, p2, true, 300), Error::<Test>::TooManyVotes);
		// Once the first two votes ended, their locks make room.
		run_to(1 + VOTING_PERIOD);
		assert_ok!(vote(ALICE, p2, true, 300));
		assert_eq!(
			Votes::<Test>::get(0, ALICE).unwrap().to_vec(),
			vec![VoteLock { proposal: p2, shares: 300, aye: true, ends: 5 + VOTING_PERIOD }]
		);
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &ALICE), Some(300));
		// The ended proposals keep their tallies.
		assert_eq!(proposal(p0).ayes, 100);
		assert_eq!(proposal(p1).ayes, 200);
	});
}

#[test]
fn voted_shares_are_frozen_until_the_vote_ends() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		let id = proposed(ALICE, spend(100));
		assert_ok!(vote(ALICE, id, true, 600));
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &ALICE), Some(600));
		assert_eq!(free_shares(ALICE), 400);

		// The frozen shares can neither move nor be redeemed.
		assert_noop!(
			Assets::transfer(RuntimeOrigin::signed(ALICE), SHARE_BASE, BOB, 401),
			pallet_assets::Error::<Test>::BalanceLow
		);
		assert_noop!(
			<Assets as fungibles::Mutate<AccountId>>::transfer(
				SHARE_BASE,
				&ALICE,
				&BOB,
				401,
				Preservation::Expendable
			),
			TokenError::Frozen
		);
		assert_noop!(redeem(ALICE, 401), Error::<Test>::InsufficientShares);
		// The others can.
		assert_ok!(redeem(ALICE, 100));
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), SHARE_BASE, BOB, 300));
		assert_eq!((shares(ALICE), shares(BOB)), (600, 300));
		assert_eq!(free_shares(ALICE), 0);
		assert_noop!(redeem(ALICE, 1), Error::<Test>::InsufficientShares);
		assert_noop!(
			Assets::transfer(RuntimeOrigin::signed(ALICE), SHARE_BASE, BOB, 1),
			pallet_assets::Error::<Test>::BalanceLow
		);
		// BOB's shares (moved before they were voted) are his to vote with.
		assert_ok!(vote(BOB, id, false, 300));

		// When the vote ends they thaw.
		run_to(proposal(id).ends - 1);
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &ALICE), Some(600));
		run_to(proposal(id).ends);
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &ALICE), None);
		assert_eq!(free_shares(ALICE), 600);
		assert_ok!(redeem(ALICE, 600));
		assert_eq!(shares(ALICE), 0);
		assert_eq!(balance(ALICE), FUNDS - PROPOSAL_DEPOSIT - 300);
	});
}

#[test]
fn the_largest_running_vote_is_frozen() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		let p0 = proposed(ALICE, spend(1));
		run_to(5);
		let p1 = proposed(ALICE, spend(2));
		assert_ok!(vote(ALICE, p0, true, 600));
		assert_ok!(vote(ALICE, p1, false, 300));
		// The same shares may vote on different proposals: the largest vote is frozen.
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &ALICE), Some(600));
		assert_noop!(redeem(ALICE, 401), Error::<Test>::InsufficientShares);
		run_to(1 + VOTING_PERIOD);
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &ALICE), Some(300));
		assert_noop!(redeem(ALICE, 701), Error::<Test>::InsufficientShares);
		assert_ok!(redeem(ALICE, 700));
		run_to(5 + VOTING_PERIOD);
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &ALICE), None);
		assert_ok!(redeem(ALICE, 300));
	});
}

#[test]
fn unlock_clears_ended_votes_only() {
	run_test(|| {
		with_holders();
		let unlock = |who| Vaults::unlock(RuntimeOrigin::signed(who), 0);
		assert_noop!(unlock(ALICE), Error::<Test>::NoVotes);
		let first = proposed(ALICE, spend(10));
		assert_ok!(vote(ALICE, first, true, 300));
		run_to(proposal(first).ends - 1);
		let second = proposed(ALICE, spend(20));
		assert_ok!(vote(ALICE, second, true, 200));
		assert_noop!(unlock(ALICE), Error::<Test>::VotesStillRunning);
		// The first vote ends: its record goes, the second stays (and keeps 200 frozen).
		run_to(proposal(first).ends);
		assert_ok!(unlock(ALICE));
		let left: Vec<ProposalId> =
			Votes::<Test>::get(0, ALICE).unwrap().iter().map(|l| l.proposal).collect();
		assert_eq!(left, vec![second]);
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &ALICE), Some(200));
		// Both ended: nothing is left.
		run_to(proposal(second).ends);
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &ALICE), None);
		assert_ok!(unlock(ALICE));
		assert!(Votes::<Test>::get(0, ALICE).is_none());
		assert!(!Vaults::has_votes(SHARE_BASE));
		assert_noop!(unlock(ALICE), Error::<Test>::NoVotes);
	});
}
