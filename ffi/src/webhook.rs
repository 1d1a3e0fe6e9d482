//! Revtain webhooks (docs/spec.md §2.3): `revtain_webhook_*`.
//!
//! Secrets are passed as an array of `n_secrets` texts (`revtain_str`, `whsec_…`), several while
//! rotating. A verifier that checks many requests with the same secrets can key them once in a
//! `revtain_webhook_verifier`. Asymmetric webhooks (docs/spec.md §2.9): a signer's array may also
//! hold `whsk_` Ed25519 signing keys (one `v1a` entry each), a verifier's `whpk_` public keys
//! (which check `v1a` entries); a verifier refuses a `whsk_` key, a signer a `whpk_` key.

use std::ffi::c_char;

use revtain::webhook::{self, SignatureHeader, Webhook, WebhookError, WebhookSigner};

use crate::revtain_result;
use crate::util::{
    ffi_boundary, handle, input, optional_in, out, owned_text, revtain_str, texts, try_ffi,
    with_nul, write_generated, write_text,
};

/// Length of a signing secret in characters: `whsec_` and 44 base64 characters.
pub const REVTAIN_WEBHOOK_SECRET_LEN: usize = 50;
/// Bytes `revtain_webhook_secret_generate` writes, with the NUL (`whsec_` + 44 + 1).
pub const REVTAIN_WEBHOOK_SECRET_BUF_SIZE: usize = 51;
/// The default tolerance, in seconds, in both directions.
pub const REVTAIN_WEBHOOK_DEFAULT_TOLERANCE: u64 = 300;
/// Bytes an Ed25519 signing key (`whsk_` + 44 base64 characters) takes with its NUL, as
/// `revtain_webhook_signing_key_generate` writes it.
pub const REVTAIN_WEBHOOK_SIGNING_KEY_BUF_SIZE: usize = 50;
/// Bytes an Ed25519 public key (`whpk_` + 44 base64 characters) takes with its NUL.
pub const REVTAIN_WEBHOOK_PUBLIC_KEY_BUF_SIZE: usize = 50;

// Literals above so that cbindgen can write them into the header; checked against the core.
const _: () = {
    // 32 bytes are 44 characters of padded base64.
    assert!(
        REVTAIN_WEBHOOK_SECRET_LEN
            == webhook::SECRET_PREFIX.len() + webhook::SECRET_BYTES.div_ceil(3) * 4
    );
    assert!(REVTAIN_WEBHOOK_SECRET_BUF_SIZE == REVTAIN_WEBHOOK_SECRET_LEN + 1);
    assert!(REVTAIN_WEBHOOK_DEFAULT_TOLERANCE == webhook::DEFAULT_TOLERANCE);
    assert!(REVTAIN_WEBHOOK_SIGNING_KEY_BUF_SIZE == webhook::SIGNING_KEY_PREFIX.len() + 44 + 1);
    assert!(REVTAIN_WEBHOOK_PUBLIC_KEY_BUF_SIZE == webhook::PUBLIC_KEY_PREFIX.len() + 44 + 1);
};

fn err(e: WebhookError) -> revtain_result {
    crate::error::fail(&e)
}

/// `now` read through its pointer (NULL: the system clock) and checked by the core.
unsafe fn now_of(now: *const u64) -> Result<u64, revtain_result> {
    webhook::unix_seconds_from(optional_in(now).map(Into::into), "now").map_err(err)
}

/// The signature header: NULL (with a length of 0) is a request without the header.
unsafe fn header_of<'a>(
    header: *const c_char,
    len: usize,
) -> Result<Option<&'a [u8]>, revtain_result> {
    if header.is_null() && len == 0 {
        return Ok(None);
    }
    input(header, len).map(Some)
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

/// Generates an Ed25519 webhook signing key (`whsk_` + base64 of a 32-byte seed from the OS
/// CSPRNG) into `secret_key_buf` and its public key (`whpk_` + base64 of 32 bytes) into
/// `public_key_buf`, each NUL-terminated (`REVTAIN_WEBHOOK_SIGNING_KEY_BUF_SIZE` and
/// `REVTAIN_WEBHOOK_PUBLIC_KEY_BUF_SIZE` bytes suffice). The signing key goes to the signer
/// (`revtain_webhook_sign`); the public key to whoever verifies. When either buffer is too
/// small, nothing is generated: `REVTAIN_RESULT_INSUFFICIENT_SIZE`, with both lengths set.
///
/// # Safety
/// Each buffer is valid for its length; `secret_key_len` and `public_key_len` are writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_signing_key_generate(
    secret_key_buf: *mut c_char,
    secret_key_buf_len: usize,
    secret_key_len: *mut usize,
    public_key_buf: *mut c_char,
    public_key_buf_len: usize,
    public_key_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let (sk_len, pk_len) = (try_ffi!(out(secret_key_len)), try_ffi!(out(public_key_len)));
        *sk_len = REVTAIN_WEBHOOK_SIGNING_KEY_BUF_SIZE - 1;
        *pk_len = REVTAIN_WEBHOOK_PUBLIC_KEY_BUF_SIZE - 1;
        if secret_key_buf_len < REVTAIN_WEBHOOK_SIGNING_KEY_BUF_SIZE
            || public_key_buf_len < REVTAIN_WEBHOOK_PUBLIC_KEY_BUF_SIZE
        {
            return revtain_result::InsufficientSize;
        }
        match webhook::generate_webhook_signing_key() {
            Ok((sk, pk)) => {
                let r = write_text(sk.as_bytes(), secret_key_buf, secret_key_buf_len, sk_len);
                if r != revtain_result::Ok {
                    return r;
                }
                write_text(pk.as_bytes(), public_key_buf, public_key_buf_len, pk_len)
            }
            Err(e) => crate::error::fail(&e),
        }
    })
}

/// Writes the public key (`whpk_…`) of the Ed25519 signing key `signing_key` (`whsk_…`) into
/// `buf`, NUL-terminated (`REVTAIN_WEBHOOK_PUBLIC_KEY_BUF_SIZE` bytes suffice).
/// `REVTAIN_RESULT_WEBHOOK_INVALID_SECRET` when it is not a signing key.
///
/// # Safety
/// `signing_key` is valid for `signing_key_len` bytes; `buf` for `buf_len`; `out_len` writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_public_key(
    signing_key: *const c_char,
    signing_key_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        try_ffi!(out(out_len));
        let key = try_ffi!(input(signing_key, signing_key_len));
        match webhook::webhook_public_key(key) {
            Ok(pk) => write_text(pk.as_bytes(), buf, buf_len, out_len),
            Err(e) => err(e),
        }
    })
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
/// one `v1` per `whsec_` secret and one `v1a` (`v1a=<base64>` and `v1a,<base64>`, the Ed25519
/// signature) per `whsk_` signing key, in the order given. `event_id` is 1 to 256 visible ASCII characters; `timestamp` is unix
/// seconds. Pass `buf = NULL, buf_len = 0` to learn the size first.
///
/// # Safety
/// `secrets` holds `n_secrets` texts; `body` is valid for `body_len` bytes and `event_id` for
/// `event_id_len` (NULL if 0); outputs are writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn revtain_webhook_sign(
    secrets: *const revtain_str,
    n_secrets: usize,
    body: *const u8,
    body_len: usize,
    event_id: *const c_char,
    event_id_len: usize,
    timestamp: u64,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        try_ffi!(out(out_len));
        let secrets = try_ffi!(texts(secrets, n_secrets));
        let body = try_ffi!(input(body, body_len));
        // Not UTF-8 is not visible ASCII either: the core's check says so.
        let event_id = String::from_utf8_lossy(try_ffi!(input(event_id, event_id_len)));
        let signer = match WebhookSigner::new(&secrets) {
            Ok(s) => s,
            Err(e) => return err(e),
        };
        let timestamp = match webhook::unix_seconds_from(Some(timestamp.into()), "timestamp") {
            Ok(t) => t,
            Err(e) => return err(e),
        };
        match signer.sign(body, &event_id, timestamp) {
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
/// `secrets` holds `n_secrets` texts; `body` is valid for `body_len` bytes (NULL if 0);
/// outputs are writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn revtain_webhook_signature_header(
    secrets: *const revtain_str,
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
        let secrets = try_ffi!(texts(secrets, n_secrets));
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
/// `header` is valid for `header_len` bytes (NULL if 0); `now` is NULL or readable;
/// `out_timestamp` is NULL or writable.
unsafe fn verify_with(
    verifier: &Webhook,
    body: &[u8],
    header: *const c_char,
    header_len: usize,
    now: *const u64,
    out_timestamp: *mut u64,
) -> revtain_result {
    let Some(header) = try_ffi!(header_of(header, header_len)) else {
        return err(WebhookError::HeaderMissing);
    };
    let now = try_ffi!(now_of(now));
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
/// `X-Revtain-Signature` value `(signature_header, signature_header_len)` with one or several
/// secrets (`whsec_…`, checking `v1` entries) and public keys (`whpk_…`, checking `v1a`
/// entries), at `*now` (unix seconds; `now == NULL` means the system clock), allowing
/// `tolerance_s` seconds in both directions (`REVTAIN_WEBHOOK_DEFAULT_TOLERANCE` is the usual
/// value).
///
/// On success `*out_timestamp` is the verified timestamp. `signature_header == NULL` (with a
/// length of 0) means the request has no such header and gives
/// `REVTAIN_RESULT_WEBHOOK_HEADER_MISSING`, so the result of a header lookup can be passed
/// straight in. On `REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE` the signature was
/// genuine and `*out_timestamp` is its timestamp (the age is `now - *out_timestamp`); on every
/// other error it is 0. `REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH` most often means a
/// re-serialised body or the wrong secret. `out_timestamp` may be NULL.
///
/// Each call decodes and keys the secrets; `revtain_webhook_verifier_new` does that once.
///
/// # Safety
/// `body` is valid for `body_len` bytes and `signature_header` for `signature_header_len`
/// (NULL if 0); `secrets` holds `n_secrets` texts; `now` is NULL or readable; `out_timestamp`
/// is NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn revtain_webhook_verify(
    body: *const u8,
    body_len: usize,
    signature_header: *const c_char,
    signature_header_len: usize,
    secrets: *const revtain_str,
    n_secrets: usize,
    tolerance_s: u64,
    now: *const u64,
    out_timestamp: *mut u64,
) -> revtain_result {
    ffi_boundary(|| {
        if let Some(slot) = out_timestamp.as_mut() {
            *slot = 0;
        }
        let body = try_ffi!(input(body, body_len));
        let secrets = try_ffi!(texts(secrets, n_secrets));
        let verifier = match Webhook::new(&secrets) {
            Ok(w) => w.with_tolerance(tolerance_s),
            Err(e) => return err(e),
        };
        verify_with(
            &verifier,
            body,
            signature_header,
            signature_header_len,
            now,
            out_timestamp,
        )
    })
}

/// A webhook verifier with its secrets decoded and keyed once; made by
/// `revtain_webhook_verifier_new`, released by `revtain_webhook_verifier_free`. The keys are
/// wiped when it is freed. Safe to use from several threads at once.
pub struct revtain_webhook_verifier {
    inner: Webhook,
}

/// Makes a verifier for one secret, or several while rotating (`n_secrets` texts, `whsec_…`
/// secrets and `whpk_…` Ed25519 public keys in any mix, copied: the caller may free them
/// afterwards), allowing `tolerance_s` seconds in both
/// directions (`REVTAIN_WEBHOOK_DEFAULT_TOLERANCE` is the usual value). On success
/// `*out_verifier` owns the object; on failure it is NULL.
///
/// # Safety
/// `secrets` holds `n_secrets` texts; `out_verifier` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_verifier_new(
    secrets: *const revtain_str,
    n_secrets: usize,
    tolerance_s: u64,
    out_verifier: *mut *mut revtain_webhook_verifier,
) -> revtain_result {
    ffi_boundary(|| {
        let slot = try_ffi!(handle::slot(out_verifier));
        let secrets = try_ffi!(texts(secrets, n_secrets));
        match Webhook::new(&secrets) {
            Ok(w) => handle::give(
                revtain_webhook_verifier {
                    inner: w.with_tolerance(tolerance_s),
                },
                slot,
            ),
            Err(e) => err(e),
        }
    })
}

/// Verifies like `revtain_webhook_verify`, with the verifier's secrets and tolerance:
/// `signature_header == NULL` (length 0) gives `REVTAIN_RESULT_WEBHOOK_HEADER_MISSING`,
/// `now == NULL` means the system clock, and `*out_timestamp` (when not NULL) is the verified
/// timestamp, or the signed one on `REVTAIN_RESULT_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE`, or 0.
///
/// # Safety
/// `verifier` is a live object; `body` is valid for `body_len` bytes and `signature_header`
/// for `signature_header_len` (NULL if 0); `now` is NULL or readable; `out_timestamp` is NULL
/// or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_webhook_verifier_verify(
    verifier: *const revtain_webhook_verifier,
    body: *const u8,
    body_len: usize,
    signature_header: *const c_char,
    signature_header_len: usize,
    now: *const u64,
    out_timestamp: *mut u64,
) -> revtain_result {
    ffi_boundary(|| {
        if let Some(slot) = out_timestamp.as_mut() {
            *slot = 0;
        }
        let verifier = &try_ffi!(handle::borrow(verifier)).inner;
        let body = try_ffi!(input(body, body_len));
        verify_with(
            verifier,
            body,
            signature_header,
            signature_header_len,
            now,
            out_timestamp,
        )
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
/// `verifier` is a live object; `body` is valid for `body_len` bytes and `signature_header`
/// for `signature_header_len` (NULL if 0); `now` is NULL or readable; `buf` is valid for
/// `buf_len` bytes; `out_len` is writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn revtain_webhook_verifier_diagnose(
    verifier: *const revtain_webhook_verifier,
    body: *const u8,
    body_len: usize,
    signature_header: *const c_char,
    signature_header_len: usize,
    now: *const u64,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        try_ffi!(out(out_len));
        let verifier = &try_ffi!(handle::borrow(verifier)).inner;
        let body = try_ffi!(input(body, body_len));
        // A missing header (`NULL, 0`) is diagnosed as an empty value: the core says it is missing.
        let header = try_ffi!(header_of(signature_header, signature_header_len)).unwrap_or(&[]);
        let now = try_ffi!(now_of(now));
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
    let _ = ffi_boundary(|| {
        handle::free(verifier);
        revtain_result::Ok
    });
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
        let slot = try_ffi!(handle::slot(out_event));
        let body = try_ffi!(input(body, body_len));
        match webhook::Event::parse(body) {
            Ok(e) => handle::give(
                revtain_webhook_event {
                    id: with_nul(&e.id),
                    event_type: with_nul(&e.event_type),
                    data: with_nul(e.data_json()),
                    created: e.created,
                },
                slot,
            ),
            Err(e) => err(e),
        }
    })
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
    owned_text(event.as_ref().map(|e| &e.id), len)
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
    owned_text(event.as_ref().map(|e| &e.event_type), len)
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
    owned_text(event.as_ref().map(|e| &e.data), len)
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
    let _ = ffi_boundary(|| {
        handle::free(event);
        revtain_result::Ok
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    const SECRET: &str = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    fn text(s: &str) -> revtain_str {
        revtain_str {
            ptr: s.as_ptr().cast(),
            len: s.len(),
        }
    }

    /// `revtain_webhook_verify` of `{}` with `header` at `now`.
    unsafe fn verify(
        header: &str,
        secrets: &[revtain_str],
        now: u64,
        t: &mut u64,
    ) -> revtain_result {
        revtain_webhook_verify(
            b"{}".as_ptr(),
            2,
            header.as_ptr().cast(),
            header.len(),
            secrets.as_ptr(),
            secrets.len(),
            300,
            &now,
            t,
        )
    }

    /// The `X-Revtain-Signature` value of `revtain_webhook_sign`'s first line.
    unsafe fn signed(secrets: &[revtain_str], body: &[u8], t: u64) -> String {
        let mut n = 0usize;
        let mut buf = vec![0 as c_char; 4096];
        assert_eq!(
            revtain_webhook_sign(
                secrets.as_ptr(),
                secrets.len(),
                body.as_ptr(),
                body.len(),
                c"evt_1".as_ptr(),
                5,
                t,
                buf.as_mut_ptr(),
                buf.len(),
                &mut n
            ),
            revtain_result::Ok
        );
        let text = CStr::from_ptr(buf.as_ptr()).to_str().unwrap();
        assert_eq!(text.len(), n);
        let first = text.split("\r\n").next().unwrap();
        first
            .strip_prefix("X-Revtain-Signature: ")
            .unwrap()
            .to_owned()
    }

    #[test]
    fn null_and_sizes() {
        let secrets = [text(SECRET)];
        let mut n = 0usize;
        let mut t = 7u64;
        // SAFETY: every pointer is to a live local buffer or string with its own length.
        unsafe {
            assert_eq!(
                revtain_webhook_sign(
                    secrets.as_ptr(),
                    1,
                    b"{}".as_ptr(),
                    2,
                    c"evt_1".as_ptr(),
                    5,
                    1,
                    std::ptr::null_mut(),
                    0,
                    &mut n
                ),
                revtain_result::InsufficientSize
            );
            assert!(n > 100);
            let sig = signed(&secrets, b"{}", 1);
            assert_eq!(verify(&sig, &secrets, 10, &mut t), revtain_result::Ok);
            assert_eq!(t, 1);
            assert_eq!(
                verify(&sig, &secrets, 1000, &mut t),
                revtain_result::WebhookTimestampOutOfTolerance
            );
            assert_eq!(t, 1);
            let now = 10u64;
            let call = |body: *const u8,
                        header: *const c_char,
                        header_len: usize,
                        secrets: *const revtain_str,
                        n: usize,
                        t: &mut u64| {
                revtain_webhook_verify(body, 2, header, header_len, secrets, n, 300, &now, t)
            };
            let h = sig.as_ptr().cast::<c_char>();
            assert_eq!(
                call(std::ptr::null(), h, sig.len(), secrets.as_ptr(), 1, &mut t),
                revtain_result::NullParameter
            );
            // No header at all (NULL, 0) is a missing header; NULL with a length is a NULL
            // parameter; an empty one is malformed.
            assert_eq!(
                call(
                    b"{}".as_ptr(),
                    std::ptr::null(),
                    0,
                    secrets.as_ptr(),
                    1,
                    &mut t
                ),
                revtain_result::WebhookHeaderMissing
            );
            assert_eq!(
                call(
                    b"{}".as_ptr(),
                    std::ptr::null(),
                    5,
                    secrets.as_ptr(),
                    1,
                    &mut t
                ),
                revtain_result::NullParameter
            );
            assert_eq!(
                call(b"{}".as_ptr(), h, 0, secrets.as_ptr(), 1, &mut t),
                revtain_result::WebhookHeaderMalformed
            );
            assert_eq!(
                call(b"{}".as_ptr(), h, sig.len(), std::ptr::null(), 1, &mut t),
                revtain_result::NullParameter
            );
            let with_null = [
                text(SECRET),
                revtain_str {
                    ptr: std::ptr::null(),
                    len: 3,
                },
            ];
            assert_eq!(
                call(b"{}".as_ptr(), h, sig.len(), with_null.as_ptr(), 2, &mut t),
                revtain_result::NullParameter
            );
            assert_eq!(
                call(b"{}".as_ptr(), h, sig.len(), secrets.as_ptr(), 0, &mut t),
                revtain_result::WebhookInvalidSecret
            );
            // The clock: NULL `now`.
            assert_eq!(
                revtain_webhook_verify(
                    b"{}".as_ptr(),
                    2,
                    h,
                    sig.len(),
                    secrets.as_ptr(),
                    1,
                    300,
                    std::ptr::null(),
                    &mut t
                ),
                revtain_result::WebhookTimestampOutOfTolerance
            );
            assert_eq!(
                revtain_webhook_secret_generate(std::ptr::null_mut(), 0, &mut n),
                revtain_result::InsufficientSize
            );
            assert_eq!(n + 1, REVTAIN_WEBHOOK_SECRET_BUF_SIZE);
        }
    }

    #[test]
    fn signature_header_is_the_first_line_and_sizes_like_snprintf() {
        let secrets = [text(SECRET), text(SECRET)];
        // SAFETY: every pointer is to a live local buffer or string with its own length.
        unsafe {
            let want = signed(&secrets, b"{}", 42);
            let len = want.len();
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
            assert_eq!(CStr::from_ptr(buf.as_ptr()).to_str().unwrap(), want);
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
        let secrets = [text(SECRET)];
        // SAFETY: every pointer is to a live local buffer or string with its own length.
        unsafe {
            let sig = signed(&secrets, b"{}", 1000);
            let mut v: *mut revtain_webhook_verifier = std::ptr::dangling_mut();
            assert_eq!(
                revtain_webhook_verifier_new(std::ptr::null(), 1, 300, &mut v),
                revtain_result::NullParameter
            );
            assert!(v.is_null());
            assert_eq!(
                revtain_webhook_verifier_new([text("whsec_AAAA")].as_ptr(), 1, 300, &mut v),
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
            let verify = |body: &[u8], header: Option<&str>, now: u64, t: &mut u64| {
                let (p, n) = header.map_or((std::ptr::null(), 0), |h| (h.as_ptr().cast(), h.len()));
                revtain_webhook_verifier_verify(v, body.as_ptr(), body.len(), p, n, &now, t)
            };
            assert_eq!(verify(b"{}", Some(&sig), 1200, &mut t), revtain_result::Ok);
            assert_eq!(t, 1000);
            assert_eq!(
                verify(b"{}", Some(&sig), 1400, &mut t),
                revtain_result::WebhookTimestampOutOfTolerance
            );
            assert_eq!(t, 1000);
            assert_eq!(
                verify(b"{ }", Some(&sig), 1200, &mut t),
                revtain_result::WebhookSignatureMismatch
            );
            assert_eq!(t, 0);
            assert_eq!(
                verify(b"{}", None, 1200, &mut t),
                revtain_result::WebhookHeaderMissing
            );
            let now = 1200u64;
            assert_eq!(
                revtain_webhook_verifier_verify(
                    std::ptr::null(),
                    b"{}".as_ptr(),
                    2,
                    sig.as_ptr().cast(),
                    sig.len(),
                    &now,
                    &mut t
                ),
                revtain_result::NullParameter
            );
            assert_eq!(
                revtain_webhook_verifier_verify(
                    v,
                    std::ptr::null(),
                    2,
                    sig.as_ptr().cast(),
                    sig.len(),
                    &now,
                    &mut t
                ),
                revtain_result::NullParameter
            );
            revtain_webhook_verifier_free(v);
            revtain_webhook_verifier_free(std::ptr::null_mut());
        }
    }

    #[test]
    fn hostile_inputs_give_codes_not_panics() {
        let secrets = [text(SECRET)];
        let mut t = 0u64;
        let verify_bytes = |header: &[u8], secrets: &[revtain_str], now: u64, t: &mut u64| {
            // SAFETY: the pointers are the arguments' own, with their lengths.
            unsafe {
                revtain_webhook_verify(
                    b"x".as_ptr(),
                    1,
                    header.as_ptr().cast(),
                    header.len(),
                    secrets.as_ptr(),
                    secrets.len(),
                    300,
                    &now,
                    t,
                )
            }
        };
        let long = format!("t=1,v1={}", "a".repeat(10_000));
        for (header, want) in [
            (&b""[..], revtain_result::WebhookHeaderMalformed),
            (b"\xff\xfe", revtain_result::WebhookHeaderMalformed),
            (
                b"t=99999999999999999999999,v1=00",
                revtain_result::WebhookHeaderMalformed,
            ),
            (b"t=1,v1=zz", revtain_result::WebhookNoSignature),
            (b"t=1,v1=00\0,v1=00", revtain_result::WebhookNoSignature),
            (long.as_bytes(), revtain_result::WebhookHeaderMalformed),
        ] {
            assert_eq!(
                verify_bytes(header, &secrets, 1, &mut t),
                want,
                "{header:?}"
            );
            assert_eq!(t, 0);
        }
        // Secrets that are not UTF-8 are refused like any other bad secret.
        let bad = [revtain_str {
            ptr: b"whsec_\xff".as_ptr().cast(),
            len: 7,
        }];
        assert_eq!(
            verify_bytes(b"t=1,v1=00", &bad, 1, &mut t),
            revtain_result::WebhookInvalidSecret
        );
        // The extreme times C can pass: the latest accepted (the year 9999) gives an exact
        // timestamp back; past it, signing or a `now` is refused with a precise error (the core
        // saturates the ages of headers signed elsewhere, see its tests).
        // SAFETY: every pointer is to a live local buffer or string with its own length.
        unsafe {
            let last = revtain::args::MAX_UNIX_SECONDS;
            let sig = signed(&secrets, b"x", last);
            assert_eq!(
                verify_bytes(sig.as_bytes(), &secrets, 1, &mut t),
                revtain_result::WebhookTimestampOutOfTolerance
            );
            assert_eq!(t, last);
            let sig = signed(&secrets, b"x", 1);
            assert_eq!(
                verify_bytes(sig.as_bytes(), &secrets, u64::MAX, &mut t),
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
                    5,
                    u64::MAX,
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut n
                ),
                revtain_result::WebhookInvalidOptions
            );
            // An event id that is not UTF-8 gets the core's own event-id error.
            assert_eq!(
                revtain_webhook_sign(
                    secrets.as_ptr(),
                    1,
                    b"x".as_ptr(),
                    1,
                    c"\xff".as_ptr(),
                    1,
                    1,
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut n
                ),
                revtain_result::WebhookInvalidEventId
            );
        }
    }
}
