# Sourced by the scripts: one target dir that outlives sessions and CI runs on this machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/atlas-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# With the target dir outside the workspace, substrate-wasm-builder cannot find Cargo.lock by
# itself; without this hint the runtime's WASM build would resolve its own, unpinned versions.
export WASM_BUILD_WORKSPACE_HINT="${WASM_BUILD_WORKSPACE_HINT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# frame-benchmarking-cli (runtime-benchmarks builds only) pulls a test runtime whose WASM build
# cannot resolve itself under our workspace hint; it only serves `benchmark storage` PoV checks.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD="${SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD:-1}"
