//! # Atlas runtime
//!
//! The state transition function of the Atlas DePIN chain: a sovereign solochain secured by
//! Aura block production and GRANDPA finality, with ATH (12 decimals) as its native token.
//!
//! The runtime is laid out as the polkadot-sdk solochain template lays out its runtime:
//! - [`configs`]: one `Config` implementation per pallet;
//! - [`apis`]: the runtime APIs that nodes, wallets (polkadot.js, subxt, papi) and dashboards call;
//! - [`genesis_config_presets`]: the `development` and `local_testnet` genesis presets.

#![cfg_attr(not(feature = "std"), no_std)]
// construct_runtime of this many pallets needs deeper macro recursion than the default.
#![recursion_limit = "512"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

// Before `apis`: its macros (`list_benchmarks!`, `add_benchmarks!`) are used there.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
pub mod pallets;
pub mod weights;

extern crate alloc;

use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_support::{
	construct_runtime, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, ConstU8},
	weights::Weight,
};
pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node needs without knowing the runtime's extrinsic format: an opaque block whose
/// extrinsics are plain byte vectors, and the session keys.
pub mod opaque {
	use super::*;
	use sp_runtime::{
		generic,
		traits::{BlakeTwo256, Hash as HashT},
	};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;

	impl_opaque_keys! {
		/// The keys a validator holds for one session: Aura to author, GRANDPA to finalize.
		pub struct SessionKeys {
			pub aura: Aura,
			pub grandpa: Grandpa,
		}
	}
}

pub use opaque::SessionKeys;

/// This runtime's spec version: it must rise with every runtime upgrade (bump it here and in
/// both `VERSION`s below; a compile-time check ties them together).
pub const SPEC_VERSION: u32 = 101;

/// The runtime's identity.
#[cfg(not(feature = "next-spec-version"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("atlas"),
	impl_name: alloc::borrow::Cow::Borrowed("atlas-node"),
	authoring_version: 1,
	spec_version: 101,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The runtime's identity in the `next-spec-version` build: the same runtime one spec version
/// on, the code the upgrade test enacts through governance (`scripts/e2e/upgrade.test.mjs`).
/// (`runtime_version` takes literals only, hence a second constant.)
#[cfg(feature = "next-spec-version")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("atlas"),
	impl_name: alloc::borrow::Cow::Borrowed("atlas-node"),
	authoring_version: 1,
	spec_version: 102,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

const _: () = assert!(
	VERSION.spec_version == SPEC_VERSION + cfg!(feature = "next-spec-version") as u32,
	"VERSION.spec_version is SPEC_VERSION (plus one in the next-spec-version build)"
);

/// Target block time. Aura slots and the timestamp period follow from it.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura slot duration; one block per slot.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

// Time is measured in number of blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// One ATH: the native token has 12 decimals.
pub const ATH: Balance = 1_000_000_000_000;
/// A thousandth of an ATH.
pub const MILLI_ATH: Balance = ATH / 1_000;
/// A millionth of an ATH.
pub const MICRO_ATH: Balance = MILLI_ATH / 1_000;
/// The smallest balance an account may hold; below it the account is reaped.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_ATH;
/// Token symbol of the native token, as wallets show it.
pub const TOKEN_SYMBOL: &str = "ATH";
/// Decimals of the native token.
pub const TOKEN_DECIMALS: u8 = 12;
/// Atlas's own SS58 address prefix (unassigned in the public SS58 registry).
pub const SS58_PREFIX: u16 = 2432;

/// Deposit for storage a user creates: a base per item plus a price per byte.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	(items as Balance) * 20 * ATH / 100 + (bytes as Balance) * 10 * MICRO_ATH
}

/// Prices a storage [`Footprint`](frame_support::traits::Footprint) with [`deposit`]: the
/// pallets' storage deposits (`HoldConsideration` tickets) pay for the items and bytes their
/// records take. Counts beyond `u32::MAX` saturate.
pub struct StorageDepositPrice;
impl sp_runtime::traits::Convert<frame_support::traits::Footprint, Balance>
	for StorageDepositPrice
{
	fn convert(footprint: frame_support::traits::Footprint) -> Balance {
		let saturate = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
		deposit(saturate(footprint.count), saturate(footprint.size))
	}
}

/// An index to a block.
pub type BlockNumber = u32;
/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;
/// Some way of identifying an account on the chain: the public key of its signer.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of an account.
pub type Balance = u128;
/// Index of a transaction in the chain.
pub type Nonce = u32;
/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;
/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block signed with a justification.
pub type SignedBlock = generic::SignedBlock<Block>;
/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions every signed extrinsic carries, in order.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations to run on the next runtime upgrade.
type Migrations = ();

/// Executive: handles dispatch to the various modules.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Assets = pallet_assets;

	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;

	// Validators run by network states.
	#[runtime::pallet_index(10)]
	pub type Authorship = pallet_authorship;

	#[runtime::pallet_index(11)]
	pub type Staking = pallet_staking;

	#[runtime::pallet_index(12)]
	pub type Offences = pallet_offences;

	#[runtime::pallet_index(13)]
	pub type Historical = pallet_session::historical;

	#[runtime::pallet_index(14)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(15)]
	pub type Timing = pallets::timing;

	#[runtime::pallet_index(16)]
	pub type Parameters = pallet_parameters;

	#[runtime::pallet_index(17)]
	pub type Multisig = pallet_multisig;

	#[runtime::pallet_index(18)]
	pub type Proxy = pallet_proxy;

	// Governance: the Council of States, referenda, the treasury.
	#[runtime::pallet_index(30)]
	pub type Council = pallet_collective<Instance1>;

	#[runtime::pallet_index(31)]
	pub type Treasury = pallet_treasury;

	#[runtime::pallet_index(32)]
	pub type Preimage = pallet_preimage;

	#[runtime::pallet_index(33)]
	pub type Scheduler = pallet_scheduler;

	#[runtime::pallet_index(34)]
	pub type Referenda = pallet_referenda;

	#[runtime::pallet_index(35)]
	pub type ConvictionVoting = pallet_conviction_voting;

	#[runtime::pallet_index(36)]
	pub type Origins = pallets::origins;

	// Only the dev and local presets set a sudo key; the testnet spec has none.
	#[runtime::pallet_index(8)]
	pub type Sudo = pallet_sudo;

	// The DePIN layer.
	#[runtime::pallet_index(20)]
	pub type NetworkStates = pallet_network_states;

	#[runtime::pallet_index(21)]
	pub type Devices = pallet_devices;

	#[runtime::pallet_index(22)]
	pub type Attestations = pallet_attestations;

	#[runtime::pallet_index(23)]
	pub type Rewards = pallet_rewards;

	#[runtime::pallet_index(24)]
	pub type Vaults = pallet_vaults;

	#[runtime::pallet_index(25)]
	pub type StateSeats = pallet_state_seats;

	#[runtime::pallet_index(26)]
	pub type Interstate = pallet_interstate;

	#[runtime::pallet_index(27)]
	pub type Deployments = pallet_deployments;

	#[runtime::pallet_index(28)]
	pub type CommunityPools = pallet_community_pools;
}
