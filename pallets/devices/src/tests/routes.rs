//! Reward routes: legs summing to whole, the vault leg locked while unpaid.

use super::*;

#[test]
fn reward_routes_must_sum_to_whole() {
	run_test(|| {
		let device = register(BOB, 1);
		let set = |who, route| Devices::set_reward_route(RuntimeOrigin::signed(who), device, route);
		assert_noop!(set(BOB, vec![]), Error::<Test>::RouteEmpty);
		assert_noop!(
			set(BOB, vec![leg(Beneficiary::Owner, 50), leg(Beneficiary::Stake, 40)]),
			Error::<Test>::RouteNotWhole
		);
		assert_noop!(
			set(BOB, vec![leg(Beneficiary::Owner, 100), leg(Beneficiary::Stake, 0)]),
			Error::<Test>::RouteZeroShare
		);
		assert_noop!(
			set(BOB, vec![leg(Beneficiary::Account(7), 50), leg(Beneficiary::Account(7), 50)]),
			Error::<Test>::RouteDuplicateBeneficiary
		);
		assert_noop!(
			set(BOB, vec![leg(Beneficiary::Owner, 50), leg(Beneficiary::Vault(4), 50)]),
			Error::<Test>::UnknownVault
		);
		let too_long: Vec<_> = (0..9).map(|a| leg(Beneficiary::Account(a), 10)).collect();
		assert_noop!(set(BOB, too_long), Error::<Test>::RouteTooLong);
		assert_noop!(set(CHARLIE, vec![leg(Beneficiary::Owner, 100)]), Error::<Test>::NotOwner);
		assert_noop!(
			Devices::set_reward_route(
				RuntimeOrigin::signed(BOB),
				9,
				vec![leg(Beneficiary::Owner, 100)]
			),
			Error::<Test>::DeviceNotFound
		);

		let route = vec![
			leg(Beneficiary::Owner, 50),
			leg(Beneficiary::Vault(3), 30),
			leg(Beneficiary::CommunityPool, 20),
		];
		assert_ok!(set(BOB, route.clone()));
		let bounded: BoundedVec<_, _> = route.try_into().unwrap();
		assert_eq!(RewardRoutes::<Test>::get(device), Some(bounded.clone()));
		assert_eq!(<Devices as DeviceRegistry<_, _>>::reward_route(device), Some(bounded.clone()));
		assert_eq!(last_event(), Event::RewardRouteSet { device, route: bounded }.into());
		// Setting the default route clears the stored one.
		assert_ok!(set(BOB, vec![leg(Beneficiary::Owner, 100)]));
		assert!(RewardRoutes::<Test>::get(device).is_none());
		assert_eq!(<Devices as DeviceRegistry<_, _>>::reward_route(device), Some(default_route()));
		assert_eq!(<Devices as DeviceRegistry<_, _>>::reward_route(9), None);
	});
}

/// Attack (dust legs): a device routes a part-per-billion to a vault it was never voted into,
/// to fill the vault's bookkeeping. A vault leg needs the vault's admission.
#[test]
fn a_route_names_only_a_vault_that_admitted_the_device() {
	run_test(|| {
		let device = register(BOB, 1);
		crate::mock::MockVaults::refuse(device);
		let dust = vec![
			RouteShare { beneficiary: Beneficiary::Owner, share: Perbill::from_parts(999_999_999) },
			RouteShare { beneficiary: Beneficiary::Vault(3), share: Perbill::from_parts(1) },
		];
		assert_noop!(
			Devices::set_reward_route(RuntimeOrigin::signed(BOB), device, dust),
			Error::<Test>::VaultRefusesDevice
		);
		assert!(<Devices as DeviceRegistry<_, _>>::device(device).unwrap().vault.is_none());
	});
}

#[test]
fn the_vault_leg_travels_with_the_device_and_is_locked_while_unpaid() {
	run_test(|| {
		let device = register(BOB, 1);
		let set = |route| Devices::set_reward_route(RuntimeOrigin::signed(BOB), device, route);
		let vault =
			|share| atlas_primitives::VaultLeg { vault: 3, share: Perbill::from_percent(share) };
		let summary = || <Devices as DeviceRegistry<_, _>>::device(device).unwrap().vault;
		assert_noop!(
			set(vec![leg(Beneficiary::Vault(3), 50), leg(Beneficiary::Vault(4), 50)]),
			Error::<Test>::RouteSeveralVaults
		);
		assert_eq!(summary(), None);
		assert_ok!(set(vec![leg(Beneficiary::Owner, 60), leg(Beneficiary::Vault(3), 40)]));
		assert_eq!(summary(), Some(vault(40)));
		// With unpaid rewards the vault's share may not move, other legs may.
		MockRewards::set_unpaid(device, true);
		assert_noop!(
			set(vec![leg(Beneficiary::Owner, 50), leg(Beneficiary::Vault(3), 50)]),
			Error::<Test>::VaultLegLocked
		);
		assert_noop!(set(vec![leg(Beneficiary::Owner, 100)]), Error::<Test>::VaultLegLocked);
		assert_ok!(set(vec![leg(Beneficiary::CommunityPool, 60), leg(Beneficiary::Vault(3), 40)]));
		MockRewards::set_unpaid(device, false);
		assert_ok!(set(vec![leg(Beneficiary::Owner, 100)]));
		assert_eq!(summary(), None);
		assert_ok!(set(vec![leg(Beneficiary::Owner, 10), leg(Beneficiary::Vault(3), 90)]));
		assert_eq!(summary(), Some(vault(90)));
	});
}
