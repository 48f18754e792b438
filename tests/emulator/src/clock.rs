//! The emulator clock: wall time at start, running `speed` times faster than real time,
//! plus whatever the admin API added. Action life, token expiry and rate windows all read
//! it, so tests can move time forward instead of waiting.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;

/// Emulated time in milliseconds since the Unix epoch.
pub struct Clock {
    started: Instant,
    start_ms: i64,
    speed: f64,
    advanced_ms: AtomicI64,
}

impl Clock {
    /// Starts a clock at the current wall time, running `speed` times real time.
    pub fn new(speed: f64) -> Clock {
        let start_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| elapsed.as_millis() as i64)
            .unwrap_or(0);
        Clock {
            started: Instant::now(),
            start_ms,
            speed,
            advanced_ms: AtomicI64::new(0),
        }
    }

    /// Returns the current emulated time in milliseconds since the Unix epoch.
    pub fn now_ms(&self) -> i64 {
        let real_ms = self.started.elapsed().as_secs_f64() * 1000.0;
        self.start_ms + (real_ms * self.speed) as i64 + self.advanced_ms.load(Ordering::SeqCst)
    }

    /// Moves the clock forward by `seconds` (fractions allowed).
    pub fn advance(&self, seconds: f64) {
        let ms = (seconds * 1000.0).round() as i64;
        self.advanced_ms.fetch_add(ms, Ordering::SeqCst);
    }
}

/// Formats milliseconds since the Unix epoch the way the Defender API does:
/// `2026-12-04T20:21:04.1230000Z` (seven fraction digits, UTC).
pub fn iso_8601(ms: i64) -> String {
    let nanos = i128::from(ms) * 1_000_000;
    let time =
        OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}Z",
        time.year(),
        u8::from(time.month()),
        time.day(),
        time.hour(),
        time.minute(),
        time.second(),
        time.nanosecond() / 100
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_8601_has_seven_fraction_digits() {
        assert_eq!(iso_8601(1_607_000_000_123), "2020-12-03T12:53:20.1230000Z");
    }

    #[test]
    fn advance_moves_time_forward() {
        let clock = Clock::new(1.0);
        let before = clock.now_ms();
        clock.advance(60.0);
        assert!(clock.now_ms() - before >= 60_000);
    }
}
