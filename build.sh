#!/usr/bin/env bash
# Builds and tests Stop & Quarantine.
#
#   ./build.sh                 build the unpacked extension into dist/extension
#   ./build.sh test            build, then run every test
#   ./build.sh demo            build, start the emulator and open the extension on a device page
#   ./build.sh bench [--quick] measure SHA-1 speed and memory in Chromium
#
# Each step lives in scripts/. Missing tools are installed when that is possible here.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure.sh

build() {
  ensure_rust_tools
  ensure_wasm_bindgen
  ensure_npm_packages
  bash scripts/build-extension.sh
}

run_tests() {
  ensure_all
  bash scripts/lint.sh
  bash scripts/test-core.sh
  bash scripts/test-emulator.sh
  build
  bash scripts/typecheck.sh
  node --test bench/hashing-test.mjs
  bash scripts/test-e2e.sh
}

command=${1:-build}
case "$command" in
  build) build ;;
  test) run_tests ;;
  demo) ensure_all; build; bash scripts/demo.sh "${@:2}" ;;
  bench) ensure_all; build; bash scripts/bench.sh "${@:2}" ;;
  *)
    echo "Unknown command '$command'. Use one of: build, test, demo, bench." >&2
    exit 2
    ;;
esac
