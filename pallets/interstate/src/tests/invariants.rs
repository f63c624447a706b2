//! `try_state` catches broken recognitions and agreements.

use super::*;

#[test]
fn try_state_detects_broken_recognitions() {
	run_test(|| {
		let (a, b, c) = three_states();
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(CHARLIE), c, a));
		assert_ok!(Interstate::do_try_state());

		// A recognition without its reverse index.
		RecognisedBy::<Test>::remove(a, b);
		assert!(Interstate::do_try_state().is_err());
		RecognisedBy::<Test>::insert(a, b, ());
		assert_ok!(Interstate::do_try_state());

		// An index without a recognition.
		RecognisedBy::<Test>::insert(c, b, ());
		assert!(Interstate::do_try_state().is_err());
		RecognisedBy::<Test>::remove(c, b);
		assert_ok!(Interstate::do_try_state());

		// A recognition inserted behind the pallet's back (indexed, but uncounted and unpaid).
		Recognitions::<Test>::insert(c, b, link(BOB, 1));
		assert!(Interstate::do_try_state().is_err());
		RecognisedBy::<Test>::insert(b, c, ());
		assert!(Interstate::do_try_state().is_err());
		Recognitions::<Test>::remove(c, b);
		RecognisedBy::<Test>::remove(b, c);
		assert_ok!(Interstate::do_try_state());

		// A bogus link count, too high, too low, or for a state with no links.
		LinkCount::<Test>::insert(a, 3);
		assert!(Interstate::do_try_state().is_err());
		LinkCount::<Test>::insert(a, 1);
		assert!(Interstate::do_try_state().is_err());
		LinkCount::<Test>::insert(a, 2);
		assert_ok!(Interstate::do_try_state());
		LinkCount::<Test>::insert(42, 1);
		assert!(Interstate::do_try_state().is_err());
		LinkCount::<Test>::remove(42);
		LinkCount::<Test>::remove(b);
		assert!(Interstate::do_try_state().is_err());
		LinkCount::<Test>::insert(b, 1);
		assert_ok!(Interstate::do_try_state());

		// A request for a recognition that already exists.
		RecognitionRequests::<Test>::insert(b, a, link(ALICE, 1));
		assert!(Interstate::do_try_state().is_err());
		RecognitionRequests::<Test>::remove(b, a);
		assert_ok!(Interstate::do_try_state());

		// A state asking or recognising itself.
		RecognitionRequests::<Test>::insert(c, c, link(CHARLIE, 1));
		assert!(Interstate::do_try_state().is_err());
		RecognitionRequests::<Test>::remove(c, c);
		Recognitions::<Test>::insert(c, c, link(CHARLIE, 1));
		RecognisedBy::<Test>::insert(c, c, ());
		assert!(Interstate::do_try_state().is_err());
		Recognitions::<Test>::remove(c, c);
		RecognisedBy::<Test>::remove(c, c);
		assert_ok!(Interstate::do_try_state());

		// Chain-wide recognition of an unknown state.
		ChainRecognised::<Test>::insert(42, 1);
		assert!(Interstate::do_try_state().is_err());
		ChainRecognised::<Test>::remove(42);
		assert_ok!(Interstate::do_try_state());

		// A link to a state that no longer exists.
		let saved = pallet_network_states::States::<Test>::take(c).unwrap();
		assert!(Interstate::do_try_state().is_err());
		pallet_network_states::States::<Test>::insert(c, saved);
		// run_test checks the restored state once more.
	});
}

#[test]
fn try_state_detects_broken_agreements() {
	new_test_ext().execute_with(|| {
		let (a, d, b, _) = host_and_guests();
		let dep = UsageScope::Deployment(d);
		assert_ok!(Interstate::grant_usage(
			RuntimeOrigin::signed(ALICE),
			a,
			b,
			dep,
			50,
			Perbill::zero()
		));
		assert_ok!(Interstate::do_try_state());
		GuestAgreements::<Test>::remove(b, 0);
		assert!(Interstate::do_try_state().is_err());
		GuestAgreements::<Test>::insert(b, 0, ());
		AgreementOfScope::<Test>::remove((a, b), dep);
		assert!(Interstate::do_try_state().is_err());
		AgreementOfScope::<Test>::insert((a, b), dep, 0);
		assert_ok!(Interstate::do_try_state());
	});
}
