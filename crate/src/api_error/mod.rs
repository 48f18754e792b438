//! Errors of API calls, from the server's error body or from the client itself, sorted
//! into the few kinds the extension explains to the user.

use serde::Serialize;
use serde_json::Value;

use crate::retry_after::{parse_retry_after, DEFAULT_RETRY_AFTER_SECONDS};

/// The category of a failure, in the terms the user acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    /// 401: the token is missing, invalid or expired; sign in again.
    Unauthorized,
    /// 403: the token lacks the permission, or the user lacks the role or access to the
    /// device group.
    Forbidden,
    /// 404: the device, action or file does not exist.
    NotFound,
    /// The same action is already pending on the device (`ActiveRequestAlreadyExists`).
    AlreadyPending,
    /// 429: the application's budget for the tenant is used up; wait `retryAfterSeconds`.
    RateLimited,
    /// Another 4xx: the request was rejected as invalid.
    InvalidRequest,
    /// 5xx: the service failed. A POST may still have created the action.
    Server,
    /// A status or body the client does not expect.
    Unexpected,
    /// No response: the fetch failed or timed out. A POST may still have created the
    /// action.
    Network,
    /// The client refused to send the token to a URL outside the cloud's API hosts.
    UrlNotAllowed,
}

/// An error of an API call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    /// The kind, which decides the message and the next step.
    pub kind: ErrorKind,
    /// The HTTP status, or `None` when no response arrived.
    pub status: Option<u16>,
    /// The API's error code, such as `ActiveRequestAlreadyExists`, or one of the client's
    /// own codes (`fetchFailed`, `timedOut`, `urlNotAllowed`, `responseInvalid`).
    pub code: Option<String>,
    /// The API's message, in English, or the client's description.
    pub message: Option<String>,
    /// The API's tracking id, to quote to support.
    pub target: Option<String>,
    /// How long to wait before calling again, in seconds.
    pub retry_after_seconds: Option<u64>,
}

/// The API code for a request that duplicates a pending action. Microsoft's error tables
/// omit it, but the service and well-used clients rely on it.
const ALREADY_PENDING_CODE: &str = "ActiveRequestAlreadyExists";

/// Turns an error response into an [`ApiError`]. `retry_after` is the raw `Retry-After`
/// header and `now_ms` the current time in milliseconds since the Unix epoch, used when
/// the header is a date. Bodies that are not the API's JSON (an HTML page from a proxy,
/// an empty body) give an error without code or message.
pub fn parse_api_error(
    status: u16,
    body: &str,
    retry_after: Option<&str>,
    now_ms: u64,
) -> ApiError {
    let fields = ErrorFields::from_body(body);

    let already_pending = fields
        .code
        .as_deref()
        .is_some_and(|code| code.eq_ignore_ascii_case(ALREADY_PENDING_CODE));
    let kind = match status {
        401 => ErrorKind::Unauthorized,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        429 => ErrorKind::RateLimited,
        400..=499 if already_pending => ErrorKind::AlreadyPending,
        400..=499 => ErrorKind::InvalidRequest,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::Unexpected,
    };

    let mut retry_after_seconds = retry_after.and_then(|value| parse_retry_after(value, now_ms));
    if kind == ErrorKind::RateLimited && retry_after_seconds.is_none() {
        retry_after_seconds = Some(DEFAULT_RETRY_AFTER_SECONDS);
    }

    ApiError {
        kind,
        status: Some(status),
        code: fields.code,
        message: fields.message,
        target: fields.target,
        retry_after_seconds,
    }
}

impl ApiError {
    fn client(kind: ErrorKind, status: Option<u16>, code: &str, message: String) -> ApiError {
        ApiError {
            kind,
            status,
            code: Some(code.to_string()),
            message: Some(message),
            target: None,
            retry_after_seconds: None,
        }
    }

    /// Creates the error of a fetch without a response: offline, DNS, TLS, or a dropped
    /// connection.
    pub fn fetch_failed(detail: &str) -> ApiError {
        let message = format!("The request got no response: {detail}");
        ApiError::client(ErrorKind::Network, None, "fetchFailed", message)
    }

    /// Creates the error of a request with no response within `timeout_ms`.
    pub fn timed_out(timeout_ms: u32) -> ApiError {
        let message = format!("The request got no response within {timeout_ms} ms.");
        ApiError::client(ErrorKind::Network, None, "timedOut", message)
    }

    /// Creates the error of a URL that is not an API host of the token's cloud, so the
    /// token was not sent.
    pub fn url_not_allowed(url: &str, cloud: &str) -> ApiError {
        let message = format!("{url} is not an API host of the {cloud} cloud; nothing was sent.");
        ApiError::client(ErrorKind::UrlNotAllowed, None, "urlNotAllowed", message)
    }

    /// Creates the error of a success status with a body that is not the expected
    /// resource.
    pub fn response_invalid(status: u16, detail: &str) -> ApiError {
        let message =
            format!("The API answered {status} with a body that could not be read: {detail}");
        ApiError::client(
            ErrorKind::Unexpected,
            Some(status),
            "responseInvalid",
            message,
        )
    }
}

/// The fields of the API's error body.
#[derive(Default)]
struct ErrorFields {
    code: Option<String>,
    message: Option<String>,
    target: Option<String>,
}

impl ErrorFields {
    /// Reads `{"error": {code, message, target, details}}`. The OData layer can leave
    /// `code` empty and put the reason in `details`. Some gateways send the fields at
    /// the top level. Both forms are read.
    fn from_body(body: &str) -> ErrorFields {
        let Ok(root) = serde_json::from_str::<Value>(body) else {
            return ErrorFields::default();
        };
        let error = match root.get("error") {
            Some(error) if error.is_object() => error,
            _ => &root,
        };
        let first_detail = error
            .get("details")
            .and_then(Value::as_array)
            .and_then(|details| details.first());

        let code = text_of(error.get("code"))
            .or_else(|| first_detail.and_then(|detail| text_of(detail.get("code"))));
        let message = text_of(error.get("message"))
            .or_else(|| first_detail.and_then(|detail| text_of(detail.get("message"))));
        let target = text_of(error.get("target"))
            .or_else(|| first_detail.and_then(|detail| text_of(detail.get("target"))));
        ErrorFields {
            code,
            message,
            target,
        }
    }
}

/// Returns a non-empty string, also from the OData v3 form `{"lang": ..., "value": ...}`.
fn text_of(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        Value::String(text) => text.as_str(),
        Value::Object(object) => object.get("value")?.as_str()?,
        _ => return None,
    };
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

#[cfg(test)]
mod tests;
