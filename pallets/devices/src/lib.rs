//! # Devices
//!
//! The registry of physical devices: GPU nodes, routers, solar inverters, sensors. Other pallets
//! learn about devices only through [`atlas_primitives::DeviceRegistry`], which this pallet
//! implements; a state with devices cannot deregister ([`atlas_primitives::StateHoldings`]).
//!
//! ## Registering a device
//! A citizen of an active network state registers a device with its class and spec, an H3 cell
//! for its location, a metadata URI, a hardware model from the list governance approves, and the
//! device's own public key. The spec must fit within the model's maximal spec
//! ([`atlas_primitives::DeviceSpec::fits_within`]): the physical bounds a device's reports are
//! held to come from what governance approved for its model, not from what its owner claims. The device proves the owner holds it: its key
//! signs [`atlas_primitives::possession_payload`] — `(context, genesis hash, owner, device key,
//! nonce)` where the nonce is the owner's [`RegistrationNonce`]. The genesis hash refuses proofs
//! made for another chain, the owner refuses proofs made for someone else, the nonce (advanced
//! by every registration) refuses replays. A key belongs to one registered device at a time; a
//! key governance force-decommissions with `ban_key` can never register again.
//!
//! ## Maker certificates
//! Governance registers makers' root keys ([`Makers`]). A device built by such a maker may carry
//! the maker's certificate: the root key's signature of
//! [`atlas_primitives::maker_certificate_payload`] — `(context, device key, hardware model,
//! serial)`. A certified device is `maker_attested` in [`atlas_primitives::DeviceSummary`] while
//! its maker stays registered. One serial (one physical unit) backs one registered device at a
//! time ([`SerialsInUse`]).
//!
//! [`Config::DeviceDeposit`] is held from the owner who registers, and returned to that account
//! when the device is decommissioned (an ownership transfer does not move it).
//!
//! ## Lifecycle
//! `Pending` (registered) → `Active` (a steward or the admin of its state activates it) →
//! `Suspended` (a steward suspends it; activating again resumes it). Every activation records its
//! block (`active_since`), so reports cover only the part of an epoch the device was active. The owner decommissions a
//! device in any status; governance may force it. A decommissioned device is removed.
//!
//! ## Reads
//! Devices are indexed by owner and by state in double maps (no vectors), read a page at a time
//! (at most 100) through view functions and the runtime API.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_custody;
mod impl_registry;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use atlas_primitives::{
		default_route, h3, maker_certificate_payload, possession_payload, validate_route,
		vault_leg, Beneficiary, ChallengeStatus, DeviceClass, DeviceId, DeviceKey, DeviceSignature,
		DeviceSpec, DeviceStatus, H3Cell, HardwareModelId, Page, RewardLedger, RewardRoute,
		RewardSink, Role, RoleProvider, RouteError, RouteShare, StateId,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, Inspect, Mutate, MutateHold},
			tokens::Precision,
			OnUnbalanced,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{StaticLookup, Zero},
		Saturating,
	};

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// Funds taken from a slashed deposit.
	pub type CreditOf<T> =
		fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

	/// A stored device.
	pub type DeviceOf<T> = Device<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		BoundedVec<u8, <T as Config>::MaxUriLength>,
	>;

	/// A stored hardware model.
	pub type HardwareModelOf<T> = HardwareModel<BoundedVec<u8, <T as Config>::MaxModelNameLength>>;

	/// A stored maker.
	pub type MakerOf<T> = Maker<BoundedVec<u8, <T as Config>::MaxModelNameLength>>;

	type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the device registry.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>
			+ fungible::BalancedHold<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Network states and roles.
		type Roles: RoleProvider<Self::AccountId>;

		/// May force-decommission devices and maintain the approved hardware list.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives what is slashed from device deposits.
		type OnSlash: OnUnbalanced<CreditOf<Self>>;

		/// Rewards not yet paid: a device that has them cannot be transferred or decommissioned
		/// (its owner claims first); a device removed by force forfeits them.
		type Rewards: RewardLedger;

		/// Whether a device's reports stand challenged: its deposit stays until they are
		/// settled (a fraud ruling fines it).
		type Challenges: ChallengeStatus;

		/// The vaults a reward route may name (`()` while there are none: such routes are
		/// refused).
		type Vaults: RewardSink<Self::AccountId, BalanceOf<Self>>;

		/// Deposit held per registered device.
		#[pallet::constant]
		type DeviceDeposit: Get<BalanceOf<Self>>;

		/// Longest metadata URI, in bytes.
		#[pallet::constant]
		type MaxUriLength: Get<u32>;

		/// Longest hardware model (and maker) name, in bytes.
		#[pallet::constant]
		type MaxModelNameLength: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a registered device.
		DeviceDeposit,
	}

	/// The id the next registered device gets.
	#[pallet::storage]
	pub type NextDeviceId<T: Config> = StorageValue<_, DeviceId, ValueQuery>;

	/// Registered devices.
	#[pallet::storage]
	pub type Devices<T: Config> = StorageMap<_, Twox64Concat, DeviceId, DeviceOf<T>>;

	/// The device each registered key belongs to.
	#[pallet::storage]
	pub type DeviceByKey<T: Config> = StorageMap<_, Blake2_128Concat, DeviceKey, DeviceId>;

	/// Keys governance banned when force-decommissioning their device.
	#[pallet::storage]
	pub type BannedKeys<T: Config> = StorageMap<_, Blake2_128Concat, DeviceKey, ()>;

	/// Index: the devices of each owner.
	#[pallet::storage]
	pub type DevicesByOwner<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, DeviceId, ()>;

	/// Index: the devices of each network state.
	#[pallet::storage]
	pub type DevicesByState<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StateId, Twox64Concat, DeviceId, ()>;

	/// Number of devices registered in each network state.
	#[pallet::storage]
	pub type StateDeviceCount<T: Config> = StorageMap<_, Twox64Concat, StateId, u32, ValueQuery>;

	/// How many devices there are of each class in each status (for the network overview).
	#[pallet::storage]
	pub type Census<T: Config> = StorageValue<_, atlas_primitives::DeviceCensus, ValueQuery>;

	/// The nonce an owner's next possession proof must sign; advanced by each registration.
	#[pallet::storage]
	pub type RegistrationNonce<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Reward routes owners set; a device without one routes everything to its owner.
	#[pallet::storage]
	pub type RewardRoutes<T: Config> =
		StorageMap<_, Twox64Concat, DeviceId, RewardRoute<T::AccountId>>;

	/// The approved hardware models.
	#[pallet::storage]
	pub type HardwareModels<T: Config> =
		StorageMap<_, Twox64Concat, HardwareModelId, HardwareModelOf<T>>;

	/// The id the next approved hardware model gets.
	#[pallet::storage]
	pub type NextHardwareModelId<T: Config> = StorageValue<_, HardwareModelId, ValueQuery>;

	/// The makers whose root keys certify devices (registered by governance).
	#[pallet::storage]
	pub type Makers<T: Config> = StorageMap<_, Twox64Concat, MakerId, MakerOf<T>>;

	/// The id the next registered maker gets.
	#[pallet::storage]
	pub type NextMakerId<T: Config> = StorageValue<_, MakerId, ValueQuery>;

	/// Index: the device each certified serial of each maker backs (one physical unit, one
	/// registered device at a time).
	#[pallet::storage]
	pub type SerialsInUse<T: Config> =
		StorageDoubleMap<_, Twox64Concat, MakerId, Blake2_128Concat, Serial, DeviceId>;

	/// The certified serial of each device that registered with a maker certificate (its maker
	/// is the device's `maker`); lets decommissioning free the serial in [`SerialsInUse`].
	#[pallet::storage]
	pub type DeviceSerial<T: Config> = StorageMap<_, Twox64Concat, DeviceId, Serial>;

	/// The approved hardware list at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Approved hardware models: name and maximal spec.
		pub hardware_models: Vec<(Vec<u8>, DeviceSpec)>,
		/// Binds the config to the runtime.
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (name, max_spec) in &self.hardware_models {
				let name =
					name.clone().try_into().expect("genesis model name exceeds MaxModelNameLength");
				assert!(max_spec.is_well_formed(), "genesis model max spec is not well formed");
				Pallet::<T>::do_approve_model(HardwareModel { name, max_spec: max_spec.clone() })
					.expect("genesis hardware model ids fit in u32");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A device registered and waits for activation.
		DeviceRegistered {
			/// Its id.
			device: DeviceId,
			/// Its owner.
			owner: T::AccountId,
			/// Its network state.
			state: StateId,
			/// Its class.
			class: DeviceClass,
			/// Its key.
			key: DeviceKey,
			/// The deposit held from the owner.
			deposit: BalanceOf<T>,
			/// Whether it carries a certificate of a registered maker.
			maker_attested: bool,
		},
		/// A steward activated a device.
		DeviceActivated {
			/// The device.
			device: DeviceId,
			/// The steward or admin.
			by: T::AccountId,
		},
		/// A steward suspended a device.
		DeviceSuspended {
			/// The device.
			device: DeviceId,
			/// The steward or admin.
			by: T::AccountId,
		},
		/// The owner changed a device's location or metadata URI.
		DeviceUpdated {
			/// The device.
			device: DeviceId,
		},
		/// The owner appointed (or removed, when `None`) a device's operator.
		OperatorSet {
			/// The device.
			device: DeviceId,
			/// The new operator.
			operator: Option<T::AccountId>,
		},
		/// A device's probe endpoint changed.
		ProbeEndpointSet {
			/// The device.
			device: DeviceId,
			/// The new endpoint (empty: none).
			endpoint: BoundedVec<u8, T::MaxUriLength>,
		},
		/// A device changed owner; its operator and reward route were reset.
		DeviceTransferred {
			/// The device.
			device: DeviceId,
			/// The previous owner.
			from: T::AccountId,
			/// The new owner.
			to: T::AccountId,
		},
		/// The owner set a device's reward route.
		RewardRouteSet {
			/// The device.
			device: DeviceId,
			/// The route.
			route: RewardRoute<T::AccountId>,
		},
		/// A device was decommissioned and removed; its deposit was returned.
		DeviceDecommissioned {
			/// The device.
			device: DeviceId,
			/// Whether governance forced it.
			forced: bool,
			/// Whether its key is banned from registering again.
			key_banned: bool,
			/// The deposit returned to its depositor.
			deposit_returned: BalanceOf<T>,
		},
		/// Part of a device's deposit was slashed for proven fraud.
		DepositSlashed {
			/// The device.
			device: DeviceId,
			/// The amount taken.
			amount: BalanceOf<T>,
		},
		/// Governance approved a hardware model.
		HardwareModelApproved {
			/// Its id.
			model: HardwareModelId,
			/// Its class.
			class: DeviceClass,
		},
		/// Governance removed a hardware model from the approved list (registered devices stay).
		HardwareModelRevoked {
			/// Its id.
			model: HardwareModelId,
		},
		/// Governance registered a maker's root key.
		MakerRegistered {
			/// Its id.
			maker: MakerId,
			/// Its root key.
			key: DeviceKey,
		},
		/// Governance revoked a maker: its devices stay registered but are no longer attested,
		/// and its certificates register no new device.
		MakerRevoked {
			/// Its id.
			maker: MakerId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No network state has this id.
		StateNotFound,
		/// The network state is suspended.
		StateSuspended,
		/// The signer is not a citizen of the network state.
		NotCitizen,
		/// Only a steward or the admin of the device's state may do this.
		NotSteward,
		/// Only the device's owner may do this.
		NotOwner,
		/// The appointed operator does not hold the Operator role in the device's state.
		NotAnOperator,
		/// The new owner is not a citizen of the device's state.
		RecipientNotCitizen,
		/// The account already owns the device.
		AlreadyOwner,
		/// No device has this id.
		DeviceNotFound,
		/// The device key is registered to another device.
		DeviceKeyInUse,
		/// Governance banned this device key.
		DeviceKeyBanned,
		/// The possession proof is not the device key's signature of this chain's payload for
		/// this owner and the owner's current nonce (foreign, replayed or malformed).
		BadPossessionProof,
		/// The metadata URI is longer than `MaxUriLength`.
		MetadataTooLong,
		/// The probe endpoint is longer than `MaxUriLength`.
		ProbeEndpointTooLong,
		/// The hardware model is not on the approved list.
		HardwareModelNotApproved,
		/// The hardware model is of another class than the spec.
		HardwareClassMismatch,
		/// The spec exceeds the hardware model's maximal spec (a capacity above the model's, or
		/// another GPU model or sensor kind).
		SpecExceedsModel,
		/// The spec has a zero capacity or an empty GPU model.
		InvalidSpec,
		/// The location is not a valid H3 cell index.
		InvalidLocation,
		/// The device's status does not allow this transition.
		InvalidTransition,
		/// The signer cannot afford the deposit (it must stay above the existential deposit).
		CannotAffordDeposit,
		/// The route has more legs than allowed.
		RouteTooLong,
		/// The route has no legs.
		RouteEmpty,
		/// The route's shares do not sum to exactly 100 %.
		RouteNotWhole,
		/// A leg of the route has a zero share.
		RouteZeroShare,
		/// A beneficiary appears twice in the route.
		RouteDuplicateBeneficiary,
		/// More than one leg of the route names a vault.
		RouteSeveralVaults,
		/// The route would change the vault leg of a device with unpaid rewards: what the vault
		/// was promised must reach it first (claim, then change the route).
		VaultLegLocked,
		/// The route names a vault that does not exist or takes no rewards.
		UnknownVault,
		/// The recipient has no account to hold the device's deposit (it needs the existential
		/// deposit first).
		RecipientHasNoAccount,
		/// The route names a vault that has not admitted this device (its holders vote devices
		/// in).
		VaultRefusesDevice,
		/// The device has rewards not yet paid: claim them first (epochs still open to challenge
		/// become claimable when their window ends).
		UnpaidRewards,
		/// A report of the device stands challenged: its deposit must stay for the ruling.
		DeviceChallenged,
		/// The update changes nothing.
		NothingToUpdate,
		/// The hardware model (or maker) name is empty or longer than `MaxModelNameLength`.
		BadModelName,
		/// No registered maker has this id.
		MakerNotFound,
		/// The certificate is not the maker root key's signature of the certificate payload for
		/// this device key, hardware model and serial.
		BadMakerCertificate,
		/// The maker's serial backs another registered device.
		SerialInUse,
		/// Every id is taken.
		IdsExhausted,
	}

	impl<T> From<RouteError> for Error<T> {
		fn from(e: RouteError) -> Self {
			match e {
				RouteError::Empty => Error::RouteEmpty,
				RouteError::SharesNotWhole => Error::RouteNotWhole,
				RouteError::ZeroShare => Error::RouteZeroShare,
				RouteError::DuplicateBeneficiary => Error::RouteDuplicateBeneficiary,
				RouteError::SeveralVaults => Error::RouteSeveralVaults,
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxModelNameLength::get() > 0, "MaxModelNameLength must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a device in `state` owned by the signer, who must be a citizen of that
		/// active state. `proof` is the device key's signature of
		/// [`atlas_primitives::possession_payload`] with this chain's genesis hash, the signer and
		/// the signer's current [`RegistrationNonce`]. `spec` must fit within the hardware
		/// model's maximal spec. With `certificate`, a registered maker certifies the key for this
		/// model and a serial no other registered device holds. Holds [`Config::DeviceDeposit`].
		/// The device starts `Pending`.
		#[pallet::call_index(0)]
		// P-256 and secp256k1 checks run in the runtime, without a host function.
		#[pallet::weight(T::WeightInfo::register_device().saturating_add(
			atlas_primitives::ECDSA_VERIFICATION_WEIGHT.saturating_mul(
				u64::from(proof.is_ecdsa())
					+ u64::from(certificate.as_ref().is_some_and(|c| c.signature.is_ecdsa())),
			),
		))]
		pub fn register_device(
			origin: OriginFor<T>,
			state: StateId,
			spec: DeviceSpec,
			hardware_model: HardwareModelId,
			location: H3Cell,
			metadata_uri: Vec<u8>,
			key: DeviceKey,
			proof: DeviceSignature,
			certificate: Option<MakerCertificate>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::ensure_state_active(state)?;
			ensure!(T::Roles::has_role(state, &owner, Role::Citizen), Error::<T>::NotCitizen);
			let metadata_uri: BoundedVec<u8, T::MaxUriLength> =
				metadata_uri.try_into().map_err(|_| Error::<T>::MetadataTooLong)?;
			ensure!(spec.is_well_formed(), Error::<T>::InvalidSpec);
			let model = HardwareModels::<T>::get(hardware_model)
				.ok_or(Error::<T>::HardwareModelNotApproved)?;
			ensure!(model.class() == spec.class(), Error::<T>::HardwareClassMismatch);
			ensure!(spec.fits_within(&model.max_spec), Error::<T>::SpecExceedsModel);
			ensure!(h3::is_valid_cell(location), Error::<T>::InvalidLocation);
			ensure!(!BannedKeys::<T>::contains_key(key), Error::<T>::DeviceKeyBanned);
			ensure!(!DeviceByKey::<T>::contains_key(key), Error::<T>::DeviceKeyInUse);
			let nonce = RegistrationNonce::<T>::get(&owner);
			let payload = possession_payload(&Self::genesis_hash(), &owner, &key, nonce);
			ensure!(key.verify(&payload, &proof), Error::<T>::BadPossessionProof);
			let certified =
				certificate.map(|c| Self::ensure_certified(&key, hardware_model, c)).transpose()?;

			let device = NextDeviceId::<T>::get();
			let next = device.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			let deposit = T::DeviceDeposit::get();
			T::Currency::hold(&HoldReason::DeviceDeposit.into(), &owner, deposit)
				.map_err(|_| Error::<T>::CannotAffordDeposit)?;

			let class = spec.class();
			Devices::<T>::insert(
				device,
				Device {
					owner: owner.clone(),
					operator: None,
					state,
					spec,
					hardware_model,
					location,
					metadata_uri,
					key,
					status: DeviceStatus::Pending,
					depositor: owner.clone(),
					deposit,
					registered_at: frame_system::Pallet::<T>::block_number(),
					vault: None,
					active_since: None,
					maker: certified.as_ref().map(|(maker, _)| *maker),
					probe_endpoint: Default::default(),
				},
			);
			NextDeviceId::<T>::put(next);
			if let Some((maker, serial)) = &certified {
				SerialsInUse::<T>::insert(maker, serial, device);
				DeviceSerial::<T>::insert(device, serial);
			}
			DeviceByKey::<T>::insert(key, device);
			DevicesByOwner::<T>::insert(&owner, device, ());
			DevicesByState::<T>::insert(state, device, ());
			StateDeviceCount::<T>::mutate(state, |n| n.saturating_inc());
			Census::<T>::mutate(|c| c.add(class, DeviceStatus::Pending));
			RegistrationNonce::<T>::insert(&owner, nonce.wrapping_add(1));
			Self::deposit_event(Event::DeviceRegistered {
				device,
				owner,
				state,
				class,
				key,
				deposit,
				maker_attested: certified.is_some(),
			});
			Ok(())
		}

		/// Activates a pending or suspended device of an active state. A steward or the admin of
		/// the device's state only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::activate_device())]
		pub fn activate_device(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let by = ensure_signed(origin)?;
			Devices::<T>::try_mutate(device, |maybe| -> DispatchResult {
				let info = maybe.as_mut().ok_or(Error::<T>::DeviceNotFound)?;
				Self::ensure_steward(info.state, &by)?;
				Self::ensure_state_active(info.state)?;
				ensure!(info.status != DeviceStatus::Active, Error::<T>::InvalidTransition);
				Census::<T>::mutate(|c| {
					c.moved(info.spec.class(), info.status, DeviceStatus::Active)
				});
				info.status = DeviceStatus::Active;
				info.active_since = Some(frame_system::Pallet::<T>::block_number());
				Ok(())
			})?;
			Self::deposit_event(Event::DeviceActivated { device, by });
			Ok(())
		}

		/// Suspends an active device: it earns nothing until activated again. A steward or the
		/// admin of the device's state only.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::suspend_device())]
		pub fn suspend_device(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let by = ensure_signed(origin)?;
			Devices::<T>::try_mutate(device, |maybe| -> DispatchResult {
				let info = maybe.as_mut().ok_or(Error::<T>::DeviceNotFound)?;
				Self::ensure_steward(info.state, &by)?;
				ensure!(info.status == DeviceStatus::Active, Error::<T>::InvalidTransition);
				Census::<T>::mutate(|c| {
					c.moved(info.spec.class(), DeviceStatus::Active, DeviceStatus::Suspended)
				});
				info.status = DeviceStatus::Suspended;
				Ok(())
			})?;
			Self::deposit_event(Event::DeviceSuspended { device, by });
			Ok(())
		}

		/// Changes a device's location and/or metadata URI. Owner only.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::update_device())]
		pub fn update_device(
			origin: OriginFor<T>,
			device: DeviceId,
			location: Option<H3Cell>,
			metadata_uri: Option<Vec<u8>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(location.is_some() || metadata_uri.is_some(), Error::<T>::NothingToUpdate);
			let metadata_uri: Option<BoundedVec<u8, T::MaxUriLength>> = metadata_uri
				.map(|uri| uri.try_into().map_err(|_| Error::<T>::MetadataTooLong))
				.transpose()?;
			if let Some(cell) = location {
				ensure!(h3::is_valid_cell(cell), Error::<T>::InvalidLocation);
			}
			Devices::<T>::try_mutate(device, |maybe| -> DispatchResult {
				let info = maybe.as_mut().ok_or(Error::<T>::DeviceNotFound)?;
				ensure!(info.owner == who, Error::<T>::NotOwner);
				if let Some(cell) = location {
					info.location = cell;
				}
				if let Some(uri) = metadata_uri {
					info.metadata_uri = uri;
				}
				Ok(())
			})?;
			Self::deposit_event(Event::DeviceUpdated { device });
			Ok(())
		}

		/// Appoints `operator` (an account holding the Operator role in the device's state) to run
		/// the device and submit its reports, or removes the operator with `None`. Owner only.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_operator())]
		pub fn set_operator(
			origin: OriginFor<T>,
			device: DeviceId,
			operator: Option<AccountIdLookupOf<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let operator = operator.map(T::Lookup::lookup).transpose()?;
			Devices::<T>::try_mutate(device, |maybe| -> DispatchResult {
				let info = maybe.as_mut().ok_or(Error::<T>::DeviceNotFound)?;
				ensure!(info.owner == who, Error::<T>::NotOwner);
				if let Some(op) = &operator {
					ensure!(
						T::Roles::has_role(info.state, op, Role::Operator),
						Error::<T>::NotAnOperator
					);
				}
				info.operator = operator.clone();
				Ok(())
			})?;
			Self::deposit_event(Event::OperatorSet { device, operator });
			Ok(())
		}

		/// Sets where assigned verifiers probe the device (its agent's probe-protocol address,
		/// at most `MaxUriLength` bytes; empty removes it). Owner or operator.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::set_probe_endpoint())]
		pub fn set_probe_endpoint(
			origin: OriginFor<T>,
			device: DeviceId,
			endpoint: Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let endpoint: BoundedVec<u8, T::MaxUriLength> =
				endpoint.try_into().map_err(|_| Error::<T>::ProbeEndpointTooLong)?;
			Devices::<T>::try_mutate(device, |maybe| -> DispatchResult {
				let info = maybe.as_mut().ok_or(Error::<T>::DeviceNotFound)?;
				ensure!(
					info.owner == who || info.operator.as_ref() == Some(&who),
					Error::<T>::NotOwner
				);
				info.probe_endpoint = endpoint.clone();
				Ok(())
			})?;
			Self::deposit_event(Event::ProbeEndpointSet { device, endpoint });
			Ok(())
		}

		/// Transfers a device to `new_owner`, a citizen of the device's state. The operator, the
		/// probe endpoint and the reward route are reset (the new owner sets their own); the
		/// deposit travels with the device (held from the new owner from now on), so fines for
		/// its later reports fall on the owner who made them. Owner only, once its rewards are
		/// paid (so they reach the owner who earned them) and while no report of it stands
		/// challenged (a fraud ruling fines the owner who reported).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::transfer_device().saturating_add(T::DbWeight::get().reads(2)))]
		pub fn transfer_device(
			origin: OriginFor<T>,
			device: DeviceId,
			new_owner: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let new_owner = T::Lookup::lookup(new_owner)?;
			let info = Devices::<T>::get(device).ok_or(Error::<T>::DeviceNotFound)?;
			ensure!(info.owner == who, Error::<T>::NotOwner);
			ensure!(new_owner != who, Error::<T>::AlreadyOwner);
			ensure!(
				T::Roles::has_role(info.state, &new_owner, Role::Citizen),
				Error::<T>::RecipientNotCitizen
			);
			Self::do_hand_over(device, info, new_owner, None)
		}

		/// Sets how the device's settled rewards are split: non-empty, no zero or duplicate legs,
		/// shares summing to exactly 100 %, vaults that take rewards and admitted the device (by a
		/// vote of their holders). Owner only.
		#[pallet::call_index(6)]
		// Beyond the benchmark (a route without a vault): a vault leg asks the vaults whether
		// the vault exists and admitted the device and rewards whether the device has unpaid
		// epochs, and is written to the device's record.
		#[pallet::weight(T::WeightInfo::set_reward_route().saturating_add(T::DbWeight::get().reads_writes(3, 1)))]
		pub fn set_reward_route(
			origin: OriginFor<T>,
			device: DeviceId,
			route: Vec<RouteShare<T::AccountId>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let route: RewardRoute<T::AccountId> =
				route.try_into().map_err(|_| Error::<T>::RouteTooLong)?;
			validate_route(&route).map_err(Error::<T>::from)?;
			for leg in route.iter() {
				if let Beneficiary::Vault(vault) = leg.beneficiary {
					ensure!(T::Vaults::accepts(vault), Error::<T>::UnknownVault);
					ensure!(T::Vaults::admits(vault, device), Error::<T>::VaultRefusesDevice);
				}
			}
			let mut info = Devices::<T>::get(device).ok_or(Error::<T>::DeviceNotFound)?;
			ensure!(info.owner == who, Error::<T>::NotOwner);
			let vault = vault_leg(&route);
			// The vault's unpaid points were counted with the old leg: keep it until paid.
			ensure!(
				vault == info.vault || !T::Rewards::has_unpaid(device),
				Error::<T>::VaultLegLocked
			);
			if vault != info.vault {
				info.vault = vault;
				Devices::<T>::insert(device, &info);
			}
			if route == default_route::<T::AccountId>() {
				RewardRoutes::<T>::remove(device);
			} else {
				RewardRoutes::<T>::insert(device, &route);
			}
			Self::deposit_event(Event::RewardRouteSet { device, route });
			Ok(())
		}

		/// Decommissions a device: removes it and returns its deposit to whoever paid it. The key
		/// may register again (with a fresh possession proof). Owner only, once its rewards are
		/// paid.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::decommission().saturating_add(T::DbWeight::get().reads(2)))]
		pub fn decommission(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Devices::<T>::get(device).ok_or(Error::<T>::DeviceNotFound)?;
			ensure!(info.owner == who, Error::<T>::NotOwner);
			ensure!(!T::Rewards::has_unpaid(device), Error::<T>::UnpaidRewards);
			ensure!(!T::Challenges::is_challenged(device), Error::<T>::DeviceChallenged);
			Self::do_remove(device, info, false, false)
		}

		/// Decommissions any device, returning its deposit; with `ban_key` its key can never
		/// register again. Its unpaid rewards are forfeited and leave its vault's price. Not
		/// while a report of it stands challenged (governance rules on the challenge first: a
		/// fraud ruling fines the deposit). Governance only.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::force_decommission()
			.saturating_add(T::Rewards::removal_weight())
			.saturating_add(T::DbWeight::get().reads(1)))]
		pub fn force_decommission(
			origin: OriginFor<T>,
			device: DeviceId,
			ban_key: bool,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let info = Devices::<T>::get(device).ok_or(Error::<T>::DeviceNotFound)?;
			ensure!(!T::Challenges::is_challenged(device), Error::<T>::DeviceChallenged);
			T::Rewards::on_removed(device);
			Self::do_remove(device, info, true, ban_key)
		}

		/// Adds a hardware model to the approved list with its maximal spec: devices of the model
		/// declare specs within it. Governance only.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::approve_hardware_model())]
		pub fn approve_hardware_model(
			origin: OriginFor<T>,
			name: Vec<u8>,
			max_spec: DeviceSpec,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let name = Self::bounded_name(name)?;
			ensure!(max_spec.is_well_formed(), Error::<T>::InvalidSpec);
			let class = max_spec.class();
			let model = Self::do_approve_model(HardwareModel { name, max_spec })?;
			Self::deposit_event(Event::HardwareModelApproved { model, class });
			Ok(())
		}

		/// Removes a hardware model from the approved list. Devices of that model stay
		/// registered; no new one can register. Governance only.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::revoke_hardware_model())]
		pub fn revoke_hardware_model(
			origin: OriginFor<T>,
			model: HardwareModelId,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(HardwareModels::<T>::contains_key(model), Error::<T>::HardwareModelNotApproved);
			HardwareModels::<T>::remove(model);
			Self::deposit_event(Event::HardwareModelRevoked { model });
			Ok(())
		}

		/// Registers a maker's root key: devices it certifies register `maker_attested`.
		/// Governance only.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::register_maker())]
		pub fn register_maker(
			origin: OriginFor<T>,
			name: Vec<u8>,
			key: DeviceKey,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let name = Self::bounded_name(name)?;
			let maker = NextMakerId::<T>::get();
			let next = maker.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			Makers::<T>::insert(maker, Maker { name, key });
			NextMakerId::<T>::put(next);
			Self::deposit_event(Event::MakerRegistered { maker, key });
			Ok(())
		}

		/// Revokes a maker: its devices stay registered but are no longer attested, and its
		/// certificates register no new device. Its id is never reused. Governance only.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::revoke_maker())]
		pub fn revoke_maker(origin: OriginFor<T>, maker: MakerId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(Makers::<T>::contains_key(maker), Error::<T>::MakerNotFound);
			Makers::<T>::remove(maker);
			Self::deposit_event(Event::MakerRevoked { maker });
			Ok(())
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// How many devices there are of each class in each status.
		pub fn census() -> atlas_primitives::DeviceCensus {
			Census::<T>::get()
		}

		/// A device, or `None` if no device has this id.
		pub fn device(device: DeviceId) -> Option<DeviceOf<T>> {
			Devices::<T>::get(device)
		}

		/// Up to `limit` (at most 100) devices of `owner`, after the device id `cursor`.
		pub fn devices_by_owner(
			owner: T::AccountId,
			cursor: Option<DeviceId>,
			limit: u32,
		) -> Page<(DeviceId, DeviceOf<T>), DeviceId> {
			Self::owner_page(owner, cursor, limit)
		}

		/// Up to `limit` (at most 100) devices of `state`, after the device id `cursor`.
		pub fn devices_by_state(
			state: StateId,
			cursor: Option<DeviceId>,
			limit: u32,
		) -> Page<(DeviceId, DeviceOf<T>), DeviceId> {
			Self::state_page(state, cursor, limit)
		}

		/// A device's reward route (everything to the owner unless the owner set one).
		pub fn reward_route(device: DeviceId) -> Option<RewardRoute<T::AccountId>> {
			Devices::<T>::contains_key(device)
				.then(|| RewardRoutes::<T>::get(device).unwrap_or_else(default_route))
		}

		/// The nonce `owner`'s next possession proof must sign.
		pub fn registration_nonce(owner: T::AccountId) -> u32 {
			RegistrationNonce::<T>::get(owner)
		}

		/// An approved hardware model.
		pub fn hardware_model(model: HardwareModelId) -> Option<HardwareModelOf<T>> {
			HardwareModels::<T>::get(model)
		}

		/// A registered maker.
		pub fn maker(maker: MakerId) -> Option<MakerOf<T>> {
			Makers::<T>::get(maker)
		}
	}

	impl<T: Config> Pallet<T> {
		/// This chain's genesis hash: possession proofs are bound to it.
		pub fn genesis_hash() -> T::Hash {
			frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
		}

		fn ensure_state_active(state: StateId) -> DispatchResult {
			ensure!(T::Roles::state_exists(state), Error::<T>::StateNotFound);
			ensure!(T::Roles::is_state_active(state), Error::<T>::StateSuspended);
			Ok(())
		}

		fn ensure_steward(state: StateId, who: &T::AccountId) -> DispatchResult {
			ensure!(T::Roles::has_role(state, who, Role::Steward), Error::<T>::NotSteward);
			Ok(())
		}

		/// A model or maker name: non-empty, at most [`Config::MaxModelNameLength`] bytes.
		fn bounded_name(
			name: Vec<u8>,
		) -> Result<BoundedVec<u8, T::MaxModelNameLength>, DispatchError> {
			ensure!(!name.is_empty(), Error::<T>::BadModelName);
			Ok(name.try_into().map_err(|_| Error::<T>::BadModelName)?)
		}

		/// Checks a maker certificate of `key` as a device of `hardware_model`: a registered
		/// maker, a serial no registered device holds, the maker root key's signature. Returns
		/// the maker and serial to record.
		fn ensure_certified(
			key: &DeviceKey,
			hardware_model: HardwareModelId,
			certificate: MakerCertificate,
		) -> Result<(MakerId, Serial), DispatchError> {
			let MakerCertificate { maker, serial, signature } = certificate;
			let root = Makers::<T>::get(maker).ok_or(Error::<T>::MakerNotFound)?.key;
			ensure!(!SerialsInUse::<T>::contains_key(maker, &serial), Error::<T>::SerialInUse);
			let payload = maker_certificate_payload(key, hardware_model, &serial);
			ensure!(root.verify(&payload, &signature), Error::<T>::BadMakerCertificate);
			Ok((maker, serial))
		}

		pub(crate) fn do_approve_model(
			model: HardwareModelOf<T>,
		) -> Result<HardwareModelId, DispatchError> {
			let id = NextHardwareModelId::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			HardwareModels::<T>::insert(id, model);
			NextHardwareModelId::<T>::put(next);
			Ok(id)
		}

		/// Moves `device` (`info`) from its owner to `to`, the deposit travelling with it. With
		/// `route` (a vault taking custody) the operator and probe endpoint stay and the route is
		/// set; otherwise they and the route are reset for the new owner to set.
		pub(crate) fn do_hand_over(
			device: DeviceId,
			mut info: DeviceOf<T>,
			to: T::AccountId,
			route: Option<RewardRoute<T::AccountId>>,
		) -> DispatchResult {
			ensure!(!T::Rewards::has_unpaid(device), Error::<T>::UnpaidRewards);
			ensure!(!T::Challenges::is_challenged(device), Error::<T>::DeviceChallenged);
			if !info.deposit.is_zero() {
				use frame_support::traits::tokens::{Fortitude, Restriction};
				// A hold needs an account: the recipient must hold the existential deposit.
				ensure!(
					frame_system::Pallet::<T>::account_exists(&to),
					Error::<T>::RecipientHasNoAccount
				);
				T::Currency::transfer_on_hold(
					&HoldReason::DeviceDeposit.into(),
					&info.depositor,
					&to,
					info.deposit,
					Precision::Exact,
					Restriction::OnHold,
					Fortitude::Polite,
				)?;
			}
			let from = core::mem::replace(&mut info.owner, to.clone());
			info.depositor = to.clone();
			DevicesByOwner::<T>::remove(&from, device);
			DevicesByOwner::<T>::insert(&to, device, ());
			match route {
				Some(route) => {
					info.vault = vault_leg(&route);
					RewardRoutes::<T>::insert(device, route);
				},
				None => {
					RewardRoutes::<T>::remove(device);
					info.operator = None;
					info.vault = None;
					// The new owner's agent answers probes now, not the old one's.
					info.probe_endpoint = Default::default();
				},
			}
			Devices::<T>::insert(device, info);
			Self::deposit_event(Event::DeviceTransferred { device, from, to });
			Ok(())
		}

		fn do_remove(
			device: DeviceId,
			info: DeviceOf<T>,
			forced: bool,
			ban_key: bool,
		) -> DispatchResult {
			T::Currency::release(
				&HoldReason::DeviceDeposit.into(),
				&info.depositor,
				info.deposit,
				Precision::BestEffort,
			)?;
			Devices::<T>::remove(device);
			DeviceByKey::<T>::remove(info.key);
			if let Some(maker) = info.maker {
				if let Some(serial) = DeviceSerial::<T>::take(device) {
					SerialsInUse::<T>::remove(maker, serial);
				}
			}
			if ban_key {
				BannedKeys::<T>::insert(info.key, ());
			}
			DevicesByOwner::<T>::remove(&info.owner, device);
			DevicesByState::<T>::remove(info.state, device);
			StateDeviceCount::<T>::mutate_exists(info.state, |n| {
				*n = n.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
			});
			Census::<T>::mutate(|c| c.remove(info.spec.class(), info.status));
			RewardRoutes::<T>::remove(device);
			Self::deposit_event(Event::DeviceDecommissioned {
				device,
				forced,
				key_banned: ban_key,
				deposit_returned: info.deposit,
			});
			Ok(())
		}

		/// Slashes up to `amount` of a device's deposit to `beneficiary`, or to [`Config::OnSlash`].
		pub(crate) fn do_slash(
			device: DeviceId,
			amount: BalanceOf<T>,
			beneficiary: Option<&T::AccountId>,
		) -> Result<BalanceOf<T>, DispatchError> {
			use frame_support::traits::tokens::{Fortitude, Restriction};
			use fungible::hold::Balanced as _;
			let mut info = Devices::<T>::get(device).ok_or(Error::<T>::DeviceNotFound)?;
			let amount = amount.min(info.deposit);
			let reason = HoldReason::DeviceDeposit.into();
			let taken = match beneficiary {
				Some(to) => T::Currency::transfer_on_hold(
					&reason,
					&info.depositor,
					to,
					amount,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Force,
				)?,
				None => {
					let (credit, missing) = T::Currency::slash(&reason, &info.depositor, amount);
					T::OnSlash::on_unbalanced(credit);
					amount.saturating_sub(missing)
				},
			};
			info.deposit = info.deposit.saturating_sub(taken);
			Devices::<T>::insert(device, info);
			Self::deposit_event(Event::DepositSlashed { device, amount: taken });
			Ok(taken)
		}

		/// A page of devices from an iterator of their ids (already after the cursor).
		fn page(
			ids: impl Iterator<Item = DeviceId>,
			limit: u32,
		) -> Page<(DeviceId, DeviceOf<T>), DeviceId> {
			let ids = Page::collect(ids, limit, |id| *id);
			let items = ids
				.items
				.into_iter()
				.filter_map(|id| Devices::<T>::get(id).map(|d| (id, d)))
				.collect();
			Page { items, next: ids.next }
		}

		/// One page of `owner`'s devices (at most [`atlas_primitives::MAX_PAGE_SIZE`]), after `cursor`.
		pub fn owner_page(
			owner: T::AccountId,
			cursor: Option<DeviceId>,
			limit: u32,
		) -> Page<(DeviceId, DeviceOf<T>), DeviceId> {
			let keys = match cursor {
				Some(after) => DevicesByOwner::<T>::iter_key_prefix_from(
					&owner,
					DevicesByOwner::<T>::hashed_key_for(&owner, after),
				),
				None => DevicesByOwner::<T>::iter_key_prefix(&owner),
			};
			Self::page(keys, limit)
		}

		/// One page of `state`'s devices (at most [`atlas_primitives::MAX_PAGE_SIZE`]), after `cursor`.
		pub fn state_page(
			state: StateId,
			cursor: Option<DeviceId>,
			limit: u32,
		) -> Page<(DeviceId, DeviceOf<T>), DeviceId> {
			let keys = match cursor {
				Some(after) => DevicesByState::<T>::iter_key_prefix_from(
					state,
					DevicesByState::<T>::hashed_key_for(state, after),
				),
				None => DevicesByState::<T>::iter_key_prefix(state),
			};
			Self::page(keys, limit)
		}

		/// Checks the pallet's invariants: held deposits equal stored deposits; every device
		/// belongs to an existing state and appears in both indexes and the key index; index
		/// entries and counts match devices; stored routes are valid and belong to devices;
		/// every certified serial backs an existing device of its maker, and every device with a
		/// maker has exactly one serial.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use frame_support::traits::fungible::InspectHold;
			let next = NextDeviceId::<T>::get();
			let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			let mut per_state: BTreeMap<StateId, u32> = BTreeMap::new();
			let mut devices: u32 = 0;
			let mut certified: u32 = 0;
			let next_maker = NextMakerId::<T>::get();
			let mut census = atlas_primitives::DeviceCensus::default();
			for (id, info) in Devices::<T>::iter() {
				devices.saturating_inc();
				census.add(info.spec.class(), info.status);
				ensure!(id < next, "device id at or above NextDeviceId");
				ensure!(T::Roles::state_exists(info.state), "device of an unknown state");
				ensure!(
					DevicesByOwner::<T>::contains_key(&info.owner, id),
					"device missing from its owner's index"
				);
				ensure!(
					DevicesByState::<T>::contains_key(info.state, id),
					"device missing from its state's index"
				);
				ensure!(DeviceByKey::<T>::get(info.key) == Some(id), "key index does not match");
				// The deposit hold keeps the depositor's account alive.
				ensure!(
					frame_system::Pallet::<T>::account_exists(&info.depositor),
					"device depositor account does not exist"
				);
				let entry = deposits.entry(info.depositor.clone()).or_insert_with(Zero::zero);
				*entry = entry.saturating_add(info.deposit);
				per_state.entry(info.state).or_default().saturating_inc();
				if let Some(maker) = info.maker {
					certified.saturating_inc();
					ensure!(maker < next_maker, "device of a maker id never assigned");
				}
			}
			ensure!(
				DevicesByOwner::<T>::iter_keys()
					.all(|(o, id)| Devices::<T>::get(id).is_some_and(|d| d.owner == o)),
				"owner index entry without a matching device"
			);
			ensure!(
				DevicesByState::<T>::iter_keys()
					.all(|(s, id)| Devices::<T>::get(id).is_some_and(|d| d.state == s)),
				"state index entry without a matching device"
			);
			ensure!(DeviceByKey::<T>::iter().count() as u32 == devices, "stale key index entries");
			ensure!(census == Census::<T>::get(), "device census differs from the devices");
			for (state, count) in StateDeviceCount::<T>::iter() {
				ensure!(per_state.get(&state) == Some(&count), "state device count mismatch");
			}
			ensure!(
				per_state.len() == StateDeviceCount::<T>::iter().count(),
				"state device count missing"
			);
			for (id, route) in RewardRoutes::<T>::iter() {
				ensure!(Devices::<T>::contains_key(id), "route of an unknown device");
				ensure!(validate_route(&route).is_ok(), "stored route is invalid");
			}
			for (maker, serial, id) in SerialsInUse::<T>::iter() {
				ensure!(
					Devices::<T>::get(id).is_some_and(|d| d.maker == Some(maker)),
					"serial of a missing device or of another maker"
				);
				ensure!(
					DeviceSerial::<T>::get(id).as_ref() == Some(&serial),
					"serial index entry differs from the device's serial"
				);
			}
			ensure!(
				SerialsInUse::<T>::iter_keys().count() as u32 == certified,
				"certified devices and serials in use differ in number"
			);
			ensure!(
				DeviceSerial::<T>::iter_keys().count() as u32 == certified,
				"certified devices and device serials differ in number"
			);
			ensure!(
				Makers::<T>::iter_keys().all(|m| m < next_maker),
				"maker id at or above NextMakerId"
			);
			for (who, amount) in deposits {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::DeviceDeposit.into(), &who) == amount,
					"held device deposits differ from stored deposits"
				);
			}
			Ok(())
		}
	}
}
