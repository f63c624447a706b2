//! Tests of the rewards pallet. Every test ends with the pallet's `try_state` checks.

use crate::mock::*;

#[test]
fn genesis_sets_policy() {
	run_test(|| {
		assert_eq!(crate::NextToFund::<Test>::get(), 0);
	});
}
