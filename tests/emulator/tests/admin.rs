//! The admin API: faults, latency, the request list, reset, the seed and the clock.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn fault_500_answers_count_times() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    emulator
        .admin_post("/faults", json!({ "method": "POST", "pathRegex": "StopAndQuarantineFile$", "fault": "500", "count": 2 }))
        .await;

    for _ in 0..2 {
        let response = emulator.quarantine(&token, DEVICE, MALICIOUS_SHA1).await;
        expect_error(response, 500, "InternalServerError").await;
    }
    assert_eq!(
        emulator
            .quarantine(&token, DEVICE, MALICIOUS_SHA1)
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn fault_503_answers_without_acting() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    emulator
        .admin_post(
            "/faults",
            json!({ "pathRegex": "StopAndQuarantineFile", "fault": "503" }),
        )
        .await;
    assert_eq!(
        emulator
            .quarantine(&token, DEVICE, MALICIOUS_SHA1)
            .await
            .status(),
        503
    );
    let list: Value = emulator
        .get(&token, "/api/machineactions")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["value"], json!([]));
}

#[tokio::test]
async fn fault_only_matches_its_method() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    emulator
        .admin_post(
            "/faults",
            json!({ "method": "POST", "pathRegex": "/api/machines", "fault": "500" }),
        )
        .await;
    assert_eq!(
        emulator
            .get(&token, &format!("/api/machines/{DEVICE}"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn fault_drop_closes_connection_after_acting() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    emulator
        .admin_post(
            "/faults",
            json!({ "method": "POST", "pathRegex": "StopAndQuarantineFile", "fault": "drop" }),
        )
        .await;

    let result = emulator
        .client
        .post(emulator.api(&format!("/api/machines/{DEVICE}/StopAndQuarantineFile")))
        .bearer_auth(&token)
        .json(&json!({ "Comment": "c", "Sha1": MALICIOUS_SHA1 }))
        .send()
        .await;
    assert!(result.is_err(), "expected a network error, got {result:?}");

    // The action exists although the response was lost.
    let list: Value = emulator
        .get(&token, "/api/machineactions")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["value"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn fault_hang_never_answers() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    emulator
        .admin_post(
            "/faults",
            json!({ "method": "GET", "pathRegex": "^/api/machines/", "fault": "hang" }),
        )
        .await;
    let result = emulator
        .client
        .get(emulator.api(&format!("/api/machines/{DEVICE}")))
        .bearer_auth(&token)
        .timeout(Duration::from_millis(500))
        .send()
        .await;
    assert!(result.unwrap_err().is_timeout());
    assert_eq!(
        emulator
            .get(&token, &format!("/api/machines/{DEVICE}"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn invalid_fault_is_rejected() {
    let emulator = Emulator::start().await;
    let client = reqwest::Client::new();
    for body in [
        json!({ "pathRegex": ".*", "fault": "teapot" }),
        json!({ "pathRegex": "(", "fault": "500" }),
        json!({ "fault": "500" }),
    ] {
        let response = client
            .post(emulator.admin_url("/faults"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{body}");
        let error: Value = response.json().await.unwrap();
        assert!(error["error"].is_string());
    }
}

#[tokio::test]
async fn latency_delays_matching_requests() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    emulator
        .admin_post(
            "/latency",
            json!({ "ms": 1000, "pathRegex": "^/api/files/" }),
        )
        .await;

    let started = Instant::now();
    emulator
        .get(&token, &format!("/api/files/{MALICIOUS_SHA1}"))
        .await;
    assert!(started.elapsed() >= Duration::from_millis(1000));

    let started = Instant::now();
    emulator
        .get(&token, &format!("/api/machines/{DEVICE}"))
        .await;
    assert!(started.elapsed() < Duration::from_millis(1000));

    emulator.admin_post("/latency", json!({ "ms": 0 })).await;
    let started = Instant::now();
    emulator
        .get(&token, &format!("/api/files/{MALICIOUS_SHA1}"))
        .await;
    assert!(started.elapsed() < Duration::from_millis(1000));
}

#[tokio::test]
async fn request_list_hides_token() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    emulator.quarantine(&token, DEVICE, MALICIOUS_SHA1).await;

    let requests = emulator.admin_get("/requests").await;
    assert!(!requests.to_string().contains(&token));
    let record = &requests.as_array().unwrap()[0];
    assert_eq!(record["seq"], 1);
    assert_eq!(record["method"], "POST");
    assert_eq!(record["host"], API);
    assert_eq!(
        record["path"],
        format!("/api/machines/{DEVICE}/StopAndQuarantineFile")
    );
    assert_eq!(record["headers"]["authorization"], "Bearer <redacted>");
    assert_eq!(record["auth"]["scheme"], "Bearer");
    assert_eq!(record["auth"]["upn"], ANALYST);
    assert_eq!(record["auth"]["valid"], true);
    assert_eq!(record["status"], 201);
    let body: Value = serde_json::from_str(record["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["Sha1"], MALICIOUS_SHA1);
    assert!(record["ms"].is_u64());
}

#[tokio::test]
async fn request_list_marks_invalid_token() {
    let emulator = Emulator::start().await;
    emulator
        .get("garbage", &format!("/api/machines/{DEVICE}"))
        .await;
    let requests = emulator.admin_get("/requests").await;
    let record = &requests.as_array().unwrap()[0];
    assert_eq!(record["auth"]["valid"], false);
    assert_eq!(record["status"], 401);
}

#[tokio::test]
async fn request_list_redacts_token_endpoint_secrets() {
    let emulator = Emulator::start().await;
    emulator
        .client
        .post(emulator.url(
            "login.microsoftonline.com",
            &format!("/{TENANT}/oauth2/v2.0/token"),
        ))
        .header("origin", "chrome-extension://x")
        .form(&[
            ("client_id", CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", "secret-refresh-value"),
        ])
        .send()
        .await
        .unwrap();
    let requests = emulator.admin_get("/requests").await;
    assert!(!requests.to_string().contains("secret-refresh-value"));
    assert!(requests[0]["body"]
        .as_str()
        .unwrap()
        .contains("refresh_token=%3Credacted%3E"));
}

#[tokio::test]
async fn delete_requests_clears_list() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    emulator
        .get(&token, &format!("/api/machines/{DEVICE}"))
        .await;
    emulator.admin_delete("/requests").await;
    assert_eq!(emulator.admin_get("/requests").await, json!([]));
}

#[tokio::test]
async fn reset_forgets_actions_and_faults() {
    let emulator = Emulator::start().await;
    emulator.created_action(DEVICE, MALICIOUS_SHA1).await;
    emulator
        .admin_post(
            "/faults",
            json!({ "pathRegex": "machineactions", "fault": "500", "count": 5 }),
        )
        .await;
    emulator
        .admin_post("/rate-limit/exhaust", json!({ "window": "hour" }))
        .await;

    emulator.admin_post("/reset", json!({})).await;

    let token = emulator.token(ANALYST).await;
    let response = emulator.get(&token, "/api/machineactions").await;
    assert_eq!(response.status(), 200);
    let list: Value = response.json().await.unwrap();
    assert_eq!(list["value"], json!([]));
}

#[tokio::test]
async fn seed_is_served() {
    let emulator = Emulator::start().await;
    let seed = emulator.admin_get("/seed").await;
    assert_eq!(seed["tenant"]["id"], TENANT);
    assert_eq!(seed["app"]["clientId"], CLIENT_ID);
    assert_eq!(seed["app"]["spaRedirectUris"][0], REDIRECT_URI);
    let upns: Vec<&str> = seed["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["upn"].as_str().unwrap())
        .collect();
    assert_eq!(upns, [ANALYST, VIEWER, LIMITED]);
    assert_eq!(seed["machines"][0]["id"], DEVICE);
}

#[tokio::test]
async fn minted_token_for_unknown_user_is_400() {
    let emulator = Emulator::start().await;
    let response = reqwest::Client::new()
        .post(emulator.admin_url("/tokens"))
        .json(&json!({ "upn": "nobody@contoso.onmicrosoft.com" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn minted_token_reports_lifetime() {
    let emulator = Emulator::start().await;
    let minted = emulator
        .admin_post("/tokens", json!({ "upn": ANALYST, "lifetimeSeconds": 120 }))
        .await;
    assert_eq!(minted["expiresIn"], 120);
    assert!(minted["accessToken"].as_str().unwrap().split('.').count() == 3);
}

#[tokio::test]
async fn clock_advance_moves_now() {
    let emulator = Emulator::start().await;
    let before = emulator.admin_get("/clock").await;
    let after = emulator
        .admin_post("/clock/advance", json!({ "seconds": 86400 }))
        .await;
    assert!(after["now"].as_str().unwrap() > before["now"].as_str().unwrap());
    assert_ne!(
        &after["now"].as_str().unwrap()[..10],
        &before["now"].as_str().unwrap()[..10]
    );
}

#[tokio::test]
async fn admin_rejects_other_host_names() {
    let emulator = Emulator::start().await;
    let response = reqwest::Client::new()
        .get(emulator.admin_url("/seed"))
        .header("host", "security.microsoft.com")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn admin_routes_are_not_on_tls_hosts() {
    let emulator = Emulator::start().await;
    let response = emulator
        .client
        .get(emulator.api("/seed"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let response = emulator
        .client
        .get(emulator.url("security.microsoft.com", "/requests"))
        .send()
        .await
        .unwrap();
    assert!(!response.text().await.unwrap().contains("\"seq\""));
}

#[tokio::test]
async fn ca_certificate_is_served() {
    let emulator = Emulator::start().await;
    let response = reqwest::Client::new()
        .get(emulator.admin_url("/ca.pem"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let pem = response.text().await.unwrap();
    assert_eq!(pem, emulator.running.ca_pem);
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"));
}
