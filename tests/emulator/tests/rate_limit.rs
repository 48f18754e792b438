//! The call budget per application and tenant: 100 a minute, 1500 an hour.

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn call_101_in_a_minute_is_429() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    for call in 0..100 {
        let response = emulator
            .get(&token, &format!("/api/machines/{DEVICE}"))
            .await;
        assert_eq!(response.status(), 200, "call {call}");
    }
    let response = emulator
        .get(&token, &format!("/api/machines/{DEVICE}"))
        .await;
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    expect_error(response, 429, "TooManyRequests").await;
}

#[tokio::test]
async fn budget_is_shared_by_users_of_the_app() {
    let emulator = Emulator::start().await;
    emulator
        .admin_post("/rate-limit/exhaust", json!({ "window": "minute" }))
        .await;
    for upn in [ANALYST, VIEWER] {
        let token = emulator.token(upn).await;
        let response = emulator
            .get(&token, &format!("/api/machines/{DEVICE}"))
            .await;
        assert_eq!(response.status(), 429, "{upn}");
    }
}

#[tokio::test]
async fn exhausted_minute_frees_after_a_minute() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    emulator
        .admin_post("/rate-limit/exhaust", json!({ "window": "minute" }))
        .await;

    let response = emulator.quarantine(&token, DEVICE, MALICIOUS_SHA1).await;
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    // A second may pass between the exhaust call and this one.
    assert!((59..=60).contains(&retry_after), "{retry_after}");

    emulator.advance(60.0).await;
    assert_eq!(
        emulator
            .quarantine(&token, DEVICE, MALICIOUS_SHA1)
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn exhausted_hour_waits_for_the_hour() {
    let emulator = Emulator::start().await;
    let token = emulator
        .token_with(json!({ "upn": ANALYST, "lifetimeSeconds": 7200 }))
        .await;
    emulator
        .admin_post("/rate-limit/exhaust", json!({ "window": "hour" }))
        .await;
    emulator.advance(120.0).await;

    let response = emulator
        .get(&token, &format!("/api/machines/{DEVICE}"))
        .await;
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((3479..=3480).contains(&retry_after), "{retry_after}");

    emulator.advance(3480.0).await;
    assert_eq!(
        emulator
            .get(&token, &format!("/api/machines/{DEVICE}"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn rejected_token_does_not_use_budget() {
    let emulator = Emulator::start().await;
    for _ in 0..120 {
        let response = emulator
            .get("bad-token", &format!("/api/machines/{DEVICE}"))
            .await;
        assert_eq!(response.status(), 401);
    }
    let token = emulator.token(ANALYST).await;
    assert_eq!(
        emulator
            .get(&token, &format!("/api/machines/{DEVICE}"))
            .await
            .status(),
        200
    );
}
