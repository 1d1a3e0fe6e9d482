//! Per-key rate limiting (docs/spec.md §2.6): `revtain_rate_limiter_*`, the in-memory limiter.
//!
//! No key is admitted more than `limit` times in any rolling `window`; requests spaced at
//! `window / limit` or more are never refused. One limiter is safe to share between threads.
//! (The Redis store that lets many servers share one limit is in the Python and Node packages
//! and the Rust crate.)

use revtain::args::Number;
use revtain::ratelimit::{self, Decision, RateLimiter, Settings};

use crate::revtain_result;
use crate::util::{ffi_boundary, handle, input, optional_in, out, try_ffi, write_text};

/// The default limit: 60 requests per window.
pub const REVTAIN_RATE_LIMIT_DEFAULT_LIMIT: u32 = 60;
/// The default window, in seconds.
pub const REVTAIN_RATE_LIMIT_DEFAULT_WINDOW: f64 = 60.0;

const _: () = {
    assert!(REVTAIN_RATE_LIMIT_DEFAULT_LIMIT == revtain::ratelimit::DEFAULT_LIMIT);
    assert!(revtain::ratelimit::DEFAULT_WINDOW.as_secs() == 60);
};

/// A keyed rate limiter; made by `revtain_rate_limiter_new`, released by
/// `revtain_rate_limiter_free`. Safe to use from several threads at once.
pub struct revtain_rate_limiter {
    inner: RateLimiter,
}

/// One decision of `revtain_rate_limiter_check`. Durations are in seconds.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct revtain_rate_limit_decision {
    /// Whether the request is admitted (and was counted).
    pub allowed: bool,
    /// The limit per window.
    pub limit: u32,
    /// Admissions left in the window after this decision.
    pub remaining: u32,
    /// Seconds until a request for this key would be admitted; 0 when `allowed`.
    pub retry_after: f64,
    /// Seconds until the key is back to its full limit.
    pub reset_after: f64,
    /// The window, in seconds.
    pub window: f64,
    /// When the decision was made, in unix seconds.
    pub at: f64,
    /// `at + reset_after` in whole unix seconds, rounded up (`X-RateLimit-Reset`).
    pub reset_at: u64,
    /// `retry_after` in whole seconds, rounded up, at least 1 on a refusal (`Retry-After`);
    /// 0 when `allowed`.
    pub retry_after_s: u64,
}

impl From<&Decision> for revtain_rate_limit_decision {
    fn from(d: &Decision) -> Self {
        revtain_rate_limit_decision {
            allowed: d.allowed,
            limit: d.limit,
            remaining: d.remaining,
            retry_after: d.retry_after.as_secs_f64(),
            reset_after: d.reset_after.as_secs_f64(),
            window: d.window.as_secs_f64(),
            at: d.at.as_secs_f64(),
            reset_at: d.reset_at_unix(),
            retry_after_s: if d.allowed {
                0
            } else {
                d.retry_after.as_micros().div_ceil(1_000_000).max(1) as u64
            },
        }
    }
}

/// Makes an in-memory limiter admitting at most `limit` requests per key in any rolling window
/// of `window` seconds (`REVTAIN_RATE_LIMIT_DEFAULT_LIMIT` per
/// `REVTAIN_RATE_LIMIT_DEFAULT_WINDOW` is the usual setting). `limit` is 1 to 1000000 and
/// `window` 0.001 to 31622400 (366 days), else `REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG`. On
/// success `*out_limiter` owns the limiter.
///
/// # Safety
/// `out_limiter` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_rate_limiter_new(
    limit: u32,
    window: f64,
    out_limiter: *mut *mut revtain_rate_limiter,
) -> revtain_result {
    ffi_boundary(|| {
        let slot = try_ffi!(handle::slot(out_limiter));
        let settings = Settings {
            limit: Some(Number::from(limit)),
            window: Some(Number::Float(window)),
            ..Settings::default()
        };
        match settings.build() {
            Ok(inner) => handle::give(revtain_rate_limiter { inner }, slot),
            Err(e) => crate::error::fail(&e),
        }
    })
}

/// Decides one request for `key` (1 to 1024 bytes, any bytes: an API key, a client id) and
/// counts it when it is admitted. `*now` is the time in unix seconds (read to the
/// microsecond); `now == NULL` is the system clock; a negative, NaN or infinite `*now` is
/// `REVTAIN_RESULT_RATE_LIMIT_INVALID_CONFIG`. A refusal is not an error: the result is
/// `REVTAIN_RESULT_OK` and `out->allowed` is false. On any error `*out_decision` is zeroed.
///
/// # Safety
/// `limiter` is a live limiter; `key` is valid for `key_len` bytes; `now` is NULL or readable;
/// `out_decision` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_rate_limiter_check(
    limiter: *const revtain_rate_limiter,
    key: *const u8,
    key_len: usize,
    now: *const f64,
    out_decision: *mut revtain_rate_limit_decision,
) -> revtain_result {
    ffi_boundary(|| {
        let slot = try_ffi!(out(out_decision));
        *slot = revtain_rate_limit_decision::default();
        let limiter = try_ffi!(handle::borrow(limiter));
        let key = try_ffi!(input(key, key_len));
        let decided = match ratelimit::now_from(optional_in(now).map(Number::Float)) {
            Ok(None) => limiter.inner.check(key),
            Ok(Some(now)) => limiter.inner.check_at(key, now),
            Err(e) => Err(e),
        };
        match decided {
            Ok(d) => {
                *slot = (&d).into();
                revtain_result::Ok
            }
            Err(e) => crate::error::fail(&e),
        }
    })
}

/// Writes the response headers of a decision into `buf` as HTTP header lines, NUL-terminated:
///
/// ```text
/// RateLimit-Policy: "default";q=<limit>;w=<window s>\r\n
/// RateLimit: "default";r=<remaining>;t=<seconds until reset>\r\n
/// X-RateLimit-Limit: <limit>\r\n
/// X-RateLimit-Remaining: <remaining>\r\n
/// X-RateLimit-Reset: <epoch seconds>\r\n
/// Retry-After: <seconds>\r\n            (refusals only)
/// ```
///
/// Every duration is in whole seconds, rounded up. 256 bytes always suffice.
///
/// # Safety
/// `decision` is a decision filled by `revtain_rate_limiter_check`; `buf` is valid for `buf_len`
/// bytes; `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_rate_limit_decision_headers(
    decision: *const revtain_rate_limit_decision,
    buf: *mut std::ffi::c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let Some(d) = decision.as_ref() else {
            return revtain_result::NullParameter;
        };
        let ceil = |s: f64| {
            if s <= 0.0 || !s.is_finite() {
                0
            } else {
                s.ceil() as u64
            }
        };
        let mut text = format!(
            "RateLimit-Policy: \"default\";q={};w={}\r\nRateLimit: \"default\";r={};t={}\r\n\
             X-RateLimit-Limit: {}\r\nX-RateLimit-Remaining: {}\r\nX-RateLimit-Reset: {}\r\n",
            d.limit,
            ceil(d.window),
            d.remaining,
            ceil(d.reset_after),
            d.limit,
            d.remaining,
            d.reset_at
        );
        if !d.allowed {
            text.push_str(&format!("Retry-After: {}\r\n", d.retry_after_s.max(1)));
        }
        write_text(text.as_bytes(), buf, buf_len, out_len)
    })
}

/// Frees a limiter made by `revtain_rate_limiter_new`. NULL is allowed.
///
/// # Safety
/// `limiter` is NULL or a limiter not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_rate_limiter_free(limiter: *mut revtain_rate_limiter) {
    let _ = ffi_boundary(|| {
        handle::free(limiter);
        revtain_result::Ok
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// The C header text equals the core's headers for the same decision.
    #[test]
    fn headers_match_the_core() {
        let l = RateLimiter::new(2, Duration::from_secs(60)).unwrap();
        let t = Duration::from_micros(1_700_000_000_250_000);
        for i in 0..4u64 {
            let d = l.check_at("k", t + Duration::from_millis(700 * i)).unwrap();
            let c: revtain_rate_limit_decision = (&d).into();
            let mut buf = [0u8; 256];
            let mut len = 0usize;
            // SAFETY: a live decision, a 256-byte buffer and a length to write.
            let r = unsafe {
                revtain_rate_limit_decision_headers(&c, buf.as_mut_ptr().cast(), 256, &mut len)
            };
            assert_eq!(r, revtain_result::Ok);
            let expected: String = d
                .headers()
                .iter()
                .map(|(n, v)| format!("{n}: {v}\r\n"))
                .collect();
            assert_eq!(std::str::from_utf8(&buf[..len]).unwrap(), expected);
        }
    }
}
