//! Devices joining and leaving deployments.

use super::*;
use crate::{Deployment, DeploymentDevices, DeviceDeployment, Error, Event};
use atlas_primitives::{DeviceId, Role};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn add_device_by_owner_and_by_steward() {
	run_test(|| {
		let (a, _, _) = three_states();
		make_steward(a, ALICE, CHARLIE);
		MockDevices::register(1, DAVE, a);
		MockDevices::register(2, 100, a);
		MockDevices::register(3, 101, a);
		let dep = create_deployment_of(ALICE, a);
		let dave_free = free(DAVE);

		// The owner (no role in the state) adds its device.
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, 1));
		assert_eq!(last_event(), Event::DeviceJoined { deployment: dep, device: 1 }.into());
		assert_eq!(DeviceDeployment::<Test>::get(1), Some(dep));
		assert!(DeploymentDevices::<Test>::contains_key(dep, 1));
		assert_eq!(devices_of(dep), 1);
		// Joining costs nothing.
		assert_eq!((free(DAVE), held_deposit(DAVE)), (dave_free, 0));
		assert_eq!(held_deposit(ALICE), DEPLOYMENT_DEPOSIT);

		// A steward adds someone else's device; so does the admin.
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(CHARLIE), dep, 2));
		assert_eq!(last_event(), Event::DeviceJoined { deployment: dep, device: 2 }.into());
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(ALICE), dep, 3));
		assert_eq!(last_event(), Event::DeviceJoined { deployment: dep, device: 3 }.into());
		assert_eq!(devices_of(dep), 3);
		assert_eq!(members_of(dep), vec![1, 2, 3]);
		assert_eq!(DeviceDeployment::<Test>::iter().count(), 3);
		// Everything else in the record is unchanged.
		assert_same!(
			crate::Deployments::<Test>::get(dep),
			Some(Deployment { devices: 3, ..microgrid(a, ALICE) })
		);
	});
}

#[test]
fn add_device_errors() {
	run_test(|| {
		let (a, b, _) = three_states();
		assert_ok!(States::grant_role(RuntimeOrigin::signed(ALICE), a, CHARLIE, Role::Citizen));
		MockDevices::register(1, DAVE, a);
		MockDevices::register(9, DAVE, b);
		let dep = create_deployment_of(ALICE, a);

		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(DAVE), 99, 1),
			Error::<Test>::DeploymentNotFound
		);
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(ALICE), dep, 77),
			Error::<Test>::DeviceNotFound
		);
		// Neither the owner nor a steward of the deployment's state: a citizen, a stranger,
		// the admin of another state.
		for who in [CHARLIE, 100, BOB] {
			assert_noop!(
				Deployments::add_device(RuntimeOrigin::signed(who), dep, 1),
				Error::<Test>::NotOwnerOrSteward
			);
		}
		// A device of state B joins no deployment of A, whether its owner or A's admin asks;
		// B's admin is no steward of A.
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, 9),
			Error::<Test>::DeviceOfOtherState
		);
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(ALICE), dep, 9),
			Error::<Test>::DeviceOfOtherState
		);
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(BOB), dep, 9),
			Error::<Test>::NotOwnerOrSteward
		);
		// Twice in the same deployment.
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, 1));
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, 1),
			Error::<Test>::AlreadyInDeployment
		);
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(ALICE), dep, 1),
			Error::<Test>::AlreadyInDeployment
		);
		assert_eq!(devices_of(dep), 1);
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::none(), dep, 1),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_device_joining_two_deployments_is_refused() {
	run_test(|| {
		let (a, _, _) = three_states();
		MockDevices::register(1, DAVE, a);
		let first = create_deployment_of(ALICE, a);
		let second = create_deployment_of(ALICE, a);
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), first, 1));
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(DAVE), second, 1),
			Error::<Test>::InOtherDeployment
		);
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(ALICE), second, 1),
			Error::<Test>::InOtherDeployment
		);
		assert_eq!(DeviceDeployment::<Test>::get(1), Some(first));
		assert_eq!((devices_of(first), devices_of(second)), (1, 0));
		assert!(!DeploymentDevices::<Test>::contains_key(second, 1));
		// Once it left the first, it may join the second.
		assert_ok!(Deployments::remove_device(RuntimeOrigin::signed(DAVE), first, 1));
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), second, 1));
		assert_eq!(DeviceDeployment::<Test>::get(1), Some(second));
		assert_eq!((devices_of(first), devices_of(second)), (0, 1));
		assert_eq!(members_of(first), Vec::<DeviceId>::new());
		assert_eq!(members_of(second), vec![1]);
	});
}

#[test]
fn a_deployment_holds_at_most_three_devices() {
	run_test(|| {
		let (a, _, _) = three_states();
		for d in 1..=5 {
			MockDevices::register(d, DAVE, a);
		}
		let dep = create_deployment_of(ALICE, a);
		let other = create_deployment_of(ALICE, a);
		for d in 1..=3 {
			assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, d));
		}
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, 4),
			Error::<Test>::DeploymentFull
		);
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(ALICE), dep, 4),
			Error::<Test>::DeploymentFull
		);
		assert_eq!(devices_of(dep), 3);
		assert_eq!(DeviceDeployment::<Test>::get(4), None);
		// The bound is per deployment.
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), other, 4));
		// A freed place can be taken again.
		assert_ok!(Deployments::remove_device(RuntimeOrigin::signed(DAVE), dep, 2));
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, 5));
		assert_eq!(members_of(dep), vec![1, 3, 5]);
		assert_eq!(devices_of(dep), 3);
	});
}

#[test]
fn remove_device_by_owner_and_by_steward() {
	run_test(|| {
		let (a, _, _) = three_states();
		make_steward(a, ALICE, CHARLIE);
		MockDevices::register(1, DAVE, a);
		MockDevices::register(2, DAVE, a);
		MockDevices::register(3, 100, a);
		let dep = create_deployment_of(ALICE, a);
		for d in 1..=3 {
			assert_ok!(Deployments::add_device(RuntimeOrigin::signed(ALICE), dep, d));
		}

		// The owner.
		assert_ok!(Deployments::remove_device(RuntimeOrigin::signed(DAVE), dep, 1));
		assert_eq!(last_event(), Event::DeviceLeft { deployment: dep, device: 1 }.into());
		assert_eq!(DeviceDeployment::<Test>::get(1), None);
		assert!(!DeploymentDevices::<Test>::contains_key(dep, 1));
		assert_eq!(devices_of(dep), 2);
		// A steward, for someone else's device.
		assert_ok!(Deployments::remove_device(RuntimeOrigin::signed(CHARLIE), dep, 2));
		assert_eq!(last_event(), Event::DeviceLeft { deployment: dep, device: 2 }.into());
		// The admin.
		assert_ok!(Deployments::remove_device(RuntimeOrigin::signed(ALICE), dep, 3));
		assert_eq!(last_event(), Event::DeviceLeft { deployment: dep, device: 3 }.into());
		assert_eq!(devices_of(dep), 0);
		assert!(DeviceDeployment::<Test>::iter().next().is_none());
		assert!(DeploymentDevices::<Test>::iter().next().is_none());
		assert_same!(crate::Deployments::<Test>::get(dep), Some(microgrid(a, ALICE)));
		assert_eq!(held_deposit(ALICE), DEPLOYMENT_DEPOSIT);
	});
}

#[test]
fn remove_device_errors() {
	run_test(|| {
		let (a, _, _) = three_states();
		assert_ok!(States::grant_role(RuntimeOrigin::signed(ALICE), a, CHARLIE, Role::Citizen));
		MockDevices::register(1, DAVE, a);
		MockDevices::register(2, DAVE, a);
		let dep = create_deployment_of(ALICE, a);
		let other = create_deployment_of(ALICE, a);
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, 1));
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), other, 2));

		assert_noop!(
			Deployments::remove_device(RuntimeOrigin::signed(DAVE), 99, 1),
			Error::<Test>::DeploymentNotFound
		);
		// In another deployment, in none, or not registered at all.
		assert_noop!(
			Deployments::remove_device(RuntimeOrigin::signed(DAVE), dep, 2),
			Error::<Test>::NotInDeployment
		);
		MockDevices::register(3, DAVE, a);
		assert_noop!(
			Deployments::remove_device(RuntimeOrigin::signed(DAVE), dep, 3),
			Error::<Test>::NotInDeployment
		);
		assert_noop!(
			Deployments::remove_device(RuntimeOrigin::signed(ALICE), dep, 77),
			Error::<Test>::NotInDeployment
		);
		// A citizen, a stranger, the admin of another state.
		for who in [CHARLIE, 100, BOB] {
			assert_noop!(
				Deployments::remove_device(RuntimeOrigin::signed(who), dep, 1),
				Error::<Test>::NotOwnerOrSteward
			);
		}
		assert_eq!(devices_of(dep), 1);
		assert_eq!(DeviceDeployment::<Test>::get(1), Some(dep));
	});
}

#[test]
fn anyone_removes_a_device_gone_from_the_registry() {
	run_test(|| {
		let (a, _, _) = three_states();
		MockDevices::register(1, DAVE, a);
		MockDevices::register(2, DAVE, a);
		let dep = create_deployment_of(ALICE, a);
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, 1));
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, 2));
		// While registered, a stranger may not.
		assert_noop!(
			Deployments::remove_device(RuntimeOrigin::signed(100), dep, 1),
			Error::<Test>::NotOwnerOrSteward
		);
		MockDevices::remove(1);
		assert_ok!(Deployments::remove_device(RuntimeOrigin::signed(100), dep, 1));
		assert_eq!(last_event(), Event::DeviceLeft { deployment: dep, device: 1 }.into());
		assert_eq!(DeviceDeployment::<Test>::get(1), None);
		assert_eq!(members_of(dep), vec![2]);
		assert_eq!(devices_of(dep), 1);
		// Only once.
		assert_noop!(
			Deployments::remove_device(RuntimeOrigin::signed(100), dep, 1),
			Error::<Test>::NotInDeployment
		);
		// The other device still needs its owner or a steward.
		assert_noop!(
			Deployments::remove_device(RuntimeOrigin::signed(100), dep, 2),
			Error::<Test>::NotOwnerOrSteward
		);
		// A gone device cannot join again.
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, 1),
			Error::<Test>::DeviceNotFound
		);
	});
}

#[test]
fn a_suspended_state_takes_no_device_into_its_deployments() {
	run_test(|| {
		let (_, b, _) = three_states();
		let dep = create_deployment_of(BOB, b);
		MockDevices::register(70, BOB, b);
		assert_ok!(States::suspend_state(RuntimeOrigin::root(), b));
		assert_noop!(
			Deployments::add_device(RuntimeOrigin::signed(BOB), dep, 70),
			Error::<Test>::StateSuspended
		);
		assert_ok!(States::restore_state(RuntimeOrigin::root(), b));
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(BOB), dep, 70));
	});
}
