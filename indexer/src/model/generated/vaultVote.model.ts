import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {VaultProposal} from "./vaultProposal.model"

@Entity_()
export class VaultVote {
    constructor(props?: Partial<VaultVote>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => VaultProposal, {nullable: true})
    proposal!: VaultProposal

    @Index_()
    @StringColumn_({nullable: false})
    who!: string

    @BooleanColumn_({nullable: false})
    aye!: boolean

    @BigIntColumn_({nullable: false})
    shares!: bigint

    @IntColumn_({nullable: false})
    block!: number
}
