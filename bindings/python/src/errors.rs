//! Maps core errors onto the exception classes of `revtain/_errors.py` (generated from the core's
//! error table): the class of the error's kind, the core's own message, and its fields as
//! attributes. One mapping for every capability.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;
use pyo3::IntoPyObjectExt;
use revtain::{ErrorDetail, ErrorKind};

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The exception class of `kind`. Every kind has one: the classes are generated from the same
/// table as the kinds, and `tests/test_errors.py` checks them against [`error_kinds`].
fn class_of<'py>(py: Python<'py>, kind: ErrorKind) -> PyResult<Bound<'py, PyAny>> {
    let module = ERRORS.get_or_try_init(py, || py.import("revtain._errors").map(Bound::unbind))?;
    module.bind(py).getattr(kind.class_name())
}

/// The exception for `detail`, with `extra` attributes of host values (a gateway error's
/// `attempts` and `response`).
pub fn raise(py: Python<'_>, detail: ErrorDetail, extra: Vec<(&str, Bound<'_, PyAny>)>) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let exc = class_of(py, detail.kind)?.call1((detail.message.as_str(),))?;
        let fields = [
            ("header", detail.header.into_bound_py_any(py)?),
            ("age", detail.age.into_bound_py_any(py)?),
            ("tolerance", detail.tolerance.into_bound_py_any(py)?),
            ("timestamp", detail.timestamp.into_bound_py_any(py)?),
            ("key_id", detail.key_id.into_bound_py_any(py)?),
            ("position", detail.position.into_bound_py_any(py)?),
            ("length", detail.length.into_bound_py_any(py)?),
            ("requested", detail.requested.into_bound_py_any(py)?),
        ];
        for (name, value) in fields {
            if !value.is_none() {
                exc.setattr(name, value)?;
            }
        }
        for (name, value) in extra {
            exc.setattr(name, value)?;
        }
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|e| e)
}

/// The exception for any core error.
pub fn error<'e, E>(py: Python<'_>, e: &'e E) -> PyErr
where
    ErrorDetail: From<&'e E>,
{
    raise(py, ErrorDetail::from(e), Vec::new())
}

/// `map_err(err(py))`: the exception for any core error, by value.
pub fn err<E>(py: Python<'_>) -> impl FnOnce(E) -> PyErr + '_
where
    for<'e> ErrorDetail: From<&'e E>,
{
    move |e| error(py, &e)
}

/// Every core error kind as `(code, class name, family or None, is an input error)`.
#[pyfunction]
pub fn error_kinds() -> Vec<(&'static str, &'static str, Option<&'static str>, bool)> {
    ErrorKind::ALL
        .iter()
        .map(|k| {
            (
                k.code(),
                k.class_name(),
                k.family().map(|f| f.name()),
                k.is_input_error(),
            )
        })
        .collect()
}
