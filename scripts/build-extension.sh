# Builds the core to wasm and assembles the unpacked extension in dist/extension.
set -euo pipefail

out=dist/extension
rm -rf "$out"
mkdir -p "$out/core"
cp -r extension/. "$out/"
# Developer files of the source tree are not part of the extension.
rm -rf "$out/README.md" "$out/tsconfig.json" "$out/types"

cargo build --release --target wasm32-unknown-unknown -p quarantine-core
wasm-bindgen --target web --out-dir "$out/core" \
  target/wasm32-unknown-unknown/release/quarantine_core.wasm

# Debian's wasm-opt (binaryen 108) exports the wrong table for wasm-bindgen's externref
# table, so only the npm package's binary is used.
npx --no-install wasm-opt -O3 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  "$out/core/quarantine_core_bg.wasm" -o "$out/core/quarantine_core_bg.wasm"

echo "Built $out ($(stat -c %s "$out/core/quarantine_core_bg.wasm") bytes of wasm)" >&2
