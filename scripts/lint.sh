# Formatting and lint gates for the Rust workspace, natively and for wasm.
set -euo pipefail
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p quarantine-core --target wasm32-unknown-unknown --all-targets -- -D warnings
