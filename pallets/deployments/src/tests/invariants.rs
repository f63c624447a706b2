//! `try_state` catches broken deployments, blueprints and KPIs.

use super::*;
use crate::{
	Adoptions, BlueprintCount, BlueprintKpis, Blueprints, DeploymentKpis, DeviceDeployment,
	StateBlueprints, StateDeployments,
};
use atlas_primitives::OnDelivery;
use frame_support::assert_ok;
use sp_runtime::DispatchError;

#[test]
fn try_state_detects_broken_deployments() {
	run_test(|| {
		let (a, b, _) = three_states();
		MockDevices::register(1, DAVE, a);
		MockDevices::register(2, DAVE, a);
		let dep_a = create_deployment_of(ALICE, a);
		let bp = publish_of(ALICE, a, Some(dep_a));
		let dep_b = create_deployment_of(BOB, b);
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), dep_a, 1));
		assert_ok!(Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b));
		assert_ok!(Deployments::do_try_state());
		let fails_with = |msg: &'static str| {
			assert_eq!(Deployments::do_try_state(), Err(DispatchError::Other(msg)));
		};

		// A wrong device count, too high or too low.
		crate::Deployments::<Test>::mutate(dep_a, |d| d.as_mut().unwrap().devices = 2);
		fails_with("a deployment's device count is off");
		crate::Deployments::<Test>::mutate(dep_a, |d| d.as_mut().unwrap().devices = 0);
		fails_with("a deployment's device count is off");
		crate::Deployments::<Test>::mutate(dep_a, |d| d.as_mut().unwrap().devices = 1);
		assert_ok!(Deployments::do_try_state());

		// A DeviceDeployment entry without its DeploymentDevices entry, and the reverse.
		DeviceDeployment::<Test>::insert(2, dep_a);
		fails_with("device indexes disagree");
		DeviceDeployment::<Test>::remove(2);
		DeviceDeployment::<Test>::remove(1);
		fails_with("device indexes disagree");
		DeviceDeployment::<Test>::insert(1, dep_b);
		fails_with("device indexes disagree");
		DeviceDeployment::<Test>::insert(1, dep_a);
		assert_ok!(Deployments::do_try_state());

		// An adoption count off, either way.
		Blueprints::<Test>::mutate(bp, |x| x.as_mut().unwrap().adoptions = 2);
		fails_with("a blueprint's adoption count is off");
		Blueprints::<Test>::mutate(bp, |x| x.as_mut().unwrap().adoptions = 0);
		fails_with("a blueprint's adoption count is off");
		Blueprints::<Test>::mutate(bp, |x| x.as_mut().unwrap().adoptions = 1);
		assert_ok!(Deployments::do_try_state());

		// An adoption without its link, and a link without its adoption.
		crate::Deployments::<Test>::mutate(dep_b, |d| d.as_mut().unwrap().blueprint = None);
		fails_with("an adoption without its deployment's link");
		crate::Deployments::<Test>::mutate(dep_b, |d| d.as_mut().unwrap().blueprint = Some(bp));
		Adoptions::<Test>::remove(bp, dep_b);
		fails_with("an adoption not recorded");
		Adoptions::<Test>::insert(bp, dep_b, ());
		assert_ok!(Deployments::do_try_state());

		// State indexes: missing, stale, or under the wrong state.
		StateDeployments::<Test>::remove(b, dep_b);
		fails_with("a deployment not indexed");
		StateDeployments::<Test>::insert(a, dep_b, ());
		fails_with("a deployment not indexed");
		StateDeployments::<Test>::remove(a, dep_b);
		StateDeployments::<Test>::insert(b, dep_b, ());
		StateDeployments::<Test>::insert(b, 99, ());
		fails_with("a stale deployment index");
		StateDeployments::<Test>::remove(b, 99);
		StateBlueprints::<Test>::remove(a, bp);
		fails_with("a blueprint not indexed");
		StateBlueprints::<Test>::insert(a, bp, ());
		StateBlueprints::<Test>::insert(b, bp, ());
		fails_with("a stale blueprint index");
		StateBlueprints::<Test>::remove(b, bp);
		assert_ok!(Deployments::do_try_state());

		// A deployment of a state that no longer exists.
		let saved = pallet_network_states::States::<Test>::take(b).unwrap();
		fails_with("a deployment of an unknown state");
		pallet_network_states::States::<Test>::insert(b, saved);
		// run_test checks the restored state once more.
	});
}

/// A deployment linked to a blueprint that does not exist (with a matching `Adoptions` entry)
/// is caught.
#[test]
fn try_state_catches_an_adoption_of_an_unknown_blueprint() {
	new_test_ext().execute_with(|| {
		let (_, b, _) = three_states();
		let dep = create_deployment_of(BOB, b);
		crate::Deployments::<Test>::mutate(dep, |d| d.as_mut().unwrap().blueprint = Some(99));
		Adoptions::<Test>::insert(99, dep, ());
		assert!(Blueprints::<Test>::get(99).is_none());
		assert!(Deployments::do_try_state().is_err());
	});
}

/// A blueprint of a state that no longer exists is caught.
#[test]
fn try_state_catches_a_blueprint_of_an_unknown_state() {
	new_test_ext().execute_with(|| {
		let (_, b, _) = three_states();
		let _bp = publish_of(BOB, b, None);
		assert_ok!(Deployments::do_try_state());
		pallet_network_states::States::<Test>::remove(b);
		assert!(Deployments::do_try_state().is_err());
	});
}

#[test]
fn try_state_detects_kpi_drift() {
	new_test_ext().execute_with(|| {
		let (a, d0) = deployment_with_two_devices();
		assert_ok!(Deployments::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(Some(d0))));
		<Deployments as OnDelivery>::on_delivery(1, 0, None, &delivery(3_600, 400, 40));
		assert_ok!(Deployments::do_try_state());
		BlueprintKpis::<Test>::mutate(0, |k| k.totals.energy_wh += 1);
		assert!(Deployments::do_try_state().is_err());
		BlueprintKpis::<Test>::mutate(0, |k| k.totals.energy_wh -= 1);
		DeploymentKpis::<Test>::mutate(d0, |k| k.blueprint = None);
		assert!(Deployments::do_try_state().is_err());
		DeploymentKpis::<Test>::mutate(d0, |k| k.blueprint = Some(0));
		BlueprintCount::<Test>::put(3);
		assert!(Deployments::do_try_state().is_err());
		BlueprintCount::<Test>::put(1);
		DeploymentKpis::<Test>::remove(d0);
		assert!(Deployments::do_try_state().is_err());
	});
}
