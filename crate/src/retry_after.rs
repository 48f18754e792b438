//! The `Retry-After` header: a number of seconds or an HTTP date.

use std::time::UNIX_EPOCH;

/// The wait assumed when a 429 response has no usable `Retry-After`: the length of the
/// API's shorter rate-limit window (100 calls per 60 seconds), after which at least part
/// of the budget is free again.
pub const DEFAULT_RETRY_AFTER_SECONDS: u64 = 60;

/// The maximum wait taken from a `Retry-After` header: one day. The API's longest window
/// is an hour, so a longer value is a faulty header, and the user should not be locked
/// out by it. It also keeps the value exact as a JavaScript number.
pub const MAX_RETRY_AFTER_SECONDS: u64 = 86_400;

/// Reads a `Retry-After` value as whole seconds from `now_ms` (milliseconds since the
/// Unix epoch), at most [`MAX_RETRY_AFTER_SECONDS`]. A date in the past gives 0; a value
/// that is neither form gives `None`.
pub fn parse_retry_after(value: &str, now_ms: u64) -> Option<u64> {
    let trimmed = value.trim();
    if !trimmed.is_empty() && trimmed.chars().all(|character| character.is_ascii_digit()) {
        // Digits that overflow u64 are still a wait far beyond the maximum.
        let seconds = trimmed.parse().unwrap_or(u64::MAX);
        return Some(seconds.min(MAX_RETRY_AFTER_SECONDS));
    }

    let date = httpdate::parse_http_date(trimmed).ok()?;
    let date_ms = date.duration_since(UNIX_EPOCH).ok()?.as_millis();
    let remaining_ms = date_ms.saturating_sub(u128::from(now_ms));
    let seconds = remaining_ms.div_ceil(1000);
    Some(
        u64::try_from(seconds).map_or(MAX_RETRY_AFTER_SECONDS, |seconds| {
            seconds.min(MAX_RETRY_AFTER_SECONDS)
        }),
    )
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
        assert_eq!(parse_retry_after("86401", 0), Some(MAX_RETRY_AFTER_SECONDS));
        assert_eq!(
            parse_retry_after("99999999999999999999999", 0),
            Some(MAX_RETRY_AFTER_SECONDS)
        );
        assert_eq!(
            parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", 0),
            Some(MAX_RETRY_AFTER_SECONDS)
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
