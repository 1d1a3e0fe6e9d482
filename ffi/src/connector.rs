//! Connector verifiers (docs/spec.md §2.4): `revtain_connector_*`, inbound webhooks of billing
//! platforms.
//!
//! One call verifies a webhook of any platform: `revtain_connector_verify` takes the connector
//! name, the request headers (an array of `revtain_header`), the raw body, the platform secret
//! and `revtain_connector_options`. A verified webhook gives a
//! `revtain_connector_event`; after a refusal `revtain_error_last` says precisely why.

use std::ffi::{c_char, CStr};

use revtain::args::Number;
use revtain::connector::{self, ConnectorError, ConnectorEvent, VerifyOptions};

use crate::revtain_result;
use crate::util::{
    ffi_boundary, handle, header_pairs, input, optional_out, out, revtain_header, revtain_str,
    try_ffi, write_bytes, write_text,
};

/// An option text that is not given.
const NO_TEXT: revtain_str = revtain_str {
    ptr: std::ptr::null(),
    len: 0,
};

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
    /// The notification URL exactly as configured on the platform (UTF-8), or `{NULL, 0}` for
    /// none. `square` signs it and needs it.
    pub notification_url: revtain_str,
    /// The merchant's public key (UTF-8), or `{NULL, 0}` for none. `braintree` needs it to
    /// pick the signature to check.
    pub public_key: revtain_str,
    /// Accept only a webhook whose signature covers a timestamp: `recharge`'s timestamped header
    /// is then required (`REVTAIN_RESULT_CONNECTOR_HEADER_MISSING` without it), and for a scheme
    /// that signs none the result is `REVTAIN_RESULT_CONNECTOR_INVALID_OPTIONS`.
    pub require_timestamp: bool,
}

impl Default for revtain_connector_options {
    fn default() -> Self {
        revtain_connector_options {
            has_tolerance: false,
            tolerance: 0,
            has_now: false,
            now: 0,
            notification_url: NO_TEXT,
            public_key: NO_TEXT,
            require_timestamp: false,
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

/// The connector's options, or why they cannot be used (the core checks the numbers).
unsafe fn verify_options<'a>(
    connector: &'static str,
    options: *const revtain_connector_options,
) -> Result<VerifyOptions<'a>, ConnectorError> {
    let Some(o) = options.as_ref() else {
        return Ok(VerifyOptions::default());
    };
    // `{NULL, 0}` is "not given"; an empty text is given and empty (the core judges it). A NULL
    // with a length was refused by `revtain_connector_verify` before.
    let text = |t: revtain_str, reason: &'static str| -> Result<Option<&'a str>, ConnectorError> {
        if t.ptr.is_null() && t.len == 0 {
            return Ok(None);
        }
        let bytes = t.bytes().unwrap_or_default();
        std::str::from_utf8(bytes)
            .map(Some)
            .map_err(|_| ConnectorError::InvalidOptions {
                connector,
                reason: reason.into(),
            })
    };
    let mut options = VerifyOptions::from_host(
        connector,
        o.has_tolerance.then_some(Number::from(o.tolerance)),
        o.has_now.then_some(Number::from(o.now)),
        text(o.notification_url, "the notification URL is not UTF-8")?,
        text(o.public_key, "the public key is not UTF-8")?,
    )?;
    options.require_timestamp = o.require_timestamp;
    Ok(options)
}

/// Verifies a webhook of the billing platform `(name, name_len)` (one of
/// `revtain_connector_name`'s, for example `"stripe"`).
///
/// - `headers[i]` for `i < n_headers` are the request's headers as received (names are matched
///   case-insensitively, values have surrounding spaces and tabs trimmed; a header the scheme
///   reads that is present twice is malformed). `headers` may be NULL when `n_headers` is 0.
/// - `body` is the raw body exactly as received, never re-serialised (NULL if `body_len` is 0).
/// - `secret` is the platform secret exactly as configured (`whsec_…` for Stripe, hex for
///   Adyen, `user:password` for Chargebee, …); the connector decodes it if its scheme says so.
/// - `options` may be NULL for the defaults (see `revtain_connector_options`).
///
/// On success `*out_event` owns a new event (free it with `revtain_connector_event_free`);
/// `out_event` may be NULL when the event is not wanted. On failure `*out_event` is NULL and
/// the result is a `REVTAIN_RESULT_CONNECTOR_*` code: `_UNKNOWN` (also for a name that is not
/// UTF-8; the name is never repeated), `_HEADER_MISSING`, `_HEADER_MALFORMED`,
/// `_TIMESTAMP_OUT_OF_TOLERANCE` (the signature is genuine: a replay, or a clock that is off),
/// `_SIGNATURE_MISMATCH`, `_INVALID_SECRET`, `_INVALID_OPTIONS` (also for an option text that
/// is not UTF-8, or a `now` past the year 9999), `_PAYLOAD_MALFORMED`; `revtain_error_last` then
/// says which header, the age and window, and the full message. A NULL pointer with a non-zero
/// length (name, secret, headers, a header's text, body) gives
/// `REVTAIN_RESULT_NULL_PARAMETER`.
///
/// # Safety
/// Each pointer is NULL (with a length of 0) or valid for its length: `name` for `name_len`
/// bytes, `headers` for `n_headers` entries and each of their texts, `body` for `body_len`,
/// `secret` for `secret_len`; `options` is NULL or a valid struct; `out_event` is NULL or
/// writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn revtain_connector_verify(
    name: *const c_char,
    name_len: usize,
    headers: *const revtain_header,
    n_headers: usize,
    body: *const u8,
    body_len: usize,
    secret: *const u8,
    secret_len: usize,
    options: *const revtain_connector_options,
    out_event: *mut *mut revtain_connector_event,
) -> revtain_result {
    ffi_boundary(|| {
        if let Some(slot) = out_event.as_mut() {
            *slot = std::ptr::null_mut();
        }
        let name = try_ffi!(input(name, name_len));
        let headers = try_ffi!(header_pairs(headers, n_headers));
        let body = try_ffi!(input(body, body_len));
        let secret = try_ffi!(input(secret, secret_len));
        // Option texts follow the text convention too: NULL with a length is a NULL parameter.
        if let Some(o) = options.as_ref() {
            try_ffi!(o.notification_url.bytes());
            try_ffi!(o.public_key.bytes());
        }
        let outcome = match std::str::from_utf8(name)
            .ok()
            .and_then(connector::connector)
        {
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
                    handle::give(
                        revtain_connector_event {
                            connector,
                            inner: event,
                        },
                        slot,
                    );
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
    let _ = ffi_boundary(|| {
        handle::free(event);
        revtain_result::Ok
    });
}
