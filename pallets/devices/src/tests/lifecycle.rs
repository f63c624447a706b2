//! A device's lifecycle: activation and suspension by stewards, decommissioning, slashing.

use super::*;

#[test]
fn stewards_activate_and_suspend_devices_of_active_states() {
	run_test(|| {
		let device = register(BOB, 1);
		// Only a steward activates.
		assert_noop!(
			Devices::activate_device(RuntimeOrigin::signed(BOB), device),
			Error::<Test>::NotSteward
		);
		assert_noop!(
			Devices::activate_device(RuntimeOrigin::signed(ALICE), 42),
			Error::<Test>::DeviceNotFound
		);
		// A pending device cannot be suspended.
		assert_noop!(
			Devices::suspend_device(RuntimeOrigin::signed(ALICE), device),
			Error::<Test>::InvalidTransition
		);
		assert_ok!(Devices::activate_device(RuntimeOrigin::signed(ALICE), device));
		assert_eq!(last_event(), Event::DeviceActivated { device, by: ALICE }.into());
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().status, DeviceStatus::Active);
		assert_noop!(
			Devices::activate_device(RuntimeOrigin::signed(ALICE), device),
			Error::<Test>::InvalidTransition
		);
		assert_noop!(
			Devices::suspend_device(RuntimeOrigin::signed(CHARLIE), device),
			Error::<Test>::NotSteward
		);
		assert_noop!(
			Devices::suspend_device(RuntimeOrigin::signed(ALICE), 42),
			Error::<Test>::DeviceNotFound
		);
		assert_ok!(Devices::suspend_device(RuntimeOrigin::signed(ALICE), device));
		assert_eq!(last_event(), Event::DeviceSuspended { device, by: ALICE }.into());
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().status, DeviceStatus::Suspended);
		// A suspended state's devices cannot be activated.
		MockRoles::set_active(STATE, false);
		assert_noop!(
			Devices::activate_device(RuntimeOrigin::signed(ALICE), device),
			Error::<Test>::StateSuspended
		);
		MockRoles::set_active(STATE, true);
		assert_ok!(Devices::activate_device(RuntimeOrigin::signed(ALICE), device));
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().status, DeviceStatus::Active);
	});
}

#[test]
fn decommission_removes_everything_and_returns_deposit() {
	run_test(|| {
		let pair = device_pair(1);
		let device = register(BOB, 1);
		assert_ok!(Devices::set_reward_route(
			RuntimeOrigin::signed(BOB),
			device,
			vec![leg(Beneficiary::Stake, 100)]
		));
		assert_noop!(
			Devices::decommission(RuntimeOrigin::signed(CHARLIE), device),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Devices::decommission(RuntimeOrigin::signed(BOB), 8),
			Error::<Test>::DeviceNotFound
		);
		// Rewards not yet paid must be claimed first.
		MockRewards::set_unpaid(device, true);
		assert_noop!(
			Devices::decommission(RuntimeOrigin::signed(BOB), device),
			Error::<Test>::UnpaidRewards
		);
		MockRewards::set_unpaid(device, false);
		let before = Balances::balance(&BOB);
		assert_ok!(Devices::decommission(RuntimeOrigin::signed(BOB), device));
		assert_eq!(Balances::balance(&BOB), before + DEVICE_DEPOSIT);
		assert_eq!(held(BOB), 0);
		assert!(DevicesMap::<Test>::get(device).is_none());
		assert!(DeviceByKey::<Test>::get(sr_key(&pair)).is_none());
		assert!(!DevicesByOwner::<Test>::contains_key(BOB, device));
		assert!(!DevicesByState::<Test>::contains_key(STATE, device));
		assert!(RewardRoutes::<Test>::get(device).is_none());
		assert!(!StateDeviceCount::<Test>::contains_key(STATE));
		assert_eq!(
			last_event(),
			Event::DeviceDecommissioned {
				device,
				forced: false,
				key_banned: false,
				deposit_returned: DEVICE_DEPOSIT
			}
			.into()
		);
	});
}

#[test]
fn force_decommission_can_ban_the_key() {
	run_test(|| {
		let pair = device_pair(1);
		let device = register(BOB, 1);
		assert_noop!(
			Devices::force_decommission(RuntimeOrigin::signed(ALICE), device, true),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Devices::force_decommission(RuntimeOrigin::root(), 77, true),
			Error::<Test>::DeviceNotFound
		);
		assert_ok!(Devices::force_decommission(RuntimeOrigin::root(), device, true));
		assert_eq!(
			last_event(),
			Event::DeviceDecommissioned {
				device,
				forced: true,
				key_banned: true,
				deposit_returned: DEVICE_DEPOSIT
			}
			.into()
		);
		assert!(BannedKeys::<Test>::contains_key(sr_key(&pair)));
		assert_noop!(register_with(BOB, &pair, b""), Error::<Test>::DeviceKeyBanned);
		// Without a ban the key may come back.
		let other = device_pair(2);
		let second = register(BOB, 2);
		assert_ok!(Devices::force_decommission(RuntimeOrigin::root(), second, false));
		assert_ok!(register_with(BOB, &other, b""));
	});
}

#[test]
fn slashing_takes_part_of_the_deposit() {
	run_test(|| {
		let device = register(BOB, 1);
		let free = Balances::balance(&BOB);
		let taken = Devices::slash_deposit(device, 20, None).unwrap();
		assert_eq!(taken, 20);
		assert_eq!(slashed(), 20);
		assert_eq!(held(BOB), DEVICE_DEPOSIT - 20);
		assert_eq!(Balances::balance(&BOB), free);
		assert_eq!(DevicesMap::<Test>::get(device).unwrap().deposit, DEVICE_DEPOSIT - 20);
		assert_eq!(last_event(), Event::DepositSlashed { device, amount: 20 }.into());
		assert_eq!(Devices::slash_deposit(9, 1, None), Err(Error::<Test>::DeviceNotFound.into()));
		// A slash can pay a beneficiary (a successful challenger) instead.
		let charlie = Balances::balance(&CHARLIE);
		assert_eq!(Devices::slash_deposit(device, 6, Some(&CHARLIE)), Ok(6));
		assert_eq!(Balances::balance(&CHARLIE), charlie + 6);
		assert_eq!(held(BOB), DEVICE_DEPOSIT - 26);
		assert_eq!(<Devices as DeviceRegistry<_, _>>::deposit(device), Some(DEVICE_DEPOSIT - 26));
		assert_eq!(<Devices as DeviceRegistry<_, _>>::deposit(9), None);
		// Decommission returns what is left.
		assert_ok!(Devices::decommission(RuntimeOrigin::signed(BOB), device));
		assert_eq!(Balances::balance(&BOB), free + DEVICE_DEPOSIT - 26);
	});
}

#[test]
fn activation_records_its_block() {
	run_test(|| {
		let device = register(BOB, 1);
		let since = || DevicesMap::<Test>::get(device).unwrap().active_since;
		let summary_since =
			|| <Devices as DeviceRegistry<_, _>>::device(device).unwrap().active_since;
		// Never activated: none (0 in the summary).
		assert_eq!((since(), summary_since()), (None, 0));
		System::set_block_number(5);
		assert_ok!(Devices::activate_device(RuntimeOrigin::signed(ALICE), device));
		assert_eq!((since(), summary_since()), (Some(5), 5));
		// A refused activation and a suspension leave it.
		System::set_block_number(7);
		assert_noop!(
			Devices::activate_device(RuntimeOrigin::signed(ALICE), device),
			Error::<Test>::InvalidTransition
		);
		assert_ok!(Devices::suspend_device(RuntimeOrigin::signed(ALICE), device));
		assert_eq!((since(), summary_since()), (Some(5), 5));
		// Resuming is an activation: it moves to the new block.
		System::set_block_number(12);
		assert_ok!(Devices::activate_device(RuntimeOrigin::signed(ALICE), device));
		assert_eq!((since(), summary_since()), (Some(12), 12));
		// The view function shows it too.
		assert_eq!(Devices::device(device).unwrap().active_since, Some(12));
	});
}

#[test]
fn force_decommission_forfeits_unpaid_rewards_and_waits_for_challenges() {
	// The attack: a device governance removes keeps its unpaid epochs in rewards (its vault's
	// price counts them for weeks), and its deposit returns in full while a fraud challenge of
	// its report is open, so the fine finds nothing.
	run_test(|| {
		let device = register(BOB, 1);
		MockRewards::set_unpaid(device, true);
		MockChallenges::set(device, true);
		assert_noop!(
			Devices::force_decommission(RuntimeOrigin::root(), device, false),
			Error::<Test>::DeviceChallenged
		);
		// Nor may its owner walk away with the deposit.
		MockRewards::set_unpaid(device, false);
		assert_noop!(
			Devices::decommission(RuntimeOrigin::signed(BOB), device),
			Error::<Test>::DeviceChallenged
		);
		// Once the challenge is settled, governance removes it: rewards forfeit what it was owed.
		MockRewards::set_unpaid(device, true);
		MockChallenges::set(device, false);
		assert_ok!(Devices::force_decommission(RuntimeOrigin::root(), device, false));
		assert_eq!(MockRewards::forfeited(), vec![device]);
		assert!(!<MockRewards as atlas_primitives::RewardLedger>::has_unpaid(device));
	});
}
