//! [`StateHoldings`] for the network states pallet: a state taking part in recognitions or
//! agreements cannot deregister.

use crate::pallet::*;
use atlas_primitives::{StateHolding, StateHoldings, StateId};
use frame_support::{traits::Get, weights::Weight};

impl<T: Config> StateHoldings for Pallet<T> {
	fn holding(state: StateId) -> Option<StateHolding> {
		if LinkCount::<T>::get(state) > 0 {
			return Some(StateHolding::Recognitions);
		}
		let agreements = HostAgreements::<T>::iter_prefix(state).next().is_some()
			|| GuestAgreements::<T>::iter_prefix(state).next().is_some();
		agreements.then_some(StateHolding::Agreements)
	}

	fn weight() -> Weight {
		T::DbWeight::get().reads(3)
	}
}
