// The agent at scale: N devices (default 1,000) registered on a dev node, simulated, and run by
// one agent for a few epochs. Prints the agent's binary size, its peak memory, and how long
// one epoch of N reports takes to sign and to be included. Not part of `npm test`; run it with
// scripts/agent-scale.sh [N].
import { mkdtempSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { freePort, rpc, startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { asRoot, possessionPayload, registerState } from './lib/depin.mjs';
import { agentBinary, agentCli, startAgent } from './lib/agent.mjs';

const N = Number(process.argv[2] ?? 1000);
const EPOCHS = Number(process.argv[3] ?? 3);
const BLOCK_MS = 2_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await cryptoWaitReady();
const node = await startDevNode(['--sealing', 'manual']);
let sealing = true;
const sealer = (async () => {
  while (sealing) {
    await rpc(node.rpcPort, 'engine_createBlock', [true, true, null]).catch(() => {});
    await sleep(BLOCK_MS);
  }
})();
const { api } = node;
const keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
const [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
const dir = mkdtempSync(path.join(tmpdir(), 'atlas-agent-scale-'));
const processes = [];
try {
  const state = await registerState(api, 'Scale Valley', alice);
  await submitAndWaitFinalized(api.tx.utility.batchAll([
    api.tx.networkStates.grantRole(state, bob.address, 'Citizen'),
    api.tx.networkStates.grantRole(state, charlie.address, 'Steward'),
    api.tx.networkStates.grantRole(state, dave.address, 'Operator'),
  ]), alice);
  const model = (await api.query.devices.nextHardwareModelId()).toNumber();
  await asRoot(api, api.tx.devices.approveHardwareModel('Scale inverter', { Energy: { ratedWatts: 100_000 } }));

  // Device keys as the agent writes them, registered in batches of 100 by Bob.
  const t0 = Date.now();
  const devices = [];
  for (let i = 0; i < N; i++) {
    const key = path.join(dir, `d${i}.key`);
    const { stdout } = await agentCli(['key', 'generate', '--scheme', 'sr25519', '--out', key]);
    const secret = JSON.parse(readFileSync(key, 'utf8')).secret;
    devices.push({ name: `d${i}`, key, pair: new Keyring({ type: 'sr25519' }).addFromSeed(Buffer.from(secret.slice(2), 'hex')), public: stdout.trim() });
  }
  let nonce = (await api.query.devices.registrationNonce(bob.address)).toNumber();
  const firstId = (await api.query.devices.nextDeviceId()).toNumber();
  for (let i = 0; i < N; i += 100) {
    const calls = devices.slice(i, i + 100).map((d) => {
      const proof = { Sr25519: d.pair.sign(possessionPayload(api, bob.address, d.pair.publicKey, nonce++)) };
      return api.tx.devices.registerDevice(state, { Energy: { ratedWatts: 100_000 } }, model, 0x891f1d48947ffffn, '', { Sr25519: d.pair.publicKey }, proof, null);
    });
    await submitAndWaitFinalized(api.tx.utility.batchAll(calls), bob);
  }
  devices.forEach((d, i) => { d.id = firstId + i; });
  for (let i = 0; i < N; i += 200) {
    const slice = devices.slice(i, i + 200);
    await submitAndWaitFinalized(api.tx.utility.batchAll(slice.map((d) => api.tx.devices.activateDevice(d.id))), charlie);
    await submitAndWaitFinalized(api.tx.utility.batchAll(slice.map((d) => api.tx.devices.setOperator(d.id, dave.address))), bob);
  }
  console.log(`# registered and activated ${N} devices in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  const simHttp = await freePort();
  const sim = startAgent(['simulate', '--http', `127.0.0.1:${simHttp}`, ...devices.flatMap((d) => ['--device', `${d.name}:energy:watts=20000`])], 'simulator');
  processes.push(sim);
  await sim.waitForLog(new RegExp(`d${N - 1}\\b`), 60_000);
  const config = path.join(dir, 'agent.toml');
  writeFileSync(config, [
    `node = "ws://127.0.0.1:${node.rpcPort}"`,
    'account = { uri = "//Dave" }',
    'state_file = "agent.state.json"',
    'scrape_interval_secs = 5',
    'claim_every_epochs = 0',
    '',
    ...devices.map((d) => `[[device]]\nid = ${d.id}\nkey = "${d.key}"\nsource = { kind = "prometheus", url = "http://127.0.0.1:${simHttp}/devices/${d.name}/metrics" }\nmetrics.energy = { series = "inverter_energy_wh_total" }\n`),
  ].join('\n'));
  const agent = startAgent(['run', '--config', config], 'agent');
  processes.push(agent);
  const epochs = [];
  const seen = new Set();
  while (epochs.length < EPOCHS) {
    const matches = [...agent.logs().matchAll(/epoch (\d+): (\d+) report\(s\) signed in (\d+) ms, all included (\d+) ms/g)];
    for (const m of matches) {
      if (seen.has(m[1])) continue;
      seen.add(m[1]);
      epochs.push({ epoch: Number(m[1]), reports: Number(m[2]), signMs: Number(m[3]), includedMs: Number(m[4]) });
    }
    if (agent.exited) throw new Error(`the agent exited:\n${agent.logs().slice(-3000)}`);
    await sleep(1_000);
  }
  const status = readFileSync(`/proc/${agent.child.pid}/status`, 'utf8');
  const kb = (field) => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))[1]);
  const size = statSync(agentBinary()).size;
  console.log(`# atlas-agent with ${N} devices, blocks every ${BLOCK_MS / 1000} s`);
  console.log(`binary size            ${(size / 1e6).toFixed(1)} MB`);
  console.log(`memory (RSS now, peak) ${(kb('VmRSS') / 1024).toFixed(1)} MiB, ${(kb('VmHWM') / 1024).toFixed(1)} MiB`);
  console.log('epoch  reports  sign (ms)  included (ms)');
  for (const e of epochs) console.log(`${String(e.epoch).padEnd(6)} ${String(e.reports).padEnd(8)} ${String(e.signMs).padEnd(10)} ${e.includedMs}`);
} finally {
  for (const p of processes) await p.stop().catch(() => {});
  sealing = false;
  await sealer;
  await node.stop();
}
