//! Defender device ids (`machineId`): 40 hex digits, distinct from the Entra ID device
//! id (a GUID) and from the device's host name, which users often paste instead.

use std::fmt;

use serde::Serialize;

use super::error::{code_point, ValidationError};
use super::guid::is_guid;
use super::machine_name::is_dns_name;
use super::text::{trim_visible, visible_characters, Located};

/// A Defender for Endpoint device id: 40 lower-case hex digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct MachineId(String);

impl MachineId {
    /// Normalizes user input to a device id, or returns an error that names what the input is instead.
    pub fn parse(text: &str) -> Result<MachineId, ValidationError> {
        let trimmed = trim_visible(text);
        if trimmed.is_empty() {
            return Err(ValidationError::MachineIdEmpty);
        }

        let characters = visible_characters(text);
        let inner: Vec<_> = characters
            .iter()
            .filter(|located| !located.character.is_whitespace())
            .collect();
        let compact: String = inner.iter().map(|located| located.character).collect();

        if compact
            .chars()
            .all(|character| character.is_ascii_hexdigit())
        {
            if compact.len() != 40 {
                return Err(ValidationError::MachineIdWrongLength {
                    length: compact.len(),
                });
            }
            if let Some(space) = inner_whitespace(&characters) {
                return Err(invalid_character((space.character, space.position)));
            }
            return Ok(MachineId(compact.to_ascii_lowercase()));
        }

        if is_guid(trimmed) {
            return Err(ValidationError::MachineIdIsGuid {
                value: trimmed.to_string(),
            });
        }

        let non_hex: Vec<_> = inner
            .iter()
            .filter(|located| !located.character.is_ascii_hexdigit())
            .collect();

        // An id of about the right length with one or two stray characters is a typo,
        // not a host name, even if its characters would make a valid DNS label.
        let looks_like_typo = (38..=42).contains(&inner.len()) && non_hex.len() <= 2;
        if !looks_like_typo && is_dns_name(trimmed) {
            return Err(ValidationError::MachineIdIsHostName {
                value: trimmed.to_string(),
            });
        }

        let first = non_hex
            .first()
            .map_or((' ', 0), |located| (located.character, located.position));
        Err(invalid_character(first))
    }

    /// The 40 lower-case hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Finds white space between the first and the last visible character.
fn inner_whitespace(characters: &[Located]) -> Option<Located> {
    let first = characters
        .iter()
        .position(|located| !located.character.is_whitespace())?;
    let last = characters
        .iter()
        .rposition(|located| !located.character.is_whitespace())?;
    characters[first..=last]
        .iter()
        .find(|located| located.character.is_whitespace())
        .copied()
}

fn invalid_character((character, position): (char, usize)) -> ValidationError {
    ValidationError::MachineIdInvalidCharacter {
        character: character.to_string(),
        code_point: code_point(character),
        position,
    }
}

impl fmt::Display for MachineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

    #[test]
    fn accepted_inputs() {
        let cases = [
            ID.to_string(),
            ID.to_uppercase(),
            format!(" {ID}\t"),
            format!("\u{FEFF}{ID}\u{200B}"),
            format!("\u{00A0}{ID}"),
        ];
        for case in cases {
            assert_eq!(
                MachineId::parse(&case).map(|id| id.0),
                Ok(ID.to_string()),
                "{case:?}"
            );
        }
    }

    #[test]
    fn rejected_inputs() {
        let cases = [
            ("", ValidationError::MachineIdEmpty),
            (" \u{200B} ", ValidationError::MachineIdEmpty),
            (
                "4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b",
                ValidationError::MachineIdIsGuid {
                    value: "4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b".to_string(),
                },
            ),
            (
                " ws-finance-01.contoso.local ",
                ValidationError::MachineIdIsHostName {
                    value: "ws-finance-01.contoso.local".to_string(),
                },
            ),
            (
                "WS-FINANCE-01",
                ValidationError::MachineIdIsHostName {
                    value: "WS-FINANCE-01".to_string(),
                },
            ),
            (
                &ID[..39],
                ValidationError::MachineIdWrongLength { length: 39 },
            ),
            (
                "1e5bc9d7e413ddd7902c2932e418702b84d0cc0z",
                ValidationError::MachineIdInvalidCharacter {
                    character: "z".to_string(),
                    code_point: "U+007A".to_string(),
                    position: 40,
                },
            ),
            (
                "1e5bc9d7e413ddd7 902c2932e418702b84d0cc07",
                ValidationError::MachineIdInvalidCharacter {
                    character: " ".to_string(),
                    code_point: "U+0020".to_string(),
                    position: 17,
                },
            ),
            (
                "1e5bc9d7e413ddd7902c2932e418702b84d0cc0\u{FF17}",
                ValidationError::MachineIdInvalidCharacter {
                    character: "\u{FF17}".to_string(),
                    code_point: "U+FF17".to_string(),
                    position: 40,
                },
            ),
            (
                "device!",
                ValidationError::MachineIdInvalidCharacter {
                    character: "v".to_string(),
                    code_point: "U+0076".to_string(),
                    position: 3,
                },
            ),
        ];
        for (case, expected) in cases {
            assert_eq!(MachineId::parse(case), Err(expected), "{case:?}");
        }
    }
}
