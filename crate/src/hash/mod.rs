//! Streaming SHA-1 for files of any size, and `hashBlob` for `Blob`s and `File`s in the
//! browser.
//!
//! SHA-1 is broken for collision resistance. It is used here only because the Defender
//! for Endpoint stop-and-quarantine action identifies a file by its SHA-1.
//!
//! [`Sha1Hasher`] keeps a 64-bit byte counter, so messages over 4 GiB hash correctly. Its
//! compression function computes the message schedule in 128-bit lanes (wasm SIMD128
//! in the browser build); the tests compare it with the `sha1` crate.

mod compress;
mod hasher;
mod hex;
mod lanes;

#[cfg(target_arch = "wasm32")]
mod blob;
#[cfg(target_arch = "wasm32")]
mod js;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

#[cfg(target_arch = "wasm32")]
pub use blob::hash_blob;
pub use hasher::Sha1Hasher;
pub use hex::to_hex;
#[cfg(target_arch = "wasm32")]
pub use js::JsSha1Hasher;

/// Length of a SHA-1 digest in bytes.
pub const DIGEST_LEN: usize = 20;
