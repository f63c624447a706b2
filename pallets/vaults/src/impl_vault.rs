//! Share pricing, deposits and redemptions, proposals and votes, the reward sink, invariants.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use atlas_primitives::{
	ensure_state_admin, mul_rational, DeviceId, DeviceRegistry, RewardSink, RoleProvider, StateId,
	VaultId, VaultYield,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		fungibles::{self, metadata::MetadataDeposit},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		Consideration, Footprint,
	},
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{
	traits::{AccountIdConversion, Convert, Saturating, Zero},
	Perbill, Rounding, SaturatedConversion,
};

/// `amount × num / den`, rounded down (zero if `den` is zero).
fn mul_div<B: sp_runtime::traits::AtLeast32BitUnsigned + Copy>(amount: B, num: B, den: B) -> B {
	if den.is_zero() {
		return Zero::zero();
	}
	mul_rational(amount, num.saturated_into(), den.saturated_into(), Rounding::Down)
}

impl<T: Config> Pallet<T> {
	/// The account of `vault`.
	pub fn account(vault: VaultId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(vault)
	}

	/// Free ATH `vault` holds now.
	pub fn liquid(vault: VaultId) -> BalanceOf<T> {
		T::Currency::balance(&Self::account(vault))
	}

	/// Whether `vault` owns `device` (it is in the vault's custody).
	pub fn owns(vault: VaultId, device: DeviceId) -> bool {
		T::Devices::device(device).is_some_and(|d| d.owner == Self::account(vault))
	}

	/// `vault`'s net asset value: the ATH it holds (free and in escrow for purchases) plus all
	/// its devices earned for it and were not paid yet, maturing yield included. Devices it owns
	/// count by that yield only (and their deposits, which travel with them, not at all).
	/// Deposits are priced on it.
	pub fn nav(vault: VaultId) -> BalanceOf<T> {
		Self::liquid(vault)
			.saturating_add(Self::escrowed(vault))
			.saturating_add(T::Yield::unpaid(vault).total())
	}

	/// What `vault` is certainly worth: the free ATH it holds plus unpaid yield of final epochs.
	/// Redemptions are priced on it, so yield that a report, an observation or a challenge can
	/// still move (or that a report just made appear) is never paid out to a redeemer, and
	/// neither is escrow, which may yet go to a vendor.
	pub fn redemption_nav(vault: VaultId) -> BalanceOf<T> {
		Self::liquid(vault).saturating_add(T::Yield::unpaid(vault).certain)
	}

	/// Shares of `vault` issued.
	pub fn supply(info: &VaultOf<T>) -> BalanceOf<T> {
		<T::Assets as fungibles::Inspect<_>>::total_issuance(info.share_asset.clone())
	}

	/// Shares that may vote: all but the seed's, which the vault itself holds.
	pub(crate) fn electorate(vault: VaultId, info: &VaultOf<T>) -> BalanceOf<T> {
		let own = <T::Assets as fungibles::Inspect<_>>::balance(
			info.share_asset.clone(),
			&Self::account(vault),
		);
		Self::supply(info).saturating_sub(own)
	}

	/// Removes `who`'s votes in `vault` that have ended (their shares have thawed) and its young
	/// shares' record once they are mature; returns how many votes are left.
	pub(crate) fn do_unlock(who: &T::AccountId, vault: VaultId) -> Result<u32, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let young = Young::<T>::get(vault, who);
		let matured = young.as_ref().is_some_and(|y| y.until <= now);
		if matured {
			Young::<T>::remove(vault, who);
		}
		let Some(mut locks) = Votes::<T>::get(vault, who) else {
			ensure!(
				matured,
				if young.is_some() { Error::<T>::VotesStillRunning } else { Error::<T>::NoVotes }
			);
			return Ok(0);
		};
		let before = locks.len();
		locks.retain(|l| l.ends > now);
		ensure!(matured || locks.len() < before, Error::<T>::VotesStillRunning);
		let left = locks.len() as u32;
		if locks.is_empty() {
			Votes::<T>::remove(vault, who);
		} else {
			Votes::<T>::insert(vault, who, locks);
		}
		Ok(left)
	}

	/// Records `shares` just minted to `who` as young if proposals of `vault` are open.
	fn note_young(vault: VaultId, who: &T::AccountId, shares: BalanceOf<T>) {
		let now = frame_system::Pallet::<T>::block_number();
		let until = VotingUntil::<T>::get(vault);
		if until <= now {
			return;
		}
		Young::<T>::mutate(vault, who, |young| {
			let amount = match young {
				Some(y) if y.until > now => y.amount.saturating_add(shares),
				_ => shares,
			};
			*young = Some(YoungShares { amount, since: now, until });
		});
	}

	/// Shares of `who` in a running vote of `vault` (the largest such vote).
	pub(crate) fn voting_shares(vault: VaultId, who: &T::AccountId) -> BalanceOf<T> {
		let now = frame_system::Pallet::<T>::block_number();
		Votes::<T>::get(vault, who)
			.and_then(|locks| locks.iter().filter(|l| l.ends > now).map(|l| l.shares).max())
			.unwrap_or_else(Zero::zero)
	}

	/// What `shares` of `vault` redeem for now (at its redemption NAV), rounded down.
	pub fn value_of(vault: VaultId, shares: BalanceOf<T>) -> Option<BalanceOf<T>> {
		let info = Vaults::<T>::get(vault)?;
		Some(mul_div(shares, Self::redemption_nav(vault), Self::supply(&info)))
	}

	/// Checks a vault's parameters.
	pub(crate) fn check_params(params: &ParamsOf<T>) -> DispatchResult {
		ensure!(
			params.voting_period >= T::MinVotingPeriod::get()
				&& params.voting_period <= T::MaxVotingPeriod::get(),
			Error::<T>::BadParams
		);
		ensure!(!params.quorum.is_zero(), Error::<T>::BadParams);
		// No lock-up for ever: at most `MaxLockUp` ahead of now.
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			params.redeem_after <= now.saturating_add(T::MaxLockUp::get()),
			Error::<T>::BadParams
		);
		// Passing takes more than `threshold` of the votes: at least a majority, never all.
		ensure!(
			params.threshold >= Perbill::from_percent(50) && params.threshold < Perbill::one(),
			Error::<T>::BadParams
		);
		Ok(())
	}

	/// What a vault takes in storage: the footprint its deposit ([`Config::VaultConsideration`])
	/// prices. Creating one writes two items: the vault (at its bounds, its devices included)
	/// and its share token's index entry ([`VaultOfAsset`]).
	pub fn vault_footprint() -> Footprint {
		let bytes = VaultOf::<T>::max_encoded_len().saturating_add(VaultId::max_encoded_len());
		Footprint::from_parts(2, bytes)
	}

	pub(crate) fn do_create(
		who: T::AccountId,
		state: StateId,
		name: BoundedVec<u8, T::MaxNameLength>,
		params: ParamsOf<T>,
		seed: BalanceOf<T>,
	) -> DispatchResult {
		let id = NextVaultId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let asset = T::ShareAssetId::convert(id);
		let account = Self::account(id);
		let ticket = T::VaultConsideration::new(&who, Self::vault_footprint())
			.map_err(|_| Error::<T>::CannotAffordDeposit)?;
		T::Currency::transfer(&who, &account, seed, Preservation::Preserve)?;
		<T::Assets as fungibles::Create<_>>::create(
			asset.clone(),
			account.clone(),
			false,
			1u32.into(),
		)
		.map_err(|_| Error::<T>::ShareAssetUnavailable)?;
		// The seed's shares belong to the vault itself: never redeemable, so the vault is never
		// empty and its price cannot be skewed by a donation into an empty vault.
		<T::Assets as fungibles::Mutate<_>>::mint_into(asset.clone(), &account, seed)?;
		// The share token's metadata deposit is the creator's, paid into the vault account
		// (reserved there, so it is not part of the vault's NAV).
		let symbol = Self::symbol(id);
		let meta = T::Assets::calc_metadata_deposit(&name, &symbol);
		if !meta.is_zero() {
			T::Currency::transfer(&who, &account, meta, Preservation::Preserve)?;
		}
		<T::Assets as fungibles::metadata::Mutate<_>>::set(
			asset.clone(),
			&account,
			name.to_vec(),
			symbol,
			12,
		)?;
		let sponsors = BoundedVec::truncate_from(alloc::vec![state]);
		Vaults::<T>::insert(
			id,
			Vault {
				name,
				share_asset: asset.clone(),
				sponsors,
				creator: who.clone(),
				ticket,
				params,
				devices: BoundedVec::new(),
				proposals: 0,
				purchases: 0,
			},
		);
		VaultOfAsset::<T>::insert(asset.clone(), id);
		NextVaultId::<T>::put(next);
		Self::deposit_event(Event::VaultCreated {
			vault: id,
			state,
			creator: who,
			share_asset: asset,
			account,
			seed,
		});
		Ok(())
	}

	/// The share token's symbol: `V` and the vault's number.
	fn symbol(id: VaultId) -> Vec<u8> {
		let mut out = alloc::vec![b'V'];
		out.extend_from_slice(alloc::format!("{id}").as_bytes());
		out
	}

	pub(crate) fn do_deposit(
		who: &T::AccountId,
		vault: VaultId,
		amount: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		ensure!(amount >= info.params.min_deposit, Error::<T>::DepositTooSmall);
		// Priced before the ATH moves: shares = amount × supply / NAV, rounded down, with NAV
		// counting maturing yield (the higher price: a depositor buys into yield not yet
		// certain at its estimate, never below it).
		let shares = mul_div(amount, Self::supply(&info), Self::nav(vault));
		ensure!(!shares.is_zero(), Error::<T>::DepositTooSmall);
		T::Currency::transfer(who, &Self::account(vault), amount, Preservation::Preserve)?;
		<T::Assets as fungibles::Mutate<_>>::mint_into(info.share_asset, who, shares)?;
		Self::note_young(vault, who, shares);
		Self::deposit_event(Event::Deposited { vault, who: who.clone(), amount, shares });
		Ok(shares)
	}

	pub(crate) fn do_redeem(
		who: &T::AccountId,
		vault: VaultId,
		shares: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() >= info.params.redeem_after,
			Error::<T>::LockedUp
		);
		// Young shares may leave (burnt, they vote nowhere); shares in a running vote may not.
		let held = <T::Assets as fungibles::Inspect<_>>::balance(info.share_asset.clone(), who);
		let free = held.saturating_sub(Self::voting_shares(vault, who));
		ensure!(!shares.is_zero() && shares <= free, Error::<T>::InsufficientShares);
		// Only certain yield is paid out: a redeemer leaves its part of maturing yield behind.
		let amount = mul_div(shares, Self::redemption_nav(vault), Self::supply(&info));
		ensure!(!amount.is_zero(), Error::<T>::RedeemTooSmall);
		let account = Self::account(vault);
		let available =
			T::Currency::reducible_balance(&account, Preservation::Preserve, Fortitude::Polite);
		ensure!(amount <= available, Error::<T>::InsufficientLiquidity);
		// Forced past the young shares' freeze; `free` above kept the voting shares.
		<T::Assets as fungibles::Mutate<_>>::burn_from(
			info.share_asset,
			who,
			shares,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Force,
		)?;
		T::Currency::transfer(&account, who, amount, Preservation::Preserve)?;
		Self::deposit_event(Event::Redeemed { vault, who: who.clone(), shares, amount });
		Ok(amount)
	}

	/// Checks that `action` could execute in `vault` now.
	fn check_action(vault: VaultId, info: &VaultOf<T>, action: &ActionOf<T>) -> DispatchResult {
		match action {
			ProposalAction::Reinvest { amount, devices, deliver_by, .. } => {
				Self::check_purchase(info, *amount, *devices, *deliver_by)?;
			},
			ProposalAction::FundProject { amount, .. } => {
				ensure!(!amount.is_zero(), Error::<T>::ZeroSpend);
			},
			ProposalAction::TransferDevice { device, .. } => {
				ensure!(Self::owns(vault, *device), Error::<T>::DeviceNotInCustody);
			},
			ProposalAction::AttachDevice(device) => {
				ensure!(!info.devices.contains(device), Error::<T>::DeviceAlreadyAttached);
				ensure!(T::Devices::device(*device).is_some(), Error::<T>::DeviceNotFound);
				ensure!(
					(info.devices.len() as u32) < T::MaxDevices::get(),
					Error::<T>::TooManyDevices
				);
			},
			ProposalAction::DetachDevice(device) => {
				ensure!(info.devices.contains(device), Error::<T>::DeviceNotAttached);
				// Its route is fixed on the vault: detached, it could never report again.
				ensure!(!Self::owns(vault, *device), Error::<T>::DeviceInCustody);
			},
			ProposalAction::SetParams(params) => Self::check_params(params)?,
			ProposalAction::AdmitSponsor(state) => {
				ensure!(T::Roles::is_state_active(*state), Error::<T>::StateNotActive);
				ensure!(!info.sponsors.contains(state), Error::<T>::AlreadySponsor);
				ensure!(
					(info.sponsors.len() as u32) < T::MaxSponsors::get(),
					Error::<T>::TooManySponsors
				);
			},
		}
		Ok(())
	}

	pub(crate) fn do_propose(
		who: T::AccountId,
		vault: VaultId,
		action: ActionOf<T>,
	) -> Result<ProposalId, DispatchError> {
		let mut info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		let held = <T::Assets as fungibles::Inspect<_>>::balance(info.share_asset.clone(), &who);
		ensure!(!held.is_zero(), Error::<T>::NotShareholder);
		ensure!(info.proposals < T::MaxProposals::get(), Error::<T>::TooManyProposals);
		// Each open proposal is backed by a share of the vault: slots cost stake, not only
		// deposits (O(MaxProposals) to count).
		let open =
			Proposals::<T>::iter_prefix_values(vault).filter(|p| p.proposer == who).count() as u32;
		let backing = T::MinProposalShare::get()
			.mul_ceil(Self::electorate(vault, &info))
			.saturating_mul(open.saturating_add(1).into());
		ensure!(held >= backing, Error::<T>::TooFewSharesToPropose);
		Self::check_action(vault, &info, &action)?;
		let id = NextProposalId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let deposit = T::ProposalDeposit::get();
		T::Currency::hold(&HoldReason::ProposalDeposit.into(), &who, deposit)
			.map_err(|_| Error::<T>::CannotAffordDeposit)?;
		let created = frame_system::Pallet::<T>::block_number();
		let ends = created.saturating_add(info.params.voting_period);
		VotingUntil::<T>::mutate(vault, |until| *until = (*until).max(ends));
		let proposal = Proposal {
			vault,
			proposer: who.clone(),
			deposit,
			action: action.clone(),
			electorate: Self::electorate(vault, &info),
			created,
			ends,
			ayes: Zero::zero(),
			nays: Zero::zero(),
			vetoed_by: None,
		};
		Proposals::<T>::insert(vault, id, proposal);
		info.proposals.saturating_inc();
		Vaults::<T>::insert(vault, info);
		NextProposalId::<T>::put(next);
		Self::deposit_event(Event::Proposed { vault, proposal: id, proposer: who, action, ends });
		Ok(id)
	}

	pub(crate) fn do_vote(
		who: T::AccountId,
		vault: VaultId,
		proposal: ProposalId,
		aye: bool,
		shares: BalanceOf<T>,
	) -> DispatchResult {
		let info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		let mut p = Proposals::<T>::get(vault, proposal).ok_or(Error::<T>::ProposalNotFound)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < p.ends, Error::<T>::VotingEnded);
		ensure!(!shares.is_zero(), Error::<T>::ZeroVote);
		let held = <T::Assets as fungibles::Inspect<_>>::balance(info.share_asset, &who);
		ensure!(shares <= held, Error::<T>::InsufficientShares);
		// Shares bought after the proposal was made do not vote on it: a just-in-time deposit
		// buys no say over a vote already running.
		let young = Young::<T>::get(vault, &who)
			.filter(|y| y.until > now && y.since >= p.created)
			.map_or_else(Zero::zero, |y| y.amount);
		ensure!(shares <= held.saturating_sub(young), Error::<T>::SharesTooYoung);
		let mut locks = Votes::<T>::get(vault, &who).unwrap_or_default();
		ensure!(!locks.iter().any(|l| l.proposal == proposal), Error::<T>::AlreadyVoted);
		// Votes that ended have thawed: make room.
		locks.retain(|l| l.ends > now);
		locks
			.try_push(VoteLock { proposal, shares, aye, ends: p.ends })
			.map_err(|_| Error::<T>::TooManyVotes)?;
		if aye {
			p.ayes = p.ayes.saturating_add(shares);
		} else {
			p.nays = p.nays.saturating_add(shares);
		}
		Proposals::<T>::insert(vault, proposal, p);
		Votes::<T>::insert(vault, &who, locks);
		Self::deposit_event(Event::Voted { vault, proposal, who, aye, shares });
		Ok(())
	}

	pub(crate) fn do_veto(
		origin: OriginFor<T>,
		vault: VaultId,
		proposal: ProposalId,
		state: StateId,
	) -> DispatchResult {
		let info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		let mut p = Proposals::<T>::get(vault, proposal).ok_or(Error::<T>::ProposalNotFound)?;
		// A sponsor, vetoing through its admin.
		ensure!(info.sponsors.contains(&state), Error::<T>::NotSponsor);
		ensure_state_admin::<T::StateAdminOrigin, _>(origin, state, Error::<T>::NotSponsor)?;
		ensure!(T::Roles::is_state_active(state), Error::<T>::StateNotActive);
		ensure!(info.params.sponsor_veto && p.action.is_vetoable(), Error::<T>::VetoNotAllowed);
		ensure!(frame_system::Pallet::<T>::block_number() < p.ends, Error::<T>::VotingEnded);
		ensure!(p.vetoed_by.is_none(), Error::<T>::AlreadyVetoed);
		p.vetoed_by = Some(state);
		Proposals::<T>::insert(vault, proposal, p);
		Self::deposit_event(Event::Vetoed { vault, proposal, state });
		Ok(())
	}

	/// The outcome of a proposal whose vote ended.
	pub(crate) fn outcome(p: &ProposalOf<T>, params: &ParamsOf<T>) -> Outcome {
		if p.vetoed_by.is_some() {
			return Outcome::Vetoed;
		}
		let turnout = p.ayes.saturating_add(p.nays);
		if turnout.is_zero() || turnout < params.quorum.mul_ceil(p.electorate) {
			return Outcome::NoQuorum;
		}
		if p.ayes <= params.threshold.mul_floor(turnout) {
			return Outcome::Rejected;
		}
		Outcome::Executed
	}

	pub(crate) fn do_close(vault: VaultId, proposal: ProposalId) -> Result<Outcome, DispatchError> {
		let mut info = Vaults::<T>::get(vault).ok_or(Error::<T>::VaultNotFound)?;
		let p = Proposals::<T>::get(vault, proposal).ok_or(Error::<T>::ProposalNotFound)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= p.ends, Error::<T>::VotingOpen);
		let mut outcome = Self::outcome(&p, &info.params);
		if outcome == Outcome::Executed {
			// An exit window as long as the vote: voters' shares thawed when it ended, so
			// holders outvoted on a spend or a change of rules can redeem before it applies.
			let enacts = p.ends.saturating_add(p.ends.saturating_sub(p.created));
			ensure!(now >= enacts, Error::<T>::EnactmentPending);
			// All or nothing: a failing action changes nothing but is recorded.
			let result = frame_support::storage::with_storage_layer(|| {
				Self::execute(vault, &mut info, &p.action)
			});
			if let Err(error) = result {
				outcome = Outcome::ExecutionFailed;
				Self::deposit_event(Event::ExecutionFailed { vault, proposal, error });
			}
		}
		Proposals::<T>::remove(vault, proposal);
		info.proposals.saturating_dec();
		Vaults::<T>::insert(vault, info);
		let reason = HoldReason::ProposalDeposit.into();
		if outcome == Outcome::NoQuorum {
			// A proposal its holders ignored forfeits its deposit to the vault: keeping the
			// proposal slots full costs the spammer, and the holders gain.
			T::Currency::transfer_on_hold(
				&reason,
				&p.proposer,
				&Self::account(vault),
				p.deposit,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)?;
		} else {
			T::Currency::release(&reason, &p.proposer, p.deposit, Precision::BestEffort)?;
		}
		Self::deposit_event(Event::Closed { vault, proposal, outcome, ayes: p.ayes, nays: p.nays });
		Ok(outcome)
	}

	/// Applies a passed proposal's action to `info` (stored by the caller).
	fn execute(vault: VaultId, info: &mut VaultOf<T>, action: &ActionOf<T>) -> DispatchResult {
		Self::check_action(vault, info, action)?;
		match action {
			ProposalAction::Reinvest { vendor, amount, devices, deliver_by } => {
				Self::open_purchase(vault, info, vendor, *amount, *devices, *deliver_by)?;
			},
			ProposalAction::FundProject { to, amount } => {
				let account = Self::account(vault);
				let available = T::Currency::reducible_balance(
					&account,
					Preservation::Preserve,
					Fortitude::Polite,
				);
				ensure!(*amount <= available, Error::<T>::InsufficientLiquidity);
				T::Currency::transfer(&account, to, *amount, Preservation::Preserve)?;
				Self::deposit_event(Event::Spent { vault, to: to.clone(), amount: *amount });
			},
			ProposalAction::TransferDevice { device, to } => {
				<T::Custody as atlas_primitives::DeviceCustody<_>>::hand_from_vault(
					*device,
					&Self::account(vault),
					to,
				)?;
				info.devices.retain(|d| d != device);
				Self::deposit_event(Event::DeviceHandedOver {
					vault,
					device: *device,
					to: to.clone(),
				});
			},
			ProposalAction::AttachDevice(device) => {
				info.devices.try_push(*device).map_err(|_| Error::<T>::TooManyDevices)?;
				Self::deposit_event(Event::DeviceAttached { vault, device: *device });
			},
			ProposalAction::DetachDevice(device) => {
				info.devices.retain(|d| d != device);
				Self::deposit_event(Event::DeviceDetached { vault, device: *device });
			},
			ProposalAction::SetParams(params) => {
				info.params = params.clone();
				Self::deposit_event(Event::ParamsChanged { vault, params: params.clone() });
			},
			ProposalAction::AdmitSponsor(state) => {
				info.sponsors.try_push(*state).map_err(|_| Error::<T>::TooManySponsors)?;
				Self::deposit_event(Event::SponsorAdmitted { vault, state: *state });
			},
		}
		Ok(())
	}

	/// Shares of `asset` that `who` must keep: the largest of its votes still running, or its
	/// young shares while proposals open at their deposit run. The runtime plugs this into
	/// `pallet-assets` as the share tokens' freezer.
	pub fn frozen_shares(asset: AssetIdOf<T>, who: &T::AccountId) -> Option<BalanceOf<T>> {
		let vault = VaultOfAsset::<T>::get(asset)?;
		let now = frame_system::Pallet::<T>::block_number();
		let young = Young::<T>::get(vault, who)
			.filter(|y| y.until > now)
			.map_or_else(Zero::zero, |y| y.amount);
		// Both: the young shares may be ones that did not vote.
		let frozen = Self::voting_shares(vault, who).saturating_add(young);
		(!frozen.is_zero()).then_some(frozen)
	}

	/// Whether any account of the vault of `asset` has votes or young shares recorded (whether
	/// its shares may be frozen).
	pub fn has_votes(asset: AssetIdOf<T>) -> bool {
		VaultOfAsset::<T>::get(asset).is_some_and(|vault| {
			Votes::<T>::iter_prefix(vault).next().is_some()
				|| Young::<T>::iter_prefix(vault).next().is_some()
		})
	}

	/// A vault as readers see it.
	pub fn view(vault: VaultId) -> Option<VaultViewOf<T>> {
		let info = Vaults::<T>::get(vault)?;
		let liquid = Self::liquid(vault);
		let escrowed = Self::escrowed(vault);
		let unpaid = T::Yield::unpaid(vault);
		Some(VaultView {
			id: vault,
			name: info.name.to_vec(),
			account: Self::account(vault),
			share_asset: info.share_asset.clone(),
			sponsors: info.sponsors.to_vec(),
			params: info.params.clone(),
			devices: info.devices.to_vec(),
			liquid,
			escrowed,
			unpaid_yield: unpaid.total(),
			certain_yield: unpaid.certain,
			nav: liquid.saturating_add(escrowed).saturating_add(unpaid.total()),
			redemption_nav: liquid.saturating_add(unpaid.certain),
			share_supply: Self::supply(&info),
			// At most `MaxProposals` per vault.
			proposals: Proposals::<T>::iter_prefix(vault).collect(),
			// At most `MaxPurchases` per vault.
			purchases: Purchases::<T>::iter_prefix(vault)
				.map(|(id, p)| PurchaseView {
					id,
					vendor: p.vendor,
					escrow: p.escrow,
					unpaid: p.unpaid,
					delivered: p.delivered.into_inner(),
					deliver_by: p.deliver_by,
				})
				.collect(),
			// At most `MaxSponsors`... and any state that invested: bounded by the states.
			commitments: Commitments::<T>::iter_prefix(vault).collect(),
		})
	}

	/// Checks the pallet's invariants: a vault's share supply is zero exactly when it holds
	/// nothing; open proposals' tallies equal the votes recorded for them (the frozen shares);
	/// the open-proposal count matches; held proposal deposits equal stored ones, for every
	/// proposer and vault creator. (What vault deposits cost is the runtime's choice, made
	/// through the consideration: their held balances are not compared with the vaults here.)
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		Self::purchases_try_state()?;
		use frame_support::traits::fungible::InspectHold;
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut add = |who: &T::AccountId, amount: BalanceOf<T>| {
			let d = deposits.entry(who.clone()).or_insert_with(Zero::zero);
			*d = d.saturating_add(amount);
		};
		for (id, info) in Vaults::<T>::iter() {
			ensure!(
				Self::supply(&info).is_zero() == Self::nav(id).is_zero(),
				"share supply is zero exactly when the vault holds nothing"
			);
			ensure!(
				VaultOfAsset::<T>::get(info.share_asset.clone()) == Some(id),
				"a share token does not map back to its vault"
			);
			ensure!(
				Proposals::<T>::iter_prefix(id).count() as u32 == info.proposals,
				"a vault's proposal count differs from its proposals"
			);
			// Creators are checked too: no proposal deposit may be held from them for nothing.
			add(&info.creator, Zero::zero());
		}
		let mut votes: BTreeMap<(VaultId, ProposalId), (BalanceOf<T>, BalanceOf<T>)> =
			BTreeMap::new();
		for (vault, _, locks) in Votes::<T>::iter() {
			for l in locks.iter() {
				let v = votes.entry((vault, l.proposal)).or_insert_with(Default::default);
				if l.aye {
					v.0 = v.0.saturating_add(l.shares);
				} else {
					v.1 = v.1.saturating_add(l.shares);
				}
			}
		}
		let now = frame_system::Pallet::<T>::block_number();
		for (vault, id, p) in Proposals::<T>::iter() {
			ensure!(Vaults::<T>::contains_key(vault), "a proposal of no vault");
			ensure!(p.vault == vault, "a proposal stored under another vault");
			add(&p.proposer, p.deposit);
			ensure!(p.created <= now && p.created <= p.ends, "a proposal made in the future");
			ensure!(p.ends <= VotingUntil::<T>::get(vault), "a vote ends after its vault's last");
			// Votes of a running proposal are all still recorded (and frozen).
			if now < p.ends {
				let recorded = votes.get(&(vault, id)).copied().unwrap_or_default();
				ensure!(recorded == (p.ayes, p.nays), "a tally differs from its frozen votes");
			}
		}
		for (vault, _, young) in Young::<T>::iter() {
			ensure!(Vaults::<T>::contains_key(vault), "young shares of no vault");
			ensure!(young.since <= now && young.since < young.until, "young shares out of order");
			ensure!(
				young.until <= VotingUntil::<T>::get(vault),
				"young past the vault's last vote"
			);
		}
		let hold_p = HoldReason::ProposalDeposit.into();
		for (who, amount) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&hold_p, &who) == amount,
				"held deposits differ from stored"
			);
		}
		Ok(())
	}
}

impl<T: Config> RewardSink<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn accepts(vault: VaultId) -> bool {
		Vaults::<T>::contains_key(vault)
	}

	fn admits(vault: VaultId, device: DeviceId) -> bool {
		Vaults::<T>::get(vault).is_some_and(|v| v.devices.contains(&device))
	}

	fn receive(vault: VaultId, source: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(Vaults::<T>::contains_key(vault), Error::<T>::VaultNotFound);
		T::Currency::transfer(source, &Self::account(vault), amount, Preservation::Preserve)?;
		Self::deposit_event(Event::YieldReceived { vault, amount });
		Ok(())
	}
}
