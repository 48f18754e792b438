//! Deserializers that accept the variations seen in real API responses.

use serde::{Deserialize, Deserializer};

/// Reads `null` or a missing key as the type's default, such as an empty list.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Reads an integer given as a JSON number or as a string of digits; anything else
/// becomes `None` rather than failing the whole response.
pub(crate) fn lenient_integer<'de, D>(deserializer: D) -> Result<Option<i64>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(match value {
        Some(serde_json::Value::Number(number)) => number.as_i64(),
        Some(serde_json::Value::String(text)) => text.trim().parse().ok(),
        _ => None,
    })
}

/// Reads a string that is not blank, trimmed. `null`, blank text and any other shape
/// become `None` rather than failing the whole response.
pub(crate) fn lenient_text<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(match value {
        Some(serde_json::Value::String(text)) if !text.trim().is_empty() => {
            Some(text.trim().to_string())
        }
        _ => None,
    })
}

/// Lower-cases a value made only of hex digits, so hashes compare as the validators
/// produce them; other values are kept as they are.
pub(crate) fn lower_hex(value: String) -> String {
    if value.chars().all(|character| character.is_ascii_hexdigit()) {
        value.to_ascii_lowercase()
    } else {
        value
    }
}
