//! The `Retry-After` header: a number of seconds or an HTTP date.

use std::time::UNIX_EPOCH;

/// The wait assumed when a 429 response has no usable `Retry-After`: the length of the
/// API's shorter rate-limit window (100 calls per 60 seconds), after which at least part
/// of the budget is free again.
pub const DEFAULT_RETRY_AFTER_SECONDS: u64 = 60;

/// Reads a `Retry-After` value as whole seconds from `now_ms` (milliseconds since the
/// Unix epoch). A date in the past gives 0; a value that is neither form gives `None`.
pub fn parse_retry_after(value: &str, now_ms: u64) -> Option<u64> {
    let trimmed = value.trim();
    if !trimmed.is_empty() && trimmed.chars().all(|character| character.is_ascii_digit()) {
        // Digits that overflow are still a wait far longer than any window.
        return Some(trimmed.parse().unwrap_or(u64::MAX));
    }

    let date = httpdate::parse_http_date(trimmed).ok()?;
    let date_ms = date.duration_since(UNIX_EPOCH).ok()?.as_millis();
    let remaining_ms = date_ms.saturating_sub(u128::from(now_ms));
    let seconds = remaining_ms.div_ceil(1000);
    Some(u64::try_from(seconds).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wed, 21 Oct 2015 07:28:00 GMT in milliseconds since the epoch.
    const DATE_MS: u64 = 1_445_412_480_000;

    #[test]
    fn seconds() {
        assert_eq!(parse_retry_after("120", 0), Some(120));
        assert_eq!(parse_retry_after(" 0 ", 0), Some(0));
        assert_eq!(
            parse_retry_after("99999999999999999999999", 0),
            Some(u64::MAX)
        );
    }

    #[test]
    fn http_dates() {
        let imf = "Wed, 21 Oct 2015 07:28:00 GMT";
        assert_eq!(parse_retry_after(imf, DATE_MS - 30_000), Some(30));
        assert_eq!(parse_retry_after(imf, DATE_MS - 29_500), Some(30));
        assert_eq!(parse_retry_after(imf, DATE_MS + 5_000), Some(0));
        assert_eq!(
            parse_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", DATE_MS - 1_000),
            Some(1)
        );
        assert_eq!(
            parse_retry_after("Wed Oct 21 07:28:00 2015", DATE_MS - 2_000),
            Some(2)
        );
    }

    #[test]
    fn unreadable_values() {
        for value in ["", "soon", "-5", "1.5", "Wed, 32 Oct 2015 07:28:00 GMT"] {
            assert_eq!(parse_retry_after(value, DATE_MS), None, "{value:?}");
        }
    }
}
