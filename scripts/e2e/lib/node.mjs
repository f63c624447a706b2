// Start the real atlas-node binary on free ports and talk to it over JSON-RPC.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..', '..');

/** The node binary: $ATLAS_NODE, else the release build in CARGO_TARGET_DIR or ./target. */
export function nodeBinary() {
  const candidates = [
    process.env.ATLAS_NODE,
    process.env.CARGO_TARGET_DIR && path.join(process.env.CARGO_TARGET_DIR, 'release', 'atlas-node'),
    path.join(repo, 'target', 'release', 'atlas-node'),
  ].filter(Boolean);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`atlas-node not found; tried ${candidates.join(', ')}. Build it with cargo build --release`);
  return found;
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Plain JSON-RPC over HTTP (the node serves HTTP and WebSocket on one port). */
export async function rpc(port, method, params = []) {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return res.json();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Start `atlas-node --dev --tmp` with free RPC, p2p and Prometheus ports and wait until its
 * RPC answers. Returns { rpcPort, p2pPort, prometheusPort, api, logs(), stop() }.
 */
export function startDevNode(extraArgs = []) {
  return startNode(['--dev', '--tmp', ...extraArgs]);
}

/** Start atlas-node with `baseArgs` on free ports and wait until its RPC answers. */
export async function startNode(baseArgs) {
  const [rpcPort, p2pPort, prometheusPort] = [await freePort(), await freePort(), await freePort()];
  const args = [
    ...baseArgs,
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--prometheus-port', String(prometheusPort),
    '--no-mdns',
    '--no-telemetry',
  ];
  const child = spawn(nodeBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => { output = (output + chunk.toString()).slice(-200_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`atlas-node exited early (${JSON.stringify(exited)}):\n${output}`);
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`atlas-node RPC not up in 120 s:\n${output}`); }
    try {
      const health = await rpc(rpcPort, 'system_health');
      if (health.result) break;
    } catch { /* not listening yet */ }
    await sleep(250);
  }

  const api = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${rpcPort}`), noInitWarn: true, throwOnConnect: true });

  return {
    rpcPort,
    p2pPort,
    prometheusPort,
    api,
    logs: () => output,
    /** Kills the node with SIGKILL (no shutdown at all) and resolves once it is gone. */
    async crash() {
      await api.disconnect().catch(() => {});
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    },
    async stop() {
      await api.disconnect().catch(() => {});
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Resolve once the chain's best (or finalized) block number reaches `target`. */
export async function waitForBlock(api, target, { finalized = false, timeoutMs = 120_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hash = finalized ? await api.rpc.chain.getFinalizedHead() : await api.rpc.chain.getBlockHash();
    const header = await api.rpc.chain.getHeader(hash);
    const n = header.number.toNumber();
    if (n >= target) return n;
    if (Date.now() > deadline) throw new Error(`block ${target} (${finalized ? 'finalized' : 'best'}) not reached in ${timeoutMs} ms; at ${n}`);
    await sleep(500);
  }
}

/**
 * The fields of a module error that carries some (e.g. `{"index":"0","reason":"NotAssigned"}` for
 * `attestations.BadObservation`), as JSON, or '' for an error without fields.
 */
export function moduleErrorDetail(registry, moduleError) {
  try {
    const pallet = registry.metadata.pallets.find((p) => p.index.eq(moduleError.index));
    if (!pallet || pallet.errors.isNone) return '';
    const type = registry.createLookupType(pallet.errors.unwrap().type);
    // The error is its pallet's error enum, SCALE-encoded and zero-padded to four bytes.
    const human = registry.createType(type, moduleError.error.toU8a()).toHuman();
    const fields = typeof human === 'object' && human !== null ? Object.values(human)[0] : null;
    return fields == null ? '' : JSON.stringify(fields);
  } catch {
    return '';
  }
}

/**
 * Sign and submit `tx`, resolve when its block is finalized with { blockHash, events }, reject
 * on a dispatch error or an invalid transaction. A module error is named `section.Name`,
 * followed by its fields if it has any (`attestations.BadReport {"index":"0","reason":"…"}`).
 */
export function submitAndWaitFinalized(tx, signer, options = {}) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    tx.signAndSend(signer, options, (result) => {
      const { status, dispatchError, events } = result;
      if (dispatchError) {
        unsub();
        let reason = dispatchError.toString();
        if (dispatchError.isModule) {
          const { section, name } = tx.registry.findMetaError(dispatchError.asModule);
          const detail = moduleErrorDetail(tx.registry, dispatchError.asModule);
          reason = detail ? `${section}.${name} ${detail}` : `${section}.${name}`;
        }
        reject(new Error(`dispatch error: ${reason}`));
      } else if (status.isFinalized) {
        unsub();
        resolve({ blockHash: status.asFinalized, events });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsub();
        reject(new Error(`transaction ${status.type}`));
      }
    }).then((u) => { unsub = u; }, reject);
  });
}

export { repo };
