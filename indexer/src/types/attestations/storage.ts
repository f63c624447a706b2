import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v101 from '../v101'

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
