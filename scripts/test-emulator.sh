# Runs the Defender emulator's contract tests. Each test starts an emulator on free
# loopback ports (in process, or the built binary) and checks it over real HTTPS.
set -euo pipefail
cargo test -p defender-emulator
