//! Vault-facing: vault legs, a vault's unpaid yield and its room for epochs.

use super::*;

#[test]
fn vaults_take_rewards_or_the_owner_does() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 50), (Beneficiary::Owner, 50)]);
		MockDevices::set_route(1, vec![(Beneficiary::Vault(8), 100)]);
		earn(0, 0, Compute, 1);
		earn(1, 0, Compute, 1);
		fund_and_settle(0);
		let each = Rewards::pending_of(0).claimable;
		assert_eq!(Rewards::pending_of(1).claimable, each);
		let (owner, vault) = (balance(OWNER), balance(VAULT_ACCOUNT));
		System::reset_events();
		assert_ok!(claim(OWNER, vec![0, 1]));
		assert_eq!(balance(VAULT_ACCOUNT), vault + each / 2);
		assert_eq!(balance(OWNER), owner + (each - each / 2) + each);
		let paid: Vec<_> =
			events().into_iter().filter(|e| matches!(e, Event::RewardPaid { .. })).collect();
		assert_eq!(
			paid,
			vec![
				Event::RewardPaid {
					device: 0,
					beneficiary: Beneficiary::Vault(7),
					amount: each / 2
				},
				Event::RewardPaid {
					device: 0,
					beneficiary: Beneficiary::Owner,
					amount: each - each / 2
				},
				// Vault 8 refused: its leg went to the owner.
				Event::RewardPaid { device: 1, beneficiary: Beneficiary::Owner, amount: each },
			]
		);
	});
}

/// What settling would pay vault 7 now.
fn vault_due(devices: &[DeviceId]) -> Balance {
	devices.iter().map(|d| Rewards::pending_of(*d).claimable / 2).sum()
}

#[test]
fn a_vaults_unpaid_yield_is_valued_before_it_is_paid() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 50), (Beneficiary::Owner, 50)]);
		assert_eq!(Rewards::vault_yield(7), 0);
		earn(0, 0, Compute, 300);
		earn(1, 0, Compute, 700);
		// Epoch 0 runs and nothing was funded yet: nothing to value it by.
		assert_eq!(Rewards::vault_yield(7), 0);
		assert_eq!(
			VaultAccruals::<Test>::get(7).unwrap().into_inner(),
			vec![VaultEpoch { epoch: 0, points: PerClass([150, 0, 0, 0]) }]
		);
		close_and_fund(0);
		let budget = Budgets::<Test>::get(0).unwrap().classes[DeviceClass::Compute].budget;
		// Half of device 0's 30 % of the compute budget, rounded up.
		let expected = (budget * 150).div_ceil(1_000);
		assert_eq!(Rewards::vault_yield(7), expected);
		// A running epoch is estimated with the latest budget.
		earn(0, 1, Compute, 100);
		earn(1, 1, Compute, 100);
		let estimate = (budget * 50).div_ceil(200);
		assert_eq!(Rewards::vault_yield(7), expected + estimate);
		// Settling moves the value from unpaid to paid: the vault's total never rises.
		MockScores::settle_before(1);
		let (vault, before) = (balance(VAULT_ACCOUNT), Rewards::vault_yield(7));
		let due = vault_due(&[0]);
		assert_ok!(claim(OWNER, vec![0]));
		let received = balance(VAULT_ACCOUNT) - vault;
		assert_eq!(received, due);
		assert_eq!(Rewards::vault_yield(7), estimate);
		assert!(before - received - estimate <= 1, "rounding up costs at most a unit");
		// Epoch 1 is still unpaid.
		assert_eq!(
			VaultAccruals::<Test>::get(7).unwrap().into_inner(),
			vec![VaultEpoch { epoch: 1, points: PerClass([50, 0, 0, 0]) }]
		);
	});
}

#[test]
fn points_changes_move_a_vaults_yield() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 100)]);
		earn(0, 0, Compute, 400);
		earn(1, 0, Compute, 400);
		// A verifier lowers device 0's points.
		MockScores::set_points(0, 0, Compute, 100);
		Rewards::on_points_changed(0, 0, Compute, 400, 100, MockDevices::device(0).unwrap().vault);
		assert_eq!(VaultAccruals::<Test>::get(7).unwrap()[0].points, PerClass([100, 0, 0, 0]));
		close_and_fund(0);
		let budget = Budgets::<Test>::get(0).unwrap().classes[DeviceClass::Compute].budget;
		assert_eq!(Rewards::vault_yield(7), (budget * 100).div_ceil(500));
		// A fraud ruling zeroes them: nothing is owed and nothing is kept.
		MockScores::resolve_fraud(0, 0);
		Rewards::on_points_changed(0, 0, Compute, 100, 0, MockDevices::device(0).unwrap().vault);
		assert_eq!(Rewards::vault_yield(7), 0);
		assert!(VaultAccruals::<Test>::get(7).is_none());
	});
}

#[test]
fn a_vault_has_room_for_a_bounded_number_of_epochs() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 100)]);
		MockDevices::set_route(1, vec![(Beneficiary::Vault(7), 100)]);
		// Device 0 leaves six epochs unpaid, device 1 two more: the vault is full.
		for epoch in 0..MAX_PENDING {
			earn(0, epoch, Compute, 10);
		}
		for epoch in MAX_PENDING..MAX_VAULT_EPOCHS {
			earn(1, epoch, Compute, 10);
		}
		assert_eq!(VaultAccruals::<Test>::get(7).unwrap().len() as u32, MAX_VAULT_EPOCHS);
		// Device 1 has room of its own, but the vault has none: the report is refused and
		// changes nothing.
		MockScores::set_points(MAX_VAULT_EPOCHS, 1, Compute, 10);
		let ledger = Ledgers::<Test>::get(1).map(|l| l.pending);
		assert!(!frame_support::storage::with_storage_layer(|| {
			if report(1, MAX_VAULT_EPOCHS) {
				Ok(true)
			} else {
				Err(DispatchError::Other("refused"))
			}
		})
		.unwrap_or(false));
		assert_eq!(Ledgers::<Test>::get(1).map(|l| l.pending), ledger);
		// Anyone claims device 0's epochs for the vault: room again.
		fund_and_settle(MAX_PENDING - 1);
		assert_ok!(claim(NEWCOMER, vec![0]));
		assert_eq!(
			VaultAccruals::<Test>::get(7).unwrap().len() as u32,
			MAX_VAULT_EPOCHS - MAX_PENDING
		);
		assert!(report(1, MAX_VAULT_EPOCHS));
	});
}

#[test]
fn anyone_may_claim_a_device_that_pays_a_vault() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 50), (Beneficiary::Owner, 50)]);
		earn(0, 0, Compute, 10);
		earn(1, 0, Compute, 10);
		fund_and_settle(0);
		assert_noop!(claim(NEWCOMER, vec![1]), Error::<Test>::NotAllowedToClaim);
		let owner = balance(OWNER);
		assert_ok!(claim(NEWCOMER, vec![0]));
		assert!(balance(OWNER) > owner, "the owner's leg still goes to the owner");
	});
}
