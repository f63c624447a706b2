export * as networkStates from './network-states/storage'
export * as devices from './devices/storage'
export * as attestations from './attestations/storage'
