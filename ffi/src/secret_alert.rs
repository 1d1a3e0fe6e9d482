//! Leaked-key reports from GitHub secret scanning (docs/spec.md §2.10): `revtain_github_*`
//! and `revtain_secret_alert*`.
//!
//! Parse GitHub's public-key document once (`revtain_github_public_keys_parse`, again when an
//! alert names a key it lacks), verify each alert request against it
//! (`revtain_secret_alert_verify`), read the matches, and answer with
//! `revtain_secret_alert_response`.

use std::ffi::c_char;

use revtain::secret_alert::{self, GithubPublicKeys, SecretAlert};

use crate::revtain_result;
use crate::util::{
    ffi_boundary, handle, header_pairs, input, out, owned_text, revtain_header, try_ffi, with_nul,
    write_text,
};

/// GitHub's secret-scanning public keys, made by `revtain_github_public_keys_parse`; released by
/// `revtain_github_public_keys_free`.
pub struct revtain_github_public_keys {
    inner: GithubPublicKeys,
}

/// The matches of one verified alert request, made by `revtain_secret_alert_verify`; released
/// by `revtain_secret_alerts_free`. Its texts live as long as it does.
pub struct revtain_secret_alerts {
    inner: Vec<SecretAlert>,
    /// Each alert's texts NUL-terminated (token, type, url, source; url and source empty when
    /// absent), for the accessors.
    texts: Vec<[Vec<u8>; 4]>,
}

/// Parses GitHub's public-key document (the JSON GitHub publishes at
/// `https://api.github.com/meta/public_keys/secret_scanning`; fetch and cache it yourself). On
/// success `*out_keys` owns the keys; a document that does not parse is
/// `REVTAIN_RESULT_SECRET_ALERT_INVALID_PUBLIC_KEYS` and `*out_keys` is NULL.
///
/// # Safety
/// `document` is valid for `document_len` bytes (NULL if 0); `out_keys` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_github_public_keys_parse(
    document: *const u8,
    document_len: usize,
    out_keys: *mut *mut revtain_github_public_keys,
) -> revtain_result {
    ffi_boundary(|| {
        let slot = try_ffi!(handle::slot(out_keys));
        let document = try_ffi!(input(document, document_len));
        match GithubPublicKeys::parse(document) {
            Ok(inner) => handle::give(revtain_github_public_keys { inner }, slot),
            Err(e) => crate::error::fail(&e),
        }
    })
}

/// Frees keys made by `revtain_github_public_keys_parse`. NULL is allowed.
///
/// # Safety
/// `keys` is NULL or a pointer from `revtain_github_public_keys_parse`, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_github_public_keys_free(keys: *mut revtain_github_public_keys) {
    let _ = ffi_boundary(|| {
        handle::free(keys);
        revtain_result::Ok
    });
}

/// Verifies a GitHub secret-scanning alert request: finds `Github-Public-Key-Identifier` and
/// `Github-Public-Key-Signature` among `headers[0..n_headers]` (names in any case), finds the
/// key in `keys`, verifies the ECDSA P-256 signature over the raw `body`, then parses the body.
///
/// On success `*out_alerts` owns the matches (free with `revtain_secret_alerts_free`). On
/// failure it is NULL and the result is `REVTAIN_RESULT_SECRET_ALERT_HEADER_MISSING` (which
/// header: `revtain_error_last`), `_UNKNOWN_KEY` (parse the document again: GitHub may have
/// published a new key), `_SIGNATURE_MISMATCH`, `_MALFORMED_BODY` or `_INVALID_PUBLIC_KEYS`
/// (the named key is not a P-256 key).
///
/// # Safety
/// `keys` is a live handle; `headers` is valid for `n_headers` entries (NULL if 0) and each of
/// their texts; `body` for `body_len` bytes (NULL if 0); `out_alerts` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_secret_alert_verify(
    keys: *const revtain_github_public_keys,
    headers: *const revtain_header,
    n_headers: usize,
    body: *const u8,
    body_len: usize,
    out_alerts: *mut *mut revtain_secret_alerts,
) -> revtain_result {
    ffi_boundary(|| {
        let slot = try_ffi!(handle::slot(out_alerts));
        let keys = &try_ffi!(handle::borrow(keys)).inner;
        let headers = try_ffi!(header_pairs(headers, n_headers));
        let body = try_ffi!(input(body, body_len));
        match secret_alert::verify_github_secret_alert(body, headers, keys) {
            Ok(inner) => {
                let texts = inner
                    .iter()
                    .map(|a| {
                        [
                            with_nul(&a.token),
                            with_nul(&a.token_type),
                            with_nul(a.url.as_deref().unwrap_or("")),
                            with_nul(a.source.as_deref().unwrap_or("")),
                        ]
                    })
                    .collect();
                handle::give(revtain_secret_alerts { inner, texts }, slot)
            }
            Err(e) => crate::error::fail(&e),
        }
    })
}

/// How many matches `alerts` holds (0 for NULL).
///
/// # Safety
/// `alerts` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn revtain_secret_alerts_count(
    alerts: *const revtain_secret_alerts,
) -> usize {
    alerts.as_ref().map_or(0, |a| a.inner.len())
}

unsafe fn text(
    alerts: *const revtain_secret_alerts,
    index: usize,
    which: usize,
    len: *mut usize,
) -> *const c_char {
    owned_text(
        alerts
            .as_ref()
            .and_then(|a| a.texts.get(index))
            .map(|t| &t[which]),
        len,
    )
}

/// The token of match `index`, NUL-terminated, owned by `alerts` (`*len`, when not NULL, its
/// length); NULL for a NULL handle or an index out of range. It is a leaked credential: revoke
/// it, never log it.
///
/// # Safety
/// `alerts` is NULL or a live handle; `len` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_secret_alerts_token(
    alerts: *const revtain_secret_alerts,
    index: usize,
    len: *mut usize,
) -> *const c_char {
    text(alerts, index, 0, len)
}

/// The token type GitHub matched for match `index` (as `revtain_secret_alerts_token`).
///
/// # Safety
/// `alerts` is NULL or a live handle; `len` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_secret_alerts_type(
    alerts: *const revtain_secret_alerts,
    index: usize,
    len: *mut usize,
) -> *const c_char {
    text(alerts, index, 1, len)
}

/// Where match `index` was found (empty when GitHub did not say).
///
/// # Safety
/// `alerts` is NULL or a live handle; `len` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_secret_alerts_url(
    alerts: *const revtain_secret_alerts,
    index: usize,
    len: *mut usize,
) -> *const c_char {
    text(alerts, index, 2, len)
}

/// What kind of place match `index` was found in (`content`, `commit`, …; empty when GitHub
/// did not say).
///
/// # Safety
/// `alerts` is NULL or a live handle; `len` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_secret_alerts_source(
    alerts: *const revtain_secret_alerts,
    index: usize,
    len: *mut usize,
) -> *const c_char {
    text(alerts, index, 3, len)
}

/// Whether the token of match `index` is a well-formed Revtain API key (false for a NULL
/// handle or an index out of range).
///
/// # Safety
/// `alerts` is NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn revtain_secret_alerts_is_revtain_key(
    alerts: *const revtain_secret_alerts,
    index: usize,
) -> bool {
    alerts
        .as_ref()
        .and_then(|a| a.inner.get(index))
        .is_some_and(|a| a.is_revtain_key)
}

/// Frees matches made by `revtain_secret_alert_verify`; the tokens are wiped. NULL is allowed.
///
/// # Safety
/// `alerts` is NULL or a pointer from `revtain_secret_alert_verify`, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_secret_alerts_free(alerts: *mut revtain_secret_alerts) {
    let _ = ffi_boundary(|| {
        if let Some(a) = alerts.as_mut() {
            use zeroize::Zeroize as _;
            for t in &mut a.texts {
                t[0].zeroize();
            }
            for alert in &mut a.inner {
                alert.token.zeroize();
            }
        }
        handle::free(alerts);
        revtain_result::Ok
    });
}

/// Asked by `revtain_secret_alert_response` whether the Revtain API key `(token, token_len)`
/// (not NUL-terminated) exists (typically: look its lookup hash up): nonzero if it does. A
/// lookup that fails cannot be answered: note it in `context` and do not send the response.
pub type revtain_secret_alert_is_known = Option<
    unsafe extern "C" fn(
        token: *const c_char,
        token_len: usize,
        context: *mut std::ffi::c_void,
    ) -> i32,
>;

/// Writes GitHub's feedback body for `alerts` into `buf`, NUL-terminated: a JSON array of
/// `{"token_hash", "token_type", "label"}`, one per match. `is_known` is called (with
/// `context`) only for the tokens that are Revtain API keys; a key it knows is
/// `true_positive`, every other token `false_positive`. Pass `buf = NULL, buf_len = 0` to learn
/// the size first (`is_known` is then called too).
///
/// # Safety
/// `alerts` is a live handle; `is_known` a valid function (not NULL); `buf` valid for
/// `buf_len` bytes; `out_len` writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_secret_alert_response(
    alerts: *const revtain_secret_alerts,
    is_known: revtain_secret_alert_is_known,
    context: *mut std::ffi::c_void,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        try_ffi!(out(out_len));
        let alerts = &try_ffi!(handle::borrow(alerts)).inner;
        let Some(is_known) = is_known else {
            return revtain_result::NullParameter;
        };
        let body = secret_alert::secret_alert_response(alerts, |token| {
            // SAFETY: the caller's function (checked non-NULL), given a token that lives
            // through the call and the caller's own context.
            let known = unsafe { is_known(token.as_ptr().cast(), token.len(), context) };
            Ok::<bool, std::convert::Infallible>(known != 0)
        });
        match body {
            Ok(body) => write_text(&body, buf, buf_len, out_len),
            Err(never) => match never {},
        }
    })
}
