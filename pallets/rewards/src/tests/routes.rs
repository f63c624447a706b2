//! Reward routes: splitting settled rewards, legs that cannot be paid, the co-use host share.

use super::*;

#[test]
fn routes_split_settled_rewards() {
	run_test(|| {
		MockDevices::set_route(
			0,
			vec![
				(Beneficiary::Owner, 50),
				(Beneficiary::Account(NEWCOMER), 20),
				(Beneficiary::CommunityPool, 20),
				(Beneficiary::Stake, 10),
			],
		);
		earn(0, 0, Compute, 1);
		fund_and_settle(0);
		let owner = balance(OWNER);
		let pool = Rewards::pool(STATE);
		System::reset_events();
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(
			events(),
			vec![
				Event::RewardSettled {
					device: 0,
					epoch: 0,
					class: Compute,
					points: 1,
					class_total: 1,
					amount: 180_000
				},
				Event::RewardPaid { device: 0, beneficiary: Beneficiary::Owner, amount: 90_000 },
				Event::RewardPaid {
					device: 0,
					beneficiary: Beneficiary::Account(NEWCOMER),
					amount: 36_000
				},
				Event::RewardPaid {
					device: 0,
					beneficiary: Beneficiary::CommunityPool,
					amount: 36_000
				},
				Event::Staked { who: OWNER, amount: 18_000 },
				Event::RewardPaid { device: 0, beneficiary: Beneficiary::Stake, amount: 18_000 },
			]
		);
		// The stake stays on the owner's account, frozen.
		assert_eq!(balance(OWNER), owner + 90_000 + 18_000);
		assert_eq!(balance(NEWCOMER), 36_000);
		assert_eq!(balance(pool), 36_000);
		assert_eq!(stake_frozen(OWNER), 18_000);
		assert_eq!(
			Stakes::<Test>::get(OWNER),
			Some(StakeLedger { active: 18_000, unbonding: 0, unlock_at: 0 })
		);
		assert_eq!(Rewards::emission_totals().paid, 180_000);
		assert_eq!(balance(Rewards::pot()), ED + 720_000 - 180_000);

		// A second payment adds to the stake.
		earn(0, 1, Compute, 1);
		fund_and_settle(1);
		assert_ok!(claim(OWNER, vec![0]));
		let staked = 18_000 + 180_144 - (90_072 + 36_029 + 36_029);
		assert_eq!(Stakes::<Test>::get(OWNER).unwrap().active, staked);
		assert_eq!(stake_frozen(OWNER), staked);
	});
}

#[test]
fn a_leg_below_the_existential_deposit_goes_to_the_owner() {
	run_test(|| {
		MockDevices::set_route(
			1,
			vec![
				(Beneficiary::Account(NEWCOMER), 20),
				(Beneficiary::CommunityPool, 20),
				(Beneficiary::Owner, 60),
			],
		);
		// Device 1 earns 180,000 / 4,000 = 45: 9 to NEWCOMER and to the pool, below ED.
		earn(0, 0, Compute, 3_999);
		earn(1, 0, Compute, 1);
		fund_and_settle(0);
		let owner = balance(OWNER);
		System::reset_events();
		assert_ok!(claim(OWNER, vec![1]));
		assert_eq!(
			events(),
			vec![
				Event::RewardSettled {
					device: 1,
					epoch: 0,
					class: Compute,
					points: 1,
					class_total: 4_000,
					amount: 45
				},
				Event::RewardPaid { device: 1, beneficiary: Beneficiary::Owner, amount: 9 },
				Event::RewardPaid { device: 1, beneficiary: Beneficiary::Owner, amount: 9 },
				Event::RewardPaid { device: 1, beneficiary: Beneficiary::Owner, amount: 27 },
			]
		);
		assert_eq!(balance(OWNER), owner + 45);
		assert_eq!(balance(NEWCOMER), 0);
		assert_eq!(balance(Rewards::pool(STATE)), 0);
	});
}

#[test]
fn co_use_host_share_goes_to_the_pool_except_from_vault_legs() {
	run_test(|| {
		MockCoUse::set(Perbill::from_percent(10));
		MockDevices::set_route(
			0,
			vec![
				(Beneficiary::Vault(7), 50),
				(Beneficiary::Owner, 30),
				(Beneficiary::CommunityPool, 20),
			],
		);
		earn(0, 0, Compute, 1);
		fund_and_settle(0);
		let reward = Rewards::pending_of(0).claimable;
		assert_eq!(reward, 180_000);
		let (owner, vault, pool) =
			(balance(OWNER), balance(VAULT_ACCOUNT), balance(Rewards::pool(STATE)));
		System::reset_events();
		assert_ok!(claim(OWNER, vec![0]));
		// The vault's half is untouched; 10 % of the owner's 30 % goes to the pool.
		assert_eq!(balance(VAULT_ACCOUNT), vault + 90_000);
		assert_eq!(balance(OWNER), owner + 54_000 - 5_400);
		assert_eq!(balance(Rewards::pool(STATE)), pool + 36_000 + 5_400);
		assert!(events().contains(&Event::HostSharePaid {
			device: 0,
			state: STATE,
			amount: 5_400
		}));
		MockCoUse::set(Perbill::zero());
	});
}

#[test]
fn a_co_use_agreement_does_not_tax_what_was_earned_before_it() {
	// The attack: the device earned epochs 0 and 1 with no agreement; before its owner claims,
	// the host's admin grants a co-use agreement with a large host share, read at claim time,
	// and its pool takes a part of rewards earned before the agreement existed.
	run_test(|| {
		earn(0, 0, Compute, 1);
		earn(0, 1, Compute, 1);
		fund_and_settle(0);
		fund_and_settle(1);
		let reward = Rewards::pending_of(0).claimable;
		assert!(reward > 0);
		// The agreement takes force at block 25, in epoch 2.
		MockCoUse::set(Perbill::from_percent(20));
		MockCoUse::in_force_from(25);
		let (owner, pool) = (balance(OWNER), balance(Rewards::pool(STATE)));
		System::reset_events();
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(balance(OWNER), owner + reward);
		assert_eq!(balance(Rewards::pool(STATE)), pool);
		assert!(!events().iter().any(|e| matches!(e, Event::HostSharePaid { .. })));
		// Epoch 3 (blocks 30..40) is wholly under the agreement: it pays the host its share.
		earn(0, 3, Compute, 1);
		fund_and_settle(2);
		fund_and_settle(3);
		let reward = Rewards::pending_of(0).claimable;
		let cut = Perbill::from_percent(20) * reward;
		let owner = balance(OWNER);
		assert_ok!(claim(OWNER, vec![0]));
		assert_eq!(balance(OWNER), owner + reward - cut);
		assert_eq!(balance(Rewards::pool(STATE)), pool + cut);
	});
}

#[test]
fn a_claim_of_epochs_under_different_terms_pays_each_its_own() {
	run_test(|| {
		MockCoUse::set(Perbill::from_percent(10));
		MockCoUse::in_force_from(10);
		earn(0, 0, Compute, 1);
		earn(0, 1, Compute, 1);
		fund_and_settle(0);
		let first = Rewards::pending_of(0).claimable;
		fund_and_settle(1);
		let second = Rewards::pending_of(0).claimable - first;
		let (owner, pool) = (balance(OWNER), balance(Rewards::pool(STATE)));
		assert_ok!(claim(OWNER, vec![0]));
		// Epoch 0 owes nothing, epoch 1 owes 10 % of what it earned.
		let cut = Perbill::from_percent(10) * second;
		assert_eq!(balance(Rewards::pool(STATE)), pool + cut);
		assert_eq!(balance(OWNER), owner + first + second - cut);
	});
}

#[test]
fn a_route_not_summing_to_whole_is_refused() {
	run_test(|| {
		MockDevices::set_route(
			0,
			vec![(Beneficiary::Owner, 50), (Beneficiary::Account(NEWCOMER), 40)],
		);
		earn(0, 0, Compute, 1);
		earn(1, 0, Compute, 1);
		fund_and_settle(0);
		assert_noop!(claim(OWNER, vec![0]), Error::<Test>::InvalidRoute);
		// Nothing of the batch is paid.
		assert_noop!(claim(OWNER, vec![1, 0]), Error::<Test>::InvalidRoute);
		// Fixed, it pays.
		MockDevices::set_route(
			0,
			vec![(Beneficiary::Owner, 60), (Beneficiary::Account(NEWCOMER), 40)],
		);
		assert_ok!(claim(OWNER, vec![1, 0]));
		assert_eq!(balance(NEWCOMER), 36_000);
	});
}

/// Attack (an unclaimable device): an owner account that does not exist cannot receive a
/// reward below the existential deposit, and the whole claim used to fail, so the device's
/// epochs (and its vault's slots) were never settled. What no leg and no owner can receive
/// goes to the treasury.
#[test]
fn dust_no_one_can_receive_goes_to_the_treasury() {
	run_test(|| {
		const GHOST: AccountId = 60;
		MockDevices::add(10, GHOST, gpu());
		earn(10, 0, Compute, 1);
		earn(0, 0, Compute, 100_000);
		fund_and_settle(0);
		let due = Rewards::pending_of(10).claimable;
		assert!(due > 0 && due < ED, "a dust reward");
		let treasury = balance(TREASURY);
		System::reset_events();
		assert_ok!(claim(GHOST, vec![10]));
		assert_eq!(balance(TREASURY), treasury + due);
		assert_eq!(balance(GHOST), 0);
		System::assert_has_event(
			Event::RewardPaid {
				device: 10,
				beneficiary: Beneficiary::Account(TREASURY),
				amount: due,
			}
			.into(),
		);
		assert!(Ledgers::<Test>::get(10).is_none());
	});
}
