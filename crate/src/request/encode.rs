//! Encoding of values placed in request URLs.

/// Quotes `value` as an OData string literal: in single quotes, with each single quote
/// doubled, so a device name such as `o'brien-pc` cannot end the literal early.
pub(crate) fn odata_string(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// Percent-encodes every UTF-8 byte outside the URL unreserved set (letters, digits,
/// `-`, `.`, `_`, `~`). It suits path segments and query values alike. The quote `'` is
/// encoded too, because browsers encode it in the query of an `https` URL anyway, so the
/// URL shown is the URL sent.
pub(crate) fn percent_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        let keep = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~');
        if keep {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odata_literals() {
        assert_eq!(odata_string("ws-01"), "'ws-01'");
        assert_eq!(odata_string("o'brien"), "'o''brien'");
        assert_eq!(odata_string("''"), "''''''");
    }

    #[test]
    fn percent_encoding() {
        assert_eq!(
            percent_encode("machineId eq 'a'"),
            "machineId%20eq%20%27a%27"
        );
        assert_eq!(
            percent_encode("a/b?c#d%e&f=g+h"),
            "a%2Fb%3Fc%23d%25e%26f%3Dg%2Bh"
        );
        assert_eq!(percent_encode("æ"), "%C3%A6");
    }
}
