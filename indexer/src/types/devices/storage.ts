import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v101 from '../v101'

export const devices =  {
    /**
     *  Registered devices.
     */
    v101: new StorageType('Devices.Devices', 'Optional', [sts.bigint()], v101.Device) as DevicesV101,
}

/**
 *  Registered devices.
 */
export interface DevicesV101  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: bigint): Promise<(v101.Device | undefined)>
    getMany(block: Block, keys: bigint[]): Promise<(v101.Device | undefined)[]>
    getKeys(block: Block): Promise<bigint[]>
    getKeys(block: Block, key: bigint): Promise<bigint[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<bigint[]>
    getKeysPaged(pageSize: number, block: Block, key: bigint): AsyncIterable<bigint[]>
    getPairs(block: Block): Promise<[k: bigint, v: (v101.Device | undefined)][]>
    getPairs(block: Block, key: bigint): Promise<[k: bigint, v: (v101.Device | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: bigint, v: (v101.Device | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: bigint): AsyncIterable<[k: bigint, v: (v101.Device | undefined)][]>
}

export const rewardRoutes =  {
    /**
     *  Reward routes owners set; a device without one routes everything to its owner.
     */
    v101: new StorageType('Devices.RewardRoutes', 'Optional', [sts.bigint()], sts.array(() => v101.RouteShare)) as RewardRoutesV101,
}

/**
 *  Reward routes owners set; a device without one routes everything to its owner.
 */
export interface RewardRoutesV101  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: bigint): Promise<(v101.RouteShare[] | undefined)>
    getMany(block: Block, keys: bigint[]): Promise<(v101.RouteShare[] | undefined)[]>
    getKeys(block: Block): Promise<bigint[]>
    getKeys(block: Block, key: bigint): Promise<bigint[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<bigint[]>
    getKeysPaged(pageSize: number, block: Block, key: bigint): AsyncIterable<bigint[]>
    getPairs(block: Block): Promise<[k: bigint, v: (v101.RouteShare[] | undefined)][]>
    getPairs(block: Block, key: bigint): Promise<[k: bigint, v: (v101.RouteShare[] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: bigint, v: (v101.RouteShare[] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: bigint): AsyncIterable<[k: bigint, v: (v101.RouteShare[] | undefined)][]>
}
