//! Per-key rate limiting (docs/spec.md §2.6): the native half of `RateLimiter` and `Decision`, which are
//! JavaScript classes in `revtain.js` over the functions `_rateLimiter*` here.
//!
//! The limiter is held by JavaScript as an `External`. An in-memory decision takes about 0.1 µs,
//! so `checkSync` writes its numbers into a `Float64Array` owned by `revtain.js` instead of
//! building an object here (a property set costs about as much as the decision). A Redis-backed
//! decision is a network round trip: `check` runs it on the libuv thread pool (an `AsyncTask`),
//! never on the event loop, and resolves the promise with the decision's parts.

use std::sync::Arc;
use std::time::Duration;

use napi::bindgen_prelude::*;
use napi::ScopedTask;
use napi_derive::napi;
use revtain::ratelimit::{self, RateLimitError, Settings};
use revtain::ErrorDetail;

use crate::convert::{bytes_of, number};
use crate::errors::{err, rejection};

/// A limiter shared with the thread-pool tasks deciding for it.
pub struct Limiter {
    inner: Arc<ratelimit::RateLimiter>,
}

/// `now` in unix seconds, checked by the core (`None`: the clock, or Redis `TIME` with Redis).
fn now_of(env: &Env, now: Option<f64>) -> Result<Option<Duration>> {
    ratelimit::now_from(number(now)).map_err(err(env))
}

fn decide(
    limiter: &ratelimit::RateLimiter,
    key: &[u8],
    now: Option<Duration>,
) -> std::result::Result<ratelimit::Decision, RateLimitError> {
    match now {
        None => limiter.check(key),
        Some(t) => limiter.check_at(key, t),
    }
}

/// Microseconds as a JavaScript number: exact below 2^53 µs (285 years after 1970).
fn us(d: Duration) -> f64 {
    d.as_micros() as f64
}

/// Makes the limiter behind `RateLimiter`: every setting as JavaScript has it (`undefined` for
/// the default), checked and defaulted by the core. `window` and `timeout` are seconds.
#[napi(js_name = "_rateLimiterNew", ts_return_type = "object")]
pub fn rate_limiter_new(
    env: &Env,
    limit: Option<f64>,
    window: Option<f64>,
    redis_url: Option<String>,
    fail_open: Option<bool>,
    prefix: Option<String>,
    timeout: Option<f64>,
) -> Result<External<Limiter>> {
    let inner = Settings {
        limit: number(limit),
        window: number(window),
        redis_url: redis_url.as_deref(),
        fail_open,
        prefix: prefix.as_deref(),
        timeout: number(timeout),
    }
    .build()
    .map_err(err(env))?;
    Ok(External::new(Limiter {
        inner: Arc::new(inner),
    }))
}

/// What `RateLimiter` caches of its limiter.
#[napi(object)]
pub struct RateLimiterInfo {
    /// The most admissions per key in any window.
    pub limit: u32,
    /// The window, in microseconds.
    pub window_us: f64,
    /// Whether the counts live in Redis.
    pub shared: bool,
    /// The Redis URL without its password.
    pub redis_url: Option<String>,
    /// The Redis key prefix.
    pub prefix: Option<String>,
    /// Whether decisions admit when Redis cannot be reached.
    pub fail_open: Option<bool>,
}

/// The settings of a limiter.
#[napi(js_name = "_rateLimiterInfo")]
pub fn rate_limiter_info(
    #[napi(ts_arg_type = "object")] handle: &External<Limiter>,
) -> RateLimiterInfo {
    let redis = handle.inner.redis_store();
    RateLimiterInfo {
        limit: handle.inner.limit(),
        window_us: us(handle.inner.window()),
        shared: handle.inner.is_shared(),
        redis_url: redis.map(|(url, _, _)| url.to_owned()),
        prefix: redis.map(|(_, prefix, _)| prefix.to_owned()),
        fail_open: redis.map(|(_, _, open)| open),
    }
}

/// Decides one request in the calling thread (`RateLimiter.checkSync`, and `check` in memory)
/// and writes `[allowed (0 or 1), remaining, retryAfter µs, resetAfter µs, at µs, resetAt s]`
/// into `out`. Returns the store error, if any.
#[napi(js_name = "_rateLimiterCheck")]
pub fn rate_limiter_check(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: &External<Limiter>,
    key: Either<String, &[u8]>,
    now: Option<f64>,
    mut out: Float64ArraySlice,
) -> Result<Option<String>> {
    let out = crate::raw::float64_mut(&mut out);
    if out.len() < 6 {
        return Err(Error::new(Status::InvalidArg, "out must hold 6 numbers"));
    }
    let now = now_of(env, now)?;
    let d = decide(&handle.inner, bytes_of(&key), now).map_err(err(env))?;
    out[0] = if d.allowed { 1.0 } else { 0.0 };
    out[1] = f64::from(d.remaining);
    out[2] = us(d.retry_after);
    out[3] = us(d.reset_after);
    out[4] = us(d.at);
    out[5] = d.reset_at_unix() as f64;
    Ok(d.store_error)
}

/// The parts of a decision made off the event loop.
#[napi(object)]
pub struct DecisionParts {
    /// Whether the request is admitted.
    pub allowed: bool,
    /// Admissions left in the window.
    pub remaining: u32,
    /// Microseconds until a request would be admitted.
    pub retry_after_us: f64,
    /// Microseconds until the key is back to its full limit.
    pub reset_after_us: f64,
    /// When the decision was made, unix microseconds.
    pub at_us: f64,
    /// `X-RateLimit-Reset`: unix seconds.
    pub reset_at: f64,
    /// Why Redis could not decide, if it could not (the decision was then made in-process, or
    /// refused when failing closed).
    pub store_error: Option<String>,
}

/// One decision on the libuv thread pool.
pub struct CheckTask {
    limiter: Arc<ratelimit::RateLimiter>,
    key: Vec<u8>,
    now: Option<Duration>,
}

impl<'task> ScopedTask<'task> for CheckTask {
    type Output = std::result::Result<ratelimit::Decision, RateLimitError>;
    type JsValue = DecisionParts;

    fn compute(&mut self) -> Result<Self::Output> {
        Ok(decide(&self.limiter, &self.key, self.now))
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> Result<DecisionParts> {
        let d = output.map_err(|e| rejection(env, &ErrorDetail::from(&e)))?;
        Ok(DecisionParts {
            allowed: d.allowed,
            remaining: d.remaining,
            retry_after_us: us(d.retry_after),
            reset_after_us: us(d.reset_after),
            at_us: us(d.at),
            reset_at: d.reset_at_unix() as f64,
            store_error: d.store_error,
        })
    }
}

/// Decides one request on the libuv thread pool (`RateLimiter.check` with Redis): the promise
/// resolves with the decision's parts, or rejects with `REVTAIN_RESULT_RATE_LIMIT_INVALID_KEY`.
#[napi(
    js_name = "_rateLimiterCheckAsync",
    ts_return_type = "Promise<DecisionParts>"
)]
pub fn rate_limiter_check_async(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: &External<Limiter>,
    key: Either<String, &[u8]>,
    now: Option<f64>,
) -> Result<AsyncTask<CheckTask>> {
    Ok(AsyncTask::new(CheckTask {
        limiter: Arc::clone(&handle.inner),
        key: bytes_of(&key).to_vec(),
        now: now_of(env, now)?,
    }))
}

/// One `PING` on the libuv thread pool.
pub struct PingTask {
    limiter: Arc<ratelimit::RateLimiter>,
}

impl<'task> ScopedTask<'task> for PingTask {
    type Output = std::result::Result<(), RateLimitError>;
    type JsValue = ();

    fn compute(&mut self) -> Result<Self::Output> {
        Ok(self.limiter.ping())
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> Result<()> {
        output.map_err(|e| rejection(env, &ErrorDetail::from(&e)))
    }
}

/// Checks that the store answers, on the libuv thread pool; rejects with
/// `REVTAIN_RESULT_RATE_LIMIT_STORE_UNAVAILABLE`.
#[napi(js_name = "_rateLimiterPing", ts_return_type = "Promise<void>")]
pub fn rate_limiter_ping(
    #[napi(ts_arg_type = "object")] handle: &External<Limiter>,
) -> AsyncTask<PingTask> {
    AsyncTask::new(PingTask {
        limiter: Arc::clone(&handle.inner),
    })
}

/// How many keys the in-memory store holds; `null` with Redis.
#[napi(js_name = "_rateLimiterTrackedKeys")]
pub fn rate_limiter_tracked_keys(
    #[napi(ts_arg_type = "object")] handle: &External<Limiter>,
) -> Option<f64> {
    handle.inner.tracked_keys().map(|n| n as f64)
}

/// Drops the keys whose newest admission has left the window (as of `now`, unix seconds, or the
/// clock) and returns how many; with Redis, those of the in-process store that decides while
/// Redis cannot.
#[napi(js_name = "_rateLimiterEvictIdle")]
pub fn rate_limiter_evict_idle(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: &External<Limiter>,
    now: Option<f64>,
) -> Result<f64> {
    Ok(match now_of(env, now)? {
        None => handle.inner.evict_idle(),
        Some(t) => handle.inner.evict_idle_at(t),
    } as f64)
}

/// The response headers of a decision, by their real names (the core's `Decision::headers`).
/// Durations are whole microseconds, as the decision holds them.
#[napi(
    js_name = "_rateLimitHeaders",
    ts_return_type = "Record<string, string>"
)]
#[allow(clippy::too_many_arguments)]
pub fn rate_limit_headers<'e>(
    env: &'e Env,
    allowed: bool,
    limit: u32,
    remaining: u32,
    window_us: f64,
    retry_after_us: f64,
    reset_after_us: f64,
    at_us: f64,
) -> Result<Object<'e>> {
    let micros = |v: f64| Duration::from_micros(v as u64);
    let d = ratelimit::Decision {
        allowed,
        limit,
        window: micros(window_us),
        remaining,
        retry_after: micros(retry_after_us),
        reset_after: micros(reset_after_us),
        at: micros(at_us),
        store_error: None,
    };
    let mut out = Object::new(env)?;
    for (name, value) in d.headers() {
        out.set_named_property(name, value)?;
    }
    Ok(out)
}

/// The URL without its password (for messages and `util.inspect`).
#[napi(js_name = "_redactRedisUrl")]
pub fn redact_redis_url(url: String) -> String {
    ratelimit::redact_redis_url(&url)
}
