//! Benchmarks of the rewards pallet (v2), each at its worst case.

use super::*;
use alloc::{vec, vec::Vec};
use atlas_primitives::{
	Beneficiary, DeviceClass, DeviceId, DeviceKey, DeviceRegistry, DeviceSpec, EpochIndex,
	EpochScores, OnReport, PerClass, RewardRoute, RoleProvider, RouteShare, StateId,
	VerifierCredits,
};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Consideration, EnsureOrigin, Get,
};
use frame_support::BoundedVec;
use frame_system::RawOrigin;
use sp_runtime::{traits::Zero, Perbill, Saturating};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::Currency::minimum_balance().saturating_mul(1_000u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

fn state<T: Config>() -> (StateId, T::AccountId) {
	let admin = funded::<T>("admin", 0);
	(T::Roles::benchmark_state(&admin), admin)
}

/// A GPU device of `owner` with a key derived from `seed`.
fn device<T: Config>(owner: &T::AccountId, state: StateId, seed: u32) -> DeviceId {
	let mut raw = [0u8; 32];
	raw[..4].copy_from_slice(&seed.to_le_bytes());
	raw[4] = 0xb0;
	T::Devices::benchmark_device(
		owner,
		state,
		DeviceSpec::Compute {
			gpu_model: b"RTX 4090".to_vec().try_into().expect("short name"),
			gpu_count: 1,
			gpu_memory_mib: 24_576,
		},
		DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw(raw)),
	)
}

/// Records `device`'s report in `epoch` with some points.
fn report<T: Config>(device: DeviceId, epoch: EpochIndex) {
	T::Scores::benchmark_points(epoch, device, DeviceClass::Compute, 1_000);
	let vault = T::Devices::device(device).and_then(|d| d.vault);
	// The benchmarks' vaults need not exist (nor admit the device): a payment they refuse goes
	// to the owner, which costs as much.
	assert!(
		vault.is_some() || <Pallet<T> as OnReport>::can_take(device, epoch, 1_000, None),
		"room for the epoch"
	);
	<Pallet<T> as OnReport>::on_report(device, epoch, DeviceClass::Compute, 1_000, vault);
}

/// Funds epochs `0..=last` and makes them payable. Issuance is raised first so that every leg of
/// every route gets well above the existential deposit (new accounts are created: the worst case).
fn fund_through<T: Config>(last: EpochIndex) {
	let whale: T::AccountId = account("whale", 0, 0);
	let ed = T::Currency::minimum_balance().max(1u32.into());
	T::Currency::set_balance(
		&whale,
		ed.saturating_mul(1_000_000_000u32.into()).saturating_mul(1_000_000u32.into()),
	);
	T::Scores::benchmark_settle_through(last);
	for epoch in NextToFund::<T>::get()..=last {
		Pallet::<T>::fund(epoch);
		assert!(!Budgets::<T>::get(epoch).expect("funded").halted, "breaker stays calm");
	}
}

/// The longest route: every kind of leg, fresh accounts, a vault (which may refuse).
fn worst_route<T: Config>(seed: u32) -> RewardRoute<T::AccountId> {
	let mut legs = vec![
		Beneficiary::Owner,
		Beneficiary::Stake,
		Beneficiary::CommunityPool,
		// A vault of its own: its unpaid points are read and written per device.
		Beneficiary::Vault(seed),
	];
	let max = atlas_primitives::MAX_ROUTE_LEGS;
	for i in 0..max.saturating_sub(legs.len() as u32) {
		legs.push(Beneficiary::Account(account(
			"payee",
			seed.saturating_mul(max).saturating_add(i),
			0,
		)));
	}
	let share = Perbill::from_rational(1u32, max);
	let mut route: Vec<_> =
		legs.into_iter().map(|beneficiary| RouteShare { beneficiary, share }).collect();
	// Shares must sum to exactly 100 %: the first leg takes the rounding.
	let others: u32 = route.iter().skip(1).map(|l| l.share.deconstruct()).sum();
	route[0].share = Perbill::from_parts(Perbill::one().deconstruct().saturating_sub(others));
	route.try_into().expect("at most MAX_ROUTE_LEGS")
}

/// Creates `n` programs paying in fresh assets, for the compute class.
fn programs<T: Config>(n: u32) -> T::AccountId {
	let sponsor = funded::<T>("sponsor", 0);
	for i in 0..n {
		let asset = T::BenchmarkHelper::create_asset(1_000 + i, &sponsor);
		T::ProgramConsideration::ensure_successful(&sponsor, Pallet::<T>::program_footprint());
		Pallet::<T>::create_program(
			RawOrigin::Signed(sponsor.clone()).into(),
			asset,
			DeviceClass::Compute,
			1_000u32.into(),
			T::MaxProgramEpochs::get(),
		)
		.expect("program created");
	}
	sponsor
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` devices, each with one payable epoch and the longest route.
	#[benchmark]
	fn claim(n: Linear<1, { T::MaxClaimDevices::get() }>) {
		let (state, _) = state::<T>();
		let owner = funded::<T>("owner", 0);
		let list: Vec<DeviceId> = (0..n)
			.map(|i| {
				let d = device::<T>(&owner, state, i);
				T::Devices::benchmark_set_route(d, worst_route::<T>(i));
				report::<T>(d, 0);
				d
			})
			.collect();
		fund_through::<T>(0);
		let pot_before = T::Currency::balance(&Pallet::<T>::pot());

		#[extrinsic_call]
		claim(RawOrigin::Signed(owner), list.clone());

		assert!(T::Currency::balance(&Pallet::<T>::pot()) < pot_before);
		assert!(Ledgers::<T>::get(list[0]).is_none());
		// The fixed accounts of the last device's route were paid (created), not skipped.
		let last = n.saturating_sub(1);
		let payee: T::AccountId =
			account("payee", last.saturating_mul(atlas_primitives::MAX_ROUTE_LEGS), 0);
		assert!(T::Currency::balance(&payee) >= T::Currency::minimum_balance());
	}

	/// One device with `e` payable epochs (the per-entry cost of a claim), each paying
	/// `MaxPrograms` partner assets (minted per entry) and a vault leg (whose unpaid points are
	/// adjusted per entry).
	#[benchmark]
	fn claim_entries(e: Linear<1, { T::MaxPendingEpochs::get() }>) {
		let (state, _) = state::<T>();
		let owner = funded::<T>("owner", 0);
		programs::<T>(T::MaxPrograms::get());
		let d = device::<T>(&owner, state, 0);
		T::Devices::benchmark_set_route(d, worst_route::<T>(0));
		for epoch in 0..e {
			report::<T>(d, epoch);
		}
		fund_through::<T>(e.saturating_sub(1));

		#[extrinsic_call]
		claim(RawOrigin::Signed(owner.clone()), vec![d]);

		assert!(Ledgers::<T>::get(d).is_none());
		// Every program's asset was minted, not waived.
		let asset = Programs::<T>::get(0).expect("a program").asset;
		assert!(!<T::Assets as frame_support::traits::fungibles::Inspect<_>>::balance(
			asset, &owner
		)
		.is_zero());
	}

	/// One device's claim with `r` devices registered and unpaid: its cost must not grow with
	/// `r` (compare the figures at both ends).
	#[benchmark]
	fn claim_among(r: Linear<10, 100_000>) {
		let (state, _) = state::<T>();
		let owner = funded::<T>("owner", 0);
		let others = funded::<T>("others", 0);
		for i in 1..r {
			let d = device::<T>(&others, state, i);
			report::<T>(d, 0);
		}
		let d = device::<T>(&owner, state, 0);
		report::<T>(d, 0);
		fund_through::<T>(0);

		#[extrinsic_call]
		claim(RawOrigin::Signed(owner), vec![d]);

		assert!(Ledgers::<T>::get(d).is_none());
	}

	#[benchmark]
	fn set_claim_permission() {
		let who = funded::<T>("owner", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), ClaimPermission::Anyone);

		assert_eq!(ClaimPermissions::<T>::get(&who), Some(ClaimPermission::Anyone));
	}

	#[benchmark]
	fn set_policy_params() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let params = ParamsOf::<T>::default();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params.clone());

		assert_eq!(PolicyParams::<T>::get(), params);
		Ok(())
	}

	#[benchmark]
	fn set_class_shares() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let shares = PerClass([
			Perbill::from_percent(40),
			Perbill::from_percent(30),
			Perbill::from_percent(20),
			Perbill::from_percent(10),
		]);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, shares);

		assert_eq!(ClassShares::<T>::get(), shares);
		Ok(())
	}

	#[benchmark]
	fn set_verifier_share() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let share = T::MaxVerifierShare::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, share);

		assert_eq!(VerifierShare::<T>::get(), share);
		Ok(())
	}

	/// A verifier's claim over `e` judged epochs, each paying (a new account is paid).
	#[benchmark]
	fn claim_verifier_rewards(e: Linear<1, { T::MaxPendingEpochs::get() }>) {
		VerifierShare::<T>::put(T::MaxVerifierShare::get());
		let verifier: T::AccountId = account("verifier", 0, 0);
		let last = e.saturating_sub(1);
		fund_through::<T>(last);
		for epoch in 0..e {
			T::Verifiers::benchmark_credits(epoch, &verifier, 1, 2);
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(verifier.clone()), (0..e).collect::<Vec<_>>());

		assert!(T::Currency::balance(&verifier) > Zero::zero());
		assert!(T::Verifiers::credits(last, &verifier).is_none());
	}

	/// Releases a halted epoch at the breaker's limit (the capped path does the most work).
	#[benchmark]
	fn resolve_breaker() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		programs::<T>(T::MaxPrograms::get());
		// A tiny last mint makes the next epoch trip the breaker.
		LastMint::<T>::put(BalanceOf::<T>::from(1u32));
		Pallet::<T>::fund(0);
		assert!(Budgets::<T>::get(0).is_some_and(|b| b.halted));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0, false);

		assert!(Budgets::<T>::get(0).is_some_and(|b| !b.halted));
		Ok(())
	}

	/// With `MaxPrograms - 1` programs running.
	#[benchmark]
	fn create_program() {
		programs::<T>(T::MaxPrograms::get().saturating_sub(1));
		let who = funded::<T>("issuer", 0);
		let asset = T::BenchmarkHelper::create_asset(7, &who);
		T::ProgramConsideration::ensure_successful(&who, Pallet::<T>::program_footprint());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), asset, DeviceClass::Connectivity, 1_000u32.into(), 10);

		assert_eq!(ActivePrograms::<T>::get().len() as u32, T::MaxPrograms::get());
	}

	/// Ends the last of `MaxPrograms` programs (signed: governance skips the sponsor check).
	#[benchmark]
	fn end_program() {
		let sponsor = programs::<T>(T::MaxPrograms::get());
		let last = NextProgramId::<T>::get().saturating_sub(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), last);

		assert!(Programs::<T>::get(last).is_none());
	}

	#[benchmark]
	fn unstake() {
		let who = funded::<T>("owner", 0);
		let amount = T::Currency::minimum_balance().saturating_mul(10u32.into());
		Pallet::<T>::set_stake(
			&who,
			StakeLedger { active: amount, unbonding: amount, unlock_at: Zero::zero() },
		)
		.expect("stake set");

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), amount);

		assert!(Stakes::<T>::get(&who).is_some_and(|s| s.active.is_zero()));
	}

	#[benchmark]
	fn withdraw_unbonded() {
		let who = funded::<T>("owner", 0);
		let amount = T::Currency::minimum_balance().saturating_mul(10u32.into());
		Pallet::<T>::set_stake(
			&who,
			StakeLedger { active: amount, unbonding: amount, unlock_at: Zero::zero() },
		)
		.expect("stake set");

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(Stakes::<T>::get(&who).is_some_and(|s| s.unbonding.is_zero()));
	}

	/// Funding an epoch with `p` partner programs running.
	#[benchmark]
	fn fund_epoch(p: Linear<0, { T::MaxPrograms::get() }>) {
		programs::<T>(p);
		let epoch = NextToFund::<T>::get();

		#[block]
		{
			Pallet::<T>::fund(epoch);
		}

		assert!(Budgets::<T>::get(epoch).is_some());
	}

	/// Sweeping an expired budget with unclaimed rewards to the treasury.
	#[benchmark]
	fn sweep_epoch() {
		Pallet::<T>::fund(0);
		NextToFund::<T>::put(T::RetentionEpochs::get().saturating_add(1));

		#[block]
		{
			assert!(Pallet::<T>::sweep_oldest());
		}

		assert!(Budgets::<T>::get(0).is_none());
	}

	/// One report of a device paying a vault: its points join the vault's unpaid points for a
	/// new epoch, the vault having as many other epochs as it may (the list is read, searched
	/// and written whole).
	#[benchmark]
	fn note_vault_points() {
		let max = T::MaxVaultEpochs::get();
		let list: Vec<VaultEpoch> = (0..max.saturating_sub(1))
			.map(|epoch| VaultEpoch { epoch: epoch * 2, points: PerClass([1; 4]) })
			.collect();
		VaultAccruals::<T>::insert(0, BoundedVec::truncate_from(list));
		let epoch = max.saturating_sub(1);

		#[block]
		{
			assert!(Pallet::<T>::adjust_vault(0, epoch, DeviceClass::Compute, 10, 0));
		}

		assert_eq!(VaultAccruals::<T>::get(0).expect("kept").len() as u32, max);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
