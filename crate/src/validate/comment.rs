//! The comment sent with a machine action; Defender shows it in the action center as
//! `requestorComment`.

use std::fmt;

use serde::Serialize;

use super::error::{code_point, ValidationError};

/// The maximum comment length, in UTF-16 code units (the unit of a JS string's `length`
/// and of a `<textarea maxlength>`, so the dialog can enforce the same limit).
///
/// The API documents no maximum. 1000 holds a ticket reference and several sentences of
/// reason, and keeps the request body small.
// NOTE: the server's own limit is unknown. If Defender rejects long comments with 400,
// lower this value.
pub const COMMENT_MAX_LENGTH: usize = 1000;

/// A trimmed, non-empty comment without control characters other than newline and tab.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Comment(String);

impl Comment {
    /// Trims the input, turns CR LF and lone CR into LF, and checks the rules above.
    pub fn parse(text: &str) -> Result<Comment, ValidationError> {
        let unified = text.replace("\r\n", "\n").replace('\r', "\n");
        let trimmed = unified.trim();
        if trimmed.is_empty() {
            return Err(ValidationError::CommentEmpty);
        }

        let control = trimmed
            .chars()
            .enumerate()
            .find(|(_, character)| character.is_control() && !matches!(character, '\n' | '\t'));
        if let Some((index, character)) = control {
            return Err(ValidationError::CommentControlCharacter {
                position: index + 1,
                code_point: code_point(character),
            });
        }

        let length = trimmed.encode_utf16().count();
        if length > COMMENT_MAX_LENGTH {
            return Err(ValidationError::CommentTooLong {
                length,
                max: COMMENT_MAX_LENGTH,
            });
        }

        Ok(Comment(trimmed.to_string()))
    }

    /// Returns the comment text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Comment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_comments() {
        let cases = [
            ("Ransomware, ticket INC-4711", "Ransomware, ticket INC-4711"),
            (
                "  Ondsindet fil på maskinen æøå  \n",
                "Ondsindet fil på maskinen æøå",
            ),
            ("line 1\r\nline 2\ttab", "line 1\nline 2\ttab"),
            ("a\rb", "a\nb"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                Comment::parse(input).map(|comment| comment.0),
                Ok(expected.to_string())
            );
        }
        let longest = "x".repeat(COMMENT_MAX_LENGTH);
        assert_eq!(
            Comment::parse(&longest).map(|comment| comment.0),
            Ok(longest)
        );
    }

    #[test]
    fn rejected_comments() {
        assert_eq!(Comment::parse(""), Err(ValidationError::CommentEmpty));
        assert_eq!(Comment::parse(" \n\t "), Err(ValidationError::CommentEmpty));
        assert_eq!(
            Comment::parse(&"x".repeat(COMMENT_MAX_LENGTH + 1)),
            Err(ValidationError::CommentTooLong {
                length: COMMENT_MAX_LENGTH + 1,
                max: COMMENT_MAX_LENGTH,
            })
        );
        // An emoji is two UTF-16 code units, as in the dialog's text area.
        assert_eq!(
            Comment::parse(&"😀".repeat(501)),
            Err(ValidationError::CommentTooLong {
                length: 1002,
                max: COMMENT_MAX_LENGTH,
            })
        );
        assert_eq!(
            Comment::parse(" ab\u{0007}c"),
            Err(ValidationError::CommentControlCharacter {
                position: 3,
                code_point: "U+0007".to_string(),
            })
        );
        assert_eq!(
            Comment::parse("a\u{0085}b"),
            Err(ValidationError::CommentControlCharacter {
                position: 2,
                code_point: "U+0085".to_string(),
            })
        );
    }
}
