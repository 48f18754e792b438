//! Machine action ids.

use std::fmt;

use serde::Serialize;

use super::error::ValidationError;
use super::guid::normalize_guid;

/// The id of a machine action: a GUID in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct ActionId(String);

impl ActionId {
    /// Accepts a GUID, with or without braces, in any case.
    pub fn parse(text: &str) -> Result<ActionId, ValidationError> {
        normalize_guid(text)
            .map(ActionId)
            .ok_or_else(|| ValidationError::ActionIdInvalid {
                value: text.to_string(),
            })
    }

    /// The GUID.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ActionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
