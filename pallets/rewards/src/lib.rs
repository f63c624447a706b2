//! # Rewards
//!
//! Emission under a monetary policy, lazy per-device settlement, reward routes and partner
//! programs.
//!
//! ## Emission
//! When an epoch closes (`on_initialize`, O(classes + programs)), [`Config::Policy`] gives its
//! emission from the governance-set [`PolicyParams`], total issuance and the treasury's reserves.
//! The treasury's part is minted into [`Config::Treasury`]; the devices' part is split by
//! [`ClassShares`] and minted into the pallet's pot. A circuit breaker guards the mint: if an
//! epoch asks for more than [`Config::BreakerMultiple`] times the previous epoch's mint, nothing
//! is minted and the epoch is halted until governance releases it ([`Pallet::resolve_breaker`]),
//! in full or capped. Active partner programs add their per-epoch budget in their own asset.
//!
//! ## Settlement
//! Attestations tell this pallet of each accepted report ([`atlas_primitives::OnReport`]): the
//! epoch joins the device's [`Ledgers`] entry (O(1); a device with [`Config::MaxPendingEpochs`]
//! unpaid epochs must be claimed before it reports again). Nothing is done per device when an
//! epoch closes. A device's reward for an epoch is `budget(class) × points / total(class)`,
//! computed when it is claimed, once its points are past dispute
//! ([`atlas_primitives::EpochScores::is_settleable`]). [`Pallet::claim`] settles many devices in
//! one extrinsic; the work per device does not depend on how many devices exist.
//!
//! Settled ATH follows the device's route: the owner, fixed accounts, a vault (through
//! [`Config::Sink`]), the state's community pool (a derived account,
//! [`atlas_primitives::CommunityPools`], spent by a vote of the state's citizens in the community
//! pools pallet) or the owner's governance stake (frozen; unstaking waits
//! [`Config::StakeUnbonding`]; it weighs in those votes, [`atlas_primitives::GovernanceStake`]). A leg that
//! cannot be paid (an account below the existential deposit, a vault that refuses) goes to the
//! owner. Budgets older than [`Config::RetentionEpochs`] are swept to the treasury in `on_idle`
//! with whatever was not claimed; claims of those epochs fail with [`Error::RewardsExpired`].
//!
//! ## Verifiers
//! [`VerifierShare`] of the devices' emission (at most [`Config::MaxVerifierShare`], set by
//! governance) is budgeted for verifiers before the class split. Attestations credits each
//! observation that lies within the tolerance of its device's quorum on a device that reported
//! ([`atlas_primitives::VerifierCredits`]); once an epoch is judged a verifier claims
//! `budget × its credits / all credits` with [`Pallet::claim_verifier_rewards`], lazily and
//! within the same retention as devices' rewards.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_community;
mod impl_settlement;
mod impl_vaults;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
mod verifier_rewards;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use atlas_primitives::{
		DeviceClass, DeviceId, DeviceRegistry, EpochIndex, EpochScores, MonetaryPolicy, PerClass,
		RewardSink, RoleProvider, StateId, VaultId, VerifierCredits,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateFreeze, MutateHold},
			fungibles, Consideration, Footprint,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{AccountIdConversion, Saturating, Zero},
		Perbill,
	};

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// The asset id type of [`Config::Assets`].
	pub type AssetIdOf<T> = <<T as Config>::Assets as fungibles::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::AssetId;
	/// An epoch's budget as stored.
	pub type EpochBudgetOf<T> = EpochBudget<BalanceOf<T>, AssetIdOf<T>, <T as Config>::MaxPrograms>;
	/// A device's ledger as stored.
	pub type DeviceLedgerOf<T> = DeviceLedger<<T as Config>::MaxPendingEpochs>;
	/// A partner program as stored.
	pub type ProgramOf<T> = Program<
		<T as frame_system::Config>::AccountId,
		AssetIdOf<T>,
		BalanceOf<T>,
		<T as Config>::ProgramConsideration,
	>;
	/// The policy parameters as stored.
	pub type ParamsOf<T> = <<T as Config>::Policy as MonetaryPolicy<BalanceOf<T>>>::Params;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the rewards pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native currency: minted as emission, frozen as governance stake, held as program
		/// deposits.
		type Currency: Mutate<Self::AccountId>
			+ MutateFreeze<Self::AccountId, Id = Self::RuntimeFreezeReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching freeze reason.
		type RuntimeFreezeReason: From<FreezeReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Assets partner programs pay in.
		type Assets: fungibles::Mutate<Self::AccountId, Balance = BalanceOf<Self>>
			+ fungibles::roles::Inspect<Self::AccountId>;

		/// The registered devices and their routes.
		type Devices: DeviceRegistry<Self::AccountId, BalanceOf<Self>>;

		/// Per-epoch points.
		type Scores: EpochScores;

		/// Verifiers' credited observations per epoch.
		type Verifiers: VerifierCredits<Self::AccountId>;

		/// The most of the devices' emission governance may give verifiers.
		#[pallet::constant]
		type MaxVerifierShare: Get<Perbill>;

		/// Network states (the benchmarks register one).
		type Roles: RoleProvider<Self::AccountId>;

		/// How much each epoch mints.
		type Policy: MonetaryPolicy<BalanceOf<Self>>;

		/// Vaults named in routes.
		type Sink: RewardSink<Self::AccountId, BalanceOf<Self>>;

		/// Told of every device's paid reward (the registry adds it to deployment KPIs).
		type OnRewardPaid: atlas_primitives::OnRewardPaid<BalanceOf<Self>>;

		/// Co-use agreements: the share of a shared device's rewards its state's community pool
		/// takes (vault legs are exempt, so a vault gets what it was valued at).
		type CoUse: atlas_primitives::CoUseTerms;

		/// Sets policy parameters and class shares, releases halted epochs.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Derives the pot and the community pools.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Receives the treasury's emission and swept rewards.
		#[pallet::constant]
		type Treasury: Get<Self::AccountId>;

		/// Blocks in a year: with the epoch length, epochs per year.
		#[pallet::constant]
		type BlocksPerYear: Get<u32>;

		/// An epoch may mint at most this many times the previous epoch's mint before the
		/// breaker halts it.
		#[pallet::constant]
		type BreakerMultiple: Get<u32>;

		/// Epochs a budget is kept for claims before the rest goes to the treasury. Must be
		/// below the attestations' retention (points are read from there).
		#[pallet::constant]
		type RetentionEpochs: Get<u32>;

		/// Most unpaid epochs a device can have.
		#[pallet::constant]
		type MaxPendingEpochs: Get<u32>;

		/// Most epochs a vault can have unpaid points in (reports of its devices for a further
		/// epoch are refused until some are claimed; anyone may claim a vault's devices).
		#[pallet::constant]
		type MaxVaultEpochs: Get<u32>;

		/// Most unpaid epochs a device paying a vault can have (below [`Config::MaxVaultEpochs`]):
		/// a device whose epochs are never settled holds at most this many of the vault's.
		#[pallet::constant]
		type MaxVaultEpochsPerDevice: Get<u32>;

		/// Most partner programs at once.
		#[pallet::constant]
		type MaxPrograms: Get<u32>;

		/// Most epochs one partner program may pay for: no sponsor holds a program slot for
		/// ever (governance may also end any program at once).
		#[pallet::constant]
		type MaxProgramEpochs: Get<u32>;

		/// Most devices in one claim.
		#[pallet::constant]
		type MaxClaimDevices: Get<u32>;

		/// Most epoch entries one claim settles (the rest wait for the next claim).
		#[pallet::constant]
		type MaxSettlePerClaim: Get<u32>;

		/// The storage deposit of a partner program: prices [`Pallet::program_footprint`] (the
		/// program and its entry in the active list), paid by its sponsor until it ends.
		type ProgramConsideration: Consideration<Self::AccountId, Footprint>;

		/// Blocks unstaked rewards stay frozen.
		#[pallet::constant]
		type StakeUnbonding: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Creates assets for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<AssetIdOf<Self>, Self::AccountId>;
	}

	/// Creates what benchmarks need outside this pallet.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<AssetId, AccountId> {
		/// Creates asset number `seed` with `issuer` as its issuer.
		fn create_asset(seed: u32, issuer: &AccountId) -> AssetId;
	}

	/// Why this pallet freezes funds.
	#[pallet::composite_enum]
	pub enum FreezeReason {
		/// Rewards routed to governance stake.
		RewardStake,
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A partner program's deposit.
		ProgramDeposit,
	}

	/// The monetary policy's parameters, set by governance.
	#[pallet::storage]
	pub type PolicyParams<T: Config> = StorageValue<_, ParamsOf<T>, ValueQuery>;

	/// Each device class's share of the devices' emission (in class order; sums to 100 %).
	#[pallet::storage]
	pub type ClassShares<T: Config> = StorageValue<_, PerClass<Perbill>, ValueQuery>;

	/// The verifiers' share of the devices' emission, taken before the class split (at most
	/// [`Config::MaxVerifierShare`]).
	#[pallet::storage]
	pub type VerifierShare<T: Config> = StorageValue<_, Perbill, ValueQuery>;

	/// The next epoch to fund once it closes.
	#[pallet::storage]
	pub type NextToFund<T: Config> = StorageValue<_, EpochIndex, ValueQuery>;

	/// The oldest epoch whose budget is kept.
	#[pallet::storage]
	pub type OldestBudget<T: Config> = StorageValue<_, EpochIndex, ValueQuery>;

	/// What the last funded epoch minted: the circuit breaker's reference.
	#[pallet::storage]
	pub type LastMint<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// Each kept epoch's emission and split.
	#[pallet::storage]
	pub type Budgets<T: Config> = StorageMap<_, Twox64Concat, EpochIndex, EpochBudgetOf<T>>;

	/// Each device's unpaid epochs.
	#[pallet::storage]
	pub type Ledgers<T: Config> = StorageMap<_, Twox64Concat, DeviceId, DeviceLedgerOf<T>>;

	/// Minted, paid and swept so far.
	#[pallet::storage]
	pub type EmissionTotals<T: Config> = StorageValue<_, Totals<BalanceOf<T>>, ValueQuery>;

	/// Partner programs.
	#[pallet::storage]
	pub type Programs<T: Config> = StorageMap<_, Twox64Concat, ProgramId, ProgramOf<T>>;

	/// Programs not yet ended, in creation order.
	#[pallet::storage]
	pub type ActivePrograms<T: Config> =
		StorageValue<_, BoundedVec<ProgramId, T::MaxPrograms>, ValueQuery>;

	/// The next program id.
	#[pallet::storage]
	pub type NextProgramId<T: Config> = StorageValue<_, ProgramId, ValueQuery>;

	/// Who may claim an owner's devices (absent: owner or operator).
	#[pallet::storage]
	pub type ClaimPermissions<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ClaimPermission>;

	/// Each vault's unpaid points: per epoch and class, the points of its devices' unpaid
	/// epochs weighted by the vault's share of each device's route (rounded up, so the value
	/// derived from them never falls short of what settlement pays). Kept as reports arrive, so
	/// a vault's earned but unpaid yield costs O(epochs × classes) to value, not O(devices).
	#[pallet::storage]
	pub type VaultAccruals<T: Config> =
		StorageMap<_, Twox64Concat, VaultId, BoundedVec<VaultEpoch, T::MaxVaultEpochs>>;

	/// Rewards each owner routed to governance stake.
	#[pallet::storage]
	pub type Stakes<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, StakeLedger<BalanceOf<T>, BlockNumberFor<T>>>;

	/// The policy and split at genesis.
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The monetary policy's parameters.
		pub params: ParamsOf<T>,
		/// Each class's share of the devices' emission: compute, connectivity, energy, sensing.
		pub class_shares: PerClass<Perbill>,
		/// The verifiers' share of the devices' emission, taken before the class split.
		pub verifier_share: Perbill,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			GenesisConfig {
				params: Default::default(),
				class_shares: PerClass([Perbill::from_percent(25); 4]),
				verifier_share: Perbill::zero(),
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(T::Policy::check(&self.params).is_ok(), "inconsistent monetary policy");
			assert!(shares_whole(&self.class_shares), "class shares must sum to 100 %");
			PolicyParams::<T>::put(&self.params);
			ClassShares::<T>::put(self.class_shares);
			assert!(self.verifier_share <= T::MaxVerifierShare::get(), "verifier share too high");
			VerifierShare::<T>::put(self.verifier_share);
			// The pot and the treasury exist from the start, so small payments into or out of
			// them never fall below the existential deposit.
			for who in [Pallet::<T>::pot(), T::Treasury::get()] {
				let ed = T::Currency::minimum_balance();
				if T::Currency::balance(&who) < ed {
					let _ = T::Currency::mint_into(&who, ed);
				}
			}
		}
	}

	/// Whether `shares` sum to exactly 100 %.
	pub fn shares_whole(shares: &PerClass<Perbill>) -> bool {
		shares.values().map(|s| u64::from(s.deconstruct())).sum::<u64>()
			== u64::from(Perbill::one().deconstruct())
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An epoch's emission was minted and split across classes.
		EpochFunded {
			/// The epoch.
			epoch: EpochIndex,
			/// Minted for devices and for the treasury.
			minted: atlas_primitives::Emission<BalanceOf<T>>,
			/// Each class's budget (compute, connectivity, energy, sensing).
			class_budgets: PerClass<BalanceOf<T>>,
			/// The verifiers' budget.
			verifier_budget: BalanceOf<T>,
		},
		/// An epoch asked for more than the breaker allows: nothing was minted.
		CircuitBreakerTripped {
			/// The epoch.
			epoch: EpochIndex,
			/// What the policy asked for.
			requested: BalanceOf<T>,
			/// The most the breaker allows.
			limit: BalanceOf<T>,
		},
		/// A device's reward for an epoch was settled (its receipt).
		RewardSettled {
			/// The device.
			device: DeviceId,
			/// The epoch.
			epoch: EpochIndex,
			/// Its class.
			class: DeviceClass,
			/// Its points.
			points: atlas_primitives::Points,
			/// Its class's total points.
			class_total: atlas_primitives::Points,
			/// The ATH it earned.
			amount: BalanceOf<T>,
		},
		/// A settled amount was paid to one leg of a device's route.
		RewardPaid {
			/// The device.
			device: DeviceId,
			/// The leg (after any fallback to the owner).
			beneficiary: atlas_primitives::Beneficiary<T::AccountId>,
			/// The account or vault credited.
			amount: BalanceOf<T>,
		},
		/// A co-use agreement's host share of a device's reward went to its state's community
		/// pool (taken from every leg but a vault's).
		HostSharePaid {
			/// The device.
			device: DeviceId,
			/// Its state, whose pool was paid.
			state: atlas_primitives::StateId,
			/// The amount.
			amount: BalanceOf<T>,
		},
		/// A partner program paid a device's owner.
		AssetRewardPaid {
			/// The device.
			device: DeviceId,
			/// The asset.
			asset: AssetIdOf<T>,
			/// The owner.
			owner: T::AccountId,
			/// The amount minted.
			amount: BalanceOf<T>,
		},
		/// A partner program's settled amount could not be minted to the device's owner (the
		/// asset is frozen, the amount is below its minimum balance, ...) and was waived: ATH
		/// settlement never waits for a partner asset.
		AssetRewardWaived {
			/// The device.
			device: DeviceId,
			/// The asset.
			asset: AssetIdOf<T>,
			/// The owner who could not receive it.
			owner: T::AccountId,
			/// The amount waived.
			amount: BalanceOf<T>,
		},
		/// A device removed by governance forfeited its unpaid epochs; its vault no longer
		/// counts them.
		RewardsForfeited {
			/// The device.
			device: DeviceId,
			/// Unpaid epochs forfeited.
			epochs: u32,
		},
		/// An expired epoch's unclaimed budget went to the treasury.
		RewardsExpired {
			/// The epoch.
			epoch: EpochIndex,
			/// What the treasury received.
			amount: BalanceOf<T>,
		},
		/// The monetary policy's parameters changed.
		PolicyParamsSet {
			/// The new parameters.
			params: ParamsOf<T>,
		},
		/// The class shares changed.
		ClassSharesSet {
			/// The new shares.
			shares: PerClass<Perbill>,
		},
		/// Governance released a halted epoch.
		BreakerResolved {
			/// The epoch.
			epoch: EpochIndex,
			/// What was minted.
			minted: atlas_primitives::Emission<BalanceOf<T>>,
		},
		/// A partner program was created.
		ProgramCreated {
			/// Its id.
			program: ProgramId,
			/// Its sponsor.
			sponsor: T::AccountId,
			/// The asset it pays in.
			asset: AssetIdOf<T>,
			/// The class it rewards.
			class: DeviceClass,
			/// Its budget per epoch.
			per_epoch: BalanceOf<T>,
			/// The first epoch it no longer pays for.
			ends: EpochIndex,
		},
		/// A partner program ended; its deposit was returned.
		ProgramEnded {
			/// Its id.
			program: ProgramId,
		},
		/// An owner changed who may claim their devices.
		ClaimPermissionSet {
			/// The owner.
			owner: T::AccountId,
			/// The new permission.
			permission: ClaimPermission,
		},
		/// Rewards were added to an owner's governance stake.
		Staked {
			/// The owner.
			who: T::AccountId,
			/// The amount added.
			amount: BalanceOf<T>,
		},
		/// Stake started unbonding.
		Unbonding {
			/// The owner.
			who: T::AccountId,
			/// The amount (with any earlier unbonding amount).
			amount: BalanceOf<T>,
			/// When it can be withdrawn.
			unlock_at: BlockNumberFor<T>,
		},
		/// A verifier was paid for its credited observations of an epoch.
		VerifierRewardPaid {
			/// The verifier.
			verifier: T::AccountId,
			/// The epoch.
			epoch: EpochIndex,
			/// Its credited observations.
			credits: u32,
			/// The epoch's credited observations.
			total: u32,
			/// The ATH paid.
			amount: BalanceOf<T>,
		},
		/// The verifiers' share of the devices' emission changed.
		VerifierShareSet {
			/// The new share.
			share: Perbill,
		},
		/// Unbonded stake was unfrozen.
		Withdrawn {
			/// The owner.
			who: T::AccountId,
			/// The amount unfrozen.
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No device has this id.
		DeviceNotFound,
		/// The signer may not claim this device (not its owner or operator, and the owner does
		/// not allow anyone).
		NotAllowedToClaim,
		/// More devices than one claim may settle.
		TooManyDevices,
		/// None of the devices has anything to pay now.
		NothingToClaim,
		/// The devices' unpaid epochs have expired: their rewards went to the treasury.
		RewardsExpired,
		/// The devices' rewards are in epochs halted by the circuit breaker.
		CircuitBreakerTripped,
		/// A device's route does not sum to 100 % (or is otherwise malformed).
		InvalidRoute,
		/// The class shares do not sum to exactly 100 %.
		SharesNotWhole,
		/// The floor rate is above the starting rate.
		FloorAboveStart,
		/// The treasury's boosted share is below its base share.
		BoostBelowBase,
		/// The epoch is not halted.
		EpochNotHalted,
		/// No asset has this id.
		UnknownAsset,
		/// Only the asset's issuer may fund a program in it.
		NotAssetIssuer,
		/// A program needs a budget and a duration.
		EmptyProgram,
		/// A program may pay for at most [`Config::MaxProgramEpochs`] epochs.
		ProgramTooLong,
		/// As many programs as allowed are running.
		TooManyPrograms,
		/// No program has this id.
		ProgramNotFound,
		/// Only the sponsor (or governance) may end a program before it expires.
		NotProgramSponsor,
		/// The signer cannot afford the deposit.
		CannotAffordDeposit,
		/// The amount is zero.
		ZeroAmount,
		/// More than the signer has staked.
		InsufficientStake,
		/// Nothing is unbonding.
		NothingUnbonding,
		/// The unbonding period is not over.
		StillUnbonding,
		/// Every id is taken.
		IdsExhausted,
		/// More epochs than one verifier claim may settle.
		TooManyEpochs,
		/// The verifier share is above [`Config::MaxVerifierShare`].
		VerifierShareTooHigh,
	}

	impl<T> From<atlas_primitives::PolicyError> for Error<T> {
		fn from(e: atlas_primitives::PolicyError) -> Self {
			match e {
				atlas_primitives::PolicyError::FloorAboveStart => Error::FloorAboveStart,
				atlas_primitives::PolicyError::BoostBelowBase => Error::BoostBelowBase,
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			let epoch = NextToFund::<T>::get();
			if !T::Scores::is_closed(epoch) {
				return T::DbWeight::get().reads(3);
			}
			Self::fund(epoch);
			T::WeightInfo::fund_epoch(T::MaxPrograms::get())
		}

		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let check = T::DbWeight::get().reads(2);
			let sweep = T::WeightInfo::sweep_epoch();
			if remaining.any_lt(check.saturating_add(sweep)) {
				return Weight::zero();
			}
			if Self::sweep_oldest() {
				check.saturating_add(sweep)
			} else {
				check
			}
		}

		fn integrity_test() {
			assert!(T::MaxPendingEpochs::get() > 0, "devices need room for unpaid epochs");
			assert!(T::MaxClaimDevices::get() > 0, "a claim needs a device");
			assert!(T::MaxSettlePerClaim::get() > 0, "a claim must settle something");
			assert!(T::BreakerMultiple::get() > 1, "the breaker must allow growth");
			assert!(T::RetentionEpochs::get() > 0, "budgets must be kept for claims");
			assert!(T::MaxVerifierShare::get() < Perbill::one(), "devices must keep a share");
			assert!(
				T::MaxVaultEpochsPerDevice::get() > 0
					&& T::MaxVaultEpochsPerDevice::get() < T::MaxVaultEpochs::get(),
				"one device must not fill a vault"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Settles and pays the rewards of `devices`: every unpaid epoch whose points are past
		/// dispute (at most [`Config::MaxSettlePerClaim`] in one call), paid along each device's
		/// route, and partner assets minted to the owner. The signer must be each device's owner
		/// or operator, or the owner must allow anyone.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::claim_weight(devices.len() as u32, Pallet::<T>::max_entries(devices.len() as u32)))]
		pub fn claim(origin: OriginFor<T>, devices: Vec<DeviceId>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!devices.is_empty(), Error::<T>::NothingToClaim);
			ensure!(devices.len() as u32 <= T::MaxClaimDevices::get(), Error::<T>::TooManyDevices);
			let (settled, told) = Self::do_claim(&who, &devices)?;
			Ok(Some(
				Self::claim_weight(devices.len() as u32, settled)
					.saturating_sub(Self::paid_hook_weight(devices.len() as u32))
					.saturating_add(told),
			)
			.into())
		}

		/// Sets who may claim the signer's devices.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_claim_permission())]
		pub fn set_claim_permission(
			origin: OriginFor<T>,
			permission: ClaimPermission,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			if permission == ClaimPermission::default() {
				ClaimPermissions::<T>::remove(&who);
			} else {
				ClaimPermissions::<T>::insert(&who, permission);
			}
			Self::deposit_event(Event::ClaimPermissionSet { owner: who, permission });
			Ok(())
		}

		/// Sets the monetary policy's parameters, from the next funded epoch on. Governance only.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_policy_params())]
		pub fn set_policy_params(origin: OriginFor<T>, params: ParamsOf<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			T::Policy::check(&params).map_err(Error::<T>::from)?;
			PolicyParams::<T>::put(&params);
			Self::deposit_event(Event::PolicyParamsSet { params });
			Ok(())
		}

		/// Sets each class's share of the devices' emission (compute, connectivity, energy,
		/// sensing), from the next funded epoch on. They must sum to 100 %. Governance only.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_class_shares())]
		pub fn set_class_shares(origin: OriginFor<T>, shares: PerClass<Perbill>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(shares_whole(&shares), Error::<T>::SharesNotWhole);
			ClassShares::<T>::put(shares);
			Self::deposit_event(Event::ClassSharesSet { shares });
			Ok(())
		}

		/// Releases an epoch the circuit breaker halted: mints what the policy asked for if
		/// `full`, else the breaker's limit. Governance only.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::resolve_breaker())]
		pub fn resolve_breaker(
			origin: OriginFor<T>,
			epoch: EpochIndex,
			full: bool,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let budget = Budgets::<T>::get(epoch).ok_or(Error::<T>::EpochNotHalted)?;
			ensure!(budget.halted, Error::<T>::EpochNotHalted);
			let emission = if full {
				budget.requested
			} else {
				Self::capped(budget.requested, Self::breaker_limit(budget.requested))
			};
			let minted = Self::mint(epoch, budget, emission);
			Self::deposit_event(Event::BreakerResolved { epoch, minted });
			Ok(())
		}

		/// Creates a partner program paying `per_epoch` of `asset` to `class`'s devices by
		/// points, for `epochs` epochs from the current one. The signer must be the asset's
		/// issuer (the program mints it) and pays its storage deposit
		/// ([`Config::ProgramConsideration`]).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::create_program())]
		pub fn create_program(
			origin: OriginFor<T>,
			asset: AssetIdOf<T>,
			class: DeviceClass,
			#[pallet::compact] per_epoch: BalanceOf<T>,
			epochs: u32,
		) -> DispatchResult {
			use fungibles::roles::Inspect as _;
			let who = ensure_signed(origin)?;
			ensure!(
				<T::Assets as fungibles::Inspect<_>>::asset_exists(asset.clone()),
				Error::<T>::UnknownAsset
			);
			ensure!(
				T::Assets::issuer(asset.clone()).as_ref() == Some(&who),
				Error::<T>::NotAssetIssuer
			);
			ensure!(!per_epoch.is_zero() && epochs > 0, Error::<T>::EmptyProgram);
			ensure!(epochs <= T::MaxProgramEpochs::get(), Error::<T>::ProgramTooLong);
			let id = NextProgramId::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			let mut active = ActivePrograms::<T>::get();
			active.try_push(id).map_err(|_| Error::<T>::TooManyPrograms)?;
			let ticket = T::ProgramConsideration::new(&who, Self::program_footprint())
				.map_err(|_| Error::<T>::CannotAffordDeposit)?;
			let ends = T::Scores::current_epoch().saturating_add(epochs);
			Programs::<T>::insert(
				id,
				Program {
					sponsor: who.clone(),
					asset: asset.clone(),
					class,
					per_epoch,
					ends,
					ticket,
				},
			);
			ActivePrograms::<T>::put(active);
			NextProgramId::<T>::put(next);
			Self::deposit_event(Event::ProgramCreated {
				program: id,
				sponsor: who,
				asset,
				class,
				per_epoch,
				ends,
			});
			Ok(())
		}

		/// Ends a partner program and returns its deposit: by its sponsor or governance at any
		/// time, by anyone once it has expired. Epochs already funded still pay.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::end_program())]
		pub fn end_program(origin: OriginFor<T>, program: ProgramId) -> DispatchResult {
			// `None`: governance.
			let signer = match T::GovernanceOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			let info = Programs::<T>::get(program).ok_or(Error::<T>::ProgramNotFound)?;
			ensure!(
				signer.is_none_or(|who| who == info.sponsor) || NextToFund::<T>::get() >= info.ends,
				Error::<T>::NotProgramSponsor
			);
			info.ticket.drop(&info.sponsor)?;
			Programs::<T>::remove(program);
			ActivePrograms::<T>::mutate(|a| a.retain(|p| *p != program));
			Self::deposit_event(Event::ProgramEnded { program });
			Ok(())
		}

		/// Starts unbonding `amount` of the signer's reward stake: it stays frozen for
		/// [`Config::StakeUnbonding`] blocks (a later unstake restarts the wait for the sum).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::unstake())]
		pub fn unstake(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut stake = Stakes::<T>::get(&who).unwrap_or_default();
			ensure!(stake.active >= amount, Error::<T>::InsufficientStake);
			stake.active = stake.active.saturating_sub(amount);
			stake.unbonding = stake.unbonding.saturating_add(amount);
			stake.unlock_at =
				frame_system::Pallet::<T>::block_number().saturating_add(T::StakeUnbonding::get());
			Stakes::<T>::insert(&who, stake);
			Self::deposit_event(Event::Unbonding {
				who,
				amount: stake.unbonding,
				unlock_at: stake.unlock_at,
			});
			Ok(())
		}

		/// Pays the signer, a verifier, for its credited observations in `epochs` (at most
		/// [`Config::MaxPendingEpochs`]): each epoch's verifier budget × its credits / the epoch's
		/// credits, once the epoch's observations are all judged. Epochs with nothing to pay are
		/// skipped; the claim fails only if none pays.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::claim_verifier_rewards(epochs.len() as u32))]
		pub fn claim_verifier_rewards(
			origin: OriginFor<T>,
			epochs: Vec<EpochIndex>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!epochs.is_empty(), Error::<T>::NothingToClaim);
			ensure!(epochs.len() as u32 <= T::MaxPendingEpochs::get(), Error::<T>::TooManyEpochs);
			Self::do_claim_verifier(&who, &epochs)?;
			Ok(().into())
		}

		/// Sets the verifiers' share of the devices' emission (taken before the class split),
		/// from the next funded epoch on; at most [`Config::MaxVerifierShare`]. Governance only.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_verifier_share())]
		pub fn set_verifier_share(origin: OriginFor<T>, share: Perbill) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(share <= T::MaxVerifierShare::get(), Error::<T>::VerifierShareTooHigh);
			VerifierShare::<T>::put(share);
			Self::deposit_event(Event::VerifierShareSet { share });
			Ok(())
		}

		/// Unfreezes the signer's unbonded stake once its wait is over.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut stake = Stakes::<T>::get(&who).ok_or(Error::<T>::NothingUnbonding)?;
			ensure!(!stake.unbonding.is_zero(), Error::<T>::NothingUnbonding);
			ensure!(
				frame_system::Pallet::<T>::block_number() >= stake.unlock_at,
				Error::<T>::StillUnbonding
			);
			let amount = stake.unbonding;
			stake.unbonding = Zero::zero();
			Self::set_stake(&who, stake)?;
			Self::deposit_event(Event::Withdrawn { who, amount });
			Ok(())
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// What `verifier` can claim now for its credited observations, per epoch (epochs still
		/// being judged are not listed).
		pub fn verifier_rewards(verifier: T::AccountId) -> Vec<(EpochIndex, BalanceOf<T>)> {
			Self::verifier_rewards_of(&verifier)
		}

		/// What `device` can claim now, what is still maturing, and its unpaid epochs.
		pub fn pending_rewards(device: DeviceId) -> PendingRewards<AssetIdOf<T>, BalanceOf<T>> {
			Self::pending_of(device)
		}

		/// What one page of `owner`'s devices (up to `limit`, at most 100, after `cursor`) can
		/// claim now and what is maturing, with each device's pending rewards.
		pub fn pending_rewards_of_owner(
			owner: T::AccountId,
			cursor: Option<DeviceId>,
			limit: u32,
		) -> atlas_primitives::OwnerRewards<BalanceOf<T>, PendingRewards<AssetIdOf<T>, BalanceOf<T>>>
		{
			Self::owner_rewards(&owner, cursor, limit)
		}

		/// `device`'s reward receipt for `epoch`, computed by the code that pays it (`None` if
		/// it did not report, was paid already or the budget has expired).
		pub fn reward_receipt(
			device: DeviceId,
			epoch: EpochIndex,
		) -> Option<Receipt<AssetIdOf<T>, BalanceOf<T>>> {
			Self::receipt(device, epoch)
		}

		/// An epoch's emission and its split (`None` before it is funded or once expired).
		pub fn epoch_budget(epoch: EpochIndex) -> Option<EpochBudgetOf<T>> {
			Budgets::<T>::get(epoch)
		}

		/// What `vault`'s devices earned for it and were not paid yet (see [`VaultAccruals`]):
		/// certain, and maturing.
		pub fn vault_yield(vault: VaultId) -> atlas_primitives::UnpaidYield<BalanceOf<T>> {
			Self::vault_unpaid(vault)
		}

		/// Minted, paid and swept so far.
		pub fn emission_totals() -> Totals<BalanceOf<T>> {
			EmissionTotals::<T>::get()
		}

		/// The account of `state`'s community pool.
		pub fn community_pool(state: StateId) -> T::AccountId {
			Self::pool(state)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The pot holding minted, unpaid rewards.
		pub fn pot() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// The community pool of `state`.
		pub fn pool(state: StateId) -> T::AccountId {
			T::PalletId::get().into_sub_account_truncating((b"pool", state))
		}

		/// What a partner program takes in storage: the footprint its deposit
		/// ([`Config::ProgramConsideration`]) prices. One item, the program, plus the bytes of
		/// its id in the active list ([`ActivePrograms`], an item that exists already).
		pub fn program_footprint() -> Footprint {
			let bytes =
				ProgramOf::<T>::max_encoded_len().saturating_add(ProgramId::max_encoded_len());
			Footprint::from_parts(1, bytes)
		}

		/// The most entries a claim of `devices` devices may settle.
		pub fn max_entries(devices: u32) -> u32 {
			devices.saturating_mul(T::MaxPendingEpochs::get()).min(T::MaxSettlePerClaim::get())
		}

		/// The weight of a claim of `devices` devices settling `entries` epoch entries.
		pub fn claim_weight(devices: u32, entries: u32) -> Weight {
			T::WeightInfo::claim(devices)
				.saturating_add(T::WeightInfo::claim_entries(entries))
				.saturating_add(Self::paid_hook_weight(devices))
		}

		/// The most telling [`Config::OnRewardPaid`] of `devices` payments and looking up their
		/// co-use terms can cost.
		pub fn paid_hook_weight(devices: u32) -> Weight {
			<T::OnRewardPaid as atlas_primitives::OnRewardPaid<BalanceOf<T>>>::max_weight()
				.saturating_add(<T::CoUse as atlas_primitives::CoUseTerms>::weight())
				.saturating_mul(devices.into())
		}

		/// Sets `who`'s stake ledger and its freeze.
		pub(crate) fn set_stake(
			who: &T::AccountId,
			stake: StakeLedger<BalanceOf<T>, BlockNumberFor<T>>,
		) -> DispatchResult {
			let frozen = stake.active.saturating_add(stake.unbonding);
			let reason = FreezeReason::RewardStake.into();
			if frozen.is_zero() {
				T::Currency::thaw(&reason, who)?;
				Stakes::<T>::remove(who);
			} else {
				T::Currency::set_freeze(&reason, who, frozen)?;
				Stakes::<T>::insert(who, stake);
			}
			Ok(())
		}
	}
}
