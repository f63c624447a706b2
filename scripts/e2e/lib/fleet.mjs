// A realistic fleet on a dev chain (instant sealing), as the dashboard test and the upgrade test
// need it: three network states, one recognising another, a device of every class, a deployment
// with a blueprint, a vault, an epoch of reports, the solar inverter's confirmed by a quorum of
// the verifier pool, and a settled reward.
import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import { submitAndWaitFinalized } from './node.mjs';
import { attestAll, possessionPayload, registerState, reportPayload, verifierPool } from './depin.mjs';

const ATH = 10n ** 12n;
const PERCENT = 10_000_000;
/** The H3 cells the fleet stands in. */
export const CELLS = { berlin: 0x891f1d48947ffffn, sf: 0x8928308280fffffn, bay: 0x85283473fffffffn, lagos: 0x887a6e42cbfffffn };

/**
 * Seeds the fleet with `keyring`'s dev accounts (Alice, Bob and Charlie own the states); returns
 * the devices (`{ owner, state, spec, model, cell, metrics, key, id }`), the vault and the epoch
 * reported in.
 */
export async function seedFleet(api, keyring) {
  const [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
  const send = (tx, who) => submitAndWaitFinalized(tx, who);
  const register = (name, admin) => registerState(api, name, admin);
  const solar = await register('Solar Commons', alice);
  const mesh = await register('Mesh Republic', bob);
  const guild = await register('Sensor Guild', charlie);
  await send(api.tx.interstate.requestRecognition(mesh, solar), bob);
  await send(api.tx.interstate.acceptRecognition(solar, mesh), alice);

  // One device of every class, each with its own key, in three states and four cells.
  const fleet = [
    { owner: alice, state: solar, spec: { Compute: { gpuModel: 'RTX 4090', gpuCount: 1, gpuMemoryMib: 24576 } }, model: 1, cell: CELLS.sf, metrics: { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 0, computeUnits: 50, samples: 0 } },
    { owner: alice, state: solar, spec: { Energy: { ratedWatts: 5000 } }, model: 4, cell: CELLS.berlin, metrics: { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 0, samples: 0 } },
    { owner: bob, state: mesh, spec: { Connectivity: { linkCapacityKbps: 100000 } }, model: 2, cell: CELLS.bay, metrics: { uptimeSecs: 45, bandwidthBytes: 600_000_000, energyWh: 0, computeUnits: 0, samples: 0 } },
    { owner: charlie, state: guild, spec: { Sensing: { sensorKind: 'Weather', samplesPerHour: 60 } }, model: 5, cell: CELLS.lagos, metrics: { uptimeSecs: 30, bandwidthBytes: 0, energyWh: 0, computeUnits: 0, samples: 1 } },
  ];
  for (const d of fleet) {
    d.key = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
    const nonce = (await api.query.devices.registrationNonce(d.owner.address)).toNumber();
    d.id = (await api.query.devices.nextDeviceId()).toNumber();
    await send(api.tx.devices.registerDevice(d.state, d.spec, d.model, d.cell, '', { Sr25519: d.key.publicKey }, { Sr25519: d.key.sign(possessionPayload(api, d.owner.address, d.key.publicKey, nonce)) }, null), d.owner);
    await send(api.tx.devices.activateDevice(d.id), d.owner);
  }

  // Solar's microgrid, its blueprint, and a vault.
  const grid = (await api.query.deployments.nextDeploymentId()).toNumber();
  await send(api.tx.deployments.createDeployment(solar, 'Solar microgrid', '', [CELLS.berlin], null), alice);
  await send(api.tx.utility.batchAll(fleet.slice(0, 2).map((d) => api.tx.deployments.addDevice(grid, d.id))), alice);
  await send(api.tx.deployments.publishBlueprint(solar, {
    name: 'Solar and GPU microgrid', metadataUri: '', deviceMix: [1, 0, 1, 0], hardwareModels: [1, 4],
    expectedOutput: { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 50, samples: 0 }, cost: 0, source: grid,
  }), alice);
  const vault = (await api.query.vaults.nextVaultId()).toNumber();
  const params = { minDeposit: ATH, redeemAfter: 0, votingPeriod: 10, quorum: 20 * PERCENT, threshold: 50 * PERCENT, sponsorVeto: true };
  await send(api.tx.vaults.createVault(solar, 'Solar Fund', params, 3n * ATH), alice);

  // Three verifiers join the pool (serving from the next epoch): unverified, a report keeps half
  // its uptime points only and its output earns nothing.
  const verifiers = await verifierPool(api, charlie);

  // One epoch of reports, the energy device's confirmed by the verifiers (the others stay
  // unverified), then blocks until it is funded and the energy device's reward is claimable; its
  // owner claims it (a settled reward), the compute device's stays unpaid.
  // Start at a fresh epoch so the reports land well inside its submission window (blocks that
  // rotate a session take no transaction, so the block count per report varies).
  const running = (await api.call.depinAttestationsApi.currentEpoch()).toNumber();
  let epoch = running;
  while (epoch === running) {
    await send(api.tx.system.remark('0x00'), charlie);
    epoch = (await api.call.depinAttestationsApi.currentEpoch()).toNumber();
  }
  for (const d of fleet) {
    await send(api.tx.attestations.submitReports(epoch, [{ device: d.id, metrics: d.metrics, signature: { Sr25519: d.key.sign(reportPayload(api, d.id, epoch, d.metrics)) } }]), d.owner);
  }
  await attestAll(api, verifiers, epoch, [[fleet[1].id, fleet[1].metrics]]);
  for (let i = 0; i < 60; i++) {
    await send(api.tx.system.remark('0x00'), charlie);
    if ((await api.call.depinRewardsApi.pendingRewards(fleet[1].id)).claimable.toBigInt() > 0n) break;
  }
  await send(api.tx.rewards.claim([fleet[1].id]), alice);
  return { fleet, vault, epoch };
}
