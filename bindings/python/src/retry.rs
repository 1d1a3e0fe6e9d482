//! Resilient gateway calls (docs/spec.md §2.5): `RetryPolicy`, the blocking `GatewayClient`, and its
//! `GatewayResponse` and `Attempt`s.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use revtain::retry::{self, GatewayError};
use revtain::ErrorDetail;

use crate::convert::{number, with_bytes};
use crate::errors::{err, raise};
use crate::ratelimit::float_repr;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<RetryPolicy>()?;
    m.add_class::<GatewayClient>()?;
    m.add_class::<GatewayResponse>()?;
    m.add_class::<Attempt>()?;
    m.add_function(wrap_pyfunction!(classify_attempt, m)?)?;
    m.add_function(wrap_pyfunction!(parse_retry_after, m)?)?;
    Ok(())
}

/// How the retry policy treats one attempt's outcome: `(verdict, retry_after)`, the verdict
/// `"success"`, `"retry"` or `"final"` and `retry_after` the `Retry-After` floor in seconds (or
/// `None`). `transport` is `"response"` (the default: then `status` and `headers` are the
/// response's), `"connection_failed"` or `"timed_out"`; `now` (unix seconds, default the clock)
/// dates an HTTP-date `Retry-After`. The same rules as `GatewayClient` applies.
#[pyfunction]
#[pyo3(signature = (status = None, headers = None, *, transport = None, now = None))]
fn classify_attempt(
    py: Python<'_>,
    status: Option<&Bound<'_, PyAny>>,
    headers: Option<&Bound<'_, PyAny>>,
    transport: Option<crate::convert::Text>,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<(&'static str, Option<f64>)> {
    let pairs = header_pairs(headers)?;
    let borrowed: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let status = number(status, "status")?;
    let now = retry::classify_now_from(number(now, "now")?).map_err(|e| gateway_error(py, e))?;
    let outcome = retry::outcome_from_host(transport.as_deref(), status, &borrowed)
        .map_err(|e| gateway_error(py, e))?;
    let verdict = retry::classify(&outcome, now);
    Ok((
        verdict.name(),
        verdict.retry_after().map(|d| d.as_secs_f64()),
    ))
}

/// A `Retry-After` value in seconds (delta seconds, or an HTTP date relative to `now`, unix
/// seconds, default the clock; a date in the past is 0), or `None` for a value that is neither
/// (ignored, as HTTP says).
#[pyfunction]
#[pyo3(signature = (value, now = None))]
fn parse_retry_after(
    py: Python<'_>,
    value: crate::convert::Text,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<f64>> {
    let now = retry::classify_now_from(number(now, "now")?).map_err(|e| gateway_error(py, e))?;
    Ok(retry::parse_retry_after(&value, now).map(|d| d.as_secs_f64()))
}

/// Converts a gateway error, with its `attempts` and last `response` (the core's detail carries
/// the rest: the message and, for `GatewayRetryAfterBeyondDeadline`, `requested`).
fn gateway_error(py: Python<'_>, e: GatewayError) -> PyErr {
    let detail = ErrorDetail::from(&e);
    if let GatewayError::InvalidRequest(_) = e {
        return raise(py, detail, Vec::new());
    }
    let build = || -> PyResult<PyErr> {
        let attrs = vec![
            ("attempts", attempt_list(py, e.attempts())?.into_any()),
            (
                "response",
                match e.last_response() {
                    Some(r) => Bound::new(py, GatewayResponse { inner: r.clone() })?.into_any(),
                    None => py.None().into_bound(py),
                },
            ),
        ];
        Ok(raise(py, detail.clone(), attrs))
    };
    build().unwrap_or_else(|err| err)
}

fn attempt_list<'py>(py: Python<'py>, attempts: &[retry::Attempt]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(
        py,
        attempts
            .iter()
            .map(|a| Attempt { inner: a.clone() })
            .collect::<Vec<_>>(),
    )
}

/// `(name, value)` pairs of a mapping of `str` to `str` (a dict, or anything with `items()`).
fn header_pairs(headers: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String)>> {
    let Some(headers) = headers.filter(|h| !h.is_none()) else {
        return Ok(Vec::new());
    };
    // Errors name types only: Python's own (an AttributeError's `obj`, a conversion error)
    // would carry the headers, an Authorization value among them.
    let not_a_mapping = || {
        PyTypeError::new_err(format!(
            "headers must be a mapping of header names to str values (a dict), not {}",
            headers
                .get_type()
                .name()
                .map_or_else(|_| "that".into(), |n| n.to_string())
        ))
    };
    if headers.is_instance_of::<PyString>() || !headers.hasattr("items")? {
        return Err(not_a_mapping());
    }
    let mut out = Vec::new();
    for item in headers
        .call_method0("items")
        .map_err(|_| not_a_mapping())?
        .try_iter()?
    {
        let (name, value): (crate::convert::Text, crate::convert::Text) =
            item?.extract().map_err(|e: PyErr| {
                Python::attach(|py| {
                    if e.is_instance_of::<pyo3::exceptions::PyValueError>(py) {
                        e
                    } else {
                        PyTypeError::new_err("header names and values must be str")
                    }
                })
            })?;
        out.push((name.to_owned(), value.to_owned()));
    }
    Ok(out)
}

/// When and how often a gateway call is retried: exponential backoff, the delay before retry n
/// (n = 0, 1, …) drawn from `[0, min(cap, base·2^n)]` (full jitter), at most `max_attempts`
/// attempts in all within `deadline` seconds.
#[pyclass(frozen, module = "revtain", name = "RetryPolicy")]
pub struct RetryPolicy {
    inner: retry::RetryPolicy,
}

#[pymethods]
impl RetryPolicy {
    #[new]
    #[pyo3(signature = (base = None, cap = None, max_attempts = None, deadline = None, jitter = None))]
    fn new(
        py: Python<'_>,
        base: Option<&Bound<'_, PyAny>>,
        cap: Option<&Bound<'_, PyAny>>,
        max_attempts: Option<&Bound<'_, PyAny>>,
        deadline: Option<&Bound<'_, PyAny>>,
        jitter: Option<crate::convert::Text>,
    ) -> PyResult<Self> {
        let inner = retry::RetryPolicy::from_host(
            number(base, "base")?,
            number(cap, "cap")?,
            number(max_attempts, "max_attempts")?,
            number(deadline, "deadline")?,
            jitter.as_deref(),
        )
        .map_err(err(py))?;
        Ok(RetryPolicy { inner })
    }

    /// The base delay, in seconds.
    #[getter]
    fn base(&self) -> f64 {
        self.inner.base().as_secs_f64()
    }

    /// The cap on one delay, in seconds.
    #[getter]
    fn cap(&self) -> f64 {
        self.inner.cap().as_secs_f64()
    }

    /// Attempts in all, the first one included.
    #[getter]
    fn max_attempts(&self) -> u32 {
        self.inner.max_attempts()
    }

    /// The total deadline of one call, in seconds.
    #[getter]
    fn deadline(&self) -> f64 {
        self.inner.deadline().as_secs_f64()
    }

    /// `"full"`, `"equal"` or `"none"`.
    #[getter]
    fn jitter(&self) -> &'static str {
        self.inner.jitter().name()
    }

    /// The ceiling of the delay before retry `n` (0 for the first retry), in seconds:
    /// `min(cap, base * 2**n)`.
    fn ceiling(&self, py: Python<'_>, n: &Bound<'_, PyAny>) -> PyResult<f64> {
        let n = retry_index(py, n)?;
        Ok(self.inner.ceiling(n).as_secs_f64())
    }

    /// The delay before retry `n`, in seconds, for `uniform` a number in `[0, 1)` (clamped).
    fn delay(&self, py: Python<'_>, n: &Bound<'_, PyAny>, uniform: f64) -> PyResult<f64> {
        let n = retry_index(py, n)?;
        Ok(self.inner.delay(n, uniform).as_secs_f64())
    }

    fn __repr__(&self) -> String {
        policy_repr(&self.inner)
    }
}

/// A retry number from Python, checked by the core.
fn retry_index(py: Python<'_>, n: &Bound<'_, PyAny>) -> PyResult<u32> {
    let n = number(Some(n), "n")?.unwrap_or(revtain::args::Number::Int(0));
    retry::RetryPolicy::retry_index(n).map_err(err(py))
}

fn policy_repr(p: &retry::RetryPolicy) -> String {
    format!(
        "RetryPolicy(base={}, cap={}, max_attempts={}, deadline={}, jitter='{}')",
        float_repr(p.base().as_secs_f64()),
        float_repr(p.cap().as_secs_f64()),
        p.max_attempts(),
        float_repr(p.deadline().as_secs_f64()),
        p.jitter().name()
    )
}

/// A blocking client for one gateway's API that retries by its `RetryPolicy`, sends one
/// `Idempotency-Key` on every attempt of a POST, and shares a retry budget per host.
#[pyclass(frozen, module = "revtain", name = "GatewayClient")]
pub struct GatewayClient {
    inner: retry::GatewayClient,
    base_url: String,
    policy: retry::RetryPolicy,
    timeout: f64,
    /// Header names only: the values (API keys) are never shown.
    header_names: Vec<String>,
}

fn optional_repr(py: Python<'_>, value: Option<&str>) -> PyResult<String> {
    Ok(match value {
        Some(v) => PyString::new(py, v).repr()?.to_string(),
        None => "None".into(),
    })
}

#[pymethods]
impl GatewayClient {
    #[new]
    #[pyo3(signature = (base_url, policy = None, timeout = None, headers = None, allow_insecure_http = false, proxy = None))]
    fn new(
        py: Python<'_>,
        base_url: crate::convert::Text,
        policy: Option<&Bound<'_, RetryPolicy>>,
        timeout: Option<&Bound<'_, PyAny>>,
        headers: Option<&Bound<'_, PyAny>>,
        allow_insecure_http: bool,
        proxy: Option<crate::convert::Text>,
    ) -> PyResult<Self> {
        let base_url = base_url.to_owned();
        let proxy = proxy.map(|p| p.to_owned());
        let policy = policy.map(|p| p.get().inner).unwrap_or_default();
        let timeout_d =
            retry::timeout_from(number(timeout, "timeout")?).map_err(|e| gateway_error(py, e))?;
        let headers = header_pairs(headers)?;
        let header_names = headers.iter().map(|(n, _)| n.clone()).collect();
        let mut builder = retry::GatewayClient::builder(base_url.clone())
            .policy(policy)
            .timeout(timeout_d)
            .allow_insecure_http(allow_insecure_http);
        if let Some(proxy) = proxy {
            builder = builder.proxy(proxy);
        }
        for (n, v) in headers {
            builder = builder.header(n, v);
        }
        let inner = builder.build().map_err(|e| gateway_error(py, e))?;
        Ok(GatewayClient {
            inner,
            // As given: the core refused it if it held credentials.
            base_url,
            policy,
            timeout: timeout_d.as_secs_f64(),
            header_names,
        })
    }

    /// Sends `method path` (the path is appended to the base URL) with `body` (bytes-like, or
    /// `str` as UTF-8) and `headers` (after the client's own), retrying by the policy. A POST
    /// gets an `Idempotency-Key` (a UUIDv4) unless `idempotency_key` gives one; the same key is
    /// sent on every attempt. Returns any answer the policy does not retry (a 402 included);
    /// raises a `GatewayError` when attempts, time or the retry budget run out, or when an
    /// answer is rejected (over the limits, malformed, cut short: never sent again) or TLS
    /// fails. The GIL is released for the whole call.
    #[pyo3(signature = (method, path, body = None, headers = None, idempotency_key = None))]
    fn request(
        &self,
        py: Python<'_>,
        method: crate::convert::Text,
        path: crate::convert::Text,
        body: Option<&Bound<'_, PyAny>>,
        headers: Option<&Bound<'_, PyAny>>,
        idempotency_key: Option<crate::convert::Text>,
    ) -> PyResult<GatewayResponse> {
        let body: Option<Vec<u8>> = match body {
            None => None,
            Some(b) => Some(with_bytes(b, "body", |s| s.to_vec())?),
        };
        let headers = header_pairs(headers)?;
        let (method, path) = (method.to_owned(), path.to_owned());
        let key = idempotency_key.map(|k| k.to_owned());
        let result = py.detach(|| {
            let pairs: Vec<(&str, &str)> = headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            self.inner
                .request(&method, &path, body.as_deref(), &pairs, key.as_deref())
        });
        match result {
            Ok(inner) => Ok(GatewayResponse { inner }),
            Err(e) => Err(gateway_error(py, e)),
        }
    }

    /// The retry tokens left for this client's host (500 when full; a retry costs 5, a retry
    /// after a timeout 10, a success gives 1 back).
    fn budget_available(&self) -> u32 {
        self.inner.budget().available(self.inner.host())
    }

    /// Sets the retry tokens of this client's host (tests, or restoring state); at most 500.
    fn set_budget(&self, py: Python<'_>, tokens: &Bound<'_, PyAny>) -> PyResult<()> {
        let tokens = number(Some(tokens), "tokens")?.unwrap_or(revtain::args::Number::Int(0));
        self.inner
            .set_budget_from(tokens)
            .map_err(|e| gateway_error(py, e))
    }

    /// The base URL.
    #[getter]
    fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The proxy every request goes through, as `scheme://host:port` (never its credentials),
    /// or `None`: no proxy, whatever `HTTPS_PROXY` and the like say.
    #[getter]
    fn proxy(&self) -> Option<&str> {
        self.inner.proxy()
    }

    /// The retry policy.
    #[getter]
    fn policy(&self) -> RetryPolicy {
        RetryPolicy { inner: self.policy }
    }

    /// The timeout of one attempt, in seconds.
    #[getter]
    fn timeout(&self) -> f64 {
        self.timeout
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let names = PyList::new(py, &self.header_names)?;
        Ok(format!(
            "GatewayClient(base_url={}, policy={}, timeout={}, headers={}, proxy={})",
            PyString::new(py, &self.base_url).repr()?,
            policy_repr(&self.policy),
            float_repr(self.timeout),
            names.repr()?,
            optional_repr(py, self.inner.proxy())?
        ))
    }
}

/// A gateway's answer (the last attempt's), with the history of the call.
#[pyclass(frozen, module = "revtain", name = "GatewayResponse")]
pub struct GatewayResponse {
    inner: retry::GatewayResponse,
}

#[pymethods]
impl GatewayResponse {
    /// The HTTP status.
    #[getter]
    fn status(&self) -> u16 {
        self.inner.status
    }

    /// The headers, names in lower case; the values of a repeated name joined with `", "`.
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for (name, value) in &self.inner.headers {
            let name = name.to_ascii_lowercase();
            match out.get_item(&name)? {
                Some(prev) => {
                    let prev: String = prev.extract()?;
                    out.set_item(name, format!("{prev}, {value}"))?;
                }
                None => out.set_item(name, value)?,
            }
        }
        Ok(out)
    }

    /// The body.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.body)
    }

    /// Every attempt, the last one included.
    #[getter]
    fn attempts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        attempt_list(py, &self.inner.attempts)
    }

    /// The idempotency key sent with every attempt, if any.
    #[getter]
    fn idempotency_key(&self) -> Option<&str> {
        self.inner.idempotency_key.as_deref()
    }

    /// The value of header `name` (case-insensitive; repeated values joined with `", "`), or
    /// `None`.
    fn header(&self, name: &str) -> Option<String> {
        let values: Vec<&str> = self
            .inner
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect();
        (!values.is_empty()).then(|| values.join(", "))
    }

    /// The body parsed as JSON (`json.loads`).
    fn json<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?
            .call_method1("loads", (PyBytes::new(py, &self.inner.body),))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let key = match &self.inner.idempotency_key {
            Some(k) => PyString::new(py, k).repr()?.to_string(),
            None => "None".into(),
        };
        Ok(format!(
            "GatewayResponse(status={}, body=<{} bytes>, attempts={}, idempotency_key={key})",
            self.inner.status,
            self.inner.body.len(),
            self.inner.attempts.len()
        ))
    }
}

/// One attempt of a gateway call: its status, or the error when no response came; the delay
/// waited before it and how long it took, in seconds.
#[pyclass(frozen, module = "revtain", name = "Attempt")]
pub struct Attempt {
    inner: retry::Attempt,
}

#[pymethods]
impl Attempt {
    /// The response status, when a response came.
    #[getter]
    fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// What went wrong when no response came (connection refused, reset, timed out, …).
    #[getter]
    fn error(&self) -> Option<&str> {
        self.inner.error.as_deref()
    }

    /// The delay waited before this attempt, in seconds (0.0 for the first).
    #[getter]
    fn delay(&self) -> f64 {
        self.inner.delay.as_secs_f64()
    }

    /// How long the attempt took, in seconds.
    #[getter]
    fn duration(&self) -> f64 {
        self.inner.duration.as_secs_f64()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let outcome = match (self.inner.status, &self.inner.error) {
            (Some(s), _) => format!("status={s}"),
            (None, Some(e)) => format!("error={}", PyString::new(py, e).repr()?),
            (None, None) => "status=None".into(),
        };
        Ok(format!(
            "Attempt({outcome}, delay={:.3}, duration={:.3})",
            self.inner.delay.as_secs_f64(),
            self.inner.duration.as_secs_f64()
        ))
    }
}
