//! Validation exports.

use wasm_bindgen::prelude::*;

use super::{string_argument, to_js, validation_error};
use crate::validate::{classify_hash, Comment, MachineId, Sha1, COMMENT_MAX_LENGTH};

/// Normalizes a pasted SHA-1 to 40 lower-case hex digits. Throws `hashEmpty`,
/// `hashWrongLength`, `hashInvalidCharacter` or `hashMultiple`.
#[wasm_bindgen(js_name = normalizeSha1)]
pub fn normalize_sha1(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<String, JsValue> {
    Sha1::parse(&string_argument(&text, "text")?)
        .map(|sha1| sha1.as_str().to_string())
        .map_err(validation_error)
}

/// Returns `{kind: "sha1" | "sha256" | "md5", value}`. Throws the hash codes when the
/// text is not one of them.
#[wasm_bindgen(js_name = classifyHash)]
pub fn classify_hash_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let hash = classify_hash(&string_argument(&text, "text")?).map_err(validation_error)?;
    to_js(&hash)
}

/// Normalizes a device id to 40 lower-case hex digits. Throws `machineIdEmpty`,
/// `machineIdIsGuid`, `machineIdIsHostName`, `machineIdWrongLength` or
/// `machineIdInvalidCharacter`.
#[wasm_bindgen(js_name = normalizeMachineId)]
pub fn normalize_machine_id(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<String, JsValue> {
    MachineId::parse(&string_argument(&text, "text")?)
        .map(|id| id.as_str().to_string())
        .map_err(validation_error)
}

/// Trims a comment and checks it. Throws `commentEmpty`, `commentTooLong` or
/// `commentControlCharacter`.
#[wasm_bindgen(js_name = normalizeComment)]
pub fn normalize_comment(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<String, JsValue> {
    Comment::parse(&string_argument(&text, "text")?)
        .map(|comment| comment.as_str().to_string())
        .map_err(validation_error)
}

/// Returns the maximum comment length in UTF-16 code units, for the text area's `maxlength`.
#[wasm_bindgen(js_name = commentMaxLength)]
pub fn comment_max_length() -> u32 {
    COMMENT_MAX_LENGTH as u32
}
