//! GUIDs: machine action ids, tenant ids and the Entra ID device ids that users paste by
//! mistake in place of a Defender device id.

/// Reports whether `text` is a GUID in the 8-4-4-4-12 form, with or without braces.
pub(crate) fn is_guid(text: &str) -> bool {
    let inner = text
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
        .unwrap_or(text);
    let groups: Vec<&str> = inner.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    groups.len() == lengths.len()
        && groups.iter().zip(lengths).all(|(group, length)| {
            group.len() == length && group.chars().all(|character| character.is_ascii_hexdigit())
        })
}

/// Returns the GUID in lower case without braces, or `None` if `text` is not one.
pub(crate) fn normalize_guid(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if !is_guid(trimmed) {
        return None;
    }
    Some(
        trimmed
            .trim_start_matches('{')
            .trim_end_matches('}')
            .to_ascii_lowercase(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_forms() {
        assert!(is_guid("4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b"));
        assert!(is_guid("{4F1C2A3B-5D6E-4F70-8A9B-0C1D2E3F4A5B}"));
        assert!(!is_guid("4f1c2a3b5d6e4f708a9b0c1d2e3f4a5b"));
        assert!(!is_guid("4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5"));
        assert!(!is_guid("4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5g"));
        assert!(!is_guid("{4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b"));
        assert_eq!(
            normalize_guid(" {4F1C2A3B-5D6E-4F70-8A9B-0C1D2E3F4A5B} ").as_deref(),
            Some("4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b")
        );
    }
}
