#!/usr/bin/env bash
# Prints how many device reports (and verifier observations, and plain transfers) fit in one
# block's normal dispatch class with the generated weights, and checks the 5,000 target.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
cargo test --release --locked --workspace --test capacity -- --nocapture
