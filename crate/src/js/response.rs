//! Response, error and portal URL parsing exports.

use wasm_bindgen::prelude::*;

use super::{to_js, validation_error};
use crate::api_error::parse_api_error;
use crate::portal_url::parse_portal_url;
use crate::response::parse_machine_action;

/// Reads a MachineAction from the response text. Throws `responseInvalid`.
#[wasm_bindgen(js_name = parseMachineAction)]
pub fn parse_machine_action_js(text: &str) -> Result<JsValue, JsValue> {
    let action = parse_machine_action(text).map_err(validation_error)?;
    to_js(&action)
}

/// Returns `{kind, status, code, message, target, retryAfterSeconds}` for an error
/// response. `retryAfter` is the raw `Retry-After` header or null; an HTTP date in it
/// is measured from the current time.
#[wasm_bindgen(js_name = parseApiError)]
pub fn parse_api_error_js(
    status: u16,
    body: Option<String>,
    retry_after: Option<String>,
) -> Result<JsValue, JsValue> {
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
pub fn parse_portal_url_js(url: &str) -> Result<JsValue, JsValue> {
    match parse_portal_url(url) {
        Some(location) => to_js(&location),
        None => Ok(JsValue::NULL),
    }
}
