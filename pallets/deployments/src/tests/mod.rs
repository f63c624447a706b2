//! Tests of the deployments pallet, by concern. Every test run with `run_test` ends with both
//! pallets' `try_state` checks. States and roles come from the real network states pallet.

use crate::mock::*;
use crate::{
	Blueprint, BlueprintId, BlueprintOf, BlueprintSpec, Deployment, DeploymentDevices,
	DeploymentId, DeploymentOf, DeviceDeployment, HoldReason, NextBlueprintId, NextDeploymentId,
};
use atlas_primitives::{Delivery, DeviceId, H3Cell, Metrics, PerClass, Role, StateId};
use frame_support::{
	assert_ok,
	traits::fungible::{Inspect, InspectHold},
};

/// `assert_eq!` for deployment and blueprint records, which are not `PartialEq` in the mock (the
/// derive bounds their `Get` parameters, and `ConstU32` is not `PartialEq`): compares their SCALE
/// encodings and shows both on a mismatch.
macro_rules! assert_same {
	($left:expr, $right:expr $(,)?) => {{
		let (left, right) = (&$left, &$right);
		assert!(
			codec::Encode::encode(left) == codec::Encode::encode(right),
			"{left:?} != {right:?}"
		);
	}};
}

mod blueprints;
mod deployments;
mod devices;
mod invariants;
mod kpis;
mod pages;

/// A valid H3 cell (San Francisco, resolution 9).
pub const CELL: H3Cell = 0x8928308280fffff;
/// Five distinct valid H3 cells (one more than `MaxCells`).
pub const CELLS: [H3Cell; 5] =
	[0x8928308280fffff, 0x85283473fffffff, 0x8001fffffffffff, 0x891f1d48947ffff, 0x887a6e42cbfffff];
/// The only vault the mock knows.
pub const VAULT: u32 = 7;
/// An account with no balance at all.
pub const PENNILESS: AccountId = 50;

/// The ticket of a deposit of `amount`: a hold consideration is stored as the amount it holds.
pub fn ticket<C: codec::Decode>(amount: Balance) -> C {
	C::decode(&mut &codec::Encode::encode(&amount)[..]).expect("a hold ticket is its amount")
}

/// What `who` has on hold for deployments and blueprints.
pub fn held_deposit(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::DeploymentDeposit.into(), &who)
}

/// What `who` has on hold for states (in the network states pallet).
pub fn held_state(who: AccountId) -> Balance {
	Balances::balance_on_hold(&pallet_network_states::HoldReason::StateDeposit.into(), &who)
}

pub fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

/// Registers a state administered by `admin`, paid by `payer`, and admits it; returns its id.
pub fn register_state_of(payer: AccountId, admin: AccountId) -> StateId {
	let id = pallet_network_states::NextStateId::<Test>::get();
	assert_ok!(States::register_state(
		RuntimeOrigin::signed(payer),
		b"State".to_vec(),
		vec![],
		admin
	));
	// The mock has no probation: admission establishes the state.
	assert_ok!(States::admit_state(RuntimeOrigin::root(), id));
	id
}

/// States A (admin Alice), B (admin Bob) and C (admin Charlie).
pub fn three_states() -> (StateId, StateId, StateId) {
	let a = register_state_of(ALICE, ALICE);
	let b = register_state_of(BOB, BOB);
	let c = register_state_of(CHARLIE, CHARLIE);
	assert_eq!((a, b, c), (0, 1, 2));
	(a, b, c)
}

/// Makes `who` a steward of `state`, appointed by its admin `admin`.
pub fn make_steward(state: StateId, admin: AccountId, who: AccountId) {
	assert_ok!(States::grant_role(RuntimeOrigin::signed(admin), state, who, Role::Steward));
}

/// `who` creates a deployment of `state` named "Microgrid" in `CELL`; returns its id.
pub fn create_deployment_of(who: AccountId, state: StateId) -> DeploymentId {
	let id = NextDeploymentId::<Test>::get();
	assert_ok!(Deployments::create_deployment(
		RuntimeOrigin::signed(who),
		state,
		b"Microgrid".to_vec(),
		b"ipfs://grid".to_vec(),
		vec![CELL],
		None
	));
	id
}

/// The record `create_deployment_of` stores.
pub fn microgrid(state: StateId, depositor: AccountId) -> DeploymentOf<Test> {
	Deployment {
		state,
		name: b"Microgrid".to_vec().try_into().unwrap(),
		metadata_uri: b"ipfs://grid".to_vec().try_into().unwrap(),
		cells: vec![CELL].try_into().unwrap(),
		vault: None,
		blueprint: None,
		devices: 0,
		depositor,
		ticket: ticket(DEPLOYMENT_DEPOSIT),
	}
}

pub fn spec(source: Option<DeploymentId>) -> BlueprintSpec<Balance> {
	BlueprintSpec {
		name: b"Village grid".to_vec(),
		metadata_uri: b"ipfs://playbook".to_vec(),
		device_mix: PerClass([1, 2, 8, 4]),
		hardware_models: vec![11, 12],
		expected_output: Metrics {
			uptime_secs: 3_600,
			energy_wh: 5_000,
			samples: 40,
			..Default::default()
		},
		cost: 25_000,
		source,
	}
}

/// The record publishing `spec(source)` stores.
pub fn village_grid(
	state: StateId,
	source: Option<DeploymentId>,
	depositor: AccountId,
	adoptions: u32,
) -> BlueprintOf<Test> {
	Blueprint {
		state,
		name: b"Village grid".to_vec().try_into().unwrap(),
		metadata_uri: b"ipfs://playbook".to_vec().try_into().unwrap(),
		device_mix: PerClass([1, 2, 8, 4]),
		hardware_models: vec![11, 12].try_into().unwrap(),
		expected_output: Metrics {
			uptime_secs: 3_600,
			energy_wh: 5_000,
			samples: 40,
			..Default::default()
		},
		cost: 25_000,
		source,
		adoptions,
		depositor,
		ticket: ticket(BLUEPRINT_DEPOSIT),
	}
}

/// `who` publishes `spec(source)` for `state`; returns the blueprint's id.
pub fn publish_of(who: AccountId, state: StateId, source: Option<DeploymentId>) -> BlueprintId {
	let id = NextBlueprintId::<Test>::get();
	assert_ok!(Deployments::publish_blueprint(RuntimeOrigin::signed(who), state, spec(source)));
	id
}

pub fn devices_of(deployment: DeploymentId) -> u32 {
	crate::Deployments::<Test>::get(deployment).expect("a deployment").devices
}

/// The members of `deployment` as both indexes see them, sorted.
pub fn members_of(deployment: DeploymentId) -> Vec<DeviceId> {
	let mut members: Vec<DeviceId> =
		DeploymentDevices::<Test>::iter_prefix(deployment).map(|(d, ())| d).collect();
	members.sort();
	for d in &members {
		assert_eq!(DeviceDeployment::<Test>::get(d), Some(deployment));
	}
	members
}

/// An hour's delivery of an energy device: `uptime` seconds, `energy` Wh, `points`.
pub fn delivery(uptime: u32, energy: u32, points: u64) -> Delivery {
	Delivery {
		metrics: Metrics { uptime_secs: uptime, energy_wh: energy, ..Default::default() },
		epoch_secs: 3_600,
		points,
	}
}

/// State A (Alice) with deployment 0 holding Alice's devices 1 and 2; device 3 of Alice is in
/// no deployment.
pub fn deployment_with_two_devices() -> (StateId, DeploymentId) {
	let a = register_state_of(ALICE, ALICE);
	let d = create_deployment_of(ALICE, a);
	for device in [1, 2, 3] {
		MockDevices::register(device, ALICE, a);
	}
	assert_ok!(Deployments::add_device(RuntimeOrigin::signed(ALICE), d, 1));
	assert_ok!(Deployments::add_device(RuntimeOrigin::signed(ALICE), d, 2));
	(a, d)
}
