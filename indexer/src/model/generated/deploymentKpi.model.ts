import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import * as marshal from "./marshal"
import {Deployment} from "./deployment.model"
import {Kpis} from "./_kpis"

/**
 * A deployment's KPIs at the end of the block an epoch was funded in.
 */
@Index_(["deployment", "epoch"], {unique: true})
@Entity_()
export class DeploymentKpi {
    constructor(props?: Partial<DeploymentKpi>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @ManyToOne_(() => Deployment, {nullable: true})
    deployment!: Deployment

    @Index_()
    @IntColumn_({nullable: false})
    epoch!: number

    @IntColumn_({nullable: false})
    block!: number

    @Column_("jsonb", {transformer: {to: obj => obj.toJSON(), from: obj => obj == null ? undefined : new Kpis(undefined, obj)}, nullable: false})
    kpis!: Kpis
}
