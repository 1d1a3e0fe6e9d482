//! Revtain webhooks: `generateWebhookSecret`, `WebhookSigner`, `Webhook`.
//!
//! `Webhook` is a JavaScript class (`revtain.js`) over the functions `_webhook*` here, which
//! take the keyed verifier as a type-tagged external: a napi-rs class method call costs about
//! 0.5 µs (half of verifying 1 KiB), a plain function call 0.1 µs. The hot path,
//! `_webhookVerify` (`Webhook.verifySignature`), is a plain N-API callback without napi-rs's
//! per-call borrow bookkeeping. The header lookup in any container and the JSON parsing of
//! `data` are JavaScript too, cheaper on that side of the boundary.

use napi::bindgen_prelude::*;
use napi::sys;
use napi_derive::napi;
use revtain::webhook::{self, WebhookError};

use crate::convert::{buffer_or_string, number};
use crate::errors::{err, throw_detail};

fn webhook_error(env: &Env, e: WebhookError) -> Error {
    throw_detail(env, &revtain::ErrorDetail::from(&e))
}

/// Unix seconds from JavaScript, checked by the core; `undefined` is the clock.
fn seconds(env: &Env, value: Option<f64>, what: &str) -> Result<u64> {
    webhook::unix_seconds_from(number(value), what).map_err(err(env))
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
        .map_err(err(env))
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
    #[napi(
        ts_return_type = "{ 'X-Revtain-Signature': string; 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string }"
    )]
    pub fn sign<'e>(
        &self,
        env: &'e Env,
        body: Either<&[u8], String>,
        event_id: String,
        timestamp: Option<f64>,
    ) -> Result<Object<'e>> {
        let t = seconds(env, timestamp, "timestamp")?;
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
        env: &Env,
        body: Either<&[u8], String>,
        timestamp: Option<f64>,
    ) -> Result<String> {
        let t = seconds(env, timestamp, "timestamp")?;
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

/// The parts of a verified event; `revtain.js` parses `data` from the body, where the core
/// found it (`dataStart..dataEnd`, bytes).
#[napi(object)]
pub struct EventParts {
    /// The event id.
    pub id: String,
    /// The event type.
    #[napi(js_name = "type")]
    pub event_type: String,
    /// Unix seconds.
    pub created: i64,
    /// Where the `data` object starts in the body, in bytes.
    pub data_start: u32,
    /// Where it ends.
    pub data_end: u32,
}

/// The lower-case spellings the core's header rule matches for `X-Revtain-Signature`.
#[napi(js_name = "_webhookHeaderKeys")]
pub fn webhook_header_keys() -> Vec<String> {
    revtain::headers::lowercase_spellings(webhook::SIGNATURE_HEADER).to_vec()
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
        // A value that is not an object fails the call: not a handle either. (For `null` and
        // `undefined` N-API has also thrown a TypeError from its object conversion: cleared, so
        // that the error below is the one thrown.)
        let status =
            sys::napi_check_object_type_tag(env.raw(), handle.raw(), &VERIFIER_TAG, &mut tagged);
        if status != sys::Status::napi_ok {
            let mut pending = std::ptr::null_mut();
            sys::napi_get_and_clear_last_exception(env.raw(), &mut pending);
        }
        if status != sys::Status::napi_ok || !tagged {
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
    let tolerance = webhook::tolerance_from(number(tolerance)).map_err(err(env))?;
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

/// Reads a string as UTF-8 into `buf` with one N-API call: the length written, or `None` when
/// `value` is not a string. N-API writes whole characters and a NUL, so the string was cut short
/// exactly when the length is within 4 bytes (the longest character) of `buf.len()`; with an empty
/// `buf` it only reports the whole length.
fn read_utf8(env: &Env, value: &Unknown<'_>, buf: &mut [u8]) -> Result<Option<usize>> {
    let mut len = 0usize;
    let ptr = if buf.is_empty() {
        std::ptr::null_mut()
    } else {
        buf.as_mut_ptr().cast()
    };
    // SAFETY: `buf` is valid for `buf.len()` bytes; N-API writes at most that many, NUL
    // included, and reports the bytes written without the NUL (a null `buf`: the length).
    let status = unsafe {
        sys::napi_get_value_string_utf8(env.raw(), value.raw(), ptr, buf.len(), &mut len)
    };
    match status {
        sys::Status::napi_ok => Ok(Some(len)),
        sys::Status::napi_string_expected => Ok(None),
        _ => Err(Error::new(
            Status::GenericFailure,
            "cannot read the header string",
        )),
    }
}

/// Room for the usual header (up to three `v1`) on the stack; longer ones are read again into a
/// heap buffer of their exact length.
const STACK_HEADER: usize = 512;

/// Verifies `body` against the header string `header` (`null`/`undefined`: missing).
fn verify_with(
    env: &Env,
    verifier: &Verifier,
    body: &[u8],
    header: &Unknown<'_>,
    now: u64,
) -> Result<u64> {
    let mut small = [0u8; STACK_HEADER];
    let mut large = Vec::new();
    let header: &[u8] = match read_utf8(env, header, &mut small)? {
        // Checked only off the usual path, where the argument is a string.
        None => {
            return Err(match header.get_type()? {
                ValueType::Undefined | ValueType::Null => {
                    webhook_error(env, WebhookError::HeaderMissing)
                }
                _ => Error::new(
                    Status::InvalidArg,
                    "the X-Revtain-Signature header must be a string",
                ),
            })
        }
        Some(len) if len + 4 < STACK_HEADER => &small[..len],
        Some(_) => {
            let whole = read_utf8(env, header, &mut [])?.unwrap_or(0);
            large.resize(whole + 1, 0);
            let len = read_utf8(env, header, &mut large)?.unwrap_or(0);
            &large[..len]
        }
    };
    verifier
        .inner
        .verify_signature(body, header, now)
        .map_err(|e| webhook_error(env, e))
}

/// `_webhookVerify(handle, body, header, now?)`, behind `Webhook.verifySignature`: the hot
/// path, so a plain N-API callback registered on the exports by [`register_raw_exports`].
///
/// A `#[napi]` function with arguments opens a native-borrow scope on every call (an
/// `Arc<Mutex<…>>` allocated and freed, thread-local pushes and pops: ≈ 0.1 µs, a tenth of
/// verifying 1 KiB), and `Uint8ArraySlice` registers the body in it. Here the arguments are read
/// with one N-API call each and nothing is allocated: `body` is any `Uint8Array` (a Buffer, a
/// view at any offset; `revtain.js` encodes strings), borrowed for the call; `header` a string
/// (`null`/`undefined`: missing); `now` unix seconds (`null`/`undefined`: the clock). Returns the
/// verified timestamp as a number.
unsafe extern "C" fn webhook_verify_raw(
    raw_env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    let result = std::panic::catch_unwind(|| {
        // SAFETY: `raw_env` and `info` are this callback's own.
        unsafe { webhook_verify_args(raw_env, info) }
    });
    let error = match result {
        Ok(Ok(t)) => {
            let mut value = std::ptr::null_mut();
            // SAFETY: a plain N-API call in this callback's env.
            if unsafe { sys::napi_create_double(raw_env, t, &mut value) } == sys::Status::napi_ok {
                return value;
            }
            Error::new(Status::GenericFailure, "napi_create_double failed")
        }
        Ok(Err(e)) => e,
        Err(_) => Error::new(
            Status::GenericFailure,
            "revtain: internal error (panic) while verifying a webhook",
        ),
    };
    // SAFETY: `raw_env` is live; a pending exception (thrown by `throw`) is left as it is.
    unsafe { JsError::from(error).throw_into(raw_env) };
    std::ptr::null_mut()
}

/// The arguments of `_webhookVerify`, read and verified; see [`webhook_verify_raw`].
///
/// # Safety
///
/// `raw_env` and `info` are those of a live N-API callback.
unsafe fn webhook_verify_args(
    raw_env: sys::napi_env,
    info: sys::napi_callback_info,
) -> Result<f64> {
    let env = Env::from_raw(raw_env);
    let mut argc = 4usize;
    let mut argv = [std::ptr::null_mut(); 4];
    // SAFETY (whole block): plain N-API calls on the values of this callback, which the
    // engine keeps alive until it returns; missing arguments read as `undefined`.
    unsafe {
        check(
            sys::napi_get_cb_info(
                raw_env,
                info,
                &mut argc,
                argv.as_mut_ptr(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            ),
            "napi_get_cb_info",
        )?;
        let verifier = verifier_of(&env, &Unknown::from_raw_unchecked(raw_env, argv[0]))?;
        let body = uint8_array(raw_env, argv[1])?;
        let now = now_arg(raw_env, argv[3])?;
        let header = Unknown::from_raw_unchecked(raw_env, argv[2]);
        verify_with(&env, verifier, body, &header, now).map(|t| t as f64)
    }
}

/// `now` for `_webhookVerify`: unix seconds; `null`/`undefined` is the clock.
///
/// # Safety
///
/// `value` is a live value of `raw_env`.
unsafe fn now_arg(raw_env: sys::napi_env, value: sys::napi_value) -> Result<u64> {
    let mut v = 0f64;
    // SAFETY: see the function's contract.
    match unsafe { sys::napi_get_value_double(raw_env, value, &mut v) } {
        sys::Status::napi_ok => seconds(&Env::from_raw(raw_env), Some(v), "now"),
        _ => {
            let mut t = 0;
            // SAFETY: as above.
            check(
                unsafe { sys::napi_typeof(raw_env, value, &mut t) },
                "napi_typeof",
            )?;
            match t {
                sys::ValueType::napi_undefined | sys::ValueType::napi_null => {
                    Ok(webhook::now_unix())
                }
                _ => Err(Error::new(
                    Status::InvalidArg,
                    "now must be unix seconds: a whole number >= 0",
                )),
            }
        }
    }
}

/// The bytes of a `Uint8Array` (a Buffer, or a view at any offset), borrowed.
///
/// # Safety
///
/// `value` is an argument of the current callback: the engine keeps it, and so its memory,
/// alive until the callback returns, and nothing here runs JavaScript that could detach it.
unsafe fn uint8_array<'a>(raw_env: sys::napi_env, value: sys::napi_value) -> Result<&'a [u8]> {
    let not_bytes = || {
        Error::new(
            Status::InvalidArg,
            "body must be a string, Buffer or Uint8Array (the raw request body)",
        )
    };
    let mut kind = 0;
    let mut len = 0usize;
    let mut data = std::ptr::null_mut();
    // SAFETY: see the function's contract; N-API's `data` already points at the view's first
    // byte (the byte offset applied). A value that is not a typed array is refused by N-API.
    unsafe {
        let status = sys::napi_get_typedarray_info(
            raw_env,
            value,
            &mut kind,
            &mut len,
            &mut data,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        );
        if status != sys::Status::napi_ok {
            return Err(not_bytes());
        }
        if kind != sys::TypedarrayType::uint8_array {
            return Err(not_bytes());
        }
        if len == 0 || data.is_null() {
            return Ok(&[]);
        }
        Ok(std::slice::from_raw_parts(data.cast::<u8>(), len))
    }
}

/// Adds the plain N-API functions to the exports (see [`webhook_verify_raw`]).
#[napi(module_exports)]
pub fn register_raw_exports(exports: Object, env: Env) -> Result<()> {
    let mut function = std::ptr::null_mut();
    let name = "_webhookVerify";
    // SAFETY: plain N-API calls during module initialisation; `webhook_verify_raw` is a valid
    // N-API callback for the module's whole life.
    unsafe {
        check(
            sys::napi_create_function(
                env.raw(),
                name.as_ptr().cast(),
                name.len() as isize,
                Some(webhook_verify_raw),
                std::ptr::null_mut(),
                &mut function,
            ),
            "napi_create_function",
        )?;
        check(
            sys::napi_set_named_property(
                env.raw(),
                exports.raw(),
                c"_webhookVerify".as_ptr(),
                function,
            ),
            "napi_set_named_property",
        )
    }
}

/// `Webhook.verify`: finds the signature header among `headers` (`[name0, value0, …]`, only
/// the entries whose names the core's rule matches), verifies, then checks the event envelope.
#[napi(js_name = "_webhookVerifyEvent")]
pub fn webhook_verify_event(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: Unknown<'_>,
    body: Uint8ArraySlice,
    headers: Vec<String>,
    now: Option<f64>,
) -> Result<EventParts> {
    let now = seconds(env, now, "now")?;
    let verifier = verifier_of(env, &handle)?;
    let pairs = headers
        .chunks_exact(2)
        .map(|p| (p[0].as_str(), p[1].as_str()));
    let header = webhook::find_signature_header(pairs).map_err(err(env))?;
    verifier
        .inner
        .verify_signature(&body, revtain::headers::trim(header.as_bytes()), now)
        .map_err(err(env))?;
    let event = webhook::Event::parse_borrowed(&body).map_err(err(env))?;
    let data = event.data_range(&body);
    Ok(EventParts {
        id: event.id,
        event_type: event.event_type,
        created: event.created,
        data_start: data.start as u32,
        data_end: data.end as u32,
    })
}

/// `Webhook.diagnose`: what most likely went wrong with a signature that does not verify, one
/// sentence per finding (none when it verifies).
#[napi(js_name = "_webhookDiagnose")]
pub fn webhook_diagnose(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: Unknown<'_>,
    body: Uint8ArraySlice,
    header: Option<String>,
    now: Option<f64>,
) -> Result<Vec<String>> {
    let now = seconds(env, now, "now")?;
    let verifier = verifier_of(env, &handle)?;
    Ok(verifier
        .inner
        .diagnose(&body, header.as_deref().unwrap_or("").as_bytes(), now))
}

/// The tolerance of a verifier, in seconds.
#[napi(js_name = "_webhookTolerance")]
pub fn webhook_tolerance(
    env: &Env,
    #[napi(ts_arg_type = "object")] handle: Unknown<'_>,
) -> Result<f64> {
    Ok(verifier_of(env, &handle)?.inner.tolerance() as f64)
}
