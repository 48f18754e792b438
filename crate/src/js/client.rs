//! API client exports. Each takes one options object `{apiBase, cloud, token,
//! timeoutMs?, ...}` and rejects with `{kind, status, code, message, target,
//! retryAfterSeconds}` for API and network failures, or with a validation error object
//! `{code, message, ...}` (no `kind`) when an input is invalid, before anything is sent.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::cloud::parse_cloud;
use super::{from_js, to_js, validation_error};
use crate::api_error::ApiError;
use crate::api_url::ApiBase;
use crate::client::{send, Connection, DEFAULT_TIMEOUT_MS};
use crate::request::{self, ActionFilter, ApiRequest, MachineRef};
use crate::response::{
    parse_file, parse_machine, parse_machine_action, parse_machine_action_list, parse_machine_list,
};
use crate::validate::{
    classify_hash, ActionId, Comment, MachineId, MachineName, Sha1, ValidationError,
};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommonOptions {
    api_base: String,
    cloud: String,
    token: String,
    timeout_ms: Option<u32>,
}

fn api_error(error: &ApiError) -> JsValue {
    to_js(error).unwrap_or_else(|thrown| thrown)
}

/// Reads the options every call shares. An API base that is not a bare `https://host`
/// origin is rejected like any URL off the allowlist.
fn connect(options: &JsValue) -> Result<(ApiBase, Connection), JsValue> {
    let common: CommonOptions = from_js(options.clone())?;
    let cloud = parse_cloud(&common.cloud)?;
    let base = ApiBase::parse(&common.api_base)
        .map_err(|_| api_error(&ApiError::url_not_allowed(&common.api_base, cloud.id())))?;

    // A character outside visible ASCII would make fetch throw while building headers;
    // the error names the option, never the token's value.
    let token_valid = !common.token.is_empty()
        && common
            .token
            .chars()
            .all(|character| character.is_ascii_graphic());
    if !token_valid {
        return Err(validation_error(ValidationError::ArgumentInvalid {
            detail: "token must be a non-empty access token".to_string(),
        }));
    }

    let connection = Connection {
        cloud,
        token: common.token,
        timeout_ms: common.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
    };
    Ok((base, connection))
}

/// Sends the request and reads the success body with `parse`.
async fn call<T: Serialize>(
    connection: &Connection,
    request: &ApiRequest,
    parse: fn(&str) -> Result<T, ValidationError>,
) -> Result<JsValue, JsValue> {
    let success = send(connection, request)
        .await
        .map_err(|error| api_error(&error))?;
    let value = parse(&success.body).map_err(|error| {
        let detail = match error {
            ValidationError::ResponseInvalid { detail } => detail,
            other => other.to_string(),
        };
        api_error(&ApiError::response_invalid(success.status, &detail))
    })?;
    to_js(&value)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StopAndQuarantineOptions {
    machine_id: String,
    sha1: String,
    comment: String,
}

/// Stops the file's processes on the device and quarantines the file:
/// `{..., machineId, sha1, comment}` gives the created MachineAction.
#[wasm_bindgen(js_name = stopAndQuarantineFile)]
pub async fn stop_and_quarantine_file(options: JsValue) -> Result<JsValue, JsValue> {
    let (base, connection) = connect(&options)?;
    let specific: StopAndQuarantineOptions = from_js(options)?;
    let machine_id = MachineId::parse(&specific.machine_id).map_err(validation_error)?;
    let sha1 = Sha1::parse(&specific.sha1).map_err(validation_error)?;
    let comment = Comment::parse(&specific.comment).map_err(validation_error)?;
    let request = request::stop_and_quarantine_file(&base, &machine_id, &sha1, &comment);
    call(&connection, &request, parse_machine_action).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ActionOptions {
    action_id: String,
}

/// `{..., actionId}` gives the MachineAction.
#[wasm_bindgen(js_name = getMachineAction)]
pub async fn get_machine_action(options: JsValue) -> Result<JsValue, JsValue> {
    let (base, connection) = connect(&options)?;
    let specific: ActionOptions = from_js(options)?;
    let action_id = ActionId::parse(&specific.action_id).map_err(validation_error)?;
    let request = request::get_machine_action(&base, &action_id);
    call(&connection, &request, parse_machine_action).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CancelOptions {
    action_id: String,
    comment: String,
}

/// Cancels an action that is not final yet: `{..., actionId, comment}` gives the
/// MachineAction.
#[wasm_bindgen(js_name = cancelMachineAction)]
pub async fn cancel_machine_action(options: JsValue) -> Result<JsValue, JsValue> {
    let (base, connection) = connect(&options)?;
    let specific: CancelOptions = from_js(options)?;
    let action_id = ActionId::parse(&specific.action_id).map_err(validation_error)?;
    let comment = Comment::parse(&specific.comment).map_err(validation_error)?;
    let request = request::cancel_machine_action(&base, &action_id, &comment);
    call(&connection, &request, parse_machine_action).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListActionsOptions {
    machine_id: String,
    #[serde(rename = "type")]
    action_type: Option<String>,
    status: Option<String>,
    top: Option<u64>,
}

/// `{..., machineId, type?, status?, top?}` gives the device's MachineActions.
#[wasm_bindgen(js_name = listMachineActions)]
pub async fn list_machine_actions(options: JsValue) -> Result<JsValue, JsValue> {
    let (base, connection) = connect(&options)?;
    let specific: ListActionsOptions = from_js(options)?;
    let machine_id = MachineId::parse(&specific.machine_id).map_err(validation_error)?;
    let filter = ActionFilter {
        action_type: specific.action_type,
        status: specific.status,
        top: specific.top,
    };
    let request =
        request::list_machine_actions(&base, &machine_id, &filter).map_err(validation_error)?;
    call(&connection, &request, parse_machine_action_list).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MachineOptions {
    machine_id_or_name: String,
}

/// `{..., machineIdOrName}` gives the Machine.
#[wasm_bindgen(js_name = getMachine)]
pub async fn get_machine(options: JsValue) -> Result<JsValue, JsValue> {
    let (base, connection) = connect(&options)?;
    let specific: MachineOptions = from_js(options)?;
    let machine = MachineRef::parse(&specific.machine_id_or_name).map_err(validation_error)?;
    let request = request::get_machine(&base, &machine);
    call(&connection, &request, parse_machine).await
}

#[derive(Deserialize)]
struct NameOptions {
    name: String,
}

/// `{..., name}` gives every Machine with that `computerDnsName`; there can be several.
#[wasm_bindgen(js_name = findMachinesByName)]
pub async fn find_machines_by_name(options: JsValue) -> Result<JsValue, JsValue> {
    let (base, connection) = connect(&options)?;
    let specific: NameOptions = from_js(options)?;
    let name = MachineName::parse(&specific.name).map_err(validation_error)?;
    let request = request::find_machines_by_name(&base, &name);
    call(&connection, &request, parse_machine_list).await
}

#[derive(Deserialize)]
struct FileOptions {
    hash: String,
}

/// `{..., hash}` (a SHA-1 or SHA-256) gives the File.
#[wasm_bindgen(js_name = getFile)]
pub async fn get_file(options: JsValue) -> Result<JsValue, JsValue> {
    let (base, connection) = connect(&options)?;
    let specific: FileOptions = from_js(options)?;
    let hash = classify_hash(&specific.hash).map_err(validation_error)?;
    let request = request::get_file(&base, &hash).map_err(validation_error)?;
    call(&connection, &request, parse_file).await
}

#[derive(Deserialize)]
struct FileMachinesOptions {
    sha1: String,
}

/// `{..., sha1}` gives the Machines where the file was seen; an empty list for a file
/// Defender has not seen.
#[wasm_bindgen(js_name = getFileMachines)]
pub async fn get_file_machines(options: JsValue) -> Result<JsValue, JsValue> {
    let (base, connection) = connect(&options)?;
    let specific: FileMachinesOptions = from_js(options)?;
    let sha1 = Sha1::parse(&specific.sha1).map_err(validation_error)?;
    let request = request::get_file_machines(&base, &sha1);
    call(&connection, &request, parse_machine_list).await
}
