//! The JavaScript face of the hasher: the `Sha1Hasher` class and the error objects that
//! `hashBlob` rejects with.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use super::Sha1Hasher;

/// Incremental SHA-1 for JavaScript: `new Sha1Hasher()`, `update(bytes)` any number of
/// times, then `finalize()` for 40 lower-case hexadecimal digits.
#[wasm_bindgen(js_name = Sha1Hasher)]
pub struct JsSha1Hasher {
    inner: Sha1Hasher,
}

#[wasm_bindgen(js_class = Sha1Hasher)]
impl JsSha1Hasher {
    /// Creates a hasher for an empty message.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsSha1Hasher {
        JsSha1Hasher {
            inner: Sha1Hasher::new(),
        }
    }

    /// Appends the bytes of a `Uint8Array` to the message. wasm-bindgen copies them into
    /// wasm memory once for the call.
    pub fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }

    /// Returns the digest of the message so far as lower-case hex. The hasher stays
    /// usable: later updates continue the same message.
    pub fn finalize(&self) -> String {
        self.inner.finalize_hex()
    }

    /// Number of bytes hashed so far, as a JavaScript number (exact up to 8 PiB).
    #[wasm_bindgen(getter, js_name = bytesHashed)]
    pub fn bytes_hashed(&self) -> f64 {
        self.inner.message_len() as f64
    }
}

impl Default for JsSha1Hasher {
    fn default() -> Self {
        Self::new()
    }
}

/// Why hashing a blob stopped without a digest. The extension maps each `code` to a
/// localized message.
pub(super) enum HashError {
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// The browser could not read the file, for example because it changed on disk or
    /// was deleted after it was chosen.
    ReadFailed { reason: String },
    /// An option has a value `hashBlob` cannot use.
    InvalidOption { name: &'static str, reason: String },
    /// The `onProgress` callback threw; its exception is passed on unchanged.
    Callback(JsValue),
}

impl HashError {
    /// Builds the `{code, message, ...}` object the returned promise rejects with.
    pub(super) fn into_js(self) -> JsValue {
        let (code, message) = match self {
            HashError::Aborted => ("hashAborted", "Hashing was cancelled.".to_owned()),
            HashError::ReadFailed { reason } => (
                "hashReadFailed",
                format!(
                    "The file could not be read ({reason}). Check that it still exists and \
                     has not changed, then choose it again."
                ),
            ),
            HashError::InvalidOption { name, reason } => {
                let error = error_object(
                    "hashInvalidOption",
                    &format!("Invalid option {name}: {reason}."),
                );
                set(&error, "option", &JsValue::from_str(name));
                return error.into();
            }
            HashError::Callback(exception) => return exception,
        };
        error_object(code, &message).into()
    }
}

fn error_object(code: &str, message: &str) -> Object {
    let error = Object::new();
    set(&error, "code", &JsValue::from_str(code));
    set(&error, "message", &JsValue::from_str(message));
    error
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a data property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}
