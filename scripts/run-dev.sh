#!/usr/bin/env bash
# Set up the machine, build the node and run a one-validator dev chain with JSON-RPC on
# 127.0.0.1:9944. Extra arguments go to atlas-node (e.g. --sealing instant, or --tmp).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
cargo build --release --locked -p atlas-node
exec "$CARGO_TARGET_DIR/release/atlas-node" --dev "$@"
