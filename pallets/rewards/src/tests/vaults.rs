//! Vault-facing: vault legs, a vault's unpaid yield and its room for epochs.

use super::*;

#[test]
fn vaults_take_rewards_or_the_owner_does() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 50), (Beneficiary::Owner, 50)]);
		MockDevices::set_route(1, vec![(Beneficiary::Vault(7), 100)]);
		earn(0, 0, Compute, 1);
		earn(1, 0, Compute, 1);
		// Device 1's route names a vault that refuses payment by the time it is claimed.
		MockDevices::set_route(1, vec![(Beneficiary::Vault(8), 100)]);
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

/// Vault 7's unpaid yield: (certain, maturing).
fn yield_of_7() -> (Balance, Balance) {
	let unpaid = Rewards::vault_yield(7);
	(unpaid.certain, unpaid.maturing)
}

#[test]
fn a_vaults_unpaid_yield_is_valued_before_it_is_paid() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 50), (Beneficiary::Owner, 50)]);
		assert_eq!(yield_of_7(), (0, 0));
		earn(0, 0, Compute, 300);
		earn(1, 0, Compute, 700);
		// Epoch 0 runs and nothing was funded yet: nothing to value it by.
		assert_eq!(yield_of_7(), (0, 0));
		assert_eq!(
			VaultAccruals::<Test>::get(7).unwrap().into_inner(),
			vec![VaultEpoch { epoch: 0, points: PerClass([150, 0, 0, 0]) }]
		);
		close_and_fund(0);
		let budget = Budgets::<Test>::get(0).unwrap().classes[DeviceClass::Compute].budget;
		// Half of device 0's 30 % of the compute budget, rounded up: funded, but its challenge
		// window is still open, so it is not certain yet.
		let expected = (budget * 150).div_ceil(1_000);
		assert_eq!(yield_of_7(), (0, expected));
		// A running epoch is estimated with the latest budget.
		earn(0, 1, Compute, 100);
		earn(1, 1, Compute, 100);
		let estimate = (budget * 50).div_ceil(200);
		assert_eq!(yield_of_7(), (0, expected + estimate));
		// Once epoch 0 is final its yield is certain; epoch 1's still matures.
		MockScores::settle_before(1);
		assert_eq!(yield_of_7(), (expected, estimate));
		assert_eq!(Rewards::vault_yield(7).total(), expected + estimate);
		// Settling moves the value from unpaid to paid: the vault's total never rises.
		let (vault, before) = (balance(VAULT_ACCOUNT), Rewards::vault_yield(7).total());
		let due = vault_due(&[0]);
		assert_ok!(claim(OWNER, vec![0]));
		let received = balance(VAULT_ACCOUNT) - vault;
		assert_eq!(received, due);
		assert_eq!(yield_of_7(), (0, estimate));
		assert!(before - received - estimate <= 1, "rounding up costs at most a unit");
		// Epoch 1 is still unpaid.
		assert_eq!(
			VaultAccruals::<Test>::get(7).unwrap().into_inner(),
			vec![VaultEpoch { epoch: 1, points: PerClass([50, 0, 0, 0]) }]
		);
	});
}

#[test]
fn a_first_report_moves_only_the_maturing_yield() {
	// The NAV sandwich, on the rewards side: a vault device that reports first in a running
	// epoch is estimated at its share of a class total of one device, nearly the whole class
	// budget. None of it is certain, so none of it is redeemable.
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 100)]);
		earn(0, 0, Compute, 100);
		earn(1, 0, Compute, 900);
		fund_and_settle(0);
		let certain = yield_of_7().0;
		assert!(certain > 0);
		assert_eq!(yield_of_7().1, 0);
		// Epoch 1: device 0 reports first.
		earn(0, 1, Compute, 100);
		let budget = Budgets::<Test>::get(0).unwrap().classes[DeviceClass::Compute].budget;
		assert_eq!(yield_of_7(), (certain, budget));
		// Others report: the estimate falls; what is certain never moved.
		earn(1, 1, Compute, 900);
		assert_eq!(yield_of_7(), (certain, budget.div_ceil(10)));
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
		assert_eq!(Rewards::vault_yield(7).maturing, (budget * 100).div_ceil(500));
		// A fraud ruling zeroes them: nothing is owed and nothing is kept.
		MockScores::resolve_fraud(0, 0);
		Rewards::on_points_changed(0, 0, Compute, 100, 0, MockDevices::device(0).unwrap().vault);
		assert_eq!(yield_of_7(), (0, 0));
		assert!(VaultAccruals::<Test>::get(7).is_none());
	});
}

#[test]
fn a_vault_has_room_for_a_bounded_number_of_epochs() {
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 100)]);
		MockDevices::set_route(1, vec![(Beneficiary::Vault(7), 100)]);
		MockDevices::set_route(2, vec![(Beneficiary::Vault(7), 100)]);
		// Devices 0 and 1 leave four epochs each unpaid: the vault is full.
		for epoch in 0..MAX_VAULT_EPOCHS_PER_DEVICE {
			earn(0, epoch, Compute, 10);
		}
		for epoch in MAX_VAULT_EPOCHS_PER_DEVICE..MAX_VAULT_EPOCHS {
			earn(1, epoch, Compute, 10);
		}
		assert_eq!(VaultAccruals::<Test>::get(7).unwrap().len() as u32, MAX_VAULT_EPOCHS);
		// Device 2 has room of its own, but the vault has none: the report is refused and
		// changes nothing.
		MockScores::set_points(MAX_VAULT_EPOCHS, 2, Connectivity, 10);
		assert!(!refused_report_changes_nothing(2, MAX_VAULT_EPOCHS));
		// Anyone claims device 0's epochs for the vault: room again.
		fund_and_settle(MAX_VAULT_EPOCHS_PER_DEVICE - 1);
		assert_ok!(claim(NEWCOMER, vec![0]));
		assert_eq!(
			VaultAccruals::<Test>::get(7).unwrap().len() as u32,
			MAX_VAULT_EPOCHS - MAX_VAULT_EPOCHS_PER_DEVICE
		);
		assert!(report(2, MAX_VAULT_EPOCHS));
	});
}

/// Reports `device` in `epoch` in a storage layer; if refused, checks nothing changed.
fn refused_report_changes_nothing(device: DeviceId, epoch: EpochIndex) -> bool {
	let ledger = Ledgers::<Test>::get(device).map(|l| l.pending);
	let accruals = VaultAccruals::<Test>::get(7);
	let taken = frame_support::storage::with_storage_layer(|| {
		if report(device, epoch) {
			Ok(true)
		} else {
			Err(DispatchError::Other("refused"))
		}
	})
	.unwrap_or(false);
	if !taken {
		assert_eq!(Ledgers::<Test>::get(device).map(|l| l.pending), ledger);
		assert_eq!(VaultAccruals::<Test>::get(7), accruals);
	}
	taken
}

/// Attack (dust legs): devices route a part-per-billion to a vault and leave their epochs
/// unsettled (here: challenged), so the vault's epoch slots fill and every honest device
/// routed to it is refused. Before, two such devices filled all eight slots. Now a device pays
/// a vault only if the vault admitted it, and one device holds at most
/// `MaxVaultEpochsPerDevice` of the vault's epochs.
#[test]
fn dust_legs_cannot_fill_a_vaults_epochs() {
	run_test(|| {
		let dust = Perbill::from_parts(1);
		for d in [10, 11] {
			MockDevices::add(d, STRANGER, gpu());
			MockDevices::set_route_parts(
				d,
				vec![(Beneficiary::Vault(7), dust), (Beneficiary::Owner, Perbill::one() - dust)],
			);
		}
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 100)]);
		// The vault never admitted device 10: it cannot report with that route.
		MockVaults::refuse(10);
		MockScores::set_points(0, 10, Compute, 1_000);
		assert!(!refused_report_changes_nothing(10, 0));
		// Device 11 was admitted (a vote let it in) and turns rogue: its epochs stay
		// challenged, but it holds at most four of the vault's eight.
		for epoch in 0..MAX_PENDING {
			MockScores::set_points(epoch, 11, Compute, 1_000);
			MockScores::challenge(epoch, 11);
			let taken = refused_report_changes_nothing(11, epoch);
			assert_eq!(taken, epoch < MAX_VAULT_EPOCHS_PER_DEVICE, "epoch {epoch}");
		}
		// The honest device reports in new epochs, is claimed, reports again.
		for epoch in MAX_PENDING..MAX_PENDING + MAX_VAULT_EPOCHS {
			earn(0, epoch, Compute, 10);
			fund_and_settle(epoch);
			assert_ok!(claim(OWNER, vec![0]));
		}
		assert!(VaultAccruals::<Test>::get(7).unwrap().len() as u32 <= MAX_VAULT_EPOCHS_PER_DEVICE);
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

#[test]
fn a_device_removed_by_force_forfeits_its_epochs_and_leaves_its_vaults_price() {
	use atlas_primitives::RewardLedger;
	run_test(|| {
		MockDevices::set_route(0, vec![(Beneficiary::Vault(7), 50), (Beneficiary::Owner, 50)]);
		MockDevices::set_route(1, vec![(Beneficiary::Vault(7), 100)]);
		earn(0, 0, Compute, 300);
		earn(1, 0, Compute, 700);
		earn(0, 1, Compute, 100);
		fund_and_settle(0);
		let before = Rewards::vault_yield(7).total();
		let theirs = (Budgets::<Test>::get(0).unwrap().classes[DeviceClass::Compute].budget * 700)
			.div_ceil(1_000);
		assert!(before > theirs);
		// Governance removes device 0: its two unpaid epochs are forfeited and its vault's
		// price no longer counts them; device 1's part stays.
		System::reset_events();
		<Rewards as RewardLedger>::on_removed(0);
		assert!(Ledgers::<Test>::get(0).is_none());
		assert!(!<Rewards as RewardLedger>::has_unpaid(0));
		assert_eq!(Rewards::vault_yield(7).total(), theirs);
		assert_eq!(
			VaultAccruals::<Test>::get(7).unwrap().into_inner(),
			vec![VaultEpoch { epoch: 0, points: PerClass([700, 0, 0, 0]) }]
		);
		assert!(events().contains(&Event::RewardsForfeited { device: 0, epochs: 2 }));
		// Removing a device with nothing owed does nothing.
		<Rewards as RewardLedger>::on_removed(0);
		assert_eq!(Rewards::vault_yield(7).total(), theirs);
	});
}
