//! Entra ID v2 sign-in on the authority hosts of the cloud table.

mod authorize;
mod cors;
mod errors;
mod scopes;
mod token_endpoint;

use crate::http::{segments, Request, Response};
use crate::state::Shared;
use errors::{error_page, json_error, EntraError};

pub use authorize::SESSION_COOKIE;

pub fn handle(shared: &Shared, request: &Request) -> Response {
    let parts = segments(&request.path);
    let [tenant, "oauth2", "v2.0", endpoint] = parts.as_slice() else {
        return not_found(shared, request);
    };

    if !tenant_known(shared, tenant) {
        let error = EntraError::new(
            "invalid_tenant",
            90002,
            format!(
                "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."
            ),
        );
        return match *endpoint {
            "token" => json_error(shared, &error, request.header("origin")),
            _ => error_page(shared, &error),
        };
    }

    match *endpoint {
        "authorize" => authorize::handle(shared, request),
        "token" => token_endpoint::handle(shared, request),
        "logout" => authorize::logout(shared, request),
        _ => not_found(shared, request),
    }
}

/// Checks for the seeded tenant by id or domain, or one of the multi-tenant aliases.
fn tenant_known(shared: &Shared, tenant: &str) -> bool {
    let seed_tenant = &shared.seed.tenant;
    tenant.eq_ignore_ascii_case(&seed_tenant.id)
        || tenant.eq_ignore_ascii_case(&seed_tenant.domain)
        || tenant == "organizations"
        || tenant == "common"
}

fn not_found(shared: &Shared, request: &Request) -> Response {
    let error = EntraError::new(
        "invalid_request",
        900561,
        format!(
            "The sign-in emulator has no endpoint at '{}'.",
            request.path
        ),
    );
    let mut response = error_page(shared, &error);
    *response.status_mut() = hyper::StatusCode::NOT_FOUND;
    response
}
