//! Everything the emulator remembers between requests, behind one lock that no handler
//! holds across an `await`.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};

use regex::Regex;
use serde_json::Value;

use crate::clock::Clock;
use crate::machine_action::MachineAction;
use crate::rate_limit::RateLimiter;
use crate::seed::Seed;
use crate::token::TokenSigner;

/// State that lives as long as the emulator.
pub struct Shared {
    pub seed: Seed,
    pub clock: Clock,
    pub signer: TokenSigner,
    /// Lifetime of access tokens issued by the token endpoint, in seconds.
    pub token_lifetime_seconds: i64,
    inner: Mutex<Inner>,
}

/// State that `POST /reset` puts back to the seed.
#[derive(Default)]
pub struct Inner {
    pub actions: Vec<MachineAction>,
    pub rate_limiter: RateLimiter,
    pub faults: Vec<Fault>,
    pub latency: Option<Latency>,
    pub requests: Vec<Value>,
    pub next_request_seq: u64,
    /// `uti` of every access token issued and not yet expired by the admin API.
    pub live_token_ids: Vec<String>,
    pub expired_token_ids: HashSet<String>,
    pub sessions: HashMap<String, String>,
    pub authorization_codes: HashMap<String, AuthorizationCode>,
    pub refresh_tokens: HashMap<String, RefreshGrant>,
}

/// What kind of failure a fault injects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// Respond 500 without running the handler.
    InternalServerError,
    /// Respond 503 without running the handler.
    ServiceUnavailable,
    /// Run the handler, then never respond.
    Hang,
    /// Run the handler, then close the connection without an answer.
    Drop,
}

#[derive(Clone, Debug)]
pub struct Fault {
    pub method: Option<String>,
    pub path: Regex,
    pub kind: FaultKind,
    pub remaining: u32,
}

#[derive(Clone, Debug)]
pub struct Latency {
    pub ms: u64,
    pub path: Option<Regex>,
}

/// An authorization code waiting to be redeemed.
#[derive(Clone, Debug)]
pub struct AuthorizationCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub grant: Grant,
    pub issued_ms: i64,
    pub redeemed: bool,
}

/// What a sign-in granted: the user, the resource and scopes, and whether a refresh
/// token was asked for.
#[derive(Clone, Debug)]
pub struct Grant {
    pub upn: String,
    pub resource: String,
    /// Short scope names, such as `Machine.Read`.
    pub scopes: Vec<String>,
    pub offline_access: bool,
    pub openid: bool,
}

#[derive(Clone, Debug)]
pub struct RefreshGrant {
    pub client_id: String,
    pub grant: Grant,
    /// Fixed end of life, set at sign-in and kept through rotation.
    pub expires_ms: i64,
    pub issued_ms: i64,
    /// Set once the token was exchanged, so a second use is rejected.
    pub used: bool,
}

impl Shared {
    pub fn new(seed: Seed, clock_speed: f64, token_lifetime_seconds: i64) -> Shared {
        Shared {
            seed,
            clock: Clock::new(clock_speed),
            signer: TokenSigner::new(),
            token_lifetime_seconds,
            inner: Mutex::new(Inner::default()),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        // A handler that panicked left the state consistent enough for a test server.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Puts every piece of state back to the seed. The clock and the signing key stay,
    /// so tokens issued before keep their signature but lose their refresh grants.
    pub fn reset(&self) {
        let mut inner = self.lock();
        *inner = Inner::default();
    }

    /// Builds the rate-limit key of the seeded app in the seeded tenant.
    pub fn app_tenant_key(&self) -> String {
        rate_key(&self.seed.app.client_id, &self.seed.tenant.id)
    }
}

pub fn rate_key(app_id: &str, tenant_id: &str) -> String {
    format!("{app_id}/{tenant_id}")
}
