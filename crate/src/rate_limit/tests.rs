use super::*;

const START: u64 = 1_700_000_000_000;

#[test]
fn minute_window() {
    let mut limiter = RateLimiter::new();
    for call in 0..100 {
        assert_eq!(limiter.reserve(START + call * 10), 0, "call {call}");
    }
    // The 101st call waits until the first one leaves the window.
    let now = START + 1_000;
    assert_eq!(limiter.reserve(now), START + MINUTE_MS - now);
    assert_eq!(limiter.reserve(START + MINUTE_MS - 1), 1);
    assert_eq!(limiter.reserve(START + MINUTE_MS), 0);
    // The call that waited was counted only once it went.
    assert_eq!(limiter.reserve(START + MINUTE_MS), 10);
}

#[test]
fn hour_window() {
    let mut limiter = RateLimiter::new();
    // 1500 calls spread so that no minute contains more than 100.
    for call in 0..1500 {
        let now = START + call * 1_000;
        assert_eq!(limiter.reserve(now), 0, "call {call}");
    }
    let now = START + 1_500 * 1_000;
    assert_eq!(limiter.reserve(now), START + HOUR_MS - now);
    assert_eq!(limiter.reserve(START + HOUR_MS), 0);
}

#[test]
fn blocking() {
    let mut limiter = RateLimiter::new();
    limiter.block_until(START + 5_000);
    limiter.block_until(START + 1_000);
    assert_eq!(limiter.reserve(START), 5_000);
    assert_eq!(limiter.reserve(START + 5_000), 0);
}

#[test]
fn clock_set_back() {
    let mut limiter = RateLimiter::new();
    for _ in 0..100 {
        limiter.reserve(START);
    }
    let earlier = START - 3_600_000;
    assert_eq!(limiter.reserve(earlier), MINUTE_MS);
}

#[test]
fn json_round_trip() {
    let mut limiter = RateLimiter::new();
    for call in 0..99 {
        limiter.reserve(START + call);
    }
    limiter.block_until(START + 9_000);
    let json = limiter.to_json();
    let mut restored = RateLimiter::from_json(&json).unwrap();
    assert_eq!(restored, limiter);
    assert_eq!(restored.reserve(START + 100), 8_900);
    assert_eq!(restored.reserve(START + 9_000), 0);
    assert_eq!(restored.reserve(START + 9_001), 50_999);
}

#[test]
fn json_state_shape() {
    let mut limiter = RateLimiter::new();
    limiter.reserve(START);
    assert_eq!(
        limiter.to_json(),
        format!(r#"{{"version":1,"reservations":[{START}],"blockedUntil":0}}"#)
    );
}

#[test]
fn json_repairs_and_rejects() {
    let unsorted = format!(
        r#"{{"version":1,"reservations":[{},{}],"blockedUntil":0}}"#,
        START + 5,
        START
    );
    let restored = RateLimiter::from_json(&unsorted).unwrap();
    assert_eq!(restored.reservations, VecDeque::from([START, START + 5]));

    let many: Vec<String> = (0..2000).map(|index| (START + index).to_string()).collect();
    let long = format!(
        r#"{{"version":1,"reservations":[{}],"blockedUntil":0}}"#,
        many.join(",")
    );
    let trimmed = RateLimiter::from_json(&long).unwrap();
    assert_eq!(trimmed.reservations.len(), HOUR_LIMIT);
    assert_eq!(trimmed.reservations.front(), Some(&(START + 500)));

    for text in [
        "",
        "{}",
        r#"{"version":2,"reservations":[],"blockedUntil":0}"#,
        r#"{"version":1,"reservations":[-1],"blockedUntil":0}"#,
        r#"{"version":1,"reservations":[],"blockedUntil":0,"extra":1}"#,
    ] {
        assert!(RateLimiter::from_json(text).is_err(), "{text:?}");
    }
}
