//! Proposals: deposits, limits and the checks of each action.

use super::*;

#[test]
fn propose_holds_the_deposit_and_records_the_proposal() {
	run_test(|| {
		with_holders();
		run_to(3);
		let action = spend(500);
		assert_ok!(propose(ALICE, action.clone()));
		System::assert_last_event(
			Event::Proposed {
				vault: 0,
				proposal: 0,
				proposer: ALICE,
				action: action.clone(),
				ends: 3 + VOTING_PERIOD,
			}
			.into(),
		);
		assert_eq!(held(HoldReason::ProposalDeposit, ALICE), PROPOSAL_DEPOSIT);
		assert_eq!(balance(ALICE), FUNDS - 1_000 - PROPOSAL_DEPOSIT);
		assert_eq!(
			proposal(0),
			Proposal {
				vault: 0,
				proposer: ALICE,
				deposit: PROPOSAL_DEPOSIT,
				action,
				// The seed's 1_000 shares belong to the vault and do not vote.
				electorate: 2_000,
				created: 3,
				ends: 13,
				ayes: 0,
				nays: 0,
				vetoed_by: None,
			}
		);
		assert_eq!(vault().proposals, 1);
		assert_eq!(NextProposalId::<Test>::get(), 1);

		// Ids are unique across vaults.
		assert_ok!(create_vault(ADMIN, STATE, b"Second", params(), MIN_SEED));
		assert_ok!(Vaults::deposit(RuntimeOrigin::signed(BOB), 1, 500));
		assert_ok!(Vaults::propose(RuntimeOrigin::signed(BOB), 1, spend(1)));
		assert!(Proposals::<Test>::get(1, 1).is_some());
		assert!(Proposals::<Test>::get(0, 1).is_none());
		assert_eq!(crate::Vaults::<Test>::get(1).unwrap().proposals, 1);
		assert_eq!(vault().proposals, 1);
	});
}

#[test]
fn propose_needs_shares_and_the_deposit() {
	run_test(|| {
		assert_noop!(propose(ALICE, spend(1)), Error::<Test>::VaultNotFound);
		create();
		assert_noop!(propose(BOB, spend(1)), Error::<Test>::NotShareholder);
		assert_ok!(deposit(ALICE, 1_000));
		// POOR holds shares but cannot afford the proposal deposit.
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), SHARE_BASE, POOR, 100));
		assert_eq!(shares(POOR), 100);
		assert_noop!(propose(POOR, spend(1)), Error::<Test>::CannotAffordDeposit);
		// A proposal is backed by a tenth of the voting shares (the mock's share).
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), SHARE_BASE, BOB, 99));
		// (A tenth of the 1,000 voting shares is 100.)
		assert_noop!(propose(BOB, spend(1)), Error::<Test>::TooFewSharesToPropose);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), SHARE_BASE, BOB, 1));
		assert_ok!(propose(BOB, spend(1)));
		assert_eq!(held(HoldReason::ProposalDeposit, BOB), PROPOSAL_DEPOSIT);
	});
}

/// Low (proposal slots): with deposits alone, a holder of one share kept every proposal slot
/// full for the cost of the deposits (forfeited each voting period, about 3 ATH in the
/// runtime). Each open proposal is now backed by `MinProposalShare` of the voting shares, so
/// filling the slots takes that share of the vault times the slots, over any number of
/// accounts.
#[test]
fn keeping_proposal_slots_full_takes_a_share_of_the_vault() {
	run_test(|| {
		with_holders();
		// Charlie buys a tenth of the voting shares after his deposit: one proposal's backing.
		assert_ok!(deposit(CHARLIE, 230));
		proposed(CHARLIE, spend(1));
		assert_noop!(propose(CHARLIE, spend(2)), Error::<Test>::TooFewSharesToPropose);
		// A second account of his needs its own tenth: one share is not enough.
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(CHARLIE), SHARE_BASE, POOR, 1));
		assert_noop!(propose(POOR, spend(2)), Error::<Test>::TooFewSharesToPropose);
		// The holders still have room to propose.
		proposed(ALICE, spend(2));
		proposed(ALICE, spend(3));
		assert_eq!(vault().proposals, 3);
	});
}

#[test]
fn a_vault_has_at_most_three_open_proposals() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		let first = proposed(ALICE, spend(1));
		proposed(ALICE, spend(2));
		proposed(ALICE, spend(3));
		assert_eq!(vault().proposals, 3);
		assert_noop!(propose(ALICE, spend(4)), Error::<Test>::TooManyProposals);
		// Closing one (it ended without votes) makes room.
		run_to(1 + VOTING_PERIOD);
		assert_ok!(close(first));
		assert_eq!(outcome(first), Outcome::NoQuorum);
		assert_eq!(vault().proposals, 2);
		assert_ok!(propose(ALICE, spend(4)));
		assert_eq!(vault().proposals, 3);
		assert_eq!(held(HoldReason::ProposalDeposit, ALICE), 3 * PROPOSAL_DEPOSIT);
	});
}

#[test]
fn propose_checks_the_action() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		let checks: Vec<(Action, Error<Test>)> = vec![
			(
				ProposalAction::Reinvest { vendor: VENDOR, amount: 0, devices: 1, deliver_by: 50 },
				Error::<Test>::ZeroSpend,
			),
			(
				ProposalAction::Reinvest { vendor: VENDOR, amount: 10, devices: 0, deliver_by: 50 },
				Error::<Test>::BadPurchase,
			),
			(
				ProposalAction::Reinvest { vendor: VENDOR, amount: 10, devices: 4, deliver_by: 50 },
				Error::<Test>::BadPurchase,
			),
			(
				ProposalAction::Reinvest { vendor: VENDOR, amount: 10, devices: 1, deliver_by: 1 },
				Error::<Test>::BadPurchase,
			),
			(
				ProposalAction::TransferDevice { device: ROUTED, to: BOB },
				Error::<Test>::DeviceNotInCustody,
			),
			(ProposalAction::FundProject { to: VENDOR, amount: 0 }, Error::<Test>::ZeroSpend),
			(ProposalAction::AttachDevice(77), Error::<Test>::DeviceNotFound),
			(ProposalAction::DetachDevice(ROUTED), Error::<Test>::DeviceNotAttached),
			(ProposalAction::DetachDevice(77), Error::<Test>::DeviceNotAttached),
			(ProposalAction::AdmitSponsor(STATE), Error::<Test>::AlreadySponsor),
			(ProposalAction::AdmitSponsor(SUSPENDED), Error::<Test>::StateNotActive),
			(ProposalAction::AdmitSponsor(42), Error::<Test>::StateNotActive),
			(
				ProposalAction::SetParams(VaultParams { voting_period: 1, ..params() }),
				Error::<Test>::BadParams,
			),
			(
				ProposalAction::SetParams(VaultParams { voting_period: 101, ..params() }),
				Error::<Test>::BadParams,
			),
			(
				ProposalAction::SetParams(VaultParams { quorum: Perbill::zero(), ..params() }),
				Error::<Test>::BadParams,
			),
			(
				ProposalAction::SetParams(VaultParams {
					threshold: Perbill::from_percent(49),
					..params()
				}),
				Error::<Test>::BadParams,
			),
		];
		for (action, error) in checks {
			assert_noop!(propose(ALICE, action), error);
		}
		// Sound actions are accepted.
		assert_ok!(propose(ALICE, ProposalAction::AttachDevice(ROUTED)));
		assert_ok!(propose(ALICE, ProposalAction::AdmitSponsor(PARTNER)));
		assert_ok!(propose(
			ALICE,
			ProposalAction::SetParams(VaultParams { voting_period: 2, ..params() })
		));
		assert_eq!(vault().proposals, 3);
	});
}

#[test]
fn propose_checks_device_and_sponsor_limits() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		assert_eq!(pass(ProposalAction::AttachDevice(ROUTED)), Outcome::Executed);
		assert_noop!(
			propose(ALICE, ProposalAction::AttachDevice(ROUTED)),
			Error::<Test>::DeviceAlreadyAttached
		);
		// Two devices at most.
		MockDevices::route(7, Some(0));
		MockDevices::route(8, Some(0));
		assert_eq!(pass(ProposalAction::AttachDevice(7)), Outcome::Executed);
		assert_eq!(vault().devices.to_vec(), vec![ROUTED, 7]);
		assert_noop!(
			propose(ALICE, ProposalAction::AttachDevice(8)),
			Error::<Test>::TooManyDevices
		);

		// Two sponsors at most.
		assert_eq!(pass(ProposalAction::AdmitSponsor(PARTNER)), Outcome::Executed);
		MockRoles::add(4, 40, true);
		assert_noop!(
			propose(ALICE, ProposalAction::AdmitSponsor(4)),
			Error::<Test>::TooManySponsors
		);
		assert_noop!(
			propose(ALICE, ProposalAction::AdmitSponsor(PARTNER)),
			Error::<Test>::AlreadySponsor
		);
	});
}

#[test]
fn propose_fails_when_ids_are_exhausted() {
	run_test(|| {
		create();
		assert_ok!(deposit(ALICE, 1_000));
		NextProposalId::<Test>::put(ProposalId::MAX);
		assert_noop!(propose(ALICE, spend(1)), Error::<Test>::IdsExhausted);
	});
}
