// From events to rows: one handler per event, applied in block order. Figures the events do not
// carry are read from the chain at the event's block (`chain.ts`), never recomputed.
import { BigDecimal } from '@subsquid/big-decimal';
import { Batch } from './cache';
import { address, big, depin, depinMaybe, kpis, type KpiView, type StateView, type VaultView } from './chain';
import {
  Agreement, Blueprint, BlueprintKpi, ClassTotal, Deployment, DeploymentKpi, DeploymentMember, Device, DeviceRecord,
  DeviceTransfer, EpochSummary, Metrics, Motion, NetworkState, Referendum, ReferendumVote, RewardPayment, StateChange, Vault,
  VaultFlow, VaultProposal, VaultSnapshot, VaultVote,
} from './model';
import { EVENTS, type Block, type Ctx, type Event } from './processor';
import { events, storage } from './types';
import { IsNull } from 'typeorm';

/** The order rows are written in: every row after the rows it refers to. */
export const WRITE_ORDER = [
  NetworkState, StateChange, Device, DeviceTransfer, EpochSummary, DeviceRecord, RewardPayment, Vault, VaultFlow,
  VaultSnapshot, VaultProposal, VaultVote, Blueprint, Deployment, DeploymentMember, DeploymentKpi, BlueprintKpi,
  Agreement, Motion, Referendum, ReferendumVote,
];

const CLASSES = ['Compute', 'Connectivity', 'Energy', 'Sensing'];
/** Rows a batch keeps in memory before writing them out (`INDEXER_MAX_ROWS`, default 50,000). */
const MAX_ROWS_IN_MEMORY = Number(process.env.INDEXER_MAX_ROWS ?? 50_000);

interface Versioned<T> { is(e: Event): boolean; decode(e: Event): T }

/** `e` decoded as `ev`; an event of another shape means the runtime changed under the indexer. */
function decode<T>(ev: Versioned<T>, e: Event): T {
  if (!ev.is(e)) {
    throw new Error(`${e.name} at block ${e.block.height} has a shape this indexer does not know: ` +
      'regenerate its types (scripts/indexer.sh --typegen) and map the new version');
  }
  return ev.decode(e);
}

/** Every generated version of the mapped event `name` (`Pallet.Event`). */
function versionsOf(name: string): { matches(b: Block): boolean }[] {
  const camel = (x: string) => x[0].toLowerCase() + x.slice(1);
  const [pallet, event] = name.split('.');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const group = (events as any)[camel(pallet)]?.[camel(event)];
  // The group holds its name and one EventType per version.
  return group ? Object.values(group).filter((v): v is { matches(b: Block): boolean } => typeof (v as { matches?: unknown }).matches === 'function') : [];
}

/**
 * Refuses a runtime whose mapped events or read storage items have shapes the generated types do
 * not know, before any of its blocks is indexed: an upgrade that changes one stops the indexer
 * at once, not on the day the event first occurs.
 */
export function checkRuntime(block: Block): void {
  const events_ = EVENTS.filter((name) => !versionsOf(name).some((v) => v.matches(block)));
  const items = {
    'Attestations.Reports': storage.attestations.reports.v101,
    'Attestations.Epochs': storage.attestations.epochs.v101,
    'Devices.Devices': storage.devices.devices.v101,
    'Devices.RewardRoutes': storage.devices.rewardRoutes.v101,
    'NetworkStates.NextStateId': storage.networkStates.nextStateId.v101,
  };
  const stored = Object.entries(items).filter(([, s]) => !s.is(block)).map(([name]) => name);
  const unknown = [...events_, ...stored];
  if (unknown.length > 0) {
    throw new Error(`the runtime at block ${block.height} (spec version ${block.specVersion}) changed ${unknown.join(', ')}: ` +
      'regenerate the types (scripts/indexer.sh typegen) and map the new shapes');
  }
}

const ts = (b: Block) => new Date(b.timestamp ?? 0);
const kind = (v: { __kind: string }) => v.__kind;
/** An enum value of the typegen (`{__kind, value}`) as JSON, accounts as addresses. */
function json(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string' && /^0x[0-9a-f]{64}$/.test(v)) return address(v);
  if (Array.isArray(v)) return v.map(json);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, json(x)]));
  return v;
}
function beneficiary(b: { __kind: string; value?: unknown }): string {
  if (b.__kind === 'Account') return `Account:${address(b.value as string)}`;
  if (b.__kind === 'Vault') return `Vault:${b.value}`;
  return b.__kind;
}
function metrics(m: { uptimeSecs: number; bandwidthBytes: bigint; energyWh: number; computeUnits: number; samples: number }): Metrics {
  return new Metrics({ uptimeSecs: m.uptimeSecs, bandwidthBytes: m.bandwidthBytes, energyWh: m.energyWh, computeUnits: m.computeUnits, samples: m.samples });
}

type Record_ = Awaited<ReturnType<typeof storage.attestations.reports.v101.get>>;

/** A device's epoch row from its attestation record at `block`. */
function deviceRecordRow(row: DeviceRecord | undefined, device: Device, epoch: number, r: NonNullable<Record_>, block: Block): DeviceRecord {
  const out = row ?? new DeviceRecord({ id: `${device.id}-${epoch}`, device, epoch });
  out.class = kind(r.class);
  out.reported = metrics(r.reported);
  out.verified = metrics(r.verified);
  out.quorum = r.quorum;
  out.points = r.points;
  out.fraudulent = r.fraudulent;
  out.closedAt ??= block.height;
  return out;
}

/** Everything known about the chain's collections that the batch needs across handlers. */
export class Mapper {
  constructor(private readonly ctx: Ctx, private readonly b: Batch) {}

  /** Preloads the rows the batch's events refer to most (devices and their epochs). */
  async prefetch(): Promise<void> {
    const devices = new Set<string>();
    const epochs = new Set<string>();
    for (const block of this.ctx.blocks) {
      for (const e of block.events) {
        if (e.name === 'Rewards.RewardSettled') {
          const { device, epoch } = decode(events.rewards.rewardSettled.v101, e);
          devices.add(String(device));
          epochs.add(`${device}-${epoch}`);
        } else if (e.name === 'Rewards.RewardPaid' || e.name.startsWith('Devices.')) {
          const args = e.args as { device?: string | number };
          if (args?.device != null) devices.add(String(args.device));
        }
      }
    }
    await this.b.prefetch(Device, devices);
    await this.b.prefetch(DeviceRecord, epochs);
  }

  private specVersion?: number;

  async block(block: Block, list: Event[]): Promise<void> {
    if (block.specVersion !== this.specVersion) {
      checkRuntime(block);
      this.specVersion = block.specVersion;
    }
    if (block.height === 0) await this.genesis(block);
    for (const e of list) await this.event(block, e);
  }

  /** The network states a chain starts with: genesis has no events, so they are read from its state. */
  private async genesis(block: Block) {
    const next = (await storage.networkStates.nextStateId.v101.get(block)) ?? 0;
    for (let id = 0; id < next; id++) {
      const view = await depinMaybe<StateView>(this.ctx, block, 'networkState', [id]);
      if (!view) continue;
      this.b.put(NetworkState, new NetworkState({
        id: String(id), name: view.name, admin: view.admin, bond: big(view.bond), status: view.status,
        admission: view.admission, registeredAt: 0, probationUntil: null,
      }));
    }
  }

  private async state(id: number | string, at: number) { return this.b.must(NetworkState, String(id), at); }
  private async device(id: bigint | number | string, at: number) { return this.b.must(Device, String(id), at); }

  private async stateChange(block: Block, e: Event, state: NetworkState, who?: string, role?: string) {
    this.b.put(StateChange, new StateChange({ id: e.id, state, kind: e.name.split('.')[1], who, role, block: block.height, timestamp: ts(block) }));
  }

  /** (Block, object) pairs already read from the chain: one read each, however many events. */
  private refreshed = new Set<string>();

  /**
   * A state's name, admin, bond, status and admission as the chain has them at the end of
   * `block`; unchanged if it is gone by then (the event that removed it says what it became).
   */
  private async refreshState(block: Block, s: NetworkState) {
    this.b.put(NetworkState, s);
    const key = `${block.height}-state-${s.id}`;
    if (this.refreshed.has(key)) return;
    this.refreshed.add(key);
    const view = await depinMaybe<StateView>(this.ctx, block, 'networkState', [Number(s.id)]);
    if (!view) return;
    s.name = view.name;
    s.admin = view.admin;
    s.bond = big(view.bond);
    s.status = view.status;
    s.admission = view.admission;
  }

  /**
   * A device's owner, operator, status, deposit, activation and route as the chain has them at
   * the end of `block` (a transfer resets the operator and route without events of its own).
   */
  private async refreshDevice(block: Block, d: Device) {
    this.b.put(Device, d);
    const key = `${block.height}-device-${d.id}`;
    if (this.refreshed.has(key)) return;
    this.refreshed.add(key);
    const info = await storage.devices.devices.v101.get(block, BigInt(d.id));
    if (!info) return;
    d.owner = address(info.owner);
    d.operator = info.operator == null ? null : address(info.operator);
    d.status = kind(info.status);
    d.deposit = info.deposit;
    d.activatedAt = info.activeSince ?? null;
    const route = await storage.devices.rewardRoutes.v101.get(block, BigInt(d.id));
    d.route = route == null ? null : route.map((leg) => ({ beneficiary: beneficiary(leg.beneficiary), share: leg.share }));
  }

  async event(block: Block, e: Event): Promise<void> {
    const at = block.height;
    const b = this.b;
    switch (e.name) {
      // ---- network states
      case 'NetworkStates.StateRegistered': {
        const v = decode(events.networkStates.stateRegistered.v101, e);
        const s = b.put(NetworkState, new NetworkState({ id: String(v.state), name: '', status: 'Active', admin: address(v.admin), bond: v.bond, registeredAt: at, probationUntil: null }));
        await this.refreshState(block, s);
        await this.stateChange(block, e, s, address(v.admin));
        break;
      }
      case 'NetworkStates.StateAdmitted': {
        const v = decode(events.networkStates.stateAdmitted.v101, e);
        const s = await this.state(v.state, at);
        s.probationUntil = v.probationUntil;
        await this.refreshState(block, s);
        await this.stateChange(block, e, s);
        break;
      }
      case 'NetworkStates.StateEstablished':
      case 'NetworkStates.StateSuspended':
      case 'NetworkStates.StateRestored':
      case 'NetworkStates.StateUpdated': {
        const ev = {
          'NetworkStates.StateEstablished': events.networkStates.stateEstablished.v101,
          'NetworkStates.StateSuspended': events.networkStates.stateSuspended.v101,
          'NetworkStates.StateRestored': events.networkStates.stateRestored.v101,
          'NetworkStates.StateUpdated': events.networkStates.stateUpdated.v101,
        }[e.name];
        const s = await this.state(decode(ev, e).state, at);
        await this.refreshState(block, s);
        await this.stateChange(block, e, s);
        break;
      }
      case 'NetworkStates.StateRejected':
      case 'NetworkStates.StateDeregistered': {
        // Gone from the chain: its last standing is what the event says.
        const v = e.name === 'NetworkStates.StateRejected'
          ? decode(events.networkStates.stateRejected.v101, e)
          : decode(events.networkStates.stateDeregistered.v101, e);
        const s = await this.state(v.state, at);
        s.status = e.name === 'NetworkStates.StateRejected' ? 'Rejected' : 'Deregistered';
        b.put(NetworkState, s);
        await this.stateChange(block, e, s);
        break;
      }
      case 'NetworkStates.AdminTransferred': {
        // The new admin posts the bond anew: name, admin and bond as the chain has them.
        const v = decode(events.networkStates.adminTransferred.v101, e);
        const s = await this.state(v.state, at);
        s.admin = address(v.to);
        await this.refreshState(block, s);
        await this.stateChange(block, e, s, address(v.to));
        break;
      }
      case 'NetworkStates.RoleGranted':
      case 'NetworkStates.RoleRevoked': {
        const v = e.name === 'NetworkStates.RoleGranted'
          ? decode(events.networkStates.roleGranted.v101, e)
          : decode(events.networkStates.roleRevoked.v101, e);
        await this.stateChange(block, e, await this.state(v.state, at), address(v.who), kind(v.role));
        break;
      }

      // ---- devices
      case 'Devices.DeviceRegistered': {
        const v = decode(events.devices.deviceRegistered.v101, e);
        const d = new Device({
          id: String(v.device), owner: address(v.owner), state: await this.state(v.state, at), class: kind(v.class),
          key: `${v.key.__kind}:${v.key.value}`, status: 'Pending', makerAttested: v.makerAttested, deposit: v.deposit,
          registeredAt: at, operator: null, route: null, activatedAt: null, decommissionedAt: null,
        });
        await this.refreshDevice(block, d);
        break;
      }
      case 'Devices.DeviceActivated':
      case 'Devices.DeviceSuspended':
      case 'Devices.OperatorSet':
      case 'Devices.RewardRouteSet':
      case 'Devices.DepositSlashed': {
        const ev: Versioned<{ device: bigint }> = {
          'Devices.DeviceActivated': events.devices.deviceActivated.v101,
          'Devices.DeviceSuspended': events.devices.deviceSuspended.v101,
          'Devices.OperatorSet': events.devices.operatorSet.v101,
          'Devices.RewardRouteSet': events.devices.rewardRouteSet.v101,
          'Devices.DepositSlashed': events.devices.depositSlashed.v101,
        }[e.name] as Versioned<{ device: bigint }>;
        await this.refreshDevice(block, await this.device(decode(ev, e).device, at));
        break;
      }
      case 'Devices.DeviceTransferred': {
        const v = decode(events.devices.deviceTransferred.v101, e);
        const d = await this.device(v.device, at);
        d.owner = address(v.to);
        await this.refreshDevice(block, d);
        b.put(DeviceTransfer, new DeviceTransfer({ id: e.id, device: d, from: address(v.from), to: address(v.to), block: at, timestamp: ts(block) }));
        break;
      }
      case 'Devices.DeviceDecommissioned': {
        const d = await this.device(decode(events.devices.deviceDecommissioned.v101, e).device, at);
        d.status = 'Decommissioned';
        d.decommissionedAt = at;
        b.put(Device, d);
        break;
      }

      // ---- epochs, reports and receipts
      case 'Attestations.EpochClosed': {
        const v = decode(events.attestations.epochClosed.v101, e);
        const ep = await this.epoch(v.epoch);
        ep.closedAt = at;
        ep.totals = v.totals.map((t, i) => new ClassTotal({ class: CLASSES[i], points: t.points, devices: t.devices }));
        // Every device's record of the epoch, as the chain fixed it when the epoch closed.
        for await (const page of storage.attestations.reports.v101.getPairsPaged(1000, block, v.epoch)) {
          const ids = page.map(([[, device]]) => String(device));
          await b.prefetch(Device, ids);
          await b.prefetch(DeviceRecord, ids.map((d) => `${d}-${v.epoch}`));
          for (const [[, device], record] of page) {
            if (!record) continue;
            const d = await this.device(device, at);
            const row = await b.get(DeviceRecord, `${device}-${v.epoch}`);
            b.put(DeviceRecord, deviceRecordRow(row, d, v.epoch, record, block));
          }
          if (b.size() > MAX_ROWS_IN_MEMORY) await b.evict();
        }
        break;
      }
      case 'Attestations.ChallengeResolved': {
        // A fraud ruling changes the record's points: read it again.
        const v = decode(events.attestations.challengeResolved.v101, e);
        const record = await storage.attestations.reports.v101.get(block, v.epoch, v.device);
        const row = await b.get(DeviceRecord, `${v.device}-${v.epoch}`);
        if (record && row) b.put(DeviceRecord, deviceRecordRow(row, row.device, v.epoch, record, block));
        // ...and its epoch's class totals.
        const summary = await storage.attestations.epochs.v101.get(block, v.epoch);
        const ep = await b.get(EpochSummary, String(v.epoch));
        if (summary && ep?.totals) {
          ep.totals = summary.classes.map((t, i) => new ClassTotal({ class: CLASSES[i], points: t.points, devices: t.devices }));
          b.put(EpochSummary, ep);
        }
        break;
      }
      case 'Rewards.EpochFunded': {
        const v = decode(events.rewards.epochFunded.v101, e);
        const ep = await this.epoch(v.epoch);
        ep.fundedAt = at;
        ep.mintedDepin = v.minted.depin;
        ep.mintedTreasury = v.minted.treasury;
        [ep.budgetCompute, ep.budgetConnectivity, ep.budgetEnergy, ep.budgetSensing] = v.classBudgets;
        ep.verifierBudget = v.verifierBudget;
        await this.snapshots(block, v.epoch);
        break;
      }
      case 'Rewards.CircuitBreakerTripped': {
        const ep = await this.epoch(decode(events.rewards.circuitBreakerTripped.v101, e).epoch);
        ep.breakerTripped = true;
        break;
      }
      case 'Rewards.BreakerResolved': {
        const v = decode(events.rewards.breakerResolved.v101, e);
        const ep = await this.epoch(v.epoch);
        ep.fundedAt = at;
        ep.mintedDepin = v.minted.depin;
        ep.mintedTreasury = v.minted.treasury;
        break;
      }
      case 'Rewards.RewardSettled': {
        const v = decode(events.rewards.rewardSettled.v101, e);
        const id = `${v.device}-${v.epoch}`;
        let row = await b.get(DeviceRecord, id);
        if (!row) {
          // Settled without having been seen closing (cannot happen when indexing from genesis).
          const record = await storage.attestations.reports.v101.get(block, v.epoch, v.device);
          if (!record) throw new Error(`reward settled for device ${v.device} in epoch ${v.epoch} at block ${at} without a record`);
          row = deviceRecordRow(undefined, await this.device(v.device, at), v.epoch, record, block);
        }
        row.settledPoints = v.points;
        row.classTotal = v.classTotal;
        row.reward = v.amount;
        row.settledAt = at;
        b.put(DeviceRecord, row);
        break;
      }
      case 'Rewards.RewardPaid': {
        const v = decode(events.rewards.rewardPaid.v101, e);
        b.put(RewardPayment, new RewardPayment({ id: e.id, device: await this.device(v.device, at), beneficiary: beneficiary(v.beneficiary), amount: v.amount, block: at, timestamp: ts(block) }));
        break;
      }

      // ---- vaults
      case 'Vaults.VaultCreated': {
        const v = decode(events.vaults.vaultCreated.v101, e);
        const view = await depin<VaultView>(this.ctx, block, 'vault', [v.vault]);
        const vault = b.put(Vault, new Vault({ id: String(v.vault), state: await this.state(v.state, at), name: view.name, creator: address(v.creator), shareAsset: BigInt(v.shareAsset), account: address(v.account), createdAt: at }));
        this.flow(block, e, vault, 'Seed', address(v.creator), v.seed, v.seed);
        break;
      }
      case 'Vaults.Deposited': {
        const v = decode(events.vaults.deposited.v101, e);
        this.flow(block, e, await this.vault(v.vault, at), 'Deposit', address(v.who), v.amount, v.shares);
        break;
      }
      case 'Vaults.Redeemed': {
        const v = decode(events.vaults.redeemed.v101, e);
        this.flow(block, e, await this.vault(v.vault, at), 'Redeem', address(v.who), v.amount, v.shares);
        break;
      }
      case 'Vaults.YieldReceived': {
        const v = decode(events.vaults.yieldReceived.v101, e);
        this.flow(block, e, await this.vault(v.vault, at), 'Yield', null, v.amount, null);
        break;
      }
      case 'Vaults.Spent': {
        const v = decode(events.vaults.spent.v101, e);
        this.flow(block, e, await this.vault(v.vault, at), 'Spend', address(v.to), v.amount, null);
        break;
      }
      case 'Vaults.VendorPaid': {
        const v = decode(events.vaults.vendorPaid.v101, e);
        this.flow(block, e, await this.vault(v.vault, at), 'VendorPaid', address(v.vendor), v.amount, null);
        break;
      }
      case 'Vaults.PurchaseOpened': {
        const v = decode(events.vaults.purchaseOpened.v101, e);
        this.flow(block, e, await this.vault(v.vault, at), 'Escrowed', address(v.vendor), v.amount, null);
        break;
      }
      case 'Vaults.PurchaseClosed': {
        const v = decode(events.vaults.purchaseClosed.v101, e);
        if (v.refunded > 0n) this.flow(block, e, await this.vault(v.vault, at), 'Refunded', null, v.refunded, null);
        break;
      }
      case 'Vaults.Proposed': {
        const v = decode(events.vaults.proposed.v101, e);
        b.put(VaultProposal, new VaultProposal({
          id: `${v.vault}-${v.proposal}`, vault: await this.vault(v.vault, at), proposal: v.proposal, proposer: address(v.proposer),
          action: json(v.action), ends: v.ends, status: 'Open', createdAt: at, ayes: null, nays: null,
        }));
        break;
      }
      case 'Vaults.Voted': {
        const v = decode(events.vaults.voted.v101, e);
        const p = await b.must(VaultProposal, `${v.vault}-${v.proposal}`, at);
        b.put(VaultVote, new VaultVote({ id: e.id, proposal: p, who: address(v.who), aye: v.aye, shares: v.shares, block: at }));
        break;
      }
      case 'Vaults.Vetoed': {
        const v = decode(events.vaults.vetoed.v101, e);
        const p = await b.must(VaultProposal, `${v.vault}-${v.proposal}`, at);
        p.status = 'Vetoed';
        b.put(VaultProposal, p);
        break;
      }
      case 'Vaults.Closed': {
        const v = decode(events.vaults.closed.v101, e);
        const p = await b.must(VaultProposal, `${v.vault}-${v.proposal}`, at);
        p.status = kind(v.outcome);
        p.ayes = v.ayes;
        p.nays = v.nays;
        b.put(VaultProposal, p);
        break;
      }

      // ---- deployments and blueprints
      case 'Deployments.DeploymentCreated': {
        const v = decode(events.deployments.deploymentCreated.v101, e);
        b.put(Deployment, new Deployment({ id: String(v.deployment), state: await this.state(v.state, at), createdBy: address(v.by), createdAt: at, closedAt: null, blueprint: null }));
        break;
      }
      case 'Deployments.DeviceJoined': {
        const v = decode(events.deployments.deviceJoined.v101, e);
        b.put(DeploymentMember, new DeploymentMember({ id: e.id, deployment: await b.must(Deployment, String(v.deployment), at), device: await this.device(v.device, at), joinedAt: at, leftAt: null }));
        break;
      }
      case 'Deployments.DeviceLeft': {
        const v = decode(events.deployments.deviceLeft.v101, e);
        const isOpen = (m: DeploymentMember) => m.deployment?.id === String(v.deployment) && m.device?.id === String(v.device) && m.leftAt == null;
        let open = b.rowsOf(DeploymentMember).find(isOpen);
        // Database rows count only as this batch has them (it may have closed them already).
        for (const r of open ? [] : await b.store.find(DeploymentMember, { where: { deployment: { id: String(v.deployment) }, device: { id: String(v.device) }, leftAt: IsNull() }, relations: { deployment: true, device: true } })) {
          const row = (await b.get(DeploymentMember, r.id))!;
          if (row.leftAt == null) { open = row; break; }
        }
        if (!open) throw new Error(`device ${v.device} left deployment ${v.deployment} at block ${at} without having joined it`);
        open.leftAt = at;
        b.put(DeploymentMember, open);
        break;
      }
      case 'Deployments.DeploymentClosed': {
        const d = await b.must(Deployment, String(decode(events.deployments.deploymentClosed.v101, e).deployment), at);
        d.closedAt = at;
        b.put(Deployment, d);
        break;
      }
      case 'Deployments.BlueprintPublished': {
        const v = decode(events.deployments.blueprintPublished.v101, e);
        b.put(Blueprint, new Blueprint({ id: String(v.blueprint), state: await this.state(v.state, at), source: v.source ?? null, publishedAt: at, retiredAt: null }));
        break;
      }
      case 'Deployments.BlueprintAdopted': {
        const v = decode(events.deployments.blueprintAdopted.v101, e);
        const d = await b.must(Deployment, String(v.deployment), at);
        d.blueprint = await b.must(Blueprint, String(v.blueprint), at);
        b.put(Deployment, d);
        break;
      }
      case 'Deployments.BlueprintRetired': {
        const bp = await b.must(Blueprint, String(decode(events.deployments.blueprintRetired.v101, e).blueprint), at);
        bp.retiredAt = at;
        b.put(Blueprint, bp);
        break;
      }

      // ---- co-use agreements
      case 'Interstate.UsageGranted': {
        const v = decode(events.interstate.usageGranted.v101, e);
        b.put(Agreement, new Agreement({
          id: String(v.agreement), host: await this.state(v.host, at), guest: await this.state(v.guest, at), scope: json(v.scope),
          hostShare: v.hostShare, ends: BigInt(v.ends), grantedAt: at, endedAt: null, endedBy: null, expired: false,
        }));
        break;
      }
      case 'Interstate.AgreementExtended': {
        const v = decode(events.interstate.agreementExtended.v101, e);
        const a = await b.must(Agreement, String(v.agreement), at);
        a.ends = BigInt(v.ends);
        b.put(Agreement, a);
        break;
      }
      case 'Interstate.AgreementEnded': {
        const v = decode(events.interstate.agreementEnded.v101, e);
        const a = await b.must(Agreement, String(v.agreement), at);
        a.endedAt = at;
        a.endedBy = String(v.by);
        b.put(Agreement, a);
        break;
      }
      case 'Interstate.AgreementExpired': {
        const a = await b.must(Agreement, String(decode(events.interstate.agreementExpired.v101, e).agreement), at);
        a.endedAt = at;
        a.expired = true;
        b.put(Agreement, a);
        break;
      }

      // ---- governance
      case 'Council.Proposed': {
        const v = decode(events.council.proposed.v101, e);
        b.put(Motion, new Motion({ id: String(v.proposalIndex), index: v.proposalIndex, hash: v.proposalHash, proposer: address(v.account), threshold: v.threshold, ayes: 0, nays: 0, status: 'Proposed', proposedAt: at, closedAt: null, result: null }));
        break;
      }
      case 'Council.Voted': {
        const v = decode(events.council.voted.v101, e);
        const m = await this.motion(v.proposalHash, at);
        m.ayes = v.yes;
        m.nays = v.no;
        break;
      }
      case 'Council.Approved':
        (await this.motion(decode(events.council.approved.v101, e).proposalHash, at)).status = 'Approved';
        break;
      case 'Council.Disapproved':
      case 'Council.Killed': {
        const hash = e.name === 'Council.Killed' ? decode(events.council.killed.v101, e).proposalHash : decode(events.council.disapproved.v101, e).proposalHash;
        const m = await this.motion(hash, at);
        m.status = e.name.split('.')[1];
        m.closedAt = at;
        break;
      }
      case 'Council.Executed': {
        const v = decode(events.council.executed.v101, e);
        // A member's proposal with a threshold below two executes at once: no Proposed before it.
        const m = (await this.openMotion(v.proposalHash)) ?? b.put(Motion, new Motion({
          id: `direct-${e.id}`, index: null, hash: v.proposalHash, proposer: '', threshold: 1, ayes: 0, nays: 0, status: 'Proposed', proposedAt: at, closedAt: null, result: null,
        }));
        m.status = 'Executed';
        m.result = v.result.__kind === 'Ok' ? 'Ok' : JSON.stringify(json(v.result.value));
        m.closedAt = at;
        break;
      }
      case 'Council.Closed': {
        const v = decode(events.council.closed.v101, e);
        const m = await this.motion(v.proposalHash, at);
        m.ayes = v.yes;
        m.nays = v.no;
        break;
      }
      case 'Referenda.Submitted': {
        const v = decode(events.referenda.submitted.v101, e);
        b.put(Referendum, new Referendum({ id: String(v.index), index: v.index, track: v.track, status: 'Submitted', submittedAt: at, decidingAt: null, endedAt: null, ayes: null, nays: null }));
        break;
      }
      case 'Referenda.DecisionStarted': {
        const r = await this.referendum(decode(events.referenda.decisionStarted.v101, e).index, at);
        r.status = 'Deciding';
        r.decidingAt = at;
        break;
      }
      case 'Referenda.Confirmed': {
        const v = decode(events.referenda.confirmed.v101, e);
        // Confirmed is the approval: pallet-referenda emits no Approved event after it.
        const r = await this.referendum(v.index, at);
        r.status = 'Approved';
        r.ayes = v.tally.ayes;
        r.nays = v.tally.nays;
        r.endedAt = at;
        break;
      }
      case 'Referenda.Approved': {
        const r = await this.referendum(decode(events.referenda.approved.v101, e).index, at);
        r.status = 'Approved';
        r.endedAt = at;
        break;
      }
      case 'Referenda.Rejected':
      case 'Referenda.TimedOut':
      case 'Referenda.Cancelled':
      case 'Referenda.Killed': {
        const ev = {
          'Referenda.Rejected': events.referenda.rejected.v101,
          'Referenda.TimedOut': events.referenda.timedOut.v101,
          'Referenda.Cancelled': events.referenda.cancelled.v101,
          'Referenda.Killed': events.referenda.killed.v101,
        }[e.name];
        const v = decode(ev, e);
        const r = await this.referendum(v.index, at);
        r.status = e.name.split('.')[1];
        r.ayes = v.tally.ayes;
        r.nays = v.tally.nays;
        r.endedAt = at;
        break;
      }
      case 'ConvictionVoting.Voted': {
        const v = decode(events.convictionVoting.voted.v101, e);
        const r = await b.get(Referendum, String(v.pollIndex));
        if (r) b.put(ReferendumVote, new ReferendumVote({ id: e.id, referendum: r, who: address(v.who), vote: json(v.vote), block: at }));
        break;
      }
      default:
        throw new Error(`no handler for ${e.name} (block ${at}), though the processor asks for it`);
    }
  }

  private async epoch(index: number): Promise<EpochSummary> {
    const row = (await this.b.get(EpochSummary, String(index))) ??
      new EpochSummary({ id: String(index), index, breakerTripped: false, closedAt: null, fundedAt: null, totals: null });
    return this.b.put(EpochSummary, row);
  }

  private async vault(id: number, at: number) { return this.b.must(Vault, String(id), at); }

  /** The motion of `hash` still undecided (a hash is proposed again once its motion ended). */
  private async openMotion(hash: string): Promise<Motion | undefined> {
    const open = (m: Motion) => m.hash === hash && m.closedAt == null;
    const inBatch = this.b.rowsOf(Motion).find(open);
    if (inBatch) return this.b.put(Motion, inBatch);
    // The database has not seen this batch's changes: its rows count only as the batch has them.
    for (const r of await this.b.store.find(Motion, { where: { hash, closedAt: IsNull() } })) {
      const row = (await this.b.get(Motion, r.id))!;
      if (open(row)) return this.b.put(Motion, row);
    }
    return undefined;
  }

  private async motion(hash: string, at: number): Promise<Motion> {
    const row = await this.openMotion(hash);
    if (!row) throw new Error(`no open motion ${hash} is indexed, yet an event at block ${at} refers to it`);
    return row;
  }

  private async referendum(index: number, at: number) {
    return this.b.put(Referendum, await this.b.must(Referendum, String(index), at));
  }

  private flow(block: Block, e: Event, vault: Vault, k: string, who: string | null, amount: bigint, shares: bigint | null) {
    this.b.put(VaultFlow, new VaultFlow({ id: e.id, vault, kind: k, who, amount, shares, block: block.height, timestamp: ts(block) }));
  }

  /** Every vault's value and every live deployment's and blueprint's KPIs, when `epoch` is funded. */
  private async snapshots(block: Block, epoch: number) {
    const at = block.height;
    const vaults = await this.all(Vault);
    const deployments = (await this.all(Deployment)).filter((d) => d.closedAt == null);
    const blueprints = (await this.all(Blueprint)).filter((bp) => bp.retiredAt == null);
    // The reads are independent: issue them together (the RPC client bounds how many at once).
    const [vs, ds, bs] = await Promise.all([
      Promise.all(vaults.map((v) => depinMaybe<VaultView>(this.ctx, block, 'vault', [Number(v.id)]))),
      Promise.all(deployments.map((d) => depinMaybe<KpiView>(this.ctx, block, 'deploymentKpis', [Number(d.id)]))),
      Promise.all(blueprints.map((bp) => depinMaybe<KpiView>(this.ctx, block, 'blueprintKpis', [Number(bp.id)]))),
    ]);
    // Read at the end of the block: an object removed later in the same block has no snapshot.
    vaults.forEach((vault, i) => {
      const v = vs[i];
      if (!v) return;
      const nav = big(v.nav);
      const supply = big(v.shareSupply);
      this.b.put(VaultSnapshot, new VaultSnapshot({
        id: `${vault.id}-${epoch}`, vault, epoch, block: at, nav, redemptionNav: big(v.redemptionNav), shareSupply: supply,
        sharePrice: supply === 0n ? BigDecimal(0) : BigDecimal(nav.toString()).div(supply.toString()),
        liquid: big(v.liquid), unpaidYield: big(v.unpaidYield), devices: v.devices.length,
      }));
    });
    deployments.forEach((d, i) => {
      const k = ds[i];
      if (k) this.b.put(DeploymentKpi, new DeploymentKpi({ id: `${d.id}-${epoch}`, deployment: d, epoch, block: at, kpis: kpis(k) }));
    });
    blueprints.forEach((bp, i) => {
      const k = bs[i];
      if (k) this.b.put(BlueprintKpi, new BlueprintKpi({ id: `${bp.id}-${epoch}`, blueprint: bp, epoch, block: at, kpis: kpis(k) }));
    });
  }

  /** Every row of `cls`: the database's, overlaid with this batch's. */
  private async all<E extends { id: string }>(cls: { new (p?: Partial<E>): E; name: string }): Promise<E[]> {
    const rows = new Map<string, E>();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    for (const r of (await this.b.store.find(cls as any)) as E[]) rows.set(r.id, r);
    for (const r of this.b.rowsOf(cls)) rows.set(r.id, r);
    return [...rows.values()];
  }
}
