import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, JSONColumn as JSONColumn_, BigIntColumn as BigIntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Vault} from "./vault.model"
import {VaultVote} from "./vaultVote.model"

/**
 * A vault holders' proposal.
 */
@Entity_()
export class VaultProposal {
    constructor(props?: Partial<VaultProposal>) {
        Object.assign(this, props)
    }

    /**
     * `<vault>-<proposal>`
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Vault, {nullable: true})
    vault!: Vault

    @IntColumn_({nullable: false})
    proposal!: number

    @StringColumn_({nullable: false})
    proposer!: string

    @JSONColumn_({nullable: false})
    action!: unknown

    @IntColumn_({nullable: false})
    ends!: number

    /**
     * Open, then the outcome the chain closed it with, or Vetoed.
     */
    @StringColumn_({nullable: false})
    status!: string

    @BigIntColumn_({nullable: true})
    ayes!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    nays!: bigint | undefined | null

    @IntColumn_({nullable: false})
    createdAt!: number

    @OneToMany_(() => VaultVote, e => e.proposal)
    votes!: VaultVote[]
}
