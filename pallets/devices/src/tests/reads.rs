//! Reads: devices paged by owner and state, the census by class and status.

use super::*;

#[test]
fn devices_are_paginated_by_owner_and_state() {
	run_test(|| {
		for seed in 1..=5 {
			register(BOB, seed);
		}
		register(CHARLIE, 6);
		let mut seen = vec![];
		let mut cursor = None;
		loop {
			let page = Devices::owner_page(BOB, cursor, 2);
			assert!(page.items.len() <= 2);
			seen.extend(page.items.iter().map(|(id, d)| {
				assert_eq!(d.owner, BOB);
				*id
			}));
			match page.next {
				Some(next) => cursor = Some(next),
				None => break,
			}
		}
		seen.sort();
		assert_eq!(seen, vec![0, 1, 2, 3, 4]);
		assert_eq!(Devices::state_page(STATE, None, 100).items.len(), 6);
		assert_eq!(Devices::state_page(STATE, None, 1_000).next, None);
		assert_eq!(Devices::state_page(OTHER_STATE, None, 10).items.len(), 0);
		assert_eq!(Devices::owner_page(CHARLIE, None, 10).items[0].0, 5);
		assert_eq!(Devices::device_count(STATE), 6);
		assert_eq!(Devices::device_count(OTHER_STATE), 0);
	});
}

#[test]
fn the_census_counts_devices_by_class_and_status() {
	use atlas_primitives::DeviceCensus;
	run_test(|| {
		// Statuses are pending, active, suspended.
		let census = |pending, active, suspended| {
			let mut c = DeviceCensus::default();
			c.0[atlas_primitives::DeviceClass::Energy] = [pending, active, suspended];
			c
		};
		let a = register(BOB, 1);
		let b = register(BOB, 2);
		assert_eq!(crate::Census::<Test>::get(), census(2, 0, 0));
		assert_ok!(Devices::activate_device(RuntimeOrigin::signed(ALICE), a));
		assert_ok!(Devices::activate_device(RuntimeOrigin::signed(ALICE), b));
		assert_ok!(Devices::suspend_device(RuntimeOrigin::signed(ALICE), b));
		assert_eq!(crate::Census::<Test>::get(), census(0, 1, 1));
		// A refused transition changes nothing.
		assert_noop!(
			Devices::suspend_device(RuntimeOrigin::signed(ALICE), b),
			Error::<Test>::InvalidTransition
		);
		assert_ok!(Devices::decommission(RuntimeOrigin::signed(BOB), b));
		assert_eq!(crate::Census::<Test>::get(), census(0, 1, 0));
		assert_eq!(crate::Census::<Test>::get().total(), 1);
		// try_state recounts it from the devices.
		crate::Census::<Test>::put(census(0, 2, 0));
		assert!(Devices::do_try_state().is_err());
		crate::Census::<Test>::put(census(0, 1, 0));
	});
}
