//! Accounts that organisations use: multisig accounts (a state's admin can be one) and proxies
//! with DePIN roles, so an operator's gateway, a verifier's probe or an AI agent acts for an
//! account without holding its key.

use crate::{deposit, Balance, Balances, Runtime, RuntimeCall, RuntimeEvent, System};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	parameter_types,
	traits::{ConstU32, InstanceFilter},
};
use scale_info::TypeInfo;

parameter_types! {
	/// A pending multisig operation: its record and the call's hash.
	pub const MultisigDepositBase: Balance = deposit(1, 88);
	/// Each signatory of a pending operation: one account id.
	pub const MultisigDepositFactor: Balance = deposit(0, 32);
	/// A proxy list: its record.
	pub const ProxyDepositBase: Balance = deposit(1, 8);
	/// Each proxy: an account id and the proxy type.
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	/// A pending announcement: its record.
	pub const AnnouncementDepositBase: Balance = deposit(1, 8);
	/// Each announcement: an account id, a call hash and a block number.
	pub const AnnouncementDepositFactor: Balance = deposit(0, 68);
}

/// Multisig accounts: any `threshold` of a set of signatories dispatches as the account
/// derived from them.
impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	type MaxSignatories = ConstU32<100>;
	type WeightInfo = pallet_multisig::weights::SubstrateWeight<Runtime>;
	type BlockNumberProvider = System;
}

/// What a proxy may do for the account that appointed it.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Anything the account may do.
	#[default]
	#[codec(index = 0)]
	Any,
	/// Anything that cannot move the account's value to someone else: no transfers, no
	/// device handovers, reward routes or claim permissions, no payee changes, no sudo.
	#[codec(index = 1)]
	NonTransfer,
	/// A device operator's gateway or agent: submits device reports and claims rewards (which
	/// pay along the routes the owner set).
	#[codec(index = 2)]
	Operator,
	/// A verifier's probe: attests, judges observations, challenges and manages the
	/// verifier's bond.
	#[codec(index = 3)]
	Verifier,
	/// A state's administration: the registry of states and roles, recognitions and
	/// agreements, deployments, activating and suspending devices, claiming the council seat.
	#[codec(index = 4)]
	StateAdmin,
	/// Voting: referenda, the Council of States and vault proposals.
	#[codec(index = 5)]
	Governance,
}

/// Batches are allowed to every type: the proxy's filter applies to each call inside them too.
fn is_batch(c: &RuntimeCall) -> bool {
	matches!(
		c,
		RuntimeCall::Utility(
			pallet_utility::Call::batch { .. }
				| pallet_utility::Call::batch_all { .. }
				| pallet_utility::Call::force_batch { .. }
		)
	)
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, c: &RuntimeCall) -> bool {
		use RuntimeCall as C;
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => !matches!(
				c,
				C::Balances(..)
					| C::Assets(..) | C::Sudo(..)
					| C::Devices(
						pallet_devices::Call::transfer_device { .. }
							| pallet_devices::Call::set_reward_route { .. }
					) | C::Rewards(pallet_rewards::Call::set_claim_permission { .. })
					| C::Staking(pallet_staking::Call::set_payee { .. })
			),
			ProxyType::Operator => {
				is_batch(c)
					|| matches!(
						c,
						C::Attestations(pallet_attestations::Call::submit_reports { .. })
							| C::Rewards(pallet_rewards::Call::claim { .. })
							| C::Devices(pallet_devices::Call::set_probe_endpoint { .. })
					)
			},
			ProxyType::Verifier => {
				is_batch(c)
					|| matches!(
						c,
						C::Attestations(
							pallet_attestations::Call::attest { .. }
								| pallet_attestations::Call::judge_observations { .. }
								| pallet_attestations::Call::judge_pending { .. }
								| pallet_attestations::Call::challenge { .. }
								| pallet_attestations::Call::bond { .. }
								| pallet_attestations::Call::leave_pool { .. }
								| pallet_attestations::Call::unbond { .. }
								| pallet_attestations::Call::commit_beacon { .. }
								| pallet_attestations::Call::reveal_beacon { .. }
								| pallet_attestations::Call::expire_challenge { .. }
						) | C::Rewards(pallet_rewards::Call::claim_verifier_rewards { .. })
					)
			},
			ProxyType::StateAdmin => {
				is_batch(c)
					|| matches!(
						c,
						C::NetworkStates(..)
							| C::Interstate(..) | C::Deployments(..)
							| C::Devices(
								pallet_devices::Call::activate_device { .. }
									| pallet_devices::Call::suspend_device { .. }
							) | C::StateSeats(pallet_state_seats::Call::claim_seat { .. })
					)
			},
			ProxyType::Governance => {
				is_batch(c)
					|| matches!(
						c,
						C::Referenda(..)
							| C::ConvictionVoting(..)
							| C::Council(..) | C::Vaults(pallet_vaults::Call::vote { .. })
					)
			},
		}
	}

	/// `Any` covers every type; `NonTransfer` covers the role types (none of them transfers);
	/// otherwise a type covers only itself.
	fn is_superset(&self, o: &Self) -> bool {
		match (self, o) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			(ProxyType::NonTransfer, _) => true,
			_ => false,
		}
	}
}

/// Proxies: an account lets others dispatch calls for it, filtered by [`ProxyType`].
impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = sp_runtime::traits::BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}
