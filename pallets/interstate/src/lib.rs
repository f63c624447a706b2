//! # Interstate
//!
//! How network states relate to each other: they recognise each other, and a state shares its
//! infrastructure with states it recognises through co-use agreements. Network states
//! themselves (admins, roles, suspension) live in another pallet, known here only through
//! [`atlas_primitives::RoleProvider`] ([`Config::States`]); deployments through
//! [`atlas_primitives::DeploymentRegistry`] ([`Config::Deployments`]); devices through
//! [`atlas_primitives::DeviceRegistry`] ([`Config::Devices`]).
//!
//! ## Recognition
//! The admin of a state asks another to recognise it ([`Pallet::request_recognition`], paying
//! the storage deposit [`Config::RecognitionConsideration`]); the other's admin accepts
//! ([`Pallet::accept_recognition`]) or declines ([`Pallet::decline_recognition`]); either side
//! withdraws a recognition, or the asker its request ([`Pallet::withdraw_recognition`]), and the
//! deposit returns to whoever paid it. Both states must be active to ask and to accept.
//! Recognition is what lets one state's citizens use, verify or co-invest in another's
//! infrastructure. Governance ([`Config::GovernanceOrigin`]) may also recognise a state
//! chain-wide ([`Pallet::set_chain_recognition`]): every state then counts as recognising it.
//! Both directions are queryable without vectors: [`Recognitions`] by recogniser,
//! [`RecognisedBy`] by recognised.
//!
//! ## Co-use agreements
//! A state's admin grants a state it recognises usage rights on one of its deployments or a
//! device class ([`Pallet::grant_usage`], paying [`Config::AgreementConsideration`]), for a
//! bounded time ([`Config::MaxAgreementDuration`]), with a host share: while the agreement is
//! in force, that share of every non-vault leg of the covered devices' rewards goes to the
//! host's community pool ([`atlas_primitives::CoUseTerms`], read by rewards when it pays). The
//! host's admin extends an agreement in force ([`Pallet::extend_agreement`]); either state's
//! admin ends it early ([`Pallet::end_agreement`]); anyone removes it once it ran out
//! ([`Pallet::expire_agreement`]). Paying a device reads every agreement on its scope, so their
//! number is bounded by [`Config::MaxAgreementsPerScope`].
//!
//! ## Deregistration
//! A state that takes part in a recognition or a request, or hosts or is a guest in an
//! agreement, cannot deregister: this pallet reports it through
//! [`atlas_primitives::StateHoldings`]. When a state is deregistered, its chain-wide recognition
//! goes ([`atlas_primitives::OnStateChange`]).
//!
//! ## Storage deposits
//! Deposits are [`frame_support::traits::Consideration`] tickets for what a record takes in
//! storage ([`Pallet::recognition_footprint`], [`Pallet::agreement_footprint`]), kept in the
//! record and dropped with it; the runtime prices the footprint and chooses how it is paid
//! (typically a hold under this pallet's [`HoldReason`]).
//!
//! Lookups are O(1); pages are at most [`atlas_primitives::MAX_PAGE_SIZE`] long.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod agreements;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_co_use_terms;
mod impl_on_state_change;
mod impl_state_holdings;
#[cfg(test)]
mod mock;
mod recognition;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::interstate";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use atlas_primitives::{
		DeploymentRegistry, DeviceId, DeviceRegistry, Page, RoleProvider, StateId,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			Consideration, EnsureOriginWithArg, Footprint,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::Zero, Perbill};

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A stored co-use agreement.
	pub type AgreementOf<T> = Agreement<
		<T as frame_system::Config>::AccountId,
		<T as Config>::AgreementConsideration,
		BlockNumberFor<T>,
	>;

	/// A stored recognition or request.
	pub type LinkOf<T> = Link<
		<T as frame_system::Config>::AccountId,
		<T as Config>::RecognitionConsideration,
		BlockNumberFor<T>,
	>;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the interstate pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The chain's currency (devices' deposits are counted in it; the considerations below
		/// choose how this pallet's deposits are paid).
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// May recognise states chain-wide.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The network states: whether one exists, is active, and who administers it.
		type States: RoleProvider<Self::AccountId>;

		/// Who may act as a state's admin (ask for, answer and withdraw recognitions; grant,
		/// extend and end agreements): yields the admin's account. In the runtime, the signed
		/// admin of the state ([`atlas_primitives::EnsureStateAdmin`] over [`Config::States`]).
		type StateAdminOrigin: EnsureOriginWithArg<
			Self::RuntimeOrigin,
			StateId,
			Success = Self::AccountId,
		>;

		/// The largest host share an agreement may give (and that any agreement counts for):
		/// a governance parameter, so a host's admin cannot take its citizens' rewards.
		type MaxHostShare: Get<Perbill>;

		/// The registered devices (an agreement covers a device by its state and class).
		type Devices: DeviceRegistry<Self::AccountId, BalanceOf<Self>>;

		/// The deployments (an agreement may cover one).
		type Deployments: DeploymentRegistry;

		/// The storage deposit of a recognition (and of the request it starts as): prices
		/// [`Pallet::recognition_footprint`], paid by the asking state's admin until the request
		/// or the recognition goes.
		type RecognitionConsideration: Consideration<Self::AccountId, Footprint>;

		/// The storage deposit of a co-use agreement: prices [`Pallet::agreement_footprint`]
		/// (the agreement, its indexes and its scope terms), paid by the host admin until the
		/// agreement goes.
		type AgreementConsideration: Consideration<Self::AccountId, Footprint>;

		/// The longest a co-use agreement may run (at a grant or an extension), in blocks.
		#[pallet::constant]
		type MaxAgreementDuration: Get<BlockNumberFor<Self>>;

		/// Most agreements covering one scope (a deployment or a state's device class) at once:
		/// paying a device reads them all.
		#[pallet::constant]
		type MaxAgreementsPerScope: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a recognition or a request for one.
		#[codec(index = 0)]
		RecognitionDeposit,
		/// The deposit of a co-use agreement.
		#[codec(index = 1)]
		AgreementDeposit,
	}

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

	/// How many recognitions and requests each state takes part in (on either side): a state
	/// with any cannot deregister.
	#[pallet::storage]
	pub type LinkCount<T: Config> = StorageMap<_, Twox64Concat, StateId, u32, ValueQuery>;

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
	/// start, end). Paying a covered device reads them to find the host's share of each epoch.
	#[pallet::storage]
	pub type ScopeTerms<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		StateId,
		Twox64Concat,
		UsageScope,
		BoundedVec<
			(AgreementId, Perbill, BlockNumberFor<T>, BlockNumberFor<T>),
			T::MaxAgreementsPerScope,
		>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
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
		/// Governance recognised a state chain-wide, or withdrew that.
		ChainRecognitionSet {
			/// The state.
			state: StateId,
			/// Whether it is recognised chain-wide now.
			recognised: bool,
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
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No state has this id.
		StateNotFound,
		/// The host share is above the governance cap ([`Config::MaxHostShare`]).
		HostShareTooHigh,
		/// Only the state's admin may do this.
		NotStateAdmin,
		/// The state is suspended.
		StateSuspended,
		/// The state is on probation: it takes part in recognitions once established.
		StateNotEstablished,
		/// The signer cannot afford the deposit (it must stay above the existential deposit).
		CannotAffordDeposit,
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
		/// Chain-wide recognition already is as asked.
		ChainRecognitionUnchanged,
		/// Every agreement id is taken.
		IdsExhausted,
		/// No deployment has this id.
		DeploymentNotFound,
		/// The deployment belongs to another state.
		DeploymentOfOtherState,
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
		/// [`Config::MaxAgreementsPerScope`] agreements already cover this scope.
		TooManyAgreements,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				!T::MaxAgreementDuration::get().is_zero(),
				"MaxAgreementDuration must be positive"
			);
			assert!(T::MaxAgreementsPerScope::get() > 0, "MaxAgreementsPerScope must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Asks `by` to recognise `state`. The signer must be `state`'s admin and pays the
		/// storage deposit [`Config::RecognitionConsideration`] while the request or the
		/// recognition lasts. Both states must be active.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::request_recognition())]
		pub fn request_recognition(
			origin: OriginFor<T>,
			state: StateId,
			by: StateId,
		) -> DispatchResult {
			Self::do_request(origin, state, by)
		}

		/// Recognises `state`, which asked for it. The signer must be `by`'s admin; `by` must be
		/// active.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::accept_recognition())]
		pub fn accept_recognition(
			origin: OriginFor<T>,
			by: StateId,
			state: StateId,
		) -> DispatchResult {
			Self::do_accept(origin, by, state)
		}

		/// Declines `state`'s request; its deposit returns. The signer must be `by`'s admin.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::decline_recognition())]
		pub fn decline_recognition(
			origin: OriginFor<T>,
			by: StateId,
			state: StateId,
		) -> DispatchResult {
			Self::do_decline(origin, by, state)
		}

		/// Withdraws what links `state` and `other`, on `state`'s side (the signer is its
		/// admin): `state`'s recognition of `other`, else `other`'s recognition of `state`, else
		/// `state`'s pending request to `other`. The deposit returns to whoever paid it.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_recognition())]
		pub fn withdraw_recognition(
			origin: OriginFor<T>,
			state: StateId,
			other: StateId,
		) -> DispatchResult {
			Self::do_withdraw(origin, state, other)
		}

		/// Recognises `state` chain-wide (or withdraws that). Governance only.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_chain_recognition())]
		pub fn set_chain_recognition(
			origin: OriginFor<T>,
			state: StateId,
			recognised: bool,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_chain_recognition(state, recognised)
		}

		/// Grants `guest`, a state `host` recognises, usage rights on `scope` (a deployment or a
		/// device class of `host`) for `duration` blocks; `host_share` (at most
		/// [`Config::MaxHostShare`]) of the rewards the covered devices earn in epochs wholly
		/// within the agreement goes to the host's community pool, never of what they earned
		/// before. The signer is `host`'s admin and pays the storage deposit
		/// [`Config::AgreementConsideration`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::grant_usage())]
		pub fn grant_usage(
			origin: OriginFor<T>,
			host: StateId,
			guest: StateId,
			scope: UsageScope,
			duration: BlockNumberFor<T>,
			host_share: Perbill,
		) -> DispatchResult {
			Self::do_grant_usage(origin, host, guest, scope, duration, host_share)
		}

		/// Makes an agreement in force run `duration` blocks from now (host admin).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::extend_agreement())]
		pub fn extend_agreement(
			origin: OriginFor<T>,
			agreement: AgreementId,
			duration: BlockNumberFor<T>,
		) -> DispatchResult {
			Self::do_extend_agreement(origin, agreement, duration)
		}

		/// Ends an agreement early: the admin of its host or its guest state. The deposit
		/// returns to the host admin who paid it.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::end_agreement())]
		pub fn end_agreement(origin: OriginFor<T>, agreement: AgreementId) -> DispatchResult {
			Self::do_end_agreement(origin, agreement)
		}

		/// Removes an agreement that ran out (anyone); the deposit returns to whoever paid it.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::expire_agreement())]
		pub fn expire_agreement(origin: OriginFor<T>, agreement: AgreementId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_expire_agreement(agreement)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
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
	}

	impl<T: Config> Pallet<T> {
		/// Checks the pallet's invariants: recognitions are indexed both ways and counted,
		/// agreements are indexed by both states and by scope.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			Self::check_recognitions()?;
			Self::check_agreements()
		}
	}
}
