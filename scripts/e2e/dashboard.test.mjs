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
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { chromium } from 'playwright-core';
import { startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { seedFleet } from './lib/fleet.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dashboardDir = path.resolve(here, '../../dashboard');
const artifacts = path.join(here, 'artifacts');
const ATH = 10n ** 12n;

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

test('the dashboard shows the seeded fleet, its map, a vault NAV, a receipt and the leaderboard', async () => {
  const { api } = node;
  const { fleet, vault, epoch } = await seedFleet(api, keyring);
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
