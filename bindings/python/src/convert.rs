//! Argument conversions shared by the functions of this module.

use pyo3::buffer::PyBuffer;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple,
};
use revtain::args::Number;

/// Inputs of at least this many bytes are processed with the GIL released.
pub const DETACH_THRESHOLD: usize = 256 * 1024;

/// Calls `f` with the bytes of `obj`: `bytes` and `str` (as UTF-8) are borrowed without a
/// copy; `bytearray` and `memoryview` are copied once, because their contents may change
/// while we read them.
/// What a `str` that is not valid text (it holds a lone surrogate, which is how Python decodes a
/// stray non-UTF-8 byte from the environment or a file) raises: a `ValueError` that never holds
/// the string. Python's own `UnicodeEncodeError` carries the whole string in its `object` and
/// `args` (a secret, a card number).
const NOT_TEXT: &str = "a str argument is not valid text: it holds a lone surrogate (a byte that \
                        is not UTF-8, as os.environ or a file decoded with surrogateescape gives; \
                        the value is not shown)";

/// A `str` argument, borrowed from Python (never copied), refused with a `ValueError` that does
/// not repeat it when it is not valid text. Every `str` the bindings take goes through it.
pub struct Text(PyBackedStr);

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl FromPyObject<'_, '_> for Text {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let s = obj.cast::<PyString>()?;
        PyBackedStr::try_from(s.to_owned())
            .map(Text)
            .map_err(|_| PyValueError::new_err(NOT_TEXT))
    }
}

/// A `str`'s UTF-8, or the `ValueError` of [`Text`] (never Python's `UnicodeEncodeError`, which
/// carries the string).
pub fn text_of<'a>(s: &'a Bound<'_, PyString>) -> PyResult<&'a str> {
    s.to_str().map_err(|_| PyValueError::new_err(NOT_TEXT))
}

pub fn with_bytes<R>(
    obj: &Bound<'_, PyAny>,
    what: &str,
    f: impl FnOnce(&[u8]) -> R,
) -> PyResult<R> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(f(b.as_bytes()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(f(text_of(s)?.as_bytes()));
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

/// A header value as the core reads it: a Python `str` or `bytes` kept alive and borrowed (no
/// copy), or the copy of a `bytearray` or `memoryview`.
pub enum HeaderValue {
    Str(PyBackedStr),
    Bytes(PyBackedBytes),
    Copied(Vec<u8>),
}

impl AsRef<[u8]> for HeaderValue {
    fn as_ref(&self) -> &[u8] {
        match self {
            HeaderValue::Str(s) => s.as_bytes(),
            HeaderValue::Bytes(b) => b.as_ref(),
            HeaderValue::Copied(v) => v,
        }
    }
}

fn header_value(obj: &Bound<'_, PyAny>) -> PyResult<HeaderValue> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(HeaderValue::Str(PyBackedStr::try_from(s.clone())?));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(HeaderValue::Bytes(PyBackedBytes::from(b.clone())));
    }
    if obj.cast::<PyByteArray>().is_ok() || obj.cast::<PyMemoryView>().is_ok() {
        return with_bytes(obj, "value", <[u8]>::to_vec).map(HeaderValue::Copied);
    }
    Err(PyTypeError::new_err(format!(
        "a header value must be str or bytes, not {}",
        obj.get_type().name()?
    )))
}

/// The request's headers that the core reads, as `(name, value)` pairs. The name is the one the
/// entry matched, as the core spells it: the core's rule only counts and matches entries, so
/// this changes no verdict and copies no name.
pub type Pairs = Vec<(&'static str, HeaderValue)>;

/// Collects the pairs among `items` whose name is one of `names` (by the core's rule,
/// [`revtain::headers::name_matches`]): the core only ever looks at those, so the others are
/// neither copied nor converted. A value that is a list or tuple is one pair per item (a
/// repeated header).
struct Collector<'n> {
    names: &'n [&'static str],
    out: Pairs,
}

impl Collector<'_> {
    /// The name sought that `name` matches; a name that is not `str` or bytes-like is a
    /// `TypeError`, and a `str` that is not valid Unicode (a lone surrogate) can name no header.
    fn wanted(&self, name: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
        let matches = |n: &[u8]| {
            self.names
                .iter()
                .copied()
                .find(|want| revtain::headers::name_matches(n, want))
        };
        if let Ok(s) = name.cast::<PyString>() {
            let Ok(s) = s.to_str() else { return Ok(None) };
            return Ok(matches(s.as_bytes()));
        }
        if let Ok(b) = name.cast::<PyBytes>() {
            return Ok(matches(b.as_bytes()));
        }
        if name.cast::<PyByteArray>().is_ok() || name.cast::<PyMemoryView>().is_ok() {
            return with_bytes(name, "name", matches);
        }
        Err(PyTypeError::new_err(format!(
            "a header name must be str or bytes, not {}",
            name.get_type().name()?
        )))
    }

    fn push(&mut self, name: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let Some(name) = self.wanted(name)? else {
            return Ok(());
        };
        if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
            for v in value.try_iter()? {
                self.out.push((name, header_value(&v?)?));
            }
        } else {
            self.out.push((name, header_value(value)?));
        }
        Ok(())
    }

    fn pairs(&mut self, items: &Bound<'_, PyAny>) -> PyResult<()> {
        // Lists of tuples (Starlette's `.raw`, Werkzeug's items, hand-made pairs): indexed
        // directly rather than through the iterator protocol.
        if let Ok(list) = items.cast::<PyList>() {
            for item in list.iter() {
                self.pair(&item)?;
            }
            return Ok(());
        }
        for item in items.try_iter()? {
            self.pair(&item?)?;
        }
        Ok(())
    }

    fn pair(&mut self, item: &Bound<'_, PyAny>) -> PyResult<()> {
        if let Ok(t) = item.cast::<PyTuple>() {
            if t.len() == 2 {
                return self.push(&t.get_item(0)?, &t.get_item(1)?);
            }
            return Err(not_a_pair(item));
        }
        if item.is_instance_of::<PyString>()
            || item.is_instance_of::<PyBytes>()
            || item.is_instance_of::<PyByteArray>()
        {
            return Err(not_a_pair(item));
        }
        let mut parts = item.try_iter().map_err(|_| not_a_pair(item))?;
        let (Some(name), Some(value), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(not_a_pair(item));
        };
        self.push(&name?, &value?)
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
pub fn header_pairs(headers: &Bound<'_, PyAny>, names: &[&'static str]) -> PyResult<Pairs> {
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
