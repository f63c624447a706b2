//! The reward sink: vaults take rewards as yield, minting no shares.

use super::*;

#[test]
fn vaults_take_rewards() {
	run_test(|| {
		assert!(!<Vaults as RewardSink<AccountId, Balance>>::accepts(0));
		create();
		assert!(<Vaults as RewardSink<AccountId, Balance>>::accepts(0));
		assert!(!<Vaults as RewardSink<AccountId, Balance>>::accepts(1));

		assert_ok!(<Vaults as RewardSink<AccountId, Balance>>::receive(0, &POT, 777));
		System::assert_last_event(Event::YieldReceived { vault: 0, amount: 777 }.into());
		assert_eq!(balance(POT), 10_000_000 - 777);
		assert_eq!(liquid(), MIN_SEED + 777);
		// Yield mints no shares: it raises the price.
		assert_eq!(supply(), MIN_SEED);
		assert_eq!(Vaults::value_of(0, 1_000), Some(1_777));

		assert_noop!(
			<Vaults as RewardSink<AccountId, Balance>>::receive(1, &POT, 777),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(
			<Vaults as RewardSink<AccountId, Balance>>::receive(0, &POOR, 777),
			TokenError::FundsUnavailable
		);
	});
}
