#!/usr/bin/env bash
# The 4-validator testnet under zombienet (native provider), with its checks
# (zombienet/testnet.zndsl): the four state validators produce and finalize blocks, finality
# goes on with one of them paused, it catches up after a resume and after a kill and restart,
# and a fifth state's validator (Eve) bonds, is elected at the next era and authors blocks.
# Takes about 6 minutes on a 2-core machine (Eve is elected at the second era change). Needs the release node built (cargo build --release -p atlas-node) and
# chain-specs/testnet-raw.json. Exits with zombienet's status (the number of failed checks).
# Extra arguments are zombienet's global options, placed before `test` (e.g. `-d <dir> -f` to keep
# the nodes' files and logs in <dir>).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

node_bin="$CARGO_TARGET_DIR/release/atlas-node"
if [ ! -x "$node_bin" ]; then
  echo "atlas-node not found at $node_bin" >&2
  echo "build it first: source scripts/env.sh && cargo build --release --locked -p atlas-node" >&2
  exit 1
fi
if [ ! -f chain-specs/testnet-raw.json ]; then
  echo "chain-specs/testnet-raw.json is missing (scripts/generate-chain-specs.sh writes it)" >&2
  exit 1
fi

# zombienet and @polkadot/api, pinned by zombienet/package-lock.json.
if [ ! -x zombienet/node_modules/.bin/zombienet ] || [ zombienet/package-lock.json -nt zombienet/node_modules/.package-lock.json ]; then
  echo "==> npm packages for zombienet"
  (cd zombienet && npm ci --no-audit --no-fund --loglevel=error)
fi

# zombienet runs `atlas-node` from PATH; relative paths in testnet.toml (the chain spec) are
# resolved against the repository root, the js-scripts against zombienet/.
export PATH="$(dirname "$node_bin"):$PATH"
echo "==> zombienet test zombienet/testnet.zndsl with $node_bin ($("$node_bin" --version))"
status=0
zombienet/node_modules/.bin/zombienet -p native "$@" test zombienet/testnet.zndsl || status=$?
echo "==> zombienet exited with $status"
exit "$status"
