use super::*;

const NOW_MS: u64 = 1_445_412_480_000;

fn error_body(code: &str, message: &str) -> String {
    format!(
        r#"{{"error": {{"code": "{code}", "message": "{message}", "target": "43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}}}"#
    )
}

#[test]
fn kinds_by_status_and_code() {
    let cases = [
        (400, "InvalidRequestBody", ErrorKind::InvalidRequest),
        (400, "ActiveRequestAlreadyExists", ErrorKind::AlreadyPending),
        (400, "activerequestalreadyexists", ErrorKind::AlreadyPending),
        (400, "OsPlatformNotSupported", ErrorKind::InvalidRequest),
        (401, "Unauthorized", ErrorKind::Unauthorized),
        (403, "Forbidden", ErrorKind::Forbidden),
        (403, "DisabledFeature", ErrorKind::Forbidden),
        (404, "ResourceNotFound", ErrorKind::NotFound),
        (409, "ActiveRequestAlreadyExists", ErrorKind::AlreadyPending),
        (429, "TooManyRequests", ErrorKind::RateLimited),
        (500, "InternalServerError", ErrorKind::Server),
        (503, "", ErrorKind::Server),
        (302, "", ErrorKind::Unexpected),
        (200, "", ErrorKind::Unexpected),
    ];
    for (status, code, kind) in cases {
        let error = parse_api_error(status, &error_body(code, "m"), None, NOW_MS);
        assert_eq!(error.kind, kind, "{status} {code}");
        assert_eq!(error.status, Some(status));
    }
}

#[test]
fn json_error_fields() {
    let error = parse_api_error(
        400,
        &error_body(
            "ActiveRequestAlreadyExists",
            "Action is already in progress",
        ),
        None,
        NOW_MS,
    );
    assert_eq!(
        error,
        ApiError {
            kind: ErrorKind::AlreadyPending,
            status: Some(400),
            code: Some("ActiveRequestAlreadyExists".to_string()),
            message: Some("Action is already in progress".to_string()),
            target: Some("43f4cb08-8fac-4b65-9db1-745c2ae65f3a".to_string()),
            retry_after_seconds: None,
        }
    );
}

#[test]
fn empty_code_with_details() {
    let body = r#"{"error": {"code": "", "message": "",
        "details": [{"code": "InvalidHashValue", "message": "Sha1 is not valid", "target": "Sha1"}]}}"#;
    let error = parse_api_error(400, body, None, NOW_MS);
    assert_eq!(error.kind, ErrorKind::InvalidRequest);
    assert_eq!(error.code.as_deref(), Some("InvalidHashValue"));
    assert_eq!(error.message.as_deref(), Some("Sha1 is not valid"));
    assert_eq!(error.target.as_deref(), Some("Sha1"));
}

#[test]
fn odata_v3_message_object() {
    let body =
        r#"{"error": {"code": "BadRequest", "message": {"lang": "en-US", "value": "Bad filter"}}}"#;
    let error = parse_api_error(400, body, None, NOW_MS);
    assert_eq!(error.message.as_deref(), Some("Bad filter"));
}

#[test]
fn top_level_gateway_fields() {
    let body = r#"{"statusCode": 429, "message": "Rate limit is exceeded."}"#;
    let error = parse_api_error(429, body, Some("5"), NOW_MS);
    assert_eq!(error.message.as_deref(), Some("Rate limit is exceeded."));
    assert_eq!(error.code, None);
    assert_eq!(error.retry_after_seconds, Some(5));
}

#[test]
fn bodies_that_are_not_json() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    for (status, body) in [
        (502, html),
        (500, ""),
        (404, "Not Found"),
        (403, "null"),
        (400, "[1]"),
    ] {
        let error = parse_api_error(status, body, None, NOW_MS);
        assert_eq!(error.code, None, "{body:?}");
        assert_eq!(error.message, None, "{body:?}");
        assert_eq!(error.target, None, "{body:?}");
    }
    assert_eq!(
        parse_api_error(502, html, None, NOW_MS).kind,
        ErrorKind::Server
    );
}

#[test]
fn retry_after_forms() {
    let body = error_body("TooManyRequests", "Too many requests");
    let seconds = parse_api_error(429, &body, Some("17"), NOW_MS);
    assert_eq!(seconds.retry_after_seconds, Some(17));

    let date = parse_api_error(429, &body, Some("Wed, 21 Oct 2015 07:29:00 GMT"), NOW_MS);
    assert_eq!(date.retry_after_seconds, Some(60));

    let missing = parse_api_error(429, &body, None, NOW_MS);
    assert_eq!(
        missing.retry_after_seconds,
        Some(DEFAULT_RETRY_AFTER_SECONDS)
    );

    let unreadable = parse_api_error(429, &body, Some("later"), NOW_MS);
    assert_eq!(
        unreadable.retry_after_seconds,
        Some(DEFAULT_RETRY_AFTER_SECONDS)
    );

    let unavailable = parse_api_error(503, "", Some("30"), NOW_MS);
    assert_eq!(unavailable.retry_after_seconds, Some(30));
    assert_eq!(
        parse_api_error(500, "", None, NOW_MS).retry_after_seconds,
        None
    );
}

#[test]
fn serialized_shape() {
    let error = parse_api_error(429, "", None, NOW_MS);
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "kind": "rateLimited",
            "status": 429,
            "code": null,
            "message": null,
            "target": null,
            "retryAfterSeconds": 60,
        })
    );
    let refused = serde_json::to_value(ApiError::url_not_allowed(
        "https://evil.test/",
        "commercial",
    ))
    .unwrap();
    assert_eq!(refused["kind"], "urlNotAllowed");
    assert_eq!(refused["code"], "urlNotAllowed");
    assert_eq!(refused["status"], serde_json::Value::Null);
}
