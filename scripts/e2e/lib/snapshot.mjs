// A snapshot of a running chain's state for the try-runtime upgrade check, and that check
// (`try_upgrade`, a binary of the fuzz crate, built by `scripts/fuzz.sh --build`).
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { rpc } from './node.mjs';

/** `try_upgrade`: `$ATLAS_TRY_UPGRADE`, or where `scripts/fuzz.sh` builds it. */
export function tryUpgradeBinary() {
  if (process.env.ATLAS_TRY_UPGRADE) return process.env.ATLAS_TRY_UPGRADE;
  const target = process.env.CARGO_TARGET_DIR ?? path.join(homedir(), '.cache', 'atlas-target');
  const bin = path.join(target, 'fuzz', `${process.arch === 'x64' ? 'x86_64' : process.arch}-unknown-linux-gnu`, 'release', 'try_upgrade');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build it with scripts/fuzz.sh --build (or set ATLAS_TRY_UPGRADE)`);
  return bin;
}

/**
 * Every key and value of the top trie at `block` (the finalized head by default), paged over
 * RPC, written to `file` as `{ block, pairs: [[key, value]] }`. Returns the number of keys.
 */
export async function takeSnapshot(port, file, block = null) {
  const at = block ?? (await rpc(port, 'chain_getFinalizedHead')).result;
  const pairs = [];
  let start = null;
  for (;;) {
    const keys = (await rpc(port, 'state_getKeysPaged', ['0x', 1000, start, at])).result;
    if (keys.length === 0) break;
    const [changes] = (await rpc(port, 'state_queryStorageAt', [keys, at])).result;
    for (const [key, value] of changes.changes) if (value !== null) pairs.push([key, value]);
    start = keys[keys.length - 1];
  }
  writeFileSync(file, JSON.stringify({ block: at, pairs }));
  return pairs.length;
}

/** Runs the try-runtime upgrade check on snapshot `file`; returns its report line (throws with
 * the checker's output when it fails). */
export function checkUpgrade(file) {
  let out;
  try {
    out = execFileSync(tryUpgradeBinary(), [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (e) {
    throw new Error(`try_upgrade failed on ${file}:\n${e.stdout ?? ''}\n${(e.stderr ?? '').slice(-8000)}`);
  }
  const line = out.split('\n').find((l) => l.startsWith('try-runtime upgrade check passed'));
  if (!line) throw new Error(`try_upgrade did not report a passed check:\n${out}`);
  return line;
}
