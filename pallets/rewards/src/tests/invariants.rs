//! `try_state` catches broken emission totals, budgets, routes, vaults, stakes and programs.

use super::*;

#[test]
fn try_state_detects_broken_invariants() {
	run_test(|| {
		earn(0, 0, Compute, 1);
		fund_and_settle(0);
		assert_ok!(Rewards::do_try_state());

		EmissionTotals::<Test>::mutate(|t| t.minted += 1);
		assert!(Rewards::do_try_state().is_err());
		EmissionTotals::<Test>::mutate(|t| t.minted -= 1);
		assert_ok!(Rewards::do_try_state());

		// A class settled more than its budget.
		Budgets::<Test>::mutate(0, |b| {
			b.as_mut().unwrap().classes[DeviceClass::Compute].settled = 180_001
		});
		assert!(Rewards::do_try_state().is_err());
		Budgets::<Test>::mutate(0, |b| {
			b.as_mut().unwrap().classes[DeviceClass::Compute].settled = 0
		});

		// The pot cannot pay what is owed.
		let pot = balance(Rewards::pot());
		assert_ok!(<Balances as fungible::Mutate<AccountId>>::transfer(
			&Rewards::pot(),
			&STRANGER,
			ED + 1,
			Preservation::Preserve
		));
		assert!(Rewards::do_try_state().is_err());
		assert_ok!(<Balances as fungible::Mutate<AccountId>>::transfer(
			&STRANGER,
			&Rewards::pot(),
			ED + 1,
			Preservation::Preserve
		));
		assert_eq!(balance(Rewards::pot()), pot);

		// A pending device's route is broken.
		MockDevices::set_route(0, vec![(Beneficiary::Owner, 90)]);
		assert!(Rewards::do_try_state().is_err());
		MockDevices::set_route(0, vec![(Beneficiary::Owner, 100)]);

		// A vault's points that no unpaid device explains.
		let bogus = VaultEpoch { epoch: 0, points: PerClass([5, 0, 0, 0]) };
		VaultAccruals::<Test>::insert(9, frame_support::BoundedVec::truncate_from(vec![bogus]));
		assert!(Rewards::do_try_state().is_err());
		VaultAccruals::<Test>::remove(9);

		// A stake without its freeze.
		Stakes::<Test>::insert(OWNER, StakeLedger { active: 5, unbonding: 0, unlock_at: 0 });
		assert!(Rewards::do_try_state().is_err());
		Stakes::<Test>::remove(OWNER);

		// A program outside the active list, or an active program that does not exist.
		let program = Program {
			sponsor: STRANGER,
			asset: ASSET,
			class: Connectivity,
			per_epoch: 1,
			ends: 1,
			ticket: ticket(PROGRAM_DEPOSIT),
		};
		Programs::<Test>::insert(0, program);
		assert!(Rewards::do_try_state().is_err());
		Programs::<Test>::remove(0);
		ActivePrograms::<Test>::put(frame_support::BoundedVec::truncate_from(vec![0]));
		assert!(Rewards::do_try_state().is_err());
		ActivePrograms::<Test>::kill();

		assert_ok!(Rewards::do_try_state());
	});
}
