//! `revtain._native`: the PyO3 module behind the pure-Python `revtain` package.
//!
//! Thin by design: conversions and error mapping only; the logic lives in the core crate.
//! No `unsafe` here: the only unsafe code outside `ffi/` is the Node binding's `raw.rs`.
#![forbid(unsafe_code)]

use pyo3::prelude::*;

mod api_key;
mod card;
mod connector;
mod convert;
mod errors;
mod ratelimit;
mod retry;
mod secret_alert;
mod vault;
mod webhook;

#[pymodule(gil_used = false)]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", revtain::VERSION)?;
    m.add_function(wrap_pyfunction!(errors::error_kinds, m)?)?;
    api_key::register(m)?;
    card::register(m)?;
    vault::register(m)?;
    webhook::register(m)?;
    connector::register(m)?;
    ratelimit::register(m)?;
    retry::register(m)?;
    secret_alert::register(m)?;
    Ok(())
}
