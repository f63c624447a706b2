// End-to-end: the dev chain produces and finalizes blocks, takes a signed transfer, refuses
// malformed and badly signed extrinsics with clear RPC errors, and keeps going.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { u8aToHex, hexToU8a } from '@polkadot/util';
import { startDevNode, waitForBlock, submitAndWaitFinalized, rpc } from './lib/node.mjs';

const ATH = 10n ** 12n;
let node;
let keyring;

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
});

after(async () => {
  await node?.stop();
});

test('chain identity: ATH, 12 decimals, Atlas SS58 prefix, runtime and metadata', async () => {
  const { api } = node;
  const props = await api.rpc.system.properties();
  assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'ATH');
  assert.equal(props.tokenDecimals.unwrap()[0].toNumber(), 12);
  assert.equal(props.ss58Format.unwrap().toNumber(), 2432);
  assert.equal(api.runtimeVersion.specName.toString(), 'atlas');
  assert.equal(api.consts.system.ss58Prefix.toNumber(), 2432);
  // Metadata V15 and newer for polkadot.js, subxt and papi.
  const versions = await api.call.metadata.metadataVersions();
  const list = versions.map((v) => v.toNumber());
  assert.ok(list.includes(15), `metadata versions ${list}`);
  assert.ok(list.includes(16), `metadata versions ${list}`);
  // The pallets the runtime promises.
  for (const pallet of ['system', 'timestamp', 'aura', 'grandpa', 'balances', 'transactionPayment', 'assets', 'utility', 'sudo']) {
    assert.ok(api.query[pallet] || api.tx[pallet], `pallet ${pallet} missing`);
  }
  // Genesis presets through the genesis builder API.
  const presets = (await api.call.genesisBuilder.presetNames()).map((p) => p.toHuman());
  assert.deepEqual(presets.sort(), ['development', 'local_testnet', 'testnet']);
});

test('the dev chain produces and finalizes blocks', async () => {
  const { api } = node;
  const best = await waitForBlock(api, 3);
  assert.ok(best >= 3);
  const finalized = await waitForBlock(api, 2, { finalized: true });
  assert.ok(finalized >= 2, `finalized ${finalized}`);
});

test('a transfer signed by Alice is finalized, moves the balance and emits Balances.Transfer', async () => {
  const { api } = node;
  const alice = keyring.addFromUri('//Alice');
  const dest = keyring.addFromMnemonic(mnemonicGenerate());
  const amount = 42n * ATH;

  const before = (await api.query.system.account(dest.address)).data.free.toBigInt();
  assert.equal(before, 0n);

  const { blockHash, events } = await submitAndWaitFinalized(
    api.tx.balances.transferKeepAlive(dest.address, amount),
    alice,
  );

  const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
  assert.ok(transfer, `no Balances.Transfer in ${events.map((e) => e.event.method)}`);
  const [from, to, value] = transfer.event.data;
  assert.equal(from.toString(), alice.address);
  assert.equal(to.toString(), dest.address);
  assert.equal(value.toBigInt(), amount);
  assert.ok(events.some(({ event }) => api.events.system.ExtrinsicSuccess.is(event)));

  // The balance, read at the finalized block that holds the transfer.
  const at = await api.at(blockHash);
  const after = (await at.query.system.account(dest.address)).data.free.toBigInt();
  assert.equal(after, amount);
});

test('a malformed extrinsic gets a clear RPC error', async (t) => {
  const res = await rpc(node.rpcPort, 'author_submitExtrinsic', ['0x0badc0de']);
  t.diagnostic(`node answered: ${JSON.stringify(res.error)}`);
  assert.ok(res.error, `expected an error, got ${JSON.stringify(res)}`);
  assert.match(res.error.message, /invalid|decode|bad/i);
});

test('a transfer with a bad signature is refused with a clear RPC error', async (t) => {
  const { api } = node;
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const nonce = await api.rpc.system.accountNextIndex(alice.address);
  const tx = api.tx.balances.transferKeepAlive(bob.address, ATH);
  await tx.signAsync(alice, { nonce });
  const bytes = hexToU8a(tx.toHex());
  // Flip one byte inside the 64-byte sr25519 signature, which follows the signer's address.
  const signature = tx.signature.toU8a();
  const start = findSubarray(bytes, signature);
  assert.ok(start > 0, 'signature not found in the encoded extrinsic');
  bytes[start + 10] ^= 0xff;

  const res = await rpc(node.rpcPort, 'author_submitExtrinsic', [u8aToHex(bytes)]);
  t.diagnostic(`node answered: ${JSON.stringify(res.error)}`);
  assert.ok(res.error, `expected an error, got ${JSON.stringify(res)}`);
  assert.equal(res.error.code, 1010, JSON.stringify(res.error));
  assert.match(JSON.stringify(res.error), /bad signature/i);
});

test('after the bad extrinsics the node keeps producing and finalizing blocks', async () => {
  const { api } = node;
  const now = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitForBlock(api, now + 2);
  const fin = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  await waitForBlock(api, fin + 1, { finalized: true });
});

test('Prometheus metrics are served', async () => {
  const res = await fetch(`http://127.0.0.1:${node.prometheusPort}/metrics`);
  assert.equal(res.status, 200);
  const body = await res.text();
  assert.match(body, /substrate_block_height\{status="best"/);
  assert.match(body, /substrate_block_height\{status="finalized"/);
});

function findSubarray(haystack, needle) {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
