#!/usr/bin/env bash
# The whole test suite: Rust unit and integration tests of every crate (release profile, the
# same one the node is built with, so dependencies compile once), then the end-to-end tests that
# start the real node binary and drive it over JSON-RPC with @polkadot/api. Between them, a short
# run of the runtime fuzzer (fuzz/), whose build also gives the upgrade test its try-runtime check.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh

t0=$(date +%s)
echo "==> cargo build --release (node and runtime)"
cargo build --release --locked --workspace
t1=$(date +%s)
echo "==> cargo test --release"
cargo test --release --locked --workspace
echo "==> benchmark tests of the DePIN pallets (each benchmark runs once against the mock)"
cargo test --release --locked -p pallet-network-states -p pallet-interstate -p pallet-deployments -p pallet-devices -p pallet-attestations -p pallet-rewards -p pallet-vaults -p pallet-state-seats -p pallet-community-pools \
	--features runtime-benchmarks benchmarking
echo "==> device reports per block from the generated weights"
cargo test --release --locked --workspace --test capacity -- --nocapture
echo "==> read latency of the DePIN runtime APIs at 10,000 and 100,000 devices"
cargo test --release --locked --workspace --test read_latency -- --ignored --nocapture
t2=$(date +%s)
echo "==> runtime fuzzer: a short run from the committed corpus (scripts/fuzz.sh 600 runs it for 10 minutes)"
./scripts/fuzz.sh --ci 120
t3=$(date +%s)
echo "==> chain specs are up to date"
./scripts/generate-chain-specs.sh --check
echo "==> end-to-end tests (scripts/e2e)"
(cd scripts/e2e && ATLAS_NODE="$CARGO_TARGET_DIR/release/atlas-node" npm test)
t4=$(date +%s)
echo "==> done: build $((t1-t0)) s, cargo test $((t2-t1)) s, fuzz $((t3-t2)) s, specs + e2e $((t4-t3)) s"
