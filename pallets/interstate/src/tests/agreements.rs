//! Co-use agreements: granting, extending, ending, expiring, and the host's share.

use super::*;

#[test]
fn co_use_agreement_grants_usage_for_a_time() {
	run_test(|| {
		let (a, d, b, _) = host_and_guests();
		System::set_block_number(10);
		assert!(!Interstate::usage_allowed(b, 1));
		assert!(Interstate::usage_allowed(a, 1), "a state's own devices");
		let share = Perbill::from_percent(20);
		assert_ok!(Interstate::grant_usage(
			RuntimeOrigin::signed(ALICE),
			a,
			b,
			UsageScope::Deployment(d),
			50,
			share
		));
		System::assert_last_event(
			Event::UsageGranted {
				agreement: 0,
				host: a,
				guest: b,
				scope: UsageScope::Deployment(d),
				host_share: share,
				ends: 60,
			}
			.into(),
		);
		assert_eq!(held_agreement(ALICE), AGREEMENT_DEPOSIT);
		let agreement = Interstate::agreement(0).unwrap();
		assert_eq!((agreement.starts, agreement.ends, agreement.depositor), (10, 60, ALICE));
		assert_eq!(AgreementOfScope::<Test>::get((a, b), UsageScope::Deployment(d)), Some(0));
		assert!(Interstate::usage_allowed(b, 1) && Interstate::usage_allowed(b, 2));
		assert!(!Interstate::usage_allowed(b, 3), "device 3 is outside the deployment");
		// A class grant covers every device of the class in the host state.
		assert_ok!(Interstate::grant_usage(
			RuntimeOrigin::signed(ALICE),
			a,
			b,
			UsageScope::Class(DeviceClass::Energy),
			20,
			Perbill::zero()
		));
		assert!(Interstate::usage_allowed(b, 3));
		let hosted = Interstate::agreements_hosted_by(a, None, 1);
		assert_eq!(hosted.items.len(), 1);
		let first = hosted.items[0].0;
		assert_eq!(hosted.next, Some(first));
		let rest = Interstate::agreements_hosted_by(a, hosted.next, 10);
		assert_eq!((rest.items[0].0, rest.next), (1 - first, None));
		assert_eq!(Interstate::agreements_granted_to(b, None, 10).items.len(), 2);
		assert!(Interstate::agreements_granted_to(a, None, 10).items.is_empty());
		// The class grant runs out at block 30.
		System::set_block_number(30);
		assert!(!Interstate::usage_allowed(b, 3));
		assert!(Interstate::usage_allowed(b, 1));
	});
}

#[test]
fn grant_usage_errors() {
	run_test(|| {
		let (a, d, b, c) = host_and_guests();
		let grant = |who, host, guest, scope, duration| {
			Interstate::grant_usage(
				RuntimeOrigin::signed(who),
				host,
				guest,
				scope,
				duration,
				Perbill::from_percent(10),
			)
		};
		let dep = UsageScope::Deployment(d);
		assert_noop!(grant(BOB, a, b, dep, 10), Error::<Test>::NotStateAdmin);
		assert_noop!(grant(ALICE, 9, b, dep, 10), Error::<Test>::StateNotFound);
		assert_noop!(grant(ALICE, a, a, dep, 10), Error::<Test>::CannotAgreeWithSelf);
		assert_noop!(grant(ALICE, a, 9, dep, 10), Error::<Test>::StateNotFound);
		assert_noop!(grant(ALICE, a, c, dep, 10), Error::<Test>::GuestNotRecognised);
		assert_noop!(
			grant(ALICE, a, b, UsageScope::Deployment(9), 10),
			Error::<Test>::DeploymentNotFound
		);
		let bobs = MockDeployments::create(b);
		assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), a, b));
		assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_noop!(
			grant(BOB, b, a, UsageScope::Deployment(d), 10),
			Error::<Test>::DeploymentOfOtherState
		);
		assert_ok!(grant(BOB, b, a, UsageScope::Deployment(bobs), 10));
		assert_noop!(grant(ALICE, a, b, dep, 0), Error::<Test>::BadDuration);
		assert_noop!(
			grant(ALICE, a, b, dep, MAX_AGREEMENT_DURATION + 1),
			Error::<Test>::BadDuration
		);
		assert_ok!(grant(ALICE, a, b, dep, MAX_AGREEMENT_DURATION));
		assert_noop!(grant(ALICE, a, b, dep, 10), Error::<Test>::AgreementExists);
		// Chain-wide recognition counts as recognition.
		assert_ok!(Interstate::set_chain_recognition(RuntimeOrigin::root(), c, true));
		let p = register_state_of(ALICE, POOR);
		assert_ok!(Interstate::set_chain_recognition(RuntimeOrigin::root(), a, true));
		assert_noop!(
			grant(POOR, p, a, UsageScope::Class(DeviceClass::Compute), 10),
			Error::<Test>::CannotAffordDeposit
		);
		assert_ok!(States::suspend_state(RuntimeOrigin::root(), a));
		assert_noop!(
			grant(ALICE, a, c, UsageScope::Class(DeviceClass::Energy), 10),
			Error::<Test>::StateSuspended
		);
		assert_ok!(States::restore_state(RuntimeOrigin::root(), a));
		assert_ok!(grant(ALICE, a, c, UsageScope::Class(DeviceClass::Energy), 10));
	});
}

#[test]
fn agreements_end_expire_and_extend() {
	run_test(|| {
		let (a, d, b, c) = host_and_guests();
		System::set_block_number(10);
		let dep = UsageScope::Deployment(d);
		let energy = UsageScope::Class(DeviceClass::Energy);
		let share = Perbill::from_percent(5);
		assert_ok!(Interstate::grant_usage(RuntimeOrigin::signed(ALICE), a, b, dep, 50, share));
		assert_ok!(Interstate::grant_usage(RuntimeOrigin::signed(ALICE), a, b, energy, 20, share));
		assert_eq!(held_agreement(ALICE), 2 * AGREEMENT_DEPOSIT);
		// A state with agreements cannot deregister (even once no longer recognised).
		assert_ok!(Interstate::withdraw_recognition(RuntimeOrigin::signed(BOB), b, a));
		assert_noop!(
			States::deregister_state(RuntimeOrigin::signed(BOB), b),
			pallet_network_states::Error::<Test>::StateHasAgreements
		);
		// Ending: the host's or the guest's admin only.
		assert_noop!(
			Interstate::end_agreement(RuntimeOrigin::signed(CHARLIE), 0),
			Error::<Test>::NotAgreementParty
		);
		assert_noop!(
			Interstate::end_agreement(RuntimeOrigin::signed(ALICE), 7),
			Error::<Test>::AgreementNotFound
		);
		assert_ok!(Interstate::end_agreement(RuntimeOrigin::signed(BOB), 0));
		System::assert_last_event(Event::AgreementEnded { agreement: 0, by: b }.into());
		assert_eq!(held_agreement(ALICE), AGREEMENT_DEPOSIT);
		assert!(!AgreementOfScope::<Test>::contains_key((a, b), dep));
		assert!(!HostAgreements::<Test>::contains_key(a, 0));
		assert!(!GuestAgreements::<Test>::contains_key(b, 0));
		// Extending: the host admin, before it runs out, within the longest duration.
		assert_noop!(
			Interstate::extend_agreement(RuntimeOrigin::signed(BOB), 1, 10),
			Error::<Test>::NotStateAdmin
		);
		assert_noop!(
			Interstate::extend_agreement(
				RuntimeOrigin::signed(ALICE),
				1,
				MAX_AGREEMENT_DURATION + 1
			),
			Error::<Test>::BadDuration
		);
		assert_noop!(
			Interstate::extend_agreement(RuntimeOrigin::signed(ALICE), 0, 10),
			Error::<Test>::AgreementNotFound
		);
		System::set_block_number(25);
		assert_ok!(Interstate::extend_agreement(RuntimeOrigin::signed(ALICE), 1, 10));
		System::assert_last_event(Event::AgreementExtended { agreement: 1, ends: 35 }.into());
		// Expiring: anyone, once it ran out.
		assert_noop!(
			Interstate::expire_agreement(RuntimeOrigin::signed(CHARLIE), 1),
			Error::<Test>::AgreementNotExpired
		);
		System::set_block_number(35);
		assert_noop!(
			Interstate::extend_agreement(RuntimeOrigin::signed(ALICE), 1, 10),
			Error::<Test>::AgreementExpired
		);
		assert!(!Interstate::usage_allowed(b, 1));
		assert_ok!(Interstate::expire_agreement(RuntimeOrigin::signed(CHARLIE), 1));
		System::assert_last_event(Event::AgreementExpired { agreement: 1 }.into());
		assert_eq!(held_agreement(ALICE), 0);
		assert!(Agreements::<Test>::iter().next().is_none());
		assert_noop!(
			Interstate::expire_agreement(RuntimeOrigin::signed(CHARLIE), 1),
			Error::<Test>::AgreementNotFound
		);
		// With its agreements gone, the guest may leave.
		assert_ok!(States::deregister_state(RuntimeOrigin::signed(BOB), b));
		let _ = c;
	});
}

#[test]
fn host_share_is_the_largest_of_the_agreements_in_force() {
	use atlas_primitives::CoUseTerms;
	run_test(|| {
		let (a, d, b, c) = host_and_guests();
		assert_ok!(Interstate::set_chain_recognition(RuntimeOrigin::root(), c, true));
		// The share of what `device` earns in the current block.
		let share = |device| {
			let now = System::block_number() as u32;
			<Interstate as CoUseTerms>::host_share(device, a, DeviceClass::Energy, now, now + 1)
		};
		assert_eq!(share(1), Perbill::zero());
		System::set_block_number(10);
		let grant = |guest, scope, duration, pct| {
			Interstate::grant_usage(
				RuntimeOrigin::signed(ALICE),
				a,
				guest,
				scope,
				duration,
				Perbill::from_percent(pct),
			)
		};
		let dep = UsageScope::Deployment(d);
		let energy = UsageScope::Class(DeviceClass::Energy);
		assert_ok!(grant(b, dep, 50, 10));
		assert_ok!(grant(c, dep, 20, 30));
		assert_eq!((share(1), share(3)), (Perbill::from_percent(30), Perbill::zero()));
		assert_ok!(grant(b, energy, 100, 5));
		assert_eq!(share(3), Perbill::from_percent(5), "device 3 is outside the deployment");
		// Two agreements already cover the deployment (the mock's bound).
		let e = register_state_of(DAVE, DAVE);
		assert_ok!(Interstate::set_chain_recognition(RuntimeOrigin::root(), e, true));
		assert_noop!(grant(e, dep, 10, 50), Error::<Test>::TooManyAgreements);
		// C's agreement runs out at block 30: B's 10 % is the largest left.
		System::set_block_number(30);
		assert_eq!(share(1), Perbill::from_percent(10));
		assert_ok!(Interstate::expire_agreement(RuntimeOrigin::signed(DAVE), 1));
		assert_eq!(ScopeTerms::<Test>::get(a, dep).len(), 1);
		assert_ok!(grant(e, dep, 10, 50));
		assert_eq!(share(1), Perbill::from_percent(50));
		// Extending moves the end in the terms too; ending drops them.
		assert_ok!(Interstate::extend_agreement(RuntimeOrigin::signed(ALICE), 0, 100));
		assert_eq!(ScopeTerms::<Test>::get(a, dep)[0], (0, Perbill::from_percent(10), 10, 130));
		assert_ok!(Interstate::end_agreement(RuntimeOrigin::signed(DAVE), 3));
		assert_ok!(Interstate::end_agreement(RuntimeOrigin::signed(BOB), 0));
		assert!(!ScopeTerms::<Test>::contains_key(a, dep));
		assert_eq!(share(1), Perbill::from_percent(5));
	});
}

#[test]
fn an_agreement_covers_only_what_is_earned_while_it_is_in_force() {
	use atlas_primitives::CoUseTerms;
	run_test(|| {
		let (a, _, b, _) = host_and_guests();
		System::set_block_number(10);
		let energy = UsageScope::Class(DeviceClass::Energy);
		assert_ok!(Interstate::grant_usage(
			RuntimeOrigin::signed(ALICE),
			a,
			b,
			energy,
			50,
			Perbill::from_percent(40)
		));
		let share =
			|from, to| <Interstate as CoUseTerms>::host_share(3, a, DeviceClass::Energy, from, to);
		// Earned before it began, or over a span it only partly covers: nothing.
		assert_eq!(share(0, 10), Perbill::zero());
		assert_eq!(share(5, 15), Perbill::zero());
		assert_eq!(share(55, 65), Perbill::zero());
		// Wholly within it: its share.
		assert_eq!(share(10, 20), Perbill::from_percent(40));
		assert_eq!(share(50, 60), Perbill::from_percent(40));
	});
}

#[test]
fn a_host_share_above_the_governance_cap_is_refused_and_a_lower_cap_applies_at_once() {
	use atlas_primitives::CoUseTerms;
	run_test(|| {
		let (a, _, b, _) = host_and_guests();
		let energy = UsageScope::Class(DeviceClass::Energy);
		let grant = |pct| {
			Interstate::grant_usage(
				RuntimeOrigin::signed(ALICE),
				a,
				b,
				energy,
				50,
				Perbill::from_percent(pct),
			)
		};
		// The attack: a host's admin takes all of its citizens' rewards.
		assert_noop!(grant(100), Error::<Test>::HostShareTooHigh);
		assert_noop!(grant(51), Error::<Test>::HostShareTooHigh);
		assert_ok!(grant(50));
		let share = || <Interstate as CoUseTerms>::host_share(3, a, DeviceClass::Energy, 1, 2);
		assert_eq!(share(), Perbill::from_percent(50));
		// Governance lowers the cap: the agreement counts for the cap only.
		crate::mock::MaxHostShare::set(Perbill::from_percent(15));
		assert_eq!(share(), Perbill::from_percent(15));
	});
}
