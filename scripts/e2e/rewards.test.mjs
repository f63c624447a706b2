// End-to-end: rewards through the real node. A device reports for a full epoch, a quorum of the
// verifier pool confirms it, the epoch closes and is funded by the monetary policy, the owner
// reads the pending reward over RPC, claims it, and the balance moves by exactly that amount less
// the fee.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { attestAll, freshEpoch, possessionPayload, registerState, reportPayload, verifierPool } from './lib/depin.mjs';

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

async function blockEvents(api, blockHash) {
  return (await (await api.at(blockHash)).query.system.events()).map(({ event }) => event);
}

async function freeAt(api, blockHash, who) {
  return (await (await api.at(blockHash)).query.system.account(who)).data.free.toBigInt();
}

test('a full epoch of reports is funded, the pending reward is read over RPC and claimed exactly', async () => {
  const { api } = node;
  const [alice, bob, ferdie] = ['//Alice', '//Bob', '//Ferdie'].map((u) => keyring.addFromUri(u));
  const send = (tx, who) => submitAndWaitFinalized(tx, who);

  // A state (Alice admin), Bob a citizen with an active 5 kW solar inverter.
  const state = (await api.query.networkStates.nextStateId()).toNumber();
  await registerState(api, 'Rewarded Commons', alice);
  await send(api.tx.networkStates.grantRole(state, bob.address, 'Citizen'), alice);
  const key = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
  const nonce = (await api.query.devices.registrationNonce(bob.address)).toNumber();
  const device = (await api.query.devices.nextDeviceId()).toNumber();
  await send(api.tx.devices.registerDevice(state, { Energy: { ratedWatts: 5000 } }, 4, BERLIN, '', { Sr25519: key.publicKey }, { Sr25519: key.sign(possessionPayload(api, bob.address, key.publicKey, nonce)) }, null), bob);
  await send(api.tx.devices.activateDevice(device), alice);

  // A route naming a vault that does not exist is refused.
  await assert.rejects(
    send(api.tx.devices.setRewardRoute(device, [{ beneficiary: 'Owner', share: 500_000_000 }, { beneficiary: { Vault: 1 }, share: 500_000_000 }]), bob),
    /devices\.UnknownVault/,
  );

  // Three verifiers join the pool; they serve from the next epoch. Unverified, a report keeps
  // only half its uptime points (nothing of a minute's point) and its output earns nothing.
  const verifiers = await verifierPool(api, alice);

  // A full epoch up (60 s of 6-second blocks), 80 Wh, from the start of a fresh epoch (a report
  // covers only the part of an epoch after the device's activation). The verifiers observe it.
  const epoch = await freshEpoch(api, alice);
  const metrics = { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 0, samples: 0 };
  await send(api.tx.attestations.submitReports(epoch, [{ device, metrics, signature: { Sr25519: key.sign(reportPayload(api, device, epoch, metrics)) } }]), bob);
  await attestAll(api, verifiers, epoch, [[device, metrics]]);
  const record = (await api.call.depinAttestationsApi.deviceRecord(epoch, device)).unwrap();
  assert.equal(record.quorum.isTrue, true);
  assert.equal(record.verified.energyWh.toNumber(), 80);
  assert.ok(record.points.toBigInt() > 0n);

  // Nothing is payable while the epoch is open: the claim is refused.
  await assert.rejects(send(api.tx.rewards.claim([device]), bob), /rewards\.NothingToClaim/);

  // Seal blocks until the epoch is funded and past its challenge window.
  let funded;
  let pending;
  for (let i = 0; i < 60; i++) {
    const { blockHash } = await send(api.tx.system.remark('0x00'), alice);
    funded ??= (await blockEvents(api, blockHash)).find((e) => e.section === 'rewards' && e.method === 'EpochFunded' && e.data.epoch.toNumber() === epoch);
    pending = await api.call.depinRewardsApi.pendingRewards(device);
    if (pending.claimable.toBigInt() > 0n) break;
  }
  assert.ok(funded, `epoch ${epoch} was not funded`);
  const claimable = pending.claimable.toBigInt();
  assert.ok(claimable > 0n, 'the reward became claimable');
  assert.deepEqual(pending.epochs.map((e) => e.toNumber()), [epoch]);

  // The epoch's budget: energy's share of the devices' emission; Bob's device is the only
  // energy device, so it earns the whole class budget.
  const budget = (await api.call.depinRewardsApi.epochBudget(epoch)).unwrap();
  const energyBudget = budget.classes[2].budget.toBigInt();
  assert.equal(funded.data.classBudgets[2].toBigInt(), energyBudget);
  assert.ok(budget.minted.treasury.toBigInt() > 0n, 'the treasury got its share');
  assert.equal(claimable, energyBudget);

  // The receipt is computed by the same code as the claim.
  const receipt = (await api.call.depinRewardsApi.rewardReceipt(device, epoch)).unwrap();
  assert.equal(receipt.amount.toBigInt(), claimable);
  assert.equal(receipt.payable.isTrue, true);
  assert.equal(receipt.classTotal.toBigInt(), receipt.points.toBigInt());

  // The owner's view sums the page of devices.
  const owner = await api.call.depinRewardsApi.pendingRewardsOfOwner(bob.address, null, 100);
  assert.equal(owner.claimable.toBigInt(), claimable);

  // A stranger may not claim Bob's device.
  await assert.rejects(send(api.tx.rewards.claim([device]), ferdie), /rewards\.NotAllowedToClaim/);

  // Bob claims: his balance moves by exactly the reward, less the fee he paid.
  const head = await api.rpc.chain.getFinalizedHead();
  const before = await freeAt(api, head, bob.address);
  const { blockHash, events } = await send(api.tx.rewards.claim([device]), bob);
  const after = await freeAt(api, blockHash, bob.address);
  const fee = events.map(({ event }) => event).find((e) => e.section === 'transactionPayment' && e.method === 'TransactionFeePaid');
  assert.ok(fee, 'TransactionFeePaid');
  assert.equal(after - before, claimable - fee.data.actualFee.toBigInt());
  const settled = events.map(({ event }) => event).find((e) => e.section === 'rewards' && e.method === 'RewardSettled');
  assert.equal(settled.data.amount.toBigInt(), claimable);
  const paid = events.map(({ event }) => event).find((e) => e.section === 'rewards' && e.method === 'RewardPaid');
  assert.equal(paid.data.amount.toBigInt(), claimable);
  assert.equal(paid.data.beneficiary.isOwner, true);

  // Nothing is left to claim.
  const left = await api.call.depinRewardsApi.pendingRewards(device);
  assert.equal(left.claimable.toBigInt(), 0n);
  assert.equal(left.epochs.length, 0);
  await assert.rejects(send(api.tx.rewards.claim([device]), bob), /rewards\.NothingToClaim/);
});
