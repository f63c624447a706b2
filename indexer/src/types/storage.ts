export * as attestations from './attestations/storage'
