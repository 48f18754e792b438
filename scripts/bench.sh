# Measures SHA-1 speed and memory in headless Chromium against dist/extension, which
# build.sh builds first. --quick runs 256 MiB only and ends with the ratio line.
set -euo pipefail
node bench/run.mjs "$@"
