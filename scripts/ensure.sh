# Installers for what the build and the tests need. Each function installs what is
# missing and can be installed here, or prints the exact command and fails.
# Sourced by build.sh, which sets -euo pipefail.

WASM_BINDGEN_VERSION=0.2.130
CHROMIUM_BINARY=/usr/lib/chromium/chromium
CHROMEDRIVER_BINARY=/usr/bin/chromedriver

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "Installing the Rust target wasm32-unknown-unknown" >&2
    rustup target add wasm32-unknown-unknown
  fi
  for component in clippy rustfmt; do
    if ! rustup component list --installed | grep -q "^$component"; then
      rustup component add "$component"
    fi
  done
}

ensure_wasm_bindgen() {
  local installed=""
  if command -v wasm-bindgen >/dev/null 2>&1; then
    installed=$(wasm-bindgen --version | awk '{print $2}')
  fi
  if [ "$installed" != "$WASM_BINDGEN_VERSION" ]; then
    # Without --locked: the registry mirror here lacks one locked dependency version.
    echo "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about two minutes)" >&2
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

ensure_npm_packages() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing npm packages" >&2
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ -x "$CHROMIUM_BINARY" ] && [ -x "$CHROMEDRIVER_BINARY" ]; then
    return 0
  fi
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's chromium and chromium-driver" >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  else
    echo "Chromium is missing. Run: sudo apt-get install -y chromium chromium-driver" >&2
    return 1
  fi
}

ensure_all() {
  ensure_rust_tools
  ensure_wasm_bindgen
  ensure_npm_packages
  ensure_chromium
}
