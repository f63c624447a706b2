import assert from "assert"
import * as marshal from "./marshal"

/**
 * KPIs as the chain reads them (`depin_deploymentKpis`, `depin_blueprintKpis`), cumulative.
 */
export class Kpis {
    private _deviceEpochs!: bigint
    private _uptimeSecs!: bigint
    private _possibleSecs!: bigint
    private _bandwidthBytes!: bigint
    private _energyWh!: bigint
    private _computeUnits!: bigint
    private _samples!: bigint
    private _points!: bigint
    private _rewards!: bigint
    private _uptimeRatio!: number
    private _devicesActive!: number

    constructor(props?: Partial<Omit<Kpis, 'toJSON'>>, json?: any) {
        Object.assign(this, props)
        if (json != null) {
            this._deviceEpochs = marshal.bigint.fromJSON(json.deviceEpochs)
            this._uptimeSecs = marshal.bigint.fromJSON(json.uptimeSecs)
            this._possibleSecs = marshal.bigint.fromJSON(json.possibleSecs)
            this._bandwidthBytes = marshal.bigint.fromJSON(json.bandwidthBytes)
            this._energyWh = marshal.bigint.fromJSON(json.energyWh)
            this._computeUnits = marshal.bigint.fromJSON(json.computeUnits)
            this._samples = marshal.bigint.fromJSON(json.samples)
            this._points = marshal.bigint.fromJSON(json.points)
            this._rewards = marshal.bigint.fromJSON(json.rewards)
            this._uptimeRatio = marshal.int.fromJSON(json.uptimeRatio)
            this._devicesActive = marshal.int.fromJSON(json.devicesActive)
        }
    }

    get deviceEpochs(): bigint {
        assert(this._deviceEpochs != null, 'uninitialized access')
        return this._deviceEpochs
    }

    set deviceEpochs(value: bigint) {
        this._deviceEpochs = value
    }

    get uptimeSecs(): bigint {
        assert(this._uptimeSecs != null, 'uninitialized access')
        return this._uptimeSecs
    }

    set uptimeSecs(value: bigint) {
        this._uptimeSecs = value
    }

    get possibleSecs(): bigint {
        assert(this._possibleSecs != null, 'uninitialized access')
        return this._possibleSecs
    }

    set possibleSecs(value: bigint) {
        this._possibleSecs = value
    }

    get bandwidthBytes(): bigint {
        assert(this._bandwidthBytes != null, 'uninitialized access')
        return this._bandwidthBytes
    }

    set bandwidthBytes(value: bigint) {
        this._bandwidthBytes = value
    }

    get energyWh(): bigint {
        assert(this._energyWh != null, 'uninitialized access')
        return this._energyWh
    }

    set energyWh(value: bigint) {
        this._energyWh = value
    }

    get computeUnits(): bigint {
        assert(this._computeUnits != null, 'uninitialized access')
        return this._computeUnits
    }

    set computeUnits(value: bigint) {
        this._computeUnits = value
    }

    get samples(): bigint {
        assert(this._samples != null, 'uninitialized access')
        return this._samples
    }

    set samples(value: bigint) {
        this._samples = value
    }

    get points(): bigint {
        assert(this._points != null, 'uninitialized access')
        return this._points
    }

    set points(value: bigint) {
        this._points = value
    }

    get rewards(): bigint {
        assert(this._rewards != null, 'uninitialized access')
        return this._rewards
    }

    set rewards(value: bigint) {
        this._rewards = value
    }

    /**
     * Uptime over possible uptime, parts per billion.
     */
    get uptimeRatio(): number {
        assert(this._uptimeRatio != null, 'uninitialized access')
        return this._uptimeRatio
    }

    set uptimeRatio(value: number) {
        this._uptimeRatio = value
    }

    get devicesActive(): number {
        assert(this._devicesActive != null, 'uninitialized access')
        return this._devicesActive
    }

    set devicesActive(value: number) {
        this._devicesActive = value
    }

    toJSON(): object {
        return {
            deviceEpochs: marshal.bigint.toJSON(this.deviceEpochs),
            uptimeSecs: marshal.bigint.toJSON(this.uptimeSecs),
            possibleSecs: marshal.bigint.toJSON(this.possibleSecs),
            bandwidthBytes: marshal.bigint.toJSON(this.bandwidthBytes),
            energyWh: marshal.bigint.toJSON(this.energyWh),
            computeUnits: marshal.bigint.toJSON(this.computeUnits),
            samples: marshal.bigint.toJSON(this.samples),
            points: marshal.bigint.toJSON(this.points),
            rewards: marshal.bigint.toJSON(this.rewards),
            uptimeRatio: this.uptimeRatio,
            devicesActive: this.devicesActive,
        }
    }
}
