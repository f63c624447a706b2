import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, JSONColumn as JSONColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {Referendum} from "./referendum.model"

@Entity_()
export class ReferendumVote {
    constructor(props?: Partial<ReferendumVote>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Referendum, {nullable: true})
    referendum!: Referendum

    @Index_()
    @StringColumn_({nullable: false})
    who!: string

    @JSONColumn_({nullable: false})
    vote!: unknown

    @IntColumn_({nullable: false})
    block!: number
}
