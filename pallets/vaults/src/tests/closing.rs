//! Closing proposals: quorum, threshold and the outcome of spends.

use super::*;

#[test]
fn close_waits_for_the_vote_to_end() {
	run_test(|| {
		with_holders();
		let id = proposed(ALICE, spend(100));
		assert_ok!(vote(ALICE, id, true, 1_000));
		run_to(proposal(id).ends - 1);
		assert_noop!(close(id), Error::<Test>::VotingOpen);
		assert_noop!(close(id + 1), Error::<Test>::ProposalNotFound);
		assert_noop!(
			Vaults::close(RuntimeOrigin::signed(CHARLIE), 9, id),
			Error::<Test>::VaultNotFound
		);
		run_to(proposal(id).ends);
		// It passed: it executes one voting period later.
		assert_noop!(close(id), Error::<Test>::EnactmentPending);
		run_to(enactment(id));
		// Anyone may close.
		assert_ok!(Vaults::close(RuntimeOrigin::signed(POOR), 0, id));
		assert_eq!(outcome(id), Outcome::Executed);
		assert_noop!(close(id), Error::<Test>::ProposalNotFound);
	});
}

#[test]
fn a_passed_spend_pays_and_returns_the_deposit() {
	run_test(|| {
		with_holders();
		let id = proposed(ALICE, spend(1_234));
		assert_ok!(vote(ALICE, id, true, 1_000));
		assert_ok!(vote(BOB, id, false, 200));
		run_to(enactment(id));
		let before = events().len();
		assert_ok!(close(id));
		assert_eq!(
			events()[before..].to_vec(),
			vec![
				Event::Spent { vault: 0, to: VENDOR, amount: 1_234 },
				Event::Closed {
					vault: 0,
					proposal: id,
					outcome: Outcome::Executed,
					ayes: 1_000,
					nays: 200
				},
			]
		);
		assert_eq!(balance(VENDOR), 1_234);
		assert_eq!(liquid(), 3_000 - 1_234);
		assert_eq!(supply(), 3_000);
		assert_eq!(held(HoldReason::ProposalDeposit, ALICE), 0);
		assert_eq!(balance(ALICE), FUNDS - 1_000);
		assert!(Proposals::<Test>::get(0, id).is_none());
		assert_eq!(vault().proposals, 0);

		// Another, by Bob.
		let id = proposed(BOB, ProposalAction::FundProject { to: VENDOR, amount: 66 });
		assert_ok!(vote(BOB, id, true, 1_000));
		run_to(enactment(id));
		assert_ok!(close(id));
		assert!(events().contains(&Event::Spent { vault: 0, to: VENDOR, amount: 66 }));
		assert_eq!(outcome(id), Outcome::Executed);
		assert_eq!(balance(VENDOR), 1_300);
		assert_eq!(liquid(), 3_000 - 1_300);
		assert_eq!(balance(BOB), FUNDS - 1_000);
	});
}

#[test]
fn no_quorum_executes_nothing() {
	run_test(|| {
		with_holders();
		// Quorum: 20% of the 2_000 voting shares when proposed (the seed's do not vote) = 400.
		let id = proposed(ALICE, spend(500));
		assert_ok!(vote(ALICE, id, true, 399));
		run_to(enactment(id));
		assert_ok!(close(id));
		System::assert_last_event(
			Event::Closed {
				vault: 0,
				proposal: id,
				outcome: Outcome::NoQuorum,
				ayes: 399,
				nays: 0,
			}
			.into(),
		);
		assert_eq!(balance(VENDOR), 0);
		// A proposal its holders ignored forfeits its deposit to the vault.
		assert_eq!(liquid(), 3_000 + PROPOSAL_DEPOSIT);
		assert_eq!(held(HoldReason::ProposalDeposit, ALICE), 0);
		assert_eq!(balance(ALICE), FUNDS - 1_000 - PROPOSAL_DEPOSIT);

		// Nobody voted.
		let id = proposed(BOB, spend(500));
		run_to(enactment(id));
		assert_ok!(close(id));
		assert_eq!(outcome(id), Outcome::NoQuorum);
		assert_eq!(balance(VENDOR), 0);
		assert_eq!(balance(BOB), FUNDS - 1_000 - PROPOSAL_DEPOSIT);
		assert_eq!(liquid(), 3_000 + 2 * PROPOSAL_DEPOSIT);
	});
}

#[test]
fn rejected_executes_nothing() {
	run_test(|| {
		with_holders();
		let id = proposed(ALICE, spend(500));
		assert_ok!(vote(ALICE, id, true, 400));
		assert_ok!(vote(BOB, id, false, 600));
		run_to(enactment(id));
		assert_ok!(close(id));
		System::assert_last_event(
			Event::Closed {
				vault: 0,
				proposal: id,
				outcome: Outcome::Rejected,
				ayes: 400,
				nays: 600,
			}
			.into(),
		);
		assert!(!events().iter().any(|e| matches!(e, Event::Spent { .. })));
		assert_eq!(balance(VENDOR), 0);
		assert_eq!(liquid(), 3_000);
		assert_eq!(held(HoldReason::ProposalDeposit, ALICE), 0);
		assert_eq!(vault().proposals, 0);
	});
}

#[test]
fn exactly_the_quorum_passes_a_tie_fails_and_later_shares_do_not_raise_it() {
	run_test(|| {
		with_holders();
		// Exactly the quorum (400 of the 2_000 voting shares) passes.
		let id = proposed(ALICE, spend(10));
		assert_ok!(vote(ALICE, id, true, 400));
		run_to(enactment(id));
		assert_ok!(close(id));
		assert_eq!(outcome(id), Outcome::Executed);

		// One share over half passes a 50% threshold.
		let id = proposed(ALICE, spend(20));
		assert_ok!(vote(ALICE, id, true, 501));
		assert_ok!(vote(BOB, id, false, 500));
		run_to(enactment(id));
		assert_ok!(close(id));
		assert_eq!(outcome(id), Outcome::Executed);

		// A tie is rejected: the ayes must exceed the threshold.
		let id = proposed(ALICE, spend(40));
		assert_ok!(vote(ALICE, id, true, 500));
		assert_ok!(vote(BOB, id, false, 500));
		run_to(enactment(id));
		assert_ok!(close(id));
		assert_eq!(outcome(id), Outcome::Rejected);
		assert_eq!(balance(VENDOR), 30);

		// The quorum is measured against the supply when the proposal was made: shares
		// bought afterwards may vote but do not raise it.
		let id = proposed(ALICE, spend(70));
		assert_ok!(deposit(CHARLIE, 100_000));
		assert_ok!(vote(ALICE, id, true, 600));
		run_to(enactment(id));
		assert_ok!(close(id));
		assert_eq!(outcome(id), Outcome::Executed);
		assert_eq!(balance(VENDOR), 100);
	});
}

#[test]
fn a_passed_spend_beyond_the_liquid_funds_fails_cleanly() {
	run_test(|| {
		with_holders();
		// NAV is high, but the vault holds 3_000 of it (2_990 above its existential deposit).
		MockYield::earn(0, 10_000);
		let id = proposed(ALICE, spend(2_991));
		assert_ok!(vote(ALICE, id, true, 1_000));
		run_to(enactment(id));
		let before = events().len();
		assert_ok!(close(id));
		assert_eq!(
			events()[before..].to_vec(),
			vec![
				Event::ExecutionFailed {
					vault: 0,
					proposal: id,
					error: Error::<Test>::InsufficientLiquidity.into(),
				},
				Event::Closed {
					vault: 0,
					proposal: id,
					outcome: Outcome::ExecutionFailed,
					ayes: 1_000,
					nays: 0,
				},
			]
		);
		assert_eq!(balance(VENDOR), 0);
		assert_eq!(liquid(), 3_000);
		assert_eq!(held(HoldReason::ProposalDeposit, ALICE), 0);
		assert_eq!(balance(ALICE), FUNDS - 1_000);
		assert!(Proposals::<Test>::get(0, id).is_none());
		assert_eq!(vault().proposals, 0);

		// All of it above the existential deposit can be spent.
		assert_eq!(pass(spend(2_990)), Outcome::Executed);
		assert_eq!(balance(VENDOR), 2_990);
		assert_eq!(liquid(), ED);
	});
}
