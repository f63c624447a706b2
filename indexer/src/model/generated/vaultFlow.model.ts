import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Vault} from "./vault.model"

/**
 * Value in or out of a vault.
 */
@Entity_()
export class VaultFlow {
    constructor(props?: Partial<VaultFlow>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Vault, {nullable: true})
    vault!: Vault

    /**
     * Seed, Deposit, Redeem, Yield, Spend; a purchase's Escrowed (out of the liquid funds), VendorPaid (out of escrow) or Refunded (back).
     */
    @StringColumn_({nullable: false})
    kind!: string

    /**
     * The depositor, redeemer or recipient (none for yield).
     */
    @StringColumn_({nullable: true})
    who!: string | undefined | null

    @BigIntColumn_({nullable: false})
    amount!: bigint

    /**
     * Shares minted or burnt (deposits, redemptions).
     */
    @BigIntColumn_({nullable: true})
    shares!: bigint | undefined | null

    @Index_()
    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date
}
