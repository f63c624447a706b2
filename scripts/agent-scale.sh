#!/usr/bin/env bash
# The agent at scale: N devices (default 1,000) on a dev node run by one atlas-agent; prints its
# binary size, its memory, and how long an epoch of N reports takes to sign and land.
# Usage: scripts/agent-scale.sh [N] [EPOCHS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
# The same build as scripts/test.sh (one feature set: nothing compiles twice).
cargo build --release --locked --workspace
cd scripts/e2e && ATLAS_NODE="$CARGO_TARGET_DIR/release/atlas-node" node agent-scale.mjs "${1:-1000}" "${2:-3}"
