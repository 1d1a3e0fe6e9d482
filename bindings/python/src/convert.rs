//! Argument conversions shared by the functions of this module.

use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView, PyString};

/// Inputs of at least this many bytes are processed with the GIL released.
pub const DETACH_THRESHOLD: usize = 256 * 1024;

/// Calls `f` with the bytes of `obj`: `bytes` and `str` (as UTF-8) are borrowed without a
/// copy; `bytearray` and `memoryview` are copied once, because their contents may change
/// while we read them.
pub fn with_bytes<R>(
    obj: &Bound<'_, PyAny>,
    what: &str,
    f: impl FnOnce(&[u8]) -> R,
) -> PyResult<R> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(f(b.as_bytes()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(f(s.to_str()?.as_bytes()));
    }
    if obj.cast::<PyByteArray>().is_ok() || obj.cast::<PyMemoryView>().is_ok() {
        let buffer = PyBuffer::<u8>::get(obj)?;
        let copy = buffer.to_vec(obj.py())?;
        return Ok(f(&copy));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be bytes, bytearray, memoryview or str, not {}",
        obj.get_type().name()?
    )))
}
