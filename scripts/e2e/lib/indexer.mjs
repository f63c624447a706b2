// The indexer's stack for a test: a throwaway PostgreSQL cluster under a temporary directory,
// the schema's migrations, the processor following a node and the GraphQL server, all started
// through scripts/indexer.sh as an operator would.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, repo } from './node.mjs';

const script = path.join(repo, 'scripts', 'indexer.sh');
/** node-postgres, from the indexer's own packages. */
const pg = createRequire(path.join(repo, 'indexer', 'package.json'))('pg');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs `scripts/indexer.sh args…` to completion; rejects with its output if it fails. */
function run(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(script, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { out += c; });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`indexer.sh ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

/** Every long-running part started, for their logs in scripts/e2e/artifacts/indexer/. */
const started = [];

/** A long-running part (`process` or `serve`): its output, whether it exited, a kill. */
function start(part, env) {
  const child = spawn(script, [part], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const p = { child, output: '', exited: null, name: `${part}-${started.length}-${env.DB_NAME ?? 'atlas'}` };
  started.push(p);
  const keep = (c) => { p.output = (p.output + c).slice(-200_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  p.gone = new Promise((r) => child.on('exit', (code, signal) => { p.exited = { code, signal }; r(); }));
  p.kill = async (signal = 'SIGTERM') => { if (!p.exited) { child.kill(signal); await p.gone; } };
  return p;
}

/**
 * Starts PostgreSQL, migrates, and runs the processor against the node on `rpcPort` and the
 * GraphQL server. Returns `{ gql, status, sql, restartProcessor, processor, stop, … }`.
 */
export async function startIndexer(rpcPort) {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-indexer-'));
  // The cluster runs as the `postgres` user when the test runs as root: it must reach its dir.
  chmodSync(dir, 0o755);
  const [dbPort, gqlPort, promPort] = [await freePort(), await freePort(), await freePort()];
  const data = path.join(dir, 'db');
  const env = {
    ...process.env,
    ATLAS_INDEXER_DATA: data,
    DB_PORT: String(dbPort),
    GQL_PORT: String(gqlPort),
    PROMETHEUS_PORT: String(promPort),
    ATLAS_RPC: `ws://127.0.0.1:${rpcPort}`,
    // A throwaway cluster: durability against power loss is not what is tested.
    PG_FSYNC: 'off',
    // Write rows out mid-batch as a huge epoch would, on this small chain's epochs.
    INDEXER_MAX_ROWS: '5',
  };
  await run(['build'], env);
  await run(['db-start', data, String(dbPort)], env);
  // The passwords the cluster was made with (scripts/indexer.sh keeps them next to it).
  const secrets = Object.fromEntries(readFileSync(`${data}.secrets`, 'utf8').trim().split('\n').map((l) => l.split('=')));
  const connect = (user, password, database = 'atlas') => new pg.Client({ host: '127.0.0.1', port: dbPort, user, password, database });
  const client = connect('atlas', secrets.DB_PASS);
  await client.connect();
  await run(['migrate'], env);
  const parts = { processor: start('process', env), server: start('serve', env) };

  const url = `http://127.0.0.1:${gqlPort}/graphql`;
  /** POSTs a GraphQL query; resolves the whole response (`{ data, errors }`) and its HTTP status. */
  async function post(query, variables = {}) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: await res.json() };
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (parts.server.exited) throw new Error(`the GraphQL server exited:\n${parts.server.output}`);
    try { if ((await post('{ squidStatus { height } }')).body.data) break; } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`the GraphQL server is not up in 60 s:\n${parts.server.output}`);
    await sleep(250);
  }

  const stack = {
    dir,
    env,
    url,
    post,
    get processor() { return parts.processor; },
    /** A query's `data`; rejects on any error. */
    async gql(query, variables) {
      const { body } = await post(query, variables);
      if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    /** The last block the processor committed. */
    async height() {
      const { rows } = await client.query('SELECT height FROM squid_processor.status WHERE id = 0').catch(() => ({ rows: [] }));
      return rows.length ? Number(rows[0].height) : -1;
    },
    /** Resolves once the processor committed block `n`; rejects if it exits meanwhile. */
    async indexed(n, timeoutMs = 180_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const p = parts.processor;
        if (p.exited) throw new Error(`the processor exited (${JSON.stringify(p.exited)}):\n${p.output.slice(-5000)}`);
        if ((await stack.height()) >= n) return;
        if (Date.now() > until) throw new Error(`block ${n} not indexed in ${timeoutMs} ms (at ${await stack.height()}):\n${p.output.slice(-5000)}`);
        await sleep(200);
      }
    },
    /** Resolves the first line of the running processor's log matching `re` (waits for it). */
    async logLine(re, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const m = parts.processor.output.match(re);
        if (m) return m[0];
        if (parts.processor.exited || Date.now() > until) throw new Error(`no ${re} in the processor's log:\n${parts.processor.output}`);
        await sleep(20);
      }
    },
    sql: (text, params) => client.query(text, params),
    /** A connection as the GraphQL server's read-only role. */
    reader: () => connect('atlas_reader', secrets.GQL_DB_PASS),
    /** Kills the processor with SIGKILL (no shutdown at all). */
    async crashProcessor() { await parts.processor.kill('SIGKILL'); },
    startProcessor() { parts.processor = start('process', env); },
    /** A second processor into a fresh database `name`, for measuring; resolves a stop(). */
    async processorInto(name) {
      await client.query(`CREATE DATABASE ${name}`);
      const e2 = { ...env, DB_NAME: name, PROMETHEUS_PORT: String(await freePort()), INDEXER_MAX_ROWS: '50000' };
      await run(['migrate'], e2);
      const other = connect('atlas', secrets.DB_PASS, name);
      await other.connect();
      const p = start('process', e2);
      return {
        p,
        async height() {
          const { rows } = await other.query('SELECT height FROM squid_processor.status WHERE id = 0').catch(() => ({ rows: [] }));
          return rows.length ? Number(rows[0].height) : -1;
        },
        async stop() { await p.kill(); await other.end(); },
      };
    },
    async stop() {
      const logs = path.join(repo, 'scripts', 'e2e', 'artifacts', 'indexer');
      mkdirSync(logs, { recursive: true });
      for (const p of started) writeFileSync(path.join(logs, `${p.name}.log`), p.output);
      await parts.processor.kill();
      await parts.server.kill();
      await client.end().catch(() => {});
      await run(['db-stop', data], env).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
}
