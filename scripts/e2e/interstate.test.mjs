// End-to-end: the interstate registry through the real node. Two network states recognise each
// other (each asks, the other's admin accepts), a third asks and is declined, and every
// direction is read back over RPC with the runtime API. Then one state publishes a blueprint of
// its deployment and another adopts it for its own. Last, a deployment's devices report for an
// epoch (confirmed by a quorum of the verifier pool), its blueprint is adopted, and the
// blueprint's live KPIs, its ranking and a co-use agreement are read back over RPC.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { attestAll, freshEpoch, possessionPayload, registerState, reportPayload, verifierPool } from './lib/depin.mjs';

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

const ids = (page) => page.items.map((s) => s.toNumber()).sort((a, b) => a - b);

test('two states recognise each other, a third is declined, and RPC reads both directions', async () => {
  const { api } = node;
  const [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
  const send = (tx, who) => submitAndWaitFinalized(tx, who);
  const register = (name, admin) => registerState(api, name, admin);
  const solar = await register('Solar Commons', alice);
  const mesh = await register('Mesh Republic', bob);
  const grid = await register('Grid Village', charlie);

  // Solar asks Mesh; only Mesh's admin can answer, and nobody recognises itself.
  await assert.rejects(send(api.tx.interstate.requestRecognition(solar, solar), alice), /interstate\.CannotRecogniseSelf/);
  await send(api.tx.interstate.requestRecognition(solar, mesh), alice);
  await assert.rejects(send(api.tx.interstate.requestRecognition(solar, mesh), alice), /interstate\.AlreadyRequested/);
  assert.deepEqual(ids(await api.call.depinInterstateApi.recognitionRequests(mesh, null, 100)), [solar]);
  await assert.rejects(send(api.tx.interstate.acceptRecognition(mesh, solar), alice), /interstate\.NotStateAdmin/);
  const accepted = await send(api.tx.interstate.acceptRecognition(mesh, solar), bob);
  const event = accepted.events.map(({ event }) => event).find((e) => e.section === 'interstate' && e.method === 'Recognised');
  assert.equal(event.data.state.toNumber(), solar);
  assert.equal(event.data.by.toNumber(), mesh);

  // And the other way round.
  await send(api.tx.interstate.requestRecognition(mesh, solar), bob);
  await send(api.tx.interstate.acceptRecognition(solar, mesh), alice);

  // Grid asks Solar and is declined.
  await send(api.tx.interstate.requestRecognition(grid, solar), charlie);
  await send(api.tx.interstate.declineRecognition(solar, grid), alice);

  const call = api.call.depinInterstateApi;
  assert.deepEqual(ids(await call.recognitionsOf(solar, null, 100)), [mesh]);
  assert.deepEqual(ids(await call.recognitionsOf(mesh, null, 100)), [solar]);
  assert.deepEqual(ids(await call.recognisedBy(solar, null, 100)), [mesh]);
  assert.deepEqual(ids(await call.recognisedBy(mesh, null, 100)), [solar]);
  assert.deepEqual(ids(await call.recognisedBy(grid, null, 100)), []);
  assert.deepEqual(ids(await call.recognitionRequests(solar, null, 100)), []);
  assert.equal((await call.isRecognised(solar, mesh)).isTrue, true);
  assert.equal((await call.isRecognised(solar, grid)).isTrue, false);

  // A state linked to others cannot deregister until the links are withdrawn.
  await assert.rejects(send(api.tx.networkStates.deregisterState(mesh), bob), /networkStates\.StateHasRecognitions/);
  await send(api.tx.interstate.withdrawRecognition(mesh, solar), bob);
  await send(api.tx.interstate.withdrawRecognition(mesh, solar), bob);
  assert.deepEqual(ids(await call.recognisedBy(mesh, null, 100)), []);
  assert.deepEqual(ids(await call.recognitionsOf(mesh, null, 100)), []);
  await send(api.tx.networkStates.deregisterState(mesh), bob);
});

test('a state publishes a blueprint of its deployment and another state adopts it', async () => {
  const { api } = node;
  const [alice, bob] = ['//Alice', '//Bob'].map((u) => keyring.addFromUri(u));
  const send = (tx, who) => submitAndWaitFinalized(tx, who);
  const call = api.call.depinInterstateApi;
  const register = (name, admin) => registerState(api, name, admin);
  const village = await register('Village Energy', alice);
  const valley = await register('Valley Co-op', bob);
  const BERLIN = 0x891f1d48947ffffn;

  // Village's microgrid.
  const microgrid = (await api.query.deployments.nextDeploymentId()).toNumber();
  await assert.rejects(send(api.tx.deployments.createDeployment(village, 'Microgrid', '', [0], null), alice), /deployments\.BadCell/);
  await send(api.tx.deployments.createDeployment(village, 'Village microgrid', 'ipfs://grid', [BERLIN], null), alice);
  const page = await call.deploymentsOf(village, null, 100);
  assert.deepEqual(page.items.map(([id]) => id.toNumber()), [microgrid]);
  assert.equal(page.items[0][1].name.toUtf8(), 'Village microgrid');

  // Its blueprint: 40 panels and 10 sensors.
  const blueprint = (await api.query.deployments.nextBlueprintId()).toNumber();
  const spec = {
    name: 'Solar microgrid', metadataUri: 'ipfs://playbook', deviceMix: [0, 0, 40, 10], hardwareModels: [4],
    expectedOutput: { uptimeSecs: 3600, bandwidthBytes: 0, energyWh: 200000, computeUnits: 0, samples: 0 },
    cost: 1_000_000_000_000_000n, source: microgrid,
  };
  await assert.rejects(send(api.tx.deployments.publishBlueprint(valley, spec), bob), /deployments\.DeploymentOfOtherState/);
  await send(api.tx.deployments.publishBlueprint(village, spec), alice);

  // Valley replicates it.
  const copy = (await api.query.deployments.nextDeploymentId()).toNumber();
  await send(api.tx.deployments.createDeployment(valley, 'Valley microgrid', '', [BERLIN], null), bob);
  await assert.rejects(send(api.tx.deployments.adoptBlueprint(blueprint + 1, copy), bob), /deployments\.BlueprintNotFound/);
  const adopted = await send(api.tx.deployments.adoptBlueprint(blueprint, copy), bob);
  assert.ok(adopted.events.some(({ event }) => event.section === 'deployments' && event.method === 'BlueprintAdopted'));
  const read = (await call.blueprint(blueprint)).unwrap();
  assert.equal(read.adoptions.toNumber(), 1);
  assert.equal(read.source.unwrap().toNumber(), microgrid);
  assert.deepEqual(read.deviceMix.map((n) => n.toNumber()), [0, 0, 40, 10]);
  assert.equal((await call.deployment(copy)).unwrap().blueprint.unwrap().toNumber(), blueprint);
  await assert.rejects(send(api.tx.deployments.adoptBlueprint(blueprint, copy), bob), /deployments\.AlreadyAdopted/);
});

test('devices of a deployment report; its blueprint\'s KPIs, ranking and a co-use agreement read back', async () => {
  const { api } = node;
  const [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
  const send = (tx, who) => submitAndWaitFinalized(tx, who);
  const call = api.call.depinInterstateApi;
  const BERLIN = 0x891f1d48947ffffn;
  const register = (name, admin) => registerState(api, name, admin);
  const sun = await register('Sun Valley', alice);
  const hills = await register('Mesh Hills', bob);
  await send(api.tx.interstate.requestRecognition(sun, hills), alice);
  await send(api.tx.interstate.acceptRecognition(hills, sun), bob);
  await send(api.tx.interstate.requestRecognition(hills, sun), bob);
  await send(api.tx.interstate.acceptRecognition(sun, hills), alice);

  // Sun Valley's admin registers two 5 kW inverters and groups them in a deployment.
  const devices = [];
  for (let i = 0; i < 2; i++) {
    const key = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
    const nonce = (await api.query.devices.registrationNonce(alice.address)).toNumber();
    const id = (await api.query.devices.nextDeviceId()).toNumber();
    await send(api.tx.devices.registerDevice(sun, { Energy: { ratedWatts: 5000 } }, 4, BERLIN, '', { Sr25519: key.publicKey }, { Sr25519: key.sign(possessionPayload(api, alice.address, key.publicKey, nonce)) }, null), alice);
    devices.push({ id, key });
  }
  await send(api.tx.utility.batchAll(devices.map(({ id }) => api.tx.devices.activateDevice(id))), alice);
  const grid = (await api.query.deployments.nextDeploymentId()).toNumber();
  await send(api.tx.deployments.createDeployment(sun, 'Sun Valley grid', 'ipfs://sun', [BERLIN], null), alice);
  await send(api.tx.utility.batchAll(devices.map(({ id }) => api.tx.deployments.addDevice(grid, id))), alice);
  const blueprint = (await api.query.deployments.nextBlueprintId()).toNumber();
  await send(api.tx.deployments.publishBlueprint(sun, {
    name: 'Two-inverter grid', metadataUri: 'ipfs://sun-playbook', deviceMix: [0, 0, 2, 0], hardwareModels: [4],
    expectedOutput: { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 0, samples: 0 },
    cost: 0, source: grid,
  }), alice);

  // Three verifiers join the pool; they serve from the next epoch.
  const verifiers = await verifierPool(api, alice);

  // Both report for a fresh epoch (10 blocks of 6 s: at most 60 s of uptime; a report covers
  // only the part of the epoch after the device's activation).
  const epoch = await freshEpoch(api, alice);
  const metrics = [
    { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 0, samples: 0 },
    { uptimeSecs: 30, bandwidthBytes: 0, energyWh: 40, computeUnits: 0, samples: 0 },
  ];
  await send(api.tx.attestations.submitReports(epoch, devices.map(({ id, key }, i) => ({
    device: id, metrics: metrics[i], signature: { Sr25519: key.sign(reportPayload(api, id, epoch, metrics[i])) },
  }))), alice);
  // Unverified, only the uptime counts: the reported energy is in no KPI.
  let kpis = (await call.blueprintKpis(blueprint)).unwrap();
  assert.equal(kpis.totals.deviceEpochs.toNumber(), 2);
  assert.equal(kpis.totals.uptimeSecs.toNumber(), 90);
  assert.equal(kpis.totals.energyWh.toNumber(), 0);
  // The verifiers observe what the devices reported: with the quorum the energy counts.
  await attestAll(api, verifiers, epoch, devices.map(({ id }, i) => [id, metrics[i]]));
  // Live while the epoch runs: the figures are in, the device count is not final yet.
  kpis = (await call.blueprintKpis(blueprint)).unwrap();
  assert.equal(kpis.totals.deviceEpochs.toNumber(), 2);
  assert.equal(kpis.totals.energyWh.toNumber(), 120);
  assert.equal(kpis.devicesActive.toNumber(), 0);

  // Seal blocks until the epoch closes.
  for (let i = 0; i < 30 && !(await api.call.depinAttestationsApi.epochSummary(epoch)).closed.isTrue; i++) {
    await send(api.tx.system.remark('0x00'), charlie);
  }
  assert.equal((await api.call.depinAttestationsApi.epochSummary(epoch)).closed.isTrue, true);

  // Mesh Hills replicates the blueprint; the blueprint's KPIs are the sum over its deployments.
  const copy = (await api.query.deployments.nextDeploymentId()).toNumber();
  await send(api.tx.deployments.createDeployment(hills, 'Hills grid', '', [BERLIN], null), bob);
  await send(api.tx.deployments.adoptBlueprint(blueprint, copy), bob);
  kpis = (await call.blueprintKpis(blueprint)).unwrap();
  const records = await Promise.all(devices.map(({ id }) => api.call.depinAttestationsApi.deviceRecord(epoch, id)));
  const points = records.reduce((sum, r) => sum + r.unwrap().points.toBigInt(), 0n);
  assert.equal(kpis.totals.deviceEpochs.toNumber(), 2);
  assert.equal(kpis.totals.uptimeSecs.toNumber(), 90);
  assert.equal(kpis.totals.possibleSecs.toNumber(), 120);
  assert.equal(kpis.totals.energyWh.toNumber(), 120);
  assert.equal(kpis.totals.points.toBigInt(), points);
  assert.equal(kpis.uptimeRatio.toNumber(), 750_000_000); // 75 % in parts per billion
  assert.equal(kpis.devicesActive.toNumber(), 2);
  assert.deepEqual((await call.deploymentKpis(grid)).unwrap().totals.toJSON(), kpis.totals.toJSON());
  assert.equal((await call.deploymentKpis(copy)).unwrap().totals.deviceEpochs.toNumber(), 0);

  // The leaderboard: the only blueprint with measured energy ranks first.
  const ranked = await call.blueprintsRanked('Energy', null, 100);
  assert.equal(ranked.items[0][0].toNumber(), blueprint);
  assert.equal(ranked.items[0][1].totals.energyWh.toNumber(), 120);
  const byUptime = await call.blueprintsRanked('UptimeRatio', null, 1);
  assert.equal(byUptime.items.length, 1);

  // Co-use: Sun Valley lets Mesh Hills' citizens use its grid for 100 blocks, 10 % to its pool.
  const device = devices[0].id;
  assert.equal((await call.usageAllowed(hills, device)).isTrue, false);
  await assert.rejects(send(api.tx.interstate.grantUsage(sun, sun, { Deployment: grid }, 100, 100_000_000), alice), /interstate\.CannotAgreeWithSelf/);
  // A host's admin cannot take more of its citizens' rewards than governance allows (20 %).
  await assert.rejects(send(api.tx.interstate.grantUsage(sun, hills, { Deployment: grid }, 100, 300_000_000), alice), /interstate\.HostShareTooHigh/);
  const granted = await send(api.tx.interstate.grantUsage(sun, hills, { Deployment: grid }, 100, 100_000_000), alice);
  const ev = granted.events.map(({ event }) => event).find((e) => e.section === 'interstate' && e.method === 'UsageGranted');
  const agreement = ev.data.agreement.toNumber();
  assert.equal(ev.data.hostShare.toNumber(), 100_000_000);
  assert.equal((await call.usageAllowed(hills, device)).isTrue, true);
  const hosted = await call.agreementsHostedBy(sun, null, 100);
  assert.deepEqual(hosted.items.map(([id]) => id.toNumber()), [agreement]);
  const granted2 = await call.agreementsGrantedTo(hills, null, 100);
  assert.equal(granted2.items[0][1].scope.asDeployment.toNumber(), grid);
  await assert.rejects(send(api.tx.interstate.expireAgreement(agreement), charlie), /interstate\.AgreementNotExpired/);
  await send(api.tx.interstate.endAgreement(agreement), bob);
  assert.equal((await call.usageAllowed(hills, device)).isTrue, false);
  assert.equal((await call.agreement(agreement)).isNone, true);
});
