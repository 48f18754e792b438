#!/usr/bin/env bash
# Type-checks the extension's JavaScript with tsc in strict mode (checkJs, JSDoc
# types), then checks that the English and Danish messages are complete and in use.
# Needs a build first: the core's type declarations are generated into
# dist/extension/core by wasm-bindgen.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f dist/extension/core/quarantine_core.d.ts ]; then
  echo "dist/extension/core/quarantine_core.d.ts is missing. Run ./build.sh first." >&2
  exit 1
fi

npx --no-install tsc -p extension/tsconfig.json
node scripts/check-locales.mjs
echo "Type check and locale check passed" >&2
