//! Validators run by network states: sessions, staking with on-chain NPoS, offences.
//!
//! `pallet-staking` (classic) is marked deprecated upstream in favour of `pallet-staking-async`,
//! which runs on a parachain and is driven by a relay chain. Atlas is a solochain, so the classic
//! pallet is the one that works here: it elects validators itself, each era, with a bounded
//! on-chain sequential Phragmén election.
//!
//! Who may validate: only an account that an active network state appointed (the network states pallet's
//! `Validator` role), through `StateSeats::validate`; the staking pallet's own `validate` call is
//! filtered out ([`BaseCallFilter`]). Anyone may bond and nominate.

use crate::{
	configs::TreasuryAccount, AccountId, Aura, Balance, Balances, BlockNumber, Historical,
	Offences, Rewards, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, Session, SessionKeys,
	Staking, Timestamp, DAYS,
};
use frame_election_provider_support::{
	bounds::{ElectionBounds, ElectionBoundsBuilder},
	onchain, SequentialPhragmen,
};
use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32, Contains, Get, Nothing},
};
use sp_runtime::{DispatchError, Perbill};
use sp_staking::{EraIndex, SessionIndex};

/// Calls anyone may dispatch: everything except staking's own `validate`, which goes through
/// `StateSeats::validate` so that only validators appointed by active states declare intent.
pub struct BaseCallFilter;
impl Contains<RuntimeCall> for BaseCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(call, RuntimeCall::Staking(pallet_staking::Call::validate { .. }))
	}
}

/// Blocks per session, from the chain's timing (never zero).
pub struct SessionLength;
impl Get<BlockNumber> for SessionLength {
	fn get() -> BlockNumber {
		super::parameters::dynamic_params::timing::SessionLength::get().max(1)
	}
}

/// Sessions per era, from the chain's timing (never zero).
pub struct SessionsPerEra;
impl Get<SessionIndex> for SessionsPerEra {
	fn get() -> SessionIndex {
		super::parameters::dynamic_params::timing::SessionsPerEra::get().max(1)
	}
}

type Sessions = pallet_session::PeriodicSessions<SessionLength, ConstU32<0>>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Runtime, Staking>;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	// A validator that equivocates is disabled for the rest of the era (at most a third of them).
	type DisablingStrategy = pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy;
	type WeightInfo = crate::weights::pallet_session::WeightInfo<Runtime>;
	type Currency = Balances;
	// Keys are set by bonded validators, whose bond already deters spam.
	type KeyDeposit = ();
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = pallet_staking::UnitIdentificationOf<Runtime>;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Runtime, Aura>;
	// Era points for block authors.
	type EventHandler = Staking;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Runtime>;
	type OnOffenceHandler = Staking;
}

parameter_types! {
	/// An election reads at most 5,000 voters (nominators and validators) and 1,000 candidates.
	pub ElectionBoundsOnChain: ElectionBounds = ElectionBoundsBuilder::default()
		.voters_count(5_000.into())
		.targets_count(1_000.into())
		.build();
	/// Unbonding takes 28 eras (28 days with day-long eras).
	pub const BondingDuration: EraIndex = 28;
	/// Slashes wait 27 eras, during which governance may cancel them.
	pub const SlashDeferDuration: EraIndex = 27;
	/// Rewards of the last 84 eras can be claimed.
	pub const HistoryDepth: u32 = 84;
	/// Equivocation reports stay valid for a week of blocks.
	pub const ReportLongevity: u64 = 7 * DAYS as u64;
}

/// The most validators an era elects.
pub const MAX_VALIDATORS: u32 = 100;
/// The most nominators behind one elected validator (per exposure page: 64).
pub const MAX_BACKERS_PER_WINNER: u32 = 5_000;

/// The bounded on-chain election (sequential Phragmén) run once per era.
pub struct OnChainSeqPhragmen;
impl onchain::Config for OnChainSeqPhragmen {
	type System = Runtime;
	type Solver = SequentialPhragmen<AccountId, Perbill>;
	type DataProvider = Staking;
	type WeightInfo = frame_election_provider_support::weights::SubstrateWeight<Runtime>;
	type MaxBackersPerWinner = ConstU32<MAX_BACKERS_PER_WINNER>;
	type MaxWinnersPerPage = ConstU32<MAX_VALIDATORS>;
	type Bounds = ElectionBoundsOnChain;
	type Sort = frame_support::traits::ConstBool<true>;
}

/// Era payouts from the DePIN monetary policy: the validators' share of the same yearly issuance
/// that epochs mint for devices and the treasury, pro rata the era's length. Nothing is left over
/// for the treasury here (it is funded per epoch).
pub struct ValidatorPayout;
impl sp_staking::EraPayout<Balance> for ValidatorPayout {
	fn era_payout(_staked: Balance, issuance: Balance, era_millis: u64) -> (Balance, Balance) {
		const YEAR_MILLIS: u64 = 36_525 * 24 * 60 * 60 * 1_000 / 100;
		let era = Perbill::from_rational(era_millis.min(YEAR_MILLIS), YEAR_MILLIS);
		(Rewards::validator_payout(issuance, era), 0)
	}
}

impl pallet_staking::Config for Runtime {
	type OldCurrency = Balances;
	type Currency = Balances;
	type CurrencyBalance = Balance;
	type RuntimeHoldReason = RuntimeHoldReason;
	type UnixTime = Timestamp;
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	type ElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type GenesisElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type NominationsQuota = pallet_staking::FixedNominationsQuota<16>;
	type HistoryDepth = HistoryDepth;
	// Nothing is left over (see ValidatorPayout); slashes go to the treasury.
	type RewardRemainder = ResolveTo<TreasuryAccount, Balances>;
	type RuntimeEvent = RuntimeEvent;
	type Slash = ResolveTo<TreasuryAccount, Balances>;
	type Reward = ();
	type SessionsPerEra = SessionsPerEra;
	type BondingDuration = BondingDuration;
	type SlashDeferDuration = SlashDeferDuration;
	// Forcing eras and cancelling slashes would let a captured council shield its validators:
	// root only (a referendum on the root track).
	type AdminOrigin = frame_system::EnsureRoot<crate::AccountId>;
	type SessionInterface = Runtime;
	type EraPayout = ValidatorPayout;
	type NextNewSession = Session;
	type MaxExposurePageSize = ConstU32<64>;
	type MaxValidatorSet = ConstU32<MAX_VALIDATORS>;
	// Nominators are few enough to read from staking's own maps: the election's voter bound
	// (5,000) caps what one election reads, and `MaxNominatorsCount` (genesis) caps the count.
	type VoterList = pallet_staking::UseNominatorsAndValidatorsMap<Runtime>;
	type TargetList = pallet_staking::UseValidatorsMap<Runtime>;
	type MaxUnlockingChunks = ConstU32<32>;
	type MaxControllersInDeprecationBatch = ConstU32<100>;
	type EventListeners = ();
	type Filter = Nothing;
	type BenchmarkingConfig = StakingBenchmarkingConfig;
	type WeightInfo = pallet_staking::weights::SubstrateWeight<Runtime>;
}

/// The staking benchmarks' sizes: up to the validators an era elects, and as many nominators.
pub struct StakingBenchmarkingConfig;
impl pallet_staking::BenchmarkingConfig for StakingBenchmarkingConfig {
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MaxNominators = ConstU32<1_000>;
}

/// Declaring validation intent goes through the staking pallet, on behalf of the validator.
pub struct StakingIntent;
impl atlas_primitives::ValidatorIntent<AccountId> for StakingIntent {
	fn validate(who: &AccountId, commission: Perbill, blocked: bool) -> Result<(), DispatchError> {
		let prefs = pallet_staking::ValidatorPrefs { commission, blocked };
		Staking::validate(frame_system::RawOrigin::Signed(who.clone()).into(), prefs)
	}

	fn chill(who: &AccountId) {
		// Not bonded or already chilled: nothing to do.
		let _ = Staking::chill(frame_system::RawOrigin::Signed(who.clone()).into());
	}

	fn is_validator(who: &AccountId) -> bool {
		pallet_staking::Validators::<Runtime>::contains_key(who)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_bond(who: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		let bond = pallet_staking::MinValidatorBond::<Runtime>::get().max(crate::ATH) * 2;
		let _ = Balances::mint_into(who, 2 * bond);
		let _ = Staking::bond(
			frame_system::RawOrigin::Signed(who.clone()).into(),
			bond,
			pallet_staking::RewardDestination::Staked,
		);
	}
}

/// The most validators a state may declare: the 16 it may appoint and its admin.
pub const MAX_VALIDATORS_PER_STATE: u32 = 17;

/// Council seats and validators of network states.
impl pallet_state_seats::Config for Runtime {
	type Roles = crate::NetworkStates;
	type StateAdminOrigin = atlas_primitives::EnsureStateAdmin<crate::NetworkStates, AccountId>;
	type Council = crate::Council;
	type MaxSeats = ConstU32<{ crate::configs::governance::COUNCIL_MAX_MEMBERS }>;
	type Staking = StakingIntent;
	type MaxValidatorsPerState = ConstU32<MAX_VALIDATORS_PER_STATE>;
	type WeightInfo = pallet_state_seats::weights::SubstrateWeight<Runtime>;
}

/// Keep `Historical` and `Offences` referenced for GRANDPA's equivocation reports.
pub type GrandpaEquivocation =
	pallet_grandpa::EquivocationReportSystem<Runtime, Offences, Historical, ReportLongevity>;

/// Unsigned transactions the runtime creates itself (GRANDPA equivocation reports).
impl<LocalCall> frame_system::offchain::CreateTransactionBase<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	type Extrinsic = crate::UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<LocalCall> frame_system::offchain::CreateBare<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	fn create_bare(call: RuntimeCall) -> crate::UncheckedExtrinsic {
		crate::UncheckedExtrinsic::new_bare(call)
	}
}
