import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, JSONColumn as JSONColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"
import {NetworkState} from "./networkState.model"

/**
 * A co-use agreement between two states.
 */
@Entity_()
export class Agreement {
    constructor(props?: Partial<Agreement>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => NetworkState, {nullable: true})
    host!: NetworkState

    @Index_()
    @ManyToOne_(() => NetworkState, {nullable: true})
    guest!: NetworkState

    @JSONColumn_({nullable: false})
    scope!: unknown

    /**
     * The host's share of rewards, parts per billion.
     */
    @IntColumn_({nullable: false})
    hostShare!: number

    @BigIntColumn_({nullable: false})
    ends!: bigint

    @IntColumn_({nullable: false})
    grantedAt!: number

    /**
     * When it was ended early (and by which state) or expired.
     */
    @IntColumn_({nullable: true})
    endedAt!: number | undefined | null

    @StringColumn_({nullable: true})
    endedBy!: string | undefined | null

    @BooleanColumn_({nullable: false})
    expired!: boolean
}
