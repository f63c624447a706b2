//! Closing a proposal once voting is over: paying a passed spend, refunding the deposit and
//! clearing the votes.

use crate::WeightInfo;
use crate::{pallet::*, PoolAction, Proposal, ProposalId, RejectionReason, VaultAction};
use atlas_primitives::{CommunityPools, RoleProvider, StateInvestments};
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
		let Proposal { state, proposer, action, ayes, nays, voters, ticket, .. } = info;

		let rejection = if !Self::approved(ayes, nays) {
			Some(RejectionReason::NotApproved)
		} else if !T::Roles::is_state_active(state) {
			Some(RejectionReason::StateNotActive)
		} else {
			let pool = T::Pools::pool_account(state);
			// A failed action leaves nothing behind: the proposal still closes.
			match &action {
				PoolAction::Spend { to, amount } => with_storage_layer(|| {
					T::Currency::transfer(&pool, to, *amount, Preservation::Expendable).map(|_| ())
				})
				.is_err()
				.then_some(RejectionReason::PoolTooPoor),
				PoolAction::Vault(a) => with_storage_layer(|| match *a {
					VaultAction::Invest { vault, amount } => {
						T::Investments::invest(state, &pool, vault, amount)
					},
					VaultAction::Divest { vault, shares } => {
						T::Investments::divest(state, &pool, vault, shares)
					},
					VaultAction::Vote { vault, proposal, aye, shares } => {
						T::Investments::vote(&pool, vault, proposal, aye, shares)
					},
				})
				.is_err()
				.then_some(RejectionReason::VaultRefused),
			}
		};

		ticket.drop(&proposer)?;
		Proposals::<T>::remove(proposal);
		OpenProposals::<T>::mutate_exists(state, |open| {
			let left = open.unwrap_or_default().saturating_sub(1);
			*open = (left > 0).then_some(left);
		});
		// At most `MaxVoters` records: all of them go at once.
		let _ = Votes::<T>::clear_prefix(proposal, T::MaxVoters::get(), None);

		Self::deposit_event(match (rejection, action) {
			(None, PoolAction::Spend { to, amount }) => {
				Event::SpendExecuted { proposal, state, to, amount }
			},
			(None, PoolAction::Vault(action)) => {
				Event::InvestmentExecuted { proposal, state, action }
			},
			(Some(reason), _) => Event::SpendRejected { proposal, reason },
		});
		Ok(voters)
	}

	/// The weight of closing a proposal `voters` voted on, its action included.
	pub fn close_weight(voters: u32) -> Weight {
		T::WeightInfo::close(voters).saturating_add(T::Investments::weight())
	}
}
