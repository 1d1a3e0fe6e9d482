//! Revtain webhooks: `generateWebhookSecret`, `WebhookSigner`, `Webhook`.
//!
//! `Webhook` is a JavaScript class (`revtain.js`) over the functions `_webhook*` here, which
//! take the keyed verifier as an `External`: a napi-rs class method call costs about 0.5 µs
//! (half of verifying 1 KiB), a plain function call 0.1 µs. The header lookup in any container
//! and the JSON parsing of `data` are JavaScript too, cheaper on that side of the boundary.

use napi::bindgen_prelude::*;
use napi::sys;
use napi_derive::napi;
use revtain::webhook::{self, WebhookError};

use crate::convert::buffer_or_string;
use crate::errors::{random_error, throw};

fn webhook_error(env: &Env, e: WebhookError) -> Error {
    let age = e.age().map(|a| a as f64);
    let tolerance = e.tolerance().map(|t| t as f64);
    throw(
        env,
        e.kind(),
        e.to_string(),
        &[("age", age), ("tolerance", tolerance)],
    )
}

/// Unix seconds from JavaScript: a non-negative integer; `undefined` is now.
pub fn seconds(value: Option<f64>, what: &str) -> Result<u64> {
    match value {
        None => Ok(webhook::now_unix()),
        Some(v) if v >= 0.0 && v.fract() == 0.0 && v <= 9.007_199_254_740_991e15 => Ok(v as u64),
        Some(_) => Err(Error::new(
            Status::InvalidArg,
            format!("{what} must be unix seconds: a whole number >= 0"),
        )),
    }
}

fn secrets_of(secret: &Either<String, Vec<String>>) -> Vec<&[u8]> {
    match secret {
        Either::A(s) => vec![s.as_bytes()],
        Either::B(v) => v.iter().map(|s| s.as_bytes()).collect(),
    }
}

/// A new signing secret: `whsec_` + base64 of 32 random bytes.
#[napi]
pub fn generate_webhook_secret(env: &Env) -> Result<String> {
    webhook::generate_webhook_secret()
        .map(|s| s.as_str().to_owned())
        .map_err(|e| random_error(env, e))
}

/// Signs webhooks as Revtain does, with one secret or several (one `v1` each).
#[napi]
pub struct WebhookSigner {
    inner: webhook::WebhookSigner,
    secrets: u32,
}

#[napi]
impl WebhookSigner {
    /// A signer for `secret` (`whsec_...`), or several while rotating.
    #[napi(constructor)]
    pub fn new(env: &Env, secret: Either<String, Vec<String>>) -> Result<Self> {
        let secrets = secrets_of(&secret);
        let inner = webhook::WebhookSigner::new(&secrets).map_err(|e| webhook_error(env, e))?;
        Ok(WebhookSigner {
            inner,
            secrets: secrets.len() as u32,
        })
    }

    /// The headers for `body`, keyed by their real names: `X-Revtain-Signature`,
    /// `webhook-id`, `webhook-timestamp`, `webhook-signature`. `timestamp` defaults to now.
    #[napi(ts_return_type = "Record<string, string>")]
    pub fn sign<'e>(
        &self,
        env: &'e Env,
        body: Either<&[u8], String>,
        event_id: String,
        timestamp: Option<f64>,
    ) -> Result<Object<'e>> {
        let t = seconds(timestamp, "timestamp")?;
        let headers = self
            .inner
            .sign(buffer_or_string(&body), &event_id, t)
            .map_err(|e| webhook_error(env, e))?;
        let mut out = Object::new(env)?;
        for (name, value) in headers.iter() {
            out.set_named_property(name, value)?;
        }
        Ok(out)
    }

    /// The `X-Revtain-Signature` value alone.
    #[napi]
    pub fn signature_header(
        &self,
        body: Either<&[u8], String>,
        timestamp: Option<f64>,
    ) -> Result<String> {
        let t = seconds(timestamp, "timestamp")?;
        Ok(self.inner.signature_header(buffer_or_string(&body), t))
    }

    /// `WebhookSigner(secrets=N)`: never the secrets.
    #[napi(js_name = "toString")]
    pub fn to_js_string(&self) -> String {
        format!("WebhookSigner(secrets={})", self.secrets)
    }

    /// As `toString()`, so that `JSON.stringify` never writes a secret.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> String {
        self.to_js_string()
    }
}

/// The parts of a verified event; `revtain.js` parses `dataJson`.
#[napi(object)]
pub struct EventParts {
    /// The event id.
    pub id: String,
    /// The event type.
    #[napi(js_name = "type")]
    pub event_type: String,
    /// Unix seconds.
    pub created: i64,
    /// The `data` object as JSON text, as received.
    pub data_json: String,
}

/// The keyed verifier behind `Webhook`, held by JavaScript as a type-tagged external.
///
/// Not a napi-rs `External`: taking one as `&External<T>` opens a native-borrow scope on every
/// call (≈ 0.1–0.2 µs, a tenth of a verification). The external made here is tagged with
/// `VERIFIER_TAG` and checked on every use, so no other value is ever read as a `Verifier`.
pub struct Verifier {
    inner: webhook::Webhook,
}

const VERIFIER_TAG: sys::napi_type_tag = sys::napi_type_tag {
    lower: 0x7265_7674_6169_6e2d,
    upper: 0x7765_6268_6f6f_6b31,
};

unsafe extern "C" fn drop_verifier(
    _env: sys::napi_env,
    data: *mut std::ffi::c_void,
    _hint: *mut std::ffi::c_void,
) {
    // SAFETY: `data` is the Box made in `webhook_new`, finalized once by the engine.
    drop(unsafe { Box::from_raw(data.cast::<Verifier>()) });
}

fn check(status: sys::napi_status, what: &str) -> Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(Error::new(Status::GenericFailure, format!("{what} failed")))
    }
}

/// The verifier behind a handle made by `webhook_new`; anything else is a `TypeError`.
fn verifier_of<'a>(env: &Env, handle: &Unknown<'a>) -> Result<&'a Verifier> {
    let mut tagged = false;
    // SAFETY: plain N-API calls on a live value of this callback.
    unsafe {
        check(
            sys::napi_check_object_type_tag(env.raw(), handle.raw(), &VERIFIER_TAG, &mut tagged),
            "napi_check_object_type_tag",
        )?;
        if !tagged {
            return Err(Error::new(
                Status::InvalidArg,
                "not a Webhook verifier handle",
            ));
        }
        let mut data = std::ptr::null_mut();
        check(
            sys::napi_get_value_external(env.raw(), handle.raw(), &mut data),
            "napi_get_value_external",
        )?;
        // The tag proves `data` is a Verifier made by `webhook_new`; the handle argument keeps
        // it alive for the whole call.
        Ok(&*data.cast::<Verifier>())
    }
}

/// Makes the keyed verifier behind `Webhook`: `secret` is one `whsec_...` string or several;
/// `tolerance` whole seconds (default 300).
#[napi(js_name = "_webhookNew", ts_return_type = "object")]
pub fn webhook_new<'e>(
    env: &'e Env,
    secret: Either<String, Vec<String>>,
    tolerance: Option<f64>,
) -> Result<Unknown<'e>> {
    let tolerance = match tolerance {
        None => webhook::DEFAULT_TOLERANCE,
        Some(t) if t >= 0.0 && t.fract() == 0.0 => t as u64,
        Some(_) => {
            return Err(Error::new(
                Status::InvalidArg,
                "tolerance must be a whole number of seconds >= 0",
            ))
        }
    };
    let inner = webhook::Webhook::new(&secrets_of(&secret))
        .map_err(|e| webhook_error(env, e))?
        .with_tolerance(tolerance);
    let data = Box::into_raw(Box::new(Verifier { inner }));
    let mut value = std::ptr::null_mut();
    // SAFETY: `data` is a fresh Box handed to the engine, which calls `drop_verifier` once when
    // the external is collected; on failure to create it we drop it here.
    unsafe {
        let status = sys::napi_create_external(
            env.raw(),
            data.cast(),
            Some(drop_verifier),
            std::ptr::null_mut(),
            &mut value,
        );
        if status != sys::Status::napi_ok {
            drop(Box::from_raw(data));
            return Err(Error::new(
                Status::GenericFailure,
                "napi_create_external failed",
            ));
        }
        check(
            sys::napi_type_tag_object(env.raw(), value, &VERIFIER_TAG),
            "napi_type_tag_object",
        )?;
        Unknown::from_napi_value(env.raw(), value)
    }
}

/// Reads a string argument as UTF-8 into `buf` with one N-API call; returns the length
/// written (N-API stops one byte short of `buf.len()` for the NUL).
fn read_utf8(env: &Env, value: &Unknown<'_>, buf: &mut [u8]) -> Result<usize> {
    let mut len = 0usize;
    // SAFETY: `buf` is valid for `buf.len()` bytes; N-API writes at most that many, NUL
    // included, and reports the bytes written without the NUL.
    let status = unsafe {
        sys::napi_get_value_string_utf8(
            env.raw(),
            value.raw(),
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut len,
        )
    };
    if status != sys::Status::napi_ok {
        return Err(Error::new(
            Status::InvalidArg,
            "cannot read the header string",
        ));
    }
    Ok(len)
}

/// Room for the usual header (one or two `v1`) on the stack; longer ones are read again into
/// a heap buffer one byte over the core's limit, so that a cut header is still refused.
const STACK_HEADER: usize = 512;

fn verify_with(
    env: &Env,
    verifier: &Verifier,
    body: &[u8],
    header: &Unknown<'_>,
    now: u64,
) -> Result<u64> {
    match header.get_type()? {
        ValueType::Undefined | ValueType::Null => {
            return Err(webhook_error(env, WebhookError::HeaderMissing))
        }
        ValueType::String => {}
        _ => {
            return Err(Error::new(
                Status::InvalidArg,
                "the X-Revtain-Signature header must be a string",
            ))
        }
    }
    let mut small = [0u8; STACK_HEADER];
    let mut large = Vec::new();
    let mut len = read_utf8(env, header, &mut small)?;
    let header: &[u8] = if len + 1 < STACK_HEADER {
        &small[..len]
    } else {
        large.resize(webhook::MAX_HEADER_LEN + 2, 0);
        len = read_utf8(env, header, &mut large)?;
        &large[..len]
    };
    verifier
        .inner
        .verify_signature(body, header, now)
        .map_err(|e| webhook_error(env, e))
}

/// `Webhook.verifySignature` with the clock: the hot path, so no `now` argument to convert.
/// `body` is a `Uint8Array` (`revtain.js` encodes strings).
#[napi(js_name = "_webhookVerify")]
pub fn webhook_verify(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: Unknown<'_>,
    body: Uint8ArraySlice,
    #[napi(ts_arg_type = "string | null | undefined")] header: Unknown<'_>,
) -> Result<f64> {
    verify_with(
        env,
        verifier_of(env, &handle)?,
        &body,
        &header,
        webhook::now_unix(),
    )
    .map(|t| t as f64)
}

/// `Webhook.verifySignature` at `now` (unix seconds).
#[napi(js_name = "_webhookVerifyAt")]
pub fn webhook_verify_at(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: Unknown<'_>,
    body: Uint8ArraySlice,
    #[napi(ts_arg_type = "string | null | undefined")] header: Unknown<'_>,
    now: Option<f64>,
) -> Result<f64> {
    let now = seconds(now, "now")?;
    verify_with(env, verifier_of(env, &handle)?, &body, &header, now).map(|t| t as f64)
}

/// `Webhook.verify`: verifies, then parses the event envelope.
#[napi(js_name = "_webhookVerifyEvent")]
pub fn webhook_verify_event(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: Unknown<'_>,
    body: Uint8ArraySlice,
    #[napi(ts_arg_type = "string | null | undefined")] header: Unknown<'_>,
    now: Option<f64>,
) -> Result<EventParts> {
    let now = seconds(now, "now")?;
    verify_with(env, verifier_of(env, &handle)?, &body, &header, now)?;
    let event = webhook::Event::parse(&body).map_err(|e| webhook_error(env, e))?;
    Ok(EventParts {
        data_json: event.data_json().to_owned(),
        id: event.id,
        event_type: event.event_type,
        created: event.created,
    })
}

/// The tolerance of a verifier, in seconds.
#[napi(js_name = "_webhookTolerance")]
pub fn webhook_tolerance(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: Unknown<'_>,
) -> Result<f64> {
    Ok(verifier_of(env, &handle)?.inner.tolerance() as f64)
}
