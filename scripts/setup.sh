#!/usr/bin/env bash
# Install what a bare machine lacks to build and test Atlas: protoc (Debian's protobuf-compiler,
# for the networking crates), g++ (libFuzzer), the Rust toolchain pinned in rust-toolchain.toml (with its WASM
# targets), Chromium for the dashboard's browser test, PostgreSQL for the indexer, and the npm
# packages of the end-to-end tests, the indexer and the dashboard. Safe to run again: it skips what is present.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v protoc >/dev/null 2>&1; then
  echo "==> installing protobuf-compiler"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq protobuf-compiler >/dev/null
fi

# A C++ compiler: libfuzzer-sys builds libFuzzer for the runtime fuzzer (fuzz/).
if ! command -v c++ >/dev/null 2>&1; then
  echo "==> installing g++ (for the runtime fuzzer's libFuzzer)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq g++ >/dev/null
fi

# Debian's Chromium, which the dashboard's browser test drives (through playwright-core).
if ! command -v chromium >/dev/null 2>&1; then
  echo "==> installing chromium (for the dashboard's browser test)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Debian's PostgreSQL, the indexer's database (scripts/indexer.sh runs its clusters).
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && ! command -v postgres >/dev/null 2>&1; then
  echo "==> installing postgresql (for the indexer)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi

# rustup reads rust-toolchain.toml; the explicit adds make sure an already-installed toolchain
# also has the WASM targets and rust-src that the runtime's WASM build needs (no-ops when present).
echo "==> rust toolchain"
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
rustup target add wasm32v1-none wasm32-unknown-unknown >/dev/null
rustup component add rust-src rustfmt >/dev/null

if [ ! -d scripts/e2e/node_modules ] || [ scripts/e2e/package-lock.json -nt scripts/e2e/node_modules/.package-lock.json ]; then
  echo "==> npm packages for the end-to-end tests"
  (cd scripts/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ ! -d indexer/node_modules ] || [ indexer/package-lock.json -nt indexer/node_modules/.package-lock.json ]; then
  echo "==> npm packages for the indexer"
  (cd indexer && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ ! -d dashboard/node_modules ] || [ dashboard/package-lock.json -nt dashboard/node_modules/.package-lock.json ]; then
  echo "==> npm packages for the dashboard"
  (cd dashboard && npm ci --no-audit --no-fund --loglevel=error)
fi
