// Start the real atlas-agent binary (operator agent, verifier daemon, device simulator, CLI)
// as the end-to-end tests' operators and verifiers would.
import { spawn, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { repo } from './node.mjs';

const run = promisify(execFile);

/** The agent binary: $ATLAS_AGENT, else next to the node's release build. */
export function agentBinary() {
  const candidates = [
    process.env.ATLAS_AGENT,
    process.env.ATLAS_NODE && path.join(path.dirname(process.env.ATLAS_NODE), 'atlas-agent'),
    process.env.CARGO_TARGET_DIR && path.join(process.env.CARGO_TARGET_DIR, 'release', 'atlas-agent'),
    path.join(repo, 'target', 'release', 'atlas-agent'),
  ].filter(Boolean);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`atlas-agent not found; tried ${candidates.join(', ')}. Build it with cargo build --release`);
  return found;
}

/** Runs one CLI command of the agent; resolves { stdout, stderr }, rejects with its stderr. */
export async function agentCli(args) {
  try {
    return await run(agentBinary(), args, { timeout: 120_000 });
  } catch (e) {
    throw new Error(`atlas-agent ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

/**
 * Starts a long-running agent process (`run`, `verifier run`, `simulate`). Returns
 * { logs(), waitForLog(re, ms), kill(signal), stop(), exited }.
 */
export function startAgent(args, name) {
  const child = spawn(agentBinary(), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'info' },
  });
  let output = '';
  const keep = (chunk) => { output = (output + chunk.toString()).slice(-400_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const state = { exited: null };
  const exitedPromise = new Promise((resolve) => child.on('exit', (code, signal) => { state.exited = { code, signal }; resolve(state.exited); }));
  return {
    name,
    child,
    logs: () => output,
    get exited() { return state.exited; },
    async waitForLog(re, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const m = output.match(re);
        if (m) return m;
        if (state.exited) throw new Error(`${name} exited (${JSON.stringify(state.exited)}) before logging ${re}:\n${output.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`${name} did not log ${re} within ${timeoutMs} ms:\n${output.slice(-4000)}`);
    },
    kill(signal = 'SIGKILL') { child.kill(signal); return exitedPromise; },
    async stop() {
      if (state.exited) return state.exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await exitedPromise;
      clearTimeout(timer);
      return result;
    },
  };
}
