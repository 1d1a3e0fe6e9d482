//! The panic boundary, the pointer checks every export goes through, the handle helper and the
//! borrowed-text types of the C interface.

use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::revtain_result;

/// Text borrowed for the duration of a call: `len` bytes of UTF-8 at `ptr`, no NUL needed.
/// `{NULL, 0}` is the empty text; NULL with a non-zero length is
/// `REVTAIN_RESULT_NULL_PARAMETER`. Used where a function takes several texts (a list of
/// secrets, the headers of a request); a single text is passed as `(const char *, size_t)`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct revtain_str {
    /// The first byte, or NULL when `len` is 0.
    pub ptr: *const c_char,
    /// The length in bytes.
    pub len: usize,
}

/// One request or response header: a name and a value, each a `revtain_str`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct revtain_header {
    /// The header name, in any case.
    pub name: revtain_str,
    /// The header value, as received.
    pub value: revtain_str,
}

impl revtain_str {
    /// The bytes, borrowed.
    ///
    /// # Safety
    /// As for [`input`].
    pub(crate) unsafe fn bytes<'a>(self) -> Result<&'a [u8], revtain_result> {
        input(self.ptr, self.len)
    }
}

/// Borrows `(items, n)` as a slice of C structs; NULL is accepted only with `n == 0`.
///
/// # Safety
/// When non-NULL, `items` must be valid for reads of `n` values for the returned lifetime.
pub(crate) unsafe fn array<'a, T>(items: *const T, n: usize) -> Result<&'a [T], revtain_result> {
    if items.is_null() {
        return if n == 0 {
            Ok(&[])
        } else {
            Err(revtain_result::NullParameter)
        };
    }
    Ok(std::slice::from_raw_parts(items, n))
}

/// The texts of `(strs, n)`, borrowed.
///
/// # Safety
/// As for [`array`], and each text as for [`input`].
pub(crate) unsafe fn texts<'a>(
    strs: *const revtain_str,
    n: usize,
) -> Result<Vec<&'a [u8]>, revtain_result> {
    array(strs, n)?.iter().map(|s| s.bytes()).collect()
}

/// A header's name and value, borrowed.
pub(crate) type HeaderPair<'a> = (&'a [u8], &'a [u8]);

/// The `(name, value)` pairs of `(headers, n)`, borrowed.
///
/// # Safety
/// As for [`array`], and each text as for [`input`].
pub(crate) unsafe fn header_pairs<'a>(
    headers: *const revtain_header,
    n: usize,
) -> Result<Vec<HeaderPair<'a>>, revtain_result> {
    array(headers, n)?
        .iter()
        .map(|h| Ok((h.name.bytes()?, h.value.bytes()?)))
        .collect()
}

/// An optional input read through a pointer: NULL is `None` ("not given": the core's
/// default, such as the system clock for a `now`).
///
/// # Safety
/// `value` is NULL or valid for one read.
pub(crate) unsafe fn optional_in<T: Copy>(value: *const T) -> Option<T> {
    value.as_ref().copied()
}

/// The one way a handle is made, borrowed and released: a `Box` handed to C as a pointer.
pub(crate) mod handle {
    use super::{out, revtain_result};

    /// Moves `value` into a new handle written to `*out_handle` (from [`slot`]);
    /// `REVTAIN_RESULT_OK`.
    pub(crate) fn give<T>(value: T, out_handle: &mut *mut T) -> revtain_result {
        *out_handle = new(value);
        revtain_result::Ok
    }

    /// Moves `value` into a new handle, for a function that returns it.
    pub(crate) fn new<T>(value: T) -> *mut T {
        Box::into_raw(Box::new(value))
    }

    /// Checks that `out_handle` is writable, sets it to NULL (so that a failure leaves NULL)
    /// and returns it.
    ///
    /// # Safety
    /// `out_handle` is NULL or valid for one write.
    pub(crate) unsafe fn slot<'a, T>(
        out_handle: *mut *mut T,
    ) -> Result<&'a mut *mut T, revtain_result> {
        let slot = out(out_handle)?;
        *slot = std::ptr::null_mut();
        Ok(slot)
    }

    /// Borrows a handle for the duration of a call; NULL is `REVTAIN_RESULT_NULL_PARAMETER`.
    ///
    /// # Safety
    /// `handle` is NULL or a live handle made by [`new`] or [`give`] for this `T`.
    pub(crate) unsafe fn borrow<'a, T>(handle: *const T) -> Result<&'a T, revtain_result> {
        handle.as_ref().ok_or(revtain_result::NullParameter)
    }

    /// Releases a handle made by [`give`]; NULL is a no-op. The value's own `Drop` wipes any
    /// secret it holds.
    ///
    /// # Safety
    /// `handle` is NULL or a live handle made by [`new`] or [`give`] for this `T`, not used afterwards.
    pub(crate) unsafe fn free<T>(handle: *mut T) {
        if !handle.is_null() {
            drop(Box::from_raw(handle));
        }
    }
}

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
    // A slice is at most isize::MAX bytes, so this cannot overflow; checked all the same.
    let Some(needed) = data.len().checked_add(usize::from(nul)) else {
        return revtain_result::InsufficientSize;
    };
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

/// `text` with a NUL after it, for a handle that hands out C strings it owns.
pub(crate) fn with_nul(text: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(text.len() + 1);
    v.extend_from_slice(text.as_bytes());
    v.push(0);
    v
}

/// A C string a handle owns (made by [`with_nul`]): its pointer, and its length without the
/// NUL in `*len` when `len` is not NULL; NULL and 0 when there is no text.
///
/// # Safety
/// `len` is NULL or writable.
pub(crate) unsafe fn owned_text(text: Option<&Vec<u8>>, len: *mut usize) -> *const c_char {
    if let Some(slot) = len.as_mut() {
        *slot = text.map_or(0, |t| t.len() - 1);
    }
    text.map_or(std::ptr::null(), |t| t.as_ptr().cast())
}
