//! The pallet's invariants, checked by `try_state` and after every test.

use crate::pallet::*;
use alloc::collections::btree_map::BTreeMap;
use atlas_primitives::StateId;
use frame_support::ensure;
use sp_runtime::{traits::Get, Saturating};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: each proposal's tallies and voter count match its vote
	/// records, and it has at most `MaxVoters` of them; every proposal id is below
	/// `NextProposalId`; `OpenProposals` counts each state's proposals (no entry for none) and
	/// none has more than `MaxOpenProposals`; no vote belongs to a missing proposal. (What
	/// deposits cost is the runtime's choice, made through the consideration: it is not
	/// compared with the records here.)
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let next = NextProposalId::<T>::get();
		let mut open: BTreeMap<StateId, u32> = BTreeMap::new();
		for (id, info) in Proposals::<T>::iter() {
			ensure!(id < next, "proposal id at or above NextProposalId");
			open.entry(info.state).or_default().saturating_inc();
			let (mut ayes, mut nays, mut voters) =
				(BalanceOf::<T>::default(), BalanceOf::<T>::default(), 0u32);
			for (_, (aye, stake)) in Votes::<T>::iter_prefix(id) {
				ensure!(stake != BalanceOf::<T>::default(), "a vote without stake");
				if aye {
					ayes = ayes.saturating_add(stake);
				} else {
					nays = nays.saturating_add(stake);
				}
				voters.saturating_inc();
			}
			ensure!(ayes == info.ayes, "ayes differ from the votes");
			ensure!(nays == info.nays, "nays differ from the votes");
			ensure!(voters == info.voters, "voter count differs from the votes");
			ensure!(voters <= T::MaxVoters::get(), "more voters than MaxVoters");
		}
		for (state, count) in OpenProposals::<T>::iter() {
			ensure!(open.get(&state) == Some(&count), "OpenProposals differs from the proposals");
		}
		for (state, count) in open {
			ensure!(
				OpenProposals::<T>::contains_key(state),
				"a state's proposals are not counted in OpenProposals"
			);
			ensure!(
				count <= T::MaxOpenProposals::get(),
				"more open proposals than MaxOpenProposals"
			);
		}
		for (id, _) in Votes::<T>::iter_keys() {
			ensure!(Proposals::<T>::contains_key(id), "a vote on a missing proposal");
		}
		Ok(())
	}
}
