//! What vaults are owed: their devices' unpaid points kept per epoch and class as reports
//! arrive, valued against the epochs' budgets when a vault prices its shares.

use crate::{pallet::*, types::*};
use atlas_primitives::{
	mul_rational, DeviceClass, EpochIndex, EpochScores, PerClass, Points, UnpaidYield, VaultId,
	VaultYield,
};
#[cfg(feature = "runtime-benchmarks")]
use frame_support::BoundedVec;
use sp_runtime::{
	traits::{Saturating, Zero},
	Rounding,
};

/// `value × points / total`, rounded up (a vault's unpaid yield never falls short of what
/// settlement pays it, so settling never raises a share's value).
fn pro_rata_up<B: sp_runtime::traits::AtLeast32BitUnsigned + Copy>(
	value: B,
	points: Points,
	total: Points,
) -> B {
	if total == 0 || points == 0 {
		return Zero::zero();
	}
	mul_rational(value, u128::from(points.min(total)), u128::from(total), Rounding::Up)
}

impl<T: Config> Pallet<T> {
	/// Adds `add` and removes `sub` weighted points of `class` in `epoch` for `vault`. Returns
	/// `false` (changing nothing) when the epoch is new to the vault and it has no room.
	pub(crate) fn adjust_vault(
		vault: VaultId,
		epoch: EpochIndex,
		class: DeviceClass,
		add: Points,
		sub: Points,
	) -> bool {
		if add == sub {
			return true;
		}
		let oldest = OldestBudget::<T>::get();
		let mut list = VaultAccruals::<T>::get(vault).unwrap_or_default();
		// Expired epochs pay nothing any more.
		list.retain(|e| e.epoch >= oldest);
		match list.iter().position(|e| e.epoch >= epoch) {
			Some(at) if list[at].epoch == epoch => {
				let points = &mut list[at].points[class];
				*points = points.saturating_add(add).saturating_sub(sub);
				if list[at].points.values().all(|p| *p == 0) {
					list.remove(at);
				}
			},
			at => {
				let points = add.saturating_sub(sub);
				if points == 0 {
					return true;
				}
				let mut entry = VaultEpoch { epoch, points: PerClass::default() };
				entry.points[class] = points;
				let at = at.unwrap_or(list.len());
				if list.try_insert(at, entry).is_err() {
					return false;
				}
			},
		}
		if list.is_empty() {
			VaultAccruals::<T>::remove(vault);
		} else {
			VaultAccruals::<T>::insert(vault, list);
		}
		true
	}

	/// Takes `counted` (epoch, class, weighted points) off `vault`'s unpaid points in one pass:
	/// a forfeited device's epochs.
	pub(crate) fn unaccrue_vault(vault: VaultId, counted: &[(EpochIndex, DeviceClass, Points)]) {
		if counted.is_empty() {
			return;
		}
		let oldest = OldestBudget::<T>::get();
		VaultAccruals::<T>::mutate_exists(vault, |list| {
			let Some(entries) = list else { return };
			entries.retain(|e| e.epoch >= oldest);
			for (epoch, class, points) in counted {
				if let Some(e) = entries.iter_mut().find(|e| e.epoch == *epoch) {
					e.points[*class] = e.points[*class].saturating_sub(*points);
				}
			}
			entries.retain(|e| e.points.values().any(|p| *p > 0));
			if entries.is_empty() {
				*list = None;
			}
		});
	}

	/// What forfeiting a device with `epochs` unpaid epochs costs: its ledger, each epoch's
	/// points, and its vault's accruals once.
	pub(crate) fn removal_weight_of(epochs: u32) -> frame_support::weights::Weight {
		use frame_support::traits::Get;
		T::DbWeight::get().reads_writes(3u64.saturating_add(epochs.into()), 2)
	}

	/// What `vault`'s unpaid points are worth: in funded epochs their share of each class
	/// budget; in epochs not funded yet (still running or closing) the same share of the latest
	/// funded budget, as an estimate, so an epoch's yield does not jump into the price when it is
	/// funded. Only funded epochs that are final are certain; the rest matures (a report early in
	/// an epoch, when the class total is small, may value it at almost a whole class budget).
	/// Halted epochs count nothing until governance resolves them.
	pub fn vault_unpaid(vault: VaultId) -> UnpaidYield<BalanceOf<T>> {
		let mut value = UnpaidYield::default();
		let Some(list) = VaultAccruals::<T>::get(vault) else { return value };
		let oldest = OldestBudget::<T>::get();
		let next = NextToFund::<T>::get();
		let latest = next.checked_sub(1).and_then(Budgets::<T>::get);
		for entry in list.iter().filter(|e| e.epoch >= oldest) {
			let own;
			let funded = entry.epoch < next;
			let budget = if funded {
				own = Budgets::<T>::get(entry.epoch);
				own.as_ref()
			} else {
				latest.as_ref()
			};
			let Some(budget) = budget.filter(|b| !b.halted) else { continue };
			let part = if funded && T::Scores::is_final(entry.epoch) {
				&mut value.certain
			} else {
				&mut value.maturing
			};
			for class in DeviceClass::ALL {
				let points = entry.points[class];
				if points == 0 {
					continue;
				}
				let total = T::Scores::class_total(entry.epoch, class);
				*part =
					part.saturating_add(pro_rata_up(budget.classes[class].budget, points, total));
			}
		}
		value
	}

	/// Checks that each vault's unpaid points equal its devices' unpaid epochs' points
	/// weighted by the vault's share, epochs in order and no empty entries.
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn check_vaults() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::impl_settlement::weighted;
		use alloc::collections::btree_map::BTreeMap;
		use atlas_primitives::DeviceRegistry;
		use frame_support::ensure;
		let oldest = OldestBudget::<T>::get();
		let mut expected: BTreeMap<(VaultId, EpochIndex), PerClass<Points>> = BTreeMap::new();
		for (device, ledger) in Ledgers::<T>::iter() {
			let Some(leg) = ledger.vault else { continue };
			// While epochs are unpaid the registry keeps the device's vault leg as it was.
			if let Some(info) = T::Devices::device(device) {
				ensure!(info.vault == ledger.vault, "a device's vault leg moved while unpaid");
			}
			for &epoch in ledger.pending.iter().filter(|e| **e >= oldest) {
				if let Some((class, points)) = T::Scores::device_points(epoch, device) {
					let entry = expected.entry((leg.vault, epoch)).or_default();
					entry[class] = entry[class].saturating_add(weighted(leg.share, points));
				}
			}
		}
		expected.retain(|_, p| p.values().any(|x| *x > 0));
		let mut stored: BTreeMap<(VaultId, EpochIndex), PerClass<Points>> = BTreeMap::new();
		for (vault, list) in VaultAccruals::<T>::iter() {
			ensure!(!list.is_empty(), "an empty vault accrual is stored");
			ensure!(
				list.windows(2).all(|w| w[0].epoch < w[1].epoch),
				"a vault's epochs are not in order"
			);
			for e in list.iter().filter(|e| e.epoch >= oldest) {
				ensure!(
					e.points.values().any(|p| *p > 0),
					"a vault epoch without points is stored"
				);
				stored.insert((vault, e.epoch), e.points);
			}
		}
		ensure!(stored == expected, "vault points differ from their devices' unpaid points");
		Ok(())
	}
}

impl<T: Config> VaultYield<BalanceOf<T>> for Pallet<T> {
	fn unpaid(vault: VaultId) -> UnpaidYield<BalanceOf<T>> {
		Self::vault_unpaid(vault)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_fill(vault: VaultId) {
		use frame_support::traits::Get;
		let epochs = T::MaxVaultEpochs::get();
		let mut list = alloc::vec::Vec::new();
		for epoch in 0..epochs {
			let mut budget = EpochBudget {
				requested: atlas_primitives::Emission {
					depin: Zero::zero(),
					treasury: Zero::zero(),
				},
				minted: atlas_primitives::Emission { depin: Zero::zero(), treasury: Zero::zero() },
				halted: false,
				classes: Default::default(),
				verifiers: Default::default(),
				programs: Default::default(),
			};
			for class in DeviceClass::ALL {
				budget.classes[class].budget = 1_000_000_000u32.into();
				// A device of each class with points, so every class is valued.
				T::Scores::benchmark_points(epoch, u64::MAX - class.index() as u64, class, 1_000);
			}
			Budgets::<T>::insert(epoch, budget);
			list.push(VaultEpoch { epoch, points: PerClass([500; 4]) });
		}
		if NextToFund::<T>::get() < epochs {
			NextToFund::<T>::put(epochs);
		}
		VaultAccruals::<T>::insert(vault, BoundedVec::truncate_from(list));
	}
}
