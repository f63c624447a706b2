//! Tests of the state seats pallet. Every test ends with `try_state` and a check that the
//! council's members are the seats.

use crate::{mock::*, AppointedBy, Error, Event, SeatOf, SeatStates, StateValidators};
use atlas_primitives::{OnStateChange, StateId, ValidatorIntent};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, Perbill};

type Hook = crate::Pallet<Test>;

/// The registry registering `state` with `admin` (it tells the pallet).
fn register(state: StateId, admin: AccountId) {
	MockRoles::add(state, admin);
	Hook::on_active(state, &admin);
}

fn suspend(state: StateId) {
	MockRoles::set_active(state, false);
	let admin = crate::SeatOf::<Test>::get(state).unwrap_or_default();
	Hook::on_inactive(state, &admin);
}

fn validate(who: AccountId, state: StateId) -> sp_runtime::DispatchResult {
	Seats::validate(RuntimeOrigin::signed(who), state, Perbill::from_percent(5), false)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

#[test]
fn active_states_hold_one_council_seat_each() {
	run_test(|| {
		register(0, 30);
		register(1, 10);
		assert_eq!(MockCouncil::members(), vec![10, 30]);
		assert_eq!(last_event(), Event::Seated { state: 1, who: 10 }.into());
		// Suspension takes the seat away; restoration gives it back.
		suspend(0);
		assert_eq!(MockCouncil::members(), vec![10]);
		assert_eq!(last_event(), Event::Unseated { state: 0, who: 30 }.into());
		MockRoles::set_active(0, true);
		Hook::on_active(0, &30);
		assert_eq!(MockCouncil::members(), vec![10, 30]);
		// Told twice, nothing changes.
		Hook::on_active(0, &30);
		assert_eq!(SeatStates::<Test>::get(30), Some(1));
		// Deregistration too.
		MockRoles::remove(1);
		Hook::on_inactive(1, &10);
		assert_eq!(MockCouncil::members(), vec![30]);
		assert_eq!(SeatOf::<Test>::get(1), None);
	});
}

#[test]
fn an_admin_of_two_states_holds_one_membership_while_either_is_active() {
	run_test(|| {
		register(0, 10);
		register(1, 10);
		assert_eq!(MockCouncil::members(), vec![10]);
		assert_eq!(SeatStates::<Test>::get(10), Some(2));
		suspend(0);
		assert_eq!(MockCouncil::members(), vec![10]);
		suspend(1);
		assert_eq!(MockCouncil::members(), Vec::<AccountId>::new());
		assert_eq!(SeatStates::<Test>::get(10), None);
	});
}

#[test]
fn the_seat_moves_with_the_admin() {
	run_test(|| {
		register(0, 10);
		MockRoles::set_admin(0, 20);
		Hook::on_admin_changed(0, &10, &20, true);
		assert_eq!(MockCouncil::members(), vec![20]);
		assert_eq!(SeatOf::<Test>::get(0), Some(20));
		// A suspended state's new admin gets no seat.
		suspend(0);
		MockRoles::set_admin(0, 30);
		Hook::on_admin_changed(0, &20, &30, false);
		assert_eq!(MockCouncil::members(), Vec::<AccountId>::new());
	});
}

#[test]
fn a_full_council_seats_later_by_claim() {
	run_test(|| {
		for s in 0..MAX_SEATS {
			register(s, 10 + s as u64);
		}
		register(9, 99);
		assert_eq!(last_event(), Event::CouncilFull { state: 9 }.into());
		assert_eq!(MockCouncil::members(), vec![10, 11, 12]);
		assert_noop!(Seats::claim_seat(RuntimeOrigin::signed(99), 9), Error::<Test>::CouncilFull);
		suspend(0);
		assert_noop!(Seats::claim_seat(RuntimeOrigin::signed(10), 9), Error::<Test>::NotAdmin);
		assert_noop!(Seats::claim_seat(RuntimeOrigin::signed(99), 7), Error::<Test>::StateNotFound);
		assert_noop!(
			Seats::claim_seat(RuntimeOrigin::signed(10), 0),
			Error::<Test>::StateSuspended
		);
		assert_noop!(Seats::claim_seat(RuntimeOrigin::signed(11), 1), Error::<Test>::AlreadySeated);
		assert_noop!(Seats::claim_seat(RuntimeOrigin::none(), 9), DispatchError::BadOrigin);
		assert_ok!(Seats::claim_seat(RuntimeOrigin::signed(99), 9));
		assert_eq!(MockCouncil::members(), vec![11, 12, 99]);
	});
}

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
fn try_state_detects_drift() {
	new_test_ext().execute_with(|| {
		register(0, 10);
		SeatStates::<Test>::insert(10, 2);
		assert!(Seats::do_try_state().is_err());
		SeatStates::<Test>::insert(10, 1);
		assert!(Seats::do_try_state().is_ok());
		AppointedBy::<Test>::insert(77, 0);
		assert!(Seats::do_try_state().is_err());
		AppointedBy::<Test>::remove(77);
		MockRoles::set_active(0, false);
		assert!(Seats::do_try_state().is_err());
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
