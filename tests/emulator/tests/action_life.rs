//! An action's life on the emulator clock, its failures, time-out and cancellation.

mod common;

use common::*;
use defender_emulator::Options;
use serde_json::{json, Value};

async fn cancel(emulator: &Emulator, id: &str, body: Value) -> reqwest::Response {
    let token = emulator.token(ANALYST).await;
    emulator
        .client
        .post(emulator.api(&format!("/api/machineactions/{id}/cancel")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn action_goes_pending_in_progress_succeeded() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(DEVICE, MALICIOUS_SHA1).await;
    let id = action["id"].as_str().unwrap();

    assert_eq!(emulator.action_status(id).await, "Pending");
    emulator.advance(2.0).await;
    assert_eq!(emulator.action_status(id).await, "InProgress");
    emulator.advance(3.0).await;
    assert_eq!(emulator.action_status(id).await, "Succeeded");
}

#[tokio::test]
async fn last_update_follows_status_change() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(DEVICE, MALICIOUS_SHA1).await;
    let id = action["id"].as_str().unwrap();
    emulator.advance(10.0).await;

    let token = emulator.token(ANALYST).await;
    let done: Value = emulator
        .get(&token, &format!("/api/machineactions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(done["lastUpdateDateTimeUtc"], done["creationDateTimeUtc"]);
    assert_eq!(done["errorHResult"], 0);
}

#[tokio::test]
async fn clock_speed_runs_actions_faster() {
    let options = Options {
        clock_speed: 100.0,
        ..Options::default()
    };
    let emulator = Emulator::start_with(options).await;
    let action = emulator.created_action(DEVICE, MALICIOUS_SHA1).await;
    // 100 ms of real time is 10 s on a clock running 100 times faster.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(
        emulator.action_status(action["id"].as_str().unwrap()).await,
        "Succeeded"
    );
}

#[tokio::test]
async fn microsoft_signed_file_fails() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(DEVICE, MICROSOFT_SHA1).await;
    emulator.advance(5.0).await;
    let id = action["id"].as_str().unwrap();
    assert_eq!(emulator.action_status(id).await, "Failed");

    let token = emulator.token(ANALYST).await;
    let failed: Value = emulator
        .get(&token, &format!("/api/machineactions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(failed["errorHResult"], 0);
    assert!(failed["troubleshootInfo"]
        .as_str()
        .unwrap()
        .contains("Microsoft"));
}

#[tokio::test]
async fn trusted_publisher_file_fails() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(DEVICE, TRUSTED_SHA1).await;
    emulator.advance(5.0).await;
    assert_eq!(
        emulator.action_status(action["id"].as_str().unwrap()).await,
        "Failed"
    );
}

#[tokio::test]
async fn device_without_antivirus_fails() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(NO_ANTIVIRUS, MALICIOUS_SHA1).await;
    emulator.advance(5.0).await;
    assert_eq!(
        emulator.action_status(action["id"].as_str().unwrap()).await,
        "Failed"
    );
}

#[tokio::test]
async fn offline_device_stays_pending_then_times_out() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(OFFLINE, MALICIOUS_SHA1).await;
    let id = action["id"].as_str().unwrap();
    emulator.advance(3600.0).await;
    assert_eq!(emulator.action_status(id).await, "Pending");
    emulator.advance(23.0 * 3600.0).await;
    assert_eq!(emulator.action_status(id).await, "TimeOut");
}

#[tokio::test]
async fn cancel_sets_cancellation_fields() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(OFFLINE, MALICIOUS_SHA1).await;
    let id = action["id"].as_str().unwrap();

    let response = cancel(&emulator, id, json!({ "Comment": "Sent by mistake" })).await;
    assert_eq!(response.status(), 200);
    let cancelled: Value = response.json().await.unwrap();
    assert_eq!(cancelled["status"], "Cancelled");
    assert_eq!(cancelled["cancellationRequestor"], ANALYST);
    assert_eq!(cancelled["cancellationComment"], "Sent by mistake");
    assert!(cancelled["cancellationDateTimeUtc"].is_string());

    // Cancelled is final: time passing changes nothing.
    emulator.advance(48.0 * 3600.0).await;
    assert_eq!(emulator.action_status(id).await, "Cancelled");
}

#[tokio::test]
async fn cancel_frees_the_file_for_a_new_action() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(DEVICE, MALICIOUS_SHA1).await;
    let id = action["id"].as_str().unwrap();
    assert_eq!(
        cancel(&emulator, id, json!({ "Comment": "retry" }))
            .await
            .status(),
        200
    );
    emulator.created_action(DEVICE, MALICIOUS_SHA1).await;
}

#[tokio::test]
async fn cancel_of_final_action_is_400() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(DEVICE, MALICIOUS_SHA1).await;
    emulator.advance(5.0).await;
    let response = cancel(
        &emulator,
        action["id"].as_str().unwrap(),
        json!({ "Comment": "late" }),
    )
    .await;
    expect_error(response, 400, "BadRequest").await;
}

#[tokio::test]
async fn cancel_without_comment_is_400() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(DEVICE, MALICIOUS_SHA1).await;
    let response = cancel(&emulator, action["id"].as_str().unwrap(), json!({})).await;
    expect_error(response, 400, "MissingRequiredParameter").await;
}

#[tokio::test]
async fn cancel_of_unknown_action_is_404() {
    let emulator = Emulator::start().await;
    let response = cancel(
        &emulator,
        "8a3c0e1f-0000-4000-8000-000000000000",
        json!({ "Comment": "c" }),
    )
    .await;
    expect_error(response, 404, "ResourceNotFound").await;
}

#[tokio::test]
async fn cancel_with_stop_and_quarantine_scope_only() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(OFFLINE, MALICIOUS_SHA1).await;
    let token = emulator
        .token_with(json!({ "upn": ANALYST, "scopes": ["Machine.StopAndQuarantine"] }))
        .await;
    let response = emulator
        .client
        .post(emulator.api(&format!(
            "/api/machineactions/{}/cancel",
            action["id"].as_str().unwrap()
        )))
        .bearer_auth(token)
        .json(&json!({ "Comment": "c" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn cancel_with_read_scope_only_is_403() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(OFFLINE, MALICIOUS_SHA1).await;
    let token = emulator
        .token_with(json!({ "upn": ANALYST, "scopes": ["Machine.Read"] }))
        .await;
    let response = emulator
        .client
        .post(emulator.api(&format!(
            "/api/machineactions/{}/cancel",
            action["id"].as_str().unwrap()
        )))
        .bearer_auth(token)
        .json(&json!({ "Comment": "c" }))
        .send()
        .await
        .unwrap();
    expect_error(response, 403, "Forbidden").await;
}

#[tokio::test]
async fn unknown_action_is_404() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let response = emulator
        .get(
            &token,
            "/api/machineactions/8a3c0e1f-0000-4000-8000-000000000000",
        )
        .await;
    expect_error(response, 404, "ResourceNotFound").await;
}

#[tokio::test]
async fn get_action_needs_read_scope() {
    let emulator = Emulator::start().await;
    let action = emulator.created_action(DEVICE, MALICIOUS_SHA1).await;
    let token = emulator
        .token_with(json!({ "upn": ANALYST, "scopes": ["Machine.StopAndQuarantine"] }))
        .await;
    let response = emulator
        .get(
            &token,
            &format!("/api/machineactions/{}", action["id"].as_str().unwrap()),
        )
        .await;
    expect_error(response, 403, "Forbidden").await;
}

#[tokio::test]
async fn list_filters_by_machine_and_type() {
    let emulator = Emulator::start().await;
    let first = emulator.created_action(DEVICE, MALICIOUS_SHA1).await;
    emulator.created_action(DEVICE_1709, MALICIOUS_SHA1).await;
    let token = emulator.token(ANALYST).await;

    let path = format!(
        "/api/machineactions?$filter=machineId eq '{DEVICE}' and type eq 'StopAndQuarantineFile'"
    );
    let response = emulator.get(&token, &path).await;
    assert_eq!(response.status(), 200);
    let list: Value = response.json().await.unwrap();
    let value = list["value"].as_array().unwrap();
    assert_eq!(value.len(), 1);
    assert_eq!(value[0]["id"], first["id"]);
}

#[tokio::test]
async fn list_filters_by_status() {
    let emulator = Emulator::start().await;
    emulator.created_action(DEVICE, MALICIOUS_SHA1).await;
    emulator.advance(10.0).await;
    let pending = emulator.created_action(DEVICE_1709, MALICIOUS_SHA1).await;
    let token = emulator.token(ANALYST).await;

    let list: Value = emulator
        .get(&token, "/api/machineactions?$filter=status eq 'Pending'")
        .await
        .json()
        .await
        .unwrap();
    let value = list["value"].as_array().unwrap();
    assert_eq!(value.len(), 1);
    assert_eq!(value[0]["id"], pending["id"]);
}

#[tokio::test]
async fn list_honours_top() {
    let emulator = Emulator::start().await;
    for device in [DEVICE, DEVICE_1709, SERVER] {
        emulator.created_action(device, MALICIOUS_SHA1).await;
    }
    let token = emulator.token(ANALYST).await;
    let list: Value = emulator
        .get(&token, "/api/machineactions?$top=2")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["value"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn list_hides_actions_on_hidden_groups() {
    let emulator = Emulator::start().await;
    emulator.created_action(SERVER, MALICIOUS_SHA1).await;
    let token = emulator.token(LIMITED).await;
    let list: Value = emulator
        .get(&token, "/api/machineactions")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["value"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn unparseable_filter_is_odata_error() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    for query in [
        "$filter=machineId eq",
        "$filter=color eq 'red'",
        "$filter=status ne 'Pending'",
        "$filter=status eq 'Pending' or type eq 'x'",
        "$top=abc",
        "$top=10001",
    ] {
        let response = emulator
            .get(&token, &format!("/api/machineactions?{query}"))
            .await;
        assert_eq!(response.status(), 400, "{query}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "", "{query}");
        assert!(
            body["error"]["details"][0]["message"].is_string(),
            "{query}"
        );
    }
}
