use super::*;

/// A 201 response in the shape of Microsoft's published example, with the older
/// `lastUpdateTimeUtc` key and a null device name.
const CREATED: &str = r#"{
    "@odata.context": "https://api.securitycenter.microsoft.com/api/$metadata#MachineActions/$entity",
    "id": "141408d1-384c-4c19-8b57-ba39e378011a",
    "type": "StopAndQuarantineFile",
    "scope": null,
    "requestor": "Analyst@TestPrd.onmicrosoft.com",
    "requestorComment": "Stop and quarantine file on machine due to alert 441688558380765161_2136280442",
    "status": "Pending",
    "machineId": "1E5BC9D7E413DDD7902C2932E418702B84D0CC07",
    "computerDnsName": null,
    "creationDateTimeUtc": "2018-12-04T12:15:04.3825985Z",
    "lastUpdateTimeUtc": "2018-12-04T12:15:04.3825985Z",
    "cancellationRequestor": null,
    "cancellationComment": null,
    "cancellationDateTimeUtc": null,
    "errorHResult": 0,
    "title": null,
    "commands": [],
    "troubleshootInfo": null,
    "relatedFileInfo": {
        "fileIdentifier": "87662BC3D60E4200CEAF7AAE249D1C343F4B83C9",
        "fileIdentifierType": "SHA1"
    }
}"#;

#[test]
fn created_action() {
    let action = parse_machine_action(CREATED).unwrap();
    assert_eq!(action.id, "141408d1-384c-4c19-8b57-ba39e378011a");
    assert_eq!(action.action_type.as_deref(), Some("StopAndQuarantineFile"));
    assert_eq!(action.status, ActionStatus::Pending);
    assert!(!action.is_final);
    assert_eq!(
        action.machine_id.as_deref(),
        Some("1e5bc9d7e413ddd7902c2932e418702b84d0cc07")
    );
    assert_eq!(action.computer_dns_name, None);
    assert_eq!(
        action.last_update_date_time_utc.as_deref(),
        Some("2018-12-04T12:15:04.3825985Z")
    );
    assert_eq!(action.error_h_result, Some(0));
    assert_eq!(
        action.related_file_info,
        Some(RelatedFileInfo {
            file_identifier: "87662bc3d60e4200ceaf7aae249d1c343f4b83c9".to_string(),
            file_identifier_type: "Sha1".to_string(),
        })
    );
}

#[test]
fn serialized_action_shape() {
    let action = parse_machine_action(CREATED).unwrap();
    let json = serde_json::to_value(&action).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "id",
        "type",
        "status",
        "isFinal",
        "machineId",
        "computerDnsName",
        "requestor",
        "requestorComment",
        "creationDateTimeUtc",
        "lastUpdateDateTimeUtc",
        "cancellationRequestor",
        "cancellationComment",
        "cancellationDateTimeUtc",
        "relatedFileInfo",
        "errorHResult",
        "troubleshootInfo",
    ];
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted, expected);
    assert_eq!(json["status"], "Pending");
    assert_eq!(json["isFinal"], false);
    assert_eq!(json["relatedFileInfo"]["fileIdentifierType"], "Sha1");
}

#[test]
fn troubleshoot_info_shapes() {
    let failed = r#"{"id": "a", "status": "Failed", "errorHResult": -2147024891,
        "troubleshootInfo": "The file is signed by Microsoft and cannot be quarantined."}"#;
    let action = parse_machine_action(failed).unwrap();
    assert_eq!(action.error_h_result, Some(-2147024891));
    assert_eq!(
        action.troubleshoot_info.as_deref(),
        Some("The file is signed by Microsoft and cannot be quarantined.")
    );

    for other in [
        r#"null"#,
        r#""  ""#,
        r#"{"reason": "x"}"#,
        r#"["x"]"#,
        r#"42"#,
    ] {
        let text = format!(r#"{{"id": "a", "status": "Failed", "troubleshootInfo": {other}}}"#);
        let action = parse_machine_action(&text).unwrap();
        assert_eq!(action.troubleshoot_info, None, "{other}");
    }

    let missing = parse_machine_action(r#"{"id": "a", "status": "Failed"}"#).unwrap();
    assert_eq!(missing.troubleshoot_info, None);
    assert_eq!(
        parse_machine_action(CREATED).unwrap().troubleshoot_info,
        None
    );
}

#[test]
fn both_last_update_spellings() {
    let both = r#"{"id": "a", "status": "Succeeded",
        "lastUpdateDateTimeUtc": "2024-01-02T00:00:00Z",
        "lastUpdateTimeUtc": "2023-01-01T00:00:00Z"}"#;
    let action = parse_machine_action(both).unwrap();
    assert_eq!(
        action.last_update_date_time_utc.as_deref(),
        Some("2024-01-02T00:00:00Z")
    );
    assert!(action.is_final);
}

#[test]
fn statuses() {
    let cases = [
        ("Pending", ActionStatus::Pending, false),
        ("InProgress", ActionStatus::InProgress, false),
        ("Succeeded", ActionStatus::Succeeded, true),
        ("Failed", ActionStatus::Failed, true),
        ("TimeOut", ActionStatus::TimeOut, true),
        ("Timeout", ActionStatus::TimeOut, true),
        ("Cancelled", ActionStatus::Cancelled, true),
        ("canceled", ActionStatus::Cancelled, true),
        ("Queued", ActionStatus::Other("Queued".to_string()), false),
    ];
    for (text, status, is_final) in cases {
        let json = format!(r#"{{"id": "a", "status": "{text}"}}"#);
        let action = parse_machine_action(&json).unwrap();
        assert_eq!(action.status, status, "{text}");
        assert_eq!(action.is_final, is_final, "{text}");
    }
    let queued = parse_machine_action(r#"{"id": "a", "status": "Queued"}"#).unwrap();
    assert_eq!(serde_json::to_value(&queued).unwrap()["status"], "Queued");
}

#[test]
fn action_list() {
    let list = format!(
        r#"{{"@odata.context": "x", "value": [{CREATED}, {{"id": "b", "status": "Failed", "errorHResult": -2147024894, "relatedFileInfo": null}}]}}"#
    );
    let actions = parse_machine_action_list(&list).unwrap();
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[1].error_h_result, Some(-2147024894));
    assert_eq!(actions[1].related_file_info, None);
    assert_eq!(
        parse_machine_action_list(r#"{"value": []}"#).unwrap(),
        vec![]
    );
}

#[test]
fn invalid_actions() {
    for text in [
        "",
        "<html>Bad gateway</html>",
        "{}",
        r#"{"id": "a"}"#,
        r#"{"status": "Pending"}"#,
        r#"{"value": {}}"#,
    ] {
        assert!(
            matches!(
                parse_machine_action(text),
                Err(ValidationError::ResponseInvalid { .. })
            ),
            "{text:?}"
        );
    }
    assert!(parse_machine_action_list("{}").is_err());
}

#[test]
fn machine() {
    let text = r#"{
        "@odata.context": "https://api.securitycenter.microsoft.com/api/$metadata#Machines/$entity",
        "id": "1e5bc9d7e413ddd7902c2932e418702b84d0cc07",
        "computerDnsName": "ws-finance-01.contoso.local",
        "firstSeen": "2018-08-02T14:55:03.7791856Z",
        "lastSeen": "2024-03-07T11:24:12.2331243Z",
        "osPlatform": "Windows11",
        "version": "22H2",
        "osProcessor": "x64",
        "lastIpAddress": "172.17.230.209",
        "osBuild": 22621,
        "healthStatus": "Active",
        "rbacGroupId": 140,
        "rbacGroupName": "Workstations",
        "riskScore": "Low",
        "exposureLevel": "Medium",
        "isAadJoined": true,
        "aadDeviceId": "80fe8ff8-2624-418e-9591-41f0491218f9",
        "machineTags": ["test tag 1", "ExampleTag"],
        "onboardingStatus": "Onboarded"
    }"#;
    let machine = parse_machine(text).unwrap();
    assert_eq!(machine.id, "1e5bc9d7e413ddd7902c2932e418702b84d0cc07");
    assert_eq!(machine.os_build, Some(22621));
    assert_eq!(machine.rbac_group_name.as_deref(), Some("Workstations"));
    assert_eq!(machine.machine_tags, vec!["test tag 1", "ExampleTag"]);

    let sparse = parse_machine(
        r#"{"id": "ABC", "computerDnsName": null, "osBuild": "19045", "machineTags": null}"#,
    )
    .unwrap();
    assert_eq!(sparse.id, "abc");
    assert_eq!(sparse.os_build, Some(19045));
    assert!(sparse.machine_tags.is_empty());

    let json = serde_json::to_value(&sparse).unwrap();
    assert_eq!(json["osBuild"], 19045);
    assert_eq!(json["machineTags"], serde_json::json!([]));
    assert!(json.get("computerDnsName").is_some());

    let list = parse_machine_list(&format!(r#"{{"value": [{text}, {text}]}}"#)).unwrap();
    assert_eq!(list.len(), 2);
}

#[test]
fn file() {
    let text = r#"{
        "@odata.context": "https://api.securitycenter.microsoft.com/api/$metadata#Files/$entity",
        "sha1": "4388963AAA83AFE2042A46A3C017AD50BDCDAFB3",
        "sha256": "413c58c8267d2c8648d8f6384bacc2ae9c929b2b96578b6860b5087cd1bd6462",
        "globalPrevalence": 180022,
        "globalFirstObserved": "2017-09-19T03:51:27.6785431Z",
        "size": 22139496,
        "fileType": "APP",
        "isPeFile": true,
        "filePublisher": "CHENGDU YIWO Tech Development Co., Ltd.",
        "fileProductName": "EaseUS MobiSaver for Android",
        "signer": "CHENGDU YIWO Tech Development Co., Ltd.",
        "issuer": "VeriSign Class 3 Code Signing 2010 CA",
        "signerHash": "6c3245d4a9bc0244d99dff27af259cbbae2e2d16",
        "isValidCertificate": false,
        "determinationType": "Pua",
        "determinationValue": "PUA:Win32/FusionCore"
    }"#;
    let file = parse_file(text).unwrap();
    assert_eq!(
        file.sha1.as_deref(),
        Some("4388963aaa83afe2042a46a3c017ad50bdcdafb3")
    );
    assert_eq!(file.md5, None);
    assert_eq!(file.size, Some(22139496));
    assert_eq!(file.is_valid_certificate, Some(false));
    assert_eq!(file.global_prevalence, Some(180022));
    assert_eq!(
        file.file_product_name.as_deref(),
        Some("EaseUS MobiSaver for Android")
    );
    let json = serde_json::to_value(&file).unwrap();
    assert_eq!(json["fileProductName"], "EaseUS MobiSaver for Android");
    assert_eq!(json["isPeFile"], true);
    assert_eq!(
        json["filePublisher"],
        "CHENGDU YIWO Tech Development Co., Ltd."
    );
}

#[test]
fn file_product_name_shapes() {
    for (value, expected) in [
        ("null", None),
        (r#""  ""#, None),
        (r#"{"name": "x"}"#, None),
        (r#"" Notepad ""#, Some("Notepad")),
    ] {
        let text = format!(r#"{{"sha1": null, "fileProductName": {value}}}"#);
        let file = parse_file(&text).unwrap();
        assert_eq!(file.file_product_name.as_deref(), expected, "{value}");
    }
}
