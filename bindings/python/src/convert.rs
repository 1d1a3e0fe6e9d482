//! Argument conversions shared by the functions of this module.

use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple,
};
use revtain::args::Number;

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

/// A number from Python for the core's checks ([`revtain::args`]): `None` stays `None`; an
/// `int` of any size or a `float` passes through (the core decides whether its value is
/// usable); anything else, `bool` included, is a `TypeError` naming the argument.
pub fn number(value: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<Number>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    if value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a number (int or float), not bool"
        )));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Ok(Some(Number::Float(f.value())));
    }
    if value.is_instance_of::<PyInt>() {
        return Ok(Some(match value.extract::<i128>() {
            Ok(v) => Number::Int(v),
            // Beyond 128 bits: out of every range, on the side of its sign.
            Err(_) => Number::Float(if value.lt(0)? {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }),
        }));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be a number (int or float), not {}",
        value.get_type().name()?
    )))
}

/// A header name or value: `str` (as UTF-8) or `bytes`-like, copied.
fn header_bytes(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<u8>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_str()?.as_bytes().to_vec());
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if obj.cast::<PyByteArray>().is_ok() || obj.cast::<PyMemoryView>().is_ok() {
        return with_bytes(obj, what, <[u8]>::to_vec);
    }
    Err(PyTypeError::new_err(format!(
        "a header {what} must be str or bytes, not {}",
        obj.get_type().name()?
    )))
}

/// The request's headers as `(name, value)` pairs.
pub type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

/// Collects the pairs among `items` whose name is one of `names` (by the core's rule,
/// [`revtain::headers::name_matches`]): the core only ever looks at those, so the others are
/// neither copied nor converted. A value that is a list or tuple is one pair per item (a
/// repeated header).
struct Collector<'n> {
    names: &'n [&'n str],
    out: Pairs,
}

impl Collector<'_> {
    /// The name's bytes when it is one of the names sought; a name that is not `str` or
    /// bytes-like is a `TypeError`, and a `str` that is not valid Unicode (a lone surrogate) can
    /// name no header.
    fn wanted(&self, name: &Bound<'_, PyAny>) -> PyResult<Option<Vec<u8>>> {
        let matches = |n: &[u8]| {
            self.names
                .iter()
                .any(|want| revtain::headers::name_matches(n, want))
        };
        if let Ok(s) = name.cast::<PyString>() {
            let Ok(s) = s.to_str() else { return Ok(None) };
            return Ok(matches(s.as_bytes()).then(|| s.as_bytes().to_vec()));
        }
        let n = header_bytes(name, "name")?;
        Ok(matches(&n).then_some(n))
    }

    fn push(&mut self, name: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let Some(name) = self.wanted(name)? else {
            return Ok(());
        };
        if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
            for v in value.try_iter()? {
                self.out.push((name.clone(), header_bytes(&v?, "value")?));
            }
        } else {
            self.out.push((name, header_bytes(value, "value")?));
        }
        Ok(())
    }

    fn pairs(&mut self, items: &Bound<'_, PyAny>) -> PyResult<()> {
        for item in items.try_iter()? {
            let item = item?;
            if item.is_instance_of::<PyString>()
                || item.is_instance_of::<PyBytes>()
                || item.is_instance_of::<PyByteArray>()
            {
                return Err(not_a_pair(&item));
            }
            let mut parts = item.try_iter().map_err(|_| not_a_pair(&item))?;
            let (Some(name), Some(value), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(not_a_pair(&item));
            };
            self.push(&name?, &value?)?;
        }
        Ok(())
    }
}

fn not_a_pair(item: &Bound<'_, PyAny>) -> PyErr {
    let kind = item
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    PyTypeError::new_err(format!(
        "headers must be a mapping or an iterable of (name, value) pairs; got an item of type {kind}"
    ))
}

fn bad_headers(headers: &Bound<'_, PyAny>) -> PyErr {
    let kind = headers
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    PyTypeError::new_err(format!(
        "headers must be a mapping (dict, Werkzeug/Django/Starlette headers) or an iterable of \
         (name, value) pairs, not {kind}"
    ))
}

/// The pairs of `headers` that name one of `names`, repeated headers kept where the container
/// keeps them: a `dict` (Django's `request.META` included: CGI names match); Starlette `Headers`
/// (its `.raw` bytes pairs); anything with `multi_items()` or `items()` (Werkzeug `Headers`
/// yields every copy, Django `HttpHeaders` one per name); or an iterable of pairs.
pub fn header_pairs(headers: &Bound<'_, PyAny>, names: &[&str]) -> PyResult<Pairs> {
    let py = headers.py();
    let mut c = Collector {
        names,
        out: Vec::new(),
    };
    if let Ok(d) = headers.cast::<PyDict>() {
        for (k, v) in d.iter() {
            c.push(&k, &v)?;
        }
        return Ok(c.out);
    }
    if headers.is_instance_of::<PyString>()
        || headers.is_instance_of::<PyBytes>()
        || headers.is_instance_of::<PyByteArray>()
        || headers.is_instance_of::<PyMemoryView>()
    {
        return Err(bad_headers(headers));
    }
    if let Ok(raw) = headers.getattr(intern!(py, "raw")) {
        if raw.is_instance_of::<PyList>() {
            c.pairs(&raw)?;
            return Ok(c.out);
        }
    }
    for method in [intern!(py, "multi_items"), intern!(py, "items")] {
        if let Ok(m) = headers.getattr(method) {
            if m.is_callable() {
                c.pairs(&m.call0()?)?;
                return Ok(c.out);
            }
        }
    }
    if headers.try_iter().is_ok() {
        c.pairs(headers)?;
        return Ok(c.out);
    }
    Err(bad_headers(headers))
}
