//! The napi-rs module behind the `revtain` npm package.
//!
//! Thin by design: conversions and error mapping only; the logic lives in the core crate.
#![deny(clippy::all)]
// All raw N-API code, and so every `unsafe` block of this crate, is in `raw.rs` (its header says
// why: the measured saving); everything else is denied it. `deny`, not `forbid`: the glue that
// napi-rs's `#[napi]` generates carries its own `#[allow(unsafe_code)]`, which `forbid` refuses
// to compile; `deny` still rejects every `unsafe` written in these files, `#[napi]` functions
// included (checked when this was set up).
#![deny(unsafe_code)]
// napi-rs registers the exports only outside `cfg(test)`, so a test build sees them unused.
#![cfg_attr(test, allow(dead_code))]

mod api_key;
mod card;
mod connector;
mod convert;
mod errors;
mod ratelimit;
#[allow(unsafe_code)]
mod raw;
mod retry;
mod secret_alert;
mod vault;
mod webhook;

use napi::bindgen_prelude::*;
use napi_derive::napi;

/// Adds the raw N-API callbacks (see `raw.rs`) to the exports.
#[napi(module_exports)]
pub fn register_raw_exports(exports: Object, env: Env) -> Result<()> {
    raw::register(&exports, &env)
}

/// The library version.
#[napi]
pub fn version() -> &'static str {
    revtain::VERSION
}
