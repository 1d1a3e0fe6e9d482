//! Revtain webhooks (docs/spec.md §2.3): signing by Revtain, verification by merchants.
//!
//! A signing secret is `whsec_` + standard base64 of 32 random bytes ([`generate_webhook_secret`]);
//! the HMAC key is the decoded bytes. For a body, an event id and a timestamp `t` (unix seconds),
//! [`WebhookSigner::sign`] produces:
//!
//! ```text
//! X-Revtain-Signature: t=<t>,v1=<hex HMAC-SHA256(key, "<t>.<body>")>[,v1=<hex>]…
//! webhook-id:          <event id>
//! webhook-timestamp:   <t>
//! webhook-signature:   v1,<base64 HMAC-SHA256(key, "<id>.<t>.<body>")>[ v1,<base64>]…
//! ```
//!
//! one `v1` per secret (several while a merchant rotates). The last three are the Standard
//! Webhooks headers, so any Standard Webhooks library verifies Revtain webhooks too.
//!
//! **Asymmetric signatures** (docs/spec.md §2.9): a signer may also hold an Ed25519 signing key,
//! `whsk_` + base64 of its 32-byte seed ([`generate_webhook_signing_key`]), alone or beside
//! `whsec_` secrets while merchants migrate. For each it adds `v1a=<base64 of the 64-byte
//! Ed25519 signature of "<t>.<body>">` to `X-Revtain-Signature` and `v1a,<base64 of the signature
//! of "<id>.<t>.<body>">` to `webhook-signature` (the Standard Webhooks asymmetric form). A
//! verifier built from the public key, `whpk_` + base64 of 32 bytes, accepts them, so a verifying
//! key that leaks lets nobody forge a webhook. A verifier may hold any mix of `whsec_` secrets
//! and `whpk_` keys; an entry of a kind it holds no key for is skipped. A verifier refuses a
//! `whsk_` key: a service that verifies never holds the key that signs.
//!
//! [`Webhook`] verifies `X-Revtain-Signature` against the raw body as received: it accepts when
//! any well-formed `v1` matches the HMAC under any of its secrets (compared in constant time) and
//! the timestamp is within the tolerance (default 300 s) in both directions. `v1` values that are
//! not exactly 64 lowercase hex characters, the empty one included, are skipped and never
//! compared. Each failure has its own [`WebhookError`] variant.
//!
//! ```
//! use revtain::webhook::{generate_webhook_secret, Webhook, WebhookSigner};
//!
//! let secret = generate_webhook_secret()?;
//! let body = br#"{"id":"evt_1","type":"payment.recovered","created":1700000000,"data":{}}"#;
//! let headers = WebhookSigner::new(&[&*secret])?.sign(body, "evt_1", 1_700_000_000)?;
//!
//! let webhook = Webhook::new(&[&*secret])?;
//! let event = webhook.verify(body, headers.iter(), 1_700_000_030)?;
//! assert_eq!(event.event_type, "payment.recovered");
//! # Ok::<(), revtain::Error>(())
//! ```

use core::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use ed25519_dalek::ed25519::signature::MultipartSigner as _;
use ed25519_dalek::{Signature as Ed25519Signature, SigningKey, VerifyingKey};
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use serde_json::value::RawValue;
use sha2::Sha256;
use thiserror::Error;
use zeroize::Zeroizing;

mod diagnose;
pub use diagnose::MAX_DIAGNOSED_BODY;

use crate::args::{self, Number};
use crate::wire::{self, DecimalError, WhsecError, STANDARD};
use crate::{ErrorDetail, ErrorKind, RandomUnavailable};

/// The Revtain signature header.
pub const SIGNATURE_HEADER: &str = "X-Revtain-Signature";
/// The Standard Webhooks message id header.
pub const WEBHOOK_ID_HEADER: &str = "webhook-id";
/// The Standard Webhooks timestamp header.
pub const WEBHOOK_TIMESTAMP_HEADER: &str = "webhook-timestamp";
/// The Standard Webhooks signature header.
pub const WEBHOOK_SIGNATURE_HEADER: &str = "webhook-signature";
/// The prefix of every webhook signing secret.
pub const SECRET_PREFIX: &str = "whsec_";
/// The prefix of an Ed25519 webhook signing key (the sender's, never a verifier's).
pub const SIGNING_KEY_PREFIX: &str = "whsk_";
/// The prefix of an Ed25519 webhook verifying (public) key.
pub const PUBLIC_KEY_PREFIX: &str = "whpk_";
/// Length of a `v1a` signature: standard base64, with padding, of 64 bytes.
pub const ED25519_SIGNATURE_BASE64_LEN: usize = 88;
/// Number of random bytes in a signing secret (the HMAC key).
pub const SECRET_BYTES: usize = 32;
/// The default tolerance, in seconds, in both directions.
pub const DEFAULT_TOLERANCE: u64 = 300;
/// Length of a `v1` signature: 64 lowercase hex characters.
pub const SIGNATURE_HEX_LEN: usize = 64;
/// The most `v1` and `v1a` entries, together, a header may carry.
pub const MAX_SIGNATURES: usize = 16;
/// The longest signature header accepted, in bytes.
pub const MAX_HEADER_LEN: usize = 4096;
/// The longest event id [`WebhookSigner::sign`] accepts, in bytes.
pub const MAX_EVENT_ID_LEN: usize = 256;
/// The most secrets a signer or verifier holds.
pub const MAX_SECRETS: usize = 16;

const MAC_LEN: usize = 32;
const ED25519_SIGNATURE_LEN: usize = 64;

/// Why a webhook could not be signed or verified.
///
/// No variant carries a secret or a signature value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WebhookError {
    /// The request has no `X-Revtain-Signature` header.
    #[error(
        "the X-Revtain-Signature header is missing: this request was not signed by Revtain, or \
         a proxy dropped the header"
    )]
    HeaderMissing,
    /// The signature header is not `t=<unix seconds>,v1=<hex>…`; says what is wrong.
    #[error("the X-Revtain-Signature header is malformed: {0}")]
    HeaderMalformed(String),
    /// The header has no `v1` (or, for a verifier holding public keys, `v1a`) signature that
    /// could be checked; says why.
    #[error("the X-Revtain-Signature header has no usable signature: {0}")]
    NoSignature(String),
    /// A signature matched, but its timestamp is outside the tolerance.
    #[error(
        "the webhook timestamp is outside the tolerance of {tolerance} s: it was signed {} \
         (a replayed webhook, or a clock that is off){}",
        describe_age(*age),
        milliseconds_hint(*timestamp, *age)
    )]
    TimestampOutOfTolerance {
        /// `now - t` in seconds: positive for a timestamp in the past, negative in the future.
        age: i64,
        /// The tolerance that was applied, in seconds.
        tolerance: u64,
        /// The signed timestamp `t`, unix seconds.
        timestamp: u64,
    },
    /// No `v1` signature matches the body under any of the secrets, and no `v1a` signature
    /// verifies under any of the public keys.
    #[error("{}", KeyKinds { secrets: *secrets, public_keys: *public_keys }.mismatch())]
    SignatureMismatch {
        /// How many `whsec_` secrets were tried.
        secrets: usize,
        /// How many `whpk_` public keys were tried.
        public_keys: usize,
    },
    /// A signing secret is not `whsec_` + base64 of 32 bytes; says what is wrong (never the
    /// secret).
    #[error("invalid webhook secret: {0}")]
    InvalidSecret(String),
    /// An event id cannot be signed (it goes into the `webhook-id` header).
    #[error("invalid event id: {0}")]
    InvalidEventId(String),
    /// The signature verified but the body is not a Revtain event envelope; says what is wrong.
    #[error("the webhook body is not a Revtain event: {0}")]
    InvalidPayload(String),
    /// A tolerance, `now` or timestamp given by the caller cannot be used; says which and why.
    #[error("invalid webhook options: {0}")]
    InvalidOptions(String),
    /// The OS random number generator failed.
    #[error(transparent)]
    Random(#[from] RandomUnavailable),
}

/// How many keys of each kind a verifier holds: what its errors say it tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyKinds {
    /// `whsec_` secrets (they check `v1` entries).
    pub secrets: usize,
    /// `whpk_` public keys (they check `v1a` entries).
    pub public_keys: usize,
}

impl KeyKinds {
    /// The entries these keys check: `v1`, `v1a` or `v1 or v1a`.
    fn entries(self) -> &'static str {
        match (self.secrets > 0, self.public_keys > 0) {
            (true, true) => "v1 or v1a",
            (false, true) => "v1a",
            _ => "v1",
        }
    }

    fn configured(self) -> String {
        let count =
            |n: usize, one: &str| format!("{n} configured {one}{}", if n == 1 { "" } else { "s" });
        match (self.secrets, self.public_keys) {
            (s, 0) => count(s, "secret"),
            (0, p) => count(p, "public key"),
            (s, p) => format!("{} and {}", count(s, "secret"), count(p, "public key")),
        }
    }

    /// The message of [`WebhookError::SignatureMismatch`] for a verifier holding these keys.
    fn mismatch(self) -> String {
        format!(
            "signature mismatch: no {} signature matches this body under the {}. The usual \
             causes: a framework parsed and re-serialised the body (verify the raw request bytes \
             exactly as received), or the wrong webhook {} is configured",
            self.entries(),
            self.configured(),
            self.noun()
        )
    }

    fn noun(self) -> &'static str {
        match (self.secrets > 0, self.public_keys > 0) {
            (true, true) => "secret or public key",
            (false, true) => "public key",
            _ => "secret",
        }
    }
}

fn describe_age(age: i64) -> String {
    if age >= 0 {
        format!("{age} s ago")
    } else {
        format!("{} s in the future", age.unsigned_abs())
    }
}

/// A hint for a window refusal whose timestamp (or clock) is in milliseconds: the signed time,
/// or `now`, is then about a thousand times the other.
pub(crate) fn milliseconds_hint(timestamp: u64, age: i64) -> &'static str {
    let now = i128::from(timestamp) + i128::from(age);
    let t = i128::from(timestamp);
    let looks_like_ms =
        |big: i128, small: i128| big > 100_000_000_000 && (big / 1000 - small).abs() < 86_400 * 366;
    if looks_like_ms(t, now) {
        "; the signed timestamp looks like milliseconds: the scheme signs unix seconds"
    } else if looks_like_ms(now, t) {
        "; now looks like milliseconds: pass unix seconds"
    } else {
        ""
    }
}

impl WebhookError {
    /// The error kind shared with the C, Python and Node surfaces.
    pub fn kind(&self) -> ErrorKind {
        match self {
            WebhookError::HeaderMissing => ErrorKind::WebhookHeaderMissing,
            WebhookError::HeaderMalformed(_) => ErrorKind::WebhookHeaderMalformed,
            WebhookError::NoSignature(_) => ErrorKind::WebhookNoSignature,
            WebhookError::TimestampOutOfTolerance { .. } => {
                ErrorKind::WebhookTimestampOutOfTolerance
            }
            WebhookError::SignatureMismatch { .. } => ErrorKind::WebhookSignatureMismatch,
            WebhookError::InvalidSecret(_) => ErrorKind::WebhookInvalidSecret,
            WebhookError::InvalidEventId(_) => ErrorKind::WebhookInvalidEventId,
            WebhookError::InvalidPayload(_) => ErrorKind::WebhookInvalidPayload,
            WebhookError::InvalidOptions(_) => ErrorKind::WebhookInvalidOptions,
            WebhookError::Random(e) => e.kind(),
        }
    }

    /// The age in seconds, for [`WebhookError::TimestampOutOfTolerance`].
    pub fn age(&self) -> Option<i64> {
        match self {
            WebhookError::TimestampOutOfTolerance { age, .. } => Some(*age),
            _ => None,
        }
    }

    /// The tolerance in seconds, for [`WebhookError::TimestampOutOfTolerance`].
    pub fn tolerance(&self) -> Option<u64> {
        match self {
            WebhookError::TimestampOutOfTolerance { tolerance, .. } => Some(*tolerance),
            _ => None,
        }
    }

    /// The signed timestamp, for [`WebhookError::TimestampOutOfTolerance`].
    pub fn timestamp(&self) -> Option<u64> {
        match self {
            WebhookError::TimestampOutOfTolerance { timestamp, .. } => Some(*timestamp),
            _ => None,
        }
    }

    /// The header a missing, malformed or signature-less header error is about.
    pub fn header(&self) -> Option<&'static str> {
        match self {
            WebhookError::HeaderMissing
            | WebhookError::HeaderMalformed(_)
            | WebhookError::NoSignature(_) => Some(SIGNATURE_HEADER),
            _ => None,
        }
    }
}

impl From<&WebhookError> for ErrorDetail {
    fn from(e: &WebhookError) -> ErrorDetail {
        ErrorDetail {
            header: e.header(),
            age: e.age(),
            tolerance: e.tolerance(),
            timestamp: e.timestamp(),
            ..ErrorDetail::new(e.kind(), e.to_string())
        }
    }
}

/// The tolerance of a verifier from a host number: `None` is [`DEFAULT_TOLERANCE`]; otherwise
/// whole seconds `>= 0`.
pub fn tolerance_from(value: Option<Number>) -> Result<u64, WebhookError> {
    match value {
        None => Ok(DEFAULT_TOLERANCE),
        Some(v) => args::whole_seconds(v, "tolerance", i64::MAX.unsigned_abs())
            .map_err(|e| WebhookError::InvalidOptions(e.0)),
    }
}

/// A `now` or `timestamp` from a host number: unix seconds; `None` is the system clock.
pub fn unix_seconds_from(value: Option<Number>, what: &str) -> Result<u64, WebhookError> {
    args::unix_seconds(value, what)
        .map(|t| t.unwrap_or_else(now_unix))
        .map_err(|e| WebhookError::InvalidOptions(e.0))
}

/// The current time in unix seconds (0 if the clock is before 1970).
pub fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Generates a signing secret: `whsec_` + standard base64 of 32 bytes from the OS CSPRNG.
pub fn generate_webhook_secret() -> Result<Zeroizing<String>, RandomUnavailable> {
    let mut key = Zeroizing::new([0u8; SECRET_BYTES]);
    crate::rng::fill(&mut *key)?;
    let mut out = Zeroizing::new(String::with_capacity(SECRET_PREFIX.len() + 44));
    out.push_str(SECRET_PREFIX);
    STANDARD.encode_string(key.as_slice(), &mut out);
    Ok(out)
}

/// Generates an Ed25519 webhook signing key and its public key: `(whsk_…, whpk_…)`, each
/// `prefix` + standard base64 (with padding) of 32 bytes; the seed comes from the OS CSPRNG.
/// The signing key goes to [`WebhookSigner`]; the public key is what merchants verify with.
pub fn generate_webhook_signing_key() -> Result<(Zeroizing<String>, String), RandomUnavailable> {
    let mut seed = Zeroizing::new([0u8; SECRET_BYTES]);
    crate::rng::fill(&mut *seed)?;
    let key = SigningKey::from_bytes(&seed);
    let mut out = Zeroizing::new(String::with_capacity(SIGNING_KEY_PREFIX.len() + 44));
    out.push_str(SIGNING_KEY_PREFIX);
    STANDARD.encode_string(seed.as_slice(), &mut out);
    Ok((out, public_key_text(&key.verifying_key())))
}

/// The `whpk_` public key of a `whsk_` signing key.
pub fn webhook_public_key(signing_key: &[u8]) -> Result<String, WebhookError> {
    let trimmed = signing_key.trim_ascii();
    let Some(body) = trimmed.strip_prefix(SIGNING_KEY_PREFIX.as_bytes()) else {
        return Err(WebhookError::InvalidSecret(format!(
            "it must start with \"{SIGNING_KEY_PREFIX}\" (an Ed25519 webhook signing key)"
        )));
    };
    let key = decode_signing_key(body).map_err(WebhookError::InvalidSecret)?;
    Ok(public_key_text(&key.verifying_key()))
}

fn public_key_text(key: &VerifyingKey) -> String {
    let mut out = String::with_capacity(PUBLIC_KEY_PREFIX.len() + 44);
    out.push_str(PUBLIC_KEY_PREFIX);
    STANDARD.encode_string(key.as_bytes(), &mut out);
    out
}

/// One key of a signer or a verifier, prepared once.
#[derive(Clone)]
enum Key {
    /// A `whsec_` secret, keyed once; the state wipes itself on drop (`hmac`'s `zeroize`).
    Hmac(Hmac<Sha256>),
    /// A `whsk_` signing key (signers only); wiped on drop (`ed25519-dalek`'s `zeroize`).
    Signing(Box<SigningKey>),
    /// A `whpk_` public key (verifiers only).
    Public(VerifyingKey),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Sign,
    Verify,
}

/// The keys of a signer or a verifier, in the order given.
#[derive(Clone)]
struct Keys {
    keys: Vec<Key>,
    kinds: KeyKinds,
}

impl Keys {
    fn parse<S: AsRef<[u8]>>(secrets: &[S], role: Role) -> Result<Keys, WebhookError> {
        if secrets.is_empty() {
            return Err(WebhookError::InvalidSecret("no secret was given".into()));
        }
        if secrets.len() > MAX_SECRETS {
            return Err(WebhookError::InvalidSecret(format!(
                "{} secrets were given; at most {MAX_SECRETS}",
                secrets.len()
            )));
        }
        let many = secrets.len() > 1;
        let keys = secrets
            .iter()
            .enumerate()
            .map(|(i, s)| {
                parse_key(s.as_ref(), role).map_err(|why| {
                    WebhookError::InvalidSecret(if many {
                        format!("secret {i} (0-based): {why}")
                    } else {
                        why
                    })
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let secrets = keys.iter().filter(|k| matches!(k, Key::Hmac(_))).count();
        Ok(Keys {
            kinds: KeyKinds {
                secrets,
                public_keys: keys.len() - secrets,
            },
            keys,
        })
    }

    fn len(&self) -> usize {
        self.keys.len()
    }

    fn hmacs(&self) -> impl Iterator<Item = &Hmac<Sha256>> {
        self.keys.iter().filter_map(|k| match k {
            Key::Hmac(mac) => Some(mac),
            _ => None,
        })
    }

    fn public_keys(&self) -> impl Iterator<Item = &VerifyingKey> {
        self.keys.iter().filter_map(|k| match k {
            Key::Public(key) => Some(key),
            _ => None,
        })
    }
}

/// One secret or key, by its prefix; errors never contain it.
fn parse_key(text: &[u8], role: Role) -> Result<Key, String> {
    let trimmed = text.trim_ascii();
    if let Some(body) = trimmed.strip_prefix(SIGNING_KEY_PREFIX.as_bytes()) {
        return match role {
            Role::Sign => Ok(Key::Signing(Box::new(decode_signing_key(body)?))),
            Role::Verify => Err(format!(
                "it is an Ed25519 signing key ({SIGNING_KEY_PREFIX}…), which only the sender may \
                 hold: verify with its public key ({PUBLIC_KEY_PREFIX}…)"
            )),
        };
    }
    if let Some(body) = trimmed.strip_prefix(PUBLIC_KEY_PREFIX.as_bytes()) {
        return match role {
            Role::Verify => decode_public_key(body).map(Key::Public),
            Role::Sign => Err(format!(
                "it is an Ed25519 public key ({PUBLIC_KEY_PREFIX}…), which verifies; sign with \
                 the signing key ({SIGNING_KEY_PREFIX}…)"
            )),
        };
    }
    let key = decode_secret(trimmed).map_err(|why| {
        if trimmed.starts_with(SECRET_PREFIX.as_bytes()) {
            why
        } else {
            let other = match role {
                Role::Sign => format!("\"{SIGNING_KEY_PREFIX}\" (an Ed25519 signing key)"),
                Role::Verify => format!("\"{PUBLIC_KEY_PREFIX}\" (an Ed25519 public key)"),
            };
            format!(
                "it must start with \"{SECRET_PREFIX}\" (the webhook signing secret from the \
                 Revtain dashboard) or {other}, not an API key"
            )
        }
    })?;
    Ok(Key::Hmac(
        <Hmac<Sha256> as KeyInit>::new_from_slice(&key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length")),
    ))
}

fn decode_secret(secret: &[u8]) -> Result<Zeroizing<Vec<u8>>, String> {
    let key = wire::decode_whsec(secret, false, SECRET_BYTES).map_err(|e| match e {
        WhsecError::TooLong(_) => format!("{e}; expected exactly {SECRET_BYTES}"),
        _ => e.to_string(),
    })?;
    if key.len() != SECRET_BYTES {
        return Err(format!(
            "it decodes to {} bytes; expected exactly {SECRET_BYTES}",
            key.len()
        ));
    }
    Ok(key)
}

/// The part of a `whsk_` key after its prefix: base64 of the 32-byte seed, or of the 64-byte
/// `seed ‖ public key` form (whose public half must be the seed's).
fn decode_signing_key(body: &[u8]) -> Result<SigningKey, String> {
    let bytes = wire::decode_key_base64(body, SIGNING_KEY_PREFIX, 64).map_err(|e| match e {
        WhsecError::TooLong(_) => {
            format!("{e}; expected 32 (the seed) or 64 (seed and public key)")
        }
        _ => e.to_string(),
    })?;
    match bytes.len() {
        32 => {
            let mut seed = Zeroizing::new([0u8; 32]);
            seed.copy_from_slice(&bytes);
            Ok(SigningKey::from_bytes(&seed))
        }
        64 => {
            let mut pair = Zeroizing::new([0u8; 64]);
            pair.copy_from_slice(&bytes);
            SigningKey::from_keypair_bytes(&pair).map_err(|_| {
                "its last 32 bytes are not the public key of its first 32 (the seed)".to_owned()
            })
        }
        n => Err(format!(
            "it decodes to {n} bytes; expected 32 (the seed) or 64 (seed and public key)"
        )),
    }
}

/// The part of a `whpk_` key after its prefix: base64 of a 32-byte Ed25519 public key that is
/// a valid point outside the small-order subgroup.
pub(crate) fn decode_public_key(body: &[u8]) -> Result<VerifyingKey, String> {
    let bytes = wire::decode_key_base64(body, PUBLIC_KEY_PREFIX, 32).map_err(|e| match e {
        WhsecError::TooLong(_) => format!("{e}; expected exactly 32"),
        _ => e.to_string(),
    })?;
    let bytes: [u8; 32] = bytes[..]
        .try_into()
        .map_err(|_| format!("it decodes to {} bytes; expected exactly 32", bytes.len()))?;
    match VerifyingKey::from_bytes(&bytes) {
        Ok(key) if !key.is_weak() => Ok(key),
        Ok(_) => Err(
            "it is a weak Ed25519 key (of small order), which verifies forged \
                      signatures"
                .to_owned(),
        ),
        Err(_) => Err("it is not an Ed25519 public key (not a point of the curve)".to_owned()),
    }
}

/// Signs webhooks with one or several secrets and Ed25519 signing keys.
///
/// `Debug` shows only how many keys of each kind it holds.
#[derive(Clone)]
pub struct WebhookSigner {
    keys: Keys,
}

impl fmt::Debug for WebhookSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("WebhookSigner");
        d.field("secrets", &self.keys.kinds.secrets);
        if self.keys.kinds.public_keys > 0 {
            d.field("signing_keys", &self.keys.kinds.public_keys);
        }
        d.finish()
    }
}

/// The headers of a signed webhook, see [`WebhookSigner::sign`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedHeaders {
    /// The value of `X-Revtain-Signature`.
    pub signature: String,
    /// The value of `webhook-id`.
    pub webhook_id: String,
    /// The value of `webhook-timestamp`.
    pub webhook_timestamp: String,
    /// The value of `webhook-signature`.
    pub webhook_signature: String,
}

impl SignedHeaders {
    /// The four headers as `(name, value)` pairs, `X-Revtain-Signature` first.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        [
            (SIGNATURE_HEADER, self.signature.as_str()),
            (WEBHOOK_ID_HEADER, self.webhook_id.as_str()),
            (WEBHOOK_TIMESTAMP_HEADER, self.webhook_timestamp.as_str()),
            (WEBHOOK_SIGNATURE_HEADER, self.webhook_signature.as_str()),
        ]
        .into_iter()
    }
}

impl WebhookSigner {
    /// A signer for one secret, or several while rotating: `whsec_` secrets (one `v1` each) and
    /// `whsk_` Ed25519 signing keys (one `v1a` each), in the order given. A `whpk_` public key
    /// is refused: it cannot sign.
    pub fn new<S: AsRef<[u8]>>(secrets: &[S]) -> Result<WebhookSigner, WebhookError> {
        Ok(WebhookSigner {
            keys: Keys::parse(secrets, Role::Sign)?,
        })
    }

    /// How the bindings show a signer (Python `repr`, Node `toString`/`inspect`): how many keys
    /// of each kind, never a key: `WebhookSigner(secrets=1)`, `WebhookSigner(secrets=1,
    /// signing_keys=1)`.
    pub fn describe(&self) -> String {
        let KeyKinds {
            secrets,
            public_keys: signing_keys,
        } = self.keys.kinds;
        if signing_keys == 0 {
            format!("WebhookSigner(secrets={secrets})")
        } else {
            format!("WebhookSigner(secrets={secrets}, signing_keys={signing_keys})")
        }
    }

    /// The `X-Revtain-Signature` value for `body` at `timestamp` (unix seconds).
    pub fn signature_header(&self, body: &[u8], timestamp: u64) -> String {
        let t = timestamp.to_string();
        let mut out = String::with_capacity(
            2 + t.len()
                + self.keys.kinds.secrets * (4 + SIGNATURE_HEX_LEN)
                + self.keys.kinds.public_keys * (5 + ED25519_SIGNATURE_BASE64_LEN),
        );
        out.push_str("t=");
        out.push_str(&t);
        for key in &self.keys.keys {
            match key {
                Key::Hmac(key) => {
                    let mut mac = key.clone();
                    mac.update(t.as_bytes());
                    mac.update(b".");
                    mac.update(body);
                    out.push_str(",v1=");
                    wire::push_lower_hex(&mut out, &mac.finalize().into_bytes());
                }
                Key::Signing(key) => {
                    out.push_str(",v1a=");
                    let sig = key.multipart_sign(&[t.as_bytes(), b".", body]);
                    STANDARD.encode_string(sig.to_bytes(), &mut out);
                }
                Key::Public(_) => {}
            }
        }
        out
    }

    /// The four headers for `body`, event `event_id` and `timestamp` (unix seconds).
    ///
    /// The event id must be 1 to 256 visible ASCII characters (it becomes a header value).
    pub fn sign(
        &self,
        body: &[u8],
        event_id: &str,
        timestamp: u64,
    ) -> Result<SignedHeaders, WebhookError> {
        validate_event_id(event_id)?;
        let t = timestamp.to_string();
        let mut webhook_signature = String::with_capacity(self.keys.len() * 92);
        let signed: [&[u8]; 5] = [event_id.as_bytes(), b".", t.as_bytes(), b".", body];
        for key in &self.keys.keys {
            if !webhook_signature.is_empty() {
                webhook_signature.push(' ');
            }
            match key {
                Key::Hmac(key) => {
                    let mut mac = key.clone();
                    for part in signed {
                        mac.update(part);
                    }
                    webhook_signature.push_str("v1,");
                    STANDARD.encode_string(mac.finalize().into_bytes(), &mut webhook_signature);
                }
                Key::Signing(key) => {
                    webhook_signature.push_str("v1a,");
                    let sig = key.multipart_sign(&signed);
                    STANDARD.encode_string(sig.to_bytes(), &mut webhook_signature);
                }
                Key::Public(_) => {}
            }
        }
        Ok(SignedHeaders {
            signature: self.signature_header(body, timestamp),
            webhook_id: event_id.to_owned(),
            webhook_timestamp: t,
            webhook_signature,
        })
    }
}

fn validate_event_id(id: &str) -> Result<(), WebhookError> {
    if id.is_empty() {
        return Err(WebhookError::InvalidEventId("it is empty".into()));
    }
    if id.len() > MAX_EVENT_ID_LEN {
        return Err(WebhookError::InvalidEventId(format!(
            "it is {} bytes long; at most {MAX_EVENT_ID_LEN}",
            id.len()
        )));
    }
    if let Some(at) = id.bytes().position(|b| !b.is_ascii_graphic()) {
        return Err(WebhookError::InvalidEventId(format!(
            "byte {at} (0-based) is not a visible ASCII character (no spaces, control \
             characters or non-ASCII: the id becomes the webhook-id header)"
        )));
    }
    Ok(())
}

/// Whether `s` is exactly 64 lowercase hex characters.
fn is_lower_hex_signature(s: &[u8]) -> bool {
    s.len() == SIGNATURE_HEX_LEN && wire::is_lower_hex(s)
}

/// A parsed `X-Revtain-Signature` header.
///
/// Parsing is the same for every verifier: entries are separated by `,` and may have spaces or
/// tabs around them; each is `key=value`; `t` must appear exactly once, as decimal digits;
/// `v1` values that are not 64 lowercase hex characters, and `v1a` values that are not
/// standard base64 (with padding) of 64 bytes, are counted as skipped, never kept; other keys
/// are ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureHeader<'a> {
    /// The `t` value as it appears in the header (the signed text uses it verbatim).
    pub timestamp_text: &'a [u8],
    /// The `t` value.
    pub timestamp: u64,
    /// How many `v1` and `v1a` entries were skipped for not being well-formed.
    pub skipped: usize,
    // Where the well-formed `v1` and `v1a` values are in the header: verification allocates and
    // copies nothing, and decodes each value once, when comparing.
    header: &'a [u8],
    starts: [u16; MAX_SIGNATURES],
    count: usize,
    ed25519_starts: [u16; MAX_SIGNATURES],
    ed25519_count: usize,
}

impl<'a> SignatureHeader<'a> {
    /// The header exactly as Revtain's signer writes it for one secret,
    /// `t=<digits>,v1=<64 lowercase hex>`, recognised without the general loop; `None` sends
    /// anything else (several `v1`, `v1a`, spaces, other keys, errors) to the general parser,
    /// which gives the same result for this form.
    fn parse_canonical(header: &'a [u8]) -> Option<SignatureHeader<'a>> {
        let rest = header.strip_prefix(b"t=")?;
        let comma = rest.iter().position(|&b| b == b',')?;
        let (t, sig) = (&rest[..comma], rest[comma + 1..].strip_prefix(b"v1=")?);
        if !is_lower_hex_signature(sig) {
            return None;
        }
        let timestamp = parse_timestamp(t).ok()?;
        let mut starts = [0u16; MAX_SIGNATURES];
        starts[0] = (header.len() - SIGNATURE_HEX_LEN) as u16;
        Some(SignatureHeader {
            timestamp_text: t,
            timestamp,
            skipped: 0,
            header,
            starts,
            count: 1,
            ed25519_starts: [0; MAX_SIGNATURES],
            ed25519_count: 0,
        })
    }

    /// The well-formed `v1` signatures, decoded, in header order.
    pub fn signatures(&self) -> impl ExactSizeIterator<Item = [u8; MAC_LEN]> + '_ {
        self.starts[..self.count].iter().map(|&start| {
            let start = usize::from(start);
            let mut mac = [0u8; MAC_LEN];
            // Checked when parsing.
            wire::decode_lower_hex_into(&self.header[start..start + SIGNATURE_HEX_LEN], &mut mac);
            mac
        })
    }

    /// The well-formed `v1a` (Ed25519) signatures, decoded, in header order.
    pub fn ed25519_signatures(
        &self,
    ) -> impl ExactSizeIterator<Item = [u8; ED25519_SIGNATURE_LEN]> + '_ {
        self.ed25519_starts[..self.ed25519_count]
            .iter()
            .map(|&start| {
                let start = usize::from(start);
                // Checked when parsing.
                decode_ed25519_signature(&self.header[start..start + ED25519_SIGNATURE_BASE64_LEN])
                    .unwrap_or([0; ED25519_SIGNATURE_LEN])
            })
    }

    /// Parses a header value. Errors are [`WebhookError::HeaderMalformed`] and
    /// [`WebhookError::NoSignature`] (no well-formed `v1` or `v1a` entry).
    pub fn parse(header: &'a [u8]) -> Result<SignatureHeader<'a>, WebhookError> {
        Self::parse_with(header, true)
    }

    /// Parses a `t=…,v1=…` header of a scheme that knows only `v1` (Stripe's, ReCharge's):
    /// `v1a` entries are other keys, ignored.
    pub(crate) fn parse_v1(header: &'a [u8]) -> Result<SignatureHeader<'a>, WebhookError> {
        Self::parse_with(header, false)
    }

    fn parse_with(header: &'a [u8], v1a: bool) -> Result<SignatureHeader<'a>, WebhookError> {
        let malformed = |s: String| Err(WebhookError::HeaderMalformed(s));
        if header.len() > MAX_HEADER_LEN {
            return malformed(format!(
                "it is {} bytes long; at most {MAX_HEADER_LEN}",
                header.len()
            ));
        }
        if let Some(parsed) = Self::parse_canonical(header) {
            return Ok(parsed);
        }
        if header.trim_ascii().is_empty() {
            return malformed("it is empty".into());
        }
        let mut t: Option<(&[u8], u64)> = None;
        let mut starts = [0u16; MAX_SIGNATURES];
        let mut count = 0usize;
        let mut ed25519_starts = [0u16; MAX_SIGNATURES];
        let mut ed25519_count = 0usize;
        let mut skipped = 0usize;
        let entries = if v1a { "v1 and v1a" } else { "v1" };
        // Within MAX_HEADER_LEN, so an offset fits a u16.
        let offset = |value: &[u8]| (value.as_ptr() as usize - header.as_ptr() as usize) as u16;
        for (i, entry) in header.split(|&b| b == b',').enumerate() {
            let entry = entry.trim_ascii();
            let Some(eq) = entry.iter().position(|&b| b == b'=') else {
                return malformed(if entry.is_empty() {
                    format!("entry {i} (0-based) is empty (a stray comma)")
                } else {
                    format!("entry {i} (0-based) is not key=value")
                });
            };
            let (key, value) = (&entry[..eq], &entry[eq + 1..]);
            let is_v1a = v1a && key == b"v1a";
            if (key == b"v1" || is_v1a) && count + ed25519_count + skipped == MAX_SIGNATURES {
                return malformed(format!(
                    "it has more than {MAX_SIGNATURES} {entries} entries"
                ));
            }
            match key {
                b"t" => {
                    if t.is_some() {
                        return malformed("t appears more than once".into());
                    }
                    t = Some((value, parse_timestamp(value)?));
                }
                b"v1" => {
                    if is_lower_hex_signature(value) {
                        starts[count] = offset(value);
                        count += 1;
                    } else {
                        skipped += 1;
                    }
                }
                _ if is_v1a => {
                    if decode_ed25519_signature(value).is_some() {
                        ed25519_starts[ed25519_count] = offset(value);
                        ed25519_count += 1;
                    } else {
                        skipped += 1;
                    }
                }
                _ => {}
            }
        }
        let Some((timestamp_text, timestamp)) = t else {
            return malformed("it has no t= timestamp".into());
        };
        if count + ed25519_count == 0 {
            return Err(WebhookError::NoSignature(if skipped == 0 {
                format!(
                    "the header has no {} entry",
                    if v1a { "v1 or v1a" } else { "v1" }
                )
            } else {
                format!(
                    "{skipped} entr{} skipped: a v1 signature is exactly {SIGNATURE_HEX_LEN} \
                     lowercase hex characters{}",
                    if skipped == 1 { "y was" } else { "ies were" },
                    if v1a {
                        ", a v1a signature standard base64 of 64 bytes with padding \
                         (88 characters)"
                    } else {
                        ""
                    }
                )
            }));
        }
        Ok(SignatureHeader {
            timestamp_text,
            timestamp,
            skipped,
            header,
            starts,
            count,
            ed25519_starts,
            ed25519_count,
        })
    }
}

/// The 64 bytes of a `v1a` value: exactly 88 characters of standard base64 with padding.
fn decode_ed25519_signature(value: &[u8]) -> Option<[u8; ED25519_SIGNATURE_LEN]> {
    if value.len() != ED25519_SIGNATURE_BASE64_LEN {
        return None;
    }
    let mut out = [0u8; ED25519_SIGNATURE_LEN + 2];
    match STANDARD.decode_slice(value, &mut out) {
        Ok(ED25519_SIGNATURE_LEN) => out[..ED25519_SIGNATURE_LEN].try_into().ok(),
        _ => None,
    }
}

fn parse_timestamp(value: &[u8]) -> Result<u64, WebhookError> {
    wire::parse_decimal(value).map_err(|e| {
        WebhookError::HeaderMalformed(
            match e {
                DecimalError::Empty => "t is empty",
                DecimalError::NotDigits => {
                    "t is not a unix timestamp in whole seconds (decimal digits only)"
                }
                DecimalError::OutOfRange => "t is out of range",
            }
            .into(),
        )
    })
}

/// Verifies Revtain webhooks against one or several secrets and Ed25519 public keys.
///
/// Each secret is decoded and keyed once, here; `Debug` shows only how many keys of each kind
/// it holds and the tolerance.
#[derive(Clone)]
pub struct Webhook {
    keys: Keys,
    /// The same secrets keyed as Stripe keys them (the whole `whsec_…` string), for
    /// [`diagnose`](Self::diagnose) only.
    raw_keys: Vec<Hmac<Sha256>>,
    tolerance: u64,
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Webhook");
        d.field("secrets", &self.keys.kinds.secrets);
        if self.keys.kinds.public_keys > 0 {
            d.field("public_keys", &self.keys.kinds.public_keys);
        }
        d.field("tolerance", &self.tolerance).finish()
    }
}

impl Webhook {
    /// A verifier for one secret, or several while rotating, with the default tolerance:
    /// `whsec_` secrets (they check `v1` entries) and `whpk_` Ed25519 public keys (they check
    /// `v1a` entries), in any mix. A `whsk_` signing key is refused: a verifier never holds the
    /// key that signs.
    pub fn new<S: AsRef<[u8]>>(secrets: &[S]) -> Result<Webhook, WebhookError> {
        let keys = Keys::parse(secrets, Role::Verify)?;
        Ok(Webhook {
            raw_keys: secrets
                .iter()
                .zip(&keys.keys)
                .filter(|(_, k)| matches!(k, Key::Hmac(_)))
                .map(|(s, _)| {
                    <Hmac<Sha256> as KeyInit>::new_from_slice(s.as_ref().trim_ascii())
                        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"))
                })
                .collect(),
            keys,
            tolerance: DEFAULT_TOLERANCE,
        })
    }

    /// The same verifier with another tolerance in seconds, applied in both directions.
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: u64) -> Webhook {
        self.tolerance = tolerance;
        self
    }

    /// The tolerance in seconds.
    pub fn tolerance(&self) -> u64 {
        self.tolerance
    }

    /// How many `whsec_` secrets and `whpk_` public keys this verifier holds.
    pub fn key_kinds(&self) -> KeyKinds {
        self.keys.kinds
    }

    /// How the bindings show a verifier (Python `repr`, Node `toString`/`inspect`): how many
    /// keys of each kind and the tolerance, never a key: `Webhook(secrets=1, tolerance=300)`,
    /// `Webhook(secrets=0, public_keys=1, tolerance=300)`.
    pub fn describe(&self) -> String {
        let KeyKinds {
            secrets,
            public_keys,
        } = self.keys.kinds;
        if public_keys == 0 {
            format!("Webhook(secrets={secrets}, tolerance={})", self.tolerance)
        } else {
            format!(
                "Webhook(secrets={secrets}, public_keys={public_keys}, tolerance={})",
                self.tolerance
            )
        }
    }

    /// Verifies the raw `body` against an `X-Revtain-Signature` value at time `now` (unix
    /// seconds), and returns the verified timestamp.
    ///
    /// The signature is checked before the timestamp, so
    /// [`WebhookError::TimestampOutOfTolerance`] means a genuine signature that is too old or
    /// too far in the future.
    pub fn verify_signature(
        &self,
        body: &[u8],
        header: &[u8],
        now: impl Into<Option<u64>>,
    ) -> Result<u64, WebhookError> {
        let parsed = SignatureHeader::parse(header)?;
        self.usable(&parsed)?;
        if !self.matches(&parsed, body) {
            let KeyKinds {
                secrets,
                public_keys,
            } = self.keys.kinds;
            return Err(WebhookError::SignatureMismatch {
                secrets,
                public_keys,
            });
        }
        let now = now.into().unwrap_or_else(now_unix);
        wire::check_window(parsed.timestamp, now, self.tolerance).map_err(|age| {
            WebhookError::TimestampOutOfTolerance {
                age,
                tolerance: self.tolerance,
                timestamp: parsed.timestamp,
            }
        })?;
        Ok(parsed.timestamp)
    }

    /// [`WebhookError::NoSignature`] when the header's entries are all of a kind this verifier
    /// holds no key for (it is then not an error of the entries themselves: they are skipped).
    fn usable(&self, parsed: &SignatureHeader<'_>) -> Result<(), WebhookError> {
        let KeyKinds {
            secrets,
            public_keys,
        } = self.keys.kinds;
        if (secrets > 0 && parsed.count > 0) || (public_keys > 0 && parsed.ed25519_count > 0) {
            return Ok(());
        }
        Err(WebhookError::NoSignature(if secrets == 0 {
            format!(
                "the header's {} v1 entr{}, and this verifier holds only \
                 {PUBLIC_KEY_PREFIX} public keys, which check v1a (Ed25519) entries: the sender \
                 did not sign with its {SIGNING_KEY_PREFIX} key, or add the {SECRET_PREFIX} secret",
                parsed.count,
                if parsed.count == 1 {
                    "y is an"
                } else {
                    "ies are"
                }
            )
        } else {
            format!(
                "the header's {} v1a entr{}, and this verifier holds only \
                 {SECRET_PREFIX} secrets, which check v1 entries: add the sender's \
                 {PUBLIC_KEY_PREFIX} public key",
                parsed.ed25519_count,
                if parsed.ed25519_count == 1 {
                    "y is an"
                } else {
                    "ies are"
                }
            )
        }))
    }

    /// Whether any `v1` matches `body` under any secret (compared in constant time), or any
    /// `v1a` verifies under any public key (RFC 8032 with strict checks: a non-canonical
    /// signature or a small-order point never verifies).
    fn matches(&self, parsed: &SignatureHeader<'_>, body: &[u8]) -> bool {
        let mut matched = false;
        if parsed.count > 0 {
            for key in self.keys.hmacs() {
                let mut mac = key.clone();
                mac.update(parsed.timestamp_text);
                mac.update(b".");
                mac.update(body);
                let expected = mac.finalize().into_bytes();
                for candidate in parsed.signatures() {
                    matched |= wire::ct_eq(&candidate, &expected);
                }
            }
        }
        if matched || parsed.ed25519_count == 0 || self.keys.kinds.public_keys == 0 {
            return matched;
        }
        // `verify_strict` takes the message whole: `<t>.<body>` once, for every key and entry.
        let mut message = Vec::with_capacity(parsed.timestamp_text.len() + 1 + body.len());
        message.extend_from_slice(parsed.timestamp_text);
        message.push(b'.');
        message.extend_from_slice(body);
        self.keys.public_keys().any(|key| {
            parsed
                .ed25519_signatures()
                .any(|sig| ed25519_verify(key, &message, &sig))
        })
    }

    /// Finds `X-Revtain-Signature` among `headers` by the rule of [`crate::headers`] (any case,
    /// or the CGI spelling `HTTP_X_REVTAIN_SIGNATURE`) and verifies it, see
    /// [`verify_signature`](Self::verify_signature).
    ///
    /// A header that appears more than once, in any spelling, is malformed.
    pub fn verify_headers<I, N, V>(
        &self,
        body: &[u8],
        headers: I,
        now: impl Into<Option<u64>>,
    ) -> Result<u64, WebhookError>
    where
        I: IntoIterator<Item = (N, V)>,
        N: AsRef<[u8]>,
        V: AsRef<[u8]>,
    {
        let header = find_signature_header(headers)?;
        self.verify_signature(body, crate::headers::trim(header.as_ref()), now)
    }

    /// Verifies like [`verify_headers`](Self::verify_headers), then parses the body as a
    /// Revtain event envelope.
    pub fn verify<I, N, V>(
        &self,
        body: &[u8],
        headers: I,
        now: impl Into<Option<u64>>,
    ) -> Result<Event, WebhookError>
    where
        I: IntoIterator<Item = (N, V)>,
        N: AsRef<[u8]>,
        V: AsRef<[u8]>,
    {
        self.verify_headers(body, headers, now)?;
        Event::parse(body)
    }
}

/// Verifies an Ed25519 signature the way every `v1a` entry is verified (RFC 8032, with
/// `ed25519-dalek`'s strict checks).
pub(crate) fn ed25519_verify(key: &VerifyingKey, message: &[u8], signature: &[u8; 64]) -> bool {
    key.verify_strict(message, &Ed25519Signature::from_bytes(signature))
        .is_ok()
}

/// Verifies `signature` over `message` under the 32-byte Ed25519 public key `public_key`, as
/// `v1a` entries are verified: for the Wycheproof and RFC 8032 tests of the primitive
/// (`core/tests`). Not part of the API.
#[doc(hidden)]
pub fn ed25519_verify_raw(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    let (Ok(key), Ok(sig)) = (
        <[u8; 32]>::try_from(public_key),
        <[u8; 64]>::try_from(signature),
    ) else {
        return false;
    };
    VerifyingKey::from_bytes(&key).is_ok_and(|key| ed25519_verify(&key, message, &sig))
}

/// The value of `X-Revtain-Signature` among `headers` (see [`crate::headers`]): absent is
/// [`WebhookError::HeaderMissing`], present more than once (in any spelling) malformed.
pub fn find_signature_header<I, N, V>(headers: I) -> Result<V, WebhookError>
where
    I: IntoIterator<Item = (N, V)>,
    N: AsRef<[u8]>,
{
    crate::headers::find(headers, SIGNATURE_HEADER)
        .map_err(|_| WebhookError::HeaderMalformed("the header appears more than once".into()))?
        .ok_or(WebhookError::HeaderMissing)
}

/// A Revtain event: the JSON body of a webhook.
#[derive(Clone, Debug)]
pub struct Event {
    /// The event id (`evt_…`), also sent as `webhook-id`.
    pub id: String,
    /// The event type, for example `payment.recovered`.
    pub event_type: String,
    /// When the event happened, unix seconds.
    pub created: i64,
    data: String,
}

#[derive(Deserialize)]
struct Envelope<'a> {
    id: String,
    #[serde(rename = "type")]
    event_type: String,
    created: i64,
    #[serde(borrow)]
    data: &'a RawValue,
}

/// A Revtain event borrowed from the body it was parsed from: its `data` is the JSON text as it
/// appears in the body, not copied (see [`Event::parse_borrowed`]).
#[derive(Clone, Debug)]
pub struct EventRef<'a> {
    /// The event id (`evt_…`).
    pub id: String,
    /// The event type, for example `payment.recovered`.
    pub event_type: String,
    /// When the event happened, unix seconds.
    pub created: i64,
    /// The `data` object's JSON text, a slice of the body.
    pub data: &'a str,
}

impl<'a> EventRef<'a> {
    /// Where `data` is in `body` (the body this was parsed from), as a byte range.
    pub fn data_range(&self, body: &[u8]) -> std::ops::Range<usize> {
        let start = (self.data.as_ptr() as usize).saturating_sub(body.as_ptr() as usize);
        start..start + self.data.len()
    }
}

impl Event {
    /// Parses an event envelope: a JSON object with a string `id`, a string `type`, an integer
    /// `created` and an object `data`; other members are ignored, repeated ones refused.
    ///
    /// This does not verify anything: use [`Webhook::verify`] on untrusted input.
    pub fn parse(body: &[u8]) -> Result<Event, WebhookError> {
        let e = Event::parse_borrowed(body)?;
        Ok(Event {
            id: e.id,
            event_type: e.event_type,
            created: e.created,
            data: e.data.to_owned(),
        })
    }

    /// Parses like [`parse`](Self::parse) without copying `data` out of the body.
    pub fn parse_borrowed(body: &[u8]) -> Result<EventRef<'_>, WebhookError> {
        let envelope: Envelope<'_> = serde_json::from_slice(body)
            .map_err(|e| WebhookError::InvalidPayload(payload_error(&e, body)))?;
        if !envelope.data.get().starts_with('{') {
            return Err(WebhookError::InvalidPayload(
                "\"data\" is not a JSON object".into(),
            ));
        }
        Ok(EventRef {
            id: envelope.id,
            event_type: envelope.event_type,
            created: envelope.created,
            data: envelope.data.get(),
        })
    }

    /// The `data` object as JSON text, exactly as it appears in the body.
    pub fn data_json(&self) -> &str {
        &self.data
    }

    /// The `data` object, parsed.
    pub fn data(&self) -> serde_json::Map<String, serde_json::Value> {
        serde_json::from_str(&self.data).unwrap_or_default()
    }
}

fn payload_error(e: &serde_json::Error, body: &[u8]) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io | Category::Syntax | Category::Eof => {
            format!("it is not valid JSON ({})", wire::json_error(e))
        }
        Category::Data => {
            // Valid JSON of another shape: say which, not serde's internal type names.
            let what = match body.trim_ascii_start().first() {
                Some(b'[') => Some("an array"),
                Some(b'"') => Some("a string"),
                Some(b't' | b'f') => Some("a boolean"),
                Some(b'n') => Some("null"),
                Some(b'-' | b'0'..=b'9') => Some("a number"),
                _ => None,
            };
            match what {
                Some(what) => {
                    format!("it is {what}, not an object with id, type, created and data")
                }
                None => wire::json_error(e),
            }
        }
    }
}

/// An event type Revtain sends, with an example of its `data` (docs/webhook.md lists them all;
/// `revtain webhook send` sends the example).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventType {
    /// The `type` of the envelope, for example `payment.recovered`.
    pub name: &'static str,
    /// When Revtain sends it.
    pub description: &'static str,
    /// An example `data` object, as compact JSON.
    pub example_data: &'static str,
}

/// Every event type Revtain sends, in the order docs/webhook.md lists them.
pub const EVENT_TYPES: &[EventType] = &[
    EventType {
        name: "payment.recovered",
        description: "a retried charge succeeded: the invoice is paid",
        example_data: r#"{"invoice":"in_1Nq8","subscription":"sub_42","amount":4900,"currency":"eur","attempt":3,"gateway":"stripe"}"#,
    },
    EventType {
        name: "payment.failed",
        description: "recovery gave up: every retry of the charge was declined",
        example_data: r#"{"invoice":"in_1Nq8","subscription":"sub_42","amount":4900,"currency":"eur","attempts":4,"decline_code":"insufficient_funds"}"#,
    },
    EventType {
        name: "recovery.attempt_failed",
        description: "one retry was declined; another is scheduled",
        example_data: r#"{"invoice":"in_1Nq8","attempt":2,"decline_code":"do_not_honor","next_attempt_at":1700086400}"#,
    },
    EventType {
        name: "card.updated",
        description: "the customer replaced the card at the gateway through the hosted page",
        example_data: r#"{"customer":"cus_9","gateway":"stripe","card":{"brand":"visa","last4":"4242","exp_month":12,"exp_year":2030}}"#,
    },
    EventType {
        name: "card_update.link_opened",
        description: "the customer opened a card-update link",
        example_data: r#"{"customer":"cus_9","link":"lnk_7","opened_at":1700000000}"#,
    },
];

/// The event type named `name`, if Revtain sends it.
pub fn event_type(name: &str) -> Option<&'static EventType> {
    EVENT_TYPES.iter().find(|t| t.name == name)
}

/// A sample event of `event_type` with its example `data`: the envelope
/// `{"id","type","created","data"}` as compact JSON, `None` for a type Revtain does not send.
/// The id is checked as [`WebhookSigner::sign`] checks it.
pub fn sample_event(
    event_type: &str,
    id: &str,
    created: i64,
) -> Result<Option<String>, WebhookError> {
    validate_event_id(id)?;
    Ok(self::event_type(event_type).map(|t| {
        format!(
            r#"{{"id":{},"type":"{}","created":{created},"data":{}}}"#,
            serde_json::Value::from(id),
            t.name,
            t.example_data
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    #[test]
    fn secret_errors_say_what_and_never_echo() {
        let e = |s: &str| Keys::parse(&[s], Role::Verify).err().unwrap().to_string();
        assert!(e("sk_live_abc").contains("must start with \"whsec_\""));
        assert!(e("whsec_!!!!").contains("not standard base64"));
        assert!(e("whsec_AAAA").contains("decodes to 3 bytes"));
        assert!(!e("whsec_c2VjcmV0c2VjcmV0").contains("c2VjcmV0"));
        assert!(Keys::parse::<&str>(&[], Role::Sign).is_err());
    }

    #[test]
    fn generated_secrets_round_trip() {
        let s = generate_webhook_secret().unwrap();
        assert!(s.starts_with(SECRET_PREFIX));
        assert_eq!(s.len(), SECRET_PREFIX.len() + 44);
        assert!(Webhook::new(&[&*s]).is_ok());
        // Padding is optional when decoding.
        assert!(Webhook::new(&[s.trim_end_matches('=')]).is_ok());
    }

    #[test]
    fn debug_shows_no_key_material() {
        let w = Webhook::new(&[SECRET]).unwrap();
        assert_eq!(format!("{w:?}"), "Webhook { secrets: 1, tolerance: 300 }");
        let s = WebhookSigner::new(&[SECRET, SECRET]).unwrap();
        assert_eq!(format!("{s:?}"), "WebhookSigner { secrets: 2 }");
    }

    #[test]
    fn out_of_range_timestamps_are_malformed() {
        let h = format!("t=9223372036854775808,v1={}", "0".repeat(64));
        assert!(matches!(
            SignatureHeader::parse(h.as_bytes()),
            Err(WebhookError::HeaderMalformed(_))
        ));
    }

    #[test]
    fn extreme_ages_do_not_overflow() {
        let secret = generate_webhook_secret().unwrap();
        let signer = WebhookSigner::new(&[&*secret]).unwrap();
        let w = Webhook::new(&[&*secret]).unwrap();
        let max = i64::MAX.unsigned_abs();
        let h = signer.signature_header(b"x", max);
        assert_eq!(
            w.verify_signature(b"x", h.as_bytes(), 0).unwrap_err().age(),
            Some(-i64::MAX)
        );
        let h = signer.signature_header(b"x", 0);
        assert_eq!(
            w.verify_signature(b"x", h.as_bytes(), u64::MAX)
                .unwrap_err()
                .age(),
            Some(i64::MAX)
        );
    }

    #[test]
    fn ed25519_keys_sign_and_verify_beside_secrets() {
        let (sk, pk) = generate_webhook_signing_key().unwrap();
        assert!(sk.starts_with(SIGNING_KEY_PREFIX) && pk.starts_with(PUBLIC_KEY_PREFIX));
        assert_eq!(webhook_public_key(sk.as_bytes()).unwrap(), pk);
        let body = br#"{"id":"evt_1","type":"payment.recovered","created":1,"data":{}}"#;
        let signer = WebhookSigner::new(&[SECRET, &*sk]).unwrap();
        assert_eq!(
            format!("{signer:?}"),
            "WebhookSigner { secrets: 1, signing_keys: 1 }"
        );
        assert_eq!(
            signer.describe(),
            "WebhookSigner(secrets=1, signing_keys=1)"
        );
        let w = Webhook::new(&[&*pk]).unwrap();
        assert_eq!(
            w.describe(),
            "Webhook(secrets=0, public_keys=1, tolerance=300)"
        );
        assert_eq!(
            format!("{w:?}"),
            "Webhook { secrets: 0, public_keys: 1, tolerance: 300 }"
        );
        let h = signer.sign(body, "evt_1", 1_700_000_000).unwrap();
        assert!(h.signature.contains(",v1=") && h.signature.contains(",v1a="));
        assert!(h.webhook_signature.contains(" v1a,"));
        for keys in [vec![&*pk], vec![SECRET], vec![SECRET, &*pk]] {
            let w = Webhook::new(&keys).unwrap();
            assert_eq!(
                w.verify_signature(body, h.signature.as_bytes(), 1_700_000_000),
                Ok(1_700_000_000)
            );
        }
        // Only the Ed25519 entry: a secret-only verifier finds nothing it can check.
        let only = WebhookSigner::new(&[&*sk])
            .unwrap()
            .signature_header(body, 5);
        let e = Webhook::new(&[SECRET])
            .unwrap()
            .verify_signature(body, only.as_bytes(), 5);
        assert!(
            matches!(e, Err(WebhookError::NoSignature(ref m)) if m.contains("whpk_")),
            "{e:?}"
        );
        let hmac_only = WebhookSigner::new(&[SECRET])
            .unwrap()
            .signature_header(body, 5);
        let e = Webhook::new(&[&*pk])
            .unwrap()
            .verify_signature(body, hmac_only.as_bytes(), 5);
        assert!(
            matches!(e, Err(WebhookError::NoSignature(ref m)) if m.contains("whsk_")),
            "{e:?}"
        );
        // Another key, or another body, does not verify.
        let (_, other) = generate_webhook_signing_key().unwrap();
        let e = Webhook::new(&[&*other])
            .unwrap()
            .verify_signature(body, only.as_bytes(), 5);
        assert_eq!(
            e,
            Err(WebhookError::SignatureMismatch {
                secrets: 0,
                public_keys: 1
            })
        );
        assert!(e
            .unwrap_err()
            .to_string()
            .contains("under the 1 configured public key."));
        let e = Webhook::new(&[&*pk])
            .unwrap()
            .verify_signature(b"x", only.as_bytes(), 5);
        assert!(matches!(e, Err(WebhookError::SignatureMismatch { .. })));
    }

    #[test]
    fn each_role_refuses_the_other_key() {
        let (sk, pk) = generate_webhook_signing_key().unwrap();
        let e = Webhook::new(&[&*sk]).unwrap_err();
        assert!(e.to_string().contains("only the sender may hold"), "{e}");
        assert!(!e.to_string().contains(&sk[5..]), "never echoed");
        let e = WebhookSigner::new(&[&*pk]).unwrap_err();
        assert!(e.to_string().contains("which verifies"), "{e}");
        // The 64-byte seed ‖ public form signs alike; a wrong public half is refused.
        let seed = STANDARD.decode(&sk[5..]).unwrap();
        let public = STANDARD.decode(&pk[5..]).unwrap();
        let pair = format!(
            "whsk_{}",
            STANDARD.encode([&seed[..], &public[..]].concat())
        );
        assert_eq!(
            WebhookSigner::new(&[&*sk])
                .unwrap()
                .signature_header(b"b", 1),
            WebhookSigner::new(&[pair.as_str()])
                .unwrap()
                .signature_header(b"b", 1)
        );
        let bad = format!(
            "whsk_{}",
            STANDARD.encode([&seed[..], &[0u8; 32][..]].concat())
        );
        assert!(WebhookSigner::new(&[bad.as_str()])
            .unwrap_err()
            .to_string()
            .contains("not the public key"));
        // A small-order point is refused as a key.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let weak = format!("whpk_{}", STANDARD.encode(identity));
        assert!(Webhook::new(&[weak.as_str()])
            .unwrap_err()
            .to_string()
            .contains("weak"));
        let e = Webhook::new(&["sk_live_x"]).unwrap_err().to_string();
        assert!(e.contains("\"whsec_\"") && e.contains("\"whpk_\""), "{e}");
    }

    #[test]
    fn the_event_catalogue_is_documented_and_parses() {
        let doc = include_str!("../../docs/webhook.md");
        for t in EVENT_TYPES {
            let row = format!(
                "| `{}` | {} | `{}` |",
                t.name, t.description, t.example_data
            );
            assert!(doc.contains(&row), "docs/webhook.md lacks the row {row}");
            let body = sample_event(t.name, "evt_1", 1_700_000_000)
                .unwrap()
                .unwrap();
            let e = Event::parse(body.as_bytes()).unwrap();
            assert_eq!(
                (e.event_type.as_str(), e.data_json()),
                (t.name, t.example_data)
            );
        }
        assert_eq!(sample_event("payment.refunded", "evt_1", 1).unwrap(), None);
        assert!(sample_event("payment.recovered", "evt 1", 1).is_err());
    }
}
