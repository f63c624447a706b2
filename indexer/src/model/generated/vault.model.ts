import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {NetworkState} from "./networkState.model"
import {VaultFlow} from "./vaultFlow.model"
import {VaultSnapshot} from "./vaultSnapshot.model"
import {VaultProposal} from "./vaultProposal.model"

/**
 * A vault that pools reward streams.
 */
@Entity_()
export class Vault {
    constructor(props?: Partial<Vault>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => NetworkState, {nullable: true})
    state!: NetworkState

    @StringColumn_({nullable: false})
    name!: string

    @StringColumn_({nullable: false})
    creator!: string

    @BigIntColumn_({nullable: false})
    shareAsset!: bigint

    @StringColumn_({nullable: false})
    account!: string

    @IntColumn_({nullable: false})
    createdAt!: number

    @OneToMany_(() => VaultFlow, e => e.vault)
    flows!: VaultFlow[]

    @OneToMany_(() => VaultSnapshot, e => e.vault)
    snapshots!: VaultSnapshot[]

    @OneToMany_(() => VaultProposal, e => e.vault)
    proposals!: VaultProposal[]
}
