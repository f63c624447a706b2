//! # Network states
//!
//! Network states (sovereign communities) register here, appoint their stewards and give their
//! members roles: Citizen, Operator, Verifier, Steward, Validator. Other pallets learn about states
//! and roles only through [`atlas_primitives::RoleProvider`], which this pallet implements.
//!
//! ## Admission
//! Becoming a network state is an application: any signed account registers one (name,
//! metadata URI, admin), paying its storage deposit and posting the admission bond
//! ([`Config::AdmissionBond`], held under [`HoldReason::AdmissionBond`]). An applicant is not
//! active: no device joins it and no role is granted in it. Governance
//! ([`Config::AdmissionOrigin`]) admits it ([`Pallet::admit_state`]) or rejects it
//! ([`Pallet::reject_state`]: the bond returns, or goes to [`Config::Forfeit`] when governance
//! rejects the application as abuse); the applicant may withdraw it first
//! ([`Pallet::deregister_state`]) and gets everything back. An admitted state runs devices and
//! citizens at once and serves a probation ([`Config::Probation`]): only once anyone concludes
//! it ([`Pallet::conclude_probation`]) is the state established, which is what a council seat,
//! appointed validators and recognitions ask for ([`atlas_primitives::RoleProvider::is_state_established`]).
//! The bond stays held while the state exists, so every seat keeps a bond at stake. Genesis
//! states are established from the start.
//!
//! ## Who may do what
//! - Any signed account applies for a state, as above.
//! - The admin updates the state, hands the admin role over (two steps: propose, then the new
//!   admin accepts and takes over the deposit) and deregisters the state once it has no members
//!   and holds nothing elsewhere; the deposit is returned.
//! - The admin appoints stewards and validators; the admin or a steward grants and revokes the
//!   Citizen, Operator and Verifier roles. Whoever creates a membership record pays its deposit,
//!   returned when the account's last role goes. Members may renounce a role themselves.
//!
//! ## Storage deposits
//! A state record and a membership record each cost their depositor a
//! [`frame_support::traits::Consideration`] ticket ([`Config::StateConsideration`],
//! [`Config::MembershipConsideration`]) for the record's footprint
//! ([`Pallet::state_footprint`], [`Pallet::membership_footprint`]); the record keeps the ticket
//! and drops it when it goes. The runtime prices the footprint and chooses how it is paid
//! (typically a hold under this pallet's [`HoldReason`]).
//! - Governance ([`Config::GovernanceOrigin`]) suspends and restores states. A suspended state
//!   is not active: its devices earn nothing and no device may join it.
//!
//! ## Deregistration
//! Other pallets keep records of states (devices, recognitions, co-use agreements, deployments).
//! They tell this pallet, through [`atlas_primitives::StateHoldings`] ([`Config::Holdings`]),
//! what a state still holds with them; a state that holds anything cannot deregister, and the
//! error names the holding.
//!
//! ## Standing
//! Every change of a state's standing (registered, suspended, restored, deregistered, a new
//! admin, a validator removed) is told to [`Config::OnStateChange`], so what states hold at chain
//! level (a council seat, validators) follows. [`Tally`] counts registered and active states.
//!
//! Lookups are O(1): a membership is one double-map entry keyed by state and account, holding a
//! role bit set. Per-state counts are bounded by [`Config::MaxMembers`], [`Config::MaxStewards`]
//! and [`Config::MaxValidators`].

#![deny(missing_docs)]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_role_provider;
// Not behind `try-runtime`: the tests of the pallets that build on this one check these
// invariants too, without turning `try-runtime` on for the whole workspace.
mod invariants;
#[cfg(test)]
mod mock;
mod roles;
mod states;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::network-states";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use atlas_primitives::{OnStateChange, Page, Role, RoleSet, StateHoldings, StateId};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{BalancedHold, Credit, Inspect, Mutate, MutateHold},
			Consideration, EnsureOriginWithArg, Footprint, OnUnbalanced,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::StaticLookup;

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A stored network state.
	pub type NetworkStateOf<T> = NetworkState<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		<T as Config>::StateConsideration,
		BlockNumberFor<T>,
		BoundedVec<u8, <T as Config>::MaxNameLength>,
		BoundedVec<u8, <T as Config>::MaxUriLength>,
	>;

	/// A stored membership.
	pub type MembershipOf<T> =
		Membership<<T as frame_system::Config>::AccountId, <T as Config>::MembershipConsideration>;

	type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the network states pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The chain's currency (benchmarks fund accounts in it; the considerations below choose
		/// how deposits are paid).
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId>
			+ Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// May suspend and restore states.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// May admit and reject applicant states (in the runtime: a council super-majority of
		/// established states or a referendum on the admissions track).
		type AdmissionOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The bond an applicant posts, held while the state exists. It prices an attempt at
		/// a council seat: see the runtime's constant for how it is sized.
		#[pallet::constant]
		type AdmissionBond: Get<BalanceOf<Self>>;

		/// How many blocks an admitted state serves on probation before it may be established.
		#[pallet::constant]
		type Probation: Get<BlockNumberFor<Self>>;

		/// Receives the bonds of applications governance rejects as abuse (the treasury).
		type Forfeit: OnUnbalanced<Credit<Self::AccountId, Self::Currency>>;

		/// Who may act as a state's admin (update, hand over and deregister it; grant and revoke
		/// any role): yields the admin's account. In the runtime, the signed admin of the state
		/// as this pallet records it ([`atlas_primitives::EnsureStateAdmin`] over this pallet).
		type StateAdminOrigin: EnsureOriginWithArg<
			Self::RuntimeOrigin,
			StateId,
			Success = Self::AccountId,
		>;

		/// What states still hold in other pallets (devices, recognitions, agreements,
		/// deployments): a state that holds anything cannot deregister.
		type Holdings: StateHoldings;

		/// The storage deposit of a registered state: prices one [`NetworkStateOf`] record
		/// ([`Pallet::state_footprint`]), paid by its depositor until the state deregisters or
		/// a new admin takes the deposit over.
		type StateConsideration: Consideration<Self::AccountId, Footprint>;

		/// The storage deposit of a membership record (an account holding roles in a state):
		/// prices one [`MembershipOf`] record ([`Pallet::membership_footprint`]), paid by the
		/// admin or steward who created it until the account's last role in the state goes.
		type MembershipConsideration: Consideration<Self::AccountId, Footprint>;

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
		/// chain-level seats (the council, the validator set) follow this pallet.
		type OnStateChange: OnStateChange<Self::AccountId>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a registered network state.
		#[codec(index = 0)]
		StateDeposit,
		/// The deposit of a membership record.
		#[codec(index = 1)]
		MembershipDeposit,
		/// The admission bond of a network state (or of an application to become one).
		#[codec(index = 2)]
		AdmissionBond,
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

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A network state applied for admission (it is registered as an applicant).
		StateRegistered {
			/// Its id.
			state: StateId,
			/// Its admin.
			admin: T::AccountId,
			/// Who paid the deposit and posted the bond.
			depositor: T::AccountId,
			/// The admission bond held.
			bond: BalanceOf<T>,
		},
		/// Governance admitted an applicant state: it is active and on probation.
		StateAdmitted {
			/// The state.
			state: StateId,
			/// The first block at which its probation may be concluded.
			probation_until: BlockNumberFor<T>,
		},
		/// Governance rejected an application; the record is gone.
		StateRejected {
			/// The state.
			state: StateId,
			/// Who posted the bond.
			depositor: T::AccountId,
			/// How much of the bond went to [`Config::Forfeit`] (zero: all of it returned).
			forfeited: BalanceOf<T>,
		},
		/// A state's probation ended: it is established.
		StateEstablished {
			/// The state.
			state: StateId,
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
		/// A state deregistered (or an applicant withdrew) and its deposit and bond were
		/// returned.
		StateDeregistered {
			/// The state.
			state: StateId,
			/// Who got the deposit back.
			depositor: T::AccountId,
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
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No state has this id.
		StateNotFound,
		/// Only the state's admin may do this.
		NotStateAdmin,
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
		/// The state is an applicant: governance has not admitted it.
		StateNotAdmitted,
		/// The state is admitted already; only an applicant may be admitted or rejected.
		StateNotApplicant,
		/// The state is not on probation.
		NotOnProbation,
		/// The state's probation has not ended yet.
		ProbationNotOver,
		/// The signer cannot afford the admission bond (on top of the storage deposit).
		CannotAffordBond,
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
		/// The state takes part in recognitions or requests; withdraw them first.
		StateHasRecognitions,
		/// The state has deployments or blueprints; close or retire them first.
		StateHasDeployments,
		/// The state hosts or is a guest in co-use agreements.
		StateHasAgreements,
	}

	/// Network states registered at genesis (a testnet's founding states).
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(name, admin, validators)`: each state is registered by its admin, who pays its
		/// deposit, posts its bond and pays the validators' membership deposits; the state is
		/// established at once and the validators get the Validator role.
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
				.expect("a genesis state registers (its admin can pay the deposit and bond)");
				Pallet::<T>::do_admit_state(state).expect("a genesis state is admitted");
				Pallet::<T>::do_establish(state).expect("a genesis state is established");
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
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Applies for a network state administered by `admin`. The signer pays the state's
		/// storage deposit ([`Config::StateConsideration`]) and posts the admission bond
		/// ([`Config::AdmissionBond`]) until the state deregisters (or moves to a new admin who
		/// accepts the role). The state is an applicant until governance admits it.
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
			Self::do_register_state(depositor, name, metadata_uri, admin)
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
			Self::do_update_state(origin, state, name, metadata_uri)
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
			let new_admin = T::Lookup::lookup(new_admin)?;
			Self::do_transfer_admin(origin, state, new_admin)
		}

		/// Accepts the admin role proposed to the signer. The signer pays the state's deposit
		/// from now on; whoever paid it before gets theirs back.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::accept_admin().saturating_add(T::OnStateChange::weight()))]
		pub fn accept_admin(origin: OriginFor<T>, state: StateId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_admin(who, state)
		}

		/// Deregisters a state that has no members and holds nothing in other pallets (devices,
		/// recognitions, agreements, deployments), returning its deposit and bond; for an
		/// applicant, this withdraws the application. A suspended state cannot deregister until
		/// governance restores it. Admin only.
		#[pallet::call_index(4)]
		#[pallet::weight(
			T::WeightInfo::deregister_state()
				.saturating_add(T::OnStateChange::weight())
				.saturating_add(T::Holdings::weight())
		)]
		pub fn deregister_state(origin: OriginFor<T>, state: StateId) -> DispatchResult {
			Self::do_deregister_state(origin, state)
		}

		/// Grants `role` in `state` to `who`. The admin grants any role; a steward grants
		/// Citizen, Operator and Verifier. If `who` held no role in the state yet, the signer pays
		/// the record's storage deposit ([`Config::MembershipConsideration`]).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::grant_role())]
		pub fn grant_role(
			origin: OriginFor<T>,
			state: StateId,
			who: AccountIdLookupOf<T>,
			role: Role,
		) -> DispatchResult {
			let who = T::Lookup::lookup(who)?;
			Self::do_grant_role(origin, state, who, role)
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
			let who = T::Lookup::lookup(who)?;
			Self::do_revoke_role(origin, state, who, role)
		}

		/// Gives up one of the signer's own roles in `state`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::renounce_role().saturating_add(T::OnStateChange::weight()))]
		pub fn renounce_role(origin: OriginFor<T>, state: StateId, role: Role) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_renounce_role(who, state, role)
		}

		/// Suspends a state: its devices earn nothing and no device may join it. Governance only.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::suspend_state().saturating_add(T::OnStateChange::weight()))]
		pub fn suspend_state(origin: OriginFor<T>, state: StateId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_suspend_state(state)
		}

		/// Restores a suspended state. Governance only.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::restore_state().saturating_add(T::OnStateChange::weight()))]
		pub fn restore_state(origin: OriginFor<T>, state: StateId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_restore_state(state)
		}

		/// Admits an applicant state: it becomes active and serves its probation
		/// ([`Config::Probation`]). Admission governance only.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::admit_state().saturating_add(T::OnStateChange::weight()))]
		pub fn admit_state(origin: OriginFor<T>, state: StateId) -> DispatchResult {
			T::AdmissionOrigin::ensure_origin(origin)?;
			Self::do_admit_state(state)
		}

		/// Rejects an applicant state: its record goes and its deposit returns. Its bond
		/// returns too, unless `forfeit` (an abusive application): then it goes to
		/// [`Config::Forfeit`]. Admission governance only.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::reject_state())]
		pub fn reject_state(origin: OriginFor<T>, state: StateId, forfeit: bool) -> DispatchResult {
			T::AdmissionOrigin::ensure_origin(origin)?;
			Self::do_reject_state(state, forfeit)
		}

		/// Ends an admitted state's probation once [`Config::Probation`] has passed: the state
		/// is established (and, if active, takes its council seat). Anyone may call it.
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::conclude_probation().saturating_add(T::OnStateChange::weight())
		)]
		pub fn conclude_probation(origin: OriginFor<T>, state: StateId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_conclude_probation(state)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// How many states are registered, and how many of them are active.
		pub fn state_tally() -> atlas_primitives::StateTally {
			Tally::<T>::get()
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
}
