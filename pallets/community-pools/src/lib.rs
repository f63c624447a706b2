//! # Community pools
//!
//! Device rewards routed to a network state's community pool accumulate in an account per
//! state ([`atlas_primitives::CommunityPools::pool_account`], derived by the rewards pallet).
//! This pallet spends it, by a vote of the state's citizens weighted by their governance stake,
//! instead of by one key held by the state's admin.
//!
//! ## A spend
//! - The state's admin or one of its stewards proposes a spend ([`Pallet::propose_spend`]): an
//!   amount and a recipient. The proposer pays the proposal's storage deposit
//!   ([`Config::ProposalConsideration`], priced by [`Pallet::proposal_footprint`]) until it is
//!   closed. A state has at most [`Config::MaxOpenProposals`] proposals open.
//! - For [`Config::VotingPeriod`] blocks the state's citizens vote aye or nay
//!   ([`Pallet::vote`]). A vote weighs the voter's governance stake at the moment of voting
//!   ([`atlas_primitives::GovernanceStake::voting_stake`]); voting again replaces the earlier
//!   vote. At most [`Config::MaxVoters`] accounts vote on one proposal.
//! - Once voting is over anyone closes the proposal ([`Pallet::close`]). It passed if the ayes
//!   outweigh the nays and reach [`Config::MinApprovalStake`]; a passed spend is paid from the
//!   pool if the state is still active and the pool can pay. Either way the proposal and its
//!   votes go and the deposit returns to the proposer.
//!
//! ## Why stake, not balance
//! Free ATH counts for nothing here: it can be bought, so a vote weighted by balance would let
//! anyone buy a state's pool. Governance stake can only be earned, by verified work of the
//! voter's devices, and cannot be moved; unstaking waits an unbonding period that the runtime
//! keeps longer than [`Config::VotingPeriod`], so the same stake cannot vote twice on one
//! proposal through two accounts. An admin alone, without the citizens' stake, cannot spend
//! the pool.
//!
//! ## A state that goes
//! When a state deregisters, the pallet (as an [`atlas_primitives::OnStateChange`] of the
//! network states pallet) sweeps its pool to [`Config::Treasury`] at once; whatever reaches the
//! pool later is swept by anyone with [`Pallet::sweep_pool`]. Proposals of a state that is
//! suspended or gone cannot be voted on and pay nothing when closed.
//!
//! Every call does bounded work: a proposal's votes are at most [`Config::MaxVoters`] and are
//! cleared in one bounded step when it closes.

#![deny(missing_docs)]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod closing;
mod impl_on_state_change;
// Not behind `try-runtime`: the tests check these invariants after every test, without turning
// `try-runtime` on for the whole workspace.
mod invariants;
#[cfg(test)]
mod mock;
mod proposals;
mod sweeping;
#[cfg(test)]
mod tests;
pub mod types;
mod voting;
pub mod weights;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::community-pools";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use atlas_primitives::{CommunityPools, GovernanceStake, RoleProvider, StateId};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate},
			Consideration, Footprint,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{StaticLookup, Zero};

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A stored spend proposal.
	pub type ProposalOf<T> = Proposal<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		<T as Config>::ProposalConsideration,
	>;

	pub(crate) type AccountIdLookupOf<T> =
		<<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the community pools pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The chain's currency, in which the pools are paid out (and benchmarks fund accounts).
		type Currency: Mutate<Self::AccountId>;

		/// The overarching hold reason (the runtime's [`Config::ProposalConsideration`] holds
		/// deposits under [`HoldReason::ProposalDeposit`]).
		type RuntimeHoldReason: From<HoldReason>;

		/// The network states: whether a state exists and is active, and who is its admin, a
		/// steward or a citizen.
		type Roles: RoleProvider<Self::AccountId>;

		/// Where each state's community pool is.
		type Pools: CommunityPools<Self::AccountId>;

		/// The governance stake a vote weighs.
		type Stake: GovernanceStake<Self::AccountId, BalanceOf<Self>>;

		/// The vaults a state invests in through its pool.
		type Investments: atlas_primitives::StateInvestments<Self::AccountId, BalanceOf<Self>>;

		/// The storage deposit of a proposal: prices one [`ProposalOf`] record
		/// ([`Pallet::proposal_footprint`]), paid by the proposer until the proposal is closed.
		type ProposalConsideration: Consideration<Self::AccountId, Footprint>;

		/// How many blocks a proposal is open to votes. Keep it shorter than the governance
		/// stake's unbonding period, so the same stake cannot vote twice on one proposal.
		#[pallet::constant]
		type VotingPeriod: Get<BlockNumberFor<Self>>;

		/// Most proposals open at once in one state.
		#[pallet::constant]
		type MaxOpenProposals: Get<u32>;

		/// Most accounts voting on one proposal.
		#[pallet::constant]
		type MaxVoters: Get<u32>;

		/// The least aye stake a spend needs to pass, however few vote against it.
		#[pallet::constant]
		type MinApprovalStake: Get<BalanceOf<Self>>;

		/// Receives the pools of states that no longer exist.
		#[pallet::constant]
		type Treasury: Get<Self::AccountId>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet's deposits are held.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit of a spend proposal.
		#[codec(index = 0)]
		ProposalDeposit,
	}

	/// The id the next proposal gets.
	#[pallet::storage]
	pub type NextProposalId<T: Config> = StorageValue<_, ProposalId, ValueQuery>;

	/// Open spend proposals (until they are closed).
	#[pallet::storage]
	pub type Proposals<T: Config> = StorageMap<_, Twox64Concat, ProposalId, ProposalOf<T>>;

	/// How many proposals of each state are open (no entry: none).
	#[pallet::storage]
	pub type OpenProposals<T: Config> = StorageMap<_, Twox64Concat, StateId, u32, ValueQuery>;

	/// The votes on open proposals: aye or nay, and the stake the vote weighs.
	#[pallet::storage]
	pub type Votes<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ProposalId,
		Blake2_128Concat,
		T::AccountId,
		(bool, BalanceOf<T>),
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A spend from a state's pool was proposed; its citizens vote on it until `ends`.
		SpendProposed {
			/// The proposal.
			proposal: ProposalId,
			/// The state whose pool would pay.
			state: StateId,
			/// The admin or steward who proposed it.
			proposer: T::AccountId,
			/// Who would be paid.
			to: T::AccountId,
			/// What would be paid.
			amount: BalanceOf<T>,
			/// The first block at which the proposal may be closed.
			ends: BlockNumberFor<T>,
		},
		/// An action on the state's vault holdings was proposed; its citizens vote on it until
		/// `ends`.
		InvestmentProposed {
			/// The proposal.
			proposal: ProposalId,
			/// The state whose pool would act.
			state: StateId,
			/// The admin or steward who proposed it.
			proposer: T::AccountId,
			/// What the pool would do.
			action: VaultAction<BalanceOf<T>>,
			/// The first block at which the proposal may be closed.
			ends: BlockNumberFor<T>,
		},
		/// A proposal passed and the pool acted on the state's vault holdings.
		InvestmentExecuted {
			/// The proposal.
			proposal: ProposalId,
			/// The state whose pool acted.
			state: StateId,
			/// What it did.
			action: VaultAction<BalanceOf<T>>,
		},
		/// A citizen voted (or changed their vote).
		Voted {
			/// The proposal.
			proposal: ProposalId,
			/// The citizen.
			who: T::AccountId,
			/// For (`true`) or against the spend.
			aye: bool,
			/// The governance stake the vote weighs.
			stake: BalanceOf<T>,
		},
		/// A proposal passed and its spend was paid from the pool.
		SpendExecuted {
			/// The proposal.
			proposal: ProposalId,
			/// The state whose pool paid.
			state: StateId,
			/// Who was paid.
			to: T::AccountId,
			/// What was paid.
			amount: BalanceOf<T>,
		},
		/// A proposal was closed without paying anything.
		SpendRejected {
			/// The proposal.
			proposal: ProposalId,
			/// Why nothing was paid.
			reason: RejectionReason,
		},
		/// The pool of a state that no longer exists went to the treasury.
		PoolSwept {
			/// The state.
			state: StateId,
			/// What went to the treasury.
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No state has this id.
		StateNotFound,
		/// The state is not active (suspended, or not admitted yet).
		StateSuspended,
		/// Only the state's admin or one of its stewards may propose a spend.
		NotAdminOrSteward,
		/// A spend of nothing.
		ZeroAmount,
		/// The state has `MaxOpenProposals` proposals open.
		TooManyProposals,
		/// The signer cannot afford the proposal's storage deposit.
		CannotAffordDeposit,
		/// Every proposal id is taken.
		ProposalIdsExhausted,
		/// No open proposal has this id.
		ProposalNotFound,
		/// Voting on this proposal is over.
		VotingClosed,
		/// Voting on this proposal is not over yet.
		VotingOpen,
		/// Only the state's citizens vote on its spends.
		NotCitizen,
		/// The signer has no governance stake: free balance does not vote.
		NoVotingStake,
		/// The proposal has `MaxVoters` voters.
		TooManyVoters,
		/// The state still exists: its pool is spent by its citizens, not swept.
		StateStillExists,
		/// The pool holds nothing to sweep.
		NothingToSweep,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxVoters::get() > 0, "MaxVoters must be positive");
			assert!(T::MaxOpenProposals::get() > 0, "MaxOpenProposals must be positive");
			assert!(!T::VotingPeriod::get().is_zero(), "VotingPeriod must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Proposes paying `amount` from `state`'s community pool to `to`. The signer must be
		/// the state's admin or one of its stewards, the state active, and fewer than
		/// [`Config::MaxOpenProposals`] of its proposals open. The signer pays the proposal's
		/// storage deposit ([`Config::ProposalConsideration`]) until it is closed. The state's
		/// citizens vote on it for [`Config::VotingPeriod`] blocks.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::propose_spend())]
		pub fn propose_spend(
			origin: OriginFor<T>,
			state: StateId,
			to: AccountIdLookupOf<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let to = T::Lookup::lookup(to)?;
			Self::do_propose_spend(who, state, to, amount)
		}

		/// Votes for (`aye`) or against a spend, with the weight of the signer's governance
		/// stake now ([`Config::Stake`]); free balance does not count. The signer must be a
		/// citizen of the proposal's state, the state active and voting still open. Voting again
		/// replaces the earlier vote.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::vote())]
		pub fn vote(origin: OriginFor<T>, proposal: ProposalId, aye: bool) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_vote(who, proposal, aye)
		}

		/// Closes a proposal once voting is over; anyone may call it. A proposal whose ayes
		/// outweigh its nays and reach [`Config::MinApprovalStake`] executes, if the state is
		/// still active: a spend is paid from the pool if it can pay, a vault action is done if
		/// the vault takes it. Either way the proposal and its votes go and the deposit returns
		/// to the proposer.
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::close_weight(T::MaxVoters::get()))]
		pub fn close(origin: OriginFor<T>, proposal: ProposalId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let voters = Self::do_close(proposal)?;
			Ok(Some(Self::close_weight(voters)).into())
		}

		/// Proposes that `state`'s community pool act on the state's vault holdings: invest in
		/// a vault, redeem shares, or vote the pool's shares on a vault's proposal (the state
		/// investing as a state, by its citizens' votes). The same rules as a spend: the signer
		/// is the state's admin or a steward and pays the storage deposit; citizens vote for
		/// [`Config::VotingPeriod`] blocks; it executes when closed if it passed.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::propose_investment())]
		pub fn propose_investment(
			origin: OriginFor<T>,
			state: StateId,
			action: VaultAction<BalanceOf<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!action.is_empty(), Error::<T>::ZeroAmount);
			let id = Self::do_propose(who.clone(), state, PoolAction::Vault(action.clone()))?;
			let ends = Proposals::<T>::get(id).map(|p| p.ends).unwrap_or_default();
			Self::deposit_event(Event::InvestmentProposed {
				proposal: id,
				state,
				proposer: who,
				action,
				ends,
			});
			Ok(())
		}

		/// Moves the whole community pool of a state that no longer exists to
		/// [`Config::Treasury`] (what reached it after the state deregistered); anyone may call
		/// it.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::sweep_pool())]
		pub fn sweep_pool(origin: OriginFor<T>, state: StateId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_sweep_pool(state)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// An open proposal, or `None` if no open proposal has this id.
		pub fn proposal(id: ProposalId) -> Option<ProposalOf<T>> {
			Proposals::<T>::get(id)
		}

		/// How `who` voted on an open proposal (aye, and the stake the vote weighs), if it did.
		pub fn vote_of(id: ProposalId, who: T::AccountId) -> Option<(bool, BalanceOf<T>)> {
			Votes::<T>::get(id, who)
		}
	}
}
