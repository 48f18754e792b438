//! Minting access tokens for a seeded user, shared by the token endpoint and the admin
//! API, and the checks every API call makes on them.

use crate::state::Shared;
use crate::token::{random_string, Claims, TokenError};

/// Mints an access token for `upn` on `resource` with short scope names. Returns the
/// token and its lifetime in seconds.
pub fn mint(
    shared: &Shared,
    upn: &str,
    resource: &str,
    scopes: &[String],
    lifetime_seconds: i64,
) -> Result<String, String> {
    let user = shared
        .seed
        .user(upn)
        .ok_or_else(|| format!("user '{upn}' is not in the seed"))?;
    let now = shared.now_ms() / 1000;
    let claims = Claims {
        aud: resource.to_string(),
        iss: format!("https://sts.windows.net/{}/", shared.seed.tenant.id),
        iat: now,
        nbf: now,
        exp: now + lifetime_seconds,
        appid: shared.seed.app.client_id.clone(),
        tid: shared.seed.tenant.id.clone(),
        upn: user.upn.clone(),
        oid: user.oid.clone(),
        name: user.display_name.clone(),
        scp: scopes.join(" "),
        uti: random_string(16),
        ver: "1.0".to_string(),
    };
    shared.lock().live_token_ids.push(claims.uti.clone());
    Ok(shared.signer.sign(&claims))
}

/// Why an API call's bearer token was rejected.
#[derive(Debug, PartialEq, Eq)]
pub enum Rejection {
    Missing,
    NotBearer,
    Malformed,
    BadSignature,
    Expired,
    WrongAudience { audience: String },
    WrongTenant,
    UnknownUser,
}

impl Rejection {
    /// Describes the rejection in the 401 response.
    pub fn message(&self) -> String {
        match self {
            Rejection::Missing => "Authorization header is missing.".to_string(),
            Rejection::NotBearer => "Authorization header must use the Bearer scheme.".to_string(),
            Rejection::Malformed => "The access token is malformed.".to_string(),
            Rejection::BadSignature => "The access token signature is invalid.".to_string(),
            Rejection::Expired => "The access token has expired.".to_string(),
            Rejection::WrongAudience { audience } => {
                format!("The access token audience '{audience}' is not valid for this API host.")
            }
            Rejection::WrongTenant => "The access token was issued for another tenant.".to_string(),
            Rejection::UnknownUser => "The access token's user is unknown.".to_string(),
        }
    }
}

/// Checks signature, expiry (on the emulator clock), revocation and tenant. The
/// caller checks the audience, because it depends on the API host.
pub fn validate(shared: &Shared, authorization: Option<&str>) -> Result<Claims, Rejection> {
    let header = authorization.ok_or(Rejection::Missing)?;
    let (scheme, token) = header.trim().split_once(' ').ok_or(Rejection::NotBearer)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(Rejection::NotBearer);
    }
    let claims = shared
        .signer
        .verify(token.trim())
        .map_err(|error| match error {
            TokenError::Malformed => Rejection::Malformed,
            TokenError::BadSignature => Rejection::BadSignature,
        })?;

    let now = shared.now_ms() / 1000;
    let revoked = shared.lock().expired_token_ids.contains(&claims.uti);
    if claims.exp <= now || revoked {
        return Err(Rejection::Expired);
    }
    if claims.tid != shared.seed.tenant.id {
        return Err(Rejection::WrongTenant);
    }
    if shared.seed.user(&claims.upn).is_none() {
        return Err(Rejection::UnknownUser);
    }
    Ok(claims)
}

/// Marks every access token issued so far as expired.
pub fn expire_all(shared: &Shared) -> usize {
    let mut inner = shared.lock();
    let live = std::mem::take(&mut inner.live_token_ids);
    let count = live.len();
    inner.expired_token_ids.extend(live);
    count
}
