//! Revtain webhooks: `generate_webhook_secret`, `generate_webhook_signing_key`,
//! `webhook_public_key`, `WebhookSigner`, `Webhook`, `Event`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyString};
use revtain::webhook::{self, WebhookError};

use crate::convert::{header_pairs, number, with_bytes, DETACH_THRESHOLD};
use crate::errors::{err, error};

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(generate_webhook_secret, m)?)?;
    m.add_function(wrap_pyfunction!(generate_webhook_signing_key, m)?)?;
    m.add_function(wrap_pyfunction!(webhook_public_key, m)?)?;
    m.add_class::<WebhookSigner>()?;
    m.add_class::<Webhook>()?;
    m.add_class::<Event>()?;
    m.add("SIGNATURE_HEADER", webhook::SIGNATURE_HEADER)?;
    m.add("DEFAULT_TOLERANCE", webhook::DEFAULT_TOLERANCE)?;
    Ok(())
}

/// Unix seconds from Python (`now`, `timestamp`), checked by the core; `None` is the clock.
fn unix_seconds(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<u64> {
    webhook::unix_seconds_from(number(value, what)?, what).map_err(err(py))
}

/// `str` or a sequence of `str`; the secrets are borrowed as UTF-8.
fn with_secrets<R>(
    secret: &Bound<'_, PyAny>,
    f: impl FnOnce(&[&[u8]]) -> Result<R, WebhookError>,
) -> PyResult<R> {
    let py = secret.py();
    let strings: Vec<Bound<'_, PyString>> = if let Ok(s) = secret.cast::<PyString>() {
        vec![s.clone()]
    } else if secret.cast::<PyBytes>().is_ok() {
        return Err(PyTypeError::new_err(
            "the webhook secret must be a str (whsec_..., or an Ed25519 key) or a list of them, not bytes",
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
        borrowed.push(crate::convert::text_of(s)?.as_bytes());
    }
    f(&borrowed).map_err(|e| error(py, &e))
}

/// A new signing secret: `whsec_` + base64 of 32 random bytes.
#[pyfunction]
fn generate_webhook_secret(py: Python<'_>) -> PyResult<String> {
    webhook::generate_webhook_secret()
        .map(|s| s.as_str().to_owned())
        .map_err(err(py))
}

/// A new Ed25519 signing key and its public key: `(whsk_..., whpk_...)`. The signing key goes
/// to `WebhookSigner`; the public key to whoever verifies (`Webhook`).
#[pyfunction]
fn generate_webhook_signing_key(py: Python<'_>) -> PyResult<(String, String)> {
    webhook::generate_webhook_signing_key()
        .map(|(sk, pk)| (sk.as_str().to_owned(), pk))
        .map_err(err(py))
}

/// The `whpk_` public key of a `whsk_` signing key.
#[pyfunction]
fn webhook_public_key(py: Python<'_>, signing_key: crate::convert::Text) -> PyResult<String> {
    webhook::webhook_public_key(signing_key.as_bytes()).map_err(err(py))
}

/// Signs webhooks as Revtain does, with one secret or several (one `v1` each) and Ed25519
/// signing keys (`whsk_`, one `v1a` each).
#[pyclass(frozen, module = "revtain", name = "WebhookSigner")]
pub struct WebhookSigner {
    inner: webhook::WebhookSigner,
}

#[pymethods]
impl WebhookSigner {
    #[new]
    fn new(secret: &Bound<'_, PyAny>) -> PyResult<Self> {
        let inner = with_secrets(secret, |s| webhook::WebhookSigner::new(s))?;
        Ok(WebhookSigner { inner })
    }

    /// The four headers for `body`: `X-Revtain-Signature`, `webhook-id`, `webhook-timestamp`,
    /// `webhook-signature`. `timestamp` defaults to now.
    #[pyo3(signature = (body, event_id, timestamp = None))]
    fn sign<'py>(
        &self,
        py: Python<'py>,
        body: &Bound<'py, PyAny>,
        event_id: crate::convert::Text,
        timestamp: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let t = unix_seconds(py, timestamp, "timestamp")?;
        let headers =
            with_bytes(body, "body", |b| self.inner.sign(b, &event_id, t))?.map_err(err(py))?;
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
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        timestamp: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let t = unix_seconds(py, timestamp, "timestamp")?;
        with_bytes(body, "body", |b| self.inner.signature_header(b, t))
    }

    fn __repr__(&self) -> String {
        self.inner.describe()
    }
}

/// Verifies Revtain webhooks. Make one at start-up and reuse it: the secrets (`whsec_`) and
/// public keys (`whpk_`) are decoded and keyed once, here.
#[pyclass(frozen, module = "revtain", name = "Webhook")]
pub struct Webhook {
    inner: webhook::Webhook,
}

/// A signature header value: `str` or `bytes`; `None` is a missing header.
fn header_value<'a>(py: Python<'_>, header: Option<&'a Bound<'_, PyAny>>) -> PyResult<&'a [u8]> {
    match header {
        None => Err(error(py, &WebhookError::HeaderMissing)),
        Some(h) if h.is_none() => Err(error(py, &WebhookError::HeaderMissing)),
        Some(h) => {
            if let Ok(s) = h.cast::<PyString>() {
                Ok(crate::convert::text_of(s)?.as_bytes())
            } else if let Ok(b) = h.cast::<PyBytes>() {
                Ok(b.as_bytes())
            } else {
                Err(PyTypeError::new_err(format!(
                    "the signature header must be str or bytes, not {}",
                    h.get_type().name()?
                )))
            }
        }
    }
}

impl Webhook {
    /// Verifies the signature of `body` against `header` at `now`, then runs `then` on the same
    /// bytes: a `bytearray` or `memoryview` body is read once however much is done with it.
    fn check<T>(
        &self,
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        header: &[u8],
        now: u64,
        then: impl FnOnce(&[u8], u64) -> Result<T, WebhookError> + Send,
    ) -> PyResult<T>
    where
        T: Send,
    {
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
        result.map_err(err(py))
    }
}

static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

#[pymethods]
impl Webhook {
    #[new]
    #[pyo3(signature = (secret, tolerance = None))]
    fn new(
        py: Python<'_>,
        secret: &Bound<'_, PyAny>,
        tolerance: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let tolerance =
            webhook::tolerance_from(number(tolerance, "tolerance")?).map_err(err(py))?;
        let inner = with_secrets(secret, |s| webhook::Webhook::new(s))?;
        Ok(Webhook {
            inner: inner.with_tolerance(tolerance),
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
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<u64> {
        let now = unix_seconds(py, now, "now")?;
        let header = header_value(py, signature_header)?;
        self.check(py, body, header, now, |_, t| Ok(t))
    }

    /// Verifies like `verify_signature` and, when that fails, says what most likely went wrong
    /// (a re-serialised body, a lost or added newline, Stripe-style keying, milliseconds, ...),
    /// one sentence per finding; empty when the webhook verifies. For debugging: it signs the
    /// body a few dozen ways.
    #[pyo3(signature = (body, signature_header, now = None))]
    fn diagnose(
        &self,
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        signature_header: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<String>> {
        let now = unix_seconds(py, now, "now")?;
        let header = match signature_header {
            Some(h) if !h.is_none() => header_value(py, Some(h))?,
            _ => b"",
        };
        with_bytes(body, "body", |b| {
            py.detach(|| self.inner.diagnose(b, header, now))
        })
    }

    /// Finds `X-Revtain-Signature` in `headers` (any mapping or pairs, by the core's rule: any
    /// case or the CGI spelling; present more than once is malformed), verifies the raw `body`,
    /// and returns the event it carries.
    #[pyo3(signature = (body, headers, now = None))]
    fn verify(
        &self,
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        headers: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Event> {
        let now = unix_seconds(py, now, "now")?;
        let pairs = header_pairs(headers, &[webhook::SIGNATURE_HEADER])?;
        let header = webhook::find_signature_header(pairs.iter().map(|(n, v)| (n, v.as_ref())))
            .map_err(err(py))?;
        let header = revtain::headers::trim(header);
        let event = self.check(py, body, header, now, |b, _| webhook::Event::parse(b))?;
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
        self.inner.describe()
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
