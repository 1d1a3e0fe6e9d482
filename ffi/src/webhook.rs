//! Revtain webhooks (SPEC §2.3): `revtain_webhook_*`.
//!
//! Secrets are passed as an array of `n_secrets` NUL-terminated strings (`whsec_…`), several
//! while rotating.

use std::ffi::{c_char, CStr};

use revtain::webhook::{self, SignatureHeader, Webhook, WebhookError, WebhookSigner};

use crate::revtain_result;
use crate::util::{ffi_boundary, input, out, try_ffi, write_generated, write_text};

/// Bytes `revtain_webhook_secret_generate` writes, with the NUL (`whsec_` + 44 + 1).
pub const REVTAIN_WEBHOOK_SECRET_BUF_SIZE: usize = 51;
/// The default tolerance, in seconds, in both directions.
pub const REVTAIN_WEBHOOK_DEFAULT_TOLERANCE: u64 = 300;

const _: () = {
    assert!(REVTAIN_WEBHOOK_SECRET_BUF_SIZE == webhook::SECRET_PREFIX.len() + 44 + 1);
    assert!(REVTAIN_WEBHOOK_DEFAULT_TOLERANCE == webhook::DEFAULT_TOLERANCE);
};

fn err(e: WebhookError) -> revtain_result {
    e.kind().into()
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

/// Verifies the raw `body` (as received, never re-serialised) against the
/// `X-Revtain-Signature` value `signature_header` (NUL-terminated) with one or several
/// secrets, at `now` (unix seconds; 0 means the system clock), allowing `tolerance_s` seconds
/// in both directions (`REVTAIN_WEBHOOK_DEFAULT_TOLERANCE` is the usual value).
///
/// On success `*out_timestamp` is the verified timestamp. `signature_header == NULL` gives
/// `REVTAIN_RESULT_WEBHOOK_HEADER_MISSING`, so the result of a header lookup can be passed
/// straight in. On `REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE` the signature was
/// genuine and `*out_timestamp` is its timestamp (the age is `now - *out_timestamp`).
/// `REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH` most often means a re-serialised body or the
/// wrong secret. `out_timestamp` may be NULL.
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
        if signature_header.is_null() {
            return revtain_result::WebhookHeaderMissing;
        }
        let header = CStr::from_ptr(signature_header).to_bytes();
        let now = if now == 0 { webhook::now_unix() } else { now };
        match verifier.verify_signature(body, header, now) {
            Ok(t) => {
                if let Some(slot) = out_timestamp.as_mut() {
                    *slot = t;
                }
                revtain_result::Ok
            }
            Err(e @ WebhookError::TimestampOutOfTolerance { .. }) => {
                if let (Some(slot), Ok(parsed)) =
                    (out_timestamp.as_mut(), SignatureHeader::parse(header))
                {
                    *slot = parsed.timestamp;
                }
                err(e)
            }
            Err(e) => err(e),
        }
    })
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
}
