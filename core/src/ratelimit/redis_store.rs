//! The Redis store: the same sliding log as the in-memory store, in one Lua script per decision.
//!
//! Each key is a Redis list of admission times in microseconds, newest first, holding at most
//! `limit` entries. The script reads the list, drops what has left the window, admits when
//! fewer than `limit` remain (pushing the time and setting the key to expire when its newest
//! entry leaves the window) and returns what the in-memory store returns, from which the
//! [`Decision`](super::Decision) is derived by the same code. Redis runs a script atomically, so
//! any number of limiters sharing the Redis enforce one limit; the clock is Redis `TIME`, so the
//! servers' clocks do not matter. One decision is one `EVALSHA` round trip (the script is loaded
//! once per connection, and again only if Redis lost it).
//!
//! The Redis key is `<prefix><32 hex of the first 16 bytes of SHA-256(key)>`: an API key used as
//! the rate-limit key never appears in Redis (`KEYS`, `MONITOR`, a dump).

use core::fmt;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::{micros, Clock, Decision, Outcome, RateLimitError, SystemClock};

/// The default key prefix.
pub const DEFAULT_REDIS_PREFIX: &str = "revtain:rl:";
/// The default connect, read and write timeout of Redis calls.
pub const DEFAULT_REDIS_TIMEOUT: Duration = super::DEFAULT_STORE_TIMEOUT;
/// After Redis could not be connected to, decisions fail over at once (open or closed) for this
/// long before connecting is tried again, so an outage does not add a connect timeout to every
/// request.
pub const RECONNECT_INTERVAL: Duration = Duration::from_secs(1);
/// The most idle connections kept for reuse.
const MAX_IDLE_CONNECTIONS: usize = 16;

const SCRIPT: &str = r#"
-- KEYS[1]: the key's list of admission times (µs), newest first.
-- ARGV: limit, window (µs), now (µs, or "" for Redis TIME).
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now
if ARGV[3] == "" then
  local t = redis.call("TIME")
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
  now = tonumber(ARGV[3])
end
local entries = redis.call("LRANGE", KEYS[1], 0, limit - 1)
local n = 0
for i = 1, #entries do
  if now - tonumber(entries[i]) >= window then break end
  n = i
end
if n == 0 then
  if #entries > 0 then redis.call("DEL", KEYS[1]) end
elseif n < #entries then
  redis.call("LTRIM", KEYS[1], 0, n - 1)
end
local newest = 0
if n > 0 then newest = tonumber(entries[1]) end
local oldest = 0
if n > 0 then oldest = tonumber(entries[n]) end
local allowed = 0
if n < limit then
  allowed = 1
  -- Never record an admission before the previous one.
  local stamp = now
  if newest > now then stamp = newest end
  redis.call("LPUSH", KEYS[1], string.format("%.0f", stamp))
  if n == 0 then oldest = stamp end
  newest = stamp
  n = n + 1
  -- One second of slack past the window: a key is never dropped while an admission in it
  -- could still count, even for a caller whose injected time runs a little behind Redis.
  redis.call("PEXPIRE", KEYS[1], math.ceil((stamp + window - now) / 1000) + 1000)
end
return {allowed, n, string.format("%.0f", oldest), string.format("%.0f", newest), string.format("%.0f", now)}
"#;

/// Where and how to reach Redis.
#[derive(Clone)]
pub struct RedisOptions {
    url: String,
    prefix: String,
    fail_open: bool,
    timeout: Duration,
}

impl fmt::Debug for RedisOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisOptions")
            .field("url", &redact_redis_url(&self.url))
            .field("prefix", &self.prefix)
            .field("fail_open", &self.fail_open)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl RedisOptions {
    /// Redis at `url` (`redis://[user:password@]host[:port][/db]`, `rediss://` for TLS when the
    /// `redis` crate is built with TLS, `redis+unix:///path`), prefix
    /// [`DEFAULT_REDIS_PREFIX`], failing open, timeout [`DEFAULT_REDIS_TIMEOUT`].
    pub fn new(url: impl Into<String>) -> Self {
        RedisOptions {
            url: url.into(),
            prefix: DEFAULT_REDIS_PREFIX.to_owned(),
            fail_open: true,
            timeout: DEFAULT_REDIS_TIMEOUT,
        }
    }

    /// The prefix of every Redis key the limiter writes; limiters with different limits must not
    /// share one.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// What a decision is when Redis cannot be reached or errs: admitted (`true`, the default)
    /// or refused (`false`). Either way the decision carries
    /// [`store_error`](super::Decision::store_error).
    ///
    /// Open is the default because the limit protects capacity while a Redis outage would
    /// otherwise refuse every merchant's API call: an outage of the limiter's store must not
    /// become an outage of payment recovery. Choose closed where the limit is a security control
    /// that must hold (a brute-force guard, say).
    pub fn fail_open(mut self, fail_open: bool) -> Self {
        self.fail_open = fail_open;
        self
    }

    /// The connect, read and write timeout of every Redis call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

/// The URL without its password, for messages, `Debug` and `repr()`: `****` for the password
/// of the userinfo (`redis://user:****@host/0`) and for the value of a `pass=` or `password=`
/// query parameter (`redis+unix:///run/redis.sock?db=0&pass=****`).
pub fn redact_redis_url(url: &str) -> String {
    let (url, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let mut out = match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme + 3 => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:****{}", &url[..scheme + 3], &url[at..]),
                // A lone userinfo is a password for Redis (`redis://secret@host`).
                None => format!("{}****{}", &url[..scheme + 3], &url[at..]),
            }
        }
        _ => url.to_owned(),
    };
    if let Some(query) = query {
        out.push('?');
        for (i, pair) in query.split('&').enumerate() {
            if i > 0 {
                out.push('&');
            }
            match pair.split_once('=') {
                Some((k, _))
                    if k.eq_ignore_ascii_case("pass") || k.eq_ignore_ascii_case("password") =>
                {
                    out.push_str(k);
                    out.push_str("=****");
                }
                _ => out.push_str(pair),
            }
        }
    }
    out
}

pub(crate) struct RedisStore {
    client: redis::Client,
    script: redis::Script,
    prefix: String,
    fail_open: bool,
    timeout: Duration,
    idle: Mutex<Vec<redis::Connection>>,
    down_until: Mutex<Option<(Instant, String)>>,
    url: String,
}

impl fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisStore")
            .field("url", &self.url)
            .field("prefix", &self.prefix)
            .field("fail_open", &self.fail_open)
            .finish_non_exhaustive()
    }
}

impl RedisStore {
    pub(crate) fn new(options: RedisOptions) -> Result<Self, RateLimitError> {
        if options.timeout.is_zero() {
            return Err(RateLimitError::InvalidConfig(
                "the Redis timeout must be more than zero".into(),
            ));
        }
        if options.prefix.len() > 256 {
            return Err(RateLimitError::InvalidConfig(
                "the Redis key prefix is longer than 256 bytes".into(),
            ));
        }
        let url = redact_redis_url(&options.url);
        let client = redis::Client::open(options.url.as_str())
            .map_err(|e| RateLimitError::InvalidConfig(format!("invalid Redis URL {url}: {e}")))?;
        Ok(RedisStore {
            client,
            script: redis::Script::new(SCRIPT),
            prefix: options.prefix,
            fail_open: options.fail_open,
            timeout: options.timeout,
            idle: Mutex::new(Vec::new()),
            down_until: Mutex::new(None),
            url,
        })
    }

    /// The URL without its password.
    pub(crate) fn redacted_url(&self) -> &str {
        &self.url
    }

    /// The key prefix.
    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Whether decisions admit when Redis cannot be reached.
    pub(crate) fn fails_open(&self) -> bool {
        self.fail_open
    }

    /// A pooled connection (`true`) or a new one (`false`).
    fn connection(&self) -> Result<(redis::Connection, bool), String> {
        if let Some(con) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return Ok((con, true));
        }
        self.connect().map(|con| (con, false))
    }

    fn connect(&self) -> Result<redis::Connection, String> {
        {
            let down = self.down_until.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((until, why)) = down.as_ref() {
                if Instant::now() < *until {
                    return Err(why.clone());
                }
            }
        }
        let connected = self
            .client
            .get_connection_with_timeout(self.timeout)
            .and_then(|con| {
                con.set_read_timeout(Some(self.timeout))?;
                con.set_write_timeout(Some(self.timeout))?;
                Ok(con)
            });
        match connected {
            Ok(con) => {
                *self.down_until.lock().unwrap_or_else(|p| p.into_inner()) = None;
                Ok(con)
            }
            Err(e) => {
                let why = format!("cannot connect to Redis at {}: {e}", self.url);
                *self.down_until.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some((Instant::now() + RECONNECT_INTERVAL, why.clone()));
                Err(why)
            }
        }
    }

    fn give_back(&self, con: redis::Connection) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE_CONNECTIONS {
            idle.push(con);
        }
    }

    /// The Redis key for a rate-limit key.
    pub(crate) fn redis_key(&self, key: &[u8]) -> String {
        let digest = Sha256::digest(key);
        let mut out = String::with_capacity(self.prefix.len() + 32);
        out.push_str(&self.prefix);
        for b in &digest[..16] {
            out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        }
        out
    }

    pub(crate) fn decide(
        &self,
        key: &[u8],
        now: Option<u64>,
        limit: u32,
        window_us: u64,
    ) -> Result<Outcome, String> {
        let (mut con, pooled) = self.connection()?;
        let redis_key = self.redis_key(key);
        let now_arg = now.map(|n| n.to_string()).unwrap_or_default();
        let run = |con: &mut redis::Connection| -> redis::RedisResult<(i64, i64, String, String, String)> {
            self.script
                .key(&redis_key)
                .arg(limit)
                .arg(window_us)
                .arg(&now_arg)
                .invoke(con)
        };
        let mut reply = run(&mut con);
        if pooled
            && reply
                .as_ref()
                .is_err_and(|e| e.is_connection_dropped() || e.is_connection_refusal())
        {
            // An idle pooled connection was closed (Redis restarted, or an idle timeout): one
            // retry on a new connection. Had the script run before the reply was lost, the
            // request is counted twice: conservative, never an over-admission.
            con = self.connect()?;
            reply = run(&mut con);
        }
        match reply {
            Ok((allowed, count, oldest, newest, now)) => {
                self.give_back(con);
                let num = |s: &str| {
                    s.parse::<u64>()
                        .map_err(|_| format!("Redis returned an unexpected value {s:?}"))
                };
                Ok(Outcome {
                    allowed: allowed == 1,
                    count: u64::try_from(count).unwrap_or(0),
                    oldest: num(&oldest)?,
                    newest: num(&newest)?,
                    now: num(&now)?,
                })
            }
            // The connection is dropped, not reused: after a timeout it may be mid-reply.
            Err(e) => Err(format!("Redis at {} failed: {e}", self.url)),
        }
    }

    /// The decision when Redis could not decide: the failure mode, saying why.
    pub(crate) fn degraded(
        &self,
        error: String,
        now: Option<u64>,
        limit: u32,
        window_us: u64,
    ) -> Decision {
        let now = now.unwrap_or_else(|| micros(SystemClock.now()));
        let wait = if self.fail_open {
            Duration::ZERO
        } else {
            RECONNECT_INTERVAL
        };
        Decision {
            allowed: self.fail_open,
            limit,
            window: Duration::from_micros(window_us),
            // Unknown. Failing open, do not tell clients their quota is gone (they would back
            // off for nothing); failing closed, there is none.
            remaining: if self.fail_open { limit - 1 } else { 0 },
            retry_after: wait,
            reset_after: wait,
            at: Duration::from_micros(now),
            store_error: Some(format!(
                "{error} (failing {})",
                if self.fail_open { "open" } else { "closed" }
            )),
        }
    }

    pub(crate) fn ping(&self) -> Result<(), RateLimitError> {
        let (mut con, _) = self
            .connection()
            .map_err(RateLimitError::StoreUnavailable)?;
        let pong: redis::RedisResult<String> = redis::cmd("PING").query(&mut con);
        match pong {
            Ok(_) => {
                self.give_back(con);
                Ok(())
            }
            Err(e) => Err(RateLimitError::StoreUnavailable(format!(
                "Redis at {} failed: {e}",
                self.url
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_redacted() {
        assert_eq!(
            redact_redis_url("redis://admin:hunter2@cache:6379/0"),
            "redis://admin:****@cache:6379/0"
        );
        assert_eq!(
            redact_redis_url("redis://:hunter2@cache"),
            "redis://:****@cache"
        );
        assert_eq!(redact_redis_url("redis://cache:6379"), "redis://cache:6379");
        assert_eq!(
            redact_redis_url("redis://hunter2@cache"),
            "redis://****@cache"
        );
        assert_eq!(
            redact_redis_url("redis+unix:///run/r.sock?db=1&pass=hunter2&user=u"),
            "redis+unix:///run/r.sock?db=1&pass=****&user=u"
        );
        assert_eq!(
            redact_redis_url("redis://h/?PASSWORD=hunter2"),
            "redis://h/?PASSWORD=****"
        );
        let o = RedisOptions::new("redis://u:hunter2@h/");
        assert!(!format!("{o:?}").contains("hunter2"));
    }
}
