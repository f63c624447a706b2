//! The chain's timing at genesis: session length, sessions per era, and whether referendum
//! tracks run in minutes (dev and test networks) or days (a production genesis). This pallet
//! holds no storage: its genesis config writes the values into the runtime's dynamic parameters
//! (`configs::parameters`), where governance can change them later.

pub use pallet::*;

/// Where genesis timing goes (the runtime's dynamic parameters).
pub trait SetTiming {
	/// Sets the session length and sessions per era (0 keeps each default) and the track speed.
	fn set(session_length: u32, sessions_per_era: u32, fast_governance: bool);
}

#[frame_support::pallet]
pub mod pallet {
	use super::SetTiming;
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Where genesis timing is written.
		type Timing: SetTiming;
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

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
			T::Timing::set(self.session_length, self.sessions_per_era, self.fast_governance);
		}
	}
}
