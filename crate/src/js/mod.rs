//! The JavaScript API: `#[wasm_bindgen]` exports with camelCase names. Objects cross
//! the boundary as plain JSON-compatible objects, so they survive `chrome.runtime`
//! messaging, and failures are thrown as `{code, message, ...details}` objects.

pub mod client;
pub mod cloud;
pub mod rate_limit;
pub mod request;
pub mod response;
pub mod validate;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::validate::ValidationError;

/// Converts a value to a plain JavaScript object (no `Map`s, `null` for `None`).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| {
            validation_error(ValidationError::ArgumentInvalid {
                detail: error.to_string(),
            })
        })
}

/// Reads a JavaScript options object, or returns an `argumentInvalid` error object.
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|error| {
        validation_error(ValidationError::ArgumentInvalid {
            detail: error.to_string(),
        })
    })
}

/// Reads a string argument. wasm-bindgen's own `&str` conversion traps on a number (a
/// `memory access out of bounds` that can leave the module unusable), so every exported
/// string parameter arrives as a `JsValue` and is checked here.
pub(crate) fn string_argument(value: &JsValue, name: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        validation_error(ValidationError::ArgumentInvalid {
            detail: format!("{name} must be a string"),
        })
    })
}

/// Reads an optional string argument: `null` and `undefined` give `None`.
pub(crate) fn optional_string_argument(
    value: &JsValue,
    name: &str,
) -> Result<Option<String>, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    string_argument(value, name).map(Some)
}

/// Builds the thrown `{code, message, ...details}` object of a validation error.
pub(crate) fn validation_error(error: ValidationError) -> JsValue {
    let mut object = match serde_json::to_value(&error) {
        Ok(serde_json::Value::Object(object)) => object,
        _ => serde_json::Map::new(),
    };
    object.insert("code".to_string(), error.code().into());
    object.insert("message".to_string(), error.to_string().into());
    serde_json::Value::Object(object)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|_| JsValue::from_str(error.code()))
}
