//! Clean-up shared by the validators: the invisible characters that a copy from a web
//! page or a chat message can carry.

/// Reports whether a character renders as nothing and is dropped before validation:
/// zero-width space, joiners, word joiner, byte order mark, soft hyphen and the
/// directional marks, embeddings and isolates.
pub(crate) fn is_invisible(character: char) -> bool {
    matches!(
        character,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A character of the input with its 1-based position in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Located {
    /// 1-based position, counted in Unicode characters.
    pub position: usize,
    /// The character.
    pub character: char,
}

/// Returns the visible characters of `text`, keeping their original positions.
pub(crate) fn visible_characters(text: &str) -> Vec<Located> {
    text.chars()
        .enumerate()
        .filter(|(_, character)| !is_invisible(*character))
        .map(|(index, character)| Located {
            position: index + 1,
            character,
        })
        .collect()
}

/// Trims white space, including no-break spaces, and invisible characters at both ends.
pub(crate) fn trim_visible(text: &str) -> &str {
    text.trim_matches(|character: char| character.is_whitespace() || is_invisible(character))
}
