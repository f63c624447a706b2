//! Claims: who may claim which devices, and an owner's pending rewards.

use super::*;

#[test]
fn a_device_named_twice_is_paid_once() {
	run_test(|| {
		earn(0, 0, Compute, 1);
		fund_and_settle(0);
		let owner = balance(OWNER);
		assert_ok!(claim(OWNER, vec![0, 0]));
		assert_eq!(balance(OWNER), owner + 180_000);
		assert_eq!(settled(), vec![(0, 0, 180_000)]);
	});
}

#[test]
fn claim_checks_devices_and_signer() {
	run_test(|| {
		earn(0, 0, Compute, 3);
		earn(1, 0, Compute, 1);
		earn(2, 0, Connectivity, 1);
		fund_and_settle(0);
		assert_noop!(claim(OWNER, vec![]), Error::<Test>::NothingToClaim);
		assert_noop!(claim(OWNER, vec![0, 1, 0, 1, 0]), Error::<Test>::TooManyDevices);
		assert_noop!(claim(OWNER, vec![99]), Error::<Test>::DeviceNotFound);
		assert_noop!(claim(OWNER, vec![0, 99]), Error::<Test>::DeviceNotFound);
		assert_noop!(claim(STRANGER, vec![0]), Error::<Test>::NotAllowedToClaim);
		// One device of another owner spoils the whole claim.
		assert_noop!(claim(OWNER, vec![0, 2]), Error::<Test>::NotAllowedToClaim);
		// The operator runs device 0 only.
		assert_noop!(claim(OPERATOR, vec![1]), Error::<Test>::NotAllowedToClaim);
		assert_noop!(claim(OPERATOR, vec![0, 1]), Error::<Test>::NotAllowedToClaim);
		let (owner, operator) = (balance(OWNER), balance(OPERATOR));
		assert_ok!(claim(OPERATOR, vec![0]));
		// The operator claims, the owner is paid.
		assert_eq!(balance(OWNER), owner + 135_000);
		assert_eq!(balance(OPERATOR), operator);
		assert_ok!(claim(OWNER, vec![1]));
		assert_ok!(claim(OTHER_OWNER, vec![2]));
	});
}

#[test]
fn owners_may_let_anyone_claim() {
	run_test(|| {
		earn(0, 0, Compute, 1);
		earn(2, 0, Connectivity, 1);
		fund_and_settle(0);
		assert_ok!(Rewards::set_claim_permission(
			RuntimeOrigin::signed(OWNER),
			ClaimPermission::Anyone
		));
		System::assert_last_event(
			Event::ClaimPermissionSet { owner: OWNER, permission: ClaimPermission::Anyone }.into(),
		);
		assert_eq!(ClaimPermissions::<Test>::get(OWNER), Some(ClaimPermission::Anyone));
		// OTHER_OWNER did not.
		assert_noop!(claim(STRANGER, vec![0, 2]), Error::<Test>::NotAllowedToClaim);
		let (owner, stranger) = (balance(OWNER), balance(STRANGER));
		assert_ok!(claim(STRANGER, vec![0]));
		assert_eq!(balance(OWNER), owner + 180_000);
		assert_eq!(balance(STRANGER), stranger);
		// Back to the default: the entry is removed.
		assert_ok!(Rewards::set_claim_permission(
			RuntimeOrigin::signed(OWNER),
			ClaimPermission::OwnerOrOperator
		));
		assert_eq!(ClaimPermissions::<Test>::get(OWNER), None);
		earn(0, 1, Compute, 1);
		fund_and_settle(1);
		assert_noop!(claim(STRANGER, vec![0]), Error::<Test>::NotAllowedToClaim);
	});
}

#[test]
fn an_owners_pending_rewards_are_paged_and_summed() {
	run_test(|| {
		earn(0, 0, Compute, 3);
		earn(1, 0, Compute, 1);
		earn(2, 0, Connectivity, 1);
		fund_and_settle(0);
		let (a, b) = (Rewards::pending_rewards(0).claimable, Rewards::pending_rewards(1).claimable);
		assert!(a > 0 && b > 0);
		let all = Rewards::pending_rewards_of_owner(OWNER, None, 100);
		assert_eq!(all.claimable, a + b);
		assert_eq!(all.devices.items.iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![0, 1]);
		assert_eq!(all.devices.next, None);
		// One device a page: the cursor resumes after it.
		let first = Rewards::pending_rewards_of_owner(OWNER, None, 1);
		assert_eq!((first.claimable, first.devices.next), (a, Some(0)));
		let second = Rewards::pending_rewards_of_owner(OWNER, Some(0), 1);
		assert_eq!((second.claimable, second.devices.next), (b, None));
		// Another owner's devices are not counted.
		assert_eq!(
			Rewards::pending_rewards_of_owner(OTHER_OWNER, None, 100).devices.items.len(),
			1
		);
	});
}

#[test]
fn a_revoked_operator_claims_no_more() {
	run_test(|| {
		earn(0, 0, Compute, 3);
		fund_and_settle(0);
		MockRoles::revoke_operator();
		assert_noop!(claim(OPERATOR, vec![0]), Error::<Test>::NotAllowedToClaim);
		assert_ok!(claim(OWNER, vec![0]));
	});
}
