//! Citizens voting on spends with their governance stake.

use crate::pallet::*;
use atlas_primitives::{GovernanceStake, Role, RoleProvider};
use frame_support::pallet_prelude::*;
use sp_runtime::{traits::Zero, Saturating};

impl<T: Config> Pallet<T> {
	/// `who` votes `aye` (or nay) on `proposal` with its governance stake now, replacing its
	/// earlier vote if it had one.
	pub(crate) fn do_vote(
		who: T::AccountId,
		proposal: crate::ProposalId,
		aye: bool,
	) -> DispatchResult {
		let mut info = Proposals::<T>::get(proposal).ok_or(Error::<T>::ProposalNotFound)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < info.ends, Error::<T>::VotingClosed);
		ensure!(T::Roles::is_state_active(info.state), Error::<T>::StateSuspended);
		ensure!(T::Roles::has_role(info.state, &who, Role::Citizen), Error::<T>::NotCitizen);
		let stake = T::Stake::voting_stake(&who);
		ensure!(!stake.is_zero(), Error::<T>::NoVotingStake);
		match Votes::<T>::get(proposal, &who) {
			// A new voter takes one of the `MaxVoters` places.
			None => {
				ensure!(info.voters < T::MaxVoters::get(), Error::<T>::TooManyVoters);
				info.voters = info.voters.checked_add(1).ok_or(Error::<T>::TooManyVoters)?;
			},
			// A repeated vote takes its earlier weight out of the tally first.
			Some((true, earlier)) => info.ayes = info.ayes.saturating_sub(earlier),
			Some((false, earlier)) => info.nays = info.nays.saturating_sub(earlier),
		}
		if aye {
			info.ayes = info.ayes.saturating_add(stake);
		} else {
			info.nays = info.nays.saturating_add(stake);
		}
		Votes::<T>::insert(proposal, &who, (aye, stake));
		Proposals::<T>::insert(proposal, info);
		Self::deposit_event(Event::Voted { proposal, who, aye, stake });
		Ok(())
	}
}
