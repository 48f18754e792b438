//! Lower-case hexadecimal text of a digest.

use super::DIGEST_LEN;

/// Formats a digest as 40 lower-case hexadecimal digits, as `sha1sum` prints it.
pub fn to_hex(digest: &[u8; DIGEST_LEN]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(2 * DIGEST_LEN);
    for byte in digest {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}
