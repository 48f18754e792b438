//! The `scope` parameter: resource scopes of one Defender resource, plus the OpenID
//! Connect scopes.

use quarantine_core::cloud::CLOUDS;

use super::errors::EntraError;
use crate::api::auth::MACHINE_ACTION_SCOPES;
use crate::state::Grant;

/// Short scope names the Defender resource exposes as delegated permissions here.
fn is_known_scope(name: &str) -> bool {
    MACHINE_ACTION_SCOPES.contains(&name) || matches!(name, "Machine.Read" | "File.Read.All")
}

/// Parses `scope` for a sign-in on `authority_host` by `upn`.
pub fn parse(scope: &str, authority_host: &str, upn: &str) -> Result<Grant, EntraError> {
    let invalid = |detail: String| {
        EntraError::new(
            "invalid_scope",
            70011,
            format!("The provided value for the input parameter 'scope' is not valid. {detail}"),
        )
    };
    let mut grant = Grant {
        upn: upn.to_string(),
        resource: String::new(),
        scopes: Vec::new(),
        offline_access: false,
        openid: false,
    };

    for item in scope.split_whitespace() {
        match item {
            "offline_access" => grant.offline_access = true,
            "openid" => grant.openid = true,
            "profile" | "email" => {}
            _ => {
                let (resource, name) = item
                    .rsplit_once('/')
                    .ok_or_else(|| invalid(format!("The scope '{item}' names no resource.")))?;
                let profile = CLOUDS
                    .iter()
                    .map(|cloud| cloud.profile())
                    .find(|profile| {
                        profile.authority_host == authority_host && profile.resource == resource
                    })
                    .ok_or_else(|| {
                        invalid(format!(
                            "The resource '{resource}' is not served by {authority_host}."
                        ))
                    })?;
                if !grant.resource.is_empty() && grant.resource != resource {
                    return Err(invalid(
                        "The scopes name more than one resource.".to_string(),
                    ));
                }
                grant.resource = resource.to_string();
                if name == ".default" {
                    for full in profile.scopes {
                        let short = full.rsplit('/').next().unwrap_or(full);
                        grant.scopes.push(short.to_string());
                    }
                } else if is_known_scope(name) {
                    grant.scopes.push(name.to_string());
                } else {
                    return Err(invalid(format!("The scope '{item}' does not exist.")));
                }
            }
        }
    }

    if grant.resource.is_empty() {
        return Err(invalid(
            "Ask for at least one scope of the Defender for Endpoint resource.".to_string(),
        ));
    }
    grant.scopes.dedup();
    Ok(grant)
}

/// Lists the granted scopes with their resource in front, as the token response lists them.
pub fn full_names(grant: &Grant) -> String {
    grant
        .scopes
        .iter()
        .map(|name| format!("{}/{name}", grant.resource))
        .collect::<Vec<_>>()
        .join(" ")
}
