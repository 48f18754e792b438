//! The MachineAction resource.

use serde::{Deserialize, Serialize};

use super::lenient::{lenient_integer, lenient_text, lower_hex};
use super::status::ActionStatus;

/// The file a machine action is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedFileInfo {
    /// The hash, lower case when it is hex.
    pub file_identifier: String,
    /// `Sha1`, `Sha256` or `Md5` in that spelling whatever case the API used, or the
    /// API's value if it is not one of them.
    pub file_identifier_type: String,
}

/// A machine action, as the API returns it, with `isFinal` added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MachineAction {
    /// The action id, a GUID.
    pub id: String,
    /// The action type, such as `StopAndQuarantineFile`.
    #[serde(rename = "type")]
    pub action_type: Option<String>,
    /// The status.
    pub status: ActionStatus,
    /// Whether the status can no longer change.
    pub is_final: bool,
    /// The device id.
    pub machine_id: Option<String>,
    /// The device name; the API may leave it null in the 201 response.
    pub computer_dns_name: Option<String>,
    /// The user who requested the action.
    pub requestor: Option<String>,
    /// The comment sent with the request.
    pub requestor_comment: Option<String>,
    /// When the action was created, ISO 8601.
    pub creation_date_time_utc: Option<String>,
    /// When the action last changed, ISO 8601, from either spelling of the key.
    pub last_update_date_time_utc: Option<String>,
    /// The user who cancelled the action.
    pub cancellation_requestor: Option<String>,
    /// The cancellation comment.
    pub cancellation_comment: Option<String>,
    /// When the action was cancelled, ISO 8601.
    pub cancellation_date_time_utc: Option<String>,
    /// The file the action is about.
    pub related_file_info: Option<RelatedFileInfo>,
    /// The HRESULT of a failure on the device, 0 or null otherwise.
    pub error_h_result: Option<i64>,
    /// The reason the action failed on the device, as the service words it. Null when it
    /// did not fail or the service sent a shape other than a string.
    pub troubleshoot_info: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawFileInfo {
    file_identifier: Option<String>,
    file_identifier_type: Option<String>,
}

/// The wire form. Both spellings of the last-update key are read separately, because
/// serde's `alias` rejects a response that carries both.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawMachineAction {
    id: String,
    #[serde(rename = "type")]
    action_type: Option<String>,
    status: ActionStatus,
    machine_id: Option<String>,
    computer_dns_name: Option<String>,
    requestor: Option<String>,
    requestor_comment: Option<String>,
    creation_date_time_utc: Option<String>,
    last_update_date_time_utc: Option<String>,
    last_update_time_utc: Option<String>,
    cancellation_requestor: Option<String>,
    cancellation_comment: Option<String>,
    cancellation_date_time_utc: Option<String>,
    related_file_info: Option<RawFileInfo>,
    #[serde(default, deserialize_with = "lenient_integer")]
    error_h_result: Option<i64>,
    #[serde(default, deserialize_with = "lenient_text")]
    troubleshoot_info: Option<String>,
}

fn canonical_identifier_type(text: String) -> String {
    match text.to_ascii_lowercase().as_str() {
        "sha1" => "Sha1".to_string(),
        "sha256" => "Sha256".to_string(),
        "md5" => "Md5".to_string(),
        _ => text,
    }
}

impl From<RawMachineAction> for MachineAction {
    fn from(raw: RawMachineAction) -> MachineAction {
        let related_file_info = raw.related_file_info.and_then(|info| {
            Some(RelatedFileInfo {
                file_identifier: lower_hex(info.file_identifier?),
                file_identifier_type: canonical_identifier_type(
                    info.file_identifier_type.unwrap_or_default(),
                ),
            })
        });
        MachineAction {
            id: raw.id,
            action_type: raw.action_type,
            is_final: raw.status.is_final(),
            status: raw.status,
            machine_id: raw.machine_id.map(lower_hex),
            computer_dns_name: raw.computer_dns_name,
            requestor: raw.requestor,
            requestor_comment: raw.requestor_comment,
            creation_date_time_utc: raw.creation_date_time_utc,
            last_update_date_time_utc: raw.last_update_date_time_utc.or(raw.last_update_time_utc),
            cancellation_requestor: raw.cancellation_requestor,
            cancellation_comment: raw.cancellation_comment,
            cancellation_date_time_utc: raw.cancellation_date_time_utc,
            related_file_info,
            error_h_result: raw.error_h_result,
            troubleshoot_info: raw.troubleshoot_info,
        }
    }
}
