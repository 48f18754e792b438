//! The record of every request on the TLS port, listed by `GET /requests`, and the one
//! line per request on stderr. Neither ever contains a token or a session cookie.

use serde_json::{json, Map, Value};

use crate::access_token::validate;
use crate::http::Request;
use crate::state::Shared;
use crate::token::decode_unverified;

/// Form fields of the token endpoint that carry secrets.
const SECRET_FORM_FIELDS: &[&str] = &["code", "refresh_token", "code_verifier", "client_secret"];

/// Builds the record of a finished request. `status` 0 means no response was sent.
pub fn record(shared: &Shared, request: &Request, status: u16, ms: u128) -> Value {
    let mut headers = Map::new();
    for (name, value) in &request.headers {
        let shown = match name.as_str() {
            "authorization" => redact_authorization(value.to_str().unwrap_or("")),
            "cookie" => "<redacted>".to_string(),
            _ => value.to_str().unwrap_or("<binary>").to_string(),
        };
        let entry = headers.entry(name.as_str()).or_insert(Value::from(""));
        let joined = match entry.as_str() {
            Some("") | None => shown,
            Some(previous) => format!("{previous}, {shown}"),
        };
        *entry = Value::from(joined);
    }

    json!({
        "method": request.method.as_str(),
        "host": request.host,
        "path": request.path,
        "query": request.query,
        "headers": headers,
        "auth": auth_summary(shared, request),
        "body": redact_body(request),
        "status": status,
        "ms": ms as u64,
    })
}

fn redact_authorization(value: &str) -> String {
    match value.split_once(' ') {
        Some((scheme, _)) => format!("{scheme} <redacted>"),
        None => "<redacted>".to_string(),
    }
}

fn auth_summary(shared: &Shared, request: &Request) -> Value {
    let Some(header) = request.header("authorization") else {
        return Value::Null;
    };
    let (scheme, token) = header.trim().split_once(' ').unwrap_or((header, ""));
    let upn = decode_unverified(token.trim())
        .ok()
        .map(|claims| claims.upn);
    let valid = validate(shared, Some(header)).is_ok();
    json!({ "scheme": scheme, "upn": upn, "valid": valid })
}

fn redact_body(request: &Request) -> String {
    let text = String::from_utf8_lossy(&request.body).into_owned();
    let form = request
        .header("content-type")
        .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"));
    if !form {
        return text;
    }
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(text.as_bytes()) {
        let shown = if SECRET_FORM_FIELDS.contains(&key.as_ref()) {
            "<redacted>".into()
        } else {
            value
        };
        serializer.append_pair(&key, &shown);
    }
    serializer.finish()
}

/// Appends a record to the list served by `GET /requests`.
pub fn store(shared: &Shared, mut record: Value) {
    let mut inner = shared.lock();
    inner.next_request_seq += 1;
    record["seq"] = Value::from(inner.next_request_seq);
    inner.requests.push(record);
}

/// Writes the one log line of a request: method, host, path, status and latency.
pub fn log_line(request: &Request, status: u16, ms: u128) {
    eprintln!(
        "{} {}{} {} {}ms",
        request.method, request.host, request.path, status, ms
    );
}
