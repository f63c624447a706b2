// End-to-end: the off-chain half, as separate processes on loopback. A dev node (manual sealing,
// a block every two seconds), a device simulator with ten devices of all four classes, two
// operator agents (one per operator, five devices each) and three verifier daemons (one signing
// through a `Verifier` proxy). Devices are registered with the agent's CLI, report every epoch,
// are observed by their assigned verifiers, reach quorum and are paid; an agent killed with
// SIGKILL mid-epoch and restarted loses no report and submits none twice; an inverter whose
// exporter claims three times what its meter reads is held to the meter by the verifiers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { freePort, rpc, startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { asRoot, registerState } from './lib/depin.mjs';
import { agentCli, startAgent } from './lib/agent.mjs';

const ATH = 10n ** 12n;
const BLOCK_MS = 2_000;
const EPOCH = 10; // blocks, the dev chain's
const CELL = '0x891f1d48947ffff';

let node;
let keyring;
let sealing = true;
let sealer;
const processes = [];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode(['--sealing', 'manual']);
  keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
  // A block every two seconds, finalized at once.
  sealer = (async () => {
    while (sealing) {
      await rpc(node.rpcPort, 'engine_createBlock', [true, true, null]).catch(() => {});
      await sleep(BLOCK_MS);
    }
  })();
});

after(async () => {
  for (const p of processes) await p.stop().catch(() => {});
  // Each process's log, for a failed run: scripts/e2e/artifacts/agent-e2e/<name>.log.
  const logs = path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts', 'agent-e2e');
  mkdirSync(logs, { recursive: true });
  for (const p of processes) writeFileSync(path.join(logs, `${p.name.replace(/[^a-z0-9-]+/gi, '_')}.log`), p.logs());
  sealing = false;
  await sealer;
  await node?.stop();
});

const send = (tx, who) => submitAndWaitFinalized(tx, who);
const bestBlock = async (api) => (await api.rpc.chain.getHeader()).number.toNumber();
const record = async (api, epoch, device) => {
  const r = await api.call.depinAttestationsApi.deviceRecord(epoch, device);
  return r.isSome ? r.unwrap() : null;
};

/** Waits until `cond()` is truthy (polling each second); returns its value. */
async function waitFor(cond, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(1_000);
  }
}

/** Waits until block `n` (best). */
const untilBlock = (api, n) => waitFor(async () => (await bestBlock(api)) >= n, 120_000, `block ${n}`);

async function metricsOf(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name, labels = '') => {
    const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}}` : `${name} `));
    return line ? Number(line.split(' ').pop()) : 0;
  };
  return { text, value };
}

test('operators and verifiers run the real agent: register, report, verify, restart, pay', { timeout: 900_000 }, async () => {
  const { api } = node;
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-agent-e2e-'));
  const [alice, bob, charlie, dave, ferdie] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Ferdie'].map((u) => keyring.addFromUri(u));

  // A state: Alice admin, Bob the citizen who owns the devices, Charlie steward, Dave and Ferdie
  // the operators of the two agents.
  const state = await registerState(api, 'Agent Valley', alice);
  await send(api.tx.utility.batchAll([
    api.tx.networkStates.grantRole(state, bob.address, 'Citizen'),
    api.tx.networkStates.grantRole(state, charlie.address, 'Steward'),
    api.tx.networkStates.grantRole(state, dave.address, 'Operator'),
    api.tx.networkStates.grantRole(state, ferdie.address, 'Operator'),
  ]), alice);

  // Hardware models sized for two-second blocks of simulated output.
  const firstModel = (await api.query.devices.nextHardwareModelId()).toNumber();
  await asRoot(api, api.tx.utility.batchAll([
    api.tx.devices.approveHardwareModel('Test GPU node', { Compute: { gpuModel: 'RTX 4090', gpuCount: 4, gpuMemoryMib: 24576 } }),
    api.tx.devices.approveHardwareModel('Test router', { Connectivity: { linkCapacityKbps: 100_000 } }),
    api.tx.devices.approveHardwareModel('Test inverter 100 kW', { Energy: { ratedWatts: 100_000 } }),
    api.tx.devices.approveHardwareModel('Test sensor', { Sensing: { sensorKind: 'Weather', samplesPerHour: 36_000 } }),
  ]));
  const model = { compute: firstModel, connectivity: firstModel + 1, energy: firstModel + 2, sensing: firstModel + 3 };

  // Ten simulated devices. solar-2's exporter claims three times what its meter reads.
  const fleet = [
    { name: 'gpu-1', sim: 'gpu-1:compute:gpus=2', spec: 'compute:gpus=2:gpu=RTX 4090:memory_mib=24576', class: 'compute' },
    { name: 'gpu-2', sim: 'gpu-2:compute:gpus=1', spec: 'compute:gpus=1:gpu=RTX 4090:memory_mib=24576', class: 'compute' },
    { name: 'gpu-3', sim: 'gpu-3:compute:gpus=1', spec: 'compute:gpus=1:gpu=RTX 4090:memory_mib=24576', class: 'compute' },
    { name: 'router-1', sim: 'router-1:connectivity:rate=2000000', spec: 'connectivity:kbps=100000', class: 'connectivity' },
    { name: 'router-2', sim: 'router-2:connectivity:rate=1000000', spec: 'connectivity:kbps=100000', class: 'connectivity' },
    { name: 'router-3', sim: 'router-3:connectivity:rate=3000000', spec: 'connectivity:kbps=100000', class: 'connectivity' },
    { name: 'solar-1', sim: 'solar-1:energy:watts=40000', spec: 'energy:watts=100000', class: 'energy' },
    { name: 'solar-2', sim: 'solar-2:energy:watts=10000:lie=3', spec: 'energy:watts=100000', class: 'energy', liar: true },
    { name: 'wx-1', sim: 'wx-1:sensing:rate=5', spec: 'sensing:kind=weather:per_hour=36000', class: 'sensing' },
    { name: 'wx-2', sim: 'wx-2:sensing:rate=4', spec: 'sensing:kind=weather:per_hour=36000', class: 'sensing' },
  ];

  // Keys of every scheme, and registration through the agent's CLI (it builds the possession
  // proof with the device key).
  const schemes = ['sr25519', 'ed25519', 'p256'];
  const nodeUrl = `ws://127.0.0.1:${node.rpcPort}`;
  for (const [i, d] of fleet.entries()) {
    d.key = path.join(dir, `${d.name}.key`);
    const { stdout } = await agentCli(['key', 'generate', '--scheme', schemes[i % 3], '--out', d.key]);
    assert.match(stdout, new RegExp(`^${schemes[i % 3]}:0x[0-9a-f]+`));
    const reg = await agentCli([
      'device', 'register', '--node', nodeUrl, '--account-uri', '//Bob', '--key', d.key,
      '--state', String(state), '--model', String(model[d.class]), '--cell', CELL, '--spec', d.spec,
    ]);
    d.id = Number(reg.stdout.trim());
    const stored = (await api.query.devices.devices(d.id)).unwrap();
    assert.equal(stored.owner.toString(), bob.address);
    assert.equal(stored.key.toString().length > 0, true);
  }
  // A spec beyond its model is refused by the chain, with the reason.
  await assert.rejects(
    agentCli(['device', 'register', '--node', nodeUrl, '--account-uri', '//Bob', '--key', fleet[0].key,
      '--state', String(state), '--model', String(model.energy), '--cell', CELL, '--spec', 'energy:watts=900000']),
    /SpecExceedsModel/,
  );

  // Charlie activates them; Bob names Dave the operator of the first five, Ferdie of the rest.
  const agentsOf = [fleet.slice(0, 5), fleet.slice(5)];
  await send(api.tx.utility.batchAll(fleet.map((d) => api.tx.devices.activateDevice(d.id))), charlie);
  await send(api.tx.utility.batchAll([
    ...agentsOf[0].map((d) => api.tx.devices.setOperator(d.id, dave.address)),
    ...agentsOf[1].map((d) => api.tx.devices.setOperator(d.id, ferdie.address)),
  ]), bob);

  // The simulator.
  const [simHttp, simModbus] = [await freePort(), await freePort()];
  const sim = startAgent(['simulate', '--http', `127.0.0.1:${simHttp}`, '--modbus', `127.0.0.1:${simModbus}`,
    ...fleet.flatMap((d) => ['--device', d.sim])], 'simulator');
  processes.push(sim);
  await sim.waitForLog(/wx-2/);
  const energyUnits = fleet.filter((d) => d.class === 'energy').map((d) => d.name);

  // Agent configs: a metric source per device.
  const deviceToml = (d) => {
    const url = `http://127.0.0.1:${simHttp}/devices/${d.name}`;
    switch (d.class) {
      case 'compute': return `[[device]]\nid = ${d.id}\nkey = "${d.key}"\nsource = { kind = "prometheus", url = "${url}/metrics" }\nmetrics.compute = { series = "DCGM_FI_DEV_GPU_UTIL", kind = "gauge", scale = 0.01 }\n`;
      case 'connectivity': return `[[device]]\nid = ${d.id}\nkey = "${d.key}"\nsource = { kind = "prometheus", url = "${url}/metrics" }\nmetrics.bandwidth = { series = "node_network_transmit_bytes_total", labels = { device = "eth0" } }\n`;
      case 'energy': return `[[device]]\nid = ${d.id}\nkey = "${d.key}"\nsource = { kind = "prometheus", url = "${url}/metrics" }\nmetrics.energy = { series = "inverter_energy_wh_total" }\n[device.meter]\nsource = { kind = "modbus", address = "127.0.0.1:${simModbus}", unit = ${energyUnits.indexOf(d.name) + 1} }\nenergy = { register = 40093, words = 2, scale_factor_register = 40095 }\n`;
      case 'sensing': return `[[device]]\nid = ${d.id}\nkey = "${d.key}"\nsource = { kind = "http_json", url = "${url}/status.json" }\nmetrics.samples = { pointer = "/samples_total" }\n`;
      default: throw new Error(d.class);
    }
  };
  const agents = [];
  for (const [i, devices] of agentsOf.entries()) {
    const [probePort, metricsPort] = [await freePort(), await freePort()];
    const config = path.join(dir, `agent-${i}.toml`);
    writeFileSync(config, [
      `node = "${nodeUrl}"`,
      `account = { uri = "${i === 0 ? '//Dave' : '//Ferdie'}" }`,
      `state_file = "agent-${i}.state.json"`,
      `probe_listen = "127.0.0.1:${probePort}"`,
      `probe_endpoint = "tcp://127.0.0.1:${probePort}"`,
      `metrics_listen = "127.0.0.1:${metricsPort}"`,
      'scrape_interval_secs = 1',
      'claim_every_epochs = 1',
      '',
      ...devices.map(deviceToml),
    ].join('\n'));
    const agent = startAgent(['run', '--config', config], `agent-${i}`);
    processes.push(agent);
    agents.push({ agent, config, metricsPort, devices });
  }
  // Each agent publishes its probe endpoint for its devices.
  for (const { agent, devices } of agents) {
    await agent.waitForLog(new RegExp(`device ${devices[devices.length - 1].id}: probe endpoint set`), 90_000);
  }

  // Three verifiers join the pool: two bond through their daemon, the third bonds itself and
  // runs its daemon with a `Verifier` proxy key only.
  const verifierKeys = [1, 2, 3].map((i) => keyring.addFromUri(`//AgentVerifier${i}`));
  const proxyKey = keyring.addFromUri('//AgentVerifier3Proxy');
  const bond = api.consts.attestations.minVerifierBond.toBigInt();
  await send(api.tx.utility.batchAll([
    ...verifierKeys.map((v) => api.tx.balances.transferKeepAlive(v.address, bond + 100n * ATH)),
    api.tx.balances.transferKeepAlive(proxyKey.address, 100n * ATH),
  ]), alice);
  await send(api.tx.utility.batchAll([
    api.tx.attestations.bond(bond),
    api.tx.proxy.addProxy(proxyKey.address, 'Verifier', 0),
  ]), verifierKeys[2]);
  const verifiers = [];
  for (const [i, v] of verifierKeys.entries()) {
    const metricsPort = await freePort();
    const config = path.join(dir, `verifier-${i}.toml`);
    const viaProxy = i === 2;
    writeFileSync(config, [
      `node = "${nodeUrl}"`,
      `account = { uri = "${viaProxy ? '//AgentVerifier3Proxy' : `//AgentVerifier${i + 1}`}" }`,
      viaProxy ? `proxy_for = "${v.address}"` : `bond = ${bond}`,
      `state_file = "verifier-${i}.state.json"`,
      `metrics_listen = "127.0.0.1:${metricsPort}"`,
      'claim_every_epochs = 1',
      // The devices' probe endpoints are on loopback.
      'allow_private_endpoints = true',
      '',
    ].join('\n'));
    const daemon = startAgent(['verifier', 'run', '--config', config], `verifier-${i}`);
    processes.push(daemon);
    verifiers.push({ daemon, metricsPort, account: v });
  }
  for (const { daemon } of verifiers) await daemon.waitForLog(/committed to a beacon onion/, 120_000);
  const serving = Math.max(...await Promise.all(verifierKeys.map(async (v) => (await api.query.attestations.bonds(v.address)).unwrap().servesFrom.toNumber())));

  // Every device reaches quorum in an epoch the pool serves: verified within what it reported,
  // and more than nothing. The liar is held to its meter.
  const bobBefore = (await api.query.system.account(bob.address)).data.free.toBigInt();
  let lastDetail = '';
  const verifiedEpoch = await waitFor(async () => {
    const epoch = (await api.call.depinAttestationsApi.currentEpoch()).toNumber() - 1;
    if (epoch <= serving) return null;
    // Past the grace window, so the epoch's reports and observations are all in.
    if ((await bestBlock(api)) < (epoch + 1) * EPOCH + 3) return null;
    const missing = [];
    for (const d of fleet) {
      const r = await record(api, epoch, d.id);
      if (!r || !r.quorum.isTrue) missing.push(`${d.name}: ${r ? JSON.stringify(r.toHuman()) : 'no report'}`);
    }
    lastDetail = `epoch ${epoch}: ${missing.join('; ')}`;
    return missing.length ? null : epoch;
  }, 240_000, 'an epoch in which every device reached quorum').catch((e) => { throw new Error(`${e.message}; last: ${lastDetail}`); });
  const outputOf = (m, cls) => ({ compute: m.computeUnits, connectivity: m.bandwidthBytes, energy: m.energyWh, sensing: m.samples }[cls].toBigInt());
  for (const d of fleet) {
    const r = await record(api, verifiedEpoch, d.id);
    const [reported, verified] = [outputOf(r.reported, d.class), outputOf(r.verified, d.class)];
    assert.ok(verified > 0n, `${d.name}: verified ${verified} > 0`);
    assert.ok(verified <= reported, `${d.name}: verified ${verified} <= reported ${reported}`);
    assert.ok(r.reported.uptimeSecs.toNumber() > 0, `${d.name}: uptime reported`);
    if (d.liar) {
      assert.ok(reported >= 2n * verified, `the liar: reported ${reported} Wh, verified ${verified} Wh`);
    } else if (d.class !== 'connectivity' && d.class !== 'compute') {
      // What honest meters and samples show agrees with the report within the tolerance.
      assert.ok(verified * 10n >= reported * 7n, `${d.name}: verified ${verified} close to reported ${reported}`);
    }
  }

  // Agent 0 is killed mid-epoch and restarted on its state file.
  const killEpoch = (await api.call.depinAttestationsApi.currentEpoch()).toNumber() + 1;
  await untilBlock(api, killEpoch * EPOCH + 5);
  await agents[0].agent.kill('SIGKILL');
  await sleep(1_500);
  const restarted = startAgent(['run', '--config', agents[0].config], 'agent-0 (restarted)');
  processes.push(restarted);
  agents[0].agent = restarted;
  await untilBlock(api, (killEpoch + 2) * EPOCH + 3);
  for (const epoch of [killEpoch - 1, killEpoch, killEpoch + 1]) {
    for (const d of agentsOf[0]) {
      const r = await record(api, epoch, d.id);
      assert.ok(r, `device ${d.name}: epoch ${epoch} reported across the restart`);
    }
  }
  // The epoch of the kill kept the work done before it: uptime of most of the epoch.
  for (const d of agentsOf[0]) {
    const uptime = (await record(api, killEpoch, d.id)).reported.uptimeSecs.toNumber();
    assert.ok(uptime >= (EPOCH * BLOCK_MS) / 1000 / 2, `${d.name}: ${uptime} s up in the epoch of the restart`);
  }
  for (const { agent } of agents) assert.doesNotMatch(agent.logs(), /Duplicate/);

  // Paid: the agents' claims pay Bob; the verifiers claim theirs.
  await waitFor(async () => (await api.query.system.account(bob.address)).data.free.toBigInt() > bobBefore, 240_000, 'Bob to be paid');
  for (const { daemon } of verifiers) await daemon.waitForLog(/claimed verifier rewards/, 240_000);

  // What the agents and daemons say of themselves.
  for (const { metricsPort, devices } of agents) {
    const m = await metricsOf(metricsPort);
    assert.ok(m.value('atlas_agent_reports_submitted_total') >= devices.length, m.text);
  }
  for (const { metricsPort } of verifiers) {
    const m = await metricsOf(metricsPort);
    assert.ok(m.value('atlas_verifier_observations_total') > 0, m.text);
    assert.ok(m.value('atlas_verifier_reveals_total') > 0, m.text);
  }
  const readable = agents[1].agent.logs();
  assert.match(readable, /report\(s\) accepted in block/);
  assert.doesNotMatch(readable, /secret/i);
});
