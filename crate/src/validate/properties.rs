//! Property tests: normalizing a normalized value changes nothing, and decorations that
//! the validators accept never change the result.

use proptest::prelude::*;

use super::{classify_hash, Comment, MachineId, Sha1};

proptest! {
    #[test]
    fn sha1_normalization_is_idempotent(text in "\\PC{0,90}") {
        if let Ok(sha1) = Sha1::parse(&text) {
            prop_assert_eq!(Sha1::parse(sha1.as_str()), Ok(sha1.clone()));
        }
    }

    #[test]
    fn sha1_accepts_decorated_digits(
        digits in "[0-9a-fA-F]{40}",
        group in 1usize..41,
        prefix in prop::sample::select(vec!["", "sha1:", "SHA1= ", "0x", "\u{FEFF}", " \u{00A0}"]),
    ) {
        let grouped: Vec<String> = digits
            .as_bytes()
            .chunks(group)
            .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
            .collect();
        let text = format!("{prefix}{}\n", grouped.join(" "));
        let parsed = Sha1::parse(&text).map(|sha1| sha1.as_str().to_string());
        prop_assert_eq!(parsed, Ok(digits.to_ascii_lowercase()));
    }

    #[test]
    fn classified_value_classifies_again(text in "(0x)?[0-9a-fA-F]{30,66}") {
        if let Ok(hash) = classify_hash(&text) {
            prop_assert_eq!(classify_hash(&hash.value), Ok(hash.clone()));
        }
    }

    #[test]
    fn machine_id_normalization_is_idempotent(text in "\\s{0,2}[0-9a-fA-Fg-z.-]{38,42}\\s{0,2}") {
        if let Ok(id) = MachineId::parse(&text) {
            prop_assert_eq!(MachineId::parse(id.as_str()), Ok(id.clone()));
        }
    }

    #[test]
    fn comment_normalization_is_idempotent(text in "\\PC{0,40}[\r\n\t ]{0,3}\\PC{0,40}") {
        if let Ok(comment) = Comment::parse(&text) {
            prop_assert_eq!(Comment::parse(comment.as_str()), Ok(comment.clone()));
        }
    }
}
