//! Requests to the Defender for Endpoint API, built without the token so they can be
//! shown to the user and logged. The client adds `Authorization` when it sends them.

mod encode;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::api_url::ApiBase;
use crate::validate::{
    ActionId, ClassifiedHash, Comment, HashKind, MachineId, MachineName, Sha1, ValidationError,
};
use encode::{odata_string, percent_encode};

/// The largest `$top` the machine actions list accepts.
pub const MAX_TOP: u64 = 10_000;

/// The HTTP method of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Method {
    /// `GET`.
    #[serde(rename = "GET")]
    Get,
    /// `POST`.
    #[serde(rename = "POST")]
    Post,
}

impl Method {
    /// The method name as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A request ready to send, except for the `Authorization` header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiRequest {
    /// The HTTP method.
    pub method: Method,
    /// The full URL.
    pub url: String,
    /// Header names and values, without `Authorization`.
    pub headers: BTreeMap<String, String>,
    /// The JSON body of a `POST`.
    pub body: Option<String>,
}

/// The body of a stop-and-quarantine request. The API matches the key names
/// case-sensitively.
#[derive(Serialize)]
struct StopAndQuarantineBody<'a> {
    #[serde(rename = "Comment")]
    comment: &'a str,
    #[serde(rename = "Sha1")]
    sha1: &'a str,
}

/// The body of a cancel request.
#[derive(Serialize)]
struct CancelBody<'a> {
    #[serde(rename = "Comment")]
    comment: &'a str,
}

fn get(url: String) -> ApiRequest {
    let headers = BTreeMap::from([("Accept".to_string(), "application/json".to_string())]);
    ApiRequest {
        method: Method::Get,
        url,
        headers,
        body: None,
    }
}

fn post(url: String, body: &impl Serialize) -> ApiRequest {
    let headers = BTreeMap::from([
        ("Accept".to_string(), "application/json".to_string()),
        ("Content-Type".to_string(), "application/json".to_string()),
    ]);
    // serde_json fails only on non-string map keys and on Serialize impls that fail, and
    // the body structs have neither, so the empty fallback is never used.
    let body = serde_json::to_string(body).unwrap_or_default();
    ApiRequest {
        method: Method::Post,
        url,
        headers,
        body: Some(body),
    }
}

/// `POST /api/machines/{id}/StopAndQuarantineFile` with `{"Comment", "Sha1"}`.
pub fn stop_and_quarantine_file(
    base: &ApiBase,
    machine_id: &MachineId,
    sha1: &Sha1,
    comment: &Comment,
) -> ApiRequest {
    let url = format!("{base}/api/machines/{machine_id}/StopAndQuarantineFile");
    let body = StopAndQuarantineBody {
        comment: comment.as_str(),
        sha1: sha1.as_str(),
    };
    post(url, &body)
}

/// `POST /api/machineactions/{id}/cancel` with `{"Comment"}`.
pub fn cancel_machine_action(
    base: &ApiBase,
    action_id: &ActionId,
    comment: &Comment,
) -> ApiRequest {
    let url = format!("{base}/api/machineactions/{action_id}/cancel");
    post(
        url,
        &CancelBody {
            comment: comment.as_str(),
        },
    )
}

/// `GET /api/machineactions/{id}`.
pub fn get_machine_action(base: &ApiBase, action_id: &ActionId) -> ApiRequest {
    get(format!("{base}/api/machineactions/{action_id}"))
}

/// Filters of the machine actions list of one device.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActionFilter {
    /// Only actions of this type, such as `StopAndQuarantineFile`.
    pub action_type: Option<String>,
    /// Only actions with this status, such as `Pending`.
    pub status: Option<String>,
    /// At most this many actions, 1 to [`MAX_TOP`].
    pub top: Option<u64>,
}

/// `GET /api/machineactions?$filter=machineId eq '{id}' [and type eq '...'] [and status
/// eq '...']&$top=N`.
pub fn list_machine_actions(
    base: &ApiBase,
    machine_id: &MachineId,
    filter: &ActionFilter,
) -> Result<ApiRequest, ValidationError> {
    let mut conditions = vec![format!(
        "machineId eq {}",
        odata_string(machine_id.as_str())
    )];
    if let Some(action_type) = &filter.action_type {
        conditions.push(format!("type eq {}", odata_string(action_type)));
    }
    if let Some(status) = &filter.status {
        conditions.push(format!("status eq {}", odata_string(status)));
    }
    let mut url = format!(
        "{base}/api/machineactions?$filter={}",
        percent_encode(&conditions.join(" and "))
    );

    if let Some(top) = filter.top {
        if !(1..=MAX_TOP).contains(&top) {
            return Err(ValidationError::TopOutOfRange {
                value: top,
                max: MAX_TOP,
            });
        }
        url.push_str(&format!("&$top={top}"));
    }
    Ok(get(url))
}

/// A device named by its id or by its DNS name; the API accepts both in the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MachineRef {
    /// The 40-hex-digit device id.
    Id(MachineId),
    /// The device's DNS name.
    Name(MachineName),
}

impl MachineRef {
    /// Reads a device id when the text is 40 hex digits, and a name otherwise.
    pub fn parse(text: &str) -> Result<MachineRef, ValidationError> {
        match MachineId::parse(text) {
            Ok(id) => Ok(MachineRef::Id(id)),
            Err(_) => MachineName::parse(text).map(MachineRef::Name),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            MachineRef::Id(id) => id.as_str(),
            MachineRef::Name(name) => name.as_str(),
        }
    }
}

/// `GET /api/machines/{idOrComputerName}`.
pub fn get_machine(base: &ApiBase, machine: &MachineRef) -> ApiRequest {
    get(format!(
        "{base}/api/machines/{}",
        percent_encode(machine.as_str())
    ))
}

/// `GET /api/machines?$filter=computerDnsName eq '{name}'`. A name can match several
/// devices, for example a re-imaged one, so the result is a list.
pub fn find_machines_by_name(base: &ApiBase, name: &MachineName) -> ApiRequest {
    let filter = format!("computerDnsName eq {}", odata_string(name.as_str()));
    get(format!(
        "{base}/api/machines?$filter={}",
        percent_encode(&filter)
    ))
}

/// `GET /api/files/{sha1OrSha256}`. An MD5 is rejected: the API does not look files up
/// by MD5.
pub fn get_file(base: &ApiBase, hash: &ClassifiedHash) -> Result<ApiRequest, ValidationError> {
    if hash.kind == HashKind::Md5 {
        return Err(ValidationError::HashIsMd5 {
            value: hash.value.clone(),
        });
    }
    Ok(get(format!("{base}/api/files/{}", hash.value)))
}

/// `GET /api/files/{sha1}/machines`: the devices where the file was seen.
pub fn get_file_machines(base: &ApiBase, sha1: &Sha1) -> ApiRequest {
    get(format!("{base}/api/files/{sha1}/machines"))
}

#[cfg(test)]
mod tests;
