//! # State seats
//!
//! What network states hold at chain level, kept in step with the sovereign registry.
//!
//! ## The Council of States
//! Every established (admitted, past probation), non-suspended state holds one seat in the
//! council (a `pallet-collective` instance, [`Config::Council`]), held by its admin account. An
//! applicant or a state on probation holds none. The registry tells this pallet (through
//! [`atlas_primitives::OnStateChange`]) when a state becomes active (admitted, established,
//! restored), is suspended or deregistered and when its admin changes; the council's members
//! follow at once. An account
//! that administers several states holds one council membership (a collective counts accounts),
//! kept while any of its states is active. The council has at most [`Config::MaxSeats`] members:
//! a state established while it is full gets no seat (event [`Event::CouncilFull`]) and
//! its admin takes one later with [`Pallet::claim_seat`] when one frees.
//!
//! ## Validators appointed by states
//! Only an account that an established state appointed (the `Validator` role, which the state's admin
//! holds by right) may declare the intent to validate, and only through [`Pallet::validate`]: the
//! runtime filters out the staking pallet's own `validate` call. This pallet remembers which
//! state appointed each validator; when the state is suspended or deregistered, or the account
//! loses the role, the validator is chilled at once. It stays in the active set until the era
//! ends and is not elected for the next one. Nomination is open to everyone.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_state_change;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::WeightInfo;
	use alloc::vec::Vec;
	use atlas_primitives::{ensure_state_admin, Role, RoleProvider, StateId, ValidatorIntent};
	use frame_support::{
		pallet_prelude::*,
		traits::{ChangeMembers, EnsureOriginWithArg},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Network states and the roles accounts hold in them.
		type Roles: RoleProvider<Self::AccountId>;

		/// Who may act as a state's admin (claim its council seat): yields the admin's account,
		/// who then holds the seat. In the runtime, the signed admin of the state
		/// ([`atlas_primitives::EnsureStateAdmin`] over [`Config::Roles`]).
		type StateAdminOrigin: EnsureOriginWithArg<
			Self::RuntimeOrigin,
			StateId,
			Success = Self::AccountId,
		>;

		/// The Council of States, whose members this pallet sets.
		type Council: ChangeMembers<Self::AccountId>;

		/// Most council members (the collective's own bound).
		#[pallet::constant]
		type MaxSeats: Get<u32>;

		/// Declares and withdraws validation intent (the staking pallet).
		type Staking: ValidatorIntent<Self::AccountId>;

		/// Most validators one state may have declared (its appointed validators and its admin).
		#[pallet::constant]
		type MaxValidatorsPerState: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// The council's members: admins of active states, sorted. Mirrors the collective.
	#[pallet::storage]
	pub type Seats<T: Config> = StorageValue<_, BoundedVec<T::AccountId, T::MaxSeats>, ValueQuery>;

	/// The account holding each seated state's seat (its admin).
	#[pallet::storage]
	pub type SeatOf<T: Config> = StorageMap<_, Twox64Concat, StateId, T::AccountId>;

	/// How many seated states each council member administers (at least one).
	#[pallet::storage]
	pub type SeatStates<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32>;

	/// The state that appointed each validator that declared its intent here.
	#[pallet::storage]
	pub type AppointedBy<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, StateId>;

	/// The validators each state appointed that declared their intent here.
	#[pallet::storage]
	pub type StateValidators<T: Config> = StorageMap<
		_,
		Twox64Concat,
		StateId,
		BoundedVec<T::AccountId, T::MaxValidatorsPerState>,
		ValueQuery,
	>;

	/// Validators appointed at genesis (whose intent the staking genesis declared).
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(state, validator)`: each must hold the state's Validator role at genesis.
		pub validators: Vec<(StateId, T::AccountId)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// Genesis cannot return an error: an unappointed validator aborts it.
			for (state, who) in &self.validators {
				assert!(
					T::Roles::is_state_established(*state)
						&& T::Roles::has_role(*state, who, Role::Validator),
					"a genesis validator holds an established state's Validator role"
				);
				Pallet::<T>::note_validator(*state, who)
					.expect("genesis validators fit MaxValidatorsPerState");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `state`'s admin `who` holds its council seat.
		Seated {
			/// The state.
			state: StateId,
			/// Its admin, now a council member.
			who: T::AccountId,
		},
		/// `state` gave up its council seat, held by `who` (suspended, deregistered or handed
		/// over to a new admin).
		Unseated {
			/// The state.
			state: StateId,
			/// The account that held the seat.
			who: T::AccountId,
		},
		/// `state` became active while the council was full: its admin may claim a seat later.
		CouncilFull {
			/// The state without a seat.
			state: StateId,
		},
		/// `who`, appointed by `state`, declared the intent to validate.
		ValidatorDeclared {
			/// The appointing state.
			state: StateId,
			/// The validator.
			who: T::AccountId,
		},
		/// `who` no longer validates for `state` (suspended, deregistered or role removed); it
		/// is not elected at the next era.
		ValidatorChilled {
			/// The state it validated for.
			state: StateId,
			/// The validator.
			who: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such network state.
		StateNotFound,
		/// The state is suspended: its accounts hold no seats and appoint no validators.
		StateSuspended,
		/// The state is on probation (or not admitted): it holds no seat and appoints no
		/// validators yet.
		StateNotEstablished,
		/// The signer is not a validator appointed by the state (nor its admin).
		NotAppointed,
		/// The signer already validates for another state.
		AppointedElsewhere,
		/// The state has [`Config::MaxValidatorsPerState`] validators.
		TooManyValidators,
		/// The signer is not the state's admin.
		NotStateAdmin,
		/// The state already holds a council seat.
		AlreadySeated,
		/// The council has [`Config::MaxSeats`] members.
		CouncilFull,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxSeats::get() > 0, "MaxSeats must be positive");
			assert!(T::MaxValidatorsPerState::get() > 0, "MaxValidatorsPerState must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Declares the signer a validator candidate for `state`, with `commission` on its
		/// rewards; `blocked` refuses new nominations. The signer must be a bonded stash holding
		/// the state's Validator role (its admin holds it by right), and `state` must be
		/// established (past probation) and active.
		/// Calling again updates the commission.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::validate())]
		pub fn validate(
			origin: OriginFor<T>,
			state: StateId,
			commission: Perbill,
			blocked: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::state_exists(state), Error::<T>::StateNotFound);
			ensure!(T::Roles::is_state_active(state), Error::<T>::StateSuspended);
			ensure!(T::Roles::is_state_established(state), Error::<T>::StateNotEstablished);
			ensure!(T::Roles::has_role(state, &who, Role::Validator), Error::<T>::NotAppointed);
			if let Some(other) = AppointedBy::<T>::get(&who) {
				ensure!(other == state, Error::<T>::AppointedElsewhere);
			}
			// Record first so a full state is refused before staking changes anything.
			Self::note_validator(state, &who)?;
			T::Staking::validate(&who, commission, blocked)?;
			Self::deposit_event(Event::ValidatorDeclared { state, who });
			Ok(())
		}

		/// Takes a council seat for `state` when it was established while the council was full.
		/// The state's admin only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::claim_seat())]
		pub fn claim_seat(origin: OriginFor<T>, state: StateId) -> DispatchResult {
			ensure!(T::Roles::state_exists(state), Error::<T>::StateNotFound);
			let who = ensure_state_admin::<T::StateAdminOrigin, _>(
				origin,
				state,
				Error::<T>::NotStateAdmin,
			)?;
			ensure!(T::Roles::is_state_active(state), Error::<T>::StateSuspended);
			ensure!(T::Roles::is_state_established(state), Error::<T>::StateNotEstablished);
			ensure!(!SeatOf::<T>::contains_key(state), Error::<T>::AlreadySeated);
			Self::seat(state, &who)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Records that `who` validates for `state`.
		pub(crate) fn note_validator(state: StateId, who: &T::AccountId) -> DispatchResult {
			if AppointedBy::<T>::get(who) == Some(state) {
				return Ok(());
			}
			StateValidators::<T>::try_mutate(state, |list| {
				list.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)
			})?;
			AppointedBy::<T>::insert(who, state);
			Ok(())
		}

		/// Gives `state` a seat held by `who`, if the council has room or `who` sits already.
		pub(crate) fn seat(state: StateId, who: &T::AccountId) -> DispatchResult {
			let mut seats = Seats::<T>::get();
			let held = SeatStates::<T>::get(who).unwrap_or(0);
			if held == 0 {
				let at = seats.binary_search(who).unwrap_or_else(|at| at);
				seats.try_insert(at, who.clone()).map_err(|_| Error::<T>::CouncilFull)?;
				T::Council::change_members_sorted(core::slice::from_ref(who), &[], &seats);
				Seats::<T>::put(seats);
			}
			SeatStates::<T>::insert(who, held.saturating_add(1));
			SeatOf::<T>::insert(state, who);
			Self::deposit_event(Event::Seated { state, who: who.clone() });
			Ok(())
		}

		/// Takes `state`'s seat away, if it has one.
		pub(crate) fn unseat(state: StateId) {
			let Some(who) = SeatOf::<T>::take(state) else { return };
			let held = SeatStates::<T>::get(&who).unwrap_or(0).saturating_sub(1);
			if held == 0 {
				SeatStates::<T>::remove(&who);
				let mut seats = Seats::<T>::get();
				if let Ok(at) = seats.binary_search(&who) {
					seats.remove(at);
					T::Council::change_members_sorted(&[], core::slice::from_ref(&who), &seats);
					Seats::<T>::put(seats);
				}
			} else {
				SeatStates::<T>::insert(&who, held);
			}
			Self::deposit_event(Event::Unseated { state, who });
		}

		/// Chills `who` if it validates for `state`.
		pub(crate) fn chill_validator(state: StateId, who: &T::AccountId) {
			if AppointedBy::<T>::get(who) != Some(state) {
				return;
			}
			AppointedBy::<T>::remove(who);
			StateValidators::<T>::mutate(state, |list| list.retain(|v| v != who));
			T::Staking::chill(who);
			Self::deposit_event(Event::ValidatorChilled { state, who: who.clone() });
		}

		/// The invariants: seats sorted and counted, every seat held by an established state's admin,
		/// appointments indexed both ways.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			let seats = Seats::<T>::get();
			ensure!(seats.windows(2).all(|w| w[0] < w[1]), "seats are sorted and unique");
			let mut per_member: BTreeMap<T::AccountId, u32> = BTreeMap::new();
			for (state, who) in SeatOf::<T>::iter() {
				ensure!(T::Roles::is_state_established(state), "a seated state is established");
				ensure!(T::Roles::is_admin(state, &who), "a seat is held by its state's admin");
				*per_member.entry(who).or_default() += 1;
			}
			ensure!(
				per_member.len() == seats.len()
					&& per_member.keys().zip(seats.iter()).all(|(a, b)| a == b),
				"council members are exactly the seated admins"
			);
			for (who, count) in SeatStates::<T>::iter() {
				ensure!(per_member.get(&who) == Some(&count), "seat counts match seated states");
			}
			let mut appointed = 0usize;
			for (state, list) in StateValidators::<T>::iter() {
				for who in list.iter() {
					ensure!(
						AppointedBy::<T>::get(who) == Some(state),
						"a state's validator is appointed by it"
					);
				}
				appointed = appointed.saturating_add(list.len());
			}
			ensure!(
				AppointedBy::<T>::iter().count() == appointed,
				"every appointment is in its state's list"
			);
			Ok(())
		}
	}
}
