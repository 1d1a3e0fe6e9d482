//! Per-key rate limiting (docs/spec.md §2.6): `RateLimiter` (in memory or shared through Redis) and its
//! `Decision`.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use revtain::ratelimit::{self, Settings};

use crate::convert::{number, with_bytes};
use crate::errors::err;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<RateLimiter>()?;
    m.add_class::<Decision>()?;
    Ok(())
}

/// A keyed rate limiter: at most `limit` admissions per key in any rolling `window` seconds.
/// In memory, or shared by every limiter pointing at the same Redis and prefix.
#[pyclass(frozen, module = "revtain", name = "RateLimiter")]
pub struct RateLimiter {
    inner: ratelimit::RateLimiter,
}

/// `now` for a check, checked by the core; `None` is the limiter's clock.
fn now_of(py: Python<'_>, now: Option<&Bound<'_, PyAny>>) -> PyResult<Option<std::time::Duration>> {
    ratelimit::now_from(number(now, "now")?).map_err(err(py))
}

#[pymethods]
impl RateLimiter {
    #[new]
    #[pyo3(signature = (
        limit = None,
        window = None,
        redis_url = None,
        fail_open = None,
        prefix = None,
        timeout = None,
    ))]
    fn new(
        py: Python<'_>,
        limit: Option<&Bound<'_, PyAny>>,
        window: Option<&Bound<'_, PyAny>>,
        redis_url: Option<crate::convert::Text>,
        fail_open: Option<bool>,
        prefix: Option<crate::convert::Text>,
        timeout: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let inner = Settings {
            limit: number(limit, "limit")?,
            window: number(window, "window")?,
            redis_url: redis_url.as_deref(),
            fail_open,
            prefix: prefix.as_deref(),
            timeout: number(timeout, "timeout")?,
        }
        .build()
        .map_err(err(py))?;
        Ok(RateLimiter { inner })
    }

    /// Decides one request for `key` (an API key, a client id: `str` as UTF-8, or bytes) and
    /// counts it when admitted. `now` (unix seconds) replaces the clock, for tests and replays;
    /// by default the system clock, or Redis `TIME` with Redis.
    #[pyo3(signature = (key, now = None))]
    fn check(
        &self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Decision> {
        let now = now_of(py, now)?;
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
        let inner = decided.map_err(err(py))?;
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
        pinged.map_err(err(py))
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
    /// or the clock) and returns how many. Never changes a decision. With Redis, sweeps the
    /// in-process store that decides while Redis cannot (Redis expires its own keys).
    #[pyo3(signature = (now = None))]
    fn evict_idle(&self, py: Python<'_>, now: Option<&Bound<'_, PyAny>>) -> PyResult<usize> {
        Ok(match now_of(py, now)? {
            None => self.inner.evict_idle(),
            Some(t) => self.inner.evict_idle_at(t),
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let head = format!(
            "RateLimiter(limit={}, window={}",
            self.inner.limit(),
            float_repr(self.inner.window().as_secs_f64())
        );
        Ok(match self.inner.redis_store() {
            None => format!("{head}, store='memory')"),
            Some((url, prefix, fail_open)) => format!(
                "{head}, store='redis', redis_url={}, prefix={}, fail_open={})",
                PyString::new(py, url).repr()?,
                PyString::new(py, prefix).repr()?,
                if fail_open { "True" } else { "False" }
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

    /// Why Redis could not decide, or `None`. The decision was then made in-process by the same
    /// policy (`fail_open=True`: "… (failing open: decided in-process, …)") or is a refusal
    /// (`fail_open=False`: "… (failing closed)").
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
