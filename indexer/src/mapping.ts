// From events to rows: one handler per event, applied in block order. Figures the events do not
// carry are read from the chain at the event's block (`chain.ts`), never recomputed.
import { BigDecimal } from '@subsquid/big-decimal';
import { Batch } from './cache';
import { address, big, depin, kpis, type KpiView, type StateView, type VaultView } from './chain';
import {
  Agreement, Blueprint, BlueprintKpi, ClassTotal, Deployment, DeploymentKpi, DeploymentMember, Device, DeviceRecord,
  DeviceTransfer, EpochSummary, Metrics, Motion, NetworkState, Referendum, ReferendumVote, RewardPayment, StateChange, Vault,
  VaultFlow, VaultProposal, VaultSnapshot, VaultVote,
} from './model';
import type { Block, Ctx, Event } from './processor';
import { events, storage } from './types';
import { IsNull } from 'typeorm';

/** The order rows are written in: every row after the rows it refers to. */
export const WRITE_ORDER = [
  NetworkState, StateChange, Device, DeviceTransfer, EpochSummary, DeviceRecord, RewardPayment, Vault, VaultFlow,
  VaultSnapshot, VaultProposal, VaultVote, Blueprint, Deployment, DeploymentMember, DeploymentKpi, BlueprintKpi,
  Agreement, Motion, Referendum, ReferendumVote,
];

const CLASSES = ['Compute', 'Connectivity', 'Energy', 'Sensing'];

interface Versioned<T> { is(e: Event): boolean; decode(e: Event): T }

/** `e` decoded as `ev`; an event of another shape means the runtime changed under the indexer. */
function decode<T>(ev: Versioned<T>, e: Event): T {
  if (!ev.is(e)) {
    throw new Error(`${e.name} at block ${e.block.height} has a shape this indexer does not know: ` +
      'regenerate its types (scripts/indexer.sh --typegen) and map the new version');
  }
  return ev.decode(e);
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

  async block(block: Block, list: Event[]): Promise<void> {
    for (const e of list) await this.event(block, e);
  }

  private async state(id: number | string, at: number) { return this.b.must(NetworkState, String(id), at); }
  private async device(id: bigint | number | string, at: number) { return this.b.must(Device, String(id), at); }

  private async stateChange(block: Block, e: Event, state: NetworkState, who?: string, role?: string) {
    this.b.put(StateChange, new StateChange({ id: e.id, state, kind: e.name.split('.')[1], who, role, block: block.height, timestamp: ts(block) }));
  }

  /** A state's name, status and admission as the chain has them at `block`. */
  private async refreshState(block: Block, s: NetworkState) {
    const view = await depin<StateView>(this.ctx, block, 'networkState', [Number(s.id)]);
    s.name = view.name;
    s.status = view.status;
    s.admission = view.admission;
    this.b.put(NetworkState, s);
  }

  async event(block: Block, e: Event): Promise<void> {
    const at = block.height;
    const b = this.b;
    switch (e.name) {
      // ---- network states
      case 'NetworkStates.StateRegistered': {
        const v = decode(events.networkStates.stateRegistered.v101, e);
        const s = b.put(NetworkState, new NetworkState({ id: String(v.state), admin: address(v.admin), bond: v.bond, registeredAt: at, probationUntil: null }));
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
        const v = decode(events.networkStates.adminTransferred.v101, e);
        const s = await this.state(v.state, at);
        s.admin = address(v.to);
        b.put(NetworkState, s);
        await this.stateChange(block, e, s, s.admin);
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
        b.put(Device, new Device({
          id: String(v.device), owner: address(v.owner), state: await this.state(v.state, at), class: kind(v.class),
          key: `${v.key.__kind}:${v.key.value}`, status: 'Pending', makerAttested: v.makerAttested, deposit: v.deposit,
          registeredAt: at, operator: null, route: null, activatedAt: null, decommissionedAt: null,
        }));
        break;
      }
      case 'Devices.DeviceActivated': {
        const d = await this.device(decode(events.devices.deviceActivated.v101, e).device, at);
        d.status = 'Active';
        d.activatedAt ??= at;
        b.put(Device, d);
        break;
      }
      case 'Devices.DeviceSuspended': {
        const d = await this.device(decode(events.devices.deviceSuspended.v101, e).device, at);
        d.status = 'Suspended';
        b.put(Device, d);
        break;
      }
      case 'Devices.OperatorSet': {
        const v = decode(events.devices.operatorSet.v101, e);
        const d = await this.device(v.device, at);
        d.operator = v.operator == null ? null : address(v.operator);
        b.put(Device, d);
        break;
      }
      case 'Devices.DeviceTransferred': {
        const v = decode(events.devices.deviceTransferred.v101, e);
        const d = await this.device(v.device, at);
        d.owner = address(v.to);
        b.put(Device, d);
        b.put(DeviceTransfer, new DeviceTransfer({ id: e.id, device: d, from: address(v.from), to: d.owner, block: at, timestamp: ts(block) }));
        break;
      }
      case 'Devices.RewardRouteSet': {
        const v = decode(events.devices.rewardRouteSet.v101, e);
        const d = await this.device(v.device, at);
        d.route = v.route.map((leg) => ({ beneficiary: beneficiary(leg.beneficiary), share: leg.share }));
        b.put(Device, d);
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
        }
        break;
      }
      case 'Attestations.ChallengeResolved': {
        // A fraud ruling changes the record's points: read it again.
        const v = decode(events.attestations.challengeResolved.v101, e);
        const record = await storage.attestations.reports.v101.get(block, v.epoch, v.device);
        const row = await b.get(DeviceRecord, `${v.device}-${v.epoch}`);
        if (record && row) b.put(DeviceRecord, deviceRecordRow(row, row.device, v.epoch, record, block));
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
        const id = `${v.deployment}-${v.device}-${at}`;
        b.put(DeploymentMember, new DeploymentMember({ id, deployment: await b.must(Deployment, String(v.deployment), at), device: await this.device(v.device, at), joinedAt: at, leftAt: null }));
        break;
      }
      case 'Deployments.DeviceLeft': {
        const v = decode(events.deployments.deviceLeft.v101, e);
        const member = `${v.deployment}-${v.device}-`;
        const open = b.rowsOf(DeploymentMember).find((m) => m.id.startsWith(member) && m.leftAt == null) ??
          (await b.store.findOneBy(DeploymentMember, { deployment: { id: String(v.deployment) }, device: { id: String(v.device) }, leftAt: IsNull() }));
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
      case 'Council.Disapproved': {
        const m = await this.motion(decode(events.council.disapproved.v101, e).proposalHash, at);
        m.status = 'Disapproved';
        m.closedAt = at;
        break;
      }
      case 'Council.Executed': {
        const v = decode(events.council.executed.v101, e);
        const m = await this.motion(v.proposalHash, at);
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
        m.closedAt ??= at;
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
        const r = await this.referendum(v.index, at);
        r.status = 'Confirmed';
        r.ayes = v.tally.ayes;
        r.nays = v.tally.nays;
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

  private async motion(hash: string, at: number): Promise<Motion> {
    // A hash is proposed again once its motion closed: the newest motion of the hash is meant.
    const newest = (rows: Motion[]) => rows.filter((m) => m.hash === hash).sort((x, y) => y.index - x.index)[0];
    const row = newest(this.b.rowsOf(Motion)) ??
      newest(await this.b.store.find(Motion, { where: { hash }, order: { index: 'DESC' }, take: 1 }));
    if (!row) throw new Error(`motion ${hash} is not indexed, yet an event at block ${at} refers to it`);
    return this.b.put(Motion, (await this.b.get(Motion, row.id))!);
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
      Promise.all(vaults.map((v) => depin<VaultView>(this.ctx, block, 'vault', [Number(v.id)]))),
      Promise.all(deployments.map((d) => depin<KpiView>(this.ctx, block, 'deploymentKpis', [Number(d.id)]))),
      Promise.all(blueprints.map((bp) => depin<KpiView>(this.ctx, block, 'blueprintKpis', [Number(bp.id)]))),
    ]);
    vaults.forEach((vault, i) => {
      const v = vs[i];
      const nav = big(v.nav);
      const supply = big(v.shareSupply);
      this.b.put(VaultSnapshot, new VaultSnapshot({
        id: `${vault.id}-${epoch}`, vault, epoch, block: at, nav, redemptionNav: big(v.redemptionNav), shareSupply: supply,
        sharePrice: supply === 0n ? BigDecimal(0) : BigDecimal(nav.toString()).div(supply.toString()),
        liquid: big(v.liquid), unpaidYield: big(v.unpaidYield), devices: v.devices.length,
      }));
    });
    deployments.forEach((d, i) => {
      this.b.put(DeploymentKpi, new DeploymentKpi({ id: `${d.id}-${epoch}`, deployment: d, epoch, block: at, kpis: kpis(ds[i]) }));
    });
    blueprints.forEach((bp, i) => {
      this.b.put(BlueprintKpi, new BlueprintKpi({ id: `${bp.id}-${epoch}`, blueprint: bp, epoch, block: at, kpis: kpis(bs[i]) }));
    });
  }

  /** Every row of `cls`: the database's, overlaid with this batch's. */
  private async all<E extends { id: string }>(cls: { new (p?: Partial<E>): E; name: string }): Promise<E[]> {
    const rows = new Map<string, E>();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    for (const r of (await this.b.store.find(cls as any)) as E[]) rows.set(r.id, (await this.b.get(cls, r.id)) ?? r);
    for (const r of this.b.rowsOf(cls)) rows.set(r.id, r);
    return [...rows.values()];
  }
}
