//! Request building exports.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::{from_js, to_js, validation_error};
use crate::api_url::ApiBase;
use crate::request::stop_and_quarantine_file;
use crate::validate::{Comment, MachineId, Sha1};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StopAndQuarantineOptions {
    api_base: String,
    machine_id: String,
    sha1: String,
    comment: String,
}

/// Builds `{method, url, headers, body}` for `{apiBase, machineId, sha1, comment}`,
/// without `Authorization`; `body` is a JSON string. Throws `argumentInvalid`,
/// `apiBaseInvalid` or the validation codes of the three values.
#[wasm_bindgen(js_name = buildStopAndQuarantineRequest)]
pub fn build_stop_and_quarantine_request(options: JsValue) -> Result<JsValue, JsValue> {
    let options: StopAndQuarantineOptions = from_js(options)?;
    let base = ApiBase::parse(&options.api_base).map_err(validation_error)?;
    let machine_id = MachineId::parse(&options.machine_id).map_err(validation_error)?;
    let sha1 = Sha1::parse(&options.sha1).map_err(validation_error)?;
    let comment = Comment::parse(&options.comment).map_err(validation_error)?;
    to_js(&stop_and_quarantine_file(
        &base,
        &machine_id,
        &sha1,
        &comment,
    ))
}
