//! Pages of recognitions, recognisers and requests.

use super::*;

#[test]
fn recognised_by_is_paginated() {
	run_test(|| {
		let s = register_state_of(ALICE, ALICE);
		// Five states, administered by 100..105, recognise S.
		let others: Vec<StateId> = (100..105).map(|who| register_state_of(who, who)).collect();
		for (who, x) in (100..105).zip(others.iter().copied()) {
			assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), s, x));
			assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(who), x, s));
		}
		assert_eq!(held_recognition(ALICE), 5 * RECOGNITION_DEPOSIT);
		assert_eq!(link_count(s), Some(5));

		let first = Interstate::recognised_by(s, None, 2);
		assert_eq!(first.items.len(), 2);
		assert_eq!(first.next, first.items.last().copied());
		assert!(first.next.is_some());
		let rest = Interstate::recognised_by(s, first.next, 100);
		assert_eq!(rest.items.len(), 3);
		assert_eq!(rest.next, None);
		let mut all = [first.items.clone(), rest.items].concat();
		all.sort();
		all.dedup();
		assert_eq!(all, others);

		// Walking pages of 2 sees every recogniser once.
		let mut walked = collect_pages(|c, l| Interstate::recognised_by(s, c, l), 2);
		walked.sort();
		assert_eq!(walked, others);
		// Exactly a page: no cursor.
		assert_eq!(Interstate::recognised_by(s, None, 5).next, None);
		// Each of them recognises S only.
		for x in &others {
			assert_eq!(Interstate::recognitions_of(*x, None, 10).items, vec![s]);
			assert!(Interstate::is_recognised(*x, s));
		}
		assert!(Interstate::recognitions_of(s, None, 10).items.is_empty());
		assert!(Interstate::recognised_by(42, None, 10).items.is_empty());
	});
}

#[test]
fn recognitions_of_and_requests_are_paginated() {
	run_test(|| {
		let s = register_state_of(ALICE, ALICE);
		let others: Vec<StateId> = (100..107).map(|who| register_state_of(who, who)).collect();
		// Each asks S; S accepts the first four.
		for (who, x) in (100..107).zip(others.iter().copied()) {
			assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(who), x, s));
		}
		let mut requests = collect_pages(|c, l| Interstate::recognition_requests(s, c, l), 3);
		requests.sort();
		assert_eq!(requests, others);
		for x in &others[..4] {
			assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(ALICE), s, *x));
		}
		let mut recognised = collect_pages(|c, l| Interstate::recognitions_of(s, c, l), 3);
		recognised.sort();
		assert_eq!(recognised, others[..4].to_vec());
		let mut pending = collect_pages(|c, l| Interstate::recognition_requests(s, c, l), 2);
		pending.sort();
		assert_eq!(pending, others[4..].to_vec());
		assert_eq!(link_count(s), Some(7));
	});
}

#[test]
fn recognition_pages_are_capped_at_100() {
	run_test(|| {
		const RICH: AccountId = 500;
		<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(&RICH, 1_000_000);
		let s = register_state_of(ALICE, ALICE);
		let others: Vec<StateId> = (0..105).map(|_| register_state_of(RICH, RICH)).collect();
		for x in &others {
			assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(ALICE), s, *x));
			assert_ok!(Interstate::accept_recognition(RuntimeOrigin::signed(RICH), *x, s));
		}
		let first = Interstate::recognised_by(s, None, 1_000);
		assert_eq!(first.items.len(), 100);
		assert_eq!(first.next, first.items.last().copied());
		let rest = Interstate::recognised_by(s, first.next, u32::MAX);
		assert_eq!(rest.items.len(), 5);
		assert_eq!(rest.next, None);
		let mut all = [first.items, rest.items].concat();
		all.sort();
		assert_eq!(all, others);
		// The other direction is capped too.
		for x in &others {
			assert_ok!(Interstate::request_recognition(RuntimeOrigin::signed(RICH), *x, s));
		}
		assert_eq!(Interstate::recognition_requests(s, None, 1_000).items.len(), 100);
		assert_eq!(held_recognition(RICH), 105 * RECOGNITION_DEPOSIT);
		assert_eq!(link_count(s), Some(210));
	});
}
