import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {NetworkState} from "./networkState.model"

/**
 * A change in a state's standing, admin or roles.
 */
@Entity_()
export class StateChange {
    constructor(props?: Partial<StateChange>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => NetworkState, {nullable: true})
    state!: NetworkState

    /**
     * The event's name: StateAdmitted, RoleGranted, AdminTransferred, ...
     */
    @StringColumn_({nullable: false})
    kind!: string

    /**
     * Who it concerns (the new admin, the role holder), if anyone.
     */
    @StringColumn_({nullable: true})
    who!: string | undefined | null

    /**
     * The role granted or revoked.
     */
    @StringColumn_({nullable: true})
    role!: string | undefined | null

    @Index_()
    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date
}
