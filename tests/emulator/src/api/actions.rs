//! Stop and quarantine a file, then follow, list and cancel machine actions.

use hyper::StatusCode;
use serde_json::{json, Map, Value};

use super::auth::{Identity, MACHINE_ACTION_SCOPES, MACHINE_READ_SCOPES};
use super::errors::{bad_request, not_found, odata_error, Refusal};
use crate::http::{json, Request, Response};
use crate::machine_action::{
    is_final, Cancellation, MachineAction, Outcome, HRESULT_NO_ANTIVIRUS, HRESULT_SIGNED_FILE,
};
use crate::odata;
use crate::seed::{is_hex, AntivirusMode, Machine, SignerTrust};
use crate::state::Shared;

const FILTER_KEYS: &[&str] = &[
    "id",
    "status",
    "machineId",
    "type",
    "requestor",
    "creationDateTimeUtc",
];

pub fn stop_and_quarantine(
    shared: &Shared,
    request: &Request,
    identity: &Identity,
    machine_id: &str,
) -> Response {
    if let Err(response) = identity.require_scope(&["Machine.StopAndQuarantine"]) {
        return *response;
    }
    if let Err(response) = identity.require_remediation_role() {
        return *response;
    }
    let (sha1, comment) = match read_body(request) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    let Some(machine) = shared.seed.machine(machine_id) else {
        return not_found(
            "ResourceNotFound",
            &format!("Machine {machine_id} was not found."),
        );
    };
    if let Err(response) = identity.require_device_group(machine) {
        return *response;
    }
    if !platform_supported(machine) {
        return bad_request(
            "OsPlatformNotSupported",
            &format!(
                "StopAndQuarantineFile is not supported on {} {}: it needs Windows 10 version 1703 or later, Windows 11 or Windows Server 2012 R2 or later.",
                machine.os_platform,
                machine.version.as_deref().unwrap_or("")
            ),
        );
    }

    let now_ms = shared.now_ms();
    let mut inner = shared.lock();
    let pending = inner.actions.iter().any(|action| {
        action.machine_id == machine.id
            && action.sha1 == sha1
            && !is_final(action.status_at(now_ms).0)
    });
    if pending {
        return bad_request(
            "ActiveRequestAlreadyExists",
            "Action is already in progress",
        );
    }

    let action = MachineAction {
        id: uuid::Uuid::new_v4().to_string(),
        machine_id: machine.id.clone(),
        computer_dns_name: machine.computer_dns_name.clone(),
        requestor: identity.user.upn.clone(),
        requestor_comment: comment,
        outcome: outcome(shared, machine, &sha1),
        sha1,
        created_ms: now_ms,
        cancellation: None,
    };
    let body = action.to_json(now_ms, &request.host, false);
    inner.actions.push(action);
    json(StatusCode::CREATED, &body)
}

/// Reads `{"Comment": "...", "Sha1": "..."}`, whose keys are case-sensitive. Returns the
/// SHA-1 in lower case and the comment.
fn read_body(request: &Request) -> Result<(String, String), Refusal> {
    let content_type = request.header("content-type").unwrap_or("");
    if !content_type
        .to_ascii_lowercase()
        .starts_with("application/json")
    {
        return Err(Box::new(bad_request(
            "InvalidRequestBody",
            &format!("Content-Type must be application/json, not '{content_type}'."),
        )));
    }
    let body = parse_object(&request.body)?;
    let sha1 = required_string(&body, "Sha1")?;
    let comment = required_string(&body, "Comment")?;

    if !is_hex(&sha1, 40) {
        return Err(Box::new(bad_request(
            "InvalidHashValue",
            &format!("Sha1 '{sha1}' is not 40 hexadecimal characters."),
        )));
    }
    if comment.trim().is_empty() {
        return Err(Box::new(bad_request(
            "InvalidInput",
            "Comment must not be empty.",
        )));
    }
    Ok((sha1.to_ascii_lowercase(), comment))
}

fn parse_object(body: &[u8]) -> Result<Map<String, Value>, Refusal> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(Box::new(bad_request(
            "InvalidRequestBody",
            "The request body must be a JSON object.",
        ))),
        Err(error) => Err(Box::new(bad_request(
            "InvalidRequestBody",
            &format!("The request body is not valid JSON: {error}."),
        ))),
    }
}

/// Reads the string under `key`. A key that differs only in case gets its own message,
/// because the service matches key names exactly.
fn required_string(body: &Map<String, Value>, key: &str) -> Result<String, Refusal> {
    match body.get(key) {
        Some(Value::String(value)) => return Ok(value.clone()),
        Some(_) => {
            return Err(Box::new(bad_request(
                "InvalidRequestBody",
                &format!("'{key}' must be a string."),
            )))
        }
        None => {}
    }
    if let Some(wrong) = body.keys().find(|name| name.eq_ignore_ascii_case(key)) {
        return Err(Box::new(bad_request(
            "InvalidRequestBody",
            &format!("Unknown key '{wrong}': key names are case-sensitive, use '{key}'."),
        )));
    }
    Err(Box::new(bad_request(
        "MissingRequiredParameter",
        &format!("The request body is missing the required key '{key}'."),
    )))
}

/// Windows 10 1703 or later, Windows 11, or Windows Server 2012 R2 or later.
fn platform_supported(machine: &Machine) -> bool {
    match machine.os_platform.as_str() {
        "Windows11"
        | "WindowsServer2012R2"
        | "WindowsServer2016"
        | "WindowsServer2019"
        | "WindowsServer2022"
        | "WindowsServer2025" => true,
        "Windows10" => match machine.version.as_deref() {
            // Versions before 20H2 are numbered YYMM.
            Some(version) if version.len() == 4 && version.bytes().all(|b| b.is_ascii_digit()) => {
                version >= "1703"
            }
            _ => true,
        },
        _ => false,
    }
}

fn outcome(shared: &Shared, machine: &Machine, sha1: &str) -> Outcome {
    if machine.health_status != "Active" {
        return Outcome::TimesOut;
    }
    let trust = shared
        .seed
        .file(sha1)
        .map(|file| file.signer_trust)
        .unwrap_or(SignerTrust::None);
    match trust {
        SignerTrust::Microsoft => Outcome::Fails {
            hresult: HRESULT_SIGNED_FILE,
            reason: "The file is signed by Microsoft and cannot be quarantined.".to_string(),
        },
        SignerTrust::TrustedPublisher => Outcome::Fails {
            hresult: HRESULT_SIGNED_FILE,
            reason: "The file is signed by a trusted publisher and cannot be quarantined."
                .to_string(),
        },
        SignerTrust::None if machine.antivirus_mode == AntivirusMode::Disabled => Outcome::Fails {
            hresult: HRESULT_NO_ANTIVIRUS,
            reason: "Microsoft Defender Antivirus is not running on the device.".to_string(),
        },
        SignerTrust::None => Outcome::Succeeds,
    }
}

pub fn get(shared: &Shared, request: &Request, identity: &Identity, action_id: &str) -> Response {
    if let Err(response) = identity.require_scope(MACHINE_READ_SCOPES) {
        return *response;
    }
    let now_ms = shared.now_ms();
    let inner = shared.lock();
    let Some(action) = find(&inner.actions, action_id) else {
        return action_not_found(action_id);
    };
    if let Some(machine) = shared.seed.machine(&action.machine_id) {
        if let Err(response) = identity.require_device_group(machine) {
            return *response;
        }
    }
    json(StatusCode::OK, &action.to_json(now_ms, &request.host, true))
}

pub fn list(shared: &Shared, request: &Request, identity: &Identity) -> Response {
    if let Err(response) = identity.require_scope(MACHINE_READ_SCOPES) {
        return *response;
    }
    let query = match odata::parse(&request.query, FILTER_KEYS) {
        Ok(query) => query,
        Err(error) => return odata_error(&error.0),
    };
    let now_ms = shared.now_ms();
    let inner = shared.lock();
    // Newest first, and only actions on devices the user can see.
    let records: Vec<Value> = inner
        .actions
        .iter()
        .rev()
        .filter(|action| {
            shared
                .seed
                .machine(&action.machine_id)
                .is_some_and(|machine| identity.sees(machine))
        })
        .map(|action| {
            let mut record = action.to_json(now_ms, &request.host, true);
            if let Value::Object(object) = &mut record {
                object.remove("@odata.context");
            }
            record
        })
        .collect();
    let value = odata::apply(records, &query);
    json(
        StatusCode::OK,
        &json!({
            "@odata.context": format!("https://{}/api/$metadata#MachineActions", request.host),
            "value": value,
        }),
    )
}

pub fn cancel(
    shared: &Shared,
    request: &Request,
    identity: &Identity,
    action_id: &str,
) -> Response {
    if let Err(response) = identity.require_scope(MACHINE_ACTION_SCOPES) {
        return *response;
    }
    if let Err(response) = identity.require_remediation_role() {
        return *response;
    }
    let body = match parse_object(&request.body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    let comment = match required_string(&body, "Comment") {
        Ok(comment) => comment,
        Err(response) => return *response,
    };
    if comment.trim().is_empty() {
        return bad_request("InvalidInput", "Comment must not be empty.");
    }

    let now_ms = shared.now_ms();
    let mut inner = shared.lock();
    let Some(action) = inner
        .actions
        .iter_mut()
        .find(|action| action.id.eq_ignore_ascii_case(action_id))
    else {
        return action_not_found(action_id);
    };
    if let Some(machine) = shared.seed.machine(&action.machine_id) {
        if let Err(response) = identity.require_device_group(machine) {
            return *response;
        }
    }
    let status = action.status_at(now_ms).0;
    if is_final(status) {
        return bad_request(
            "BadRequest",
            &format!("Machine action {action_id} is already {status} and cannot be cancelled."),
        );
    }
    action.cancellation = Some(Cancellation {
        requestor: identity.user.upn.clone(),
        comment,
        at_ms: now_ms,
    });
    json(StatusCode::OK, &action.to_json(now_ms, &request.host, true))
}

fn find<'a>(actions: &'a [MachineAction], action_id: &str) -> Option<&'a MachineAction> {
    actions
        .iter()
        .find(|action| action.id.eq_ignore_ascii_case(action_id))
}

fn action_not_found(action_id: &str) -> Response {
    not_found(
        "ResourceNotFound",
        &format!("Machine action {action_id} was not found."),
    )
}
