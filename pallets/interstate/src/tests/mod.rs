//! Tests of the interstate pallet, by concern. Every test run with `run_test` ends with the
//! `try_state` checks of both this pallet and the network states pallet.

mod agreements;
mod chain_recognition;
mod holdings;
mod invariants;
mod pages;
mod recognition;

pub(crate) use crate::{
	mock::*, AgreementOfScope, Agreements, ChainRecognised, Error, Event, GuestAgreements,
	HoldReason, HostAgreements, Link, LinkCount, RecognisedBy, RecognitionRequests, Recognitions,
	ScopeTerms, UsageScope,
};
pub(crate) use atlas_primitives::{DeploymentId, DeviceClass, StateId};
pub(crate) use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
pub(crate) use sp_runtime::{DispatchError, Perbill};

/// An account with no balance at all.
pub(crate) const PENNILESS: AccountId = 50;

/// What `who` has on hold for recognitions.
pub(crate) fn held_recognition(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::RecognitionDeposit.into(), &who)
}

/// What `who` has on hold for co-use agreements.
pub(crate) fn held_agreement(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AgreementDeposit.into(), &who)
}

/// What `who` has on hold for state deposits (in the network states pallet).
pub(crate) fn held_state(who: AccountId) -> Balance {
	Balances::balance_on_hold(&pallet_network_states::HoldReason::StateDeposit.into(), &who)
}

/// What `who` has free.
pub(crate) fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

/// Registers a state administered by `admin`, paid by `payer`, and admits it; returns its id.
pub(crate) fn register_state_of(payer: AccountId, admin: AccountId) -> StateId {
	let id = pallet_network_states::NextStateId::<Test>::get();
	assert_ok!(States::register_state(
		RuntimeOrigin::signed(payer),
		b"State".to_vec(),
		vec![],
		admin
	));
	// The mock has no probation: admission establishes the state.
	assert_ok!(States::admit_state(RuntimeOrigin::root(), id));
	id
}

/// States A (admin Alice), B (admin Bob) and C (admin Charlie).
pub(crate) fn three_states() -> (StateId, StateId, StateId) {
	let a = register_state_of(ALICE, ALICE);
	let b = register_state_of(BOB, BOB);
	let c = register_state_of(CHARLIE, CHARLIE);
	assert_eq!((a, b, c), (0, 1, 2));
	(a, b, c)
}

/// The ticket of a deposit of `amount`: a hold consideration is stored as the amount it holds.
pub(crate) fn ticket<C: codec::Decode>(amount: Balance) -> C {
	C::decode(&mut &codec::Encode::encode(&amount)[..]).expect("a hold ticket is its amount")
}

/// A recognition (or request) paid by `depositor` since block `since`.
pub(crate) fn link(depositor: AccountId, since: u64) -> crate::LinkOf<Test> {
	Link { depositor, ticket: ticket(RECOGNITION_DEPOSIT), since }
}

/// `state`'s stored link count (`None` when no entry is stored).
pub(crate) fn link_count(state: StateId) -> Option<u32> {
	LinkCount::<Test>::try_get(state).ok()
}

/// All items of a paged read, walking the cursor with pages of `size`; checks no page is empty
/// but the last and that no item is seen twice.
pub(crate) fn collect_pages(
	read: impl Fn(Option<StateId>, u32) -> atlas_primitives::Page<StateId, StateId>,
	size: u32,
) -> Vec<StateId> {
	let mut all = Vec::new();
	let mut cursor = None;
	loop {
		let page = read(cursor, size);
		assert!(page.items.len() <= size as usize);
		for item in &page.items {
			assert!(!all.contains(item), "{item} returned twice");
		}
		all.extend(page.items.iter().copied());
		match page.next {
			Some(next) => {
				assert_eq!(page.items.len(), size as usize);
				assert_eq!(page.items.last(), Some(&next));
				cursor = Some(next);
			},
			None => break,
		}
	}
	all
}

/// State A (Alice) with deployment 0 holding Alice's devices 1 and 2; device 3 of Alice is in
/// no deployment.
pub(crate) fn deployment_with_two_devices() -> (StateId, DeploymentId) {
	let a = register_state_of(ALICE, ALICE);
	let d = MockDeployments::create(a);
	for device in [1, 2, 3] {
		MockDevices::register(device, ALICE, a);
	}
	MockDeployments::add(d, 1);
	MockDeployments::add(d, 2);
	(a, d)
}

/// States A (Alice, hosting deployment 0 with devices 1 and 2, device 3 outside it), B (Bob)
/// which A recognises, and C (Charlie) which A does not.
pub(crate) fn host_and_guests() -> (StateId, DeploymentId, StateId, StateId) {
	let (a, d) = deployment_with_two_devices();
	let b = register_state_of(BOB, BOB);
	let c = register_state_of(CHARLIE, CHARLIE);
	assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(BOB), b, a));
	assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(ALICE), a, b));
	assert!(Interstate::is_recognised(a, b));
	(a, d, b, c)
}
