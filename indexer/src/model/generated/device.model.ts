import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, ManyToOne as ManyToOne_, BooleanColumn as BooleanColumn_, BigIntColumn as BigIntColumn_, JSONColumn as JSONColumn_, IntColumn as IntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {NetworkState} from "./networkState.model"
import {DeviceTransfer} from "./deviceTransfer.model"
import {DeviceRecord} from "./deviceRecord.model"
import {RewardPayment} from "./rewardPayment.model"

/**
 * A device: its registration, standing, route and history.
 */
@Entity_()
export class Device {
    constructor(props?: Partial<Device>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    owner!: string

    @Index_()
    @ManyToOne_(() => NetworkState, {nullable: true})
    state!: NetworkState

    /**
     * Compute, Connectivity, Energy or Sensing.
     */
    @StringColumn_({nullable: false})
    class!: string

    /**
     * The device key's scheme and public key (`Sr25519:0x…`).
     */
    @StringColumn_({nullable: false})
    key!: string

    /**
     * Pending, Active or Suspended as the chain says; Decommissioned once it is gone.
     */
    @StringColumn_({nullable: false})
    status!: string

    @BooleanColumn_({nullable: false})
    makerAttested!: boolean

    @BigIntColumn_({nullable: false})
    deposit!: bigint

    @StringColumn_({nullable: true})
    operator!: string | undefined | null

    /**
     * Its reward route: `[{beneficiary, share}]`, shares in parts per billion.
     */
    @JSONColumn_({nullable: true})
    route!: unknown | undefined | null

    @IntColumn_({nullable: false})
    registeredAt!: number

    @IntColumn_({nullable: true})
    activatedAt!: number | undefined | null

    @IntColumn_({nullable: true})
    decommissionedAt!: number | undefined | null

    @OneToMany_(() => DeviceTransfer, e => e.device)
    transfers!: DeviceTransfer[]

    @OneToMany_(() => DeviceRecord, e => e.device)
    records!: DeviceRecord[]

    @OneToMany_(() => RewardPayment, e => e.device)
    payments!: RewardPayment[]
}
