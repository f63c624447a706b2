import {BigDecimal} from "@subsquid/big-decimal"
import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, BigDecimalColumn as BigDecimalColumn_} from "@subsquid/typeorm-store"
import {Vault} from "./vault.model"

/**
 * A vault's value when an epoch was funded, as `depin_vault` reads it at the end of that block.
 */
@Index_(["vault", "epoch"], {unique: true})
@Entity_()
export class VaultSnapshot {
    constructor(props?: Partial<VaultSnapshot>) {
        Object.assign(this, props)
    }

    /**
     * `<vault>-<epoch>`
     */
    @PrimaryColumn_()
    id!: string

    @ManyToOne_(() => Vault, {nullable: true})
    vault!: Vault

    @Index_()
    @IntColumn_({nullable: false})
    epoch!: number

    @IntColumn_({nullable: false})
    block!: number

    @BigIntColumn_({nullable: false})
    nav!: bigint

    @BigIntColumn_({nullable: false})
    redemptionNav!: bigint

    @BigIntColumn_({nullable: false})
    shareSupply!: bigint

    /**
     * NAV per share.
     */
    @BigDecimalColumn_({nullable: false})
    sharePrice!: BigDecimal

    @BigIntColumn_({nullable: false})
    liquid!: bigint

    @BigIntColumn_({nullable: false})
    unpaidYield!: bigint

    @IntColumn_({nullable: false})
    devices!: number
}
