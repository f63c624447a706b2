//! Custody: a vault takes a device (its route fixed on the vault) and hands it on.

use super::*;
use atlas_primitives::DeviceCustody;

/// The account of a vault in these tests (no one signs for it; its seed keeps it alive).
const VAULT_ACCOUNT: AccountId = 77;

fn seed_vault() {
	use frame_support::traits::fungible::Mutate;
	assert_ok!(Balances::mint_into(&VAULT_ACCOUNT, 1_000));
}

#[test]
fn a_vault_takes_a_device_into_custody_with_its_route_fixed_on_the_vault() {
	run_test(|| {
		seed_vault();
		let device = register(BOB, 1);
		assert_ok!(Devices::set_operator(RuntimeOrigin::signed(BOB), device, Some(DAVE)));
		assert_noop!(
			Devices::hand_to_vault(device, &CHARLIE, &VAULT_ACCOUNT, 3),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Devices::hand_to_vault(9, &BOB, &VAULT_ACCOUNT, 3),
			Error::<Test>::DeviceNotFound
		);
		MockRewards::set_unpaid(device, true);
		assert_noop!(
			Devices::hand_to_vault(device, &BOB, &VAULT_ACCOUNT, 3),
			Error::<Test>::UnpaidRewards
		);
		MockRewards::set_unpaid(device, false);
		MockChallenges::set(device, true);
		assert_noop!(
			Devices::hand_to_vault(device, &BOB, &VAULT_ACCOUNT, 3),
			Error::<Test>::DeviceChallenged
		);
		MockChallenges::set(device, false);

		assert_ok!(Devices::hand_to_vault(device, &BOB, &VAULT_ACCOUNT, 3));
		let info = DevicesMap::<Test>::get(device).unwrap();
		// The vendor's operator keeps running it; all its rewards go to the vault.
		assert_eq!(
			(info.owner, info.operator, info.depositor),
			(VAULT_ACCOUNT, Some(DAVE), VAULT_ACCOUNT)
		);
		assert_eq!(
			info.vault,
			Some(atlas_primitives::VaultLeg { vault: 3, share: Perbill::one() })
		);
		assert_eq!(
			RewardRoutes::<Test>::get(device).unwrap().to_vec(),
			vec![leg(Beneficiary::Vault(3), 100)]
		);
		assert_eq!((held(BOB), held(VAULT_ACCOUNT)), (0, DEVICE_DEPOSIT));
		assert!(DevicesByOwner::<Test>::contains_key(VAULT_ACCOUNT, device));
		assert_eq!(
			last_event(),
			Event::DeviceTransferred { device, from: BOB, to: VAULT_ACCOUNT }.into()
		);
	});
}

#[test]
fn a_vault_hands_a_device_to_a_citizen() {
	run_test(|| {
		seed_vault();
		let device = register(BOB, 1);
		assert_ok!(Devices::hand_to_vault(device, &BOB, &VAULT_ACCOUNT, 3));
		assert_noop!(Devices::hand_from_vault(device, &BOB, &CHARLIE), Error::<Test>::NotOwner);
		// Dave is no citizen of the device's state.
		assert_noop!(
			Devices::hand_from_vault(device, &VAULT_ACCOUNT, &DAVE),
			Error::<Test>::RecipientNotCitizen
		);
		MockChallenges::set(device, true);
		assert_noop!(
			Devices::hand_from_vault(device, &VAULT_ACCOUNT, &CHARLIE),
			Error::<Test>::DeviceChallenged
		);
		MockChallenges::set(device, false);
		assert_ok!(Devices::hand_from_vault(device, &VAULT_ACCOUNT, &CHARLIE));
		let info = DevicesMap::<Test>::get(device).unwrap();
		assert_eq!((info.owner, info.operator, info.vault), (CHARLIE, None, None));
		assert!(RewardRoutes::<Test>::get(device).is_none());
		assert_eq!((held(VAULT_ACCOUNT), held(CHARLIE)), (0, DEVICE_DEPOSIT));
	});
}

/// A device under challenge cannot change hands: the fraud fine must find the owner who made
/// the report.
#[test]
fn a_challenged_device_cannot_be_transferred() {
	run_test(|| {
		let device = register(BOB, 1);
		MockChallenges::set(device, true);
		assert_noop!(
			Devices::transfer_device(RuntimeOrigin::signed(BOB), device, CHARLIE),
			Error::<Test>::DeviceChallenged
		);
	});
}
