//! The verifiers' random beacon: commitments, reveals along a hash onion, what a missed reveal
//! costs, and who can (and cannot) choose an epoch's seed.

use super::*;

/// A verifier's hash onion: `values[i] = blake2(values[i + 1])`; it commits to `values[0]` and
/// reveals `values[1]`, `values[2]`, … one per epoch.
fn onion(secret: u8, len: usize) -> Vec<H256> {
	let mut values = vec![H256::repeat_byte(secret)];
	for _ in 1..len {
		let next = H256(sp_io::hashing::blake2_256(values[0].as_bytes()));
		values.insert(0, next);
	}
	values
}

fn commit(who: AccountId, commitment: H256) -> sp_runtime::DispatchResult {
	Attestations::commit_beacon(RuntimeOrigin::signed(who), commitment)
}

fn reveal(who: AccountId, value: H256) -> sp_runtime::DispatchResult {
	Attestations::reveal_beacon(RuntimeOrigin::signed(who), value)
}

fn bond_of(who: AccountId) -> Balance {
	Bonds::<Test>::get(who).map_or(0, |b| b.amount)
}

/// Runs to block `n`, giving every block from `from` on the parent hash `hash(block)`, as the
/// blocks' authors would by choosing what to put in them.
fn run_to_with_parents(n: u64, hash: impl Fn(u64) -> H256) {
	while System::block_number() < n {
		let b = System::block_number() + 1;
		System::set_block_number(b);
		System::set_parent_hash(hash(b));
		Attestations::on_initialize(b);
	}
}

/// The seed of epoch 2 when every block of epoch 1 (blocks 10..=19) and the first of epoch 2
/// has the parent hash `hash(block)`, with the five verifiers of the pool revealing (or not) in
/// epoch 1. Blocks up to 10 have fixed parents.
fn seed_of_epoch_2(hash: impl Fn(u64) -> H256, reveals: &[(AccountId, H256)]) -> H256 {
	let mut seed = H256::zero();
	new_test_ext().execute_with(|| {
		bond_all(VERIFIERS);
		for (i, v) in VERIFIERS.into_iter().enumerate() {
			assert_ok!(commit(v, onion(i as u8, 3)[0]));
		}
		run_to_with_parents(EPOCH_LENGTH.into(), |b| H256::repeat_byte(b as u8));
		for (v, value) in reveals {
			assert_ok!(reveal(*v, *value));
		}
		run_to_with_parents(2 * u64::from(EPOCH_LENGTH), &hash);
		seed = Attestations::epoch_draw(2).unwrap().seed;
		Attestations::do_try_state().expect("invariants hold");
	});
	seed
}

#[test]
fn the_author_of_an_epochs_last_block_cannot_choose_the_next_seed() {
	// The attack: the author of block 19 (the last of epoch 1) tries many parent hashes for
	// block 20, where epoch 2's seed is fixed, and keeps the one that draws its own verifiers
	// for its device. Before the beacon the seed was the chain of block hashes up to block 20,
	// so every try gave another seed.
	let honest = seed_of_epoch_2(|b| H256::repeat_byte(b as u8), &[]);
	for grind in 0..4u8 {
		let at_20 = move |b: u64| {
			if b == 20 {
				H256::repeat_byte(0xa0 + grind)
			} else {
				H256::repeat_byte(b as u8)
			}
		};
		assert_eq!(seed_of_epoch_2(at_20, &[]), honest);
	}
	// Nor can the authors of epoch 1's other blocks.
	let all_of_epoch_1 = |b: u64| H256::repeat_byte(0x55 ^ b as u8);
	assert_eq!(seed_of_epoch_2(all_of_epoch_1, &[]), honest);
}

#[test]
fn each_reveal_changes_the_next_seed() {
	let parents = |b: u64| H256::repeat_byte(b as u8);
	let none = seed_of_epoch_2(parents, &[]);
	let one = seed_of_epoch_2(parents, &[(VERIFIERS[0], onion(0, 3)[1])]);
	let two =
		seed_of_epoch_2(parents, &[(VERIFIERS[0], onion(0, 3)[1]), (VERIFIERS[1], onion(1, 3)[1])]);
	assert_ne!(none, one);
	assert_ne!(one, two);
	assert_ne!(none, two);
	// The order of the reveals in the epoch does not matter: only which were made.
	let swapped =
		seed_of_epoch_2(parents, &[(VERIFIERS[1], onion(1, 3)[1]), (VERIFIERS[0], onion(0, 3)[1])]);
	assert_eq!(swapped, two);
}

#[test]
fn reveals_walk_the_hash_onion_one_epoch_at_a_time() {
	run_test(|| {
		pool_of_five();
		let v = VERIFIERS[0];
		let values = onion(7, 4);
		assert_ok!(commit(v, values[0]));
		assert_eq!(
			last_event(),
			Event::BeaconCommitted { verifier: v, epoch: 1, missed: 0 }.into()
		);
		assert_eq!(Attestations::beacon_commitment(v).unwrap().commitment, values[0]);
		// Its first reveal is due in the epoch after it committed.
		assert_noop!(reveal(v, values[1]), Error::<Test>::BeaconTooRecent);
		run_to(20);
		// A value that does not hash to the commitment is refused: it cannot skip ahead.
		assert_noop!(reveal(v, values[2]), Error::<Test>::BeaconMismatch);
		assert_noop!(reveal(v, H256::repeat_byte(1)), Error::<Test>::BeaconMismatch);
		assert_ok!(reveal(v, values[1]));
		assert_eq!(last_event(), Event::BeaconRevealed { verifier: v, epoch: 2, missed: 0 }.into());
		assert_eq!(crate::BeaconMix::<Test>::get(), values[1]);
		assert_noop!(reveal(v, values[1]), Error::<Test>::AlreadyRevealed);
		assert_noop!(reveal(v, values[2]), Error::<Test>::AlreadyRevealed);
		// A second verifier's reveal mixes in by XOR.
		let w = VERIFIERS[1];
		let other = onion(8, 3);
		assert_ok!(commit(w, other[0]));
		run_to(30);
		// The mix restarts each epoch.
		assert_eq!(crate::BeaconMix::<Test>::get(), H256::zero());
		// The used value no longer opens the commitment: the next one down the onion does.
		assert_noop!(reveal(v, values[1]), Error::<Test>::BeaconMismatch);
		assert_ok!(reveal(v, values[2]));
		assert_ok!(reveal(w, other[1]));
		let mut mix = values[2];
		for (m, o) in mix.as_mut().iter_mut().zip(other[1].as_bytes()) {
			*m ^= o;
		}
		assert_eq!(crate::BeaconMix::<Test>::get(), mix);
		run_to(40);
		assert_ok!(reveal(v, values[3]));
		// Nobody missed a reveal: nobody was slashed.
		assert_eq!(bond_of(v), MIN_BOND);
		assert_eq!(bond_of(w), MIN_BOND);
	});
}

#[test]
fn only_bonded_committed_verifiers_of_the_pool_reveal() {
	run_test(|| {
		pool_of_five();
		let value = onion(3, 2);
		assert_noop!(commit(STRANGER, value[0]), Error::<Test>::NotBonded);
		assert_noop!(reveal(STRANGER, value[1]), Error::<Test>::NotBonded);
		assert_noop!(reveal(VERIFIERS[0], value[1]), Error::<Test>::BeaconNotCommitted);
		// A verifier bonding in epoch 1 serves from epoch 2: it may commit, not reveal, now.
		let late = MORE_VERIFIERS[0];
		bond_all([late]);
		assert_ok!(commit(late, value[0]));
		run_to(15);
		assert_noop!(reveal(late, value[1]), Error::<Test>::NotInPool);
		// One that left serves no more after its last epoch.
		let leaver = VERIFIERS[1];
		assert_ok!(commit(leaver, value[0]));
		assert_ok!(Attestations::leave_pool(RuntimeOrigin::signed(leaver)));
		run_to(20);
		assert_noop!(reveal(leaver, value[1]), Error::<Test>::NotInPool);
		assert_ok!(reveal(late, value[1]));
		// One slashed below the minimum bond has too little at stake to reveal.
		let slashed = VERIFIERS[2];
		let values = onion(4, 3);
		assert_ok!(commit(slashed, values[0]));
		run_to(30);
		crate::Pallet::<Test>::slash_bond(&slashed, Perbill::from_percent(1));
		assert_noop!(reveal(slashed, values[1]), Error::<Test>::BondTooSmall);
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(slashed), 1));
		assert_ok!(reveal(slashed, values[1]));
	});
}

#[test]
fn a_withheld_reveal_is_slashed_at_the_next_reveal() {
	run_test(|| {
		pool_of_five();
		let v = VERIFIERS[0];
		let values = onion(9, 3);
		assert_ok!(commit(v, values[0]));
		// It withholds in epochs 2 and 3 (to keep a seed it liked, say) and reveals in 4.
		run_to(40);
		let held = Balances::balance_on_hold(&HoldReason::VerifierBond.into(), &v);
		assert_ok!(reveal(v, values[1]));
		assert!(System::events()
			.iter()
			.any(|r| r.event == Event::VerifierSlashed { verifier: v, amount: 10 }.into()));
		assert_eq!(last_event(), Event::BeaconRevealed { verifier: v, epoch: 4, missed: 2 }.into());
		assert_eq!(bond_of(v), MIN_BOND - 10);
		assert_eq!(Balances::balance_on_hold(&HoldReason::VerifierBond.into(), &v), held - 10);
		// What it owed is paid: once it tops its bond up, the next epoch's reveal costs nothing.
		run_to(50);
		assert_noop!(reveal(v, values[2]), Error::<Test>::BondTooSmall);
		assert_ok!(Attestations::bond(RuntimeOrigin::signed(v), 10));
		assert_ok!(reveal(v, values[2]));
		assert_eq!(bond_of(v), MIN_BOND);
	});
}

#[test]
fn recommitting_does_not_escape_the_reveals_owed() {
	run_test(|| {
		pool_of_five();
		let v = VERIFIERS[0];
		assert_ok!(commit(v, onion(1, 3)[0]));
		// A new commitment in the same epoch owes nothing yet.
		assert_ok!(commit(v, onion(2, 3)[0]));
		assert_eq!(
			last_event(),
			Event::BeaconCommitted { verifier: v, epoch: 1, missed: 0 }.into()
		);
		run_to(30);
		// In epoch 3, without having revealed in 2 or 3, a fresh commitment pays for both: it
		// gives up this epoch's reveal.
		assert_ok!(commit(v, onion(3, 3)[0]));
		assert_eq!(
			last_event(),
			Event::BeaconCommitted { verifier: v, epoch: 3, missed: 2 }.into()
		);
		assert_eq!(bond_of(v), MIN_BOND - 10);
		// One that revealed this epoch recommits for free.
		let w = VERIFIERS[1];
		let values = onion(4, 3);
		assert_ok!(commit(w, values[0]));
		run_to(40);
		assert_ok!(reveal(w, values[1]));
		assert_ok!(commit(w, onion(5, 3)[0]));
		assert_eq!(
			last_event(),
			Event::BeaconCommitted { verifier: w, epoch: 4, missed: 0 }.into()
		);
		assert_eq!(bond_of(w), MIN_BOND);
	});
}

#[test]
fn unbonding_pays_for_the_reveals_owed_through_the_last_epoch() {
	run_test(|| {
		pool_of_five();
		let v = VERIFIERS[0];
		let values = onion(6, 3);
		assert_ok!(commit(v, values[0]));
		run_to(20);
		assert_ok!(reveal(v, values[1]));
		// It leaves in epoch 3 without revealing: it serves through 3, and owes epoch 3.
		run_to(30);
		assert_ok!(Attestations::leave_pool(RuntimeOrigin::signed(v)));
		run_to(100);
		let free = Balances::balance(&v);
		assert_ok!(Attestations::unbond(RuntimeOrigin::signed(v)));
		assert_eq!(bond_of(v), 0);
		assert_eq!(Balances::balance(&v), free + MIN_BOND - 5);
		assert_eq!(Attestations::beacon_commitment(v), None);
		assert_eq!(Balances::balance_on_hold(&HoldReason::VerifierBond.into(), &v), 0);
		// The epochs after it left are not counted.
		assert!(System::events()
			.iter()
			.any(|r| r.event == Event::VerifierSlashed { verifier: v, amount: 5 }.into()));
	});
}

#[test]
fn a_verifier_that_never_reveals_loses_at_most_its_bond() {
	run_test(|| {
		pool_of_five();
		let v = VERIFIERS[0];
		let values = onion(2, 2);
		assert_ok!(commit(v, values[0]));
		// 5 % per epoch: after 25 missed epochs the whole bond is gone, and no more.
		run_to(270);
		assert_ok!(reveal(v, values[1]));
		assert_eq!(
			last_event(),
			Event::BeaconRevealed { verifier: v, epoch: 27, missed: 25 }.into()
		);
		assert_eq!(bond_of(v), 0);
		assert_eq!(Balances::balance_on_hold(&HoldReason::VerifierBond.into(), &v), 0);
		assert_eq!(Balances::balance(&v), 1_000 - MIN_BOND);
	});
}
