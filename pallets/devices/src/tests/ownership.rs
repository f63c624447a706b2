//! What owners manage: updates, operators and transfers.

use super::*;

#[test]
fn only_the_owner_updates_a_devices_location_and_metadata() {
	run_test(|| {
		let device = register(BOB, 1);
		assert_ok!(Devices::update_device(RuntimeOrigin::signed(BOB), device, Some(BERLIN), None));
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().location, BERLIN);
		assert_eq!(last_event(), Event::DeviceUpdated { device }.into());
		assert_ok!(Devices::update_device(
			RuntimeOrigin::signed(BOB),
			device,
			None,
			Some(b"https://x".to_vec())
		));
		assert_eq!(
			DevicesMap::<Test>::get(device).unwrap().metadata_uri.to_vec(),
			b"https://x".to_vec()
		);
		assert_noop!(
			Devices::update_device(RuntimeOrigin::signed(CHARLIE), device, Some(CELL), None),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Devices::update_device(RuntimeOrigin::signed(BOB), 5, Some(CELL), None),
			Error::<Test>::DeviceNotFound
		);
		assert_noop!(
			Devices::update_device(RuntimeOrigin::signed(BOB), device, None, None),
			Error::<Test>::NothingToUpdate
		);
		assert_noop!(
			Devices::update_device(RuntimeOrigin::signed(BOB), device, Some(u64::MAX), None),
			Error::<Test>::InvalidLocation
		);
		assert_noop!(
			Devices::update_device(RuntimeOrigin::signed(BOB), device, None, Some(vec![0; 33])),
			Error::<Test>::MetadataTooLong
		);
	});
}

#[test]
fn the_owner_or_operator_sets_where_verifiers_probe_the_device() {
	run_test(|| {
		let device = register(BOB, 1);
		assert!(DevicesMap::<Test>::get(device).unwrap().probe_endpoint.is_empty());
		let endpoint = b"https://gpu.example:7700".to_vec();
		assert_ok!(Devices::set_probe_endpoint(
			RuntimeOrigin::signed(BOB),
			device,
			endpoint.clone()
		));
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().probe_endpoint.to_vec(), endpoint);
		assert_eq!(
			last_event(),
			Event::ProbeEndpointSet { device, endpoint: endpoint.clone().try_into().unwrap() }
				.into()
		);
		assert_ok!(Devices::set_operator(RuntimeOrigin::signed(BOB), device, Some(DAVE)));
		assert_ok!(Devices::set_probe_endpoint(RuntimeOrigin::signed(DAVE), device, vec![]));
		assert!(DevicesMap::<Test>::get(device).unwrap().probe_endpoint.is_empty());
		assert_noop!(
			Devices::set_probe_endpoint(RuntimeOrigin::signed(CHARLIE), device, endpoint.clone()),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Devices::set_probe_endpoint(RuntimeOrigin::signed(BOB), 7, endpoint),
			Error::<Test>::DeviceNotFound
		);
		assert_noop!(
			Devices::set_probe_endpoint(RuntimeOrigin::signed(BOB), device, vec![b'x'; 33]),
			Error::<Test>::ProbeEndpointTooLong
		);
	});
}

#[test]
fn operators_must_hold_the_operator_role() {
	run_test(|| {
		let device = register(BOB, 1);
		assert_noop!(
			Devices::set_operator(RuntimeOrigin::signed(BOB), device, Some(CHARLIE)),
			Error::<Test>::NotAnOperator
		);
		assert_noop!(
			Devices::set_operator(RuntimeOrigin::signed(CHARLIE), device, Some(DAVE)),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Devices::set_operator(RuntimeOrigin::signed(BOB), 3, Some(DAVE)),
			Error::<Test>::DeviceNotFound
		);
		assert_ok!(Devices::set_operator(RuntimeOrigin::signed(BOB), device, Some(DAVE)));
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().operator, Some(DAVE));
		assert_eq!(last_event(), Event::OperatorSet { device, operator: Some(DAVE) }.into());
		assert_ok!(Devices::set_operator(RuntimeOrigin::signed(BOB), device, None));
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().operator, None);
	});
}

#[test]
fn transfer_moves_ownership_and_resets_route_and_operator() {
	run_test(|| {
		let device = register(BOB, 1);
		assert_ok!(Devices::set_operator(RuntimeOrigin::signed(BOB), device, Some(DAVE)));
		assert_ok!(Devices::set_reward_route(
			RuntimeOrigin::signed(BOB),
			device,
			vec![leg(Beneficiary::Account(BOB), 100)]
		));
		assert_noop!(
			Devices::transfer_device(RuntimeOrigin::signed(BOB), device, DAVE),
			Error::<Test>::RecipientNotCitizen
		);
		assert_noop!(
			Devices::transfer_device(RuntimeOrigin::signed(BOB), device, BOB),
			Error::<Test>::AlreadyOwner
		);
		assert_noop!(
			Devices::transfer_device(RuntimeOrigin::signed(CHARLIE), device, CHARLIE),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Devices::transfer_device(RuntimeOrigin::signed(BOB), 4, CHARLIE),
			Error::<Test>::DeviceNotFound
		);
		MockRewards::set_unpaid(device, true);
		assert_noop!(
			Devices::transfer_device(RuntimeOrigin::signed(BOB), device, CHARLIE),
			Error::<Test>::UnpaidRewards
		);
		MockRewards::set_unpaid(device, false);
		assert_ok!(Devices::transfer_device(RuntimeOrigin::signed(BOB), device, CHARLIE));
		assert_eq!(
			last_event(),
			Event::DeviceTransferred { device, from: BOB, to: CHARLIE }.into()
		);
		let info = DevicesMap::<Test>::get(device).unwrap();
		assert_eq!((info.owner, info.operator, info.depositor), (CHARLIE, None, CHARLIE));
		assert!(RewardRoutes::<Test>::get(device).is_none());
		assert!(!DevicesByOwner::<Test>::contains_key(BOB, device));
		assert!(DevicesByOwner::<Test>::contains_key(CHARLIE, device));
		// The deposit travels with the device: held from Charlie now, returned to him when he
		// decommissions.
		assert_eq!((held(BOB), held(CHARLIE)), (0, DEVICE_DEPOSIT));
		let charlie_before = Balances::balance(&CHARLIE);
		assert_ok!(Devices::decommission(RuntimeOrigin::signed(CHARLIE), device));
		assert_eq!(Balances::balance(&CHARLIE), charlie_before + DEVICE_DEPOSIT);
	});
}

/// Low (slashes after a transfer): Bob sells his device to Charlie, whose reports are then
/// ruled fraudulent. Before, the fine came out of Bob's deposit (he had paid it and it stayed
/// his); now the deposit travels with the device, so the owner who reported pays.
#[test]
fn a_fraud_after_a_transfer_is_fined_to_the_new_owner() {
	run_test(|| {
		let device = register(BOB, 1);
		assert_ok!(Devices::transfer_device(RuntimeOrigin::signed(BOB), device, CHARLIE));
		let bob = Balances::total_balance(&BOB);
		assert_eq!(Devices::slash_deposit(device, 20, None), Ok(20));
		assert_eq!(Balances::total_balance(&BOB), bob);
		assert_eq!(held(CHARLIE), DEVICE_DEPOSIT - 20);
	});
}

/// The deposit travels on hold, and a hold needs an account: a citizen with none is told so,
/// and takes the device once it holds the existential deposit.
#[test]
fn a_transfer_needs_a_recipient_account_to_hold_the_deposit() {
	run_test(|| {
		use frame_support::traits::fungible::Mutate;
		const NEWCOMER: AccountId = 88;
		let device = register(BOB, 1);
		let state = DevicesMap::<Test>::get(device).unwrap().state;
		crate::mock::MockRoles::grant(state, NEWCOMER, Role::Citizen);
		assert_noop!(
			Devices::transfer_device(RuntimeOrigin::signed(BOB), device, NEWCOMER),
			Error::<Test>::RecipientHasNoAccount
		);
		assert_ok!(Balances::mint_into(&NEWCOMER, 10));
		assert_ok!(Devices::transfer_device(RuntimeOrigin::signed(BOB), device, NEWCOMER));
		assert_eq!(held(NEWCOMER), DEVICE_DEPOSIT);
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().depositor, NEWCOMER);
	});
}
