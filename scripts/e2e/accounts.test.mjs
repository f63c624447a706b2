// End-to-end: accounts that organisations use, through the real node and polkadot.js. A 2-of-3
// multisig takes over a state's admin role and verifies a citizen; the citizen's device is run
// by an operator proxy, which submits the device's report for her and is refused a transfer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, createKeyMulti, cryptoWaitReady, encodeAddress, mnemonicGenerate, sortAddresses } from '@polkadot/util-crypto';
import { startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { freshEpoch, possessionPayload, registerState, reportPayload } from './lib/depin.mjs';

const ATH = 10n ** 12n;
const SS58 = 2432;
const BERLIN = 0x891f1d48947ffffn;
let node;
let keyring;

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode(['--sealing', 'instant']);
  keyring = new Keyring({ type: 'sr25519', ss58Format: SS58 });
});

after(async () => {
  await node?.stop();
});

const eventsOf = (events, section, method) => events.map((r) => r.event).filter((e) => e.section === section && e.method === method);

/** `first` approves and `second` executes `call` as the 2-of-`signatories` multisig. */
async function twoOf(api, signatories, [first, second], call) {
  const others = (me) => sortAddresses(signatories.filter((a) => a !== me.address), SS58);
  const hash = blake2AsHex(call.method.toU8a());
  await submitAndWaitFinalized(api.tx.multisig.approveAsMulti(2, others(first), null, hash, { refTime: 0, proofSize: 0 }), first);
  const multi = encodeAddress(createKeyMulti(signatories, 2), SS58);
  const pending = (await api.query.multisig.multisigs(multi, hash)).unwrap();
  const info = await call.paymentInfo(second);
  const { events } = await submitAndWaitFinalized(api.tx.multisig.asMulti(2, others(second), pending.when, call.method.toHex(), info.weight), second);
  const executed = eventsOf(events, 'multisig', 'MultisigExecuted');
  assert.equal(executed.length, 1, 'MultisigExecuted');
  const result = executed[0].data.result;
  if (result.isErr) {
    const err = result.asErr;
    const reason = err.isModule ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(err.asModule)) : err.toString();
    throw new Error(`multisig call failed: ${reason}`);
  }
  return events;
}

test('a 2-of-3 multisig admin verifies a citizen; an operator proxy reports for her and cannot transfer', async () => {
  const { api } = node;
  const [alice, bob, charlie, dave, eve, ferdie] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map((u) => keyring.addFromUri(u));
  const send = (tx, who) => submitAndWaitFinalized(tx, who);

  // Alice's state hands its admin role to the multisig of Bob, Charlie and Dave.
  const state = await registerState(api, 'Commons Federation', alice);
  const signatories = [bob.address, charlie.address, dave.address];
  const multisig = encodeAddress(createKeyMulti(signatories, 2), SS58);
  // The new admin takes over the state's deposit and admission bond.
  const bond = api.consts.networkStates.admissionBond.toBigInt();
  await send(api.tx.balances.transferKeepAlive(multisig, bond + 1_000n * ATH), alice);
  await send(api.tx.networkStates.transferAdmin(state, multisig), alice);
  await twoOf(api, signatories, [bob, charlie], api.tx.networkStates.acceptAdmin(state));
  assert.equal((await api.query.networkStates.states(state)).unwrap().admin.toString(), multisig);

  // One signatory alone is not the admin.
  await assert.rejects(send(api.tx.networkStates.grantRole(state, eve.address, 'Citizen'), bob), /networkStates\.NotAdminOrSteward/);
  // Two of them verify Eve as a citizen and appoint Charlie steward, in one batch.
  const granted = await twoOf(api, signatories, [charlie, dave], api.tx.utility.batchAll([
    api.tx.networkStates.grantRole(state, eve.address, 'Citizen'),
    api.tx.networkStates.grantRole(state, charlie.address, 'Steward'),
  ]));
  assert.equal(eventsOf(granted, 'networkStates', 'RoleGranted').length, 2);
  assert.ok((await api.query.networkStates.members(state, eve.address)).isSome, 'Eve is a member');

  // Eve registers a router; the steward activates it.
  const key = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
  const nonce = (await api.query.devices.registrationNonce(eve.address)).toNumber();
  const device = (await api.query.devices.nextDeviceId()).toNumber();
  await send(api.tx.devices.registerDevice(state, { Connectivity: { linkCapacityKbps: 100000 } }, 2, BERLIN, '', { Sr25519: key.publicKey }, { Sr25519: key.sign(possessionPayload(api, eve.address, key.publicKey, nonce)) }, null), eve);
  await send(api.tx.devices.activateDevice(device), charlie);

  // Eve makes Ferdie (her gateway) an operator proxy; he submits the device's report for her.
  await send(api.tx.proxy.addProxy(ferdie.address, 'Operator', 0), eve);
  // A fresh epoch: the device was active all of it (a report covers only the part after the
  // device's activation).
  const epoch = await freshEpoch(api, alice);
  const metrics = { uptimeSecs: 30, bandwidthBytes: 100_000_000, energyWh: 0, computeUnits: 0, samples: 0 };
  const report = { device, metrics, signature: { Sr25519: key.sign(reportPayload(api, device, epoch, metrics)) } };
  const reported = await send(api.tx.proxy.proxy(eve.address, null, api.tx.attestations.submitReports(epoch, [report])), ferdie);
  const [executed] = eventsOf(reported.events, 'proxy', 'ProxyExecuted');
  assert.ok(executed.data.result.isOk, `the proxied report: ${executed.data.result.toString()}`);
  assert.equal(eventsOf(reported.events, 'attestations', 'ReportsAccepted')[0].data.count.toNumber(), 1);

  // A transfer from Eve's account is outside the operator type: filtered, nothing moves.
  const before = (await api.query.system.account(eve.address)).data.free.toBigInt();
  const refused = await send(api.tx.proxy.proxy(eve.address, null, api.tx.balances.transferKeepAlive(ferdie.address, 10n * ATH)), ferdie);
  const [outcome] = eventsOf(refused.events, 'proxy', 'ProxyExecuted');
  assert.ok(outcome.data.result.isErr);
  const err = outcome.data.result.asErr;
  const { section, name } = api.registry.findMetaError(err.asModule);
  assert.equal(`${section}.${name}`, 'system.CallFiltered');
  assert.equal((await api.query.system.account(eve.address)).data.free.toBigInt(), before);
});
