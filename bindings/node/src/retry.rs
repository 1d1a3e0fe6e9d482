//! Resilient gateway calls (docs/spec.md §2.5): the native half of `RetryPolicy`, `GatewayClient` and
//! `GatewayResponse`, which are JavaScript classes in `revtain.js` over the functions
//! `_retryPolicy*` and `_gateway*` here.
//!
//! A logical call (every attempt and the sleeps between them) is blocking in the core, so
//! `_gatewayRequest` runs it whole on the libuv thread pool (an `AsyncTask`), never on the event
//! loop. The request body is copied into owned memory before the task starts.

use std::sync::Arc;

use napi::bindgen_prelude::*;
use napi::ScopedTask;
use napi_derive::napi;
use revtain::retry::{self, Attempt, GatewayClient, GatewayError, GatewayResponse, RetryPolicy};
use revtain::ErrorDetail;

use crate::convert::{bytes_of, number};
use crate::errors::{err, error_object};

/// Makes the policy behind `RetryPolicy`: every setting as JavaScript has it (`undefined` for
/// the default), checked and defaulted by the core; durations are seconds.
#[napi(js_name = "_retryPolicyNew", ts_return_type = "object")]
pub fn retry_policy_new(
    env: &Env,
    base: Option<f64>,
    cap: Option<f64>,
    max_attempts: Option<f64>,
    deadline: Option<f64>,
    jitter: Option<String>,
) -> Result<External<RetryPolicy>> {
    let policy = RetryPolicy::from_host(
        number(base),
        number(cap),
        number(max_attempts),
        number(deadline),
        jitter.as_deref(),
    )
    .map_err(err(env))?;
    Ok(External::new(policy))
}

/// What `RetryPolicy` caches of its policy (durations in seconds).
#[napi(object)]
pub struct RetryPolicyInfo {
    pub base: f64,
    pub cap: f64,
    pub max_attempts: u32,
    pub deadline: f64,
    pub jitter: String,
}

/// The settings of a policy.
#[napi(js_name = "_retryPolicyInfo")]
pub fn retry_policy_info(
    #[napi(ts_arg_type = "object")] handle: &External<RetryPolicy>,
) -> RetryPolicyInfo {
    RetryPolicyInfo {
        base: handle.base().as_secs_f64(),
        cap: handle.cap().as_secs_f64(),
        max_attempts: handle.max_attempts(),
        deadline: handle.deadline().as_secs_f64(),
        jitter: handle.jitter().name().to_owned(),
    }
}

/// The delay before retry `n` (seconds), for a uniform number in `[0, 1)`.
#[napi(js_name = "_retryPolicyDelay")]
pub fn retry_policy_delay(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: &External<RetryPolicy>,
    n: f64,
    uniform: f64,
) -> Result<f64> {
    let n = RetryPolicy::retry_index(n.into()).map_err(err(env))?;
    Ok(handle.delay(n, uniform).as_secs_f64())
}

/// The ceiling of the delay before retry `n` (seconds): `min(cap, base·2^n)`.
#[napi(js_name = "_retryPolicyCeiling")]
pub fn retry_policy_ceiling(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: &External<RetryPolicy>,
    n: f64,
) -> Result<f64> {
    let n = RetryPolicy::retry_index(n.into()).map_err(err(env))?;
    Ok(handle.ceiling(n).as_secs_f64())
}

/// How the retry policy treats one attempt's outcome.
#[napi(object)]
pub struct AttemptVerdict {
    /// `'success'`, `'retry'` or `'final'`.
    pub verdict: String,
    /// The `Retry-After` floor in seconds, or null.
    pub retry_after: Option<f64>,
}

/// `classifyAttempt`: `transport` one of the core's names (`undefined`: a response), `status`
/// and `headers` (`[name0, value0, …]`) the response's, `now` unix seconds (`undefined`: the
/// clock), each checked by the core.
#[napi(js_name = "_classifyAttempt")]
pub fn classify_attempt(
    env: &Env,
    status: Option<f64>,
    headers: Vec<String>,
    transport: Option<String>,
    now: Option<f64>,
) -> Result<AttemptVerdict> {
    let headers = pairs(&headers);
    let now = retry::classify_now_from(number(now)).map_err(err(env))?;
    let outcome = retry::outcome_from_host(transport.as_deref(), number(status), &headers)
        .map_err(err(env))?;
    let verdict = retry::classify(&outcome, now);
    Ok(AttemptVerdict {
        verdict: verdict.name().to_owned(),
        retry_after: verdict.retry_after().map(|d| d.as_secs_f64()),
    })
}

/// `parseRetryAfter`: seconds, or null for a value that is neither delta seconds nor an HTTP
/// date.
#[napi(js_name = "_parseRetryAfter")]
pub fn parse_retry_after(env: &Env, value: String, now: Option<f64>) -> Result<Option<f64>> {
    let now = retry::classify_now_from(number(now)).map_err(err(env))?;
    Ok(retry::parse_retry_after(&value, now).map(|d| d.as_secs_f64()))
}

/// `[name0, value0, name1, value1, …]` as pairs.
fn pairs(flat: &[String]) -> Vec<(&str, &str)> {
    flat.chunks_exact(2)
        .map(|p| (p[0].as_str(), p[1].as_str()))
        .collect()
}

/// Makes the client behind `GatewayClient`; `revtain.js` has checked the option types.
/// `headers` is `[name0, value0, …]`, `timeout` seconds (`undefined`: the core's default),
/// `proxy` a proxy URL (`null`: none, whatever the environment says).
#[napi(js_name = "_gatewayClientNew", ts_return_type = "object")]
pub fn gateway_client_new(
    env: &Env,
    base_url: String,
    #[napi(ts_arg_type = "object | null | undefined")] policy: Option<&External<RetryPolicy>>,
    timeout: Option<f64>,
    headers: Vec<String>,
    allow_insecure_http: bool,
    proxy: Option<String>,
) -> Result<External<Arc<GatewayClient>>> {
    let timeout_d = retry::timeout_from(number(timeout)).map_err(err(env))?;
    let mut builder = GatewayClient::builder(base_url)
        .timeout(timeout_d)
        .allow_insecure_http(allow_insecure_http);
    if let Some(policy) = policy {
        builder = builder.policy(**policy);
    }
    if let Some(proxy) = proxy {
        builder = builder.proxy(proxy);
    }
    for (n, v) in pairs(&headers) {
        builder = builder.header(n, v);
    }
    let client = builder.build().map_err(err(env))?;
    Ok(External::new(Arc::new(client)))
}

/// The host (authority) the client's retry budget is kept for.
#[napi(js_name = "_gatewayHost")]
pub fn gateway_host(
    #[napi(ts_arg_type = "object")] handle: &External<Arc<GatewayClient>>,
) -> String {
    handle.host().to_owned()
}

/// The tokens left in the retry budget of the client's host.
#[napi(js_name = "_gatewayBudgetAvailable")]
pub fn gateway_budget_available(
    #[napi(ts_arg_type = "object")] handle: &External<Arc<GatewayClient>>,
) -> u32 {
    handle.budget().available(handle.host())
}

/// Sets the tokens of the retry budget of the client's host (capped at the capacity).
#[napi(js_name = "_gatewaySetBudget")]
pub fn gateway_set_budget(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: &External<Arc<GatewayClient>>,
    tokens: f64,
) -> Result<()> {
    handle.set_budget_from(tokens.into()).map_err(err(env))
}

/// The client's base URL, without a trailing `/`.
#[napi(js_name = "_gatewayBaseUrl")]
pub fn gateway_base_url(
    #[napi(ts_arg_type = "object")] handle: &External<Arc<GatewayClient>>,
) -> String {
    handle.base_url().to_owned()
}

/// The client's proxy as `scheme://host:port` (never its credentials), or null.
#[napi(js_name = "_gatewayProxy")]
pub fn gateway_proxy(
    #[napi(ts_arg_type = "object")] handle: &External<Arc<GatewayClient>>,
) -> Option<String> {
    handle.proxy().map(str::to_owned)
}

/// The client's timeout of one attempt, in seconds.
#[napi(js_name = "_gatewayTimeout")]
pub fn gateway_timeout(
    #[napi(ts_arg_type = "object")] handle: &External<Arc<GatewayClient>>,
) -> f64 {
    handle.timeout().as_secs_f64()
}

/// One attempt, durations in seconds.
#[napi(object)]
pub struct AttemptParts {
    pub status: Option<u32>,
    pub error: Option<String>,
    pub delay: f64,
    pub duration: f64,
}

/// A response; `headers` is `[name0, value0, …]` with lower-case names, in order.
#[napi(object)]
pub struct ResponseParts {
    pub status: u32,
    pub headers: Vec<String>,
    pub body: Buffer,
    pub attempts: Vec<AttemptParts>,
    pub idempotency_key: Option<String>,
}

fn attempt_parts(attempts: &[Attempt]) -> Vec<AttemptParts> {
    attempts
        .iter()
        .map(|a| AttemptParts {
            status: a.status.map(u32::from),
            error: a.error.clone(),
            delay: a.delay.as_secs_f64(),
            duration: a.duration.as_secs_f64(),
        })
        .collect()
}

fn response_parts(r: GatewayResponse) -> ResponseParts {
    ResponseParts {
        status: u32::from(r.status),
        headers: r.headers.into_iter().flat_map(|(n, v)| [n, v]).collect(),
        body: r.body.into(),
        attempts: attempt_parts(&r.attempts),
        idempotency_key: r.idempotency_key,
    }
}

/// One logical call on the libuv thread pool.
pub struct RequestTask {
    client: Arc<GatewayClient>,
    method: String,
    path: String,
    body: Option<Vec<u8>>,
    headers: Vec<String>,
    idempotency_key: Option<String>,
}

impl<'task> ScopedTask<'task> for RequestTask {
    type Output = std::result::Result<GatewayResponse, GatewayError>;
    type JsValue = ResponseParts;

    fn compute(&mut self) -> Result<Self::Output> {
        Ok(self.client.request(
            &self.method,
            &self.path,
            self.body.as_deref(),
            &pairs(&self.headers),
            self.idempotency_key.as_deref(),
        ))
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> Result<ResponseParts> {
        match output {
            Ok(r) => Ok(response_parts(r)),
            Err(e) => Err(gateway_rejection(env, e)),
        }
    }
}

/// The `Error` a call rejects with: `code`, `name`, `family`, `attempts` (parts), `response`
/// (parts, or null) and `requested` (seconds) for a `Retry-After` past the deadline.
fn gateway_rejection(env: &Env, e: GatewayError) -> Error {
    let made = error_object(env, &ErrorDetail::from(&e), |err| {
        if let GatewayError::InvalidRequest(_) = e {
            return Ok(());
        }
        err.set_named_property("attempts", attempt_parts(e.attempts()))?;
        match e.last_response().cloned().map(response_parts) {
            Some(parts) => err.set_named_property("response", parts),
            None => err.set_named_property("response", Null),
        }
    });
    match made {
        Ok(err) => Error::from(err.to_unknown()),
        Err(e) => e,
    }
}

/// Sends one logical call (`GatewayClient.request`) on the libuv thread pool. `headers` is
/// `[name0, value0, …]`; the body is copied before the task starts. Invalid arguments reject with
/// `REVTAIN_RESULT_GATEWAY_INVALID_REQUEST` (from the core, on the pool).
#[napi(js_name = "_gatewayRequest", ts_return_type = "Promise<ResponseParts>")]
pub fn gateway_request(
    #[napi(ts_arg_type = "object")] handle: &External<Arc<GatewayClient>>,
    method: String,
    path: String,
    body: Option<Either<String, &[u8]>>,
    headers: Vec<String>,
    idempotency_key: Option<String>,
) -> AsyncTask<RequestTask> {
    AsyncTask::new(RequestTask {
        client: Arc::clone(handle),
        method,
        path,
        body: body.as_ref().map(|b| bytes_of(b).to_vec()),
        headers,
        idempotency_key,
    })
}
