import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v101 from '../v101'

export const epochClosed =  {
    name: 'Attestations.EpochClosed',
    /**
     * An epoch closed; its totals are fixed.
     */
    v101: new EventType(
        'Attestations.EpochClosed',
        sts.struct({
            /**
             * The epoch.
             */
            epoch: sts.number(),
            /**
             * Points and reporting devices per class, in `DeviceClass::ALL` order.
             */
            totals: sts.array(() => v101.ClassTotal),
        })
    ),
}

export const challengeResolved =  {
    name: 'Attestations.ChallengeResolved',
    /**
     * Governance resolved a challenge.
     */
    v101: new EventType(
        'Attestations.ChallengeResolved',
        sts.struct({
            /**
             * The epoch.
             */
            epoch: sts.number(),
            /**
             * The device.
             */
            device: sts.bigint(),
            /**
             * Whether the report was fraudulent.
             */
            fraudulent: sts.boolean(),
            /**
             * What the owner was fined (fraudulent), or the challengers' bonds it was paid
             * (honest).
             */
            fined: sts.bigint(),
            /**
             * What the winners were paid: the challengers' bounty out of the fine, or the bonds
             * paid to the owner.
             */
            paid: sts.bigint(),
        })
    ),
}
