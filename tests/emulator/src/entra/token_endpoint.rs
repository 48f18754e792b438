//! `/{tenant}/oauth2/v2.0/token` with the single-page-application rules: an `Origin`
//! header is required, PKCE S256 is verified, refresh tokens rotate on every use and
//! keep a fixed 24-hour life from sign-in.

use std::collections::HashMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hyper::header::{HeaderValue, CACHE_CONTROL};
use hyper::{Method, StatusCode};
use serde_json::{json, Value};

use super::cors::{preflight, with_cors};
use super::errors::{json_error, EntraError};
use super::scopes::full_names;
use crate::access_token::mint;
use crate::clock::iso_8601;
use crate::http::{form_pairs, json, Request, Response};
use crate::state::{Grant, RefreshGrant, Shared};
use crate::token::random_string;

/// Authorization codes expire ten minutes after they are issued.
const CODE_LIFETIME_MS: i64 = 10 * 60_000;
/// Refresh tokens issued to a single-page application live 24 hours, not extendable.
const SPA_REFRESH_LIFETIME_MS: i64 = 24 * 3_600_000;

pub fn handle(shared: &Shared, request: &Request) -> Response {
    if request.method == Method::OPTIONS {
        return preflight(request);
    }
    let origin = request.header("origin");
    if request.method != Method::POST {
        let error = EntraError::new(
            "invalid_request",
            900561,
            "The endpoint only accepts POST requests.",
        );
        return json_error(shared, &error, origin);
    }

    match redeem(shared, request, origin) {
        Ok(body) => {
            let mut response = with_cors(json(StatusCode::OK, &body), origin);
            response.headers_mut().insert(
                CACHE_CONTROL,
                HeaderValue::from_static("no-store, no-cache"),
            );
            response
        }
        Err(error) => json_error(shared, &error, origin),
    }
}

fn redeem(shared: &Shared, request: &Request, origin: Option<&str>) -> Result<Value, EntraError> {
    let form: HashMap<String, String> = form_pairs(&request.body).into_iter().collect();
    let client_id = form
        .get("client_id")
        .ok_or_else(|| EntraError::missing("client_id"))?;
    if *client_id != shared.seed.app.client_id {
        return Err(EntraError::new(
            "unauthorized_client",
            700016,
            format!(
                "Application with identifier '{client_id}' was not found in the directory '{}'.",
                shared.seed.tenant.display_name
            ),
        ));
    }
    // The app's redirect URIs are on the single-page-application platform, whose
    // tokens may only be redeemed by a cross-origin request from the browser.
    if origin.is_none_or(|origin| origin.is_empty()) {
        return Err(EntraError::new(
            "invalid_request",
            9002327,
            "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
        ));
    }

    let grant_type = form
        .get("grant_type")
        .ok_or_else(|| EntraError::missing("grant_type"))?;
    match grant_type.as_str() {
        "authorization_code" => redeem_code(shared, &form, client_id),
        "refresh_token" => redeem_refresh_token(shared, &form, client_id),
        other => Err(EntraError::new(
            "unsupported_grant_type",
            70003,
            format!("The app requested an unsupported grant type '{other}'."),
        )),
    }
}

fn redeem_code(
    shared: &Shared,
    form: &HashMap<String, String>,
    client_id: &str,
) -> Result<Value, EntraError> {
    let code = form
        .get("code")
        .ok_or_else(|| EntraError::missing("code"))?;
    let now_ms = shared.now_ms();

    // Any redemption attempt uses the code up, so a leaked code cannot be retried with
    // guessed verifiers.
    let stored = {
        let mut inner = shared.lock();
        let stored = inner.authorization_codes.get_mut(code).ok_or_else(|| {
            EntraError::new(
                "invalid_grant",
                9002313,
                "Invalid request. Request is malformed or invalid: the code is not known.",
            )
        })?;
        if stored.redeemed {
            return Err(EntraError::new(
                "invalid_grant",
                54005,
                "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
            ));
        }
        stored.redeemed = true;
        stored.clone()
    };

    if now_ms - stored.issued_ms > CODE_LIFETIME_MS {
        return Err(EntraError::new(
            "invalid_grant",
            70008,
            "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
        ));
    }
    if stored.client_id != client_id {
        return Err(EntraError::new(
            "invalid_grant",
            70000,
            "The provided value for the 'code' parameter is not valid: it was issued to another client.",
        ));
    }
    let redirect_uri = form.get("redirect_uri").map(String::as_str).unwrap_or("");
    if redirect_uri != stored.redirect_uri {
        return Err(EntraError::new(
            "invalid_grant",
            50011,
            format!(
                "The redirect URI '{redirect_uri}' specified in the request does not match the redirect URI used to obtain the authorization code."
            ),
        ));
    }
    let verifier = form
        .get("code_verifier")
        .ok_or_else(|| EntraError::missing("code_verifier"))?;
    let challenge = URL_SAFE_NO_PAD
        .encode(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()).as_ref());
    if challenge != stored.code_challenge {
        return Err(EntraError::new(
            "invalid_grant",
            501481,
            "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
        ));
    }

    token_response(
        shared,
        &stored.grant,
        client_id,
        now_ms + SPA_REFRESH_LIFETIME_MS,
    )
}

fn redeem_refresh_token(
    shared: &Shared,
    form: &HashMap<String, String>,
    client_id: &str,
) -> Result<Value, EntraError> {
    let token = form
        .get("refresh_token")
        .ok_or_else(|| EntraError::missing("refresh_token"))?;
    let now_ms = shared.now_ms();

    let stored: RefreshGrant = {
        let mut inner = shared.lock();
        let stored = inner.refresh_tokens.get_mut(token).ok_or_else(|| {
            EntraError::new(
                "invalid_grant",
                9002313,
                "Invalid request. Request is malformed or invalid: the refresh token is not known.",
            )
        })?;
        if stored.used {
            return Err(EntraError::new(
                "invalid_grant",
                70000,
                "The provided grant is invalid: this refresh token was already exchanged. Use the refresh token returned with it.",
            ));
        }
        if now_ms >= stored.expires_ms {
            return Err(EntraError::new(
                "invalid_grant",
                700084,
                format!(
                    "The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on {}.",
                    iso_8601(stored.issued_ms)
                ),
            ));
        }
        if stored.client_id != client_id {
            return Err(EntraError::new(
                "invalid_grant",
                70000,
                "The provided grant is invalid: the refresh token was issued to another client.",
            ));
        }
        stored.used = true;
        stored.clone()
    };

    token_response(shared, &stored.grant, client_id, stored.expires_ms)
}

/// Mints the access token, and the refresh and ID tokens the grant asked for.
fn token_response(
    shared: &Shared,
    grant: &Grant,
    client_id: &str,
    refresh_expires_ms: i64,
) -> Result<Value, EntraError> {
    let lifetime = shared.token_lifetime_seconds;
    let access_token = mint(shared, &grant.upn, &grant.resource, &grant.scopes, lifetime)
        .map_err(|message| EntraError::new("invalid_grant", 50034, message))?;
    let mut body = json!({
        "token_type": "Bearer",
        "scope": full_names(grant),
        "expires_in": lifetime,
        "ext_expires_in": lifetime,
        "access_token": access_token,
    });

    let now_ms = shared.now_ms();
    if grant.offline_access {
        let refresh_token = random_string(64);
        shared.lock().refresh_tokens.insert(
            refresh_token.clone(),
            RefreshGrant {
                client_id: client_id.to_string(),
                grant: grant.clone(),
                expires_ms: refresh_expires_ms,
                issued_ms: now_ms,
                used: false,
            },
        );
        body["refresh_token"] = Value::from(refresh_token);
        body["refresh_token_expires_in"] = Value::from((refresh_expires_ms - now_ms) / 1000);
    }
    if grant.openid {
        body["id_token"] = Value::from(id_token(shared, grant, client_id));
    }
    Ok(body)
}

fn id_token(shared: &Shared, grant: &Grant, client_id: &str) -> String {
    let user = shared.seed.user(&grant.upn);
    let now = shared.now_ms() / 1000;
    shared.signer.sign(&json!({
        "aud": client_id,
        "iss": format!("https://login.microsoftonline.com/{}/v2.0", shared.seed.tenant.id),
        "iat": now,
        "nbf": now,
        "exp": now + 3600,
        "tid": shared.seed.tenant.id,
        "oid": user.map(|user| user.oid.clone()),
        "sub": user.map(|user| user.oid.clone()),
        "name": user.map(|user| user.display_name.clone()),
        "preferred_username": grant.upn,
        "ver": "2.0",
    }))
}
