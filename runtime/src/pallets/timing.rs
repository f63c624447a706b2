//! The chain's timing, set at genesis: session length, sessions per era, and whether referendum
//! tracks run in minutes (dev and test networks) or days (a production genesis). A runtime
//! upgrade or root's `system.set_storage` changes them later.

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Ten minutes of six-second blocks.
	#[pallet::type_value]
	pub fn DefaultSessionLength<T: Config>() -> BlockNumberFor<T> {
		100u32.into()
	}

	/// Six sessions: an hour.
	#[pallet::type_value]
	pub fn DefaultSessionsPerEra() -> u32 {
		6
	}

	/// Blocks per session (validator keys and the GRANDPA set change at session boundaries).
	#[pallet::storage]
	pub type SessionLength<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, DefaultSessionLength<T>>;

	/// Sessions per staking era (validators are elected and paid per era).
	#[pallet::storage]
	pub type SessionsPerEra<T: Config> = StorageValue<_, u32, ValueQuery, DefaultSessionsPerEra>;

	/// Whether referendum tracks run in blocks instead of days (dev and test networks only).
	#[pallet::storage]
	pub type FastGovernance<T: Config> = StorageValue<_, bool, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Blocks per session; 0 keeps the default (100).
		pub session_length: u32,
		/// Sessions per era; 0 keeps the default (6).
		pub sessions_per_era: u32,
		/// Referendum tracks in blocks (for dev and test networks).
		pub fast_governance: bool,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if self.session_length > 0 {
				SessionLength::<T>::put(BlockNumberFor::<T>::from(self.session_length));
			}
			if self.sessions_per_era > 0 {
				SessionsPerEra::<T>::put(self.sessions_per_era);
			}
			FastGovernance::<T>::put(self.fast_governance);
		}
	}
}
