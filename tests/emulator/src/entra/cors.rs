//! CORS for the token endpoint: a single-page application redeems codes from its own
//! origin, so every response allows that origin.

use hyper::header::{
    HeaderValue, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_MAX_AGE, VARY,
};
use hyper::StatusCode;

use crate::http::{with_type, Request, Response};

/// Adds `Access-Control-Allow-Origin` for `origin`, when the request had one.
pub fn with_cors(mut response: Response, origin: Option<&str>) -> Response {
    if let Some(value) = origin.and_then(|origin| HeaderValue::from_str(origin).ok()) {
        let headers = response.headers_mut();
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, value);
        headers.insert(VARY, HeaderValue::from_static("Origin"));
    }
    response
}

/// Builds the response to a CORS preflight.
pub fn preflight(request: &Request) -> Response {
    let mut response = with_type(StatusCode::NO_CONTENT, "text/plain", "");
    let requested = request
        .header("access-control-request-headers")
        .unwrap_or("content-type");
    let headers = response.headers_mut();
    headers.insert(
        ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST, OPTIONS"),
    );
    if let Ok(value) = HeaderValue::from_str(requested) {
        headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, value);
    }
    headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
    with_cors(response, request.header("origin"))
}
