// End-to-end: network states, citizens and devices through the real node. Alice registers a
// state and verifies Bob as a citizen; Bob registers a device whose fresh key proves possession;
// a steward activates it; dashboards read it back over JSON-RPC (runtime API and storage).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { asRoot, possessionPayload } from './lib/depin.mjs';

// A resolution-9 H3 cell in Berlin.
const BERLIN = 0x891f1d48947ffffn;
let node;
let keyring;
let alice;
let bob;
let charlie;

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode(['--sealing', 'instant']);
  keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
  charlie = keyring.addFromUri('//Charlie');
});

after(async () => {
  await node?.stop();
});

function eventOf(events, section, method) {
  const found = events.find(({ event }) => event.section === section && event.method === method);
  assert.ok(found, `no ${section}.${method} in ${events.map(({ event }) => `${event.section}.${event.method}`)}`);
  return found.event;
}

test('a state verifies a citizen, who registers a device that a steward activates and RPC reads back', async () => {
  const { api } = node;

  // Alice applies for a network state; she is its admin and posts the admission bond.
  const stateId = (await api.query.networkStates.nextStateId()).toNumber();
  const reg = await submitAndWaitFinalized(
    api.tx.networkStates.registerState('Neukölln Commons', 'ipfs://bafy-charter', alice.address),
    alice,
  );
  const registered = eventOf(reg.events, 'networkStates', 'StateRegistered');
  assert.equal(registered.data.state.toNumber(), stateId);
  assert.equal(registered.data.admin.toString(), alice.address);
  assert.equal(registered.data.bond.toBigInt(), api.consts.networkStates.admissionBond.toBigInt());
  // An applicant grants no roles until governance (root here) admits it.
  await assert.rejects(
    submitAndWaitFinalized(api.tx.networkStates.grantRole(stateId, charlie.address, 'Steward'), alice),
    /networkStates\.StateNotAdmitted/,
  );
  const admitted = await asRoot(api, api.tx.networkStates.admitState(stateId));
  assert.ok(admitted.some((r) => r.event.section === 'networkStates' && r.event.method === 'StateAdmitted'));

  // Alice appoints Charlie steward and verifies Bob as a citizen.
  await submitAndWaitFinalized(api.tx.networkStates.grantRole(stateId, charlie.address, 'Steward'), alice);
  const granted = await submitAndWaitFinalized(api.tx.networkStates.grantRole(stateId, bob.address, 'Citizen'), alice);
  eventOf(granted.events, 'networkStates', 'RoleGranted');
  const membership = await api.query.networkStates.members(stateId, bob.address);
  assert.ok(membership.isSome);

  // Bob's device has its own fresh key; it signs the possession payload for Bob's nonce.
  const device = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
  const nonce = (await api.query.devices.registrationNonce(bob.address)).toNumber();
  const proof = device.sign(possessionPayload(api, bob.address, device.publicKey, nonce));
  const deviceId = (await api.query.devices.nextDeviceId()).toNumber();
  const solarModel = 4; // "Hybrid solar inverter 5 kW" in the development preset
  // A model is approved with its maximal spec: a device of it declares a spec within it.
  const model = (await api.query.devices.hardwareModels(solarModel)).unwrap();
  assert.equal(model.name.toUtf8(), 'Hybrid solar inverter 5 kW');
  assert.equal(model.maxSpec.isEnergy, true);
  assert.equal(model.maxSpec.asEnergy.ratedWatts.toNumber(), 5000);
  const registeredDevice = await submitAndWaitFinalized(
    api.tx.devices.registerDevice(
      stateId,
      { Energy: { ratedWatts: 5000 } },
      solarModel,
      BERLIN,
      'ipfs://bafy-panel',
      { Sr25519: device.publicKey },
      { Sr25519: proof },
      null,
    ),
    bob,
  );
  const ev = eventOf(registeredDevice.events, 'devices', 'DeviceRegistered');
  assert.equal(ev.data.device.toNumber(), deviceId);
  assert.equal(ev.data.owner.toString(), bob.address);
  assert.equal(ev.data.makerAttested.isTrue, false, 'no maker certificate');

  // Replaying the same proof is refused: the nonce moved on (and the key is taken).
  await assert.rejects(
    submitAndWaitFinalized(
      api.tx.devices.registerDevice(stateId, { Energy: { ratedWatts: 5000 } }, solarModel, BERLIN, '', { Sr25519: device.publicKey }, { Sr25519: proof }, null),
      bob,
    ),
    /devices\.DeviceKeyInUse/,
  );

  // Bob is no steward; Charlie is.
  await assert.rejects(submitAndWaitFinalized(api.tx.devices.activateDevice(deviceId), bob), /devices\.NotSteward/);
  const activated = await submitAndWaitFinalized(api.tx.devices.activateDevice(deviceId), charlie);
  eventOf(activated.events, 'devices', 'DeviceActivated');

  // Read back over JSON-RPC: the runtime API (state_call) and storage.
  const viaApi = await api.call.depinRegistryApi.device(deviceId);
  assert.ok(viaApi.isSome, 'device readable through DepinRegistryApi');
  const info = viaApi.unwrap();
  assert.equal(info.owner.toString(), bob.address);
  assert.equal(info.state.toNumber(), stateId);
  assert.equal(info.status.toString(), 'Active');
  assert.equal(info.location.toBigInt(), BERLIN);
  assert.equal(info.spec.asEnergy.ratedWatts.toNumber(), 5000);
  assert.equal(u8aToHex(info.key.asSr25519), u8aToHex(device.publicKey));

  const page = await api.call.depinRegistryApi.devicesByOwner(bob.address, null, 10);
  assert.deepEqual(page.items.map(([id]) => id.toNumber()), [deviceId]);
  assert.ok(page.next.isNone);
  const byState = await api.call.depinRegistryApi.devicesByState(stateId, null, 10);
  assert.equal(byState.items.length, 1);

  const state = (await api.call.depinRegistryApi.networkState(stateId)).unwrap();
  assert.equal(state.name.toUtf8(), 'Neukölln Commons');
  assert.equal(state.roles.citizens.toNumber(), 1);
  assert.equal(state.roles.stewards.toNumber(), 1);

  const stored = (await api.query.devices.devices(deviceId)).unwrap();
  assert.equal(stored.status.toString(), 'Active');
  // Bob's deposit is held under the devices pallet's reason.
  const holds = await api.query.balances.holds(bob.address);
  const deviceHold = holds.find((h) => JSON.stringify(h.id.toJSON()) === '{"devices":"DeviceDeposit"}');
  assert.ok(deviceHold, `holds ${holds.toString()}`);
  assert.equal(deviceHold.amount.toBigInt(), api.consts.devices.deviceDeposit.toBigInt());
});

test('bad input gets a named error: unknown state, not a citizen, oversized name', async () => {
  const { api } = node;
  const device = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
  const dave = keyring.addFromUri('//Dave');
  const proof = device.sign(possessionPayload(api, dave.address, device.publicKey, 0));
  await assert.rejects(
    submitAndWaitFinalized(
      api.tx.devices.registerDevice(999, { Energy: { ratedWatts: 1 } }, 4, BERLIN, '', { Sr25519: device.publicKey }, { Sr25519: proof }, null),
      dave,
    ),
    /devices\.StateNotFound/,
  );
  await assert.rejects(
    submitAndWaitFinalized(
      api.tx.devices.registerDevice(0, { Energy: { ratedWatts: 1 } }, 4, BERLIN, '', { Sr25519: device.publicKey }, { Sr25519: proof }, null),
      dave,
    ),
    /devices\.NotCitizen/,
  );
  await assert.rejects(
    submitAndWaitFinalized(api.tx.networkStates.registerState('x'.repeat(65), '', dave.address), dave),
    /networkStates\.NameTooLong/,
  );
});
