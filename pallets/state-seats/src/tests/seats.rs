//! Council seats: one per active state, held by its admin, claimed when the council is full.

use super::*;

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
		assert_noop!(Seats::claim_seat(RuntimeOrigin::signed(10), 9), Error::<Test>::NotStateAdmin);
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
fn a_state_on_probation_holds_no_seat_until_established() {
	run_test(|| {
		MockRoles::add(0, 10);
		MockRoles::set_established(0, false);
		// Admitted: active, told so, but on probation.
		Hook::on_active(0, &10);
		assert_eq!(MockCouncil::members(), Vec::<AccountId>::new());
		assert_eq!(SeatOf::<Test>::get(0), None);
		assert_noop!(
			Seats::claim_seat(RuntimeOrigin::signed(10), 0),
			Error::<Test>::StateNotEstablished
		);
		// A new admin on probation gets no seat either.
		MockRoles::set_admin(0, 20);
		Hook::on_admin_changed(0, &10, &20, true);
		assert_eq!(MockCouncil::members(), Vec::<AccountId>::new());
		// Its probation ends: the registry tells the seats again.
		MockRoles::set_established(0, true);
		Hook::on_active(0, &20);
		assert_eq!(MockCouncil::members(), vec![20]);
		assert_eq!(last_event(), Event::Seated { state: 0, who: 20 }.into());
	});
}
