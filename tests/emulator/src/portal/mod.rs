//! Portal.
use crate::http::{Request, Response};
use crate::state::Shared;
pub fn handle(_shared: &Shared, request: &Request) -> Response {
    crate::api::errors::not_found("NotFound", &request.path)
}
