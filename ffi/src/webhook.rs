//! Revtain webhooks (SPEC §2.3): `revtain_webhook_*`.
//!
//! Secrets are passed as an array of `n_secrets` NUL-terminated strings (`whsec_…`), several
//! while rotating. A verifier that checks many requests with the same secrets can key them once
//! in a `revtain_webhook_verifier`.

use std::ffi::{c_char, CStr};

use revtain::webhook::{self, SignatureHeader, Webhook, WebhookError, WebhookSigner};

use crate::revtain_result;
use crate::util::{ffi_boundary, input, out, try_ffi, write_generated, write_text};

/// Length of a signing secret in characters: `whsec_` and 44 base64 characters.
pub const REVTAIN_WEBHOOK_SECRET_LEN: usize = 50;
/// Bytes `revtain_webhook_secret_generate` writes, with the NUL (`whsec_` + 44 + 1).
pub const REVTAIN_WEBHOOK_SECRET_BUF_SIZE: usize = 51;
/// The default tolerance, in seconds, in both directions.
pub const REVTAIN_WEBHOOK_DEFAULT_TOLERANCE: u64 = 300;

// Literals above so that cbindgen can write them into the header; checked against the core.
const _: () = {
    // 32 bytes are 44 characters of padded base64.
    assert!(
        REVTAIN_WEBHOOK_SECRET_LEN
            == webhook::SECRET_PREFIX.len() + webhook::SECRET_BYTES.div_ceil(3) * 4
    );
    assert!(REVTAIN_WEBHOOK_SECRET_BUF_SIZE == REVTAIN_WEBHOOK_SECRET_LEN + 1);
    assert!(REVTAIN_WEBHOOK_DEFAULT_TOLERANCE == webhook::DEFAULT_TOLERANCE);
};

fn err(e: WebhookError) -> revtain_result {
    crate::error::fail(&e)
}

/// Borrows `n` NUL-terminated strings.
unsafe fn secrets<'a>(
    secrets: *const *const c_char,
    n: usize,
) -> Result<Vec<&'a [u8]>, revtain_result> {
    if n == 0 {
        return Ok(Vec::new());
    }
    if secrets.is_null() {
        return Err(revtain_result::NullParameter);
    }
    std::slice::from_raw_parts(secrets, n)
        .iter()
        .map(|&p| {
            if p.is_null() {
                Err(revtain_result::NullParameter)
            } else {
                Ok(CStr::from_ptr(p).to_bytes())
            }
        })
        .collect()
}

/// Generates a signing secret (`whsec_` + base64 of 32 random bytes) into `buf`,
/// NUL-terminated (`REVTAIN_WEBHOOK_SECRET_BUF_SIZE` bytes suffice).
///
/// # Safety
/// `buf` is valid for `buf_len` bytes; `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_secret_generate(
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| write_generated(webhook::generate_webhook_secret(), buf, buf_len, out_len))
}

/// Signs `body` as Revtain does and writes the four headers into `buf` as HTTP header lines,
/// NUL-terminated:
///
/// ```text
/// X-Revtain-Signature: t=<timestamp>,v1=<hex>[,v1=<hex>]\r\n
/// webhook-id: <event_id>\r\n
/// webhook-timestamp: <timestamp>\r\n
/// webhook-signature: v1,<base64>[ v1,<base64>]\r\n
/// ```
///
/// one `v1` per secret. `event_id` is 1 to 256 visible ASCII characters (NUL-terminated);
/// `timestamp` is unix seconds. Pass `buf = NULL, buf_len = 0` to learn the size first.
///
/// # Safety
/// `secrets` holds `n_secrets` NUL-terminated strings; `body` is valid for `body_len` bytes
/// (NULL if 0); `event_id` is NUL-terminated; outputs are writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn revtain_webhook_sign(
    secrets: *const *const c_char,
    n_secrets: usize,
    body: *const u8,
    body_len: usize,
    event_id: *const c_char,
    timestamp: u64,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        try_ffi!(out(out_len));
        let secrets = try_ffi!(self::secrets(secrets, n_secrets));
        let body = try_ffi!(input(body, body_len));
        if event_id.is_null() {
            return revtain_result::NullParameter;
        }
        let Ok(event_id) = CStr::from_ptr(event_id).to_str() else {
            return revtain_result::WebhookInvalidEventId;
        };
        let signer = match WebhookSigner::new(&secrets) {
            Ok(s) => s,
            Err(e) => return err(e),
        };
        let timestamp = match webhook::unix_seconds_from(Some(timestamp.into()), "timestamp") {
            Ok(t) => t,
            Err(e) => return err(e),
        };
        match signer.sign(body, event_id, timestamp) {
            Ok(headers) => {
                let mut text = String::new();
                for (name, value) in headers.iter() {
                    text.push_str(name);
                    text.push_str(": ");
                    text.push_str(value);
                    text.push_str("\r\n");
                }
                write_text(text.as_bytes(), buf, buf_len, out_len)
            }
            Err(e) => err(e),
        }
    })
}

/// Writes the `X-Revtain-Signature` value alone (`t=<timestamp>,v1=<hex>[,v1=<hex>]…`, one
/// `v1` per secret) for `body` at `timestamp` (unix seconds) into `buf`, NUL-terminated: for
/// callers that send only Revtain's header. Pass `buf = NULL, buf_len = 0` to learn the size
/// first.
///
/// # Safety
/// `secrets` holds `n_secrets` NUL-terminated strings; `body` is valid for `body_len` bytes
/// (NULL if 0); outputs are writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn revtain_webhook_signature_header(
    secrets: *const *const c_char,
    n_secrets: usize,
    body: *const u8,
    body_len: usize,
    timestamp: u64,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        try_ffi!(out(out_len));
        let secrets = try_ffi!(self::secrets(secrets, n_secrets));
        let body = try_ffi!(input(body, body_len));
        let timestamp = match webhook::unix_seconds_from(Some(timestamp.into()), "timestamp") {
            Ok(t) => t,
            Err(e) => return err(e),
        };
        match WebhookSigner::new(&secrets) {
            Ok(signer) => write_text(
                signer.signature_header(body, timestamp).as_bytes(),
                buf,
                buf_len,
                out_len,
            ),
            Err(e) => err(e),
        }
    })
}

/// Verifies with a keyed verifier; the body of both verify functions.
///
/// # Safety
/// `signature_header` is NULL or NUL-terminated; `out_timestamp` is NULL or writable.
unsafe fn verify_with(
    verifier: &Webhook,
    body: &[u8],
    signature_header: *const c_char,
    now: u64,
    out_timestamp: *mut u64,
) -> revtain_result {
    if signature_header.is_null() {
        return revtain_result::WebhookHeaderMissing;
    }
    let header = CStr::from_ptr(signature_header).to_bytes();
    let now = match webhook::unix_seconds_from((now != 0).then_some(now.into()), "now") {
        Ok(now) => now,
        Err(e) => return err(e),
    };
    match verifier.verify_signature(body, header, now) {
        Ok(t) => {
            if let Some(slot) = out_timestamp.as_mut() {
                *slot = t;
            }
            revtain_result::Ok
        }
        Err(e @ WebhookError::TimestampOutOfTolerance { .. }) => {
            // The age the error carries saturates at the i64 range; the header's own
            // timestamp is exact.
            if let (Some(slot), Ok(parsed)) =
                (out_timestamp.as_mut(), SignatureHeader::parse(header))
            {
                *slot = parsed.timestamp;
            }
            err(e)
        }
        Err(e) => err(e),
    }
}

/// Verifies the raw `body` (as received, never re-serialised) against the
/// `X-Revtain-Signature` value `signature_header` (NUL-terminated) with one or several
/// secrets, at `now` (unix seconds; 0 means the system clock), allowing `tolerance_s` seconds
/// in both directions (`REVTAIN_WEBHOOK_DEFAULT_TOLERANCE` is the usual value).
///
/// On success `*out_timestamp` is the verified timestamp. `signature_header == NULL` gives
/// `REVTAIN_RESULT_WEBHOOK_HEADER_MISSING`, so the result of a header lookup can be passed
/// straight in. On `REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE` the signature was
/// genuine and `*out_timestamp` is its timestamp (the age is `now - *out_timestamp`); on every
/// other error it is 0. `REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH` most often means a
/// re-serialised body or the wrong secret. `out_timestamp` may be NULL.
///
/// Each call decodes and keys the secrets; `revtain_webhook_verifier_new` does that once.
///
/// # Safety
/// `body` is valid for `body_len` bytes (NULL if 0); `signature_header` is NULL or
/// NUL-terminated; `secrets` holds `n_secrets` NUL-terminated strings; `out_timestamp` is NULL
/// or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_verify(
    body: *const u8,
    body_len: usize,
    signature_header: *const c_char,
    secrets: *const *const c_char,
    n_secrets: usize,
    tolerance_s: u64,
    now: u64,
    out_timestamp: *mut u64,
) -> revtain_result {
    ffi_boundary(|| {
        if let Some(slot) = out_timestamp.as_mut() {
            *slot = 0;
        }
        let body = try_ffi!(input(body, body_len));
        let secrets = try_ffi!(self::secrets(secrets, n_secrets));
        let verifier = match Webhook::new(&secrets) {
            Ok(w) => w.with_tolerance(tolerance_s),
            Err(e) => return err(e),
        };
        verify_with(&verifier, body, signature_header, now, out_timestamp)
    })
}

/// A webhook verifier with its secrets decoded and keyed once; made by
/// `revtain_webhook_verifier_new`, released by `revtain_webhook_verifier_free`. The keys are
/// wiped when it is freed. Safe to use from several threads at once.
pub struct revtain_webhook_verifier {
    inner: Webhook,
}

/// Makes a verifier for one secret, or several while rotating (`n_secrets` NUL-terminated
/// `whsec_…` strings, copied: the caller may free them afterwards), allowing `tolerance_s`
/// seconds in both directions (`REVTAIN_WEBHOOK_DEFAULT_TOLERANCE` is the usual value). On
/// success `*out_verifier` owns the object; on failure it is NULL.
///
/// # Safety
/// `secrets` holds `n_secrets` NUL-terminated strings; `out_verifier` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_verifier_new(
    secrets: *const *const c_char,
    n_secrets: usize,
    tolerance_s: u64,
    out_verifier: *mut *mut revtain_webhook_verifier,
) -> revtain_result {
    ffi_boundary(|| {
        let slot = try_ffi!(out(out_verifier));
        *slot = std::ptr::null_mut();
        let secrets = try_ffi!(self::secrets(secrets, n_secrets));
        match Webhook::new(&secrets) {
            Ok(w) => {
                *slot = Box::into_raw(Box::new(revtain_webhook_verifier {
                    inner: w.with_tolerance(tolerance_s),
                }));
                revtain_result::Ok
            }
            Err(e) => err(e),
        }
    })
}

/// Verifies like `revtain_webhook_verify`, with the verifier's secrets and tolerance:
/// `signature_header == NULL` gives `REVTAIN_RESULT_WEBHOOK_HEADER_MISSING`, `now == 0` means
/// the system clock, and `*out_timestamp` (when not NULL) is the verified timestamp, or the
/// signed one on `REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE`, or 0.
///
/// # Safety
/// `verifier` is a live object; `body` is valid for `body_len` bytes (NULL if 0);
/// `signature_header` is NULL or NUL-terminated; `out_timestamp` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_verifier_verify(
    verifier: *const revtain_webhook_verifier,
    body: *const u8,
    body_len: usize,
    signature_header: *const c_char,
    now: u64,
    out_timestamp: *mut u64,
) -> revtain_result {
    ffi_boundary(|| {
        if let Some(slot) = out_timestamp.as_mut() {
            *slot = 0;
        }
        let verifier = &try_ffi!(verifier.as_ref().ok_or(revtain_result::NullParameter)).inner;
        let body = try_ffi!(input(body, body_len));
        verify_with(verifier, body, signature_header, now, out_timestamp)
    })
}

/// Verifies like `revtain_webhook_verifier_verify` and, when that fails, writes what most likely
/// went wrong (a re-serialised body, a lost or added newline, Stripe-style keying,
/// milliseconds, …) into `buf`, one sentence per line (`\n`-separated), by the text-output
/// convention; empty when the webhook verifies. The same findings as the CLI's
/// `revtain webhook verify` and the Python and Node.js `Webhook.diagnose`. For debugging: it signs
/// the body a few dozen ways.
///
/// # Safety
/// `verifier` is a live object; `body` is valid for `body_len` bytes (NULL if 0);
/// `signature_header` is NULL or NUL-terminated; `buf` is valid for `buf_len` bytes; `out_len`
/// is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_verifier_diagnose(
    verifier: *const revtain_webhook_verifier,
    body: *const u8,
    body_len: usize,
    signature_header: *const c_char,
    now: u64,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        try_ffi!(out(out_len));
        let verifier = &try_ffi!(verifier.as_ref().ok_or(revtain_result::NullParameter)).inner;
        let body = try_ffi!(input(body, body_len));
        let header = if signature_header.is_null() {
            &[][..]
        } else {
            CStr::from_ptr(signature_header).to_bytes()
        };
        let now = match webhook::unix_seconds_from((now != 0).then_some(now.into()), "now") {
            Ok(now) => now,
            Err(e) => return err(e),
        };
        let hints = verifier.diagnose(body, header, now).join("\n");
        write_text(hints.as_bytes(), buf, buf_len, out_len)
    })
}

/// Frees a verifier made by `revtain_webhook_verifier_new`. NULL is allowed.
///
/// # Safety
/// `verifier` is NULL or a pointer from `revtain_webhook_verifier_new`, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_verifier_free(verifier: *mut revtain_webhook_verifier) {
    if !verifier.is_null() {
        let _ = ffi_boundary(|| {
            drop(Box::from_raw(verifier));
            revtain_result::Ok
        });
    }
}

/// A Revtain event parsed from a webhook body by `revtain_webhook_event_parse`; released by
/// `revtain_webhook_event_free`. Its strings live as long as it does.
pub struct revtain_webhook_event {
    /// Each text NUL-terminated; the length without the NUL is `len() - 1`.
    id: Vec<u8>,
    event_type: Vec<u8>,
    data: Vec<u8>,
    created: i64,
}

fn with_nul(text: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(text.len() + 1);
    v.extend_from_slice(text.as_bytes());
    v.push(0);
    v
}

/// Parses a webhook body as a Revtain event (`{"id", "type", "created", "data"}`). This checks
/// the shape only: call it after `revtain_webhook_verify` has accepted the same bytes. On
/// success `*out_event` owns the event; a body that is not an event is
/// `REVTAIN_RESULT_WEBHOOK_INVALID_PAYLOAD` and `*out_event` is NULL.
///
/// # Safety
/// `body` is valid for `body_len` bytes (NULL if 0); `out_event` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_event_parse(
    body: *const u8,
    body_len: usize,
    out_event: *mut *mut revtain_webhook_event,
) -> revtain_result {
    ffi_boundary(|| {
        let slot = try_ffi!(out(out_event));
        *slot = std::ptr::null_mut();
        let body = try_ffi!(input(body, body_len));
        match webhook::Event::parse(body) {
            Ok(e) => {
                *slot = Box::into_raw(Box::new(revtain_webhook_event {
                    id: with_nul(&e.id),
                    event_type: with_nul(&e.event_type),
                    data: with_nul(e.data_json()),
                    created: e.created,
                }));
                revtain_result::Ok
            }
            Err(e) => err(e),
        }
    })
}

unsafe fn text_of(text: Option<&Vec<u8>>, len: *mut usize) -> *const c_char {
    match text {
        Some(t) => {
            if let Some(slot) = len.as_mut() {
                *slot = t.len() - 1;
            }
            t.as_ptr().cast()
        }
        None => {
            if let Some(slot) = len.as_mut() {
                *slot = 0;
            }
            std::ptr::null()
        }
    }
}

/// The event id (`evt_…`), NUL-terminated and owned by the event; its length in `*len` when
/// `len` is not NULL (the id may hold a NUL: JSON allows `\u0000`). NULL for a NULL event.
///
/// # Safety
/// `event` is NULL or a live event; `len` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_event_id(
    event: *const revtain_webhook_event,
    len: *mut usize,
) -> *const c_char {
    text_of(event.as_ref().map(|e| &e.id), len)
}

/// The event type (for example `payment.recovered`), as `revtain_webhook_event_id`.
///
/// # Safety
/// `event` is NULL or a live event; `len` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_event_type(
    event: *const revtain_webhook_event,
    len: *mut usize,
) -> *const c_char {
    text_of(event.as_ref().map(|e| &e.event_type), len)
}

/// The `data` object as JSON text, exactly as in the body, as `revtain_webhook_event_id`.
///
/// # Safety
/// `event` is NULL or a live event; `len` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_event_data(
    event: *const revtain_webhook_event,
    len: *mut usize,
) -> *const c_char {
    text_of(event.as_ref().map(|e| &e.data), len)
}

/// When the event happened, unix seconds; 0 for a NULL event.
///
/// # Safety
/// `event` is NULL or a live event.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_event_created(event: *const revtain_webhook_event) -> i64 {
    event.as_ref().map_or(0, |e| e.created)
}

/// Frees an event made by `revtain_webhook_event_parse`. NULL is allowed.
///
/// # Safety
/// `event` is NULL or a pointer from `revtain_webhook_event_parse`, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_event_free(event: *mut revtain_webhook_event) {
    if !event.is_null() {
        let _ = ffi_boundary(|| {
            drop(Box::from_raw(event));
            revtain_result::Ok
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &CStr = c"whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    #[test]
    fn null_and_sizes() {
        let secrets = [SECRET.as_ptr()];
        let mut n = 0usize;
        let mut t = 7u64;
        unsafe {
            assert_eq!(
                revtain_webhook_sign(
                    secrets.as_ptr(),
                    1,
                    b"{}".as_ptr(),
                    2,
                    c"evt_1".as_ptr(),
                    1,
                    std::ptr::null_mut(),
                    0,
                    &mut n
                ),
                revtain_result::InsufficientSize
            );
            assert!(n > 100);
            let mut buf = vec![0 as c_char; n + 1];
            assert_eq!(
                revtain_webhook_sign(
                    secrets.as_ptr(),
                    1,
                    b"{}".as_ptr(),
                    2,
                    c"evt_1".as_ptr(),
                    1,
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut n
                ),
                revtain_result::Ok
            );
            let text = CStr::from_ptr(buf.as_ptr()).to_str().unwrap();
            let sig = text
                .lines()
                .next()
                .unwrap()
                .strip_prefix("X-Revtain-Signature: ")
                .unwrap();
            let sig = std::ffi::CString::new(sig.trim_end()).unwrap();
            assert_eq!(
                revtain_webhook_verify(
                    b"{}".as_ptr(),
                    2,
                    sig.as_ptr(),
                    secrets.as_ptr(),
                    1,
                    300,
                    10,
                    &mut t
                ),
                revtain_result::Ok
            );
            assert_eq!(t, 1);
            assert_eq!(
                revtain_webhook_verify(
                    b"{}".as_ptr(),
                    2,
                    sig.as_ptr(),
                    secrets.as_ptr(),
                    1,
                    300,
                    1000,
                    &mut t
                ),
                revtain_result::WebhookTimestampOutOfTolerance
            );
            assert_eq!(t, 1);
            assert_eq!(
                revtain_webhook_verify(
                    std::ptr::null(),
                    2,
                    sig.as_ptr(),
                    secrets.as_ptr(),
                    1,
                    300,
                    10,
                    &mut t
                ),
                revtain_result::NullParameter
            );
            assert_eq!(
                revtain_webhook_verify(
                    b"{}".as_ptr(),
                    2,
                    std::ptr::null(),
                    secrets.as_ptr(),
                    1,
                    300,
                    10,
                    &mut t
                ),
                revtain_result::WebhookHeaderMissing
            );
            assert_eq!(
                revtain_webhook_verify(
                    b"{}".as_ptr(),
                    2,
                    sig.as_ptr(),
                    std::ptr::null(),
                    1,
                    300,
                    10,
                    &mut t
                ),
                revtain_result::NullParameter
            );
            let with_null = [SECRET.as_ptr(), std::ptr::null()];
            assert_eq!(
                revtain_webhook_verify(
                    b"{}".as_ptr(),
                    2,
                    sig.as_ptr(),
                    with_null.as_ptr(),
                    2,
                    300,
                    10,
                    &mut t
                ),
                revtain_result::NullParameter
            );
            assert_eq!(
                revtain_webhook_verify(
                    b"{}".as_ptr(),
                    2,
                    sig.as_ptr(),
                    secrets.as_ptr(),
                    0,
                    300,
                    10,
                    &mut t
                ),
                revtain_result::WebhookInvalidSecret
            );
            assert_eq!(
                revtain_webhook_secret_generate(std::ptr::null_mut(), 0, &mut n),
                revtain_result::InsufficientSize
            );
            assert_eq!(n + 1, REVTAIN_WEBHOOK_SECRET_BUF_SIZE);
        }
    }

    /// The `X-Revtain-Signature` value of `revtain_webhook_sign`'s first line.
    unsafe fn signed(secrets: &[*const c_char], body: &[u8], t: u64) -> std::ffi::CString {
        let mut n = 0usize;
        let mut buf = vec![0 as c_char; 4096];
        assert_eq!(
            revtain_webhook_sign(
                secrets.as_ptr(),
                secrets.len(),
                body.as_ptr(),
                body.len(),
                c"evt_1".as_ptr(),
                t,
                buf.as_mut_ptr(),
                buf.len(),
                &mut n
            ),
            revtain_result::Ok
        );
        let text = CStr::from_ptr(buf.as_ptr()).to_str().unwrap();
        let first = text.split("\r\n").next().unwrap();
        std::ffi::CString::new(first.strip_prefix("X-Revtain-Signature: ").unwrap()).unwrap()
    }

    #[test]
    fn signature_header_is_the_first_line_and_sizes_like_snprintf() {
        let secrets = [SECRET.as_ptr(), SECRET.as_ptr()];
        unsafe {
            let want = signed(&secrets, b"{}", 42);
            let len = want.as_bytes().len();
            let mut n = 0usize;
            let call = |buf: *mut c_char, buf_len: usize, n: *mut usize| {
                revtain_webhook_signature_header(
                    secrets.as_ptr(),
                    2,
                    b"{}".as_ptr(),
                    2,
                    42,
                    buf,
                    buf_len,
                    n,
                )
            };
            assert_eq!(
                call(std::ptr::null_mut(), 0, &mut n),
                revtain_result::InsufficientSize
            );
            assert_eq!(n, len);
            // No room for the NUL: nothing is written.
            let mut buf = vec![b'#' as c_char; len + 1];
            assert_eq!(
                call(buf.as_mut_ptr(), len, &mut n),
                revtain_result::InsufficientSize
            );
            assert!(buf.iter().all(|&c| c == b'#' as c_char));
            assert_eq!(call(buf.as_mut_ptr(), len + 1, &mut n), revtain_result::Ok);
            assert_eq!(CStr::from_ptr(buf.as_ptr()), want.as_c_str());
            assert_eq!(
                call(buf.as_mut_ptr(), len + 1, std::ptr::null_mut()),
                revtain_result::NullParameter
            );
            // A size that fits but no buffer.
            assert_eq!(
                call(std::ptr::null_mut(), len + 1, &mut n),
                revtain_result::NullParameter
            );
            assert_eq!(
                revtain_webhook_signature_header(
                    std::ptr::null(),
                    1,
                    b"{}".as_ptr(),
                    2,
                    42,
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut n
                ),
                revtain_result::NullParameter
            );
        }
    }

    #[test]
    fn verifier_handle() {
        let secrets = [SECRET.as_ptr()];
        unsafe {
            let sig = signed(&secrets, b"{}", 1000);
            let mut v: *mut revtain_webhook_verifier = std::ptr::dangling_mut();
            assert_eq!(
                revtain_webhook_verifier_new(std::ptr::null(), 1, 300, &mut v),
                revtain_result::NullParameter
            );
            assert!(v.is_null());
            assert_eq!(
                revtain_webhook_verifier_new([c"whsec_AAAA".as_ptr()].as_ptr(), 1, 300, &mut v),
                revtain_result::WebhookInvalidSecret
            );
            assert!(v.is_null());
            assert_eq!(
                revtain_webhook_verifier_new(secrets.as_ptr(), 1, 300, std::ptr::null_mut()),
                revtain_result::NullParameter
            );
            assert_eq!(
                revtain_webhook_verifier_new(secrets.as_ptr(), 1, 300, &mut v),
                revtain_result::Ok
            );
            assert!(!v.is_null());
            let mut t = 7u64;
            let verify = |body: &[u8], header: *const c_char, now: u64, t: &mut u64| {
                revtain_webhook_verifier_verify(v, body.as_ptr(), body.len(), header, now, t)
            };
            assert_eq!(
                verify(b"{}", sig.as_ptr(), 1200, &mut t),
                revtain_result::Ok
            );
            assert_eq!(t, 1000);
            assert_eq!(
                verify(b"{}", sig.as_ptr(), 1400, &mut t),
                revtain_result::WebhookTimestampOutOfTolerance
            );
            assert_eq!(t, 1000);
            assert_eq!(
                verify(b"{ }", sig.as_ptr(), 1200, &mut t),
                revtain_result::WebhookSignatureMismatch
            );
            assert_eq!(t, 0);
            assert_eq!(
                verify(b"{}", std::ptr::null(), 1200, &mut t),
                revtain_result::WebhookHeaderMissing
            );
            assert_eq!(
                revtain_webhook_verifier_verify(
                    std::ptr::null(),
                    b"{}".as_ptr(),
                    2,
                    sig.as_ptr(),
                    1200,
                    &mut t
                ),
                revtain_result::NullParameter
            );
            assert_eq!(
                revtain_webhook_verifier_verify(v, std::ptr::null(), 2, sig.as_ptr(), 1200, &mut t),
                revtain_result::NullParameter
            );
            revtain_webhook_verifier_free(v);
            revtain_webhook_verifier_free(std::ptr::null_mut());
        }
    }

    #[test]
    fn hostile_inputs_give_codes_not_panics() {
        let secrets = [SECRET.as_ptr()];
        let mut t = 0u64;
        let verify = |header: &CStr, secrets: &[*const c_char], now: u64, t: &mut u64| unsafe {
            revtain_webhook_verify(
                b"x".as_ptr(),
                1,
                header.as_ptr(),
                secrets.as_ptr(),
                secrets.len(),
                300,
                now,
                t,
            )
        };
        let long = std::ffi::CString::new(format!("t=1,v1={}", "a".repeat(10_000))).unwrap();
        for (header, want) in [
            (c"", revtain_result::WebhookHeaderMalformed),
            (c"\xff\xfe", revtain_result::WebhookHeaderMalformed),
            (
                c"t=99999999999999999999999,v1=00",
                revtain_result::WebhookHeaderMalformed,
            ),
            (c"t=1,v1=zz", revtain_result::WebhookNoSignature),
            (long.as_c_str(), revtain_result::WebhookHeaderMalformed),
        ] {
            assert_eq!(verify(header, &secrets, 1, &mut t), want, "{header:?}");
            assert_eq!(t, 0);
        }
        // Secrets that are not UTF-8 are refused like any other bad secret.
        assert_eq!(
            verify(c"t=1,v1=00", &[c"whsec_\xff".as_ptr()], 1, &mut t),
            revtain_result::WebhookInvalidSecret
        );
        // The extreme times C can pass: the latest accepted (the year 9999) gives an exact
        // timestamp back; past it, signing or a `now` is refused with a precise error (the core
        // saturates the ages of headers signed elsewhere, see its tests).
        unsafe {
            let last = revtain::args::MAX_UNIX_SECONDS;
            let sig = signed(&secrets, b"x", last);
            assert_eq!(
                verify(sig.as_c_str(), &secrets, 1, &mut t),
                revtain_result::WebhookTimestampOutOfTolerance
            );
            assert_eq!(t, last);
            let sig = signed(&secrets, b"x", 1);
            assert_eq!(
                verify(sig.as_c_str(), &secrets, u64::MAX, &mut t),
                revtain_result::WebhookInvalidOptions
            );
            let mut n = 0usize;
            let mut buf = vec![0 as c_char; 4096];
            assert_eq!(
                revtain_webhook_sign(
                    secrets.as_ptr(),
                    secrets.len(),
                    b"x".as_ptr(),
                    1,
                    c"evt_1".as_ptr(),
                    u64::MAX,
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut n
                ),
                revtain_result::WebhookInvalidOptions
            );
        }
    }
}
