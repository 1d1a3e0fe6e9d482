//! Revtain webhooks: `generate_webhook_secret`, `WebhookSigner`, `Webhook`, `Event`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyString};
use revtain::webhook::{self, WebhookError};

use crate::convert::{with_bytes, DETACH_THRESHOLD};
use crate::errors::{error, random_error};

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(generate_webhook_secret, m)?)?;
    m.add_class::<WebhookSigner>()?;
    m.add_class::<Webhook>()?;
    m.add_class::<Event>()?;
    m.add("SIGNATURE_HEADER", webhook::SIGNATURE_HEADER)?;
    m.add("DEFAULT_TOLERANCE", webhook::DEFAULT_TOLERANCE)?;
    Ok(())
}

fn webhook_error(py: Python<'_>, e: WebhookError) -> PyErr {
    let attrs = [
        ("age", e.age()),
        (
            "tolerance",
            e.tolerance().map(|t| i64::try_from(t).unwrap_or(i64::MAX)),
        ),
    ];
    error(py, e.kind(), e.to_string(), &attrs)
}

/// Unix seconds from Python: `None` is now; a negative value is a `ValueError`.
pub fn seconds(value: Option<i64>, what: &str) -> PyResult<u64> {
    match value {
        None => Ok(webhook::now_unix()),
        Some(v) => u64::try_from(v)
            .map_err(|_| PyValueError::new_err(format!("{what} must be unix seconds, >= 0"))),
    }
}

/// `str` or a sequence of `str`; the secrets are borrowed as UTF-8.
fn with_secrets<R>(
    secret: &Bound<'_, PyAny>,
    f: impl FnOnce(&[&[u8]]) -> Result<R, WebhookError>,
) -> PyResult<(R, usize)> {
    let py = secret.py();
    let strings: Vec<Bound<'_, PyString>> = if let Ok(s) = secret.cast::<PyString>() {
        vec![s.clone()]
    } else if secret.cast::<PyBytes>().is_ok() {
        return Err(PyTypeError::new_err(
            "the webhook secret must be a str (whsec_...) or a list of them, not bytes",
        ));
    } else {
        let items = secret.try_iter().map_err(|_| {
            PyTypeError::new_err("the webhook secret must be a str (whsec_...) or a list of them")
        })?;
        items
            .map(|item| {
                item?.cast_into::<PyString>().map_err(|_| {
                    PyTypeError::new_err("every webhook secret must be a str (whsec_...)")
                })
            })
            .collect::<PyResult<_>>()?
    };
    let mut borrowed = Vec::with_capacity(strings.len());
    for s in &strings {
        borrowed.push(s.to_str()?.as_bytes());
    }
    f(&borrowed)
        .map(|r| (r, borrowed.len()))
        .map_err(|e| webhook_error(py, e))
}

/// A new signing secret: `whsec_` + base64 of 32 random bytes.
#[pyfunction]
fn generate_webhook_secret(py: Python<'_>) -> PyResult<String> {
    webhook::generate_webhook_secret()
        .map(|s| s.as_str().to_owned())
        .map_err(|e| random_error(py, e))
}

/// Signs webhooks as Revtain does, with one secret or several (one `v1` each).
#[pyclass(frozen, module = "revtain", name = "WebhookSigner")]
pub struct WebhookSigner {
    inner: webhook::WebhookSigner,
    secrets: usize,
}

#[pymethods]
impl WebhookSigner {
    #[new]
    fn new(secret: &Bound<'_, PyAny>) -> PyResult<Self> {
        let (inner, secrets) = with_secrets(secret, |s| webhook::WebhookSigner::new(s))?;
        Ok(WebhookSigner { inner, secrets })
    }

    /// The four headers for `body`: `X-Revtain-Signature`, `webhook-id`, `webhook-timestamp`,
    /// `webhook-signature`. `timestamp` defaults to now.
    #[pyo3(signature = (body, event_id, timestamp = None))]
    fn sign<'py>(
        &self,
        py: Python<'py>,
        body: &Bound<'py, PyAny>,
        event_id: &str,
        timestamp: Option<i64>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let t = seconds(timestamp, "timestamp")?;
        let headers = with_bytes(body, "body", |b| self.inner.sign(b, event_id, t))?
            .map_err(|e| webhook_error(py, e))?;
        let out = PyDict::new(py);
        for (name, value) in headers.iter() {
            out.set_item(name, value)?;
        }
        Ok(out)
    }

    /// The `X-Revtain-Signature` value alone.
    #[pyo3(signature = (body, timestamp = None))]
    fn signature_header(
        &self,
        body: &Bound<'_, PyAny>,
        timestamp: Option<i64>,
    ) -> PyResult<String> {
        let t = seconds(timestamp, "timestamp")?;
        with_bytes(body, "body", |b| self.inner.signature_header(b, t))
    }

    fn __repr__(&self) -> String {
        format!("WebhookSigner(secrets={})", self.secrets)
    }
}

/// Verifies Revtain webhooks. Make one at start-up and reuse it: the secrets are decoded and
/// the HMAC keyed once, here.
#[pyclass(frozen, module = "revtain", name = "Webhook")]
pub struct Webhook {
    inner: webhook::Webhook,
    secrets: usize,
}

/// The names tried, in order, on a mapping: the canonical name, lower case (plain dicts of
/// ASGI/Node-style headers), and Django's `request.META` key. Interned once.
fn names(py: Python<'_>) -> [&Bound<'_, PyString>; 3] {
    [
        intern!(py, webhook::SIGNATURE_HEADER),
        intern!(py, "x-revtain-signature"),
        intern!(py, "HTTP_X_REVTAIN_SIGNATURE"),
    ]
}

/// Whether `key` is a `str` spelling the signature header in any case.
fn is_signature_name(key: &Bound<'_, PyAny>) -> bool {
    key.cast::<PyString>()
        .ok()
        .and_then(|k| {
            k.to_str()
                .ok()
                .map(|k| k.eq_ignore_ascii_case(webhook::SIGNATURE_HEADER))
        })
        .unwrap_or(false)
}

/// Finds the signature header in any mapping without building a dict.
fn find_header<'py>(headers: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    let py = headers.py();
    if let Ok(d) = headers.cast::<PyDict>() {
        for name in names(py) {
            if let Some(v) = d.get_item(name)? {
                return Ok(Some(v));
            }
        }
        return Ok(d.iter().find(|(k, _)| is_signature_name(k)).map(|(_, v)| v));
    }
    let Ok(get) = headers.getattr(intern!(py, "get")) else {
        return Err(PyTypeError::new_err(format!(
            "headers must be a mapping (dict, Werkzeug/Django/Starlette headers), not {}",
            headers.get_type().name()?
        )));
    };
    // Werkzeug, Django and Starlette headers look names up case-insensitively.
    for name in names(py) {
        let v = get.call1((name,))?;
        if !v.is_none() {
            return Ok(Some(v));
        }
    }
    // A case-sensitive mapping with another spelling.
    if let Ok(keys) = headers.call_method0(intern!(py, "keys")) {
        for k in keys.try_iter()? {
            let k = k?;
            if is_signature_name(&k) {
                return Ok(Some(headers.get_item(k)?));
            }
        }
    }
    Ok(None)
}

impl Webhook {
    /// Verifies the signature of `body`, then runs `then` on the same bytes: a `bytearray` or
    /// `memoryview` body is read once however much is done with it.
    fn check<T>(
        &self,
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        header: Option<&Bound<'_, PyAny>>,
        now: Option<i64>,
        then: impl FnOnce(&[u8], u64) -> Result<T, WebhookError> + Send,
    ) -> PyResult<T>
    where
        T: Send,
    {
        let now = seconds(now, "now")?;
        let header: &[u8] = match header {
            None => return Err(webhook_error(py, WebhookError::HeaderMissing)),
            Some(h) if h.is_none() => return Err(webhook_error(py, WebhookError::HeaderMissing)),
            Some(h) => {
                if let Ok(s) = h.cast::<PyString>() {
                    s.to_str()?.as_bytes()
                } else if let Ok(b) = h.cast::<PyBytes>() {
                    b.as_bytes()
                } else {
                    return Err(PyTypeError::new_err(format!(
                        "the signature header must be str or bytes, not {}",
                        h.get_type().name()?
                    )));
                }
            }
        };
        let run = |b: &[u8]| {
            self.inner
                .verify_signature(b, header, now)
                .and_then(|t| then(b, t))
        };
        let result = with_bytes(body, "body", |b| {
            if b.len() >= DETACH_THRESHOLD {
                py.detach(|| run(b))
            } else {
                run(b)
            }
        })?;
        result.map_err(|e| webhook_error(py, e))
    }
}

static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

#[pymethods]
impl Webhook {
    #[new]
    #[pyo3(signature = (secret, tolerance = 300))]
    fn new(secret: &Bound<'_, PyAny>, tolerance: i64) -> PyResult<Self> {
        let tolerance = u64::try_from(tolerance)
            .map_err(|_| PyValueError::new_err("tolerance must be seconds, >= 0"))?;
        let (inner, secrets) = with_secrets(secret, |s| webhook::Webhook::new(s))?;
        Ok(Webhook {
            inner: inner.with_tolerance(tolerance),
            secrets,
        })
    }

    /// The tolerance in seconds, applied in both directions.
    #[getter]
    fn tolerance(&self) -> u64 {
        self.inner.tolerance()
    }

    /// Verifies the raw `body` against an `X-Revtain-Signature` value and returns the signed
    /// timestamp. `now` (unix seconds) defaults to the clock.
    #[pyo3(signature = (body, signature_header, now = None))]
    fn verify_signature(
        &self,
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        signature_header: Option<&Bound<'_, PyAny>>,
        now: Option<i64>,
    ) -> PyResult<u64> {
        self.check(py, body, signature_header, now, |_, t| Ok(t))
    }

    /// Finds `X-Revtain-Signature` in `headers` (any mapping, case-insensitively), verifies the
    /// raw `body`, and returns the event it carries.
    #[pyo3(signature = (body, headers, now = None))]
    fn verify(
        &self,
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        headers: &Bound<'_, PyAny>,
        now: Option<i64>,
    ) -> PyResult<Event> {
        let header = find_header(headers)?;
        let event = self.check(py, body, header.as_ref(), now, |b, _| {
            webhook::Event::parse(b)
        })?;
        let loads = JSON_LOADS.get_or_try_init(py, || {
            py.import("json")?.getattr("loads").map(Bound::unbind)
        })?;
        let data = loads.bind(py).call1((event.data_json(),))?.unbind();
        Ok(Event {
            id: event.id,
            event_type: event.event_type,
            created: event.created,
            data,
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Webhook(secrets={}, tolerance={})",
            self.secrets,
            self.inner.tolerance()
        )
    }
}

/// A verified Revtain event.
#[pyclass(frozen, module = "revtain", name = "Event")]
pub struct Event {
    /// The event id (`evt_...`).
    #[pyo3(get)]
    id: String,
    /// The event type, for example `payment.recovered`.
    #[pyo3(get, name = "type")]
    event_type: String,
    /// When the event happened, unix seconds.
    #[pyo3(get)]
    created: i64,
    /// The `data` object.
    #[pyo3(get)]
    data: Py<PyAny>,
}

#[pymethods]
impl Event {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Event(id={}, type={}, created={})",
            PyString::new(py, &self.id).repr()?,
            PyString::new(py, &self.event_type).repr()?,
            self.created
        ))
    }
}
