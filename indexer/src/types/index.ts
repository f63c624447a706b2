export * as v101 from './v101'
export * as events from './events'
export * as storage from './storage'
