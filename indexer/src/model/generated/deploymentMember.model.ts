import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {Deployment} from "./deployment.model"
import {Device} from "./device.model"

/**
 * A device's membership of a deployment.
 */
@Entity_()
export class DeploymentMember {
    constructor(props?: Partial<DeploymentMember>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Deployment, {nullable: true})
    deployment!: Deployment

    @Index_()
    @ManyToOne_(() => Device, {nullable: true})
    device!: Device

    @IntColumn_({nullable: false})
    joinedAt!: number

    @IntColumn_({nullable: true})
    leftAt!: number | undefined | null
}
