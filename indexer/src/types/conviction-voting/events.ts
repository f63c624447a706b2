import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v101 from '../v101'

export const voted =  {
    name: 'ConvictionVoting.Voted',
    /**
     * An account has voted
     */
    v101: new EventType(
        'ConvictionVoting.Voted',
        sts.struct({
            who: v101.AccountId32,
            vote: v101.AccountVote,
            pollIndex: sts.number(),
        })
    ),
}
