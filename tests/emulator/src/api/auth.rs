//! Who is calling: the bearer token checked against the host's cloud, and the
//! permission checks each endpoint makes.

use quarantine_core::cloud::CLOUDS;

use super::errors::{forbidden, unauthorized, Refusal};
use crate::access_token::{validate, Rejection};
use crate::http::Request;
use crate::seed::{Machine, User};
use crate::state::Shared;
use crate::token::Claims;

/// A caller whose token was accepted.
pub struct Identity {
    pub claims: Claims,
    pub user: User,
}

/// Every delegated permission that allows some machine action; any of them may cancel.
pub const MACHINE_ACTION_SCOPES: &[&str] = &[
    "Machine.StopAndQuarantine",
    "Machine.Isolate",
    "Machine.Scan",
    "Machine.RestrictExecution",
    "Machine.CollectForensics",
    "Machine.LiveResponse",
    "Machine.Offboard",
    "Machine.ReadWrite",
];
pub const MACHINE_READ_SCOPES: &[&str] = &["Machine.Read", "Machine.ReadWrite"];

/// Accepts the request's token, or returns the 401 response.
pub fn authenticate(shared: &Shared, request: &Request) -> Result<Identity, Refusal> {
    let claims = validate(shared, request.header("authorization"))
        .map_err(|rejection| Box::new(unauthorized(&rejection.message())))?;

    // A token is valid only on the API hosts of the cloud whose resource it names.
    let audience_fits = CLOUDS.iter().any(|cloud| {
        let profile = cloud.profile();
        profile.resource == claims.aud && profile.api_hosts.contains(&request.host.as_str())
    });
    if !audience_fits {
        let rejection = Rejection::WrongAudience {
            audience: claims.aud.clone(),
        };
        return Err(Box::new(unauthorized(&rejection.message())));
    }

    let user = shared
        .seed
        .user(&claims.upn)
        .cloned()
        .ok_or_else(|| Box::new(unauthorized(&Rejection::UnknownUser.message())))?;
    Ok(Identity { claims, user })
}

impl Identity {
    /// Requires one of `scopes` in the token, or returns the 403 response.
    pub fn require_scope(&self, scopes: &[&str]) -> Result<(), Refusal> {
        if self.claims.scopes().any(|held| scopes.contains(&held)) {
            return Ok(());
        }
        Err(Box::new(forbidden(&format!(
            "Missing application roles. API required roles: {}. Application roles: {}.",
            scopes.join(", "),
            self.claims.scp
        ))))
    }

    /// Requires the role permission "Active remediation actions".
    pub fn require_remediation_role(&self) -> Result<(), Refusal> {
        if self.user.remediation_role {
            return Ok(());
        }
        Err(Box::new(forbidden(&format!(
            "User {} lacks the role permission 'Active remediation actions'.",
            self.user.upn
        ))))
    }

    pub fn sees(&self, machine: &Machine) -> bool {
        self.user.sees_group(&machine.rbac_group_name)
    }

    /// Requires access to the device group of `machine`.
    pub fn require_device_group(&self, machine: &Machine) -> Result<(), Refusal> {
        if self.sees(machine) {
            return Ok(());
        }
        Err(Box::new(forbidden(&format!(
            "User {} has no access to device group '{}' of machine {}.",
            self.user.upn, machine.rbac_group_name, machine.id
        ))))
    }
}
