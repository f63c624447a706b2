//! Validators: appointed by active states, chilled when their state or role goes.

use super::*;

#[test]
fn only_appointed_validators_of_active_states_validate() {
	run_test(|| {
		register(0, 10);
		register(1, 20);
		MockRoles::appoint(0, 40);
		for who in [10, 40, 50] {
			MockStaking::bond(who);
		}
		// A stranger, even bonded, is refused.
		assert_noop!(validate(50, 0), Error::<Test>::NotAppointed);
		assert_noop!(validate(40, 7), Error::<Test>::StateNotFound);
		assert_noop!(validate(40, 1), Error::<Test>::NotAppointed);
		assert_noop!(
			Seats::validate(RuntimeOrigin::none(), 0, Perbill::zero(), false),
			DispatchError::BadOrigin
		);
		// Staking's own checks (here: not bonded) still apply, and nothing is recorded.
		MockRoles::appoint(0, 60);
		assert_noop!(validate(60, 0), DispatchError::Other("NotStash"));
		// The appointed validator and the admin (by right) validate.
		assert_ok!(validate(40, 0));
		assert_eq!(last_event(), Event::ValidatorDeclared { state: 0, who: 40 }.into());
		assert_ok!(validate(10, 0));
		assert_eq!(MockStaking::commission(40), Some(Perbill::from_percent(5)));
		assert_eq!(StateValidators::<Test>::get(0).into_inner(), vec![40, 10]);
		// Again: the commission changes, the list does not.
		assert_ok!(Seats::validate(RuntimeOrigin::signed(40), 0, Perbill::from_percent(9), false));
		assert_eq!(MockStaking::commission(40), Some(Perbill::from_percent(9)));
		assert_eq!(StateValidators::<Test>::get(0).len(), 2);
		// The list is bounded.
		MockRoles::appoint(0, 70);
		MockStaking::bond(70);
		assert_noop!(validate(70, 0), Error::<Test>::TooManyValidators);
		// One state at a time.
		MockRoles::appoint(1, 40);
		assert_noop!(validate(40, 1), Error::<Test>::AppointedElsewhere);
		// A suspended state's validators cannot declare again.
		suspend(0);
		assert_noop!(validate(40, 0), Error::<Test>::StateSuspended);
	});
}

#[test]
fn suspension_chills_the_states_validators() {
	run_test(|| {
		register(0, 10);
		register(1, 20);
		MockRoles::appoint(0, 40);
		for who in [10, 20, 40] {
			MockStaking::bond(who);
		}
		assert_ok!(validate(40, 0));
		assert_ok!(validate(10, 0));
		assert_ok!(validate(20, 1));
		suspend(0);
		assert!(!MockStaking::is_validator(&40) && !MockStaking::is_validator(&10));
		assert!(MockStaking::is_validator(&20));
		assert!(System::events()
			.iter()
			.any(|r| r.event == Event::ValidatorChilled { state: 0, who: 40 }.into()));
		assert_eq!(AppointedBy::<Test>::get(40), None);
		assert!(StateValidators::<Test>::get(0).is_empty());
	});
}

#[test]
fn losing_the_role_chills_only_that_validator() {
	run_test(|| {
		register(0, 10);
		MockRoles::appoint(0, 40);
		MockRoles::appoint(0, 41);
		for who in [40, 41] {
			MockStaking::bond(who);
			assert_ok!(validate(who, 0));
		}
		MockRoles::dismiss(0, 40);
		Hook::on_validator_removed(0, &40);
		assert!(!MockStaking::is_validator(&40));
		assert!(MockStaking::is_validator(&41));
		assert_eq!(last_event(), Event::ValidatorChilled { state: 0, who: 40 }.into());
		// Told about another state's validator: nothing happens.
		Hook::on_validator_removed(5, &41);
		assert!(MockStaking::is_validator(&41));
		// The chilled validator may validate for another state that appoints it.
		register(1, 20);
		MockRoles::appoint(1, 40);
		assert_ok!(validate(40, 1));
	});
}

#[test]
fn genesis_records_appointed_validators() {
	use sp_runtime::BuildStorage;
	MockRoles::add(0, 10);
	MockRoles::appoint(0, 40);
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> { validators: vec![(0, 10), (0, 40)] }
		.assimilate_storage(&mut t)
		.unwrap();
	sp_io::TestExternalities::new(t).execute_with(|| {
		assert_eq!(StateValidators::<Test>::get(0).into_inner(), vec![10, 40]);
		assert_eq!(AppointedBy::<Test>::get(40), Some(0));
	});
}

#[test]
fn a_state_on_probation_appoints_no_validators() {
	run_test(|| {
		MockRoles::add(0, 10);
		MockRoles::set_established(0, false);
		MockRoles::appoint(0, 40);
		MockStaking::bond(40);
		assert_noop!(validate(40, 0), Error::<Test>::StateNotEstablished);
		MockRoles::set_established(0, true);
		assert_ok!(validate(40, 0));
	});
}
