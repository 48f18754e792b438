//! Sends requests to the Defender for Endpoint API with the user's token, through the
//! global `fetch` (gloo-net), so it works in the extension's service worker, which has
//! no `window`.

use gloo_net::http::{Method as HttpMethod, RequestBuilder};
use web_sys::{AbortSignal, ReferrerPolicy, RequestCache, RequestCredentials, RequestRedirect};

use crate::api_error::{parse_api_error, ApiError};
use crate::api_url::is_allowed_api_url;
use crate::cloud::Cloud;
use crate::request::{ApiRequest, Method};

/// The wait for a response when the caller gives none: long enough for a slow API
/// call, short enough that the dialog does not seem to hang.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// The cloud, token and timeout that requests are sent with.
pub struct Connection {
    /// The cloud the token was issued for; only its API hosts receive the token.
    pub cloud: Cloud,
    /// The access token, sent only in the `Authorization` header.
    pub token: String,
    /// How long to wait for the response, in milliseconds.
    pub timeout_ms: u32,
}

/// A response with a 2xx status.
pub struct Success {
    /// The status, such as 200 or 201.
    pub status: u16,
    /// The body text.
    pub body: String,
}

/// Sends `request` with the token, after checking its URL against the cloud's API
/// hosts. Redirects are rejected, so the token and the response stay on the checked
/// host. No cookies or referrer are sent.
pub async fn send(connection: &Connection, request: &ApiRequest) -> Result<Success, ApiError> {
    if !is_allowed_api_url(&request.url, connection.cloud) {
        return Err(ApiError::url_not_allowed(
            &request.url,
            connection.cloud.id(),
        ));
    }

    let signal = AbortSignal::timeout_with_u32(connection.timeout_ms);
    let method = match request.method {
        Method::Get => HttpMethod::GET,
        Method::Post => HttpMethod::POST,
    };
    let mut builder = RequestBuilder::new(&request.url)
        .method(method)
        .redirect(RequestRedirect::Error)
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .abort_signal(Some(&signal))
        .header("Authorization", &format!("Bearer {}", connection.token));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let built = match &request.body {
        Some(body) => builder.body(body.as_str()),
        None => builder.build(),
    };
    let fetch_error = |error: gloo_net::Error| {
        if signal.aborted() {
            ApiError::timed_out(connection.timeout_ms)
        } else {
            ApiError::fetch_failed(&error.to_string())
        }
    };
    let response = built
        .map_err(fetch_error)?
        .send()
        .await
        .map_err(fetch_error)?;

    let status = response.status();
    let retry_after = response.headers().get("Retry-After");
    let body = response.text().await.map_err(fetch_error)?;
    if (200..=299).contains(&status) {
        return Ok(Success { status, body });
    }

    // Date::now() is milliseconds since the epoch, well inside u64.
    let now_ms = js_sys::Date::now().max(0.0) as u64;
    Err(parse_api_error(
        status,
        &body,
        retry_after.as_deref(),
        now_ms,
    ))
}
