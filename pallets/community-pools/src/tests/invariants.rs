//! The invariants catch inconsistent storage.

use super::*;

#[test]
fn invariants_catch_tallies_that_differ_from_the_votes() {
	new_test_ext().execute_with(|| {
		let id = propose();
		vote(CITIZEN_A, id, true);
		assert_ok!(CommunityPools::do_try_state());
		Proposals::<Test>::mutate(id, |p| p.as_mut().unwrap().ayes = 1);
		assert!(CommunityPools::do_try_state().is_err());
		Proposals::<Test>::mutate(id, |p| {
			let p = p.as_mut().unwrap();
			p.ayes = 100;
			p.voters = 2;
		});
		assert!(CommunityPools::do_try_state().is_err());
	});
}

#[test]
fn invariants_catch_counts_ids_and_stray_votes() {
	new_test_ext().execute_with(|| {
		let id = propose();
		OpenProposals::<Test>::insert(STATE, 2);
		assert!(CommunityPools::do_try_state().is_err());
		OpenProposals::<Test>::remove(STATE);
		assert!(CommunityPools::do_try_state().is_err());
		OpenProposals::<Test>::insert(STATE, 1);
		assert_ok!(CommunityPools::do_try_state());
		NextProposalId::<Test>::put(id);
		assert!(CommunityPools::do_try_state().is_err());
		NextProposalId::<Test>::put(id + 1);
		Votes::<Test>::insert(id + 5, CITIZEN_A, (true, 100));
		assert!(CommunityPools::do_try_state().is_err());
	});
}
