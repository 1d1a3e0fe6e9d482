//! API keys: `generate_api_key`, `ApiKey`, `verify_api_key`, `find_api_keys`,
//! `redact_api_keys`.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use revtain::api_key;

use crate::convert::{with_bytes, DETACH_THRESHOLD};
use crate::errors::err;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ApiKey>()?;
    m.add_function(wrap_pyfunction!(generate_api_key, m)?)?;
    m.add_function(wrap_pyfunction!(verify_api_key, m)?)?;
    m.add_function(wrap_pyfunction!(find_api_keys, m)?)?;
    m.add_function(wrap_pyfunction!(redact_api_keys, m)?)?;
    m.add("API_KEY_LENGTH", api_key::KEY_LEN)?;
    m.add("LOOKUP_HASH_LENGTH", api_key::LOOKUP_HASH_LEN)?;
    Ok(())
}

fn pepper_bytes<R>(pepper: Option<&Bound<'_, PyAny>>, f: impl FnOnce(&[u8]) -> R) -> PyResult<R> {
    match pepper {
        Some(p) => with_bytes(p, "pepper", f),
        None => Ok(f(&[])),
    }
}

/// Generates a new API key (`rev_` + 32 base64url characters from 24 random bytes).
#[pyfunction]
fn generate_api_key(py: Python<'_>) -> PyResult<String> {
    let key = api_key::ApiKey::generate().map_err(err(py))?;
    Ok(key.expose_secret().to_owned())
}

/// A valid Revtain API key. `repr()` and `str()` show only the redacted form.
#[pyclass(frozen, module = "revtain", name = "ApiKey")]
pub struct ApiKey {
    inner: api_key::ApiKey,
}

#[pymethods]
impl ApiKey {
    /// Parses a key strictly; raises a subclass of `InvalidApiKey`.
    #[staticmethod]
    fn parse(py: Python<'_>, key: crate::convert::Text) -> PyResult<Self> {
        api_key::ApiKey::parse(&key)
            .map(|inner| ApiKey { inner })
            .map_err(err(py))
    }

    /// Generates a new key.
    #[staticmethod]
    fn generate(py: Python<'_>) -> PyResult<Self> {
        api_key::ApiKey::generate()
            .map(|inner| ApiKey { inner })
            .map_err(err(py))
    }

    /// The redacted form, `rev_abcd…wxyz`.
    #[getter]
    fn redacted(&self) -> String {
        self.inner.redacted()
    }

    /// The whole key. Show it to its owner once; never log it.
    fn expose_secret(&self) -> &str {
        self.inner.expose_secret()
    }

    /// `HMAC-SHA256(pepper, key)`: the 32 bytes a server stores.
    #[pyo3(signature = (pepper = None))]
    fn lookup_hash<'py>(
        &self,
        py: Python<'py>,
        pepper: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let hash = pepper_bytes(pepper, |p| self.inner.lookup_hash(p))?;
        Ok(PyBytes::new(py, &hash))
    }

    /// Whether this key's lookup hash equals `stored_hash` (constant-time).
    #[pyo3(signature = (stored_hash, pepper = None))]
    fn matches(
        &self,
        py: Python<'_>,
        stored_hash: &Bound<'_, PyAny>,
        pepper: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        with_bytes(stored_hash, "stored_hash", |h| {
            pepper_bytes(pepper, |p| self.inner.matches(h, p))
        })??
        .map_err(err(py))
    }

    fn __repr__(&self) -> String {
        format!("<ApiKey {}>", self.inner.redacted())
    }

    fn __str__(&self) -> String {
        self.inner.redacted()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<ApiKey>() {
            Ok(o) => self.inner == o.get().inner,
            Err(_) => false,
        }
    }

    // Keys are secrets: no hashing into sets or dicts by value, and no pickling.
    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    fn __reduce__(&self) -> PyResult<()> {
        Err(pyo3::exceptions::PyTypeError::new_err(
            "ApiKey cannot be pickled: store key.lookup_hash(pepper), never the key",
        ))
    }
}

/// Checks a presented key against a stored lookup hash in constant time. A malformed key is
/// simply `False`; a stored hash that is not 32 bytes raises `InvalidLookupHash`.
#[pyfunction]
#[pyo3(signature = (key, stored_hash, pepper = None))]
fn verify_api_key(
    py: Python<'_>,
    key: crate::convert::Text,
    stored_hash: &Bound<'_, PyAny>,
    pepper: Option<&Bound<'_, PyAny>>,
) -> PyResult<bool> {
    with_bytes(stored_hash, "stored_hash", |h| {
        pepper_bytes(pepper, |p| api_key::verify_api_key(&key, h, p))
    })??
    .map_err(err(py))
}

/// `(start, end)` of every API key in `text`: `str` indices for a `str`, byte offsets for
/// bytes-like input.
#[pyfunction]
fn find_api_keys(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<(usize, usize)>> {
    find_in(py, text, api_key::find_api_keys)
}

/// Runs a finder over `text`: `str` indices for a `str`, byte offsets for bytes.
pub fn find_in(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    finder: fn(&[u8]) -> Vec<std::ops::Range<usize>>,
) -> PyResult<Vec<(usize, usize)>> {
    if let Ok(s) = text.cast::<PyString>() {
        let s = crate::convert::text_of(s)?;
        let found = scan(py, s.as_bytes(), finder);
        let mut offsets: Vec<usize> = found.iter().flat_map(|r| [r.start, r.end]).collect();
        revtain::text::byte_to_char_offsets(s, &mut offsets);
        return Ok(offsets.chunks_exact(2).map(|p| (p[0], p[1])).collect());
    }
    with_bytes(text, "text", |b| {
        scan(py, b, finder)
            .into_iter()
            .map(|r| (r.start, r.end))
            .collect()
    })
}

/// `text` with every API key replaced by its redacted form; `str` in, `str` out, bytes-like
/// in, `bytes` out.
#[pyfunction]
fn redact_api_keys<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(s) = text.cast::<PyString>() {
        let s = crate::convert::text_of(s)?;
        let out = scan(py, s.as_bytes(), api_key::redact_api_keys_bytes);
        // Only ASCII runs were replaced, by UTF-8, so the result is UTF-8.
        let out = String::from_utf8_lossy(&out);
        return Ok(PyString::new(py, &out).into_any());
    }
    let out = with_bytes(text, "text", |b| {
        scan(py, b, api_key::redact_api_keys_bytes)
    })?;
    Ok(PyBytes::new(py, &out).into_any())
}

/// Runs a scan, releasing the GIL for large inputs.
fn scan<T: Send>(py: Python<'_>, data: &[u8], f: fn(&[u8]) -> T) -> T {
    if data.len() >= DETACH_THRESHOLD {
        py.detach(|| f(data))
    } else {
        f(data)
    }
}
