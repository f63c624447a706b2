import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v101 from '../v101'

export const stateRegistered =  {
    name: 'NetworkStates.StateRegistered',
    /**
     * A network state applied for admission (it is registered as an applicant).
     */
    v101: new EventType(
        'NetworkStates.StateRegistered',
        sts.struct({
            /**
             * Its id.
             */
            state: sts.number(),
            /**
             * Its admin.
             */
            admin: v101.AccountId32,
            /**
             * Who paid the deposit and posted the bond.
             */
            depositor: v101.AccountId32,
            /**
             * The admission bond held.
             */
            bond: sts.bigint(),
        })
    ),
}

export const stateAdmitted =  {
    name: 'NetworkStates.StateAdmitted',
    /**
     * Governance admitted an applicant state: it is active and on probation.
     */
    v101: new EventType(
        'NetworkStates.StateAdmitted',
        sts.struct({
            /**
             * The state.
             */
            state: sts.number(),
            /**
             * The first block at which its probation may be concluded.
             */
            probationUntil: sts.number(),
        })
    ),
}

export const stateRejected =  {
    name: 'NetworkStates.StateRejected',
    /**
     * Governance rejected an application; the record is gone.
     */
    v101: new EventType(
        'NetworkStates.StateRejected',
        sts.struct({
            /**
             * The state.
             */
            state: sts.number(),
            /**
             * Who posted the bond.
             */
            depositor: v101.AccountId32,
            /**
             * How much of the bond went to [`Config::Forfeit`] (zero: all of it returned).
             */
            forfeited: sts.bigint(),
        })
    ),
}

export const stateEstablished =  {
    name: 'NetworkStates.StateEstablished',
    /**
     * A state's probation ended: it is established.
     */
    v101: new EventType(
        'NetworkStates.StateEstablished',
        sts.struct({
            /**
             * The state.
             */
            state: sts.number(),
        })
    ),
}

export const stateUpdated =  {
    name: 'NetworkStates.StateUpdated',
    /**
     * A state's name or metadata URI changed.
     */
    v101: new EventType(
        'NetworkStates.StateUpdated',
        sts.struct({
            /**
             * The state.
             */
            state: sts.number(),
        })
    ),
}

export const adminTransferred =  {
    name: 'NetworkStates.AdminTransferred',
    /**
     * A state's admin role changed hands; the deposit moved to the new admin.
     */
    v101: new EventType(
        'NetworkStates.AdminTransferred',
        sts.struct({
            /**
             * The state.
             */
            state: sts.number(),
            /**
             * The previous admin.
             */
            from: v101.AccountId32,
            /**
             * The new admin.
             */
            to: v101.AccountId32,
        })
    ),
}

export const stateDeregistered =  {
    name: 'NetworkStates.StateDeregistered',
    /**
     * A state deregistered (or an applicant withdrew) and its deposit and bond were
     * returned.
     */
    v101: new EventType(
        'NetworkStates.StateDeregistered',
        sts.struct({
            /**
             * The state.
             */
            state: sts.number(),
            /**
             * Who got the deposit back.
             */
            depositor: v101.AccountId32,
        })
    ),
}

export const roleGranted =  {
    name: 'NetworkStates.RoleGranted',
    /**
     * An account received a role in a state.
     */
    v101: new EventType(
        'NetworkStates.RoleGranted',
        sts.struct({
            /**
             * The state.
             */
            state: sts.number(),
            /**
             * The account.
             */
            who: v101.AccountId32,
            /**
             * The role.
             */
            role: v101.Role,
            /**
             * The admin or steward who granted it.
             */
            by: v101.AccountId32,
        })
    ),
}

export const roleRevoked =  {
    name: 'NetworkStates.RoleRevoked',
    /**
     * An account lost a role in a state (revoked, or renounced when `by` is `who`).
     */
    v101: new EventType(
        'NetworkStates.RoleRevoked',
        sts.struct({
            /**
             * The state.
             */
            state: sts.number(),
            /**
             * The account.
             */
            who: v101.AccountId32,
            /**
             * The role.
             */
            role: v101.Role,
            /**
             * Who revoked it.
             */
            by: v101.AccountId32,
        })
    ),
}

export const stateSuspended =  {
    name: 'NetworkStates.StateSuspended',
    /**
     * Governance suspended a state.
     */
    v101: new EventType(
        'NetworkStates.StateSuspended',
        sts.struct({
            /**
             * The state.
             */
            state: sts.number(),
        })
    ),
}

export const stateRestored =  {
    name: 'NetworkStates.StateRestored',
    /**
     * Governance restored a suspended state.
     */
    v101: new EventType(
        'NetworkStates.StateRestored',
        sts.struct({
            /**
             * The state.
             */
            state: sts.number(),
        })
    ),
}
