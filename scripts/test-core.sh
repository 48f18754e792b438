# Tests the core: native unit and property tests, the wasm build in headless Chromium
# (the API client in a service worker against a loopback HTTPS server), and the built
# JavaScript module in Node with initSync.
set -euo pipefail

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== core: native tests" >&2
cargo test -p quarantine-core

echo "== core: certificate and API test server" >&2
api_hosts="api.security.microsoft.com eu.api.security.microsoft.com"
san=$(printf 'DNS:%s,' $api_hosts)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj "/CN=api.security.microsoft.com" -addext "subjectAltName=${san%,}" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
spki=$(openssl x509 -in "$work/cert.pem" -pubkey -noout \
  | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)

# The server exits when its stdin closes, so it cannot outlive this script.
mkfifo "$work/server-stdin"
node crate/tests/support/api-server.mjs "$work/cert.pem" "$work/key.pem" \
  <"$work/server-stdin" >"$work/server-ready" &
server_pid=$!
exec 3>"$work/server-stdin"
for _ in $(seq 100); do
  [ -s "$work/server-ready" ] && break
  sleep 0.1
done
if [ ! -s "$work/server-ready" ]; then
  echo "The API test server did not start within 10 s; its errors are above." >&2
  exit 1
fi
port=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).port)' \
  "$work/server-ready")

# The browser flags of crate/webdriver.json, with the API hosts mapped to the server
# and its certificate trusted by SPKI hash only.
rules=""
for host in $api_hosts; do
  rules="${rules}MAP $host 127.0.0.1:$port, "
done
rules="${rules}MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
node -e '
  const fs = require("fs");
  const [source, target, rules, spki, profile] = process.argv.slice(1);
  const config = JSON.parse(fs.readFileSync(source, "utf8"));
  const options = config["goog:chromeOptions"];
  options.args = options.args.filter((arg) => !arg.startsWith("--host-resolver-rules="));
  options.args.push(`--host-resolver-rules=${rules}`,
    `--ignore-certificate-errors-spki-list=${spki}`, `--user-data-dir=${profile}`);
  fs.writeFileSync(target, JSON.stringify(config, null, 2));
' crate/webdriver.json "$work/webdriver.json" "$rules" "$spki" "$work/profile"

echo "== core: wasm tests in headless Chromium" >&2
WASM_BINDGEN_TEST_WEBDRIVER_JSON="$work/webdriver.json" \
  CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
  cargo test -p quarantine-core --target wasm32-unknown-unknown

echo "== core: the built module in Node (initSync)" >&2
cargo build --release -p quarantine-core --target wasm32-unknown-unknown
target_dir=${CARGO_TARGET_DIR:-target}
wasm-bindgen --target web --out-dir "$work/core" \
  "$target_dir/wasm32-unknown-unknown/release/quarantine_core.wasm"
CORE_JS_DIR="$work/core" node --test crate/tests/node/
