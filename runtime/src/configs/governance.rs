//! Governance through extrinsics: the Council of States, token-holder referenda with conviction
//! voting, the scheduler and preimages they need, and the treasury.
//!
//! Every privileged origin of a DePIN pallet is [`DepinGovernance`]: root, OR a two-thirds
//! super-majority of the Council of States, OR a referendum passed on the DePIN parameters track.
//! Applicant network states are admitted by [`StateAdmission`]: root, a council super-majority
//! or a referendum on the admissions track.
//!
//! ## What the council may do alone
//! The council is a federation's executive: it suspends and restores states, admits new ones,
//! resolves challenges, tunes DePIN parameters, cancels a referendum (refunding its deposits)
//! and spends up to [`MaxCouncilSpend`] per treasury spend. What would let a captured council
//! entrench itself or drain the chain goes through referenda: killing a referendum (which
//! slashes its deposits), staking administration (forcing eras, cancelling slashes), larger
//! treasury spends (the treasurer track) and anything root.

use crate::{
	configs::TreasuryAccount,
	pallets::{origins, timing},
	AccountId, Balance, Balances, BlockNumber, OriginCaller, Preimage, Referenda, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Scheduler, System, Treasury, ATH,
	DAYS, HOURS, MINUTES,
};
use alloc::borrow::Cow;
use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::UnityAssetBalanceConversion, ConstU32, EitherOf,
		EitherOfDiverse, EqualPrivilegeOnly, LinearStoragePrice,
	},
	weights::Weight,
	PalletId,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess, EnsureSigned, EnsureWithSuccess};
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::{traits::IdentityLookup, FixedI64};

/// The Council of States' collective instance.
pub type CouncilCollective = pallet_collective::Instance1;

/// A two-thirds super-majority of the Council of States.
pub type CouncilSuperMajority =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;

/// Root or a council super-majority: cancelling referenda, rejecting treasury proposals.
pub type RootOrCouncilSuperMajority = EitherOfDiverse<EnsureRoot<AccountId>, CouncilSuperMajority>;

/// Root, a council super-majority, or a referendum on the DePIN parameters track: what every
/// DePIN pallet accepts for its privileged calls.
pub type DepinGovernance = EitherOfDiverse<RootOrCouncilSuperMajority, origins::DepinParams>;

/// Root, a council super-majority or a referendum on the admissions track: who admits and
/// rejects applicant network states. Admission is a seat-granting act, so it takes the same
/// super-majority as the council's other powers, not a simple one.
pub type StateAdmission = EitherOfDiverse<RootOrCouncilSuperMajority, origins::StateAdmissions>;

/// The most members (seats) of the Council of States.
pub const COUNCIL_MAX_MEMBERS: u32 = 100;

parameter_types! {
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	pub MaxCouncilProposalWeight: Weight =
		sp_runtime::Perbill::from_percent(50) * crate::configs::RuntimeBlockWeights::get().max_block;
}

/// The Council of States: one seat per active network state, held by its admin. Its members are
/// set only by `pallet-state-seats`, which follows the network states pallet.
impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<COUNCIL_MAX_MEMBERS>;
	type DefaultVote = pallet_collective::MoreThanMajorityThenPrimeDefaultVote;
	type WeightInfo = crate::weights::pallet_collective::WeightInfo<Runtime>;
	#[cfg(not(feature = "runtime-benchmarks"))]
	type SetMembersOrigin = frame_support::traits::NeverEnsureOrigin<()>;
	// The collective's benchmarks set members themselves; the chain never does.
	#[cfg(feature = "runtime-benchmarks")]
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxCouncilProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

parameter_types! {
	pub const PreimageBaseDeposit: Balance = crate::deposit(2, 64);
	pub const PreimageByteDeposit: Balance = crate::deposit(0, 1);
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_preimage::WeightInfo<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	pub MaximumSchedulerWeight: Weight =
		sp_runtime::Perbill::from_percent(80) * crate::configs::RuntimeBlockWeights::get().max_block;
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = crate::weights::pallet_scheduler::WeightInfo<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

parameter_types! {
	pub const TreasuryPalletId: PalletId = PalletId(*b"py/trsry");
	pub const SpendPeriod: BlockNumber = 6 * DAYS;
	pub const PayoutPeriod: BlockNumber = 30 * DAYS;
	/// The most one spend may pay, whoever approves it.
	pub const MaxTreasurySpend: Balance = 10_000_000 * ATH;
	/// The most one spend the council approves alone may pay: grants and running costs; more
	/// takes a referendum on the treasurer track.
	pub const MaxCouncilSpend: Balance = 100_000 * ATH;
}

/// Who may spend from the treasury: root or the treasurer track up to [`MaxTreasurySpend`], a
/// council super-majority up to [`MaxCouncilSpend`].
pub type TreasurySpender = EitherOf<
	EnsureRootWithSuccess<AccountId, MaxTreasurySpend>,
	EitherOf<
		EnsureWithSuccess<CouncilSuperMajority, AccountId, MaxCouncilSpend>,
		EnsureWithSuccess<origins::Treasurer, AccountId, MaxTreasurySpend>,
	>,
>;

/// The treasury: funded by each epoch's treasury share, slashes and slashed deposits.
impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = RootOrCouncilSuperMajority;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	type Burn = ();
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	// Upstream's weights: the `payout` benchmark cannot pay from `PayFromAccount` at its amounts.
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = ConstU32<100>;
	type SpendOrigin = TreasurySpender;
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = frame_support::traits::tokens::pay::PayFromAccount<Balances, TreasuryAccount>;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type BlockNumberProvider = System;
}

parameter_types! {
	pub const VoteLockingPeriod: BlockNumber = 7 * DAYS;
}

/// Token holders vote on referenda with conviction; staked (held) ATH votes too, because a
/// vote's lock overlaps holds.
impl pallet_conviction_voting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_conviction_voting::WeightInfo<Runtime>;
	type Currency = Balances;
	type Polls = Referenda;
	type MaxTurnout =
		frame_support::traits::tokens::currency::ActiveIssuanceOf<Balances, AccountId>;
	type MaxVotes = ConstU32<100>;
	type VoteLockingPeriod = VoteLockingPeriod;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

parameter_types! {
	pub const SubmissionDeposit: Balance = 10 * ATH;
	pub const UndecidingTimeout: BlockNumber = 14 * DAYS;
}

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_referenda::WeightInfo<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	type SubmitOrigin = frame_support::traits::AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	// The council may stop a referendum and refund it; slashing its deposits takes root.
	type CancelOrigin = RootOrCouncilSuperMajority;
	type KillOrigin = EnsureRoot<AccountId>;
	type Slash = Treasury;
	type Votes = Balance;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = ConstU32<1>;
	type Tracks = Tracks;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl origins::Config for Runtime {}
impl timing::Config for Runtime {
	type Timing = super::parameters::GenesisTiming;
}

/// A track name, padded to the 25 bytes referenda stores.
const fn name(s: &str) -> [u8; 25] {
	let bytes = s.as_bytes();
	let mut out = [0u8; 25];
	let mut i = 0;
	while i < bytes.len() && i < 25 {
		out[i] = bytes[i];
		i += 1;
	}
	out
}

const fn percent(x: i64) -> FixedI64 {
	FixedI64::from_rational(x as u128, 100)
}

/// Track ids.
pub mod track {
	/// Root: anything, including runtime upgrades.
	pub const ROOT: u16 = 0;
	/// DePIN parameters: device classes, hardware models, the emission policy, states' standing.
	pub const DEPIN_PARAMS: u16 = 1;
	/// Treasury spends.
	pub const TREASURER: u16 = 2;
	/// Admitting and rejecting applicant network states.
	pub const STATE_ADMISSIONS: u16 = 3;
}

/// A track with periods in days (production) or, on dev and test networks, in blocks.
struct TrackSpec {
	id: u16,
	name: [u8; 25],
	max_deciding: u32,
	decision_deposit: Balance,
	/// prepare, decision, confirm, min enactment (production).
	periods: [BlockNumber; 4],
	/// The same on fast networks.
	fast_periods: [BlockNumber; 4],
	min_approval: Curve,
	min_support: Curve,
}

const TRACKS: [TrackSpec; 4] = [
	TrackSpec {
		id: track::ROOT,
		name: name("root"),
		max_deciding: 1,
		decision_deposit: 100_000 * ATH,
		periods: [2 * HOURS, 14 * DAYS, DAYS, DAYS],
		fast_periods: [2, 20, 4, 2],
		min_approval: Curve::make_reciprocal(4, 14, percent(80), percent(50), percent(100)),
		min_support: Curve::make_linear(14, 14, percent(0), percent(50)),
	},
	TrackSpec {
		id: track::DEPIN_PARAMS,
		name: name("depin_params"),
		max_deciding: 10,
		decision_deposit: 10_000 * ATH,
		periods: [HOURS, 7 * DAYS, 3 * HOURS, 10 * MINUTES],
		fast_periods: [2, 20, 4, 2],
		min_approval: Curve::make_reciprocal(2, 7, percent(70), percent(50), percent(100)),
		min_support: Curve::make_linear(7, 7, percent(0), percent(20)),
	},
	TrackSpec {
		id: track::TREASURER,
		name: name("treasurer"),
		max_deciding: 10,
		decision_deposit: 1_000 * ATH,
		periods: [2 * HOURS, 7 * DAYS, DAYS, DAYS],
		fast_periods: [2, 20, 4, 2],
		min_approval: Curve::make_reciprocal(3, 7, percent(80), percent(50), percent(100)),
		min_support: Curve::make_linear(7, 7, percent(0), percent(25)),
	},
	TrackSpec {
		id: track::STATE_ADMISSIONS,
		name: name("state_admissions"),
		max_deciding: 10,
		decision_deposit: 10_000 * ATH,
		periods: [2 * HOURS, 14 * DAYS, DAYS, DAYS],
		fast_periods: [2, 20, 4, 2],
		min_approval: Curve::make_reciprocal(4, 14, percent(80), percent(60), percent(100)),
		min_support: Curve::make_linear(14, 14, percent(0), percent(20)),
	},
];

/// The referendum tracks. Their periods depend on the chain's timing (fast on dev and test
/// networks), so they are built when read.
pub struct Tracks;
impl pallet_referenda::TracksInfo<Balance, BlockNumber> for Tracks {
	type Id = u16;
	type RuntimeOrigin = <RuntimeOrigin as frame_support::traits::OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<Self::Id, Balance, BlockNumber>>> {
		let fast = <super::parameters::dynamic_params::timing::FastGovernance as frame_support::traits::Get<
			bool,
		>>::get();
		TRACKS.iter().map(move |t| {
			let [prepare, decision, confirm, enactment] =
				if fast { t.fast_periods } else { t.periods };
			Cow::Owned(Track {
				id: t.id,
				info: TrackInfo {
					name: t.name,
					max_deciding: t.max_deciding,
					decision_deposit: t.decision_deposit,
					prepare_period: prepare,
					decision_period: decision,
					confirm_period: confirm,
					min_enactment_period: enactment,
					min_approval: t.min_approval.clone(),
					min_support: t.min_support.clone(),
				},
			})
		})
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		match origin {
			OriginCaller::system(frame_system::RawOrigin::Root) => Ok(track::ROOT),
			OriginCaller::Origins(origins::Origin::DepinParams) => Ok(track::DEPIN_PARAMS),
			OriginCaller::Origins(origins::Origin::Treasurer) => Ok(track::TREASURER),
			OriginCaller::Origins(origins::Origin::StateAdmissions) => Ok(track::STATE_ADMISSIONS),
			_ => Err(()),
		}
	}
}
