// End-to-end: the dashboard in a real browser against the real node. A dev chain is seeded with a
// realistic fleet (three network states, one recognising another, a device of every class, a
// deployment with a blueprint, a vault, an epoch of reports, the solar inverter's confirmed by a
// quorum of the verifier pool, and a settled reward); the dashboard
// is built, served, and loaded in headless Chromium (Debian's `chromium`, driven by
// playwright-core), and the test checks what a person would: the counts, the map, the states,
// a vault's NAV, a device's receipt and the blueprint leaderboard. Screenshots go to
// scripts/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { chromium } from 'playwright-core';
import { startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { attestAll, possessionPayload, registerState, reportPayload, verifierPool } from './lib/depin.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dashboardDir = path.resolve(here, '../../dashboard');
const artifacts = path.join(here, 'artifacts');
const ATH = 10n ** 12n;
const PERCENT = 10_000_000;
const CELLS = { berlin: 0x891f1d48947ffffn, sf: 0x8928308280fffffn, bay: 0x85283473fffffffn, lagos: 0x887a6e42cbfffffn };

let node;
let browser;
let server;
let keyring;

before(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
  node = await startDevNode(['--sealing', 'instant']);
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: dashboardDir, stdio: 'inherit' });
  const { serve } = await import(path.join(dashboardDir, 'serve.mjs'));
  server = await serve(0);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  mkdirSync(artifacts, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
  await node?.stop();
});

/** The dashboard's ATH formatting, to compare what the page shows with what RPC returns. */
function ath(units) {
  const v = BigInt(units);
  const frac = (v % ATH).toString().padStart(12, '0').slice(0, 4).replace(/0+$/, '');
  return `${v / ATH}${frac ? `.${frac}` : ''} ATH`;
}

async function seed(api) {
  const [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
  const send = (tx, who) => submitAndWaitFinalized(tx, who);
  const register = (name, admin) => registerState(api, name, admin);
  const solar = await register('Solar Commons', alice);
  const mesh = await register('Mesh Republic', bob);
  const guild = await register('Sensor Guild', charlie);
  await send(api.tx.interstate.requestRecognition(mesh, solar), bob);
  await send(api.tx.interstate.acceptRecognition(solar, mesh), alice);

  // One device of every class, each with its own key, in three states and four cells.
  const fleet = [
    { owner: alice, state: solar, spec: { Compute: { gpuModel: 'RTX 4090', gpuCount: 1, gpuMemoryMib: 24576 } }, model: 1, cell: CELLS.sf, metrics: { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 0, computeUnits: 50, samples: 0 } },
    { owner: alice, state: solar, spec: { Energy: { ratedWatts: 5000 } }, model: 4, cell: CELLS.berlin, metrics: { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 0, samples: 0 } },
    { owner: bob, state: mesh, spec: { Connectivity: { linkCapacityKbps: 100000 } }, model: 2, cell: CELLS.bay, metrics: { uptimeSecs: 45, bandwidthBytes: 600_000_000, energyWh: 0, computeUnits: 0, samples: 0 } },
    { owner: charlie, state: guild, spec: { Sensing: { sensorKind: 'Weather', samplesPerHour: 60 } }, model: 5, cell: CELLS.lagos, metrics: { uptimeSecs: 30, bandwidthBytes: 0, energyWh: 0, computeUnits: 0, samples: 1 } },
  ];
  for (const d of fleet) {
    d.key = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
    const nonce = (await api.query.devices.registrationNonce(d.owner.address)).toNumber();
    d.id = (await api.query.devices.nextDeviceId()).toNumber();
    await send(api.tx.devices.registerDevice(d.state, d.spec, d.model, d.cell, '', { Sr25519: d.key.publicKey }, { Sr25519: d.key.sign(possessionPayload(api, d.owner.address, d.key.publicKey, nonce)) }, null), d.owner);
    await send(api.tx.devices.activateDevice(d.id), d.owner);
  }

  // Solar's microgrid, its blueprint, and a vault.
  const grid = (await api.query.deployments.nextDeploymentId()).toNumber();
  await send(api.tx.deployments.createDeployment(solar, 'Solar microgrid', '', [CELLS.berlin], null), alice);
  await send(api.tx.utility.batchAll(fleet.slice(0, 2).map((d) => api.tx.deployments.addDevice(grid, d.id))), alice);
  await send(api.tx.deployments.publishBlueprint(solar, {
    name: 'Solar and GPU microgrid', metadataUri: '', deviceMix: [1, 0, 1, 0], hardwareModels: [1, 4],
    expectedOutput: { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 50, samples: 0 }, cost: 0, source: grid,
  }), alice);
  const vault = (await api.query.vaults.nextVaultId()).toNumber();
  const params = { minDeposit: ATH, redeemAfter: 0, votingPeriod: 10, quorum: 20 * PERCENT, threshold: 50 * PERCENT, sponsorVeto: true };
  await send(api.tx.vaults.createVault(solar, 'Solar Fund', params, 3n * ATH), alice);

  // Three verifiers join the pool (serving from the next epoch): unverified, a report keeps half
  // its uptime points only and its output earns nothing.
  const verifiers = await verifierPool(api, charlie);

  // One epoch of reports, the energy device's confirmed by the verifiers (the others stay
  // unverified), then blocks until it is funded and the energy device's reward is claimable; its
  // owner claims it (a settled reward), the compute device's stays unpaid.
  // Start at a fresh epoch so the reports land well inside its submission window (blocks that
  // rotate a session take no transaction, so the block count per report varies).
  const running = (await api.call.depinAttestationsApi.currentEpoch()).toNumber();
  let epoch = running;
  while (epoch === running) {
    await send(api.tx.system.remark('0x00'), charlie);
    epoch = (await api.call.depinAttestationsApi.currentEpoch()).toNumber();
  }
  for (const d of fleet) {
    await send(api.tx.attestations.submitReports(epoch, [{ device: d.id, metrics: d.metrics, signature: { Sr25519: d.key.sign(reportPayload(api, d.id, epoch, d.metrics)) } }]), d.owner);
  }
  await attestAll(api, verifiers, epoch, [[fleet[1].id, fleet[1].metrics]]);
  for (let i = 0; i < 60; i++) {
    await send(api.tx.system.remark('0x00'), charlie);
    if ((await api.call.depinRewardsApi.pendingRewards(fleet[1].id)).claimable.toBigInt() > 0n) break;
  }
  await send(api.tx.rewards.claim([fleet[1].id]), alice);
  return { fleet, vault, epoch };
}

test('the dashboard shows the seeded fleet, its map, a vault NAV, a receipt and the leaderboard', async () => {
  const { api } = node;
  const { fleet, vault, epoch } = await seed(api);
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const base = `http://127.0.0.1:${server.address().port}/?rpc=ws://127.0.0.1:${node.rpcPort}`;
  const text = (id) => page.textContent(`[data-testid="${id}"]`);

  // The network page: counts, the map, states, vaults.
  await page.goto(base);
  await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
  assert.equal(await text('devices-total'), '4');
  assert.equal(await text('devices-active'), '4');
  assert.equal(await text('states'), '3 / 3');
  assert.equal(await text('validators'), '1');
  assert.equal(await text('blueprints'), '1');
  const overview = await api.call.depinOverviewApi.overview();
  assert.equal(await text('paid'), ath(overview.paid.toString()));
  assert.ok(overview.paid.toBigInt() > 0n, 'a reward was paid');
  assert.equal(await page.locator('[data-testid="map"] path').count(), 4, 'one hexagon per cell');
  const states = await page.locator('[data-testid="states-table"] tbody tr').allTextContents();
  assert.equal(states.length, 3);
  assert.match(states[0], /Solar Commons.*Solar microgrid/);
  assert.match(states[0], /Active/);
  const onChainVault = (await api.call.depinVaultsApi.vault(vault)).unwrap();
  const vaultRow = await page.locator('[data-testid="vaults-table"] tbody tr').first().textContent();
  assert.ok(vaultRow.includes('Solar Fund') && vaultRow.includes(ath(onChainVault.nav.toString())), vaultRow);
  await page.screenshot({ path: path.join(artifacts, 'dashboard-network.png'), fullPage: true });

  // A device page: its uptime chart and its unpaid receipt, as the chain computes it.
  const gpu = fleet[0];
  await page.goto(`${base}#/device/${gpu.id}`);
  await page.waitForSelector(`body[data-ready="#/device/${gpu.id}"]`, { timeout: 30_000 });
  const receipt = (await api.call.depinRewardsApi.rewardReceipt(gpu.id, epoch)).unwrap();
  const rows = await page.locator('[data-testid="receipts"] tbody tr').allTextContents();
  assert.equal(rows.length, 1);
  assert.ok(rows[0].startsWith(`${epoch}Compute60 sno`) && rows[0].includes(ath(receipt.amount.toString())), rows[0]);
  assert.ok(rows[0].includes('×0.5 verification'), rows[0]);
  assert.ok((await page.locator('[data-testid="uptime-chart"] rect').count()) >= 1);
  await page.screenshot({ path: path.join(artifacts, 'dashboard-device.png'), fullPage: true });

  // The blueprint leaderboard.
  await page.goto(`${base}#/blueprints`);
  await page.waitForSelector('body[data-ready="#/blueprints"]', { timeout: 30_000 });
  const leader = await page.locator('[data-testid="leaderboard"] tbody tr').first().textContent();
  assert.match(leader, /Solar and GPU microgrid/);
  assert.match(leader, /80/);
  await page.screenshot({ path: path.join(artifacts, 'dashboard-blueprints.png'), fullPage: true });
  assert.deepEqual(errors, []);
});
