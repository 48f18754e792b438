//! Entra ID v2 sign-in: the authorize page and session, the token endpoint with PKCE,
//! the single-page-application rules and refresh token rotation.

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::*;
use reqwest::Response;
use serde_json::Value;

const LOGIN: &str = "login.microsoftonline.com";
const SCOPES: &str = "https://api.securitycenter.microsoft.com/Machine.StopAndQuarantine https://api.securitycenter.microsoft.com/Machine.Read https://api.securitycenter.microsoft.com/File.Read.All offline_access openid";
const ORIGIN: &str = "chrome-extension://ebojcpbneaajnbiionfaimhgoljgdjpk";
const VERIFIER: &str = "dBjftJeZ4CVP-mJ92K9.1Fnyb6R2Nz0h3W_7Z4pVZxs~qL";

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD
        .encode(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()).as_ref())
}

fn authorize_url(emulator: &Emulator, host: &str, pairs: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        query.append_pair(key, value);
    }
    emulator.url(
        host,
        &format!("/{TENANT}/oauth2/v2.0/authorize?{}", query.finish()),
    )
}

fn standard_pairs<'a>(challenge: &'a str, scope: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("client_id", CLIENT_ID),
        ("response_type", "code"),
        ("redirect_uri", REDIRECT_URI),
        ("scope", scope),
        ("state", "state-123"),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ]
}

/// Query parameters of a redirect's Location header.
fn location_params(response: &Response) -> Vec<(String, String)> {
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(REDIRECT_URI), "{location}");
    let query = location
        .split_once(['?', '#'])
        .map(|(_, query)| query)
        .unwrap_or("");
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

fn param(params: &[(String, String)], name: &str) -> Option<String> {
    params
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.clone())
}

/// Presses the button of `upn` on the sign-in page and returns the redirect.
async fn press_button(emulator: &Emulator, host: &str, upn: &str, scope: &str) -> Response {
    let challenge = challenge(VERIFIER);
    let url = authorize_url(emulator, host, &standard_pairs(&challenge, scope));
    emulator
        .client
        .post(url)
        .form(&[("upn", upn)])
        .send()
        .await
        .unwrap()
}

async fn code_for(emulator: &Emulator, upn: &str, scope: &str) -> String {
    let response = press_button(emulator, LOGIN, upn, scope).await;
    assert_eq!(response.status(), 302);
    param(&location_params(&response), "code").expect("code in redirect")
}

async fn redeem(
    emulator: &Emulator,
    host: &str,
    form: &[(&str, &str)],
    origin: Option<&str>,
) -> Response {
    let mut request = emulator
        .client
        .post(emulator.url(host, &format!("/{TENANT}/oauth2/v2.0/token")))
        .form(form);
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    request.send().await.unwrap()
}

async fn redeem_code(emulator: &Emulator, code: &str, verifier: &str) -> Response {
    let form = [
        ("client_id", CLIENT_ID),
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", REDIRECT_URI),
        ("code_verifier", verifier),
    ];
    redeem(emulator, LOGIN, &form, Some(ORIGIN)).await
}

async fn refresh(emulator: &Emulator, refresh_token: &str) -> Response {
    let form = [
        ("client_id", CLIENT_ID),
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
    ];
    redeem(emulator, LOGIN, &form, Some(ORIGIN)).await
}

async fn expect_aadsts(response: Response, error: &str, code: u32) {
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], error, "{body}");
    assert_eq!(body["error_codes"][0], code, "{body}");
    assert!(body["error_description"]
        .as_str()
        .unwrap()
        .starts_with(&format!("AADSTS{code}:")));
}

fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

#[tokio::test]
async fn sign_in_page_has_button_per_user() {
    let emulator = Emulator::start().await;
    let challenge = challenge(VERIFIER);
    let response = emulator
        .client
        .get(authorize_url(
            &emulator,
            LOGIN,
            &standard_pairs(&challenge, SCOPES),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    for upn in [ANALYST, VIEWER, LIMITED] {
        let button = format!("<button type=\"submit\" name=\"upn\" value=\"{upn}\">");
        assert!(page.contains(&button), "missing {button}");
    }
}

#[tokio::test]
async fn button_redirects_with_code_and_state() {
    let emulator = Emulator::start().await;
    let response = press_button(&emulator, LOGIN, ANALYST, SCOPES).await;
    assert_eq!(response.status(), 302);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("ESTSAUTH="), "{cookie}");
    let params = location_params(&response);
    assert!(param(&params, "code").is_some());
    assert_eq!(param(&params, "state").as_deref(), Some("state-123"));
}

#[tokio::test]
async fn session_cookie_skips_the_page() {
    let emulator = Emulator::start().await;
    let signed_in = press_button(&emulator, LOGIN, ANALYST, SCOPES).await;
    let cookie = signed_in.headers()["set-cookie"].to_str().unwrap();
    let session = cookie.split(';').next().unwrap().to_string();

    let challenge = challenge(VERIFIER);
    let mut pairs = standard_pairs(&challenge, SCOPES);
    pairs.push(("prompt", "none"));
    let response = emulator
        .client
        .get(authorize_url(&emulator, LOGIN, &pairs))
        .header("cookie", session)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    assert!(param(&location_params(&response), "code").is_some());
}

#[tokio::test]
async fn prompt_none_without_session_is_login_required() {
    let emulator = Emulator::start().await;
    let challenge = challenge(VERIFIER);
    let mut pairs = standard_pairs(&challenge, SCOPES);
    pairs.push(("prompt", "none"));
    let response = emulator
        .client
        .get(authorize_url(&emulator, LOGIN, &pairs))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let params = location_params(&response);
    assert_eq!(param(&params, "error").as_deref(), Some("login_required"));
    assert_eq!(param(&params, "state").as_deref(), Some("state-123"));
    assert!(param(&params, "error_description")
        .unwrap()
        .starts_with("AADSTS50058"));
}

#[tokio::test]
async fn fragment_response_mode_puts_code_in_fragment() {
    let emulator = Emulator::start().await;
    let challenge = challenge(VERIFIER);
    let mut pairs = standard_pairs(&challenge, SCOPES);
    pairs.push(("response_mode", "fragment"));
    let response = emulator
        .client
        .post(authorize_url(&emulator, LOGIN, &pairs))
        .form(&[("upn", ANALYST)])
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with(&format!("{REDIRECT_URI}#code=")),
        "{location}"
    );
}

#[tokio::test]
async fn unknown_client_gets_error_page() {
    let emulator = Emulator::start().await;
    let challenge = challenge(VERIFIER);
    let mut pairs = standard_pairs(&challenge, SCOPES);
    pairs[0] = ("client_id", "00000000-0000-0000-0000-000000000000");
    let response = emulator
        .client
        .get(authorize_url(&emulator, LOGIN, &pairs))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(response.headers().get("location").is_none());
    assert!(response.text().await.unwrap().contains("AADSTS700016"));
}

#[tokio::test]
async fn unregistered_redirect_uri_gets_error_page() {
    let emulator = Emulator::start().await;
    let challenge = challenge(VERIFIER);
    let mut pairs = standard_pairs(&challenge, SCOPES);
    pairs[2] = ("redirect_uri", "https://attacker.example/");
    let response = emulator
        .client
        .get(authorize_url(&emulator, LOGIN, &pairs))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(response.headers().get("location").is_none());
    assert!(response.text().await.unwrap().contains("AADSTS50011"));
}

#[tokio::test]
async fn unknown_tenant_gets_error_page() {
    let emulator = Emulator::start().await;
    let response = emulator
        .client
        .get(emulator.url(
            LOGIN,
            "/00000000-1111-2222-3333-444444444444/oauth2/v2.0/authorize",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("AADSTS90002"));
}

#[tokio::test]
async fn missing_pkce_redirects_invalid_request() {
    let emulator = Emulator::start().await;
    let pairs: Vec<(&str, &str)> = standard_pairs("", SCOPES);
    let response = emulator
        .client
        .get(authorize_url(&emulator, LOGIN, &pairs))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let params = location_params(&response);
    assert_eq!(param(&params, "error").as_deref(), Some("invalid_request"));
    assert!(param(&params, "error_description")
        .unwrap()
        .starts_with("AADSTS9002325"));
}

#[tokio::test]
async fn unknown_scope_redirects_invalid_scope() {
    let emulator = Emulator::start().await;
    let challenge = challenge(VERIFIER);
    let pairs = standard_pairs(
        &challenge,
        "https://api.securitycenter.microsoft.com/Machine.Explode",
    );
    let response = emulator
        .client
        .get(authorize_url(&emulator, LOGIN, &pairs))
        .send()
        .await
        .unwrap();
    let params = location_params(&response);
    assert_eq!(param(&params, "error").as_deref(), Some("invalid_scope"));
    assert!(param(&params, "error_description")
        .unwrap()
        .starts_with("AADSTS70011"));
}

#[tokio::test]
async fn code_redeems_for_working_access_token() {
    let emulator = Emulator::start().await;
    let code = code_for(&emulator, ANALYST, SCOPES).await;
    let response = redeem_code(&emulator, &code, VERIFIER).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["access-control-allow-origin"], ORIGIN);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert!(body["refresh_token"].is_string());
    assert!(body["id_token"].is_string());

    let token = body["access_token"].as_str().unwrap();
    let claims = claims_of(token);
    assert_eq!(claims["aud"], "https://api.securitycenter.microsoft.com");
    assert_eq!(
        claims["scp"],
        "Machine.StopAndQuarantine Machine.Read File.Read.All"
    );
    assert_eq!(claims["tid"], TENANT);
    assert_eq!(claims["upn"], ANALYST);
    assert!(claims["oid"].is_string());
    assert!(claims["exp"].as_i64().unwrap() > claims["iat"].as_i64().unwrap());

    let action = emulator.quarantine(token, DEVICE, MALICIOUS_SHA1).await;
    assert_eq!(action.status(), 201);
}

#[tokio::test]
async fn token_request_without_origin_is_rejected() {
    let emulator = Emulator::start().await;
    let code = code_for(&emulator, ANALYST, SCOPES).await;
    let form = [
        ("client_id", CLIENT_ID),
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", REDIRECT_URI),
        ("code_verifier", VERIFIER),
    ];
    let response = redeem(&emulator, LOGIN, &form, None).await;
    expect_aadsts(response, "invalid_request", 9002327).await;
}

#[tokio::test]
async fn token_preflight_allows_origin() {
    let emulator = Emulator::start().await;
    let response = emulator
        .client
        .request(
            reqwest::Method::OPTIONS,
            emulator.url(LOGIN, &format!("/{TENANT}/oauth2/v2.0/token")),
        )
        .header("origin", ORIGIN)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(response.headers()["access-control-allow-origin"], ORIGIN);
    assert!(response.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("POST"));
}

#[tokio::test]
async fn wrong_verifier_is_rejected_and_burns_code() {
    let emulator = Emulator::start().await;
    let code = code_for(&emulator, ANALYST, SCOPES).await;
    expect_aadsts(
        redeem_code(
            &emulator,
            &code,
            "wrong-verifier-wrong-verifier-wrong-verifier",
        )
        .await,
        "invalid_grant",
        501481,
    )
    .await;
    expect_aadsts(
        redeem_code(&emulator, &code, VERIFIER).await,
        "invalid_grant",
        54005,
    )
    .await;
}

#[tokio::test]
async fn reused_code_is_rejected() {
    let emulator = Emulator::start().await;
    let code = code_for(&emulator, ANALYST, SCOPES).await;
    assert_eq!(redeem_code(&emulator, &code, VERIFIER).await.status(), 200);
    expect_aadsts(
        redeem_code(&emulator, &code, VERIFIER).await,
        "invalid_grant",
        54005,
    )
    .await;
}

#[tokio::test]
async fn unknown_code_is_rejected() {
    let emulator = Emulator::start().await;
    expect_aadsts(
        redeem_code(&emulator, "no-such-code", VERIFIER).await,
        "invalid_grant",
        9002313,
    )
    .await;
}

#[tokio::test]
async fn expired_code_is_rejected() {
    let emulator = Emulator::start().await;
    let code = code_for(&emulator, ANALYST, SCOPES).await;
    emulator.advance(601.0).await;
    expect_aadsts(
        redeem_code(&emulator, &code, VERIFIER).await,
        "invalid_grant",
        70008,
    )
    .await;
}

#[tokio::test]
async fn no_refresh_token_without_offline_access() {
    let emulator = Emulator::start().await;
    let scope = "https://api.securitycenter.microsoft.com/Machine.Read";
    let code = code_for(&emulator, ANALYST, scope).await;
    let body: Value = redeem_code(&emulator, &code, VERIFIER)
        .await
        .json()
        .await
        .unwrap();
    assert!(body["access_token"].is_string());
    assert!(body.get("refresh_token").is_none());
    assert_eq!(
        claims_of(body["access_token"].as_str().unwrap())["scp"],
        "Machine.Read"
    );
}

#[tokio::test]
async fn refresh_token_rotates() {
    let emulator = Emulator::start().await;
    let code = code_for(&emulator, ANALYST, SCOPES).await;
    let first: Value = redeem_code(&emulator, &code, VERIFIER)
        .await
        .json()
        .await
        .unwrap();
    let first_refresh = first["refresh_token"].as_str().unwrap();

    let response = refresh(&emulator, first_refresh).await;
    assert_eq!(response.status(), 200);
    let second: Value = response.json().await.unwrap();
    let second_refresh = second["refresh_token"].as_str().unwrap();
    assert_ne!(first_refresh, second_refresh);
    assert_ne!(first["access_token"], second["access_token"]);

    expect_aadsts(
        refresh(&emulator, first_refresh).await,
        "invalid_grant",
        70000,
    )
    .await;
    assert_eq!(refresh(&emulator, second_refresh).await.status(), 200);
}

#[tokio::test]
async fn refresh_token_expires_after_24_hours() {
    let emulator = Emulator::start().await;
    let code = code_for(&emulator, ANALYST, SCOPES).await;
    let first: Value = redeem_code(&emulator, &code, VERIFIER)
        .await
        .json()
        .await
        .unwrap();
    emulator.advance(12.0 * 3600.0).await;
    let second: Value = refresh(&emulator, first["refresh_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    // Rotation does not extend the 24 hours counted from sign-in.
    assert!(second["refresh_token_expires_in"].as_i64().unwrap() <= 12 * 3600);
    emulator.advance(12.0 * 3600.0 + 1.0).await;
    let response = refresh(&emulator, second["refresh_token"].as_str().unwrap()).await;
    expect_aadsts(response, "invalid_grant", 700084).await;
}

#[tokio::test]
async fn gcc_high_sign_in_issues_gov_audience() {
    let emulator = Emulator::start().await;
    let scope = "https://api-gov.securitycenter.microsoft.us/Machine.Read offline_access";
    let response = press_button(&emulator, "login.microsoftonline.us", ANALYST, scope).await;
    let code = param(&location_params(&response), "code").unwrap();
    let form = [
        ("client_id", CLIENT_ID),
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", REDIRECT_URI),
        ("code_verifier", VERIFIER),
    ];
    let body: Value = redeem(&emulator, "login.microsoftonline.us", &form, Some(ORIGIN))
        .await
        .json()
        .await
        .unwrap();
    let claims = claims_of(body["access_token"].as_str().unwrap());
    assert_eq!(claims["aud"], "https://api-gov.securitycenter.microsoft.us");
}

#[tokio::test]
async fn commercial_scope_on_us_authority_is_invalid() {
    let emulator = Emulator::start().await;
    let response = press_button(&emulator, "login.microsoftonline.us", ANALYST, SCOPES).await;
    let params = location_params(&response);
    assert_eq!(param(&params, "error").as_deref(), Some("invalid_scope"));
}

#[tokio::test]
async fn logout_ends_session() {
    let emulator = Emulator::start().await;
    let signed_in = press_button(&emulator, LOGIN, ANALYST, SCOPES).await;
    let session = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let logout = emulator
        .client
        .get(emulator.url(LOGIN, &format!("/{TENANT}/oauth2/v2.0/logout")))
        .header("cookie", session.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 200);

    let challenge = challenge(VERIFIER);
    let mut pairs = standard_pairs(&challenge, SCOPES);
    pairs.push(("prompt", "none"));
    let response = emulator
        .client
        .get(authorize_url(&emulator, LOGIN, &pairs))
        .header("cookie", session)
        .send()
        .await
        .unwrap();
    assert_eq!(
        param(&location_params(&response), "error").as_deref(),
        Some("login_required")
    );
}
