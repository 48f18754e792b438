//! `POST /api/machines/{id}/StopAndQuarantineFile`: success, authentication,
//! permissions and the 400 responses to bad requests.

mod common;

use common::*;
use serde_json::{json, Value};

async fn post_raw(
    emulator: &Emulator,
    token: &str,
    content_type: &str,
    body: &str,
) -> reqwest::Response {
    emulator
        .client
        .post(emulator.api(&format!("/api/machines/{DEVICE}/StopAndQuarantineFile")))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn quarantine_returns_201_with_pending_action() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;

    let response = emulator.quarantine(&token, DEVICE, MALICIOUS_SHA1).await;

    assert_eq!(response.status(), 201);
    let action: Value = response.json().await.unwrap();
    assert_eq!(action["type"], "StopAndQuarantineFile");
    assert_eq!(action["status"], "Pending");
    assert_eq!(action["machineId"], DEVICE);
    assert_eq!(action["requestor"], ANALYST);
    assert_eq!(action["requestorComment"], "Malware found by the SOC");
    assert_eq!(action["relatedFileInfo"]["fileIdentifier"], MALICIOUS_SHA1);
    assert_eq!(action["relatedFileInfo"]["fileIdentifierType"], "Sha1");
    assert!(action["id"].as_str().unwrap().len() == 36);
    assert!(action["creationDateTimeUtc"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    assert!(action["lastUpdateDateTimeUtc"].is_string());
    assert!(action["cancellationRequestor"].is_null());
}

#[tokio::test]
async fn created_action_has_null_dns_name() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(DEVICE, MALICIOUS_SHA1).await;
    assert!(action["computerDnsName"].is_null());

    let token = emulator.token(ANALYST).await;
    let id = action["id"].as_str().unwrap();
    let fetched: Value = emulator
        .get(&token, &format!("/api/machineactions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(fetched["computerDnsName"], "ws-finance-01.contoso.local");
}

#[tokio::test]
async fn unknown_sha1_is_accepted() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(DEVICE, UNKNOWN_SHA1).await;
    assert_eq!(action["relatedFileInfo"]["fileIdentifier"], UNKNOWN_SHA1);
}

#[tokio::test]
async fn upper_case_sha1_is_stored_lower_case() {
    let emulator = Emulator::start().await;
    let action = emulator
        .created_action(DEVICE, &MALICIOUS_SHA1.to_ascii_uppercase())
        .await;
    assert_eq!(action["relatedFileInfo"]["fileIdentifier"], MALICIOUS_SHA1);
}

#[tokio::test]
async fn missing_token_is_401() {
    let emulator = Emulator::start().await;
    let response = emulator
        .client
        .post(emulator.api(&format!("/api/machines/{DEVICE}/StopAndQuarantineFile")))
        .json(&json!({ "Comment": "c", "Sha1": MALICIOUS_SHA1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    expect_error(response, 401, "Unauthorized").await;
}

#[tokio::test]
async fn malformed_token_is_401() {
    let emulator = Emulator::start().await;
    let response = emulator
        .quarantine("not-a-jwt", DEVICE, MALICIOUS_SHA1)
        .await;
    expect_error(response, 401, "Unauthorized").await;
}

#[tokio::test]
async fn token_with_bad_signature_is_401() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    // Flip one character of the signature.
    let mut forged = token.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });

    let response = emulator.quarantine(&forged, DEVICE, MALICIOUS_SHA1).await;
    expect_error(response, 401, "Unauthorized").await;
}

#[tokio::test]
async fn token_from_another_emulator_is_401() {
    let emulator = Emulator::start().await;
    let other = Emulator::start().await;
    let token = other.token(ANALYST).await;
    let response = emulator.quarantine(&token, DEVICE, MALICIOUS_SHA1).await;
    expect_error(response, 401, "Unauthorized").await;
}

#[tokio::test]
async fn expired_token_is_401() {
    let emulator = Emulator::start().await;
    let token = emulator
        .token_with(json!({ "upn": ANALYST, "lifetimeSeconds": 60 }))
        .await;
    emulator.advance(61.0).await;
    let body = expect_error(
        emulator.quarantine(&token, DEVICE, MALICIOUS_SHA1).await,
        401,
        "Unauthorized",
    )
    .await;
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("expired"));
}

#[tokio::test]
async fn admin_expire_makes_tokens_401() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    emulator.admin_post("/tokens/expire", json!({})).await;

    expect_error(
        emulator.quarantine(&token, DEVICE, MALICIOUS_SHA1).await,
        401,
        "Unauthorized",
    )
    .await;
    // A token minted afterwards works.
    let fresh = emulator.token(ANALYST).await;
    assert_eq!(
        emulator
            .quarantine(&fresh, DEVICE, MALICIOUS_SHA1)
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn commercial_token_is_refused_on_gcc_host() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let response = emulator
        .client
        .get(emulator.url(
            "api-gcc.securitycenter.microsoft.us",
            &format!("/api/machines/{DEVICE}"),
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    expect_error(response, 401, "Unauthorized").await;
}

#[tokio::test]
async fn gcc_high_token_works_on_gov_host() {
    let emulator = Emulator::start().await;
    let token = emulator
        .token_with(json!({ "upn": ANALYST, "cloud": "gccHigh" }))
        .await;
    let response = emulator
        .client
        .get(emulator.url(
            "api-gov.securitycenter.microsoft.us",
            &format!("/api/machines/{DEVICE}"),
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let refused = emulator
        .get(&token, &format!("/api/machines/{DEVICE}"))
        .await;
    expect_error(refused, 401, "Unauthorized").await;
}

#[tokio::test]
async fn regional_hosts_accept_commercial_token() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let hosts = [
        ("eu.api.security.microsoft.com", DEVICE),
        ("api-us.securitycenter.microsoft.com", DEVICE_1709),
        ("api.securitycenter.microsoft.com", SERVER),
    ];
    for (host, device) in hosts {
        let response = emulator
            .client
            .post(emulator.url(
                host,
                &format!("/api/machines/{device}/StopAndQuarantineFile"),
            ))
            .bearer_auth(&token)
            .json(&json!({ "Comment": "c", "Sha1": MALICIOUS_SHA1 }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "{host}");
        let action: Value = response.json().await.unwrap();
        assert!(action["@odata.context"].as_str().unwrap().contains(host));
    }
}

#[tokio::test]
async fn token_without_scope_is_403() {
    let emulator = Emulator::start().await;
    let token = emulator
        .token_with(json!({ "upn": ANALYST, "scopes": ["Machine.Read", "File.Read.All"] }))
        .await;
    expect_error(
        emulator.quarantine(&token, DEVICE, MALICIOUS_SHA1).await,
        403,
        "Forbidden",
    )
    .await;
}

#[tokio::test]
async fn viewer_without_role_is_403() {
    let emulator = Emulator::start().await;
    let token = emulator.token(VIEWER).await;
    let body = expect_error(
        emulator.quarantine(&token, DEVICE, MALICIOUS_SHA1).await,
        403,
        "Forbidden",
    )
    .await;
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Active remediation actions"));
}

#[tokio::test]
async fn device_in_hidden_group_is_403() {
    let emulator = Emulator::start().await;
    let token = emulator.token(LIMITED).await;
    let body = expect_error(
        emulator.quarantine(&token, SERVER, MALICIOUS_SHA1).await,
        403,
        "Forbidden",
    )
    .await;
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Servers"));
    assert_eq!(
        emulator
            .quarantine(&token, DEVICE, MALICIOUS_SHA1)
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn unknown_device_is_404() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let response = emulator
        .quarantine(&token, &"ab".repeat(20), MALICIOUS_SHA1)
        .await;
    expect_error(response, 404, "ResourceNotFound").await;
}

#[tokio::test]
async fn body_that_is_not_json_is_400() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let response = post_raw(&emulator, &token, "application/json", "Sha1=abc").await;
    expect_error(response, 400, "InvalidRequestBody").await;
}

#[tokio::test]
async fn json_array_body_is_400() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let response = post_raw(&emulator, &token, "application/json", "[]").await;
    expect_error(response, 400, "InvalidRequestBody").await;
}

#[tokio::test]
async fn wrong_key_case_is_400() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let body = json!({ "Comment": "c", "sha1": MALICIOUS_SHA1 }).to_string();
    let response = post_raw(&emulator, &token, "application/json", &body).await;
    let error = expect_error(response, 400, "InvalidRequestBody").await;
    assert!(error["error"]["message"]
        .as_str()
        .unwrap()
        .contains("case-sensitive"));
}

#[tokio::test]
async fn missing_comment_is_400() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let body = json!({ "Sha1": MALICIOUS_SHA1 }).to_string();
    let response = post_raw(&emulator, &token, "application/json", &body).await;
    expect_error(response, 400, "MissingRequiredParameter").await;
}

#[tokio::test]
async fn empty_comment_is_400() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let body = json!({ "Comment": "  ", "Sha1": MALICIOUS_SHA1 }).to_string();
    let response = post_raw(&emulator, &token, "application/json", &body).await;
    expect_error(response, 400, "InvalidInput").await;
}

#[tokio::test]
async fn hash_that_is_not_40_hex_is_400() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    for hash in [
        MALICIOUS_SHA256,
        &MALICIOUS_SHA1[..39],
        "zz95856ce81f2b7382dee72602f798b642f14140",
    ] {
        let response = emulator.quarantine(&token, DEVICE, hash).await;
        expect_error(response, 400, "InvalidHashValue").await;
    }
}

#[tokio::test]
async fn wrong_content_type_is_400() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let body = json!({ "Comment": "c", "Sha1": MALICIOUS_SHA1 }).to_string();
    let response = post_raw(&emulator, &token, "text/plain", &body).await;
    expect_error(response, 400, "InvalidRequestBody").await;
}

#[tokio::test]
async fn unsupported_platforms_are_400() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    for device in [DEVICE_1607, MAC, LINUX] {
        let response = emulator.quarantine(&token, device, MALICIOUS_SHA1).await;
        expect_error(response, 400, "OsPlatformNotSupported").await;
    }
}

#[tokio::test]
async fn supported_older_platforms_are_accepted() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    for device in [DEVICE_1709, SERVER] {
        let response = emulator.quarantine(&token, device, MALICIOUS_SHA1).await;
        assert_eq!(response.status(), 201, "{device}");
    }
}

#[tokio::test]
async fn pending_duplicate_is_400_already_exists() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    assert_eq!(
        emulator
            .quarantine(&token, DEVICE, MALICIOUS_SHA1)
            .await
            .status(),
        201
    );

    let response = emulator.quarantine(&token, DEVICE, MALICIOUS_SHA1).await;
    let body = expect_error(response, 400, "ActiveRequestAlreadyExists").await;
    assert_eq!(body["error"]["message"], "Action is already in progress");

    // Once the first action is final, the same request creates a new action.
    emulator.advance(6.0).await;
    assert_eq!(
        emulator
            .quarantine(&token, DEVICE, MALICIOUS_SHA1)
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn duplicate_on_other_device_is_accepted() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    assert_eq!(
        emulator
            .quarantine(&token, DEVICE, MALICIOUS_SHA1)
            .await
            .status(),
        201
    );
    assert_eq!(
        emulator
            .quarantine(&token, DEVICE_1709, MALICIOUS_SHA1)
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn route_matching_ignores_case() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let response = emulator
        .client
        .post(emulator.api(&format!("/API/Machines/{DEVICE}/stopandquarantinefile")))
        .bearer_auth(&token)
        .json(&json!({ "Comment": "c", "Sha1": MALICIOUS_SHA1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
}
