// End-to-end: the indexer (indexer/) on a real PostgreSQL, following the real node. A fleet
// reports for several epochs, verifiers observe, rewards are claimed, a vault takes a deposit, a
// council motion passes and a referendum opens; the processor is killed mid-way and restarted.
// Then everything GraphQL answers is compared with what the chain's events and `depin_*` reads
// say, to the unit. Prints the indexing time per 1,000 blocks with reports and the p99 of a
// device-history query over 100,000 receipts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { rpc, startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { attestAll, freshEpoch, possessionPayload, reportPayload, verifierPool } from './lib/depin.mjs';
import { CELLS, seedFleet } from './lib/fleet.mjs';
import { startIndexer } from './lib/indexer.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const dashboardDir = path.resolve(here, '../../dashboard');
const artifacts = path.join(here, 'artifacts');
/** The dashboard's ATH formatting. */
function ath(units) {
  const v = BigInt(units);
  const frac = (v % ATH).toString().padStart(12, '0').slice(0, 4).replace(/0+$/, '');
  return `${v / ATH}${frac ? `.${frac}` : ''} ATH`;
}

const ATH = 10n ** 12n;
/** Epochs of the report-heavy stretch the indexing rate is measured on. */
const RATE_EPOCHS = Number(process.env.INDEXER_RATE_EPOCHS ?? 40);
let node;
let api;
let indexer;
let keyring;
let alice, bob, charlie;
let fleet;
let vaultId;

before(async () => {
  await cryptoWaitReady();
  // The indexer reads the state of every block it indexes: an archive node.
  node = await startDevNode(['--sealing', 'instant', '--state-pruning', 'archive']);
  api = node.api;
  keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
  [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
  indexer = await startIndexer(node.rpcPort);
});

after(async () => {
  await indexer?.stop();
  await node?.stop();
});

const send = (tx, who) => submitAndWaitFinalized(tx, who);
const head = async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
async function depin(method, ...params) {
  const res = await rpc(node.rpcPort, `depin_${method}`, params);
  if (res.error) throw new Error(`depin_${method}: ${res.error.message}`);
  return res.result;
}

/** Every event of blocks 1..n with its block number and hash. */
async function chainEvents(n) {
  const out = [];
  for (let b = 1; b <= n; b++) {
    const hash = await api.rpc.chain.getBlockHash(b);
    for (const { event } of await (await api.at(hash)).query.system.events()) out.push({ block: b, hash, event });
  }
  return out;
}
const named = (all, section, method) => all.filter(({ event }) => event.section === section && event.method === method);

/** Each device of the fleet reports `epoch`, the verifiers confirm the first two, the epoch is funded and claimed. */
async function reportEpoch(verifiers) {
  const epoch = await freshEpoch(api, charlie);
  for (const d of fleet) {
    await send(api.tx.attestations.submitReports(epoch, [{ device: d.id, metrics: d.metrics, signature: { Sr25519: d.key.sign(reportPayload(api, d.id, epoch, d.metrics)) } }]), d.owner);
  }
  await attestAll(api, verifiers, epoch, fleet.slice(0, 2).map((d) => [d.id, d.metrics]));
  for (let i = 0; i < 60; i++) {
    await send(api.tx.system.remark('0x00'), charlie);
    if ((await api.call.depinRewardsApi.pendingRewards(fleet[1].id)).claimable.toBigInt() > 0n) break;
  }
  await send(api.tx.rewards.claim([fleet[0].id, fleet[1].id]), alice);
  return epoch;
}

/** Each of `row.kpis` (per epoch) equals what `depin_<method>` read at its block. */
async function sameKpis(method, row) {
  for (const k of row.kpis) {
    const chain = await depin(method, Number(row.id), (await api.rpc.chain.getBlockHash(k.block)).toHex());
    assert.equal(k.kpis.points, String(chain.totals.points), `${method} ${row.id} epoch ${k.epoch}`);
    assert.equal(k.kpis.rewards, String(chain.totals.rewards));
    assert.equal(k.kpis.energyWh, String(chain.totals.energyWh));
    assert.equal(k.kpis.devicesActive, chain.devicesActive);
  }
}

test('GraphQL answers what the chain says, across a processor crash', async () => {
  const seeded = await seedFleet(api, keyring);
  fleet = seeded.fleet;
  const { vault } = seeded;
  vaultId = vault;
  await send(api.tx.vaults.deposit(vault, 10n * ATH), bob);
  await send(api.tx.vaults.redeem(vault, 2n * ATH), bob);
  // Bob's router changes hands (to a citizen of its state), and Solar lets Mesh co-use its microgrid.
  const dave = keyring.addFromUri('//Dave');
  await send(api.tx.networkStates.grantRole(fleet[2].state, dave.address, 'Citizen'), bob);
  // A device changes hands with nothing unpaid: Bob claims first.
  await send(api.tx.rewards.claim([fleet[2].id]), bob);
  await send(api.tx.devices.transferDevice(fleet[2].id, dave.address), bob);
  fleet[2].owner = dave;
  const grid = (await api.query.deployments.nextDeploymentId()).toNumber() - 1;
  await send(api.tx.interstate.grantUsage(fleet[0].state, fleet[2].state, { Deployment: grid }, 100, 100_000_000), alice);

  // A Council of States motion (its members are the states' admins) and a referendum with a vote.
  const remark = api.tx.system.remark('0x61746c6173');
  const proposed = await send(api.tx.council.propose(2, remark, remark.method.encodedLength), alice);
  const { proposalIndex, proposalHash } = proposed.events.map((r) => r.event).find((e) => e.section === 'council' && e.method === 'Proposed').data;
  await send(api.tx.council.vote(proposalHash, proposalIndex, true), alice);
  await send(api.tx.council.vote(proposalHash, proposalIndex, true), bob);
  await send(api.tx.council.close(proposalHash, proposalIndex, { refTime: 10_000_000_000, proofSize: 1_000_000 }, remark.method.encodedLength), alice);
  // A member's motion with threshold 1 executes at once, with no Proposed event before it.
  await send(api.tx.council.propose(1, remark, remark.method.encodedLength), bob);
  const submitted = await send(api.tx.referenda.submit({ Origins: 'DepinParams' }, { Inline: remark.method.toHex() }, { After: 1 }), alice);
  const referendum = submitted.events.map((r) => r.event).find((e) => e.section === 'referenda' && e.method === 'Submitted').data.index.toNumber();
  await send(api.tx.referenda.placeDecisionDeposit(referendum), alice);
  await send(api.tx.convictionVoting.vote(referendum, { Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance: 1000n * ATH } }), bob);

  // The processor is killed (no shutdown at all) once it has indexed part of this, then more
  // epochs happen while it is down, and it resumes from what it committed.
  // Killed twice: once idle at the head, once as soon as it has committed its first batch of
  // the backlog that built up meanwhile.
  await indexer.indexed(Math.floor((await head()) / 2));
  await indexer.crashProcessor();
  const crashedAt = await indexer.height();
  const verifiers = await verifierPool(api, charlie);
  await reportEpoch(verifiers);
  const backlog = await head();
  indexer.startProcessor();
  assert.match(await indexer.logLine(/last processed final block was \d+/), new RegExp(`was ${crashedAt}$`));
  while ((await indexer.height()) <= crashedAt) await new Promise((r) => setTimeout(r, 5));
  await indexer.crashProcessor();
  const crashedAgainAt = await indexer.height();
  console.log(`# processor killed at block ${crashedAt}, then at ${crashedAgainAt} while catching up to ${backlog}`);
  await reportEpoch(verifiers);
  indexer.startProcessor();
  assert.match(await indexer.logLine(/last processed final block was \d+/), new RegExp(`was ${crashedAgainAt}$`));
  const n = await head();
  await indexer.indexed(n);

  const all = await chainEvents(n);
  const q = (s) => indexer.gql(s);

  // Network states, by name and standing.
  const { networkStates } = await q('{ networkStates(orderBy: id_ASC, limit: 100) { id name admin status admission } }');
  assert.equal(networkStates.length, named(all, 'networkStates', 'StateRegistered').length);
  for (const s of networkStates) {
    const chain = await depin('networkState', Number(s.id));
    assert.equal(s.name, chain.name);
    assert.equal(s.admin, chain.admin);
    assert.equal(s.status, chain.status);
    assert.deepEqual(s.admission, chain.admission);
  }

  // Standing changes: the role Dave was granted.
  const { stateChanges } = await q(`{ stateChanges(where: { kind_eq: "RoleGranted", who_eq: "${fleet[2].owner.address}" }, limit: 10) { state { id } role block } }`);
  assert.deepEqual(stateChanges.map((c) => [Number(c.state.id), c.role, c.block]), named(all, 'networkStates', 'RoleGranted')
    .filter(({ event }) => event.data.who.toString() === fleet[2].owner.address).map(({ block, event }) => [event.data.state.toNumber(), event.data.role.toString(), block]));

  // Devices: one row per registration, owner and standing as the chain has them.
  const { devices } = await q('{ devices(orderBy: registeredAt_ASC, limit: 100) { id owner operator deposit route class status state { id } activatedAt } }');
  assert.equal(devices.length, named(all, 'devices', 'DeviceRegistered').length);
  for (const d of devices) {
    const chain = await depin('device', Number(d.id));
    assert.equal(d.owner, chain.owner);
    assert.equal(d.status, chain.status);
    assert.equal(Number(d.state.id), chain.state);
    assert.equal(d.activatedAt, chain.activeSince);
    assert.equal(d.operator, chain.operator);
    assert.equal(d.deposit, chain.deposit);
    const route = await api.query.devices.rewardRoutes(Number(d.id));
    const legs = route.isSome ? route.unwrap().map((l) => l.share.toNumber()) : null;
    assert.deepEqual(d.route && d.route.map((l) => l.share), legs);
  }

  const transfers = named(all, 'devices', 'DeviceTransferred');
  assert.equal(transfers.length, 1);
  const { deviceTransfers } = await q('{ deviceTransfers(limit: 10) { device { id } from to block } }');
  assert.deepEqual(deviceTransfers, transfers.map(({ block, event }) => ({ device: { id: event.data.device.toString() }, from: event.data.from.toString(), to: event.data.to.toString(), block })));

  // The co-use agreement, as depin_agreement reads it.
  const granted = named(all, 'interstate', 'UsageGranted');
  assert.equal(granted.length, 1);
  const { agreements } = await q('{ agreements(limit: 10) { id host { id } guest { id } hostShare ends grantedAt endedAt expired scope } }');
  const agreement = await depin('agreement', granted[0].event.data.agreement.toNumber());
  assert.equal(agreements.length, 1);
  assert.equal(Number(agreements[0].host.id), agreement.host);
  assert.equal(Number(agreements[0].guest.id), agreement.guest);
  assert.equal(agreements[0].hostShare, agreement.hostShare);
  assert.equal(Number(agreements[0].ends), agreement.ends);
  assert.equal(agreements[0].grantedAt, granted[0].block);
  assert.deepEqual(agreements[0].scope, { __kind: 'Deployment', value: grid });

  // Per device and epoch: exactly the chain's attestation records of every closed epoch.
  const closed = named(all, 'attestations', 'EpochClosed');
  assert.ok(closed.length >= 3, `${closed.length} epochs closed`);
  const { deviceRecords } = await q(`{ deviceRecords(orderBy: id_ASC, limit: 1000) {
    id epoch device { id } class quorum points fraudulent settledPoints classTotal reward settledAt
    reported { uptimeSecs bandwidthBytes energyWh computeUnits samples }
    verified { uptimeSecs bandwidthBytes energyWh computeUnits samples } } }`);
  const byId = new Map(deviceRecords.map((r) => [r.id, r]));
  let records = 0;
  for (const { event } of closed) {
    const epoch = event.data.epoch.toNumber();
    for (const [key, value] of await api.query.attestations.reports.entries(epoch)) {
      records++;
      const device = key.args[1].toNumber();
      const row = byId.get(`${device}-${epoch}`);
      assert.ok(row, `device ${device} epoch ${epoch} is indexed`);
      const r = value.unwrap ? value.unwrap() : value;
      for (const side of ['reported', 'verified']) {
        for (const m of ['uptimeSecs', 'energyWh', 'computeUnits', 'samples']) assert.equal(row[side][m], r[side][m].toNumber(), `${row.id} ${side}.${m}`);
        assert.equal(row[side].bandwidthBytes, r[side].bandwidthBytes.toString());
      }
      assert.equal(row.quorum, r.quorum.isTrue);
      assert.equal(row.points, r.points.toString());
    }
  }
  assert.equal(deviceRecords.length, records, 'no row without a record, none twice');

  // Receipts, to the unit: each settlement as the event says and as the receipt read just
  // before it computed it.
  const settled = named(all, 'rewards', 'RewardSettled');
  assert.ok(settled.length >= 3, `${settled.length} rewards settled`);
  for (const { block, event } of settled) {
    const { device, epoch, points, classTotal, amount } = event.data;
    const row = byId.get(`${device}-${epoch}`);
    assert.equal(row.reward, amount.toString());
    assert.equal(row.settledPoints, points.toString());
    assert.equal(row.classTotal, classTotal.toString());
    assert.equal(row.settledAt, block);
    const receipt = (await (await api.at(await api.rpc.chain.getBlockHash(block - 1))).call.depinRewardsApi.rewardReceipt(device, epoch)).unwrap();
    assert.equal(row.reward, receipt.amount.toString());
  }
  assert.equal(deviceRecords.filter((r) => r.reward != null).length, settled.length);
  const paid = named(all, 'rewards', 'RewardPaid');
  const { rewardPayments } = await q('{ rewardPayments(orderBy: id_ASC, limit: 100) { device { id } beneficiary amount block } }');
  assert.equal(rewardPayments.length, paid.length);
  assert.deepEqual(rewardPayments.map((p) => [p.device.id, p.amount, p.block]).sort(), paid.map(({ block, event }) => [event.data.device.toString(), event.data.amount.toString(), block]).sort());

  // Epochs: class totals and emission as the events say.
  const { epochSummaries: epochs } = await q('{ epochSummaries(orderBy: index_ASC, limit: 100) { index closedAt fundedAt mintedDepin mintedTreasury budgetEnergy verifierBudget totals { class points devices } } }');
  for (const { block, event } of closed) {
    const row = epochs.find((e) => e.index === event.data.epoch.toNumber());
    assert.equal(row.closedAt, block);
    assert.deepEqual(row.totals.map((t) => [t.points, t.devices]), event.data.totals.map((t) => [t.points.toString(), t.devices.toNumber()]));
  }
  const funded = named(all, 'rewards', 'EpochFunded');
  for (const { block, event } of funded) {
    const row = epochs.find((e) => e.index === event.data.epoch.toNumber());
    assert.equal(row.fundedAt, block);
    assert.equal(row.mintedDepin, event.data.minted.depin.toString());
    assert.equal(row.mintedTreasury, event.data.minted.treasury.toString());
    assert.equal(row.budgetEnergy, event.data.classBudgets[2].toString());
    assert.equal(row.verifierBudget, event.data.verifierBudget.toString());
  }

  // The vault: its flows, and its NAV and share price at each funded epoch as depin_vault read them.
  const { vaultById: v } = await q(`{ vaultById(id: "${vault}") { name flows(orderBy: id_ASC, limit: 100) { kind who amount shares block }
    snapshots(orderBy: epoch_ASC, limit: 100) { epoch block nav shareSupply sharePrice redemptionNav } } }`);
  assert.equal(v.name, 'Solar Fund');
  const deposits = named(all, 'vaults', 'Deposited');
  assert.deepEqual(v.flows.filter((f) => f.kind === 'Deposit').map((f) => [f.who, f.amount, f.shares, f.block]),
    deposits.map(({ block, event }) => [event.data.who.toString(), event.data.amount.toString(), event.data.shares.toString(), block]));
  assert.deepEqual(v.flows.filter((f) => f.kind === 'Redeem').map((f) => [f.who, f.amount, f.shares, f.block]),
    named(all, 'vaults', 'Redeemed').map(({ block, event }) => [event.data.who.toString(), event.data.amount.toString(), event.data.shares.toString(), block]));
  assert.equal(v.flows.filter((f) => f.kind === 'Seed').length, 1);
  // Every value movement of the vault once: its seed, deposits, redemptions, yield and spends.
  const ofVault = ({ event }) => event.data.vault.toNumber() === vault;
  const moves = ['VaultCreated', 'Deposited', 'Redeemed', 'YieldReceived', 'Spent', 'VendorPaid'].flatMap((m) => named(all, 'vaults', m).filter(ofVault));
  assert.equal(v.flows.length, moves.length);
  assert.equal(v.snapshots.length, funded.filter(({ block }) => block >= named(all, 'vaults', 'VaultCreated')[0].block).length);
  for (const s of v.snapshots) {
    const chain = await depin('vault', vault, (await api.rpc.chain.getBlockHash(s.block)).toHex());
    assert.equal(s.nav, chain.nav);
    assert.equal(s.shareSupply, chain.shareSupply);
    assert.equal(s.redemptionNav, chain.redemptionNav);
    assert.equal(Number(s.sharePrice).toFixed(9), (Number(chain.nav) / Number(chain.shareSupply)).toFixed(9));
  }

  // The microgrid's KPIs per epoch, as depin_deploymentKpis read them at that block.
  const { deployments } = await q('{ deployments(limit: 10) { id members(limit: 10) { device { id } leftAt } kpis(orderBy: epoch_ASC, limit: 100) { epoch block kpis { points rewards uptimeSecs energyWh devicesActive uptimeRatio } } } }');
  assert.equal(deployments.length, 1);
  assert.deepEqual(deployments[0].members.map((m) => Number(m.device.id)).sort(), fleet.slice(0, 2).map((d) => d.id).sort());
  assert.ok(deployments[0].kpis.length >= 3);
  await sameKpis('deploymentKpis', deployments[0]);
  const { blueprints } = await q('{ blueprints(limit: 10) { id source kpis(orderBy: epoch_ASC, limit: 100) { epoch block kpis { points rewards energyWh devicesActive } } } }');
  assert.equal(blueprints.length, 1);
  assert.equal(blueprints[0].source, Number(deployments[0].id));
  assert.equal(blueprints[0].kpis.length, deployments[0].kpis.length);
  await sameKpis('blueprintKpis', blueprints[0]);

  // Governance: the executed motion, the referendum and its vote.
  const { motions } = await q('{ motions(orderBy: proposedAt_ASC, limit: 10) { index threshold status ayes result } }');
  assert.deepEqual(motions, [
    { index: proposalIndex.toNumber(), threshold: 2, status: 'Executed', ayes: 2, result: 'Ok' },
    { index: null, threshold: 1, status: 'Executed', ayes: 0, result: 'Ok' },
  ]);
  const { referendums } = await q('{ referendums(limit: 10) { index track status votes(limit: 10) { who } } }');
  assert.equal(referendums.length, 1);
  assert.equal(referendums[0].index, referendum);
  assert.equal(referendums[0].track, 1);
  // Its standing as the chain has it now (the dev chain's tracks are a few blocks long).
  const info = (await api.query.referenda.referendumInfoFor(referendum)).unwrap();
  const standing = info.isOngoing ? (info.asOngoing.deciding.isSome ? 'Deciding' : 'Submitted') : info.type;
  assert.equal(referendums[0].status, standing);
  assert.deepEqual(referendums[0].votes.map((x) => x.who), [bob.address]);
});

test('the dashboard reads device and vault history from the indexer', async () => {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: dashboardDir, stdio: 'inherit' });
  const { serve } = await import(path.join(dashboardDir, 'serve.mjs'));
  const server = await serve(0);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const base = `http://127.0.0.1:${server.address().port}/?rpc=ws://127.0.0.1:${node.rpcPort}&graphql=${encodeURIComponent(indexer.url)}`;

    // The energy device's history: one row per indexed epoch, its settled rewards to the unit.
    const energy = fleet[1];
    const { deviceRecords } = await indexer.gql(`{ deviceRecords(where: { device: { id_eq: "${energy.id}" } }, orderBy: epoch_ASC, limit: 100) { epoch reward verified { uptimeSecs } } }`);
    assert.ok(deviceRecords.length >= 3, `${deviceRecords.length} epochs indexed`);
    await page.goto(`${base}#/device/${energy.id}`);
    await page.waitForSelector(`body[data-ready="#/device/${energy.id}"]`, { timeout: 30_000 });
    const rows = await page.locator('[data-testid="history"] tbody tr').allTextContents();
    assert.equal(rows.length, deviceRecords.length);
    deviceRecords.forEach((r, i) => {
      assert.ok(rows[i].startsWith(`${r.epoch}${r.verified.uptimeSecs} s`), rows[i]);
      if (r.reward !== null) assert.ok(rows[i].includes(ath(r.reward)), `${rows[i]} shows ${ath(r.reward)}`);
    });
    assert.equal(await page.locator('[data-testid="uptime-chart"] rect').count(), deviceRecords.length);
    assert.equal(await page.locator('[data-testid="settled-chart"] rect').count(), deviceRecords.length);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'dashboard-device-history.png'), fullPage: true });

    // The vault's NAV per share over the funded epochs.
    const { vaultSnapshots } = await indexer.gql('{ vaultSnapshots(limit: 100) { epoch } }');
    assert.ok(vaultSnapshots.length >= 3, `${vaultSnapshots.length} snapshots indexed`);
    await page.goto(base);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    assert.equal(await page.locator(`[data-testid="nav-chart-${vaultId}"] rect`).count(), vaultSnapshots.length);
    assert.equal(await page.locator('[data-testid="history-error"]').count(), 0);

    // With the indexer unreachable, the device page says so and shows what the node keeps.
    const dead = `http://127.0.0.1:${server.address().port}/?rpc=ws://127.0.0.1:${node.rpcPort}&graphql=${encodeURIComponent('http://127.0.0.1:9/graphql')}`;
    await page.goto(`${dead}#/device/${energy.id}`);
    await page.waitForSelector(`body[data-ready="#/device/${energy.id}"]`, { timeout: 30_000 });
    assert.match(await page.textContent('[data-testid="history-error"]'), /history unavailable/);
    assert.ok((await page.locator('[data-testid="uptime-chart"] rect').count()) >= 1);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});

test('the GraphQL server reads with a role that cannot write', async () => {
  const reader = indexer.reader();
  await reader.connect();
  try {
    const { rows } = await reader.query('SELECT count(*) FROM device');
    assert.ok(Number(rows[0].count) > 0);
    await assert.rejects(reader.query("UPDATE device SET owner = 'thief'"), /permission denied/);
    await assert.rejects(reader.query('UPDATE squid_processor.status SET height = 0'), /permission denied/);
    await assert.rejects(reader.query('CREATE TABLE public.x (id int)'), /permission denied/);
  } finally {
    await reader.end();
  }
});

test('a malformed query gets a clear error', async () => {
  const unknown = await indexer.post('{ devices(limit: 1) { id nope } }');
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.errors[0].message, /Cannot query field "nope" on type "Device"/);
  const syntax = await indexer.post('{ devices { id ');
  assert.equal(syntax.status, 400);
  assert.match(syntax.body.errors[0].message, /Syntax Error/);
  // No stack traces of the server's internals in answers.
  assert.equal(unknown.body.errors[0].extensions?.exception, undefined);
  // A list without a limit could be unbounded: refused before it reaches the database.
  const unbounded = await indexer.post('{ deviceRecords { id } }');
  assert.match(unbounded.body.errors[0].message, /response might exceed the size limit/);
  const badArg = await indexer.post('{ devices(limit: "ten") { id } }');
  assert.equal(badArg.status, 400);
  assert.match(badArg.body.errors[0].message, /Int cannot represent/);
});

test('figures: indexing time per 1,000 blocks with reports; device-history p99 over 100,000 receipts', async () => {
  // A report-heavy stretch: 40 sensors of Charlie's state, eight blocks of each epoch carrying a
  // batch of five signed reports.
  const state = fleet[3].state;
  const model = fleet[3].model;
  const keys = Array.from({ length: 40 }, () => new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate()));
  let nonce = (await api.query.devices.registrationNonce(charlie.address)).toNumber();
  const first = (await api.query.devices.nextDeviceId()).toNumber();
  await send(api.tx.utility.batchAll(keys.map((k) => api.tx.devices.registerDevice(state, fleet[3].spec, model, CELLS.lagos, '', { Sr25519: k.publicKey },
    { Sr25519: k.sign(possessionPayload(api, charlie.address, k.publicKey, nonce++)) }, null))), charlie);
  await send(api.tx.utility.batchAll(keys.map((_, i) => api.tx.devices.activateDevice(first + i))), charlie);
  const metrics = { uptimeSecs: 30, bandwidthBytes: 0, energyWh: 0, computeUnits: 0, samples: 1 };
  const t0 = Date.now();
  for (let e = 0; e < RATE_EPOCHS; e++) {
    const epoch = await freshEpoch(api, charlie);
    for (let i = 0; i < keys.length; i += 5) {
      const reports = keys.slice(i, i + 5).map((k, j) => {
        const device = first + i + j;
        return { device, metrics, signature: { Sr25519: k.sign(reportPayload(api, device, epoch, metrics)) } };
      });
      await send(api.tx.attestations.submitReports(epoch, reports), charlie);
    }
  }
  const made = ((Date.now() - t0) / 1000).toFixed(0);
  const n = await head();
  await indexer.indexed(n);

  // A second processor indexes the whole chain from genesis into a fresh database.
  const withReports = new Set(named(await chainEvents(n), 'attestations', 'ReportsAccepted').map(({ block }) => block)).size;
  const rate = await indexer.processorInto('atlas_rate');
  // From the moment it starts processing (its start-up, a second or so, is not indexing).
  while (!/processing blocks from 0/.test(rate.p.output)) {
    if (rate.p.exited) throw new Error(`the second processor exited:\n${rate.p.output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const t1 = Date.now();
  while ((await rate.height()) < n) {
    if (rate.p.exited) throw new Error(`the second processor exited:\n${rate.p.output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const ms = Date.now() - t1;
  await rate.stop();

  // 100,000 receipts: 2,000 more devices with 50 settled epochs each, written straight into the
  // tables the processor fills, next to the real ones.
  await indexer.sql(`INSERT INTO device (id, owner, class, key, status, maker_attested, deposit, registered_at, state_id)
    SELECT (1000000 + g)::text, 'bench', 'Sensing', 'Sr25519:0x00', 'Active', false, 0, 1, $1 FROM generate_series(0, 1999) g`, [String(state)]);
  await indexer.sql(`INSERT INTO device_record (id, device_id, epoch, class, reported, verified, quorum, points, fraudulent, closed_at, settled_points, class_total, reward, settled_at)
    SELECT (1000000 + d) || '-' || e, (1000000 + d)::text, e, 'Sensing',
      '{"uptimeSecs":30,"bandwidthBytes":"0","energyWh":0,"computeUnits":0,"samples":1}',
      '{"uptimeSecs":30,"bandwidthBytes":"0","energyWh":0,"computeUnits":0,"samples":1}',
      true, 31, false, e * 10, 31, 3100, 1000000 + e, e * 10 + 5
    FROM generate_series(0, 1999) d, generate_series(1, 50) e`);
  await indexer.sql('ANALYZE');
  const receipts = Number((await indexer.sql('SELECT count(*) FROM device_record WHERE reward IS NOT NULL')).rows[0].count);
  assert.ok(receipts >= 100_000);

  const history = `query($d: String!) { deviceRecords(where: { device: { id_eq: $d } }, orderBy: epoch_DESC, limit: 30) {
    epoch verified { uptimeSecs energyWh samples } points reward settledAt } }`;
  const time = async (query, variables) => { const s = process.hrtime.bigint(); const r = await indexer.post(query, variables); assert.ok(!r.body.errors, JSON.stringify(r.body.errors)); return Number(process.hrtime.bigint() - s) / 1e6; };
  const sample = async (f) => { const xs = []; for (let i = 0; i < 500; i++) xs.push(await f(i)); xs.sort((a, b) => a - b); return { p50: xs[249], p99: xs[494] }; };
  for (let i = 0; i < 50; i++) await time(history, { d: String(1000000 + i) }); // warm up
  const one = await indexer.gql(history, { d: '1000007' });
  assert.equal(one.deviceRecords.length, 30);
  assert.equal(one.deviceRecords[0].epoch, 50);
  const h = await sample((i) => time(history, { d: String(1000000 + ((i * 7919) % 2000)) }));
  const ref = await sample(() => time('{ squidStatus { height } }'));

  console.log('# indexer figures');
  console.log(`indexing from genesis: ${n} blocks (${withReports} with reports; the stretch's ${RATE_EPOCHS * keys.length} reports made in ${made} s) in ${ms} ms: ${(ms / n * 1000).toFixed(0)} ms per 1,000 blocks`);
  console.log(`device history (30 epochs of one device) over ${receipts} receipts: p50 ${h.p50.toFixed(2)} ms, p99 ${h.p99.toFixed(2)} ms`);
  console.log(`reference (a repeated squidStatus, from the server's cache) in the same run: p50 ${ref.p50.toFixed(2)} ms, p99 ${ref.p99.toFixed(2)} ms; history p99 / reference p99 = ${(h.p99 / ref.p99).toFixed(2)}`);
});
