import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {NetworkState} from "./networkState.model"
import {Blueprint} from "./blueprint.model"
import {DeploymentMember} from "./deploymentMember.model"
import {DeploymentKpi} from "./deploymentKpi.model"

/**
 * A deployment of a state's devices.
 */
@Entity_()
export class Deployment {
    constructor(props?: Partial<Deployment>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => NetworkState, {nullable: true})
    state!: NetworkState

    @StringColumn_({nullable: false})
    createdBy!: string

    @IntColumn_({nullable: false})
    createdAt!: number

    @IntColumn_({nullable: true})
    closedAt!: number | undefined | null

    /**
     * The blueprint it adopted, if any.
     */
    @Index_()
    @ManyToOne_(() => Blueprint, {nullable: true})
    blueprint!: Blueprint | undefined | null

    @OneToMany_(() => DeploymentMember, e => e.deployment)
    members!: DeploymentMember[]

    @OneToMany_(() => DeploymentKpi, e => e.deployment)
    kpis!: DeploymentKpi[]
}
