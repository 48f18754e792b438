//! The Defender API error body: `{"error": {"code", "message", "target"}}`, where
//! `target` is a tracking id for support.

use hyper::header::{HeaderValue, RETRY_AFTER, WWW_AUTHENTICATE};
use hyper::StatusCode;
use serde_json::json;

use crate::http::{json, Response};

/// An error response carried through `Result`, boxed because a response is large.
pub type Refusal = Box<Response>;

pub fn api_error(status: StatusCode, code: &str, message: &str) -> Response {
    json(
        status,
        &json!({
            "error": {
                "code": code,
                "message": message,
                "target": uuid::Uuid::new_v4().to_string(),
            }
        }),
    )
}

pub fn bad_request(code: &str, message: &str) -> Response {
    api_error(StatusCode::BAD_REQUEST, code, message)
}

pub fn unauthorized(message: &str) -> Response {
    let mut response = api_error(StatusCode::UNAUTHORIZED, "Unauthorized", message);
    response
        .headers_mut()
        .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

pub fn forbidden(message: &str) -> Response {
    api_error(StatusCode::FORBIDDEN, "Forbidden", message)
}

pub fn not_found(code: &str, message: &str) -> Response {
    api_error(StatusCode::NOT_FOUND, code, message)
}

pub fn too_many_requests(retry_after_seconds: u64) -> Response {
    let mut response = api_error(
        StatusCode::TOO_MANY_REQUESTS,
        "TooManyRequests",
        &format!("Rate limit is exceeded. Try again in {retry_after_seconds} seconds."),
    );
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(retry_after_seconds));
    response
}

/// Builds the OData layer's response to a query it cannot parse: an empty `code` and a `details`
/// array naming the problem.
pub fn odata_error(message: &str) -> Response {
    json(
        StatusCode::BAD_REQUEST,
        &json!({
            "error": {
                "code": "",
                "message": "The query specified in the URI is not valid.",
                "target": uuid::Uuid::new_v4().to_string(),
                "details": [{ "code": "", "message": message, "target": null }],
            }
        }),
    )
}
