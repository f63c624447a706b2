//! Procurement: a passed `Reinvest` puts its price in escrow; the vendor delivers the devices
//! into the vault's custody and is paid device by device as they are activated; what is not
//! paid by the deadline returns to the vault.
//!
//! Escrowed ATH counts in the deposit price ([`Pallet::nav`]) and not in the redemption price
//! ([`Pallet::redemption_nav`]): neither a refund (escrow back to free ATH) nor a payment (escrow
//! to the vendor) moves the price a depositor or a redeemer pays by an amount they can time.

use crate::{pallet::*, types::*};
use atlas_primitives::{DeviceCustody, DeviceId, DeviceRegistry, DeviceStatus, VaultId};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// ATH held in escrow for `vault`'s purchases.
	pub fn escrowed(vault: VaultId) -> BalanceOf<T> {
		T::Currency::balance_on_hold(&HoldReason::PurchaseEscrow.into(), &Self::account(vault))
	}

	/// Checks a `Reinvest` could open a purchase now.
	pub(crate) fn check_purchase(
		info: &VaultOf<T>,
		amount: BalanceOf<T>,
		devices: u32,
		deliver_by: BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroSpend);
		ensure!(
			devices > 0
				&& devices <= T::MaxPurchaseDevices::get()
				&& deliver_by > frame_system::Pallet::<T>::block_number(),
			Error::<T>::BadPurchase
		);
		ensure!(info.purchases < T::MaxPurchases::get(), Error::<T>::TooManyPurchases);
		Ok(())
	}

	/// Opens a purchase: `amount` of the vault's free ATH goes into escrow.
	pub(crate) fn open_purchase(
		vault: VaultId,
		info: &mut VaultOf<T>,
		vendor: &T::AccountId,
		amount: BalanceOf<T>,
		devices: u32,
		deliver_by: BlockNumberFor<T>,
	) -> DispatchResult {
		let account = Self::account(vault);
		let available =
			<T::Currency as frame_support::traits::fungible::Inspect<_>>::reducible_balance(
				&account,
				Preservation::Preserve,
				Fortitude::Polite,
			);
		ensure!(amount <= available, Error::<T>::InsufficientLiquidity);
		let id = NextPurchaseId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		T::Currency::hold(&HoldReason::PurchaseEscrow.into(), &account, amount)?;
		Purchases::<T>::insert(
			vault,
			id,
			Purchase {
				vendor: vendor.clone(),
				escrow: amount,
				unpaid: devices,
				delivered: Default::default(),
				deliver_by,
			},
		);
		NextPurchaseId::<T>::put(next);
		info.purchases.saturating_inc();
		Self::deposit_event(Event::PurchaseOpened {
			vault,
			purchase: id,
			vendor: vendor.clone(),
			amount,
			devices,
			deliver_by,
		});
		Ok(())
	}

	pub(crate) fn do_deliver(
		who: &T::AccountId,
		vault: VaultId,
		purchase: PurchaseId,
		device: DeviceId,
	) -> DispatchResult {
		let mut info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		let mut p = Purchases::<T>::get(vault, purchase).ok_or(Error::<T>::PurchaseNotFound)?;
		ensure!(p.vendor == *who, Error::<T>::NotVendor);
		ensure!(
			frame_system::Pallet::<T>::block_number() <= p.deliver_by,
			Error::<T>::DeliveryClosed
		);
		ensure!(p.unpaid as usize > p.delivered.len(), Error::<T>::AllDelivered);
		ensure!(!info.devices.contains(&device), Error::<T>::DeviceAlreadyAttached);
		info.devices.try_push(device).map_err(|_| Error::<T>::TooManyDevices)?;
		T::Custody::hand_to_vault(device, who, &Self::account(vault), vault)?;
		Self::deposit_event(Event::DeviceDelivered { vault, purchase, device });
		if Self::is_active(device) {
			Self::pay_vendor(vault, purchase, &mut info, p, device)?;
		} else {
			// Room: `unpaid` is at most `MaxPurchaseDevices` and exceeds the list's length.
			p.delivered.try_push(device).map_err(|_| Error::<T>::AllDelivered)?;
			Purchases::<T>::insert(vault, purchase, p);
		}
		Vaults::<T>::insert(vault, info);
		Ok(())
	}

	pub(crate) fn do_release(
		vault: VaultId,
		purchase: PurchaseId,
		device: DeviceId,
	) -> DispatchResult {
		let mut info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		let mut p = Purchases::<T>::get(vault, purchase).ok_or(Error::<T>::PurchaseNotFound)?;
		let at = p.delivered.iter().position(|d| *d == device).ok_or(Error::<T>::NotDelivered)?;
		let summary = T::Devices::device(device).ok_or(Error::<T>::DeviceNotFound)?;
		// Handed away before it was activated: the vendor is paid for devices the vault keeps.
		ensure!(summary.owner == Self::account(vault), Error::<T>::DeviceNotInCustody);
		ensure!(summary.status == DeviceStatus::Active, Error::<T>::DeviceNotActive);
		p.delivered.remove(at);
		Self::pay_vendor(vault, purchase, &mut info, p, device)?;
		Vaults::<T>::insert(vault, info);
		Ok(())
	}

	pub(crate) fn do_close_purchase(vault: VaultId, purchase: PurchaseId) -> DispatchResult {
		let mut info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		let p = Purchases::<T>::get(vault, purchase).ok_or(Error::<T>::PurchaseNotFound)?;
		ensure!(frame_system::Pallet::<T>::block_number() > p.deliver_by, Error::<T>::DeliveryOpen);
		T::Currency::release(
			&HoldReason::PurchaseEscrow.into(),
			&Self::account(vault),
			p.escrow,
			Precision::Exact,
		)?;
		Purchases::<T>::remove(vault, purchase);
		info.purchases.saturating_dec();
		Vaults::<T>::insert(vault, info);
		Self::deposit_event(Event::PurchaseClosed { vault, purchase, refunded: p.escrow });
		Ok(())
	}

	/// Pays the vendor one device's part of the escrow (the escrow left over the devices not
	/// paid yet, so the last takes the rounding); closes the purchase once all are paid.
	fn pay_vendor(
		vault: VaultId,
		purchase: PurchaseId,
		info: &mut VaultOf<T>,
		mut p: PurchaseOf<T>,
		device: DeviceId,
	) -> DispatchResult {
		let part = p.escrow / BalanceOf::<T>::from(p.unpaid.max(1));
		T::Currency::transfer_on_hold(
			&HoldReason::PurchaseEscrow.into(),
			&Self::account(vault),
			&p.vendor,
			part,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		)?;
		p.escrow = p.escrow.saturating_sub(part);
		p.unpaid = p.unpaid.saturating_sub(1);
		Self::deposit_event(Event::VendorPaid {
			vault,
			purchase,
			device,
			vendor: p.vendor.clone(),
			amount: part,
		});
		if p.unpaid == 0 {
			Purchases::<T>::remove(vault, purchase);
			info.purchases.saturating_dec();
			Self::deposit_event(Event::PurchaseClosed { vault, purchase, refunded: p.escrow });
		} else {
			Purchases::<T>::insert(vault, purchase, p);
		}
		Ok(())
	}

	/// Whether `device` is active (a steward of its state activated it).
	fn is_active(device: DeviceId) -> bool {
		T::Devices::device(device).is_some_and(|d| d.status == DeviceStatus::Active)
	}

	/// Checks the purchases: each vault's escrow hold equals its purchases' escrow, its count is
	/// right, and every delivered device is in its portfolio; and the states' commitments.
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn purchases_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (vault, info) in Vaults::<T>::iter() {
			let mut escrow = BalanceOf::<T>::zero();
			let mut count = 0u32;
			for (_, p) in Purchases::<T>::iter_prefix(vault) {
				escrow = escrow.saturating_add(p.escrow);
				count.saturating_inc();
				ensure!(p.unpaid > 0, "a purchase paid in full is kept");
				ensure!(p.delivered.len() as u32 <= p.unpaid, "more delivered than unpaid");
				ensure!(
					p.delivered.iter().all(|d| info.devices.contains(d)),
					"a delivered device is not in the portfolio"
				);
			}
			ensure!(count == info.purchases, "a vault's purchase count is off");
			ensure!(escrow == Self::escrowed(vault), "escrow held differs from the purchases'");
		}
		for (vault, _) in Purchases::<T>::iter_keys() {
			ensure!(Vaults::<T>::contains_key(vault), "a purchase of no vault");
		}
		for (vault, _, commitment) in Commitments::<T>::iter() {
			ensure!(Vaults::<T>::contains_key(vault), "a commitment to no vault");
			ensure!(!commitment.is_zero(), "a zero commitment is stored");
		}
		Ok(())
	}
}
