use super::*;
use crate::validate::classify_hash;

const BASE: &str = "https://api.security.microsoft.com";
const ID: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
const SHA1: &str = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
const ACTION: &str = "7f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b";

fn base() -> ApiBase {
    ApiBase::parse(BASE).unwrap()
}

#[test]
fn stop_and_quarantine_request() {
    let request = stop_and_quarantine_file(
        &base(),
        &MachineId::parse(&ID.to_uppercase()).unwrap(),
        &Sha1::parse(&format!("SHA1: {}", SHA1.to_uppercase())).unwrap(),
        &Comment::parse(" Ransomware \"Lockbit\", INC-1 ").unwrap(),
    );
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url,
        format!("{BASE}/api/machines/{ID}/StopAndQuarantineFile")
    );
    assert_eq!(
        request.body.as_deref(),
        Some(
            r#"{"Comment":"Ransomware \"Lockbit\", INC-1","Sha1":"da39a3ee5e6b4b0d3255bfef95601890afd80709"}"#
        )
    );
    assert_eq!(
        request.headers.get("Content-Type").map(String::as_str),
        Some("application/json")
    );
    assert!(!request
        .headers
        .keys()
        .any(|name| name.eq_ignore_ascii_case("authorization")));
}

#[test]
fn serialized_request_shape() {
    let request = get_machine_action(&base(), &ActionId::parse(ACTION).unwrap());
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "method": "GET",
            "url": format!("{BASE}/api/machineactions/{ACTION}"),
            "headers": {"Accept": "application/json"},
            "body": null,
        })
    );
}

#[test]
fn cancel_request() {
    let request = cancel_machine_action(
        &base(),
        &ActionId::parse(&format!("{{{}}}", ACTION.to_uppercase())).unwrap(),
        &Comment::parse("False positive").unwrap(),
    );
    assert_eq!(
        request.url,
        format!("{BASE}/api/machineactions/{ACTION}/cancel")
    );
    assert_eq!(
        request.body.as_deref(),
        Some(r#"{"Comment":"False positive"}"#)
    );
}

#[test]
fn list_actions_filters() {
    let id = MachineId::parse(ID).unwrap();
    let all = list_machine_actions(&base(), &id, &ActionFilter::default()).unwrap();
    assert_eq!(
        all.url,
        format!("{BASE}/api/machineactions?$filter=machineId%20eq%20%27{ID}%27")
    );

    let filter = ActionFilter {
        action_type: Some("StopAndQuarantineFile".to_string()),
        status: Some("Pending".to_string()),
        top: Some(10_000),
    };
    let filtered = list_machine_actions(&base(), &id, &filter).unwrap();
    assert_eq!(
        filtered.url,
        format!(
            "{BASE}/api/machineactions?$filter=machineId%20eq%20%27{ID}%27%20and%20type%20eq%20%27StopAndQuarantineFile%27%20and%20status%20eq%20%27Pending%27&$top=10000"
        )
    );

    let quoted = ActionFilter {
        status: Some("a' or 'b".to_string()),
        ..ActionFilter::default()
    };
    let request = list_machine_actions(&base(), &id, &quoted).unwrap();
    assert!(
        request
            .url
            .ends_with("%20and%20status%20eq%20%27a%27%27%20or%20%27%27b%27"),
        "{}",
        request.url
    );

    for top in [0, 10_001] {
        let filter = ActionFilter {
            top: Some(top),
            ..ActionFilter::default()
        };
        assert_eq!(
            list_machine_actions(&base(), &id, &filter),
            Err(ValidationError::TopOutOfRange {
                value: top,
                max: MAX_TOP
            })
        );
    }
}

#[test]
fn machine_requests() {
    let by_id = get_machine(&base(), &MachineRef::parse(&ID.to_uppercase()).unwrap());
    assert_eq!(by_id.url, format!("{BASE}/api/machines/{ID}"));

    let by_name = get_machine(
        &base(),
        &MachineRef::parse("WS-Finance-01.contoso.local").unwrap(),
    );
    assert_eq!(
        by_name.url,
        format!("{BASE}/api/machines/WS-Finance-01.contoso.local")
    );

    assert!(MachineRef::parse("..").is_err());
    assert!(MachineRef::parse("a/b").is_err());

    let found = find_machines_by_name(&base(), &MachineName::parse("ws-01").unwrap());
    assert_eq!(
        found.url,
        format!("{BASE}/api/machines?$filter=computerDnsName%20eq%20%27ws-01%27")
    );
}

#[test]
fn file_requests() {
    let sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    let by_sha256 = get_file(&base(), &classify_hash(&sha256.to_uppercase()).unwrap()).unwrap();
    assert_eq!(by_sha256.url, format!("{BASE}/api/files/{sha256}"));

    let md5 = classify_hash("d41d8cd98f00b204e9800998ecf8427e").unwrap();
    assert_eq!(
        get_file(&base(), &md5),
        Err(ValidationError::HashIsMd5 {
            value: "d41d8cd98f00b204e9800998ecf8427e".to_string()
        })
    );

    let machines = get_file_machines(&base(), &Sha1::parse(SHA1).unwrap());
    assert_eq!(machines.url, format!("{BASE}/api/files/{SHA1}/machines"));
    assert_eq!(machines.method, Method::Get);
}
