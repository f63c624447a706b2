#!/usr/bin/env bash
# Generate chain-specs/ from the runtime's genesis presets with the built node:
#   dev.json, local.json       human-readable specs (genesis as the preset's patch)
#   local-raw.json             the local spec in raw storage form, what validators should start from
#   testnet.json, testnet-raw.json   the four-state testnet (no sudo; test-only keys), plain and raw
# With --check, regenerate into a temporary dir and fail if the committed files differ.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
node_bin="${ATLAS_NODE:-$CARGO_TARGET_DIR/release/atlas-node}"
[ -x "$node_bin" ] || { echo "build the node first: cargo build --release -p atlas-node" >&2; exit 1; }

out=chain-specs
check=0
if [ "${1:-}" = "--check" ]; then check=1; out=$(mktemp -d); fi

"$node_bin" build-spec --chain dev --disable-default-bootnode 2>/dev/null > "$out/dev.json"
"$node_bin" build-spec --chain local --disable-default-bootnode 2>/dev/null > "$out/local.json"
"$node_bin" build-spec --chain "$out/local.json" --raw --disable-default-bootnode 2>/dev/null > "$out/local-raw.json"
"$node_bin" build-spec --chain testnet --disable-default-bootnode 2>/dev/null > "$out/testnet.json"
"$node_bin" build-spec --chain "$out/testnet.json" --raw --disable-default-bootnode 2>/dev/null > "$out/testnet-raw.json"

if [ $check -eq 1 ]; then
  # The runtime's WASM blob differs between build machines (it embeds source paths), so the
  # check compares everything but the code: names, properties, presets, genesis storage.
  status=0
  for f in dev.json local.json local-raw.json testnet.json testnet-raw.json; do
    if ! python3 - "$out/$f" "chain-specs/$f" <<'PY'
import json, sys
def strip(path):
    spec = json.load(open(path))
    genesis = spec.get("genesis", {})
    genesis.get("runtimeGenesis", {}).pop("code", None)
    genesis.get("raw", {}).get("top", {}).pop("0x3a636f6465", None)  # the :code key
    return spec
sys.exit(0 if strip(sys.argv[1]) == strip(sys.argv[2]) else 1)
PY
    then
      echo "chain-specs/$f is stale: run scripts/generate-chain-specs.sh and commit" >&2
      status=1
    fi
  done
  rm -rf "$out"
  exit $status
fi
echo "wrote $out/dev.json $out/local.json $out/local-raw.json $out/testnet.json $out/testnet-raw.json"
