import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, Index as Index_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"
import * as marshal from "./marshal"
import {ClassTotal} from "./_classTotal"

/**
 * An epoch: its closed totals and the emission that funded it.
 */
@Entity_()
export class EpochSummary {
    constructor(props?: Partial<EpochSummary>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @IntColumn_({nullable: false})
    index!: number

    @IntColumn_({nullable: true})
    closedAt!: number | undefined | null

    @Column_("jsonb", {transformer: {to: obj => obj == null ? undefined : obj.map((val: any) => val.toJSON()), from: obj => obj == null ? undefined : marshal.fromList(obj, val => new ClassTotal(undefined, marshal.nonNull(val)))}, nullable: true})
    totals!: (ClassTotal)[] | undefined | null

    @IntColumn_({nullable: true})
    fundedAt!: number | undefined | null

    /**
     * Minted for the devices and verifiers.
     */
    @BigIntColumn_({nullable: true})
    mintedDepin!: bigint | undefined | null

    /**
     * Minted for the treasury.
     */
    @BigIntColumn_({nullable: true})
    mintedTreasury!: bigint | undefined | null

    /**
     * Each class's budget.
     */
    @BigIntColumn_({nullable: true})
    budgetCompute!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    budgetConnectivity!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    budgetEnergy!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    budgetSensing!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    verifierBudget!: bigint | undefined | null

    /**
     * Set when the circuit breaker held the epoch's emission back.
     */
    @BooleanColumn_({nullable: false})
    breakerTripped!: boolean
}
