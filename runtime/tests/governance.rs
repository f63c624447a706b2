//! Governance in the native runtime: the Council of States follows the registry, and a DePIN
//! parameter changes by root, by a council super-majority or by the DePIN parameters track, and
//! by nothing else.

use atlas_inflation::InflationParams;
use atlas_runtime::{
	configs::governance::CouncilCollective, pallets::origins, AccountId, ConvictionVoting, Council,
	NetworkStates, Referenda, Rewards, Runtime, RuntimeCall, RuntimeOrigin, System, Treasury, ATH,
};
use frame_support::{assert_noop, assert_ok, traits::StorePreimage};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave};
use sp_runtime::{DispatchError, Perbill};

mod common;
use common::preset_ext;

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

fn signed(k: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(k))
}

/// An established state administered by `admin`.
fn register_state(admin: Sr25519Keyring) -> u32 {
	common::establish_state(&account(admin))
}

fn council() -> Vec<AccountId> {
	pallet_collective::Members::<Runtime, CouncilCollective>::get()
}

/// New emission parameters: a 30 % validator share.
fn new_params() -> InflationParams {
	InflationParams { validator_share: Perbill::from_percent(30), ..Default::default() }
}

fn set_params_call() -> RuntimeCall {
	RuntimeCall::Rewards(pallet_rewards::Call::set_policy_params { params: new_params() })
}

fn run(test: impl FnOnce()) {
	preset_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		System::set_block_number(1);
		test();
	});
}

/// Proposes `call` to the council with `threshold`, has `ayes` vote for it and closes it;
/// returns the result the council reported for executing it.
fn council_motion(
	threshold: u32,
	ayes: &[Sr25519Keyring],
	call: RuntimeCall,
) -> Result<(), DispatchError> {
	let ayes: Vec<AccountId> = ayes.iter().map(|k| account(*k)).collect();
	common::council_motion(threshold, &ayes, call)
}

#[test]
fn the_council_is_the_admins_of_active_states() {
	run(|| {
		assert!(council().is_empty());
		let a = register_state(Alice);
		let b = register_state(Bob);
		let mut expected = vec![account(Alice), account(Bob)];
		expected.sort();
		assert_eq!(council(), expected);
		// Bob's state is suspended: Bob leaves the council and can no longer propose.
		assert_ok!(NetworkStates::suspend_state(RuntimeOrigin::root(), b));
		assert_eq!(council(), vec![account(Alice)]);
		assert_noop!(
			Council::propose(signed(Bob), 1, Box::new(set_params_call()), 100),
			pallet_collective::Error::<Runtime, CouncilCollective>::NotMember
		);
		// Alice hands her state to Charlie: the seat moves.
		assert_ok!(NetworkStates::transfer_admin(signed(Alice), a, account(Charlie).into()));
		assert_ok!(NetworkStates::accept_admin(signed(Charlie), a));
		assert_eq!(council(), vec![account(Charlie)]);
		// Nobody sets the council's members directly, not even root.
		assert_noop!(
			Council::set_members(RuntimeOrigin::root(), vec![account(Dave)], None, 0),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn root_changes_a_depin_parameter() {
	run(|| {
		assert_ok!(Rewards::set_policy_params(RuntimeOrigin::root(), new_params()));
		assert_eq!(pallet_rewards::PolicyParams::<Runtime>::get(), new_params());
	});
}

#[test]
fn a_council_super_majority_changes_a_depin_parameter_and_a_bare_majority_does_not() {
	run(|| {
		for who in [Alice, Bob, Charlie, Dave] {
			register_state(who);
		}
		// Two of four is a majority of the votes cast but not two thirds of the seats.
		assert_eq!(
			council_motion(2, &[Alice, Bob], set_params_call()),
			Err(DispatchError::BadOrigin)
		);
		assert_ne!(pallet_rewards::PolicyParams::<Runtime>::get(), new_params());
		// Three of four is.
		assert_ok!(council_motion(3, &[Alice, Bob, Charlie], set_params_call()));
		assert_eq!(pallet_rewards::PolicyParams::<Runtime>::get(), new_params());
	});
}

#[test]
fn the_depin_params_track_changes_a_depin_parameter_and_others_do_not() {
	run(|| {
		let depin: RuntimeOrigin = origins::Origin::DepinParams.into();
		let treasurer: RuntimeOrigin = origins::Origin::Treasurer.into();
		assert_noop!(Rewards::set_policy_params(treasurer, new_params()), DispatchError::BadOrigin);
		assert_noop!(
			Rewards::set_policy_params(signed(Alice), new_params()),
			DispatchError::BadOrigin
		);
		assert_ok!(Rewards::set_policy_params(depin.clone(), new_params()));
		assert_eq!(pallet_rewards::PolicyParams::<Runtime>::get(), new_params());
		// The same origin suspends states and approves hardware models.
		let state = register_state(Alice);
		assert_ok!(NetworkStates::suspend_state(depin.clone(), state));
		assert_ok!(atlas_runtime::Devices::approve_hardware_model(
			depin,
			b"New sensor".to_vec(),
			atlas_primitives::DeviceSpec::Sensing {
				sensor_kind: atlas_primitives::SensorKind::Noise,
				samples_per_hour: 60,
			}
		));
	});
}

#[test]
fn referenda_map_origins_to_tracks_and_staked_ath_votes() {
	run(|| {
		use pallet_conviction_voting::{AccountVote, Conviction, Vote};
		let proposal = <atlas_runtime::Preimage as StorePreimage>::bound(set_params_call())
			.expect("the call fits");
		// A referendum on the DePIN parameters track.
		assert_ok!(Referenda::submit(
			signed(Alice),
			Box::new(origins::Origin::DepinParams.into()),
			proposal,
			frame_support::traits::schedule::DispatchTime::After(1),
		));
		let track = pallet_referenda::ReferendumInfoFor::<Runtime>::get(0)
			.and_then(|info| match info {
				pallet_referenda::ReferendumInfo::Ongoing(status) => Some(status.track),
				_ => None,
			})
			.expect("ongoing");
		assert_eq!(track, atlas_runtime::configs::governance::track::DEPIN_PARAMS);
		// Alice//stash bonded 100,000 of its 1,000,000 ATH at genesis; it votes with 950,000,
		// more than its free balance: the vote's lock overlaps the staking hold.
		let stash = Sr25519Keyring::AliceStash;
		let free = pallet_balances::Pallet::<Runtime>::free_balance(account(stash));
		assert!(free < 950_000 * ATH);
		let vote = |balance| AccountVote::Standard {
			vote: Vote { aye: true, conviction: Conviction::Locked1x },
			balance,
		};
		assert_ok!(ConvictionVoting::vote(signed(stash), 0, vote(950_000 * ATH)));
		// No one votes with more than they have, and an account without ATH cannot vote.
		assert_noop!(
			ConvictionVoting::vote(signed(Bob), 0, vote(2_000_000 * ATH)),
			pallet_conviction_voting::Error::<Runtime>::InsufficientFunds
		);
		let pauper: AccountId = [7u8; 32].into();
		assert_noop!(
			ConvictionVoting::vote(RuntimeOrigin::signed(pauper), 0, vote(ATH)),
			pallet_conviction_voting::Error::<Runtime>::InsufficientFunds
		);
		// A plain account's origin has no track.
		let proposal = <atlas_runtime::Preimage as StorePreimage>::bound(set_params_call())
			.expect("the call fits");
		assert_noop!(
			Referenda::submit(
				signed(Alice),
				Box::new(frame_system::RawOrigin::Signed(account(Bob)).into()),
				proposal,
				frame_support::traits::schedule::DispatchTime::After(1),
			),
			pallet_referenda::Error::<Runtime>::NoTrack
		);
	});
}

#[test]
fn the_treasurer_track_and_the_council_spend_from_the_treasury() {
	run(|| {
		let treasurer: RuntimeOrigin = origins::Origin::Treasurer.into();
		let to_dave = || Box::new(account(Dave));
		assert_ok!(Treasury::spend(treasurer, Box::new(()), 5 * ATH, to_dave(), None));
		// The DePIN parameters track does not spend, nor does an account.
		assert_noop!(
			Treasury::spend(
				origins::Origin::DepinParams.into(),
				Box::new(()),
				ATH,
				to_dave(),
				None
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Treasury::spend(signed(Alice), Box::new(()), ATH, to_dave(), None),
			DispatchError::BadOrigin
		);
		// Over the most one spend may pay, even the treasurer track is refused.
		let over = atlas_runtime::configs::governance::MaxTreasurySpend::get() + 1;
		assert_noop!(
			Treasury::spend(origins::Origin::Treasurer.into(), Box::new(()), over, to_dave(), None),
			pallet_treasury::Error::<Runtime>::InsufficientPermission
		);
	});
}
