//! What a state holds here keeps it from deregistering in the network states pallet.

use super::*;
use frame_support::traits::Get;

#[test]
fn deregister_refused_while_linked() {
	run_test(|| {
		let (a, b, c) = three_states();
		// A pending request blocks both sides.
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_noop!(
			States::deregister_state(RuntimeOrigin::signed(ALICE), a),
			pallet_network_states::Error::<Test>::StateHasRecognitions
		);
		assert_noop!(
			States::deregister_state(RuntimeOrigin::signed(BOB), b),
			pallet_network_states::Error::<Test>::StateHasRecognitions
		);
		// So does a recognition.
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_noop!(
			States::deregister_state(RuntimeOrigin::signed(ALICE), a),
			pallet_network_states::Error::<Test>::StateHasRecognitions
		);
		assert_noop!(
			States::deregister_state(RuntimeOrigin::signed(BOB), b),
			pallet_network_states::Error::<Test>::StateHasRecognitions
		);
		// An unlinked state deregisters.
		assert_ok!(States::deregister_state(RuntimeOrigin::signed(CHARLIE), c));
		// After withdrawal both may go.
		assert_ok!(Interstate::withdraw_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(States::deregister_state(RuntimeOrigin::signed(ALICE), a));
		System::assert_last_event(
			pallet_network_states::Event::StateDeregistered { state: a, depositor: ALICE }.into(),
		);
		assert_ok!(States::deregister_state(RuntimeOrigin::signed(BOB), b));
		assert!(pallet_network_states::States::<Test>::iter().next().is_none());
		assert_eq!(held_recognition(ALICE), 0);
		assert_eq!((held_state(ALICE), held_state(BOB)), (0, 0));
	});
}

#[test]
fn deregister_after_declined_request_succeeds() {
	run_test(|| {
		let (a, b, _) = three_states();
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Interstate::decline_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_ok!(States::deregister_state(RuntimeOrigin::signed(BOB), b));
		assert_ok!(States::deregister_state(RuntimeOrigin::signed(ALICE), a));
	});
}

#[test]
fn holdings_name_recognitions_before_agreements() {
	use atlas_primitives::{StateHolding, StateHoldings};
	run_test(|| {
		let (a, d, b, c) = host_and_guests();
		let holding = <Interstate as StateHoldings>::holding;
		// The recognition between A and B; C holds nothing here.
		assert_eq!(holding(a), Some(StateHolding::Recognitions));
		assert_eq!(holding(b), Some(StateHolding::Recognitions));
		assert_eq!(holding(c), None);
		assert_eq!(holding(42), None);
		assert_ok!(Interstate::grant_usage(
			RuntimeOrigin::signed(ALICE),
			a,
			b,
			UsageScope::Deployment(d),
			10,
			Perbill::zero()
		));
		// Recognitions are named first while both remain.
		assert_eq!(holding(a), Some(StateHolding::Recognitions));
		assert_ok!(Interstate::withdraw_recognition(RuntimeOrigin::signed(ALICE), a, b));
		// Then the agreement, on the host's side and on the guest's.
		assert_eq!(holding(a), Some(StateHolding::Agreements));
		assert_eq!(holding(b), Some(StateHolding::Agreements));
		assert_noop!(
			States::deregister_state(RuntimeOrigin::signed(ALICE), a),
			pallet_network_states::Error::<Test>::StateHasAgreements
		);
		// Devices (the first pallet of the mock's holdings) are named before either.
		MockDevices::set(b, 1);
		assert_noop!(
			States::deregister_state(RuntimeOrigin::signed(BOB), b),
			pallet_network_states::Error::<Test>::StateHasDevices
		);
		MockDevices::set(b, 0);
		assert_ok!(Interstate::end_agreement(RuntimeOrigin::signed(BOB), 0));
		assert_eq!((holding(a), holding(b)), (None, None));
		assert_ok!(States::deregister_state(RuntimeOrigin::signed(ALICE), a));
		assert_ok!(States::deregister_state(RuntimeOrigin::signed(BOB), b));
		assert_eq!(
			<Interstate as StateHoldings>::weight(),
			<<Test as frame_system::Config>::DbWeight as Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get()
			.reads(3)
		);
	});
}
