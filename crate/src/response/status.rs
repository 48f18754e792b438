//! The status of a machine action.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The state of a machine action. The last four statuses are final.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionStatus {
    /// Accepted, not yet sent to the device.
    Pending,
    /// Sent to the device.
    InProgress,
    /// Done on the device.
    Succeeded,
    /// Failed on the device.
    Failed,
    /// The device did not respond in time.
    TimeOut,
    /// Cancelled before it ran.
    Cancelled,
    /// A status this version does not know, kept as the API spelled it. It is not final,
    /// so the extension keeps following the action until its own time limit.
    Other(String),
}

impl ActionStatus {
    /// Reads a status case-insensitively; `Timeout` and `Canceled` are accepted too.
    pub fn parse(text: &str) -> ActionStatus {
        match text.to_ascii_lowercase().as_str() {
            "pending" => ActionStatus::Pending,
            "inprogress" => ActionStatus::InProgress,
            "succeeded" => ActionStatus::Succeeded,
            "failed" => ActionStatus::Failed,
            "timeout" => ActionStatus::TimeOut,
            "cancelled" | "canceled" => ActionStatus::Cancelled,
            _ => ActionStatus::Other(text.to_string()),
        }
    }

    /// Returns the status as the API documents it, such as `InProgress`.
    pub fn as_str(&self) -> &str {
        match self {
            ActionStatus::Pending => "Pending",
            ActionStatus::InProgress => "InProgress",
            ActionStatus::Succeeded => "Succeeded",
            ActionStatus::Failed => "Failed",
            ActionStatus::TimeOut => "TimeOut",
            ActionStatus::Cancelled => "Cancelled",
            ActionStatus::Other(text) => text,
        }
    }

    /// Reports whether the action can no longer change.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            ActionStatus::Succeeded
                | ActionStatus::Failed
                | ActionStatus::TimeOut
                | ActionStatus::Cancelled
        )
    }
}

impl Serialize for ActionStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ActionStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(ActionStatus::parse(&text))
    }
}
