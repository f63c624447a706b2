//! Benchmarks of the vaults pallet (v2). Each call is measured in its worst case: pricing reads
//! every unpaid epoch a vault may have, votes fill the voter's room, closing executes a spend.

use super::*;
use crate::pallet::{NextProposalId, Proposals, Purchases, Vaults, Votes, Young};
use alloc::{vec, vec::Vec};
use atlas_primitives::{
	Beneficiary, DeviceId, DeviceKey, DeviceRegistry, DeviceSpec, RoleProvider, RouteShare,
	StateId, VaultId, VaultYield,
};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	fungibles, Consideration, Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{traits::Saturating, Perbill};

/// A large amount of ATH (a million existential deposits, at least a million units).
fn plenty<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance()
		.max(1u32.into())
		.saturating_mul(1_000_000u32.into())
		.saturating_add(T::MinSeed::get().saturating_mul(1_000u32.into()))
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, plenty::<T>().saturating_mul(10u32.into()));
	who
}

fn params<T: Config>() -> ParamsOf<T> {
	VaultParams {
		min_deposit: 1u32.into(),
		redeem_after: 0u32.into(),
		voting_period: T::MinVotingPeriod::get(),
		quorum: Perbill::from_percent(1),
		threshold: Perbill::from_percent(50),
		sponsor_veto: true,
	}
}

fn name<T: Config>() -> Vec<u8> {
	vec![b'v'; T::MaxNameLength::get() as usize]
}

/// A vault of a fresh state, its unpaid yield as large as it may be; returns it, the state and
/// the state's admin.
fn vault<T: Config>() -> (VaultId, StateId, T::AccountId) {
	let admin = funded::<T>("admin", 0);
	let state = T::Roles::benchmark_state(&admin);
	T::VaultConsideration::ensure_successful(&admin, Pallet::<T>::vault_footprint());
	let id = NextVaultId::<T>::get();
	Pallet::<T>::create_vault(
		RawOrigin::Signed(admin.clone()).into(),
		state,
		name::<T>(),
		params::<T>(),
		T::MinSeed::get(),
	)
	.expect("vault created");
	T::Yield::benchmark_fill(id);
	(id, state, admin)
}

/// `who` deposits plenty into `vault`.
fn holder<T: Config>(vault: VaultId, name: &'static str, index: u32) -> T::AccountId {
	let who = funded::<T>(name, index);
	Pallet::<T>::deposit(RawOrigin::Signed(who.clone()).into(), vault, plenty::<T>())
		.expect("deposit");
	who
}

fn spend<T: Config>() -> ActionOf<T> {
	ProposalAction::FundProject { to: account("vendor", 0, 0), amount: T::MinSeed::get() }
}

fn at<T: Config>(n: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(n);
}

/// Vault `id` opens purchase 0 of `devices` devices from a funded vendor, deliverable for 100
/// blocks; returns the vendor.
fn purchase<T: Config>(id: VaultId, devices: u32) -> T::AccountId {
	let vendor = funded::<T>("vendor", 0);
	holder::<T>(id, "holder", 0);
	let mut info = Vaults::<T>::get(id).expect("vault");
	let deliver_by = frame_system::Pallet::<T>::block_number().saturating_add(100u32.into());
	Pallet::<T>::open_purchase(id, &mut info, &vendor, T::MinSeed::get(), devices, deliver_by)
		.expect("purchase opened");
	Vaults::<T>::insert(id, info);
	vendor
}

/// A device of `owner` in `state`, its key from `seed`.
fn device_of<T: Config>(owner: &T::AccountId, state: StateId, seed: u8) -> DeviceId {
	T::Devices::benchmark_device(
		owner,
		state,
		DeviceSpec::Energy { rated_watts: 1_000 },
		DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw([seed; 32])),
	)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_vault() {
		let admin = funded::<T>("admin", 0);
		let state = T::Roles::benchmark_state(&admin);
		T::VaultConsideration::ensure_successful(&admin, Pallet::<T>::vault_footprint());

		#[extrinsic_call]
		create_vault(
			RawOrigin::Signed(admin),
			state,
			name::<T>(),
			params::<T>(),
			T::MinSeed::get(),
		);

		assert!(Vaults::<T>::contains_key(0));
	}

	/// A deposit while a vote runs: its shares are recorded as young.
	#[benchmark]
	fn deposit() {
		let (id, _, _) = vault::<T>();
		let proposer = holder::<T>(id, "holder", 0);
		Pallet::<T>::propose(RawOrigin::Signed(proposer).into(), id, spend::<T>())
			.expect("proposed");
		let who = funded::<T>("depositor", 0);
		let supply = Pallet::<T>::supply(&Vaults::<T>::get(id).expect("vault"));

		#[extrinsic_call]
		deposit(RawOrigin::Signed(who.clone()), id, plenty::<T>());

		assert!(Pallet::<T>::supply(&Vaults::<T>::get(id).expect("vault")) > supply);
		assert!(Young::<T>::contains_key(id, &who));
	}

	#[benchmark]
	fn redeem() {
		let (id, _, _) = vault::<T>();
		let who = holder::<T>(id, "holder", 0);
		let info = Vaults::<T>::get(id).expect("vault");
		let shares = <T::Assets as fungibles::Inspect<_>>::balance(info.share_asset.clone(), &who);
		let half = shares / 2u32.into();

		#[extrinsic_call]
		redeem(RawOrigin::Signed(who.clone()), id, half);

		assert_eq!(
			<T::Assets as fungibles::Inspect<_>>::balance(info.share_asset, &who),
			shares.saturating_sub(half)
		);
	}

	/// Attaching a device: the action check reads the device.
	#[benchmark]
	fn propose() {
		let (id, state, _) = vault::<T>();
		let who = holder::<T>(id, "holder", 0);
		let device = T::Devices::benchmark_device(
			&who,
			state,
			DeviceSpec::Energy { rated_watts: 1_000 },
			DeviceKey::Ed25519(sp_core::ed25519::Public::from_raw([7; 32])),
		);
		let route = vec![RouteShare { beneficiary: Beneficiary::Vault(id), share: Perbill::one() }];
		T::Devices::benchmark_set_route(device, route.try_into().expect("one leg"));

		#[extrinsic_call]
		propose(RawOrigin::Signed(who), id, ProposalAction::AttachDevice(device));

		assert!(Proposals::<T>::contains_key(id, 0));
	}

	/// The voter has as many running votes as it may, less one, and young shares.
	#[benchmark]
	fn vote() {
		let (id, _, _) = vault::<T>();
		let who = holder::<T>(id, "holder", 0);
		let max = T::MaxVotes::get().min(T::MaxProposals::get());
		for _ in 0..max {
			Pallet::<T>::propose(RawOrigin::Signed(who.clone()).into(), id, spend::<T>())
				.expect("proposed");
		}
		for p in 0..max.saturating_sub(1) {
			Pallet::<T>::vote(RawOrigin::Signed(who.clone()).into(), id, p, true, 1u32.into())
				.expect("voted");
		}
		let last = max.saturating_sub(1);
		Pallet::<T>::deposit(RawOrigin::Signed(who.clone()).into(), id, plenty::<T>())
			.expect("deposited");
		assert!(Young::<T>::contains_key(id, &who));

		#[extrinsic_call]
		vote(RawOrigin::Signed(who.clone()), id, last, true, 1u32.into());

		assert_eq!(Votes::<T>::get(id, &who).expect("votes").len() as u32, max);
	}

	#[benchmark]
	fn veto() {
		let (id, state, admin) = vault::<T>();
		let who = holder::<T>(id, "holder", 0);
		Pallet::<T>::propose(RawOrigin::Signed(who).into(), id, spend::<T>()).expect("proposed");

		#[extrinsic_call]
		veto(RawOrigin::Signed(admin), id, 0, state);

		assert_eq!(Proposals::<T>::get(id, 0).expect("open").vetoed_by, Some(state));
	}

	/// A passed spend: the vault pays a fresh account.
	#[benchmark]
	fn close() {
		let (id, _, _) = vault::<T>();
		let who = holder::<T>(id, "holder", 0);
		Pallet::<T>::propose(RawOrigin::Signed(who.clone()).into(), id, spend::<T>())
			.expect("proposed");
		let shares = <T::Assets as fungibles::Inspect<_>>::balance(
			Vaults::<T>::get(id).expect("vault").share_asset,
			&who,
		);
		Pallet::<T>::vote(RawOrigin::Signed(who.clone()).into(), id, 0, true, shares)
			.expect("voted");
		let p = Proposals::<T>::get(id, 0).expect("open");
		at::<T>(p.ends.saturating_add(p.ends.saturating_sub(p.created)));
		let vendor: T::AccountId = account("vendor", 0, 0);

		#[extrinsic_call]
		close(RawOrigin::Signed(who), id, 0);

		assert!(!Proposals::<T>::contains_key(id, 0));
		assert_eq!(T::Currency::balance(&vendor), T::MinSeed::get());
		assert_eq!(NextProposalId::<T>::get(), 1);
	}

	/// The last device of a purchase, active at delivery: paid at once, the purchase closed;
	/// the portfolio one device short of full.
	#[benchmark]
	fn deliver() {
		let (id, state, _) = vault::<T>();
		let vendor = purchase::<T>(id, 1);
		let mut info = Vaults::<T>::get(id).expect("vault");
		for i in 0..T::MaxDevices::get().saturating_sub(1) {
			info.devices.try_push(u64::from(i).saturating_add(1_000_000)).expect("room");
		}
		Vaults::<T>::insert(id, info);
		let device = device_of::<T>(&vendor, state, 9);

		#[extrinsic_call]
		deliver(RawOrigin::Signed(vendor.clone()), id, 0, device);

		assert!(Purchases::<T>::get(id, 0).is_none());
		assert!(Pallet::<T>::owns(id, device));
		assert_eq!(
			T::Currency::balance(&vendor),
			plenty::<T>().saturating_mul(10u32.into()).saturating_add(T::MinSeed::get())
		);
	}

	/// A delivered device, now active, of a purchase of the most devices: its part is paid.
	#[benchmark]
	fn release() {
		let (id, state, _) = vault::<T>();
		let vendor = purchase::<T>(id, T::MaxPurchaseDevices::get());
		let device = device_of::<T>(&vendor, state, 9);
		<T::Custody as atlas_primitives::DeviceCustody<_>>::hand_to_vault(
			device,
			&vendor,
			&Pallet::<T>::account(id),
			id,
		)
		.expect("handed over");
		Vaults::<T>::mutate(id, |v| v.as_mut().map(|v| v.devices.try_push(device).expect("room")));
		Purchases::<T>::mutate(id, 0, |p| {
			p.as_mut().map(|p| p.delivered.try_push(device).expect("room"))
		});

		#[extrinsic_call]
		release(RawOrigin::Signed(vendor), id, 0, device);

		assert!(Purchases::<T>::get(id, 0).is_some_and(|p| p.delivered.is_empty()));
	}

	/// A purchase past its deadline, its whole escrow returned.
	#[benchmark]
	fn close_purchase() {
		let (id, _, _) = vault::<T>();
		let vendor = purchase::<T>(id, T::MaxPurchaseDevices::get());
		let deliver_by = Purchases::<T>::get(id, 0).expect("open").deliver_by;
		at::<T>(deliver_by.saturating_add(1u32.into()));

		#[extrinsic_call]
		close_purchase(RawOrigin::Signed(vendor), id, 0);

		assert!(Purchases::<T>::get(id, 0).is_none());
		assert!(Pallet::<T>::escrowed(id) == 0u32.into());
	}

	/// The voter's room is full of votes that have all ended.
	#[benchmark]
	fn unlock() {
		let (id, _, _) = vault::<T>();
		let who = holder::<T>(id, "holder", 0);
		let max = T::MaxVotes::get().min(T::MaxProposals::get());
		for p in 0..max {
			Pallet::<T>::propose(RawOrigin::Signed(who.clone()).into(), id, spend::<T>())
				.expect("proposed");
			Pallet::<T>::vote(RawOrigin::Signed(who.clone()).into(), id, p, true, 1u32.into())
				.expect("voted");
		}
		let ends = Proposals::<T>::get(id, 0).expect("open").ends;
		at::<T>(ends);

		#[extrinsic_call]
		unlock(RawOrigin::Signed(who.clone()), id);

		assert!(Votes::<T>::get(id, &who).is_none());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
