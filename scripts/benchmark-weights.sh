#!/usr/bin/env bash
# Regenerates the generated `weights.rs` of the Atlas pallets from their benchmarks, run on the
# runtime's WASM with the `runtime-benchmarks` feature. Usage:
#   scripts/benchmark-weights.sh [pallet_x ...]     (default: every Atlas pallet)
# STEPS and REPEAT override the sampling (defaults 50 and 20; 10 and 5 for pallet_attestations,
# whose batch benchmarks sign up to 1,000 device reports in every run: ~3 min instead of ~1 h;
# 4 and 5 for pallet_rewards).
# Upstream pallets (staking, collective, treasury, preimage, scheduler, referenda, conviction
# voting) get runtime weights in runtime/src/weights/<pallet>.rs (the CLI's default template),
# sampled with 10 steps and 5 repeats unless STEPS/REPEAT say otherwise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

PALLETS=("$@")
if [ ${#PALLETS[@]} -eq 0 ]; then
	PALLETS=(pallet_network_states pallet_interstate pallet_deployments pallet_devices pallet_attestations pallet_rewards pallet_vaults pallet_state_seats pallet_community_pools)
fi

cargo build --release --locked -p atlas-node --features runtime-benchmarks
NODE="$CARGO_TARGET_DIR/release/atlas-node"
WASM="$CARGO_TARGET_DIR/release/wbuild/atlas-runtime/atlas_runtime.compact.compressed.wasm"

UPSTREAM=" pallet_staking pallet_session pallet_collective pallet_treasury pallet_parameters pallet_preimage pallet_scheduler pallet_referenda pallet_conviction_voting "

for pallet in "${PALLETS[@]}"; do
	if [[ "$UPSTREAM" == *" $pallet "* ]]; then
		echo "== $pallet -> runtime/src/weights/$pallet.rs"
		"$NODE" benchmark pallet \
			--runtime "$WASM" \
			--genesis-builder runtime \
			--genesis-builder-preset development \
			--pallet "$pallet" \
			--extrinsic '*' \
			--steps "${STEPS:-10}" \
			--repeat "${REPEAT:-5}" \
			--heap-pages 4096 \
			--header scripts/weights-header.txt \
			--output "runtime/src/weights/$pallet.rs"
		continue
	fi
	dir="pallets/$(echo "${pallet#pallet_}" | tr _ -)"
	steps="${STEPS:-50}"
	repeat="${REPEAT:-20}"
	if [ "$pallet" = pallet_attestations ]; then
		steps="${STEPS:-10}"
		repeat="${REPEAT:-5}"
	fi
	# `claim_among` registers up to 100,000 devices in every run: 4 steps keep it to minutes.
	if [ "$pallet" = pallet_rewards ]; then
		steps="${STEPS:-4}"
		repeat="${REPEAT:-5}"
	fi
	echo "== $pallet -> $dir/src/weights.rs"
	"$NODE" benchmark pallet \
		--runtime "$WASM" \
		--genesis-builder runtime \
		--genesis-builder-preset development \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "$steps" \
		--repeat "$repeat" \
		--heap-pages 4096 \
		--template scripts/frame-weight-template.hbs \
		--header scripts/weights-header.txt \
		--output "$dir/src/weights.rs"
done
