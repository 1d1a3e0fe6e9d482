//! Per-key rate limiting (SPEC §2.6): `RateLimiter` (in memory or shared through Redis) and its
//! `Decision`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
// Seconds (`window`, `timeout`, `now`) to the microsecond; `None` if negative, NaN or infinite.
use revtain::ratelimit::{self, duration_from_secs as seconds, RateLimitError, RedisOptions};

use crate::convert::with_bytes;
use crate::errors::error;

// The default `prefix` of `RateLimiter()` is written out for its text signature (and stub).
const _: () = assert!(same(ratelimit::DEFAULT_REDIS_PREFIX, "revtain:rl:"));

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<RateLimiter>()?;
    m.add_class::<Decision>()?;
    Ok(())
}

fn rate_limit_error(py: Python<'_>, e: RateLimitError) -> PyErr {
    error(py, e.kind(), e.to_string(), &[])
}

fn invalid_config(py: Python<'_>, message: String) -> PyErr {
    rate_limit_error(py, RateLimitError::InvalidConfig(message))
}

/// What `repr()` shows of a Redis store (the core's messages hide the password themselves).
struct RedisInfo {
    /// The URL without any password.
    url: String,
    prefix: String,
    fail_open: bool,
}

/// A keyed rate limiter: at most `limit` admissions per key in any rolling `window` seconds.
/// In memory, or shared by every limiter pointing at the same Redis and prefix.
#[pyclass(frozen, module = "revtain", name = "RateLimiter")]
pub struct RateLimiter {
    inner: ratelimit::RateLimiter,
    /// With Redis: for `repr()` and messages.
    redis: Option<RedisInfo>,
}

#[pymethods]
impl RateLimiter {
    #[new]
    #[pyo3(signature = (
        limit = 60,
        window = 60.0,
        redis_url = None,
        fail_open = true,
        prefix = "revtain:rl:",
        timeout = 0.25,
    ))]
    fn new(
        py: Python<'_>,
        limit: i128,
        window: f64,
        redis_url: Option<String>,
        fail_open: bool,
        prefix: &str,
        timeout: f64,
    ) -> PyResult<Self> {
        // An int out of range is a configuration error, not an OverflowError (up to ±2^127).
        let limit = u32::try_from(limit).map_err(|_| {
            invalid_config(
                py,
                format!(
                    "limit must be between 1 and {}, not {limit}",
                    ratelimit::MAX_LIMIT
                ),
            )
        })?;
        let window_d = seconds(window).ok_or_else(|| {
            invalid_config(
                py,
                format!("window must be seconds between 0.001 and 31622400, not {window}"),
            )
        })?;
        let timeout_d = seconds(timeout).ok_or_else(|| {
            invalid_config(
                py,
                format!("timeout must be seconds, more than zero, not {timeout}"),
            )
        })?;
        let mut builder = ratelimit::RateLimiter::builder()
            .limit(limit)
            .window(window_d);
        let mut redis = None;
        if let Some(url) = redis_url {
            redis = Some(RedisInfo {
                url: ratelimit::redact_redis_url(&url),
                prefix: prefix.to_owned(),
                fail_open,
            });
            builder = builder.redis(
                RedisOptions::new(url)
                    .prefix(prefix)
                    .fail_open(fail_open)
                    .timeout(timeout_d),
            );
        }
        let inner = builder.build().map_err(|e| rate_limit_error(py, e))?;
        Ok(RateLimiter { inner, redis })
    }

    /// Decides one request for `key` (an API key, a client id: `str` as UTF-8, or bytes) and
    /// counts it when admitted. `now` (unix seconds) replaces the clock, for tests and replays;
    /// by default the system clock, or Redis `TIME` with Redis.
    #[pyo3(signature = (key, now = None))]
    fn check(
        &self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        now: Option<f64>,
    ) -> PyResult<Decision> {
        let now = match now {
            None => None,
            Some(n) => Some(seconds(n).ok_or_else(|| {
                PyValueError::new_err(format!("now must be unix seconds, >= 0, not {n}"))
            })?),
        };
        let decide = |k: &[u8]| match now {
            None => self.inner.check(k),
            Some(t) => self.inner.check_at(k, t),
        };
        let decided = with_bytes(key, "key", |k| {
            if self.inner.is_shared() {
                // A network round trip: let other Python threads run meanwhile.
                py.detach(|| decide(k))
            } else {
                // ~100 ns in memory: releasing and retaking the GIL would cost more.
                decide(k)
            }
        })?;
        let inner = decided.map_err(|e| rate_limit_error(py, e))?;
        Ok(Decision { inner })
    }

    /// Checks that the store answers (one `PING` with Redis); raises
    /// `RateLimitStoreUnavailable` otherwise. Never fails in memory.
    fn ping(&self, py: Python<'_>) -> PyResult<()> {
        let pinged = if self.inner.is_shared() {
            py.detach(|| self.inner.ping())
        } else {
            self.inner.ping()
        };
        pinged.map_err(|e| rate_limit_error(py, e))
    }

    /// The most admissions per key in any window.
    #[getter]
    fn limit(&self) -> u32 {
        self.inner.limit()
    }

    /// The window, in seconds.
    #[getter]
    fn window(&self) -> f64 {
        self.inner.window().as_secs_f64()
    }

    /// Whether the counts live in Redis (shared with other limiters).
    #[getter]
    fn shared(&self) -> bool {
        self.inner.is_shared()
    }

    /// How many keys the in-memory store holds; `None` with Redis.
    fn tracked_keys(&self) -> Option<usize> {
        self.inner.tracked_keys()
    }

    /// Drops the keys whose newest admission has left the window (as of `now`, unix seconds,
    /// or the clock) and returns how many. Never changes a decision; 0 with Redis.
    #[pyo3(signature = (now = None))]
    fn evict_idle(&self, now: Option<f64>) -> PyResult<usize> {
        match now {
            None => Ok(self.inner.evict_idle()),
            Some(n) => {
                let t = seconds(n).ok_or_else(|| {
                    PyValueError::new_err(format!("now must be unix seconds, >= 0, not {n}"))
                })?;
                Ok(self.inner.evict_idle_at(t))
            }
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let head = format!(
            "RateLimiter(limit={}, window={}",
            self.inner.limit(),
            float_repr(self.inner.window().as_secs_f64())
        );
        Ok(match &self.redis {
            None => format!("{head}, store='memory')"),
            Some(r) => format!(
                "{head}, store='redis', redis_url={}, prefix={}, fail_open={})",
                PyString::new(py, &r.url).repr()?,
                PyString::new(py, &r.prefix).repr()?,
                if r.fail_open { "True" } else { "False" }
            ),
        })
    }
}

/// A float as Python's `repr()` writes it (`60.0`, not `60`).
pub(crate) fn float_repr(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{v:.1}")
    } else {
        format!("{v}")
    }
}

/// The outcome of one `RateLimiter.check`: truthy when the request is admitted.
#[pyclass(frozen, module = "revtain", name = "Decision")]
pub struct Decision {
    inner: ratelimit::Decision,
}

#[pymethods]
impl Decision {
    /// Whether the request is admitted (and was counted).
    #[getter]
    fn allowed(&self) -> bool {
        self.inner.allowed
    }

    /// The limit per window.
    #[getter]
    fn limit(&self) -> u32 {
        self.inner.limit
    }

    /// Admissions left in the window after this decision.
    #[getter]
    fn remaining(&self) -> u32 {
        self.inner.remaining
    }

    /// Seconds until a request for this key would be admitted; 0.0 when allowed.
    #[getter]
    fn retry_after(&self) -> f64 {
        self.inner.retry_after.as_secs_f64()
    }

    /// Seconds until the key is back to its full limit.
    #[getter]
    fn reset_after(&self) -> f64 {
        self.inner.reset_after.as_secs_f64()
    }

    /// The window, in seconds.
    #[getter]
    fn window(&self) -> f64 {
        self.inner.window.as_secs_f64()
    }

    /// When the decision was made, unix seconds (Redis `TIME` with Redis).
    #[getter]
    fn at(&self) -> f64 {
        self.inner.at.as_secs_f64()
    }

    /// `at + reset_after` in whole unix seconds, rounded up (`X-RateLimit-Reset`).
    #[getter]
    fn reset_at(&self) -> u64 {
        self.inner.reset_at_unix()
    }

    /// Why the store could not decide (the decision is then the configured failure mode), or
    /// `None`.
    #[getter]
    fn store_error(&self) -> Option<&str> {
        self.inner.store_error.as_deref()
    }

    /// The response headers, by their real names: `RateLimit-Policy`, `RateLimit`,
    /// `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset`, and `Retry-After` on
    /// refusals only.
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for (name, value) in self.inner.headers() {
            out.set_item(name, value)?;
        }
        Ok(out)
    }

    fn __bool__(&self) -> bool {
        self.inner.allowed
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let d = &self.inner;
        let mut s = format!(
            "Decision(allowed={}, limit={}, remaining={}, retry_after={}, reset_after={}",
            if d.allowed { "True" } else { "False" },
            d.limit,
            d.remaining,
            float_repr(d.retry_after.as_secs_f64()),
            float_repr(d.reset_after.as_secs_f64()),
        );
        if let Some(e) = &d.store_error {
            s.push_str(&format!(", store_error={}", PyString::new(py, e).repr()?));
        }
        s.push(')');
        Ok(s)
    }
}
