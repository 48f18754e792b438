//! The Machine resource.

use serde::{Deserialize, Serialize};

use super::lenient::{lenient_integer, lower_hex, null_as_default};

/// A device, with the keys the extension shows before acting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Machine {
    /// The device id, 40 lower-case hex digits.
    #[serde(deserialize_with = "lower_hex_string")]
    pub id: String,
    /// The device name.
    pub computer_dns_name: Option<String>,
    /// The operating system, such as `Windows11`.
    pub os_platform: Option<String>,
    /// The operating system version, such as `22H2` or `1709`.
    pub version: Option<String>,
    /// The operating system build number.
    #[serde(default, deserialize_with = "lenient_integer")]
    pub os_build: Option<i64>,
    /// The sensor health, such as `Active` or `Inactive`.
    pub health_status: Option<String>,
    /// The onboarding state, such as `Onboarded`.
    pub onboarding_status: Option<String>,
    /// The time the device was last seen, ISO 8601.
    pub last_seen: Option<String>,
    /// The device group.
    pub rbac_group_name: Option<String>,
    /// The device tags; an empty list when the API sends null.
    #[serde(default, deserialize_with = "null_as_default")]
    pub machine_tags: Vec<String>,
}

fn lower_hex_string<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    String::deserialize(deserializer).map(lower_hex)
}
