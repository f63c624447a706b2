// End-to-end: the interstate registry through the real node. Two network states recognise each
// other (each asks, the other's admin accepts), a third asks and is declined, and every
// direction is read back over RPC with the runtime API. Then one state publishes a blueprint of
// its deployment and another adopts it for its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startDevNode, submitAndWaitFinalized } from './lib/node.mjs';

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
  const register = async (name, admin) => {
    const id = (await api.query.sovereignRegistry.nextStateId()).toNumber();
    await send(api.tx.sovereignRegistry.registerState(name, '', admin.address), admin);
    return id;
  };
  const solar = await register('Solar Commons', alice);
  const mesh = await register('Mesh Republic', bob);
  const grid = await register('Grid Village', charlie);

  // Solar asks Mesh; only Mesh's admin can answer, and nobody recognises itself.
  await assert.rejects(send(api.tx.sovereignRegistry.requestRecognition(solar, solar), alice), /sovereignRegistry\.CannotRecogniseSelf/);
  await send(api.tx.sovereignRegistry.requestRecognition(solar, mesh), alice);
  await assert.rejects(send(api.tx.sovereignRegistry.requestRecognition(solar, mesh), alice), /sovereignRegistry\.AlreadyRequested/);
  assert.deepEqual(ids(await api.call.depinInterstateApi.recognitionRequests(mesh, null, 100)), [solar]);
  await assert.rejects(send(api.tx.sovereignRegistry.acceptRecognition(mesh, solar), alice), /sovereignRegistry\.NotAdmin/);
  const accepted = await send(api.tx.sovereignRegistry.acceptRecognition(mesh, solar), bob);
  const event = accepted.events.map(({ event }) => event).find((e) => e.section === 'sovereignRegistry' && e.method === 'Recognised');
  assert.equal(event.data.state.toNumber(), solar);
  assert.equal(event.data.by.toNumber(), mesh);

  // And the other way round.
  await send(api.tx.sovereignRegistry.requestRecognition(mesh, solar), bob);
  await send(api.tx.sovereignRegistry.acceptRecognition(solar, mesh), alice);

  // Grid asks Solar and is declined.
  await send(api.tx.sovereignRegistry.requestRecognition(grid, solar), charlie);
  await send(api.tx.sovereignRegistry.declineRecognition(solar, grid), alice);

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
  await assert.rejects(send(api.tx.sovereignRegistry.deregisterState(mesh), bob), /sovereignRegistry\.StateHasRecognitions/);
  await send(api.tx.sovereignRegistry.withdrawRecognition(mesh, solar), bob);
  await send(api.tx.sovereignRegistry.withdrawRecognition(mesh, solar), bob);
  assert.deepEqual(ids(await call.recognisedBy(mesh, null, 100)), []);
  assert.deepEqual(ids(await call.recognitionsOf(mesh, null, 100)), []);
  await send(api.tx.sovereignRegistry.deregisterState(mesh), bob);
});

test('a state publishes a blueprint of its deployment and another state adopts it', async () => {
  const { api } = node;
  const [alice, bob] = ['//Alice', '//Bob'].map((u) => keyring.addFromUri(u));
  const send = (tx, who) => submitAndWaitFinalized(tx, who);
  const call = api.call.depinInterstateApi;
  const register = async (name, admin) => {
    const id = (await api.query.sovereignRegistry.nextStateId()).toNumber();
    await send(api.tx.sovereignRegistry.registerState(name, '', admin.address), admin);
    return id;
  };
  const village = await register('Village Energy', alice);
  const valley = await register('Valley Co-op', bob);
  const BERLIN = 0x891f1d48947ffffn;

  // Village's microgrid.
  const microgrid = (await api.query.sovereignRegistry.nextDeploymentId()).toNumber();
  await assert.rejects(send(api.tx.sovereignRegistry.createDeployment(village, 'Microgrid', '', [0], null), alice), /sovereignRegistry\.BadCell/);
  await send(api.tx.sovereignRegistry.createDeployment(village, 'Village microgrid', 'ipfs://grid', [BERLIN], null), alice);
  const page = await call.deploymentsOf(village, null, 100);
  assert.deepEqual(page.items.map(([id]) => id.toNumber()), [microgrid]);
  assert.equal(page.items[0][1].name.toUtf8(), 'Village microgrid');

  // Its blueprint: 40 panels and 10 sensors.
  const blueprint = (await api.query.sovereignRegistry.nextBlueprintId()).toNumber();
  const spec = {
    name: 'Solar microgrid', metadataUri: 'ipfs://playbook', deviceMix: [0, 0, 40, 10], hardwareModels: [4],
    expectedOutput: { uptimeSecs: 3600, bandwidthBytes: 0, energyWh: 200000, computeUnits: 0, samples: 0 },
    cost: 1_000_000_000_000_000n, source: microgrid,
  };
  await assert.rejects(send(api.tx.sovereignRegistry.publishBlueprint(valley, spec), bob), /sovereignRegistry\.DeploymentOfOtherState/);
  await send(api.tx.sovereignRegistry.publishBlueprint(village, spec), alice);

  // Valley replicates it.
  const copy = (await api.query.sovereignRegistry.nextDeploymentId()).toNumber();
  await send(api.tx.sovereignRegistry.createDeployment(valley, 'Valley microgrid', '', [BERLIN], null), bob);
  await assert.rejects(send(api.tx.sovereignRegistry.adoptBlueprint(blueprint + 1, copy), bob), /sovereignRegistry\.BlueprintNotFound/);
  const adopted = await send(api.tx.sovereignRegistry.adoptBlueprint(blueprint, copy), bob);
  assert.ok(adopted.events.some(({ event }) => event.section === 'sovereignRegistry' && event.method === 'BlueprintAdopted'));
  const read = (await call.blueprint(blueprint)).unwrap();
  assert.equal(read.adoptions.toNumber(), 1);
  assert.equal(read.source.unwrap().toNumber(), microgrid);
  assert.deepEqual(read.deviceMix.map((n) => n.toNumber()), [0, 0, 40, 10]);
  assert.equal((await call.deployment(copy)).unwrap().blueprint.unwrap().toNumber(), blueprint);
  await assert.rejects(send(api.tx.sovereignRegistry.adoptBlueprint(blueprint, copy), bob), /sovereignRegistry\.AlreadyAdopted/);
});
