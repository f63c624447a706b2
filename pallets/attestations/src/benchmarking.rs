//! Benchmarks of the attestations pallet (v2), each at its worst case.

use super::*;
use crate::pallet::{Bonds, Challenges, Epochs, NextToClose, Observations, Reports, SignedReport};
use alloc::{vec, vec::Vec};
use atlas_primitives::{
	report_payload, DeviceClass, DeviceId, DeviceKey, DeviceRegistry, DeviceSignature, DeviceSpec,
	Metrics, Role, RoleProvider, StateId,
};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get, Hooks,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::crypto::KeyTypeId;
use sp_runtime::{traits::Zero, Perbill, Saturating};

const DEVICE_KEY_TYPE: KeyTypeId = KeyTypeId(*b"atdv");

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::MinVerifierBond::get()
		.saturating_add(T::ChallengeBond::get())
		.saturating_mul(10u32.into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

fn at_block<T: Config>(n: u32) {
	frame_system::Pallet::<T>::set_block_number(n.into());
}

/// An active state with `n` active energy devices owned by a funded owner, each with its own
/// sr25519 key in the benchmark keystore. They pay no vault: a device paying one costs
/// `OnReport::vault_weight` more, which the calls add per such device.
fn devices<T: Config>(
	n: u32,
) -> (StateId, T::AccountId, Vec<(DeviceId, sp_core::sr25519::Public)>) {
	let admin: T::AccountId = account("admin", 0, 0);
	let state = T::Roles::benchmark_state(&admin);
	let owner = funded::<T>("owner", 0);
	let list = (0..n)
		.map(|_| {
			let public = sp_io::crypto::sr25519_generate(DEVICE_KEY_TYPE, None);
			let id = T::Devices::benchmark_device(
				&owner,
				state,
				DeviceSpec::Energy { rated_watts: 1_000_000 },
				DeviceKey::Sr25519(public),
			);
			(id, public)
		})
		.collect();
	(state, owner, list)
}

fn metrics<T: Config>() -> Metrics {
	Metrics { uptime_secs: Pallet::<T>::epoch_secs(), energy_wh: 1, ..Default::default() }
}

fn sign<T: Config>(
	device: DeviceId,
	public: &sp_core::sr25519::Public,
	epoch: u32,
) -> SignedReport {
	let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
	let m = metrics::<T>();
	let payload = report_payload(&genesis, device, epoch, &m);
	let sig = sp_io::crypto::sr25519_sign(DEVICE_KEY_TYPE, public, &payload).expect("key in store");
	SignedReport { device, metrics: m, signature: DeviceSignature::Sr25519(sig) }
}

/// A bonded verifier of `state`.
fn verifier<T: Config>(state: StateId, index: u32) -> T::AccountId {
	let v = funded::<T>("verifier", index);
	T::Roles::benchmark_grant(state, &v, Role::Verifier);
	Pallet::<T>::bond(RawOrigin::Signed(v.clone()).into(), T::MinVerifierBond::get())
		.expect("funded");
	v
}

/// A stored report of `device` in epoch 0, as if it had been submitted.
fn stored_report<T: Config>(device: DeviceId) {
	let record = Pallet::<T>::evaluate(
		DeviceClass::Energy,
		metrics::<T>(),
		&[],
		&Pallet::<T>::params(DeviceClass::Energy),
		Pallet::<T>::epoch_secs(),
	);
	Epochs::<T>::mutate(0, |s| {
		let t = s.class_mut(DeviceClass::Energy);
		t.points = t.points.saturating_add(record.points);
		t.devices.saturating_inc();
	});
	Reports::<T>::insert(0, device, record);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn submit_reports(n: Linear<1, { T::MaxBatch::get() }>) {
		at_block::<T>(1);
		let (_, owner, list) = devices::<T>(n);
		let reports: Vec<_> = list.iter().map(|(id, public)| sign::<T>(*id, public, 0)).collect();
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), 0, reports);
		assert_eq!(Epochs::<T>::get(0).class(DeviceClass::Energy).devices, n);
	}

	#[benchmark]
	fn attest(n: Linear<1, { T::MaxBatch::get() }>) {
		at_block::<T>(1);
		let (state, _, list) = devices::<T>(n);
		// Every device reported and has Quorum - 1 observations: this one reaches quorum and
		// re-scores the report.
		let others: Vec<_> = (1..T::Quorum::get()).map(|i| verifier::<T>(state, i)).collect();
		for (id, _) in &list {
			stored_report::<T>(*id);
			let observed: ObservationsOf<T> = others
				.iter()
				.map(|v| Observation {
					verifier: v.clone(),
					observed: Observed { uptime_secs: 1, bandwidth_bytes: 0 },
				})
				.collect::<Vec<_>>()
				.try_into()
				.expect("Quorum <= MaxObservers");
			Observations::<T>::insert(0, id, observed);
		}
		let who = verifier::<T>(state, 0);
		let observations: Vec<_> = list
			.iter()
			.map(|(id, _)| (*id, Observed { uptime_secs: 1, bandwidth_bytes: 0 }))
			.collect();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), 0, observations);
		assert!(Reports::<T>::get(0, list[0].0).is_some_and(|r| r.quorum));
	}

	#[benchmark]
	fn bond() {
		let who = funded::<T>("verifier", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), T::MinVerifierBond::get());
		assert!(Bonds::<T>::contains_key(&who));
	}

	#[benchmark]
	fn unbond() {
		at_block::<T>(1);
		let (state, _, list) = devices::<T>(1);
		let who = verifier::<T>(state, 0);
		Pallet::<T>::attest(
			RawOrigin::Signed(who.clone()).into(),
			0,
			vec![(list[0].0, Observed { uptime_secs: 1, bandwidth_bytes: 0 })],
		)
		.expect("verifier attests");
		// Past the epoch's close and challenge window, with the close done.
		at_block::<T>(Pallet::<T>::closes_at(0).saturating_add(ChallengeWindow::<T>::get()));
		NextToClose::<T>::put(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Bonds::<T>::contains_key(&who));
	}

	#[benchmark]
	fn judge_observations(o: Linear<1, { T::MaxObservers::get() }>) {
		at_block::<T>(1);
		let (state, _, list) = devices::<T>(1);
		let device = list[0].0;
		for i in 0..o {
			let v = verifier::<T>(state, i);
			// Half far from the others: slashed as outliers once there is a quorum.
			let up = if i % 2 == 0 { 1 } else { Pallet::<T>::epoch_secs() };
			Pallet::<T>::attest(
				RawOrigin::Signed(v).into(),
				0,
				vec![(device, Observed { uptime_secs: up, bandwidth_bytes: 0 })],
			)
			.expect("verifier attests");
		}
		NextToClose::<T>::put(1);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), 0, device);
		assert!(!Observations::<T>::contains_key(0, device));
	}

	#[benchmark]
	fn challenge() {
		at_block::<T>(1);
		let (_, _, list) = devices::<T>(1);
		stored_report::<T>(list[0].0);
		let challenger = funded::<T>("challenger", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(challenger), 0, list[0].0);
		assert!(Challenges::<T>::contains_key(0, list[0].0));
	}

	#[benchmark]
	fn resolve_challenge() -> Result<(), BenchmarkError> {
		at_block::<T>(1);
		let (_, _, list) = devices::<T>(1);
		let device = list[0].0;
		stored_report::<T>(device);
		let challenger = funded::<T>("challenger", 0);
		Pallet::<T>::challenge(RawOrigin::Signed(challenger).into(), 0, device)
			.map_err(|_| BenchmarkError::Weightless)?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0, device, true);
		assert!(Reports::<T>::get(0, device).is_some_and(|r| r.fraudulent));
		Ok(())
	}

	#[benchmark]
	fn set_class_params() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let params = ScoringParams {
			bonus: Perbill::from_percent(20),
			..ScoringParams::default_for(DeviceClass::Compute)
		};
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, DeviceClass::Compute, params);
		assert_eq!(Pallet::<T>::params(DeviceClass::Compute), params);
		Ok(())
	}

	#[benchmark]
	fn close_epoch() {
		let at = Pallet::<T>::closes_at(0);
		at_block::<T>(at);
		#[block]
		{
			Pallet::<T>::on_initialize(at.into());
		}
		assert!(Pallet::<T>::epoch_is_closed(0));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
