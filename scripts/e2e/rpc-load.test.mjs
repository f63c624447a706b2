// End-to-end: the `depin_*` RPC under abuse. A dev node producing Aura blocks (one every 6 s)
// serves an owner with 100 devices; then 40 connections open 16 receipts subscriptions each for
// that owner (640, each following 100 devices) while 16 clients send the heaviest reads in a loop
// (`pendingRewardsOfOwner`, `devicesByOwner` with 100-item pages, `overview`). Reads run on the
// blocking pool in a bounded number of slots and subscriptions cost a few runtime calls per
// block, so block production and finality must go on as without the load. The test prints the
// block intervals with and without the load and the reads served, and fails if a slot is missed
// under load (an interval of two slots or more) or finality falls behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { rpc, startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { possessionPayload, registerState } from './lib/depin.mjs';

const BERLIN = 0x891f1d48947ffffn;
const DEVICES = 100;
const CONNECTIONS = 40;
const SUBSCRIPTIONS_PER_CONNECTION = 16;
const READERS = 16;
const INTERVALS = 10;
const SLOT_MS = 6000;

let node;

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode();
});

after(async () => {
  await node?.stop();
});

/** Times (ms) between the next `n` new best blocks, and the finality lag after them. */
async function blockIntervals(api, n) {
  const arrivals = [];
  await new Promise((resolve, reject) => {
    let unsub = () => {};
    api.rpc.chain.subscribeNewHeads((header) => {
      arrivals.push({ n: header.number.toNumber(), at: Date.now() });
      if (arrivals.length > n) { unsub(); resolve(); }
    }).then((u) => { unsub = u; }, reject);
  });
  const intervals = arrivals.slice(1).map((a, i) => a.at - arrivals[i].at);
  const numbers = arrivals.map((a) => a.n);
  const best = numbers[numbers.length - 1];
  const finalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  return { intervals, numbers, lag: best - finalized };
}

function describe(intervals) {
  const sorted = [...intervals].sort((a, b) => a - b);
  const mean = intervals.reduce((a, b) => a + b, 0) / intervals.length;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
  return { mean: Math.round(mean), p95, max: sorted[sorted.length - 1] };
}

test('block production and finality are unaffected by subscribers and heavy reads', { timeout: 600_000 }, async () => {
  const { api } = node;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
  const alice = keyring.addFromUri('//Alice');

  // An owner with 100 devices.
  const state = await registerState(api, 'Load Grid', alice);
  const nonce = (await api.query.devices.registrationNonce(alice.address)).toNumber();
  const registrations = Array.from({ length: DEVICES }, (_, i) => {
    const key = new Keyring({ type: 'sr25519' }).addFromSeed(randomAsU8a(32));
    const proof = key.sign(possessionPayload(api, alice.address, key.publicKey, nonce + i));
    return api.tx.devices.registerDevice(state, { Energy: { ratedWatts: 5000 } }, 4, BERLIN, '', { Sr25519: key.publicKey }, { Sr25519: proof }, null);
  });
  await submitAndWaitFinalized(api.tx.utility.batchAll(registrations), alice);
  const owned = await rpc(node.rpcPort, 'depin_devicesByOwner', [alice.address, null, 100]);
  assert.equal(owned.result.items.length, DEVICES);

  const quiet = await blockIntervals(api, INTERVALS);

  // The load: subscribers first, then the readers, until the measurement ends.
  const url = `ws://127.0.0.1:${node.rpcPort}`;
  const providers = [];
  let notifications = 0;
  let refusedSubscriptions = 0;
  for (let c = 0; c < CONNECTIONS; c++) {
    const provider = new WsProvider(url, false);
    await provider.connect();
    await provider.isReady;
    providers.push(provider);
    for (let s = 0; s < SUBSCRIPTIONS_PER_CONNECTION; s++) {
      await provider.subscribe('depin_receipt', 'depin_subscribeReceipts', [{ owner: alice.address }], () => { notifications++; })
        .catch(() => { refusedSubscriptions++; });
    }
  }
  assert.equal(refusedSubscriptions, 0, 'all 640 subscriptions are within the caps');
  const reads = { served: 0, busy: 0, failed: 0, latencies: [] };
  const heavy = [
    ['depin_pendingRewardsOfOwner', [alice.address, null, 100]],
    ['depin_devicesByOwner', [alice.address, null, 100]],
    ['depin_overview', []],
  ];
  let loading = true;
  const readers = Array.from({ length: READERS }, async (_, r) => {
    for (let i = r; loading; i++) {
      const [method, params] = heavy[i % heavy.length];
      const start = Date.now();
      try {
        const res = await rpc(node.rpcPort, method, params);
        if (res.error?.code === 4029) reads.busy++;
        else if (res.error) reads.failed++;
        else { reads.served++; reads.latencies.push(Date.now() - start); }
      } catch {
        reads.failed++;
      }
    }
  });
  const loadStart = Date.now();
  const loaded = await blockIntervals(api, INTERVALS);
  const loadSecs = (Date.now() - loadStart) / 1000;
  loading = false;
  await Promise.all(readers);
  for (const p of providers) await p.disconnect().catch(() => {});

  const q = describe(quiet.intervals);
  const l = describe(loaded.intervals);
  const lat = describe(reads.latencies);
  console.log(`# block intervals without load: mean ${q.mean} ms, p95 ${q.p95} ms, max ${q.max} ms; finality lag ${quiet.lag} block(s)`);
  console.log(`# block intervals with ${CONNECTIONS * SUBSCRIPTIONS_PER_CONNECTION} subscriptions and ${READERS} readers: mean ${l.mean} ms, p95 ${l.p95} ms, max ${l.max} ms; finality lag ${loaded.lag} block(s)`);
  console.log(`# ratio loaded/quiet: mean ${(l.mean / q.mean).toFixed(3)}, max ${(l.max / q.max).toFixed(3)}`);
  console.log(`# reads: ${reads.served} served (${(reads.served / loadSecs).toFixed(0)}/s, p50 ${[...reads.latencies].sort((a, b) => a - b)[Math.floor(reads.latencies.length / 2)]} ms, p95 ${lat.p95} ms), ${reads.busy} refused busy, ${reads.failed} failed; ${notifications} receipt notification(s)`);

  assert.ok(reads.served > 0, 'the readers were served');
  assert.equal(reads.failed, 0, 'no read failed other than by a busy refusal');
  // Every slot has its block: consecutive numbers, none two slots late.
  for (let i = 1; i < loaded.numbers.length; i++) assert.equal(loaded.numbers[i], loaded.numbers[i - 1] + 1, `blocks ${loaded.numbers.join(', ')}`);
  assert.ok(l.max < 2 * SLOT_MS, `a slot was missed under load: intervals ${loaded.intervals.join(', ')} ms`);
  assert.ok(loaded.lag <= quiet.lag + 2, `finality fell behind under load: lag ${loaded.lag} (quiet ${quiet.lag})`);
  // The node answers promptly once the load is gone.
  const health = await rpc(node.rpcPort, 'system_health');
  assert.ok(health.result);
});
