//! Vault capture: a just-in-time depositor outvoting the holders, parameter changes that turn
//! the veto off or lock everyone in, and holders outvoted on a spend leaving before it applies.

use super::*;

/// An account funded with far more than the holders of `with_holders`.
const WHALE: AccountId = 40;

fn whale() {
	<Balances as fungible::Mutate<AccountId>>::set_balance(&WHALE, 1_000_000);
}

#[test]
fn a_just_in_time_depositor_cannot_outvote_the_holders() {
	// The attack: ALICE and BOB hold the vault; BOB proposes paying the whale's accomplice
	// (VENDOR) most of it. ALICE votes nay. The whale deposits 10× the vault after the proposal
	// was made and votes aye with the new shares: by live balances it passes and the vault pays.
	run_test(|| {
		with_holders();
		whale();
		let id = proposed(BOB, spend(2_500));
		assert_ok!(vote(ALICE, id, false, 1_000));
		assert_ok!(deposit(WHALE, 30_000));
		assert_eq!(shares(WHALE), 30_000);
		// Its shares were bought after the proposal was made: they do not vote on it.
		assert_noop!(vote(WHALE, id, true, 1), Error::<Test>::SharesTooYoung);
		// Nor can they be moved to a fresh account that would vote with them.
		assert_noop!(
			Assets::transfer(RuntimeOrigin::signed(WHALE), SHARE_BASE, CHARLIE, 1),
			pallet_assets::Error::<Test>::BalanceLow
		);
		assert_eq!(free_shares(WHALE), 0);
		// BOB alone is not enough: ALICE's nay holds.
		assert_ok!(vote(BOB, id, true, 1_000));
		run_to(enactment(id));
		assert_ok!(close(id));
		assert_eq!(outcome(id), Outcome::Rejected);
		assert_eq!(balance(VENDOR), 0);
		// The whale may always redeem what it bought (young shares leave, they just do not vote).
		assert_ok!(redeem(WHALE, 30_000));
	});
}

#[test]
fn young_shares_vote_on_proposals_made_after_them_and_mature_when_the_votes_end() {
	run_test(|| {
		with_holders();
		whale();
		let early = proposed(ALICE, spend(100));
		let ends = proposal(early).ends;
		assert_ok!(deposit(WHALE, 3_000));
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &WHALE), Some(3_000));
		// A proposal made after the deposit: those shares vote on it.
		run_to(3);
		let later = proposed(BOB, spend(200));
		assert_ok!(vote(WHALE, later, true, 3_000));
		assert_noop!(vote(WHALE, early, true, 1), Error::<Test>::SharesTooYoung);
		// Older shares are not young: a holder that deposits again still votes with the old.
		assert_ok!(deposit(ALICE, 500));
		assert_noop!(vote(ALICE, early, true, 1_001), Error::<Test>::SharesTooYoung);
		assert_ok!(vote(ALICE, early, true, 1_000));
		// Once the votes open at the deposit are over, young shares are like any other.
		run_to(ends);
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &WHALE), Some(3_000), "it voted on `later`");
		run_to(proposal(later).ends);
		assert_eq!(Vaults::frozen_shares(SHARE_BASE, &WHALE), None);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(WHALE), SHARE_BASE, CHARLIE, 1));
		// Unlocking clears the records.
		assert_ok!(Vaults::unlock(RuntimeOrigin::signed(WHALE), 0));
		assert!(crate::Young::<Test>::get(0, WHALE).is_none());
		assert!(Votes::<Test>::get(0, WHALE).is_none());
		assert_noop!(Vaults::unlock(RuntimeOrigin::signed(WHALE), 0), Error::<Test>::NoVotes);
		// A deposit while no vote runs is not young at all.
		assert_ok!(deposit(WHALE, 1_000));
		assert!(crate::Young::<Test>::get(0, WHALE).is_none());
	});
}

#[test]
fn young_shares_cannot_be_unlocked_early() {
	run_test(|| {
		with_holders();
		whale();
		let _ = proposed(ALICE, spend(100));
		assert_ok!(deposit(WHALE, 1_000));
		assert_noop!(
			Vaults::unlock(RuntimeOrigin::signed(WHALE), 0),
			Error::<Test>::VotesStillRunning
		);
	});
}

#[test]
fn sponsors_may_veto_parameter_changes_and_new_sponsors() {
	// The attack: a majority turns the sponsors' veto off (and could then spend freely). A
	// parameter change, like a spend, is the sponsors' to veto.
	run_test(|| {
		with_holders();
		let off = proposed(
			ALICE,
			ProposalAction::SetParams(VaultParams { sponsor_veto: false, ..params() }),
		);
		assert_ok!(vote(ALICE, off, true, 1_000));
		assert_ok!(vote(BOB, off, true, 1_000));
		assert_ok!(veto(ADMIN, off, STATE));
		run_to(enactment(off));
		assert_ok!(close(off));
		assert_eq!(outcome(off), Outcome::Vetoed);
		assert!(vault().params.sponsor_veto);
		let sponsor = proposed(ALICE, ProposalAction::AdmitSponsor(PARTNER));
		assert_ok!(veto(ADMIN, sponsor, STATE));
		// Attaching or detaching a device is the holders' own business.
		let attach = proposed(BOB, ProposalAction::AttachDevice(ROUTED));
		assert_noop!(veto(ADMIN, attach, STATE), Error::<Test>::VetoNotAllowed);
	});
}

#[test]
fn a_lock_up_is_bounded() {
	// The attack: a majority locks redemptions for ever and the minority cannot leave.
	run_test(|| {
		with_holders();
		let for_ever = VaultParams { redeem_after: u64::MAX, ..params() };
		assert_noop!(
			propose(ALICE, ProposalAction::SetParams(for_ever.clone())),
			Error::<Test>::BadParams
		);
		assert_noop!(
			create_vault(ADMIN, STATE, b"Locked", for_ever, MIN_SEED),
			Error::<Test>::BadParams
		);
		let now = System::block_number();
		let longest = VaultParams { redeem_after: now + MAX_LOCK_UP, ..params() };
		assert_ok!(propose(ALICE, ProposalAction::SetParams(longest.clone())));
		assert_noop!(
			propose(
				ALICE,
				ProposalAction::SetParams(VaultParams {
					redeem_after: now + MAX_LOCK_UP + 1,
					..params()
				})
			),
			Error::<Test>::BadParams
		);
	});
}

#[test]
fn holders_outvoted_on_a_spend_redeem_before_it_executes() {
	// The attack: a majority spends the vault on itself; the holders who voted nay are frozen
	// until the vote ends and the spend executes at once, so they cannot leave first.
	run_test(|| {
		with_holders();
		assert_ok!(deposit(CHARLIE, 1_000));
		let id = proposed(ALICE, spend(2_000));
		assert_ok!(vote(ALICE, id, true, 1_000));
		assert_ok!(vote(CHARLIE, id, true, 1_000));
		assert_ok!(vote(BOB, id, false, 1_000));
		// While the vote runs BOB's voted shares are frozen.
		assert_noop!(redeem(BOB, 1), Error::<Test>::InsufficientShares);
		run_to(proposal(id).ends);
		// It passed, but executes one voting period later.
		assert_noop!(close(id), Error::<Test>::EnactmentPending);
		// BOB leaves with his share of the vault before the spend.
		assert_ok!(redeem(BOB, 1_000));
		assert_eq!(balance(BOB), 1_000_000);
		run_to(enactment(id) - 1);
		assert_noop!(close(id), Error::<Test>::EnactmentPending);
		run_to(enactment(id));
		assert_ok!(close(id));
		assert_eq!(outcome(id), Outcome::Executed);
		assert_eq!(balance(VENDOR), 2_000);
	});
}

#[test]
fn a_proposal_that_did_not_pass_closes_when_its_vote_ends() {
	run_test(|| {
		with_holders();
		let id = proposed(ALICE, spend(100));
		assert_ok!(vote(BOB, id, false, 1_000));
		run_to(proposal(id).ends);
		assert_ok!(close(id));
		assert_eq!(outcome(id), Outcome::Rejected);
	});
}
