//! A client-side rate limiter matching the API's budget of 100 calls per 60 seconds and
//! 1500 calls per hour, so the extension waits instead of earning 429 responses, which
//! only prolong the throttling.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

/// Calls allowed in any sliding window of [`MINUTE_MS`].
pub const MINUTE_LIMIT: usize = 100;
/// The short window, in milliseconds.
pub const MINUTE_MS: u64 = 60_000;
/// Calls allowed in any sliding window of [`HOUR_MS`].
pub const HOUR_LIMIT: usize = 1500;
/// The long window, in milliseconds.
pub const HOUR_MS: u64 = 3_600_000;

const STATE_VERSION: u32 = 1;

/// Sliding-window counters of the calls made, plus a block set from a server's
/// `Retry-After`. Times are milliseconds since the Unix epoch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RateLimiter {
    /// Times of the calls in the last hour, oldest first.
    reservations: VecDeque<u64>,
    /// No call may go before this time.
    blocked_until: u64,
}

/// The serialized state, kept in session storage so a restarted service worker keeps
/// its budget.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct State {
    version: u32,
    reservations: Vec<u64>,
    blocked_until: u64,
}

/// The reason a saved state could not be restored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateError(pub String);

impl RateLimiter {
    /// Creates a limiter with the whole budget free.
    pub fn new() -> RateLimiter {
        RateLimiter::default()
    }

    /// Counts a call at `now_ms` and returns 0 if it may go now; otherwise counts nothing
    /// and returns the milliseconds to wait before asking again.
    pub fn reserve(&mut self, now_ms: u64) -> u64 {
        // A clock set back must not turn past calls into future ones, which would lengthen
        // the wait beyond a window.
        for time in self.reservations.iter_mut() {
            *time = (*time).min(now_ms);
        }
        while self
            .reservations
            .front()
            .is_some_and(|&time| time + HOUR_MS <= now_ms)
        {
            self.reservations.pop_front();
        }

        let wait = [
            self.blocked_until.saturating_sub(now_ms),
            self.window_wait(now_ms, MINUTE_LIMIT, MINUTE_MS),
            self.window_wait(now_ms, HOUR_LIMIT, HOUR_MS),
        ]
        .into_iter()
        .max()
        .unwrap_or(0);

        if wait == 0 {
            self.reservations.push_back(now_ms);
        }
        wait
    }

    /// Returns the wait until the window of `window_ms` ending at `now_ms` contains fewer
    /// than `limit` calls, which is when the `limit`-th most recent call leaves it.
    fn window_wait(&self, now_ms: u64, limit: usize, window_ms: u64) -> u64 {
        let count = self.reservations.len();
        if count < limit {
            return 0;
        }
        let leaving = self.reservations[count - limit];
        (leaving + window_ms).saturating_sub(now_ms)
    }

    /// Blocks every call until `until_ms`, as a server's `Retry-After` requests. An earlier
    /// time than the current block changes nothing.
    pub fn block_until(&mut self, until_ms: u64) {
        self.blocked_until = self.blocked_until.max(until_ms);
    }

    /// Serializes the state as JSON.
    pub fn to_json(&self) -> String {
        let state = State {
            version: STATE_VERSION,
            reservations: self.reservations.iter().copied().collect(),
            blocked_until: self.blocked_until,
        };
        serde_json::to_string(&state).unwrap_or_default()
    }

    /// Restores a state saved by [`RateLimiter::to_json`]. The times are sorted and only
    /// the latest [`HOUR_LIMIT`] are kept, since older ones cannot affect a wait.
    pub fn from_json(text: &str) -> Result<RateLimiter, StateError> {
        let state: State =
            serde_json::from_str(text).map_err(|error| StateError(error.to_string()))?;
        if state.version != STATE_VERSION {
            return Err(StateError(format!(
                "version {} is not {STATE_VERSION}",
                state.version
            )));
        }
        let mut reservations = state.reservations;
        reservations.sort_unstable();
        let excess = reservations.len().saturating_sub(HOUR_LIMIT);
        Ok(RateLimiter {
            reservations: reservations.into_iter().skip(excess).collect(),
            blocked_until: state.blocked_until,
        })
    }
}

#[cfg(test)]
mod tests;

// proptest builds only natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
