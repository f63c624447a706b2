//! The paged view functions.

use super::*;
use crate::DeploymentId;
use atlas_primitives::Page;
use frame_support::assert_ok;

/// All items of a paged read, walking the cursor with pages of `size`: no page but the last is
/// short, and no item (by its key, `cursor_of`) is returned twice.
fn walk_pages<I: Clone + core::fmt::Debug, C: Clone + PartialEq + core::fmt::Debug>(
	read: impl Fn(Option<C>, u32) -> Page<I, C>,
	cursor_of: impl Fn(&I) -> C,
	size: u32,
) -> Vec<I> {
	let mut all: Vec<I> = Vec::new();
	let mut seen: Vec<C> = Vec::new();
	let mut cursor = None;
	loop {
		let page = read(cursor, size);
		assert!(page.items.len() <= size as usize);
		for item in &page.items {
			let key = cursor_of(item);
			assert!(!seen.contains(&key), "{item:?} returned twice");
			seen.push(key);
		}
		all.extend(page.items.iter().cloned());
		match page.next {
			Some(next) => {
				assert_eq!(page.items.len(), size as usize);
				assert_eq!(page.items.last().map(&cursor_of), Some(next.clone()));
				cursor = Some(next);
			},
			None => break,
		}
	}
	all
}

#[test]
fn deployments_of_is_paginated() {
	run_test(|| {
		let (a, b, _) = three_states();
		let mine: Vec<DeploymentId> = (0..7).map(|_| create_deployment_of(ALICE, a)).collect();
		let theirs: Vec<DeploymentId> = (0..2).map(|_| create_deployment_of(BOB, b)).collect();
		// Walking with pages of any size sees every deployment of A once, with its record.
		for size in [1, 2, 3, 7, 100] {
			let walked =
				walk_pages(|c, l| Deployments::deployments_of(a, c, l), |(id, _)| *id, size);
			let mut ids: Vec<DeploymentId> = walked.iter().map(|(id, _)| *id).collect();
			for (id, d) in &walked {
				assert_same!(Some(d.clone()), crate::Deployments::<Test>::get(id));
				assert_eq!(d.state, a);
			}
			ids.sort();
			assert_eq!(ids, mine);
		}
		let first = Deployments::deployments_of(a, None, 3);
		assert_eq!(first.items.len(), 3);
		assert_eq!(first.next, first.items.last().map(|(id, _)| *id));
		// Exactly a page: no cursor.
		assert_eq!(Deployments::deployments_of(a, None, 7).next, None);
		let mut ids: Vec<DeploymentId> =
			Deployments::deployments_of(b, None, 10).items.into_iter().map(|(id, _)| id).collect();
		ids.sort();
		assert_eq!(ids, theirs);
		assert!(Deployments::deployments_of(42, None, 10).items.is_empty());
		// Closed deployments drop out.
		assert_ok!(Deployments::close_deployment(RuntimeOrigin::signed(ALICE), mine[3]));
		let mut after: Vec<DeploymentId> =
			walk_pages(|c, l| Deployments::deployments_of(a, c, l), |(id, _)| *id, 2)
				.into_iter()
				.map(|(id, _)| id)
				.collect();
		after.sort();
		assert_eq!(after, [&mine[..3], &mine[4..]].concat());
	});
}

#[test]
fn deployments_of_pages_are_capped_at_100() {
	run_test(|| {
		let (a, _, _) = three_states();
		let mine: Vec<DeploymentId> = (0..105).map(|_| create_deployment_of(ALICE, a)).collect();
		let first = Deployments::deployments_of(a, None, 1_000);
		assert_eq!(first.items.len(), 100);
		assert_eq!(first.next, first.items.last().map(|(id, _)| *id));
		let rest = Deployments::deployments_of(a, first.next, u32::MAX);
		assert_eq!(rest.items.len(), 5);
		assert_eq!(rest.next, None);
		let mut all: Vec<DeploymentId> =
			first.items.iter().chain(rest.items.iter()).map(|(id, _)| *id).collect();
		all.sort();
		all.dedup();
		assert_eq!(all, mine);
	});
}

#[test]
fn deployment_devices_is_paginated() {
	run_test(|| {
		let (a, _, _) = three_states();
		let dep = create_deployment_of(ALICE, a);
		let other = create_deployment_of(ALICE, a);
		for d in [10u64, 20, 30, 40] {
			MockDevices::register(d, DAVE, a);
		}
		for d in [10, 20, 30] {
			assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), dep, d));
		}
		assert_ok!(Deployments::add_device(RuntimeOrigin::signed(DAVE), other, 40));
		for size in [1, 2, 3, 100] {
			let mut walked =
				walk_pages(|c, l| Deployments::deployment_devices(dep, c, l), |d| *d, size);
			walked.sort();
			assert_eq!(walked, vec![10, 20, 30]);
		}
		let first = Deployments::deployment_devices(dep, None, 2);
		assert_eq!(first.items.len(), 2);
		assert_eq!(first.next, first.items.last().copied());
		let rest = Deployments::deployment_devices(dep, first.next, 2);
		assert_eq!(rest.items.len(), 1);
		assert_eq!(rest.next, None);
		assert!(!first.items.contains(&rest.items[0]));
		assert_eq!(Deployments::deployment_devices(dep, None, 3).next, None);
		assert_eq!(Deployments::deployment_devices(other, None, 10).items, vec![40]);
		assert!(Deployments::deployment_devices(99, None, 10).items.is_empty());
		// A device that left drops out.
		assert_ok!(Deployments::remove_device(RuntimeOrigin::signed(DAVE), dep, 20));
		let mut left = walk_pages(|c, l| Deployments::deployment_devices(dep, c, l), |d| *d, 1);
		left.sort();
		assert_eq!(left, vec![10, 30]);
	});
}
