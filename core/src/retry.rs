//! Resilient gateway calls (docs/spec.md §2.5): the retry policy, pure and without I/O.
//!
//! - [`RetryPolicy`]: exponential backoff with full jitter by default (equal or none
//!   selectable): the delay before retry n (n = 0, 1, …) is drawn from `[0, min(cap, base·2^n)]`;
//!   defaults base 500 ms, cap 20 s, at most 4 attempts in all, a total deadline of 30 s.
//! - [`classify`]: which outcomes are retried: connection failures, timeouts, 408, 429 and every
//!   5xx but 501 and 505; never another 4xx (a declined card is a business outcome, not a
//!   fault). `Stripe-Should-Retry: false` stops, `true` retries.
//! - [`parse_retry_after`]: `Retry-After` as delta seconds or an HTTP date; it is a floor for the
//!   next delay, and one that lands past the deadline stops the retries at once.
//! - [`RetryBudget`]: a token bucket per gateway host (capacity 500, a retry costs 5, a timeout
//!   retry 10, a success refunds 1) that stops retry storms when a gateway is down.
//! - [`Retrier`]: the state of one logical call, which applies all of the above to each attempt's
//!   outcome and says whether and when to try again.
//!
//! The HTTP client (`GatewayClient`, feature `http`) applies the policy to what the network
//! gives: an answer it cannot take (over its limits, malformed, cut short) and a TLS failure are
//! final, outside this classification, since the request reached the gateway or must not be
//! sent over a failing certificate.
//!
//! Randomness and time are injected: [`Retrier::next`] takes a uniform random number source and
//! the elapsed time, so tests are deterministic.

#[cfg(feature = "http")]
mod http;
#[cfg(feature = "http")]
pub use http::{
    classify_now_from, new_idempotency_key, outcome_from_host, timeout_from, Attempt,
    GatewayClient, GatewayClientBuilder, GatewayError, GatewayResponse, DEFAULT_TIMEOUT,
    FRAMING_HEADERS, IDEMPOTENCY_HEADER, MAX_BODY, MAX_HEADERS, METHODS, TRANSPORTS,
};

use core::fmt;
use std::collections::HashMap;

use crate::args::{self, Number};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// The default base delay.
pub const DEFAULT_BASE: Duration = Duration::from_millis(500);
/// The default cap on one delay.
pub const DEFAULT_CAP: Duration = Duration::from_secs(20);
/// The default number of attempts in all (the first one included).
pub const DEFAULT_MAX_ATTEMPTS: u32 = 4;
/// The default total deadline of a logical call.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(30);
/// The most attempts a policy may allow.
pub const MAX_ATTEMPTS: u32 = 100;

/// How a delay is drawn from `[0, min(cap, base·2^n)]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Jitter {
    /// Uniform over the whole range (the default: spreads retries of many clients best).
    #[default]
    Full,
    /// Half the ceiling plus uniform over the other half.
    Equal,
    /// The ceiling itself.
    None,
}

impl Jitter {
    /// `"full"`, `"equal"` or `"none"`.
    pub fn name(self) -> &'static str {
        match self {
            Jitter::Full => "full",
            Jitter::Equal => "equal",
            Jitter::None => "none",
        }
    }

    /// Parses [`name`](Self::name).
    pub fn from_name(name: &str) -> Option<Jitter> {
        match name {
            "full" => Some(Jitter::Full),
            "equal" => Some(Jitter::Equal),
            "none" => Some(Jitter::None),
            _ => None,
        }
    }
}

/// A policy setting is out of range; says which.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid retry policy: {0}")]
pub struct InvalidRetryPolicy(pub String);

impl InvalidRetryPolicy {
    /// The error kind shared with the C, Python and Node surfaces.
    pub fn kind(&self) -> crate::ErrorKind {
        crate::ErrorKind::RetryInvalidPolicy
    }
}

/// When and how often to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    base: Duration,
    cap: Duration,
    max_attempts: u32,
    deadline: Duration,
    jitter: Jitter,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base: DEFAULT_BASE,
            cap: DEFAULT_CAP,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            deadline: DEFAULT_DEADLINE,
            jitter: Jitter::Full,
        }
    }
}

impl RetryPolicy {
    /// A policy; every value is checked: `base` ≤ `cap`, `max_attempts` 1 to
    /// [`MAX_ATTEMPTS`], a deadline more than zero.
    pub fn new(
        base: Duration,
        cap: Duration,
        max_attempts: u32,
        deadline: Duration,
        jitter: Jitter,
    ) -> Result<Self, InvalidRetryPolicy> {
        if base > cap {
            return Err(InvalidRetryPolicy(format!(
                "base ({} s) must not exceed cap ({} s)",
                base.as_secs_f64(),
                cap.as_secs_f64()
            )));
        }
        if max_attempts == 0 || max_attempts > MAX_ATTEMPTS {
            return Err(InvalidRetryPolicy(format!(
                "max_attempts must be between 1 and {MAX_ATTEMPTS}, not {max_attempts}"
            )));
        }
        if deadline.is_zero() {
            return Err(InvalidRetryPolicy(
                "the deadline must be more than zero".into(),
            ));
        }
        Ok(RetryPolicy {
            base,
            cap,
            max_attempts,
            deadline,
            jitter,
        })
    }

    /// A policy from a host's values, by the one rule of [`crate::args`]: each `None` is the
    /// default; `base`, `cap` and `deadline` seconds (`deadline` above 0), `max_attempts` a
    /// whole number, `jitter` `"full"`, `"equal"` or `"none"`; then [`new`](Self::new)'s checks.
    pub fn from_host(
        base: Option<Number>,
        cap: Option<Number>,
        max_attempts: Option<Number>,
        deadline: Option<Number>,
        jitter: Option<&str>,
    ) -> Result<RetryPolicy, InvalidRetryPolicy> {
        let invalid = |e: args::ArgumentError| InvalidRetryPolicy(e.0);
        let secs = |v: Option<Number>, what: &str, default: Duration, positive: bool| {
            v.map_or(Ok(default), |v| {
                args::seconds(v, what, positive).map_err(invalid)
            })
        };
        let max_attempts = match max_attempts {
            None => DEFAULT_MAX_ATTEMPTS,
            Some(v) => {
                args::count(v, "max_attempts", 1, u64::from(MAX_ATTEMPTS)).map_err(invalid)? as u32
            }
        };
        let jitter = match jitter {
            None => Jitter::Full,
            Some(name) => Jitter::from_name(name).ok_or_else(|| {
                InvalidRetryPolicy(format!(
                    "jitter must be \"full\", \"equal\" or \"none\", not {name:?}"
                ))
            })?,
        };
        RetryPolicy::new(
            secs(base, "base", DEFAULT_BASE, false)?,
            secs(cap, "cap", DEFAULT_CAP, false)?,
            max_attempts,
            secs(deadline, "deadline", DEFAULT_DEADLINE, true)?,
            jitter,
        )
    }

    /// The retry number `n` of [`delay`](Self::delay) and [`ceiling`](Self::ceiling) from a
    /// host number: a whole number from 0 to `u32::MAX`.
    pub fn retry_index(n: Number) -> Result<u32, InvalidRetryPolicy> {
        args::count(n, "n", 0, u64::from(u32::MAX))
            .map(|n| n as u32)
            .map_err(|e| InvalidRetryPolicy(e.0))
    }

    /// The base delay.
    pub fn base(&self) -> Duration {
        self.base
    }
    /// The cap on one delay.
    pub fn cap(&self) -> Duration {
        self.cap
    }
    /// Attempts in all, the first one included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }
    /// The total deadline of a logical call.
    pub fn deadline(&self) -> Duration {
        self.deadline
    }
    /// The jitter.
    pub fn jitter(&self) -> Jitter {
        self.jitter
    }

    /// The ceiling of the delay before retry `n` (0 for the first retry): `min(cap, base·2^n)`.
    pub fn ceiling(&self, n: u32) -> Duration {
        let factor = 1u32.checked_shl(n.min(31)).unwrap_or(u32::MAX);
        self.base.saturating_mul(factor).min(self.cap)
    }

    /// The delay before retry `n`, with `uniform` a number in `[0, 1)` (values outside are
    /// clamped).
    pub fn delay(&self, n: u32, uniform: f64) -> Duration {
        let ceiling = self.ceiling(n);
        let u = if uniform.is_nan() {
            0.0
        } else {
            uniform.clamp(0.0, 1.0)
        };
        match self.jitter {
            Jitter::Full => ceiling.mul_f64(u),
            Jitter::Equal => ceiling / 2 + (ceiling - ceiling / 2).mul_f64(u),
            Jitter::None => ceiling,
        }
    }
}

/// What one attempt came to, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// A response with this status and these headers (names case-insensitive).
    Response {
        /// The HTTP status.
        status: u16,
        /// The response headers.
        headers: &'a [(&'a str, &'a str)],
    },
    /// The connection could not be made, or was reset before a response.
    ConnectionFailed,
    /// The attempt timed out.
    TimedOut,
}

/// Whether an outcome is retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A success (2xx, 3xx): done.
    Success,
    /// A fault worth retrying; `floor` is the `Retry-After` delay, if the response had one.
    Retry {
        /// The `Retry-After` delay.
        floor: Option<Duration>,
        /// Whether it was a timeout (a timeout retry costs the budget more).
        timeout: bool,
    },
    /// A final answer that must not be retried (another 4xx, 501, 505, or the gateway said so).
    Final,
}

impl Verdict {
    /// The verdict's name as every surface reports it: `success`, `retry` or `final` (C:
    /// `revtain_retry_verdict`).
    pub fn name(&self) -> &'static str {
        match self {
            Verdict::Success => "success",
            Verdict::Retry { .. } => "retry",
            Verdict::Final => "final",
        }
    }

    /// The `Retry-After` delay a retry must wait at least, if the response had one.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Verdict::Retry { floor, .. } => *floor,
            _ => None,
        }
    }
}

fn header<'a>(headers: &[(&'a str, &'a str)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

/// Classifies an attempt's outcome, at `now` (for a `Retry-After` HTTP date).
pub fn classify(outcome: &Outcome<'_>, now: SystemTime) -> Verdict {
    match *outcome {
        Outcome::ConnectionFailed => Verdict::Retry {
            floor: None,
            timeout: false,
        },
        Outcome::TimedOut => Verdict::Retry {
            floor: None,
            timeout: true,
        },
        Outcome::Response { status, headers } => {
            let floor = header(headers, "Retry-After").and_then(|v| parse_retry_after(v, now));
            // The gateway's own hint wins over the status (Stripe documents it so).
            match header(headers, "Stripe-Should-Retry") {
                Some(v) if v.eq_ignore_ascii_case("false") => return Verdict::Final,
                Some(v) if v.eq_ignore_ascii_case("true") && status >= 400 => {
                    return Verdict::Retry {
                        floor,
                        timeout: false,
                    }
                }
                _ => {}
            }
            match status {
                100..=399 => Verdict::Success,
                408 | 429 => Verdict::Retry {
                    floor,
                    timeout: false,
                },
                501 | 505 => Verdict::Final,
                500..=599 => Verdict::Retry {
                    floor,
                    timeout: false,
                },
                _ => Verdict::Final,
            }
        }
    }
}

/// Parses a `Retry-After` value: delta seconds (`120`) or an HTTP date (`Fri, 31 Dec 1999
/// 23:59:59 GMT`, also the obsolete RFC 850 and asctime forms), relative to `now`. A date in the
/// past is zero; anything else is `None` (ignored).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Absurdly large values saturate (they land past any deadline).
        return Some(Duration::from_secs(
            value.parse::<u64>().unwrap_or(u64::MAX),
        ));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The per-host retry budget's settings.
pub const BUDGET_CAPACITY: u32 = 500;
/// What a retry costs.
pub const BUDGET_RETRY_COST: u32 = 5;
/// What a retry after a timeout costs.
pub const BUDGET_TIMEOUT_COST: u32 = 10;
/// What a success gives back.
pub const BUDGET_SUCCESS_REFUND: u32 = 1;

/// A token bucket per gateway host that stops retry storms: each retry withdraws tokens, each
/// success puts one back; with the bucket empty, failures are not retried until successes
/// refill it. Shared by every call to the same host (safe between threads).
#[derive(Default)]
pub struct RetryBudget {
    hosts: Mutex<HashMap<String, u32>>,
}

impl fmt::Debug for RetryBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryBudget").finish_non_exhaustive()
    }
}

impl RetryBudget {
    /// A budget with every host at [`BUDGET_CAPACITY`].
    pub fn new() -> Self {
        Self::default()
    }

    /// The tokens `host` has left.
    pub fn available(&self, host: &str) -> u32 {
        let hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts.get(host).copied().unwrap_or(BUDGET_CAPACITY)
    }

    /// Withdraws a retry's cost; `false` (and nothing withdrawn) when too few tokens are left.
    pub fn withdraw(&self, host: &str, timeout: bool) -> bool {
        let cost = if timeout {
            BUDGET_TIMEOUT_COST
        } else {
            BUDGET_RETRY_COST
        };
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        let tokens = hosts.entry(host.to_owned()).or_insert(BUDGET_CAPACITY);
        if *tokens < cost {
            return false;
        }
        *tokens -= cost;
        true
    }

    /// Refunds a success.
    pub fn refund(&self, host: &str) {
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tokens) = hosts.get_mut(host) {
            *tokens = (*tokens + BUDGET_SUCCESS_REFUND).min(BUDGET_CAPACITY);
            if *tokens == BUDGET_CAPACITY {
                hosts.remove(host);
            }
        }
    }

    /// Sets a host's tokens (tests, or restoring state).
    pub fn set(&self, host: &str, tokens: u32) {
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts.insert(host.to_owned(), tokens.min(BUDGET_CAPACITY));
    }
}

/// Why a logical call stopped without success.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GiveUp {
    /// The outcome is final: not retried (another 4xx, 501, 505, or `Stripe-Should-Retry: false`).
    NotRetryable,
    /// Every attempt the policy allows was made.
    AttemptsExhausted,
    /// The next delay would end past the deadline.
    DeadlineExceeded,
    /// The server's `Retry-After` asks for a wait that ends past the deadline.
    RetryAfterBeyondDeadline {
        /// The wait the server asked for.
        requested: Duration,
    },
    /// The host's retry budget is spent.
    BudgetExhausted,
}

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// The attempt succeeded.
    Done,
    /// Wait this long, then try again.
    RetryAfter(Duration),
    /// Stop: the last outcome is the call's outcome.
    GiveUp(GiveUp),
}

/// The retry state of one logical call.
#[derive(Debug)]
pub struct Retrier<'a> {
    policy: &'a RetryPolicy,
    budget: Option<(&'a RetryBudget, &'a str)>,
    attempts: u32,
}

impl<'a> Retrier<'a> {
    /// A call under `policy`, drawing on `budget` for `host` when given.
    pub fn new(policy: &'a RetryPolicy, budget: Option<(&'a RetryBudget, &'a str)>) -> Self {
        Retrier {
            policy,
            budget,
            attempts: 0,
        }
    }

    /// Attempts made so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether a retry could be paid for now (so an executor can fail fast, without sending,
    /// when the host's budget is already spent and the call is a retry).
    pub fn budget_left(&self) -> bool {
        self.budget
            .is_none_or(|(b, host)| b.available(host) >= BUDGET_RETRY_COST)
    }

    /// Records an attempt's outcome and says what comes next. `elapsed` is the time since the
    /// call began (after the attempt), `now` the wall clock (for HTTP dates), `uniform` a fresh
    /// random number in `[0, 1)`.
    pub fn next(
        &mut self,
        outcome: &Outcome<'_>,
        elapsed: Duration,
        now: SystemTime,
        uniform: f64,
    ) -> Next {
        self.attempts += 1;
        let (floor, timeout) = match classify(outcome, now) {
            Verdict::Success => {
                if let Some((b, host)) = self.budget {
                    b.refund(host);
                }
                return Next::Done;
            }
            Verdict::Final => return Next::GiveUp(GiveUp::NotRetryable),
            Verdict::Retry { floor, timeout } => (floor, timeout),
        };
        if self.attempts >= self.policy.max_attempts {
            return Next::GiveUp(GiveUp::AttemptsExhausted);
        }
        let remaining = self.policy.deadline.saturating_sub(elapsed);
        if let Some(requested) = floor {
            if requested > remaining {
                return Next::GiveUp(GiveUp::RetryAfterBeyondDeadline { requested });
            }
        }
        let delay = self
            .policy
            .delay(self.attempts - 1, uniform)
            .max(floor.unwrap_or(Duration::ZERO));
        if delay >= remaining {
            return Next::GiveUp(GiveUp::DeadlineExceeded);
        }
        if let Some((b, host)) = self.budget {
            if !b.withdraw(host, timeout) {
                return Next::GiveUp(GiveUp::BudgetExhausted);
            }
        }
        Next::RetryAfter(delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: SystemTime = SystemTime::UNIX_EPOCH;

    fn resp(status: u16, headers: &[(&'static str, &'static str)]) -> Verdict {
        classify(&Outcome::Response { status, headers }, NOW)
    }

    #[test]
    fn classification() {
        let retry = Verdict::Retry {
            floor: None,
            timeout: false,
        };
        for s in [408, 429, 500, 502, 503, 504, 507, 599] {
            assert_eq!(resp(s, &[]), retry, "{s}");
        }
        for s in [400, 401, 402, 403, 404, 409, 422, 501, 505] {
            assert_eq!(resp(s, &[]), Verdict::Final, "{s}");
        }
        for s in [200, 201, 204, 302] {
            assert_eq!(resp(s, &[]), Verdict::Success, "{s}");
        }
        assert_eq!(
            resp(500, &[("stripe-should-retry", "false")]),
            Verdict::Final
        );
        assert_eq!(resp(409, &[("Stripe-Should-Retry", "true")]), retry);
        assert_eq!(
            resp(429, &[("Retry-After", "7")]),
            Verdict::Retry {
                floor: Some(Duration::from_secs(7)),
                timeout: false
            }
        );
        assert_eq!(
            classify(&Outcome::TimedOut, NOW),
            Verdict::Retry {
                floor: None,
                timeout: true
            }
        );
    }

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        for date in [
            "Sun, 06 Nov 1994 08:50:37 GMT",
            "Sunday, 06-Nov-94 08:50:37 GMT",
            "Sun Nov  6 08:50:37 1994",
        ] {
            assert_eq!(
                parse_retry_after(date, now),
                Some(Duration::from_secs(60)),
                "{date}"
            );
        }
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        for bad in ["", "-1", "1.5", "soon", "12 s"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn schedule() {
        let p = RetryPolicy::default();
        assert_eq!(p.ceiling(0), Duration::from_millis(500));
        assert_eq!(p.ceiling(3), Duration::from_secs(4));
        assert_eq!(p.ceiling(10), Duration::from_secs(20));
        assert_eq!(p.ceiling(1000), Duration::from_secs(20));
        assert_eq!(p.delay(1, 0.5), Duration::from_millis(500));
        let equal = RetryPolicy::new(
            DEFAULT_BASE,
            DEFAULT_CAP,
            4,
            DEFAULT_DEADLINE,
            Jitter::Equal,
        )
        .unwrap();
        assert_eq!(equal.delay(0, 0.0), Duration::from_millis(250));
        let none =
            RetryPolicy::new(DEFAULT_BASE, DEFAULT_CAP, 4, DEFAULT_DEADLINE, Jitter::None).unwrap();
        assert_eq!(none.delay(2, 0.3), Duration::from_secs(2));
    }

    #[test]
    fn retrier() {
        let p = RetryPolicy::default();
        let s503 = Outcome::Response {
            status: 503,
            headers: &[],
        };
        let mut r = Retrier::new(&p, None);
        let d = |n| match n {
            Next::RetryAfter(d) => d,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            d(r.next(&s503, Duration::ZERO, NOW, 1.0)),
            Duration::from_millis(500)
        );
        assert_eq!(
            d(r.next(&s503, Duration::ZERO, NOW, 1.0)),
            Duration::from_secs(1)
        );
        assert_eq!(
            d(r.next(&s503, Duration::ZERO, NOW, 1.0)),
            Duration::from_secs(2)
        );
        assert_eq!(
            r.next(&s503, Duration::ZERO, NOW, 1.0),
            Next::GiveUp(GiveUp::AttemptsExhausted)
        );
        // Retry-After past the deadline stops at once, with the time asked for.
        let far = Outcome::Response {
            status: 429,
            headers: &[("Retry-After", "31")],
        };
        assert_eq!(
            Retrier::new(&p, None).next(&far, Duration::ZERO, NOW, 0.0),
            Next::GiveUp(GiveUp::RetryAfterBeyondDeadline {
                requested: Duration::from_secs(31)
            })
        );
        // Retry-After is a floor.
        let soon = Outcome::Response {
            status: 429,
            headers: &[("Retry-After", "3")],
        };
        assert_eq!(
            Retrier::new(&p, None).next(&soon, Duration::ZERO, NOW, 0.0),
            Next::RetryAfter(Duration::from_secs(3))
        );
        // A budget that is spent stops retries; successes refill it.
        let budget = RetryBudget::new();
        budget.set("api.stripe.com", 9);
        let mut r = Retrier::new(&p, Some((&budget, "api.stripe.com")));
        assert!(matches!(
            r.next(&s503, Duration::ZERO, NOW, 0.0),
            Next::RetryAfter(_)
        ));
        assert_eq!(budget.available("api.stripe.com"), 4);
        assert_eq!(
            r.next(&s503, Duration::ZERO, NOW, 0.0),
            Next::GiveUp(GiveUp::BudgetExhausted)
        );
        let ok = Outcome::Response {
            status: 200,
            headers: &[],
        };
        assert_eq!(
            Retrier::new(&p, Some((&budget, "api.stripe.com"))).next(&ok, Duration::ZERO, NOW, 0.0),
            Next::Done
        );
        assert_eq!(budget.available("api.stripe.com"), 5);
    }
}
