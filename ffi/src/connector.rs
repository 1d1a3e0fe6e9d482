//! Connector verifiers (SPEC §2.4): `revtain_connector_*`, inbound webhooks of billing
//! platforms.
//!
//! One call verifies a webhook of any platform: `revtain_connector_verify` takes the connector
//! name, the request headers as two parallel arrays of NUL-terminated strings, the raw body,
//! the platform secret and `revtain_connector_options`. A verified webhook gives a
//! `revtain_connector_event`; after a refusal `revtain_error_last` says precisely why.

use std::ffi::{c_char, CStr};

use revtain::args::Number;
use revtain::connector::{self, ConnectorError, ConnectorEvent, VerifyOptions};

use crate::revtain_result;
use crate::util::{ffi_boundary, optional_out, out, try_ffi, write_bytes, write_text};

/// The connector names, NUL-terminated, in the order of the core's `CONNECTORS`.
const NAMES: [&CStr; 16] = [
    c"stripe",
    c"chargebee",
    c"recharge",
    c"recurly",
    c"paddle",
    c"braintree",
    c"maxio",
    c"shopify",
    c"gocardless",
    c"checkout",
    c"razorpay",
    c"lemonsqueezy",
    c"square",
    c"paystack",
    c"adyen",
    c"standard",
];

/// Options of `revtain_connector_verify`. A NULL options pointer, a zero-initialised struct
/// (`revtain_connector_options o = {0};`) and one set by `revtain_connector_options_init` all
/// mean the defaults: the connector's own replay window, the system clock, no notification URL
/// and no public key. The strings are borrowed for the duration of the call only.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct revtain_connector_options {
    /// Whether `tolerance` is set; false means the connector's default window (300 s for
    /// `stripe`, `recurly`, `paddle`, `standard`; 48 h for timestamped `recharge`).
    pub has_tolerance: bool,
    /// The replay window in seconds, applied both ways (past and future), inclusive; used
    /// only when `has_tolerance` is true. Schemes that sign no timestamp ignore it.
    pub tolerance: u64,
    /// Whether `now` is set; false means the system clock.
    pub has_now: bool,
    /// The current time in unix seconds; used only when `has_now` is true.
    pub now: u64,
    /// The notification URL exactly as configured on the platform, NUL-terminated UTF-8, or
    /// NULL for none. `square` signs it and needs it.
    pub notification_url: *const c_char,
    /// The merchant's public key, NUL-terminated UTF-8, or NULL for none. `braintree` needs it
    /// to pick the signature to check.
    pub public_key: *const c_char,
}

impl Default for revtain_connector_options {
    fn default() -> Self {
        revtain_connector_options {
            has_tolerance: false,
            tolerance: 0,
            has_now: false,
            now: 0,
            notification_url: std::ptr::null(),
            public_key: std::ptr::null(),
        }
    }
}

/// A verified connector webhook, made by `revtain_connector_verify` and released by
/// `revtain_connector_event_free`.
pub struct revtain_connector_event {
    /// The connector's name, NUL-terminated (one of `NAMES`).
    connector: &'static CStr,
    inner: ConnectorEvent,
}

/// Sets `*options` to the defaults (the same as zero-initialising it). NULL is ignored.
///
/// # Safety
/// `options` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_connector_options_init(options: *mut revtain_connector_options) {
    if let Some(o) = options.as_mut() {
        *o = revtain_connector_options::default();
    }
}

/// The number of connectors `revtain_connector_name` lists (16).
#[no_mangle]
pub extern "C" fn revtain_connector_count() -> usize {
    NAMES.len()
}

/// The name of connector `index` (0 to `revtain_connector_count() - 1`), a static
/// NUL-terminated string such as `"stripe"` that the caller must not free; NULL past the end.
#[no_mangle]
pub extern "C" fn revtain_connector_name(index: usize) -> *const c_char {
    NAMES.get(index).map_or(std::ptr::null(), |n| n.as_ptr())
}

/// A header name and value, as bytes.
type Header<'a> = (&'a [u8], &'a [u8]);

/// Borrows `n` header name/value pairs of NUL-terminated strings (as bytes: a value that is not
/// UTF-8 is the connector's to judge).
unsafe fn headers<'a>(
    names: *const *const c_char,
    values: *const *const c_char,
    n: usize,
) -> Result<Vec<Header<'a>>, revtain_result> {
    if n == 0 {
        return Ok(Vec::new());
    }
    if names.is_null() || values.is_null() {
        return Err(revtain_result::NullParameter);
    }
    let text = |p: *const c_char| {
        if p.is_null() {
            Err(revtain_result::NullParameter)
        } else {
            Ok(CStr::from_ptr(p).to_bytes())
        }
    };
    std::slice::from_raw_parts(names, n)
        .iter()
        .zip(std::slice::from_raw_parts(values, n))
        .map(|(&k, &v)| Ok((text(k)?, text(v)?)))
        .collect()
}

/// The connector's options, or why they cannot be used (the core checks the numbers).
unsafe fn verify_options<'a>(
    connector: &'static str,
    options: *const revtain_connector_options,
) -> Result<VerifyOptions<'a>, ConnectorError> {
    let Some(o) = options.as_ref() else {
        return Ok(VerifyOptions::default());
    };
    let text =
        |p: *const c_char, reason: &'static str| -> Result<Option<&'a str>, ConnectorError> {
            if p.is_null() {
                return Ok(None);
            }
            CStr::from_ptr(p)
                .to_str()
                .map(Some)
                .map_err(|_| ConnectorError::InvalidOptions {
                    connector,
                    reason: reason.into(),
                })
        };
    VerifyOptions::from_host(
        connector,
        o.has_tolerance.then_some(Number::from(o.tolerance)),
        o.has_now.then_some(Number::from(o.now)),
        text(o.notification_url, "the notification URL is not UTF-8")?,
        text(o.public_key, "the public key is not UTF-8")?,
    )
}

/// Verifies a webhook of the billing platform `name` (one of `revtain_connector_name`'s, for
/// example `"stripe"`; NUL-terminated).
///
/// - `header_names[i]: header_values[i]` for `i < n_headers` are the request's headers as
///   received, each a NUL-terminated string (names are matched case-insensitively, values
///   have surrounding spaces and tabs trimmed; a header the scheme reads that is present twice
///   is malformed). The arrays may be NULL when `n_headers` is 0.
/// - `body` is the raw body exactly as received, never re-serialised (NULL if `body_len` is 0).
/// - `secret` is the platform secret exactly as configured (`whsec_…` for Stripe, hex for
///   Adyen, `user:password` for Chargebee, …), NUL-terminated; the connector decodes it if its
///   scheme says so.
/// - `options` may be NULL for the defaults (see `revtain_connector_options`).
///
/// On success `*out_event` owns a new event (free it with `revtain_connector_event_free`);
/// `out_event` may be NULL when the event is not wanted. On failure `*out_event` is NULL and
/// the result is a `REVTAIN_RESULT_CONNECTOR_*` code: `_UNKNOWN` (also for a name that is not
/// UTF-8; the name is never repeated), `_HEADER_MISSING`, `_HEADER_MALFORMED`,
/// `_TIMESTAMP_OUT_OF_TOLERANCE` (the signature is genuine: a replay, or a clock that is off),
/// `_SIGNATURE_MISMATCH`, `_INVALID_SECRET`, `_INVALID_OPTIONS` (also for an option string that
/// is not UTF-8, or a `now` past the year 9999), `_PAYLOAD_MALFORMED`; `revtain_error_last` then
/// says which header, the age and window, and the full message. NULL `name`, `secret`, header
/// arrays (with `n_headers > 0`), header entries or `body` (with `body_len > 0`) give
/// `REVTAIN_RESULT_NULL_PARAMETER`.
///
/// # Safety
/// `name` and `secret` are NUL-terminated; `header_names` and `header_values` hold `n_headers`
/// NUL-terminated strings each; `body` is valid for `body_len` bytes; `options` is NULL or a
/// valid struct whose strings are NULL or NUL-terminated; `out_event` is NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn revtain_connector_verify(
    name: *const c_char,
    header_names: *const *const c_char,
    header_values: *const *const c_char,
    n_headers: usize,
    body: *const u8,
    body_len: usize,
    secret: *const c_char,
    options: *const revtain_connector_options,
    out_event: *mut *mut revtain_connector_event,
) -> revtain_result {
    ffi_boundary(|| {
        if let Some(slot) = out_event.as_mut() {
            *slot = std::ptr::null_mut();
        }
        if name.is_null() || secret.is_null() {
            return revtain_result::NullParameter;
        }
        let headers = try_ffi!(headers(header_names, header_values, n_headers));
        let body = try_ffi!(crate::util::input(body, body_len));
        let secret = CStr::from_ptr(secret).to_bytes();
        let name = CStr::from_ptr(name);
        let outcome = match name.to_str().ok().and_then(connector::connector) {
            // A name that is not UTF-8 is unknown too.
            None => Err(ConnectorError::Unknown),
            Some(c) => verify_options(c.name(), options)
                .and_then(|o| connector::verify(c.name(), &headers, body, secret, &o)),
        };
        match outcome {
            Ok(event) => {
                if let Some(slot) = out_event.as_mut() {
                    let connector = NAMES
                        .iter()
                        .copied()
                        .find(|n| n.to_bytes() == event.connector.as_bytes())
                        .unwrap_or(c"");
                    *slot = Box::into_raw(Box::new(revtain_connector_event {
                        connector,
                        inner: event,
                    }));
                }
                revtain_result::Ok
            }
            Err(e) => crate::error::fail(&e),
        }
    })
}

/// The connector that verified `event`, a static NUL-terminated name (do not free); NULL for a
/// NULL event.
///
/// # Safety
/// `event` is NULL or a live event.
#[no_mangle]
pub unsafe extern "C" fn revtain_connector_event_connector(
    event: *const revtain_connector_event,
) -> *const c_char {
    event
        .as_ref()
        .map_or(std::ptr::null(), |e| e.connector.as_ptr())
}

/// Whether the scheme signs a timestamp (`stripe`, timestamped `recharge`, `recurly`, `paddle`,
/// `standard`); if so `*out_timestamp` (when not NULL) is it in unix seconds (Recurly's
/// milliseconds divided by 1000, rounded down), else 0. False for a NULL event.
///
/// # Safety
/// `event` is NULL or a live event; `out_timestamp` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_connector_event_timestamp(
    event: *const revtain_connector_event,
    out_timestamp: *mut u64,
) -> bool {
    optional_out(
        event.as_ref().and_then(|e| e.inner.timestamp),
        out_timestamp,
    )
}

/// Whether the event has an id (Standard Webhooks `webhook-id`, signed; Shopify
/// `X-Shopify-Webhook-Id`; Razorpay `X-Razorpay-Event-Id`). False for a NULL event.
///
/// # Safety
/// `event` is NULL or a live event.
#[no_mangle]
pub unsafe extern "C" fn revtain_connector_event_has_id(
    event: *const revtain_connector_event,
) -> bool {
    event.as_ref().is_some_and(|e| e.inner.id.is_some())
}

/// Writes the event id into `buf`, NUL-terminated (the text-output convention: pass
/// `NULL, 0` to learn the length first; `REVTAIN_RESULT_INSUFFICIENT_SIZE` writes nothing).
/// An event without an id (`revtain_connector_event_has_id`) writes the empty string. A NULL
/// event or `out_len` is `REVTAIN_RESULT_NULL_PARAMETER`.
///
/// # Safety
/// `event` is NULL or a live event; `buf` is valid for `buf_len` bytes; `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_connector_event_id(
    event: *const revtain_connector_event,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        try_ffi!(out(out_len));
        let Some(e) = event.as_ref() else {
            return revtain_result::NullParameter;
        };
        let id = e.inner.id.as_deref().unwrap_or("");
        write_text(id.as_bytes(), buf, buf_len, out_len)
    })
}

/// Whether the body carried the message inside it (Braintree's `bt_payload`); false when the
/// body itself is the message, and for a NULL event.
///
/// # Safety
/// `event` is NULL or a live event.
#[no_mangle]
pub unsafe extern "C" fn revtain_connector_event_has_payload(
    event: *const revtain_connector_event,
) -> bool {
    event.as_ref().is_some_and(|e| e.inner.payload.is_some())
}

/// Writes the payload a form-encoded scheme carries (Braintree: the base64-decoded
/// `bt_payload`, XML) into `buf`, as bytes without a NUL (the byte-output convention: pass
/// `NULL, 0` to learn the length first; `REVTAIN_RESULT_INSUFFICIENT_SIZE` writes nothing).
/// An event without one (`revtain_connector_event_has_payload`) writes 0 bytes: the body
/// itself is the message. A NULL event or `out_len` is `REVTAIN_RESULT_NULL_PARAMETER`.
///
/// # Safety
/// `event` is NULL or a live event; `buf` is valid for `buf_len` bytes; `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_connector_event_payload(
    event: *const revtain_connector_event,
    buf: *mut u8,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        try_ffi!(out(out_len));
        let Some(e) = event.as_ref() else {
            return revtain_result::NullParameter;
        };
        write_bytes(
            e.inner.payload.as_deref().unwrap_or(&[]),
            buf,
            buf_len,
            out_len,
        )
    })
}

/// Frees an event made by `revtain_connector_verify`. NULL is allowed.
///
/// # Safety
/// `event` is NULL or a pointer from `revtain_connector_verify`, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_connector_event_free(event: *mut revtain_connector_event) {
    if !event.is_null() {
        let _ = ffi_boundary(|| {
            drop(Box::from_raw(event));
            revtain_result::Ok
        });
    }
}
