# Runs the end-to-end scenarios in tests/e2e/scenarios with node:test. Each scenario
# starts its own Defender emulator and a headless Chromium with the unpacked extension
# from dist/extension, so ./build.sh must have run first.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f dist/extension/manifest.json ] || [ ! -f dist/extension/core/quarantine_core_bg.wasm ]; then
  echo "dist/extension is missing or incomplete. Run ./build.sh first." >&2
  exit 1
fi

# The harness and scenarios are type-checked like the extension: strict, from JSDoc.
npx --no-install tsc -p tests/e2e/tsconfig.json

# The scenarios start target/debug/defender-emulator unless DEFENDER_EMULATOR names another.
if [ -z "${DEFENDER_EMULATOR:-}" ]; then
  cargo build -p defender-emulator
fi

# Each scenario runs a Chromium and an emulator; two at a time fit a two-core machine.
node --test --test-concurrency="${E2E_CONCURRENCY:-2}" tests/e2e/scenarios/*.test.js
