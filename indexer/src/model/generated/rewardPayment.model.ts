import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Device} from "./device.model"

/**
 * A payment of a device's reward to one leg of its route.
 */
@Entity_()
export class RewardPayment {
    constructor(props?: Partial<RewardPayment>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Device, {nullable: true})
    device!: Device

    /**
     * Owner, Stake, CommunityPool, `Account:<address>` or `Vault:<id>`.
     */
    @StringColumn_({nullable: false})
    beneficiary!: string

    @BigIntColumn_({nullable: false})
    amount!: bigint

    @Index_()
    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date
}
