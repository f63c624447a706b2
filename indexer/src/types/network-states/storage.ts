import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'

export const nextStateId =  {
    /**
     *  The id the next registered state gets.
     */
    v101: new StorageType('NetworkStates.NextStateId', 'Default', [], sts.number()) as NextStateIdV101,
}

/**
 *  The id the next registered state gets.
 */
export interface NextStateIdV101  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): number
    get(block: Block): Promise<(number | undefined)>
}
