//! Recognition between states: requests, answers and withdrawals.

use super::*;

#[test]
fn recognition_request_and_accept_full_flow() {
	run_test(|| {
		let (a, b, _) = three_states();
		let alice_free = free(ALICE);

		// A asks B to recognise it: Alice pays the deposit.
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(Event::RecognitionRequested { state: a, by: b }.into());
		assert_eq!(held_recognition(ALICE), RECOGNITION_DEPOSIT);
		assert_eq!(free(ALICE), alice_free - RECOGNITION_DEPOSIT);
		assert_eq!(held_recognition(BOB), 0);
		assert_eq!(RecognitionRequests::<Test>::get(b, a), Some(link(ALICE, 1)));
		assert_eq!(RecognitionRequests::<Test>::get(a, b), None);
		assert_eq!((link_count(a), link_count(b)), (Some(1), Some(1)));
		let requests = Interstate::recognition_requests(b, None, 100);
		assert_eq!((requests.items, requests.next), (vec![a], None));
		assert!(Interstate::recognition_requests(a, None, 100).items.is_empty());
		// Not recognised yet.
		assert!(!Interstate::is_recognised(b, a));
		assert!(Recognitions::<Test>::get(b, a).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(a, b));

		// B accepts, later: the request becomes a recognition backed by the same deposit.
		System::set_block_number(5);
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		System::assert_last_event(Event::Recognised { state: a, by: b }.into());
		assert_eq!(Recognitions::<Test>::get(b, a), Some(link(ALICE, 5)));
		assert_eq!(RecognisedBy::<Test>::get(a, b), Some(()));
		assert!(Recognitions::<Test>::get(a, b).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(b, a));
		assert!(RecognitionRequests::<Test>::get(b, a).is_none());
		assert!(Interstate::recognition_requests(b, None, 100).items.is_empty());
		assert_eq!(held_recognition(ALICE), RECOGNITION_DEPOSIT);
		assert_eq!(free(ALICE), alice_free - RECOGNITION_DEPOSIT);
		assert_eq!(held_recognition(BOB), 0);
		// One link each still.
		assert_eq!((link_count(a), link_count(b)), (Some(1), Some(1)));
		assert!(Interstate::is_recognised(b, a));
		assert!(!Interstate::is_recognised(a, b));
		assert_eq!(Interstate::recognitions_of(b, None, 100).items, vec![a]);
		assert_eq!(Interstate::recognitions_of(a, None, 100).items, Vec::<StateId>::new());
		assert_eq!(Interstate::recognised_by(a, None, 100).items, vec![b]);
		assert_eq!(Interstate::recognised_by(b, None, 100).items, Vec::<StateId>::new());
		Interstate::do_try_state().unwrap();

		// Mutual: B asks A, A accepts. Bob pays for this one.
		let bob_free = free(BOB);
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(BOB), b, a));
		System::assert_last_event(Event::RecognitionRequested { state: b, by: a }.into());
		assert_eq!(RecognitionRequests::<Test>::get(a, b), Some(link(BOB, 5)));
		assert_eq!(held_recognition(BOB), RECOGNITION_DEPOSIT);
		assert_eq!(free(BOB), bob_free - RECOGNITION_DEPOSIT);
		assert_eq!((link_count(a), link_count(b)), (Some(2), Some(2)));
		assert_eq!(Interstate::recognition_requests(a, None, 100).items, vec![b]);
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(Event::Recognised { state: b, by: a }.into());
		assert_eq!(Recognitions::<Test>::get(a, b), Some(link(BOB, 5)));
		assert_eq!(Recognitions::<Test>::get(b, a), Some(link(ALICE, 5)));
		assert_eq!(RecognisedBy::<Test>::get(b, a), Some(()));
		assert_eq!(RecognisedBy::<Test>::get(a, b), Some(()));
		assert!(RecognitionRequests::<Test>::iter().next().is_none());
		assert!(Interstate::is_recognised(a, b));
		assert!(Interstate::is_recognised(b, a));
		assert_eq!(Interstate::recognitions_of(a, None, 100).items, vec![b]);
		assert_eq!(Interstate::recognised_by(b, None, 100).items, vec![a]);
		assert_eq!((held_recognition(ALICE), held_recognition(BOB)), (30, 30));
		assert_eq!((link_count(a), link_count(b)), (Some(2), Some(2)));
	});
}

#[test]
fn request_recognition_errors() {
	run_test(|| {
		let (a, b, c) = three_states();
		// Only the asking state's admin may ask.
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(BOB), a, b),
			Error::<Test>::NotStateAdmin
		);
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::none(), a, b),
			DispatchError::BadOrigin
		);
		// Unknown asking or asked state.
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(ALICE), 42, b),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, 42),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, a),
			Error::<Test>::CannotRecogniseSelf
		);
		// The asking state suspended.
		assert_ok!(States::suspend_state(RuntimeOrigin::root(), a));
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::StateSuspended
		);
		assert_ok!(States::restore_state(RuntimeOrigin::root(), a));
		// The asked state suspended.
		assert_ok!(States::suspend_state(RuntimeOrigin::root(), b));
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::StateSuspended
		);
		assert_ok!(States::restore_state(RuntimeOrigin::root(), b));

		// Asking twice.
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::AlreadyRequested
		);
		// Asking again once recognised.
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::AlreadyRecognised
		);
		// The other direction and other states are still free.
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, c));
		assert_eq!(held_recognition(ALICE), 2 * RECOGNITION_DEPOSIT);

		// An admin without funds cannot pay the deposit.
		let poor = register_state_of(DAVE, PENNILESS);
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(PENNILESS), poor, a),
			Error::<Test>::CannotAffordDeposit
		);
		// Nor one whose balance would fall below the existential deposit.
		let poor2 = register_state_of(DAVE, POOR);
		<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(
			&POOR,
			RECOGNITION_DEPOSIT,
		);
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(POOR), poor2, a),
			Error::<Test>::CannotAffordDeposit
		);
		<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(
			&POOR,
			RECOGNITION_DEPOSIT + 1,
		);
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(POOR), poor2, a));
		assert_eq!(held_recognition(POOR), RECOGNITION_DEPOSIT);
		assert_eq!(link_count(a), Some(3));
		assert_eq!(link_count(poor), None);
	});
}

#[test]
fn accept_recognition_errors() {
	run_test(|| {
		let (a, b, c) = three_states();
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		// Only the asked state's admin accepts; not the asker.
		assert_noop!(
			Interstate::accept_recognition(RuntimeOrigin::signed(ALICE), b, a),
			Error::<Test>::NotStateAdmin
		);
		assert_noop!(
			Interstate::accept_recognition(RuntimeOrigin::signed(CHARLIE), b, a),
			Error::<Test>::NotStateAdmin
		);
		assert_noop!(
			Interstate::accept_recognition(RuntimeOrigin::signed(BOB), 42, a),
			Error::<Test>::StateNotFound
		);
		// No request from C, nor from A to C, nor the other way round.
		assert_noop!(
			Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, c),
			Error::<Test>::RequestNotFound
		);
		assert_noop!(
			Interstate::accept_recognition(RuntimeOrigin::signed(CHARLIE), c, a),
			Error::<Test>::RequestNotFound
		);
		assert_noop!(
			Interstate::accept_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::RequestNotFound
		);
		// The asked state suspended after the request cannot accept.
		assert_ok!(States::suspend_state(RuntimeOrigin::root(), b));
		assert_noop!(
			Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::StateSuspended
		);
		assert_ok!(States::restore_state(RuntimeOrigin::root(), b));
		// Nor can a suspended state be recognised.
		assert_ok!(States::suspend_state(RuntimeOrigin::root(), a));
		assert_noop!(
			Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::StateSuspended
		);
		assert_ok!(States::restore_state(RuntimeOrigin::root(), a));
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		// Accepting twice: the request is gone.
		assert_noop!(
			Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::RequestNotFound
		);
	});
}

#[test]
fn decline_recognition_releases_deposit() {
	run_test(|| {
		let (a, b, c) = three_states();
		let alice_free = free(ALICE);
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_noop!(
			Interstate::decline_recognition(RuntimeOrigin::signed(ALICE), b, a),
			Error::<Test>::NotStateAdmin
		);
		assert_noop!(
			Interstate::decline_recognition(RuntimeOrigin::signed(CHARLIE), b, a),
			Error::<Test>::NotStateAdmin
		);
		assert_noop!(
			Interstate::decline_recognition(RuntimeOrigin::signed(BOB), 42, a),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Interstate::decline_recognition(RuntimeOrigin::signed(BOB), b, c),
			Error::<Test>::RequestNotFound
		);
		assert_noop!(
			Interstate::decline_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::RequestNotFound
		);

		assert_ok!(Interstate::decline_recognition(RuntimeOrigin::signed(BOB), b, a));
		System::assert_last_event(Event::RecognitionDeclined { state: a, by: b }.into());
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!(free(ALICE), alice_free);
		assert!(RecognitionRequests::<Test>::get(b, a).is_none());
		assert!(Recognitions::<Test>::get(b, a).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(a, b));
		assert_eq!((link_count(a), link_count(b)), (None, None));
		assert!(!Interstate::is_recognised(b, a));
		assert_noop!(
			Interstate::decline_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::RequestNotFound
		);
		// A may ask again after a refusal.
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_eq!(held_recognition(ALICE), RECOGNITION_DEPOSIT);
	});
}

#[test]
fn withdraw_by_the_recognising_side() {
	run_test(|| {
		let (a, b, _) = three_states();
		let alice_free = free(ALICE);
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		// B stops recognising A: Alice, who paid, gets her deposit back.
		assert_ok!(Interstate::withdraw_recognition(RuntimeOrigin::signed(BOB), b, a));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: a, by: b, withdrawn_by: b }.into(),
		);
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!(free(ALICE), alice_free);
		assert!(Recognitions::<Test>::get(b, a).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(a, b));
		assert_eq!((link_count(a), link_count(b)), (None, None));
		assert!(!Interstate::is_recognised(b, a));
		assert!(Interstate::recognitions_of(b, None, 10).items.is_empty());
		assert!(Interstate::recognised_by(a, None, 10).items.is_empty());
		assert_noop!(
			Interstate::withdraw_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::NotRecognised
		);
	});
}

#[test]
fn withdraw_by_the_recognised_side() {
	run_test(|| {
		let (a, b, _) = three_states();
		let alice_free = free(ALICE);
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_noop!(
			Interstate::withdraw_recognition(RuntimeOrigin::signed(BOB), a, b),
			Error::<Test>::NotStateAdmin
		);
		assert_noop!(
			Interstate::withdraw_recognition(RuntimeOrigin::signed(ALICE), 42, b),
			Error::<Test>::StateNotFound
		);
		// A gives up B's recognition.
		assert_ok!(Interstate::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: a, by: b, withdrawn_by: a }.into(),
		);
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!(free(ALICE), alice_free);
		assert!(Recognitions::<Test>::get(b, a).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(a, b));
		assert_eq!((link_count(a), link_count(b)), (None, None));
		assert!(!Interstate::is_recognised(b, a));
	});
}

#[test]
fn withdraw_cancels_own_pending_request() {
	run_test(|| {
		let (a, b, c) = three_states();
		let alice_free = free(ALICE);
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		// The asked side cannot withdraw a request; it declines instead.
		assert_noop!(
			Interstate::withdraw_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::NotRecognised
		);
		// Nothing links A and C.
		assert_noop!(
			Interstate::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, c),
			Error::<Test>::NotRecognised
		);
		assert_noop!(
			Interstate::withdraw_recognition(RuntimeOrigin::signed(CHARLIE), a, b),
			Error::<Test>::NotStateAdmin
		);
		assert_ok!(Interstate::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: a, by: b, withdrawn_by: a }.into(),
		);
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!(free(ALICE), alice_free);
		assert!(RecognitionRequests::<Test>::get(b, a).is_none());
		assert!(Recognitions::<Test>::get(b, a).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(a, b));
		assert_eq!((link_count(a), link_count(b)), (None, None));
		assert!(Interstate::recognition_requests(b, None, 10).items.is_empty());
		assert_noop!(
			Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a),
			Error::<Test>::RequestNotFound
		);
	});
}

#[test]
fn withdraw_mutual_recognition_returns_each_deposit_to_its_payer() {
	run_test(|| {
		let (a, b, _) = three_states();
		let (alice_free, bob_free) = (free(ALICE), free(BOB));
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_eq!((link_count(a), link_count(b)), (Some(2), Some(2)));

		// A withdraws its own recognition of B first: Bob paid for that one.
		assert_ok!(Interstate::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: b, by: a, withdrawn_by: a }.into(),
		);
		assert_eq!((held_recognition(ALICE), held_recognition(BOB)), (RECOGNITION_DEPOSIT, 0));
		assert_eq!(free(BOB), bob_free);
		assert!(Recognitions::<Test>::get(a, b).is_none());
		assert!(!RecognisedBy::<Test>::contains_key(b, a));
		assert!(Recognitions::<Test>::get(b, a).is_some());
		assert!(RecognisedBy::<Test>::contains_key(a, b));
		assert_eq!((link_count(a), link_count(b)), (Some(1), Some(1)));
		assert!(!Interstate::is_recognised(a, b));
		assert!(Interstate::is_recognised(b, a));

		// Again: now B's recognition of A, paid by Alice.
		assert_ok!(Interstate::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: a, by: b, withdrawn_by: a }.into(),
		);
		assert_eq!((held_recognition(ALICE), held_recognition(BOB)), (0, 0));
		assert_eq!((free(ALICE), free(BOB)), (alice_free, bob_free));
		assert!(Recognitions::<Test>::iter().next().is_none());
		assert!(RecognisedBy::<Test>::iter().next().is_none());
		assert_eq!((link_count(a), link_count(b)), (None, None));
		assert_noop!(
			Interstate::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::NotRecognised
		);
	});
}

#[test]
fn withdraw_after_admin_handover_pays_the_original_depositor() {
	run_test(|| {
		let (a, b, _) = three_states();
		let alice_free = free(ALICE);
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(States::transfer_admin(RuntimeOrigin::signed(ALICE), a, DAVE));
		assert_ok!(States::accept_admin(RuntimeOrigin::signed(DAVE), a));
		// The old admin can no longer withdraw; the new one can, and Alice is repaid.
		assert_noop!(
			Interstate::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b),
			Error::<Test>::NotStateAdmin
		);
		assert_ok!(Interstate::withdraw_recognition(RuntimeOrigin::signed(DAVE), a, b));
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!(held_recognition(DAVE), 0);
		// Alice paid the state deposit and got it back through the handover.
		assert_eq!(free(ALICE), alice_free + STATE_DEPOSIT);
	});
}

#[test]
fn withdraw_takes_own_recognition_before_being_recognised_or_own_request() {
	// The documented order: `state`'s recognition of `other`, else `other`'s recognition of
	// `state`, else `state`'s pending request to `other`.
	run_test(|| {
		let (a, b, _) = three_states();
		// B asks A, A accepts: A recognises B (Bob paid). Then A asks B (Alice pays).
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_eq!((link_count(a), link_count(b)), (Some(2), Some(2)));
		// A's first withdrawal drops its recognition of B, not its own request.
		assert_ok!(Interstate::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: b, by: a, withdrawn_by: a }.into(),
		);
		assert!(Recognitions::<Test>::get(a, b).is_none());
		assert_eq!(RecognitionRequests::<Test>::get(b, a), Some(link(ALICE, 1)));
		assert_eq!((held_recognition(ALICE), held_recognition(BOB)), (RECOGNITION_DEPOSIT, 0));
		// The second one cancels the request.
		assert_ok!(Interstate::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		System::assert_last_event(
			Event::RecognitionWithdrawn { state: a, by: b, withdrawn_by: a }.into(),
		);
		assert!(RecognitionRequests::<Test>::get(b, a).is_none());
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!((link_count(a), link_count(b)), (None, None));
	});
}

/// A state on probation neither asks for nor gives recognition, and governance does not
/// recognise it chain-wide: standing is earned after probation.
#[test]
fn states_on_probation_take_no_part_in_recognitions() {
	run_test(|| {
		let (a, _, _) = three_states();
		let fresh = pallet_network_states::NextStateId::<Test>::get();
		assert_ok!(States::register_state(
			RuntimeOrigin::signed(DAVE),
			b"Fresh".to_vec(),
			vec![],
			DAVE
		));
		// An applicant is not even active.
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(DAVE), fresh, a),
			Error::<Test>::StateSuspended
		);
		// Admitted, then put back on probation as a probation-bearing runtime would have it.
		assert_ok!(States::admit_state(RuntimeOrigin::root(), fresh));
		pallet_network_states::States::<Test>::mutate(fresh, |s| {
			s.as_mut().unwrap().admission =
				pallet_network_states::Admission::Probation { until: 100 };
		});
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(DAVE), fresh, a),
			Error::<Test>::StateNotEstablished
		);
		assert_noop!(
			Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, fresh),
			Error::<Test>::StateNotEstablished
		);
		assert_noop!(
			Interstate::set_chain_recognition(RuntimeOrigin::root(), fresh, true),
			Error::<Test>::StateNotEstablished
		);
	});
}
