//! Backlog and claim limits: bounded unpaid epochs per device, bounded entries per claim.

use super::*;

#[test]
fn a_backlogged_device_is_refused_until_room_is_made() {
	run_test(|| {
		for epoch in 0..MAX_PENDING {
			assert!(report(0, epoch));
		}
		assert!(!report(0, MAX_PENDING));
		assert_eq!(pending(0), (0..MAX_PENDING).collect::<Vec<_>>());
		// Other devices are not affected.
		assert!(report(1, 0));

		// Epoch 0 past retention but not swept yet: still no room.
		close_and_fund(RETENTION);
		assert!(!report(0, MAX_PENDING));
		Rewards::on_idle(System::block_number(), Weight::MAX);
		assert_eq!(OldestBudget::<Test>::get(), 1);
		// The expired entry is dropped to make room.
		assert!(report(0, MAX_PENDING));
		assert_eq!(pending(0), (1..=MAX_PENDING).collect::<Vec<_>>());
		assert!(!report(0, MAX_PENDING + 1));
	});
}

#[test]
fn a_claim_makes_room_for_reports() {
	run_test(|| {
		for epoch in 0..MAX_PENDING {
			earn(0, epoch, Compute, 1);
		}
		assert!(!report(0, MAX_PENDING));
		fund_and_settle(1);
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(pending(0), (2..MAX_PENDING).collect::<Vec<_>>());
		assert!(report(0, MAX_PENDING));
	});
}

/// A claim that only clears worthless entries (zero points, e.g. after a fraud ruling) succeeds,
/// so a device whose unpaid epochs all earned nothing is not stuck with a full backlog.
#[test]
fn worthless_entries_do_not_block_a_device() {
	run_test(|| {
		for epoch in 0..MAX_PENDING {
			earn(0, epoch, Compute, 0);
			earn(1, epoch, Compute, 1);
		}
		fund_and_settle(MAX_PENDING - 1);
		assert!(!report(0, MAX_PENDING));
		let _ = claim(OWNER, vec![0]);
		assert!(report(0, MAX_PENDING), "the device is still backlogged");
	});
}

#[test]
fn a_claim_settles_at_most_max_settle_entries() {
	run_test(|| {
		for epoch in 0..MAX_PENDING {
			earn(0, epoch, Compute, 1);
			earn(1, epoch, Compute, 1);
		}
		fund_and_settle(MAX_PENDING - 1);
		let half = |e: EpochIndex| budget(e).classes[DeviceClass::Compute].budget / 2;
		let first: Balance = (0..MAX_PENDING).map(half).sum::<Balance>() + half(0) + half(1);
		let rest: Balance = (2..MAX_PENDING).map(half).sum();

		let owner = balance(OWNER);
		System::reset_events();
		let info = claim(OWNER, vec![0, 1]).unwrap();
		assert_eq!(info.actual_weight, Some(Rewards::claim_weight(2, MAX_SETTLE)));
		assert_eq!(settled().len(), MAX_SETTLE as usize);
		assert_eq!(balance(OWNER), owner + first);
		assert!(Ledgers::<Test>::get(0).is_none());
		assert_eq!(pending(1), (2..MAX_PENDING).collect::<Vec<_>>());
		assert_eq!(Rewards::pending_rewards(1).claimable, rest);

		System::reset_events();
		let info = claim(OWNER, vec![1]).unwrap();
		assert_eq!(info.actual_weight, Some(Rewards::claim_weight(1, MAX_PENDING - 2)));
		assert_eq!(settled(), (2..MAX_PENDING).map(|e| (1, e, half(e))).collect::<Vec<_>>());
		// Each claim told the registry side what each device was paid in all.
		let paid = told_paid();
		assert_eq!(paid.len(), 3);
		assert_eq!(paid.iter().map(|(_, a)| a).sum::<Balance>(), first + rest);
		assert_eq!(paid.last(), Some(&(1, rest)));
		assert_eq!(balance(OWNER), owner + first + rest);
		assert!(Ledgers::<Test>::get(1).is_none());
		assert_eq!(Rewards::emission_totals().paid, first + rest);
	});
}

#[test]
fn the_registry_sees_unpaid_rewards_until_they_are_claimed() {
	use atlas_primitives::RewardLedger;
	run_test(|| {
		assert!(!<Rewards as RewardLedger>::has_unpaid(0));
		earn(0, 0, Compute, 1);
		assert!(<Rewards as RewardLedger>::has_unpaid(0));
		fund_and_settle(0);
		assert_ok!(claim(OWNER, vec![0]));
		assert!(!<Rewards as RewardLedger>::has_unpaid(0));
	});
}
