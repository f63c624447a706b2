//! The origins of the referendum tracks other than root: a passed referendum on a track
//! dispatches its call with the track's origin, and the runtime accepts that origin where the
//! track has authority.

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The origin a referendum on a track dispatches with.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// The DePIN parameters track: device classes, hardware models, the emission policy,
		/// network states' standing, epoch timing.
		DepinParams,
		/// The treasury track: spends from the treasury.
		Treasurer,
		/// The admissions track: admitting and rejecting applicant network states.
		StateAdmissions,
	}

	macro_rules! ensure_origin {
		($name:ident, $variant:ident) => {
			#[doc = concat!("Succeeds for [`Origin::", stringify!($variant), "`].")]
			pub struct $name;
			impl<O: OriginTrait + From<Origin>> EnsureOrigin<O> for $name
			where
				for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
			{
				type Success = ();
				fn try_origin(o: O) -> Result<Self::Success, O> {
					let matches = matches!(o.caller().try_into(), Ok(Origin::$variant));
					if matches {
						Ok(())
					} else {
						Err(o)
					}
				}
				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$variant))
				}
			}
		};
	}

	ensure_origin!(DepinParams, DepinParams);
	ensure_origin!(Treasurer, Treasurer);
	ensure_origin!(StateAdmissions, StateAdmissions);
}
