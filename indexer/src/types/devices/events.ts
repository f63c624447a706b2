import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v101 from '../v101'

export const deviceRegistered =  {
    name: 'Devices.DeviceRegistered',
    /**
     * A device registered and waits for activation.
     */
    v101: new EventType(
        'Devices.DeviceRegistered',
        sts.struct({
            /**
             * Its id.
             */
            device: sts.bigint(),
            /**
             * Its owner.
             */
            owner: v101.AccountId32,
            /**
             * Its network state.
             */
            state: sts.number(),
            /**
             * Its class.
             */
            class: v101.DeviceClass,
            /**
             * Its key.
             */
            key: v101.DeviceKey,
            /**
             * The deposit held from the owner.
             */
            deposit: sts.bigint(),
            /**
             * Whether it carries a certificate of a registered maker.
             */
            makerAttested: sts.boolean(),
        })
    ),
}

export const deviceActivated =  {
    name: 'Devices.DeviceActivated',
    /**
     * A steward activated a device.
     */
    v101: new EventType(
        'Devices.DeviceActivated',
        sts.struct({
            /**
             * The device.
             */
            device: sts.bigint(),
            /**
             * The steward or admin.
             */
            by: v101.AccountId32,
        })
    ),
}

export const deviceSuspended =  {
    name: 'Devices.DeviceSuspended',
    /**
     * A steward suspended a device.
     */
    v101: new EventType(
        'Devices.DeviceSuspended',
        sts.struct({
            /**
             * The device.
             */
            device: sts.bigint(),
            /**
             * The steward or admin.
             */
            by: v101.AccountId32,
        })
    ),
}

export const operatorSet =  {
    name: 'Devices.OperatorSet',
    /**
     * The owner appointed (or removed, when `None`) a device's operator.
     */
    v101: new EventType(
        'Devices.OperatorSet',
        sts.struct({
            /**
             * The device.
             */
            device: sts.bigint(),
            /**
             * The new operator.
             */
            operator: sts.option(() => v101.AccountId32),
        })
    ),
}

export const deviceTransferred =  {
    name: 'Devices.DeviceTransferred',
    /**
     * A device changed owner; its operator and reward route were reset.
     */
    v101: new EventType(
        'Devices.DeviceTransferred',
        sts.struct({
            /**
             * The device.
             */
            device: sts.bigint(),
            /**
             * The previous owner.
             */
            from: v101.AccountId32,
            /**
             * The new owner.
             */
            to: v101.AccountId32,
        })
    ),
}

export const rewardRouteSet =  {
    name: 'Devices.RewardRouteSet',
    /**
     * The owner set a device's reward route.
     */
    v101: new EventType(
        'Devices.RewardRouteSet',
        sts.struct({
            /**
             * The device.
             */
            device: sts.bigint(),
            /**
             * The route.
             */
            route: sts.array(() => v101.RouteShare),
        })
    ),
}

export const deviceDecommissioned =  {
    name: 'Devices.DeviceDecommissioned',
    /**
     * A device was decommissioned and removed; its deposit was returned.
     */
    v101: new EventType(
        'Devices.DeviceDecommissioned',
        sts.struct({
            /**
             * The device.
             */
            device: sts.bigint(),
            /**
             * Whether governance forced it.
             */
            forced: sts.boolean(),
            /**
             * Whether its key is banned from registering again.
             */
            keyBanned: sts.boolean(),
            /**
             * The deposit returned to its depositor.
             */
            depositReturned: sts.bigint(),
        })
    ),
}

export const depositSlashed =  {
    name: 'Devices.DepositSlashed',
    /**
     * Part of a device's deposit was slashed for proven fraud.
     */
    v101: new EventType(
        'Devices.DepositSlashed',
        sts.struct({
            /**
             * The device.
             */
            device: sts.bigint(),
            /**
             * The amount taken.
             */
            amount: sts.bigint(),
        })
    ),
}
