import assert from "assert"
import * as marshal from "./marshal"

/**
 * Points and reporting devices of one class in an epoch.
 */
export class ClassTotal {
    private _class!: string
    private _points!: bigint
    private _devices!: number

    constructor(props?: Partial<Omit<ClassTotal, 'toJSON'>>, json?: any) {
        Object.assign(this, props)
        if (json != null) {
            this._class = marshal.string.fromJSON(json.class)
            this._points = marshal.bigint.fromJSON(json.points)
            this._devices = marshal.int.fromJSON(json.devices)
        }
    }

    get class(): string {
        assert(this._class != null, 'uninitialized access')
        return this._class
    }

    set class(value: string) {
        this._class = value
    }

    get points(): bigint {
        assert(this._points != null, 'uninitialized access')
        return this._points
    }

    set points(value: bigint) {
        this._points = value
    }

    get devices(): number {
        assert(this._devices != null, 'uninitialized access')
        return this._devices
    }

    set devices(value: number) {
        this._devices = value
    }

    toJSON(): object {
        return {
            class: this.class,
            points: marshal.bigint.toJSON(this.points),
            devices: this.devices,
        }
    }
}
