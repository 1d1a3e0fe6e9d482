//! The Redis store: the same sliding log as the in-memory store, in one Lua script per decision.
//!
//! Each key is one Redis string holding a ring of admission times (µs): a 20-byte header
//! (capacity, head, length, newest) and 8 bytes per slot, at most `limit` slots. The script
//! finds the admissions that left the window by a galloping search from the oldest (they are a
//! prefix: the ring is in time order), admits when fewer than `limit` remain (writing the time
//! at the ring's end with `SETRANGE` and setting the key to expire when its newest entry leaves
//! the window) and returns what the in-memory store returns, from which the
//! [`Decision`](super::Decision) is derived by the same code. A decision touches a few 8-byte
//! slots whatever the count (O(1) in the steady state, O(log k) when k admissions expire at
//! once); the ring is copied only when its capacity doubles or halves. Redis runs a script
//! atomically, so any number of limiters sharing the Redis enforce one limit; the clock is Redis
//! `TIME`, so the servers' clocks do not matter. One decision is one `EVALSHA` round trip (the
//! script is loaded once per connection, and again only if Redis lost it).
//!
//! When Redis cannot decide (unreachable, a timeout, an error), a limiter failing open decides
//! in-process with an in-memory store of the same policy (so an outage degrades to a limit per
//! process, never to none) and a limiter failing closed refuses; either way the decision says
//! why in `store_error`. The next decision tries Redis again (after a failed connection, once
//! [`RECONNECT_INTERVAL`] has passed).
//!
//! The Redis key is `<prefix><32 hex of the first 16 bytes of SHA-256(key)>`: an API key used as
//! the rate-limit key never appears in Redis (`KEYS`, `MONITOR`, a dump).

use core::fmt;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::memory_store::MemoryStore;
use super::{micros, Clock, Decision, Outcome, RateLimitError, SystemClock};

/// The default key prefix.
pub const DEFAULT_REDIS_PREFIX: &str = "revtain:rl:";
/// The default connect, read and write timeout of Redis calls.
pub const DEFAULT_REDIS_TIMEOUT: Duration = super::DEFAULT_STORE_TIMEOUT;
/// After Redis could not be connected to, decisions fail over at once (in-process when failing
/// open, refused when failing closed) for this long before connecting is tried again, so an
/// outage does not add a connect timeout to every request.
pub const RECONNECT_INTERVAL: Duration = Duration::from_secs(1);
/// The most idle connections kept for reuse.
const MAX_IDLE_CONNECTIONS: usize = 16;

const SCRIPT: &str = r#"
-- KEYS[1]: the key's ring of admission times. ARGV: limit, window (µs), now (µs, or "" for
-- Redis TIME).
--
-- The value is one string: a 20-byte header (capacity, head, length: big-endian 32-bit; the
-- newest admission) and `capacity` slots of 8 bytes, each an admission time in µs as a
-- big-endian double (exact below 2^53 µs, the year 2255). The admissions in the window are the
-- `length` slots from `head` on, wrapping at `capacity`, oldest first and in order (an
-- admission is never recorded before the previous one), so those that left the window are a
-- prefix, found by a galloping search. A decision reads and writes a few slots (GETRANGE and
-- SETRANGE of 8 bytes) whatever the count; the ring is copied only when its capacity doubles
-- (up to the limit) or halves, amortised O(1) per admission.
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now
if ARGV[3] == "" then
  local t = redis.call("TIME")
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
  now = tonumber(ARGV[3])
end
local HEADER = 20
local cap, head, len, newest = 0, 0, 0, 0
local rewritten = false
local raw = redis.pcall("GETRANGE", key, 0, HEADER - 1)
if type(raw) == "table" then
  -- Not a string. A list is the log of an earlier version (newest first): converted once.
  local kind = redis.call("TYPE", key)["ok"]
  if kind ~= "list" then
    return redis.error_reply("the rate-limit key holds a " .. kind .. ", not a ring of times")
  end
  local entries = redis.call("LRANGE", key, 0, limit - 1)
  local ring = {}
  for i = #entries, 1, -1 do
    local t = tonumber(entries[i])
    if now - t < window then ring[#ring + 1] = struct.pack(">d", t) end
  end
  redis.call("DEL", key)
  len = #ring
  if len > 0 then
    cap = len
    newest = struct.unpack(">d", ring[len])
    redis.call("SET", key, struct.pack(">I4I4I4d", cap, 0, len, newest) .. table.concat(ring))
    rewritten = true
  end
elseif #raw == HEADER then
  cap, head, len, newest = struct.unpack(">I4I4I4d", raw)
  if cap == 0 or head >= cap or len > cap then cap, head, len, newest = 0, 0, 0, 0 end
end

local cache = {}
local function slot(i)
  local j = head + i
  if j >= cap then j = j - cap end
  return j
end
-- The i-th admission in the window, oldest first (0 <= i < len).
local function entry(i)
  local s = slot(i)
  local t = cache[s]
  if t == nil then
    local off = HEADER + 8 * s
    t = struct.unpack(">d", redis.call("GETRANGE", key, off, off + 7))
    cache[s] = t
  end
  return t
end
local function expired(i)
  return now - entry(i) >= window
end
-- `n` zero bytes, by doubling (Lua 5.1's string.rep appends one repetition at a time).
local function zeros(n)
  local z = "\0\0\0\0\0\0\0\0"
  while #z < n do z = z .. z end
  return string.sub(z, 1, n)
end
-- Copies the ring in order into a new value of capacity `to` (head 0), sized for all of it at
-- once (so that SETRANGE writes in place and Redis does not over-allocate as the string grows).
-- SET drops the TTL: the caller sets it again.
local function rewrite(to)
  local first = HEADER + 8 * head
  local body
  if head + len <= cap then
    body = redis.call("GETRANGE", key, first, first + 8 * len - 1)
  else
    body = redis.call("GETRANGE", key, first, HEADER + 8 * cap - 1)
      .. redis.call("GETRANGE", key, HEADER, HEADER + 8 * (head + len - cap) - 1)
  end
  cap, head, cache = to, 0, {}
  redis.call("SET", key, struct.pack(">I4I4I4d", cap, 0, len, newest) .. body
    .. zeros(8 * (cap - len)))
  rewritten = true
end

-- Drop what has left the window: the first `gone` admissions, by a galloping search (O(log gone)
-- reads; one or two when a decision expires one admission, the steady state).
local gone = 0
if len > 0 and expired(0) then
  local lo, hi = 0, 1
  while hi < len and expired(hi) do
    lo = hi
    hi = hi * 2
  end
  if hi > len then hi = len end
  while hi - lo > 1 do
    local mid = math.floor((lo + hi) / 2)
    if expired(mid) then lo = mid else hi = mid end
  end
  gone = hi
end
if gone > 0 then
  if gone == len then head = 0 else head = slot(gone) end
  len = len - gone
end

local oldest = 0
if len > 0 then oldest = entry(0) else newest = 0 end
local allowed = 0
if len < limit then
  allowed = 1
  -- Never record an admission before the previous one.
  local stamp = now
  if newest > now then stamp = newest end
  if len == 0 then
    cap, head = math.min(2, limit), 0
    redis.call("SET", key, struct.pack(">I4I4I4dd", cap, 0, 1, stamp, stamp)
      .. zeros(8 * (cap - 1)))
    oldest = stamp
  else
    if len == cap then
      rewrite(math.min(2 * cap, limit))
    elseif cap > 64 and 4 * len <= cap then
      rewrite(math.floor(cap / 2))
    end
    redis.call("SETRANGE", key, HEADER + 8 * slot(len), struct.pack(">d", stamp))
    redis.call("SETRANGE", key, 0, struct.pack(">I4I4I4d", cap, head, len + 1, stamp))
  end
  newest = stamp
  len = len + 1
elseif gone > 0 then
  redis.call("SETRANGE", key, 0, struct.pack(">I4I4I4d", cap, head, len, newest))
end
if allowed == 1 or rewritten then
  -- One second of slack past the window: a key is never dropped while an admission in it
  -- could still count, even for a caller whose injected time runs a little behind Redis.
  redis.call("PEXPIRE", key, math.ceil((newest + window - now) / 1000) + 1000)
end
return {allowed, len, string.format("%.0f", oldest), string.format("%.0f", newest), string.format("%.0f", now)}
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

    /// What a decision is when Redis cannot be reached, times out or errs: made in-process by
    /// an in-memory store of the same policy (`true`, the default: failing open to a limit per
    /// process), or a refusal (`false`). Either way the decision carries
    /// [`store_error`](super::Decision::store_error).
    ///
    /// Open is the default because the limit protects capacity while a Redis outage would
    /// otherwise refuse every merchant's API call: an outage of the limiter's store must not
    /// become an outage of payment recovery. It is never unlimited: each process still admits
    /// at most the limit per window by itself, so N processes admit at most N times the limit
    /// between them while Redis is away. Choose closed where the limit is a security control
    /// that must hold exactly (a brute-force guard, say).
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

/// The URL without its password, for messages, `Debug`, `repr()` and `util.inspect`: `****` in
/// place of the password of the userinfo (`redis://user:****@host/0`) and of the value of a
/// `pass=` or `password=` query parameter (`redis+unix:///run/redis.sock?db=0&pass=****`).
///
/// It errs on the side of masking: the userinfo runs to the **last** `@` (a password may hold
/// `?`, `/`, `#`, `:` or `@` unencoded, and the URL may then not even parse), a URL without
/// `://` (`user:password@host`, `redis:password@host`) has everything before its last `@`
/// masked but a known scheme, and a `pass=` value runs to the next `&` that starts a Redis URL
/// parameter (`db`, `user`, `username`, `protocol`, `pass`, `password`) or to the end. Masked
/// spans that touch are shown as one `****`.
pub fn redact_redis_url(url: &str) -> String {
    // Every delimiter looked for is ASCII, so every index below is a character boundary.
    let lower = url.to_ascii_lowercase();
    let mut masked: Vec<(usize, usize)> = Vec::new();
    if let Some(at) = url.rfind('@') {
        match url.find("://") {
            Some(scheme) if scheme + 3 <= at => {
                let start = scheme + 3;
                // `user:password@` keeps the user; a lone userinfo is a password for Redis
                // (`redis://secret@host`).
                let from = url[start..at].find(':').map_or(start, |c| start + c + 1);
                masked.push((from, at));
            }
            _ => {
                let start = [
                    "redis+unix:",
                    "valkey+unix:",
                    "rediss:",
                    "valkeys:",
                    "redis:",
                ]
                .into_iter()
                .chain(["valkey:", "unix:"])
                .find(|s| lower.starts_with(s) && s.len() <= at)
                .map_or(0, str::len);
                masked.push((start, at));
            }
        }
    }
    let mut i = 0;
    while let Some(off) = lower[i..].find(['?', '&']) {
        let name = i + off + 1;
        for key in ["pass=", "password="] {
            if lower[name..].starts_with(key) {
                let from = name + key.len();
                masked.push((from, parameter_end(&lower, from)));
            }
        }
        i = name;
    }
    masked.retain(|(from, to)| from < to);
    masked.sort_unstable();
    let mut out = String::with_capacity(url.len());
    let mut shown = None::<usize>;
    for (from, to) in masked {
        match shown {
            // Touches or overlaps the span just masked: one `****`.
            Some(end) if from <= end => shown = Some(end.max(to)),
            _ => {
                out.push_str(&url[shown.unwrap_or(0)..from]);
                out.push_str("****");
                shown = Some(to);
            }
        }
    }
    let shown = shown.unwrap_or(0);
    out.push_str(&url[shown..]);
    out
}

/// Where a query value starting at `from` ends: at the next `&` that starts a parameter a Redis
/// URL has, or at the end (`lower` is the URL in lower case).
fn parameter_end(lower: &str, from: usize) -> usize {
    let mut i = from;
    while let Some(off) = lower[i..].find('&') {
        let amp = i + off;
        let next = &lower[amp + 1..];
        if [
            "db=",
            "user=",
            "username=",
            "protocol=",
            "pass=",
            "password=",
        ]
        .iter()
        .any(|k| next.starts_with(k))
        {
            return amp;
        }
        i = amp + 1;
    }
    lower.len()
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
    /// Decides while Redis cannot, when failing open: the same policy, in this process.
    fallback: MemoryStore,
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

/// What failed, in words: a timeout says so (the I/O error behind it would be `os error 11`,
/// "Resource temporarily unavailable", on Linux).
fn describe(error: &redis::RedisError, timeout: Duration) -> String {
    if error.is_timeout() {
        let ms = timeout.as_micros() as f64 / 1000.0;
        format!("the Redis store did not answer within {ms} ms")
    } else {
        error.to_string()
    }
}

/// Reads the script's reply, `{allowed, count, oldest, newest, now}`: two integers and three
/// decimal strings of microseconds. Anything else (another server on the port, a script of
/// another version, a proxy in between) is an error naming what was wrong, never a value
/// trusted as a decision; the error does not quote the reply.
pub(crate) fn outcome_from_reply(value: &redis::Value) -> Result<Outcome, &'static str> {
    use redis::Value;
    let items = match value {
        Value::Array(items) | Value::Set(items) => items,
        Value::ServerError(_) => return Err("an error from the script"),
        _ => return Err("not a list"),
    };
    let [allowed, count, oldest, newest, now] = items.as_slice() else {
        return Err("not five items");
    };
    let allowed = match allowed {
        Value::Int(0) => false,
        Value::Int(1) => true,
        _ => return Err("`allowed` is not 0 or 1"),
    };
    let Value::Int(count) = *count else {
        return Err("the count is not an integer");
    };
    let count = u64::try_from(count).map_err(|_| "the count is negative")?;
    if allowed && count == 0 {
        return Err("an admission with a count of 0");
    }
    let micros = |v: &Value| -> Result<u64, &'static str> {
        let bytes: &[u8] = match v {
            Value::BulkString(b) => b,
            Value::SimpleString(s) => s.as_bytes(),
            _ => return Err("a time is not a string"),
        };
        if bytes.is_empty() || bytes.len() > 20 || !bytes.iter().all(u8::is_ascii_digit) {
            return Err("a time is not whole microseconds");
        }
        core::str::from_utf8(bytes)
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or("a time is out of range")
    };
    Ok(Outcome {
        allowed,
        count,
        oldest: micros(oldest)?,
        newest: micros(newest)?,
        now: micros(now)?,
    })
}

/// The decision a reply of the script gives, from the bytes of a RESP reply: for the fuzz target
/// `redis_reply` only (`core/fuzz`). Not part of the API.
#[doc(hidden)]
pub fn decision_from_resp(
    reply: &[u8],
    limit: u32,
    window_us: u64,
) -> Option<Result<Decision, String>> {
    let value = redis::parse_redis_value(reply).ok()?;
    Some(
        outcome_from_reply(&value)
            .map(|o| o.decision(limit, window_us))
            .map_err(str::to_owned),
    )
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
            fallback: MemoryStore::new()?,
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

    /// Whether decisions are made in-process (rather than refused) when Redis cannot decide.
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
                let why = format!(
                    "cannot connect to Redis at {}: {}",
                    self.url,
                    describe(&e, self.timeout)
                );
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

    /// One decision: Redis's, or when Redis cannot decide, the failure mode's (in-process when
    /// failing open, a refusal when failing closed), saying why.
    pub(crate) fn check(
        &self,
        key: &[u8],
        now: Option<u64>,
        limit: u32,
        window_us: u64,
    ) -> Decision {
        match self.decide(key, now, limit, window_us) {
            Ok(outcome) => outcome.decision(limit, window_us),
            Err(error) => self.degraded(key, error, now, limit, window_us),
        }
    }

    fn decide(
        &self,
        key: &[u8],
        now: Option<u64>,
        limit: u32,
        window_us: u64,
    ) -> Result<Outcome, String> {
        let (mut con, pooled) = self.connection()?;
        let redis_key = self.redis_key(key);
        let now_arg = now.map(|n| n.to_string()).unwrap_or_default();
        let run = |con: &mut redis::Connection| -> redis::RedisResult<redis::Value> {
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
            Ok(value) => {
                self.give_back(con);
                outcome_from_reply(&value).map_err(|what| {
                    format!("Redis at {} gave an unexpected reply: {what}", self.url)
                })
            }
            // The connection is dropped, not reused: after a timeout it may be mid-reply.
            Err(e) => Err(format!(
                "Redis at {} failed: {}",
                self.url,
                describe(&e, self.timeout)
            )),
        }
    }

    /// The decision when Redis could not decide. Failing open, the in-process store decides by
    /// the same policy (this process's own limit, with the counts it made itself in earlier
    /// outages); failing closed, a refusal for [`RECONNECT_INTERVAL`]. Either way `store_error`
    /// says why.
    fn degraded(
        &self,
        key: &[u8],
        error: String,
        now: Option<u64>,
        limit: u32,
        window_us: u64,
    ) -> Decision {
        let now = now.unwrap_or_else(|| micros(SystemClock.now()));
        if self.fail_open {
            let mut d = self
                .fallback
                .decide(key, now, limit, window_us)
                .decision(limit, window_us);
            d.store_error = Some(format!(
                "{error} (failing open: decided in-process, the limit holding per process until \
                 Redis answers again)"
            ));
            return d;
        }
        Decision {
            allowed: false,
            limit,
            window: Duration::from_micros(window_us),
            remaining: 0,
            retry_after: RECONNECT_INTERVAL,
            reset_after: RECONNECT_INTERVAL,
            at: Duration::from_micros(now),
            store_error: Some(format!("{error} (failing closed)")),
        }
    }

    /// Drops the in-process store's idle keys (those it holds from outages).
    pub(crate) fn evict_idle(&self, now: u64, window_us: u64) -> usize {
        self.fallback.evict_idle(now, window_us)
    }

    pub(crate) fn ping(&self) -> Result<(), RateLimitError> {
        let (mut con, pooled) = self
            .connection()
            .map_err(RateLimitError::StoreUnavailable)?;
        let mut pong: redis::RedisResult<String> = redis::cmd("PING").query(&mut con);
        if pooled
            && pong
                .as_ref()
                .is_err_and(|e| e.is_connection_dropped() || e.is_connection_refusal())
        {
            // As for a decision: a pooled connection Redis closed is replaced, once.
            con = self.connect().map_err(RateLimitError::StoreUnavailable)?;
            pong = redis::cmd("PING").query(&mut con);
        }
        match pong {
            Ok(_) => {
                self.give_back(con);
                Ok(())
            }
            Err(e) => Err(RateLimitError::StoreUnavailable(format!(
                "Redis at {} failed: {}",
                self.url,
                describe(&e, self.timeout)
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

    /// The shapes the first redaction missed (the query split at the first `?`, which may be in
    /// the password; nothing done without `://`), and others around them.
    #[test]
    fn urls_are_redacted_whatever_their_shape() {
        for (url, shown) in [
            // A password holding `?` (the URL then does not parse; the error shows it).
            (
                "redis://u:pa?ss@cache:6379/0",
                "redis://u:****@cache:6379/0",
            ),
            ("redis://pa?ss@cache", "redis://****@cache"),
            ("redis://:hun?ter2@cache/?db=1", "redis://:****@cache/?db=1"),
            // …or `@`, `/`, `#`, `:` unencoded: the userinfo runs to the last `@`.
            ("redis://u:p@ss/w#o:rd@cache", "redis://u:****@cache"),
            // No `://`.
            ("u:hunter2@cache:6379", "****@cache:6379"),
            ("hunter2@cache", "****@cache"),
            ("redis:hunter2@cache", "redis:****@cache"),
            ("redis:u:hunter2@cache", "redis:****@cache"),
            ("REDISS:/u:hunter2@cache", "REDISS:****@cache"),
            ("//u:hunter2@cache", "****@cache"),
            ("cache:6379", "cache:6379"),
            // `pass=` values run to the next Redis parameter or the end, `&` and `@` included.
            ("redis+unix:///s?pass=hun&ter2", "redis+unix:///s?pass=****"),
            (
                "redis+unix:///s?pass=hun&ter2&db=1",
                "redis+unix:///s?pass=****&db=1",
            ),
            ("unix:/s?pass=hunter2", "unix:/s?pass=****"),
            // `@` in a query value: masked from the scheme on, never a password shown.
            ("redis+unix:///s?pass=hun@ter2", "redis+unix://****"),
            (
                "redis+unix:///s?user=a@b&pass=hunter2",
                "redis+unix://****@b&pass=****",
            ),
            ("redis://u:x?pass=hunter2@cache", "redis://u:****"),
            // Nothing to hide.
            (
                "redis://cache:6379/0?protocol=3",
                "redis://cache:6379/0?protocol=3",
            ),
            ("redis://u:@cache", "redis://u:@cache"),
            ("", ""),
        ] {
            assert_eq!(redact_redis_url(url), shown, "{url}");
        }
        // Whatever the URL, no part of these passwords shows.
        for password in [
            "hun?ter2", "hun@ter2", "hun#ter2", "hun/ter2", "hun:ter2", "hun&ter2",
        ] {
            for url in [
                format!("redis://alice:{password}@cache:6379/0"),
                format!("redis://{password}@cache"),
                format!("alice:{password}@cache"),
                format!("{password}@cache"),
                format!("redis+unix:///run/r.sock?user=alice&pass={password}"),
                format!("redis+unix:///run/r.sock?pass={password}&db=2"),
            ] {
                let shown = redact_redis_url(&url);
                assert!(!shown.contains("ter2"), "{url} -> {shown}");
                assert!(shown.contains("****"), "{url} -> {shown}");
            }
        }
    }

    #[test]
    fn replies_are_checked_before_they_decide() {
        let ok = b"*5\r\n:1\r\n:3\r\n$7\r\n1000000\r\n$7\r\n1500000\r\n$7\r\n1600000\r\n";
        let d = decision_from_resp(ok, 5, 1_000_000).unwrap().unwrap();
        assert!(d.allowed);
        assert_eq!(d.remaining, 2);
        assert_eq!(d.reset_after, Duration::from_millis(900));
        assert_eq!(d.at, Duration::from_micros(1_600_000));
        let denied = b"*5\r\n:0\r\n:5\r\n+1000000\r\n+1500000\r\n+1600000\r\n";
        let d = decision_from_resp(denied, 5, 1_000_000).unwrap().unwrap();
        assert!(!d.allowed);
        assert_eq!(d.retry_after, Duration::from_millis(400));
        for (reply, why) in [
            (&b"+OK\r\n"[..], "not a list"),
            (b"-ERR boom\r\n", "an error from the script"),
            (b"*4\r\n:1\r\n:1\r\n+1\r\n+1\r\n", "not five items"),
            (
                b"*5\r\n:2\r\n:1\r\n+1\r\n+1\r\n+1\r\n",
                "`allowed` is not 0 or 1",
            ),
            (
                b"*5\r\n:1\r\n+1\r\n+1\r\n+1\r\n+1\r\n",
                "the count is not an integer",
            ),
            (
                b"*5\r\n:1\r\n:-1\r\n+1\r\n+1\r\n+1\r\n",
                "the count is negative",
            ),
            (
                b"*5\r\n:1\r\n:0\r\n+1\r\n+1\r\n+1\r\n",
                "an admission with a count of 0",
            ),
            (
                b"*5\r\n:1\r\n:1\r\n:1\r\n+1\r\n+1\r\n",
                "a time is not a string",
            ),
            (
                b"*5\r\n:1\r\n:1\r\n+1e6\r\n+1\r\n+1\r\n",
                "a time is not whole microseconds",
            ),
            (
                b"*5\r\n:1\r\n:1\r\n+-1\r\n+1\r\n+1\r\n",
                "a time is not whole microseconds",
            ),
            (
                b"*5\r\n:1\r\n:1\r\n+1\r\n+99999999999999999999\r\n+1\r\n",
                "a time is out of range",
            ),
        ] {
            let got = decision_from_resp(reply, 5, 1_000_000).unwrap();
            assert_eq!(
                got.unwrap_err(),
                why,
                "{:?}",
                String::from_utf8_lossy(reply)
            );
        }
        assert!(
            decision_from_resp(b"*5\r\n:1", 5, 1).is_none(),
            "not RESP at all"
        );
    }

    #[test]
    fn timeouts_are_reported_as_such() {
        let e = redis::RedisError::from(std::io::Error::from(std::io::ErrorKind::WouldBlock));
        assert_eq!(
            describe(&e, Duration::from_millis(250)),
            "the Redis store did not answer within 250 ms"
        );
        let e = redis::RedisError::from(std::io::Error::from(std::io::ErrorKind::TimedOut));
        assert_eq!(
            describe(&e, Duration::from_micros(1_500)),
            "the Redis store did not answer within 1.5 ms"
        );
        let e =
            redis::RedisError::from(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
        assert!(!describe(&e, Duration::from_millis(250)).contains("did not answer"));
    }
}
