//! # Deployments
//!
//! Deployments of network states, the blueprints drawn from them and their live KPIs.
//!
//! States and roles live in the network states pallet; this pallet learns about them only
//! through [`Config::States`] ([`atlas_primitives::RoleProvider`]). Devices come from
//! [`Config::Devices`] ([`atlas_primitives::DeviceRegistry`]).
//!
//! ## Deployments
//! A deployment is a named group of a state's devices (metadata, H3 cells, optionally the vault
//! that funds it), created by the state's admin or a steward against a storage deposit
//! ([`Config::DeploymentConsideration`]). A device joins or leaves through its owner or a
//! steward of its state, and is in at most one deployment ([`DeviceDeployment`]); a deployment
//! holds at most [`Config::MaxDeploymentDevices`]. A deployment without devices closes and its
//! deposit returns to whoever paid it. A suspended state creates no deployment and takes no
//! device into one.
//!
//! ## Blueprints
//! A blueprint is a reusable model of a deployment (device mix, hardware models, expected output
//! per epoch, cost, a playbook URI), published by a state's admin or steward against a storage
//! deposit ([`Config::BlueprintConsideration`]), optionally drawn from one of the state's
//! deployments (its source). A state that replicates it records an adoption linking one of its
//! deployments to the blueprint. A blueprint nobody adopts retires and its deposit returns.
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
//! ## Storage deposits
//! Deposits are [`frame_support::traits::Consideration`] tickets for what a record takes in
//! storage ([`Pallet::deployment_footprint`], [`Pallet::blueprint_footprint`]), kept in the
//! record and dropped with it; the runtime prices the footprint and chooses how it is paid
//! (typically a hold under this pallet's [`HoldReason`]).
//!
//! ## For other pallets
//! [`atlas_primitives::DeploymentRegistry`] tells which state a deployment belongs to and which
//! deployment a device is in; [`atlas_primitives::StateHoldings`] keeps a state with deployments
//! or blueprints from deregistering.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod blueprints;
mod deployments;
mod impl_deployment_registry;
mod impl_on_delivery;
mod kpis;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::deployments";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use atlas_primitives::{
		DeviceId, DeviceRegistry, EpochIndex, H3Cell, KpiKind, KpiView, Page, RewardSink, Role,
		RoleProvider, StateId, VaultId,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			Consideration, Contains, Footprint,
		},
	};
	use frame_system::pallet_prelude::*;

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A stored deployment.
	pub type DeploymentOf<T> = Deployment<
		<T as frame_system::Config>::AccountId,
		<T as Config>::DeploymentConsideration,
		<T as Config>::MaxNameLength,
		<T as Config>::MaxUriLength,
		<T as Config>::MaxCells,
	>;

	/// A stored blueprint.
	pub type BlueprintOf<T> = Blueprint<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		<T as Config>::BlueprintConsideration,
		<T as Config>::MaxNameLength,
		<T as Config>::MaxUriLength,
		<T as Config>::MaxModels,
	>;

	/// A blueprint as published.
	pub type BlueprintSpecOf<T> = BlueprintSpec<BalanceOf<T>>;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the deployments pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The chain's currency (blueprints' costs are counted in it; the considerations below
		/// choose how deposits are paid).
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The network states and the roles accounts hold in them: the admin or a steward of
		/// an active state manages its deployments and blueprints.
		type States: RoleProvider<Self::AccountId>;

		/// The registered devices (deployments group them).
		type Devices: DeviceRegistry<Self::AccountId, BalanceOf<Self>>;

		/// The vaults (a deployment may name the one that funds it).
		type Vaults: RewardSink<Self::AccountId, BalanceOf<Self>>;

		/// The storage deposit of a deployment: prices [`Pallet::deployment_footprint`] (the
		/// deployment, its state index entry and its KPI record), paid by its creator until it
		/// closes.
		type DeploymentConsideration: Consideration<Self::AccountId, Footprint>;

		/// The storage deposit of a blueprint: prices [`Pallet::blueprint_footprint`] (the
		/// blueprint, its state index entry and its KPI record), paid by its publisher until it
		/// retires.
		type BlueprintConsideration: Consideration<Self::AccountId, Footprint>;

		/// Longest deployment or blueprint name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Longest metadata URI, in bytes.
		#[pallet::constant]
		type MaxUriLength: Get<u32>;

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

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a deployment or a blueprint.
		#[codec(index = 0)]
		DeploymentDeposit,
	}

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

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
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
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No state has this id.
		StateNotFound,
		/// Only the state's admin or one of its stewards may do this.
		NotAdminOrSteward,
		/// The name is empty.
		EmptyName,
		/// The name is longer than `MaxNameLength`.
		NameTooLong,
		/// The metadata URI is longer than `MaxUriLength`.
		UriTooLong,
		/// The signer cannot afford the deposit (it must stay above the existential deposit).
		CannotAffordDeposit,
		/// The state is suspended.
		StateSuspended,
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
		/// The deployment already counts toward a blueprint (it adopted one or one was drawn
		/// from it).
		DeploymentInBlueprint,
		/// [`Config::MaxBlueprints`] blueprints exist.
		TooManyBlueprints,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLength::get() > 0, "MaxNameLength must be positive");
			assert!(T::MaxBlueprints::get() > 0, "MaxBlueprints must be positive");
			assert!(T::MaxDeploymentDevices::get() > 0, "MaxDeploymentDevices must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a deployment of `state` (the signer is its admin or a steward), who pays its
		/// storage deposit ([`Config::DeploymentConsideration`]).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_deployment())]
		pub fn create_deployment(
			origin: OriginFor<T>,
			state: StateId,
			name: Vec<u8>,
			metadata_uri: Vec<u8>,
			cells: Vec<H3Cell>,
			vault: Option<VaultId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_deployment(who, state, name, metadata_uri, cells, vault)
		}

		/// Adds `device` to `deployment`: the signer is the device's owner or a steward of its
		/// state; the device belongs to the deployment's state and to no other deployment.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_device())]
		pub fn add_device(
			origin: OriginFor<T>,
			deployment: DeploymentId,
			device: DeviceId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_device(who, deployment, device)
		}

		/// Removes `device` from `deployment`: the device's owner or a steward of its state
		/// (anyone once the device is gone from the registry).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_device())]
		pub fn remove_device(
			origin: OriginFor<T>,
			deployment: DeploymentId,
			device: DeviceId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_device(who, deployment, device)
		}

		/// Closes a deployment without devices; its deposit returns. Admin or steward.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::close_deployment())]
		pub fn close_deployment(origin: OriginFor<T>, deployment: DeploymentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_deployment(who, deployment)
		}

		/// Publishes a blueprint of `state` (admin or steward), who pays its storage deposit
		/// ([`Config::BlueprintConsideration`]). `source` is the state's deployment it models, if
		/// any.
		#[pallet::call_index(4)]
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
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::adopt_blueprint())]
		pub fn adopt_blueprint(
			origin: OriginFor<T>,
			blueprint: BlueprintId,
			deployment: DeploymentId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_adopt_blueprint(who, blueprint, deployment)
		}

		/// Retires a blueprint no deployment adopted; its deposit returns. Admin or steward of
		/// the publishing state.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::retire_blueprint())]
		pub fn retire_blueprint(origin: OriginFor<T>, blueprint: BlueprintId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retire_blueprint(who, blueprint)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
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
			cursor: Option<DeviceId>,
			limit: u32,
		) -> Page<DeviceId, DeviceId> {
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

		/// Whether `who` is the admin or a steward of `state` (the admin holds every role).
		pub(crate) fn is_steward(state: StateId, who: &T::AccountId) -> bool {
			T::States::has_role(state, who, Role::Steward)
		}

		/// `who` is the admin or a steward of `state`, which is active.
		pub(crate) fn ensure_steward(state: StateId, who: &T::AccountId) -> DispatchResult {
			ensure!(T::States::state_exists(state), Error::<T>::StateNotFound);
			ensure!(T::States::is_state_active(state), Error::<T>::StateSuspended);
			ensure!(Self::is_steward(state, who), Error::<T>::NotAdminOrSteward);
			Ok(())
		}

		/// What a deployment takes in storage: the footprint its deposit
		/// ([`Config::DeploymentConsideration`]) prices. Creating one writes three items: the
		/// deployment (at its bounds), its state index entry (no value) and its KPI record. The
		/// devices that join it later are not priced.
		pub fn deployment_footprint() -> Footprint {
			let bytes = DeploymentOf::<T>::max_encoded_len()
				.saturating_add(DeploymentKpi::max_encoded_len());
			Footprint::from_parts(3, bytes)
		}

		/// What a blueprint takes in storage: the footprint its deposit
		/// ([`Config::BlueprintConsideration`]) prices. Publishing one writes three items: the
		/// blueprint (at its bounds), its state index entry (no value) and its KPI record.
		pub fn blueprint_footprint() -> Footprint {
			let bytes =
				BlueprintOf::<T>::max_encoded_len().saturating_add(BlueprintKpi::max_encoded_len());
			Footprint::from_parts(3, bytes)
		}

		/// Checks the pallet's invariants: deployments and blueprints (indexes, counts, links)
		/// and their KPIs (one record each, each blueprint's the sum over its
		/// deployments').
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			Self::check_deployments()?;
			Self::check_kpis()
		}
	}
}
