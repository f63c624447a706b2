import {sts, Result, Option, Bytes, BitSequence} from './support'

export interface DeviceRecord {
    class: DeviceClass
    reported: Metrics
    verified: Metrics
    quorum: boolean
    points: bigint
    fraudulent: boolean
    allowanceTaken: bigint
}

export interface Metrics {
    uptimeSecs: number
    bandwidthBytes: bigint
    energyWh: number
    computeUnits: number
    samples: number
}

export type DeviceClass = DeviceClass_Compute | DeviceClass_Connectivity | DeviceClass_Energy | DeviceClass_Sensing

export interface DeviceClass_Compute {
    __kind: 'Compute'
}

export interface DeviceClass_Connectivity {
    __kind: 'Connectivity'
}

export interface DeviceClass_Energy {
    __kind: 'Energy'
}

export interface DeviceClass_Sensing {
    __kind: 'Sensing'
}

export const DeviceRecord: sts.Type<DeviceRecord> = sts.struct(() => {
    return  {
        class: DeviceClass,
        reported: Metrics,
        verified: Metrics,
        quorum: sts.boolean(),
        points: sts.bigint(),
        fraudulent: sts.boolean(),
        allowanceTaken: sts.bigint(),
    }
})

export const Metrics: sts.Type<Metrics> = sts.struct(() => {
    return  {
        uptimeSecs: sts.number(),
        bandwidthBytes: sts.bigint(),
        energyWh: sts.number(),
        computeUnits: sts.number(),
        samples: sts.number(),
    }
})

export interface EpochSummary {
    classes: ClassTotal[]
    closed: boolean
    openChallenges: number
    judged: boolean
    credits: number
}

export interface ClassTotal {
    points: bigint
    devices: number
}

export const EpochSummary: sts.Type<EpochSummary> = sts.struct(() => {
    return  {
        classes: sts.array(() => ClassTotal),
        closed: sts.boolean(),
        openChallenges: sts.number(),
        judged: sts.boolean(),
        credits: sts.number(),
    }
})

export interface RouteShare {
    beneficiary: Beneficiary
    share: Perbill
}

export type Perbill = number

export type Beneficiary = Beneficiary_Account | Beneficiary_CommunityPool | Beneficiary_Owner | Beneficiary_Stake | Beneficiary_Vault

export interface Beneficiary_Account {
    __kind: 'Account'
    value: AccountId32
}

export interface Beneficiary_CommunityPool {
    __kind: 'CommunityPool'
}

export interface Beneficiary_Owner {
    __kind: 'Owner'
}

export interface Beneficiary_Stake {
    __kind: 'Stake'
}

export interface Beneficiary_Vault {
    __kind: 'Vault'
    value: number
}

export type AccountId32 = Bytes

export interface Device {
    owner: AccountId32
    operator?: (AccountId32 | undefined)
    state: number
    spec: DeviceSpec
    hardwareModel: number
    location: bigint
    metadataUri: BoundedVec
    key: DeviceKey
    status: DeviceStatus
    depositor: AccountId32
    deposit: bigint
    registeredAt: number
    vault?: (VaultLeg | undefined)
    activeSince?: (number | undefined)
    maker?: (number | undefined)
    probeEndpoint: BoundedVec
}

export interface VaultLeg {
    vault: number
    share: Perbill
}

export type DeviceStatus = DeviceStatus_Active | DeviceStatus_Pending | DeviceStatus_Suspended

export interface DeviceStatus_Active {
    __kind: 'Active'
}

export interface DeviceStatus_Pending {
    __kind: 'Pending'
}

export interface DeviceStatus_Suspended {
    __kind: 'Suspended'
}

export type DeviceKey = DeviceKey_Ed25519 | DeviceKey_P256 | DeviceKey_Secp256k1 | DeviceKey_Sr25519

export interface DeviceKey_Ed25519 {
    __kind: 'Ed25519'
    value: Bytes
}

export interface DeviceKey_P256 {
    __kind: 'P256'
    value: Bytes
}

export interface DeviceKey_Secp256k1 {
    __kind: 'Secp256k1'
    value: Bytes
}

export interface DeviceKey_Sr25519 {
    __kind: 'Sr25519'
    value: Bytes
}

export type BoundedVec = Bytes

export type DeviceSpec = DeviceSpec_Compute | DeviceSpec_Connectivity | DeviceSpec_Energy | DeviceSpec_Sensing

export interface DeviceSpec_Compute {
    __kind: 'Compute'
    gpuModel: Bytes
    gpuCount: number
    gpuMemoryMib: number
}

export interface DeviceSpec_Connectivity {
    __kind: 'Connectivity'
    linkCapacityKbps: number
}

export interface DeviceSpec_Energy {
    __kind: 'Energy'
    ratedWatts: number
}

export interface DeviceSpec_Sensing {
    __kind: 'Sensing'
    sensorKind: SensorKind
    samplesPerHour: number
}

export type SensorKind = SensorKind_AirQuality | SensorKind_Gnss | SensorKind_Mapping | SensorKind_Noise | SensorKind_Other | SensorKind_Weather

export interface SensorKind_AirQuality {
    __kind: 'AirQuality'
}

export interface SensorKind_Gnss {
    __kind: 'Gnss'
}

export interface SensorKind_Mapping {
    __kind: 'Mapping'
}

export interface SensorKind_Noise {
    __kind: 'Noise'
}

export interface SensorKind_Other {
    __kind: 'Other'
}

export interface SensorKind_Weather {
    __kind: 'Weather'
}

export const Device: sts.Type<Device> = sts.struct(() => {
    return  {
        owner: AccountId32,
        operator: sts.option(() => AccountId32),
        state: sts.number(),
        spec: DeviceSpec,
        hardwareModel: sts.number(),
        location: sts.bigint(),
        metadataUri: BoundedVec,
        key: DeviceKey,
        status: DeviceStatus,
        depositor: AccountId32,
        deposit: sts.bigint(),
        registeredAt: sts.number(),
        vault: sts.option(() => VaultLeg),
        activeSince: sts.option(() => sts.number()),
        maker: sts.option(() => sts.number()),
        probeEndpoint: BoundedVec,
    }
})

export const VaultLeg: sts.Type<VaultLeg> = sts.struct(() => {
    return  {
        vault: sts.number(),
        share: Perbill,
    }
})

export const DeviceStatus: sts.Type<DeviceStatus> = sts.closedEnum(() => {
    return  {
        Active: sts.unit(),
        Pending: sts.unit(),
        Suspended: sts.unit(),
    }
})

export const BoundedVec = sts.bytes()

export const DeviceSpec: sts.Type<DeviceSpec> = sts.closedEnum(() => {
    return  {
        Compute: sts.enumStruct({
            gpuModel: sts.bytes(),
            gpuCount: sts.number(),
            gpuMemoryMib: sts.number(),
        }),
        Connectivity: sts.enumStruct({
            linkCapacityKbps: sts.number(),
        }),
        Energy: sts.enumStruct({
            ratedWatts: sts.number(),
        }),
        Sensing: sts.enumStruct({
            sensorKind: SensorKind,
            samplesPerHour: sts.number(),
        }),
    }
})

export const SensorKind: sts.Type<SensorKind> = sts.closedEnum(() => {
    return  {
        AirQuality: sts.unit(),
        Gnss: sts.unit(),
        Mapping: sts.unit(),
        Noise: sts.unit(),
        Other: sts.unit(),
        Weather: sts.unit(),
    }
})

export const AccountVote: sts.Type<AccountVote> = sts.closedEnum(() => {
    return  {
        Split: sts.enumStruct({
            aye: sts.bigint(),
            nay: sts.bigint(),
        }),
        SplitAbstain: sts.enumStruct({
            aye: sts.bigint(),
            nay: sts.bigint(),
            abstain: sts.bigint(),
        }),
        Standard: sts.enumStruct({
            vote: Vote,
            balance: sts.bigint(),
        }),
    }
})

export const Vote = sts.number()

export type AccountVote = AccountVote_Split | AccountVote_SplitAbstain | AccountVote_Standard

export interface AccountVote_Split {
    __kind: 'Split'
    aye: bigint
    nay: bigint
}

export interface AccountVote_SplitAbstain {
    __kind: 'SplitAbstain'
    aye: bigint
    nay: bigint
    abstain: bigint
}

export interface AccountVote_Standard {
    __kind: 'Standard'
    vote: Vote
    balance: bigint
}

export type Vote = number

export const Tally: sts.Type<Tally> = sts.struct(() => {
    return  {
        ayes: sts.bigint(),
        nays: sts.bigint(),
        support: sts.bigint(),
    }
})

export interface Tally {
    ayes: bigint
    nays: bigint
    support: bigint
}

export const Bounded: sts.Type<Bounded> = sts.closedEnum(() => {
    return  {
        Inline: sts.bytes(),
        Legacy: sts.enumStruct({
            hash: H256,
        }),
        Lookup: sts.enumStruct({
            hash: H256,
            len: sts.number(),
        }),
    }
})

export type Bounded = Bounded_Inline | Bounded_Legacy | Bounded_Lookup

export interface Bounded_Inline {
    __kind: 'Inline'
    value: Bytes
}

export interface Bounded_Legacy {
    __kind: 'Legacy'
    hash: H256
}

export interface Bounded_Lookup {
    __kind: 'Lookup'
    hash: H256
    len: number
}

export type H256 = Bytes

export const DispatchError: sts.Type<DispatchError> = sts.closedEnum(() => {
    return  {
        Arithmetic: ArithmeticError,
        BadOrigin: sts.unit(),
        CannotLookup: sts.unit(),
        ConsumerRemaining: sts.unit(),
        Corruption: sts.unit(),
        Exhausted: sts.unit(),
        Module: ModuleError,
        NoProviders: sts.unit(),
        Other: sts.unit(),
        RootNotAllowed: sts.unit(),
        Token: TokenError,
        TooManyConsumers: sts.unit(),
        Transactional: TransactionalError,
        Trie: TrieError,
        Unavailable: sts.unit(),
    }
})

export const TrieError: sts.Type<TrieError> = sts.closedEnum(() => {
    return  {
        DecodeError: sts.unit(),
        DecoderError: sts.unit(),
        DuplicateKey: sts.unit(),
        ExtraneousHashReference: sts.unit(),
        ExtraneousNode: sts.unit(),
        ExtraneousValue: sts.unit(),
        IncompleteDatabase: sts.unit(),
        IncompleteProof: sts.unit(),
        InvalidChildReference: sts.unit(),
        InvalidHash: sts.unit(),
        InvalidStateRoot: sts.unit(),
        RootMismatch: sts.unit(),
        ValueAtIncompleteKey: sts.unit(),
        ValueMismatch: sts.unit(),
    }
})

export type TrieError = TrieError_DecodeError | TrieError_DecoderError | TrieError_DuplicateKey | TrieError_ExtraneousHashReference | TrieError_ExtraneousNode | TrieError_ExtraneousValue | TrieError_IncompleteDatabase | TrieError_IncompleteProof | TrieError_InvalidChildReference | TrieError_InvalidHash | TrieError_InvalidStateRoot | TrieError_RootMismatch | TrieError_ValueAtIncompleteKey | TrieError_ValueMismatch

export interface TrieError_DecodeError {
    __kind: 'DecodeError'
}

export interface TrieError_DecoderError {
    __kind: 'DecoderError'
}

export interface TrieError_DuplicateKey {
    __kind: 'DuplicateKey'
}

export interface TrieError_ExtraneousHashReference {
    __kind: 'ExtraneousHashReference'
}

export interface TrieError_ExtraneousNode {
    __kind: 'ExtraneousNode'
}

export interface TrieError_ExtraneousValue {
    __kind: 'ExtraneousValue'
}

export interface TrieError_IncompleteDatabase {
    __kind: 'IncompleteDatabase'
}

export interface TrieError_IncompleteProof {
    __kind: 'IncompleteProof'
}

export interface TrieError_InvalidChildReference {
    __kind: 'InvalidChildReference'
}

export interface TrieError_InvalidHash {
    __kind: 'InvalidHash'
}

export interface TrieError_InvalidStateRoot {
    __kind: 'InvalidStateRoot'
}

export interface TrieError_RootMismatch {
    __kind: 'RootMismatch'
}

export interface TrieError_ValueAtIncompleteKey {
    __kind: 'ValueAtIncompleteKey'
}

export interface TrieError_ValueMismatch {
    __kind: 'ValueMismatch'
}

export const TransactionalError: sts.Type<TransactionalError> = sts.closedEnum(() => {
    return  {
        LimitReached: sts.unit(),
        NoLayer: sts.unit(),
    }
})

export type TransactionalError = TransactionalError_LimitReached | TransactionalError_NoLayer

export interface TransactionalError_LimitReached {
    __kind: 'LimitReached'
}

export interface TransactionalError_NoLayer {
    __kind: 'NoLayer'
}

export const TokenError: sts.Type<TokenError> = sts.closedEnum(() => {
    return  {
        BelowMinimum: sts.unit(),
        Blocked: sts.unit(),
        CannotCreate: sts.unit(),
        CannotCreateHold: sts.unit(),
        Frozen: sts.unit(),
        FundsUnavailable: sts.unit(),
        NotExpendable: sts.unit(),
        OnlyProvider: sts.unit(),
        UnknownAsset: sts.unit(),
        Unsupported: sts.unit(),
    }
})

export type TokenError = TokenError_BelowMinimum | TokenError_Blocked | TokenError_CannotCreate | TokenError_CannotCreateHold | TokenError_Frozen | TokenError_FundsUnavailable | TokenError_NotExpendable | TokenError_OnlyProvider | TokenError_UnknownAsset | TokenError_Unsupported

export interface TokenError_BelowMinimum {
    __kind: 'BelowMinimum'
}

export interface TokenError_Blocked {
    __kind: 'Blocked'
}

export interface TokenError_CannotCreate {
    __kind: 'CannotCreate'
}

export interface TokenError_CannotCreateHold {
    __kind: 'CannotCreateHold'
}

export interface TokenError_Frozen {
    __kind: 'Frozen'
}

export interface TokenError_FundsUnavailable {
    __kind: 'FundsUnavailable'
}

export interface TokenError_NotExpendable {
    __kind: 'NotExpendable'
}

export interface TokenError_OnlyProvider {
    __kind: 'OnlyProvider'
}

export interface TokenError_UnknownAsset {
    __kind: 'UnknownAsset'
}

export interface TokenError_Unsupported {
    __kind: 'Unsupported'
}

export const ModuleError: sts.Type<ModuleError> = sts.struct(() => {
    return  {
        index: sts.number(),
        error: sts.bytes(),
    }
})

export interface ModuleError {
    index: number
    error: Bytes
}

export const ArithmeticError: sts.Type<ArithmeticError> = sts.closedEnum(() => {
    return  {
        DivisionByZero: sts.unit(),
        Overflow: sts.unit(),
        Underflow: sts.unit(),
    }
})

export type ArithmeticError = ArithmeticError_DivisionByZero | ArithmeticError_Overflow | ArithmeticError_Underflow

export interface ArithmeticError_DivisionByZero {
    __kind: 'DivisionByZero'
}

export interface ArithmeticError_Overflow {
    __kind: 'Overflow'
}

export interface ArithmeticError_Underflow {
    __kind: 'Underflow'
}

export type DispatchError = DispatchError_Arithmetic | DispatchError_BadOrigin | DispatchError_CannotLookup | DispatchError_ConsumerRemaining | DispatchError_Corruption | DispatchError_Exhausted | DispatchError_Module | DispatchError_NoProviders | DispatchError_Other | DispatchError_RootNotAllowed | DispatchError_Token | DispatchError_TooManyConsumers | DispatchError_Transactional | DispatchError_Trie | DispatchError_Unavailable

export interface DispatchError_Arithmetic {
    __kind: 'Arithmetic'
    value: ArithmeticError
}

export interface DispatchError_BadOrigin {
    __kind: 'BadOrigin'
}

export interface DispatchError_CannotLookup {
    __kind: 'CannotLookup'
}

export interface DispatchError_ConsumerRemaining {
    __kind: 'ConsumerRemaining'
}

export interface DispatchError_Corruption {
    __kind: 'Corruption'
}

export interface DispatchError_Exhausted {
    __kind: 'Exhausted'
}

export interface DispatchError_Module {
    __kind: 'Module'
    value: ModuleError
}

export interface DispatchError_NoProviders {
    __kind: 'NoProviders'
}

export interface DispatchError_Other {
    __kind: 'Other'
}

export interface DispatchError_RootNotAllowed {
    __kind: 'RootNotAllowed'
}

export interface DispatchError_Token {
    __kind: 'Token'
    value: TokenError
}

export interface DispatchError_TooManyConsumers {
    __kind: 'TooManyConsumers'
}

export interface DispatchError_Transactional {
    __kind: 'Transactional'
    value: TransactionalError
}

export interface DispatchError_Trie {
    __kind: 'Trie'
    value: TrieError
}

export interface DispatchError_Unavailable {
    __kind: 'Unavailable'
}

export const H256 = sts.bytes()

export const Perbill = sts.number()

export const UsageScope: sts.Type<UsageScope> = sts.closedEnum(() => {
    return  {
        Class: DeviceClass,
        Deployment: sts.number(),
    }
})

export type UsageScope = UsageScope_Class | UsageScope_Deployment

export interface UsageScope_Class {
    __kind: 'Class'
    value: DeviceClass
}

export interface UsageScope_Deployment {
    __kind: 'Deployment'
    value: number
}

export const Outcome: sts.Type<Outcome> = sts.closedEnum(() => {
    return  {
        Executed: sts.unit(),
        ExecutionFailed: sts.unit(),
        NoQuorum: sts.unit(),
        Rejected: sts.unit(),
        Vetoed: sts.unit(),
    }
})

export type Outcome = Outcome_Executed | Outcome_ExecutionFailed | Outcome_NoQuorum | Outcome_Rejected | Outcome_Vetoed

export interface Outcome_Executed {
    __kind: 'Executed'
}

export interface Outcome_ExecutionFailed {
    __kind: 'ExecutionFailed'
}

export interface Outcome_NoQuorum {
    __kind: 'NoQuorum'
}

export interface Outcome_Rejected {
    __kind: 'Rejected'
}

export interface Outcome_Vetoed {
    __kind: 'Vetoed'
}

export const ProposalAction: sts.Type<ProposalAction> = sts.closedEnum(() => {
    return  {
        AdmitSponsor: sts.number(),
        AttachDevice: sts.bigint(),
        DetachDevice: sts.bigint(),
        FundProject: sts.enumStruct({
            to: AccountId32,
            amount: sts.bigint(),
        }),
        Reinvest: sts.enumStruct({
            vendor: AccountId32,
            amount: sts.bigint(),
            devices: sts.number(),
            deliverBy: sts.number(),
        }),
        SetParams: VaultParams,
        TransferDevice: sts.enumStruct({
            device: sts.bigint(),
            to: AccountId32,
        }),
    }
})

export const VaultParams: sts.Type<VaultParams> = sts.struct(() => {
    return  {
        minDeposit: sts.bigint(),
        redeemAfter: sts.number(),
        votingPeriod: sts.number(),
        quorum: Perbill,
        threshold: Perbill,
        sponsorVeto: sts.boolean(),
    }
})

export interface VaultParams {
    minDeposit: bigint
    redeemAfter: number
    votingPeriod: number
    quorum: Perbill
    threshold: Perbill
    sponsorVeto: boolean
}

export type ProposalAction = ProposalAction_AdmitSponsor | ProposalAction_AttachDevice | ProposalAction_DetachDevice | ProposalAction_FundProject | ProposalAction_Reinvest | ProposalAction_SetParams | ProposalAction_TransferDevice

export interface ProposalAction_AdmitSponsor {
    __kind: 'AdmitSponsor'
    value: number
}

export interface ProposalAction_AttachDevice {
    __kind: 'AttachDevice'
    value: bigint
}

export interface ProposalAction_DetachDevice {
    __kind: 'DetachDevice'
    value: bigint
}

export interface ProposalAction_FundProject {
    __kind: 'FundProject'
    to: AccountId32
    amount: bigint
}

export interface ProposalAction_Reinvest {
    __kind: 'Reinvest'
    vendor: AccountId32
    amount: bigint
    devices: number
    deliverBy: number
}

export interface ProposalAction_SetParams {
    __kind: 'SetParams'
    value: VaultParams
}

export interface ProposalAction_TransferDevice {
    __kind: 'TransferDevice'
    device: bigint
    to: AccountId32
}

export const Beneficiary: sts.Type<Beneficiary> = sts.closedEnum(() => {
    return  {
        Account: AccountId32,
        CommunityPool: sts.unit(),
        Owner: sts.unit(),
        Stake: sts.unit(),
        Vault: sts.number(),
    }
})

export const Emission: sts.Type<Emission> = sts.struct(() => {
    return  {
        depin: sts.bigint(),
        treasury: sts.bigint(),
    }
})

export interface Emission {
    depin: bigint
    treasury: bigint
}

export const ClassTotal: sts.Type<ClassTotal> = sts.struct(() => {
    return  {
        points: sts.bigint(),
        devices: sts.number(),
    }
})

export const RouteShare: sts.Type<RouteShare> = sts.struct(() => {
    return  {
        beneficiary: Beneficiary,
        share: Perbill,
    }
})

export const DeviceKey: sts.Type<DeviceKey> = sts.closedEnum(() => {
    return  {
        Ed25519: sts.bytes(),
        P256: sts.bytes(),
        Secp256k1: sts.bytes(),
        Sr25519: sts.bytes(),
    }
})

export const DeviceClass: sts.Type<DeviceClass> = sts.closedEnum(() => {
    return  {
        Compute: sts.unit(),
        Connectivity: sts.unit(),
        Energy: sts.unit(),
        Sensing: sts.unit(),
    }
})

export const Role: sts.Type<Role> = sts.closedEnum(() => {
    return  {
        Citizen: sts.unit(),
        Operator: sts.unit(),
        Steward: sts.unit(),
        Validator: sts.unit(),
        Verifier: sts.unit(),
    }
})

export type Role = Role_Citizen | Role_Operator | Role_Steward | Role_Validator | Role_Verifier

export interface Role_Citizen {
    __kind: 'Citizen'
}

export interface Role_Operator {
    __kind: 'Operator'
}

export interface Role_Steward {
    __kind: 'Steward'
}

export interface Role_Validator {
    __kind: 'Validator'
}

export interface Role_Verifier {
    __kind: 'Verifier'
}

export const AccountId32 = sts.bytes()
