//! Revtain webhooks: `generateWebhookSecret`, `WebhookSigner`, `Webhook`.
//!
//! `Webhook` is a JavaScript class (`revtain.js`) over the functions `_webhook*` here, which
//! take the keyed verifier as a type-tagged external: a napi-rs class method call costs about
//! 0.5 µs (half of verifying 1 KiB), a plain function call 0.1 µs. The hot path,
//! `_webhookVerify` (`Webhook.verifySignature`), is a plain N-API callback in `raw.rs`. The
//! JSON parsing of `data` is JavaScript's, once, where the core found it in the body.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use revtain::webhook::{self, WebhookError};

use crate::convert::{buffer_or_string, number};
use crate::errors::{err, throw_detail};
use crate::raw;

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

/// A new Ed25519 signing key and its public key: `{ secretKey: 'whsk_...', publicKey:
/// 'whpk_...' }`. The signing key goes to `WebhookSigner`; the public key to whoever verifies.
#[napi(ts_return_type = "{ secretKey: string; publicKey: string }")]
pub fn generate_webhook_signing_key<'e>(env: &'e Env) -> Result<Object<'e>> {
    let (sk, pk) = webhook::generate_webhook_signing_key().map_err(err(env))?;
    let mut out = Object::new(env)?;
    out.set_named_property("secretKey", sk.as_str())?;
    out.set_named_property("publicKey", pk)?;
    Ok(out)
}

/// The `whpk_` public key of a `whsk_` signing key.
#[napi]
pub fn webhook_public_key(env: &Env, signing_key: String) -> Result<String> {
    webhook::webhook_public_key(signing_key.as_bytes()).map_err(|e| webhook_error(env, e))
}

/// Signs webhooks as Revtain does, with one secret or several (one `v1` each) and Ed25519
/// signing keys (`whsk_...`, one `v1a` each).
#[napi]
pub struct WebhookSigner {
    inner: webhook::WebhookSigner,
}

#[napi]
impl WebhookSigner {
    /// A signer for `secret` (`whsec_...`), or several while rotating.
    #[napi(constructor)]
    pub fn new(env: &Env, secret: Either<String, Vec<String>>) -> Result<Self> {
        let inner =
            webhook::WebhookSigner::new(&secrets_of(&secret)).map_err(|e| webhook_error(env, e))?;
        Ok(WebhookSigner { inner })
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

    /// `WebhookSigner(secrets=N)` (and `signing_keys=M`): never the secrets.
    #[napi(js_name = "toString")]
    pub fn to_js_string(&self) -> String {
        self.inner.describe()
    }

    /// As `toString()`, so that `JSON.stringify` never writes a secret.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> String {
        self.to_js_string()
    }
}

/// The lower-case spellings the core's header rule matches for `X-Revtain-Signature`.
#[napi(js_name = "_webhookHeaderKeys")]
pub fn webhook_header_keys() -> Vec<String> {
    revtain::headers::lowercase_spellings(webhook::SIGNATURE_HEADER).to_vec()
}

/// The keyed verifier behind `Webhook`, held by JavaScript as a type-tagged external (see
/// `raw.rs`: not a napi-rs `External`, whose borrow bookkeeping costs a tenth of a verification).
pub struct Verifier {
    inner: webhook::Webhook,
}

const VERIFIER_TAG: raw::Tag = raw::Tag::new(0x7265_7674_6169_6e2d, 0x7765_6268_6f6f_6b31);

/// The verifier behind a handle made by `webhook_new`; anything else is a `TypeError`.
pub fn verifier_of<'a>(env: &Env, handle: &Unknown<'a>) -> Result<&'a Verifier> {
    raw::tagged_ref(env, handle, &VERIFIER_TAG, "Webhook verifier")
}

/// Makes the keyed verifier behind `Webhook`: `secret` is one `whsec_...` string or several;
/// `tolerance` whole seconds (`undefined`: the core's default).
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
    raw::tagged_external(env, Verifier { inner }, &VERIFIER_TAG)
}

/// `Webhook.toString()`: how many keys of each kind and the tolerance, never a key.
#[napi(js_name = "_webhookDescribe")]
pub fn webhook_describe(env: &Env, handle: Unknown<'_>) -> Result<String> {
    Ok(verifier_of(env, &handle)?.inner.describe())
}

/// Verifies `body` against the header value (`None`: missing) at `now` (unix seconds as
/// JavaScript has them; `None`: the clock), for `_webhookVerify` in `raw.rs`.
pub fn verify_with(
    env: &Env,
    verifier: &Verifier,
    body: &[u8],
    header: Option<&[u8]>,
    now: Option<f64>,
) -> Result<u64> {
    let now = seconds(env, now, "now")?;
    let header = header.ok_or_else(|| webhook_error(env, WebhookError::HeaderMissing))?;
    verifier
        .inner
        .verify_signature(body, header, now)
        .map_err(|e| webhook_error(env, e))
}

/// What `Webhook.verify` returns to `revtain.js`: the envelope's fields and where `data` is.
pub struct VerifiedEvent {
    /// The event id.
    pub id: String,
    /// The event type.
    pub event_type: String,
    /// Unix seconds.
    pub created: i64,
    /// Where the `data` object is in the body, in bytes.
    pub data: std::ops::Range<usize>,
}

/// `Webhook.verify`, for `_webhookVerifyEvent` in `raw.rs`: finds the signature header among
/// `headers` (only the entries whose names the core's rule matches), verifies `body` at `now`
/// (unix seconds as JavaScript has them; `None`: the clock), then checks the event envelope.
pub fn verify_event_with<'h>(
    env: &Env,
    verifier: &Verifier,
    body: &[u8],
    headers: impl Iterator<Item = (&'h [u8], &'h [u8])>,
    now: Option<f64>,
) -> Result<VerifiedEvent> {
    let now = seconds(env, now, "now")?;
    let header = webhook::find_signature_header(headers).map_err(err(env))?;
    verifier
        .inner
        .verify_signature(body, revtain::headers::trim(header), now)
        .map_err(err(env))?;
    let event = webhook::Event::parse_borrowed(body).map_err(err(env))?;
    let data = event.data_range(body);
    Ok(VerifiedEvent {
        id: event.id,
        event_type: event.event_type,
        created: event.created,
        data,
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
