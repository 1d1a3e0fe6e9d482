//! C interface to the Revtain security core.
//!
//! Conventions, for every function in `include/revtain.h`:
//!
//! - Every fallible function returns a `revtain_result`; `REVTAIN_RESULT_OK` is 0.
//! - Byte inputs are `(const uint8_t *, size_t)` and text inputs `(const char *, size_t)`; the
//!   text need not be NUL-terminated. A NULL pointer is allowed only with a length of 0.
//! - Text outputs go into a caller buffer `(char *buf, size_t buf_len, size_t *out_len)`: on
//!   success the text and a terminating NUL are written and `*out_len` is the text's length
//!   without the NUL (as `snprintf` counts). When the buffer is too small nothing is written,
//!   the result is `REVTAIN_RESULT_INSUFFICIENT_SIZE` and `*out_len` is the text's length
//!   again, so the buffer needs `*out_len + 1` bytes. Pass `buf = NULL, buf_len = 0` to ask for
//!   the size first. Byte outputs work the same way without the NUL.
//! - No panic crosses the boundary (`REVTAIN_RESULT_PANIC`), and a NULL where a pointer is
//!   required gives `REVTAIN_RESULT_NULL_PARAMETER`, never a crash.
//!
//! All unsafe code of the project lives in this crate, but for the raw N-API calls of the Node
//! binding (`bindings/node/src/raw.rs`).
// The C boundary: the one crate whose job is unsafe code (the workspace denies it elsewhere).
#![allow(unsafe_code)]
#![allow(non_camel_case_types)]
#![deny(missing_docs)]

pub mod api_key;
pub mod card;
pub mod connector;
mod error;
#[cfg(test)]
mod generate;
pub mod ratelimit;
mod result;
#[rustfmt::skip]
mod result_codes;
pub mod retry;
pub mod secret_alert;
mod util;
pub mod vault;
pub mod webhook;

pub use error::*;
pub use result::{revtain_result, revtain_result_message, revtain_result_name};

use std::ffi::c_char;

/// The library version as a static NUL-terminated string, for example `"0.1.0"`.
#[no_mangle]
pub extern "C" fn revtain_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
