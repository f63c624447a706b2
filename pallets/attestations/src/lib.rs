//! # Attestations
//!
//! Epochs, device-signed reports, verifier observations with a quorum median, challenges, and
//! the per-epoch scores rewards are computed from ([`atlas_primitives::EpochScores`]).
//!
//! ## Epochs
//! Epoch `e` covers blocks `[e·L, (e+1)·L)` where `L` is [`EpochLength`] (set at genesis: an
//! hour on a live chain, a few blocks on a dev chain). Reports and observations of epoch `e` are
//! accepted from its first block until [`SubmissionGrace`] blocks after its end, when the epoch
//! closes (in `on_initialize`, O(device classes): every total is kept current as reports and
//! observations arrive).
//!
//! ## Reports
//! An operator (or the owner) submits many devices' reports in one extrinsic, each signed by the
//! device's own key over [`atlas_primitives::report_payload`] (which includes the genesis hash).
//! A report is accepted once per device and epoch, for an active device of an active state, while
//! the epoch is open and within physical bounds. **A batch is atomic**: if one report is bad the
//! call fails with [`Error::BadReport`] naming the report's index and the reason, and nothing of
//! the batch is kept, so an operator's tooling drops that report and resubmits the rest; no
//! report is ever half-applied.
//!
//! ## Physical bounds
//! A report is checked against its device's spec, which the registry only accepts within the
//! maxima of the device's approved hardware model, over the part of the epoch the device was
//! active: from its last activation (or the epoch's start) to the epoch's end. A device
//! activated after the epoch ended cannot report it ([`ReportError::NotActiveInEpoch`]).
//! Governance may require a maker certificate per class ([`Pallet::set_maker_requirement`]).
//!
//! ## Verifiers: an independent, randomly assigned pool
//! Any account joins the chain-wide pool with a bond of at least [`Config::MinVerifierBond`];
//! each epoch each device is assigned [`Config::VerifiersPerDevice`] verifiers drawn with a seed
//! no single party controls: the verifiers' commit–reveal beacon ([`Pallet::commit_beacon`]
//! once, [`Pallet::reveal_beacon`] every epoch served, a missed reveal slashed) mixed with the
//! chain of block hashes (see the `pool` module for the draw and the `beacon` module for the
//! seed and what biasing it costs). Only assigned verifiers that are not the device's owner, operator, state admin or
//! steward may attest, with what they observed of every metric (the probe protocol of
//! [`atlas_primitives::probe`] says how). The verified value is the median of a majority quorum:
//! see the `verification` module. Once an epoch is final, `on_idle` judges its observations
//! (anyone may judge a device's sooner with [`Pallet::judge_observations`]): outliers are
//! slashed, and every observation within the tolerance of a quorum on a device that earned
//! points (and was not ruled fraudulent) earns its verifier a credit. When the epoch is judged ([`Event::EpochJudged`]) its credits
//! are final and rewards pays its verifier share of the epoch's emission pro rata to them
//! ([`atlas_primitives::VerifierCredits`]). A verifier leaves with [`Pallet::leave_pool`] and
//! unbonds once its last epoch is final and all its observations are judged.
//!
//! ## Challenges
//! Anyone but the device's owner, operator, state admin and stewards may challenge an accepted
//! report until [`ChallengeWindow`] blocks after its epoch closed, holding
//! [`Config::ChallengeBond`] and naming the hash of its evidence; up to
//! [`Config::MaxChallengers`] may stand against one report, so whoever comes first (an owner's
//! accomplice, a front-runner) keeps nobody out. Governance resolves the report's challenges
//! within [`Config::ResolutionPeriod`] blocks after the window; unresolved by then they count as
//! honest (anyone may close them, and pruning does), so an open challenge delays settlement and
//! pruning by a bounded time only. If the report was fraudulent the device's points are zeroed,
//! the challengers' bonds are returned and the owner is fined in proportion to the reward at
//! stake: [`Config::FraudPenalty`] times what the report would have earned
//! ([`atlas_primitives::RewardValue`]), at least [`Config::FraudSlash`] of the device's deposit,
//! taken from the deposit (through [`atlas_primitives::DeviceRegistry`]) and then from the
//! owner's free balance. [`Config::WinnersShare`] of what was collected pays the challengers in
//! equal parts, the rest goes to [`Config::OnSlash`]: an owner whose accomplices fill every
//! challenger slot still loses the reward and the rest of the fine. Otherwise
//! [`Config::WinnersShare`] of each challenger's bond pays the device's owner and the rest goes
//! to [`Config::OnSlash`], so challenging one's own report to keep others out costs the
//! accomplice too.
//! An epoch is final once closed, its challenge window is over and no challenge is open. Rewards
//! pay a device's points once the window is over and no challenge of *its* report is open
//! ([`atlas_primitives::EpochScores::is_settleable`]): a dispute delays only the disputed device.
//! Every accepted report is told to rewards ([`Config::OnReport`]), which may refuse it when the
//! device has too many unpaid epochs ([`ReportError::UnpaidBacklog`]).
//!
//! ## Retention
//! Records of epochs older than [`Config::RetentionEpochs`] (final and judged) are pruned in
//! `on_idle`, within the block's leftover weight, after judging.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod beacon;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod challenges;
mod impl_scores;
#[cfg(test)]
mod mock;
mod pool;
mod state_cap;
#[cfg(test)]
mod tests;
pub mod types;
mod verification;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::{collections::btree_map::BTreeMap, vec::Vec};
	use atlas_primitives::{
		report_payload, DeviceClass, DeviceId, DeviceRegistry, DeviceSignature, DeviceStatus,
		EpochIndex, Metrics, OnDelivery, OnReport, PerClass, Points, RewardValue, Role,
		RoleProvider, StateId,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, Inspect, Mutate, MutateHold},
			OnUnbalanced,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{Saturating, UniqueSaturatedInto, Zero},
		Perbill,
	};

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// Funds taken from a slashed bond.
	pub type CreditOf<T> =
		fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

	/// Stored observations of one device in one epoch.
	pub type ObservationsOf<T> = BoundedVec<
		Observation<<T as frame_system::Config>::AccountId>,
		<T as Config>::VerifiersPerDevice,
	>;

	/// The challenges standing against one report.
	pub type ChallengesOf<T> = BoundedVec<
		Challenge<<T as frame_system::Config>::AccountId, BalanceOf<T>>,
		<T as Config>::MaxChallengers,
	>;

	/// One device's signed report in a batch.
	#[derive(Encode, Decode, DecodeWithMemTracking, TypeInfo, Clone, PartialEq, Eq, Debug)]
	pub struct SignedReport {
		/// The device.
		pub device: DeviceId,
		/// What it delivered in the epoch.
		pub metrics: Metrics,
		/// The device key's signature of [`atlas_primitives::report_payload`].
		pub signature: DeviceSignature,
	}

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the attestations pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency bonds are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>
			+ fungible::BalancedHold<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Network states and roles.
		type Roles: RoleProvider<Self::AccountId>;

		/// The registered devices.
		type Devices: DeviceRegistry<Self::AccountId, BalanceOf<Self>>;

		/// Sets scoring parameters and resolves challenges.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives what is slashed from verifier bonds.
		type OnSlash: OnUnbalanced<CreditOf<Self>>;

		/// Seconds per block: with the epoch length, the epoch's duration for physical bounds.
		#[pallet::constant]
		type SecondsPerBlock: Get<u32>;

		/// Verifiers drawn for each device each epoch; a majority of them is a quorum.
		#[pallet::constant]
		type VerifiersPerDevice: Get<u32>;

		/// Most verifiers in the pool.
		#[pallet::constant]
		type MaxVerifiers: Get<u32>;

		/// Most reports or observations in one call.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// Most network states whose devices one batch of reports may hold: each costs reads
		/// and writes the batch is charged for up front.
		#[pallet::constant]
		type MaxStatesPerBatch: Get<u32>;

		/// The share of its uptime points a report keeps without a verifier quorum (its output
		/// earns nothing unverified).
		#[pallet::constant]
		type UnverifiedDiscount: Get<Perbill>;

		/// The least bond a verifier needs to attest.
		#[pallet::constant]
		type MinVerifierBond: Get<BalanceOf<Self>>;

		/// How far from the median (a share of the epoch's duration) an observation may be.
		#[pallet::constant]
		type OutlierTolerance: Get<Perbill>;

		/// The share of its bond an outlying verifier loses.
		#[pallet::constant]
		type OutlierSlash: Get<Perbill>;

		/// The share of its bond a verifier loses for each epoch it served without revealing
		/// its beacon value (see the `beacon` module).
		#[pallet::constant]
		type MissedRevealSlash: Get<Perbill>;

		/// The bond a challenger holds.
		#[pallet::constant]
		type ChallengeBond: Get<BalanceOf<Self>>;

		/// The least share of a fraudulent device's deposit its owner is fined.
		#[pallet::constant]
		type FraudSlash: Get<Perbill>;

		/// How many times the reward a fraudulent report would have earned its owner is fined
		/// (at least [`Config::FraudSlash`] of the device's deposit): from the deposit first,
		/// then from the owner's free balance.
		#[pallet::constant]
		type FraudPenalty: Get<u32>;

		/// The winners' share of what a ruling takes from the losers: of a fraud fine collected,
		/// paid to the report's challengers in equal parts; of the bonds of a failed challenge,
		/// paid to the device's owner. The rest goes to [`Config::OnSlash`], so neither an
		/// owner's accomplice who challenges first nor one who squats the challenger slots can
		/// hand everything back.
		#[pallet::constant]
		type WinnersShare: Get<Perbill>;

		/// Most challengers standing against one report.
		#[pallet::constant]
		type MaxChallengers: Get<u32>;

		/// What points are worth: the reward a fraudulent report would have earned.
		type Rewards: RewardValue<BalanceOf<Self>>;

		/// Blocks after an epoch's challenge window during which governance may still resolve
		/// its challenges; a challenge unresolved by then counts as honest.
		#[pallet::constant]
		type ResolutionPeriod: Get<u32>;

		/// Epochs kept before their records are pruned.
		#[pallet::constant]
		type RetentionEpochs: Get<u32>;

		/// Told of each accepted report (rewards keeps each device's unpaid epochs); may refuse
		/// it.
		type OnReport: OnReport;

		/// Told of each device's verified delivery as it is accepted and as it changes (the
		/// registry keeps deployment and blueprint KPIs).
		type OnDelivery: OnDelivery;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A verifier's bond.
		VerifierBond,
		/// A challenger's bond.
		ChallengeBond,
	}

	/// Blocks per epoch (set at genesis).
	#[pallet::storage]
	pub type EpochLength<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Blocks after an epoch ends during which its reports are still accepted (set at genesis).
	#[pallet::storage]
	pub type SubmissionGrace<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Blocks after an epoch closes during which its reports can be challenged (set at
	/// genesis).
	#[pallet::storage]
	pub type ChallengeWindow<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The next epoch to close.
	#[pallet::storage]
	pub type NextToClose<T: Config> = StorageValue<_, EpochIndex, ValueQuery>;

	/// The oldest epoch whose records are kept.
	#[pallet::storage]
	pub type OldestEpoch<T: Config> = StorageValue<_, EpochIndex, ValueQuery>;

	/// Per-epoch summaries: class totals, closed flag, open challenges.
	#[pallet::storage]
	pub type Epochs<T: Config> = StorageMap<_, Twox64Concat, EpochIndex, EpochSummary, ValueQuery>;

	/// Each device's record per epoch.
	#[pallet::storage]
	pub type Reports<T: Config> =
		StorageDoubleMap<_, Twox64Concat, EpochIndex, Twox64Concat, DeviceId, DeviceRecord>;

	/// Verifiers' observations per epoch and device.
	#[pallet::storage]
	pub type Observations<T: Config> =
		StorageDoubleMap<_, Twox64Concat, EpochIndex, Twox64Concat, DeviceId, ObservationsOf<T>>;

	/// The verifier pool: each verifier's bond, slot and tenure.
	#[pallet::storage]
	pub type Bonds<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, VerifierBond<BalanceOf<T>>>;

	/// Who holds each pool slot.
	#[pallet::storage]
	pub type Slots<T: Config> = StorageMap<_, Twox64Concat, u32, SlotHolders<T::AccountId>>;

	/// Pool slots ever allocated (at most `MaxVerifiers`).
	#[pallet::storage]
	pub type SlotCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Slots whose verifier left, for the next verifier to bond.
	#[pallet::storage]
	pub type VacantSlots<T: Config> = StorageValue<_, BoundedVec<u32, T::MaxVerifiers>, ValueQuery>;

	/// Each block's parent hash chained into one value: part of the seed two epochs on.
	#[pallet::storage]
	pub type RandomAccumulator<T: Config> = StorageValue<_, sp_core::H256, ValueQuery>;

	/// The chain of block hashes at the current epoch's first block: with the epoch's reveals,
	/// the next epoch's seed.
	#[pallet::storage]
	pub type EpochStartAccumulator<T: Config> = StorageValue<_, sp_core::H256, ValueQuery>;

	/// The XOR of the beacon values verifiers revealed in the current epoch.
	#[pallet::storage]
	pub type BeaconMix<T: Config> = StorageValue<_, sp_core::H256, ValueQuery>;

	/// Each verifier's beacon commitment: what its next reveal must hash to.
	#[pallet::storage]
	pub type Beacons<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BeaconCommitment>;

	/// What each epoch's verifier assignment is drawn from (set at its first block).
	#[pallet::storage]
	pub type EpochDraws<T: Config> = StorageMap<_, Twox64Concat, EpochIndex, Draw>;

	/// Unattested observations each verifier still has to be judged on.
	#[pallet::storage]
	pub type PendingJudgements<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Classes whose devices earn only with a maker certificate.
	#[pallet::storage]
	pub type MakerRequired<T: Config> = StorageMap<_, Twox64Concat, DeviceClass, bool, ValueQuery>;

	/// The oldest epoch whose observations are not all judged yet.
	#[pallet::storage]
	pub type NextToJudge<T: Config> = StorageValue<_, EpochIndex, ValueQuery>;

	/// Credited observations per epoch and verifier, until rewards pays them (or the epoch is
	/// pruned).
	#[pallet::storage]
	pub type Credits<T: Config> =
		StorageDoubleMap<_, Twox64Concat, EpochIndex, Blake2_128Concat, T::AccountId, u32>;

	/// Each device's trailing verified points, which cap its verified points (see
	/// [`ScoringParams`]); kept from its first judged, verified epoch on.
	#[pallet::storage]
	pub type Trailing<T: Config> = StorageMap<_, Twox64Concat, DeviceId, TrailingPoints>;

	/// Open challenges per epoch and device: everyone standing against the report.
	#[pallet::storage]
	pub type Challenges<T: Config> =
		StorageDoubleMap<_, Twox64Concat, EpochIndex, Twox64Concat, DeviceId, ChallengesOf<T>>;

	/// How many of each device's reports stand challenged (entries of [`Challenges`]).
	#[pallet::storage]
	pub type ChallengedReports<T: Config> = StorageMap<_, Twox64Concat, DeviceId, u32>;

	/// The most a single state's unverified reports may earn of a class per epoch, as a share
	/// of the class's points in the previous epoch (none: not capped). See the `state_cap`
	/// module.
	#[pallet::storage]
	pub type StateShareCap<T: Config> = StorageMap<_, Twox64Concat, DeviceClass, Perbill>;

	/// What each state's unverified reports took of their per-class allowance, per epoch.
	#[pallet::storage]
	pub type StateUnverified<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EpochIndex,
		Twox64Concat,
		StateId,
		PerClass<Points>,
		ValueQuery,
	>;

	/// Scoring parameters per class (defaults: [`ScoringParams::default_for`]).
	#[pallet::storage]
	pub type ClassParams<T: Config> = StorageMap<_, Twox64Concat, DeviceClass, ScoringParams>;

	/// Epoch timing at genesis. Defaults: an hour of 6-second blocks, six minutes of grace.
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// Blocks per epoch.
		pub epoch_length: u32,
		/// Blocks after an epoch's end during which its reports are still accepted.
		pub submission_grace: u32,
		/// Blocks after an epoch closes during which its reports can be challenged.
		pub challenge_window: u32,
		/// Scoring parameters of classes that do not use [`ScoringParams::default_for`].
		pub class_params: Vec<(DeviceClass, ScoringParams)>,
		/// Binds the config to the runtime.
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			GenesisConfig {
				epoch_length: 600,
				submission_grace: 60,
				challenge_window: 1_200,
				class_params: Vec::new(),
				_config: Default::default(),
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(self.epoch_length > 0, "epoch_length must be positive");
			assert!(self.submission_grace < self.epoch_length, "grace must be below epoch_length");
			EpochLength::<T>::put(self.epoch_length);
			SubmissionGrace::<T>::put(self.submission_grace);
			ChallengeWindow::<T>::put(self.challenge_window);
			for (class, params) in &self.class_params {
				assert!(params.is_valid(), "minimum uptime above bonus uptime");
				ClassParams::<T>::insert(class, params);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A batch of reports was accepted.
		ReportsAccepted {
			/// Who submitted it.
			submitter: T::AccountId,
			/// The epoch.
			epoch: EpochIndex,
			/// Reports in the batch.
			count: u32,
			/// Points they earned so far.
			points: Points,
		},
		/// A batch of observations was accepted.
		ObservationsAccepted {
			/// The verifier.
			verifier: T::AccountId,
			/// The epoch.
			epoch: EpochIndex,
			/// Observations in the batch.
			count: u32,
		},
		/// An epoch closed; its totals are fixed.
		EpochClosed {
			/// The epoch.
			epoch: EpochIndex,
			/// Points and reporting devices per class, in `DeviceClass::ALL` order.
			totals: PerClass<ClassTotal>,
		},
		/// A verifier bonded (or added to its bond).
		Bonded {
			/// The verifier.
			verifier: T::AccountId,
			/// Its whole bond now.
			total: BalanceOf<T>,
		},
		/// A verifier asked to leave the pool: it serves through `last_epoch`.
		LeftPool {
			/// The verifier.
			verifier: T::AccountId,
			/// The last epoch it serves.
			last_epoch: EpochIndex,
		},
		/// A verifier withdrew its bond.
		Unbonded {
			/// The verifier.
			verifier: T::AccountId,
			/// The amount released.
			amount: BalanceOf<T>,
		},
		/// A device's observations were judged against their median.
		ObservationsJudged {
			/// The epoch.
			epoch: EpochIndex,
			/// The device.
			device: DeviceId,
			/// Verifiers slashed as outliers.
			outliers: u32,
			/// Observations credited to their verifiers.
			credited: u32,
		},
		/// A verifier lost part of its bond.
		VerifierSlashed {
			/// The verifier.
			verifier: T::AccountId,
			/// The amount taken.
			amount: BalanceOf<T>,
		},
		/// A report was challenged (by one more challenger, if others stand already).
		ChallengeOpened {
			/// The epoch.
			epoch: EpochIndex,
			/// The device.
			device: DeviceId,
			/// The challenger.
			challenger: T::AccountId,
			/// The hash of its evidence.
			evidence: sp_core::H256,
		},
		/// Governance resolved a challenge.
		ChallengeResolved {
			/// The epoch.
			epoch: EpochIndex,
			/// The device.
			device: DeviceId,
			/// Whether the report was fraudulent.
			fraudulent: bool,
			/// What the owner was fined (fraudulent), or the challengers' bonds it was paid
			/// (honest).
			fined: BalanceOf<T>,
			/// What the winners were paid: the challengers' bounty out of the fine, or the bonds
			/// paid to the owner.
			paid: BalanceOf<T>,
		},
		/// Governance set a class's scoring parameters.
		ClassParamsSet {
			/// The class.
			class: DeviceClass,
			/// The parameters.
			params: ScoringParams,
		},
		/// Governance set whether a class's devices earn only with a maker certificate.
		MakerRequirementSet {
			/// The class.
			class: DeviceClass,
			/// Whether a certificate is required.
			required: bool,
		},
		/// Governance set (or lifted, with `None`) the per-state share cap of a class.
		StateShareCapSet {
			/// The class.
			class: DeviceClass,
			/// The most one state's unverified reports may earn, as a share of the class's
			/// points in the previous epoch.
			cap: Option<Perbill>,
		},
		/// Every observation of an epoch was judged: its verifier credits are final.
		EpochJudged {
			/// The epoch.
			epoch: EpochIndex,
			/// Observations credited to their verifiers.
			credits: u32,
		},
		/// A verifier committed to its beacon values.
		BeaconCommitted {
			/// The verifier.
			verifier: T::AccountId,
			/// The epoch it committed in: its first reveal is due in the next.
			epoch: EpochIndex,
			/// Reveals it owed under its previous commitment and was slashed for.
			missed: u32,
		},
		/// A verifier revealed its beacon value for an epoch.
		BeaconRevealed {
			/// The verifier.
			verifier: T::AccountId,
			/// The epoch.
			epoch: EpochIndex,
			/// Earlier reveals it missed and was slashed for.
			missed: u32,
		},
		/// An old epoch's records were pruned.
		EpochPruned {
			/// The epoch.
			epoch: EpochIndex,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The epoch is not open for reports or observations (not started yet, or closed).
		EpochNotOpen,
		/// The batch is empty.
		EmptyBatch,
		/// The batch has more than `MaxBatch` items.
		BatchTooLarge,
		/// A report of the batch was refused: `index` is its position, `reason` why.
		BadReport {
			/// Position of the report in the batch.
			index: u16,
			/// Why it was refused.
			reason: ReportError,
		},
		/// An observation of the batch was refused: `index` is its position, `reason` why.
		BadObservation {
			/// Position of the observation in the batch.
			index: u16,
			/// Why it was refused.
			reason: ObservationError,
		},
		/// The signer has no verifier bond.
		NotBonded,
		/// The bond is below `MinVerifierBond`.
		BondTooSmall,
		/// The bond cannot be withdrawn before the last epoch it attested in is final.
		BondLocked,
		/// The signer cannot afford the bond (it must stay above the existential deposit).
		CannotAffordBond,
		/// The epoch is not final yet: closed, its challenge window over and no challenge open
		/// (or its resolution period over).
		EpochNotFinal,
		/// The device has no observations left to judge in this epoch.
		NothingToJudge,
		/// The device did not report in this epoch.
		ReportNotFound,
		/// The challenge window of this epoch is over.
		ChallengeWindowOver,
		/// The signer already challenges this report.
		AlreadyChallenging,
		/// `MaxChallengers` already stand against this report.
		TooManyChallengers,
		/// No challenge of this report is open.
		ChallengeNotFound,
		/// The minimum uptime is above the bonus uptime.
		InvalidParams,
		/// The pool has `MaxVerifiers` verifiers.
		PoolFull,
		/// The verifier already asked to leave the pool.
		AlreadyLeaving,
		/// The verifier still serves in the pool: leave first, and wait for the last epoch it
		/// serves to close.
		StillServing,
		/// The verifier has observations not judged yet (`on_idle` judges them once their epoch
		/// closed; anyone may call `judge_observations` sooner).
		ObservationsNotJudged,
		/// The verifier does not serve in the pool in this epoch.
		NotInPool,
		/// The owner, operator, or an admin or steward of the device's state cannot challenge
		/// its report.
		CannotChallengeOwnDevice,
		/// The period in which governance may resolve this challenge is over (it counts as
		/// honest; anyone may close it with `expire_challenge`).
		ResolutionPeriodOver,
		/// The challenge may still be resolved by governance.
		ResolutionPeriodNotOver,
		/// The verifier has not committed to beacon values.
		BeaconNotCommitted,
		/// The commitment was made in this epoch: its first reveal is due in the next.
		BeaconTooRecent,
		/// The verifier already revealed its beacon value for this epoch.
		AlreadyRevealed,
		/// The value does not hash to the verifier's commitment.
		BeaconMismatch,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let now: u32 = n.unique_saturated_into();
			let drawn = Self::accumulate_randomness(now);
			let epoch = NextToClose::<T>::get();
			let closing = if now >= Self::closes_at(epoch) {
				Self::close(epoch);
				T::WeightInfo::close_epoch()
			} else {
				T::DbWeight::get().reads(3)
			};
			closing.saturating_add(drawn)
		}

		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let used = Self::judge_closed(remaining);
			used.saturating_add(Self::prune(remaining.saturating_sub(used)))
		}

		fn integrity_test() {
			assert!(T::VerifiersPerDevice::get() > 0, "VerifiersPerDevice must be positive");
			assert!(
				T::VerifiersPerDevice::get() <= T::MaxVerifiers::get(),
				"VerifiersPerDevice above MaxVerifiers"
			);
			assert!(T::MaxBatch::get() > 0 && T::MaxBatch::get() <= u16::MAX as u32 + 1);
			assert!(T::SecondsPerBlock::get() > 0, "SecondsPerBlock must be positive");
			assert!(T::RetentionEpochs::get() > 0, "RetentionEpochs must be positive");
			assert!(T::MaxChallengers::get() > 0, "MaxChallengers must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Submits device-signed reports for `epoch`: the signer must be each device's owner or
		/// operator. Atomic: one bad report refuses the batch with [`Error::BadReport`].
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::reports_weight(reports.len() as u32, reports.len() as u32)
			.saturating_add(Pallet::<T>::ecdsa_weight(reports)))]
		pub fn submit_reports(
			origin: OriginFor<T>,
			epoch: EpochIndex,
			reports: Vec<SignedReport>,
		) -> DispatchResultWithPostInfo {
			let submitter = ensure_signed(origin)?;
			ensure!(!reports.is_empty(), Error::<T>::EmptyBatch);
			ensure!(reports.len() as u32 <= T::MaxBatch::get(), Error::<T>::BatchTooLarge);
			ensure!(Self::is_open(epoch), Error::<T>::EpochNotOpen);
			let secs = Self::epoch_secs();
			let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
			let mut summary = Epochs::<T>::get(epoch);
			let mut states: BTreeMap<StateId, bool> = BTreeMap::new();
			// Per state, whether the submitter holds the Operator role there.
			let mut operators: BTreeMap<StateId, bool> = BTreeMap::new();
			let mut points_sum: Points = 0;
			// Reports of devices paying a vault cost rewards more (charged up front, refunded).
			let mut to_vaults = 0u32;
			let mut params: BTreeMap<DeviceClass, (ScoringParams, bool)> = BTreeMap::new();
			// Per class, the per-state allowance of unverified points; per state, what it used.
			let mut allowances: BTreeMap<DeviceClass, Option<Points>> = BTreeMap::new();
			let mut unverified: BTreeMap<StateId, PerClass<Points>> = BTreeMap::new();
			let mut delivery_weight = Weight::zero();
			for (i, report) in reports.iter().enumerate() {
				let bad = |reason| Error::<T>::BadReport { index: i as u16, reason };
				let device =
					T::Devices::device(report.device).ok_or(bad(ReportError::UnknownDevice))?;
				ensure!(device.status == DeviceStatus::Active, bad(ReportError::InactiveDevice));
				let active = *states
					.entry(device.state)
					.or_insert_with(|| T::Roles::is_state_active(device.state));
				ensure!(active, bad(ReportError::StateSuspended));
				ensure!(
					states.len() as u32 <= T::MaxStatesPerBatch::get(),
					bad(ReportError::TooManyStates)
				);
				// An operator reports only while its state still names it one: a revoked
				// operator keeps the device's record but loses the right.
				let operates = device.operator.as_ref() == Some(&submitter)
					&& *operators.entry(device.state).or_insert_with(|| {
						T::Roles::has_role(device.state, &submitter, Role::Operator)
					});
				ensure!(device.owner == submitter || operates, bad(ReportError::NotOperator));
				ensure!(
					!Reports::<T>::contains_key(epoch, report.device),
					bad(ReportError::Duplicate)
				);
				let class = device.spec.class();
				let (p, maker_required) = *params
					.entry(class)
					.or_insert_with(|| (Self::params(class), MakerRequired::<T>::get(class)));
				ensure!(
					device.maker_attested || !maker_required,
					bad(ReportError::NotMakerAttested)
				);
				// Only the part of the epoch the device was active in can be reported.
				let active_secs = Self::active_secs(epoch, device.active_since);
				ensure!(active_secs > 0, bad(ReportError::NotActiveInEpoch));
				report
					.metrics
					.check_bounds(&device.spec, active_secs)
					.map_err(|v| bad(ReportError::from(v)))?;
				let payload = report_payload(&genesis, report.device, epoch, &report.metrics);
				ensure!(
					device.key.verify(&payload, &report.signature),
					bad(ReportError::BadSignature)
				);

				let observations = Observations::<T>::get(epoch, report.device).unwrap_or_default();
				let adjust = Self::adjustment(
					epoch,
					report.device,
					device.active_since,
					class,
					&p,
					observations.len(),
				);
				let mut record =
					Self::evaluate(class, report.metrics, &observations, &p, secs, adjust);
				if !record.quorum && record.points > 0 {
					let allowance = *allowances
						.entry(class)
						.or_insert_with(|| Self::state_allowance(epoch, class));
					if allowance.is_some() {
						let used = unverified
							.entry(device.state)
							.or_insert_with(|| StateUnverified::<T>::get(epoch, device.state));
						Self::retake(&mut record, allowance, &mut used[class]);
					}
				}
				ensure!(
					T::OnReport::can_take(report.device, epoch, record.points, device.vault),
					bad(ReportError::UnpaidBacklog)
				);
				let total = summary.class_mut(class);
				total.points = total.points.saturating_add(record.points);
				total.devices.saturating_inc();
				points_sum = points_sum.saturating_add(record.points);
				T::OnReport::on_report(report.device, epoch, class, record.points, device.vault);
				if device.vault.is_some() {
					to_vaults.saturating_inc();
				}
				delivery_weight.saturating_accrue(T::OnDelivery::on_delivery(
					report.device,
					epoch,
					None,
					&record.delivery(secs),
				));
				Reports::<T>::insert(epoch, report.device, record);
			}
			Epochs::<T>::insert(epoch, summary);
			for (state, used) in unverified {
				StateUnverified::<T>::insert(epoch, state, used);
			}
			Self::deposit_event(Event::ReportsAccepted {
				submitter,
				epoch,
				count: reports.len() as u32,
				points: points_sum,
			});
			Ok(Some(
				Self::reports_weight(reports.len() as u32, to_vaults)
					.saturating_sub(Self::deliveries_weight(reports.len() as u32))
					.saturating_add(delivery_weight),
			)
			.into())
		}

		/// Records what a verifier of the pool observed of devices in `epoch`. The verifier must
		/// serve in the pool in `epoch`, be one of each device's assigned verifiers, and be none
		/// of its owner, operator, state admin or stewards. Atomic: one bad observation refuses
		/// the batch with [`Error::BadObservation`].
		#[pallet::call_index(1)]
		#[pallet::weight(Pallet::<T>::observations_weight(observations.len() as u32, observations.len() as u32))]
		pub fn attest(
			origin: OriginFor<T>,
			epoch: EpochIndex,
			observations: Vec<(DeviceId, Observed)>,
		) -> DispatchResultWithPostInfo {
			let verifier = ensure_signed(origin)?;
			ensure!(!observations.is_empty(), Error::<T>::EmptyBatch);
			ensure!(observations.len() as u32 <= T::MaxBatch::get(), Error::<T>::BatchTooLarge);
			let mut bond = Bonds::<T>::get(&verifier).ok_or(Error::<T>::NotBonded)?;
			ensure!(bond.amount >= T::MinVerifierBond::get(), Error::<T>::BondTooSmall);
			ensure!(Self::is_open(epoch), Error::<T>::EpochNotOpen);
			ensure!(bond.serves_in(epoch), Error::<T>::NotInPool);
			let draw = EpochDraws::<T>::get(epoch).ok_or(Error::<T>::NotInPool)?;
			let secs = Self::epoch_secs();
			let mut summary = Epochs::<T>::get(epoch);
			let mut to_vaults = 0u32;
			let mut delivery_weight = Weight::zero();
			let mut allowances: BTreeMap<DeviceClass, Option<Points>> = BTreeMap::new();
			let mut unverified: BTreeMap<StateId, PerClass<Points>> = BTreeMap::new();
			for (i, (device_id, observed)) in observations.iter().enumerate() {
				let bad = |reason| Error::<T>::BadObservation { index: i as u16, reason };
				let device =
					T::Devices::device(*device_id).ok_or(bad(ObservationError::UnknownDevice))?;
				ensure!(
					Self::draw_slots(&draw, *device_id).contains(&bond.slot),
					bad(ObservationError::NotAssigned)
				);
				ensure!(
					!Self::has_conflict(&verifier, &device),
					bad(ObservationError::ConflictOfInterest)
				);
				observed
					.check_bounds(&device.spec, Self::active_secs(epoch, device.active_since))
					.map_err(|_| bad(ObservationError::OutOfBounds))?;
				let mut list = Observations::<T>::get(epoch, device_id).unwrap_or_default();
				ensure!(
					!list.iter().any(|o| o.verifier == verifier),
					bad(ObservationError::Duplicate)
				);
				list.try_push(Observation { verifier: verifier.clone(), observed: *observed })
					.map_err(|_| bad(ObservationError::TooManyObservers))?;
				if let Some(mut record) = Reports::<T>::get(epoch, device_id) {
					if !record.fraudulent {
						let p = Self::params(record.class);
						let adjust = Self::adjustment(
							epoch,
							*device_id,
							device.active_since,
							record.class,
							&p,
							list.len(),
						);
						let mut updated =
							Self::evaluate(record.class, record.reported, &list, &p, secs, adjust);
						// Observations never raise an unverified report's points: its state's
						// share cap may have limited them.
						if !updated.quorum && !record.quorum {
							updated.points = updated.points.min(record.points);
						}
						// What it took of its state's allowance is handed back and taken anew.
						updated.allowance_taken = record.allowance_taken;
						let allowance = *allowances
							.entry(record.class)
							.or_insert_with(|| Self::state_allowance(epoch, record.class));
						if record.allowance_taken > 0 || (!updated.quorum && allowance.is_some()) {
							let used = unverified
								.entry(device.state)
								.or_insert_with(|| StateUnverified::<T>::get(epoch, device.state));
							Self::retake(&mut updated, allowance, &mut used[record.class]);
						}
						let total = summary.class_mut(record.class);
						total.points = total
							.points
							.saturating_sub(record.points)
							.saturating_add(updated.points);
						if updated.points != record.points {
							if device.vault.is_some() {
								to_vaults.saturating_inc();
							}
							T::OnReport::on_points_changed(
								*device_id,
								epoch,
								record.class,
								record.points,
								updated.points,
								device.vault,
							);
						}
						if updated.points != record.points || updated.verified != record.verified {
							delivery_weight.saturating_accrue(T::OnDelivery::on_delivery(
								*device_id,
								epoch,
								Some(&record.delivery(secs)),
								&updated.delivery(secs),
							));
						}
						record = updated;
						Reports::<T>::insert(epoch, device_id, record);
					}
				}
				Observations::<T>::insert(epoch, device_id, list);
			}
			Epochs::<T>::insert(epoch, summary);
			for (state, used) in unverified {
				StateUnverified::<T>::insert(epoch, state, used);
			}
			bond.last_epoch = Some(bond.last_epoch.map_or(epoch, |e| e.max(epoch)));
			Bonds::<T>::insert(&verifier, bond);
			PendingJudgements::<T>::mutate(&verifier, |n| {
				*n = n.saturating_add(observations.len() as u32)
			});
			Self::deposit_event(Event::ObservationsAccepted {
				verifier,
				epoch,
				count: observations.len() as u32,
			});
			Ok(Some(
				Self::observations_weight(observations.len() as u32, to_vaults)
					.saturating_sub(Self::deliveries_weight(observations.len() as u32))
					.saturating_add(delivery_weight),
			)
			.into())
		}

		/// Joins the chain-wide verifier pool with a bond of `amount` (at least
		/// [`Config::MinVerifierBond`]), or adds `amount` to the signer's bond. A new verifier
		/// takes a pool slot and serves from the next epoch on: no state appoints it.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::bond())]
		pub fn bond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond(who, amount)
		}

		/// Withdraws the signer's whole bond: once it has left the pool, the last epoch it
		/// served has closed, the last epoch it attested in is final and all its observations
		/// were judged.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(who)
		}

		/// Judges a device's observations of a final epoch: when a majority of its assigned
		/// verifiers agreed (within [`Config::OutlierTolerance`]) on what they observed, those
		/// outside the tolerance lose [`Config::OutlierSlash`] of their bond; without such a
		/// majority nobody is slashed; those within it on a device that earned points earn their
		/// verifier a credit. Anyone may call it; the observations are removed. `on_idle` judges
		/// what nobody judged before, oldest epoch first.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::judge_observations(T::VerifiersPerDevice::get()))]
		pub fn judge_observations(
			origin: OriginFor<T>,
			epoch: EpochIndex,
			device: DeviceId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			ensure!(Self::epoch_is_final(epoch), Error::<T>::EpochNotFinal);
			let list = Observations::<T>::take(epoch, device).ok_or(Error::<T>::NothingToJudge)?;
			let (_, credited) = Self::judge(epoch, device, &list);
			if credited > 0 {
				Epochs::<T>::mutate(epoch, |s| s.credits = s.credits.saturating_add(credited));
			}
			Ok(())
		}

		/// Challenges a device's accepted report, holding [`Config::ChallengeBond`] until
		/// governance resolves it; `evidence` is the hash of what the challenger publishes. Open
		/// until [`ChallengeWindow`] blocks after the epoch closes. Up to
		/// [`Config::MaxChallengers`] may stand against one report, so a first challenger
		/// cannot keep others out. The device's owner, operator and its state's admin and
		/// stewards cannot challenge it.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::challenge())]
		pub fn challenge(
			origin: OriginFor<T>,
			epoch: EpochIndex,
			device: DeviceId,
			evidence: sp_core::H256,
		) -> DispatchResult {
			let challenger = ensure_signed(origin)?;
			Self::do_challenge(challenger, epoch, device, evidence)
		}

		/// Resolves the challenges of a report. Fraudulent: the device's points are zeroed, the
		/// challengers' bonds return and its owner is fined [`Config::FraudPenalty`] times the
		/// reward the report would have earned (at least [`Config::FraudSlash`] of its deposit),
		/// of which [`Config::WinnersShare`] of what is collected pays the challengers in equal
		/// parts. Honest: [`Config::WinnersShare`] of the challengers' bonds pays the device's
		/// owner, the rest goes to [`Config::OnSlash`]. Governance only, until
		/// [`Config::ResolutionPeriod`] blocks after the challenge window.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::resolve_challenge()
			.saturating_add(T::OnReport::vault_weight())
			.saturating_add(T::OnDelivery::max_weight())
			.saturating_add(Pallet::<T>::fine_beyond_deposit_weight()))]
		pub fn resolve_challenge(
			origin: OriginFor<T>,
			epoch: EpochIndex,
			device: DeviceId,
			fraudulent: bool,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(
				Self::now() < Self::resolution_deadline(epoch),
				Error::<T>::ResolutionPeriodOver
			);
			let challenge =
				Challenges::<T>::take(epoch, device).ok_or(Error::<T>::ChallengeNotFound)?;
			Self::do_resolve(epoch, device, challenge, fraudulent)
		}

		/// Sets how a class's metrics become points, from the next report on. Governance only.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_class_params())]
		pub fn set_class_params(
			origin: OriginFor<T>,
			class: DeviceClass,
			params: ScoringParams,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(params.is_valid(), Error::<T>::InvalidParams);
			ClassParams::<T>::insert(class, params);
			Self::deposit_event(Event::ClassParamsSet { class, params });
			Ok(())
		}

		/// Leaves the verifier pool: the signer serves through the current epoch (or not at all
		/// if it has not started serving), then its slot is free for a new verifier. Its bond
		/// stays until [`Pallet::unbond`] may release it.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::leave_pool())]
		pub fn leave_pool(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_leave(who)
		}

		/// Closes the challenges of a report governance did not resolve within
		/// [`Config::ResolutionPeriod`]: they count as honest, so the challengers' bonds pay the
		/// device's owner (its [`Config::WinnersShare`]). Anyone may call it.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::expire_challenge())]
		pub fn expire_challenge(
			origin: OriginFor<T>,
			epoch: EpochIndex,
			device: DeviceId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			ensure!(
				Self::now() >= Self::resolution_deadline(epoch),
				Error::<T>::ResolutionPeriodNotOver
			);
			let challenge =
				Challenges::<T>::take(epoch, device).ok_or(Error::<T>::ChallengeNotFound)?;
			Self::do_resolve(epoch, device, challenge, false)
		}

		/// Sets whether devices of `class` earn only with a maker certificate (reports of
		/// unattested devices are refused). Governance only.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_maker_requirement())]
		pub fn set_maker_requirement(
			origin: OriginFor<T>,
			class: DeviceClass,
			required: bool,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			MakerRequired::<T>::insert(class, required);
			Self::deposit_event(Event::MakerRequirementSet { class, required });
			Ok(())
		}

		/// Sets the most a single state's unverified reports may earn of `class` per epoch, as
		/// a share of the class's points in the previous epoch; `None` lifts the cap. Reports
		/// with a verifier quorum are never capped. Governance only.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_state_share_cap())]
		pub fn set_state_share_cap(
			origin: OriginFor<T>,
			class: DeviceClass,
			cap: Option<Perbill>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_state_share_cap(class, cap);
			Ok(())
		}

		/// Judges up to `limit` devices' observations of the oldest final epoch not judged yet,
		/// as `on_idle` does with the room blocks leave it; once none is left the epoch is
		/// judged and its verifier credits are final. Anyone may call it, so verifiers are paid
		/// even while blocks stay full.
		#[pallet::call_index(12)]
		// The benchmark's devices share their five verifiers; judging devices with distinct
		// verifiers writes more credits and bonds, which `judge_observations` measures per device.
		#[pallet::weight(T::WeightInfo::judge_pending(*limit)
			.max(Pallet::<T>::judge_pending_weight(*limit)))]
		pub fn judge_pending(origin: OriginFor<T>, limit: u32) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			ensure!(limit > 0, Error::<T>::EmptyBatch);
			ensure!(limit <= T::MaxBatch::get(), Error::<T>::BatchTooLarge);
			let epoch = NextToJudge::<T>::get().max(OldestEpoch::<T>::get());
			ensure!(
				Self::epoch_is_closed(epoch) && Self::epoch_is_final(epoch),
				Error::<T>::EpochNotFinal
			);
			Ok(Some(Self::judge_closed(Self::judge_pending_weight(limit))).into())
		}

		/// Commits the signer, a bonded verifier, to beacon values: each later reveal must hash
		/// to the previous one, the first to `commitment` (see the `beacon` module). Reveals owed
		/// under an earlier commitment, this epoch's included, are slashed first.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::commit_beacon())]
		pub fn commit_beacon(origin: OriginFor<T>, commitment: sp_core::H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit_beacon(who, commitment)
		}

		/// Reveals the signer's beacon value for the current epoch, the preimage of its
		/// commitment (which it becomes): mixed into the next epoch's seed. Reveals it missed in
		/// earlier epochs are slashed ([`Config::MissedRevealSlash`] each).
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::reveal_beacon())]
		pub fn reveal_beacon(origin: OriginFor<T>, value: sp_core::H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal_beacon(who, value)
		}
	}

	/// The lower median of `values` (the smaller middle value of an even count).
	pub fn lower_median(values: impl Iterator<Item = u32>) -> u32 {
		let mut v: Vec<u32> = values.collect();
		v.sort_unstable();
		v.get(v.len().saturating_sub(1) / 2).copied().unwrap_or(0)
	}

	/// The lower median of 64-bit values.
	pub fn lower_median_u64(values: impl Iterator<Item = u64>) -> u64 {
		let mut v: Vec<u64> = values.collect();
		v.sort_unstable();
		v.get(v.len().saturating_sub(1) / 2).copied().unwrap_or(0)
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The epoch now running.
		pub fn current_epoch_index() -> EpochIndex {
			Self::current_epoch()
		}

		/// An epoch's summary: class totals, whether it is closed, open challenges.
		pub fn epoch_summary(epoch: EpochIndex) -> EpochSummary {
			Epochs::<T>::get(epoch)
		}

		/// A device's record for an epoch: reported and verified metrics, points.
		pub fn device_record(epoch: EpochIndex, device: DeviceId) -> Option<DeviceRecord> {
			Reports::<T>::get(epoch, device)
		}

		/// A verifier's bond, slot and tenure in the pool.
		pub fn verifier_bond(verifier: T::AccountId) -> Option<VerifierBond<BalanceOf<T>>> {
			Bonds::<T>::get(verifier)
		}

		/// The verifiers assigned to `device` in `epoch` (empty before the epoch starts): at
		/// most `VerifiersPerDevice` slots drawn from the epoch's seed, each read once.
		pub fn assigned_verifiers(epoch: EpochIndex, device: DeviceId) -> Vec<T::AccountId> {
			Self::assignment(epoch, device)
		}

		/// The per-state share cap of `class`, if governance set one.
		pub fn state_share_cap(class: DeviceClass) -> Option<Perbill> {
			StateShareCap::<T>::get(class)
		}

		/// What `state`'s unverified reports took of their per-class allowances in `epoch`.
		pub fn state_unverified(epoch: EpochIndex, state: StateId) -> PerClass<Points> {
			Self::unverified_of(epoch, state)
		}

		/// A verifier's beacon commitment: what its next reveal must hash to, and when it last
		/// revealed.
		pub fn beacon_commitment(verifier: T::AccountId) -> Option<BeaconCommitment> {
			Beacons::<T>::get(verifier)
		}

		/// What `epoch`'s assignment is drawn from: its seed and the pool's slots.
		pub fn epoch_draw(epoch: EpochIndex) -> Option<Draw> {
			EpochDraws::<T>::get(epoch)
		}
	}

	impl<T: Config> Pallet<T> {
		/// A batch of `n` reports, `to_vaults` of them of devices paying a vault.
		pub fn reports_weight(n: u32, to_vaults: u32) -> Weight {
			T::WeightInfo::submit_reports(n)
				.saturating_add(Self::states_weight())
				.saturating_add(T::OnReport::vault_weight().saturating_mul(to_vaults.into()))
				.saturating_add(Self::deliveries_weight(n))
		}

		/// What the states of a batch cost beyond the one state the benchmark's devices are in:
		/// each further state's record, its used allowance (read and written) and each class's
		/// cap and previous total.
		pub fn states_weight() -> Weight {
			let per_state = T::DbWeight::get().reads_writes(2, 1);
			per_state
				.saturating_mul(u64::from(T::MaxStatesPerBatch::get()))
				.saturating_add(T::DbWeight::get().reads(2 * DeviceClass::ALL.len() as u64))
		}

		/// What the ECDSA signatures of a batch cost beyond the sr25519 check the benchmark
		/// of `submit_reports` measures: P-256 and secp256k1 verify inside the runtime, without
		/// a host function, each at its benchmarked worst case (a `<Bytes>`-wrapped signature).
		pub fn ecdsa_weight(reports: &[SignedReport]) -> Weight {
			let (p256, k256) = reports.iter().fold((0u64, 0u64), |(p, k), r| match r.signature {
				DeviceSignature::P256(_) => (p.saturating_add(1), k),
				DeviceSignature::Secp256k1(_) => (p, k.saturating_add(1)),
				_ => (p, k),
			});
			T::WeightInfo::verify_p256()
				.saturating_mul(p256)
				.saturating_add(T::WeightInfo::verify_secp256k1().saturating_mul(k256))
		}

		/// Judging `limit` devices of an epoch: what `judge_closed` needs for them and the
		/// epoch's update.
		pub fn judge_pending_weight(limit: u32) -> Weight {
			let db = T::DbWeight::get();
			db.reads(8)
				.saturating_add(
					T::WeightInfo::judge_observations(T::VerifiersPerDevice::get())
						.saturating_mul(limit.into()),
				)
				.saturating_add(db.reads_writes(2, 2))
		}

		/// What fining an owner beyond its device's deposit costs on top of the benchmark
		/// (whose devices hold no deposit and earn no reward): the withdrawal from the owner,
		/// the reward's valuation and one payment to each challenger.
		pub fn fine_beyond_deposit_weight() -> Weight {
			T::DbWeight::get()
				.reads_writes(2, 1)
				.saturating_mul(u64::from(T::MaxChallengers::get()).saturating_add(2))
		}

		/// The most telling [`Config::OnDelivery`] of `n` deliveries can cost.
		pub fn deliveries_weight(n: u32) -> Weight {
			T::OnDelivery::max_weight().saturating_mul(n.into())
		}

		/// A batch of `n` observations, `to_vaults` of them changing the points of a device
		/// paying a vault.
		pub fn observations_weight(n: u32, to_vaults: u32) -> Weight {
			let db = T::DbWeight::get();
			T::WeightInfo::attest(n)
				// A report's points moving re-take its share of its state's allowance.
				.saturating_add(db.reads_writes(1, 1).saturating_mul(n.into()))
				.saturating_add(db.reads(2 * DeviceClass::ALL.len() as u64))
				.saturating_add(T::OnReport::vault_weight().saturating_mul(to_vaults.into()))
				.saturating_add(Self::deliveries_weight(n))
		}

		pub(crate) fn now() -> u32 {
			frame_system::Pallet::<T>::block_number().unique_saturated_into()
		}

		/// The epoch now running.
		pub fn current_epoch() -> EpochIndex {
			Self::now() / EpochLength::<T>::get().max(1)
		}

		/// The epoch's duration in seconds.
		pub fn epoch_secs() -> u32 {
			EpochLength::<T>::get().saturating_mul(T::SecondsPerBlock::get())
		}

		/// The block at which `epoch` closes.
		pub fn closes_at(epoch: EpochIndex) -> u32 {
			epoch
				.saturating_add(1)
				.saturating_mul(EpochLength::<T>::get().max(1))
				.saturating_add(SubmissionGrace::<T>::get())
		}

		/// Whether `device`'s points in `epoch` are past dispute: the challenge window is over
		/// and no challenge of its report is open (or its resolution period is over, so it
		/// counts as honest). Pruned epochs are past dispute.
		pub fn is_settleable(epoch: EpochIndex, device: DeviceId) -> bool {
			if epoch < OldestEpoch::<T>::get() {
				return true;
			}
			let now = Self::now();
			Self::epoch_is_closed(epoch)
				&& now >= Self::challenge_deadline(epoch)
				&& (now >= Self::resolution_deadline(epoch)
					|| !Challenges::<T>::contains_key(epoch, device))
		}

		/// The first block at which `epoch`'s reports can no longer be challenged.
		pub(crate) fn challenge_deadline(epoch: EpochIndex) -> u32 {
			Self::closes_at(epoch).saturating_add(ChallengeWindow::<T>::get())
		}

		/// The first block at which `epoch`'s challenges can no longer be resolved (an open one
		/// counts as honest).
		pub(crate) fn resolution_deadline(epoch: EpochIndex) -> u32 {
			Self::challenge_deadline(epoch).saturating_add(T::ResolutionPeriod::get())
		}

		/// Seconds of `epoch` during which a device activated at block `active_since` was active:
		/// zero if it was activated after the epoch ended.
		pub fn active_secs(epoch: EpochIndex, active_since: u32) -> u32 {
			let length = EpochLength::<T>::get().max(1);
			let start = epoch.saturating_mul(length);
			let end = start.saturating_add(length);
			end.saturating_sub(start.max(active_since)).saturating_mul(T::SecondsPerBlock::get())
		}

		/// Whether reports and observations of `epoch` are accepted now.
		pub fn is_open(epoch: EpochIndex) -> bool {
			let start = epoch.saturating_mul(EpochLength::<T>::get().max(1));
			Self::now() >= start && !Self::epoch_is_closed(epoch)
		}

		/// Whether `epoch` is closed (its totals are fixed).
		pub fn epoch_is_closed(epoch: EpochIndex) -> bool {
			epoch < NextToClose::<T>::get()
		}

		/// Whether `epoch` is closed, its challenge window over and no challenge open (or its
		/// resolution period over). Pruned epochs are final.
		pub fn epoch_is_final(epoch: EpochIndex) -> bool {
			if epoch < OldestEpoch::<T>::get() {
				return true;
			}
			let now = Self::now();
			Self::epoch_is_closed(epoch)
				&& now >= Self::challenge_deadline(epoch)
				&& (now >= Self::resolution_deadline(epoch)
					|| Epochs::<T>::get(epoch).open_challenges == 0)
		}

		/// The scoring parameters of `class`.
		pub fn params(class: DeviceClass) -> ScoringParams {
			ClassParams::<T>::get(class).unwrap_or_else(|| ScoringParams::default_for(class))
		}

		fn close(epoch: EpochIndex) {
			let mut summary = Epochs::<T>::get(epoch);
			summary.closed = true;
			Epochs::<T>::insert(epoch, summary);
			NextToClose::<T>::put(epoch.saturating_add(1));
			Self::deposit_event(Event::EpochClosed { epoch, totals: summary.classes });
		}

		/// Judges the observations of the oldest final epoch not judged yet, within `remaining`
		/// weight; once none is left, its credits are final and the next epoch follows. Waiting
		/// for finality means a report ruled fraudulent earns its verifiers no credit.
		fn judge_closed(remaining: Weight) -> Weight {
			let db = T::DbWeight::get();
			// The cursor, the oldest kept epoch and what finality reads.
			let base = db.reads(8);
			if remaining.any_lt(base) {
				return Weight::zero();
			}
			let epoch = NextToJudge::<T>::get().max(OldestEpoch::<T>::get());
			if !Self::epoch_is_final(epoch) {
				return base;
			}
			let judge = T::WeightInfo::judge_observations(T::VerifiersPerDevice::get());
			// The epoch's update, the cursor and whether anything is left to judge.
			let finish = db.reads_writes(2, 2);
			let fits =
				|used: Weight| used.saturating_add(judge).saturating_add(finish).all_lte(remaining);
			let (mut used, mut credited, mut done) = (base, 0u32, false);
			let mut observations = Observations::<T>::drain_prefix(epoch);
			while fits(used) {
				let Some((device, list)) = observations.next() else {
					done = true;
					break;
				};
				credited.saturating_accrue(Self::judge(epoch, device, &list).1);
				used.saturating_accrue(judge);
			}
			drop(observations);
			// Out of room exactly when the last device was judged: the epoch is done now, not
			// one call later.
			if !done && used != base {
				done = Observations::<T>::iter_key_prefix(epoch).next().is_none();
			}
			if used == base && !done {
				return used;
			}
			let summary = Epochs::<T>::mutate(epoch, |s| {
				s.credits = s.credits.saturating_add(credited);
				s.judged |= done;
				*s
			});
			if done {
				NextToJudge::<T>::put(epoch.saturating_add(1));
				Self::deposit_event(Event::EpochJudged { epoch, credits: summary.credits });
			}
			used.saturating_add(finish)
		}

		/// Whether `epoch` is older than `RetentionEpochs`, final and judged: its records may go
		/// (and may be half gone, a prune spreading over blocks).
		pub(crate) fn is_prunable(epoch: EpochIndex) -> bool {
			epoch.saturating_add(T::RetentionEpochs::get()) < Self::current_epoch()
				&& Self::epoch_is_final(epoch)
				&& epoch < NextToJudge::<T>::get()
		}

		/// Prunes records of the oldest kept epoch once it is older than `RetentionEpochs` and
		/// judged (so final), within `remaining` weight; one epoch per block at most. Challenges
		/// governance left open are closed as honest, and credits nobody claimed dropped.
		fn prune(remaining: Weight) -> Weight {
			let db = T::DbWeight::get();
			let base = db.reads(4);
			let per_item = db.reads_writes(1, 1);
			if remaining.any_lt(base) {
				return Weight::zero();
			}
			let oldest = OldestEpoch::<T>::get();
			if !Self::is_prunable(oldest) {
				return base;
			}
			let mut used = base;
			let fits = |used: Weight, cost: Weight| used.saturating_add(cost).all_lte(remaining);
			let expire = T::WeightInfo::expire_challenge();
			let mut challenges = Challenges::<T>::drain_prefix(oldest);
			while fits(used, expire) {
				let Some((device, challengers)) = challenges.next() else { break };
				// Honest. Should paying the owner fail, the bonds return to the challengers
				// rather than stay held with no record of them.
				let bonds: Vec<_> =
					challengers.iter().map(|c| (c.challenger.clone(), c.bond)).collect();
				let resolved = frame_support::storage::with_storage_layer(|| {
					Self::do_resolve(oldest, device, challengers, false)
				});
				if resolved.is_err() {
					for (challenger, bond) in bonds {
						let _ = T::Currency::release(
							&HoldReason::ChallengeBond.into(),
							&challenger,
							bond,
							frame_support::traits::tokens::Precision::BestEffort,
						);
					}
					Epochs::<T>::mutate(oldest, |s| {
						s.open_challenges = s.open_challenges.saturating_sub(1)
					});
					Self::note_challenge_closed(device);
				}
				used.saturating_accrue(expire);
			}
			if !fits(used, expire) {
				return used;
			}
			let limit = remaining
				.saturating_sub(used)
				.checked_div_per_component(&per_item)
				.unwrap_or(0)
				.min(1_000) as u32;
			if limit == 0 {
				return used;
			}
			// Keys written in this block are in the overlay and not counted by `unique`; `loops`
			// counts backend iterations. Charge the larger. Credits nobody claimed go first: the
			// rewards they stood for were swept to the treasury epochs ago.
			let credits = Credits::<T>::clear_prefix(oldest, limit, None);
			let mut cleared = credits.unique.max(credits.loops);
			used.saturating_accrue(per_item.saturating_mul(u64::from(cleared)));
			if credits.maybe_cursor.is_some() || limit <= cleared {
				return used;
			}
			let states = StateUnverified::<T>::clear_prefix(oldest, limit - cleared, None);
			let states_cleared = states.unique.max(states.loops);
			used.saturating_accrue(per_item.saturating_mul(u64::from(states_cleared)));
			cleared = cleared.saturating_add(states_cleared);
			if states.maybe_cursor.is_some() || limit <= cleared {
				return used;
			}
			let reports = Reports::<T>::clear_prefix(oldest, limit.saturating_sub(cleared), None);
			used.saturating_accrue(
				per_item.saturating_mul(u64::from(reports.unique.max(reports.loops))),
			);
			if reports.maybe_cursor.is_none() {
				Epochs::<T>::remove(oldest);
				EpochDraws::<T>::remove(oldest);
				OldestEpoch::<T>::put(oldest.saturating_add(1));
				Self::deposit_event(Event::EpochPruned { epoch: oldest });
			}
			used
		}

		/// Checks the pallet's invariants: each epoch's class totals equal the sum of its
		/// devices' points (and device counts); open challenges match stored challenges; held
		/// bonds equal stored bonds; closed epochs are exactly those before `NextToClose`; every
		/// stored observation is pending judgement for a bonded verifier; the pool's slots agree
		/// with the bonds; epochs before `NextToJudge` are judged and hold no observations; no
		/// epoch holds more verifier credits than it judged.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use frame_support::traits::fungible::InspectHold;
			// The oldest epoch may be half pruned (a prune spreads over blocks): its records are
			// not summed, nor its allowances matched.
			let oldest = OldestEpoch::<T>::get();
			let pruning = |epoch: EpochIndex| epoch == oldest && Self::is_prunable(epoch);
			for (epoch, summary) in Epochs::<T>::iter() {
				let mut totals = PerClass::<ClassTotal>::default();
				for (_, record) in Reports::<T>::iter_prefix(epoch) {
					let t = &mut totals[record.class];
					t.points = t.points.saturating_add(record.points);
					t.devices.saturating_inc();
				}
				ensure!(
					pruning(epoch) || totals == summary.classes,
					"class totals differ from the sum of device points"
				);
				let open = Challenges::<T>::iter_prefix(epoch).count() as u32;
				ensure!(open == summary.open_challenges, "open challenge count mismatch");
				ensure!(
					summary.closed == (epoch < NextToClose::<T>::get()),
					"closed flag does not match NextToClose"
				);
				ensure!(
					summary.judged == (epoch < NextToJudge::<T>::get()),
					"judged flag does not match NextToJudge"
				);
				ensure!(
					!summary.judged || Observations::<T>::iter_prefix(epoch).next().is_none(),
					"observations left in a judged epoch"
				);
				let credits =
					Credits::<T>::iter_prefix_values(epoch).fold(0u32, |a, c| a.saturating_add(c));
				ensure!(credits <= summary.credits, "more credits held than were judged");
			}
			ensure!(
				NextToJudge::<T>::get() <= NextToClose::<T>::get(),
				"an epoch was judged before it closed"
			);
			for (epoch, _) in StateUnverified::<T>::iter_keys() {
				ensure!(Epochs::<T>::contains_key(epoch), "allowance of an epoch without summary");
			}
			// What records took of their states' allowances: exactly what each state used,
			// where every device of the epoch is still registered (a removed one's share stays
			// counted until its epoch is pruned).
			let mut taken: BTreeMap<(EpochIndex, StateId), PerClass<Points>> = BTreeMap::new();
			let mut orphaned: BTreeMap<EpochIndex, bool> = BTreeMap::new();
			for (epoch, device, record) in Reports::<T>::iter() {
				ensure!(record.allowance_taken <= record.points, "took more than it earned");
				ensure!(
					record.allowance_taken == 0 || (!record.quorum && !record.fraudulent),
					"a verified or fraudulent report holds allowance"
				);
				if pruning(epoch) {
					continue;
				}
				match T::Devices::device(device) {
					Some(info) => {
						let t = &mut taken.entry((epoch, info.state)).or_default()[record.class];
						*t = t.saturating_add(record.allowance_taken);
					},
					None => {
						orphaned.insert(epoch, true);
					},
				}
			}
			for (epoch, state, used) in StateUnverified::<T>::iter() {
				if pruning(epoch) {
					continue;
				}
				let sum = taken.remove(&(epoch, state)).unwrap_or_default();
				let exact = !orphaned.contains_key(&epoch);
				for class in DeviceClass::ALL {
					ensure!(
						sum[class] <= used[class] && (!exact || sum[class] == used[class]),
						"used allowance differs from what records took"
					);
				}
			}
			ensure!(
				taken.values().all(|t| DeviceClass::ALL.iter().all(|c| t[*c] == 0)),
				"records took allowance nobody counted"
			);
			for (epoch, _) in Credits::<T>::iter_keys() {
				ensure!(Epochs::<T>::contains_key(epoch), "credits of an epoch without summary");
			}
			for (epoch, _) in Reports::<T>::iter_keys() {
				ensure!(Epochs::<T>::contains_key(epoch), "report of an epoch without summary");
			}
			let mut challenge_bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (_, _, challengers) in Challenges::<T>::iter() {
				ensure!(!challengers.is_empty(), "a challenge without challengers");
				for c in challengers {
					let e = challenge_bonds.entry(c.challenger).or_insert_with(Zero::zero);
					*e = e.saturating_add(c.bond);
				}
			}
			for (who, amount) in challenge_bonds {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::ChallengeBond.into(), &who) == amount,
					"held challenge bonds differ from stored"
				);
			}
			for (who, bond) in Bonds::<T>::iter() {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::VerifierBond.into(), &who)
						== bond.amount,
					"held verifier bond differs from stored"
				);
			}
			let mut pending: BTreeMap<T::AccountId, u32> = BTreeMap::new();
			for (_, _, list) in Observations::<T>::iter() {
				for o in list {
					ensure!(
						Bonds::<T>::contains_key(&o.verifier),
						"observation of an unbonded verifier"
					);
					pending.entry(o.verifier).or_default().saturating_inc();
				}
			}
			ensure!(
				PendingJudgements::<T>::iter().collect::<BTreeMap<_, _>>() == pending,
				"pending judgements differ from stored observations"
			);
			for (epoch, _) in EpochDraws::<T>::iter() {
				ensure!(epoch >= OldestEpoch::<T>::get(), "draw of a pruned epoch");
			}
			let mut challenged = alloc::collections::BTreeMap::<DeviceId, u32>::new();
			for (_, device, _) in Challenges::<T>::iter() {
				*challenged.entry(device).or_insert(0) += 1;
			}
			let stored: alloc::collections::BTreeMap<_, _> =
				ChallengedReports::<T>::iter().collect();
			ensure!(stored == challenged, "challenged report counts differ from the challenges");
			Self::pool_try_state()?;
			Self::beacon_try_state()?;
			Ok(())
		}
	}
}
