//! The DePIN layer: network states and roles, devices, attestations, rewards, vaults.

use crate::{
	deposit, AccountId, Attestations, Balance, BlockNumber, Deployments, Devices, Interstate,
	NetworkStates, Rewards, Runtime, RuntimeFreezeReason, RuntimeHoldReason, Vaults, ATH, DAYS,
	MILLI_SECS_PER_BLOCK,
};
use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, ConstU32},
	PalletId,
};
use sp_runtime::{traits::AccountIdConversion, Perbill};

/// A pallet's storage deposit: held from the depositor under `R`, priced by the footprint of
/// the record it pays for ([`crate::StorageDepositPrice`]: [`deposit`] of its items and bytes).
pub type StorageDeposit<R> =
	HoldConsideration<AccountId, crate::Balances, R, crate::StorageDepositPrice>;

// The hold reasons of the DePIN pallets' storage deposits.
parameter_types! {
	/// A network state record's deposit.
	pub const StateHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::NetworkStates(pallet_network_states::HoldReason::StateDeposit);
	/// A membership record's deposit.
	pub const MembershipHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::NetworkStates(pallet_network_states::HoldReason::MembershipDeposit);
	/// A recognition's (or request's) deposit.
	pub const RecognitionHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Interstate(pallet_interstate::HoldReason::RecognitionDeposit);
	/// A co-use agreement's deposit.
	pub const AgreementHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Interstate(pallet_interstate::HoldReason::AgreementDeposit);
	/// A deployment's or a blueprint's deposit (their pallet has one hold reason).
	pub const DeploymentHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Deployments(pallet_deployments::HoldReason::DeploymentDeposit);
	/// A partner program's deposit.
	pub const ProgramHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Rewards(pallet_rewards::HoldReason::ProgramDeposit);
	/// A vault's deposit.
	pub const VaultHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Vaults(pallet_vaults::HoldReason::VaultDeposit);
	/// A community-pool spend proposal's deposit.
	pub const PoolProposalHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::CommunityPools(pallet_community_pools::HoldReason::ProposalDeposit);
}

parameter_types! {
	/// Co-use agreements run at most a year at a time (extensions renew them).
	pub const MaxAgreementDuration: BlockNumber = 365 * DAYS;
	/// One device: its record (about 400 bytes with the URI at its bound), its reward route
	/// (up to 8 legs) and three index entries.
	pub const DeviceDeposit: Balance = deposit(5, 800);
}

parameter_types! {
	/// The bond of an application to become a network state, held while the state exists.
	///
	/// What a seat controls: a council super-majority suspends states, resolves challenges,
	/// tunes DePIN parameters and spends up to `MaxCouncilSpend` (100,000 ATH) per treasury
	/// spend. One bond is that spend: capturing the council of `n` established states takes
	/// `2n` more seats, so at least `2n` bonds at stake (forfeited on a rejection as abuse) and
	/// `2n` admissions that the states already seated vote on.
	pub const StateAdmissionBond: Balance = 100_000 * ATH;
}

/// Blocks an admitted state serves on probation: 28 days, or one block on networks with fast
/// governance (dev and test networks, where a test admits and then concludes at once).
pub struct StateProbation;
impl frame_support::traits::Get<BlockNumber> for StateProbation {
	fn get() -> BlockNumber {
		use super::parameters::dynamic_params::timing::FastGovernance;
		if <FastGovernance as frame_support::traits::Get<bool>>::get() {
			1
		} else {
			28 * DAYS
		}
	}
}

/// Blocks after a challenge window in which governance may resolve its challenges: 7 days (a
/// council motion or a referendum has time), or 20 blocks with fast governance.
pub struct ChallengeResolutionPeriod;
impl frame_support::traits::Get<u32> for ChallengeResolutionPeriod {
	fn get() -> u32 {
		use super::parameters::dynamic_params::timing::FastGovernance;
		if <FastGovernance as frame_support::traits::Get<bool>>::get() {
			20
		} else {
			7 * DAYS
		}
	}
}

/// Network states, their admins, stewards and the roles members hold.
impl pallet_network_states::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	// Root, a council super-majority or the DePIN parameters track.
	type GovernanceOrigin = super::governance::DepinGovernance;
	// Root, a council super-majority or the admissions track.
	type AdmissionOrigin = super::governance::StateAdmission;
	type AdmissionBond = StateAdmissionBond;
	type Probation = StateProbation;
	// Bonds of applications rejected as abuse go to the treasury.
	type Forfeit =
		frame_support::traits::tokens::imbalance::ResolveTo<TreasuryAccount, crate::Balances>;
	// The signed admin of the state, as this pallet records it.
	type StateAdminOrigin = atlas_primitives::EnsureStateAdmin<NetworkStates, AccountId>;
	// A state that still has devices, links, agreements or deployments cannot deregister.
	type Holdings = (Devices, Interstate, Deployments);
	type StateConsideration = StorageDeposit<StateHoldReason>;
	type MembershipConsideration = StorageDeposit<MembershipHoldReason>;
	type MaxNameLength = ConstU32<64>;
	type MaxUriLength = ConstU32<256>;
	type MaxMembers = ConstU32<100_000>;
	type MaxStewards = ConstU32<32>;
	type MaxValidators = ConstU32<16>;
	// Council seats and validators follow states' standing; a deregistered state loses its
	// chain-wide recognition and its community pool goes to the treasury.
	type OnStateChange = (crate::StateSeats, Interstate, crate::CommunityPools);
	type WeightInfo = pallet_network_states::weights::SubstrateWeight<Runtime>;
}

/// Recognition between states and co-use agreements on their infrastructure.
impl pallet_interstate::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	// Root, a council super-majority or the DePIN parameters track.
	type GovernanceOrigin = super::governance::DepinGovernance;
	type States = NetworkStates;
	type StateAdminOrigin = atlas_primitives::EnsureStateAdmin<NetworkStates, AccountId>;
	type Devices = Devices;
	type Deployments = Deployments;
	type RecognitionConsideration = StorageDeposit<RecognitionHoldReason>;
	type AgreementConsideration = StorageDeposit<AgreementHoldReason>;
	type MaxAgreementDuration = MaxAgreementDuration;
	// Paying a device reads the terms of its deployment's and its class's agreements.
	type MaxAgreementsPerScope = ConstU32<16>;
	type MaxHostShare = super::parameters::dynamic_params::depin::MaxHostShare;
	type WeightInfo = pallet_interstate::weights::SubstrateWeight<Runtime>;
}

/// Deployments of states' devices, blueprints and their live KPIs.
impl pallet_deployments::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type States = NetworkStates;
	type Devices = Devices;
	type Vaults = Vaults;
	type DeploymentConsideration = StorageDeposit<DeploymentHoldReason>;
	type BlueprintConsideration = StorageDeposit<DeploymentHoldReason>;
	type MaxNameLength = ConstU32<64>;
	type MaxUriLength = ConstU32<256>;
	type MaxCells = ConstU32<64>;
	type MaxModels = ConstU32<16>;
	type MaxDeploymentDevices = ConstU32<100_000>;
	// Ranking reads every blueprint: 1,000 keeps a ranked page a few milliseconds of reads.
	type MaxBlueprints = ConstU32<1_000>;
	type ClosedEpochs = ClosedEpochs;
	type WeightInfo = pallet_deployments::weights::SubstrateWeight<Runtime>;
}

/// Attestations' closed epochs, for the deployments' "devices active" KPI.
pub struct ClosedEpochs;
impl frame_support::traits::Contains<atlas_primitives::EpochIndex> for ClosedEpochs {
	fn contains(epoch: &atlas_primitives::EpochIndex) -> bool {
		<Attestations as atlas_primitives::EpochScores>::is_closed(*epoch)
	}
}

/// The device registry.
impl pallet_devices::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Roles = NetworkStates;
	// Root, a council super-majority or the DePIN parameters track.
	type GovernanceOrigin = super::governance::DepinGovernance;
	// Slashed deposits go to the treasury.
	type OnSlash =
		frame_support::traits::tokens::imbalance::ResolveTo<TreasuryAccount, crate::Balances>;
	type Rewards = Rewards;
	type Challenges = Attestations;
	type Vaults = Vaults;
	type DeviceDeposit = DeviceDeposit;
	type MaxUriLength = ConstU32<256>;
	type MaxModelNameLength = ConstU32<64>;
	type WeightInfo = pallet_devices::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const SecondsPerBlock: u32 = (MILLI_SECS_PER_BLOCK / 1000) as u32;
	/// Reports without a verifier quorum keep half their uptime points (their output earns
	/// nothing unverified).
	pub const UnverifiedDiscount: Perbill = Perbill::from_percent(50);
	/// One pool slot's bond: holding a share `f` of the pool's slots costs `f` of the pool's
	/// bonds, and wins a device's majority of five with probability about `10 f³`.
	pub const MinVerifierBond: Balance = 1_000 * ATH;
	/// Observations more than 10 % of the epoch away from the median are outliers...
	pub const OutlierTolerance: Perbill = Perbill::from_percent(10);
	/// ...and cost their verifier 10 % of its bond.
	pub const OutlierSlash: Perbill = Perbill::from_percent(10);
	pub const MissedRevealSlash: Perbill = Perbill::from_percent(1);
	pub const ChallengeBond: Balance = 10 * ATH;
	/// A fraudulent report's owner is fined three times the reward it tried to take, and at
	/// least half its device's deposit...
	pub const FraudSlash: Perbill = Perbill::from_percent(50);
	pub const FraudPenalty: u32 = 3;
	/// ...of which half pays its challengers; the rest goes to the treasury.
	pub const WinnersShare: Perbill = Perbill::from_percent(50);
}

/// Epochs, device-signed reports, verifier observations, challenges. Epoch timing is genesis
/// state (an hour on the local testnet, a minute on the dev chain).
impl pallet_attestations::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Roles = NetworkStates;
	type Devices = Devices;
	// Root, a council super-majority or the DePIN parameters track.
	type GovernanceOrigin = super::governance::DepinGovernance;
	// Slashed bonds go to the treasury.
	type OnSlash =
		frame_support::traits::tokens::imbalance::ResolveTo<TreasuryAccount, crate::Balances>;
	type SecondsPerBlock = SecondsPerBlock;
	// Five verifiers drawn per device and epoch; three agreeing are a quorum.
	type VerifiersPerDevice = ConstU32<5>;
	type MaxVerifiers = ConstU32<4_096>;
	type MaxBatch = ConstU32<1000>;
	// An operator's batch normally holds devices of one state.
	type MaxStatesPerBatch = ConstU32<8>;
	type UnverifiedDiscount = UnverifiedDiscount;
	type MinVerifierBond = MinVerifierBond;
	type OutlierTolerance = OutlierTolerance;
	type OutlierSlash = OutlierSlash;
	type MissedRevealSlash = MissedRevealSlash;
	type ChallengeBond = ChallengeBond;
	type FraudSlash = FraudSlash;
	type FraudPenalty = FraudPenalty;
	type WinnersShare = WinnersShare;
	type MaxChallengers = ConstU32<8>;
	type Rewards = Rewards;
	type ResolutionPeriod = ChallengeResolutionPeriod;
	// Thirty days of hourly epochs.
	type RetentionEpochs = ConstU32<720>;
	type OnReport = Rewards;
	type OnDelivery = Deployments;
	type WeightInfo = pallet_attestations::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const RewardsPalletId: PalletId = PalletId(*b"atl/rwds");
	/// The account `pallet-treasury` uses by default, so the treasury pallet takes it over.
	pub TreasuryAccount: AccountId = PalletId(*b"py/trsry").into_account_truncating();
	/// 365.25 days.
	pub const BlocksPerYear: u32 = DAYS * 36_525 / 100;
	pub const StakeUnbonding: BlockNumber = 7 * DAYS;
	pub const MaxVerifierShare: Perbill = Perbill::from_percent(20);
}

/// Emission under the monetary policy, lazy settlement, reward routes, partner programs.
impl pallet_rewards::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = crate::Assets;
	type Devices = Devices;
	type Scores = Attestations;
	type Verifiers = Attestations;
	// Governance may give verifiers up to a fifth of the devices' emission.
	type MaxVerifierShare = MaxVerifierShare;
	type Roles = NetworkStates;
	type Policy = atlas_inflation::DecayingInflation;
	type Sink = Vaults;
	type OnRewardPaid = Deployments;
	type CoUse = Interstate;
	// Root, a council super-majority or the DePIN parameters track.
	type GovernanceOrigin = super::governance::DepinGovernance;
	type PalletId = RewardsPalletId;
	type Treasury = TreasuryAccount;
	type BlocksPerYear = BlocksPerYear;
	// Helium's breaker: an epoch may mint at most 5x the previous one.
	type BreakerMultiple = ConstU32<5>;
	// 28 days of hourly epochs: below the attestations' 30 days, whose points claims read.
	type RetentionEpochs = ConstU32<672>;
	// A week of hourly epochs between claims.
	type MaxPendingEpochs = ConstU32<168>;
	// As many epochs as a device may leave unpaid; anyone may claim a vault's devices.
	type MaxVaultEpochs = ConstU32<168>;
	// Two days of a vault device's epochs (far past the two-hour challenge window): one
	// device that is never settled holds at most this many of its vault's epochs.
	type MaxVaultEpochsPerDevice = ConstU32<48>;
	type MaxPrograms = ConstU32<8>;
	// A partner program runs at most 90 days of hourly epochs (then its sponsor renews it).
	type MaxProgramEpochs = ConstU32<2_160>;
	type MaxClaimDevices = ConstU32<100>;
	type MaxSettlePerClaim = ConstU32<1_000>;
	type ProgramConsideration = StorageDeposit<ProgramHoldReason>;
	type StakeUnbonding = StakeUnbonding;
	type WeightInfo = pallet_rewards::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AssetsBenchmarkHelper;
}

/// Creates `pallet-assets` assets for the rewards benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct AssetsBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_rewards::BenchmarkHelper<u32, AccountId> for AssetsBenchmarkHelper {
	fn create_asset(seed: u32, issuer: &AccountId) -> u32 {
		use frame_support::traits::fungibles::Create;
		let _ = <crate::Assets as Create<AccountId>>::create(seed, issuer.clone(), true, 1);
		seed
	}
}

/// Vault share tokens take `pallet-assets` ids from here up; accounts may create assets only
/// below it (see `configs::EnsureSignedBelowShares`), so no one can take a vault's share id.
pub const VAULT_SHARES_FROM: u32 = 1 << 31;

/// Vault `n`'s share token: `VAULT_SHARES_FROM + n`.
pub struct VaultShareAsset;
impl sp_runtime::traits::Convert<atlas_primitives::VaultId, u32> for VaultShareAsset {
	fn convert(vault: atlas_primitives::VaultId) -> u32 {
		VAULT_SHARES_FROM | (vault & (VAULT_SHARES_FROM - 1))
	}
}

/// Share tokens that voted are frozen until the vote ends (the vaults pallet keeps the votes).
pub struct VaultShareFreezer;
impl pallet_assets::FrozenBalance<u32, AccountId, Balance> for VaultShareFreezer {
	fn frozen_balance(asset: u32, who: &AccountId) -> Option<Balance> {
		if asset < VAULT_SHARES_FROM {
			return None;
		}
		Vaults::frozen_shares(asset, who)
	}
	fn died(_: u32, _: &AccountId) {}
	fn contains_freezes(asset: u32) -> bool {
		asset >= VAULT_SHARES_FROM && Vaults::has_votes(asset)
	}
}

parameter_types! {
	pub const VaultsPalletId: PalletId = PalletId(*b"atl/vlts");
	/// A proposal record.
	pub const VaultProposalDeposit: Balance = deposit(1, 160);
	pub const MinVaultSeed: Balance = ATH;
	/// One minute: lets the dev chain's tests vote quickly; vaults set their own period.
	pub const MinVotingPeriod: BlockNumber = 10;
	pub const MaxVotingPeriod: BlockNumber = 30 * DAYS;
	/// A vault locks redemptions for at most half a year ahead.
	pub const MaxVaultLockUp: BlockNumber = 180 * DAYS;
}

/// Vaults: tokenized reward streams owned and governed by their holders.
impl pallet_vaults::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = crate::Assets;
	type ShareAssetId = VaultShareAsset;
	type Roles = NetworkStates;
	type StateAdminOrigin = atlas_primitives::EnsureStateAdmin<NetworkStates, AccountId>;
	type Devices = Devices;
	type Yield = Rewards;
	type PalletId = VaultsPalletId;
	type VaultConsideration = StorageDeposit<VaultHoldReason>;
	type MinSeed = MinVaultSeed;
	type ProposalDeposit = VaultProposalDeposit;
	type MinVotingPeriod = MinVotingPeriod;
	type MaxVotingPeriod = MaxVotingPeriod;
	type MaxNameLength = ConstU32<32>;
	type MaxSponsors = ConstU32<16>;
	type MaxDevices = ConstU32<100>;
	type MaxProposals = ConstU32<16>;
	// Each open proposal is backed by 1 % of the voting shares: keeping all 16 slots full takes
	// 16 % of the vault, not 16 deposits.
	type MinProposalShare = MinVaultProposalShare;
	type Custody = Devices;
	// One purchase buys up to 20 devices; a vault runs up to 4 at once.
	type MaxPurchaseDevices = ConstU32<20>;
	type MaxPurchases = ConstU32<4>;
	type MaxVotes = ConstU32<16>;
	type MaxLockUp = MaxVaultLockUp;
	type WeightInfo = pallet_vaults::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const MinVaultProposalShare: Perbill = Perbill::from_percent(1);
}

/// The least aye stake any community-pool proposal needs, however few vote against it: 1,000
/// ATH, or a hundredth of an ATH on networks with fast governance (where a test's citizen earns
/// its stake from one epoch of one device).
pub struct MinPoolApprovalStake;
impl frame_support::traits::Get<Balance> for MinPoolApprovalStake {
	fn get() -> Balance {
		use super::parameters::dynamic_params::timing::FastGovernance;
		if <FastGovernance as frame_support::traits::Get<bool>>::get() {
			ATH / 100
		} else {
			1_000 * ATH
		}
	}
}

/// How long citizens vote on a community-pool spend: 5 days, or 10 blocks on networks with fast
/// governance. Always shorter than the governance stake's unbonding ([`StakeUnbonding`], 7
/// days), so stake that voted cannot be withdrawn and vote again through another account before
/// the vote ends (a runtime test checks the order).
pub struct PoolVotingPeriod;
impl frame_support::traits::Get<BlockNumber> for PoolVotingPeriod {
	fn get() -> BlockNumber {
		use super::parameters::dynamic_params::timing::FastGovernance;
		if <FastGovernance as frame_support::traits::Get<bool>>::get() {
			10
		} else {
			5 * DAYS
		}
	}
}

/// A state's community pool, spent by a vote of its citizens weighted by governance stake.
impl pallet_community_pools::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Roles = NetworkStates;
	type Pools = Rewards;
	type Stake = Rewards;
	// A state invests as a state: its pool deposits, redeems and votes vault shares.
	type Investments = Vaults;
	type ProposalConsideration = StorageDeposit<PoolProposalHoldReason>;
	type VotingPeriod = PoolVotingPeriod;
	type MaxOpenProposals = ConstU32<16>;
	type MaxVoters = ConstU32<1_000>;
	type MinApprovalStake = MinPoolApprovalStake;
	type Treasury = TreasuryAccount;
	type WeightInfo = pallet_community_pools::weights::SubstrateWeight<Runtime>;
}
