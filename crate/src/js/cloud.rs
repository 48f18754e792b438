//! Cloud table exports.

use wasm_bindgen::prelude::*;

use super::{to_js, validation_error};
use crate::api_url::{api_base_for, is_allowed_api_url};
use crate::cloud::{Cloud, CLOUDS};
use crate::validate::ValidationError;

/// Reads a cloud identifier, or returns the `cloudUnknown` error object.
pub(super) fn parse_cloud(id: &str) -> Result<Cloud, JsValue> {
    Cloud::parse(id).ok_or_else(|| {
        validation_error(ValidationError::CloudUnknown {
            value: id.to_string(),
        })
    })
}

/// Returns `["commercial", "gcc", "gccHigh", "dod"]`.
#[wasm_bindgen(js_name = listClouds)]
pub fn list_clouds() -> Vec<String> {
    CLOUDS.iter().map(|cloud| cloud.id().to_string()).collect()
}

/// Returns the table row of a cloud: `{cloud, authorityHost, defaultApiHost, apiHosts,
/// regions: [{id, host}], resource, scopes, portalHosts}`. Throws `cloudUnknown`.
#[wasm_bindgen(js_name = cloudProfile)]
pub fn cloud_profile(cloud: &str) -> Result<JsValue, JsValue> {
    to_js(parse_cloud(cloud)?.profile())
}

/// Returns `https://host` of the cloud's default API host or of a region. Throws
/// `cloudUnknown` or `regionUnknown`.
#[wasm_bindgen(js_name = apiBaseFor)]
pub fn api_base_for_js(cloud: &str, region: Option<String>) -> Result<String, JsValue> {
    api_base_for(parse_cloud(cloud)?, region.as_deref()).map_err(validation_error)
}

/// Reports whether a token of `cloud` may be sent to `url`. An unknown cloud gives
/// `false`.
#[wasm_bindgen(js_name = isAllowedApiUrl)]
pub fn is_allowed_api_url_js(url: &str, cloud: &str) -> bool {
    Cloud::parse(cloud).is_some_and(|cloud| is_allowed_api_url(url, cloud))
}
