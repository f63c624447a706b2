//! Publishing, adopting and retiring blueprints.

use super::*;
use crate::{
	Adoptions, Blueprint, BlueprintCount, BlueprintId, BlueprintSpec, Blueprints, Deployment,
	DeploymentId, Error, Event, NextBlueprintId, StateBlueprints, StateDeployments,
};
use atlas_primitives::{Role, StateId};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

/// States A, B, C; A's deployment `dep_a` is the source of A's blueprint `bp`; B has `dep_b`
/// (created by Bob), C has `dep_c` (created by Charlie).
fn blueprint_setup(
) -> (StateId, StateId, StateId, DeploymentId, BlueprintId, DeploymentId, DeploymentId) {
	let (a, b, c) = three_states();
	let dep_a = create_deployment_of(ALICE, a);
	let bp = publish_of(ALICE, a, Some(dep_a));
	let dep_b = create_deployment_of(BOB, b);
	let dep_c = create_deployment_of(CHARLIE, c);
	(a, b, c, dep_a, bp, dep_b, dep_c)
}

#[test]
fn publish_blueprint_stores_and_holds_deposit() {
	run_test(|| {
		let (a, _, _) = three_states();
		make_steward(a, ALICE, CHARLIE);
		let dep = create_deployment_of(ALICE, a);
		let alice_free = free(ALICE);
		assert_eq!(NextBlueprintId::<Test>::get(), 0);

		let bp = publish_of(ALICE, a, Some(dep));
		assert_eq!(bp, 0);
		assert_same!(Blueprints::<Test>::get(bp), Some(village_grid(a, Some(dep), ALICE, 0)));
		assert_same!(Deployments::blueprint(bp), Some(village_grid(a, Some(dep), ALICE, 0)));
		assert!(StateBlueprints::<Test>::contains_key(a, bp));
		assert_eq!(NextBlueprintId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			Event::BlueprintPublished { blueprint: bp, state: a, source: Some(dep) }.into()
		);
		assert_eq!(held_deposit(ALICE), DEPLOYMENT_DEPOSIT + BLUEPRINT_DEPOSIT);
		assert_eq!(free(ALICE), alice_free - BLUEPRINT_DEPOSIT);
		// Publishing does not touch the source deployment.
		assert_same!(crate::Deployments::<Test>::get(dep), Some(microgrid(a, ALICE)));

		// A steward publishes one without a source, at the model bound, and pays for it.
		let charlie_free = free(CHARLIE);
		let mut s = spec(None);
		s.hardware_models = vec![1, 2, 3];
		s.device_mix = PerClass([0, 0, 0, 1]);
		s.cost = 0;
		assert_ok!(Deployments::publish_blueprint(RuntimeOrigin::signed(CHARLIE), a, s));
		assert_eq!(
			last_event(),
			Event::BlueprintPublished { blueprint: 1, state: a, source: None }.into()
		);
		assert_same!(
			Blueprints::<Test>::get(1),
			Some(Blueprint {
				hardware_models: vec![1, 2, 3].try_into().unwrap(),
				device_mix: PerClass([0, 0, 0, 1]),
				cost: 0,
				..village_grid(a, None, CHARLIE, 0)
			})
		);
		assert!(StateBlueprints::<Test>::contains_key(a, 1));
		assert_eq!(
			(held_deposit(CHARLIE), free(CHARLIE)),
			(BLUEPRINT_DEPOSIT, charlie_free - BLUEPRINT_DEPOSIT)
		);
		assert_eq!(NextBlueprintId::<Test>::get(), 2);
		assert!(Deployments::blueprint(2).is_none());
	});
}

#[test]
fn publish_blueprint_errors() {
	run_test(|| {
		let (a, b, _) = three_states();
		assert_ok!(States::grant_role(RuntimeOrigin::signed(ALICE), a, CHARLIE, Role::Citizen));
		let dep_a = create_deployment_of(ALICE, a);
		let dep_b = create_deployment_of(BOB, b);
		let publish = |who: AccountId, state: StateId, s: BlueprintSpec<Balance>| {
			Deployments::publish_blueprint(RuntimeOrigin::signed(who), state, s)
		};

		assert_noop!(publish(ALICE, 42, spec(None)), Error::<Test>::StateNotFound);
		for who in [CHARLIE, 100, BOB] {
			assert_noop!(publish(who, a, spec(None)), Error::<Test>::NotAdminOrSteward);
		}
		assert_noop!(
			publish(ALICE, a, BlueprintSpec { name: vec![], ..spec(None) }),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			publish(ALICE, a, BlueprintSpec { name: vec![b'n'; 17], ..spec(None) }),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			publish(ALICE, a, BlueprintSpec { metadata_uri: vec![b'u'; 33], ..spec(None) }),
			Error::<Test>::UriTooLong
		);
		assert_noop!(
			publish(ALICE, a, BlueprintSpec { device_mix: PerClass([0; 4]), ..spec(None) }),
			Error::<Test>::EmptyDeviceMix
		);
		assert_noop!(
			publish(ALICE, a, BlueprintSpec { hardware_models: vec![1, 2, 3, 4], ..spec(None) }),
			Error::<Test>::TooManyModels
		);
		// The source must be a deployment of the publishing state.
		assert_noop!(publish(ALICE, a, spec(Some(99))), Error::<Test>::DeploymentNotFound);
		assert_noop!(publish(ALICE, a, spec(Some(dep_b))), Error::<Test>::DeploymentOfOtherState);
		assert_noop!(publish(BOB, b, spec(Some(dep_a))), Error::<Test>::DeploymentOfOtherState);
		// A suspended state publishes nothing.
		assert_ok!(States::suspend_state(RuntimeOrigin::root(), a));
		assert_noop!(publish(ALICE, a, spec(Some(dep_a))), Error::<Test>::StateSuspended);
		assert_ok!(States::restore_state(RuntimeOrigin::root(), a));
		assert_noop!(
			Deployments::publish_blueprint(RuntimeOrigin::none(), a, spec(None)),
			DispatchError::BadOrigin
		);
		// Ids exhausted.
		NextBlueprintId::<Test>::put(u32::MAX);
		assert_noop!(publish(ALICE, a, spec(None)), Error::<Test>::IdsExhausted);
		NextBlueprintId::<Test>::put(0);

		assert!(Blueprints::<Test>::iter().next().is_none());
		assert_eq!(held_deposit(ALICE), DEPLOYMENT_DEPOSIT);
		assert_ok!(publish(BOB, b, spec(Some(dep_b))));
	});
}

#[test]
fn publish_blueprint_cannot_afford_deposit() {
	run_test(|| {
		// POOR (50) administers a state Alice paid for: 60 is too much.
		let p = register_state_of(ALICE, POOR);
		let err =
			Deployments::publish_blueprint(RuntimeOrigin::signed(POOR), p, spec(None)).unwrap_err();
		assert_eq!(err, Error::<Test>::CannotAffordDeposit.into());
		assert_noop!(
			Deployments::publish_blueprint(RuntimeOrigin::signed(POOR), p, spec(None)),
			Error::<Test>::CannotAffordDeposit
		);
		assert_eq!(held_deposit(POOR), 0);
		assert_eq!(NextBlueprintId::<Test>::get(), 0);
	});
}

#[test]
fn another_state_adopts_a_blueprint() {
	run_test(|| {
		let (_, b, c, _, bp, dep_b, dep_c) = blueprint_setup();
		make_steward(c, CHARLIE, DAVE);
		let (alice_free, bob_free) = (free(ALICE), free(BOB));

		assert_ok!(Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b));
		assert_eq!(
			last_event(),
			Event::BlueprintAdopted { blueprint: bp, deployment: dep_b, state: b }.into()
		);
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 1);
		assert!(Adoptions::<Test>::contains_key(bp, dep_b));
		assert_same!(
			crate::Deployments::<Test>::get(dep_b),
			Some(Deployment { blueprint: Some(bp), ..microgrid(b, BOB) })
		);
		// Adopting costs nothing.
		assert_eq!((free(ALICE), free(BOB)), (alice_free, bob_free));
		assert_eq!(held_deposit(BOB), DEPLOYMENT_DEPOSIT);

		// A steward of C adopts it too.
		assert_ok!(Deployments::adopt_blueprint(RuntimeOrigin::signed(DAVE), bp, dep_c));
		assert_eq!(
			last_event(),
			Event::BlueprintAdopted { blueprint: bp, deployment: dep_c, state: c }.into()
		);
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 2);
		let mut adopters: Vec<DeploymentId> =
			Adoptions::<Test>::iter_prefix(bp).map(|(d, ())| d).collect();
		adopters.sort();
		assert_eq!(adopters, vec![dep_b, dep_c]);
		assert_eq!(crate::Deployments::<Test>::get(dep_c).unwrap().blueprint, Some(bp));
		assert_eq!(held_deposit(DAVE), 0);
	});
}

#[test]
fn a_second_deployment_of_the_publisher_may_adopt() {
	run_test(|| {
		let (a, _, _, dep_a, bp, _, _) = blueprint_setup();
		let again = create_deployment_of(ALICE, a);
		assert_noop!(
			Deployments::adopt_blueprint(RuntimeOrigin::signed(ALICE), bp, dep_a),
			Error::<Test>::AdoptingOwnSource
		);
		assert_ok!(Deployments::adopt_blueprint(RuntimeOrigin::signed(ALICE), bp, again));
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 1);
		assert!(Adoptions::<Test>::contains_key(bp, again));
	});
}

#[test]
fn adopting_an_unknown_blueprint_fails() {
	run_test(|| {
		let (_, _, _, _, bp, dep_b, _) = blueprint_setup();
		assert_noop!(
			Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), bp + 1, dep_b),
			Error::<Test>::BlueprintNotFound
		);
		assert_noop!(
			Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), 99, 99),
			Error::<Test>::BlueprintNotFound
		);
		// A retired blueprint is unknown too.
		let other = publish_of(ALICE, 0, None);
		assert_ok!(Deployments::retire_blueprint(RuntimeOrigin::signed(ALICE), other));
		assert_noop!(
			Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), other, dep_b),
			Error::<Test>::BlueprintNotFound
		);
		assert_eq!(crate::Deployments::<Test>::get(dep_b).unwrap().blueprint, None);
	});
}

#[test]
fn adopt_blueprint_errors() {
	run_test(|| {
		let (a, b, _, dep_a, bp, dep_b, _) = blueprint_setup();
		assert_ok!(States::grant_role(RuntimeOrigin::signed(BOB), b, DAVE, Role::Citizen));
		assert_noop!(
			Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, 99),
			Error::<Test>::DeploymentNotFound
		);
		// Only an admin or steward of the adopting deployment's state: not the publisher, a
		// citizen, a stranger.
		for who in [ALICE, DAVE, 100] {
			assert_noop!(
				Deployments::adopt_blueprint(RuntimeOrigin::signed(who), bp, dep_b),
				Error::<Test>::NotAdminOrSteward
			);
		}
		assert_noop!(
			Deployments::adopt_blueprint(RuntimeOrigin::signed(ALICE), bp, dep_a),
			Error::<Test>::AdoptingOwnSource
		);
		// A suspended state adopts nothing.
		assert_ok!(States::suspend_state(RuntimeOrigin::root(), b));
		assert_noop!(
			Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b),
			Error::<Test>::StateSuspended
		);
		assert_ok!(States::restore_state(RuntimeOrigin::root(), b));
		// A deployment adopts one blueprint, once.
		assert_ok!(Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b));
		assert_noop!(
			Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b),
			Error::<Test>::AlreadyAdopted
		);
		let second = publish_of(ALICE, a, None);
		assert_noop!(
			Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), second, dep_b),
			Error::<Test>::AlreadyAdopted
		);
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 1);
		assert_eq!(Blueprints::<Test>::get(second).unwrap().adoptions, 0);
		assert_noop!(
			Deployments::adopt_blueprint(RuntimeOrigin::none(), bp, dep_b),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn closing_an_adopted_deployment_ends_the_adoption() {
	run_test(|| {
		let (_, b, c, _, bp, dep_b, dep_c) = blueprint_setup();
		assert_ok!(Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b));
		assert_ok!(Deployments::adopt_blueprint(RuntimeOrigin::signed(CHARLIE), bp, dep_c));
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 2);
		let bob_free = free(BOB);

		assert_ok!(Deployments::close_deployment(RuntimeOrigin::signed(BOB), dep_b));
		assert_eq!(last_event(), Event::DeploymentClosed { deployment: dep_b }.into());
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 1);
		assert!(!Adoptions::<Test>::contains_key(bp, dep_b));
		assert!(Adoptions::<Test>::contains_key(bp, dep_c));
		assert!(!StateDeployments::<Test>::contains_key(b, dep_b));
		assert_eq!((held_deposit(BOB), free(BOB)), (0, bob_free + DEPLOYMENT_DEPOSIT));

		assert_ok!(Deployments::close_deployment(RuntimeOrigin::signed(CHARLIE), dep_c));
		assert_eq!(Blueprints::<Test>::get(bp).unwrap().adoptions, 0);
		assert!(Adoptions::<Test>::iter().next().is_none());
		assert!(!StateDeployments::<Test>::contains_key(c, dep_c));
		// The blueprint itself stays until retired.
		assert_same!(Blueprints::<Test>::get(bp), Some(village_grid(0, Some(0), ALICE, 0)));
	});
}

#[test]
fn retire_blueprint_only_when_not_adopted() {
	run_test(|| {
		let (a, _, _, _, bp, dep_b, _) = blueprint_setup();
		make_steward(a, ALICE, DAVE);
		let alice_free = free(ALICE);
		assert_ok!(Deployments::adopt_blueprint(RuntimeOrigin::signed(BOB), bp, dep_b));
		assert_noop!(
			Deployments::retire_blueprint(RuntimeOrigin::signed(ALICE), bp),
			Error::<Test>::BlueprintAdopted
		);
		assert_ok!(Deployments::close_deployment(RuntimeOrigin::signed(BOB), dep_b));

		// A steward retires it; the deposit returns to Alice, who published it.
		let dave_free = free(DAVE);
		assert_ok!(Deployments::retire_blueprint(RuntimeOrigin::signed(DAVE), bp));
		assert_eq!(last_event(), Event::BlueprintRetired { blueprint: bp }.into());
		assert!(Blueprints::<Test>::get(bp).is_none());
		assert!(!StateBlueprints::<Test>::contains_key(a, bp));
		assert!(Deployments::blueprint(bp).is_none());
		assert_eq!(held_deposit(ALICE), DEPLOYMENT_DEPOSIT);
		assert_eq!(free(ALICE), alice_free + BLUEPRINT_DEPOSIT);
		assert_eq!((held_deposit(DAVE), free(DAVE)), (0, dave_free));
		assert_noop!(
			Deployments::retire_blueprint(RuntimeOrigin::signed(ALICE), bp),
			Error::<Test>::BlueprintNotFound
		);
		// Ids are not reused.
		assert_eq!(publish_of(ALICE, a, None), bp + 1);
	});
}

#[test]
fn retire_blueprint_errors() {
	run_test(|| {
		let (a, b, _, _, bp, _, _) = blueprint_setup();
		assert_ok!(States::grant_role(RuntimeOrigin::signed(ALICE), a, CHARLIE, Role::Citizen));
		make_steward(b, BOB, DAVE);
		assert_noop!(
			Deployments::retire_blueprint(RuntimeOrigin::signed(ALICE), 99),
			Error::<Test>::BlueprintNotFound
		);
		// A citizen, a stranger, another state's admin and steward.
		for who in [CHARLIE, 100, BOB, DAVE] {
			assert_noop!(
				Deployments::retire_blueprint(RuntimeOrigin::signed(who), bp),
				Error::<Test>::NotAdminOrSteward
			);
		}
		assert_noop!(
			Deployments::retire_blueprint(RuntimeOrigin::none(), bp),
			DispatchError::BadOrigin
		);
		// Unadopted, the admin retires it right away.
		assert_ok!(Deployments::retire_blueprint(RuntimeOrigin::signed(ALICE), bp));
		assert!(StateBlueprints::<Test>::iter().next().is_none());
	});
}

#[test]
fn blueprints_are_bounded() {
	run_test(|| {
		let a = register_state_of(ALICE, ALICE);
		for _ in 0..MAX_BLUEPRINTS {
			assert_ok!(Deployments::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(None)));
		}
		assert_noop!(
			Deployments::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(None)),
			Error::<Test>::TooManyBlueprints
		);
		assert_eq!(BlueprintCount::<Test>::get(), MAX_BLUEPRINTS);
		assert_ok!(Deployments::retire_blueprint(RuntimeOrigin::signed(ALICE), 2));
		assert_ok!(Deployments::publish_blueprint(RuntimeOrigin::signed(ALICE), a, spec(None)));
	});
}
