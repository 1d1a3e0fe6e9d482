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
//! - Proxies are never taken from the environment (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`):
//!   only [`GatewayClientBuilder::proxy`] routes requests through one.
//! - An answer that reached the client is never sent again: a response over a limit (headers
//!   over [`MAX_HEADERS`], a body over [`MAX_BODY`]), malformed or cut short, and a TLS failure
//!   (a certificate that does not verify), are final ([`GatewayError::ResponseRejected`],
//!   [`GatewayError::TlsFailed`]).
//! - A base URL never carries credentials (`user:password@`), and the caller never sets the
//!   framing headers (`Content-Length`, `Transfer-Encoding`, `Host`, `Connection`, `Upgrade`).

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
/// The largest response head (status line and headers) read, in bytes.
pub const MAX_HEADERS: usize = 64 * 1024;
/// The request headers a caller may not set, in any case: the client frames every request
/// itself (a wrong `Content-Length` drops or cuts the body, a `Host` sends it to another
/// virtual host).
pub const FRAMING_HEADERS: [&str; 5] = [
    "Content-Length",
    "Transfer-Encoding",
    "Host",
    "Connection",
    "Upgrade",
];
/// The methods a gateway call may use.
pub const METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/// One attempt of a logical call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// The response status, when a response came.
    pub status: Option<u16>,
    /// What went wrong: why no response came (connection refused, reset, timed out, a TLS
    /// failure, …), or why the response that came was rejected (then `status` is set too when
    /// the status line arrived: a body over the limit, cut short, …).
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
    /// The gateway answered, but the answer broke a limit of the client or could not be read
    /// (headers over [`MAX_HEADERS`], a body over [`MAX_BODY`], a malformed status line or
    /// headers, a body cut short or too slow): the request reached the gateway, so it was not
    /// sent again. `last` holds the status and headers (never the body) when they arrived.
    #[error("{}", rejected(reason, last.as_deref()))]
    ResponseRejected {
        /// Which limit was hit, or what was wrong with the answer.
        reason: String,
        /// Every attempt.
        attempts: Vec<Attempt>,
        /// The status and headers of the rejected answer, when they arrived (its body is empty).
        last: Option<Box<GatewayResponse>>,
    },
    /// The TLS connection failed (a certificate that does not verify, no common version): a
    /// handshake fails before the request is sent, and nothing is sent again against a failing
    /// certificate.
    #[error("the TLS connection to the gateway failed ({reason}): nothing goes over a connection that fails TLS, and the call is not retried")]
    TlsFailed {
        /// What TLS said.
        reason: String,
        /// Every attempt.
        attempts: Vec<Attempt>,
    },
}

fn rejected(reason: &str, last: Option<&GatewayResponse>) -> String {
    let answered = match last {
        Some(r) => format!(
            "the gateway answered {}, but its response was rejected",
            r.status
        ),
        None => "the gateway's response was rejected".into(),
    };
    format!(
        "{answered}: {reason}; the request reached the gateway, so it was not sent again \
         (check its outcome, by its idempotency key, before retrying)"
    )
}

fn describe(attempts: &[Attempt]) -> String {
    attempts
        .iter()
        .map(|a| match (a.status, &a.error) {
            (Some(s), Some(e)) => format!("{s} ({e})"),
            (Some(s), None) => s.to_string(),
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
            GatewayError::ResponseRejected { .. } => K::GatewayResponseRejected,
            GatewayError::TlsFailed { .. } => K::GatewayTlsFailed,
        }
    }

    /// The last response, when the last attempt had one.
    pub fn last_response(&self) -> Option<&GatewayResponse> {
        match self {
            GatewayError::InvalidRequest(_) | GatewayError::TlsFailed { .. } => None,
            GatewayError::RetriesExhausted { last, .. }
            | GatewayError::DeadlineExceeded { last, .. }
            | GatewayError::RetryAfterBeyondDeadline { last, .. }
            | GatewayError::BudgetExhausted { last, .. }
            | GatewayError::ResponseRejected { last, .. } => last.as_deref(),
        }
    }

    /// The attempts made, empty for [`InvalidRequest`](Self::InvalidRequest).
    pub fn attempts(&self) -> &[Attempt] {
        match self {
            GatewayError::InvalidRequest(_) => &[],
            GatewayError::RetriesExhausted { attempts, .. }
            | GatewayError::DeadlineExceeded { attempts, .. }
            | GatewayError::RetryAfterBeyondDeadline { attempts, .. }
            | GatewayError::BudgetExhausted { attempts, .. }
            | GatewayError::ResponseRejected { attempts, .. }
            | GatewayError::TlsFailed { attempts, .. } => attempts,
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
    proxy: Option<String>,
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
    /// Sends every request through this HTTP CONNECT proxy: `http://host:port` or
    /// `https://host:port`, with `user:password@` for a proxy that asks for credentials (never
    /// shown: [`GatewayClient::proxy`] and `Debug` give the scheme, host and port only). The
    /// default is no proxy at all: `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY` and their lower-case
    /// forms are ignored, so that a request (and its API key) never leaves for a proxy nobody
    /// chose. With a plain `http://` base URL a proxy needs
    /// [`allow_insecure_http`](Self::allow_insecure_http): the proxy would read the request,
    /// credentials included, and a loopback address would be the proxy's own.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
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
        // No message below shows the URL: its userinfo, or a secret passed in its place by a
        // swapped argument, would be printed with it.
        let uri: ureq::http::Uri = self.base_url.parse().map_err(|e| {
            bad(if holds_userinfo(&self.base_url) {
                format!(
                    "the base URL does not parse ({e}) and seems to hold credentials before an \
                     @: a gateway base URL never carries credentials; put them in an \
                     Authorization header"
                )
            } else {
                format!("the base URL does not parse as an absolute https URL ({e})")
            })
        })?;
        // Any `@` at all: `https://key:pa/ss@host` parses as the host `key` with the rest of the
        // secret in the path, and would be shown (and sent) as such.
        if self.base_url.contains('@') || uri.authority().is_some_and(|a| a.as_str().contains('@'))
        {
            // ureq would send `user:password@` as Basic auth, and every surface that shows the
            // URL would show it.
            return Err(bad(
                "the base URL may not carry credentials (user:password@host): a gateway base \
                 URL never needs them; put them in an Authorization header"
                    .into(),
            ));
        }
        let host = uri
            .host()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad("the base URL has no host".into()))?
            .to_owned();
        let plain = match uri.scheme_str() {
            Some("https") => false,
            Some("http") if self.allow_insecure_http || is_loopback(&host) => true,
            Some("http") => {
                return Err(bad(
                    "plain http to a host other than loopback is refused: use https (plain \
                     http is allowed to loopback only, unless insecure http is explicitly \
                     allowed)"
                        .into(),
                ))
            }
            _ => return Err(bad("the base URL must be https (unsupported scheme)".into())),
        };
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
        let proxy = match &self.proxy {
            None => None,
            Some(url) => {
                if plain && !self.allow_insecure_http {
                    return Err(bad(
                        "a proxy with a plain http base URL needs insecure http explicitly \
                         allowed: the proxy would read every request, credentials included, \
                         and a loopback address would be the proxy's own"
                            .into(),
                    ));
                }
                Some(parse_proxy(url)?)
            }
        };
        let shown_proxy = proxy.as_ref().map(|p: &ureq::Proxy| {
            let scheme = if p.protocol() == ureq::ProxyProtocol::Https {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{}:{}", p.host(), p.port())
        });
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .https_only(false)
            // Explicit, always: the default would read HTTP_PROXY, HTTPS_PROXY and ALL_PROXY.
            .proxy(proxy)
            .max_response_header_size(MAX_HEADERS)
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
            https: !plain,
            proxy: shown_proxy,
            policy: self.policy,
            timeout: self.timeout,
            headers: self.headers,
            budget: self.budget.unwrap_or_else(process_budget),
            random: Mutex::new(self.random.unwrap_or_else(|| Box::new(os_uniform))),
        })
    }
}

/// Whether the authority part of a URL (between `scheme://` and the path) holds an `@`.
fn holds_userinfo(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .is_some_and(|authority| authority.contains('@'))
}

/// A proxy URL, checked (never shown in a message: it may carry the proxy's credentials).
fn parse_proxy(url: &str) -> Result<ureq::Proxy, GatewayError> {
    let bad = || {
        GatewayError::InvalidRequest(
            "the proxy URL is not valid: expected http://host:port or https://host:port (an \
             HTTP CONNECT proxy, user:password@ allowed; the URL is not shown, since it may \
             hold credentials)"
                .into(),
        )
    };
    let uri: ureq::http::Uri = url.parse().map_err(|_| bad())?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    let host_ok = uri.host().is_some_and(|h| !h.is_empty());
    let path_ok = matches!(uri.path(), "" | "/") && uri.query().is_none() && !url.contains('#');
    if !(scheme_ok && host_ok && path_ok) {
        return Err(bad());
    }
    ureq::Proxy::new(url).map_err(|_| bad())
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

/// Header names whose appearance as a *value* means the caller swapped name and value.
const SWAP_TELLTALES: [&str; 8] = [
    "Authorization",
    "Proxy-Authorization",
    "X-API-Key",
    "Api-Key",
    "X-Api-Token",
    "Cookie",
    "Stripe-Account",
    "Idempotency-Key",
];

fn check_header(name: &str, value: &str) -> Result<(), GatewayError> {
    let bad = |m: String| GatewayError::InvalidRequest(m);
    // A name that is not a token is not shown: a swapped argument would put a secret there.
    ureq::http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        bad(
            "a header name is not a valid HTTP token (letters, digits and \
             !#$%&'*+-.^_`|~; the name is not shown, in case it is a secret)"
                .into(),
        )
    })?;
    // Name and value swapped (`header(token, "Authorization")`): the token is a valid name and
    // would be shown as one. A value that is a credential header's name says so.
    if SWAP_TELLTALES
        .iter()
        .any(|h| h.eq_ignore_ascii_case(value.trim()))
    {
        return Err(bad(
            "a header's value is the name of a credential header (Authorization, X-API-Key, …): \
             the name and the value look swapped (neither is shown)"
                .into(),
        ));
    }
    if let Some(framing) = FRAMING_HEADERS
        .iter()
        .find(|f| f.eq_ignore_ascii_case(name))
    {
        return Err(bad(format!(
            "the {framing} header cannot be set by the caller: the client frames every request \
             itself ({})",
            FRAMING_HEADERS.join(", ")
        )));
    }
    ureq::http::HeaderValue::from_str(value).map_err(|_| {
        bad(format!(
            "the value of header {name:?} is not valid (visible ASCII, spaces and tabs only, no \
             line breaks)"
        ))
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
    https: bool,
    /// `scheme://host:port` of the proxy, never its credentials.
    proxy: Option<String>,
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
            .field("proxy", &self.proxy)
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
            proxy: None,
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

    /// The proxy every request goes through, as `scheme://host:port` (its credentials are
    /// never shown), or `None`: no proxy, whatever the environment says.
    pub fn proxy(&self) -> Option<&str> {
        self.proxy.as_deref()
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
        // Neither the method nor the path is shown when refused: a swapped argument would put
        // a secret there.
        let upper = method.to_ascii_uppercase();
        if !METHODS.contains(&upper.as_str()) {
            return Err(bad(format!(
                "unsupported method: use one of {}",
                METHODS.join(", ")
            )));
        }
        let method = ureq::http::Method::from_bytes(upper.as_bytes())
            .map_err(|_| bad("unsupported method".into()))?;
        if method == ureq::http::Method::HEAD && body.is_some_and(|b| !b.is_empty()) {
            return Err(bad("a HEAD request cannot carry a body".into()));
        }
        if !path.starts_with('/') || path.starts_with("//") || path.contains(['\r', '\n', ' ', '#'])
        {
            return Err(bad(
                "the path must start with a single / and hold no spaces, fragments or line \
                 breaks"
                    .into(),
            ));
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
                .map_err(|_| bad("the request cannot be built (its URL or a header)".into()))?;
            let req = self
                .agent
                .configure_request(req)
                .timeout_global(Some(self.timeout.min(remaining)))
                .build();
            let sent = Instant::now();
            let result = self.attempt(req);
            let duration = sent.elapsed();
            let attempt = |status: Option<u16>, error: Option<String>| Attempt {
                status,
                error,
                delay,
                duration,
            };
            let answer = match result {
                Tried::Answered(answer) => {
                    attempts.push(attempt(Some(answer.0), None));
                    Ok(answer)
                }
                Tried::Failed { timed_out, text } => {
                    attempts.push(attempt(None, Some(text)));
                    Err(timed_out)
                }
                Tried::Unsendable(text) => return Err(bad(text)),
                Tried::Tls(reason) => {
                    attempts.push(attempt(None, Some(format!("TLS failed: {reason}"))));
                    return Err(GatewayError::TlsFailed { reason, attempts });
                }
                Tried::Rejected { head, reason } => {
                    // The gateway answered (or began to): never sent again, whatever the
                    // status, and the status is kept when it arrived.
                    attempts.push(attempt(head.as_ref().map(|h| h.0), Some(reason.clone())));
                    let last = head.map(|(status, headers)| {
                        Box::new(GatewayResponse {
                            status,
                            headers,
                            body: Vec::new(),
                            attempts: attempts.clone(),
                            idempotency_key: key.clone(),
                        })
                    });
                    return Err(GatewayError::ResponseRejected {
                        reason,
                        attempts,
                        last,
                    });
                }
            };
            let pairs: Vec<(&str, &str)>;
            let outcome = match &answer {
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
            let response = answer.ok().map(|(status, headers, body)| GatewayResponse {
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

    /// One attempt: sends `req` and reads the answer, within the limits.
    fn attempt(&self, req: ureq::http::Request<&[u8]>) -> Tried {
        let mut resp = match self.agent.run(req) {
            Ok(resp) => resp,
            Err(e) => return self.before_response(e),
        };
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
        match read_body(resp.body_mut()) {
            Ok(body) => Tried::Answered((status, headers, body)),
            Err(reason) => Tried::Rejected {
                head: Some((status, headers)),
                reason,
            },
        }
    }

    /// What an error before the response head means: retried when nothing was answered (a
    /// connection refused, reset or closed, a timeout), final when the gateway answered
    /// something the client cannot take or TLS failed.
    fn before_response(&self, e: ureq::Error) -> Tried {
        use std::io::ErrorKind as Io;
        match &e {
            ureq::Error::LargeResponseHeader(..) => Tried::Rejected {
                head: None,
                reason: format!(
                    "its status line and headers exceed the {} KiB limit",
                    MAX_HEADERS / 1024
                ),
            },
            // The request is checked before it is sent (method, headers, body), so a protocol
            // error is the answer's: a status line or headers that do not parse.
            ureq::Error::Protocol(p) => Tried::Rejected {
                head: None,
                reason: format!("its status line or headers are malformed ({p})"),
            },
            ureq::Error::BodyStalled => Tried::Rejected {
                head: None,
                reason: "the answer stalled".into(),
            },
            ureq::Error::Rustls(t) => Tried::Tls(t.to_string()),
            ureq::Error::Tls(t) => Tried::Tls((*t).to_owned()),
            ureq::Error::TlsRequired => Tried::Tls("no TLS on an https connection".into()),
            // rustls reports a failed handshake (a certificate that does not verify, an alert,
            // no common version) as invalid data on the socket.
            ureq::Error::Io(io) if self.https && io.kind() == Io::InvalidData => {
                Tried::Tls(io.to_string())
            }
            ureq::Error::Http(_)
            | ureq::Error::BadUri(_)
            | ureq::Error::RequireHttpsOnly(_)
            | ureq::Error::InvalidProxyUrl
            | ureq::Error::BodyExceedsLimit(_) => Tried::Unsendable(
                "the request cannot be sent (its URL, a header or the body)".into(),
            ),
            _ => Tried::Failed {
                timed_out: matches!(e, ureq::Error::Timeout(_)),
                text: transport_error(&e),
            },
        }
    }
}

/// What one attempt came to.
enum Tried {
    /// A whole answer: status, headers, body.
    Answered((u16, Vec<(String, String)>, Vec<u8>)),
    /// No answer (retried by the policy).
    Failed { timed_out: bool, text: String },
    /// An answer the client rejects (final); its status and headers when they arrived.
    Rejected {
        head: Option<(u16, Vec<(String, String)>)>,
        reason: String,
    },
    /// TLS failed (final).
    Tls(String),
    /// The request cannot be sent at all: nothing left the client.
    Unsendable(String),
}

/// Reads a body of at most [`MAX_BODY`] bytes, holding no more than that in memory; the error
/// says which limit was hit or how the body was cut short.
fn read_body(body: &mut ureq::Body) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let limit = MAX_BODY as usize;
    let over = || format!("its body exceeds the {} MiB limit", MAX_BODY >> 20);
    let declared = body.content_length();
    if declared.is_some_and(|n| n > MAX_BODY) {
        // Said up front: not read at all.
        return Err(over());
    }
    let mut out: Vec<u8> = Vec::with_capacity(declared.unwrap_or(0) as usize);
    let mut chunk = vec![0u8; 64 * 1024];
    let mut reader = body.as_reader();
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(out),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(body_error(ureq::Error::from(e))),
        };
        if out.len() + n > limit {
            return Err(over());
        }
        if out.capacity() < out.len() + n {
            // Doubling, but never past the limit.
            let want = (out.capacity() * 2).max(out.len() + n).min(limit);
            out.reserve_exact(want - out.len());
        }
        out.extend_from_slice(&chunk[..n]);
    }
}

/// Why a body could not be read whole, in a sentence.
fn body_error(e: ureq::Error) -> String {
    match &e {
        ureq::Error::Timeout(_) => {
            "its body did not arrive whole within the attempt's timeout".into()
        }
        ureq::Error::BodyExceedsLimit(_) => {
            format!("its body exceeds the {} MiB limit", MAX_BODY >> 20)
        }
        ureq::Error::Protocol(p) => format!("its body is malformed ({p})"),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the connection closed before its whole body arrived".into()
        }
        _ => format!("its body could not be read whole ({})", transport_error(&e)),
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
