//! Device names (`computerDnsName`) used to look a device up.

use std::fmt;

use serde::Serialize;

use super::error::ValidationError;
use super::text::trim_visible;

/// Reports whether `text` is a DNS name: labels of letters, digits, `-` and `_` of 1 to 63
/// characters, separated by dots, 253 characters at most. Underscores occur in NetBIOS
/// names that Defender reports as device names.
pub(crate) fn is_dns_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 253
        && text.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label.chars().all(|character| {
                    character.is_ascii_alphanumeric() || matches!(character, '-' | '_')
                })
        })
}

/// A device name as Defender reports it in `computerDnsName`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct MachineName(String);

impl MachineName {
    /// Trims the input and checks that it is a DNS name. The case is kept, because the
    /// API's `$filter` compares names as given.
    pub fn parse(text: &str) -> Result<MachineName, ValidationError> {
        let trimmed = trim_visible(text);
        if !is_dns_name(trimmed) {
            return Err(ValidationError::MachineNameInvalid {
                value: trimmed.to_string(),
            });
        }
        Ok(MachineName(trimmed.to_string()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MachineName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for name in ["ws-finance-01.contoso.local", "WS_FIN01", " host\n", "a"] {
            assert_eq!(
                MachineName::parse(name).map(|parsed| parsed.0),
                Ok(name.trim().to_string())
            );
        }
        for name in ["", "..", "a..b", "host/x", "hést", "x'y", &"a".repeat(64)] {
            assert!(MachineName::parse(name).is_err(), "{name:?}");
        }
    }
}
