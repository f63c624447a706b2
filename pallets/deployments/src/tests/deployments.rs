//! Creating and closing deployments, and what they keep a state from (deregistering).

use super::*;
use crate::{Deployment, Error, Event, NextDeploymentId, StateDeployments};
use atlas_primitives::{H3Cell, Role, StateId};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn create_deployment_by_admin_holds_deposit_and_indexes() {
	run_test(|| {
		let (a, _, _) = three_states();
		let alice_free = free(ALICE);
		assert_eq!(NextDeploymentId::<Test>::get(), 0);
		assert_ok!(Deployments::create_deployment(
			RuntimeOrigin::signed(ALICE),
			a,
			b"Microgrid".to_vec(),
			b"ipfs://grid".to_vec(),
			vec![CELL, 0x85283473fffffff],
			Some(VAULT)
		));
		let expected = Deployment {
			cells: vec![CELL, 0x85283473fffffff].try_into().unwrap(),
			vault: Some(VAULT),
			..microgrid(a, ALICE)
		};
		assert_same!(crate::Deployments::<Test>::get(0), Some(expected.clone()));
		assert_same!(Deployments::deployment(0), Some(expected));
		assert_eq!(NextDeploymentId::<Test>::get(), 1);
		assert!(StateDeployments::<Test>::contains_key(a, 0));
		assert_eq!(StateDeployments::<Test>::iter().count(), 1);
		assert_eq!(
			last_event(),
			Event::DeploymentCreated { deployment: 0, state: a, by: ALICE }.into()
		);
		// The deposit is held under its own reason; the state deposit is untouched.
		assert_eq!(held_deposit(ALICE), DEPLOYMENT_DEPOSIT);
		assert_eq!(held_state(ALICE), STATE_DEPOSIT);
		assert_eq!(free(ALICE), alice_free - DEPLOYMENT_DEPOSIT);

		// A second one without cells, URI or vault gets the next id and another deposit.
		assert_ok!(Deployments::create_deployment(
			RuntimeOrigin::signed(ALICE),
			a,
			b"Empty".to_vec(),
			vec![],
			vec![],
			None
		));
		assert_same!(
			crate::Deployments::<Test>::get(1),
			Some(Deployment {
				name: b"Empty".to_vec().try_into().unwrap(),
				metadata_uri: Default::default(),
				cells: Default::default(),
				..microgrid(a, ALICE)
			})
		);
		assert_eq!(NextDeploymentId::<Test>::get(), 2);
		assert!(StateDeployments::<Test>::contains_key(a, 1));
		assert_eq!(held_deposit(ALICE), 2 * DEPLOYMENT_DEPOSIT);
		assert_eq!(free(ALICE), alice_free - 2 * DEPLOYMENT_DEPOSIT);
		assert!(Deployments::deployment(2).is_none());
	});
}

#[test]
fn create_deployment_by_steward_is_paid_by_the_steward() {
	run_test(|| {
		let (a, _, _) = three_states();
		make_steward(a, ALICE, DAVE);
		let (alice_free, dave_free) = (free(ALICE), free(DAVE));
		let id = create_deployment_of(DAVE, a);
		assert_eq!(id, 0);
		assert_same!(crate::Deployments::<Test>::get(id), Some(microgrid(a, DAVE)));
		assert!(StateDeployments::<Test>::contains_key(a, id));
		assert_eq!(
			last_event(),
			Event::DeploymentCreated { deployment: id, state: a, by: DAVE }.into()
		);
		assert_eq!((held_deposit(DAVE), held_deposit(ALICE)), (DEPLOYMENT_DEPOSIT, 0));
		assert_eq!((free(ALICE), free(DAVE)), (alice_free, dave_free - DEPLOYMENT_DEPOSIT));
	});
}

#[test]
fn create_deployment_needs_admin_or_steward() {
	run_test(|| {
		let (a, b, _) = three_states();
		// Citizen, operator, verifier and validator roles are not enough.
		assert_ok!(States::grant_role(RuntimeOrigin::signed(ALICE), a, DAVE, Role::Citizen));
		assert_ok!(States::grant_role(RuntimeOrigin::signed(ALICE), a, DAVE, Role::Operator));
		assert_ok!(States::grant_role(RuntimeOrigin::signed(ALICE), a, DAVE, Role::Verifier));
		assert_ok!(States::grant_role(RuntimeOrigin::signed(ALICE), a, DAVE, Role::Validator));
		let create = |who: AccountId, state: StateId| {
			Deployments::create_deployment(
				RuntimeOrigin::signed(who),
				state,
				b"Microgrid".to_vec(),
				vec![],
				vec![CELL],
				None,
			)
		};
		assert_noop!(create(DAVE, a), Error::<Test>::NotAdminOrSteward);
		// A stranger, and the admin of another state.
		assert_noop!(create(100, a), Error::<Test>::NotAdminOrSteward);
		assert_noop!(create(BOB, a), Error::<Test>::NotAdminOrSteward);
		// A steward of another state.
		make_steward(b, BOB, CHARLIE);
		assert_noop!(create(CHARLIE, a), Error::<Test>::NotAdminOrSteward);
		// A steward whose role was revoked.
		make_steward(a, ALICE, 101);
		assert_ok!(create(101, a));
		assert_ok!(States::revoke_role(RuntimeOrigin::signed(ALICE), a, 101, Role::Steward));
		assert_noop!(create(101, a), Error::<Test>::NotAdminOrSteward);
		// Unsigned origins.
		assert_noop!(
			Deployments::create_deployment(
				RuntimeOrigin::none(),
				a,
				b"x".to_vec(),
				vec![],
				vec![],
				None
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Deployments::create_deployment(
				RuntimeOrigin::root(),
				a,
				b"x".to_vec(),
				vec![],
				vec![],
				None
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn create_deployment_errors() {
	run_test(|| {
		let (a, _, _) = three_states();
		let create = |name: Vec<u8>, uri: Vec<u8>, cells: Vec<H3Cell>, vault: Option<u32>| {
			Deployments::create_deployment(RuntimeOrigin::signed(ALICE), a, name, uri, cells, vault)
		};
		let ok = || b"Microgrid".to_vec();
		assert_noop!(
			Deployments::create_deployment(
				RuntimeOrigin::signed(ALICE),
				42,
				ok(),
				vec![],
				vec![CELL],
				None
			),
			Error::<Test>::StateNotFound
		);
		// Names and URIs.
		assert_noop!(create(vec![], vec![], vec![CELL], None), Error::<Test>::EmptyName);
		assert_noop!(create(vec![b'n'; 17], vec![], vec![CELL], None), Error::<Test>::NameTooLong);
		assert_noop!(create(ok(), vec![b'u'; 33], vec![CELL], None), Error::<Test>::UriTooLong);
		// Cells: any invalid one is refused, and at most four.
		assert_noop!(create(ok(), vec![], vec![0], None), Error::<Test>::BadCell);
		assert_noop!(create(ok(), vec![], vec![u64::MAX], None), Error::<Test>::BadCell);
		assert_noop!(create(ok(), vec![], vec![CELL, 0], None), Error::<Test>::BadCell);
		// A res 9 cell with the reserved top bit set.
		assert_noop!(create(ok(), vec![], vec![CELL | (1 << 63)], None), Error::<Test>::BadCell);
		assert_noop!(create(ok(), vec![], CELLS.to_vec(), None), Error::<Test>::TooManyCells);
		// Vaults: only vault 7 exists.
		assert_noop!(create(ok(), vec![], vec![CELL], Some(3)), Error::<Test>::UnknownVault);
		assert_eq!(NextDeploymentId::<Test>::get(), 0);
		assert_eq!(held_deposit(ALICE), 0);

		// At the bounds it is accepted.
		assert_ok!(create(vec![b'n'; 16], vec![b'u'; 32], CELLS[..4].to_vec(), Some(VAULT)));
		let d = crate::Deployments::<Test>::get(0).unwrap();
		assert_eq!(d.cells.into_inner(), CELLS[..4].to_vec());
		assert_eq!(d.vault, Some(VAULT));
		assert_eq!((d.name.len(), d.metadata_uri.len()), (16, 32));

		// A suspended state creates nothing; restored, it does.
		assert_ok!(States::suspend_state(RuntimeOrigin::root(), a));
		assert_noop!(create(ok(), vec![], vec![CELL], None), Error::<Test>::StateSuspended);
		assert_ok!(States::restore_state(RuntimeOrigin::root(), a));
		assert_ok!(create(ok(), vec![], vec![CELL], None));
		assert_eq!(NextDeploymentId::<Test>::get(), 2);
	});
}

#[test]
fn create_deployment_cannot_afford_deposit() {
	run_test(|| {
		// Alice pays for a state that POOR (50) administers.
		let p = register_state_of(ALICE, POOR);
		// One deployment fits (40 of 50); a second does not.
		let id = create_deployment_of(POOR, p);
		assert_eq!(held_deposit(POOR), DEPLOYMENT_DEPOSIT);
		assert_eq!(free(POOR), 50 - DEPLOYMENT_DEPOSIT);
		let err = Deployments::create_deployment(
			RuntimeOrigin::signed(POOR),
			p,
			b"Second".to_vec(),
			vec![],
			vec![],
			None,
		)
		.unwrap_err();
		assert_eq!(err, Error::<Test>::CannotAffordDeposit.into());
		assert_noop!(
			Deployments::create_deployment(
				RuntimeOrigin::signed(POOR),
				p,
				b"Second".to_vec(),
				vec![],
				vec![],
				None
			),
			Error::<Test>::CannotAffordDeposit
		);
		assert_eq!(NextDeploymentId::<Test>::get(), id + 1);
		// A steward with nothing at all (of a state Alice administers).
		let s = register_state_of(ALICE, ALICE);
		make_steward(s, ALICE, PENNILESS);
		assert_noop!(
			Deployments::create_deployment(
				RuntimeOrigin::signed(PENNILESS),
				s,
				b"Second".to_vec(),
				vec![],
				vec![],
				None
			),
			Error::<Test>::CannotAffordDeposit
		);
	});
}

#[test]
fn create_deployment_ids_exhausted() {
	run_test(|| {
		let (a, _, _) = three_states();
		NextDeploymentId::<Test>::put(u32::MAX);
		assert_noop!(
			Deployments::create_deployment(
				RuntimeOrigin::signed(ALICE),
				a,
				b"x".to_vec(),
				vec![],
				vec![],
				None
			),
			Error::<Test>::IdsExhausted
		);
		assert_eq!(held_deposit(ALICE), 0);
	});
}

#[test]
fn close_deployment_releases_deposit_and_indexes() {
	run_test(|| {
		let (a, _, _) = three_states();
		make_steward(a, ALICE, CHARLIE);
		MockDevices::register(1, DAVE, a);
		let alice_free = free(ALICE);
		let dep = create_deployment_of(ALICE, a);
		let kept = create_deployment_of(ALICE, a);
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, 1));
		assert_noop!(
			Deployments::close_deployment(RuntimeOrigin::signed(ALICE), dep),
			Error::<Test>::DeploymentHasDevices
		);
		assert_ok!(Deployments::remove_device(RuntimeOrigin::signed(DAVE), dep, 1));

		// The steward closes it; the deposit returns to Alice, who paid.
		let charlie_free = free(CHARLIE);
		assert_ok!(Deployments::close_deployment(RuntimeOrigin::signed(CHARLIE), dep));
		assert_eq!(last_event(), Event::DeploymentClosed { deployment: dep }.into());
		assert!(crate::Deployments::<Test>::get(dep).is_none());
		assert!(!StateDeployments::<Test>::contains_key(a, dep));
		assert!(Deployments::deployment(dep).is_none());
		assert_eq!(held_deposit(ALICE), DEPLOYMENT_DEPOSIT);
		assert_eq!(free(ALICE), alice_free - DEPLOYMENT_DEPOSIT);
		assert_eq!(free(CHARLIE), charlie_free);
		// The other deployment stays; ids are not reused.
		assert!(StateDeployments::<Test>::contains_key(a, kept));
		assert_eq!(NextDeploymentId::<Test>::get(), 2);
		assert_noop!(
			Deployments::close_deployment(RuntimeOrigin::signed(ALICE), dep),
			Error::<Test>::DeploymentNotFound
		);
		assert_ok!(Deployments::close_deployment(RuntimeOrigin::signed(ALICE), kept));
		assert_eq!((held_deposit(ALICE), free(ALICE)), (0, alice_free));
		assert!(StateDeployments::<Test>::iter().next().is_none());
		assert_eq!(create_deployment_of(ALICE, a), 2);
	});
}

#[test]
fn close_deployment_errors() {
	run_test(|| {
		let (a, b, _) = three_states();
		assert_ok!(States::grant_role(RuntimeOrigin::signed(ALICE), a, CHARLIE, Role::Citizen));
		make_steward(b, BOB, DAVE);
		let dep = create_deployment_of(ALICE, a);
		assert_noop!(
			Deployments::close_deployment(RuntimeOrigin::signed(ALICE), 99),
			Error::<Test>::DeploymentNotFound
		);
		// A citizen, a stranger, another state's admin and steward.
		for who in [CHARLIE, 100, BOB, DAVE] {
			assert_noop!(
				Deployments::close_deployment(RuntimeOrigin::signed(who), dep),
				Error::<Test>::NotAdminOrSteward
			);
		}
		assert_noop!(
			Deployments::close_deployment(RuntimeOrigin::none(), dep),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn close_deployment_pays_back_a_former_steward() {
	run_test(|| {
		let (a, _, _) = three_states();
		make_steward(a, ALICE, DAVE);
		let dave_free = free(DAVE);
		let dep = create_deployment_of(DAVE, a);
		assert_ok!(States::revoke_role(RuntimeOrigin::signed(ALICE), a, DAVE, Role::Steward));
		assert_noop!(
			Deployments::close_deployment(RuntimeOrigin::signed(DAVE), dep),
			Error::<Test>::NotAdminOrSteward
		);
		assert_ok!(Deployments::close_deployment(RuntimeOrigin::signed(ALICE), dep));
		assert_eq!((held_deposit(DAVE), free(DAVE)), (0, dave_free));
		assert_eq!(held_deposit(ALICE), 0);
	});
}

#[test]
fn deregister_refused_while_state_has_deployments_or_blueprints() {
	run_test(|| {
		let (a, _, _) = three_states();
		let alice_free = free(ALICE);
		let dep = create_deployment_of(ALICE, a);
		assert_noop!(
			States::deregister_state(RuntimeOrigin::signed(ALICE), a),
			pallet_network_states::Error::<Test>::StateHasDeployments
		);
		// A blueprint drawn from it keeps the state too, once the deployment is closed.
		let bp = publish_of(ALICE, a, Some(dep));
		assert_ok!(Deployments::close_deployment(RuntimeOrigin::signed(ALICE), dep));
		assert!(StateDeployments::<Test>::iter_prefix(a).next().is_none());
		assert_noop!(
			States::deregister_state(RuntimeOrigin::signed(ALICE), a),
			pallet_network_states::Error::<Test>::StateHasDeployments
		);
		assert_ok!(Deployments::retire_blueprint(RuntimeOrigin::signed(ALICE), bp));
		assert_ok!(States::deregister_state(RuntimeOrigin::signed(ALICE), a));
		assert_eq!(
			last_event(),
			pallet_network_states::Event::StateDeregistered { state: a, depositor: ALICE }.into()
		);
		assert_eq!((held_deposit(ALICE), held_state(ALICE)), (0, 0));
		assert_eq!(free(ALICE), alice_free + STATE_DEPOSIT);
	});
}

#[test]
fn deregister_refused_while_only_a_blueprint_remains() {
	run_test(|| {
		let (_, b, _) = three_states();
		let bp = publish_of(BOB, b, None);
		assert_noop!(
			States::deregister_state(RuntimeOrigin::signed(BOB), b),
			pallet_network_states::Error::<Test>::StateHasDeployments
		);
		assert_ok!(Deployments::retire_blueprint(RuntimeOrigin::signed(BOB), bp));
		assert_ok!(States::deregister_state(RuntimeOrigin::signed(BOB), b));
	});
}

#[test]
fn deployment_registry_tells_a_deployments_state_and_a_devices_deployment() {
	use atlas_primitives::DeploymentRegistry;
	run_test(|| {
		let (a, b, _) = three_states();
		MockDevices::register(1, DAVE, a);
		MockDevices::register(2, DAVE, b);
		let dep_a = create_deployment_of(ALICE, a);
		let dep_b = create_deployment_of(BOB, b);
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), dep_a, 1));
		assert_eq!(<Deployments as DeploymentRegistry>::deployment_state(dep_a), Some(a));
		assert_eq!(<Deployments as DeploymentRegistry>::deployment_state(dep_b), Some(b));
		assert_eq!(<Deployments as DeploymentRegistry>::deployment_state(99), None);
		assert_eq!(<Deployments as DeploymentRegistry>::deployment_of(1), Some(dep_a));
		// In no deployment, or not registered at all.
		assert_eq!(<Deployments as DeploymentRegistry>::deployment_of(2), None);
		assert_eq!(<Deployments as DeploymentRegistry>::deployment_of(77), None);
		// Left and closed: gone.
		assert_ok!(Deployments::remove_device(RuntimeOrigin::signed(DAVE), dep_a, 1));
		assert_eq!(<Deployments as DeploymentRegistry>::deployment_of(1), None);
		assert_ok!(Deployments::close_deployment(RuntimeOrigin::signed(ALICE), dep_a));
		assert_eq!(<Deployments as DeploymentRegistry>::deployment_state(dep_a), None);
	});
}

#[test]
fn state_holdings_report_deployments_and_blueprints() {
	use atlas_primitives::{StateHolding, StateHoldings};
	use frame_support::{traits::Get, weights::RuntimeDbWeight};
	run_test(|| {
		let (a, b, c) = three_states();
		let holding = |state| <Deployments as StateHoldings>::holding(state);
		assert_eq!((holding(a), holding(b), holding(c), holding(42)), (None, None, None, None));
		let dep = create_deployment_of(ALICE, a);
		let bp = publish_of(BOB, b, None);
		assert_eq!(holding(a), Some(StateHolding::Deployments));
		assert_eq!(holding(b), Some(StateHolding::Deployments));
		assert_eq!(holding(c), None);
		assert_ok!(Deployments::close_deployment(RuntimeOrigin::signed(ALICE), dep));
		assert_ok!(Deployments::retire_blueprint(RuntimeOrigin::signed(BOB), bp));
		assert_eq!((holding(a), holding(b)), (None, None));
		let db: RuntimeDbWeight = <Test as frame_system::Config>::DbWeight::get();
		assert_eq!(<Deployments as StateHoldings>::weight(), db.reads(2));
		// The devices registry's holding comes first in the states pallet's tuple.
		MockDevices::set(a, 1);
		let _ = create_deployment_of(ALICE, a);
		assert_eq!(
			<(MockDevices, Deployments) as StateHoldings>::holding(a),
			Some(StateHolding::Devices)
		);
		assert_noop!(
			States::deregister_state(RuntimeOrigin::signed(ALICE), a),
			pallet_network_states::Error::<Test>::StateHasDevices
		);
		MockDevices::set(a, 0);
		assert_noop!(
			States::deregister_state(RuntimeOrigin::signed(ALICE), a),
			pallet_network_states::Error::<Test>::StateHasDeployments
		);
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn benchmark_deployment_keeps_the_invariants() {
	use atlas_primitives::DeploymentRegistry;
	run_test(|| {
		let (a, _, _) = three_states();
		let taken = create_deployment_of(ALICE, a);
		for d in 1..=5 {
			MockDevices::register(d, DAVE, a);
		}
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), taken, 1));
		// Device 1 is taken already; at most three devices fit.
		let id = <Deployments as DeploymentRegistry>::benchmark_deployment(a, &[1, 2, 3, 4, 5]);
		assert_eq!(id, taken + 1);
		assert_eq!(NextDeploymentId::<Test>::get(), id + 1);
		assert_eq!(<Deployments as DeploymentRegistry>::deployment_state(id), Some(a));
		assert_eq!(members_of(id), vec![2, 3, 4]);
		assert_eq!(devices_of(id), 3);
		assert!(StateDeployments::<Test>::contains_key(a, id));
		// A benchmark account, funded for it, pays the deposit.
		let depositor = crate::Deployments::<Test>::get(id).map(|d| d.depositor).unwrap();
		assert_eq!(held_deposit(depositor), DEPLOYMENT_DEPOSIT);
		assert_ok!(Deployments::do_try_state());
	});
}
