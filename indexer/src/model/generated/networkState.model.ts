import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, JSONColumn as JSONColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Device} from "./device.model"
import {StateChange} from "./stateChange.model"

/**
 * A network state and its standing.
 */
@Entity_()
export class NetworkState {
    constructor(props?: Partial<NetworkState>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @StringColumn_({nullable: false})
    name!: string

    @Index_()
    @StringColumn_({nullable: false})
    admin!: string

    /**
     * Active or Suspended as the chain says; Rejected or Deregistered once it is gone.
     */
    @StringColumn_({nullable: false})
    status!: string

    /**
     * Where it stands in admission, as `depin_networkState` says (applicant, on probation, established).
     */
    @JSONColumn_({nullable: true})
    admission!: unknown | undefined | null

    /**
     * The admission bond posted.
     */
    @BigIntColumn_({nullable: false})
    bond!: bigint

    @IntColumn_({nullable: false})
    registeredAt!: number

    /**
     * The block probation ends at, once admitted.
     */
    @IntColumn_({nullable: true})
    probationUntil!: number | undefined | null

    @OneToMany_(() => Device, e => e.state)
    devices!: Device[]

    @OneToMany_(() => StateChange, e => e.state)
    history!: StateChange[]
}
