//! The API client in a browser service worker, the context the extension runs it in,
//! against the loopback HTTPS server `tests/support/api-server.mjs`. The browser maps
//! the API host names to that server; `scripts/test-core.sh` starts it and writes the
//! browser flags.
#![cfg(target_arch = "wasm32")]

use quarantine_core::js::client::{
    cancel_machine_action, find_machines_by_name, get_file, get_file_machines, get_machine,
    get_machine_action, list_machine_actions, stop_and_quarantine_file,
};
use serde::Serialize;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_service_worker);

const API_BASE: &str = "https://api.security.microsoft.com";
const TOKEN: &str = "core-test-token";
const MACHINE: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
const SHA1: &str = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
const ACTION_ID: &str = "7f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b";

/// Builds the options every call takes, with the keys of `extra` added or replaced.
fn options(extra: Value) -> JsValue {
    let mut object = json!({"apiBase": API_BASE, "cloud": "commercial", "token": TOKEN});
    if let (Some(target), Some(source)) = (object.as_object_mut(), extra.as_object()) {
        target.extend(source.clone());
    }
    object
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

fn to_json(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).unwrap()
}

/// Unwraps a resolved call, or fails with the rejection; a network error most likely
/// means the test server is not running.
fn resolved(result: Result<JsValue, JsValue>) -> Value {
    match result {
        Ok(value) => to_json(value),
        Err(error) => {
            let error = to_json(error);
            if error["kind"] == "network" {
                panic!("no response from the API test server; run scripts/test-core.sh: {error}");
            }
            panic!("the call was rejected: {error}");
        }
    }
}

fn rejected(result: Result<JsValue, JsValue>) -> Value {
    match result {
        Ok(value) => panic!("the call resolved with {}", to_json(value)),
        Err(error) => to_json(error),
    }
}

/// Stop-and-quarantine options for `machine_id`, with `extra` keys replacing the defaults.
fn quarantine_with(machine_id: &str, extra: Value) -> JsValue {
    let mut keys = json!({
        "machineId": machine_id,
        "sha1": SHA1.to_uppercase(),
        "comment": " Ransomware, INC-4711 ",
    });
    if let (Some(target), Some(source)) = (keys.as_object_mut(), extra.as_object()) {
        target.extend(source.clone());
    }
    options(keys)
}

fn quarantine(machine_id: &str) -> JsValue {
    quarantine_with(machine_id, json!({}))
}

#[wasm_bindgen_test]
fn runs_in_service_worker() {
    let global = js_sys::global();
    let constructor = js_sys::Reflect::get(&global, &JsValue::from_str("constructor")).unwrap();
    let name = js_sys::Reflect::get(&constructor, &JsValue::from_str("name")).unwrap();
    assert_eq!(
        name.as_string().as_deref(),
        Some("ServiceWorkerGlobalScope")
    );
    let has_window = js_sys::Reflect::has(&global, &JsValue::from_str("window")).unwrap();
    assert!(!has_window);
}

#[wasm_bindgen_test]
async fn stop_and_quarantine_creates_action() {
    let action = resolved(stop_and_quarantine_file(quarantine(&MACHINE.to_uppercase())).await);
    assert_eq!(action["id"], ACTION_ID);
    assert_eq!(action["type"], "StopAndQuarantineFile");
    assert_eq!(action["status"], "Pending");
    assert_eq!(action["isFinal"], false);
    assert_eq!(action["computerDnsName"], Value::Null);
    assert_eq!(action["requestorComment"], "Ransomware, INC-4711");
    assert_eq!(
        action["lastUpdateDateTimeUtc"],
        "2026-12-04T20:00:00.1234567Z"
    );
    assert_eq!(
        action["relatedFileInfo"],
        json!({"fileIdentifier": SHA1, "fileIdentifierType": "Sha1"})
    );
}

#[wasm_bindgen_test]
async fn already_pending_action() {
    let error = rejected(stop_and_quarantine_file(quarantine(&"a".repeat(40))).await);
    assert_eq!(error["kind"], "alreadyPending");
    assert_eq!(error["status"], 400);
    assert_eq!(error["code"], "ActiveRequestAlreadyExists");
    assert_eq!(error["target"], "43f4cb08-8fac-4b65-9db1-745c2ae65f3a");
}

#[wasm_bindgen_test]
async fn throttled_call_gives_wait() {
    let error = rejected(stop_and_quarantine_file(quarantine(&"b".repeat(40))).await);
    assert_eq!(error["kind"], "rateLimited");
    assert_eq!(error["status"], 429);
    assert_eq!(error["retryAfterSeconds"], 7);
}

#[wasm_bindgen_test]
async fn proxy_page_is_server_error() {
    let error = rejected(stop_and_quarantine_file(quarantine(&"c".repeat(40))).await);
    assert_eq!(error["kind"], "server");
    assert_eq!(error["status"], 502);
    assert_eq!(error["code"], Value::Null);
}

#[wasm_bindgen_test]
async fn hanging_server_times_out() {
    let with_timeout = quarantine_with(&"d".repeat(40), json!({"timeoutMs": 300}));
    let error = rejected(stop_and_quarantine_file(with_timeout).await);
    assert_eq!(error["kind"], "network");
    assert_eq!(error["code"], "timedOut");
    assert_eq!(error["status"], Value::Null);
}

#[wasm_bindgen_test]
async fn dropped_connection_is_network_error() {
    let error = rejected(stop_and_quarantine_file(quarantine(&"e".repeat(40))).await);
    assert_eq!(error["kind"], "network");
    assert_eq!(error["code"], "fetchFailed");
}

#[wasm_bindgen_test]
async fn redirect_is_not_followed() {
    let error = rejected(stop_and_quarantine_file(quarantine(&"f".repeat(40))).await);
    assert_eq!(error["kind"], "network");
    assert_eq!(error["code"], "fetchFailed");
}

#[wasm_bindgen_test]
async fn success_with_unreadable_body() {
    let error = rejected(stop_and_quarantine_file(quarantine(&"0".repeat(40))).await);
    assert_eq!(error["kind"], "unexpected");
    assert_eq!(error["status"], 201);
    assert_eq!(error["code"], "responseInvalid");
}

#[wasm_bindgen_test]
async fn wrong_token_is_unauthorized() {
    let request = quarantine_with(MACHINE, json!({"token": "expired-token"}));
    let error = rejected(stop_and_quarantine_file(request).await);
    assert_eq!(error["kind"], "unauthorized");
    assert_eq!(error["status"], 401);
    assert_eq!(error["code"], "Unauthorized");
}

#[wasm_bindgen_test]
async fn foreign_hosts_get_no_token() {
    let cases = [
        ("https://evil.test", "commercial"),
        ("http://api.security.microsoft.com", "commercial"),
        ("https://api.security.microsoft.com@evil.test", "commercial"),
        ("https://api.security.microsoft.com", "gccHigh"),
    ];
    for (api_base, cloud) in cases {
        let request = quarantine_with(MACHINE, json!({"apiBase": api_base, "cloud": cloud}));
        let error = rejected(stop_and_quarantine_file(request).await);
        assert_eq!(error["kind"], "urlNotAllowed", "{api_base} {cloud}");
        assert_eq!(error["code"], "urlNotAllowed", "{api_base} {cloud}");
    }
}

#[wasm_bindgen_test]
async fn invalid_input_is_rejected_before_sending() {
    let error = rejected(stop_and_quarantine_file(quarantine("ws-finance-01")).await);
    assert_eq!(error["code"], "machineIdIsHostName");
    assert_eq!(error.get("kind"), None);

    let missing = rejected(stop_and_quarantine_file(options(json!({"machineId": MACHINE}))).await);
    assert_eq!(missing["code"], "argumentInvalid");

    let unknown_cloud = rejected(
        get_machine_action(options(json!({"cloud": "azure", "actionId": ACTION_ID}))).await,
    );
    assert_eq!(unknown_cloud["code"], "cloudUnknown");
    assert_eq!(unknown_cloud["value"], "azure");
}

#[wasm_bindgen_test]
async fn follow_and_cancel_action() {
    let action =
        resolved(get_machine_action(options(json!({"actionId": ACTION_ID.to_uppercase()}))).await);
    assert_eq!(action["status"], "InProgress");
    assert_eq!(action["lastUpdateDateTimeUtc"], "2026-12-04T20:00:02Z");

    let missing = rejected(
        get_machine_action(options(
            json!({"actionId": "00000000-0000-0000-0000-000000000000"}),
        ))
        .await,
    );
    assert_eq!(missing["kind"], "notFound");
    assert_eq!(missing["code"], "ResourceNotFound");

    let cancelled = resolved(
        cancel_machine_action(options(
            json!({"actionId": ACTION_ID, "comment": "False positive"}),
        ))
        .await,
    );
    assert_eq!(cancelled["status"], "Cancelled");
    assert_eq!(cancelled["isFinal"], true);
    assert_eq!(cancelled["cancellationComment"], "False positive");
}

#[wasm_bindgen_test]
async fn list_actions_of_device() {
    let actions = resolved(
        list_machine_actions(options(json!({
            "machineId": MACHINE,
            "type": "StopAndQuarantineFile",
            "top": 5,
        })))
        .await,
    );
    assert_eq!(actions.as_array().map(Vec::len), Some(2));
    assert_eq!(actions[1]["status"], "Succeeded");
    assert_eq!(actions[1]["isFinal"], true);
}

#[wasm_bindgen_test]
async fn machines_and_files() {
    let by_id = resolved(get_machine(options(json!({"machineIdOrName": MACHINE}))).await);
    assert_eq!(by_id["computerDnsName"], "ws-finance-01.contoso.local");
    assert_eq!(by_id["machineTags"], json!([]));
    assert_eq!(by_id.get("aadDeviceId"), None);

    let by_name = resolved(
        get_machine(options(
            json!({"machineIdOrName": "ws-finance-01.contoso.local"}),
        ))
        .await,
    );
    assert_eq!(by_name["id"], MACHINE);

    let found = resolved(find_machines_by_name(options(json!({"name": "ws-finance-01"}))).await);
    assert_eq!(found.as_array().map(Vec::len), Some(2));
    assert_eq!(found[1]["healthStatus"], "Inactive");

    let file = resolved(get_file(options(json!({"hash": SHA1}))).await);
    assert_eq!(file["sha1"], SHA1);
    assert_eq!(file["globalPrevalence"], 12);

    let seen_on = resolved(get_file_machines(options(json!({"sha1": SHA1}))).await);
    assert_eq!(seen_on, json!([]));
}
