#!/usr/bin/env bash
# Regenerates the generated `weights.rs` of the Atlas pallets from their benchmarks, run on the
# runtime's WASM with the `runtime-benchmarks` feature. Usage:
#   scripts/benchmark-weights.sh [pallet_x ...]     (default: every Atlas pallet)
# STEPS and REPEAT override the sampling (defaults 50 and 20).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
PALLETS=("$@")
if [ ${#PALLETS[@]} -eq 0 ]; then
	PALLETS=(pallet_sovereign_registry pallet_devices)
fi

cargo build --release --locked -p atlas-node --features runtime-benchmarks
NODE="$CARGO_TARGET_DIR/release/atlas-node"
WASM="$CARGO_TARGET_DIR/release/wbuild/atlas-runtime/atlas_runtime.compact.compressed.wasm"

for pallet in "${PALLETS[@]}"; do
	dir="pallets/$(echo "${pallet#pallet_}" | tr _ -)"
	echo "== $pallet -> $dir/src/weights.rs"
	"$NODE" benchmark pallet \
		--runtime "$WASM" \
		--genesis-builder runtime \
		--genesis-builder-preset development \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--heap-pages 4096 \
		--template scripts/frame-weight-template.hbs \
		--header scripts/weights-header.txt \
		--output "$dir/src/weights.rs"
done
