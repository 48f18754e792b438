//! SHA-1 (and, for explanations, SHA-256 and MD5) values typed or pasted by the user.
//!
//! Accepted: white space anywhere (hashes copied in groups of digits), upper case, a
//! `sha1:`, `SHA1=`, `sha-256:`, `md5:` or `0x` prefix, and the invisible characters of
//! [`super::text::is_invisible`]. Full-width digits and other look-alikes are rejected,
//! not converted, because the user should see what they pasted.

use std::fmt;

use serde::Serialize;

use super::error::{code_point, ValidationError};
use super::text::{visible_characters, Located};

/// A SHA-1 digest as 40 lower-case hex digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Sha1(String);

impl Sha1 {
    /// Normalizes user input to a SHA-1, or returns an error that names precisely what is wrong.
    pub fn parse(text: &str) -> Result<Sha1, ValidationError> {
        let digits = hex_digits(text)?;
        if digits.len() == 40 {
            Ok(Sha1(digits))
        } else {
            Err(ValidationError::HashWrongLength {
                length: digits.len(),
            })
        }
    }

    /// The 40 lower-case hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sha1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The kind of a file hash, distinguished by length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HashKind {
    /// 40 hex digits.
    Sha1,
    /// 64 hex digits.
    Sha256,
    /// 32 hex digits.
    Md5,
}

/// A hash of a known kind, in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClassifiedHash {
    /// The kind, from the number of digits.
    pub kind: HashKind,
    /// The lower-case hex digits.
    pub value: String,
}

/// Classifies user input as a SHA-1, SHA-256 or MD5, so the interface can explain that
/// the action needs a SHA-1 and how to get one from a SHA-256.
pub fn classify_hash(text: &str) -> Result<ClassifiedHash, ValidationError> {
    let value = hex_digits(text)?;
    let kind = kind_of_length(value.len()).ok_or(ValidationError::HashWrongLength {
        length: value.len(),
    })?;
    Ok(ClassifiedHash { kind, value })
}

fn kind_of_length(length: usize) -> Option<HashKind> {
    match length {
        40 => Some(HashKind::Sha1),
        64 => Some(HashKind::Sha256),
        32 => Some(HashKind::Md5),
        _ => None,
    }
}

/// Prefixes that name a hash in tools and reports, compared in lower case.
const PREFIXES: [&str; 11] = [
    "sha1:", "sha1=", "sha-1:", "sha-1=", "sha256:", "sha256=", "sha-256:", "sha-256=", "md5:",
    "md5=", "0x",
];

/// Separators between hashes in a pasted list.
fn is_separator(character: char) -> bool {
    character.is_whitespace() || matches!(character, ',' | ';' | '|')
}

/// Extracts the lower-case hex digits of one hash from user input.
fn hex_digits(text: &str) -> Result<String, ValidationError> {
    let characters = visible_characters(text);

    let tokens = split_tokens(&characters);
    if tokens.len() >= 2 && tokens.iter().all(|token| is_whole_hash(token)) {
        return Err(ValidationError::HashMultiple {
            count: tokens.len(),
        });
    }

    let compact: Vec<Located> = characters
        .into_iter()
        .filter(|located| !located.character.is_whitespace())
        .collect();
    let digits = strip_prefix(&compact);
    if digits.is_empty() {
        return Err(ValidationError::HashEmpty);
    }

    if let Some(bad) = digits
        .iter()
        .find(|located| !located.character.is_ascii_hexdigit())
    {
        return Err(ValidationError::HashInvalidCharacter {
            character: bad.character.to_string(),
            code_point: code_point(bad.character),
            position: bad.position,
        });
    }

    // Two SHA-1s pasted without a separator read as one 80-digit value.
    if digits.len() >= 80 && digits.len() % 40 == 0 {
        return Err(ValidationError::HashMultiple {
            count: digits.len() / 40,
        });
    }

    Ok(digits
        .iter()
        .map(|located| located.character.to_ascii_lowercase())
        .collect())
}

/// Splits on separators, joining a bare prefix such as `SHA1:` to the token after it.
fn split_tokens(characters: &[Located]) -> Vec<Vec<Located>> {
    let mut tokens: Vec<Vec<Located>> = Vec::new();
    let mut current: Vec<Located> = Vec::new();
    for located in characters {
        if is_separator(located.character) {
            if !current.is_empty() {
                tokens.push(std::mem::take(&mut current));
            }
        } else {
            current.push(*located);
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }

    let mut joined: Vec<Vec<Located>> = Vec::new();
    for token in tokens {
        match joined.last_mut() {
            Some(previous) if is_bare_prefix(previous) => previous.extend(token),
            _ => joined.push(token),
        }
    }
    joined
}

fn lower_text(characters: &[Located]) -> String {
    characters
        .iter()
        .map(|located| located.character.to_ascii_lowercase())
        .collect()
}

fn is_bare_prefix(token: &[Located]) -> bool {
    let text = lower_text(token);
    PREFIXES.contains(&text.as_str())
}

fn strip_prefix(characters: &[Located]) -> &[Located] {
    let text = lower_text(characters);
    for prefix in PREFIXES {
        if text.starts_with(prefix) {
            return &characters[prefix.chars().count()..];
        }
    }
    characters
}

/// Reports whether a token is a whole SHA-1 or SHA-256. MD5 lengths are left out, because
/// a SHA-256 written in two groups of 32 digits would otherwise read as two MD5s.
fn is_whole_hash(token: &[Located]) -> bool {
    let digits = strip_prefix(token);
    digits
        .iter()
        .all(|located| located.character.is_ascii_hexdigit())
        && matches!(digits.len(), 40 | 64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA1: &str = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

    #[test]
    fn accepted_inputs() {
        let cases = [
            SHA1.to_string(),
            SHA1.to_uppercase(),
            format!("  {SHA1}\n"),
            format!("sha1:{SHA1}"),
            format!("SHA1={SHA1}"),
            format!("SHA1: {SHA1}"),
            format!("0x{SHA1}"),
            format!("0X{}", SHA1.to_uppercase()),
            "da39a3ee 5e6b4b0d 3255bfef 95601890 afd80709".to_string(),
            "da39 a3ee 5e6b 4b0d 3255\nbfef 9560 1890 afd8 0709".to_string(),
            format!("\u{FEFF}{SHA1}\u{200B}"),
            format!("\u{00A0}{SHA1}\u{00A0}"),
            "da39a3ee\u{200B}5e6b4b0d3255bfef95601890afd80709".to_string(),
        ];
        for case in cases {
            assert_eq!(
                Sha1::parse(&case).map(|sha1| sha1.0),
                Ok(SHA1.to_string()),
                "{case:?}"
            );
        }
    }

    #[test]
    fn empty_inputs() {
        for case in ["", "   ", "\u{200B}\u{FEFF}", "sha1:", " 0x "] {
            assert_eq!(
                Sha1::parse(case),
                Err(ValidationError::HashEmpty),
                "{case:?}"
            );
        }
    }

    #[test]
    fn wrong_lengths() {
        assert_eq!(
            Sha1::parse(&SHA1[..39]),
            Err(ValidationError::HashWrongLength { length: 39 })
        );
        assert_eq!(
            Sha1::parse(&format!("{SHA1}0")),
            Err(ValidationError::HashWrongLength { length: 41 })
        );
        let sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(
            Sha1::parse(sha256),
            Err(ValidationError::HashWrongLength { length: 64 })
        );
    }

    #[test]
    fn invalid_characters() {
        let full_width = format!("\u{FF10}{}", &SHA1[1..]);
        assert_eq!(
            Sha1::parse(&full_width),
            Err(ValidationError::HashInvalidCharacter {
                character: "\u{FF10}".to_string(),
                code_point: "U+FF10".to_string(),
                position: 1,
            })
        );

        let with_g = format!("  {}g{}", &SHA1[..10], &SHA1[11..]);
        assert_eq!(
            Sha1::parse(&with_g),
            Err(ValidationError::HashInvalidCharacter {
                character: "g".to_string(),
                code_point: "U+0067".to_string(),
                position: 13,
            })
        );

        let cyrillic_a = SHA1.replacen('a', "\u{0430}", 1);
        assert!(matches!(
            Sha1::parse(&cyrillic_a),
            Err(ValidationError::HashInvalidCharacter { position: 2, .. })
        ));

        let invisible_before = format!("\u{200B}\u{200B}{}-", &SHA1[..39]);
        assert!(matches!(
            Sha1::parse(&invisible_before),
            Err(ValidationError::HashInvalidCharacter { position: 42, .. })
        ));
    }

    #[test]
    fn several_hashes() {
        let other = "a9993e364706816aba3e25717850c26c9cd0d89d";
        let cases = [
            (format!("{SHA1}\n{other}"), 2),
            (format!("{SHA1}, {other}; {SHA1}"), 3),
            (format!("{SHA1}{other}"), 2),
            (format!("SHA1: {SHA1} SHA1: {other}"), 2),
            (
                format!("{SHA1}\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                2,
            ),
        ];
        for (case, count) in cases {
            assert_eq!(
                Sha1::parse(&case),
                Err(ValidationError::HashMultiple { count }),
                "{case:?}"
            );
        }
    }

    #[test]
    fn classification() {
        let cases = [
            (SHA1, HashKind::Sha1),
            (
                "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                HashKind::Sha256,
            ),
            ("md5:d41d8cd98f00b204e9800998ecf8427e", HashKind::Md5),
            (
                "e3b0c44298fc1c149afbf4c8996fb924 27ae41e4649b934ca495991b7852b855",
                HashKind::Sha256,
            ),
        ];
        for (case, kind) in cases {
            let classified = classify_hash(case);
            assert_eq!(
                classified.as_ref().map(|hash| hash.kind),
                Ok(kind),
                "{case}"
            );
            assert_eq!(
                classified.map(|hash| hash.value),
                Ok(case
                    .trim_start_matches("md5:")
                    .replace(' ', "")
                    .to_ascii_lowercase())
            );
        }
        assert_eq!(
            classify_hash("abc"),
            Err(ValidationError::HashWrongLength { length: 3 })
        );
    }
}
