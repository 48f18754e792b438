//! The Defender API's call budget: 100 calls per minute and 1500 per hour for each
//! application and tenant, counted in sliding windows on the emulator clock.

use std::collections::{HashMap, VecDeque};

/// A sliding window: its name in the admin API, its length and its call budget.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub name: &'static str,
    pub length_ms: i64,
    pub limit: usize,
}

pub const MINUTE: Window = Window {
    name: "minute",
    length_ms: 60_000,
    limit: 100,
};
pub const HOUR: Window = Window {
    name: "hour",
    length_ms: 3_600_000,
    limit: 1500,
};
const WINDOWS: [Window; 2] = [MINUTE, HOUR];

/// Call times per `appId/tenantId` key, pruned to the longest window.
#[derive(Default)]
pub struct RateLimiter {
    calls: HashMap<String, VecDeque<i64>>,
}

impl RateLimiter {
    /// Counts a call at `now_ms`, or returns the seconds to wait when a window is full.
    /// A rejected call is not counted.
    pub fn acquire(&mut self, key: &str, now_ms: i64) -> Result<(), u64> {
        let calls = self.calls.entry(key.to_string()).or_default();
        prune(calls, now_ms);

        let wait_ms = WINDOWS
            .iter()
            .filter_map(|window| wait_for(calls, *window, now_ms))
            .max();
        if let Some(wait_ms) = wait_ms {
            return Err(((wait_ms + 999) / 1000).max(1) as u64);
        }

        calls.push_back(now_ms);
        Ok(())
    }

    /// Fills `window` for `key` at `now_ms`, as if the budget had just been used up.
    pub fn exhaust(&mut self, key: &str, window: Window, now_ms: i64) {
        let calls = self.calls.entry(key.to_string()).or_default();
        prune(calls, now_ms);
        let used = in_window(calls, window, now_ms).count();
        for _ in used..window.limit {
            calls.push_back(now_ms);
        }
    }

    pub fn clear(&mut self) {
        self.calls.clear();
    }
}

fn prune(calls: &mut VecDeque<i64>, now_ms: i64) {
    while calls
        .front()
        .is_some_and(|first| *first <= now_ms - HOUR.length_ms)
    {
        calls.pop_front();
    }
}

fn in_window(calls: &VecDeque<i64>, window: Window, now_ms: i64) -> impl Iterator<Item = &i64> {
    calls
        .iter()
        .filter(move |at| **at > now_ms - window.length_ms)
}

/// Milliseconds until `window` has room for one more call, or `None` if it has room now.
fn wait_for(calls: &VecDeque<i64>, window: Window, now_ms: i64) -> Option<i64> {
    let inside: Vec<i64> = in_window(calls, window, now_ms).copied().collect();
    if inside.len() < window.limit {
        return None;
    }
    // The window has room again once all calls but `limit - 1` have left it.
    let leaving = inside[inside.len() - window.limit];
    Some(leaving + window.length_ms - now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundred_and_first_call_in_a_minute_waits() {
        let mut limiter = RateLimiter::default();
        for i in 0..100 {
            assert!(limiter.acquire("a/t", i * 100).is_ok(), "call {i}");
        }
        assert_eq!(limiter.acquire("a/t", 10_000), Err(50));
        assert!(limiter.acquire("a/t", 60_001).is_ok());
    }

    #[test]
    fn keys_have_separate_budgets() {
        let mut limiter = RateLimiter::default();
        limiter.exhaust("a/t", MINUTE, 0);
        assert!(limiter.acquire("a/t", 1).is_err());
        assert!(limiter.acquire("b/t", 1).is_ok());
    }

    #[test]
    fn exhausted_hour_waits_an_hour() {
        let mut limiter = RateLimiter::default();
        limiter.exhaust("a/t", HOUR, 0);
        assert_eq!(limiter.acquire("a/t", 0), Err(3600));
        assert_eq!(limiter.acquire("a/t", 120_000), Err(3480));
        assert!(limiter.acquire("a/t", 3_600_000).is_ok());
    }
}
