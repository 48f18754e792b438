//! `/{tenant}/oauth2/v2.0/authorize`: validates the request, shows a page with one
//! button per seeded user, keeps a session cookie, and redirects back with a code.

use std::collections::HashMap;

use hyper::header::{HeaderValue, SET_COOKIE};
use hyper::{Method, StatusCode};

use super::errors::{error_page, EntraError};
use super::scopes;
use crate::http::{escape_html, form_pairs, html, redirect, Request, Response};
use crate::state::{AuthorizationCode, Grant, Shared};
use crate::token::random_string;

/// Name of the session cookie, as Entra ID names its own.
pub const SESSION_COOKIE: &str = "ESTSAUTH";

/// A validated authorize request.
struct Authorize {
    client_id: String,
    redirect_uri: String,
    state: Option<String>,
    fragment: bool,
    code_challenge: String,
    scope: String,
    prompt: Option<String>,
}

pub fn handle(shared: &Shared, request: &Request) -> Response {
    let params: HashMap<String, String> = request.query_pairs().into_iter().collect();

    // Without a known app and a registered redirect URI, redirecting would hand the
    // response to a stranger, so these errors show a page.
    let client_id = params.get("client_id").cloned().unwrap_or_default();
    if client_id != shared.seed.app.client_id {
        return error_page(
            shared,
            &EntraError::new(
                "unauthorized_client",
                700016,
                format!(
                    "Application with identifier '{client_id}' was not found in the directory '{}'.",
                    shared.seed.tenant.display_name
                ),
            ),
        );
    }
    let redirect_uri = params.get("redirect_uri").cloned().unwrap_or_default();
    if !shared.seed.app.spa_redirect_uris.contains(&redirect_uri) {
        return error_page(
            shared,
            &EntraError::new(
                "invalid_request",
                50011,
                format!(
                    "The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{client_id}'."
                ),
            ),
        );
    }

    let authorize = Authorize {
        client_id,
        redirect_uri,
        state: params.get("state").cloned(),
        fragment: params
            .get("response_mode")
            .is_some_and(|mode| mode == "fragment"),
        code_challenge: params.get("code_challenge").cloned().unwrap_or_default(),
        scope: params.get("scope").cloned().unwrap_or_default(),
        prompt: params.get("prompt").cloned(),
    };

    if let Some(error) = check_request(&params) {
        return redirect_error(&authorize, &error, shared);
    }
    // The scopes are checked before the user is known; the user only fills in the grant.
    if let Err(error) = scopes::parse(&authorize.scope, &request.host, "") {
        return redirect_error(&authorize, &error, shared);
    }

    if request.method == Method::POST {
        return sign_in(shared, request, &authorize);
    }

    let session_upn = session_of(shared, request);
    let prompt = authorize.prompt.as_deref();
    match (prompt, session_upn) {
        (Some("none"), None) => redirect_error(
            &authorize,
            &EntraError::new(
                "login_required",
                50058,
                "A silent sign-in request was sent but no user is signed in.",
            ),
            shared,
        ),
        (Some("login" | "select_account" | "consent"), _) | (_, None) => sign_in_page(shared),
        (_, Some(upn)) => issue_code(shared, request, &authorize, &upn, None),
    }
}

/// Checks `response_type` and PKCE, whose errors go back to the app by redirect.
fn check_request(params: &HashMap<String, String>) -> Option<EntraError> {
    let response_type = params.get("response_type").map(String::as_str);
    if response_type != Some("code") {
        return Some(EntraError::new(
            "unsupported_response_type",
            700054,
            format!(
                "response_type '{}' is not enabled for the application; use 'code'.",
                response_type.unwrap_or("")
            ),
        ));
    }
    if params
        .get("code_challenge")
        .is_none_or(|challenge| challenge.is_empty())
    {
        return Some(EntraError::new(
            "invalid_request",
            9002325,
            "Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
        ));
    }
    let method = params.get("code_challenge_method").map(String::as_str);
    if method != Some("S256") {
        return Some(EntraError::new(
            "invalid_request",
            501491,
            format!(
                "Invalid code_challenge_method '{}': this app must use 'S256'.",
                method.unwrap_or("")
            ),
        ));
    }
    None
}

fn session_of(shared: &Shared, request: &Request) -> Option<String> {
    let cookies = request.header("cookie")?;
    let id = cookies.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == SESSION_COOKIE).then(|| value.to_string())
    })?;
    shared.lock().sessions.get(&id).cloned()
}

fn sign_in_page(shared: &Shared) -> Response {
    let buttons: String = shared
        .seed
        .users
        .iter()
        .map(|user| {
            format!(
                "    <button type=\"submit\" name=\"upn\" value=\"{upn}\">{name}<small>{upn}</small></button>\n",
                upn = escape_html(&user.upn),
                name = escape_html(&user.display_name)
            )
        })
        .collect();
    let page = include_str!("sign_in.html")
        .replace("{{APP}}", &escape_html(&shared.seed.app.display_name))
        .replace("{{TENANT}}", &escape_html(&shared.seed.tenant.display_name))
        .replace("{{BUTTONS}}", &buttons);
    html(StatusCode::OK, page)
}

/// Handles the button press: starts a session for the chosen user and redirects.
fn sign_in(shared: &Shared, request: &Request, authorize: &Authorize) -> Response {
    let upn = form_pairs(&request.body)
        .into_iter()
        .find(|(key, _)| key == "upn")
        .map(|(_, value)| value)
        .unwrap_or_default();
    let Some(user) = shared.seed.user(&upn) else {
        return error_page(
            shared,
            &EntraError::new(
                "invalid_request",
                50034,
                format!(
                    "The user account '{upn}' does not exist in the '{}' directory.",
                    shared.seed.tenant.display_name
                ),
            ),
        );
    };
    let upn = user.upn.clone();
    let session_id = random_string(24);
    shared
        .lock()
        .sessions
        .insert(session_id.clone(), upn.clone());
    issue_code(shared, request, authorize, &upn, Some(session_id))
}

fn issue_code(
    shared: &Shared,
    request: &Request,
    authorize: &Authorize,
    upn: &str,
    new_session: Option<String>,
) -> Response {
    let grant: Grant = match scopes::parse(&authorize.scope, &request.host, upn) {
        Ok(grant) => grant,
        Err(error) => return redirect_error(authorize, &error, shared),
    };
    let code = random_string(48);
    shared.lock().authorization_codes.insert(
        code.clone(),
        AuthorizationCode {
            client_id: authorize.client_id.clone(),
            redirect_uri: authorize.redirect_uri.clone(),
            code_challenge: authorize.code_challenge.clone(),
            grant,
            issued_ms: shared.now_ms(),
            redeemed: false,
        },
    );

    let mut pairs = vec![("code", code)];
    if let Some(state) = &authorize.state {
        pairs.push(("state", state.clone()));
    }
    pairs.push(("session_state", uuid::Uuid::new_v4().to_string()));
    let mut response = redirect(&callback_url(authorize, &pairs));
    if let Some(session_id) = new_session {
        let cookie =
            format!("{SESSION_COOKIE}={session_id}; Path=/; Secure; HttpOnly; SameSite=None");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(SET_COOKIE, value);
        }
    }
    response
}

fn redirect_error(authorize: &Authorize, error: &EntraError, shared: &Shared) -> Response {
    let mut pairs = vec![
        ("error", error.error.to_string()),
        ("error_description", error.description(shared)),
        ("error_codes", error.code.to_string()),
    ];
    if let Some(state) = &authorize.state {
        pairs.push(("state", state.clone()));
    }
    redirect(&callback_url(authorize, &pairs))
}

/// Builds the redirect URI with `pairs` in its query, or in its fragment for
/// `response_mode=fragment`.
fn callback_url(authorize: &Authorize, pairs: &[(&str, String)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        serializer.append_pair(key, value);
    }
    let encoded = serializer.finish();
    let separator = if authorize.fragment {
        '#'
    } else if authorize.redirect_uri.contains('?') {
        '&'
    } else {
        '?'
    };
    format!("{}{separator}{encoded}", authorize.redirect_uri)
}

/// `/{tenant}/oauth2/v2.0/logout`: ends the session and clears its cookie.
pub fn logout(shared: &Shared, request: &Request) -> Response {
    if let Some(cookies) = request.header("cookie") {
        for pair in cookies.split(';') {
            if let Some((SESSION_COOKIE, id)) = pair.trim().split_once('=') {
                shared.lock().sessions.remove(id);
            }
        }
    }
    let mut response = html(
        StatusCode::OK,
        "<!doctype html><title>Signed out</title><p id=\"signed-out\">You signed out of your account.</p>".to_string(),
    );
    let cookie = format!("{SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    response
}
