//! Benchmarks of the attestations pallet (v2), each at its worst case.

use super::*;
use crate::pallet::{
	BeaconMix, Beacons, Bonds, Challenges, Credits, EpochLength, Epochs, MakerRequired,
	NextToJudge, Observations, PendingJudgements, Reports, SignedReport, SlotCount, Slots,
	StateShareCap, VacantSlots,
};
use alloc::{vec, vec::Vec};
use atlas_primitives::{
	report_payload, DeviceClass, DeviceId, DeviceKey, DeviceRegistry, DeviceSignature, DeviceSpec,
	EpochIndex, EpochScores, Metrics, RoleProvider, StateId,
};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get, Hooks,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::{crypto::KeyTypeId, H256};
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

/// What `device` delivered in `epoch`: up all the time it was active, and 1 Wh.
fn metrics<T: Config>(epoch: EpochIndex, device: DeviceId) -> Metrics {
	let since = T::Devices::device(device).map_or(0, |d| d.active_since);
	Metrics {
		uptime_secs: Pallet::<T>::active_secs(epoch, since),
		energy_wh: 1,
		..Default::default()
	}
}

fn sign<T: Config>(
	device: DeviceId,
	public: &sp_core::sr25519::Public,
	epoch: EpochIndex,
) -> SignedReport {
	let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
	let m = metrics::<T>(epoch, device);
	let payload = report_payload(&genesis, device, epoch, &m);
	let sig = sp_io::crypto::sr25519_sign(DEVICE_KEY_TYPE, public, &payload).expect("key in store");
	SignedReport { device, metrics: m, signature: DeviceSignature::Sr25519(sig) }
}

/// `VerifiersPerDevice` verifiers bonded in the current epoch (the pool is empty before), and the
/// chain at the first block of the next epoch, whose draw assigns every one of them to every
/// device. Returns the verifiers and the epoch.
/// The energy class caps verified points, and every device in `list` has a trailing average:
/// each report and observation that can make a quorum reads its history (the worst case).
fn anti_gaming<T: Config>(list: &[(DeviceId, sp_core::sr25519::Public)]) {
	let params =
		ScoringParams { cap_multiple: 10, ..ScoringParams::default_for(DeviceClass::Energy) };
	crate::ClassParams::<T>::insert(DeviceClass::Energy, params);
	for (id, _) in list {
		crate::Trailing::<T>::insert(
			id,
			crate::TrailingPoints { average_milli: 1_000_000_000, epochs: 24 },
		);
	}
}

fn pool<T: Config>() -> (Vec<T::AccountId>, EpochIndex) {
	let verifiers: Vec<T::AccountId> = (0..T::VerifiersPerDevice::get())
		.map(|i| {
			let v = funded::<T>("verifier", i);
			Pallet::<T>::bond(RawOrigin::Signed(v.clone()).into(), T::MinVerifierBond::get())
				.expect("funded");
			v
		})
		.collect();
	let epoch = Pallet::<T>::current_epoch().saturating_add(1);
	let start = epoch.saturating_mul(EpochLength::<T>::get().max(1));
	at_block::<T>(start);
	Pallet::<T>::on_initialize(start.into());
	assert!(
		Pallet::<T>::epoch_draw(epoch)
			.is_some_and(|d| d.pool_slots <= T::VerifiersPerDevice::get()),
		"every verifier is assigned to every device"
	);
	(verifiers, epoch)
}

/// A stored report of `device` in `epoch` given the observations stored so far, as if it had
/// been submitted.
fn stored_report<T: Config>(epoch: EpochIndex, device: DeviceId) {
	let observations = Observations::<T>::get(epoch, device).unwrap_or_default();
	let record = Pallet::<T>::evaluate(
		DeviceClass::Energy,
		metrics::<T>(epoch, device),
		&observations,
		&Pallet::<T>::params(DeviceClass::Energy),
		Pallet::<T>::epoch_secs(),
		crate::Adjustment::NONE,
	);
	Epochs::<T>::mutate(epoch, |s| {
		let t = s.class_mut(DeviceClass::Energy);
		t.points = t.points.saturating_add(record.points);
		t.devices.saturating_inc();
	});
	Reports::<T>::insert(epoch, device, record);
}

/// Stores `observed` by `verifiers` of `device` in `epoch`, as if they had attested.
fn stored_observations<T: Config>(
	epoch: EpochIndex,
	device: DeviceId,
	observed: impl IntoIterator<Item = (T::AccountId, Observed)>,
) {
	let list: Vec<_> = observed
		.into_iter()
		.map(|(verifier, observed)| {
			PendingJudgements::<T>::mutate(&verifier, |n| n.saturating_inc());
			Observation { verifier, observed }
		})
		.collect();
	let list: ObservationsOf<T> = list.try_into().expect("at most VerifiersPerDevice");
	Observations::<T>::insert(epoch, device, list);
}

/// A report of `device` in epoch 0 challenged by `n` funded strangers.
fn challenged<T: Config>(n: u32) -> DeviceId {
	let (_, _, list) = devices::<T>(1);
	let device = list[0].0;
	stored_report::<T>(0, device);
	for i in 0..n {
		let challenger = funded::<T>("challenger", i);
		Pallet::<T>::challenge(
			RawOrigin::Signed(challenger).into(),
			0,
			device,
			H256::repeat_byte(1),
		)
		.expect("a stranger challenges");
	}
	device
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Every device already has `VerifiersPerDevice` observations in agreement: each report is
	/// scored at once with a quorum.
	#[benchmark]
	fn submit_reports(n: Linear<1, { T::MaxBatch::get() }>) {
		at_block::<T>(1);
		let (_, owner, list) = devices::<T>(n);
		anti_gaming::<T>(&list);
		let (verifiers, epoch) = pool::<T>();
		for (id, _) in &list {
			let seen = metrics::<T>(epoch, *id);
			stored_observations::<T>(epoch, *id, verifiers.iter().map(|v| (v.clone(), seen)));
		}
		let reports: Vec<_> =
			list.iter().map(|(id, public)| sign::<T>(*id, public, epoch)).collect();
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), epoch, reports);
		assert_eq!(Epochs::<T>::get(epoch).class(DeviceClass::Energy).devices, n);
		assert!(Reports::<T>::get(epoch, list[0].0).is_some_and(|r| r.quorum));
	}

	/// Every device reported and has `VerifiersPerDevice - 1` observations split so that no
	/// value has a quorum: this one makes a quorum and re-scores the report.
	#[benchmark]
	fn attest(n: Linear<1, { T::MaxBatch::get() }>) {
		at_block::<T>(1);
		let (_, _, list) = devices::<T>(n);
		anti_gaming::<T>(&list);
		let (verifiers, epoch) = pool::<T>();
		let (who, others) = verifiers.split_first().expect("VerifiersPerDevice > 0");
		let quorum = Pallet::<T>::quorum_size() as usize;
		for (id, _) in &list {
			let seen = metrics::<T>(epoch, *id);
			stored_observations::<T>(
				epoch,
				*id,
				others.iter().enumerate().map(|(i, v)| {
					(v.clone(), if i + 1 < quorum { seen } else { Observed::default() })
				}),
			);
			stored_report::<T>(epoch, *id);
			assert!(Reports::<T>::get(epoch, id).is_some_and(|r| !r.quorum));
		}
		let observations: Vec<_> =
			list.iter().map(|(id, _)| (*id, metrics::<T>(epoch, *id))).collect();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), epoch, observations);
		assert!(Reports::<T>::get(epoch, list[0].0).is_some_and(|r| r.quorum));
	}

	/// A new verifier takes a vacated slot from a full list of vacancies.
	#[benchmark]
	fn bond() {
		let max = T::MaxVerifiers::get();
		SlotCount::<T>::put(max);
		let vacant: BoundedVec<u32, T::MaxVerifiers> =
			(0..max).collect::<Vec<_>>().try_into().expect("MaxVerifiers slots");
		VacantSlots::<T>::put(vacant);
		let last = max.saturating_sub(1);
		Slots::<T>::insert(
			last,
			SlotHolders {
				occupant: account("previous", 0, 0),
				previous: Some(account("previous", 1, 0)),
			},
		);
		let who = funded::<T>("verifier", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), T::MinVerifierBond::get());
		assert_eq!(Bonds::<T>::get(&who).map(|b| b.slot), Some(last));
	}

	/// A serving verifier leaves, filling the list of vacancies.
	#[benchmark]
	fn leave_pool() {
		at_block::<T>(1);
		let who = funded::<T>("verifier", 0);
		Pallet::<T>::bond(RawOrigin::Signed(who.clone()).into(), T::MinVerifierBond::get())
			.expect("funded");
		at_block::<T>(EpochLength::<T>::get());
		let slot = Bonds::<T>::get(&who).expect("bonded").slot;
		let max = T::MaxVerifiers::get();
		SlotCount::<T>::put(max);
		let vacant: BoundedVec<u32, T::MaxVerifiers> = (0..max)
			.filter(|s| *s != slot)
			.collect::<Vec<_>>()
			.try_into()
			.expect("fewer than MaxVerifiers");
		VacantSlots::<T>::put(vacant);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Bonds::<T>::get(&who).is_some_and(|b| b.serves_until.is_some()));
		assert_eq!(VacantSlots::<T>::get().len() as u32, max);
	}

	/// A verifier that served, attested, left, was judged and whose last epoch is final.
	#[benchmark]
	fn unbond() {
		at_block::<T>(1);
		let (_, _, list) = devices::<T>(1);
		let device = list[0].0;
		let (verifiers, epoch) = pool::<T>();
		let who = verifiers[0].clone();
		// It committed to beacon values before it served and never revealed: unbonding slashes.
		Beacons::<T>::insert(
			&who,
			BeaconCommitment { commitment: H256::zero(), committed_in: 0, last_revealed: None },
		);
		Pallet::<T>::attest(
			RawOrigin::Signed(who.clone()).into(),
			epoch,
			vec![(device, metrics::<T>(epoch, device))],
		)
		.expect("an assigned verifier attests");
		Pallet::<T>::leave_pool(RawOrigin::Signed(who.clone()).into()).expect("bonded");
		<Pallet<T> as EpochScores>::benchmark_settle_through(epoch);
		let caller: T::AccountId = whitelisted_caller();
		Pallet::<T>::judge_observations(RawOrigin::Signed(caller).into(), epoch, device)
			.expect("closed");
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Bonds::<T>::contains_key(&who));
		assert!(!Beacons::<T>::contains_key(&who));
	}

	/// A verifier that missed reveals under its old commitment commits again: they are slashed.
	#[benchmark]
	fn commit_beacon() {
		at_block::<T>(1);
		let who = funded::<T>("verifier", 0);
		Pallet::<T>::bond(RawOrigin::Signed(who.clone()).into(), T::MinVerifierBond::get())
			.expect("funded");
		Pallet::<T>::commit_beacon(RawOrigin::Signed(who.clone()).into(), H256::repeat_byte(1))
			.expect("bonded");
		at_block::<T>(EpochLength::<T>::get().saturating_mul(3));
		let before = Bonds::<T>::get(&who).expect("bonded").amount;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), H256::repeat_byte(2));
		assert_eq!(Pallet::<T>::beacon_commitment(who.clone()).map(|b| b.committed_in), Some(3));
		assert!(Bonds::<T>::get(&who).is_some_and(|b| b.amount < before));
	}

	/// A verifier reveals after missing reveals: they are slashed, the value mixed in.
	#[benchmark]
	fn reveal_beacon() {
		at_block::<T>(1);
		let who = funded::<T>("verifier", 0);
		Pallet::<T>::bond(RawOrigin::Signed(who.clone()).into(), T::MinVerifierBond::get())
			.expect("funded");
		let value = H256::repeat_byte(7);
		let commitment = H256(sp_io::hashing::blake2_256(value.as_bytes()));
		Pallet::<T>::commit_beacon(RawOrigin::Signed(who.clone()).into(), commitment)
			.expect("bonded");
		at_block::<T>(EpochLength::<T>::get().saturating_mul(3));
		let before = Bonds::<T>::get(&who).expect("bonded").amount;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), value);
		assert_eq!(BeaconMix::<T>::get(), value);
		assert!(Bonds::<T>::get(&who).is_some_and(|b| b.amount < before));
	}

	/// `o` observers of a device that reported; with all of them a quorum holds, its members
	/// are credited and those outside it slashed.
	#[benchmark]
	fn judge_observations(o: Linear<1, { T::VerifiersPerDevice::get() }>) {
		at_block::<T>(1);
		let (_, _, list) = devices::<T>(1);
		anti_gaming::<T>(&list);
		let device = list[0].0;
		let (verifiers, epoch) = pool::<T>();
		// The device reported: the quorum's observations are credited, the rest slashed.
		stored_report::<T>(epoch, device);
		let quorum = Pallet::<T>::quorum_size();
		for (i, v) in verifiers.iter().take(o as usize).enumerate() {
			let seen =
				if (i as u32) < quorum { metrics::<T>(epoch, device) } else { Observed::default() };
			Pallet::<T>::attest(RawOrigin::Signed(v.clone()).into(), epoch, vec![(device, seen)])
				.expect("an assigned verifier attests");
		}
		<Pallet<T> as EpochScores>::benchmark_settle_through(epoch);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), epoch, device);
		assert!(!Observations::<T>::contains_key(epoch, device));
		if o >= quorum {
			assert!(Credits::<T>::contains_key(epoch, &verifiers[0]));
		}
		if o > quorum {
			let slashed = &verifiers[o as usize - 1];
			assert!(Bonds::<T>::get(slashed).is_some_and(|b| b.amount < T::MinVerifierBond::get()));
		}
	}

	/// `n` devices of a final epoch, each with the observations of a quorum: `judge_pending(n)`
	/// judges them all (crediting every observer) and marks the epoch judged.
	#[benchmark]
	fn judge_pending(n: Linear<1, 100>) {
		at_block::<T>(1);
		let (_, _, list) = devices::<T>(n);
		anti_gaming::<T>(&list);
		let (verifiers, epoch) = pool::<T>();
		for (id, _) in &list {
			let seen = metrics::<T>(epoch, *id);
			stored_observations::<T>(epoch, *id, verifiers.iter().map(|v| (v.clone(), seen)));
			stored_report::<T>(epoch, *id);
		}
		<Pallet<T> as EpochScores>::benchmark_settle_through(epoch);
		// Earlier epochs hold nothing to judge.
		NextToJudge::<T>::put(epoch);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), n);
		assert!(Epochs::<T>::get(epoch).judged);
		assert!(Credits::<T>::contains_key(epoch, &verifiers[0]));
	}

	/// The last challenger slot: every other challenger is read and checked.
	#[benchmark]
	fn challenge() {
		at_block::<T>(1);
		let max = T::MaxChallengers::get();
		let device = challenged::<T>(max.saturating_sub(1));
		let challenger = funded::<T>("last challenger", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(challenger), 0, device, H256::repeat_byte(1));
		assert_eq!(Challenges::<T>::get(0, device).map(|c| c.len() as u32), Some(max));
	}

	/// A fraud ruling with every challenger slot taken: each bond returns and each challenger
	/// is paid its bounty.
	#[benchmark]
	fn resolve_challenge() -> Result<(), BenchmarkError> {
		at_block::<T>(1);
		let device = challenged::<T>(T::MaxChallengers::get());
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0, device, true);
		assert!(Reports::<T>::get(0, device).is_some_and(|r| r.fraudulent));
		Ok(())
	}

	/// Governance left the challenges open: they expire as honest, every challenger's bond
	/// paying the owner.
	#[benchmark]
	fn expire_challenge() {
		at_block::<T>(1);
		let device = challenged::<T>(T::MaxChallengers::get());
		<Pallet<T> as EpochScores>::benchmark_settle_through(0);
		at_block::<T>(Pallet::<T>::resolution_deadline(0));
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), 0, device);
		assert!(!Challenges::<T>::contains_key(0, device));
		assert!(Reports::<T>::get(0, device).is_some_and(|r| !r.fraudulent));
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
	fn set_maker_requirement() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, DeviceClass::Sensing, true);
		assert!(MakerRequired::<T>::get(DeviceClass::Sensing));
		Ok(())
	}

	#[benchmark]
	fn set_state_share_cap() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let cap = Some(Perbill::from_percent(25));
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, DeviceClass::Energy, cap);
		assert_eq!(StateShareCap::<T>::get(DeviceClass::Energy), cap);
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

	/// One P-256 device signature of a `<Bytes>`-wrapped report payload: the plain check
	/// fails before the wrapped one passes.
	#[benchmark]
	fn verify_p256() {
		let message = report_payload(&H256::zero(), 0, 0, &Metrics::default());
		let (key, signature) = atlas_primitives::benchmark_wrapped_ecdsa(true, &message);
		let valid;
		#[block]
		{
			valid = key.verify(&message, &signature);
		}
		assert!(valid);
	}

	/// One secp256k1 device signature of a `<Bytes>`-wrapped report payload.
	#[benchmark]
	fn verify_secp256k1() {
		let message = report_payload(&H256::zero(), 0, 0, &Metrics::default());
		let (key, signature) = atlas_primitives::benchmark_wrapped_ecdsa(false, &message);
		let valid;
		#[block]
		{
			valid = key.verify(&message, &signature);
		}
		assert!(valid);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
