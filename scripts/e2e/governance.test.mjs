// End-to-end: governance through extrinsics on the real node (dev chain, 6-second Aura blocks,
// referendum tracks in blocks). The Council of States is the admins of active states; a council
// motion passed by two thirds suspends a state (visible in depin_networkState, and its admin
// leaves the council); a referendum on the DePIN parameters track, decided by token holders'
// conviction votes, changes the emission policy (visible over JSON-RPC).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { rpc, startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { registerState } from './lib/depin.mjs';

const ATH = 10n ** 12n;
let node;
let api;
let alice, bob, charlie, dave;

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode();
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
  [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((s) => keyring.addFromUri(s));
});

after(async () => {
  await node?.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function depin(method, ...params) {
  const res = await rpc(node.rpcPort, `depin_${method}`, params);
  if (res.error) throw new Error(`${method}: ${res.error.message}`);
  return res.result;
}

function findEvent(events, section, method) {
  return events.map((r) => r.event).find((e) => e.section === section && e.method === method);
}

async function councilMembers() {
  return (await api.query.council.members()).map((a) => a.toString()).sort();
}

let states;

test('the Council of States is the admins of the active states', async () => {
  states = {
    alice: await registerState(api, 'Aurora', alice),
    bob: await registerState(api, 'Borealis', bob),
    charlie: await registerState(api, 'Cascadia', charlie),
  };
  assert.deepEqual(await councilMembers(), [alice.address, bob.address, charlie.address].sort());
  // Nobody outside the council may propose.
  const call = api.tx.networkStates.suspendState(states.charlie);
  await assert.rejects(
    submitAndWaitFinalized(api.tx.council.propose(1, call, call.method.encodedLength), dave),
    /council\.NotMember/,
  );
});

test('a council motion passed by two thirds suspends a state', async () => {
  const call = api.tx.networkStates.suspendState(states.charlie);
  const len = call.method.encodedLength;
  // A stranger's direct call is refused.
  await assert.rejects(submitAndWaitFinalized(call, dave), /BadOrigin/);

  const proposed = await submitAndWaitFinalized(api.tx.council.propose(2, call, len), alice);
  const { proposalIndex, proposalHash } = findEvent(proposed.events, 'council', 'Proposed').data;
  await submitAndWaitFinalized(api.tx.council.vote(proposalHash, proposalIndex, true), alice);
  await submitAndWaitFinalized(api.tx.council.vote(proposalHash, proposalIndex, true), bob);
  const weight = { refTime: 10_000_000_000, proofSize: 1_000_000 };
  const closed = await submitAndWaitFinalized(
    api.tx.council.close(proposalHash, proposalIndex, weight, len),
    alice,
  );
  const executed = findEvent(closed.events, 'council', 'Executed');
  assert.ok(executed, 'the motion executed');
  assert.ok(executed.data.result.isOk, `the suspension succeeded: ${executed.data.result.toString()}`);
  assert.ok(findEvent(closed.events, 'networkStates', 'StateSuspended'));

  const state = await depin('networkState', states.charlie);
  assert.equal(state.status, 'Suspended');
  // Charlie's state no longer holds a seat.
  assert.deepEqual(await councilMembers(), [alice.address, bob.address].sort());
});

test('a referendum on the DePIN parameters track changes the emission policy', async () => {
  const before = (await api.query.rewards.policyParams()).toJSON();
  const params = { ...before, validatorShare: 300_000_000 }; // 30 %
  const call = api.tx.rewards.setPolicyParams(params);
  await assert.rejects(submitAndWaitFinalized(call, alice), /BadOrigin/);

  // The call's preimage, a referendum on the track with its decision deposit.
  const bytes = call.method.toHex();
  const hash = call.method.hash.toHex();
  await submitAndWaitFinalized(api.tx.preimage.notePreimage(bytes), alice);
  const submitted = await submitAndWaitFinalized(
    api.tx.referenda.submit(
      { Origins: 'DepinParams' },
      { Lookup: { hash, len: call.method.encodedLength } },
      { After: 1 },
    ),
    alice,
  );
  const { index, track } = findEvent(submitted.events, 'referenda', 'Submitted').data;
  assert.equal(track.toNumber(), 1, 'the DePIN parameters track');
  await submitAndWaitFinalized(api.tx.referenda.placeDecisionDeposit(index), alice);

  // Token holders vote aye; Alice's stash votes with ATH it has bonded as a validator.
  const vote = (balance) => ({ Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance } });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
  const aliceStash = keyring.addFromUri('//Alice//stash');
  await Promise.all([
    submitAndWaitFinalized(api.tx.convictionVoting.vote(index, vote(900_000n * ATH)), bob),
    submitAndWaitFinalized(api.tx.convictionVoting.vote(index, vote(900_000n * ATH)), charlie),
    submitAndWaitFinalized(api.tx.convictionVoting.vote(index, vote(900_000n * ATH)), dave),
    submitAndWaitFinalized(api.tx.convictionVoting.vote(index, vote(950_000n * ATH)), aliceStash),
  ]);
  // An account without ATH cannot vote.
  const pauper = keyring.addFromUri('//NoFunds');
  await submitAndWaitFinalized(api.tx.balances.transferKeepAlive(pauper.address, ATH / 100n), alice);
  await assert.rejects(
    submitAndWaitFinalized(api.tx.convictionVoting.vote(index, vote(5n * ATH)), pauper),
    /InsufficientFunds|Inability to pay/,
  );

  // Prepare, decide, confirm and enact take a few dozen blocks on the dev chain.
  const deadline = Date.now() + 240_000;
  let info;
  for (;;) {
    info = (await api.query.referenda.referendumInfoFor(index)).unwrap();
    if (info.isApproved) break;
    assert.ok(!info.isRejected && !info.isTimedOut, `referendum ${info.type}`);
    if (Date.now() > deadline) throw new Error(`referendum still ${info.type}`);
    await sleep(3_000);
  }
  // Enactment follows approval by the track's minimum enactment period.
  for (;;) {
    const now = (await api.query.rewards.policyParams()).toJSON();
    if (now.validatorShare === 300_000_000) break;
    if (Date.now() > deadline) throw new Error(`policy unchanged: ${JSON.stringify(now)}`);
    await sleep(3_000);
  }
  const after = (await api.query.rewards.policyParams()).toJSON();
  assert.deepEqual(after, params);
});
