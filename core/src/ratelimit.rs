//! Per-key rate limiting (docs/spec.md §2.6): an exact rolling-window limiter, its response headers, and
//! (with the `redis` feature) a Redis store so that many servers enforce one limit.
//!
//! # The guarantee
//!
//! A [`RateLimiter`] with `limit` L and `window` W admits a request for a key at time `t` when
//! fewer than L requests of that key were admitted in the half-open window `(t − W, t]`. So:
//!
//! - **no key is ever admitted more than L times in any window of length W**, wherever the window
//!   starts (a plain token bucket or GCRA with a burst of L lets 2L − 1 through in the first W);
//! - **requests spaced at or below the rate are never refused**: a key whose consecutive requests
//!   are at least W / L apart always finds fewer than L admissions in the last W;
//! - bursts are allowed: L requests at once are all admitted, then the key waits until the first
//!   of them is W old.
//!
//! This is a sliding log: the limiter keeps, per key, the times of the admissions still inside
//! the window (at most L of them, 8 bytes each; refusals are not recorded). A key whose newest
//! admission is W old carries no information any more, so dropping it (idle eviction) never
//! changes a decision: memory is bounded by the keys active in the last W, not by every key ever
//! seen. Keys are stored as a keyed 128-bit SipHash of the key, never the key itself, so an API
//! key used as a rate-limit key does not sit in the limiter's memory (or, with Redis, in Redis).
//!
//! Times are kept in microseconds since the Unix epoch. The wall clock is used (the
//! `X-RateLimit-Reset` header is an epoch time); if it steps backwards, a key's admissions stay
//! in order (a new one is never recorded before the previous one), so the guarantee holds in the
//! limiter's own timeline.
//!
//! # Decisions and headers
//!
//! [`RateLimiter::check`] returns a [`Decision`]: allowed or not, the limit, the remaining
//! admissions in the current window, `retry_after` (how long until a request would be admitted;
//! zero when allowed) and `reset_after` (how long until the key is back to its full limit, that
//! is until its newest admission leaves the window). [`Decision::headers`] renders the IETF
//! `RateLimit-Policy` / `RateLimit` fields, the `X-RateLimit-*` trio and, on refusals only,
//! `Retry-After`.
//!
//! ```
//! use std::time::Duration;
//! use revtain::ratelimit::RateLimiter;
//!
//! let limiter = RateLimiter::new(60, Duration::from_secs(60))?;
//! let t0 = Duration::from_secs(1_700_000_000);
//! for i in 0..60 {
//!     assert!(limiter.check_at("rev_key_1", t0 + Duration::from_millis(i))?.allowed);
//! }
//! let refused = limiter.check_at("rev_key_1", t0 + Duration::from_secs(30))?;
//! assert!(!refused.allowed);
//! assert_eq!(refused.retry_after, Duration::from_secs(30)); // the first one leaves at t0 + 60 s
//! assert!(refused.headers().iter().any(|(name, value)| *name == "Retry-After" && value == "30"));
//! // Another key has its own budget.
//! assert!(limiter.check_at("rev_key_2", t0 + Duration::from_secs(30))?.allowed);
//! # Ok::<(), revtain::ratelimit::RateLimitError>(())
//! ```

use core::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use thiserror::Error;

use crate::args::{self, Number};
use crate::ErrorKind;

mod memory_store;
#[cfg(feature = "redis")]
mod redis_store;

use memory_store::MemoryStore;
#[cfg(test)]
use memory_store::{MIN_SWEEP, SHARDS};
#[cfg(feature = "redis")]
pub use redis_store::{
    decision_from_resp, redact_redis_url, RedisOptions, DEFAULT_REDIS_PREFIX,
    DEFAULT_REDIS_TIMEOUT, RECONNECT_INTERVAL,
};

/// The default limit: 60 requests…
pub const DEFAULT_LIMIT: u32 = 60;
/// …per 60 seconds.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(60);
/// The largest limit accepted (memory per active key grows with the limit: 8 bytes each).
pub const MAX_LIMIT: u32 = 1_000_000;
/// The shortest window accepted.
pub const MIN_WINDOW: Duration = Duration::from_millis(1);
/// The longest window accepted.
pub const MAX_WINDOW: Duration = Duration::from_secs(366 * 24 * 3600);
/// The longest key accepted, in bytes.
pub const MAX_KEY_LEN: usize = 1024;
/// The name of the quota policy in the `RateLimit-Policy` and `RateLimit` headers.
pub const POLICY_NAME: &str = "default";

/// Why a rate limiter could not be built or a key could not be checked.
///
/// A store that cannot be reached is not an error of [`RateLimiter::check`]: the decision is
/// then made in-process (failing open) or refused (failing closed) as configured, and carries
/// [`Decision::store_error`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RateLimitError {
    /// A limiter setting is out of range or cannot be used; says which (never a password).
    #[error("invalid rate limiter configuration: {0}")]
    InvalidConfig(String),
    /// A key is empty or longer than [`MAX_KEY_LEN`] bytes; says which (never the key).
    #[error("invalid rate limit key: {0}")]
    InvalidKey(String),
    /// The shared store could not be reached or answered with an error (from
    /// [`RateLimiter::ping`]).
    #[error("the rate limiter's store is unavailable: {0}")]
    StoreUnavailable(String),
}

impl RateLimitError {
    /// The error kind shared with the C, Python and Node surfaces.
    pub fn kind(&self) -> ErrorKind {
        match self {
            RateLimitError::InvalidConfig(_) => ErrorKind::RateLimitInvalidConfig,
            RateLimitError::InvalidKey(_) => ErrorKind::RateLimitInvalidKey,
            RateLimitError::StoreUnavailable(_) => ErrorKind::RateLimitStoreUnavailable,
        }
    }
}

/// The outcome of one [`RateLimiter::check`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Whether the request is admitted (and was counted).
    pub allowed: bool,
    /// The limit per window.
    pub limit: u32,
    /// The window.
    pub window: Duration,
    /// Admissions left in the window after this decision.
    pub remaining: u32,
    /// How long until a request for this key would be admitted: zero when `allowed`.
    pub retry_after: Duration,
    /// How long until the key is back to its full limit (its newest admission leaves the window).
    pub reset_after: Duration,
    /// When the decision was made, since the Unix epoch (the store's clock: Redis `TIME` with
    /// Redis).
    pub at: Duration,
    /// Set when the shared store (Redis) could not decide, saying what failed and what was done
    /// instead: failing open, the decision was made in-process by an in-memory store of the same
    /// policy (a count of this process's own admissions, so the limit holds per process during
    /// an outage); failing closed, it is a refusal with `retry_after` 1 s.
    pub store_error: Option<String>,
}

impl Decision {
    /// `reset_after` as an epoch time in whole seconds, rounded up (`X-RateLimit-Reset`).
    pub fn reset_at_unix(&self) -> u64 {
        ceil_secs(self.at + self.reset_after)
    }

    /// The response headers for this decision, with their real names:
    ///
    /// - `RateLimit-Policy: "default";q=<limit>;w=<window s>`
    /// - `RateLimit: "default";r=<remaining>;t=<seconds until reset>`
    /// - `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (epoch seconds)
    /// - `Retry-After: <seconds>` on refusals only
    ///
    /// Every duration is in whole seconds rounded up, so a client that waits as told is never
    /// refused for having come back a fraction of a second early.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::with_capacity(6);
        out.push((
            "RateLimit-Policy",
            format!(
                "\"{POLICY_NAME}\";q={};w={}",
                self.limit,
                ceil_secs(self.window)
            ),
        ));
        out.push((
            "RateLimit",
            format!(
                "\"{POLICY_NAME}\";r={};t={}",
                self.remaining,
                ceil_secs(self.reset_after)
            ),
        ));
        out.push(("X-RateLimit-Limit", self.limit.to_string()));
        out.push(("X-RateLimit-Remaining", self.remaining.to_string()));
        out.push(("X-RateLimit-Reset", self.reset_at_unix().to_string()));
        if !self.allowed {
            // A refusal always has something to wait for; never tell a client to retry at once.
            out.push((
                "Retry-After",
                ceil_secs(self.retry_after).max(1).to_string(),
            ));
        }
        out
    }
}

/// Whole seconds, rounded up.
fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// A source of the current time, since the Unix epoch. Inject one to test with a fake clock.
pub trait Clock: Send + Sync {
    /// The current time since the Unix epoch.
    fn now(&self) -> Duration;
}

/// The system's wall clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
    }
}

/// Seconds (a window, a timeout or a unix time, as the bindings take them) as a [`Duration`]
/// rounded to the nearest microsecond, the limiter's resolution; `None` for a negative, NaN or
/// infinite value or one beyond `u64` microseconds.
///
/// Rounding, not truncating, matters: `1700000000.000001` is stored in a double as
/// `1700000000.0000009537…`, which truncation would read as a microsecond earlier.
pub fn duration_from_secs(seconds: f64) -> Option<Duration> {
    let us = (seconds * 1e6).round();
    (us.is_finite() && us >= 0.0 && us < u64::MAX as f64).then(|| Duration::from_micros(us as u64))
}

/// Microseconds since the epoch, saturating.
pub(crate) fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// What a store reports for one decision; [`Decision`] is derived from it the same way for every
/// store, so the in-memory and Redis stores cannot drift apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub allowed: bool,
    /// Admissions in the window after the decision.
    pub count: u64,
    /// The oldest and newest admission in the window (µs), when `count > 0`.
    pub oldest: u64,
    pub newest: u64,
    /// The time of the decision (µs).
    pub now: u64,
}

impl Outcome {
    pub(crate) fn decision(self, limit: u32, window_us: u64) -> Decision {
        let window = Duration::from_micros(window_us);
        let after =
            |t: u64| Duration::from_micros(t.saturating_add(window_us).saturating_sub(self.now));
        let (retry_after, reset_after) = if self.count == 0 {
            (Duration::ZERO, Duration::ZERO)
        } else if self.allowed {
            (Duration::ZERO, after(self.newest))
        } else {
            (after(self.oldest), after(self.newest))
        };
        Decision {
            allowed: self.allowed,
            limit,
            window,
            remaining: u32::try_from(u64::from(limit).saturating_sub(self.count)).unwrap_or(0),
            retry_after,
            reset_after,
            at: Duration::from_micros(self.now),
            store_error: None,
        }
    }
}

enum Store {
    Memory(MemoryStore),
    #[cfg(feature = "redis")]
    Redis(Box<redis_store::RedisStore>),
}

/// A keyed rate limiter: at most `limit` admissions per key in any rolling `window`.
///
/// Safe to share between threads (`Arc<RateLimiter>`); [`check`](Self::check) takes `&self`.
pub struct RateLimiter {
    limit: u32,
    window_us: u64,
    clock: Option<Arc<dyn Clock>>,
    store: Store,
}

impl fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("RateLimiter");
        d.field("limit", &self.limit)
            .field("window", &Duration::from_micros(self.window_us));
        match &self.store {
            Store::Memory(_) => d.field("store", &"memory"),
            #[cfg(feature = "redis")]
            Store::Redis(r) => d.field("store", r),
        };
        d.finish_non_exhaustive()
    }
}

/// Builds a [`RateLimiter`]; see [`RateLimiter::builder`].
#[must_use]
pub struct RateLimiterBuilder {
    limit: u32,
    window: Duration,
    clock: Option<Arc<dyn Clock>>,
    #[cfg(feature = "redis")]
    redis: Option<redis_store::RedisOptions>,
}

impl RateLimiterBuilder {
    /// The most admissions per key in any window (default 60, at most [`MAX_LIMIT`]).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = limit;
        self
    }

    /// The window (default 60 s, from [`MIN_WINDOW`] to [`MAX_WINDOW`]).
    pub fn window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }

    /// The clock used when no time is passed to a check (default: the system clock; with Redis,
    /// Redis `TIME`). Every server sharing a Redis store must then use the same clock.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Keeps the counts in Redis instead of this process, so every limiter pointing at the same
    /// Redis and prefix enforces one limit together.
    #[cfg(feature = "redis")]
    pub fn redis(mut self, options: redis_store::RedisOptions) -> Self {
        self.redis = Some(options);
        self
    }

    /// Builds the limiter. A Redis store is connected lazily: an unreachable Redis is not an
    /// error here (see [`RateLimiter::ping`]), but a malformed URL is.
    pub fn build(self) -> Result<RateLimiter, RateLimitError> {
        if self.limit == 0 || self.limit > MAX_LIMIT {
            return Err(RateLimitError::InvalidConfig(format!(
                "limit must be between 1 and {MAX_LIMIT}, not {}",
                self.limit
            )));
        }
        if self.window < MIN_WINDOW || self.window > MAX_WINDOW {
            return Err(RateLimitError::InvalidConfig(format!(
                "window must be between 0.001 and 31622400 seconds (1 ms to 366 days), not {}",
                Number::Float(self.window.as_secs_f64())
            )));
        }
        let window_us = micros(self.window);
        #[cfg(feature = "redis")]
        if let Some(options) = self.redis {
            return Ok(RateLimiter {
                limit: self.limit,
                window_us,
                clock: self.clock,
                store: Store::Redis(Box::new(redis_store::RedisStore::new(options)?)),
            });
        }
        Ok(RateLimiter {
            limit: self.limit,
            window_us,
            clock: self.clock,
            store: Store::Memory(MemoryStore::new()?),
        })
    }
}

/// A limiter's settings as a host passes them (Python keywords, a Node.js options object, C
/// arguments): every `None` is the default, and every value is checked by the one rule of
/// [`crate::args`], so that the same input gets the same answer on every surface.
#[derive(Clone, Debug, Default)]
pub struct Settings<'a> {
    /// The most admissions per key in any window: a whole number from 1 to [`MAX_LIMIT`]
    /// (default 60).
    pub limit: Option<Number>,
    /// The window in seconds, 0.001 to 31622400 (default 60).
    pub window: Option<Number>,
    /// Redis to share the counts through; `None` keeps them in this process.
    pub redis_url: Option<&'a str>,
    /// With Redis: when it cannot decide, decide in-process by the same policy (`true`, the
    /// default: a limit per process) or refuse (`false`).
    pub fail_open: Option<bool>,
    /// With Redis: the prefix of every key written (default `revtain:rl:`).
    pub prefix: Option<&'a str>,
    /// With Redis: the timeout of every call in seconds, above 0 (default 0.25). Checked with
    /// every store, so that a setting is valid or not whatever the store.
    pub timeout: Option<Number>,
}

impl Settings<'_> {
    /// Builds the limiter these settings describe.
    pub fn build(&self) -> Result<RateLimiter, RateLimitError> {
        let invalid = |e: args::ArgumentError| RateLimitError::InvalidConfig(e.0);
        let mut builder = RateLimiter::builder();
        if let Some(limit) = self.limit {
            builder = builder.limit(
                args::count(limit, "limit", 1, u64::from(MAX_LIMIT)).map_err(invalid)? as u32,
            );
        }
        if let Some(window) = self.window {
            builder = builder.window(args::seconds(window, "window", true).map_err(invalid)?);
        }
        #[cfg_attr(not(feature = "redis"), allow(unused_variables))]
        let timeout = match self.timeout {
            Some(t) => args::seconds(t, "timeout", true).map_err(invalid)?,
            None => DEFAULT_STORE_TIMEOUT,
        };
        if let Some(url) = self.redis_url {
            #[cfg(feature = "redis")]
            {
                let mut options = RedisOptions::new(url).timeout(timeout);
                if let Some(prefix) = self.prefix {
                    options = options.prefix(prefix);
                }
                if let Some(fail_open) = self.fail_open {
                    options = options.fail_open(fail_open);
                }
                builder = builder.redis(options);
            }
            #[cfg(not(feature = "redis"))]
            {
                let _ = url;
                return Err(RateLimitError::InvalidConfig(
                    "this build of the library has no Redis store (the core's `redis` feature)"
                        .into(),
                ));
            }
        }
        builder.build()
    }
}

/// The default timeout of every call to a shared store.
pub const DEFAULT_STORE_TIMEOUT: Duration = Duration::from_millis(250);

/// A `now` from a host number: unix seconds with a fraction (kept to the microsecond); `None`
/// stays `None` (the limiter reads its clock, Redis `TIME` with Redis).
pub fn now_from(value: Option<Number>) -> Result<Option<Duration>, RateLimitError> {
    args::unix_time(value, "now").map_err(|e| RateLimitError::InvalidConfig(e.0))
}

impl RateLimiter {
    /// An in-memory limiter: at most `limit` admissions per key in any `window`.
    pub fn new(limit: u32, window: Duration) -> Result<Self, RateLimitError> {
        Self::builder().limit(limit).window(window).build()
    }

    /// A builder with the defaults: 60 per 60 s, in memory, the system clock.
    pub fn builder() -> RateLimiterBuilder {
        RateLimiterBuilder {
            limit: DEFAULT_LIMIT,
            window: DEFAULT_WINDOW,
            clock: None,
            #[cfg(feature = "redis")]
            redis: None,
        }
    }

    /// With Redis: the store's URL without its password, its key prefix and whether it fails
    /// open; `None` in memory.
    pub fn redis_store(&self) -> Option<(&str, &str, bool)> {
        match &self.store {
            Store::Memory(_) => None,
            #[cfg(feature = "redis")]
            Store::Redis(r) => Some((r.redacted_url(), r.prefix(), r.fails_open())),
        }
    }

    /// The limit per window.
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// The window.
    pub fn window(&self) -> Duration {
        Duration::from_micros(self.window_us)
    }

    /// Whether the counts live in Redis.
    pub fn is_shared(&self) -> bool {
        !matches!(self.store, Store::Memory(_))
    }

    /// Decides one request for `key` now (the configured clock; Redis `TIME` with Redis), and
    /// counts it when it is admitted.
    pub fn check(&self, key: impl AsRef<[u8]>) -> Result<Decision, RateLimitError> {
        let key = checked_key(key.as_ref())?;
        let now = self.clock.as_ref().map(|c| micros(c.now()));
        Ok(self.decide(key, now))
    }

    /// Decides one request for `key` at `now` (since the Unix epoch) instead of the clock.
    ///
    /// With Redis this replaces Redis `TIME` for this decision: meant for tests and replays.
    pub fn check_at(
        &self,
        key: impl AsRef<[u8]>,
        now: Duration,
    ) -> Result<Decision, RateLimitError> {
        let key = checked_key(key.as_ref())?;
        Ok(self.decide(key, Some(micros(now))))
    }

    fn decide(&self, key: &[u8], now: Option<u64>) -> Decision {
        match &self.store {
            Store::Memory(m) => {
                let now = now.unwrap_or_else(|| micros(SystemClock.now()));
                m.decide(key, now, self.limit, self.window_us)
                    .decision(self.limit, self.window_us)
            }
            #[cfg(feature = "redis")]
            Store::Redis(r) => r.check(key, now, self.limit, self.window_us),
        }
    }

    /// Checks that the store answers: always `Ok` in memory; with Redis, one `PING` (for a
    /// readiness probe). Decisions never fail this way: they are made in-process (failing open)
    /// or refused (failing closed) instead.
    pub fn ping(&self) -> Result<(), RateLimitError> {
        match &self.store {
            Store::Memory(_) => Ok(()),
            #[cfg(feature = "redis")]
            Store::Redis(r) => r.ping(),
        }
    }

    /// How many keys the in-memory store holds (idle ones included until they are swept); `None`
    /// with Redis, where keys expire on their own.
    pub fn tracked_keys(&self) -> Option<usize> {
        match &self.store {
            Store::Memory(m) => Some(m.len()),
            #[cfg(feature = "redis")]
            Store::Redis(_) => None,
        }
    }

    /// Drops every key whose newest admission has left the window, returning how many. Never
    /// changes a decision. The store also does this by itself as it grows (a shard sweeps when it
    /// has doubled since its last sweep), so calling it is only needed to return memory sooner.
    /// With Redis it sweeps the in-process store that decides during outages (Redis expires its
    /// own keys).
    pub fn evict_idle(&self) -> usize {
        self.evict_idle_at(
            self.clock
                .as_ref()
                .map_or_else(|| SystemClock.now(), |c| c.now()),
        )
    }

    /// [`evict_idle`](Self::evict_idle) as of `now` (since the Unix epoch).
    pub fn evict_idle_at(&self, now: Duration) -> usize {
        match &self.store {
            Store::Memory(m) => m.evict_idle(micros(now), self.window_us),
            #[cfg(feature = "redis")]
            Store::Redis(r) => r.evict_idle(micros(now), self.window_us),
        }
    }
}

fn checked_key(key: &[u8]) -> Result<&[u8], RateLimitError> {
    if key.is_empty() {
        return Err(RateLimitError::InvalidKey("the key is empty".into()));
    }
    if key.len() > MAX_KEY_LEN {
        return Err(RateLimitError::InvalidKey(format!(
            "the key is {} bytes long; at most {MAX_KEY_LEN} are accepted",
            key.len()
        )));
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: Duration = Duration::from_secs(60);

    fn at(us: u64) -> Duration {
        Duration::from_micros(1_700_000_000_000_000 + us)
    }

    #[test]
    fn burst_then_wait_for_the_oldest() {
        let l = RateLimiter::new(3, W).unwrap();
        for i in 0..3 {
            let d = l.check_at("k", at(i * 1_000_000)).unwrap();
            assert!(d.allowed);
            assert_eq!(d.remaining, 2 - i as u32);
            assert_eq!(d.retry_after, Duration::ZERO);
            assert_eq!(d.reset_after, W);
        }
        let d = l.check_at("k", at(10_000_000)).unwrap();
        assert!(!d.allowed);
        assert_eq!(d.remaining, 0);
        assert_eq!(d.retry_after, Duration::from_secs(50));
        assert_eq!(d.reset_after, Duration::from_secs(52));
        // One microsecond early: still refused; on time: admitted.
        assert!(!l.check_at("k", at(59_999_999)).unwrap().allowed);
        let d = l.check_at("k", at(60_000_000)).unwrap();
        assert!(d.allowed);
        assert_eq!(d.remaining, 0);
    }

    #[test]
    fn spaced_at_the_rate_is_never_refused() {
        let l = RateLimiter::new(60, W).unwrap();
        for i in 0..600u64 {
            assert!(
                l.check_at("k", at(i * 1_000_000)).unwrap().allowed,
                "request {i}"
            );
        }
    }

    #[test]
    fn headers() {
        let l = RateLimiter::new(2, W).unwrap();
        let d = l.check_at("k", at(500_000)).unwrap();
        let h = d.headers();
        let get = |n: &str| h.iter().find(|(k, _)| *k == n).map(|(_, v)| v.as_str());
        assert_eq!(get("RateLimit-Policy"), Some("\"default\";q=2;w=60"));
        assert_eq!(get("RateLimit"), Some("\"default\";r=1;t=60"));
        assert_eq!(get("X-RateLimit-Limit"), Some("2"));
        assert_eq!(get("X-RateLimit-Remaining"), Some("1"));
        assert_eq!(get("X-RateLimit-Reset"), Some("1700000061"));
        assert_eq!(get("Retry-After"), None);
        l.check_at("k", at(1_000_000)).unwrap();
        let d = l.check_at("k", at(1_200_000)).unwrap();
        assert!(!d.allowed);
        let h = d.headers();
        let get = |n: &str| h.iter().find(|(k, _)| *k == n).map(|(_, v)| v.as_str());
        assert_eq!(get("Retry-After"), Some("60")); // 59.3 s rounded up
        assert_eq!(get("RateLimit"), Some("\"default\";r=0;t=60"));
    }

    #[test]
    fn clock_stepping_back_keeps_the_guarantee() {
        let l = RateLimiter::new(2, W).unwrap();
        assert!(l.check_at("k", at(100_000_000)).unwrap().allowed);
        // The clock steps back 30 s: the admission is recorded at the previous time.
        assert!(l.check_at("k", at(70_000_000)).unwrap().allowed);
        assert!(!l.check_at("k", at(150_000_000)).unwrap().allowed);
        assert!(l.check_at("k", at(160_000_000)).unwrap().allowed);
    }

    #[test]
    fn keys_are_validated_and_idle_keys_evicted() {
        let l = RateLimiter::new(5, W).unwrap();
        assert_eq!(
            l.check("").unwrap_err().kind(),
            ErrorKind::RateLimitInvalidKey
        );
        let long = vec![b'a'; MAX_KEY_LEN + 1];
        assert_eq!(
            l.check(&long).unwrap_err().kind(),
            ErrorKind::RateLimitInvalidKey
        );
        for i in 0..1000u64 {
            l.check_at(i.to_le_bytes(), at(i)).unwrap();
        }
        assert_eq!(l.tracked_keys(), Some(1000));
        assert_eq!(l.evict_idle_at(at(59_000_000)), 0);
        assert_eq!(l.evict_idle_at(at(60_000_500)), 501);
        assert_eq!(l.tracked_keys(), Some(499));
        // Growth sweeps by itself: a million one-off keys over time never pile up.
        for i in 0..200_000u64 {
            l.check_at(i.to_be_bytes(), at(100_000_000 + i * 1_000))
                .unwrap();
        }
        assert!(l.tracked_keys().unwrap() < 2 * 60_000 + SHARDS * MIN_SWEEP);
    }

    #[test]
    fn seconds_round_to_the_microsecond() {
        let d = duration_from_secs(1_700_000_000.000_001).unwrap();
        assert_eq!(d.as_micros(), 1_700_000_000_000_001);
        assert_eq!(duration_from_secs(0.0), Some(Duration::ZERO));
        assert_eq!(duration_from_secs(0.0000004), Some(Duration::ZERO));
        for bad in [-0.000001, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300] {
            assert_eq!(duration_from_secs(bad), None, "{bad}");
        }
    }

    #[test]
    fn config_is_validated() {
        for (limit, window) in [
            (0, W),
            (MAX_LIMIT + 1, W),
            (1, Duration::from_micros(999)),
            (1, MAX_WINDOW + Duration::from_secs(1)),
        ] {
            let err = RateLimiter::new(limit, window).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::RateLimitInvalidConfig);
        }
    }

    #[test]
    fn debug_shows_no_keys() {
        let l = RateLimiter::new(5, W).unwrap();
        l.check("rev_secretsecretsecret").unwrap();
        let s = format!("{l:?}");
        assert!(!s.contains("secret"), "{s}");
    }
}
