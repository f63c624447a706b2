import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v101 from '../v101'

export const epochFunded =  {
    name: 'Rewards.EpochFunded',
    /**
     * An epoch's emission was minted and split across classes.
     */
    v101: new EventType(
        'Rewards.EpochFunded',
        sts.struct({
            /**
             * The epoch.
             */
            epoch: sts.number(),
            /**
             * Minted for devices and for the treasury.
             */
            minted: v101.Emission,
            /**
             * Each class's budget (compute, connectivity, energy, sensing).
             */
            classBudgets: sts.array(() => sts.bigint()),
            /**
             * The verifiers' budget.
             */
            verifierBudget: sts.bigint(),
        })
    ),
}

export const circuitBreakerTripped =  {
    name: 'Rewards.CircuitBreakerTripped',
    /**
     * An epoch asked for more than the breaker allows: nothing was minted.
     */
    v101: new EventType(
        'Rewards.CircuitBreakerTripped',
        sts.struct({
            /**
             * The epoch.
             */
            epoch: sts.number(),
            /**
             * What the policy asked for.
             */
            requested: sts.bigint(),
            /**
             * The most the breaker allows.
             */
            limit: sts.bigint(),
        })
    ),
}

export const rewardSettled =  {
    name: 'Rewards.RewardSettled',
    /**
     * A device's reward for an epoch was settled (its receipt).
     */
    v101: new EventType(
        'Rewards.RewardSettled',
        sts.struct({
            /**
             * The device.
             */
            device: sts.bigint(),
            /**
             * The epoch.
             */
            epoch: sts.number(),
            /**
             * Its class.
             */
            class: v101.DeviceClass,
            /**
             * Its points.
             */
            points: sts.bigint(),
            /**
             * Its class's total points.
             */
            classTotal: sts.bigint(),
            /**
             * The ATH it earned.
             */
            amount: sts.bigint(),
        })
    ),
}

export const rewardPaid =  {
    name: 'Rewards.RewardPaid',
    /**
     * A settled amount was paid to one leg of a device's route.
     */
    v101: new EventType(
        'Rewards.RewardPaid',
        sts.struct({
            /**
             * The device.
             */
            device: sts.bigint(),
            /**
             * The leg (after any fallback to the owner).
             */
            beneficiary: v101.Beneficiary,
            /**
             * The account or vault credited.
             */
            amount: sts.bigint(),
        })
    ),
}

export const breakerResolved =  {
    name: 'Rewards.BreakerResolved',
    /**
     * Governance released a halted epoch.
     */
    v101: new EventType(
        'Rewards.BreakerResolved',
        sts.struct({
            /**
             * The epoch.
             */
            epoch: sts.number(),
            /**
             * What was minted.
             */
            minted: v101.Emission,
        })
    ),
}
