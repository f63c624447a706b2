// End-to-end: the committed local testnet spec (chain-specs/local-raw.json) runs as three
// validators, Alice, Bob and Charlie, each authoring in turn, and GRANDPA finalizes. Then one
// validator is killed with SIGKILL while the others run, under a stream of transfers, and
// restarted on its database: nothing finalized is lost and finality comes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, waitForBlock, repo } from './lib/node.mjs';

const spec = path.join(repo, 'chain-specs', 'local-raw.json');
const ATH = 10n ** 12n;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Validator `who`'s arguments: a network key of its own, a temporary or a given database. */
function validatorArgs(who, { nodeKey = randomBytes(32).toString('hex'), base = null } = {}) {
  return ['--chain', spec, `--${who}`, ...(base ? ['--base-path', base] : ['--tmp']), '--validator', '--node-key', nodeKey];
}

/** Alice, then Bob and Charlie booting from her. `charlie` overrides Charlie's arguments. */
async function startNetwork(charlie = validatorArgs('charlie')) {
  const nodes = [];
  const alice = await startNode(validatorArgs('alice'));
  nodes.push(alice);
  const peerId = (await alice.api.rpc.system.localPeerId()).toString();
  const bootnode = `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${peerId}`;
  nodes.push(await startNode([...validatorArgs('bob'), '--bootnodes', bootnode]));
  nodes.push(await startNode([...charlie, '--bootnodes', bootnode]));
  return { nodes, bootnode };
}

async function finalizedNumber(api) {
  return (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
}

test('three local validators author in turn and finalize', async () => {
  const { nodes } = await startNetwork();
  try {
    const { api } = nodes[0];
    assert.equal((await api.rpc.system.chain()).toString(), 'Atlas Local Testnet');
    const authorities = await api.call.auraApi.authorities();
    assert.equal(authorities.length, 3);

    // Aura gives each validator every third slot: within the first blocks all three author.
    const authors = new Set();
    for (let n = 1; authors.size < 3 && n <= 15; n++) {
      await waitForBlock(api, n, { timeoutMs: 120_000 });
      const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
      const preRuntime = header.digest.logs.find((log) => log.isPreRuntime);
      const slot = api.createType('u64', preRuntime.asPreRuntime[1]).toBigInt();
      authors.add(authorities[Number(slot % 3n)].toString());
    }
    assert.equal(authors.size, 3, `authors seen: ${[...authors]}`);

    // Every node sees finality from GRANDPA, which with three voters needs all three.
    for (const node of nodes) {
      await waitForBlock(node.api, 3, { finalized: true, timeoutMs: 180_000 });
    }
    const peers = (await api.rpc.system.health()).peers.toNumber();
    assert.equal(peers, 2);
  } finally {
    for (const node of nodes.reverse()) await node.stop();
  }
});

test('a validator killed with SIGKILL while the others run comes back on its database: nothing finalized is lost, finality resumes', { timeout: 600_000 }, async () => {
  await cryptoWaitReady();
  const base = mkdtempSync(path.join(tmpdir(), 'atlas-validator-crash-'));
  const charlieArgs = validatorArgs('charlie', { base });
  const { nodes, bootnode } = await startNetwork(charlieArgs);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
  const alice = keyring.addFromUri('//Alice');
  const sink = keyring.addFromUri('//ValidatorCrashSink');
  let loading = true;
  const landed = [];
  try {
    const api = nodes[0].api;
    await waitForBlock(nodes[2].api, 2, { finalized: true, timeoutMs: 180_000 });

    // A steady stream of transfers through Alice's node, one per block, for the whole test.
    const load = (async () => {
      let n = 0;
      while (loading) {
        const amount = ATH + BigInt(n++);
        const tx = api.tx.balances.transferKeepAlive(sink.address, amount);
        await new Promise((resolve) => {
          tx.signAndSend(alice, { nonce: -1 }, ({ status }) => {
            if (status.isInBlock) resolve();
            if (status.isFinalized) landed.push({ block: status.asFinalized.toHex(), hash: tx.hash.toHex() });
            if (status.isInvalid || status.isDropped) resolve();
          }).catch(resolve);
        });
      }
    })();

    const killedAt = await waitForBlock(api, (await finalizedNumber(api)) + 3, { finalized: true, timeoutMs: 180_000 });
    const finalizedBefore = new Map();
    for (let n = 0; n <= killedAt; n++) finalizedBefore.set(n, (await api.rpc.chain.getBlockHash(n)).toHex());
    const landedBefore = landed.length;
    assert.ok(landedBefore > 0, 'transfers were finalized before the kill');
    const charlieFinalized = await finalizedNumber(nodes[2].api);
    await nodes[2].crash();

    // The other two keep authoring (Charlie's slots stay empty); with one of three voters gone
    // GRANDPA cannot finalize, so finality waits for him.
    const bestAtKill = (await api.rpc.chain.getHeader()).number.toNumber();
    await waitForBlock(api, bestAtKill + 4, { timeoutMs: 120_000 });
    const stalled = await finalizedNumber(api);

    nodes[2] = await startNode([...charlieArgs, '--bootnodes', bootnode]);
    const charlie = nodes[2].api;
    // He restarts on his database: what he had finalized is there before he syncs anything.
    assert.ok((await finalizedNumber(charlie)) >= charlieFinalized, 'the restarted validator kept its finalized blocks');
    // Finality resumes past everything authored while he was gone, on every node.
    const target = Math.max(stalled, bestAtKill) + 3;
    for (const node of nodes) await waitForBlock(node.api, target, { finalized: true, timeoutMs: 240_000 });
    loading = false;
    await load;

    for (const node of nodes) {
      for (const [n, hash] of finalizedBefore) {
        assert.equal((await node.api.rpc.chain.getBlockHash(n)).toHex(), hash, `block ${n} is the one finalized before the kill`);
      }
      for (const { block, hash } of landed.slice(0, landedBefore)) {
        const { block: b } = await node.api.rpc.chain.getBlock(block);
        assert.ok(b.extrinsics.some((x) => x.hash.toHex() === hash), `transfer ${hash} is still in block ${block}`);
      }
    }
    assert.ok(landed.length > landedBefore, 'transfers were finalized after the restart too');
    console.log(`validator crash: killed at finalized #${killedAt}, best #${bestAtKill}; finality stalled at #${stalled} with Charlie gone and reached #${target} after his restart; ${landed.length} transfers finalized (${landedBefore} before the kill)`);
  } finally {
    loading = false;
    for (const node of nodes.reverse()) await node.stop();
    rmSync(base, { recursive: true, force: true });
  }
});
