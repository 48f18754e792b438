//! Cloud table exports.

use wasm_bindgen::prelude::*;

use super::{optional_string_argument, string_argument, to_js, validation_error};
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
pub fn cloud_profile(
    #[wasm_bindgen(unchecked_param_type = "string")] cloud: JsValue,
) -> Result<JsValue, JsValue> {
    let cloud = parse_cloud(&string_argument(&cloud, "cloud")?)?;
    to_js(cloud.profile())
}

/// Returns `https://host` of the cloud's default API host or of a region. Throws
/// `cloudUnknown` or `regionUnknown`.
#[wasm_bindgen(js_name = apiBaseFor)]
pub fn api_base_for_js(
    #[wasm_bindgen(unchecked_param_type = "string")] cloud: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] region: JsValue,
) -> Result<String, JsValue> {
    let cloud = parse_cloud(&string_argument(&cloud, "cloud")?)?;
    let region = optional_string_argument(&region, "region")?;
    api_base_for(cloud, region.as_deref()).map_err(validation_error)
}

/// Reports whether a token of `cloud` may be sent to `url`. An unknown cloud or an
/// argument that is not a string gives `false`.
#[wasm_bindgen(js_name = isAllowedApiUrl)]
pub fn is_allowed_api_url_js(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] cloud: JsValue,
) -> bool {
    let (Some(url), Some(cloud)) = (url.as_string(), cloud.as_string()) else {
        return false;
    };
    Cloud::parse(&cloud).is_some_and(|cloud| is_allowed_api_url(&url, cloud))
}
