import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, Index as Index_} from "@subsquid/typeorm-store"

/**
 * A Council of States motion.
 */
@Entity_()
export class Motion {
    constructor(props?: Partial<Motion>) {
        Object.assign(this, props)
    }

    /**
     * Its proposal index, or `direct-<event>` for a member's motion that executed at once (threshold 1).
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: true})
    index!: number | undefined | null

    @Index_()
    @StringColumn_({nullable: false})
    hash!: string

    @StringColumn_({nullable: false})
    proposer!: string

    @IntColumn_({nullable: false})
    threshold!: number

    @IntColumn_({nullable: false})
    ayes!: number

    @IntColumn_({nullable: false})
    nays!: number

    /**
     * Proposed, Approved, Disapproved, Executed or Closed.
     */
    @StringColumn_({nullable: false})
    status!: string

    /**
     * The dispatch result once executed (`Ok` or the error).
     */
    @StringColumn_({nullable: true})
    result!: string | undefined | null

    @IntColumn_({nullable: false})
    proposedAt!: number

    @IntColumn_({nullable: true})
    closedAt!: number | undefined | null
}
