//! The napi-rs module behind the `revtain` npm package.
//!
//! Thin by design: conversions and error mapping only; the logic lives in the core crate.
#![deny(clippy::all)]
// napi-rs registers the exports only outside `cfg(test)`, so a test build sees them unused.
#![cfg_attr(test, allow(dead_code))]

mod card;
mod connectors;
mod convert;
mod errors;
mod gateway;
mod keys;
mod ratelimit;
mod vault;
mod webhook;

use napi_derive::napi;

/// The library version.
#[napi]
pub fn version() -> &'static str {
    revtain::VERSION
}
