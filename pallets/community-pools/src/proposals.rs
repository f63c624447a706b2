//! Proposing a spend from a state's community pool.

use crate::{pallet::*, PoolAction, Proposal, ProposalId};
use atlas_primitives::{Role, RoleProvider, StateId};
use frame_support::{
	pallet_prelude::*,
	traits::{Consideration, Footprint},
};
use sp_runtime::{traits::Zero, Saturating};

impl<T: Config> Pallet<T> {
	/// What one proposal record takes in storage: the footprint its storage deposit
	/// ([`Config::ProposalConsideration`]) prices.
	pub fn proposal_footprint() -> Footprint {
		Footprint::from_mel::<ProposalOf<T>>()
	}

	/// `who` proposes paying `amount` from `state`'s pool to `to`.
	pub(crate) fn do_propose_spend(
		who: T::AccountId,
		state: StateId,
		to: T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let action = PoolAction::Spend { to: to.clone(), amount };
		let proposal = Self::do_propose(who.clone(), state, action)?;
		let ends = Proposals::<T>::get(proposal).map(|p| p.ends).unwrap_or_default();
		Self::deposit_event(Event::SpendProposed {
			proposal,
			state,
			proposer: who,
			to,
			amount,
			ends,
		});
		Ok(())
	}

	/// `who` proposes `action` for `state`'s pool; returns the proposal's id.
	pub(crate) fn do_propose(
		who: T::AccountId,
		state: StateId,
		action: PoolAction<T::AccountId, BalanceOf<T>>,
	) -> Result<ProposalId, DispatchError> {
		ensure!(T::Roles::state_exists(state), Error::<T>::StateNotFound);
		ensure!(
			T::Roles::is_admin(state, &who) || T::Roles::has_role(state, &who, Role::Steward),
			Error::<T>::NotAdminOrSteward
		);
		ensure!(T::Roles::is_state_active(state), Error::<T>::StateSuspended);
		let open = OpenProposals::<T>::get(state);
		ensure!(open < T::MaxOpenProposals::get(), Error::<T>::TooManyProposals);
		let open = open.checked_add(1).ok_or(Error::<T>::TooManyProposals)?;
		let proposal = NextProposalId::<T>::get();
		let next = proposal.checked_add(1).ok_or(Error::<T>::ProposalIdsExhausted)?;
		let ticket = T::ProposalConsideration::new(&who, Self::proposal_footprint())
			.map_err(|_| Error::<T>::CannotAffordDeposit)?;
		let ends = frame_system::Pallet::<T>::block_number().saturating_add(T::VotingPeriod::get());
		Proposals::<T>::insert(
			proposal,
			Proposal {
				state,
				proposer: who,
				action,
				ends,
				ayes: Zero::zero(),
				nays: Zero::zero(),
				voters: 0,
				ticket,
			},
		);
		NextProposalId::<T>::put(next);
		OpenProposals::<T>::insert(state, open);
		Ok(proposal)
	}
}
