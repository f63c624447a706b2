//! The DePIN layer: network states and roles, devices.

use crate::{deposit, AccountId, Balance, Devices, Runtime, RuntimeHoldReason, SovereignRegistry};
use frame_support::{parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;

parameter_types! {
	/// A network state record: about 400 bytes with name and URI at their bounds.
	pub const StateDeposit: Balance = deposit(1, 400);
	/// One membership record (roles, depositor, deposit).
	pub const MembershipDeposit: Balance = deposit(1, 80);
	/// One device: its record (about 400 bytes with the URI at its bound), its reward route
	/// (up to 8 legs) and three index entries.
	pub const DeviceDeposit: Balance = deposit(5, 800);
}

/// Network states, their admins, stewards and the roles members hold.
impl pallet_sovereign_registry::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	// Root until on-chain governance arrives (council and referenda).
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type StateAssets = Devices;
	type StateDeposit = StateDeposit;
	type MembershipDeposit = MembershipDeposit;
	type MaxNameLength = ConstU32<64>;
	type MaxUriLength = ConstU32<256>;
	type MaxMembers = ConstU32<100_000>;
	type MaxStewards = ConstU32<32>;
	type MaxValidators = ConstU32<16>;
	type WeightInfo = pallet_sovereign_registry::weights::SubstrateWeight<Runtime>;
}

/// The device registry.
impl pallet_devices::Config for Runtime {
	type Currency = crate::Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Roles = SovereignRegistry;
	// Root until on-chain governance arrives (council and referenda).
	type GovernanceOrigin = EnsureRoot<AccountId>;
	// Slashed deposits are burnt until the treasury exists.
	type OnSlash = ();
	type DeviceDeposit = DeviceDeposit;
	type MaxUriLength = ConstU32<256>;
	type MaxModelNameLength = ConstU32<64>;
	type WeightInfo = pallet_devices::weights::SubstrateWeight<Runtime>;
}
