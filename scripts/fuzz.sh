#!/usr/bin/env bash
# The runtime fuzzer (fuzz/): builds the libFuzzer targets with coverage instrumentation (the
# same flags cargo-fuzz passes, on the stable toolchain, into their own target dir) and runs them.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   run each target for SECONDS (default 600) from its
#                                           corpus in fuzz/corpus/TARGET; new finds stay in
#                                           fuzz/corpus/TARGET.new (add the good ones by hand)
#   scripts/fuzz.sh --ci SECONDS            CI's short run from the committed corpus: the runtime
#                                           target for SECONDS, the decoders for a quarter of it
#   scripts/fuzz.sh --build                 only build (also `try_upgrade`, the try-runtime check
#                                           the upgrade e2e test runs on a chain's snapshot)
#   scripts/fuzz.sh --seeds                 rewrite fuzz/corpus/{runtime,extrinsic}/seed-* (fuzz/src/seeds.rs)
#   scripts/fuzz.sh --replay FILE...        run the runtime target once on FILEs (reproduce a crash)
#   scripts/fuzz.sh --merge TARGET          add what fuzz/corpus/TARGET.new found that covers
#                                           something new to the committed corpus, then drop .new
#
# A crash leaves its input in fuzz/artifacts/TARGET/ and fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

TARGETS=(runtime extrinsic rpc_params)
TRIPLE="$(rustc -vV | sed -n 's/^host: //p')"
FUZZ_TARGET_DIR="$CARGO_TARGET_DIR/fuzz"
# Instrumented for libFuzzer's coverage feedback; `--target` keeps the flags off build scripts
# and proc macros. Overflow checks and debug assertions come from fuzz/Cargo.toml's profile.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
# The fuzzer runs the runtime natively: no WASM.
export SKIP_WASM_BUILD=1

build() {
  echo "==> building the fuzz targets (fuzz/, instrumented)"
  (cd fuzz && cargo build --release --locked --target "$TRIPLE" --target-dir "$FUZZ_TARGET_DIR" --bins)
}
bin() { echo "$FUZZ_TARGET_DIR/$TRIPLE/release/$1"; }

# run TARGET SECONDS CORPUS...: libFuzzer, crashes into fuzz/artifacts/TARGET/.
run() {
  local target="$1" secs="$2"; shift 2
  mkdir -p "fuzz/artifacts/$target"
  local dict=(); [ -f "fuzz/corpus/$target.dict" ] && dict=(-dict="fuzz/corpus/$target.dict")
  echo "==> fuzzing $target for ${secs} s"
  "$(bin "$target")" -max_total_time="$secs" -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 "${dict[@]}" \
    -artifact_prefix="fuzz/artifacts/$target/" "$@" 2>&1 \
    | grep -v -e '^#[0-9]*.*\(NEW\|REDUCE\|pulse\)' -e '# Uses: ' -e 'recommended dictionary' || {
      echo "fuzz target $target failed: see fuzz/artifacts/$target/" >&2; return 1; }
}

case "${1:-}" in
  --seeds)
    build
    ATLAS_FUZZ_WRITE_SEEDS=fuzz/corpus "$(bin runtime)"
    ls -l fuzz/corpus/*/seed-*
    ;;
  --replay)
    shift; build
    "$(bin runtime)" "$@"
    ;;
  --build)
    build
    ;;
  --merge)
    t="${2:?--merge TARGET}"; build
    "$(bin "$t")" -merge=1 "fuzz/corpus/$t" "fuzz/corpus/$t.new" 2>&1 | grep MERGE-OUTER
    rm -rf "fuzz/corpus/$t.new"
    ;;
  --ci)
    secs="${2:?--ci SECONDS}"; build
    for t in "${TARGETS[@]}"; do
      # The committed corpus only: the run's finds are thrown away with the temporary dir.
      scratch="$(mktemp -d)"
      t_secs=$secs; [ "$t" = runtime ] || t_secs=$(( (secs + 3) / 4 ))
      run "$t" "$t_secs" "$scratch" "fuzz/corpus/$t"
      rm -rf "$scratch"
    done
    ;;
  *)
    secs="${1:-600}"; shift || true
    [ $# -gt 0 ] && TARGETS=("$@")
    build
    for t in "${TARGETS[@]}"; do
      mkdir -p "fuzz/corpus/$t.new"
      run "$t" "$secs" "fuzz/corpus/$t.new" "fuzz/corpus/$t"
    done
    ;;
esac
