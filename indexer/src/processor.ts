// The processor: which blocks and events it takes from the node, and how.
import {
  SubstrateBatchProcessor,
  type BlockHeader,
  type DataHandlerContext,
  type Event as _Event,
} from '@subsquid/substrate-processor';
import type { Store } from '@subsquid/typeorm-store';

/** The events the mapping handles (pallet.Event, as the runtime's metadata names them). */
export const EVENTS = [
  'NetworkStates.StateRegistered',
  'NetworkStates.StateAdmitted',
  'NetworkStates.StateRejected',
  'NetworkStates.StateEstablished',
  'NetworkStates.StateUpdated',
  'NetworkStates.AdminTransferred',
  'NetworkStates.StateDeregistered',
  'NetworkStates.RoleGranted',
  'NetworkStates.RoleRevoked',
  'NetworkStates.StateSuspended',
  'NetworkStates.StateRestored',
  'Devices.DeviceRegistered',
  'Devices.DeviceActivated',
  'Devices.DeviceSuspended',
  'Devices.OperatorSet',
  'Devices.DeviceTransferred',
  'Devices.RewardRouteSet',
  'Devices.DeviceDecommissioned',
  'Devices.DepositSlashed',
  'Attestations.EpochClosed',
  'Attestations.ChallengeResolved',
  'Rewards.EpochFunded',
  'Rewards.CircuitBreakerTripped',
  'Rewards.BreakerResolved',
  'Rewards.RewardSettled',
  'Rewards.RewardPaid',
  'Vaults.VaultCreated',
  'Vaults.Deposited',
  'Vaults.Redeemed',
  'Vaults.YieldReceived',
  'Vaults.Spent',
  'Vaults.VendorPaid',
  'Vaults.PurchaseOpened',
  'Vaults.PurchaseClosed',
  'Vaults.Proposed',
  'Vaults.Voted',
  'Vaults.Vetoed',
  'Vaults.Closed',
  'Deployments.DeploymentCreated',
  'Deployments.DeviceJoined',
  'Deployments.DeviceLeft',
  'Deployments.DeploymentClosed',
  'Deployments.BlueprintPublished',
  'Deployments.BlueprintAdopted',
  'Deployments.BlueprintRetired',
  'Interstate.UsageGranted',
  'Interstate.AgreementExtended',
  'Interstate.AgreementEnded',
  'Interstate.AgreementExpired',
  'Council.Proposed',
  'Council.Voted',
  'Council.Approved',
  'Council.Disapproved',
  'Council.Executed',
  'Council.Closed',
  'Council.Killed',
  'Referenda.Submitted',
  'Referenda.DecisionStarted',
  'Referenda.Confirmed',
  'Referenda.Approved',
  'Referenda.Rejected',
  'Referenda.TimedOut',
  'Referenda.Cancelled',
  'Referenda.Killed',
  'ConvictionVoting.Voted',
] as const;

/**
 * The processor for the node at `rpcUrl`, from genesis: every row refers to rows made from
 * earlier events, so there is no starting later.
 */
export function makeProcessor(rpcUrl: string) {
  return new SubstrateBatchProcessor()
    .setRpcEndpoint({ url: rpcUrl, rateLimit: 1000, capacity: 20 })
    // Finalized blocks only: with hot blocks off the processor never maps an unfinalized one,
    // so nothing a fork could undo is ever served.
    .setRpcDataIngestionSettings({ headPollInterval: 1000 })
    .setFields({ block: { timestamp: true }, event: { args: true } })
    .setBlockRange({ from: 0 })
    // Genesis, which has no events: the states a chain starts with are read from its state.
    .includeAllBlocks({ from: 0, to: 0 })
    .addEvent({ name: [...EVENTS] });
}

export type Processor = ReturnType<typeof makeProcessor>;
type Fields = Processor extends SubstrateBatchProcessor<infer F> ? F : never;
export type Block = BlockHeader<Fields>;
export type Event = _Event<Fields>;
export type Ctx = DataHandlerContext<Store, Fields>;
