import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v101 from '../v101'

export const deploymentCreated =  {
    name: 'Deployments.DeploymentCreated',
    /**
     * A deployment was created.
     */
    v101: new EventType(
        'Deployments.DeploymentCreated',
        sts.struct({
            /**
             * The deployment.
             */
            deployment: sts.number(),
            /**
             * Its state.
             */
            state: sts.number(),
            /**
             * Who created it.
             */
            by: v101.AccountId32,
        })
    ),
}

export const deviceJoined =  {
    name: 'Deployments.DeviceJoined',
    /**
     * A device joined a deployment.
     */
    v101: new EventType(
        'Deployments.DeviceJoined',
        sts.struct({
            /**
             * The deployment.
             */
            deployment: sts.number(),
            /**
             * The device.
             */
            device: sts.bigint(),
        })
    ),
}

export const deviceLeft =  {
    name: 'Deployments.DeviceLeft',
    /**
     * A device left a deployment.
     */
    v101: new EventType(
        'Deployments.DeviceLeft',
        sts.struct({
            /**
             * The deployment.
             */
            deployment: sts.number(),
            /**
             * The device.
             */
            device: sts.bigint(),
        })
    ),
}

export const deploymentClosed =  {
    name: 'Deployments.DeploymentClosed',
    /**
     * A deployment was closed; its deposit returned.
     */
    v101: new EventType(
        'Deployments.DeploymentClosed',
        sts.struct({
            /**
             * The deployment.
             */
            deployment: sts.number(),
        })
    ),
}

export const blueprintPublished =  {
    name: 'Deployments.BlueprintPublished',
    /**
     * A state published a blueprint.
     */
    v101: new EventType(
        'Deployments.BlueprintPublished',
        sts.struct({
            /**
             * The blueprint.
             */
            blueprint: sts.number(),
            /**
             * The publishing state.
             */
            state: sts.number(),
            /**
             * The deployment it was drawn from, if any.
             */
            source: sts.option(() => sts.number()),
        })
    ),
}

export const blueprintAdopted =  {
    name: 'Deployments.BlueprintAdopted',
    /**
     * A deployment adopted a blueprint.
     */
    v101: new EventType(
        'Deployments.BlueprintAdopted',
        sts.struct({
            /**
             * The blueprint.
             */
            blueprint: sts.number(),
            /**
             * The adopting deployment.
             */
            deployment: sts.number(),
            /**
             * The adopting state.
             */
            state: sts.number(),
        })
    ),
}

export const blueprintRetired =  {
    name: 'Deployments.BlueprintRetired',
    /**
     * A blueprint nobody adopted was retired; its deposit returned.
     */
    v101: new EventType(
        'Deployments.BlueprintRetired',
        sts.struct({
            /**
             * The blueprint.
             */
            blueprint: sts.number(),
        })
    ),
}
