//! The admin API on the plain HTTP admin port, for tests only: seed, reset, faults,
//! latency, token expiry and minting, rate windows, the clock, the request list and the
//! CA certificate for clients that verify the chain.

use hyper::{Method, StatusCode};
use quarantine_core::cloud::Cloud;
use regex::Regex;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::access_token::{expire_all, mint};
use crate::clock::iso_8601;
use crate::http::{json, with_type, Request, Response};
use crate::rate_limit::{HOUR, MINUTE};
use crate::state::{Fault, FaultKind, Latency, Shared};

pub fn handle(shared: &Shared, ca_pem: &str, request: &Request) -> Response {
    // Only loopback names: a page in a browser cannot reach this port by a DNS name.
    let host = request.host.as_str();
    if host != "127.0.0.1" && host != "localhost" {
        return error(
            StatusCode::FORBIDDEN,
            &format!("The admin API answers only on 127.0.0.1 or localhost, not '{host}'."),
        );
    }

    if request.method == Method::GET && request.path == "/ca.pem" {
        return with_type(StatusCode::OK, "application/x-pem-file", ca_pem.to_string());
    }

    let result = match (&request.method, request.path.as_str()) {
        (&Method::GET, "/seed") => Ok(serde_json::to_value(&shared.seed).unwrap_or(Value::Null)),
        (&Method::POST, "/reset") => {
            shared.reset();
            Ok(json!({ "reset": true }))
        }
        (&Method::POST, "/faults") => add_fault(shared, request),
        (&Method::DELETE, "/faults") => {
            shared.lock().faults.clear();
            Ok(json!({ "faults": 0 }))
        }
        (&Method::POST, "/latency") => set_latency(shared, request),
        (&Method::POST, "/tokens/expire") => Ok(json!({ "expired": expire_all(shared) })),
        (&Method::POST, "/tokens") => mint_token(shared, request),
        (&Method::POST, "/rate-limit/exhaust") => exhaust(shared, request),
        (&Method::POST, "/clock/advance") => advance_clock(shared, request),
        (&Method::GET, "/clock") => Ok(json!({ "now": iso_8601(shared.now_ms()) })),
        (&Method::GET, "/requests") => Ok(Value::Array(shared.lock().requests.clone())),
        (&Method::DELETE, "/requests") => {
            shared.lock().requests.clear();
            Ok(json!({ "cleared": true }))
        }
        _ => Err((
            StatusCode::NOT_FOUND,
            format!("No admin route {} {}.", request.method, request.path),
        )),
    };

    match result {
        Ok(body) => json(StatusCode::OK, &body),
        Err((status, message)) => error(status, &message),
    }
}

type AdminResult = Result<Value, (StatusCode, String)>;

fn error(status: StatusCode, message: &str) -> Response {
    json(status, &json!({ "error": message }))
}

fn invalid(message: String) -> (StatusCode, String) {
    (StatusCode::BAD_REQUEST, message)
}

fn body<T: for<'de> Deserialize<'de>>(request: &Request) -> Result<T, (StatusCode, String)> {
    let text = if request.body.is_empty() {
        &b"{}"[..]
    } else {
        &request.body[..]
    };
    serde_json::from_slice(text).map_err(|e| {
        invalid(format!(
            "The request body is not valid for {}: {e}.",
            request.path
        ))
    })
}

fn compile(pattern: &str) -> Result<Regex, (StatusCode, String)> {
    Regex::new(pattern)
        .map_err(|e| invalid(format!("pathRegex '{pattern}' is not a valid regex: {e}")))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FaultRequest {
    method: Option<String>,
    path_regex: String,
    fault: String,
    count: Option<u32>,
}

fn add_fault(shared: &Shared, request: &Request) -> AdminResult {
    let fault: FaultRequest = body(request)?;
    let kind = match fault.fault.as_str() {
        "500" => FaultKind::InternalServerError,
        "503" => FaultKind::ServiceUnavailable,
        "hang" => FaultKind::Hang,
        "drop" => FaultKind::Drop,
        other => {
            return Err(invalid(format!(
                "fault '{other}' is not one of \"500\", \"503\", \"hang\", \"drop\"."
            )))
        }
    };
    let path = compile(&fault.path_regex)?;
    let count = fault.count.unwrap_or(1);
    let mut inner = shared.lock();
    inner.faults.push(Fault {
        method: fault.method,
        path,
        kind,
        remaining: count,
    });
    Ok(json!({ "faults": inner.faults.len(), "count": count }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LatencyRequest {
    ms: u64,
    path_regex: Option<String>,
}

fn set_latency(shared: &Shared, request: &Request) -> AdminResult {
    let latency: LatencyRequest = body(request)?;
    let path = latency.path_regex.as_deref().map(compile).transpose()?;
    // A delay of 0 removes the setting.
    shared.lock().latency = (latency.ms > 0).then_some(Latency {
        ms: latency.ms,
        path,
    });
    Ok(json!({ "ms": latency.ms }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TokenRequest {
    upn: String,
    scopes: Option<Vec<String>>,
    cloud: Option<String>,
    lifetime_seconds: Option<i64>,
}

fn mint_token(shared: &Shared, request: &Request) -> AdminResult {
    let token: TokenRequest = body(request)?;
    let cloud_id = token.cloud.as_deref().unwrap_or("commercial");
    let cloud = Cloud::parse(cloud_id).ok_or_else(|| {
        invalid(format!(
            "cloud '{cloud_id}' is not one of commercial, gcc, gccHigh, dod."
        ))
    })?;
    let profile = cloud.profile();
    // Scopes may be given short (`Machine.Read`) or with the resource in front.
    let scopes: Vec<String> = match token.scopes {
        Some(scopes) => scopes
            .iter()
            .map(|scope| scope.rsplit('/').next().unwrap_or(scope).to_string())
            .collect(),
        None => profile
            .scopes
            .iter()
            .map(|scope| scope.rsplit('/').next().unwrap_or(scope).to_string())
            .collect(),
    };
    let lifetime = token
        .lifetime_seconds
        .unwrap_or(shared.token_lifetime_seconds);
    let access_token =
        mint(shared, &token.upn, profile.resource, &scopes, lifetime).map_err(invalid)?;
    Ok(json!({ "accessToken": access_token, "expiresIn": lifetime }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExhaustRequest {
    window: String,
}

fn exhaust(shared: &Shared, request: &Request) -> AdminResult {
    let exhaust: ExhaustRequest = body(request)?;
    let window = match exhaust.window.as_str() {
        "minute" => MINUTE,
        "hour" => HOUR,
        other => {
            return Err(invalid(format!(
                "window '{other}' is not \"minute\" or \"hour\"."
            )))
        }
    };
    let key = shared.app_tenant_key();
    let now_ms = shared.now_ms();
    shared.lock().rate_limiter.exhaust(&key, window, now_ms);
    Ok(json!({ "window": window.name, "limit": window.limit }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AdvanceRequest {
    seconds: f64,
}

fn advance_clock(shared: &Shared, request: &Request) -> AdminResult {
    let advance: AdvanceRequest = body(request)?;
    if !advance.seconds.is_finite() || advance.seconds < 0.0 {
        return Err(invalid(format!(
            "seconds must be a non-negative number, not {}.",
            advance.seconds
        )));
    }
    shared.clock.advance(advance.seconds);
    Ok(json!({ "now": iso_8601(shared.now_ms()) }))
}
