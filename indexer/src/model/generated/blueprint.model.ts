import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {NetworkState} from "./networkState.model"
import {Deployment} from "./deployment.model"
import {BlueprintKpi} from "./blueprintKpi.model"

/**
 * A blueprint others can replicate.
 */
@Entity_()
export class Blueprint {
    constructor(props?: Partial<Blueprint>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => NetworkState, {nullable: true})
    state!: NetworkState

    /**
     * The deployment it was published from, if any.
     */
    @IntColumn_({nullable: true})
    source!: number | undefined | null

    @IntColumn_({nullable: false})
    publishedAt!: number

    @IntColumn_({nullable: true})
    retiredAt!: number | undefined | null

    @OneToMany_(() => Deployment, e => e.blueprint)
    adoptions!: Deployment[]

    @OneToMany_(() => BlueprintKpi, e => e.blueprint)
    kpis!: BlueprintKpi[]
}
