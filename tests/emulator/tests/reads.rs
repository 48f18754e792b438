//! The reads made before acting: machines by id, name and filter; files by SHA-1 and
//! SHA-256; the devices a file was seen on.

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn machine_by_id_has_documented_fields() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let response = emulator
        .get(&token, &format!("/api/machines/{DEVICE}"))
        .await;
    assert_eq!(response.status(), 200);
    let machine: Value = response.json().await.unwrap();
    assert_eq!(machine["id"], DEVICE);
    assert_eq!(machine["computerDnsName"], "ws-finance-01.contoso.local");
    assert_eq!(machine["osPlatform"], "Windows11");
    assert_eq!(machine["healthStatus"], "Active");
    assert_eq!(machine["rbacGroupName"], "Workstations");
    for key in [
        "version",
        "osBuild",
        "onboardingStatus",
        "lastSeen",
        "machineTags",
    ] {
        assert!(machine.get(key).is_some(), "missing {key}");
    }
    assert!(machine.get("antivirusMode").is_none());
}

#[tokio::test]
async fn machine_by_name_returns_latest_record() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let machine: Value = emulator
        .get(&token, "/api/machines/ws-reimaged-08.contoso.local")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(machine["id"], REIMAGED_NEW);
}

#[tokio::test]
async fn machine_filter_by_name_returns_both_records() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let list: Value = emulator
        .get(
            &token,
            "/api/machines?$filter=computerDnsName eq 'ws-reimaged-08.contoso.local'",
        )
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = list["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&REIMAGED_OLD));
    assert!(ids.contains(&REIMAGED_NEW));
}

#[tokio::test]
async fn machine_list_honours_top_and_groups() {
    let emulator = Emulator::start().await;
    let analyst = emulator.token(ANALYST).await;
    let all: Value = emulator
        .get(&analyst, "/api/machines")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["value"].as_array().unwrap().len(), 10);
    let top: Value = emulator
        .get(&analyst, "/api/machines?$top=3")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(top["value"].as_array().unwrap().len(), 3);

    let limited = emulator.token(LIMITED).await;
    let visible: Value = emulator
        .get(&limited, "/api/machines")
        .await
        .json()
        .await
        .unwrap();
    let groups: Vec<&str> = visible["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["rbacGroupName"].as_str().unwrap())
        .collect();
    assert!(!groups.is_empty());
    assert!(groups.iter().all(|group| *group == "Workstations"));
}

#[tokio::test]
async fn machine_filter_with_unknown_key_is_odata_error() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let response = emulator
        .get(&token, "/api/machines?$filter=owner eq 'bob'")
        .await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "");
    assert!(body["error"]["details"].is_array());
}

#[tokio::test]
async fn unknown_machine_is_404() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    for id in ["ab".repeat(20), "no-such-host.contoso.local".to_string()] {
        let response = emulator.get(&token, &format!("/api/machines/{id}")).await;
        expect_error(response, 404, "ResourceNotFound").await;
    }
}

#[tokio::test]
async fn machine_in_hidden_group_is_403() {
    let emulator = Emulator::start().await;
    let token = emulator.token(LIMITED).await;
    let response = emulator
        .get(&token, &format!("/api/machines/{SERVER}"))
        .await;
    expect_error(response, 403, "Forbidden").await;
}

#[tokio::test]
async fn machine_read_needs_scope() {
    let emulator = Emulator::start().await;
    let token = emulator
        .token_with(json!({ "upn": ANALYST, "scopes": ["File.Read.All"] }))
        .await;
    let response = emulator
        .get(&token, &format!("/api/machines/{DEVICE}"))
        .await;
    expect_error(response, 403, "Forbidden").await;
}

#[tokio::test]
async fn file_by_sha1_and_sha256() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    for hash in [MALICIOUS_SHA1, MALICIOUS_SHA256] {
        let response = emulator.get(&token, &format!("/api/files/{hash}")).await;
        assert_eq!(response.status(), 200, "{hash}");
        let file: Value = response.json().await.unwrap();
        assert_eq!(file["sha1"], MALICIOUS_SHA1);
        assert_eq!(file["sha256"], MALICIOUS_SHA256);
        assert_eq!(file["size"], 68);
        for key in [
            "isPeFile",
            "signer",
            "issuer",
            "isValidCertificate",
            "filePublisher",
            "globalPrevalence",
            "md5",
        ] {
            assert!(file.get(key).is_some(), "missing {key}");
        }
    }
}

#[tokio::test]
async fn signed_file_shows_signer() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let file: Value = emulator
        .get(&token, &format!("/api/files/{MICROSOFT_SHA1}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(file["signer"], "Microsoft Windows");
    assert_eq!(file["isValidCertificate"], true);
}

#[tokio::test]
async fn sha256_only_file_has_no_sha1() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let response = emulator
        .get(&token, &format!("/api/files/{SHA256_ONLY}"))
        .await;
    assert_eq!(response.status(), 200);
    let file: Value = response.json().await.unwrap();
    assert!(file["sha1"].is_null());
    assert_eq!(file["sha256"], SHA256_ONLY);
}

#[tokio::test]
async fn unknown_file_is_404() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let response = emulator
        .get(&token, &format!("/api/files/{UNKNOWN_SHA1}"))
        .await;
    expect_error(response, 404, "NotFound").await;
}

#[tokio::test]
async fn file_with_bad_hash_is_400() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    for hash in ["44d88612fea8a8f36de82e1278abb02f", "not-a-hash"] {
        let response = emulator.get(&token, &format!("/api/files/{hash}")).await;
        expect_error(response, 400, "InvalidHashValue").await;
    }
}

#[tokio::test]
async fn file_read_needs_file_scope() {
    let emulator = Emulator::start().await;
    let token = emulator
        .token_with(json!({ "upn": ANALYST, "scopes": ["Machine.Read"] }))
        .await;
    let response = emulator
        .get(&token, &format!("/api/files/{MALICIOUS_SHA1}"))
        .await;
    expect_error(response, 403, "Forbidden").await;
}

#[tokio::test]
async fn file_machines_lists_devices_seen() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let list: Value = emulator
        .get(&token, &format!("/api/files/{MALICIOUS_SHA1}/machines"))
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = list["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 4);
    assert!(ids.contains(&DEVICE));
    assert!(ids.contains(&SERVER));
}

#[tokio::test]
async fn file_machines_hides_hidden_groups() {
    let emulator = Emulator::start().await;
    let token = emulator.token(LIMITED).await;
    let list: Value = emulator
        .get(&token, &format!("/api/files/{MALICIOUS_SHA1}/machines"))
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = list["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(!ids.contains(&SERVER));
}

#[tokio::test]
async fn file_machines_of_unknown_file_is_empty() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let response = emulator
        .get(&token, &format!("/api/files/{UNKNOWN_SHA1}/machines"))
        .await;
    assert_eq!(response.status(), 200);
    let list: Value = response.json().await.unwrap();
    assert_eq!(list["value"], json!([]));
}

#[tokio::test]
async fn unknown_api_path_is_404() {
    let emulator = Emulator::start().await;
    let token = emulator.token(ANALYST).await;
    let response = emulator.get(&token, "/api/alerts").await;
    expect_error(response, 404, "ResourceNotFound").await;
}
