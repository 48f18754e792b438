//! Response, error and portal URL parsing exports.

use wasm_bindgen::prelude::*;

use super::{optional_string_argument, string_argument, to_js, validation_error};
use crate::api_error::parse_api_error;
use crate::portal_url::parse_portal_url;
use crate::response::parse_machine_action;
use crate::validate::ValidationError;

/// Reads a MachineAction from the response text. Throws `responseInvalid`.
#[wasm_bindgen(js_name = parseMachineAction)]
pub fn parse_machine_action_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = string_argument(&text, "text")?;
    let action = parse_machine_action(&text).map_err(validation_error)?;
    to_js(&action)
}

/// Returns `{kind, status, code, message, target, retryAfterSeconds}` for an error
/// response. `retryAfter` is the raw `Retry-After` header or null; an HTTP date in it
/// is measured from the current time. Throws `argumentInvalid` for a status that is not
/// an integer from 100 to 599.
#[wasm_bindgen(js_name = parseApiError)]
pub fn parse_api_error_js(
    status: f64,
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] retry_after: JsValue,
) -> Result<JsValue, JsValue> {
    if !(100.0..=599.0).contains(&status) || status.fract() != 0.0 {
        return Err(validation_error(ValidationError::ArgumentInvalid {
            detail: format!("status must be an HTTP status from 100 to 599, not {status}"),
        }));
    }
    let status = status as u16;
    let body = optional_string_argument(&body, "body")?;
    let retry_after = optional_string_argument(&retry_after, "retryAfter")?;
    let now_ms = js_sys::Date::now().max(0.0) as u64;
    let error = parse_api_error(
        status,
        body.as_deref().unwrap_or(""),
        retry_after.as_deref(),
        now_ms,
    );
    to_js(&error)
}

/// Returns `{page, machineId, fileHash, alertId, incidentId, tenantId}` for a portal URL,
/// or `null` for any other URL.
#[wasm_bindgen(js_name = parsePortalUrl)]
pub fn parse_portal_url_js(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
) -> Result<JsValue, JsValue> {
    let url = string_argument(&url, "url")?;
    match parse_portal_url(&url) {
        Some(location) => to_js(&location),
        None => Ok(JsValue::NULL),
    }
}
