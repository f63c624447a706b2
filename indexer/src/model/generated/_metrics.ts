import assert from "assert"
import * as marshal from "./marshal"

/**
 * What a device delivered in one epoch.
 */
export class Metrics {
    private _uptimeSecs!: number
    private _bandwidthBytes!: bigint
    private _energyWh!: number
    private _computeUnits!: number
    private _samples!: number

    constructor(props?: Partial<Omit<Metrics, 'toJSON'>>, json?: any) {
        Object.assign(this, props)
        if (json != null) {
            this._uptimeSecs = marshal.int.fromJSON(json.uptimeSecs)
            this._bandwidthBytes = marshal.bigint.fromJSON(json.bandwidthBytes)
            this._energyWh = marshal.int.fromJSON(json.energyWh)
            this._computeUnits = marshal.int.fromJSON(json.computeUnits)
            this._samples = marshal.int.fromJSON(json.samples)
        }
    }

    get uptimeSecs(): number {
        assert(this._uptimeSecs != null, 'uninitialized access')
        return this._uptimeSecs
    }

    set uptimeSecs(value: number) {
        this._uptimeSecs = value
    }

    get bandwidthBytes(): bigint {
        assert(this._bandwidthBytes != null, 'uninitialized access')
        return this._bandwidthBytes
    }

    set bandwidthBytes(value: bigint) {
        this._bandwidthBytes = value
    }

    get energyWh(): number {
        assert(this._energyWh != null, 'uninitialized access')
        return this._energyWh
    }

    set energyWh(value: number) {
        this._energyWh = value
    }

    get computeUnits(): number {
        assert(this._computeUnits != null, 'uninitialized access')
        return this._computeUnits
    }

    set computeUnits(value: number) {
        this._computeUnits = value
    }

    get samples(): number {
        assert(this._samples != null, 'uninitialized access')
        return this._samples
    }

    set samples(value: number) {
        this._samples = value
    }

    toJSON(): object {
        return {
            uptimeSecs: this.uptimeSecs,
            bandwidthBytes: marshal.bigint.toJSON(this.bandwidthBytes),
            energyWh: this.energyWh,
            computeUnits: this.computeUnits,
            samples: this.samples,
        }
    }
}
