//! [`DeviceCustody`]: vaults take devices into custody and hand them on.

use crate::{pallet::*, WeightInfo};
use atlas_primitives::{
	Beneficiary, DeviceCustody, DeviceId, RewardRoute, Role, RoleProvider, RouteShare, VaultId,
};
use frame_support::{ensure, traits::Get, weights::Weight, BoundedVec};
use sp_runtime::{DispatchError, Perbill};

impl<T: Config> DeviceCustody<T::AccountId> for Pallet<T> {
	fn hand_to_vault(
		device: DeviceId,
		from: &T::AccountId,
		custodian: &T::AccountId,
		vault: VaultId,
	) -> Result<(), DispatchError> {
		let info = Devices::<T>::get(device).ok_or(Error::<T>::DeviceNotFound)?;
		ensure!(info.owner == *from, Error::<T>::NotOwner);
		ensure!(from != custodian, Error::<T>::AlreadyOwner);
		let route: RewardRoute<T::AccountId> = BoundedVec::truncate_from(alloc::vec![RouteShare {
			beneficiary: Beneficiary::Vault(vault),
			share: Perbill::one(),
		}]);
		Self::do_hand_over(device, info, custodian.clone(), Some(route))
	}

	fn hand_from_vault(
		device: DeviceId,
		custodian: &T::AccountId,
		to: &T::AccountId,
	) -> Result<(), DispatchError> {
		let info = Devices::<T>::get(device).ok_or(Error::<T>::DeviceNotFound)?;
		ensure!(info.owner == *custodian, Error::<T>::NotOwner);
		ensure!(to != custodian, Error::<T>::AlreadyOwner);
		ensure!(T::Roles::has_role(info.state, to, Role::Citizen), Error::<T>::RecipientNotCitizen);
		Self::do_hand_over(device, info, to.clone(), None)
	}

	fn custody_weight() -> Weight {
		// A transfer, plus the challenge check and the route written.
		T::WeightInfo::transfer_device().saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}
}
