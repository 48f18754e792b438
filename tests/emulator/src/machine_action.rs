//! A machine action and its life on the emulator clock. The status is computed from the
//! creation time whenever it is read, so advancing the clock moves every action along.

use serde_json::{json, Value};

use crate::clock::iso_8601;

/// Time from creation until the device picks the action up.
pub const IN_PROGRESS_AFTER_MS: i64 = 2_000;
/// Time from creation until the action reaches its final status on an online device.
pub const FINAL_AFTER_MS: i64 = 5_000;
// NOTE: Microsoft documents no timeout for actions on offline devices; 24 hours is a
// stand-in, reached in tests by advancing the clock.
/// Time an action waits for an offline device before it times out.
pub const TIME_OUT_AFTER_MS: i64 = 24 * 3_600_000;

/// HRESULT reported when the file is signed by Microsoft or a trusted publisher.
pub const HRESULT_SIGNED_FILE: i64 = -2147024891;
/// HRESULT reported when Microsoft Defender Antivirus does not run on the device.
pub const HRESULT_NO_ANTIVIRUS: i64 = -2147467259;

/// How the action will end, decided when it is created.
#[derive(Clone, Debug)]
pub enum Outcome {
    Succeeds,
    Fails {
        hresult: i64,
        reason: String,
    },
    /// The device is offline, so the action stays Pending until it times out.
    TimesOut,
}

#[derive(Clone, Debug)]
pub struct Cancellation {
    pub requestor: String,
    pub comment: String,
    pub at_ms: i64,
}

#[derive(Clone, Debug)]
pub struct MachineAction {
    pub id: String,
    pub machine_id: String,
    pub computer_dns_name: String,
    pub requestor: String,
    pub requestor_comment: String,
    pub sha1: String,
    pub created_ms: i64,
    pub outcome: Outcome,
    pub cancellation: Option<Cancellation>,
}

/// `Failed`, `TimeOut`, `Cancelled` and `Succeeded` never change again.
pub fn is_final(status: &str) -> bool {
    matches!(status, "Succeeded" | "Failed" | "TimeOut" | "Cancelled")
}

impl MachineAction {
    /// Computes the status at `now_ms` and the time it was entered.
    pub fn status_at(&self, now_ms: i64) -> (&'static str, i64) {
        if let Some(cancellation) = &self.cancellation {
            if now_ms >= cancellation.at_ms {
                return ("Cancelled", cancellation.at_ms);
            }
        }

        let elapsed = now_ms - self.created_ms;
        match &self.outcome {
            Outcome::TimesOut if elapsed >= TIME_OUT_AFTER_MS => {
                ("TimeOut", self.created_ms + TIME_OUT_AFTER_MS)
            }
            Outcome::TimesOut => ("Pending", self.created_ms),
            _ if elapsed < IN_PROGRESS_AFTER_MS => ("Pending", self.created_ms),
            _ if elapsed < FINAL_AFTER_MS => ("InProgress", self.created_ms + IN_PROGRESS_AFTER_MS),
            Outcome::Succeeds => ("Succeeded", self.created_ms + FINAL_AFTER_MS),
            Outcome::Fails { .. } => ("Failed", self.created_ms + FINAL_AFTER_MS),
        }
    }

    /// Serializes the action as the API returns it. `api_host` builds the `@odata.context`
    /// link, and `with_dns_name` is false in the 201 response, where the service leaves it null.
    pub fn to_json(&self, now_ms: i64, api_host: &str, with_dns_name: bool) -> Value {
        let (status, updated_ms) = self.status_at(now_ms);
        let failed = status == "Failed";
        let (error_hresult, troubleshoot_info) = match &self.outcome {
            Outcome::Fails { hresult, reason } if failed => (*hresult, Some(reason.clone())),
            _ => (0, None),
        };
        let cancellation = self.cancellation.as_ref().filter(|_| status == "Cancelled");

        json!({
            "@odata.context": format!("https://{api_host}/api/$metadata#MachineActions/$entity"),
            "id": self.id,
            "type": "StopAndQuarantineFile",
            "title": null,
            "requestor": self.requestor,
            "requestorComment": self.requestor_comment,
            "status": status,
            "machineId": self.machine_id,
            "computerDnsName": if with_dns_name { Value::from(self.computer_dns_name.clone()) } else { Value::Null },
            "creationDateTimeUtc": iso_8601(self.created_ms),
            "lastUpdateDateTimeUtc": iso_8601(updated_ms),
            "cancellationRequestor": cancellation.map(|c| c.requestor.clone()),
            "cancellationComment": cancellation.map(|c| c.comment.clone()),
            "cancellationDateTimeUtc": cancellation.map(|c| iso_8601(c.at_ms)),
            "errorHResult": error_hresult,
            "scope": null,
            "externalId": null,
            "requestSource": "PublicApi",
            "relatedFileInfo": {
                "fileIdentifier": self.sha1,
                "fileIdentifierType": "Sha1",
            },
            "commands": [],
            "troubleshootInfo": troubleshoot_info,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(outcome: Outcome) -> MachineAction {
        MachineAction {
            id: "id".into(),
            machine_id: "m".into(),
            computer_dns_name: "ws".into(),
            requestor: "analyst".into(),
            requestor_comment: "c".into(),
            sha1: "s".into(),
            created_ms: 0,
            outcome,
            cancellation: None,
        }
    }

    #[test]
    fn succeeding_action_moves_through_statuses() {
        let action = action(Outcome::Succeeds);
        assert_eq!(action.status_at(1_999).0, "Pending");
        assert_eq!(action.status_at(2_000).0, "InProgress");
        assert_eq!(action.status_at(5_000), ("Succeeded", 5_000));
    }

    #[test]
    fn offline_action_times_out() {
        let action = action(Outcome::TimesOut);
        assert_eq!(action.status_at(TIME_OUT_AFTER_MS - 1).0, "Pending");
        assert_eq!(action.status_at(TIME_OUT_AFTER_MS).0, "TimeOut");
    }
}
