//! Verifier rewards: governance's share of each epoch's emission, paid pro rata to the
//! observations attestations credited, through a lazy claim within retention.

use super::*;

const V1: AccountId = 60;
const V2: AccountId = 61;

fn share(percent: u32) {
	assert_ok!(Rewards::set_verifier_share(RuntimeOrigin::root(), Perbill::from_percent(percent)));
}

fn claim_verifier(who: AccountId, epochs: Vec<EpochIndex>) -> DispatchResultWithPostInfo {
	Rewards::claim_verifier_rewards(RuntimeOrigin::signed(who), epochs)
}

#[test]
fn the_verifier_share_is_taken_before_the_class_split() {
	run_test(|| {
		share(10);
		System::assert_last_event(
			Event::VerifierShareSet { share: Perbill::from_percent(10) }.into(),
		);
		close_and_fund(0);
		let minted = Emission { depin: 720_000, treasury: 80_000 };
		System::assert_last_event(
			Event::EpochFunded {
				epoch: 0,
				minted,
				class_budgets: PerClass([162_000; 4]),
				verifier_budget: 72_000,
			}
			.into(),
		);
		let b = budget(0);
		assert_eq!(b.verifiers, ClassBudget { budget: 72_000, settled: 0 });
		// Everything the devices' part minted is budgeted: the pot holds it all.
		assert_eq!(balance(Rewards::pot()), ED + 720_000);
	});
}

#[test]
fn only_governance_sets_the_verifier_share_within_its_bound() {
	run_test(|| {
		assert_noop!(
			Rewards::set_verifier_share(RuntimeOrigin::signed(OWNER), Perbill::from_percent(5)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Rewards::set_verifier_share(RuntimeOrigin::root(), Perbill::from_percent(21)),
			Error::<Test>::VerifierShareTooHigh
		);
		share(20);
		assert_eq!(crate::VerifierShare::<Test>::get(), Perbill::from_percent(20));
	});
}

#[test]
fn verifiers_are_paid_pro_rata_to_their_credits_once() {
	run_test(|| {
		share(10);
		close_and_fund(0);
		MockVerifiers::judge(0, &[(V1, 3), (V2, 1)]);
		assert_eq!(Rewards::verifier_rewards(V1), vec![(0, 54_000)]);
		assert_ok!(claim_verifier(V1, vec![0]));
		System::assert_has_event(
			Event::VerifierRewardPaid {
				verifier: V1,
				epoch: 0,
				credits: 3,
				total: 4,
				amount: 54_000,
			}
			.into(),
		);
		assert_eq!(balance(V1), 54_000);
		assert_eq!(budget(0).verifiers.settled, 54_000);
		assert_eq!(Rewards::emission_totals().paid, 54_000);
		assert!(Rewards::verifier_rewards(V1).is_empty());
		// Paid once: the credits were taken.
		assert_noop!(claim_verifier(V1, vec![0]), Error::<Test>::NothingToClaim);
		assert_ok!(claim_verifier(V2, vec![0, 0]));
		assert_eq!(balance(V2), 18_000);
		assert_eq!(budget(0).verifiers.settled, 72_000);
	});
}

#[test]
fn credits_of_an_epoch_still_being_judged_pay_nothing_yet() {
	run_test(|| {
		share(10);
		close_and_fund(0);
		MockVerifiers::credit_unjudged(0, V1, 2);
		assert!(Rewards::verifier_rewards(V1).is_empty());
		assert_noop!(claim_verifier(V1, vec![0]), Error::<Test>::NothingToClaim);
		// An epoch not funded yet pays nothing either.
		MockVerifiers::judge(1, &[(V1, 1)]);
		assert_noop!(claim_verifier(V1, vec![1]), Error::<Test>::NothingToClaim);
		MockVerifiers::judge(0, &[(V1, 2)]);
		close_and_fund(1);
		assert_ok!(claim_verifier(V1, vec![0, 1]));
		assert_eq!(balance(V1), 72_000 + budget(1).verifiers.budget);
	});
}

#[test]
fn a_verifier_claim_is_bounded_and_not_empty() {
	run_test(|| {
		assert_noop!(claim_verifier(V1, vec![]), Error::<Test>::NothingToClaim);
		assert_noop!(claim_verifier(V1, (0..=MAX_PENDING).collect()), Error::<Test>::TooManyEpochs);
	});
}

#[test]
fn unclaimed_verifier_rewards_expire_to_the_treasury() {
	run_test(|| {
		share(10);
		close_and_fund(0);
		MockVerifiers::judge(0, &[(V1, 1)]);
		close_and_fund(RETENTION);
		let treasury = balance(TREASURY);
		Rewards::on_idle(System::block_number(), Weight::MAX);
		// The whole epoch went back: nobody claimed anything.
		System::assert_last_event(Event::RewardsExpired { epoch: 0, amount: 720_000 }.into());
		assert_eq!(balance(TREASURY), treasury + 720_000);
		assert_noop!(claim_verifier(V1, vec![0]), Error::<Test>::RewardsExpired);
	});
}

#[test]
fn a_halted_epoch_pays_verifiers_once_released() {
	run_test(|| {
		share(10);
		close_and_fund(0);
		assert_ok!(Rewards::set_policy_params(RuntimeOrigin::root(), runaway_params()));
		close_and_fund(1);
		assert!(budget(1).halted);
		MockVerifiers::judge(1, &[(V1, 1)]);
		assert_noop!(claim_verifier(V1, vec![1]), Error::<Test>::CircuitBreakerTripped);
		assert!(Rewards::verifier_rewards(V1).is_empty());
		assert_ok!(Rewards::resolve_breaker(RuntimeOrigin::root(), 1, false));
		// The breaker's limit, 4,000,000, of which the devices' part is 90 %, 10 % of that to
		// verifiers.
		assert_eq!(budget(1).verifiers.budget, 360_000);
		assert_ok!(claim_verifier(V1, vec![1]));
		assert_eq!(balance(V1), 360_000);
	});
}
