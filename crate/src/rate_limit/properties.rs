//! Property tests: whatever the call pattern, no window ever contains more calls than
//! its limit, and a caller that waits as long as `reserve` returned is let through.

use proptest::prelude::*;

use super::*;

/// Counts the accepted calls in the window of `window_ms` that ends at each accepted
/// call, and returns the largest count.
fn busiest_window(accepted: &[u64], window_ms: u64) -> usize {
    accepted
        .iter()
        .enumerate()
        .map(|(index, &end)| {
            accepted[..=index]
                .iter()
                .filter(|&&time| time + window_ms > end)
                .count()
        })
        .max()
        .unwrap_or(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn minute_window_never_overfills(gaps in prop::collection::vec(0u64..2_000, 1..400)) {
        let mut limiter = RateLimiter::new();
        let mut now = 1_700_000_000_000u64;
        let mut accepted = Vec::new();
        for gap in gaps {
            now += gap;
            if limiter.reserve(now) == 0 {
                accepted.push(now);
            }
        }
        prop_assert!(busiest_window(&accepted, MINUTE_MS) <= MINUTE_LIMIT);
    }

    #[test]
    fn waiting_as_told_lets_the_call_through(gaps in prop::collection::vec(0u64..500, 1..300)) {
        let mut limiter = RateLimiter::new();
        let mut now = 1_700_000_000_000u64;
        let mut accepted = Vec::new();
        for gap in gaps {
            now += gap;
            let wait = limiter.reserve(now);
            if wait > 0 {
                now += wait;
                prop_assert_eq!(limiter.reserve(now), 0);
            }
            accepted.push(now);
        }
        prop_assert!(busiest_window(&accepted, MINUTE_MS) <= MINUTE_LIMIT);
        prop_assert!(busiest_window(&accepted, HOUR_MS) <= HOUR_LIMIT);
    }

    #[test]
    fn hour_window_never_overfills(gaps in prop::collection::vec(0u64..4_000, 1500..1700)) {
        let mut limiter = RateLimiter::new();
        let mut now = 1_700_000_000_000u64;
        let mut accepted = Vec::new();
        for gap in gaps {
            now += gap;
            let wait = limiter.reserve(now);
            if wait > 0 {
                now += wait;
                prop_assert_eq!(limiter.reserve(now), 0);
            }
            accepted.push(now);
        }
        prop_assert!(busiest_window(&accepted, HOUR_MS) <= HOUR_LIMIT);
    }
}
