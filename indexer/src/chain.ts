// Reads of the chain at a given block, through the node's typed `depin_*` RPC: what events do not
// carry (a vault's NAV, a deployment's KPIs, a state's name) is read as the chain computes it,
// never recomputed here.
import * as ss58 from '@subsquid/ss58';
import type { Ctx, Block } from './processor';
import type { Kpis } from './model';
import { Kpis as KpisObject } from './model';

/** Atlas's SS58 prefix. */
export const SS58_PREFIX = 2432;
const codec = ss58.codec(SS58_PREFIX);

/** An account id (hex, as the processor decodes it) as an Atlas address. */
export function address(hex: string): string {
  return codec.encode(hex);
}

/** The error code of `depin_*` for an object that does not exist (at that block). */
const NOT_FOUND = 4004;

/**
 * `depin_<method>` at `block`, or null when the object does not exist there: the value read is
 * the state at the end of the block, and a later extrinsic of the same block may have removed
 * what an earlier event announced (a state registered and deregistered in one batch).
 */
export async function depinMaybe<T>(ctx: Ctx, block: Block, method: string, params: unknown[]): Promise<T | null> {
  try {
    return await ctx._chain.rpc.call(`depin_${method}`, [...params, block.hash]);
  } catch (e) {
    if ((e as { code?: number }).code === NOT_FOUND) return null;
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`depin_${method}(${params.join(', ')}) at block ${block.height} failed: ${why}. ` +
      'The indexer reads the state of every block it indexes: run the node with --state-pruning archive.');
  }
}

/**
 * `depin_<method>` at `block`, for an object that must exist there. The node must keep the
 * state of the blocks being indexed (run it with `--state-pruning archive`): a pruned block is
 * an error, not a silently missing figure.
 */
export async function depin<T>(ctx: Ctx, block: Block, method: string, params: unknown[]): Promise<T> {
  const found = await depinMaybe<T>(ctx, block, method, params);
  if (found === null) throw new Error(`depin_${method}(${params.join(', ')}) at block ${block.height}: not found, though an event of the block announced it`);
  return found;
}

/** A decimal string (or number) of the RPC as a bigint. */
export const big = (v: string | number | bigint): bigint => BigInt(v);

/** The RPC's `KpiView` as the `Kpis` object of the schema. */
export function kpis(view: KpiView): Kpis {
  const t = view.totals;
  return new KpisObject({
    deviceEpochs: big(t.deviceEpochs),
    uptimeSecs: big(t.uptimeSecs),
    possibleSecs: big(t.possibleSecs),
    bandwidthBytes: big(t.bandwidthBytes),
    energyWh: big(t.energyWh),
    computeUnits: big(t.computeUnits),
    samples: big(t.samples),
    points: big(t.points),
    rewards: big(t.rewards),
    uptimeRatio: Number(view.uptimeRatio),
    devicesActive: Number(view.devicesActive),
  });
}

type Dec = string | number;
/** `depin_deploymentKpis` / `depin_blueprintKpis`. */
export interface KpiView {
  totals: Record<'deviceEpochs' | 'uptimeSecs' | 'possibleSecs' | 'bandwidthBytes' | 'energyWh' | 'computeUnits' | 'samples' | 'points' | 'rewards', Dec>;
  uptimeRatio: Dec;
  devicesActive: Dec;
}

/** The part of `depin_vault` the indexer keeps. */
export interface VaultView {
  name: string;
  nav: Dec;
  redemptionNav: Dec;
  shareSupply: Dec;
  liquid: Dec;
  unpaidYield: Dec;
  devices: unknown[];
}

/** The part of `depin_networkState` the indexer keeps. */
export interface StateView {
  name: string;
  admin: string;
  bond: Dec;
  status: string;
  admission: unknown;
  registeredAt: number;
}
