//! Entra ID's error forms: JSON from the token endpoint, a redirect back to the app
//! from the authorize endpoint, and an error page when redirecting would be unsafe.

use hyper::StatusCode;
use serde_json::json;

use super::cors::with_cors;
use crate::clock::iso_8601;
use crate::http::{escape_html, html, json, Response};
use crate::state::Shared;

/// An OAuth error with its `AADSTS` number.
#[derive(Debug)]
pub struct EntraError {
    /// OAuth error, such as `invalid_grant`.
    pub error: &'static str,
    /// The number after `AADSTS`.
    pub code: u32,
    pub message: String,
}

impl EntraError {
    pub fn new(error: &'static str, code: u32, message: impl Into<String>) -> EntraError {
        EntraError {
            error,
            code,
            message: message.into(),
        }
    }

    /// `AADSTS{code}: {message}` followed by trace ids and a timestamp, as Entra writes it.
    pub fn description(&self, shared: &Shared) -> String {
        format!(
            "AADSTS{}: {}\r\nTrace ID: {}\r\nCorrelation ID: {}\r\nTimestamp: {}",
            self.code,
            self.message,
            uuid::Uuid::new_v4(),
            uuid::Uuid::new_v4(),
            iso_8601(shared.now_ms())
        )
    }

    /// Builds the error for a missing form or query parameter.
    pub fn missing(parameter: &str) -> EntraError {
        EntraError::new(
            "invalid_request",
            900144,
            format!("The request body must contain the following parameter: '{parameter}'."),
        )
    }
}

/// Builds the token endpoint's JSON error, with CORS headers for `origin`.
pub fn json_error(shared: &Shared, error: &EntraError, origin: Option<&str>) -> Response {
    let status = if error.error == "invalid_client" {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::BAD_REQUEST
    };
    let response = json(
        status,
        &json!({
            "error": error.error,
            "error_description": error.description(shared),
            "error_codes": [error.code],
            "timestamp": iso_8601(shared.now_ms()),
            "trace_id": uuid::Uuid::new_v4().to_string(),
            "correlation_id": uuid::Uuid::new_v4().to_string(),
            "error_uri": format!("https://login.microsoftonline.com/error?code={}", error.code),
        }),
    );
    with_cors(response, origin)
}

/// Builds the page Entra shows instead of redirecting, for an unknown app or an unregistered
/// redirect URI.
pub fn error_page(shared: &Shared, error: &EntraError) -> Response {
    let page = include_str!("error.html")
        .replace("{{CODE}}", &format!("AADSTS{}", error.code))
        .replace("{{MESSAGE}}", &escape_html(&error.message))
        .replace("{{DETAILS}}", &escape_html(&error.description(shared)));
    html(StatusCode::BAD_REQUEST, page)
}
