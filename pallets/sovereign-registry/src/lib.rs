//! # Sovereign registry
//!
//! Network states (sovereign communities) register here, appoint their stewards and give their
//! members roles: Citizen, Operator, Verifier, Steward, Validator. Other pallets learn about states
//! and roles only through [`atlas_primitives::RoleProvider`], which this pallet implements.
//!
//! ## Who may do what
//! - Any signed account registers a state (name, metadata URI, admin) against a held deposit.
//! - The admin updates the state, hands the admin role over (two steps: propose, then the new
//!   admin accepts and takes over the deposit) and deregisters the state once it has no devices
//!   and no members; the deposit is returned.
//! - The admin appoints stewards and validators; the admin or a steward grants and revokes the
//!   Citizen, Operator and Verifier roles. Whoever creates a membership record pays its deposit,
//!   returned when the account's last role goes. Members may renounce a role themselves.
//! - Governance ([`Config::GovernanceOrigin`]) suspends and restores states. A suspended state
//!   is not active: its devices earn nothing and no device may join it.
//!
//! ## Recognition
//! States recognise each other: the admin of a state asks another to recognise it
//! ([`Pallet::request_recognition`], deposit held); the other's admin accepts or declines;
//! either side withdraws a recognition (or the asker its request) and the deposit returns.
//! Recognition is what lets one state's citizens use, verify or co-invest in another's
//! infrastructure. Governance may also recognise a state chain-wide. Both directions are
//! queryable without vectors: [`Recognitions`] by recogniser, [`RecognisedBy`] by recognised.
//!
//! ## Deployments and blueprints
//! A deployment is a named group of a state's devices (metadata, H3 cells, optionally the vault
//! that funds it), created by the state's admin or a steward against a deposit. A device joins
//! or leaves through its owner or a steward of its state, and is in at most one deployment. A
//! blueprint is a reusable model of a deployment (device mix, hardware models, expected output
//! per epoch, cost, a playbook URI), published by a state; a state that replicates it records an
//! adoption linking its deployment to the blueprint.
//!
//! ## Live KPIs
//! Attestations tell this pallet every device's verified delivery as its report is accepted and
//! whenever it changes ([`atlas_primitives::OnDelivery`]); rewards tell it every payment
//! ([`atlas_primitives::OnRewardPaid`]). Each lands in O(1) on the device's deployment
//! ([`DeploymentKpis`]) and on the blueprint that deployment counts toward ([`BlueprintKpis`]):
//! the one it adopted or the one drawn from it (one per deployment). A blueprint's KPIs are the
//! sum over those deployments; `try_state` checks it. Ranking reads every blueprint, so their
//! number is bounded by [`Config::MaxBlueprints`].
//!
//! ## Co-use agreements
//! A state's admin grants a state it recognises usage rights on one of its deployments or a
//! device class ([`Pallet::grant_usage`], deposit held), for a bounded time, with a host share:
//! while the agreement is in force, that share of every non-vault leg of the covered devices'
//! rewards goes to the host's community pool ([`atlas_primitives::CoUseTerms`], read by rewards
//! when it pays). Either state's admin ends it early; anyone removes it once it ran out.
//!
//! Lookups are O(1): a membership is one double-map entry keyed by state and account, holding a
//! role bit set. Per-state counts are bounded by [`Config::MaxMembers`], [`Config::MaxStewards`]
//! and [`Config::MaxValidators`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_agreements;
mod impl_deployments;
mod impl_kpis;
mod impl_recognition;
mod impl_role_provider;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// The entries of the double map `M` under `k1` that come after `(k1, cursor)`: one page's
/// worth is taken by the caller (the pagers of this pallet share this).
pub(crate) fn entries_after<M, K1, K2, V>(k1: K1, cursor: Option<K2>) -> M::PrefixIterator
where
	M: frame_support::storage::IterableStorageDoubleMap<K1, K2, V>,
	K1: codec::FullCodec + Clone,
	K2: codec::FullCodec,
	V: codec::FullCodec,
{
	match cursor {
		Some(after) => M::iter_prefix_from(k1.clone(), M::hashed_key_for(k1, after)),
		None => M::iter_prefix(k1),
	}
}

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::sovereign-registry";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use atlas_primitives::{
		DeviceId, DeviceRegistry, EpochIndex, KpiKind, KpiView, OnStateChange, Page, RewardSink,
		Role, RoleSet, StateAssets, StateId,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			tokens::Precision,
			Contains,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{StaticLookup, Zero},
		Perbill, Saturating,
	};

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A stored network state.
	pub type NetworkStateOf<T> = NetworkState<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		BoundedVec<u8, <T as Config>::MaxNameLength>,
		BoundedVec<u8, <T as Config>::MaxUriLength>,
	>;

	/// A stored membership.
	pub type MembershipOf<T> = Membership<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

	/// A stored deployment.
	pub type DeploymentOf<T> = Deployment<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		<T as Config>::MaxNameLength,
		<T as Config>::MaxUriLength,
		<T as Config>::MaxCells,
	>;

	/// A stored blueprint.
	pub type BlueprintOf<T> = Blueprint<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		<T as Config>::MaxNameLength,
		<T as Config>::MaxUriLength,
		<T as Config>::MaxModels,
	>;

	/// A blueprint as published.
	pub type BlueprintSpecOf<T> = BlueprintSpec<BalanceOf<T>>;

	/// A stored co-use agreement.
	pub type AgreementOf<T> =
		Agreement<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

	/// A stored recognition or request.
	pub type LinkOf<T> =
		Link<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

	type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the sovereign registry.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// May suspend and restore states.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// What states own elsewhere (devices): a state that owns any cannot deregister.
		type StateAssets: StateAssets;

		/// Deposit held for a registered state.
		#[pallet::constant]
		type StateDeposit: Get<BalanceOf<Self>>;

		/// Deposit held for one membership record (an account holding roles in a state).
		#[pallet::constant]
		type MembershipDeposit: Get<BalanceOf<Self>>;

		/// Deposit held from the asking state's admin for a recognition (and its request).
		#[pallet::constant]
		type RecognitionDeposit: Get<BalanceOf<Self>>;

		/// The registered devices (deployments group them).
		type Devices: DeviceRegistry<Self::AccountId, BalanceOf<Self>>;

		/// The vaults (a deployment may name the one that funds it).
		type Vaults: RewardSink<Self::AccountId, BalanceOf<Self>>;

		/// Deposit held for a deployment.
		#[pallet::constant]
		type DeploymentDeposit: Get<BalanceOf<Self>>;

		/// Deposit held for a blueprint.
		#[pallet::constant]
		type BlueprintDeposit: Get<BalanceOf<Self>>;

		/// Most H3 cells of a deployment.
		#[pallet::constant]
		type MaxCells: Get<u32>;

		/// Most hardware models of a blueprint.
		#[pallet::constant]
		type MaxModels: Get<u32>;

		/// Most devices in one deployment.
		#[pallet::constant]
		type MaxDeploymentDevices: Get<u32>;

		/// Most blueprints at once (ranking them reads them all).
		#[pallet::constant]
		type MaxBlueprints: Get<u32>;

		/// Which epochs are closed (their device counts are final): "devices active" counts the
		/// latest closed one.
		type ClosedEpochs: Contains<EpochIndex>;

		/// Deposit held from the host admin for a co-use agreement.
		#[pallet::constant]
		type AgreementDeposit: Get<BalanceOf<Self>>;

		/// The longest a co-use agreement may run (at a grant or an extension), in blocks.
		#[pallet::constant]
		type MaxAgreementDuration: Get<BlockNumberFor<Self>>;

		/// Most agreements covering one scope (a deployment or a state's device class) at once:
		/// paying a device reads them all.
		#[pallet::constant]
		type MaxAgreementsPerScope: Get<u32>;

		/// Longest state name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Longest metadata URI, in bytes.
		#[pallet::constant]
		type MaxUriLength: Get<u32>;

		/// Most accounts holding roles in one state.
		#[pallet::constant]
		type MaxMembers: Get<u32>;

		/// Most stewards of one state.
		#[pallet::constant]
		type MaxStewards: Get<u32>;

		/// Most validators one state may appoint.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Told when a state becomes active or inactive, changes admin or loses a validator, so
		/// chain-level seats (the council, the validator set) follow the registry.
		type OnStateChange: OnStateChange<Self::AccountId>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a registered network state.
		StateDeposit,
		/// The deposit of a membership record.
		MembershipDeposit,
		/// The deposit of a recognition or a request for one.
		RecognitionDeposit,
		/// The deposit of a deployment or a blueprint.
		RegistryDeposit,
		/// The deposit of a co-use agreement.
		AgreementDeposit,
	}

	/// The id the next registered state gets.
	#[pallet::storage]
	pub type NextStateId<T: Config> = StorageValue<_, StateId, ValueQuery>;

	/// Registered network states.
	#[pallet::storage]
	pub type States<T: Config> = StorageMap<_, Twox64Concat, StateId, NetworkStateOf<T>>;

	/// How many states are registered and active (for the network overview).
	#[pallet::storage]
	pub type Tally<T: Config> = StorageValue<_, atlas_primitives::StateTally, ValueQuery>;

	/// The account a state's admin proposed as the next admin, until it accepts.
	#[pallet::storage]
	pub type PendingAdmin<T: Config> = StorageMap<_, Twox64Concat, StateId, T::AccountId>;

	/// The roles an account holds in a state.
	#[pallet::storage]
	pub type Members<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StateId, Blake2_128Concat, T::AccountId, MembershipOf<T>>;

	/// Requests for recognition not answered yet: by the state asked, then the state asking.
	#[pallet::storage]
	pub type RecognitionRequests<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StateId, Twox64Concat, StateId, LinkOf<T>>;

	/// Recognitions: by the recognising state, then the recognised state.
	#[pallet::storage]
	pub type Recognitions<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StateId, Twox64Concat, StateId, LinkOf<T>>;

	/// The same recognitions the other way round: by the recognised state, then the recognising
	/// state (who recognises a state).
	#[pallet::storage]
	pub type RecognisedBy<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StateId, Twox64Concat, StateId, ()>;

	/// States governance recognised chain-wide, and since when.
	#[pallet::storage]
	pub type ChainRecognised<T: Config> = StorageMap<_, Twox64Concat, StateId, BlockNumberFor<T>>;

	/// The id the next deployment gets.
	#[pallet::storage]
	pub type NextDeploymentId<T: Config> = StorageValue<_, DeploymentId, ValueQuery>;

	/// Deployments.
	#[pallet::storage]
	pub type Deployments<T: Config> = StorageMap<_, Twox64Concat, DeploymentId, DeploymentOf<T>>;

	/// Deployments by state.
	#[pallet::storage]
	pub type StateDeployments<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StateId, Twox64Concat, DeploymentId, ()>;

	/// Devices by deployment.
	#[pallet::storage]
	pub type DeploymentDevices<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DeploymentId, Twox64Concat, DeviceId, ()>;

	/// Blueprints by publishing state.
	#[pallet::storage]
	pub type StateBlueprints<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StateId, Twox64Concat, BlueprintId, ()>;

	/// The deployment each device is in (at most one).
	#[pallet::storage]
	pub type DeviceDeployment<T: Config> = StorageMap<_, Twox64Concat, DeviceId, DeploymentId>;

	/// The id the next blueprint gets.
	#[pallet::storage]
	pub type NextBlueprintId<T: Config> = StorageValue<_, BlueprintId, ValueQuery>;

	/// Blueprints.
	#[pallet::storage]
	pub type Blueprints<T: Config> = StorageMap<_, Twox64Concat, BlueprintId, BlueprintOf<T>>;

	/// Adoptions: by blueprint, the deployments that replicate it.
	#[pallet::storage]
	pub type Adoptions<T: Config> =
		StorageDoubleMap<_, Twox64Concat, BlueprintId, Twox64Concat, DeploymentId, ()>;

	/// Live KPIs of each deployment (one entry per deployment).
	#[pallet::storage]
	pub type DeploymentKpis<T: Config> =
		StorageMap<_, Twox64Concat, DeploymentId, DeploymentKpi, ValueQuery>;

	/// Live KPIs of each blueprint (one entry per blueprint).
	#[pallet::storage]
	pub type BlueprintKpis<T: Config> =
		StorageMap<_, Twox64Concat, BlueprintId, BlueprintKpi, ValueQuery>;

	/// How many blueprints exist (at most [`Config::MaxBlueprints`]).
	#[pallet::storage]
	pub type BlueprintCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The id the next co-use agreement gets.
	#[pallet::storage]
	pub type NextAgreementId<T: Config> = StorageValue<_, AgreementId, ValueQuery>;

	/// Co-use agreements.
	#[pallet::storage]
	pub type Agreements<T: Config> = StorageMap<_, Twox64Concat, AgreementId, AgreementOf<T>>;

	/// Agreements by host state.
	#[pallet::storage]
	pub type HostAgreements<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StateId, Twox64Concat, AgreementId, ()>;

	/// Agreements by guest state.
	#[pallet::storage]
	pub type GuestAgreements<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StateId, Twox64Concat, AgreementId, ()>;

	/// The agreement of a (host, guest) pair for a scope: at most one at a time.
	#[pallet::storage]
	pub type AgreementOfScope<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		(StateId, StateId),
		Twox64Concat,
		UsageScope,
		AgreementId,
	>;

	/// The terms of the agreements covering each scope of a host state: (agreement, host share,
	/// end). Paying a covered device reads them to find the host's share.
	#[pallet::storage]
	pub type ScopeTerms<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		StateId,
		Twox64Concat,
		UsageScope,
		BoundedVec<(AgreementId, Perbill, BlockNumberFor<T>), T::MaxAgreementsPerScope>,
		ValueQuery,
	>;

	/// How many recognitions and requests each state takes part in (on either side): a state
	/// with any cannot deregister.
	#[pallet::storage]
	pub type LinkCount<T: Config> = StorageMap<_, Twox64Concat, StateId, u32, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A network state registered.
		StateRegistered {
			/// Its id.
			state: StateId,
			/// Its admin.
			admin: T::AccountId,
			/// Who paid the deposit.
			depositor: T::AccountId,
			/// The deposit held.
			deposit: BalanceOf<T>,
		},
		/// A state's name or metadata URI changed.
		StateUpdated {
			/// The state.
			state: StateId,
		},
		/// A state's admin proposed a successor, who must accept.
		AdminTransferProposed {
			/// The state.
			state: StateId,
			/// The current admin.
			admin: T::AccountId,
			/// The proposed admin.
			proposed: T::AccountId,
		},
		/// A state's admin role changed hands; the deposit moved to the new admin.
		AdminTransferred {
			/// The state.
			state: StateId,
			/// The previous admin.
			from: T::AccountId,
			/// The new admin.
			to: T::AccountId,
		},
		/// A state deregistered and its deposit was returned.
		StateDeregistered {
			/// The state.
			state: StateId,
			/// Who got the deposit back.
			depositor: T::AccountId,
			/// The deposit returned.
			deposit: BalanceOf<T>,
		},
		/// An account received a role in a state.
		RoleGranted {
			/// The state.
			state: StateId,
			/// The account.
			who: T::AccountId,
			/// The role.
			role: Role,
			/// The admin or steward who granted it.
			by: T::AccountId,
		},
		/// An account lost a role in a state (revoked, or renounced when `by` is `who`).
		RoleRevoked {
			/// The state.
			state: StateId,
			/// The account.
			who: T::AccountId,
			/// The role.
			role: Role,
			/// Who revoked it.
			by: T::AccountId,
		},
		/// Governance suspended a state.
		StateSuspended {
			/// The state.
			state: StateId,
		},
		/// Governance restored a suspended state.
		StateRestored {
			/// The state.
			state: StateId,
		},
		/// A state asked another to recognise it.
		RecognitionRequested {
			/// The state asking.
			state: StateId,
			/// The state asked.
			by: StateId,
		},
		/// A state recognised another.
		Recognised {
			/// The recognised state.
			state: StateId,
			/// The recognising state.
			by: StateId,
		},
		/// A state declined another's request.
		RecognitionDeclined {
			/// The state that asked.
			state: StateId,
			/// The state that declined.
			by: StateId,
		},
		/// A recognition (or a request) was withdrawn; its deposit returned.
		RecognitionWithdrawn {
			/// The recognised (or asking) state.
			state: StateId,
			/// The recognising (or asked) state.
			by: StateId,
			/// The state whose admin withdrew it.
			withdrawn_by: StateId,
		},
		/// A deployment was created.
		DeploymentCreated {
			/// The deployment.
			deployment: DeploymentId,
			/// Its state.
			state: StateId,
			/// Who created it.
			by: T::AccountId,
		},
		/// A device joined a deployment.
		DeviceJoined {
			/// The deployment.
			deployment: DeploymentId,
			/// The device.
			device: DeviceId,
		},
		/// A device left a deployment.
		DeviceLeft {
			/// The deployment.
			deployment: DeploymentId,
			/// The device.
			device: DeviceId,
		},
		/// A deployment was closed; its deposit returned.
		DeploymentClosed {
			/// The deployment.
			deployment: DeploymentId,
		},
		/// A state published a blueprint.
		BlueprintPublished {
			/// The blueprint.
			blueprint: BlueprintId,
			/// The publishing state.
			state: StateId,
			/// The deployment it was drawn from, if any.
			source: Option<DeploymentId>,
		},
		/// A deployment adopted a blueprint.
		BlueprintAdopted {
			/// The blueprint.
			blueprint: BlueprintId,
			/// The adopting deployment.
			deployment: DeploymentId,
			/// The adopting state.
			state: StateId,
		},
		/// A blueprint nobody adopted was retired; its deposit returned.
		BlueprintRetired {
			/// The blueprint.
			blueprint: BlueprintId,
		},
		/// A host state granted a recognised state usage rights.
		UsageGranted {
			/// The agreement.
			agreement: AgreementId,
			/// The state whose infrastructure is used.
			host: StateId,
			/// The state whose citizens may use it.
			guest: StateId,
			/// What may be used.
			scope: UsageScope,
			/// The share of the covered devices' rewards that goes to the host's pool.
			host_share: Perbill,
			/// The block it ends.
			ends: BlockNumberFor<T>,
		},
		/// An agreement runs longer.
		AgreementExtended {
			/// The agreement.
			agreement: AgreementId,
			/// The block it now ends.
			ends: BlockNumberFor<T>,
		},
		/// An agreement was ended early by one of its states.
		AgreementEnded {
			/// The agreement.
			agreement: AgreementId,
			/// The state that ended it.
			by: StateId,
		},
		/// An agreement ran out and was removed; its deposit returned.
		AgreementExpired {
			/// The agreement.
			agreement: AgreementId,
		},
		/// Governance recognised a state chain-wide, or withdrew that.
		ChainRecognitionSet {
			/// The state.
			state: StateId,
			/// Whether it is recognised chain-wide now.
			recognised: bool,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No state has this id.
		StateNotFound,
		/// Only the state's admin may do this.
		NotAdmin,
		/// Only the state's admin or one of its stewards may do this.
		NotAdminOrSteward,
		/// The name is empty.
		EmptyName,
		/// The name is longer than `MaxNameLength`.
		NameTooLong,
		/// The metadata URI is longer than `MaxUriLength`.
		UriTooLong,
		/// The update changes nothing.
		NothingToUpdate,
		/// The signer cannot afford the deposit (it must stay above the existential deposit).
		CannotAffordDeposit,
		/// No admin transfer is pending for this state.
		NoPendingAdmin,
		/// Only the proposed admin may accept the admin role.
		NotPendingAdmin,
		/// The proposed admin already is the admin.
		AlreadyAdmin,
		/// The state still has devices registered.
		StateHasDevices,
		/// The state still has members; revoke their roles first.
		StateHasMembers,
		/// The state is suspended.
		StateSuspended,
		/// The state is not suspended.
		StateNotSuspended,
		/// The account already holds this role in this state.
		RoleAlreadyHeld,
		/// The account does not hold this role in this state.
		RoleNotHeld,
		/// The state has `MaxMembers` members.
		TooManyMembers,
		/// The state has `MaxStewards` stewards.
		TooManyStewards,
		/// The state has `MaxValidators` validators.
		TooManyValidators,
		/// Every state id is taken.
		StateIdsExhausted,
		/// A state cannot recognise itself.
		CannotRecogniseSelf,
		/// The state already recognises this one.
		AlreadyRecognised,
		/// This state already asked that one.
		AlreadyRequested,
		/// No such request.
		RequestNotFound,
		/// Neither state recognises the other, and no request is pending between them.
		NotRecognised,
		/// The state takes part in recognitions or requests; withdraw them first.
		StateHasRecognitions,
		/// Chain-wide recognition already is as asked.
		ChainRecognitionUnchanged,
		/// An H3 cell is not valid.
		BadCell,
		/// More H3 cells than `MaxCells`.
		TooManyCells,
		/// The vault does not exist.
		UnknownVault,
		/// Every id is taken.
		IdsExhausted,
		/// No deployment has this id.
		DeploymentNotFound,
		/// No device has this id.
		DeviceNotFound,
		/// Only the device's owner or a steward of its state may do this.
		NotOwnerOrSteward,
		/// The device belongs to another state than the deployment.
		DeviceOfOtherState,
		/// The device is in this deployment already.
		AlreadyInDeployment,
		/// The device is in another deployment.
		InOtherDeployment,
		/// The device is not in this deployment.
		NotInDeployment,
		/// The deployment has `MaxDeploymentDevices` devices.
		DeploymentFull,
		/// The deployment still has devices.
		DeploymentHasDevices,
		/// A blueprint needs at least one device.
		EmptyDeviceMix,
		/// More hardware models than `MaxModels`.
		TooManyModels,
		/// The deployment belongs to another state.
		DeploymentOfOtherState,
		/// No blueprint has this id.
		BlueprintNotFound,
		/// The deployment adopted a blueprint already.
		AlreadyAdopted,
		/// A blueprint's own source deployment cannot adopt it.
		AdoptingOwnSource,
		/// Deployments adopted the blueprint; it stays.
		BlueprintAdopted,
		/// The state has deployments or blueprints; close or retire them first.
		StateHasDeployments,
		/// The deployment already counts toward a blueprint (it adopted one or one was drawn
		/// from it).
		DeploymentInBlueprint,
		/// [`Config::MaxBlueprints`] blueprints exist.
		TooManyBlueprints,
		/// A state cannot grant usage rights to itself.
		CannotAgreeWithSelf,
		/// The host state does not recognise the guest state.
		GuestNotRecognised,
		/// The duration is zero or longer than [`Config::MaxAgreementDuration`].
		BadDuration,
		/// The two states already have an agreement for this scope.
		AgreementExists,
		/// No such agreement.
		AgreementNotFound,
		/// Only the admin of the host or the guest state may end an agreement.
		NotAgreementParty,
		/// The agreement has not run out yet.
		AgreementNotExpired,
		/// The agreement has run out (remove it with `expire_agreement`).
		AgreementExpired,
		/// The state hosts or is a guest in co-use agreements.
		StateHasAgreements,
		/// [`Config::MaxAgreementsPerScope`] agreements already cover this scope.
		TooManyAgreements,
	}

	/// Network states registered at genesis (a testnet's founding states).
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(name, admin, validators)`: each state is registered by its admin, who pays its
		/// deposit and the validators' membership deposits; the validators get the Validator role.
		pub states: Vec<(Vec<u8>, T::AccountId, Vec<T::AccountId>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// Genesis cannot return an error: a state the config cannot register aborts it.
			for (name, admin, validators) in &self.states {
				let state = NextStateId::<T>::get();
				let signed = || frame_system::RawOrigin::Signed(admin.clone()).into();
				Pallet::<T>::register_state(
					signed(),
					name.clone(),
					Vec::new(),
					T::Lookup::unlookup(admin.clone()),
				)
				.expect("a genesis state registers (its admin can pay the deposit)");
				for v in validators.iter().filter(|v| *v != admin) {
					Pallet::<T>::grant_role(
						signed(),
						state,
						T::Lookup::unlookup(v.clone()),
						Role::Validator,
					)
					.expect("a genesis validator is appointed");
				}
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLength::get() > 0, "MaxNameLength must be positive");
			assert!(T::MaxMembers::get() > 0, "MaxMembers must be positive");
			assert!(
				T::MaxStewards::get() <= T::MaxMembers::get()
					&& T::MaxValidators::get() <= T::MaxMembers::get(),
				"MaxStewards and MaxValidators are at most MaxMembers"
			);
			assert!(T::MaxBlueprints::get() > 0, "MaxBlueprints must be positive");
			assert!(
				!T::MaxAgreementDuration::get().is_zero(),
				"MaxAgreementDuration must be positive"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a network state administered by `admin`. The signer pays
		/// [`Config::StateDeposit`], held until the state deregisters (or moves to a new admin
		/// who accepts the role).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_state().saturating_add(T::OnStateChange::weight()))]
		pub fn register_state(
			origin: OriginFor<T>,
			name: Vec<u8>,
			metadata_uri: Vec<u8>,
			admin: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let depositor = ensure_signed(origin)?;
			let admin = T::Lookup::lookup(admin)?;
			let name = Self::bounded_name(name)?;
			let metadata_uri = Self::bounded_uri(metadata_uri)?;
			let state = NextStateId::<T>::get();
			let next = state.checked_add(1).ok_or(Error::<T>::StateIdsExhausted)?;
			let deposit = T::StateDeposit::get();
			T::Currency::hold(&HoldReason::StateDeposit.into(), &depositor, deposit)
				.map_err(|_| Error::<T>::CannotAffordDeposit)?;
			States::<T>::insert(
				state,
				NetworkState {
					name,
					metadata_uri,
					admin: admin.clone(),
					depositor: depositor.clone(),
					deposit,
					status: StateStatus::Active,
					registered_at: frame_system::Pallet::<T>::block_number(),
					roles: RoleCounts::default(),
				},
			);
			NextStateId::<T>::put(next);
			Tally::<T>::mutate(|t| {
				t.registered.saturating_inc();
				t.active.saturating_inc();
			});
			T::OnStateChange::on_active(state, &admin);
			Self::deposit_event(Event::StateRegistered { state, admin, depositor, deposit });
			Ok(())
		}

		/// Changes a state's name and/or metadata URI. Admin only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_state())]
		pub fn update_state(
			origin: OriginFor<T>,
			state: StateId,
			name: Option<Vec<u8>>,
			metadata_uri: Option<Vec<u8>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(name.is_some() || metadata_uri.is_some(), Error::<T>::NothingToUpdate);
			let name = name.map(Self::bounded_name).transpose()?;
			let metadata_uri = metadata_uri.map(Self::bounded_uri).transpose()?;
			States::<T>::try_mutate(state, |maybe| -> DispatchResult {
				let info = maybe.as_mut().ok_or(Error::<T>::StateNotFound)?;
				ensure!(info.admin == who, Error::<T>::NotAdmin);
				if let Some(name) = name {
					info.name = name;
				}
				if let Some(uri) = metadata_uri {
					info.metadata_uri = uri;
				}
				Ok(())
			})?;
			Self::deposit_event(Event::StateUpdated { state });
			Ok(())
		}

		/// Proposes `new_admin` as the state's admin. Nothing changes until `new_admin` calls
		/// [`Pallet::accept_admin`]; a later proposal replaces this one. Admin only.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::transfer_admin())]
		pub fn transfer_admin(
			origin: OriginFor<T>,
			state: StateId,
			new_admin: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let new_admin = T::Lookup::lookup(new_admin)?;
			let info = Self::admin_state(state, &who)?;
			ensure!(info.admin != new_admin, Error::<T>::AlreadyAdmin);
			PendingAdmin::<T>::insert(state, &new_admin);
			Self::deposit_event(Event::AdminTransferProposed {
				state,
				admin: who,
				proposed: new_admin,
			});
			Ok(())
		}

		/// Accepts the admin role proposed to the signer. The state's deposit is held from the
		/// signer and released to whoever paid it before.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::accept_admin().saturating_add(T::OnStateChange::weight()))]
		pub fn accept_admin(origin: OriginFor<T>, state: StateId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut info = States::<T>::get(state).ok_or(Error::<T>::StateNotFound)?;
			let pending = PendingAdmin::<T>::get(state).ok_or(Error::<T>::NoPendingAdmin)?;
			ensure!(pending == who, Error::<T>::NotPendingAdmin);
			let reason = HoldReason::StateDeposit.into();
			if info.depositor != who {
				T::Currency::hold(&reason, &who, info.deposit)
					.map_err(|_| Error::<T>::CannotAffordDeposit)?;
				T::Currency::release(
					&reason,
					&info.depositor,
					info.deposit,
					Precision::BestEffort,
				)?;
			}
			let from = core::mem::replace(&mut info.admin, who.clone());
			info.depositor = who.clone();
			let active = info.status == StateStatus::Active;
			States::<T>::insert(state, info);
			PendingAdmin::<T>::remove(state);
			T::OnStateChange::on_admin_changed(state, &from, &who, active);
			// The admin validates by right; the old one keeps validating only if appointed.
			if !Members::<T>::get(state, &from).is_some_and(|m| m.roles.contains(Role::Validator)) {
				T::OnStateChange::on_validator_removed(state, &from);
			}
			Self::deposit_event(Event::AdminTransferred { state, from, to: who });
			Ok(())
		}

		/// Deregisters a state that has no devices and no members, returning its deposit. A
		/// suspended state cannot deregister until governance restores it. Admin only.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::deregister_state().saturating_add(T::OnStateChange::weight()))]
		pub fn deregister_state(origin: OriginFor<T>, state: StateId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Self::admin_state(state, &who)?;
			ensure!(info.status == StateStatus::Active, Error::<T>::StateSuspended);
			ensure!(T::StateAssets::device_count(state) == 0, Error::<T>::StateHasDevices);
			ensure!(info.roles.members == 0, Error::<T>::StateHasMembers);
			ensure!(LinkCount::<T>::get(state) == 0, Error::<T>::StateHasRecognitions);
			ensure!(
				StateDeployments::<T>::iter_prefix(state).next().is_none()
					&& StateBlueprints::<T>::iter_prefix(state).next().is_none(),
				Error::<T>::StateHasDeployments
			);
			ensure!(
				HostAgreements::<T>::iter_prefix(state).next().is_none()
					&& GuestAgreements::<T>::iter_prefix(state).next().is_none(),
				Error::<T>::StateHasAgreements
			);
			T::Currency::release(
				&HoldReason::StateDeposit.into(),
				&info.depositor,
				info.deposit,
				Precision::BestEffort,
			)?;
			States::<T>::remove(state);
			PendingAdmin::<T>::remove(state);
			ChainRecognised::<T>::remove(state);
			T::OnStateChange::on_inactive(state, &info.admin);
			// Only an active state deregisters.
			Tally::<T>::mutate(|t| {
				t.registered.saturating_dec();
				t.active.saturating_dec();
			});
			Self::deposit_event(Event::StateDeregistered {
				state,
				depositor: info.depositor,
				deposit: info.deposit,
			});
			Ok(())
		}

		/// Grants `role` in `state` to `who`. The admin grants any role; a steward grants
		/// Citizen, Operator and Verifier. If `who` held no role in the state yet, the signer pays
		/// [`Config::MembershipDeposit`] for the record.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::grant_role())]
		pub fn grant_role(
			origin: OriginFor<T>,
			state: StateId,
			who: AccountIdLookupOf<T>,
			role: Role,
		) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let who = T::Lookup::lookup(who)?;
			let mut info = States::<T>::get(state).ok_or(Error::<T>::StateNotFound)?;
			Self::ensure_may_manage(state, &info, &by, role)?;
			let existing = Members::<T>::get(state, &who);
			let mut membership = match existing {
				Some(m) => {
					ensure!(!m.roles.contains(role), Error::<T>::RoleAlreadyHeld);
					m
				},
				None => {
					ensure!(info.roles.members < T::MaxMembers::get(), Error::<T>::TooManyMembers);
					let deposit = T::MembershipDeposit::get();
					T::Currency::hold(&HoldReason::MembershipDeposit.into(), &by, deposit)
						.map_err(|_| Error::<T>::CannotAffordDeposit)?;
					info.roles.members.saturating_inc();
					Membership { roles: RoleSet::empty(), depositor: by.clone(), deposit }
				},
			};
			match role {
				Role::Steward => ensure!(
					info.roles.stewards < T::MaxStewards::get(),
					Error::<T>::TooManyStewards
				),
				Role::Validator => ensure!(
					info.roles.validators < T::MaxValidators::get(),
					Error::<T>::TooManyValidators
				),
				_ => {},
			}
			membership.roles.insert(role);
			info.roles.of_mut(role).saturating_inc();
			Members::<T>::insert(state, &who, membership);
			States::<T>::insert(state, info);
			Self::deposit_event(Event::RoleGranted { state, who, role, by });
			Ok(())
		}

		/// Revokes `role` in `state` from `who`, with the same rights as granting it. When the
		/// account's last role goes, its membership deposit returns to whoever paid it.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::revoke_role().saturating_add(T::OnStateChange::weight()))]
		pub fn revoke_role(
			origin: OriginFor<T>,
			state: StateId,
			who: AccountIdLookupOf<T>,
			role: Role,
		) -> DispatchResult {
			let by = ensure_signed(origin)?;
			let who = T::Lookup::lookup(who)?;
			let info = States::<T>::get(state).ok_or(Error::<T>::StateNotFound)?;
			Self::ensure_may_manage(state, &info, &by, role)?;
			Self::do_remove_role(state, info, who, role, by)
		}

		/// Gives up one of the signer's own roles in `state`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::renounce_role().saturating_add(T::OnStateChange::weight()))]
		pub fn renounce_role(origin: OriginFor<T>, state: StateId, role: Role) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = States::<T>::get(state).ok_or(Error::<T>::StateNotFound)?;
			Self::do_remove_role(state, info, who.clone(), role, who)
		}

		/// Suspends a state: its devices earn nothing and no device may join it. Governance only.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::suspend_state().saturating_add(T::OnStateChange::weight()))]
		pub fn suspend_state(origin: OriginFor<T>, state: StateId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let admin = States::<T>::try_mutate(state, |maybe| -> Result<_, DispatchError> {
				let info = maybe.as_mut().ok_or(Error::<T>::StateNotFound)?;
				ensure!(info.status == StateStatus::Active, Error::<T>::StateSuspended);
				info.status = StateStatus::Suspended;
				Ok(info.admin.clone())
			})?;
			// Its council seat goes and its validators are chilled: not elected at the next era.
			T::OnStateChange::on_inactive(state, &admin);
			Tally::<T>::mutate(|t| t.active.saturating_dec());
			Self::deposit_event(Event::StateSuspended { state });
			Ok(())
		}

		/// Restores a suspended state. Governance only.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::restore_state().saturating_add(T::OnStateChange::weight()))]
		pub fn restore_state(origin: OriginFor<T>, state: StateId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let admin = States::<T>::try_mutate(state, |maybe| -> Result<_, DispatchError> {
				let info = maybe.as_mut().ok_or(Error::<T>::StateNotFound)?;
				ensure!(info.status == StateStatus::Suspended, Error::<T>::StateNotSuspended);
				info.status = StateStatus::Active;
				Ok(info.admin.clone())
			})?;
			T::OnStateChange::on_active(state, &admin);
			Tally::<T>::mutate(|t| t.active.saturating_inc());
			Self::deposit_event(Event::StateRestored { state });
			Ok(())
		}

		/// Asks `by` to recognise `state`. The signer must be `state`'s admin and pays
		/// [`Config::RecognitionDeposit`], held while the request or the recognition lasts. Both
		/// states must be active.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::request_recognition())]
		pub fn request_recognition(
			origin: OriginFor<T>,
			state: StateId,
			by: StateId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request(who, state, by)
		}

		/// Recognises `state`, which asked for it. The signer must be `by`'s admin; `by` must be
		/// active.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::accept_recognition())]
		pub fn accept_recognition(
			origin: OriginFor<T>,
			by: StateId,
			state: StateId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept(who, by, state)
		}

		/// Declines `state`'s request; its deposit returns. The signer must be `by`'s admin.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::decline_recognition())]
		pub fn decline_recognition(
			origin: OriginFor<T>,
			by: StateId,
			state: StateId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decline(who, by, state)
		}

		/// Withdraws what links `state` and `other`, on `state`'s side (the signer is its
		/// admin): `state`'s recognition of `other`, else `other`'s recognition of `state`, else
		/// `state`'s pending request to `other`. The deposit returns to whoever paid it.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::withdraw_recognition())]
		pub fn withdraw_recognition(
			origin: OriginFor<T>,
			state: StateId,
			other: StateId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who, state, other)
		}

		/// Creates a deployment of `state` (the signer is its admin or a steward), holding
		/// [`Config::DeploymentDeposit`].
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::create_deployment())]
		pub fn create_deployment(
			origin: OriginFor<T>,
			state: StateId,
			name: Vec<u8>,
			metadata_uri: Vec<u8>,
			cells: Vec<atlas_primitives::H3Cell>,
			vault: Option<atlas_primitives::VaultId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_deployment(who, state, name, metadata_uri, cells, vault)
		}

		/// Adds `device` to `deployment`: the signer is the device's owner or a steward of its
		/// state; the device belongs to the deployment's state and to no other deployment.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::add_device())]
		pub fn add_device(
			origin: OriginFor<T>,
			deployment: DeploymentId,
			device: atlas_primitives::DeviceId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_device(who, deployment, device)
		}

		/// Removes `device` from `deployment`: the device's owner or a steward of its state
		/// (anyone once the device is gone from the registry).
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::remove_device())]
		pub fn remove_device(
			origin: OriginFor<T>,
			deployment: DeploymentId,
			device: atlas_primitives::DeviceId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_device(who, deployment, device)
		}

		/// Closes a deployment without devices; its deposit returns. Admin or steward.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::close_deployment())]
		pub fn close_deployment(origin: OriginFor<T>, deployment: DeploymentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_deployment(who, deployment)
		}

		/// Publishes a blueprint of `state` (admin or steward), holding
		/// [`Config::BlueprintDeposit`]. `source` is the state's deployment it models, if any.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::publish_blueprint())]
		pub fn publish_blueprint(
			origin: OriginFor<T>,
			state: StateId,
			spec: BlueprintSpecOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_blueprint(who, state, spec)
		}

		/// Records that `deployment` replicates `blueprint` (the signer is an admin or steward
		/// of the deployment's state).
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::adopt_blueprint())]
		pub fn adopt_blueprint(
			origin: OriginFor<T>,
			blueprint: BlueprintId,
			deployment: DeploymentId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_adopt(who, blueprint, deployment)
		}

		/// Retires a blueprint no deployment adopted; its deposit returns. Admin or steward of
		/// the publishing state.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::retire_blueprint())]
		pub fn retire_blueprint(origin: OriginFor<T>, blueprint: BlueprintId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retire_blueprint(who, blueprint)
		}

		/// Grants `guest`, a state `host` recognises, usage rights on `scope` (a deployment or a
		/// device class of `host`) for `duration` blocks; `host_share` of the rewards the covered
		/// devices earn meanwhile goes to the host's community pool. The signer is `host`'s
		/// admin and pays [`Config::AgreementDeposit`].
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::grant_usage())]
		pub fn grant_usage(
			origin: OriginFor<T>,
			host: StateId,
			guest: StateId,
			scope: UsageScope,
			duration: BlockNumberFor<T>,
			host_share: Perbill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_grant_usage(who, host, guest, scope, duration, host_share)
		}

		/// Makes an agreement in force run `duration` blocks from now (host admin).
		#[pallet::call_index(23)]
		#[pallet::weight(T::WeightInfo::extend_agreement())]
		pub fn extend_agreement(
			origin: OriginFor<T>,
			agreement: AgreementId,
			duration: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_extend_agreement(who, agreement, duration)
		}

		/// Ends an agreement early: the admin of its host or its guest state. The deposit
		/// returns to the host admin who paid it.
		#[pallet::call_index(24)]
		#[pallet::weight(T::WeightInfo::end_agreement())]
		pub fn end_agreement(origin: OriginFor<T>, agreement: AgreementId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_end_agreement(who, agreement)
		}

		/// Removes an agreement that ran out (anyone); the deposit returns to whoever paid it.
		#[pallet::call_index(25)]
		#[pallet::weight(T::WeightInfo::expire_agreement())]
		pub fn expire_agreement(origin: OriginFor<T>, agreement: AgreementId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_expire_agreement(agreement)
		}

		/// Recognises `state` chain-wide (or withdraws that). Governance only.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::set_chain_recognition())]
		pub fn set_chain_recognition(
			origin: OriginFor<T>,
			state: StateId,
			recognised: bool,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_chain_recognition(state, recognised)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// How many states are registered, and how many of them are active.
		pub fn state_tally() -> atlas_primitives::StateTally {
			Tally::<T>::get()
		}

		/// Up to `limit` (at most 100) states `state` recognises, after `cursor`.
		pub fn recognitions_of(
			state: StateId,
			cursor: Option<StateId>,
			limit: u32,
		) -> Page<StateId, StateId> {
			Self::recognitions_page(state, cursor, limit)
		}

		/// Up to `limit` (at most 100) states that recognise `state`, after `cursor`.
		pub fn recognised_by(
			state: StateId,
			cursor: Option<StateId>,
			limit: u32,
		) -> Page<StateId, StateId> {
			Self::recognised_by_page(state, cursor, limit)
		}

		/// Up to `limit` (at most 100) states asking `state` to recognise them, after `cursor`.
		pub fn recognition_requests(
			state: StateId,
			cursor: Option<StateId>,
			limit: u32,
		) -> Page<StateId, StateId> {
			Self::requests_page(state, cursor, limit)
		}

		/// Whether `by` recognises `state`, or governance recognised `state` chain-wide.
		pub fn is_recognised(by: StateId, state: StateId) -> bool {
			Self::recognises(by, state)
		}

		/// A deployment.
		pub fn deployment(deployment: DeploymentId) -> Option<DeploymentOf<T>> {
			Deployments::<T>::get(deployment)
		}

		/// Up to `limit` (at most 100) deployments of `state`, after `cursor`.
		pub fn deployments_of(
			state: StateId,
			cursor: Option<DeploymentId>,
			limit: u32,
		) -> Page<(DeploymentId, DeploymentOf<T>), DeploymentId> {
			Self::deployments_page(state, cursor, limit)
		}

		/// Up to `limit` (at most 100) devices of `deployment`, after `cursor`.
		pub fn deployment_devices(
			deployment: DeploymentId,
			cursor: Option<atlas_primitives::DeviceId>,
			limit: u32,
		) -> Page<atlas_primitives::DeviceId, atlas_primitives::DeviceId> {
			Self::deployment_devices_page(deployment, cursor, limit)
		}

		/// A blueprint.
		pub fn blueprint(blueprint: BlueprintId) -> Option<BlueprintOf<T>> {
			Blueprints::<T>::get(blueprint)
		}

		/// A deployment's live KPIs.
		pub fn deployment_kpis(deployment: DeploymentId) -> Option<KpiView> {
			Self::deployment_kpi_view(deployment)
		}

		/// A blueprint's live KPIs (its source deployment and its adoptions summed).
		pub fn blueprint_kpis(blueprint: BlueprintId) -> Option<KpiView> {
			Self::blueprint_kpi_view(blueprint)
		}

		/// Up to `limit` (at most 100) blueprints ranked by `kind`, best first, from rank
		/// `cursor` (0 when `None`).
		pub fn blueprints_ranked(
			kind: KpiKind,
			cursor: Option<u32>,
			limit: u32,
		) -> Page<(BlueprintId, KpiView), u32> {
			Self::ranked_blueprints(kind, cursor, limit)
		}

		/// A co-use agreement.
		pub fn agreement(agreement: AgreementId) -> Option<AgreementOf<T>> {
			Agreements::<T>::get(agreement)
		}

		/// Up to `limit` (at most 100) agreements `state` hosts, after `cursor`.
		pub fn agreements_hosted_by(
			state: StateId,
			cursor: Option<AgreementId>,
			limit: u32,
		) -> Page<(AgreementId, AgreementOf<T>), AgreementId> {
			Self::agreements_page::<HostAgreements<T>>(state, cursor, limit)
		}

		/// Up to `limit` (at most 100) agreements granted to `state`, after `cursor`.
		pub fn agreements_granted_to(
			state: StateId,
			cursor: Option<AgreementId>,
			limit: u32,
		) -> Page<(AgreementId, AgreementOf<T>), AgreementId> {
			Self::agreements_page::<GuestAgreements<T>>(state, cursor, limit)
		}

		/// Whether citizens of `guest` may use `device` now: it belongs to `guest` or an
		/// agreement in force covers its deployment or class.
		pub fn usage_allowed(guest: StateId, device: DeviceId) -> bool {
			Self::is_usage_allowed(guest, device)
		}

		/// A network state, or `None` if no state has this id.
		pub fn network_state(state: StateId) -> Option<NetworkStateOf<T>> {
			States::<T>::get(state)
		}

		/// The roles `who` holds in `state` (the admin holds all of them).
		pub fn roles_of(state: StateId, who: T::AccountId) -> RoleSet {
			Self::roles(state, &who)
		}

		/// Up to `limit` (at most 100) members of `state` with their roles, after `cursor`.
		pub fn members(
			state: StateId,
			cursor: Option<T::AccountId>,
			limit: u32,
		) -> Page<(T::AccountId, RoleSet), T::AccountId> {
			Self::members_page(state, cursor, limit)
		}
	}

	impl<T: Config> Pallet<T> {
		pub(crate) fn bounded_name(
			name: Vec<u8>,
		) -> Result<BoundedVec<u8, T::MaxNameLength>, DispatchError> {
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			Ok(name.try_into().map_err(|_| Error::<T>::NameTooLong)?)
		}

		pub(crate) fn bounded_uri(
			uri: Vec<u8>,
		) -> Result<BoundedVec<u8, T::MaxUriLength>, DispatchError> {
			Ok(uri.try_into().map_err(|_| Error::<T>::UriTooLong)?)
		}

		/// The state, if `who` is its admin.
		pub(crate) fn admin_state(
			state: StateId,
			who: &T::AccountId,
		) -> Result<NetworkStateOf<T>, DispatchError> {
			let info = States::<T>::get(state).ok_or(Error::<T>::StateNotFound)?;
			ensure!(&info.admin == who, Error::<T>::NotAdmin);
			Ok(info)
		}

		/// Whether `by` may grant or revoke `role` in `state`.
		fn ensure_may_manage(
			state: StateId,
			info: &NetworkStateOf<T>,
			by: &T::AccountId,
			role: Role,
		) -> DispatchResult {
			if &info.admin == by {
				return Ok(());
			}
			match role {
				Role::Steward | Role::Validator => Err(Error::<T>::NotAdmin.into()),
				Role::Citizen | Role::Operator | Role::Verifier => {
					let steward = Members::<T>::get(state, by)
						.is_some_and(|m| m.roles.contains(Role::Steward));
					ensure!(steward, Error::<T>::NotAdminOrSteward);
					Ok(())
				},
			}
		}

		fn do_remove_role(
			state: StateId,
			mut info: NetworkStateOf<T>,
			who: T::AccountId,
			role: Role,
			by: T::AccountId,
		) -> DispatchResult {
			let mut membership = Members::<T>::get(state, &who).ok_or(Error::<T>::RoleNotHeld)?;
			ensure!(membership.roles.remove(role), Error::<T>::RoleNotHeld);
			let count = info.roles.of_mut(role);
			*count = count.saturating_sub(1);
			if membership.roles.is_empty() {
				T::Currency::release(
					&HoldReason::MembershipDeposit.into(),
					&membership.depositor,
					membership.deposit,
					Precision::BestEffort,
				)?;
				info.roles.members.saturating_dec();
				Members::<T>::remove(state, &who);
			} else {
				Members::<T>::insert(state, &who, membership);
			}
			let is_admin = info.admin == who;
			States::<T>::insert(state, info);
			// The admin validates by right whatever roles it also holds.
			if role == Role::Validator && !is_admin {
				T::OnStateChange::on_validator_removed(state, &who);
			}
			Self::deposit_event(Event::RoleRevoked { state, who, role, by });
			Ok(())
		}

		/// The roles `who` holds in `state`: every role for the admin, none for an unknown state.
		pub fn roles(state: StateId, who: &T::AccountId) -> RoleSet {
			match States::<T>::get(state) {
				None => RoleSet::empty(),
				Some(info) if &info.admin == who => {
					RoleSet(Role::ALL.iter().fold(0, |a, r| a | r.bit()))
				},
				Some(_) => Members::<T>::get(state, who).map(|m| m.roles).unwrap_or_default(),
			}
		}

		/// One page of a state's members (at most [`atlas_primitives::MAX_PAGE_SIZE`]), after `cursor`.
		pub fn members_page(
			state: StateId,
			cursor: Option<T::AccountId>,
			limit: u32,
		) -> Page<(T::AccountId, RoleSet), T::AccountId> {
			let iter = crate::entries_after::<Members<T>, _, _, _>(state, cursor);
			Page::collect(iter.map(|(a, m)| (a, m.roles)), limit, |(a, _)| a.clone())
		}

		/// Checks the pallet's invariants: held deposits equal stored deposits; role counts match
		/// the membership records; every state id is below `NextStateId`; pending admins belong to
		/// existing states.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use frame_support::traits::fungible::InspectHold;
			use sp_runtime::traits::Zero;
			let next = NextStateId::<T>::get();
			let mut state_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			let mut member_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			let mut tally = atlas_primitives::StateTally::default();
			for (id, info) in States::<T>::iter() {
				ensure!(id < next, "state id at or above NextStateId");
				tally.registered.saturating_inc();
				if info.status == StateStatus::Active {
					tally.active.saturating_inc();
				}
				let entry = state_deposits.entry(info.depositor.clone()).or_insert_with(Zero::zero);
				*entry = entry.saturating_add(info.deposit);
				let mut counts = RoleCounts::default();
				for (_, membership) in Members::<T>::iter_prefix(id) {
					ensure!(!membership.roles.is_empty(), "membership record without roles");
					counts.members.saturating_inc();
					for role in membership.roles.iter() {
						counts.of_mut(role).saturating_inc();
					}
					let entry = member_deposits
						.entry(membership.depositor.clone())
						.or_insert_with(Zero::zero);
					*entry = entry.saturating_add(membership.deposit);
				}
				ensure!(counts == info.roles, "role counts differ from membership records");
				ensure!(counts.members <= T::MaxMembers::get(), "more members than MaxMembers");
			}
			for (state, _) in Members::<T>::iter_keys() {
				ensure!(States::<T>::contains_key(state), "membership of an unknown state");
			}
			for state in PendingAdmin::<T>::iter_keys() {
				ensure!(States::<T>::contains_key(state), "pending admin of an unknown state");
			}
			for (who, amount) in state_deposits {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::StateDeposit.into(), &who) == amount,
					"held state deposits differ from stored deposits"
				);
			}
			Self::check_recognitions()?;
			Self::check_deployments()?;
			Self::check_kpis()?;
			Self::check_agreements()?;
			for (who, amount) in member_deposits {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::MembershipDeposit.into(), &who)
						== amount,
					"held membership deposits differ from stored deposits"
				);
			}
			ensure!(tally == Tally::<T>::get(), "state tally differs from the states");
			Ok(())
		}
	}
}
