//! Registering, updating and deregistering states.

use super::*;

#[test]
fn register_state_holds_deposit_and_emits() {
	run_test(|| {
		let state = register_alice_state();
		let info = States::<Test>::get(state).unwrap();
		assert_eq!(
			info,
			NetworkState {
				name: b"Zuzalu".to_vec().try_into().unwrap(),
				metadata_uri: b"ipfs://charter".to_vec().try_into().unwrap(),
				admin: ALICE,
				depositor: ALICE,
				ticket: ticket(STATE_DEPOSIT),
				bond: BOND,
				admission: Admission::Established,
				status: StateStatus::Active,
				registered_at: 1,
				roles: RoleCounts::default(),
			}
		);
		assert_eq!(held_state(ALICE), STATE_DEPOSIT);
		assert!(System::events().iter().any(|r| r.event
			== Event::StateRegistered { state, admin: ALICE, depositor: ALICE, bond: BOND }
				.into()));
		// A second state gets the next id; the admin may be another account than the payer.
		assert_ok!(NetworkStates::register_state(
			RuntimeOrigin::signed(BOB),
			b"Praxis".to_vec(),
			vec![],
			CHARLIE
		));
		let second = States::<Test>::get(1).unwrap();
		assert_eq!((second.admin, second.depositor), (CHARLIE, BOB));
		assert_eq!(held_state(BOB), STATE_DEPOSIT);
		assert_eq!(held_state(CHARLIE), 0);
	});
}

#[test]
fn register_state_refuses_bad_input() {
	run_test(|| {
		assert_noop!(
			NetworkStates::register_state(RuntimeOrigin::signed(ALICE), vec![], vec![], ALICE),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			NetworkStates::register_state(
				RuntimeOrigin::signed(ALICE),
				vec![b'n'; 17],
				vec![],
				ALICE
			),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			NetworkStates::register_state(
				RuntimeOrigin::signed(ALICE),
				b"ok".to_vec(),
				vec![b'u'; 33],
				ALICE
			),
			Error::<Test>::UriTooLong
		);
		assert_noop!(
			NetworkStates::register_state(
				RuntimeOrigin::signed(POOR),
				b"ok".to_vec(),
				vec![],
				POOR
			),
			Error::<Test>::CannotAffordDeposit
		);
		assert_noop!(
			NetworkStates::register_state(RuntimeOrigin::none(), b"ok".to_vec(), vec![], ALICE),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn state_ids_exhausted_is_an_error() {
	run_test(|| {
		crate::NextStateId::<Test>::put(u32::MAX);
		assert_noop!(
			NetworkStates::register_state(
				RuntimeOrigin::signed(ALICE),
				b"x".to_vec(),
				vec![],
				ALICE
			),
			Error::<Test>::StateIdsExhausted
		);
	});
}

#[test]
fn update_state_by_admin_only() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(NetworkStates::update_state(
			RuntimeOrigin::signed(ALICE),
			state,
			Some(b"Zuzalu II".to_vec()),
			None
		));
		let info = States::<Test>::get(state).unwrap();
		assert_eq!(info.name.to_vec(), b"Zuzalu II".to_vec());
		assert_eq!(info.metadata_uri.to_vec(), b"ipfs://charter".to_vec());
		assert_eq!(last_event(), Event::StateUpdated { state }.into());
		assert_ok!(NetworkStates::update_state(
			RuntimeOrigin::signed(ALICE),
			state,
			None,
			Some(b"https://z".to_vec())
		));
		assert_eq!(
			States::<Test>::get(state).unwrap().metadata_uri.to_vec(),
			b"https://z".to_vec()
		);

		assert_noop!(
			NetworkStates::update_state(
				RuntimeOrigin::signed(BOB),
				state,
				Some(b"x".to_vec()),
				None
			),
			Error::<Test>::NotStateAdmin
		);
		assert_noop!(
			NetworkStates::update_state(RuntimeOrigin::signed(ALICE), 7, Some(b"x".to_vec()), None),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			NetworkStates::update_state(RuntimeOrigin::signed(ALICE), state, None, None),
			Error::<Test>::NothingToUpdate
		);
		assert_noop!(
			NetworkStates::update_state(RuntimeOrigin::signed(ALICE), state, Some(vec![]), None),
			Error::<Test>::EmptyName
		);
		assert_noop!(
			NetworkStates::update_state(
				RuntimeOrigin::signed(ALICE),
				state,
				Some(vec![1; 17]),
				None
			),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			NetworkStates::update_state(
				RuntimeOrigin::signed(ALICE),
				state,
				None,
				Some(vec![1; 33])
			),
			Error::<Test>::UriTooLong
		);
	});
}

#[test]
fn deregister_returns_deposit_once_empty() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Citizen
		));
		MockHoldings::set(state, Some(StateHolding::Devices));
		assert_noop!(
			NetworkStates::deregister_state(RuntimeOrigin::signed(BOB), state),
			Error::<Test>::NotStateAdmin
		);
		assert_noop!(
			NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), 8),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), state),
			Error::<Test>::StateHasDevices
		);
		MockHoldings::set(state, None);
		assert_noop!(
			NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), state),
			Error::<Test>::StateHasMembers
		);
		assert_ok!(NetworkStates::revoke_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Citizen
		));
		let free_before = Balances::balance(&ALICE);
		assert_ok!(NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), state));
		assert_eq!(Balances::balance(&ALICE), free_before + STATE_DEPOSIT + BOND);
		assert_eq!(held_state(ALICE), 0);
		assert!(States::<Test>::get(state).is_none());
		assert!(!NetworkStates::state_exists(state));
		assert_eq!(last_event(), Event::StateDeregistered { state, depositor: ALICE }.into());
		// Ids are never reused.
		assert_ok!(NetworkStates::register_state(
			RuntimeOrigin::signed(ALICE),
			b"n".to_vec(),
			vec![],
			ALICE
		));
		assert!(States::<Test>::contains_key(1));
	});
}

#[test]
fn token_errors_are_not_leaked() {
	// Holding with too little balance maps to our named error, not a raw token error.
	run_test(|| {
		let err =
			NetworkStates::register_state(RuntimeOrigin::signed(POOR), b"x".to_vec(), vec![], POOR)
				.unwrap_err();
		assert_ne!(err, DispatchError::Token(TokenError::FundsUnavailable));
		assert_eq!(err, Error::<Test>::CannotAffordDeposit.into());
	});
}

#[test]
fn deregister_names_what_the_state_still_holds() {
	run_test(|| {
		let state = register_alice_state();
		for (holding, error) in [
			(StateHolding::Devices, Error::<Test>::StateHasDevices),
			(StateHolding::Recognitions, Error::<Test>::StateHasRecognitions),
			(StateHolding::Agreements, Error::<Test>::StateHasAgreements),
			(StateHolding::Deployments, Error::<Test>::StateHasDeployments),
		] {
			MockHoldings::set(state, Some(holding));
			assert_noop!(
				NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), state),
				error
			);
		}
		MockHoldings::set(state, None);
		assert_ok!(NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), state));
		assert!(!NetworkStates::state_exists(state));
	});
}

#[test]
fn deregister_checks_devices_then_members_then_other_holdings() {
	run_test(|| {
		let state = register_alice_state();
		assert_ok!(NetworkStates::grant_role(
			RuntimeOrigin::signed(ALICE),
			state,
			BOB,
			Role::Citizen
		));
		// Devices come before members...
		MockHoldings::set(state, Some(StateHolding::Devices));
		assert_noop!(
			NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), state),
			Error::<Test>::StateHasDevices
		);
		// ...and members before every other holding.
		for holding in
			[StateHolding::Recognitions, StateHolding::Agreements, StateHolding::Deployments]
		{
			MockHoldings::set(state, Some(holding));
			assert_noop!(
				NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), state),
				Error::<Test>::StateHasMembers
			);
		}
		// A suspended state is refused before anything it holds is looked at.
		assert_ok!(NetworkStates::suspend_state(RuntimeOrigin::root(), state));
		MockHoldings::set(state, Some(StateHolding::Devices));
		assert_noop!(
			NetworkStates::deregister_state(RuntimeOrigin::signed(ALICE), state),
			Error::<Test>::StateSuspended
		);
	});
}
