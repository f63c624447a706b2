//! A network state invests through its community pool: deposits, votes and redemptions its
//! citizens voted, its commitment recorded.

use super::*;
use crate::Commitments;
use atlas_primitives::StateInvestments;

/// PARTNER's community pool (an account its citizens' votes spend).
const POOL: AccountId = 60;

#[test]
fn a_state_invests_votes_and_divests_through_its_pool() {
	run_test(|| {
		with_holders();
		let early = proposed(ALICE, spend(10));
		assert_ok!(<Balances as fungible::Mutate<_>>::mint_into(&POOL, 10_000));
		assert_ok!(Vaults::invest(PARTNER, &POOL, 0, 3_000));
		assert_eq!(shares(POOL), 3_000);
		assert_eq!(Commitments::<Test>::get(0, PARTNER), Some(3_000));
		assert!(events().contains(&Event::CommitmentChanged {
			vault: 0,
			state: PARTNER,
			commitment: 3_000
		}));
		assert_eq!(Vaults::view(0).unwrap().commitments, vec![(PARTNER, 3_000)]);
		// Its shares vote like any holder's: not on a proposal made before the deposit, and
		// frozen by the vote.
		assert_noop!(
			<Vaults as StateInvestments<_, _>>::vote(&POOL, 0, early, true, 3_000),
			Error::<Test>::SharesTooYoung
		);
		run_to(enactment(early));
		assert_ok!(close(early));
		let id = proposed(ALICE, spend(10));
		assert_ok!(<Vaults as StateInvestments<_, _>>::vote(&POOL, 0, id, false, 3_000));
		assert_eq!(proposal(id).nays, 3_000);
		assert_noop!(Vaults::divest(PARTNER, &POOL, 0, 1), Error::<Test>::InsufficientShares);
		run_to(proposal(id).ends);
		// Redeeming a third: the commitment shrinks by what was paid.
		assert_ok!(Vaults::divest(PARTNER, &POOL, 0, 1_000));
		let paid = events()
			.into_iter()
			.find_map(|e| match e {
				Event::Redeemed { who: POOL, amount, .. } => Some(amount),
				_ => None,
			})
			.expect("redeemed");
		assert_eq!(Commitments::<Test>::get(0, PARTNER), Some(3_000 - paid));
		assert_ok!(Vaults::divest(PARTNER, &POOL, 0, 2_000));
		assert_eq!(Commitments::<Test>::get(0, PARTNER), None);
		// Errors leave the commitment as it was.
		assert_noop!(Vaults::invest(PARTNER, &POOL, 7, 1_000), Error::<Test>::VaultNotFound);
		assert_noop!(Vaults::invest(PARTNER, &POOL, 0, 1), Error::<Test>::DepositTooSmall);
	});
}
