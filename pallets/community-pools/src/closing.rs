//! Closing a proposal once voting is over: paying a passed spend, refunding the deposit and
//! clearing the votes.

use crate::{pallet::*, Proposal, ProposalId, RejectionReason};
use atlas_primitives::{CommunityPools, RoleProvider};
use frame_support::{
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{fungible::Mutate, tokens::Preservation, Consideration},
};

impl<T: Config> Pallet<T> {
	/// Whether a spend with these tallies passed: the ayes outweigh the nays and reach
	/// [`Config::MinApprovalStake`].
	pub fn approved(ayes: BalanceOf<T>, nays: BalanceOf<T>) -> bool {
		ayes > nays && ayes >= T::MinApprovalStake::get()
	}

	/// Closes `proposal` once its voting is over: pays it if it passed and can be paid,
	/// removes it and its votes and refunds its deposit. Returns how many voted on it.
	pub(crate) fn do_close(proposal: ProposalId) -> Result<u32, DispatchError> {
		let info = Proposals::<T>::get(proposal).ok_or(Error::<T>::ProposalNotFound)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= info.ends, Error::<T>::VotingOpen);
		let Proposal { state, proposer, to, amount, ayes, nays, voters, ticket, .. } = info;

		let rejection = if !Self::approved(ayes, nays) {
			Some(RejectionReason::NotApproved)
		} else if !T::Roles::is_state_active(state) {
			Some(RejectionReason::StateNotActive)
		} else {
			let pool = T::Pools::pool_account(state);
			// A failed payment leaves nothing behind: the proposal still closes.
			let paid = with_storage_layer(|| {
				T::Currency::transfer(&pool, &to, amount, Preservation::Expendable).map(|_| ())
			});
			paid.is_err().then_some(RejectionReason::PoolTooPoor)
		};

		ticket.drop(&proposer)?;
		Proposals::<T>::remove(proposal);
		OpenProposals::<T>::mutate_exists(state, |open| {
			let left = open.unwrap_or_default().saturating_sub(1);
			*open = (left > 0).then_some(left);
		});
		// At most `MaxVoters` records: all of them go at once.
		let _ = Votes::<T>::clear_prefix(proposal, T::MaxVoters::get(), None);

		Self::deposit_event(match rejection {
			None => Event::SpendExecuted { proposal, state, to, amount },
			Some(reason) => Event::SpendRejected { proposal, reason },
		});
		Ok(voters)
	}
}
