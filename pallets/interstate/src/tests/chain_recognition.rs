//! Chain-wide recognition by governance.

use super::*;

#[test]
fn chain_recognition_by_governance() {
	run_test(|| {
		let (a, b, c) = three_states();
		assert_noop!(
			Interstate::set_chain_recognition(RuntimeOrigin::signed(ALICE), a, true),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Interstate::set_chain_recognition(RuntimeOrigin::none(), a, true),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Interstate::set_chain_recognition(RuntimeOrigin::root(), 42, true),
			Error::<Test>::StateNotFound
		);
		assert_noop!(
			Interstate::set_chain_recognition(RuntimeOrigin::root(), a, false),
			Error::<Test>::ChainRecognitionUnchanged
		);
		assert!(!Interstate::is_recognised(b, a));

		System::set_block_number(3);
		assert_ok!(Interstate::set_chain_recognition(RuntimeOrigin::root(), a, true));
		System::assert_last_event(Event::ChainRecognitionSet { state: a, recognised: true }.into());
		assert_eq!(ChainRecognised::<Test>::get(a), Some(3));
		// Every state (even an unknown one) recognises A now; A recognises nobody.
		for x in [a, b, c, 42] {
			assert!(Interstate::is_recognised(x, a));
		}
		assert!(!Interstate::is_recognised(a, b));
		// No links, no deposits.
		assert_eq!(link_count(a), None);
		assert_eq!(held_recognition(ALICE), 0);
		assert!(Interstate::recognised_by(a, None, 10).items.is_empty());
		assert_noop!(
			Interstate::set_chain_recognition(RuntimeOrigin::root(), a, true),
			Error::<Test>::ChainRecognitionUnchanged
		);

		assert_ok!(Interstate::set_chain_recognition(RuntimeOrigin::root(), a, false));
		System::assert_last_event(
			Event::ChainRecognitionSet { state: a, recognised: false }.into(),
		);
		assert_eq!(ChainRecognised::<Test>::get(a), None);
		assert!(!Interstate::is_recognised(b, a));

		// Deregistering a chain-recognised state clears it.
		assert_ok!(Interstate::set_chain_recognition(RuntimeOrigin::root(), c, true));
		assert_ok!(States::deregister_state(RuntimeOrigin::signed(CHARLIE), c));
		assert_eq!(ChainRecognised::<Test>::get(c), None);
		assert!(!Interstate::is_recognised(a, c));
		assert_noop!(
			Interstate::set_chain_recognition(RuntimeOrigin::root(), c, false),
			Error::<Test>::StateNotFound
		);
	});
}

#[test]
fn suspension_keeps_chain_recognition() {
	run_test(|| {
		let (a, b, _) = three_states();
		assert_ok!(Interstate::set_chain_recognition(RuntimeOrigin::root(), a, true));
		// Suspended (the states pallet tells this pallet it became inactive): still recognised.
		assert_ok!(States::suspend_state(RuntimeOrigin::root(), a));
		assert_eq!(ChainRecognised::<Test>::get(a), Some(1));
		assert!(Interstate::is_recognised(b, a));
		assert_ok!(States::restore_state(RuntimeOrigin::root(), a));
		assert_eq!(ChainRecognised::<Test>::get(a), Some(1));
		// Deregistered: gone.
		assert_ok!(States::deregister_state(RuntimeOrigin::signed(ALICE), a));
		assert_eq!(ChainRecognised::<Test>::get(a), None);
	});
}
