//! Governance actions executed on close: attaching devices and changing the params.

use super::*;

#[test]
fn devices_are_attached_and_detached_by_vote() {
	run_test(|| {
		with_holders();
		assert_eq!(pass(ProposalAction::AttachDevice(ROUTED)), Outcome::Executed);
		assert!(events().contains(&Event::DeviceAttached { vault: 0, device: ROUTED }));
		assert_eq!(vault().devices.to_vec(), vec![ROUTED]);
		assert_eq!(Vaults::view(0).unwrap().devices, vec![ROUTED]);

		assert_eq!(pass(ProposalAction::DetachDevice(ROUTED)), Outcome::Executed);
		assert!(events().contains(&Event::DeviceDetached { vault: 0, device: ROUTED }));
		assert!(vault().devices.is_empty());
	});
}

#[test]
fn a_device_removed_before_close_is_not_attached() {
	run_test(|| {
		with_holders();
		let id = proposed(ALICE, ProposalAction::AttachDevice(ROUTED));
		assert_ok!(vote(ALICE, id, true, 1_000));
		// Its owner decommissions it while the vote runs.
		MockDevices::remove(ROUTED);
		run_to(enactment(id));
		assert_ok!(close(id));
		assert_eq!(outcome(id), Outcome::ExecutionFailed);
		assert!(events().contains(&Event::ExecutionFailed {
			vault: 0,
			proposal: id,
			error: Error::<Test>::DeviceNotFound.into(),
		}));
		assert!(vault().devices.is_empty());
	});
}

/// Only devices the holders voted in may pay the vault (so none can fill its bookkeeping with
/// dust legs); a detached device no longer may.
#[test]
fn the_vault_admits_the_devices_that_pay_it() {
	use atlas_primitives::RewardSink;
	run_test(|| {
		with_holders();
		assert!(!Vaults::admits(0, UNROUTED));
		assert_eq!(pass(ProposalAction::AttachDevice(UNROUTED)), Outcome::Executed);
		assert!(Vaults::admits(0, UNROUTED));
		assert!(!Vaults::admits(1, UNROUTED));
		assert_eq!(pass(ProposalAction::DetachDevice(UNROUTED)), Outcome::Executed);
		assert!(!Vaults::admits(0, UNROUTED));
	});
}

#[test]
fn set_params_changes_the_params() {
	run_test(|| {
		with_holders();
		let new = VaultParams {
			min_deposit: 500,
			redeem_after: 0,
			voting_period: 20,
			quorum: Perbill::from_percent(30),
			threshold: Perbill::from_percent(66),
			sponsor_veto: false,
		};
		assert_eq!(pass(ProposalAction::SetParams(new.clone())), Outcome::Executed);
		assert!(events().contains(&Event::ParamsChanged { vault: 0, params: new.clone() }));
		assert_eq!(vault().params, new);
		assert_noop!(deposit(CHARLIE, 499), Error::<Test>::DepositTooSmall);
		assert_ok!(deposit(CHARLIE, 500));
		// Votes now run 20 blocks, and sponsors hold no veto.
		let now = System::block_number();
		let id = proposed(BOB, spend(1));
		assert_eq!(proposal(id).ends, now + 20);
		assert_noop!(veto(ADMIN, id, STATE), Error::<Test>::VetoNotAllowed);
	});
}
