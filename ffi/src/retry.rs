//! Resilient gateway calls (docs/spec.md §2.5): the retry policy (`revtain_retry_policy_*`,
//! `revtain_retry_after_parse`) and a blocking HTTP client that retries by it
//! (`revtain_gateway_client_*`, `revtain_gateway_response_*`).
//!
//! Headers are passed as an array of `n_headers` `revtain_header` (UTF-8 names and values).
//! Times and delays are seconds as `double`; a `now` is read through a pointer (NULL: the
//! system clock).

use std::ffi::c_char;
use std::time::{Duration, SystemTime};

use revtain::args::Number;
use revtain::retry::{
    self, Attempt, GatewayClient, GatewayError, GatewayResponse, InvalidRetryPolicy, Jitter,
    RetryPolicy, Verdict,
};

use crate::revtain_result;
use crate::util::{
    ffi_boundary, handle, input, optional_in, out, revtain_header, try_ffi, write_bytes, write_text,
};

/// How a retry delay is drawn from `[0, min(cap, base * 2^n)]`.
#[repr(C)]
#[allow(dead_code)] // passed from C as an integer
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum revtain_jitter {
    /// Uniform over the whole range (the default).
    Full = 0,
    /// Half the ceiling plus uniform over the other half.
    Equal = 1,
    /// The ceiling itself.
    None = 2,
}

/// What an attempt's outcome means for retrying.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum revtain_retry_verdict {
    /// A success (1xx to 3xx): done.
    Success = 0,
    /// A fault worth retrying (connection failure, timeout, 408, 429, 5xx but 501 and 505).
    Retry = 1,
    /// A final answer, never retried (another 4xx, 501, 505, `Stripe-Should-Retry: false`).
    Final = 2,
}

/// What an attempt came to, for `revtain_retry_policy_classify`.
#[repr(C)]
#[allow(dead_code)] // passed from C as an integer
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum revtain_transport {
    /// A response arrived; its status and headers are given.
    Response = 0,
    /// The connection failed or was reset before a response.
    ConnectionFailed = 1,
    /// The attempt timed out.
    TimedOut = 2,
}

/// A retry policy; made by `revtain_retry_policy_new`, released by `revtain_retry_policy_free`.
pub struct revtain_retry_policy {
    inner: RetryPolicy,
}

/// `*now` (unix seconds) as a time, checked by the core; NULL is the system clock.
unsafe fn now_or_clock(now: *const f64) -> Result<SystemTime, revtain_result> {
    retry::classify_now_from(optional_in(now).map(Number::Float))
        .map_err(|e| crate::error::fail(&e))
}

/// Borrows `n` headers as UTF-8 names and values (HTTP headers the client sends, or a
/// response's to classify: text that is not UTF-8 is an invalid request).
unsafe fn header_pairs<'a>(
    headers: *const revtain_header,
    n: usize,
) -> Result<Vec<(&'a str, &'a str)>, revtain_result> {
    let text =
        |b: &'a [u8]| std::str::from_utf8(b).map_err(|_| revtain_result::GatewayInvalidRequest);
    crate::util::header_pairs(headers, n)?
        .into_iter()
        .map(|(k, v)| Ok((text(k)?, text(v)?)))
        .collect()
}

/// Makes a policy: delays drawn from `[0, min(cap, base * 2^n)]` by `jitter` (a
/// `revtain_jitter` value; taken as an integer so that any value is safe), at most
/// `max_attempts` attempts in all (1 to 100), within `deadline` seconds for the whole call.
/// `REVTAIN_RETRY_DEFAULT_*` are the usual values. On success `*out_policy` owns the policy.
///
/// # Safety
/// `out_policy` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_retry_policy_new(
    base: f64,
    cap: f64,
    max_attempts: u32,
    deadline: f64,
    jitter: u32,
    out_policy: *mut *mut revtain_retry_policy,
) -> revtain_result {
    ffi_boundary(|| {
        let slot = try_ffi!(handle::slot(out_policy));
        let jitter = match jitter {
            0 => Jitter::Full,
            1 => Jitter::Equal,
            2 => Jitter::None,
            // The enum is C's: its values are checked here, with a message naming them.
            other => {
                return crate::error::fail(&InvalidRetryPolicy(format!(
                    "jitter must be REVTAIN_JITTER_FULL, REVTAIN_JITTER_EQUAL or \
                     REVTAIN_JITTER_NONE, not {other}"
                )))
            }
        };
        let policy = RetryPolicy::from_host(
            Some(Number::Float(base)),
            Some(Number::Float(cap)),
            Some(Number::from(max_attempts)),
            Some(Number::Float(deadline)),
            Some(jitter.name()),
        );
        match policy {
            Ok(inner) => handle::give(revtain_retry_policy { inner }, slot),
            Err(e) => crate::error::fail(&e),
        }
    })
}

/// The default base delay, in seconds.
pub const REVTAIN_RETRY_DEFAULT_BASE: f64 = 0.5;
/// The default cap on one delay, in seconds.
pub const REVTAIN_RETRY_DEFAULT_CAP: f64 = 20.0;
/// The default number of attempts in all.
pub const REVTAIN_RETRY_DEFAULT_MAX_ATTEMPTS: u32 = 4;
/// The default deadline of a whole call, in seconds.
pub const REVTAIN_RETRY_DEFAULT_DEADLINE: f64 = 30.0;

const _: () = {
    assert!(retry::DEFAULT_BASE.as_millis() == 500);
    assert!(retry::DEFAULT_CAP.as_secs() == 20);
    assert!(REVTAIN_RETRY_DEFAULT_MAX_ATTEMPTS == retry::DEFAULT_MAX_ATTEMPTS);
    assert!(retry::DEFAULT_DEADLINE.as_secs() == 30);
};

/// The delay before retry `n` (0 for the first retry) with `uniform` a random number in
/// `[0, 1)` (for example from your RNG; clamped), in seconds into `*out_delay`.
///
/// # Safety
/// `policy` is a live policy; `out_delay` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_retry_policy_next_delay(
    policy: *const revtain_retry_policy,
    n: u32,
    uniform: f64,
    out_delay: *mut f64,
) -> revtain_result {
    ffi_boundary(|| {
        let slot = try_ffi!(out(out_delay));
        let policy = try_ffi!(handle::borrow(policy));
        *slot = policy.inner.delay(n, uniform).as_secs_f64();
        revtain_result::Ok
    })
}

/// Classifies an attempt's outcome: `transport` (a `revtain_transport` value; any other is
/// `REVTAIN_RESULT_GATEWAY_INVALID_REQUEST`) says whether a response came (then `status`
/// and the headers count) or the connection failed or timed out. `*out_verdict` is the verdict;
/// `*out_retry_after` the `Retry-After` delay in seconds (a floor for the next delay), or -1
/// when the response has none. `*now` (unix seconds; `now == NULL` is the clock) dates an
/// HTTP-date `Retry-After`. `policy` may be NULL (classification does not depend on it).
///
/// # Safety
/// `headers` holds `n_headers` headers (or is NULL with 0); `now` is NULL or readable; the
/// outputs are writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_retry_policy_classify(
    policy: *const revtain_retry_policy,
    transport: u32,
    status: u16,
    headers: *const revtain_header,
    n_headers: usize,
    now: *const f64,
    out_verdict: *mut revtain_retry_verdict,
    out_retry_after: *mut f64,
) -> revtain_result {
    let _ = policy;
    ffi_boundary(|| {
        let verdict_slot = try_ffi!(out(out_verdict));
        let after_slot = try_ffi!(out(out_retry_after));
        let headers = try_ffi!(header_pairs(headers, n_headers));
        let now = try_ffi!(now_or_clock(now));
        // The enum is C's; the core names the outcomes and checks the status.
        let Some(&name) = usize::try_from(transport)
            .ok()
            .and_then(|t| retry::TRANSPORTS.get(t))
        else {
            return crate::error::fail(&GatewayError::InvalidRequest(
                "transport must be REVTAIN_TRANSPORT_RESPONSE, _CONNECTION_FAILED or _TIMED_OUT"
                    .into(),
            ));
        };
        let outcome = match retry::outcome_from_host(
            Some(name),
            Some(Number::from(u32::from(status))),
            &headers,
        ) {
            Ok(o) => o,
            Err(e) => return crate::error::fail(&e),
        };
        let (verdict, floor) = match retry::classify(&outcome, now) {
            Verdict::Success => (revtain_retry_verdict::Success, None),
            Verdict::Final => (revtain_retry_verdict::Final, None),
            Verdict::Retry { floor, .. } => (revtain_retry_verdict::Retry, floor),
        };
        *verdict_slot = verdict;
        *after_slot = floor.map_or(-1.0, |d| d.as_secs_f64());
        revtain_result::Ok
    })
}

/// Frees a policy. NULL is allowed.
///
/// # Safety
/// `policy` is NULL or a policy not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_retry_policy_free(policy: *mut revtain_retry_policy) {
    let _ = ffi_boundary(|| {
        handle::free(policy);
        revtain_result::Ok
    });
}

/// Parses a `Retry-After` value (delta seconds, or an HTTP date relative to `*now`, unix
/// seconds; `now == NULL` is the clock) into `*out_seconds`; `*out_valid` is false (and
/// `*out_seconds` 0) for a value that is neither (it is then ignored, as HTTP says).
///
/// # Safety
/// `value` is valid for `value_len` bytes; `now` is NULL or readable; the outputs are writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_retry_after_parse(
    value: *const c_char,
    value_len: usize,
    now: *const f64,
    out_seconds: *mut f64,
    out_valid: *mut bool,
) -> revtain_result {
    ffi_boundary(|| {
        let seconds_slot = try_ffi!(out(out_seconds));
        let valid_slot = try_ffi!(out(out_valid));
        *seconds_slot = 0.0;
        *valid_slot = false;
        let value = try_ffi!(input(value, value_len));
        let now = try_ffi!(now_or_clock(now));
        if let Some(d) = std::str::from_utf8(value)
            .ok()
            .and_then(|v| retry::parse_retry_after(v, now))
        {
            *seconds_slot = d.as_secs_f64();
            *valid_slot = true;
        }
        revtain_result::Ok
    })
}

/// A blocking client for one gateway's API; made by `revtain_gateway_client_new`, released by
/// `revtain_gateway_client_free`. Safe to use from several threads at once.
pub struct revtain_gateway_client {
    inner: GatewayClient,
}

/// Makes a client for the API at `base_url` (https; plain http only to loopback unless
/// `allow_insecure_http`), retrying by `policy` (NULL for the defaults; copied, so it may be
/// freed afterwards), each attempt limited to `timeout` seconds, sending the given headers with
/// every request (an `Authorization`, say). On success `*out_client` owns the client.
///
/// The base URL may not carry credentials (`user:password@`; put them in an `Authorization`
/// header), and the headers may not be `Content-Length`, `Transfer-Encoding`, `Host`,
/// `Connection` or `Upgrade`: `REVTAIN_RESULT_GATEWAY_INVALID_REQUEST`, whose message never
/// shows the URL or a header's value. No proxy is used, whatever `HTTP_PROXY`, `HTTPS_PROXY` or
/// `ALL_PROXY` say: `revtain_gateway_client_new_with_proxy` names one.
///
/// # Safety
/// `base_url` is valid for `base_url_len` bytes; `headers` holds `n_headers` headers (or is
/// NULL with 0); `out_client` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_gateway_client_new(
    base_url: *const c_char,
    base_url_len: usize,
    policy: *const revtain_retry_policy,
    timeout: f64,
    headers: *const revtain_header,
    n_headers: usize,
    allow_insecure_http: bool,
    out_client: *mut *mut revtain_gateway_client,
) -> revtain_result {
    ffi_boundary(|| {
        client_new(
            base_url,
            base_url_len,
            policy,
            timeout,
            headers,
            n_headers,
            allow_insecure_http,
            std::ptr::null(),
            0,
            out_client,
        )
    })
}

/// `revtain_gateway_client_new`, with every request sent through the HTTP CONNECT proxy
/// `proxy` (`http://host:port` or `https://host:port`, `user:password@` allowed for a proxy
/// that asks for credentials; never shown in a message). `proxy` NULL with `proxy_len` 0 is no
/// proxy, as `revtain_gateway_client_new`. With a plain http base URL a proxy needs
/// `allow_insecure_http` (the proxy would read the request, credentials included, and a
/// loopback address would be the proxy's own). A proxy is chosen here, once: a client never
/// changes, so that the threads sharing it all send the same way.
///
/// # Safety
/// As `revtain_gateway_client_new`; `proxy` is valid for `proxy_len` bytes (or NULL with 0).
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn revtain_gateway_client_new_with_proxy(
    base_url: *const c_char,
    base_url_len: usize,
    policy: *const revtain_retry_policy,
    timeout: f64,
    headers: *const revtain_header,
    n_headers: usize,
    allow_insecure_http: bool,
    proxy: *const c_char,
    proxy_len: usize,
    out_client: *mut *mut revtain_gateway_client,
) -> revtain_result {
    ffi_boundary(|| {
        client_new(
            base_url,
            base_url_len,
            policy,
            timeout,
            headers,
            n_headers,
            allow_insecure_http,
            proxy,
            proxy_len,
            out_client,
        )
    })
}

/// The body of both constructors; `proxy` NULL with 0 is no proxy.
#[allow(clippy::too_many_arguments)]
unsafe fn client_new(
    base_url: *const c_char,
    base_url_len: usize,
    policy: *const revtain_retry_policy,
    timeout: f64,
    headers: *const revtain_header,
    n_headers: usize,
    allow_insecure_http: bool,
    proxy: *const c_char,
    proxy_len: usize,
    out_client: *mut *mut revtain_gateway_client,
) -> revtain_result {
    let slot = try_ffi!(handle::slot(out_client));
    let Ok(url) = std::str::from_utf8(try_ffi!(input(base_url, base_url_len))) else {
        return crate::error::fail(&GatewayError::InvalidRequest(
            "the base URL is not UTF-8".into(),
        ));
    };
    let Ok(proxy) = std::str::from_utf8(try_ffi!(input(proxy, proxy_len))) else {
        return crate::error::fail(&GatewayError::InvalidRequest(
            "the proxy URL is not UTF-8".into(),
        ));
    };
    let headers = try_ffi!(header_pairs(headers, n_headers));
    let timeout = match revtain::retry::timeout_from(Some(Number::Float(timeout))) {
        Ok(t) => t,
        Err(e) => return crate::error::fail(&e),
    };
    let mut builder = GatewayClient::builder(url)
        .timeout(timeout)
        .allow_insecure_http(allow_insecure_http);
    if let Some(p) = policy.as_ref() {
        builder = builder.policy(p.inner);
    }
    if !proxy.is_empty() {
        builder = builder.proxy(proxy);
    }
    for (n, v) in headers {
        builder = builder.header(n, v);
    }
    match builder.build() {
        Ok(inner) => handle::give(revtain_gateway_client { inner }, slot),
        Err(e) => crate::error::fail(&e),
    }
}

/// Frees a client. NULL is allowed.
///
/// # Safety
/// `client` is NULL or a client not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_gateway_client_free(client: *mut revtain_gateway_client) {
    let _ = ffi_boundary(|| {
        handle::free(client);
        revtain_result::Ok
    });
}

/// Sets the tokens of the client's retry budget for its host (0 to 500; tests, or to restore
/// state). A retry costs 5 (10 after a timeout), a success refunds 1.
///
/// # Safety
/// `client` is a live client.
#[no_mangle]
pub unsafe extern "C" fn revtain_gateway_client_set_budget(
    client: *const revtain_gateway_client,
    tokens: u32,
) -> revtain_result {
    ffi_boundary(|| {
        let c = try_ffi!(handle::borrow(client));
        c.inner.budget().set(c.inner.host(), tokens);
        revtain_result::Ok
    })
}

/// The outcome of `revtain_gateway_client_request`: the last response (if any) and every attempt.
/// Released by `revtain_gateway_response_free`.
pub struct revtain_gateway_response {
    response: Option<GatewayResponse>,
    attempts: Vec<Attempt>,
    idempotency_key: Option<String>,
    requested: Option<Duration>,
}

/// One attempt of a call.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct revtain_gateway_attempt {
    /// The response status, or 0 when no response came.
    pub status: u16,
    /// The delay waited before this attempt, in seconds.
    pub delay: f64,
    /// How long the attempt took, in seconds.
    pub duration: f64,
}

/// Sends `method path` (with `body`, the headers, and `idempotency_key` or, for a POST, a fresh
/// UUIDv4 one, the same on every attempt) and retries by the client's policy. Blocks until done.
///
/// `REVTAIN_RESULT_OK` is any answer the policy does not retry: a success, or a final one such
/// as 402 (check the status). The retry errors (`REVTAIN_RESULT_GATEWAY_RETRIES_EXHAUSTED`,
/// `_DEADLINE_EXCEEDED`, `_RETRY_AFTER_BEYOND_DEADLINE`, `_BUDGET_EXHAUSTED`) still give
/// `*out_response`, with every attempt and the last response if there was one; free it in every
/// case where it is not NULL. For other errors `*out_response` is NULL.
///
/// An answer is never sent again once it came: a response the client rejects (headers over
/// 64 KiB, a body over 16 MiB, malformed, cut short or too slow) ends the call with its status
/// kept (`revtain_gateway_response_status`, 0 when none arrived, an empty body) and the reason
/// as the last attempt's error text; so does a TLS failure (a certificate that does not verify),
/// with no status. Both give `*out_response` too.
///
/// # Safety
/// Each pointer is NULL (where allowed: `body` with 0, `idempotency_key` with 0, `headers`
/// with 0) or valid for the length given with it; `out_response` is writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn revtain_gateway_client_request(
    client: *const revtain_gateway_client,
    method: *const c_char,
    method_len: usize,
    path: *const c_char,
    path_len: usize,
    body: *const u8,
    body_len: usize,
    headers: *const revtain_header,
    n_headers: usize,
    idempotency_key: *const c_char,
    idempotency_key_len: usize,
    out_response: *mut *mut revtain_gateway_response,
) -> revtain_result {
    ffi_boundary(|| {
        let slot = try_ffi!(handle::slot(out_response));
        let client = try_ffi!(handle::borrow(client));
        let text = |p: *const c_char, n: usize| -> Result<&str, revtain_result> {
            std::str::from_utf8(input(p, n)?).map_err(|_| revtain_result::GatewayInvalidRequest)
        };
        let method = try_ffi!(text(method, method_len));
        let path = try_ffi!(text(path, path_len));
        let body = try_ffi!(input(body, body_len));
        let key = try_ffi!(text(idempotency_key, idempotency_key_len));
        let headers = try_ffi!(header_pairs(headers, n_headers));
        let sent = client.inner.request(
            method,
            path,
            (!body.is_empty()).then_some(body),
            &headers,
            (!key.is_empty()).then_some(key),
        );
        let (result, response) = match sent {
            Ok(resp) => (
                revtain_result::Ok,
                revtain_gateway_response {
                    attempts: resp.attempts.clone(),
                    idempotency_key: resp.idempotency_key.clone(),
                    response: Some(resp),
                    requested: None,
                },
            ),
            Err(e @ GatewayError::InvalidRequest(_)) => return crate::error::fail(&e),
            Err(e) => {
                let requested = match &e {
                    GatewayError::RetryAfterBeyondDeadline { requested, .. } => Some(*requested),
                    _ => None,
                };
                let last = e.last_response().cloned();
                (
                    crate::error::fail(&e),
                    revtain_gateway_response {
                        attempts: e.attempts().to_vec(),
                        idempotency_key: last.as_ref().and_then(|r| r.idempotency_key.clone()),
                        response: last,
                        requested,
                    },
                )
            }
        };
        handle::give(response, slot);
        result
    })
}

/// The status of the last response, or 0 when the last attempt got none (a connection
/// failure or timeout). NULL gives 0.
///
/// # Safety
/// `response` is NULL or a live response.
#[no_mangle]
pub unsafe extern "C" fn revtain_gateway_response_status(
    response: *const revtain_gateway_response,
) -> u16 {
    response
        .as_ref()
        .and_then(|r| r.response.as_ref())
        .map_or(0, |r| r.status)
}

/// Writes the body of the last response into `buf` (bytes, no NUL; empty when there was none).
///
/// # Safety
/// `response` is a live response; `buf` is valid for `buf_len` bytes; `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_gateway_response_body(
    response: *const revtain_gateway_response,
    buf: *mut u8,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let r = try_ffi!(handle::borrow(response));
        let body = r.response.as_ref().map_or(&[][..], |r| &r.body);
        write_bytes(body, buf, buf_len, out_len)
    })
}

/// Writes the value of the last response's header `name` (case-insensitive; NUL-terminated)
/// into `buf`; `*out_found` says whether it was there.
///
/// # Safety
/// `response` is a live response; `name` is valid for `name_len` bytes; `buf` is valid for
/// `buf_len` bytes; `out_len` and `out_found` are writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_gateway_response_header(
    response: *const revtain_gateway_response,
    name: *const c_char,
    name_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
    out_found: *mut bool,
) -> revtain_result {
    ffi_boundary(|| {
        let found = try_ffi!(out(out_found));
        *found = false;
        let r = try_ffi!(handle::borrow(response));
        let Ok(name) = std::str::from_utf8(try_ffi!(input(name, name_len))) else {
            return revtain_result::GatewayInvalidRequest;
        };
        let value = r.response.as_ref().and_then(|r| r.header(name));
        *found = value.is_some();
        write_text(value.unwrap_or("").as_bytes(), buf, buf_len, out_len)
    })
}

/// Writes the idempotency key sent with every attempt (NUL-terminated; empty when none was
/// sent) into `buf`; `REVTAIN_GATEWAY_IDEMPOTENCY_KEY_BUF_SIZE` bytes suffice for generated
/// keys.
///
/// # Safety
/// `response` is a live response; `buf` is valid for `buf_len` bytes; `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_gateway_response_idempotency_key(
    response: *const revtain_gateway_response,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let r = try_ffi!(handle::borrow(response));
        let key = r.idempotency_key.as_deref().unwrap_or("");
        write_text(key.as_bytes(), buf, buf_len, out_len)
    })
}

/// Bytes a generated idempotency key needs with its NUL (a UUID: 36 + 1).
pub const REVTAIN_GATEWAY_IDEMPOTENCY_KEY_BUF_SIZE: usize = 37;

/// How many attempts were made. NULL gives 0.
///
/// # Safety
/// `response` is NULL or a live response.
#[no_mangle]
pub unsafe extern "C" fn revtain_gateway_response_attempt_count(
    response: *const revtain_gateway_response,
) -> usize {
    response.as_ref().map_or(0, |r| r.attempts.len())
}

/// Attempt `index` (0 first) into `*out_attempt`, and its error text (NUL-terminated; empty
/// when a response came) into `error_buf` (may be NULL with 0 when not wanted: then
/// `out_error_len` may be NULL too).
///
/// # Safety
/// `response` is a live response; `out_attempt` is writable; `error_buf` is NULL or valid for
/// `error_buf_len` bytes; `out_error_len` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn revtain_gateway_response_attempt(
    response: *const revtain_gateway_response,
    index: usize,
    out_attempt: *mut revtain_gateway_attempt,
    error_buf: *mut c_char,
    error_buf_len: usize,
    out_error_len: *mut usize,
) -> revtain_result {
    ffi_boundary(|| {
        let slot = try_ffi!(out(out_attempt));
        let r = try_ffi!(handle::borrow(response));
        let Some(a) = r.attempts.get(index) else {
            return revtain_result::GatewayInvalidRequest;
        };
        *slot = revtain_gateway_attempt {
            status: a.status.unwrap_or(0),
            delay: a.delay.as_secs_f64(),
            duration: a.duration.as_secs_f64(),
        };
        if error_buf.is_null() && error_buf_len == 0 && out_error_len.is_null() {
            return revtain_result::Ok;
        }
        write_text(
            a.error.as_deref().unwrap_or("").as_bytes(),
            error_buf,
            error_buf_len,
            out_error_len,
        )
    })
}

/// For `REVTAIN_RESULT_GATEWAY_RETRY_AFTER_BEYOND_DEADLINE`: the wait the gateway asked for, in
/// seconds; otherwise -1.
///
/// # Safety
/// `response` is NULL or a live response.
#[no_mangle]
pub unsafe extern "C" fn revtain_gateway_response_retry_after(
    response: *const revtain_gateway_response,
) -> f64 {
    response
        .as_ref()
        .and_then(|r| r.requested)
        .map_or(-1.0, |d| d.as_secs_f64())
}

/// Frees a response. NULL is allowed.
///
/// # Safety
/// `response` is NULL or a response not yet freed.
#[no_mangle]
pub unsafe extern "C" fn revtain_gateway_response_free(response: *mut revtain_gateway_response) {
    let _ = ffi_boundary(|| {
        handle::free(response);
        revtain_result::Ok
    });
}
