//! Sponsors: admission by vote and their veto over spends.

use super::*;

#[test]
fn an_admitted_sponsor_co_invests_and_may_veto() {
	run_test(|| {
		with_holders();
		let id = proposed(ALICE, spend(500));
		assert_noop!(veto(PARTNER_ADMIN, id, PARTNER), Error::<Test>::NotSponsor);
		// (The running spend proposal gets no vote.)
		assert_eq!(pass(ProposalAction::AdmitSponsor(PARTNER)), Outcome::Executed);
		assert!(events().contains(&Event::SponsorAdmitted { vault: 0, state: PARTNER }));
		assert_eq!(vault().sponsors.to_vec(), vec![STATE, PARTNER]);
		assert_ok!(close(id));

		// PARTNER's admin may now veto spends.
		let id = proposed(ALICE, spend(500));
		assert_ok!(vote(ALICE, id, true, 1_000));
		assert_ok!(veto(PARTNER_ADMIN, id, PARTNER));
		System::assert_last_event(Event::Vetoed { vault: 0, proposal: id, state: PARTNER }.into());
		assert_eq!(proposal(id).vetoed_by, Some(PARTNER));
		run_to(enactment(id));
		assert_ok!(close(id));
		assert_eq!(outcome(id), Outcome::Vetoed);
		assert_eq!(balance(VENDOR), 0);
	});
}

#[test]
fn an_admission_is_checked_again_when_it_executes() {
	run_test(|| {
		with_holders();
		let first = proposed(ALICE, ProposalAction::AdmitSponsor(PARTNER));
		let second = proposed(ALICE, ProposalAction::AdmitSponsor(PARTNER));
		assert_ok!(vote(ALICE, first, true, 1_000));
		assert_ok!(vote(ALICE, second, true, 1_000));
		run_to(enactment(first));
		assert_ok!(close(first));
		assert_eq!(outcome(first), Outcome::Executed);
		assert_ok!(close(second));
		assert_eq!(outcome(second), Outcome::ExecutionFailed);
		assert!(events().contains(&Event::ExecutionFailed {
			vault: 0,
			proposal: second,
			error: Error::<Test>::AlreadySponsor.into(),
		}));
		assert_eq!(vault().sponsors.to_vec(), vec![STATE, PARTNER]);
		assert_eq!(held(HoldReason::ProposalDeposit, ALICE), 0);
	});
}

#[test]
fn a_state_suspended_before_close_is_not_admitted() {
	run_test(|| {
		with_holders();
		let id = proposed(ALICE, ProposalAction::AdmitSponsor(PARTNER));
		assert_ok!(vote(ALICE, id, true, 1_000));
		MockRoles::add(PARTNER, PARTNER_ADMIN, false);
		run_to(enactment(id));
		assert_ok!(close(id));
		assert_eq!(outcome(id), Outcome::ExecutionFailed);
		assert!(events().contains(&Event::ExecutionFailed {
			vault: 0,
			proposal: id,
			error: Error::<Test>::StateNotActive.into(),
		}));
		assert_eq!(vault().sponsors.to_vec(), vec![STATE]);
	});
}

#[test]
fn only_a_sponsors_admin_may_veto_a_running_spend_once() {
	run_test(|| {
		with_holders();
		MockRoles::add(4, 40, true);
		let id = proposed(ALICE, spend(500));
		assert_noop!(
			Vaults::veto(RuntimeOrigin::signed(ADMIN), 9, id, STATE),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(veto(ADMIN, id + 10, STATE), Error::<Test>::ProposalNotFound);
		// The admin of a state that does not sponsor the vault.
		assert_noop!(veto(40, id, 4), Error::<Test>::NotSponsor);
		assert_noop!(veto(PARTNER_ADMIN, id, PARTNER), Error::<Test>::NotSponsor);
		// A sponsor named by someone who does not administer it.
		assert_noop!(veto(BOB, id, STATE), Error::<Test>::NotSponsor);
		assert_noop!(veto(PARTNER_ADMIN, id, STATE), Error::<Test>::NotSponsor);
		// Only spends can be vetoed.
		let attach = proposed(ALICE, ProposalAction::AttachDevice(ROUTED));
		assert_noop!(veto(ADMIN, attach, STATE), Error::<Test>::VetoNotAllowed);

		assert_ok!(veto(ADMIN, id, STATE));
		System::assert_last_event(Event::Vetoed { vault: 0, proposal: id, state: STATE }.into());
		assert_eq!(proposal(id).vetoed_by, Some(STATE));
		assert_noop!(veto(ADMIN, id, STATE), Error::<Test>::AlreadyVetoed);

		// Not once the vote has ended.
		let late = proposed(ALICE, ProposalAction::FundProject { to: VENDOR, amount: 1 });
		run_to(proposal(late).ends);
		assert_noop!(veto(ADMIN, late, STATE), Error::<Test>::VotingEnded);
	});
}

#[test]
fn no_veto_when_the_vault_gives_none() {
	run_test(|| {
		create_with(VaultParams { sponsor_veto: false, ..params() });
		assert_ok!(deposit(ALICE, 1_000));
		let id = proposed(ALICE, spend(500));
		assert_noop!(veto(ADMIN, id, STATE), Error::<Test>::VetoNotAllowed);
		// Non-sponsors are told so first.
		assert_noop!(veto(BOB, id, STATE), Error::<Test>::NotSponsor);
	});
}

#[test]
fn a_vetoed_spend_pays_nothing() {
	run_test(|| {
		with_holders();
		let id = proposed(ALICE, spend(500));
		assert_ok!(vote(ALICE, id, true, 1_000));
		assert_ok!(vote(BOB, id, true, 1_000));
		assert_ok!(veto(ADMIN, id, STATE));
		run_to(enactment(id));
		assert_ok!(close(id));
		System::assert_last_event(
			Event::Closed {
				vault: 0,
				proposal: id,
				outcome: Outcome::Vetoed,
				ayes: 2_000,
				nays: 0,
			}
			.into(),
		);
		assert!(!events().iter().any(|e| matches!(e, Event::Spent { .. })));
		assert_eq!(balance(VENDOR), 0);
		assert_eq!(liquid(), 3_000);
		assert_eq!(held(HoldReason::ProposalDeposit, ALICE), 0);
		assert_eq!(balance(ALICE), FUNDS - 1_000);
	});
}

#[test]
fn a_suspended_sponsor_cannot_veto() {
	run_test(|| {
		with_holders();
		assert_eq!(pass(ProposalAction::AdmitSponsor(PARTNER)), Outcome::Executed);
		let id = proposed(ALICE, spend(500));
		MockRoles::add(PARTNER, PARTNER_ADMIN, false);
		assert_noop!(veto(PARTNER_ADMIN, id, PARTNER), Error::<Test>::StateNotActive);
		MockRoles::add(PARTNER, PARTNER_ADMIN, true);
		assert_ok!(veto(PARTNER_ADMIN, id, PARTNER));
	});
}
