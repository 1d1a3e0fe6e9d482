//! The panic boundary and the pointer checks every export goes through.

use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::revtain_result;

/// Runs `f`, turning a panic into `REVTAIN_RESULT_PANIC` so that no unwind crosses into C, and
/// makes sure a failure leaves its details for `revtain_error_last`.
pub(crate) fn ffi_boundary(f: impl FnOnce() -> revtain_result) -> revtain_result {
    crate::error::begin();
    let result = catch_unwind(AssertUnwindSafe(f)).unwrap_or(revtain_result::Panic);
    if result != revtain_result::Ok {
        crate::error::ensure(result);
    }
    result
}

/// Writes `value` (or the default) to `out` when it is not NULL; whether there was a value.
///
/// # Safety
/// `out` is NULL or writable.
pub(crate) unsafe fn optional_out<T: Copy + Default>(value: Option<T>, out: *mut T) -> bool {
    if let Some(slot) = out.as_mut() {
        *slot = value.unwrap_or_default();
    }
    value.is_some()
}

/// Early-returns `REVTAIN_RESULT_NULL_PARAMETER` from the enclosing closure.
macro_rules! try_ffi {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
}
pub(crate) use try_ffi;

/// Borrows `(ptr, len)` as a slice; NULL is accepted only with `len == 0`.
///
/// # Safety
/// When non-NULL, `ptr` must be valid for reads of `len` bytes for the returned lifetime.
pub(crate) unsafe fn input<'a, T>(ptr: *const T, len: usize) -> Result<&'a [u8], revtain_result> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(revtain_result::NullParameter)
        };
    }
    Ok(std::slice::from_raw_parts(ptr.cast::<u8>(), len))
}

/// Borrows a required output pointer.
///
/// # Safety
/// When non-NULL, `ptr` must be valid for writes of one `T`.
pub(crate) unsafe fn out<'a, T>(ptr: *mut T) -> Result<&'a mut T, revtain_result> {
    ptr.as_mut().ok_or(revtain_result::NullParameter)
}

unsafe fn output(
    data: &[u8],
    nul: bool,
    buf: *mut u8,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    let out_len = try_ffi!(out(out_len));
    *out_len = data.len();
    let needed = data.len() + usize::from(nul);
    if buf_len < needed {
        return revtain_result::InsufficientSize;
    }
    if needed == 0 {
        return revtain_result::Ok;
    }
    if buf.is_null() {
        return revtain_result::NullParameter;
    }
    std::ptr::copy_nonoverlapping(data.as_ptr(), buf, data.len());
    if nul {
        *buf.add(data.len()) = 0;
    }
    revtain_result::Ok
}

/// Writes text and a NUL into a caller buffer (see the crate docs for the convention).
///
/// # Safety
/// `buf` must be valid for writes of `buf_len` bytes; `out_len` valid for one write.
pub(crate) unsafe fn write_text(
    text: &[u8],
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    output(text, true, buf.cast(), buf_len, out_len)
}

/// Writes bytes into a caller buffer.
///
/// # Safety
/// `buf` must be valid for writes of `buf_len` bytes; `out_len` valid for one write.
pub(crate) unsafe fn write_bytes(
    data: &[u8],
    buf: *mut u8,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    output(data, false, buf, buf_len, out_len)
}

/// Writes found byte ranges into `ranges` (room for `max_ranges`) and their number into
/// `*count`; more than `max_ranges` writes nothing and is `REVTAIN_RESULT_INSUFFICIENT_SIZE`.
///
/// # Safety
/// `ranges` is NULL or valid for `max_ranges` writes; `count` is NULL or writable.
pub(crate) unsafe fn write_ranges(
    found: &[std::ops::Range<usize>],
    ranges: *mut crate::api_key::revtain_range,
    max_ranges: usize,
    count: *mut usize,
) -> revtain_result {
    let count = try_ffi!(out(count));
    *count = found.len();
    if found.len() > max_ranges {
        return revtain_result::InsufficientSize;
    }
    if found.is_empty() {
        return revtain_result::Ok;
    }
    if ranges.is_null() {
        return revtain_result::NullParameter;
    }
    let slots = std::slice::from_raw_parts_mut(ranges, found.len());
    for (slot, r) in slots.iter_mut().zip(found) {
        *slot = crate::api_key::revtain_range {
            start: r.start,
            end: r.end,
        };
    }
    revtain_result::Ok
}

/// Writes a freshly generated secret (text) or reports the OS random generator's failure.
///
/// # Safety
/// As for [`write_text`].
pub(crate) unsafe fn write_generated<S: std::ops::Deref<Target = String>>(
    made: Result<S, revtain::RandomUnavailable>,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    try_ffi!(out(out_len));
    match made {
        Ok(s) => write_text(s.as_bytes(), buf, buf_len, out_len),
        Err(e) => crate::error::fail(&e),
    }
}
