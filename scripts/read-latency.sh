#!/usr/bin/env bash
# Prints p50 and p99 latency of every DePIN read (the runtime API behind each `depin_*` JSON-RPC
# method and view function) on a chain holding 10,000 and then 100,000 devices, injected into the
# development genesis's storage (see runtime/tests/read_latency.rs for what it measures).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
cargo test --release --locked --workspace --test read_latency -- --ignored --nocapture
