//! The verifier pool: slots, tenure, and the random assignment of verifiers to devices.

use super::*;
use std::collections::BTreeSet;

/// All eleven funded verifier accounts.
fn eleven() -> Vec<AccountId> {
	VERIFIERS.into_iter().chain(MORE_VERIFIERS).collect()
}

#[test]
fn a_pool_of_five_assigns_everyone_to_every_device() {
	run_test(|| {
		pool_of_five();
		for device in 0..4 {
			assert_eq!(Attestations::assigned_verifiers(1, device), VERIFIERS.to_vec());
		}
		// Epoch 0 had no draw (there is no `on_initialize` at genesis); epoch 2 has none yet.
		assert_eq!(Attestations::epoch_draw(0), None);
		assert!(Attestations::assigned_verifiers(0, 0).is_empty());
		assert!(Attestations::assigned_verifiers(2, 0).is_empty());
		assert_eq!(Attestations::verifier_bond(VERIFIERS[2]).unwrap().slot, 2);
		assert_eq!(Attestations::verifier_bond(VERIFIERS[2]).unwrap().serves_from, 1);
	});
}

#[test]
fn assignments_draw_five_distinct_verifiers_of_a_larger_pool() {
	run_test(|| {
		bond_all(eleven());
		run_to(EPOCH_LENGTH.into());
		assert_eq!(Attestations::epoch_draw(1).unwrap().pool_slots, 11);
		let pool: BTreeSet<_> = eleven().into_iter().collect();
		let draw = |epoch, device| Attestations::assigned_verifiers(epoch, device);
		let mut sets = BTreeSet::new();
		for device in 0..20 {
			let assigned = draw(1, device);
			let distinct: BTreeSet<_> = assigned.iter().copied().collect();
			assert_eq!(assigned.len(), 5);
			assert_eq!(distinct.len(), 5);
			assert!(distinct.is_subset(&pool));
			// Deterministic within the epoch.
			assert_eq!(draw(1, device), assigned);
			sets.insert(distinct);
		}
		// Devices get different verifiers.
		assert!(sets.len() > 1);
		let epoch_1: Vec<_> = (0..20).map(|d| draw(1, d)).collect();
		// Later in the epoch the draw is the same.
		run_to(15);
		assert_eq!((0..20).map(|d| draw(1, d)).collect::<Vec<_>>(), epoch_1);
		// The next epoch draws again, with a new seed.
		run_to(20);
		assert_ne!(
			Attestations::epoch_draw(2).unwrap().seed,
			Attestations::epoch_draw(1).unwrap().seed
		);
		let epoch_2: Vec<_> = (0..20).map(|d| draw(2, d)).collect();
		assert!(epoch_2.iter().all(|a| a.len() == 5));
		assert_ne!(epoch_1, epoch_2);
		// Epoch 1's draw stands while its reports and observations are still accepted.
		assert_eq!((0..20).map(|d| draw(1, d)).collect::<Vec<_>>(), epoch_1);
	});
}

#[test]
fn assignments_stay_put_for_the_grace_blocks_after_verifiers_join_or_leave() {
	run_test(|| {
		bond_all(eleven());
		run_to(EPOCH_LENGTH.into());
		let epoch_1: Vec<_> = (0..20).map(|d| Attestations::assigned_verifiers(1, d)).collect();
		// Device 0's first assigned verifier leaves during epoch 1: it serves through epoch 1.
		let leaver = epoch_1[0][0];
		let slot = Bonds::<Test>::get(leaver).unwrap().slot;
		assert_ok!(Attestations::leave_pool(RuntimeOrigin::signed(leaver)));
		assert_eq!(VacantSlots::<Test>::get().into_inner(), vec![slot]);
		// A newcomer takes its slot at once, serving from epoch 2.
		fund(40);
		bond_all([40]);
		assert_eq!(Bonds::<Test>::get(40).unwrap().slot, slot);
		assert_eq!(SlotCount::<Test>::get(), 11);
		assert_eq!(Slots::<Test>::get(slot).unwrap().previous, Some(leaver));
		assert_eq!(
			(0..20).map(|d| Attestations::assigned_verifiers(1, d)).collect::<Vec<_>>(),
			epoch_1
		);
		// The newcomer cannot observe epoch 1.
		let seen = Observed { uptime_secs: 30, ..Default::default() };
		assert_noop!(
			Attestations::attest(RuntimeOrigin::signed(40), 1, vec![(0, seen)]),
			Error::<Test>::NotInPool
		);
		// In epoch 2's grace blocks (20, 21) epoch 1's assignment holds, although another
		// verifier joins (taking a new slot) and another leaves.
		run_to(20);
		fund(41);
		bond_all([41]);
		assert_eq!(SlotCount::<Test>::get(), 12);
		let other = eleven().into_iter().find(|v| *v != leaver).unwrap();
		assert_ok!(Attestations::leave_pool(RuntimeOrigin::signed(other)));
		run_to(21);
		assert_eq!(
			(0..20).map(|d| Attestations::assigned_verifiers(1, d)).collect::<Vec<_>>(),
			epoch_1
		);
		// The leaver still observes its last epoch in the grace; not the next one.
		observe(leaver, 1, 0, 30, 0);
		assert_noop!(
			Attestations::attest(RuntimeOrigin::signed(leaver), 2, vec![(0, seen)]),
			Error::<Test>::NotInPool
		);
		// In epoch 2, the newcomer holds the slot instead of the leaver.
		for device in 0..20 {
			let assigned = Attestations::assigned_verifiers(2, device);
			assert!(!assigned.contains(&leaver));
			assert!(!assigned.contains(&41));
			let drawn =
				crate::Pallet::<Test>::draw_slots(&Attestations::epoch_draw(2).unwrap(), device);
			assert_eq!(drawn.contains(&slot), assigned.contains(&40));
		}
		// Epoch 2 was drawn among 11 slots: the one added in it is not drawn before epoch 3.
		assert_eq!(Attestations::epoch_draw(2).unwrap().pool_slots, 11);
	});
}

#[test]
fn verifiers_serve_from_the_epoch_after_they_bond_until_they_leave() {
	run_test(|| {
		pool_of_five();
		let seen = Observed { uptime_secs: 30, ..Default::default() };
		let attest =
			|who, epoch| Attestations::attest(RuntimeOrigin::signed(who), epoch, vec![(0, seen)]);
		// Bonded in epoch 1: not in epoch 1's pool.
		let late = MORE_VERIFIERS[0];
		bond_all([late]);
		assert_noop!(attest(late, 1), Error::<Test>::NotInPool);
		// A leaver serves through the current epoch, then not.
		let leaver = VERIFIERS[0];
		assert_ok!(Attestations::leave_pool(RuntimeOrigin::signed(leaver)));
		assert_ok!(attest(leaver, 1));
		run_to(20);
		assert_noop!(attest(leaver, 2), Error::<Test>::NotInPool);
		// The late verifier bonded before the leaver left, so it took a new slot (5): epoch 2
		// is drawn among six slots, one of them vacant.
		assert_eq!(Bonds::<Test>::get(late).unwrap().slot, 5);
		assert_eq!(Attestations::epoch_draw(2).unwrap().pool_slots, 6);
		assert!(Attestations::assigned_verifiers(2, 0).len() <= 5);
		assert!(!Attestations::assigned_verifiers(2, 0).contains(&leaver));
	});
}

#[test]
fn the_pool_is_bounded_and_reuses_vacant_slots() {
	run_test(|| {
		let accounts: Vec<AccountId> = (30..47).collect();
		for a in &accounts {
			fund(*a);
		}
		bond_all(accounts[..16].iter().copied());
		assert_eq!(SlotCount::<Test>::get(), 16);
		assert_noop!(
			Attestations::bond(RuntimeOrigin::signed(accounts[16]), MIN_BOND),
			Error::<Test>::PoolFull
		);
		// Topping up is no new slot.
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(accounts[0]), 5));
		let leaver = accounts[3];
		assert_ok!(Attestations::leave_pool(RuntimeOrigin::signed(leaver)));
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(accounts[16]), MIN_BOND));
		assert_eq!(Bonds::<Test>::get(accounts[16]).unwrap().slot, 3);
		assert_eq!(SlotCount::<Test>::get(), 16);
		assert!(VacantSlots::<Test>::get().is_empty());
		// The leaver left before it served (it bonded in this epoch): it is no holder to keep.
		assert_eq!(
			Slots::<Test>::get(3).unwrap(),
			crate::SlotHolders { occupant: accounts[16], previous: None }
		);
		// Full again.
		fund(50);
		assert_noop!(
			Attestations::bond(RuntimeOrigin::signed(50), MIN_BOND),
			Error::<Test>::PoolFull
		);
	});
}

#[test]
fn bonding_and_leaving_at_once_cannot_hide_a_serving_verifier() {
	run_test(|| {
		bond_all(eleven());
		run_to(EPOCH_LENGTH.into());
		let leaver = VERIFIERS[0];
		let device = (0..50)
			.find(|d| Attestations::assigned_verifiers(1, *d).contains(&leaver))
			.expect("a device drew it");
		let before = Attestations::assigned_verifiers(1, device);
		// The leaver serves through epoch 1. Someone takes its slot, leaves and unbonds at once
		// (it never served), and another takes the slot again.
		assert_ok!(Attestations::leave_pool(RuntimeOrigin::signed(leaver)));
		fund(40);
		fund(41);
		bond_all([40]);
		assert_ok!(Attestations::leave_pool(RuntimeOrigin::signed(40)));
		assert_ok!(Attestations::unbond(RuntimeOrigin::signed(40)));
		bond_all([41]);
		let slot = Bonds::<Test>::get(leaver).unwrap().slot;
		assert_eq!(
			Slots::<Test>::get(slot).unwrap(),
			crate::SlotHolders { occupant: 41, previous: Some(leaver) }
		);
		// The leaver is still listed for the epoch it serves.
		assert_eq!(Attestations::assigned_verifiers(1, device), before);
	});
}
