# The offline demo: starts the Defender emulator and opens Chromium with the extension
# from dist/extension on an emulated device page. With a display it is a window to
# click through. Without one, or with --headless, the flow runs by itself, prints the
# resulting machine action and saves screenshots under target/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f dist/extension/manifest.json ]; then
  echo "dist/extension is missing. Run ./build.sh first." >&2
  exit 1
fi
if [ -z "${DEFENDER_EMULATOR:-}" ]; then
  cargo build -p defender-emulator
fi
node tests/e2e/demo/demo.js "$@"
