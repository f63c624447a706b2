// End-to-end: a node killed with SIGKILL under load loses nothing. A dev node on a base path
// (instant sealing: a block, finalized at once, per transaction) takes a steady stream of
// transfers from four accounts; midway it is killed with SIGKILL, no
// shutdown, and restarted on the same database. Every block that was finalized before the kill
// is still there under the same hash, every transaction that was in one of them is still in it
// (its block's extrinsics hold it), balances add up, and the chain goes on making blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode } from './lib/node.mjs';

const ATH = 10n ** 12n;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('SIGKILL under load loses no finalized block and no finalized transaction', { timeout: 600_000 }, async () => {
  await cryptoWaitReady();
  const base = mkdtempSync(path.join(tmpdir(), 'atlas-crash-'));
  const args = ['--dev', '--base-path', base, '--sealing', 'instant'];
  let node = await startNode(args);
  try {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
    const senders = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
    const sink = keyring.addFromUri('//CrashSink');
    // What was finalized before the kill: block number → hash, and each transfer's block.
    const finalizedBlocks = new Map();
    const landed = [];
    let sent = 0;
    let loading = true;
    let unsubFinalized = await node.api.rpc.chain.subscribeFinalizedHeads((h) => {
      finalizedBlocks.set(h.number.toNumber(), h.hash.toHex());
    });
    const load = senders.map(async (sender, s) => {
      let nonce = (await node.api.rpc.system.accountNextIndex(sender.address)).toNumber();
      while (loading) {
        const amount = BigInt(s + 1) * ATH + BigInt(sent);
        const tx = node.api.tx.balances.transferKeepAlive(sink.address, amount);
        sent++;
        try {
          await new Promise((resolve, reject) => {
            let unsub = () => {};
            tx.signAndSend(sender, { nonce }, ({ status, dispatchError }) => {
              if (status.isFinalized) {
                unsub();
                if (dispatchError) reject(new Error(dispatchError.toString()));
                else { landed.push({ block: status.asFinalized.toHex(), hash: tx.hash.toHex(), amount }); resolve(); }
              } else if (status.isInvalid || status.isDropped) { unsub(); reject(new Error(status.type)); }
            }).then((u) => { unsub = u; }, reject);
          });
          nonce++;
        } catch {
          // The node went away mid-transaction (the kill): this one is not counted as landed.
          return;
        }
      }
    });
    // Let the load run, then kill the node in the middle of it.
    while (landed.length < 60) await sleep(100);
    const before = { blocks: new Map(finalizedBlocks), landed: [...landed] };
    unsubFinalized();
    loading = false;
    await node.crash();
    // The senders' last transactions die with the connection: their promises never settle.
    void Promise.allSettled(load);
    const killedAt = Math.max(...before.blocks.keys());
    console.log(`# killed with SIGKILL at finalized block ${killedAt} after ${before.landed.length} finalized transfers`);

    node = await startNode(args);
    const { api } = node;
    const head = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    assert.ok(head >= killedAt, `finalized head ${head} is behind the ${killedAt} finalized before the kill`);
    for (const [n, hash] of before.blocks) {
      assert.equal((await api.rpc.chain.getBlockHash(n)).toHex(), hash, `block ${n} changed or vanished`);
    }
    for (const { block, hash } of before.landed) {
      const { block: b } = await api.rpc.chain.getBlock(block);
      assert.ok(b.extrinsics.some((x) => x.hash.toHex() === hash), `transfer ${hash} is no longer in block ${block}`);
    }
    // What the sink received is at least what landed before the kill (later ones may have landed too).
    const received = (await api.query.system.account(sink.address)).data.free.toBigInt();
    const landedSum = before.landed.reduce((a, l) => a + l.amount, 0n);
    assert.ok(received >= landedSum, `the sink holds ${received}, less than the ${landedSum} finalized before the kill`);
    // And the chain goes on.
    const alice = keyring.addFromUri('//Alice');
    const next = await new Promise((resolve, reject) => {
      api.tx.balances.transferKeepAlive(sink.address, ATH).signAndSend(alice, ({ status }) => {
        if (status.isFinalized) resolve(status.asFinalized);
        else if (status.isInvalid || status.isDropped) reject(new Error(status.type));
      }).catch(reject);
    });
    const n = (await api.rpc.chain.getHeader(next)).number.toNumber();
    assert.ok(n > head, `a new block (${n}) after the restart`);
    console.log(`# restarted: finalized head ${head}, all ${before.blocks.size} finalized blocks and ${before.landed.length} transfers kept, new block ${n}`);
  } finally {
    await node.stop();
    rmSync(base, { recursive: true, force: true });
  }
});
