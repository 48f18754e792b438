//! Access tokens: JWTs shaped like Entra ID v1 access tokens for the Defender API,
//! signed with HMAC-SHA256 under a key made at start, so a token from one emulator run
//! is never valid in another.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};
use serde::{Deserialize, Serialize};

/// The claims the emulator issues and checks.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Claims {
    pub aud: String,
    pub iss: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub appid: String,
    pub tid: String,
    pub upn: String,
    pub oid: String,
    pub name: String,
    /// Space-separated short scope names, such as `Machine.Read File.Read.All`.
    pub scp: String,
    /// Unique token id, used to expire every issued token on request.
    pub uti: String,
    pub ver: String,
}

impl Claims {
    pub fn scopes(&self) -> impl Iterator<Item = &str> {
        self.scp.split_whitespace()
    }
}

/// Why a bearer token could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum TokenError {
    /// Not three base64url parts with a JSON header and payload.
    Malformed,
    /// The signature does not match this emulator's key.
    BadSignature,
}

pub struct TokenSigner {
    key: hmac::Key,
}

impl TokenSigner {
    /// Creates a signer with a fresh random key.
    pub fn new() -> TokenSigner {
        let mut secret = [0u8; 32];
        SystemRandom::new()
            .fill(&mut secret)
            .expect("the system random generator works");
        TokenSigner {
            key: hmac::Key::new(hmac::HMAC_SHA256, &secret),
        }
    }

    /// Signs any JSON-serializable claim set, such as [`Claims`] or an ID token.
    pub fn sign(&self, claims: &impl Serialize) -> String {
        let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"HS256"}"#);
        let payload =
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialize to JSON"));
        let signing_input = format!("{header}.{payload}");
        let signature = hmac::sign(&self.key, signing_input.as_bytes());
        format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature.as_ref())
        )
    }

    /// Checks the signature and returns the claims. Expiry, audience and revocation are
    /// the caller's checks, because they depend on the host and the emulator clock.
    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        let claims = decode_unverified(token)?;
        let (signing_input, signature) = token.rsplit_once('.').ok_or(TokenError::Malformed)?;
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| TokenError::Malformed)?;
        hmac::verify(&self.key, signing_input.as_bytes(), &signature)
            .map_err(|_| TokenError::BadSignature)?;
        Ok(claims)
    }
}

impl Default for TokenSigner {
    fn default() -> Self {
        TokenSigner::new()
    }
}

/// Reads the claims without checking the signature, for the request log only.
pub fn decode_unverified(token: &str) -> Result<Claims, TokenError> {
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(TokenError::Malformed);
    }
    let payload = URL_SAFE_NO_PAD
        .decode(parts[1])
        .map_err(|_| TokenError::Malformed)?;
    serde_json::from_slice(&payload).map_err(|_| TokenError::Malformed)
}

/// Generates a random URL-safe string of `bytes` random bytes, for codes, session ids and
/// refresh tokens.
pub fn random_string(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    SystemRandom::new()
        .fill(&mut buffer)
        .expect("the system random generator works");
    URL_SAFE_NO_PAD.encode(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> Claims {
        Claims {
            aud: "https://api.securitycenter.microsoft.com".into(),
            iss: "https://sts.windows.net/t/".into(),
            iat: 1,
            nbf: 1,
            exp: 2,
            appid: "app".into(),
            tid: "t".into(),
            upn: "analyst@contoso.onmicrosoft.com".into(),
            oid: "o".into(),
            name: "Ada".into(),
            scp: "Machine.Read".into(),
            uti: "u".into(),
            ver: "1.0".into(),
        }
    }

    #[test]
    fn signed_token_verifies() {
        let signer = TokenSigner::new();
        let token = signer.sign(&claims());
        assert_eq!(
            signer.verify(&token).unwrap().upn,
            "analyst@contoso.onmicrosoft.com"
        );
    }

    #[test]
    fn token_from_other_key_is_rejected() {
        let token = TokenSigner::new().sign(&claims());
        assert_eq!(
            TokenSigner::new().verify(&token).unwrap_err(),
            TokenError::BadSignature
        );
    }

    #[test]
    fn garbage_token_is_malformed() {
        assert_eq!(
            TokenSigner::new().verify("abc").unwrap_err(),
            TokenError::Malformed
        );
    }
}
