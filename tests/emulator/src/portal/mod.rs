//! The portal stand-in on the portal hosts: one HTML page for every route, whose script
//! renders the device, file, alert and incident pages from the seed.

use hyper::{Method, StatusCode};
use serde_json::json;

use crate::http::{html, with_type, Request, Response};
use crate::state::Shared;

const INDEX_HTML: &str = include_str!("index.html");
const APP_JS: &str = include_str!("app.js");
const PORTAL_CSS: &str = include_str!("portal.css");

pub fn handle(shared: &Shared, request: &Request) -> Response {
    if request.method != Method::GET && request.method != Method::HEAD {
        return with_type(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            "The emulated portal only answers GET.",
        );
    }
    match request.path.as_str() {
        "/portal-assets/app.js" => {
            with_type(StatusCode::OK, "text/javascript; charset=utf-8", APP_JS)
        }
        "/portal-assets/portal.css" => {
            with_type(StatusCode::OK, "text/css; charset=utf-8", PORTAL_CSS)
        }
        "/favicon.ico" => with_type(StatusCode::NOT_FOUND, "text/plain; charset=utf-8", ""),
        _ => html(
            StatusCode::OK,
            INDEX_HTML.replace("{{SEED}}", &seed_json(shared)),
        ),
    }
}

/// Serializes the part of the seed the pages show, safe to place inside a `<script>` element.
fn seed_json(shared: &Shared) -> String {
    let seed = &shared.seed;
    let text = json!({
        "tenantId": seed.tenant.id,
        "machines": seed.machines,
        "files": seed.files,
        "alerts": seed.alerts,
        "incidents": seed.incidents,
    })
    .to_string();
    // `<` only occurs inside JSON strings, where `\u003c` means the same character.
    text.replace('<', "\\u003c")
}
