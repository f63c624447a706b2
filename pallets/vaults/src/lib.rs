//! # Vaults
//!
//! Tokenized reward streams owned and governed by their holders (DePIN-Fi).
//!
//! ## Vaults and shares
//! A network state's admin creates a vault ([`Pallet::create_vault`]) with a deposit (held) and a
//! seed of ATH. The vault gets its own derived account and a share token in `pallet-assets`
//! (id from [`Config::ShareAssetId`], named after the vault). The seed's shares belong to the
//! vault account itself and can never be redeemed, so a vault always has shares and assets and
//! nobody can skew its share price by donating into an empty vault.
//!
//! Devices whose reward route names the vault pay it their share of every settled reward
//! (through [`atlas_primitives::RewardSink`]). That raises the vault's net asset value (NAV), so
//! holders gain without per-holder bookkeeping and shares move freely.
//!
//! NAV is the vault's ATH plus what its devices earned for it and were not paid yet
//! ([`Config::Yield`]: rewards keep the vault's points per epoch and class as reports arrive).
//! Because the unpaid part is in the price, settling it changes nothing for holders: someone who
//! deposits just before a large settlement and redeems after it gains nothing. Only unpaid yield
//! of final epochs is certain; the rest is an estimate that a report can raise at once (early in
//! an epoch its class total is small). So [`Pallet::deposit`] mints shares at the full NAV and
//! [`Pallet::redeem`] pays at the redemption NAV, ATH plus certain yield
//! ([`Pallet::redemption_nav`]): reporting first and redeeming in the same block gains nothing.
//! Both round down, limited by the ATH the vault holds and by its lock-up (at most
//! [`Config::MaxLockUp`] ahead when set). Rounding always favours the vault.
//!
//! ## Sponsors and proposals
//! A vault has one or more sponsor states (cross-sovereign co-investment); a new sponsor joins
//! through a passed proposal. Holders propose ([`Pallet::propose`], with a deposit): reinvest in
//! devices or fund a community project (both pay an account), attach or detach a device, change
//! the vault's parameters, admit a sponsor. Votes weigh shares ([`Pallet::vote`]); voting
//! freezes the voter's shares until the vote ends (a freeze on the share asset, see
//! [`Pallet::frozen_shares`]), so shares cannot vote twice. Shares minted by a deposit while
//! votes run are young ([`Young`]): they do not vote on proposals made before them and stay
//! frozen (redeemable only) until those votes end, so a just-in-time depositor cannot outvote
//! the holders. When the vote has ended anyone closes the proposal ([`Pallet::close`]): with
//! enough turnout (quorum) and enough ayes (threshold), and no sponsor's veto ([`Pallet::veto`]:
//! spends, parameter changes and new sponsors), it executes, one voting period after the vote
//! ended, so holders who lost the vote can redeem first.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_state_investments;
mod impl_vault;
#[cfg(test)]
mod mock;
mod procurement;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use atlas_primitives::{
		ensure_state_admin, DeviceId, DeviceRegistry, RoleProvider, StateId, VaultId, VaultYield,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			fungibles, Consideration, EnsureOriginWithArg, Footprint,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Convert;

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// The asset id type of [`Config::Assets`].
	pub type AssetIdOf<T> = <<T as Config>::Assets as fungibles::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::AssetId;
	/// Vault parameters as stored.
	pub type ParamsOf<T> = VaultParams<BalanceOf<T>, BlockNumberFor<T>>;
	/// A vault as stored.
	pub type VaultOf<T> = Vault<
		<T as frame_system::Config>::AccountId,
		AssetIdOf<T>,
		BalanceOf<T>,
		<T as Config>::VaultConsideration,
		BlockNumberFor<T>,
		<T as Config>::MaxNameLength,
		<T as Config>::MaxSponsors,
		<T as Config>::MaxDevices,
	>;
	/// A purchase as stored.
	pub type PurchaseOf<T> = Purchase<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		<T as Config>::MaxPurchaseDevices,
	>;
	/// A proposal's action.
	pub type ActionOf<T> =
		ProposalAction<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
	/// A proposal as stored.
	pub type ProposalOf<T> =
		Proposal<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
	/// An account's votes in one vault.
	pub type VoteLocksOf<T> =
		BoundedVec<VoteLock<BalanceOf<T>, BlockNumberFor<T>>, <T as Config>::MaxVotes>;
	/// A vault as readers see it.
	pub type VaultViewOf<T> = VaultView<
		<T as frame_system::Config>::AccountId,
		AssetIdOf<T>,
		BalanceOf<T>,
		BlockNumberFor<T>,
	>;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the vaults pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native currency: what vaults hold; deposits are held in it.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The share tokens (`pallet-assets`); the runtime freezes shares that voted through
		/// [`Pallet::frozen_shares`].
		type Assets: fungibles::Create<Self::AccountId>
			+ fungibles::Mutate<Self::AccountId, Balance = BalanceOf<Self>>
			+ fungibles::metadata::Mutate<Self::AccountId>
			+ fungibles::metadata::MetadataDeposit<BalanceOf<Self>>;

		/// The share token id of each vault (a range no one else may create ids in).
		type ShareAssetId: Convert<VaultId, AssetIdOf<Self>>;

		/// Network states: who administers them, whether they are active.
		type Roles: RoleProvider<Self::AccountId>;

		/// Who may act as a state's admin (create a vault the state sponsors, veto as a
		/// sponsor): yields the admin's account. In the runtime, the signed admin of the state
		/// ([`atlas_primitives::EnsureStateAdmin`] over [`Config::Roles`]).
		type StateAdminOrigin: EnsureOriginWithArg<
			Self::RuntimeOrigin,
			StateId,
			Success = Self::AccountId,
		>;

		/// The device registry: which vault a device's route pays.
		type Devices: DeviceRegistry<Self::AccountId, BalanceOf<Self>>;

		/// What each vault's devices earned for it and were not paid yet (rewards).
		type Yield: VaultYield<BalanceOf<Self>>;

		/// Derives each vault's account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The storage deposit of a vault: prices [`Pallet::vault_footprint`] (the vault and its
		/// share token's index entry), paid by its creator.
		type VaultConsideration: Consideration<Self::AccountId, Footprint>;

		/// The smallest seed a vault starts with (at least the existential deposit).
		#[pallet::constant]
		type MinSeed: Get<BalanceOf<Self>>;

		/// Deposit held from a proposer until the proposal closes.
		#[pallet::constant]
		type ProposalDeposit: Get<BalanceOf<Self>>;

		/// The shortest voting period a vault may set.
		#[pallet::constant]
		type MinVotingPeriod: Get<BlockNumberFor<Self>>;

		/// The longest voting period a vault may set.
		#[pallet::constant]
		type MaxVotingPeriod: Get<BlockNumberFor<Self>>;

		/// Longest vault name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Most sponsor states of a vault.
		#[pallet::constant]
		type MaxSponsors: Get<u32>;

		/// Most devices attached to a vault.
		#[pallet::constant]
		type MaxDevices: Get<u32>;

		/// Most proposals of a vault not closed yet.
		#[pallet::constant]
		type MaxProposals: Get<u32>;

		/// Takes bought devices into the vault's custody and hands them on.
		type Custody: atlas_primitives::DeviceCustody<Self::AccountId>;

		/// Most devices one purchase buys.
		#[pallet::constant]
		type MaxPurchaseDevices: Get<u32>;

		/// Most purchases of a vault open at once.
		#[pallet::constant]
		type MaxPurchases: Get<u32>;

		/// The share of the voting supply a proposer holds for each of its open proposals in a
		/// vault: filling the vault's proposal slots takes `MaxProposals` times this much of
		/// the vault, however many accounts it is split over.
		#[pallet::constant]
		type MinProposalShare: Get<sp_runtime::Perbill>;

		/// Most votes an account has in one vault whose shares are still frozen.
		#[pallet::constant]
		type MaxVotes: Get<u32>;

		/// The longest lock-up a vault may set: `redeem_after` is at most this many blocks
		/// ahead when the vault is created or its parameters change.
		#[pallet::constant]
		type MaxLockUp: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A vault's creation deposit.
		VaultDeposit,
		/// A proposal's deposit.
		ProposalDeposit,
		/// The price of a purchase, held on the vault's account until the vendor is paid.
		PurchaseEscrow,
	}

	/// The id the next vault gets.
	#[pallet::storage]
	pub type NextVaultId<T: Config> = StorageValue<_, VaultId, ValueQuery>;

	/// Every vault.
	#[pallet::storage]
	pub type Vaults<T: Config> = StorageMap<_, Twox64Concat, VaultId, VaultOf<T>>;

	/// The vault of each share token.
	#[pallet::storage]
	pub type VaultOfAsset<T: Config> = StorageMap<_, Twox64Concat, AssetIdOf<T>, VaultId>;

	/// The id the next proposal gets (unique across vaults).
	#[pallet::storage]
	pub type NextProposalId<T: Config> = StorageValue<_, ProposalId, ValueQuery>;

	/// Proposals not closed yet, by vault.
	#[pallet::storage]
	pub type Proposals<T: Config> =
		StorageDoubleMap<_, Twox64Concat, VaultId, Twox64Concat, ProposalId, ProposalOf<T>>;

	/// Each account's votes in a vault; the largest one still running is frozen on its shares.
	#[pallet::storage]
	pub type Votes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, VaultId, Blake2_128Concat, T::AccountId, VoteLocksOf<T>>;

	/// The id the next purchase gets (unique across vaults).
	#[pallet::storage]
	pub type NextPurchaseId<T: Config> = StorageValue<_, PurchaseId, ValueQuery>;

	/// Open purchases, by vault.
	#[pallet::storage]
	pub type Purchases<T: Config> =
		StorageDoubleMap<_, Twox64Concat, VaultId, Twox64Concat, PurchaseId, PurchaseOf<T>>;

	/// ATH each network state's community pool deposited into a vault, net of what its
	/// redemptions paid: the state's commitment as a co-investor.
	#[pallet::storage]
	pub type Commitments<T: Config> =
		StorageDoubleMap<_, Twox64Concat, VaultId, Twox64Concat, StateId, BalanceOf<T>>;

	/// The block the last proposal of each vault made so far ends its vote.
	#[pallet::storage]
	pub type VotingUntil<T: Config> =
		StorageMap<_, Twox64Concat, VaultId, BlockNumberFor<T>, ValueQuery>;

	/// Shares each account bought by deposits while proposals of the vault were open: they do
	/// not vote on those proposals and are frozen (redeemable, not transferable) until they end.
	#[pallet::storage]
	pub type Young<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		VaultId,
		Blake2_128Concat,
		T::AccountId,
		YoungShares<BalanceOf<T>, BlockNumberFor<T>>,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A vault was created by a network state.
		VaultCreated {
			/// The vault.
			vault: VaultId,
			/// Its first sponsor.
			state: StateId,
			/// Who created it.
			creator: T::AccountId,
			/// Its share token.
			share_asset: AssetIdOf<T>,
			/// Its account.
			account: T::AccountId,
			/// The seed it starts with (its shares belong to the vault itself).
			seed: BalanceOf<T>,
		},
		/// ATH was deposited for shares.
		Deposited {
			/// The vault.
			vault: VaultId,
			/// The depositor.
			who: T::AccountId,
			/// ATH paid in.
			amount: BalanceOf<T>,
			/// Shares minted.
			shares: BalanceOf<T>,
		},
		/// Shares were redeemed for ATH.
		Redeemed {
			/// The vault.
			vault: VaultId,
			/// The holder.
			who: T::AccountId,
			/// Shares burnt.
			shares: BalanceOf<T>,
			/// ATH paid out.
			amount: BalanceOf<T>,
		},
		/// A device's rewards reached the vault.
		YieldReceived {
			/// The vault.
			vault: VaultId,
			/// ATH received.
			amount: BalanceOf<T>,
		},
		/// A holder proposed something.
		Proposed {
			/// The vault.
			vault: VaultId,
			/// The proposal.
			proposal: ProposalId,
			/// Who proposed it.
			proposer: T::AccountId,
			/// What it does if it passes.
			action: ActionOf<T>,
			/// Votes end at this block.
			ends: BlockNumberFor<T>,
		},
		/// A holder voted.
		Voted {
			/// The vault.
			vault: VaultId,
			/// The proposal.
			proposal: ProposalId,
			/// The voter.
			who: T::AccountId,
			/// In favour or not.
			aye: bool,
			/// Shares voted (frozen until the vote ends).
			shares: BalanceOf<T>,
		},
		/// A sponsor state vetoed a spending proposal.
		Vetoed {
			/// The vault.
			vault: VaultId,
			/// The proposal.
			proposal: ProposalId,
			/// The sponsor that vetoed.
			state: StateId,
		},
		/// A proposal was closed.
		Closed {
			/// The vault.
			vault: VaultId,
			/// The proposal.
			proposal: ProposalId,
			/// How it ended.
			outcome: Outcome,
			/// Shares in favour.
			ayes: BalanceOf<T>,
			/// Shares against.
			nays: BalanceOf<T>,
		},
		/// A passed proposal's action failed; nothing of it was applied.
		ExecutionFailed {
			/// The vault.
			vault: VaultId,
			/// The proposal.
			proposal: ProposalId,
			/// Why.
			error: DispatchError,
		},
		/// The vault paid an account for a community project (a passed proposal).
		Spent {
			/// The vault.
			vault: VaultId,
			/// Who was paid.
			to: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// A device joined the vault's portfolio.
		DeviceAttached {
			/// The vault.
			vault: VaultId,
			/// The device.
			device: DeviceId,
		},
		/// A device left the vault's portfolio.
		DeviceDetached {
			/// The vault.
			vault: VaultId,
			/// The device.
			device: DeviceId,
		},
		/// The vault's parameters changed.
		ParamsChanged {
			/// The vault.
			vault: VaultId,
			/// The new parameters.
			params: ParamsOf<T>,
		},
		/// A network state joined the vault's sponsors.
		SponsorAdmitted {
			/// The vault.
			vault: VaultId,
			/// The state.
			state: StateId,
		},
		/// A passed reinvestment opened a purchase: its price went into escrow.
		PurchaseOpened {
			/// The vault.
			vault: VaultId,
			/// The purchase.
			purchase: PurchaseId,
			/// Who sells.
			vendor: T::AccountId,
			/// The price, in escrow.
			amount: BalanceOf<T>,
			/// Devices bought.
			devices: u32,
			/// The last block a device may be delivered in.
			deliver_by: BlockNumberFor<T>,
		},
		/// The vendor delivered a device into the vault's custody.
		DeviceDelivered {
			/// The vault.
			vault: VaultId,
			/// The purchase.
			purchase: PurchaseId,
			/// The device (owned by the vault's account now).
			device: DeviceId,
		},
		/// A delivered device is active: its part of the escrow went to the vendor.
		VendorPaid {
			/// The vault.
			vault: VaultId,
			/// The purchase.
			purchase: PurchaseId,
			/// The device.
			device: DeviceId,
			/// The vendor.
			vendor: T::AccountId,
			/// What it was paid.
			amount: BalanceOf<T>,
		},
		/// A purchase ended: every device was paid for, or its delivery deadline passed and what
		/// was left in escrow returned to the vault.
		PurchaseClosed {
			/// The vault.
			vault: VaultId,
			/// The purchase.
			purchase: PurchaseId,
			/// ATH returned to the vault.
			refunded: BalanceOf<T>,
		},
		/// A network state's commitment to the vault changed (its community pool deposited or
		/// redeemed, by a vote of its citizens).
		CommitmentChanged {
			/// The vault.
			vault: VaultId,
			/// The state.
			state: StateId,
			/// Its commitment now, in ATH.
			commitment: BalanceOf<T>,
		},
		/// The vault handed a device it owned to a new owner (a passed proposal).
		DeviceHandedOver {
			/// The vault.
			vault: VaultId,
			/// The device.
			device: DeviceId,
			/// Its new owner.
			to: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such vault.
		VaultNotFound,
		/// No such proposal in this vault (or it is closed).
		ProposalNotFound,
		/// Only the admin of the network state may do this.
		NotStateAdmin,
		/// The network state is not registered or is suspended.
		StateNotActive,
		/// The name is empty or longer than `MaxNameLength`.
		BadName,
		/// The parameters are out of range (voting period, quorum, threshold below a half, a
		/// lock-up longer than `MaxLockUp`).
		BadParams,
		/// The seed is below `MinSeed`.
		SeedTooSmall,
		/// The share token id is taken.
		ShareAssetUnavailable,
		/// The deposit cannot be held.
		CannotAffordDeposit,
		/// Every id is taken.
		IdsExhausted,
		/// The deposit is below the vault's minimum or would mint no share.
		DepositTooSmall,
		/// Not that many free shares (shares that voted are frozen until the vote ends).
		InsufficientShares,
		/// The redemption would pay nothing.
		RedeemTooSmall,
		/// The vault does not hold that much ATH now (its yield is not paid yet, or it spent).
		InsufficientLiquidity,
		/// The vault is locked up: no redemptions yet.
		LockedUp,
		/// Only holders of the vault's shares may propose.
		NotShareholder,
		/// The proposer holds less than [`Config::MinProposalShare`] of the voting supply for
		/// each of its open proposals and this one.
		TooFewSharesToPropose,
		/// The vault has too many open proposals.
		TooManyProposals,
		/// Votes on this proposal have ended.
		VotingEnded,
		/// Votes on this proposal have not ended yet.
		VotingOpen,
		/// This account already voted on the proposal.
		AlreadyVoted,
		/// This account has too many running votes in the vault.
		TooManyVotes,
		/// A vote must weigh at least one share.
		ZeroVote,
		/// Only the admin of a sponsor state may veto.
		NotSponsor,
		/// Sponsors of this vault hold no veto, or the proposal does not spend.
		VetoNotAllowed,
		/// The proposal was vetoed already.
		AlreadyVetoed,
		/// No device has this id.
		DeviceNotFound,
		/// The device is attached already.
		DeviceAlreadyAttached,
		/// The device is not attached.
		DeviceNotAttached,
		/// The vault has as many devices as it may.
		TooManyDevices,
		/// The state sponsors the vault already.
		AlreadySponsor,
		/// The vault has as many sponsors as it may.
		TooManySponsors,
		/// A spend must pay something.
		ZeroSpend,
		/// This account has no votes in the vault.
		NoVotes,
		/// Every vote of this account in the vault is still running.
		VotesStillRunning,
		/// Those shares were bought after the proposal was made: they do not vote on it.
		SharesTooYoung,
		/// The proposal passed; it executes one voting period after its vote ended, so that
		/// holders who disagree may redeem first.
		EnactmentPending,
		/// A purchase buys between one and `MaxPurchaseDevices` devices, delivered by a block
		/// still ahead.
		BadPurchase,
		/// The vault has as many open purchases as it may.
		TooManyPurchases,
		/// No such purchase in this vault (or it is closed).
		PurchaseNotFound,
		/// Only the purchase's vendor may deliver.
		NotVendor,
		/// The purchase's delivery deadline has passed.
		DeliveryClosed,
		/// Every device of the purchase was delivered.
		AllDelivered,
		/// The device was not delivered in this purchase, or was paid for already.
		NotDelivered,
		/// The device is not active yet: a steward of its state activates it.
		DeviceNotActive,
		/// The vault does not own the device.
		DeviceNotInCustody,
		/// The vault owns the device: it leaves the portfolio only by `TransferDevice`.
		DeviceInCustody,
		/// The purchase's delivery deadline has not passed yet.
		DeliveryOpen,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLength::get() > 0, "vaults need names");
			assert!(T::MaxSponsors::get() > 0, "a vault has its creator as sponsor");
			assert!(T::MaxProposals::get() > 0, "holders must be able to propose");
			assert!(
				u64::from(T::MinProposalShare::get().deconstruct())
					.saturating_mul(T::MaxProposals::get().into())
					<= u64::from(sp_runtime::Perbill::one().deconstruct()),
				"MaxProposals proposals must fit in the whole supply"
			);
			assert!(T::MaxVotes::get() > 0, "holders must be able to vote");
			assert!(
				T::MinVotingPeriod::get() <= T::MaxVotingPeriod::get(),
				"voting period bounds are inverted"
			);
			assert!(
				T::MinSeed::get() >= T::Currency::minimum_balance(),
				"the seed must keep the vault account alive"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a vault sponsored by `state`, whose admin signs: pays its storage deposit
		/// ([`Config::VaultConsideration`]), moves `seed` into the vault (its shares belong to the
		/// vault itself) and creates the share token named `name`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_vault())]
		pub fn create_vault(
			origin: OriginFor<T>,
			state: StateId,
			name: Vec<u8>,
			params: ParamsOf<T>,
			seed: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_state_admin::<T::StateAdminOrigin, _>(
				origin,
				state,
				Error::<T>::NotStateAdmin,
			)?;
			ensure!(T::Roles::is_state_active(state), Error::<T>::StateNotActive);
			let name: BoundedVec<u8, T::MaxNameLength> =
				name.try_into().map_err(|_| Error::<T>::BadName)?;
			ensure!(!name.is_empty(), Error::<T>::BadName);
			Self::check_params(&params)?;
			ensure!(seed >= T::MinSeed::get(), Error::<T>::SeedTooSmall);
			Self::do_create(who, state, name, params, seed)
		}

		/// Deposits `amount` ATH into `vault` for shares at its net asset value (rounded down).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::deposit())]
		pub fn deposit(
			origin: OriginFor<T>,
			vault: VaultId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deposit(&who, vault, amount).map(|_| ())
		}

		/// Redeems `shares` of `vault` for ATH at its net asset value counting only certain
		/// yield (rounded down), limited by the ATH the vault holds and its lock-up. Shares that
		/// voted in a running vote cannot be redeemed; young shares can.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::redeem())]
		pub fn redeem(
			origin: OriginFor<T>,
			vault: VaultId,
			shares: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_redeem(&who, vault, shares).map(|_| ())
		}

		/// Proposes `action` to `vault`'s holders; the signer must hold shares and pays
		/// [`Config::ProposalDeposit`] (held until the proposal closes).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::propose())]
		pub fn propose(
			origin: OriginFor<T>,
			vault: VaultId,
			action: ActionOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose(who, vault, action).map(|_| ())
		}

		/// Votes on `proposal` with `shares` of the signer's shares (frozen until the vote ends).
		/// Shares bought by a deposit after the proposal was made do not vote on it.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::vote())]
		pub fn vote(
			origin: OriginFor<T>,
			vault: VaultId,
			proposal: ProposalId,
			aye: bool,
			shares: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_vote(who, vault, proposal, aye, shares)
		}

		/// Vetoes a proposal that spends or changes the vault's parameters or sponsors, while its
		/// vote runs. The signer must be the admin of one of the vault's sponsor states, and the
		/// vault must give sponsors a veto.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::veto())]
		pub fn veto(
			origin: OriginFor<T>,
			vault: VaultId,
			proposal: ProposalId,
			state: StateId,
		) -> DispatchResult {
			Self::do_veto(origin, vault, proposal, state)
		}

		/// Closes a proposal whose vote has ended (anyone may). One that passed executes one
		/// voting period after its vote ended (its voters' shares thawed at the end, so those who
		/// disagree can redeem first). The proposer's deposit returns, unless too few shares
		/// voted: then it goes to the vault.
		#[pallet::call_index(6)]
		// The benchmark executes a spend; a `TransferDevice` hands a device on instead.
		#[pallet::weight(T::WeightInfo::close().saturating_add(
			<T::Custody as atlas_primitives::DeviceCustody<T::AccountId>>::custody_weight()
		))]
		pub fn close(origin: OriginFor<T>, vault: VaultId, proposal: ProposalId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_close(vault, proposal).map(|_| ())
		}

		/// Delivers `device` into `vault`'s custody for `purchase`: the signer, the purchase's
		/// vendor, owns it; it becomes the vault's (its route wholly to the vault, its operator
		/// kept) and joins the portfolio. If it is active its part of the escrow is paid at
		/// once, else when it is ([`Pallet::release`]).
		#[pallet::call_index(8)]
		// Beyond the benchmark (its device holds no deposit): the deposit moving on hold.
		#[pallet::weight(T::WeightInfo::deliver().saturating_add(T::DbWeight::get().reads_writes(2, 2)))]
		pub fn deliver(
			origin: OriginFor<T>,
			vault: VaultId,
			purchase: PurchaseId,
			device: DeviceId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deliver(&who, vault, purchase, device)
		}

		/// Pays the vendor a delivered device's part of the escrow once the device is active
		/// (anyone may).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::release())]
		pub fn release(
			origin: OriginFor<T>,
			vault: VaultId,
			purchase: PurchaseId,
			device: DeviceId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_release(vault, purchase, device)
		}

		/// Closes a purchase whose delivery deadline has passed (anyone may): what is left in
		/// escrow returns to the vault; devices delivered stay the vault's.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::close_purchase())]
		pub fn close_purchase(
			origin: OriginFor<T>,
			vault: VaultId,
			purchase: PurchaseId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_close_purchase(vault, purchase)
		}

		/// Removes the signer's votes in `vault` that have ended (their shares thawed when the
		/// vote ended; this clears the records), and its record of young shares once they are
		/// mature.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::unlock())]
		pub fn unlock(origin: OriginFor<T>, vault: VaultId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unlock(&who, vault).map(|_| ())
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A vault with its net asset value, share supply, sponsors and open proposals.
		pub fn vault(vault: VaultId) -> Option<VaultViewOf<T>> {
			Self::view(vault)
		}

		/// What `shares` of `vault` would redeem for now (before the liquidity limit).
		pub fn share_value(vault: VaultId, shares: BalanceOf<T>) -> Option<BalanceOf<T>> {
			Self::value_of(vault, shares)
		}

		/// Up to 100 vaults after `cursor`, in id order.
		pub fn vaults(cursor: Option<VaultId>, limit: u32) -> Vec<VaultViewOf<T>> {
			let start = cursor.map_or(0, |c| c.saturating_add(1));
			let end = NextVaultId::<T>::get();
			let limit = limit.min(100) as usize;
			(start..end).filter_map(Self::view).take(limit).collect()
		}
	}
}
