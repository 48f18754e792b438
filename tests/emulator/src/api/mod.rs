//! The Defender for Endpoint API on every API host of the cloud table.

mod actions;
pub mod auth;
pub mod errors;
mod files;
mod machines;

use hyper::Method;

use crate::http::{segments, Request, Response};
use crate::state::{rate_key, Shared};
use auth::authenticate;
use errors::{not_found, too_many_requests};

/// Handles one API request: authentication, then the rate limit, then the endpoint.
pub fn handle(shared: &Shared, request: &Request) -> Response {
    let identity = match authenticate(shared, request) {
        Ok(identity) => identity,
        Err(response) => return *response,
    };

    let key = rate_key(&identity.claims.appid, &identity.claims.tid);
    let now_ms = shared.now_ms();
    if let Err(retry_after) = shared.lock().rate_limiter.acquire(&key, now_ms) {
        return too_many_requests(retry_after);
    }

    // Route matching ignores case, as the service does; ids keep their spelling.
    let parts = segments(&request.path);
    let lower: Vec<String> = parts.iter().map(|part| part.to_ascii_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    let method = &request.method;

    match lower.as_slice() {
        ["api", "machines", _, "stopandquarantinefile"] if method == Method::POST => {
            actions::stop_and_quarantine(shared, request, &identity, parts[2])
        }
        ["api", "machines"] if method == Method::GET => machines::list(shared, request, &identity),
        ["api", "machines", _] if method == Method::GET => {
            machines::get(shared, &identity, parts[2])
        }
        ["api", "machineactions"] if method == Method::GET => {
            actions::list(shared, request, &identity)
        }
        ["api", "machineactions", _] if method == Method::GET => {
            actions::get(shared, request, &identity, parts[2])
        }
        ["api", "machineactions", _, "cancel"] if method == Method::POST => {
            actions::cancel(shared, request, &identity, parts[2])
        }
        ["api", "files", _] if method == Method::GET => files::get(shared, &identity, parts[2]),
        ["api", "files", _, "machines"] if method == Method::GET => {
            files::machines(shared, &identity, parts[2])
        }
        _ => not_found(
            "ResourceNotFound",
            &format!(
                "No API endpoint matches {} {}.",
                request.method, request.path
            ),
        ),
    }
}
