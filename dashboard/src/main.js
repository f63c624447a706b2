// The Atlas dashboard: the network at a glance, a hex map of devices, states with their
// deployments, vaults and partners, per-device pages, a blueprint leaderboard, and live updates
// as epochs close. Reads the node's public JSON-RPC (`depin_*`), given as `?rpc=ws://…`; with
// `?graphql=http://…/graphql` (the indexer, indexer/) it reads history from there too: a
// device's verified uptime and rewards per epoch beyond what the chain keeps, a vault's NAV
// per share over time.
import { Rpc, allPages } from './rpc.js';
import { barChart, h3Hex, hexMap } from './draw.js';

const CLASSES = ['Compute', 'Connectivity', 'Energy', 'Sensing'];
const STATUSES = ['Pending', 'Active', 'Suspended'];
const query = new URLSearchParams(location.search);
const rpcUrl = query.get('rpc') ?? 'ws://127.0.0.1:9944';
const graphqlUrl = query.get('graphql');
const view = document.getElementById('view');
const events = [];
let rpc;

/** An amount in the chain's smallest unit (decimal string) as ATH with up to 4 decimals. */
export function ath(units) {
  const v = BigInt(units);
  const whole = v / 10n ** 12n;
  const frac = (v % 10n ** 12n).toString().padStart(12, '0').slice(0, 4).replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''} ATH`;
}

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'testid') node.dataset.testid = v;
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

const card = (label, value, testid) => h('div', { class: 'card' }, h('b', { testid }, value), h('span', {}, label));
const table = (headers, rows, testid) =>
  h('table', { testid }, h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))), h('tbody', {}, rows.map((r) => h('tr', {}, r.map((x) => h('td', {}, x))))));

/** A query to the indexer's GraphQL API; its `data`, or an error naming what went wrong. */
async function gql(text, variables = {}) {
  const res = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(`indexer: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data;
}

/** How many epochs of history the charts show. */
const HISTORY = 30;

/** Registered states: ids are probed in order until all `registered` are found (bounded). */
async function states(registered) {
  const found = [];
  for (let id = 0, misses = 0; found.length < registered && misses < 50; id++) {
    try {
      found.push([id, await rpc.depin('networkState', id)]);
      misses = 0;
    } catch (e) {
      if (e.code !== 4004) throw e;
      misses++;
    }
  }
  return found;
}

async function network() {
  const o = await rpc.depin('overview');
  const census = o.devices;
  const total = census.flat().reduce((a, b) => a + b, 0);
  const active = census.reduce((a, byStatus) => a + byStatus[1], 0);
  const reporting = o.reporting.reduce((a, b) => a + b, 0);
  const overview = h('section', {}, h('h2', {}, 'Network'), h('div', { class: 'cards' },
    card('devices', total, 'devices-total'),
    card('active devices', active, 'devices-active'),
    card(`reporting in epoch ${o.epoch}`, reporting, 'reporting'),
    card('emitted to devices', ath(o.minted), 'minted'),
    card('paid out', ath(o.paid), 'paid'),
    card('network states', `${o.states.active} / ${o.states.registered}`, 'states'),
    card('validators', o.validators, 'validators'),
    card('blueprints', o.blueprints, 'blueprints'),
  ), table(['class', ...STATUSES, 'reporting'], CLASSES.map((c, i) => [c, ...census[i], o.reporting[i]]), 'census'));

  const list = await states(o.states.registered);
  const cells = new Map();
  const stateRows = [];
  for (const [id, st] of list) {
    const devices = await allPages(rpc, 'devicesByState', [id]);
    for (const [, d] of devices) {
      const cell = h3Hex(d.location);
      cells.set(cell, (cells.get(cell) ?? 0) + 1);
    }
    const deployments = await allPages(rpc, 'deploymentsOf', [id], 1);
    const partners = (await rpc.depin('recognitionsOf', id, null, 100)).items;
    stateRows.push([id, st.name, st.status, devices.length, deployments.map(([, d]) => d.name).join(', ') || '—', partners.join(', ') || '—']);
  }
  const map = h('section', {}, h('h2', {}, `Devices by H3 cell (${cells.size} cells)`), hexMap(cells));
  const statesSection = h('section', {}, h('h2', {}, 'Network states'),
    table(['id', 'name', 'status', 'devices', 'deployments', 'recognises'], stateRows, 'states-table'));

  const vaults = await rpc.depin('vaults', null, 100);
  const vaultRows = vaults.map((v) => [v.id, v.name, ath(v.nav), ath(v.shareSupply), v.shareSupply === '0' ? '—' : (Number(BigInt(v.nav) * 10000n / BigInt(v.shareSupply)) / 10000).toString(), v.sponsors.join(', ')]);
  const vaultSection = h('section', {}, h('h2', {}, 'Vaults'),
    table(['id', 'name', 'NAV', 'share supply', 'NAV per share', 'sponsor states'], vaultRows, 'vaults-table'));
  if (graphqlUrl) {
    // History is extra: when the indexer is down or refuses, the page says so and shows the rest.
    try {
      const shown = vaults.slice(0, 10);
      const charts = [];
      for (const v of shown) {
        const { vaultSnapshots } = await gql(`query($v: String!, $n: Int!) { vaultSnapshots(where: { vault: { id_eq: $v } }, orderBy: epoch_DESC, limit: $n) { epoch sharePrice } }`, { v: String(v.id), n: HISTORY });
        const points = vaultSnapshots.reverse().map((s) => ({ label: s.epoch, value: Number(Number(s.sharePrice).toFixed(4)) }));
        charts.push(h('h3', {}, `${v.name}: NAV per share by epoch`), barChart(points, `nav-chart-${v.id}`));
      }
      vaultSection.append(...charts);
    } catch (e) {
      vaultSection.append(h('p', { class: 'error', testid: 'history-error' }, `history unavailable: ${e.message ?? e}`));
    }
  }
  const live = h('section', {}, h('h2', {}, 'Live'), h('div', { class: 'log', testid: 'events' }, events.map((e) => h('div', {}, e))));
  view.replaceChildren(overview, map, statesSection, vaultSection, live);
}

/** A device's last epochs from the indexer, oldest first. */
async function deviceHistory(id) {
  const { deviceRecords } = await gql(`query($d: String!, $n: Int!) { deviceRecords(where: { device: { id_eq: $d } }, orderBy: epoch_DESC, limit: $n) {
    epoch verified { uptimeSecs } quorum points reward settledAt } }`, { d: String(id), n: HISTORY });
  return deviceRecords.reverse();
}

async function device(id) {
  const d = await rpc.depin('device', id);
  const uptime = [];
  let history = null;
  let historyError = null;
  if (graphqlUrl) {
    try {
      history = await deviceHistory(id);
      for (const r of history) uptime.push({ label: r.epoch, value: r.verified.uptimeSecs });
    } catch (e) {
      historyError = `history unavailable: ${e.message ?? e}`;
    }
  }
  if (!history) {
    // The node alone: the epochs it still keeps.
    const epoch = await rpc.depin('currentEpoch');
    for (let e = Math.max(0, epoch - 11); e <= epoch; e++) {
      const record = await rpc.depin('deviceRecord', e, id).catch(() => null);
      uptime.push({ label: e, value: record ? record.verified.uptimeSecs : 0 });
    }
  }
  const pending = await rpc.depin('pendingRewards', id);
  const receipts = [];
  for (const e of pending.epochs) {
    const r = await rpc.depin('rewardReceipt', id, e).catch(() => null);
    if (r) receipts.push(r);
  }
  const info = h('section', {}, h('h2', {}, `Device ${id}`), table(['owner', 'state', 'spec', 'status', 'H3 cell'],
    [[d.owner, d.state, JSON.stringify(d.spec), d.status, h3Hex(d.location)]], 'device-info'),
    h('div', { class: 'cards' }, card('claimable', ath(pending.claimable), 'claimable'), card('maturing', ath(pending.maturing), 'maturing')));
  const charts = h('section', {}, h('h2', {}, 'Verified uptime per epoch (s)'), barChart(uptime, 'uptime-chart'),
    h('h2', {}, 'Unpaid rewards per epoch'), barChart(receipts.map((r) => ({ label: r.epoch, value: Number(BigInt(r.amount) / 10n ** 8n) / 1e4 })), 'rewards-chart'),
    table(['epoch', 'class', 'verified uptime', 'verified by quorum', 'multipliers', 'points', 'class total', 'amount', 'payable'], receipts.map((r) => [
      r.epoch, r.class,
      r.attested ? `${r.attested.verified.uptimeSecs} s` : '—',
      r.attested ? (r.attested.quorum ? 'yes' : 'no') : '—',
      r.attested ? `×${r.attested.verification / 1e9} verification, +${r.attested.uptimeBonus / 1e7} % uptime bonus` : '—',
      r.points, r.classTotal, ath(r.amount), r.payable ? 'yes' : 'not yet',
    ]), 'receipts'));
  if (historyError) charts.append(h('p', { class: 'error', testid: 'history-error' }, historyError));
  if (history) {
    charts.append(h('h2', {}, 'Rewards settled per epoch (ATH, from the indexer)'),
      barChart(history.map((r) => ({ label: r.epoch, value: r.reward === null ? 0 : Number(BigInt(r.reward) / 10n ** 8n) / 1e4 })), 'settled-chart'),
      table(['epoch', 'verified uptime', 'verified by quorum', 'points', 'reward', 'settled in block'], history.map((r) => [
        r.epoch, `${r.verified.uptimeSecs} s`, r.quorum ? 'yes' : 'no', r.points, r.reward === null ? '—' : ath(r.reward), r.settledAt ?? '—',
      ]), 'history'));
  }
  view.replaceChildren(info, charts);
}

async function blueprints(kind = 'Energy') {
  const page = await rpc.depin('blueprintsRanked', kind, null, 100);
  const rows = [];
  for (const [id, k] of page.items) {
    const b = await rpc.depin('blueprint', id);
    rows.push([id, b.name, k.totals.energyWh, k.totals.bandwidthBytes, k.totals.computeUnits, `${(k.uptimeRatio / 1e7).toFixed(1)} %`, k.devicesActive, ath(k.totals.rewards), b.adoptions]);
  }
  const select = h('select', { testid: 'kpi' }, ['Energy', 'Bandwidth', 'Compute', 'Samples', 'UptimeRatio', 'DevicesActive', 'Points', 'Rewards'].map((k) => {
    const o = h('option', { value: k }, k);
    if (k === kind) o.selected = true;
    return o;
  }));
  select.onchange = () => blueprints(select.value).catch(fail);
  view.replaceChildren(h('section', {}, h('h2', {}, 'Blueprint leaderboard by ', select),
    table(['id', 'blueprint', 'Wh', 'bytes', 'GPU-s', 'uptime', 'devices active', 'rewards', 'adoptions'], rows, 'leaderboard')));
}

function fail(e) {
  view.replaceChildren(h('section', { class: 'error', testid: 'error' }, String(e.message ?? e)));
}

async function route() {
  const [, page, arg] = location.hash.split('/');
  if (page === 'device' && arg !== undefined) await device(arg);
  else if (page === 'blueprints') await blueprints();
  else await network();
  document.body.dataset.ready = location.hash || '#/';
}

async function start() {
  rpc = await new Rpc(rpcUrl).connect();
  document.getElementById('chain').textContent = await rpc.call('system_chain');
  document.getElementById('status').textContent = `connected to ${rpcUrl}${graphqlUrl ? `, history from ${graphqlUrl}` : ''}`;
  await rpc.subscribe('depin_subscribeEpochs', [], (msg) => {
    const devices = msg.summary.classes.reduce((a, c) => a + c.devices, 0);
    const budget = msg.budget ? msg.budget.classes.reduce((a, c) => a + BigInt(c.budget), 0n) : null;
    events.unshift(`epoch ${msg.epoch} closed: ${devices} devices reported${budget !== null ? `, ${ath(budget)} to devices` : ''}`);
    if (!location.hash || location.hash === '#/') route().catch(fail);
  });
  window.addEventListener('hashchange', () => { delete document.body.dataset.ready; route().catch(fail); });
  await route();
}

start().catch(fail);
