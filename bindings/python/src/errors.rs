//! Maps core errors onto the exception classes of `revtain/_errors.py`.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;
use revtain::ErrorKind;

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The exception class of `kind`. Every kind has one: `tests/test_errors.py` checks the
/// classes against [`error_kinds`].
fn class_of<'py>(py: Python<'py>, kind: ErrorKind) -> PyResult<Bound<'py, PyAny>> {
    let module = ERRORS.get_or_try_init(py, || py.import("revtain._errors").map(Bound::unbind))?;
    module.bind(py).getattr(kind.class_name())
}

/// Builds the exception for `kind` with `message` and extra attributes (for example
/// `position`).
pub fn error(
    py: Python<'_>,
    kind: ErrorKind,
    message: String,
    attrs: &[(&str, Option<i64>)],
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let exc = class_of(py, kind)?.call1((message,))?;
        for (name, value) in attrs {
            exc.setattr(*name, *value)?;
        }
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|e| e)
}

/// Builds the exception for `kind` with `message` and extra attributes of any type (for
/// example the `attempts` of a gateway error).
pub fn error_with(
    py: Python<'_>,
    kind: ErrorKind,
    message: String,
    attrs: Vec<(&str, Bound<'_, PyAny>)>,
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let exc = class_of(py, kind)?.call1((message,))?;
        for (name, value) in attrs {
            exc.setattr(name, value)?;
        }
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|e| e)
}

/// Every core error kind as `(code, class name, family or None, is an input error)`.
#[pyfunction]
pub fn error_kinds() -> Vec<(&'static str, &'static str, Option<&'static str>, bool)> {
    ErrorKind::ALL
        .iter()
        .map(|k| (k.code(), k.class_name(), k.family(), k.is_input_error()))
        .collect()
}

/// Converts the core's API-key errors.
pub fn api_key_error(py: Python<'_>, e: revtain::keys::ApiKeyError) -> PyErr {
    let attrs = [
        ("position", e.position().map(|p| p as i64)),
        ("length", e.length().map(|l| l as i64)),
    ];
    error(py, e.kind(), e.to_string(), &attrs)
}

/// Converts a failure of the OS random number generator.
pub fn random_error(py: Python<'_>, e: revtain::RandomUnavailable) -> PyErr {
    error(py, e.kind(), e.to_string(), &[])
}
