// End-to-end: one epoch through the real node. An operator submits a batch of device-signed
// reports, a verifier of the pool attests (alone: no quorum), the epoch closes, and the points
// are read back over JSON-RPC.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { freshEpoch, possessionPayload, registerState, reportPayload } from './lib/depin.mjs';

const ATH = 10n ** 12n;
const BERLIN = 0x891f1d48947ffffn;
let node;
let keyring;

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode(['--sealing', 'instant']);
  keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
});

after(async () => {
  await node?.stop();
});

function findEvent(events, section, method) {
  return events.find(({ event }) => event.section === section && event.method === method)?.event;
}

test('an operator reports a batch, a verifier attests, the epoch closes, points read back', async () => {
  const { api } = node;
  const [alice, bob, charlie, dave, eve] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve'].map((u) => keyring.addFromUri(u));
  const send = (tx, who) => submitAndWaitFinalized(tx, who);

  // A state: Alice admin, Charlie steward, Bob citizen, Dave operator, Eve (also a verifier of
  // the state, though the chain-wide pool needs no such role).
  const state = (await api.query.networkStates.nextStateId()).toNumber();
  await registerState(api, 'Solarpunk Valley', alice);
  await send(api.tx.utility.batchAll([
    api.tx.networkStates.grantRole(state, charlie.address, 'Steward'),
    api.tx.networkStates.grantRole(state, bob.address, 'Citizen'),
    api.tx.networkStates.grantRole(state, dave.address, 'Operator'),
    api.tx.networkStates.grantRole(state, eve.address, 'Verifier'),
  ]), alice);

  // Bob registers a 5 kW solar inverter and a 100 Mbit/s router, each with its own key.
  const devices = [];
  for (const [spec, model] of [[{ Energy: { ratedWatts: 5000 } }, 4], [{ Connectivity: { linkCapacityKbps: 100000 } }, 2]]) {
    const key = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
    const nonce = (await api.query.devices.registrationNonce(bob.address)).toNumber();
    const id = (await api.query.devices.nextDeviceId()).toNumber();
    await send(api.tx.devices.registerDevice(state, spec, model, BERLIN, '', { Sr25519: key.publicKey }, { Sr25519: key.sign(possessionPayload(api, bob.address, key.publicKey, nonce)) }, null), bob);
    devices.push({ id, key });
  }
  await send(api.tx.utility.batchAll(devices.map(({ id }) => api.tx.devices.activateDevice(id))), charlie);
  await send(api.tx.utility.batchAll(devices.map(({ id }) => api.tx.devices.setOperator(id, dave.address))), bob);
  // Eve joins the verifier pool: below the least bond she is refused; she serves from the next
  // epoch, and, alone in the pool, is assigned every device.
  await assert.rejects(send(api.tx.attestations.bond(100n * ATH), eve), /attestations\.BondTooSmall/);
  await send(api.tx.attestations.bond(1_000n * ATH), eve);

  // The dev chain's epochs are 10 blocks of 6 s: at most 60 s of uptime. Start at a fresh
  // epoch, so the submissions below all land in it whatever the setup cost in blocks.
  const epoch = await freshEpoch(api, alice);
  const metrics = [
    { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 0, samples: 0 },
    { uptimeSecs: 60, bandwidthBytes: 700_000_000, energyWh: 0, computeUnits: 0, samples: 0 },
  ];
  const reports = devices.map(({ id, key }, i) => ({
    device: id,
    metrics: metrics[i],
    signature: { Sr25519: key.sign(reportPayload(api, id, epoch, metrics[i])) },
  }));
  const accepted = await send(api.tx.attestations.submitReports(epoch, reports), dave);
  const ev = findEvent(accepted.events, 'attestations', 'ReportsAccepted');
  assert.ok(ev, 'ReportsAccepted');
  assert.equal(ev.data.count.toNumber(), 2);

  // A second submission of the same report is refused with the index and the reason.
  await assert.rejects(send(api.tx.attestations.submitReports(epoch, [reports[1]]), dave), /attestations\.BadReport/);

  assert.deepEqual((await api.call.depinAttestationsApi.assignedVerifiers(epoch, devices[0].id)).map((a) => a.toString()), [eve.address]);
  const observed = { uptimeSecs: 58, bandwidthBytes: 0, energyWh: 78, computeUnits: 0, samples: 0 };
  const attested = await send(api.tx.attestations.attest(epoch, [[devices[0].id, observed]]), eve);
  assert.ok(findEvent(attested.events, 'attestations', 'ObservationsAccepted'));

  // Seal blocks until the epoch closes (10 blocks + 2 of grace after its start).
  let closedEvent;
  for (let i = 0; i < 30 && !closedEvent; i++) {
    const { blockHash } = await send(api.tx.system.remark('0x00'), alice);
    // The epoch closes in `on_initialize`: its event is in the block's events, not the extrinsic's.
    const events = await (await api.at(blockHash)).query.system.events();
    closedEvent = events.map(({ event }) => event).find((e) => e.section === 'attestations' && e.method === 'EpochClosed' && e.data.epoch.toNumber() === epoch);
  }
  assert.ok(closedEvent, `epoch ${epoch} did not close`);

  // Read back over RPC: the epoch summary and each device's record.
  const summary = await api.call.depinAttestationsApi.epochSummary(epoch);
  assert.equal(summary.closed.isTrue, true);
  const energy = summary.classes[2];
  const connectivity = summary.classes[1];
  assert.equal(energy.devices.toNumber(), 1);
  assert.equal(connectivity.devices.toNumber(), 1);
  const solar = (await api.call.depinAttestationsApi.deviceRecord(epoch, devices[0].id)).unwrap();
  const router = (await api.call.depinAttestationsApi.deviceRecord(epoch, devices[1].id)).unwrap();
  // One observation is below the quorum of 3: the reports keep half their uptime points only,
  // their output (80 Wh, 700 MB) earns nothing unverified. A minute up is 1 point (100 an
  // hour), and half of it rounds to 0.
  assert.equal(solar.quorum.isTrue, false);
  assert.equal(router.quorum.isTrue, false);
  assert.equal(solar.reported.energyWh.toNumber(), 80);
  assert.equal(solar.verified.uptimeSecs.toNumber(), 60);
  assert.equal(solar.verified.energyWh.toNumber(), 0);
  assert.equal(router.verified.bandwidthBytes.toBigInt(), 0n);
  assert.equal(solar.points.toBigInt(), 0n);
  assert.equal(router.points.toBigInt(), 0n);
  assert.equal(energy.points.toBigInt(), solar.points.toBigInt());
  assert.equal(connectivity.points.toBigInt(), router.points.toBigInt());
  assert.equal(router.reported.bandwidthBytes.toBigInt(), 700_000_000n);
  // Reports for a closed epoch are refused.
  await assert.rejects(send(api.tx.attestations.submitReports(epoch, [reports[0]]), dave), /attestations\.EpochNotOpen/);
});
