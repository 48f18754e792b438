//! The `RateLimiter` class.

use wasm_bindgen::prelude::*;

use super::{string_argument, validation_error};
use crate::rate_limit::RateLimiter;
use crate::validate::ValidationError;

/// Sliding windows of 100 calls per minute and 1500 per hour, with a server-set block.
#[wasm_bindgen(js_name = RateLimiter)]
pub struct JsRateLimiter {
    inner: RateLimiter,
}

/// Reads a time in milliseconds since the epoch, as `Date.now()` gives it.
fn time_ms(value: f64, name: &str) -> Result<u64, JsValue> {
    if !value.is_finite() || value < 0.0 {
        return Err(validation_error(ValidationError::ArgumentInvalid {
            detail: format!("{name} must be a time in milliseconds, not {value}"),
        }));
    }
    Ok(value as u64)
}

#[wasm_bindgen(js_class = RateLimiter)]
impl JsRateLimiter {
    /// Creates a limiter with the whole budget free.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsRateLimiter {
        JsRateLimiter {
            inner: RateLimiter::new(),
        }
    }

    /// Returns 0 and counts the call if it may go at `nowMs`, or the milliseconds to
    /// wait. Throws `argumentInvalid` for a time that is not a non-negative number.
    pub fn reserve(&mut self, now_ms: f64) -> Result<f64, JsValue> {
        let now = time_ms(now_ms, "nowMs")?;
        Ok(self.inner.reserve(now) as f64)
    }

    /// Blocks every call until `untilMs`, for a server's `Retry-After`.
    #[wasm_bindgen(js_name = blockUntil)]
    pub fn block_until(&mut self, until_ms: f64) -> Result<(), JsValue> {
        let until = time_ms(until_ms, "untilMs")?;
        self.inner.block_until(until);
        Ok(())
    }

    /// Returns the state as a JSON string, for `chrome.storage.session`.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Restores a state from `toJSON()`. Throws `rateLimiterStateInvalid`.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsRateLimiter, JsValue> {
        RateLimiter::from_json(&string_argument(&text, "text")?)
            .map(|inner| JsRateLimiter { inner })
            .map_err(|error| {
                validation_error(ValidationError::RateLimiterStateInvalid { detail: error.0 })
            })
    }
}

impl Default for JsRateLimiter {
    fn default() -> Self {
        Self::new()
    }
}
