import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import * as marshal from "./marshal"
import {Device} from "./device.model"
import {Metrics} from "./_metrics"

/**
 * A device in one epoch: what it reported, what was verified, its points and its reward receipt.
 */
@Index_(["device", "epoch"], {unique: true})
@Entity_()
export class DeviceRecord {
    constructor(props?: Partial<DeviceRecord>) {
        Object.assign(this, props)
    }

    /**
     * `<device>-<epoch>`
     */
    @PrimaryColumn_()
    id!: string

    @ManyToOne_(() => Device, {nullable: true})
    device!: Device

    @Index_()
    @IntColumn_({nullable: false})
    epoch!: number

    @StringColumn_({nullable: false})
    class!: string

    /**
     * What its key signed.
     */
    @Column_("jsonb", {transformer: {to: obj => obj.toJSON(), from: obj => obj == null ? undefined : new Metrics(undefined, obj)}, nullable: false})
    reported!: Metrics

    /**
     * What counts: the report capped by the verifier quorum's median (without a quorum, uptime only).
     */
    @Column_("jsonb", {transformer: {to: obj => obj.toJSON(), from: obj => obj == null ? undefined : new Metrics(undefined, obj)}, nullable: false})
    verified!: Metrics

    /**
     * Whether a quorum of its assigned verifiers agreed.
     */
    @BooleanColumn_({nullable: false})
    quorum!: boolean

    /**
     * Points when the epoch closed.
     */
    @BigIntColumn_({nullable: false})
    points!: bigint

    /**
     * Whether governance ruled the report fraudulent (its points are then zero).
     */
    @BooleanColumn_({nullable: false})
    fraudulent!: boolean

    /**
     * The block the epoch closed in.
     */
    @IntColumn_({nullable: false})
    closedAt!: number

    /**
     * The receipt, once the reward is settled: points paid on, the class's total and the amount.
     */
    @BigIntColumn_({nullable: true})
    settledPoints!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    classTotal!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    reward!: bigint | undefined | null

    @IntColumn_({nullable: true})
    settledAt!: number | undefined | null
}
