//! API keys (docs/spec.md §2.1): `revtain_api_key_*`.

use std::borrow::Cow;
use std::ffi::c_char;

use revtain::api_key::{self, ApiKey, ApiKeyError};

use crate::revtain_result;
use crate::util::{ffi_boundary, input, out, try_ffi, write_bytes, write_ranges, write_text};

/// Length of an API key in characters: `rev_` and 32 base64url characters.
pub const REVTAIN_API_KEY_LEN: usize = 36;
/// Bytes of buffer that hold an API key and its NUL.
pub const REVTAIN_API_KEY_BUF_SIZE: usize = 37;
/// Length of a lookup hash in bytes (HMAC-SHA256).
pub const REVTAIN_API_KEY_LOOKUP_HASH_LEN: usize = 32;
/// Bytes of buffer that hold a redacted key (`rev_abcd…wxyz`, UTF-8) and its NUL.
pub const REVTAIN_API_KEY_REDACTED_BUF_SIZE: usize = 16;

// Literals above so that cbindgen can write them into the header; checked against the core.
const _: () = {
    assert!(REVTAIN_API_KEY_LEN == api_key::KEY_LEN);
    assert!(REVTAIN_API_KEY_BUF_SIZE == api_key::KEY_LEN + 1);
    assert!(REVTAIN_API_KEY_LOOKUP_HASH_LEN == api_key::LOOKUP_HASH_LEN);
    assert!(REVTAIN_API_KEY_REDACTED_BUF_SIZE == api_key::PREFIX.len() + 8 + 3 + 1);
};

/// A half-open range `[start, end)` of byte offsets into a text.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct revtain_range {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

/// Keys are ASCII; anything else is an error whose position is the same in bytes and
/// characters, because everything before the first bad character is ASCII.
fn key_text(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

fn parse(bytes: &[u8]) -> Result<ApiKey, ApiKeyError> {
    ApiKey::parse(&key_text(bytes))
}

/// Generates a new API key from 24 bytes of the OS CSPRNG and writes it, NUL-terminated, into
/// `buf` (`REVTAIN_API_KEY_BUF_SIZE` bytes suffice). Show it to its owner once; store only its
/// lookup hash.
///
/// # Safety
/// Each pointer is NULL (where allowed) or valid for the length given with it; outputs are
/// writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_api_key_generate(
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        // Check the output before spending randomness on it.
        try_ffi!(out(out_len));
        let key = match ApiKey::generate() {
            Ok(k) => k,
            Err(e) => return crate::error::fail(&e),
        };
        write_text(key.expose_secret().as_bytes(), buf, buf_len, out_len)
    })
}

/// Checks that `key` (`key_len` bytes, no NUL needed) is a well-formed API key: the prefix,
/// then the length, then the alphabet. On `REVTAIN_RESULT_API_KEY_BAD_CHARACTER`, the 0-based
/// offset of the first bad character (in bytes and characters alike, `rev_` included) is
/// stored in `*error_position` when `error_position` is not NULL.
///
/// # Safety
/// Each pointer is NULL (where allowed) or valid for the length given with it; outputs are
/// writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_api_key_validate(
    key: *const c_char,
    key_len: usize,
    error_position: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let key = try_ffi!(input(key, key_len));
        match api_key::validate(&key_text(key)) {
            Ok(()) => revtain_result::Ok,
            Err(e) => {
                if let (Some(p), Some(slot)) = (e.position(), error_position.as_mut()) {
                    *slot = p;
                }
                crate::error::fail(&e)
            }
        }
    })
}

/// Computes `HMAC-SHA256(pepper, key)`, the only form of a key a server stores, into
/// `hash_out` (`REVTAIN_API_KEY_LOOKUP_HASH_LEN` bytes). The key is validated first. The
/// pepper may be empty (`NULL, 0`).
///
/// # Safety
/// Each pointer is NULL (where allowed) or valid for the length given with it; outputs are
/// writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_api_key_lookup_hash(
    key: *const c_char,
    key_len: usize,
    pepper: *const u8,
    pepper_len: usize,
    hash_out: *mut u8,
    hash_out_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let key = try_ffi!(input(key, key_len));
        let pepper = try_ffi!(input(pepper, pepper_len));
        let key = match parse(key) {
            Ok(k) => k,
            Err(e) => return crate::error::fail(&e),
        };
        write_bytes(&key.lookup_hash(pepper), hash_out, hash_out_len, out_len)
    })
}

/// Checks a presented key against a stored 32-byte lookup hash in constant time and stores
/// the verdict in `*matches`. A malformed key is not an error: it simply does not match. A
/// stored hash that is not 32 bytes gives `REVTAIN_RESULT_INVALID_LOOKUP_HASH`.
///
/// # Safety
/// Each pointer is NULL (where allowed) or valid for the length given with it; outputs are
/// writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_api_key_verify(
    key: *const c_char,
    key_len: usize,
    stored_hash: *const u8,
    stored_hash_len: usize,
    pepper: *const u8,
    pepper_len: usize,
    matches: *mut bool,
) -> revtain_result {
    ffi_boundary(|| {
        let key = try_ffi!(input(key, key_len));
        let stored_hash = try_ffi!(input(stored_hash, stored_hash_len));
        let pepper = try_ffi!(input(pepper, pepper_len));
        let matches = try_ffi!(out(matches));
        *matches = false;
        match api_key::verify_api_key(&key_text(key), stored_hash, pepper) {
            Ok(m) => {
                *matches = m;
                revtain_result::Ok
            }
            Err(e) => crate::error::fail(&e),
        }
    })
}

/// Writes the redacted form of a valid key, `rev_abcd…wxyz` (UTF-8, with U+2026 between the
/// first and last four characters of the body), into `buf`
/// (`REVTAIN_API_KEY_REDACTED_BUF_SIZE` bytes suffice).
///
/// # Safety
/// Each pointer is NULL (where allowed) or valid for the length given with it; outputs are
/// writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_api_key_redacted(
    key: *const c_char,
    key_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let key = try_ffi!(input(key, key_len));
        match api_key::redact_api_key(&key_text(key)) {
            Ok(r) => write_text(r.as_bytes(), buf, buf_len, out_len),
            Err(e) => crate::error::fail(&e),
        }
    })
}

/// Finds every API key in `text` (any bytes, not necessarily UTF-8 or NUL-terminated) and
/// writes their byte ranges, in order, into `ranges` (room for `max_ranges`). `*count`
/// receives the number of keys found; when it is more than `max_ranges`, nothing is written and
/// the result is `REVTAIN_RESULT_INSUFFICIENT_SIZE` (pass `NULL, 0` to count first).
///
/// # Safety
/// Each pointer is NULL (where allowed) or valid for the length given with it; outputs are
/// writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_api_key_find(
    text: *const c_char,
    text_len: usize,
    ranges: *mut revtain_range,
    max_ranges: usize,
    count: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let text = try_ffi!(input(text, text_len));
        write_ranges(&api_key::find_api_keys(text), ranges, max_ranges, count)
    })
}

/// Writes `text` with every API key replaced by its redacted form into `buf`, NUL-terminated.
/// Each 36-byte key becomes its 15-byte redacted form, so `text_len + 1` bytes always suffice.
/// The text need not be UTF-8; the bytes around the keys are copied unchanged.
///
/// # Safety
/// Each pointer is NULL (where allowed) or valid for the length given with it; outputs are
/// writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_api_key_redact_text(
    text: *const c_char,
    text_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let text = try_ffi!(input(text, text_len));
        try_ffi!(out(out_len));
        let redacted = api_key::redact_api_keys_bytes(text);
        write_text(&redacted, buf, buf_len, out_len)
    })
}
