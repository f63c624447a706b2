// End-to-end: the committed local testnet spec (chain-specs/local-raw.json) runs as three
// validators, Alice, Bob and Charlie, each authoring in turn, and GRANDPA finalizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startNode, waitForBlock, repo } from './lib/node.mjs';

test('three local validators author in turn and finalize', async () => {
  const spec = path.join(repo, 'chain-specs', 'local-raw.json');
  // A validator needs a persistent network key; a fresh one per run is enough here.
  const common = (who) => ['--chain', spec, `--${who}`, '--tmp', '--validator', '--node-key', randomBytes(32).toString('hex')];
  const nodes = [];
  try {
    const alice = await startNode(common('alice'));
    nodes.push(alice);
    const peerId = (await alice.api.rpc.system.localPeerId()).toString();
    const bootnode = `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${peerId}`;
    nodes.push(await startNode([...common('bob'), '--bootnodes', bootnode]));
    nodes.push(await startNode([...common('charlie'), '--bootnodes', bootnode]));

    const { api } = alice;
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

    // Every node sees finality from GRANDPA, which needs two of the three validators.
    for (const node of nodes) {
      await waitForBlock(node.api, 3, { finalized: true, timeoutMs: 180_000 });
    }
    const peers = (await api.rpc.system.health()).peers.toNumber();
    assert.equal(peers, 2);
  } finally {
    for (const node of nodes.reverse()) await node.stop();
  }
});
