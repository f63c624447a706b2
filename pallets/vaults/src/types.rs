//! Types stored by the vaults pallet.

use atlas_primitives::{DeviceId, StateId, VaultId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// A proposal's number (unique across vaults).
pub type ProposalId = u32;

/// How a vault is run; changed only by its holders' vote.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct VaultParams<Balance, BlockNumber> {
	/// The smallest deposit accepted.
	pub min_deposit: Balance,
	/// No redemptions before this block (a lock-up for the whole vault; zero for none).
	pub redeem_after: BlockNumber,
	/// Blocks a proposal is open for votes.
	pub voting_period: BlockNumber,
	/// Share of the voting shares (all but the seed's, when the proposal was made) that must
	/// vote.
	pub quorum: Perbill,
	/// Share of the votes cast the ayes must exceed (at least a half, below all).
	pub threshold: Perbill,
	/// Whether each sponsor state's admin may veto spending proposals.
	pub sponsor_veto: bool,
}

/// A vault: a fund with its own account whose shares are a `pallet-assets` token.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[scale_info(skip_type_params(MaxName, MaxSponsors, MaxDevices))]
pub struct Vault<
	AccountId,
	AssetId,
	Balance,
	Ticket,
	BlockNumber,
	MaxName: Get<u32>,
	MaxSponsors: Get<u32>,
	MaxDevices: Get<u32>,
> {
	/// Its name (also the share token's name).
	pub name: BoundedVec<u8, MaxName>,
	/// Its share token.
	pub share_asset: AssetId,
	/// The network states that sponsor it; the first created it.
	pub sponsors: BoundedVec<StateId, MaxSponsors>,
	/// Who created it (the admin of the first sponsor) and pays its deposit.
	pub creator: AccountId,
	/// The storage deposit `creator` pays (a [`frame_support::traits::Consideration`] ticket).
	pub ticket: Ticket,
	/// How it is run.
	pub params: VaultParams<Balance, BlockNumber>,
	/// Devices attached by vote or bought (owned by the vault): the vault's portfolio, the
	/// only devices whose routes may pay the vault.
	pub devices: BoundedVec<DeviceId, MaxDevices>,
	/// Proposals open or awaiting close.
	pub proposals: u32,
	/// Purchases open (their price in escrow).
	pub purchases: u32,
}

/// A purchase's number (unique across vaults).
pub type PurchaseId = u32;

/// Devices a vault is buying (a passed `Reinvest`): the price still in escrow on the vault's
/// account is paid to the vendor device by device, as the devices it delivered into the vault's
/// custody are activated.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[scale_info(skip_type_params(MaxDevices))]
pub struct Purchase<AccountId, Balance, BlockNumber, MaxDevices: Get<u32>> {
	/// Who sells.
	pub vendor: AccountId,
	/// ATH still held in escrow.
	pub escrow: Balance,
	/// Devices not paid for yet (undelivered, or delivered and not active).
	pub unpaid: u32,
	/// Devices delivered into the vault's custody that are not active yet.
	pub delivered: BoundedVec<DeviceId, MaxDevices>,
	/// The last block a device may be delivered in; after it the rest of the escrow returns.
	pub deliver_by: BlockNumber,
}

/// What a proposal does if it passes.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum ProposalAction<AccountId, Balance, BlockNumber> {
	/// Buy `devices` devices from `vendor` for `amount` (reinvestment): the amount goes into
	/// escrow on the vault's account and is paid to the vendor device by device, as the
	/// devices it delivers into the vault's custody are activated; what is not paid by
	/// `deliver_by` returns to the vault.
	Reinvest {
		/// Who sells (and registers) the devices.
		vendor: AccountId,
		/// The price of all of them, in ATH.
		amount: Balance,
		/// How many devices (at most [`crate::Config::MaxPurchaseDevices`]).
		devices: u32,
		/// The last block a device may be delivered in.
		deliver_by: BlockNumber,
	},
	/// Pay `amount` to `to` for a community project.
	FundProject {
		/// Who is paid.
		to: AccountId,
		/// How much ATH.
		amount: Balance,
	},
	/// Admit a device to the vault's portfolio: only admitted devices may route rewards to the
	/// vault (its owner routes it once admitted).
	AttachDevice(DeviceId),
	/// Detach a device from the portfolio: its reports are refused while its route still
	/// names the vault, until its owner routes it elsewhere.
	DetachDevice(DeviceId),
	/// Replace the vault's parameters.
	SetParams(VaultParams<Balance, BlockNumber>),
	/// Admit a network state as a further sponsor (co-investor).
	AdmitSponsor(StateId),
	/// Hand a device the vault owns to `to`, a citizen of the device's state (a sale paid
	/// off-chain, a gift to a state, a return to a vendor): it leaves the portfolio.
	TransferDevice {
		/// The device.
		device: DeviceId,
		/// Its new owner.
		to: AccountId,
	},
}

impl<AccountId, Balance, BlockNumber> ProposalAction<AccountId, Balance, BlockNumber> {
	/// Whether the action spends the vault's funds or hands away what it owns.
	pub fn is_spend(&self) -> bool {
		matches!(
			self,
			Self::Reinvest { .. } | Self::FundProject { .. } | Self::TransferDevice { .. }
		)
	}

	/// Whether sponsors may veto the action (when the vault gives them a veto): spends, and
	/// changes to who governs or how (its parameters, its sponsors), so a majority cannot turn
	/// the veto off or lock everyone in without the sponsors.
	pub fn is_vetoable(&self) -> bool {
		!matches!(self, Self::AttachDevice(_) | Self::DetachDevice(_))
	}
}

/// A proposal of a vault's holders.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Proposal<AccountId, Balance, BlockNumber> {
	/// The vault.
	pub vault: VaultId,
	/// Who proposed it and paid its deposit.
	pub proposer: AccountId,
	/// The deposit held from `proposer`.
	pub deposit: Balance,
	/// What it does if it passes.
	pub action: ProposalAction<AccountId, Balance, BlockNumber>,
	/// Shares that could vote when it was made (quorum is measured against it).
	pub electorate: Balance,
	/// The block it was made in: shares minted by deposits from then on do not vote on it.
	pub created: BlockNumber,
	/// Votes end at this block.
	pub ends: BlockNumber,
	/// Shares in favour.
	pub ayes: Balance,
	/// Shares against.
	pub nays: Balance,
	/// The sponsor state that vetoed it, if any.
	pub vetoed_by: Option<StateId>,
}

/// One of an account's votes: its shares stay frozen until `ends`.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct VoteLock<Balance, BlockNumber> {
	/// The proposal voted on.
	pub proposal: ProposalId,
	/// Shares voted (frozen).
	pub shares: Balance,
	/// Whether in favour.
	pub aye: bool,
	/// When the vote ends and the shares thaw.
	pub ends: BlockNumber,
}

/// Shares an account bought by deposits while proposals of the vault were open: they do not
/// vote on proposals made before them, and may not be transferred (only redeemed) until every
/// proposal open at their last deposit has ended.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct YoungShares<Balance, BlockNumber> {
	/// Shares minted by those deposits. What the account redeems or moves is counted against
	/// its older shares first, which keeps this conservative.
	pub amount: Balance,
	/// The block of the last of those deposits.
	pub since: BlockNumber,
	/// When the last proposal open at that deposit ends: from then on they are like any other.
	pub until: BlockNumber,
}

/// How a closed proposal ended.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum Outcome {
	/// Passed and executed.
	Executed,
	/// Passed, but executing it failed (e.g. the vault lacked the liquid funds); nothing changed.
	ExecutionFailed,
	/// Too few shares voted (the proposer's deposit went to the vault).
	NoQuorum,
	/// Not enough votes in favour.
	Rejected,
	/// A sponsor vetoed it.
	Vetoed,
}

/// A vault as readers see it (runtime API and view functions).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct VaultView<AccountId, AssetId, Balance, BlockNumber> {
	/// The vault.
	pub id: VaultId,
	/// Its name.
	pub name: alloc::vec::Vec<u8>,
	/// Its account.
	pub account: AccountId,
	/// Its share token.
	pub share_asset: AssetId,
	/// Its sponsor states.
	pub sponsors: alloc::vec::Vec<StateId>,
	/// Its parameters.
	pub params: VaultParams<Balance, BlockNumber>,
	/// Its attached devices.
	pub devices: alloc::vec::Vec<DeviceId>,
	/// ATH the vault holds, free (what redemptions and spends may use).
	pub liquid: Balance,
	/// ATH held in escrow for its purchases.
	pub escrowed: Balance,
	/// Rewards its devices earned for it and were not paid yet.
	pub unpaid_yield: Balance,
	/// The part of `unpaid_yield` earned in final epochs: certain.
	pub certain_yield: Balance,
	/// Net asset value: `liquid + escrowed + unpaid_yield` (devices it owns count by their
	/// yield only). Deposits are priced on it.
	pub nav: Balance,
	/// What the vault is certainly worth: `liquid + certain_yield`. Redemptions are priced on
	/// it.
	pub redemption_nav: Balance,
	/// Shares issued.
	pub share_supply: Balance,
	/// Its proposals not closed yet.
	pub proposals: alloc::vec::Vec<(ProposalId, Proposal<AccountId, Balance, BlockNumber>)>,
	/// Its open purchases: (id, vendor, escrow, devices unpaid, devices delivered and not
	/// active, deliver by).
	pub purchases: alloc::vec::Vec<PurchaseView<AccountId, Balance, BlockNumber>>,
	/// ATH each network state's community pool put in (its commitment), net of what it took
	/// out.
	pub commitments: alloc::vec::Vec<(StateId, Balance)>,
}

/// A purchase as readers see it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct PurchaseView<AccountId, Balance, BlockNumber> {
	/// The purchase.
	pub id: PurchaseId,
	/// Who sells.
	pub vendor: AccountId,
	/// ATH still in escrow.
	pub escrow: Balance,
	/// Devices not paid for yet.
	pub unpaid: u32,
	/// Devices delivered, awaiting activation.
	pub delivered: alloc::vec::Vec<DeviceId>,
	/// The last block a device may be delivered in.
	pub deliver_by: BlockNumber,
}
