//! Governance that cannot be bought, in the native runtime: registering a state only applies
//! for one, admission is governance's, seats follow established states only, the council's
//! solo powers are bounded, and multisig and proxy accounts act for states and operators.

use atlas_primitives::RoleProvider;
use atlas_runtime::configs::accounts::ProxyType;
use atlas_runtime::{
	configs::{governance::MaxCouncilSpend, StateAdmissionBond, StateProbation},
	AccountId, Balances, Multisig, NetworkStates, Proxy, Referenda, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, StateSeats, System,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Get},
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::DispatchError;

mod common;
use common::{council_motion, establish_state, preset_ext};

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

fn signed(k: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(k))
}

fn council() -> Vec<AccountId> {
	pallet_collective::Members::<Runtime, atlas_runtime::configs::governance::CouncilCollective>::get()
}

fn bond_of(who: &AccountId) -> u128 {
	Balances::balance_on_hold(
		&atlas_runtime::RuntimeHoldReason::NetworkStates(
			pallet_network_states::HoldReason::AdmissionBond,
		),
		who,
	)
}

fn apply(admin: Sr25519Keyring) -> u32 {
	let id = pallet_network_states::NextStateId::<Runtime>::get();
	assert_ok!(NetworkStates::register_state(
		signed(admin),
		b"Applicant".to_vec(),
		vec![],
		account(admin).into()
	));
	id
}

fn run(test: impl FnOnce()) {
	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		test();
		pallet_network_states::Pallet::<Runtime>::do_try_state().expect("registry invariants");
	});
}

/// The attack of the issue: six fresh accounts each register a state. Before admission this
/// made them the whole Council of States; now it makes them applicants, each with a bond held,
/// and the council stays empty: no motion, no spend, no suspension.
#[test]
fn registering_many_states_buys_no_seat() {
	run(|| {
		let strangers = [Alice, Bob, Charlie, Dave, Eve, Ferdie];
		for who in strangers {
			apply(who);
		}
		assert!(council().is_empty());
		for who in strangers {
			assert_eq!(bond_of(&account(who)), StateAdmissionBond::get());
		}
		let call =
			RuntimeCall::NetworkStates(pallet_network_states::Call::admit_state { state: 0 });
		assert_noop!(
			atlas_runtime::Council::propose(signed(Alice), 1, Box::new(call), 100),
			pallet_collective::Error::<
				Runtime,
				atlas_runtime::configs::governance::CouncilCollective,
			>::NotMember
		);
		// Nor may an applicant admit itself.
		assert_noop!(NetworkStates::admit_state(signed(Alice), 0), DispatchError::BadOrigin);
	});
}

/// Established states admit a newcomer by a council super-majority; it serves its probation
/// without a seat, then takes one.
#[test]
fn the_council_admits_and_the_probation_gates_the_seat() {
	run(|| {
		let founders: Vec<AccountId> =
			[Alice, Bob, Charlie, Dave].iter().map(|k| account(*k)).collect();
		for who in &founders {
			establish_state(who);
		}
		assert_eq!(council().len(), 4);
		let newcomer = apply(Eve);
		let admit = RuntimeCall::NetworkStates(pallet_network_states::Call::admit_state {
			state: newcomer,
		});
		// Two of four is not two thirds.
		assert_eq!(council_motion(2, &founders[..2], admit.clone()), Err(DispatchError::BadOrigin));
		assert_ok!(council_motion(3, &founders[..3], admit));
		// Admitted: devices may join, but no seat and no validators yet.
		assert!(<NetworkStates as RoleProvider<_>>::is_state_active(newcomer));
		assert_eq!(council().len(), 4);
		assert_noop!(
			StateSeats::claim_seat(signed(Eve), newcomer),
			pallet_state_seats::Error::<Runtime>::StateNotEstablished
		);
		assert_noop!(
			NetworkStates::conclude_probation(signed(Ferdie), newcomer),
			pallet_network_states::Error::<Runtime>::ProbationNotOver
		);
		System::set_block_number(1 + StateProbation::get());
		assert_ok!(NetworkStates::conclude_probation(signed(Ferdie), newcomer));
		assert!(council().contains(&account(Eve)));
		assert_eq!(council().len(), 5);
	});
}

/// What a council super-majority may no longer do alone: kill a referendum, administer
/// staking, or spend more than `MaxCouncilSpend` at once.
#[test]
fn the_council_alone_cannot_kill_referenda_administer_staking_or_spend_without_bound() {
	run(|| {
		let founders: Vec<AccountId> = [Alice, Bob, Charlie].iter().map(|k| account(*k)).collect();
		for who in &founders {
			establish_state(who);
		}
		let kill = RuntimeCall::Referenda(pallet_referenda::Call::kill { index: 0 });
		assert_eq!(council_motion(3, &founders, kill), Err(DispatchError::BadOrigin));
		let force_era = RuntimeCall::Staking(pallet_staking::Call::force_new_era {});
		assert_eq!(council_motion(3, &founders, force_era), Err(DispatchError::BadOrigin));
		let beneficiary = Box::new(account(Dave));
		let too_much = RuntimeCall::Treasury(pallet_treasury::Call::spend {
			asset_kind: Box::new(()),
			amount: MaxCouncilSpend::get() + 1,
			beneficiary: beneficiary.clone(),
			valid_from: None,
		});
		assert!(council_motion(3, &founders, too_much).is_err());
		let grant = RuntimeCall::Treasury(pallet_treasury::Call::spend {
			asset_kind: Box::new(()),
			amount: MaxCouncilSpend::get(),
			beneficiary,
			valid_from: None,
		});
		assert_ok!(council_motion(3, &founders, grant));
		// Root (a referendum on the root track) passes the origin check: only the missing
		// referendum stops it.
		assert_noop!(
			Referenda::kill(RuntimeOrigin::root(), 0),
			pallet_referenda::Error::<Runtime>::NotOngoing
		);
		assert_eq!(pallet_treasury::SpendCount::<Runtime>::get(), 1);
	});
}

fn last_proxy_result() -> Result<(), DispatchError> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
			_ => None,
		})
		.expect("the proxy call ran")
}

/// An operator proxy submits reports for its principal and is refused a transfer; a
/// non-transfer proxy may not transfer either, and an operator proxy cannot appoint an
/// unrestricted proxy.
#[test]
fn proxies_act_only_within_their_type() {
	run(|| {
		assert_ok!(Proxy::add_proxy(signed(Alice), account(Bob).into(), ProxyType::Operator, 0));
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
			dest: account(Bob).into(),
			value: 1,
		});
		assert_ok!(Proxy::proxy(
			signed(Bob),
			account(Alice).into(),
			None,
			Box::new(transfer.clone())
		));
		assert_eq!(last_proxy_result(), Err(frame_system::Error::<Runtime>::CallFiltered.into()));
		// A report goes through the filter (the empty batch is then refused by the pallet).
		let report = RuntimeCall::Attestations(pallet_attestations::Call::submit_reports {
			epoch: 0,
			reports: vec![],
		});
		assert_ok!(Proxy::proxy(signed(Bob), account(Alice).into(), None, Box::new(report)));
		assert_eq!(
			last_proxy_result(),
			Err(pallet_attestations::Error::<Runtime>::EmptyBatch.into())
		);
		// Nor can the operator proxy hide a transfer in a batch.
		let batch =
			RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![transfer.clone()] });
		assert_ok!(Proxy::proxy(signed(Bob), account(Alice).into(), None, Box::new(batch)));
		assert!(last_proxy_result().is_err());
		// Nor appoint itself an unrestricted proxy.
		let escalate = RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
			delegate: account(Bob).into(),
			proxy_type: ProxyType::Any,
			delay: 0,
		});
		assert_ok!(Proxy::proxy(signed(Bob), account(Alice).into(), None, Box::new(escalate)));
		assert!(last_proxy_result().is_err());
		assert_ok!(Proxy::add_proxy(
			signed(Charlie),
			account(Dave).into(),
			ProxyType::NonTransfer,
			0
		));
		assert_ok!(Proxy::proxy(signed(Dave), account(Charlie).into(), None, Box::new(transfer)));
		assert_eq!(last_proxy_result(), Err(frame_system::Error::<Runtime>::CallFiltered.into()));
	});
}

/// A 2-of-3 multisig account takes over a state's admin role and then grants a role, which
/// only the admin may do.
#[test]
fn a_multisig_administers_a_state() {
	run(|| {
		let state = establish_state(&account(Alice));
		let mut signatories = vec![account(Bob), account(Charlie), account(Dave)];
		signatories.sort();
		let multisig = Multisig::multi_account_id(&signatories, 2);
		// It needs the state's deposit and bond to take the role over.
		assert_ok!(Balances::transfer_allow_death(
			signed(Alice),
			multisig.clone().into(),
			2 * StateAdmissionBond::get()
		));
		assert_ok!(NetworkStates::transfer_admin(signed(Alice), state, multisig.clone().into()));
		let accept =
			RuntimeCall::NetworkStates(pallet_network_states::Call::accept_admin { state });
		two_of_three(&signatories, accept);
		assert!(NetworkStates::is_admin(state, &multisig));
		assert_eq!(bond_of(&multisig), StateAdmissionBond::get());
		let grant = RuntimeCall::NetworkStates(pallet_network_states::Call::grant_role {
			state,
			who: account(Eve).into(),
			role: atlas_primitives::Role::Citizen,
		});
		// One signatory alone cannot act for it.
		assert_noop!(
			NetworkStates::grant_role(
				signed(Bob),
				state,
				account(Eve).into(),
				atlas_primitives::Role::Citizen
			),
			pallet_network_states::Error::<Runtime>::NotAdminOrSteward
		);
		two_of_three(&signatories, grant);
		assert!(NetworkStates::has_role(state, &account(Eve), atlas_primitives::Role::Citizen));
	});
}

/// The first two of `signatories` approve and execute `call` as their 2-of-3 multisig.
fn two_of_three(signatories: &[AccountId], call: RuntimeCall) {
	use frame_support::dispatch::GetDispatchInfo;
	let others =
		|me: &AccountId| signatories.iter().filter(|s| *s != me).cloned().collect::<Vec<_>>();
	let (first, second) = (&signatories[0], &signatories[1]);
	let hash = sp_io::hashing::blake2_256(&codec::Encode::encode(&call));
	assert_ok!(Multisig::approve_as_multi(
		RuntimeOrigin::signed(first.clone()),
		2,
		others(first),
		None,
		hash,
		frame_support::weights::Weight::zero()
	));
	let multisig = Multisig::multi_account_id(signatories, 2);
	let when = pallet_multisig::Multisigs::<Runtime>::get(&multisig, hash).expect("pending").when;
	let weight = call.get_dispatch_info().call_weight;
	assert_ok!(Multisig::as_multi(
		RuntimeOrigin::signed(second.clone()),
		2,
		others(second),
		Some(when),
		Box::new(call),
		weight
	));
	let executed = System::events().into_iter().rev().find_map(|r| match r.event {
		RuntimeEvent::Multisig(pallet_multisig::Event::MultisigExecuted { result, .. }) => {
			Some(result)
		},
		_ => None,
	});
	assert_eq!(executed, Some(Ok(())));
}

/// A community-pool vote ends before the governance stake that voted in it could be unbonded
/// and withdrawn, on fast and on production timing alike.
#[test]
fn pool_votes_end_before_stake_unbonds() {
	use atlas_runtime::configs::{PoolVotingPeriod, StakeUnbonding};
	for preset in [DEV_RUNTIME_PRESET, sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET] {
		preset_ext(preset).execute_with(|| {
			assert!(PoolVotingPeriod::get() < StakeUnbonding::get(), "{preset}");
		});
	}
}
