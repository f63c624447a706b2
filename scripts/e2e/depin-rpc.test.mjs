// End-to-end: the `depin_*` JSON-RPC namespace through the real node, read with plain HTTP
// JSON-RPC (what curl sends), no SCALE: a state, a device that reported, a deployment and its
// blueprint are read back as plain JSON (SS58 addresses, wide integers as decimal strings, enums
// by name), at the best block and at an older one, and bad requests get clear errors. Then the
// subscriptions fed by finalized blocks announce the epoch closing and the device's receipt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { rpc, startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { attestAll, freshEpoch, possessionPayload, registerState, reportPayload, verifierPool } from './lib/depin.mjs';

const BERLIN = 0x891f1d48947ffffn;
let node;
let keyring;
// The device the first test registers and the epoch it reports in, followed by the last test.
let reported;

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode(['--sealing', 'instant']);
  keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
});

after(async () => {
  await node?.stop();
});

/** The result of a `depin_*` call, or a thrown error carrying its JSON-RPC code and message. */
async function depin(method, ...params) {
  const res = await rpc(node.rpcPort, `depin_${method}`, params);
  if (res.error) {
    const err = new Error(res.error.message);
    err.code = res.error.code;
    throw err;
  }
  return res.result;
}

test('depin_* answers plain JSON for states, devices, reports, deployments and blueprints', async () => {
  const { api } = node;
  const alice = keyring.addFromUri('//Alice');
  const send = (tx) => submitAndWaitFinalized(tx, alice);

  const methods = (await rpc(node.rpcPort, 'rpc_methods')).result.methods;
  for (const m of ['depin_overview', 'depin_networkState', 'depin_device', 'depin_devicesByOwner', 'depin_epochSummary', 'depin_rewardReceipt', 'depin_vault', 'depin_blueprintsRanked', 'depin_agreementsHostedBy']) {
    assert.ok(methods.includes(m), `${m} is listed by rpc_methods`);
  }

  const state = (await api.query.networkStates.nextStateId()).toNumber();
  await registerState(api, 'Open Grid', alice, 'https://grid.example');
  const before = (await api.rpc.chain.getBlockHash()).toHex();
  const key = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
  const nonce = (await api.query.devices.registrationNonce(alice.address)).toNumber();
  const device = (await api.query.devices.nextDeviceId()).toNumber();
  await send(api.tx.devices.registerDevice(state, { Energy: { ratedWatts: 5000 } }, 4, BERLIN, '', { Sr25519: key.publicKey }, { Sr25519: key.sign(possessionPayload(api, alice.address, key.publicKey, nonce)) }, null));
  await send(api.tx.devices.activateDevice(device));
  const deployment = (await api.query.deployments.nextDeploymentId()).toNumber();
  await send(api.tx.deployments.createDeployment(state, 'Rooftops', '', [BERLIN], null));
  await send(api.tx.deployments.addDevice(deployment, device));
  const blueprint = (await api.query.deployments.nextBlueprintId()).toNumber();
  await send(api.tx.deployments.publishBlueprint(state, {
    name: 'Rooftop solar', metadataUri: '', deviceMix: [0, 0, 1, 0], hardwareModels: [4],
    expectedOutput: { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 0, samples: 0 }, cost: 0, source: deployment,
  }));
  // Three verifiers join the pool (they serve from the next epoch) to confirm the report: an
  // unverified report's output earns nothing and counts in no KPI.
  const verifiers = await verifierPool(api, alice);
  // A fresh epoch: the setup's blocks cannot push the report below into the next one.
  const fresh = await freshEpoch(api, alice);
  const epoch = await depin('currentEpoch');
  assert.equal(typeof epoch, 'number');
  assert.equal(epoch, fresh);
  const metrics = { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 0, samples: 0 };
  await send(api.tx.attestations.submitReports(epoch, [{ device, metrics, signature: { Sr25519: key.sign(reportPayload(api, device, epoch, metrics)) } }]));
  await attestAll(api, verifiers, epoch, [[device, metrics]]);
  reported = { device, epoch };

  // Its members and their roles, by name; the admin holds every role.
  const bob = keyring.addFromUri('//Bob');
  await send(api.tx.networkStates.grantRole(state, bob.address, 'Citizen'));
  assert.deepEqual((await depin('members', state)).items, [[bob.address, ['Citizen']]]);
  assert.deepEqual(await depin('rolesOf', state, bob.address), ['Citizen']);
  assert.deepEqual(await depin('rolesOf', state, alice.address), ['Citizen', 'Operator', 'Verifier', 'Steward', 'Validator']);
  assert.deepEqual((await depin('deploymentDevices', deployment)).items, [String(device)]);
  assert.deepEqual((await depin('recognitionRequests', state)).items, []);

  // A state: its admin as an SS58 address, its name as text.
  const st = await depin('networkState', state);
  assert.equal(st.name, 'Open Grid');
  assert.equal(st.metadataUri, 'https://grid.example');
  assert.equal(st.admin, alice.address);
  assert.equal(st.status, 'Active');
  assert.equal(st.admission, 'Established');
  assert.equal(BigInt(st.bond), api.consts.networkStates.admissionBond.toBigInt());

  // A device: ids and H3 cells as decimal strings, its spec an enum by name.
  const dev = await depin('device', device);
  assert.equal(dev.owner, alice.address);
  assert.deepEqual(dev.spec, { Energy: { ratedWatts: 5000 } });
  assert.equal(dev.status, 'Active');
  assert.equal(dev.location, BERLIN.toString());
  // Ids are accepted as numbers or decimal strings.
  assert.deepEqual(await depin('device', String(device)), dev);
  const mine = await depin('devicesByOwner', alice.address, null, 100);
  assert.ok(mine.items.some(([id]) => id === String(device)));
  assert.equal(mine.next, null);

  // Its report and the epoch summary.
  const record = await depin('deviceRecord', epoch, device);
  assert.equal(record.class, 'Energy');
  assert.equal(record.reported.energyWh, 80);
  assert.equal(record.verified.energyWh, 80);
  assert.equal(record.quorum, true);
  assert.match(record.points, /^[0-9]+$/);
  const summary = await depin('epochSummary', epoch);
  assert.equal(summary.closed, false);
  assert.equal(summary.classes[2].devices, 1);
  assert.equal(summary.classes[2].points, record.points);

  // The deployment, its blueprint and their KPIs.
  assert.equal((await depin('deployment', deployment)).name, 'Rooftops');
  assert.equal((await depin('blueprint', blueprint)).source, deployment);
  const kpis = await depin('blueprintKpis', blueprint);
  assert.equal(kpis.totals.deviceEpochs, '1');
  assert.equal(kpis.totals.energyWh, '80');
  assert.equal(kpis.totals.points, record.points);
  assert.equal(kpis.uptimeRatio, 1_000_000_000);
  assert.deepEqual(await depin('deploymentKpis', deployment), kpis);
  const ranked = await depin('blueprintsRanked', 'Energy', null, 1);
  assert.equal(ranked.items.length, 1);
  assert.equal(ranked.items[0][0], blueprint);

  // The network at a glance: the census counts the active energy device, the epoch its report.
  const overview = await depin('overview');
  assert.equal(overview.epoch, epoch);
  assert.ok(overview.devices[2][1] >= 1, 'active energy devices');
  assert.ok(overview.reporting[2] >= 1, 'energy devices reporting');
  assert.ok(overview.states.registered >= 1 && overview.states.active >= 1);
  assert.equal(overview.validators, 1);
  assert.ok(overview.blueprints >= 1);
  assert.match(overview.minted, /^[0-9]+$/);
  const earlier = await depin('overview', before);
  assert.equal(earlier.devices[2][1], overview.devices[2][1] - 1);

  // At an older block, the device did not exist yet.
  await assert.rejects(depin('device', device, before), (e) => e.code === 4004 && e.message === `device ${device} not found`);
  assert.equal((await depin('networkState', state, before)).name, 'Open Grid');
});

test('bad depin_* requests get clear JSON-RPC errors', async () => {
  const invalid = (pattern) => (e) => e.code === -32602 && pattern.test(e.message);
  const missing = (pattern) => (e) => e.code === 4004 && pattern.test(e.message);
  await assert.rejects(depin('device', 123456789), missing(/^device 123456789 not found$/));
  await assert.rejects(depin('networkState', 4_000_000), missing(/^state 4000000 not found$/));
  await assert.rejects(depin('vault', 77), missing(/^vault 77 not found$/));
  await assert.rejects(depin('blueprintKpis', 999), missing(/^blueprint 999 not found$/));
  await assert.rejects(depin('epochSummary', 1_000_000), missing(/epoch 1000000/));
  await assert.rejects(depin('devicesByState', 0, null, 101), invalid(/limit must be between 1 and 100, got 101/));
  await assert.rejects(depin('vaults', null, 0), invalid(/limit must be between 1 and 100/));
  await assert.rejects(depin('devicesByOwner', 'not-an-address'), invalid(/owner is not an SS58 address/));
  await assert.rejects(depin('members', 0, 'x'), invalid(/cursor is not an SS58 address/));
  await assert.rejects(depin('rolesOf', 4_000_000, 'jJAyDuXeScZrCFk8HWmaMPpee8xskFR8HwTDwrakwfVsm7hL6'), missing(/^state 4000000 not found$/));
  await assert.rejects(depin('device', -1), invalid(/device must be a non-negative integer/));
  await assert.rejects(depin('device', 'seven'), invalid(/device must be a non-negative integer/));
  await assert.rejects(depin('devicesByState', 0, 'x', 10), invalid(/cursor must be a non-negative integer/));
  await assert.rejects(depin('blueprintsRanked', 'Speed'), invalid(/unknown KPI Speed/));
  await assert.rejects(depin('networkState', 0, `0x${'11'.repeat(32)}`), missing(/^block 0x1111/));
  await assert.rejects(depin('networkState', 0, 'latest'), invalid(/at must be a block hash/));
});

test('depin_subscribeEpochs and depin_subscribeReceipts announce the closed epoch and the receipt', async () => {
  const { api } = node;
  const alice = keyring.addFromUri('//Alice');
  const provider = api._rpcCore.provider;
  const epochs = [];
  const receipts = [];
  const epochSub = await provider.subscribe('depin_epochClosed', 'depin_subscribeEpochs', [], (err, msg) => { if (!err) epochs.push(msg); });
  const receiptSub = await provider.subscribe('depin_receipt', 'depin_subscribeReceipts', [{ device: reported.device }], (err, msg) => { if (!err) receipts.push(msg); });
  await assert.rejects(provider.subscribe('depin_receipt', 'depin_subscribeReceipts', [{ vault: 1 }], () => {}), /expected \{"device": id\} or \{"owner": address\}/);

  // Seal blocks until the epoch has closed and its receipt exists.
  for (let i = 0; i < 60 && !(epochs.some((m) => m.epoch === reported.epoch) && receipts.length > 0); i++) {
    await submitAndWaitFinalized(api.tx.system.remark('0x00'), alice);
    await new Promise((r) => setTimeout(r, 100));
  }
  const closed = epochs.find((m) => m.epoch === reported.epoch);
  assert.ok(closed, `no depin_epochClosed for epoch ${reported.epoch}: got ${JSON.stringify(epochs.map((m) => m.epoch))}`);
  assert.equal(closed.summary.closed, true);
  assert.equal(closed.summary.classes[2].devices, 1);
  // Epochs are announced once each, in order.
  const announced = epochs.map((m) => m.epoch);
  assert.deepEqual(announced, [...new Set(announced)].sort((a, b) => a - b));

  assert.ok(receipts.length > 0, 'no depin_receipt');
  const { device, receipt } = receipts[0];
  assert.equal(device, String(reported.device));
  assert.equal(receipt.epoch, reported.epoch);
  assert.equal(receipt.class, 'Energy');
  const onChain = (await api.call.depinRewardsApi.rewardReceipt(reported.device, reported.epoch)).unwrap();
  assert.equal(receipt.amount, onChain.amount.toString());
  // The receipt says how the points came about: the verified metrics and the multipliers.
  assert.equal(receipt.attested.verified.energyWh, 80);
  assert.equal(receipt.attested.quorum, true);
  assert.equal(receipt.attested.verification, 1_000_000_000); // a verifier quorum: full points
  assert.equal(receipt.attested.fraudulent, false);
  assert.equal(receipts.filter((r) => r.receipt.epoch === reported.epoch).length, 1, 'one message per receipt');

  // One connection holds at most 16 depin subscriptions (two are open): the 17th is refused with
  // a clear error, and unsubscribing makes room again.
  const more = [];
  for (let i = 0; i < 14; i++) more.push(await provider.subscribe('depin_epochClosed', 'depin_subscribeEpochs', [], () => {}));
  await assert.rejects(provider.subscribe('depin_epochClosed', 'depin_subscribeEpochs', [], () => {}), /a connection may hold 16 depin subscriptions/);
  await provider.unsubscribe('depin_epochClosed', 'depin_unsubscribeEpochs', more.pop());
  more.push(await provider.subscribe('depin_epochClosed', 'depin_subscribeEpochs', [], () => {}));
  for (const id of more) await provider.unsubscribe('depin_epochClosed', 'depin_unsubscribeEpochs', id);

  await provider.unsubscribe('depin_epochClosed', 'depin_unsubscribeEpochs', epochSub);
  await provider.unsubscribe('depin_receipt', 'depin_unsubscribeReceipts', receiptSub);
});
