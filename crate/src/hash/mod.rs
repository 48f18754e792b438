//! Streaming SHA-1 over the `sha1` crate, and `hashBlob` for files in the browser.
