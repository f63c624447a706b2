import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v101 from '../v101'

export const epochs =  {
    /**
     *  Per-epoch summaries: class totals, closed flag, open challenges.
     */
    v101: new StorageType('Attestations.Epochs', 'Default', [sts.number()], v101.EpochSummary) as EpochsV101,
}

/**
 *  Per-epoch summaries: class totals, closed flag, open challenges.
 */
export interface EpochsV101  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): v101.EpochSummary
    get(block: Block, key: number): Promise<(v101.EpochSummary | undefined)>
    getMany(block: Block, keys: number[]): Promise<(v101.EpochSummary | undefined)[]>
    getKeys(block: Block): Promise<number[]>
    getKeys(block: Block, key: number): Promise<number[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<number[]>
    getKeysPaged(pageSize: number, block: Block, key: number): AsyncIterable<number[]>
    getPairs(block: Block): Promise<[k: number, v: (v101.EpochSummary | undefined)][]>
    getPairs(block: Block, key: number): Promise<[k: number, v: (v101.EpochSummary | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: number, v: (v101.EpochSummary | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: number): AsyncIterable<[k: number, v: (v101.EpochSummary | undefined)][]>
}

export const reports =  {
    /**
     *  Each device's record per epoch.
     */
    v101: new StorageType('Attestations.Reports', 'Optional', [sts.number(), sts.bigint()], v101.DeviceRecord) as ReportsV101,
}

/**
 *  Each device's record per epoch.
 */
export interface ReportsV101  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key1: number, key2: bigint): Promise<(v101.DeviceRecord | undefined)>
    getMany(block: Block, keys: [number, bigint][]): Promise<(v101.DeviceRecord | undefined)[]>
    getKeys(block: Block): Promise<[number, bigint][]>
    getKeys(block: Block, key1: number): Promise<[number, bigint][]>
    getKeys(block: Block, key1: number, key2: bigint): Promise<[number, bigint][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[number, bigint][]>
    getKeysPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[number, bigint][]>
    getKeysPaged(pageSize: number, block: Block, key1: number, key2: bigint): AsyncIterable<[number, bigint][]>
    getPairs(block: Block): Promise<[k: [number, bigint], v: (v101.DeviceRecord | undefined)][]>
    getPairs(block: Block, key1: number): Promise<[k: [number, bigint], v: (v101.DeviceRecord | undefined)][]>
    getPairs(block: Block, key1: number, key2: bigint): Promise<[k: [number, bigint], v: (v101.DeviceRecord | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [number, bigint], v: (v101.DeviceRecord | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[k: [number, bigint], v: (v101.DeviceRecord | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number, key2: bigint): AsyncIterable<[k: [number, bigint], v: (v101.DeviceRecord | undefined)][]>
}
