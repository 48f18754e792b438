//! The core of Stop & Quarantine: validation, streaming SHA-1, the cloud table,
//! request building, response and error parsing, the rate limiter, portal URL parsing
//! and the Defender for Endpoint API client. It compiles natively for tests and to
//! `wasm32-unknown-unknown` for the extension.

#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod api_error;
pub mod api_url;
#[cfg(target_arch = "wasm32")]
pub mod client;
pub mod cloud;
pub mod hash;
#[cfg(target_arch = "wasm32")]
pub mod js;
pub mod portal_url;
pub mod rate_limit;
pub mod request;
pub mod response;
pub mod retry_after;
mod url_parts;
pub mod validate;
