import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import * as marshal from "./marshal"
import {Blueprint} from "./blueprint.model"
import {Kpis} from "./_kpis"

/**
 * A blueprint's KPIs (source and adoptions summed) at the end of the block an epoch was funded in.
 */
@Index_(["blueprint", "epoch"], {unique: true})
@Entity_()
export class BlueprintKpi {
    constructor(props?: Partial<BlueprintKpi>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @ManyToOne_(() => Blueprint, {nullable: true})
    blueprint!: Blueprint

    @Index_()
    @IntColumn_({nullable: false})
    epoch!: number

    @IntColumn_({nullable: false})
    block!: number

    @Column_("jsonb", {transformer: {to: obj => obj.toJSON(), from: obj => obj == null ? undefined : new Kpis(undefined, obj)}, nullable: false})
    kpis!: Kpis
}
