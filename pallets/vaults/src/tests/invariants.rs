//! `try_state` catches corruption and holds through a vault's life.

use super::*;

#[test]
fn try_state_catches_corruption() {
	run_test(|| {
		with_holders();
		assert_ok!(create_vault(ADMIN, STATE, b"Second", params(), MIN_SEED));
		let id = proposed(ALICE, spend(100));
		assert_ok!(vote(ALICE, id, true, 300));
		assert_ok!(vote(BOB, id, false, 200));
		assert_ok!(Vaults::do_try_state());

		// A tally that differs from the recorded votes.
		Proposals::<Test>::mutate(0, id, |p| p.as_mut().unwrap().ayes += 1);
		assert!(Vaults::do_try_state().is_err());
		Proposals::<Test>::mutate(0, id, |p| p.as_mut().unwrap().ayes -= 1);
		assert_ok!(Vaults::do_try_state());

		// A vote record lost.
		let locks = Votes::<Test>::take(0, BOB).unwrap();
		assert!(Vaults::do_try_state().is_err());
		Votes::<Test>::insert(0, BOB, locks);
		assert_ok!(Vaults::do_try_state());

		// A wrong proposal count.
		crate::Vaults::<Test>::mutate(0, |v| v.as_mut().unwrap().proposals += 1);
		assert!(Vaults::do_try_state().is_err());
		crate::Vaults::<Test>::mutate(0, |v| v.as_mut().unwrap().proposals -= 1);
		assert_ok!(Vaults::do_try_state());

		// A share token that does not map back.
		VaultOfAsset::<Test>::remove(SHARE_BASE);
		assert!(Vaults::do_try_state().is_err());
		VaultOfAsset::<Test>::insert(SHARE_BASE, 0);
		assert_ok!(Vaults::do_try_state());

		// A proposal stored under another vault.
		Proposals::<Test>::mutate(0, id, |p| p.as_mut().unwrap().vault = 1);
		assert!(Vaults::do_try_state().is_err());
		Proposals::<Test>::mutate(0, id, |p| p.as_mut().unwrap().vault = 0);
		assert_ok!(Vaults::do_try_state());

		// A proposal of no vault.
		Proposals::<Test>::insert(7, 99, Proposal { vault: 7, ..proposal(id) });
		assert!(Vaults::do_try_state().is_err());
		Proposals::<Test>::remove(7, 99);
		assert_ok!(Vaults::do_try_state());

		// Held deposits that differ from the stored ones.
		let reason = RuntimeHoldReason::Vaults(HoldReason::ProposalDeposit);
		assert_ok!(<Balances as MutateHold<AccountId>>::hold(&reason, &ALICE, 5));
		assert!(Vaults::do_try_state().is_err());
		assert_ok!(<Balances as MutateHold<AccountId>>::release(
			&reason,
			&ALICE,
			5,
			Precision::Exact
		));
		assert_ok!(Vaults::do_try_state());

		// A vault with assets but no shares.
		let account = Vaults::account(1);
		assert_ok!(<Assets as fungibles::Mutate<AccountId>>::burn_from(
			SHARE_BASE + 1,
			&account,
			MIN_SEED,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Force,
		));
		assert!(Vaults::do_try_state().is_err());
		assert_ok!(<Assets as fungibles::Mutate<AccountId>>::mint_into(
			SHARE_BASE + 1,
			&account,
			MIN_SEED
		));
		assert_ok!(Vaults::do_try_state());

		// Once the vote has ended, votes thaw and are pruned: tallies are not compared then.
		run_to(proposal(id).ends);
		Proposals::<Test>::mutate(0, id, |p| p.as_mut().unwrap().ayes += 1);
		assert_ok!(Vaults::do_try_state());
		Proposals::<Test>::mutate(0, id, |p| p.as_mut().unwrap().ayes -= 1);
	});
}

#[test]
fn invariants_hold_through_a_vaults_life() {
	run_test(|| {
		with_holders();
		assert_ok!(Vaults::do_try_state());
		MockYield::earn(0, 700);
		let p0 = proposed(ALICE, spend(300));
		let p1 = proposed(BOB, ProposalAction::AttachDevice(ROUTED));
		assert_ok!(vote(ALICE, p0, true, 900));
		assert_ok!(vote(BOB, p0, false, 100));
		assert_ok!(vote(ALICE, p1, true, 700));
		assert_ok!(veto(ADMIN, p0, STATE));
		assert_ok!(Vaults::do_try_state());
		MockYield::settle(0);
		assert_ok!(redeem(BOB, 500));
		assert_ok!(deposit(CHARLIE, 4_321));
		assert_ok!(Vaults::do_try_state());
		run_to(enactment(p1));
		assert_ok!(close(p1));
		assert_ok!(close(p0));
		assert_eq!((outcome(p0), outcome(p1)), (Outcome::Vetoed, Outcome::Executed));
		assert_eq!(vault().devices.to_vec(), vec![ROUTED]);
		assert_eq!(vault().proposals, 0);
		assert_eq!(held(HoldReason::ProposalDeposit, ALICE), 0);
		assert_eq!(held(HoldReason::ProposalDeposit, BOB), 0);
	});
}
