// End-to-end: the dev sealing modes. Instant seal makes and finalizes a block per transaction;
// manual seal makes one only when `engine_createBlock` is called.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startDevNode, submitAndWaitFinalized, rpc } from './lib/node.mjs';

const ATH = 10n ** 12n;

test('instant sealing: a transfer is sealed and finalized at once', async () => {
  await cryptoWaitReady();
  const node = await startDevNode(['--sealing', 'instant']);
  try {
    const { api } = node;
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
    const alice = keyring.addFromUri('//Alice');
    const bob = keyring.addFromUri('//Bob');
    assert.equal((await api.rpc.chain.getHeader()).number.toNumber(), 0, 'no block without a transaction');

    const start = Date.now();
    const before = (await api.query.system.account(bob.address)).data.free.toBigInt();
    const { blockHash } = await submitAndWaitFinalized(api.tx.balances.transferKeepAlive(bob.address, 5n * ATH), alice);
    const header = await api.rpc.chain.getHeader(blockHash);
    assert.equal(header.number.toNumber(), 1);
    const after = (await (await api.at(blockHash)).query.system.account(bob.address)).data.free.toBigInt();
    assert.equal(after - before, 5n * ATH);
    // Well under one 6 s Aura slot: the block did not wait for a slot.
    assert.ok(Date.now() - start < 6000, `took ${Date.now() - start} ms`);

    // A second transaction right after gets its own block: the slot advances per block.
    const { blockHash: second } = await submitAndWaitFinalized(api.tx.balances.transferKeepAlive(bob.address, ATH), alice);
    assert.equal((await api.rpc.chain.getHeader(second)).number.toNumber(), 2);
  } finally {
    await node.stop();
  }
});

test('manual sealing: blocks only on engine_createBlock', async () => {
  const node = await startDevNode(['--sealing', 'manual']);
  try {
    const { api } = node;
    assert.equal((await api.rpc.chain.getHeader()).number.toNumber(), 0);
    for (let i = 1; i <= 3; i++) {
      const res = await rpc(node.rpcPort, 'engine_createBlock', [true, true, null]);
      assert.ok(res.result, JSON.stringify(res));
      assert.equal((await api.rpc.chain.getHeader()).number.toNumber(), i);
    }
    const finalized = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
    assert.equal(finalized.number.toNumber(), 3);
  } finally {
    await node.stop();
  }
});
