//! The details of a failure, for every capability: `revtain_error_last()`.
//!
//! Every call that fails records, for its own thread, what the Python and Node.js surfaces put
//! in their exceptions: the code, the core's own message (the same text, byte for byte) and the
//! fields that apply (header, age, tolerance, timestamp, key id, position, length, requested).
//! As with `errno`, the record is meaningful right after a call returned a code other than
//! `REVTAIN_RESULT_OK`: a later failure on the same thread replaces it, a success leaves it.

use std::cell::RefCell;
use std::ffi::{c_char, CString};

use revtain::ErrorDetail;

use crate::revtain_result;
use crate::util::{optional_out, out, try_ffi, write_text};

/// The details of a failed call (opaque). Made by `revtain_error_last`, freed by
/// `revtain_error_free`.
pub struct revtain_error {
    code: revtain_result,
    message: String,
    header: Option<CString>,
    detail: Option<ErrorDetail>,
}

thread_local! {
    static LAST: RefCell<Option<revtain_error>> = const { RefCell::new(None) };
    /// Whether the call in progress recorded its own failure.
    static RECORDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A call begins: nothing recorded by it yet.
pub(crate) fn begin() {
    RECORDED.with(|r| r.set(false));
}

/// Records a core error as this thread's last failure and returns its code.
pub(crate) fn fail<'e, E>(e: &'e E) -> revtain_result
where
    ErrorDetail: From<&'e E>,
{
    record(ErrorDetail::from(e))
}

/// Records a detail as this thread's last failure and returns its code.
pub(crate) fn record(detail: ErrorDetail) -> revtain_result {
    let code = revtain_result::from(detail.kind);
    let header = detail.header.and_then(|h| CString::new(h).ok());
    RECORDED.with(|r| r.set(true));
    LAST.with(|l| {
        *l.borrow_mut() = Some(revtain_error {
            code,
            message: detail.message.clone(),
            header,
            detail: Some(detail),
        })
    });
    code
}

/// Makes sure a failed call leaves a record: one with the code's fixed message when the call
/// recorded none of its own (a NULL argument, a buffer too small, a panic).
pub(crate) fn ensure(code: revtain_result) {
    if RECORDED.with(|r| r.get()) {
        return;
    }
    LAST.with(|l| {
        *l.borrow_mut() = Some(revtain_error {
            code,
            message: code.message().to_owned(),
            header: None,
            detail: None,
        })
    });
}

/// The details of the most recent call on this thread that failed, as a new handle the caller
/// frees with `revtain_error_free`: call it right after a function returned a code other than
/// `REVTAIN_RESULT_OK`. NULL when no call has failed on this thread.
#[no_mangle]
pub extern "C" fn revtain_error_last() -> *mut revtain_error {
    LAST.with(|l| match &*l.borrow() {
        Some(e) => crate::util::handle::new(revtain_error {
            code: e.code,
            message: e.message.clone(),
            header: e.header.clone(),
            detail: e.detail.clone(),
        }),
        None => std::ptr::null_mut(),
    })
}

/// The code the failed call returned; `REVTAIN_RESULT_NULL_PARAMETER` for a NULL error.
///
/// # Safety
/// `error` is NULL or a live error.
#[no_mangle]
pub unsafe extern "C" fn revtain_error_code(error: *const revtain_error) -> revtain_result {
    error
        .as_ref()
        .map_or(revtain_result::NullParameter, |e| e.code)
}

/// Writes the error's message (the core's own text: what is wrong and the usual causes, never
/// a secret; the same text as the Python and Node.js exceptions) into `buf`, NUL-terminated,
/// by the text-output convention (pass `NULL, 0` to learn the length first).
///
/// # Safety
/// `error` is NULL or a live error; `buf` is valid for `buf_len` bytes; `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_error_message(
    error: *const revtain_error,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    crate::util::ffi_boundary(|| {
        try_ffi!(out(out_len));
        let Some(e) = error.as_ref() else {
            return revtain_result::NullParameter;
        };
        write_text(e.message.as_bytes(), buf, buf_len, out_len)
    })
}

/// The header (or body field) a missing- or malformed-header error names, in the platform's
/// spelling (for example `"X-Revtain-Signature"`, `"Stripe-Signature"`, `"bt_signature"`),
/// NUL-terminated and owned by the error (valid until it is freed); NULL when none applies.
///
/// # Safety
/// `error` is NULL or a live error.
#[no_mangle]
pub unsafe extern "C" fn revtain_error_header(error: *const revtain_error) -> *const c_char {
    error
        .as_ref()
        .and_then(|e| e.header.as_ref())
        .map_or(std::ptr::null(), |h| h.as_ptr())
}

unsafe fn field<T: Copy + Default>(
    error: *const revtain_error,
    get: impl Fn(&ErrorDetail) -> Option<T>,
    out: *mut T,
) -> bool {
    optional_out(
        error.as_ref().and_then(|e| e.detail.as_ref()).and_then(get),
        out,
    )
}

/// Whether the error carries an age (a timestamp outside the window, an expired or not yet
/// valid card-update token); if so `*out_age` (when not NULL) is `now − timestamp` in whole
/// seconds, negative for a timestamp in the future; else 0.
///
/// # Safety
/// `error` is NULL or a live error; `out_age` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_error_age(error: *const revtain_error, out_age: *mut i64) -> bool {
    field(error, |d| d.age, out_age)
}

/// Whether the error carries the window that was applied; if so `*out_tolerance` (when not
/// NULL) is it, in seconds; else 0.
///
/// # Safety
/// `error` is NULL or a live error; `out_tolerance` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_error_tolerance(
    error: *const revtain_error,
    out_tolerance: *mut u64,
) -> bool {
    field(error, |d| d.tolerance, out_tolerance)
}

/// Whether the error carries the signed timestamp (outside the window); if so
/// `*out_timestamp` (when not NULL) is it, unix seconds; else 0.
///
/// # Safety
/// `error` is NULL or a live error; `out_timestamp` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_error_timestamp(
    error: *const revtain_error,
    out_timestamp: *mut u64,
) -> bool {
    field(error, |d| d.timestamp, out_timestamp)
}

/// Whether the error carries a key id (an envelope sealed under a key the keyring lacks); if
/// so `*out_key_id` (when not NULL) is it; else 0.
///
/// # Safety
/// `error` is NULL or a live error; `out_key_id` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_error_key_id(
    error: *const revtain_error,
    out_key_id: *mut u32,
) -> bool {
    field(error, |d| d.key_id, out_key_id)
}

/// Whether the error carries a position (an API key's offending character); if so
/// `*out_position` (when not NULL) is its 0-based offset; else 0.
///
/// # Safety
/// `error` is NULL or a live error; `out_position` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_error_position(
    error: *const revtain_error,
    out_position: *mut usize,
) -> bool {
    field(error, |d| d.position, out_position)
}

/// Whether the error carries a length that was found (an API key's, a lookup hash's); if so
/// `*out_length` (when not NULL) is it; else 0.
///
/// # Safety
/// `error` is NULL or a live error; `out_length` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_error_length(
    error: *const revtain_error,
    out_length: *mut usize,
) -> bool {
    field(error, |d| d.length, out_length)
}

/// Whether the error carries the wait a gateway asked for (`Retry-After` past the deadline);
/// if so `*out_seconds` (when not NULL) is it, in seconds; else 0.
///
/// # Safety
/// `error` is NULL or a live error; `out_seconds` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_error_requested(
    error: *const revtain_error,
    out_seconds: *mut f64,
) -> bool {
    field(error, |d| d.requested, out_seconds)
}

/// Frees an error made by `revtain_error_last`. NULL is allowed.
///
/// # Safety
/// `error` is NULL or a pointer from `revtain_error_last`, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_error_free(error: *mut revtain_error) {
    let _ = crate::util::ffi_boundary(|| {
        crate::util::handle::free(error);
        revtain_result::Ok
    });
}
