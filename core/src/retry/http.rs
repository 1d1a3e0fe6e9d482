//! The blocking gateway client (feature `http`): `ureq` with rustls, retrying by the
//! [`RetryPolicy`](super::RetryPolicy) with one idempotency key per logical call.
//!
//! - TLS is rustls (TLS 1.2 and 1.3 only, by construction; certificates checked against the
//!   Mozilla roots of `webpki-roots`). Plain `http://` is refused except to a loopback address
//!   (tests, a local proxy) unless [`GatewayClientBuilder::allow_insecure_http`] says otherwise.
//! - Each attempt has its own timeout (default 10 s) and never runs past the call's deadline.
//! - A POST carries an `Idempotency-Key` (a UUIDv4 generated once per logical call and sent on
//!   every attempt) unless the caller supplies one, as an argument or a header of the request;
//!   any method can be given one. Exactly one key is ever sent; a client-wide
//!   `Idempotency-Key` header is refused (it would make every call a replay of the first).
//! - The result, and every error, lists each attempt: its status or error, the delay waited
//!   before it, and how long it took.
//! - Redirects are not followed (a gateway API does not redirect; following one would resend a
//!   charge to another place).

use core::fmt;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use super::{GiveUp, Next, Outcome, Retrier, RetryBudget, RetryPolicy};

/// The default timeout of one attempt.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// The idempotency header.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";
/// The largest response body read, in bytes.
pub const MAX_BODY: u64 = 16 * 1024 * 1024;

/// One attempt of a logical call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// The response status, when a response came.
    pub status: Option<u16>,
    /// What went wrong when no response came (connection refused, reset, timed out, …).
    pub error: Option<String>,
    /// The delay waited before this attempt (zero for the first).
    pub delay: Duration,
    /// How long the attempt took.
    pub duration: Duration,
}

/// A gateway's response, with the history of the call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GatewayResponse {
    /// The status of the last attempt.
    pub status: u16,
    /// Its headers, names in lower case, in order.
    pub headers: Vec<(String, String)>,
    /// Its body.
    pub body: Vec<u8>,
    /// Every attempt, the last one included.
    pub attempts: Vec<Attempt>,
    /// The idempotency key sent with every attempt, if any.
    pub idempotency_key: Option<String>,
}

impl GatewayResponse {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a call failed; every variant that follows attempts carries them.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GatewayError {
    /// The client or the request cannot be used (URL, scheme, method, header); says why.
    #[error("invalid gateway request: {0}")]
    InvalidRequest(String),
    /// Every attempt failed with a retryable outcome (5xx, 429, 408, connection failure,
    /// timeout) and the policy allows no more.
    #[error("the gateway call failed after {} attempts: {}", attempts.len(), describe(attempts))]
    RetriesExhausted {
        /// Every attempt.
        attempts: Vec<Attempt>,
        /// The last response, when the last attempt had one.
        last: Option<Box<GatewayResponse>>,
    },
    /// The next retry would end past the call's deadline.
    #[error("the gateway call hit its deadline after {} attempts: {}", attempts.len(), describe(attempts))]
    DeadlineExceeded {
        /// Every attempt.
        attempts: Vec<Attempt>,
        /// The last response, when the last attempt had one.
        last: Option<Box<GatewayResponse>>,
    },
    /// The gateway asked to wait (`Retry-After`) past the call's deadline; stopped at once.
    #[error("the gateway asked to retry after {} s, past the call's deadline", requested.as_secs_f64())]
    RetryAfterBeyondDeadline {
        /// The wait the gateway asked for.
        requested: Duration,
        /// Every attempt.
        attempts: Vec<Attempt>,
        /// The response that asked.
        last: Option<Box<GatewayResponse>>,
    },
    /// The host's retry budget is spent (the gateway looks down): no retry was sent.
    #[error("the retry budget of this gateway host is spent, so no retry was sent (the gateway is failing for many calls): {}", describe(attempts))]
    BudgetExhausted {
        /// Every attempt.
        attempts: Vec<Attempt>,
        /// The last response, when the last attempt had one.
        last: Option<Box<GatewayResponse>>,
    },
}

fn describe(attempts: &[Attempt]) -> String {
    attempts
        .iter()
        .map(|a| match (a.status, &a.error) {
            (Some(s), _) => s.to_string(),
            (None, Some(e)) => e.clone(),
            (None, None) => "?".into(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl GatewayError {
    /// The error kind shared with the C, Python and Node surfaces.
    pub fn kind(&self) -> crate::ErrorKind {
        use crate::ErrorKind as K;
        match self {
            GatewayError::InvalidRequest(_) => K::GatewayInvalidRequest,
            GatewayError::RetriesExhausted { .. } => K::GatewayRetriesExhausted,
            GatewayError::DeadlineExceeded { .. } => K::GatewayDeadlineExceeded,
            GatewayError::RetryAfterBeyondDeadline { .. } => K::GatewayRetryAfterBeyondDeadline,
            GatewayError::BudgetExhausted { .. } => K::GatewayBudgetExhausted,
        }
    }

    /// The last response, when the last attempt had one.
    pub fn last_response(&self) -> Option<&GatewayResponse> {
        match self {
            GatewayError::InvalidRequest(_) => None,
            GatewayError::RetriesExhausted { last, .. }
            | GatewayError::DeadlineExceeded { last, .. }
            | GatewayError::RetryAfterBeyondDeadline { last, .. }
            | GatewayError::BudgetExhausted { last, .. } => last.as_deref(),
        }
    }

    /// The attempts made, empty for [`InvalidRequest`](Self::InvalidRequest).
    pub fn attempts(&self) -> &[Attempt] {
        match self {
            GatewayError::InvalidRequest(_) => &[],
            GatewayError::RetriesExhausted { attempts, .. }
            | GatewayError::DeadlineExceeded { attempts, .. }
            | GatewayError::RetryAfterBeyondDeadline { attempts, .. }
            | GatewayError::BudgetExhausted { attempts, .. } => attempts,
        }
    }
}

impl From<&GatewayError> for crate::ErrorDetail {
    fn from(e: &GatewayError) -> crate::ErrorDetail {
        crate::ErrorDetail {
            requested: match e {
                GatewayError::RetryAfterBeyondDeadline { requested, .. } => {
                    Some(requested.as_secs_f64())
                }
                _ => None,
            },
            ..crate::ErrorDetail::new(e.kind(), e.to_string())
        }
    }
}

/// Builds a [`GatewayClient`].
#[must_use]
pub struct GatewayClientBuilder {
    base_url: String,
    policy: RetryPolicy,
    timeout: Duration,
    headers: Vec<(String, String)>,
    allow_insecure_http: bool,
    budget: Option<Arc<RetryBudget>>,
    random: Option<Box<dyn FnMut() -> f64 + Send>>,
}

impl GatewayClientBuilder {
    /// The retry policy (default [`RetryPolicy::default`]).
    pub fn policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }
    /// The timeout of one attempt (default 10 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
    /// A header sent with every request (an `Authorization`, say; never logged by this crate).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
    /// Allows plain `http://` to hosts other than loopback. Never do this for a payment
    /// gateway.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }
    /// The retry budget (default: one budget for the whole process, so that every client of
    /// the same host draws on the same bucket).
    pub fn budget(mut self, budget: Arc<RetryBudget>) -> Self {
        self.budget = Some(budget);
        self
    }
    /// The source of uniform random numbers in `[0, 1)` for the jitter (default: the OS RNG).
    pub fn random(mut self, random: Box<dyn FnMut() -> f64 + Send>) -> Self {
        self.random = Some(random);
        self
    }

    /// Checks the URL and builds the client.
    pub fn build(self) -> Result<GatewayClient, GatewayError> {
        let bad = |m: String| GatewayError::InvalidRequest(m);
        let uri: ureq::http::Uri = self
            .base_url
            .parse()
            .map_err(|e| bad(format!("base URL {:?} does not parse: {e}", self.base_url)))?;
        let host = uri
            .host()
            .ok_or_else(|| bad(format!("base URL {:?} has no host", self.base_url)))?
            .to_owned();
        match uri.scheme_str() {
            Some("https") => {}
            Some("http") if self.allow_insecure_http || is_loopback(&host) => {}
            Some("http") => {
                return Err(bad(format!(
                    "plain http to {host} is refused: use https (plain http is allowed to \
                     loopback only, unless insecure http is explicitly allowed)"
                )))
            }
            other => return Err(bad(format!("unsupported scheme {other:?}: use https"))),
        }
        if uri.query().is_some() || self.base_url.contains('#') {
            return Err(bad(
                "the base URL may not carry a query or a fragment".into()
            ));
        }
        if self.timeout.is_zero() {
            return Err(bad("the timeout must be more than zero".into()));
        }
        for (n, v) in &self.headers {
            check_header(n, v)?;
            if n.eq_ignore_ascii_case(IDEMPOTENCY_HEADER) {
                // One key on every request of the client would make each later call a replay
                // of the first one at the gateway (or, beside a generated key, two keys).
                return Err(bad(format!(
                    "{IDEMPOTENCY_HEADER} cannot be a client-wide header: an idempotency key \
                     belongs to one logical call, so pass it with that request"
                )));
            }
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .https_only(false)
            .user_agent(concat!("revtain/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let authority = uri
            .authority()
            .map(|a| a.as_str().to_owned())
            .unwrap_or(host);
        Ok(GatewayClient {
            agent,
            base: self.base_url.trim_end_matches('/').to_owned(),
            host: authority,
            policy: self.policy,
            timeout: self.timeout,
            headers: self.headers,
            budget: self.budget.unwrap_or_else(process_budget),
            random: Mutex::new(self.random.unwrap_or_else(|| Box::new(os_uniform))),
        })
    }
}

/// The timeout of one attempt from a host number, by the one rule of [`crate::args`]: `None` is
/// [`DEFAULT_TIMEOUT`]; otherwise seconds above 0.
pub fn timeout_from(value: Option<crate::args::Number>) -> Result<Duration, GatewayError> {
    match value {
        None => Ok(DEFAULT_TIMEOUT),
        Some(v) => {
            crate::args::seconds(v, "timeout", true).map_err(|e| GatewayError::InvalidRequest(e.0))
        }
    }
}

/// The names of what an attempt came to, as the bindings pass them (C has `revtain_transport`):
/// a response, a connection that failed (or was reset before a response), a timeout.
pub const TRANSPORTS: [&str; 3] = ["response", "connection_failed", "timed_out"];

/// An attempt's outcome from host values, for the bindings' `classify`: `transport` one of
/// [`TRANSPORTS`] (`None`: a response), `status` the HTTP status of a response (100 to 599),
/// `headers` its headers. A bad name or status is [`GatewayError::InvalidRequest`].
pub fn outcome_from_host<'a>(
    transport: Option<&str>,
    status: Option<crate::args::Number>,
    headers: &'a [(&'a str, &'a str)],
) -> Result<Outcome<'a>, GatewayError> {
    let invalid = |m: String| GatewayError::InvalidRequest(m);
    match transport.unwrap_or("response") {
        "response" => {
            let status = status.ok_or_else(|| invalid("a response needs its status".into()))?;
            let status =
                crate::args::count(status, "status", 100, 599).map_err(|e| invalid(e.0))?;
            Ok(Outcome::Response {
                status: status as u16,
                headers,
            })
        }
        "connection_failed" => Ok(Outcome::ConnectionFailed),
        "timed_out" => Ok(Outcome::TimedOut),
        _ => Err(invalid(format!(
            "transport must be one of {}",
            TRANSPORTS.join(", ")
        ))),
    }
}

/// `now` from a host number for classifying (`None`: the system clock), by the one rule of
/// [`crate::args`].
pub fn classify_now_from(now: Option<crate::args::Number>) -> Result<SystemTime, GatewayError> {
    match crate::args::unix_time(now, "now") {
        Ok(Some(t)) => Ok(SystemTime::UNIX_EPOCH + t),
        Ok(None) => Ok(SystemTime::now()),
        Err(e) => Err(GatewayError::InvalidRequest(e.0)),
    }
}

/// The budget shared by every client that was not given one: per host, process-wide.
fn process_budget() -> Arc<RetryBudget> {
    static BUDGET: std::sync::OnceLock<Arc<RetryBudget>> = std::sync::OnceLock::new();
    BUDGET.get_or_init(|| Arc::new(RetryBudget::new())).clone()
}

fn is_loopback(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost") || h.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn check_header(name: &str, value: &str) -> Result<(), GatewayError> {
    ureq::http::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| GatewayError::InvalidRequest(format!("invalid header name {name:?}")))?;
    ureq::http::HeaderValue::from_str(value).map_err(|_| {
        GatewayError::InvalidRequest(format!("the value of header {name:?} is not valid"))
    })?;
    Ok(())
}

/// A uniform number in `[0, 1)` from the OS RNG (53 random bits).
fn os_uniform() -> f64 {
    let mut b = [0u8; 8];
    if crate::rng::fill(&mut b).is_err() {
        // No randomness: the ceiling's half (still a valid delay).
        return 0.5;
    }
    (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
}

/// A UUIDv4 from the OS RNG.
pub fn new_idempotency_key() -> Result<String, crate::RandomUnavailable> {
    let mut b = [0u8; 16];
    crate::rng::fill(&mut b)?;
    Ok(uuid::Builder::from_random_bytes(b).into_uuid().to_string())
}

/// A blocking client for one gateway's API, retrying by its policy.
pub struct GatewayClient {
    agent: ureq::Agent,
    base: String,
    host: String,
    policy: RetryPolicy,
    timeout: Duration,
    headers: Vec<(String, String)>,
    budget: Arc<RetryBudget>,
    random: Mutex<Box<dyn FnMut() -> f64 + Send>>,
}

impl fmt::Debug for GatewayClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values (API keys) are never shown.
        f.debug_struct("GatewayClient")
            .field("base_url", &self.base)
            .field("policy", &self.policy)
            .field("timeout", &self.timeout)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl GatewayClient {
    /// A client for the API at `base_url` (`https://api.stripe.com`, say).
    pub fn builder(base_url: impl Into<String>) -> GatewayClientBuilder {
        GatewayClientBuilder {
            base_url: base_url.into(),
            policy: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            headers: Vec::new(),
            allow_insecure_http: false,
            budget: None,
            random: None,
        }
    }

    /// The retry budget this client draws on.
    pub fn budget(&self) -> &Arc<RetryBudget> {
        &self.budget
    }

    /// The host (authority) the budget is kept for.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The timeout of one attempt.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Sets the retry tokens of this client's host from a host number (tests, or restoring
    /// state): a whole number from 0; above the capacity is the capacity.
    pub fn set_budget_from(&self, tokens: crate::args::Number) -> Result<(), GatewayError> {
        let tokens = crate::args::count(tokens, "tokens", 0, u64::from(u32::MAX))
            .map_err(|e| GatewayError::InvalidRequest(e.0))?;
        self.budget.set(&self.host, tokens as u32);
        Ok(())
    }

    /// Sends `method path` with `body` and `headers` (after the client's own), retrying by the
    /// policy. A POST gets an `Idempotency-Key` unless the caller gives one, as
    /// `idempotency_key` or as an `Idempotency-Key` entry of `headers` (any spelling); the
    /// same key, and only that one, goes with every attempt and is the one reported. A key
    /// given twice with different values is refused.
    ///
    /// `Ok` is a response the policy does not retry: a success, or a final answer such as a 402
    /// (a declined card is the gateway's answer, not a fault). `Err` is a call that ran out of
    /// attempts, time or budget on retryable outcomes; it carries the attempts and the last
    /// response, if any.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<&[u8]>,
        headers: &[(&str, &str)],
        idempotency_key: Option<&str>,
    ) -> Result<GatewayResponse, GatewayError> {
        let bad = |m: String| GatewayError::InvalidRequest(m);
        let method = ureq::http::Method::from_bytes(method.to_ascii_uppercase().as_bytes())
            .map_err(|_| bad(format!("invalid method {method:?}")))?;
        if !path.starts_with('/') || path.starts_with("//") || path.contains(['\r', '\n', ' ', '#'])
        {
            return Err(bad(format!(
                "the path must start with a single / and hold no spaces, fragments or line \
                 breaks: {path:?}"
            )));
        }
        // The caller's own key may come as the argument or as a header in any spelling;
        // either way it is the only `Idempotency-Key` on the wire, and the one reported.
        let mut header_key: Option<&str> = None;
        for (n, v) in headers {
            check_header(n, v)?;
            if n.eq_ignore_ascii_case(IDEMPOTENCY_HEADER) {
                if header_key.is_some() {
                    return Err(bad(format!(
                        "the {IDEMPOTENCY_HEADER} header is given more than once: a call has \
                         exactly one idempotency key"
                    )));
                }
                header_key = Some(v);
            }
        }
        let given = match (idempotency_key, header_key) {
            (Some(a), Some(h)) if a != h => {
                return Err(bad(format!(
                    "the idempotency key is given both as an argument and as an \
                     {IDEMPOTENCY_HEADER} header, with different values: give it once"
                )))
            }
            (Some(k), _) | (None, Some(k)) => Some(k),
            (None, None) => None,
        };
        let key = match given {
            Some(k) => {
                check_header(IDEMPOTENCY_HEADER, k)?;
                if k.is_empty() || k.len() > 255 {
                    return Err(bad("an idempotency key must be 1 to 255 characters".into()));
                }
                Some(k.to_owned())
            }
            None if method == ureq::http::Method::POST => Some(
                new_idempotency_key()
                    .map_err(|e| bad(format!("no idempotency key could be made: {e}")))?,
            ),
            None => None,
        };
        let url = format!("{}{path}", self.base);
        let start = Instant::now();
        let mut retrier = Retrier::new(&self.policy, Some((&self.budget, &self.host)));
        let mut attempts: Vec<Attempt> = Vec::new();
        let mut delay = Duration::ZERO;
        loop {
            let remaining = self.policy.deadline().saturating_sub(start.elapsed());
            let mut req = ureq::http::Request::builder()
                .method(method.clone())
                .uri(&url);
            for (n, v) in &self.headers {
                req = req.header(n.as_str(), v.as_str());
            }
            for (n, v) in headers {
                if !n.eq_ignore_ascii_case(IDEMPOTENCY_HEADER) {
                    req = req.header(*n, *v);
                }
            }
            if let Some(k) = &key {
                req = req.header(IDEMPOTENCY_HEADER, k.as_str());
            }
            let req = req
                // Borrowed, not copied per attempt.
                .body(body.unwrap_or_default())
                .map_err(|e| bad(format!("the request cannot be built: {e}")))?;
            let req = self
                .agent
                .configure_request(req)
                .timeout_global(Some(self.timeout.min(remaining)))
                .build();
            let sent = Instant::now();
            let result = self.agent.run(req).and_then(|mut resp| {
                let status = resp.status().as_u16();
                let headers: Vec<(String, String)> = resp
                    .headers()
                    .iter()
                    .map(|(n, v)| {
                        (
                            n.as_str().to_owned(),
                            String::from_utf8_lossy(v.as_bytes()).into_owned(),
                        )
                    })
                    .collect();
                let body = resp
                    .body_mut()
                    .with_config()
                    .limit(MAX_BODY)
                    .read_to_vec()?;
                Ok((status, headers, body))
            });
            let duration = sent.elapsed();
            let (outcome_owned, attempt) = match result {
                Ok((status, headers, body)) => (
                    Ok((status, headers, body)),
                    Attempt {
                        status: Some(status),
                        error: None,
                        delay,
                        duration,
                    },
                ),
                Err(e) => {
                    let timed_out = matches!(e, ureq::Error::Timeout(_));
                    let text = transport_error(&e);
                    (
                        Err(timed_out),
                        Attempt {
                            status: None,
                            error: Some(text),
                            delay,
                            duration,
                        },
                    )
                }
            };
            attempts.push(attempt);
            let pairs: Vec<(&str, &str)>;
            let outcome = match &outcome_owned {
                Ok((status, headers, _)) => {
                    pairs = headers
                        .iter()
                        .map(|(n, v)| (n.as_str(), v.as_str()))
                        .collect();
                    Outcome::Response {
                        status: *status,
                        headers: &pairs,
                    }
                }
                Err(true) => Outcome::TimedOut,
                Err(false) => Outcome::ConnectionFailed,
            };
            let uniform = self.random.lock().map(|mut r| r()).unwrap_or(0.5);
            let next = retrier.next(&outcome, start.elapsed(), SystemTime::now(), uniform);
            let reason = match next {
                Next::RetryAfter(d) => {
                    std::thread::sleep(d);
                    delay = d;
                    continue;
                }
                Next::Done | Next::GiveUp(GiveUp::NotRetryable) => None,
                Next::GiveUp(reason) => Some(reason),
            };
            // The call ends here: the last response moves into the result, not copied.
            let response = outcome_owned
                .ok()
                .map(|(status, headers, body)| GatewayResponse {
                    status,
                    headers,
                    body,
                    attempts: Vec::new(),
                    idempotency_key: key,
                });
            return match (reason, response) {
                (None, Some(mut resp)) => {
                    resp.attempts = attempts;
                    Ok(resp)
                }
                // Not reachable: only a response is final. Report it as exhausted.
                (None, None) => Err(GatewayError::RetriesExhausted {
                    attempts,
                    last: None,
                }),
                (Some(reason), response) => {
                    let last = response.map(|mut r| {
                        r.attempts = attempts.clone();
                        Box::new(r)
                    });
                    Err(match reason {
                        GiveUp::RetryAfterBeyondDeadline { requested } => {
                            GatewayError::RetryAfterBeyondDeadline {
                                requested,
                                attempts,
                                last,
                            }
                        }
                        GiveUp::DeadlineExceeded => {
                            GatewayError::DeadlineExceeded { attempts, last }
                        }
                        GiveUp::BudgetExhausted => GatewayError::BudgetExhausted { attempts, last },
                        GiveUp::AttemptsExhausted | GiveUp::NotRetryable => {
                            GatewayError::RetriesExhausted { attempts, last }
                        }
                    })
                }
            };
        }
    }
}

/// A transport error in a sentence (never a header value).
fn transport_error(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(ureq::Timeout::Global) => {
            "timed out: no complete response within the attempt's timeout".into()
        }
        ureq::Error::Timeout(ureq::Timeout::Connect) => "timed out while connecting".into(),
        ureq::Error::Timeout(t) => format!("timed out ({t:?})"),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
            std::io::ErrorKind::ConnectionReset => "connection reset".into(),
            std::io::ErrorKind::ConnectionAborted => "connection aborted".into(),
            std::io::ErrorKind::UnexpectedEof => "connection closed before a response".into(),
            _ => format!("i/o error: {io}"),
        },
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::ConnectionFailed => "connection failed".into(),
        other => other.to_string(),
    }
}
