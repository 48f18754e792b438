//! The Defender emulator. Not written yet.

fn main() {}
