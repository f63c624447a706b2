//! The JSON of `depin_*` answers: plain structs and enums serialized with serde, each converted
//! from the runtime API type it describes.
//!
//! One convention everywhere, the one `depin_*` clients already rely on:
//! - field names `camelCase`;
//! - accounts SS58 strings with the Atlas prefix (2432);
//! - integers of at most 32 bits JSON numbers, wider ones (balances, device ids, H3 cells,
//!   points, bytes served) decimal strings ([`Decimal`]): JavaScript numbers lose precision
//!   above 2^53;
//! - shares ([`sp_runtime::Perbill`]) numbers in parts per billion;
//! - enums their variant's name (`"Active"`), or `{"Variant": value}` when the variant carries
//!   data (`{"Energy": {"ratedWatts": 5000}}`);
//! - `Option`s `null` or the value; tuples and per-class arrays JSON arrays;
//! - bytes that are text (names, metadata URIs, GPU models) UTF-8 strings (invalid sequences
//!   replaced by U+FFFD), bytes that are keys `0x`-prefixed lowercase hex ([`Bytes`]).

use std::fmt::Display;

use atlas_runtime::{AccountId, Balance, Hash, Runtime};
use codec::{DecodeAll, Encode};
use serde::{Serialize, Serializer};
use sp_core::{
	crypto::{Ss58AddressFormat, Ss58Codec},
	Bytes,
};

/// An account as its SS58 address (Atlas prefix).
pub type Address = String;

/// A part of a whole in parts per billion (a [`sp_runtime::Perbill`]): `1_000_000_000` is 100 %.
pub type PartsPerBillion = u32;

/// An integer wider than 32 bits, serialized as a decimal string so JavaScript clients read it
/// exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal<N>(pub N);

impl<N: Display> Serialize for Decimal<N> {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.collect_str(&self.0)
	}
}

/// A device id (64 bits) as JSON.
pub type DeviceId = Decimal<u64>;

/// An amount of ATH (or of a partner asset) in its smallest unit, as JSON.
pub type Amount = Decimal<Balance>;

/// `account` in Atlas's SS58 format.
pub fn ss58(account: &AccountId) -> Address {
	account.to_ss58check_with_version(Ss58AddressFormat::custom(atlas_runtime::SS58_PREFIX))
}

/// Bytes that hold text, as text.
fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn amount(value: Balance) -> Amount {
	Decimal(value)
}

/// What a storage-deposit ticket (a `Consideration`) holds. Tickets that track their amount
/// (`HoldConsideration`, `FreezeConsideration`) encode as exactly that balance; one that tracks
/// none holds nothing the record can name, so it counts as 0.
fn ticket_amount(ticket: &impl Encode) -> Amount {
	Decimal(Balance::decode_all(&mut &ticket.encode()[..]).unwrap_or(0))
}

fn ppb(share: sp_runtime::Perbill) -> PartsPerBillion {
	share.deconstruct()
}

fn amounts(assets: Vec<(u32, Balance)>) -> Vec<(u32, Amount)> {
	assets.into_iter().map(|(asset, value)| (asset, amount(value))).collect()
}

/// One page of a paginated read: up to 100 items and, when more remain, the cursor that
/// continues after them.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<Item, Cursor> {
	/// The items, in the runtime's order.
	pub items: Vec<Item>,
	/// Pass as `cursor` to read the next page; `null` on the last page.
	pub next: Option<Cursor>,
}

impl<Item, Cursor> Page<Item, Cursor> {
	/// `page` with its items and cursor converted by `item` and `cursor`.
	pub fn from_page<I, C>(
		page: atlas_primitives::Page<I, C>,
		item: impl FnMut(I) -> Item,
		cursor: impl FnOnce(C) -> Cursor,
	) -> Self {
		Page { items: page.items.into_iter().map(item).collect(), next: page.next.map(cursor) }
	}
}

/// The network at a glance.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkOverview {
	/// The block it describes.
	pub block: u32,
	/// The epoch running.
	pub epoch: u32,
	/// Devices per class (compute, connectivity, energy, sensing), each as
	/// `[pending, active, suspended]`.
	pub devices: [[u32; 3]; 4],
	/// Devices that reported in the running epoch, per class.
	pub reporting: [u32; 4],
	/// ATH emitted for devices to date.
	pub minted: Amount,
	/// ATH paid out to devices' routes to date.
	pub paid: Amount,
	/// Network states registered and active.
	pub states: StateTally,
	/// Validators in the current authority set.
	pub validators: u32,
	/// Blueprints published.
	pub blueprints: u32,
}

impl From<atlas_runtime_api::NetworkOverview<Balance>> for NetworkOverview {
	fn from(o: atlas_runtime_api::NetworkOverview<Balance>) -> Self {
		NetworkOverview {
			block: o.block,
			epoch: o.epoch,
			devices: o.devices.0 .0,
			reporting: o.reporting.0,
			minted: amount(o.minted),
			paid: amount(o.paid),
			states: StateTally { registered: o.states.registered, active: o.states.active },
			validators: o.validators,
			blueprints: o.blueprints,
		}
	}
}

/// How many network states are registered and how many of them are active.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateTally {
	/// Registered states.
	pub registered: u32,
	/// Of them, active.
	pub active: u32,
}

/// A role an account holds in a network state.
#[derive(Clone, Copy, Debug, Serialize)]
pub enum Role {
	/// A verified member: may register devices.
	Citizen,
	/// Runs devices for owners.
	Operator,
	/// Attests what it observed of devices.
	Verifier,
	/// Helps the admin run the state.
	Steward,
	/// Runs a validator for the state.
	Validator,
}

impl From<atlas_primitives::Role> for Role {
	fn from(role: atlas_primitives::Role) -> Self {
		use atlas_primitives::Role as R;
		match role {
			R::Citizen => Role::Citizen,
			R::Operator => Role::Operator,
			R::Verifier => Role::Verifier,
			R::Steward => Role::Steward,
			R::Validator => Role::Validator,
		}
	}
}

/// The roles in `set`, in a fixed order (citizen, operator, verifier, steward, validator).
pub fn roles(set: atlas_primitives::RoleSet) -> Vec<Role> {
	set.iter().map(Role::from).collect()
}

/// Whether a network state is in good standing.
#[derive(Clone, Copy, Debug, Serialize)]
pub enum StateStatus {
	/// Its devices may join, report and earn.
	Active,
	/// Suspended by governance.
	Suspended,
}

impl From<pallet_network_states::StateStatus> for StateStatus {
	fn from(status: pallet_network_states::StateStatus) -> Self {
		match status {
			pallet_network_states::StateStatus::Active => StateStatus::Active,
			pallet_network_states::StateStatus::Suspended => StateStatus::Suspended,
		}
	}
}

/// Where a network state is on its way to full standing.
#[derive(Clone, Copy, Debug, Serialize)]
pub enum Admission {
	/// Applied with its bond; governance has not admitted it.
	Applicant,
	/// Admitted; its probation may be concluded from block `until`.
	Probation {
		/// The first block at which the probation may be concluded.
		until: u32,
	},
	/// Admitted and past probation: it holds a council seat and appoints validators.
	Established,
}

impl From<pallet_network_states::Admission<u32>> for Admission {
	fn from(admission: pallet_network_states::Admission<u32>) -> Self {
		use pallet_network_states::Admission as A;
		match admission {
			A::Applicant => Admission::Applicant,
			A::Probation { until } => Admission::Probation { until },
			A::Established => Admission::Established,
		}
	}
}

/// How many members of a state hold each role.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleCounts {
	/// Accounts holding at least one role.
	pub members: u32,
	/// Citizens.
	pub citizens: u32,
	/// Operators.
	pub operators: u32,
	/// Verifiers.
	pub verifiers: u32,
	/// Stewards.
	pub stewards: u32,
	/// Validators.
	pub validators: u32,
}

/// A registered network state.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkState {
	/// Its name.
	pub name: String,
	/// Where its charter and metadata live.
	pub metadata_uri: String,
	/// The account that runs it.
	pub admin: Address,
	/// Who pays its storage deposit.
	pub depositor: Address,
	/// The storage deposit.
	pub deposit: Amount,
	/// The admission bond held from the depositor.
	pub bond: Amount,
	/// Applicant, on probation or established.
	pub admission: Admission,
	/// Active or suspended.
	pub status: StateStatus,
	/// The block it registered in.
	pub registered_at: u32,
	/// How many members hold each role.
	pub roles: RoleCounts,
}

impl From<pallet_network_states::NetworkStateOf<Runtime>> for NetworkState {
	fn from(s: pallet_network_states::NetworkStateOf<Runtime>) -> Self {
		let r = s.roles;
		NetworkState {
			name: text(&s.name),
			metadata_uri: text(&s.metadata_uri),
			admin: ss58(&s.admin),
			depositor: ss58(&s.depositor),
			deposit: ticket_amount(&s.ticket),
			bond: Decimal(s.bond),
			admission: s.admission.into(),
			status: s.status.into(),
			registered_at: s.registered_at,
			roles: RoleCounts {
				members: r.members,
				citizens: r.citizens,
				operators: r.operators,
				verifiers: r.verifiers,
				stewards: r.stewards,
				validators: r.validators,
			},
		}
	}
}

/// A device class.
#[derive(Clone, Copy, Debug, Serialize)]
pub enum DeviceClass {
	/// GPU or CPU nodes.
	Compute,
	/// Routers and access points.
	Connectivity,
	/// Solar panels, inverters, batteries.
	Energy,
	/// Sensors.
	Sensing,
}

impl From<atlas_primitives::DeviceClass> for DeviceClass {
	fn from(class: atlas_primitives::DeviceClass) -> Self {
		use atlas_primitives::DeviceClass as C;
		match class {
			C::Compute => DeviceClass::Compute,
			C::Connectivity => DeviceClass::Connectivity,
			C::Energy => DeviceClass::Energy,
			C::Sensing => DeviceClass::Sensing,
		}
	}
}

/// What a sensor measures.
#[derive(Clone, Copy, Debug, Serialize)]
pub enum SensorKind {
	/// Temperature, humidity, wind, rain.
	Weather,
	/// Particulates and gases.
	AirQuality,
	/// Ambient noise.
	Noise,
	/// Imagery or lidar.
	Mapping,
	/// Satellite positioning reference stations.
	Gnss,
	/// Anything else.
	Other,
}

impl From<atlas_primitives::SensorKind> for SensorKind {
	fn from(kind: atlas_primitives::SensorKind) -> Self {
		use atlas_primitives::SensorKind as K;
		match kind {
			K::Weather => SensorKind::Weather,
			K::AirQuality => SensorKind::AirQuality,
			K::Noise => SensorKind::Noise,
			K::Mapping => SensorKind::Mapping,
			K::Gnss => SensorKind::Gnss,
			K::Other => SensorKind::Other,
		}
	}
}

/// A device's class with the figures that bound what it can deliver.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all_fields = "camelCase")]
pub enum DeviceSpec {
	/// A compute node.
	Compute {
		/// GPU model as the vendor names it.
		gpu_model: String,
		/// Number of GPUs.
		gpu_count: u8,
		/// GPU memory per GPU in MiB.
		gpu_memory_mib: u32,
	},
	/// A connectivity node.
	Connectivity {
		/// Link capacity in kbit/s.
		link_capacity_kbps: u32,
	},
	/// An energy producer.
	Energy {
		/// Rated output in watts.
		rated_watts: u32,
	},
	/// A sensor.
	Sensing {
		/// What it measures.
		sensor_kind: SensorKind,
		/// Samples per hour it is built for.
		samples_per_hour: u32,
	},
}

impl From<atlas_primitives::DeviceSpec> for DeviceSpec {
	fn from(spec: atlas_primitives::DeviceSpec) -> Self {
		use atlas_primitives::DeviceSpec as S;
		match spec {
			S::Compute { gpu_model, gpu_count, gpu_memory_mib } => {
				DeviceSpec::Compute { gpu_model: text(&gpu_model), gpu_count, gpu_memory_mib }
			},
			S::Connectivity { link_capacity_kbps } => {
				DeviceSpec::Connectivity { link_capacity_kbps }
			},
			S::Energy { rated_watts } => DeviceSpec::Energy { rated_watts },
			S::Sensing { sensor_kind, samples_per_hour } => {
				DeviceSpec::Sensing { sensor_kind: sensor_kind.into(), samples_per_hour }
			},
		}
	}
}

/// A device's own public key, as hex.
#[derive(Clone, Debug, Serialize)]
pub enum DeviceKey {
	/// An sr25519 key.
	Sr25519(Bytes),
	/// An ed25519 key.
	Ed25519(Bytes),
	/// A secp256k1 ECDSA key (SEC1 compressed).
	Secp256k1(Bytes),
	/// A P-256 ECDSA key (SEC1 compressed), as secure elements hold.
	P256(Bytes),
}

impl From<atlas_primitives::DeviceKey> for DeviceKey {
	fn from(key: atlas_primitives::DeviceKey) -> Self {
		use atlas_primitives::DeviceKey as K;
		match key {
			K::Sr25519(public) => DeviceKey::Sr25519(public.0.to_vec().into()),
			K::Ed25519(public) => DeviceKey::Ed25519(public.0.to_vec().into()),
			K::Secp256k1(public) => DeviceKey::Secp256k1(public.to_vec().into()),
			K::P256(public) => DeviceKey::P256(public.to_vec().into()),
		}
	}
}

/// Where a device is in its life.
#[derive(Clone, Copy, Debug, Serialize)]
pub enum DeviceStatus {
	/// Waiting for activation.
	Pending,
	/// In service.
	Active,
	/// Out of service.
	Suspended,
}

impl From<atlas_primitives::DeviceStatus> for DeviceStatus {
	fn from(status: atlas_primitives::DeviceStatus) -> Self {
		use atlas_primitives::DeviceStatus as S;
		match status {
			S::Pending => DeviceStatus::Pending,
			S::Active => DeviceStatus::Active,
			S::Suspended => DeviceStatus::Suspended,
		}
	}
}

/// The vault a device's reward route pays, and its share.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultLeg {
	/// The vault.
	pub vault: u32,
	/// Its share of every settled amount.
	pub share: PartsPerBillion,
}

impl From<atlas_primitives::VaultLeg> for VaultLeg {
	fn from(leg: atlas_primitives::VaultLeg) -> Self {
		VaultLeg { vault: leg.vault, share: ppb(leg.share) }
	}
}

/// A registered device.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
	/// Who owns it.
	pub owner: Address,
	/// Who runs it for the owner, if anyone.
	pub operator: Option<Address>,
	/// Its network state.
	pub state: u32,
	/// Its class and figures.
	pub spec: DeviceSpec,
	/// Its model on the approved hardware list.
	pub hardware_model: u32,
	/// Where it stands: an H3 cell index.
	pub location: Decimal<u64>,
	/// Where its metadata lives.
	pub metadata_uri: String,
	/// Its own key.
	pub key: DeviceKey,
	/// Where it is in its life.
	pub status: DeviceStatus,
	/// Who paid its deposit.
	pub depositor: Address,
	/// The deposit.
	pub deposit: Amount,
	/// The block it registered in.
	pub registered_at: u32,
	/// The block it was last activated in, if ever: its reports cover only the epochs' part
	/// after it.
	pub active_since: Option<u32>,
	/// The maker whose certificate its key carries, if any.
	pub maker: Option<u32>,
	/// The vault its route pays, if any.
	pub vault: Option<VaultLeg>,
	/// Where assigned verifiers probe it (empty until set).
	pub probe_endpoint: String,
}

impl From<pallet_devices::DeviceOf<Runtime>> for Device {
	fn from(d: pallet_devices::DeviceOf<Runtime>) -> Self {
		Device {
			owner: ss58(&d.owner),
			operator: d.operator.as_ref().map(ss58),
			state: d.state,
			spec: d.spec.into(),
			hardware_model: d.hardware_model,
			location: Decimal(d.location),
			metadata_uri: text(&d.metadata_uri),
			probe_endpoint: text(&d.probe_endpoint),
			key: d.key.into(),
			status: d.status.into(),
			depositor: ss58(&d.depositor),
			deposit: amount(d.deposit),
			registered_at: d.registered_at,
			active_since: d.active_since,
			maker: d.maker,
			vault: d.vault.map(Into::into),
		}
	}
}

/// A device page item: its id and the device.
pub fn device_item((id, device): (u64, pallet_devices::DeviceOf<Runtime>)) -> (DeviceId, Device) {
	(Decimal(id), device.into())
}

/// What a device delivered in an epoch.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
	/// Seconds up.
	pub uptime_secs: u32,
	/// Bytes served.
	pub bandwidth_bytes: Decimal<u64>,
	/// Watt-hours produced.
	pub energy_wh: u32,
	/// GPU-seconds delivered.
	pub compute_units: u32,
	/// Samples delivered.
	pub samples: u32,
}

impl From<atlas_primitives::Metrics> for Metrics {
	fn from(m: atlas_primitives::Metrics) -> Self {
		Metrics {
			uptime_secs: m.uptime_secs,
			bandwidth_bytes: Decimal(m.bandwidth_bytes),
			energy_wh: m.energy_wh,
			compute_units: m.compute_units,
			samples: m.samples,
		}
	}
}

/// One class's total in an epoch.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassTotal {
	/// Sum of its devices' points.
	pub points: Decimal<u64>,
	/// Devices that reported.
	pub devices: u32,
}

/// An epoch's summary.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EpochSummary {
	/// Totals per class (compute, connectivity, energy, sensing).
	pub classes: [ClassTotal; 4],
	/// Whether the epoch is closed.
	pub closed: bool,
	/// Challenges not yet resolved.
	pub open_challenges: u32,
	/// Whether every observation was judged (verifier credits are final).
	pub judged: bool,
	/// Observations credited to their verifiers.
	pub credits: u32,
}

impl From<pallet_attestations::EpochSummary> for EpochSummary {
	fn from(s: pallet_attestations::EpochSummary) -> Self {
		EpochSummary {
			classes: s
				.classes
				.0
				.map(|c| ClassTotal { points: Decimal(c.points), devices: c.devices }),
			closed: s.closed,
			open_challenges: s.open_challenges,
			judged: s.judged,
			credits: s.credits,
		}
	}
}

/// A device's record in an epoch.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceRecord {
	/// Its class when it reported.
	pub class: DeviceClass,
	/// What it reported.
	pub reported: Metrics,
	/// What counts after verifiers' observations.
	pub verified: Metrics,
	/// Whether a quorum of verifiers observed it.
	pub quorum: bool,
	/// Points earned.
	pub points: Decimal<u64>,
	/// Whether governance ruled the report fraudulent.
	pub fraudulent: bool,
}

impl From<pallet_attestations::DeviceRecord> for DeviceRecord {
	fn from(r: pallet_attestations::DeviceRecord) -> Self {
		DeviceRecord {
			class: r.class.into(),
			reported: r.reported.into(),
			verified: r.verified.into(),
			quorum: r.quorum,
			points: Decimal(r.points),
			fraudulent: r.fraudulent,
		}
	}
}

/// A device's pending rewards.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingRewards {
	/// ATH a claim would pay now.
	pub claimable: Amount,
	/// ATH earned in epochs still open to challenge.
	pub maturing: Amount,
	/// Partner assets a claim would pay now, as `[asset, amount]`.
	pub assets: Vec<(u32, Amount)>,
	/// Epochs not paid yet.
	pub epochs: Vec<u32>,
}

impl From<pallet_rewards::PendingRewards<u32, Balance>> for PendingRewards {
	fn from(p: pallet_rewards::PendingRewards<u32, Balance>) -> Self {
		PendingRewards {
			claimable: amount(p.claimable),
			maturing: amount(p.maturing),
			assets: amounts(p.assets),
			epochs: p.epochs,
		}
	}
}

/// An owner's pending rewards over one page of their devices.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerRewards {
	/// ATH a claim of this page's devices would pay now.
	pub claimable: Amount,
	/// ATH they earned in epochs still open to challenge.
	pub maturing: Amount,
	/// Each device's pending rewards.
	pub devices: Page<(DeviceId, PendingRewards), DeviceId>,
}

impl From<atlas_runtime_api::OwnerRewards<Balance, pallet_rewards::PendingRewards<u32, Balance>>>
	for OwnerRewards
{
	fn from(
		o: atlas_runtime_api::OwnerRewards<Balance, pallet_rewards::PendingRewards<u32, Balance>>,
	) -> Self {
		OwnerRewards {
			claimable: amount(o.claimable),
			maturing: amount(o.maturing),
			devices: Page::from_page(o.devices, |(id, p)| (Decimal(id), p.into()), Decimal),
		}
	}
}

/// How a device's points in an epoch came about.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Attested {
	/// What it reported.
	pub reported: Metrics,
	/// Its report capped by verifiers' observations.
	pub verified: Metrics,
	/// Whether a quorum of verifiers observed it.
	pub quorum: bool,
	/// The verification multiplier.
	pub verification: PartsPerBillion,
	/// The uptime bonus its score got.
	pub uptime_bonus: PartsPerBillion,
	/// Whether governance ruled the report fraudulent.
	pub fraudulent: bool,
}

impl From<atlas_primitives::Attested> for Attested {
	fn from(a: atlas_primitives::Attested) -> Self {
		Attested {
			reported: a.reported.into(),
			verified: a.verified.into(),
			quorum: a.quorum,
			verification: ppb(a.verification),
			uptime_bonus: ppb(a.uptime_bonus),
			fraudulent: a.fraudulent,
		}
	}
}

/// A device's reward for one epoch.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
	/// The epoch.
	pub epoch: u32,
	/// The device's class.
	pub class: DeviceClass,
	/// Its verified points.
	pub points: Decimal<u64>,
	/// Its class's total points.
	pub class_total: Decimal<u64>,
	/// Its class's budget.
	pub class_budget: Amount,
	/// What it earns in ATH.
	pub amount: Amount,
	/// What it earns from partner programs, as `[asset, amount]`.
	pub assets: Vec<(u32, Amount)>,
	/// Whether it can be paid now.
	pub payable: bool,
	/// How its points came about (`null` once the epoch's reports are pruned).
	pub attested: Option<Attested>,
}

impl From<pallet_rewards::Receipt<u32, Balance>> for Receipt {
	fn from(r: pallet_rewards::Receipt<u32, Balance>) -> Self {
		Receipt {
			epoch: r.epoch,
			class: r.class.into(),
			points: Decimal(r.points),
			class_total: Decimal(r.class_total),
			class_budget: amount(r.class_budget),
			amount: amount(r.amount),
			assets: amounts(r.assets),
			payable: r.payable,
			attested: r.attested.map(Into::into),
		}
	}
}

/// One epoch's emission.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Emission {
	/// For devices.
	pub depin: Amount,
	/// For the treasury.
	pub treasury: Amount,
}

impl From<atlas_primitives::Emission<Balance>> for Emission {
	fn from(e: atlas_primitives::Emission<Balance>) -> Self {
		Emission { depin: amount(e.depin), treasury: amount(e.treasury) }
	}
}

/// One class's share of an epoch's budget.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassBudget {
	/// Minted for the class.
	pub budget: Amount,
	/// Paid so far.
	pub settled: Amount,
}

/// A partner program's budget in one epoch.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramBudget {
	/// The program.
	pub program: u32,
	/// The asset it pays in.
	pub asset: u32,
	/// The class it rewards.
	pub class: DeviceClass,
	/// What it pays the class in this epoch.
	pub budget: Amount,
	/// Paid so far.
	pub settled: Amount,
}

/// An epoch's emission and its split.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EpochBudget {
	/// What the monetary policy asked for.
	pub requested: Emission,
	/// What was minted.
	pub minted: Emission,
	/// Whether the circuit breaker halted the mint.
	pub halted: bool,
	/// Per class (compute, connectivity, energy, sensing).
	pub classes: [ClassBudget; 4],
	/// The verifiers' share, paid pro rata to their credited observations.
	pub verifiers: ClassBudget,
	/// Partner programs paying in this epoch.
	pub programs: Vec<ProgramBudget>,
}

impl From<pallet_rewards::EpochBudgetOf<Runtime>> for EpochBudget {
	fn from(b: pallet_rewards::EpochBudgetOf<Runtime>) -> Self {
		EpochBudget {
			requested: b.requested.into(),
			minted: b.minted.into(),
			halted: b.halted,
			classes: b
				.classes
				.0
				.map(|c| ClassBudget { budget: amount(c.budget), settled: amount(c.settled) }),
			verifiers: ClassBudget {
				budget: amount(b.verifiers.budget),
				settled: amount(b.verifiers.settled),
			},
			programs: b
				.programs
				.into_iter()
				.map(|p| ProgramBudget {
					program: p.program,
					asset: p.asset,
					class: p.class.into(),
					budget: amount(p.budget),
					settled: amount(p.settled),
				})
				.collect(),
		}
	}
}

/// How a vault is run.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultParams {
	/// The smallest deposit accepted.
	pub min_deposit: Amount,
	/// No redemptions before this block.
	pub redeem_after: u32,
	/// Blocks a proposal is open for votes.
	pub voting_period: u32,
	/// Share of the voting shares that must vote.
	pub quorum: PartsPerBillion,
	/// Share of the votes cast the ayes must exceed.
	pub threshold: PartsPerBillion,
	/// Whether sponsor states may veto spending.
	pub sponsor_veto: bool,
}

impl From<pallet_vaults::VaultParams<Balance, u32>> for VaultParams {
	fn from(p: pallet_vaults::VaultParams<Balance, u32>) -> Self {
		VaultParams {
			min_deposit: amount(p.min_deposit),
			redeem_after: p.redeem_after,
			voting_period: p.voting_period,
			quorum: ppb(p.quorum),
			threshold: ppb(p.threshold),
			sponsor_veto: p.sponsor_veto,
		}
	}
}

/// What a vault proposal does if it passes.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all_fields = "camelCase")]
pub enum ProposalAction {
	/// Buy `devices` devices from `vendor` for `amount`, held in escrow until they are
	/// delivered into the vault's custody and activated.
	Reinvest {
		/// Who sells.
		vendor: Address,
		/// The price of all of them.
		amount: Amount,
		/// How many devices.
		devices: u32,
		/// The last block a device may be delivered in.
		deliver_by: u32,
	},
	/// Pay `amount` to `to` for a community project.
	FundProject {
		/// Who is paid.
		to: Address,
		/// How much ATH.
		amount: Amount,
	},
	/// Attach a device to the portfolio.
	AttachDevice(DeviceId),
	/// Detach a device from the portfolio.
	DetachDevice(DeviceId),
	/// Replace the vault's parameters.
	SetParams(VaultParams),
	/// Admit a further sponsor state.
	AdmitSponsor(u32),
	/// Hand a device the vault owns to a citizen of its state.
	TransferDevice {
		/// The device.
		device: DeviceId,
		/// Its new owner.
		to: Address,
	},
}

impl From<pallet_vaults::ProposalAction<AccountId, Balance, u32>> for ProposalAction {
	fn from(a: pallet_vaults::ProposalAction<AccountId, Balance, u32>) -> Self {
		use pallet_vaults::ProposalAction as A;
		match a {
			A::Reinvest { vendor, amount: value, devices, deliver_by } => {
				ProposalAction::Reinvest {
					vendor: ss58(&vendor),
					amount: amount(value),
					devices,
					deliver_by,
				}
			},
			A::FundProject { to, amount: value } => {
				ProposalAction::FundProject { to: ss58(&to), amount: amount(value) }
			},
			A::AttachDevice(device) => ProposalAction::AttachDevice(Decimal(device)),
			A::DetachDevice(device) => ProposalAction::DetachDevice(Decimal(device)),
			A::SetParams(params) => ProposalAction::SetParams(params.into()),
			A::AdmitSponsor(state) => ProposalAction::AdmitSponsor(state),
			A::TransferDevice { device, to } => {
				ProposalAction::TransferDevice { device: Decimal(device), to: ss58(&to) }
			},
		}
	}
}

/// A vault proposal not closed yet.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
	/// The vault.
	pub vault: u32,
	/// Who proposed it.
	pub proposer: Address,
	/// The proposer's deposit.
	pub deposit: Amount,
	/// What it does if it passes.
	pub action: ProposalAction,
	/// Shares that could vote when it was made.
	pub electorate: Amount,
	/// The block it was made in (shares bought from then on do not vote on it).
	pub created: u32,
	/// Votes end at this block; if it passes it executes as long again after.
	pub ends: u32,
	/// Shares in favour.
	pub ayes: Amount,
	/// Shares against.
	pub nays: Amount,
	/// The sponsor state that vetoed it, if any.
	pub vetoed_by: Option<u32>,
}

impl From<pallet_vaults::Proposal<AccountId, Balance, u32>> for Proposal {
	fn from(p: pallet_vaults::Proposal<AccountId, Balance, u32>) -> Self {
		Proposal {
			vault: p.vault,
			proposer: ss58(&p.proposer),
			deposit: amount(p.deposit),
			action: p.action.into(),
			electorate: amount(p.electorate),
			created: p.created,
			ends: p.ends,
			ayes: amount(p.ayes),
			nays: amount(p.nays),
			vetoed_by: p.vetoed_by,
		}
	}
}

/// A vault with its net asset value.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vault {
	/// The vault.
	pub id: u32,
	/// Its name.
	pub name: String,
	/// Its account.
	pub account: Address,
	/// Its share token.
	pub share_asset: u32,
	/// Its sponsor states.
	pub sponsors: Vec<u32>,
	/// Its parameters.
	pub params: VaultParams,
	/// Its portfolio: devices attached by vote or owned (bought).
	pub devices: Vec<DeviceId>,
	/// Free ATH it holds.
	pub liquid: Amount,
	/// ATH in escrow for its purchases.
	pub escrowed: Amount,
	/// Rewards its devices earned for it, not paid yet.
	pub unpaid_yield: Amount,
	/// The part of `unpaidYield` earned in final epochs: certain.
	pub certain_yield: Amount,
	/// Net asset value: `liquid + escrowed + unpaidYield` (devices count by their yield);
	/// deposits are priced on it.
	pub nav: Amount,
	/// What the vault is certainly worth, `liquid + certainYield`; redemptions are priced on it.
	pub redemption_nav: Amount,
	/// Shares issued.
	pub share_supply: Amount,
	/// Its proposals not closed yet, as `[id, proposal]`.
	pub proposals: Vec<(u32, Proposal)>,
	/// Its open purchases.
	pub purchases: Vec<Purchase>,
	/// Each investing state's commitment (ATH its pool put in, net of what it took out), as
	/// `[state, amount]`.
	pub commitments: Vec<(u32, Amount)>,
}

/// A vault's purchase of devices, its price in escrow.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Purchase {
	/// The purchase.
	pub id: u32,
	/// Who sells.
	pub vendor: Address,
	/// ATH still in escrow.
	pub escrow: Amount,
	/// Devices not paid for yet.
	pub unpaid: u32,
	/// Devices delivered, awaiting activation.
	pub delivered: Vec<DeviceId>,
	/// The last block a device may be delivered in.
	pub deliver_by: u32,
}

impl From<pallet_vaults::VaultViewOf<Runtime>> for Vault {
	fn from(v: pallet_vaults::VaultViewOf<Runtime>) -> Self {
		Vault {
			id: v.id,
			name: text(&v.name),
			account: ss58(&v.account),
			share_asset: v.share_asset,
			sponsors: v.sponsors,
			params: v.params.into(),
			devices: v.devices.into_iter().map(Decimal).collect(),
			liquid: amount(v.liquid),
			escrowed: amount(v.escrowed),
			unpaid_yield: amount(v.unpaid_yield),
			certain_yield: amount(v.certain_yield),
			nav: amount(v.nav),
			redemption_nav: amount(v.redemption_nav),
			share_supply: amount(v.share_supply),
			proposals: v.proposals.into_iter().map(|(id, p)| (id, p.into())).collect(),
			purchases: v
				.purchases
				.into_iter()
				.map(|p| Purchase {
					id: p.id,
					vendor: ss58(&p.vendor),
					escrow: amount(p.escrow),
					unpaid: p.unpaid,
					delivered: p.delivered.into_iter().map(Decimal).collect(),
					deliver_by: p.deliver_by,
				})
				.collect(),
			commitments: v.commitments.into_iter().map(|(s, a)| (s, amount(a))).collect(),
		}
	}
}

/// A named group of a state's devices.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
	/// Its state.
	pub state: u32,
	/// Its name.
	pub name: String,
	/// Where its metadata lives.
	pub metadata_uri: String,
	/// Where it stands: H3 cell indexes.
	pub cells: Vec<Decimal<u64>>,
	/// The vault that funds it, if any.
	pub vault: Option<u32>,
	/// The blueprint it replicates, if any.
	pub blueprint: Option<u32>,
	/// Devices in it.
	pub devices: u32,
	/// Who created it.
	pub depositor: Address,
	/// The deposit.
	pub deposit: Amount,
}

impl From<pallet_deployments::DeploymentOf<Runtime>> for Deployment {
	fn from(d: pallet_deployments::DeploymentOf<Runtime>) -> Self {
		Deployment {
			state: d.state,
			name: text(&d.name),
			metadata_uri: text(&d.metadata_uri),
			cells: d.cells.into_iter().map(Decimal).collect(),
			vault: d.vault,
			blueprint: d.blueprint,
			devices: d.devices,
			depositor: ss58(&d.depositor),
			deposit: ticket_amount(&d.ticket),
		}
	}
}

/// A reusable model of a deployment.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Blueprint {
	/// The publishing state.
	pub state: u32,
	/// Its name.
	pub name: String,
	/// The playbook.
	pub metadata_uri: String,
	/// Devices of each class (compute, connectivity, energy, sensing).
	pub device_mix: [u32; 4],
	/// The approved hardware models it uses.
	pub hardware_models: Vec<u32>,
	/// What one epoch of a deployment of it is expected to deliver.
	pub expected_output: Metrics,
	/// What building one costs.
	pub cost: Amount,
	/// The deployment it was drawn from, if any.
	pub source: Option<u32>,
	/// Deployments that adopted it.
	pub adoptions: u32,
	/// Who published it.
	pub depositor: Address,
	/// The deposit.
	pub deposit: Amount,
}

impl From<pallet_deployments::BlueprintOf<Runtime>> for Blueprint {
	fn from(b: pallet_deployments::BlueprintOf<Runtime>) -> Self {
		Blueprint {
			state: b.state,
			name: text(&b.name),
			metadata_uri: text(&b.metadata_uri),
			device_mix: b.device_mix.0,
			hardware_models: b.hardware_models.into_inner(),
			expected_output: b.expected_output.into(),
			cost: amount(b.cost),
			source: b.source,
			adoptions: b.adoptions,
			depositor: ss58(&b.depositor),
			deposit: ticket_amount(&b.ticket),
		}
	}
}

/// Delivery summed over device-epochs.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Kpi {
	/// Device reports counted.
	pub device_epochs: Decimal<u64>,
	/// Verified uptime, in seconds.
	pub uptime_secs: Decimal<u64>,
	/// The uptime possible, in seconds.
	pub possible_secs: Decimal<u64>,
	/// Bytes served.
	pub bandwidth_bytes: Decimal<u128>,
	/// Watt-hours produced.
	pub energy_wh: Decimal<u64>,
	/// GPU-seconds delivered.
	pub compute_units: Decimal<u64>,
	/// Samples delivered.
	pub samples: Decimal<u64>,
	/// Reward points earned.
	pub points: Decimal<u128>,
	/// Rewards paid, in the smallest unit.
	pub rewards: Amount,
}

/// How many devices reported in one epoch.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EpochDevices {
	/// The epoch.
	pub epoch: u32,
	/// Devices that reported in it.
	pub devices: u32,
}

/// A deployment's or blueprint's KPIs.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KpiView {
	/// Delivery summed over every device-epoch.
	pub totals: Kpi,
	/// Verified over possible uptime.
	pub uptime_ratio: PartsPerBillion,
	/// Devices that reported in the latest closed epoch with reports.
	pub devices_active: u32,
	/// Devices reporting in the two latest epochs with reports, the latest first.
	pub recent: [EpochDevices; 2],
}

impl From<atlas_primitives::KpiView> for KpiView {
	fn from(k: atlas_primitives::KpiView) -> Self {
		let t = k.totals;
		KpiView {
			totals: Kpi {
				device_epochs: Decimal(t.device_epochs),
				uptime_secs: Decimal(t.uptime_secs),
				possible_secs: Decimal(t.possible_secs),
				bandwidth_bytes: Decimal(t.bandwidth_bytes),
				energy_wh: Decimal(t.energy_wh),
				compute_units: Decimal(t.compute_units),
				samples: Decimal(t.samples),
				points: Decimal(t.points),
				rewards: amount(t.rewards),
			},
			uptime_ratio: ppb(k.uptime_ratio),
			devices_active: k.devices_active,
			recent: k.recent.0.map(|e| EpochDevices { epoch: e.epoch, devices: e.devices }),
		}
	}
}

/// What a co-use agreement lets the guest's citizens use.
#[derive(Clone, Debug, Serialize)]
pub enum UsageScope {
	/// One deployment of the host state.
	Deployment(u32),
	/// Every device of a class in the host state.
	Class(DeviceClass),
}

impl From<pallet_interstate::UsageScope> for UsageScope {
	fn from(scope: pallet_interstate::UsageScope) -> Self {
		match scope {
			pallet_interstate::UsageScope::Deployment(d) => UsageScope::Deployment(d),
			pallet_interstate::UsageScope::Class(c) => UsageScope::Class(c.into()),
		}
	}
}

/// A co-use agreement between a host state and a guest state.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
	/// The state whose infrastructure is used.
	pub host: u32,
	/// The state whose citizens may use it.
	pub guest: u32,
	/// What may be used.
	pub scope: UsageScope,
	/// The host's community pool's share of the covered devices' rewards.
	pub host_share: PartsPerBillion,
	/// The block it was granted.
	pub starts: u32,
	/// The block it ends (exclusive).
	pub ends: u32,
	/// The host admin who paid the deposit.
	pub depositor: Address,
	/// The deposit.
	pub deposit: Amount,
}

impl From<pallet_interstate::AgreementOf<Runtime>> for Agreement {
	fn from(a: pallet_interstate::AgreementOf<Runtime>) -> Self {
		Agreement {
			host: a.host,
			guest: a.guest,
			scope: a.scope.into(),
			host_share: ppb(a.host_share),
			starts: a.starts,
			ends: a.ends,
			depositor: ss58(&a.depositor),
			deposit: ticket_amount(&a.ticket),
		}
	}
}

/// A `depin_epochClosed` message: an epoch that closed, with its totals and budget.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EpochClosed {
	/// The epoch.
	pub epoch: u32,
	/// The finalized block it is read at.
	pub block: Hash,
	/// Its summary (`closed` is true).
	pub summary: EpochSummary,
	/// Its budget, `null` if it was never funded.
	pub budget: Option<EpochBudget>,
}

/// A `depin_receipt` message: a device's new reward receipt.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewReceipt {
	/// The device.
	pub device: DeviceId,
	/// Its receipt.
	pub receipt: Receipt,
}
