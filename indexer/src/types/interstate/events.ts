import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v101 from '../v101'

export const usageGranted =  {
    name: 'Interstate.UsageGranted',
    /**
     * A host state granted a recognised state usage rights.
     */
    v101: new EventType(
        'Interstate.UsageGranted',
        sts.struct({
            /**
             * The agreement.
             */
            agreement: sts.number(),
            /**
             * The state whose infrastructure is used.
             */
            host: sts.number(),
            /**
             * The state whose citizens may use it.
             */
            guest: sts.number(),
            /**
             * What may be used.
             */
            scope: v101.UsageScope,
            /**
             * The share of the covered devices' rewards that goes to the host's pool.
             */
            hostShare: v101.Perbill,
            /**
             * The block it ends.
             */
            ends: sts.number(),
        })
    ),
}

export const agreementExtended =  {
    name: 'Interstate.AgreementExtended',
    /**
     * An agreement runs longer.
     */
    v101: new EventType(
        'Interstate.AgreementExtended',
        sts.struct({
            /**
             * The agreement.
             */
            agreement: sts.number(),
            /**
             * The block it now ends.
             */
            ends: sts.number(),
        })
    ),
}

export const agreementEnded =  {
    name: 'Interstate.AgreementEnded',
    /**
     * An agreement was ended early by one of its states.
     */
    v101: new EventType(
        'Interstate.AgreementEnded',
        sts.struct({
            /**
             * The agreement.
             */
            agreement: sts.number(),
            /**
             * The state that ended it.
             */
            by: sts.number(),
        })
    ),
}

export const agreementExpired =  {
    name: 'Interstate.AgreementExpired',
    /**
     * An agreement ran out and was removed; its deposit returned.
     */
    v101: new EventType(
        'Interstate.AgreementExpired',
        sts.struct({
            /**
             * The agreement.
             */
            agreement: sts.number(),
        })
    ),
}
