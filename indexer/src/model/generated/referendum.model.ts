import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {ReferendumVote} from "./referendumVote.model"

/**
 * A referendum.
 */
@Entity_()
export class Referendum {
    constructor(props?: Partial<Referendum>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @IntColumn_({nullable: false})
    index!: number

    @IntColumn_({nullable: false})
    track!: number

    /**
     * Submitted, Deciding, Approved (confirmed), Rejected, TimedOut, Cancelled or Killed, as the chain's referendum info says.
     */
    @StringColumn_({nullable: false})
    status!: string

    @IntColumn_({nullable: false})
    submittedAt!: number

    @IntColumn_({nullable: true})
    decidingAt!: number | undefined | null

    @IntColumn_({nullable: true})
    endedAt!: number | undefined | null

    /**
     * The final tally, once ended.
     */
    @BigIntColumn_({nullable: true})
    ayes!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    nays!: bigint | undefined | null

    @OneToMany_(() => ReferendumVote, e => e.referendum)
    votes!: ReferendumVote[]
}
