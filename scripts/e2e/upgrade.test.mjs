// End-to-end: runtime upgrades. A dev chain is seeded with a realistic fleet (states, devices of
// every class, a deployment, a vault, verifiers, reports, a settled reward); its state is taken
// over RPC at the finalized head and the try-runtime check runs this runtime's upgrade onto it
// (every migration with its pre/post checks, storage versions, every pallet's try_state, a
// second run idempotent, within a block's weight). Then the next runtime (the same code with
// spec_version one higher, the second WASM the runtime's build script makes) is enacted through
// governance: a referendum on the root track, decided by token holders' conviction votes, calls
// `system.set_code`; the node switches to it, the chain goes on and transactions still work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, xxhashAsU8a } from '@polkadot/util-crypto';
import { startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { seedFleet } from './lib/fleet.mjs';
import { checkUpgrade, takeSnapshot } from './lib/snapshot.mjs';

let node;
let keyring;
let dir;

before(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
  node = await startDevNode(['--sealing', 'instant']);
  dir = mkdtempSync(path.join(tmpdir(), 'atlas-upgrade-'));
});

after(async () => {
  await node?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('try-runtime: the upgrade passes its checks on a snapshot of a seeded dev chain', { timeout: 600_000 }, async () => {
  const { fleet, vault } = await seedFleet(node.api, keyring);
  const file = path.join(dir, 'snapshot.json');
  const keys = await takeSnapshot(node.rpcPort, file);
  // The seeded state is in the snapshot: every device's record among the keys.
  const { pairs } = JSON.parse(readFileSync(file, 'utf8'));
  const devicePrefix = node.api.query.devices.devices.keyPrefix();
  assert.equal(pairs.filter(([k]) => k.startsWith(devicePrefix)).length, fleet.length);
  const report = checkUpgrade(file);
  console.log(`${report} (fleet of ${fleet.length} devices, vault ${vault})`);
  assert.match(report, new RegExp(`${keys} keys`));

  // The check is not vacuous: a state whose Devices storage is at version 1 while the code
  // declares 0 (a missing migration) fails it, naming the mismatch.
  const versionKey = u8aToHex(u8aConcat(xxhashAsU8a('Devices', 128), xxhashAsU8a(':__STORAGE_VERSION__:', 128)));
  const tampered = path.join(dir, 'tampered.json');
  const others = pairs.filter(([k]) => k !== versionKey);
  writeFileSync(tampered, JSON.stringify({ block: 'tampered', pairs: [...others, [versionKey, '0x0100']] }));
  assert.throws(() => checkUpgrade(tampered), /storage version/i);
});

const ATH = 10n ** 12n;

/** The next runtime's WASM (spec_version + 1), as the runtime's build script leaves it. */
function nextRuntime() {
  const target = process.env.CARGO_TARGET_DIR ?? path.join(homedir(), '.cache', 'atlas-target');
  const file = process.env.ATLAS_NEXT_RUNTIME ?? path.join(target, 'release', 'wbuild', 'atlas-runtime', 'atlas_runtime_next.compact.compressed.wasm');
  return readFileSync(file);
}

function findEvent(events, section, method) {
  return events.map((r) => r.event).find((e) => e.section === section && e.method === method);
}

test('a runtime upgrade through a root-track referendum enacts on the live node', { timeout: 600_000 }, async () => {
  const { api } = node;
  const [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
  const before = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
  const code = nextRuntime();
  // Bytes from a hex string are taken as they are (a Uint8Array would be read as SCALE).
  const call = api.tx.system.setCode(`0x${code.toString('hex')}`);
  // Nobody upgrades the runtime by themselves (the dev chain here has a sudo key; the testnet
  // has none, and a signed set_code is refused on both).
  await assert.rejects(submitAndWaitFinalized(call, bob), /BadOrigin/);

  await submitAndWaitFinalized(api.tx.preimage.notePreimage(call.method.toHex()), alice);
  const submitted = await submitAndWaitFinalized(
    api.tx.referenda.submit({ system: 'Root' }, { Lookup: { hash: call.method.hash.toHex(), len: call.method.encodedLength } }, { After: 1 }),
    alice,
  );
  const { index, track } = findEvent(submitted.events, 'referenda', 'Submitted').data;
  assert.equal(track.toNumber(), 0, 'the root track');
  await submitAndWaitFinalized(api.tx.referenda.placeDecisionDeposit(index), alice);
  const vote = (balance) => ({ Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance } });
  for (const who of [bob, charlie, dave]) {
    await submitAndWaitFinalized(api.tx.convictionVoting.vote(index, vote(900_000n * ATH)), who);
  }

  // Instant sealing makes a block per transaction: remarks move the referendum through its
  // prepare, decision, confirm and enactment periods (in blocks on the dev chain).
  let upgradedAt = null;
  const unsub = await api.query.system.events((events) => {
    if (events.some(({ event }) => event.section === 'system' && event.method === 'CodeUpdated')) upgradedAt ??= true;
  });
  for (let i = 0; i < 80 && !upgradedAt; i++) {
    const info = (await api.query.referenda.referendumInfoFor(index)).unwrap();
    assert.ok(!info.isRejected && !info.isTimedOut && !info.isCancelled, `referendum ${info.type}`);
    await submitAndWaitFinalized(api.tx.system.remark('0x00'), charlie);
  }
  unsub();
  assert.ok(upgradedAt, 'system.CodeUpdated: the upgrade was enacted');
  assert.ok((await api.query.referenda.referendumInfoFor(index)).unwrap().isApproved);

  // The node runs the new runtime; the chain goes on and accepts transactions signed for it.
  await submitAndWaitFinalized(api.tx.system.remark('0x01'), charlie);
  const after = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
  assert.equal(after, before + 1);
  const last = (await api.query.system.lastRuntimeUpgrade()).unwrap();
  assert.equal(last.specVersion.toNumber(), before + 1, 'the runtime recorded its upgrade (migrations ran)');
  const sink = keyring.addFromUri('//UpgradeSink');
  const sent = await submitAndWaitFinalized(api.tx.balances.transferKeepAlive(sink.address, ATH), alice);
  assert.ok(findEvent(sent.events, 'balances', 'Transfer'));
  assert.equal((await api.query.system.account(sink.address)).data.free.toBigInt(), ATH);
  console.log(`runtime upgrade: spec ${before} → ${after} through referendum ${index} on the root track (${code.length} bytes of code)`);
});
