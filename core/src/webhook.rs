//! Revtain webhooks (SPEC §2.3): signing by Revtain, verification by merchants.
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

use base64::alphabet::STANDARD as STANDARD_ALPHABET;
use base64::engine::general_purpose::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use serde_json::value::RawValue;
use sha2::Sha256;
use subtle::ConstantTimeEq;
use thiserror::Error;
use zeroize::Zeroizing;

use crate::{ErrorKind, RandomUnavailable};

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
/// Number of random bytes in a signing secret (the HMAC key).
pub const SECRET_BYTES: usize = 32;
/// The default tolerance, in seconds, in both directions.
pub const DEFAULT_TOLERANCE: u64 = 300;
/// Length of a `v1` signature: 64 lowercase hex characters.
pub const SIGNATURE_HEX_LEN: usize = 64;
/// The most `v1` entries a header may carry.
pub const MAX_SIGNATURES: usize = 16;
/// The longest signature header accepted, in bytes.
pub const MAX_HEADER_LEN: usize = 4096;
/// The longest event id [`WebhookSigner::sign`] accepts, in bytes.
pub const MAX_EVENT_ID_LEN: usize = 256;
/// The most secrets a signer or verifier holds.
pub const MAX_SECRETS: usize = 16;

const MAC_LEN: usize = 32;

/// Decodes secrets with or without their `=` padding.
const LENIENT_STANDARD: GeneralPurpose = GeneralPurpose::new(
    &STANDARD_ALPHABET,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

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
    /// The header has no `v1` signature that could be checked; says why.
    #[error("the X-Revtain-Signature header has no usable v1 signature: {0}")]
    NoSignature(String),
    /// A signature matched, but its timestamp is outside the tolerance.
    #[error(
        "the webhook timestamp is outside the tolerance of {tolerance} s: it was signed {} \
         (a replayed webhook, or a clock that is off)",
        describe_age(*age)
    )]
    TimestampOutOfTolerance {
        /// `now - t` in seconds: positive for a timestamp in the past, negative in the future.
        age: i64,
        /// The tolerance that was applied, in seconds.
        tolerance: u64,
    },
    /// No `v1` signature matches the body under any of the secrets.
    #[error(
        "signature mismatch: no v1 signature matches this body under the {secrets} configured \
         secret{}. The usual causes: a framework parsed and re-serialised the body (verify the \
         raw request bytes exactly as received), or the wrong webhook secret is configured",
        if *secrets == 1 { "" } else { "s" }
    )]
    SignatureMismatch {
        /// How many secrets were tried.
        secrets: usize,
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
    /// The OS random number generator failed.
    #[error(transparent)]
    Random(#[from] RandomUnavailable),
}

fn describe_age(age: i64) -> String {
    if age >= 0 {
        format!("{age} s ago")
    } else {
        format!("{} s in the future", age.unsigned_abs())
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

/// The HMAC keys of one or several secrets, each keyed once. The keyed states wipe themselves
/// on drop (`hmac`'s `zeroize` feature).
#[derive(Clone)]
struct Keys(Vec<Hmac<Sha256>>);

impl Keys {
    fn parse<S: AsRef<[u8]>>(secrets: &[S]) -> Result<Keys, WebhookError> {
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
        secrets
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let key = decode_secret(s.as_ref()).map_err(|why| {
                    WebhookError::InvalidSecret(if many {
                        format!("secret {i} (0-based): {why}")
                    } else {
                        why
                    })
                })?;
                Ok(<Hmac<Sha256> as KeyInit>::new_from_slice(&*key)
                    .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length")))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Keys)
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

fn decode_secret(secret: &[u8]) -> Result<Zeroizing<[u8; SECRET_BYTES]>, String> {
    let trimmed = secret.trim_ascii();
    let Some(body) = trimmed.strip_prefix(SECRET_PREFIX.as_bytes()) else {
        return Err(format!(
            "it must start with \"{SECRET_PREFIX}\" (the webhook signing secret from the \
             Revtain dashboard, not an API key)"
        ));
    };
    let mut key = Zeroizing::new([0u8; SECRET_BYTES + 3]);
    let n = match LENIENT_STANDARD.decode_slice(body, &mut *key) {
        Ok(n) => n,
        Err(base64::DecodeSliceError::OutputSliceTooSmall) => {
            return Err(format!(
                "it decodes to more than {SECRET_BYTES} bytes; expected exactly {SECRET_BYTES}"
            ))
        }
        Err(base64::DecodeSliceError::DecodeError(e)) => {
            return Err(match e {
                base64::DecodeError::InvalidByte(at, _) => format!(
                    "the part after \"{SECRET_PREFIX}\" is not standard base64 (character {at}, \
                     0-based, is outside the alphabet)"
                ),
                _ => format!("the part after \"{SECRET_PREFIX}\" is not valid standard base64"),
            })
        }
    };
    if n != SECRET_BYTES {
        return Err(format!(
            "it decodes to {n} bytes; expected exactly {SECRET_BYTES}"
        ));
    }
    let mut out = Zeroizing::new([0u8; SECRET_BYTES]);
    out.copy_from_slice(&key[..SECRET_BYTES]);
    Ok(out)
}

/// Signs webhooks with one or several secrets.
///
/// `Debug` shows only how many secrets it holds.
#[derive(Clone)]
pub struct WebhookSigner {
    keys: Keys,
}

impl fmt::Debug for WebhookSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookSigner")
            .field("secrets", &self.keys.len())
            .finish()
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
    /// A signer for one secret, or several while rotating (one `v1` per secret, in order).
    pub fn new<S: AsRef<[u8]>>(secrets: &[S]) -> Result<WebhookSigner, WebhookError> {
        Ok(WebhookSigner {
            keys: Keys::parse(secrets)?,
        })
    }

    /// The `X-Revtain-Signature` value for `body` at `timestamp` (unix seconds).
    pub fn signature_header(&self, body: &[u8], timestamp: u64) -> String {
        let t = timestamp.to_string();
        let mut out =
            String::with_capacity(2 + t.len() + self.keys.len() * (4 + SIGNATURE_HEX_LEN));
        out.push_str("t=");
        out.push_str(&t);
        for key in &self.keys.0 {
            let mut mac = key.clone();
            mac.update(t.as_bytes());
            mac.update(b".");
            mac.update(body);
            out.push_str(",v1=");
            push_hex(&mut out, &mac.finalize().into_bytes());
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
        let mut webhook_signature = String::with_capacity(self.keys.len() * 48);
        for key in &self.keys.0 {
            let mut mac = key.clone();
            mac.update(event_id.as_bytes());
            mac.update(b".");
            mac.update(t.as_bytes());
            mac.update(b".");
            mac.update(body);
            if !webhook_signature.is_empty() {
                webhook_signature.push(' ');
            }
            webhook_signature.push_str("v1,");
            STANDARD.encode_string(mac.finalize().into_bytes(), &mut webhook_signature);
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

fn push_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for &b in bytes {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0x0f)] as char);
    }
}

/// A MAC as four words: `subtle` compares each word in constant time with one barrier, not one
/// per byte.
fn words(mac: &[u8]) -> [u64; 4] {
    let mut w = [0u64; 4];
    for (w, chunk) in w.iter_mut().zip(mac.chunks_exact(8)) {
        *w = u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8]));
    }
    w
}

/// Lowercase hex digit values; 0xff for every other byte.
const HEX_VALUE: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// Whether `s` is exactly 64 lowercase hex characters.
fn is_lower_hex_signature(s: &[u8]) -> bool {
    s.len() == SIGNATURE_HEX_LEN && s.iter().all(|&c| HEX_VALUE[usize::from(c)] != 0xff)
}

/// Decodes exactly 64 lowercase hex characters; anything else is `None`.
fn decode_lower_hex(s: &[u8]) -> Option<[u8; MAC_LEN]> {
    if s.len() != SIGNATURE_HEX_LEN {
        return None;
    }
    let mut out = [0u8; MAC_LEN];
    let mut bad = 0u8;
    for (o, pair) in out.iter_mut().zip(s.chunks_exact(2)) {
        let (hi, lo) = (
            HEX_VALUE[usize::from(pair[0])],
            HEX_VALUE[usize::from(pair[1])],
        );
        bad |= hi | lo;
        *o = (hi << 4) | (lo & 0x0f);
    }
    // Valid digits are at most 0x0f; the marker 0xff sets the high bits.
    (bad & 0xf0 == 0).then_some(out)
}

/// A parsed `X-Revtain-Signature` header.
///
/// Parsing is the same for every verifier: entries are separated by `,` and may have spaces or
/// tabs around them; each is `key=value`; `t` must appear exactly once, as decimal digits;
/// `v1` values that are not 64 lowercase hex characters are counted as skipped, never kept;
/// other keys are ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureHeader<'a> {
    /// The `t` value as it appears in the header (the signed text uses it verbatim).
    pub timestamp_text: &'a [u8],
    /// The `t` value.
    pub timestamp: u64,
    /// How many `v1` entries were skipped for not being 64 lowercase hex characters.
    pub skipped: usize,
    // Where the well-formed `v1` values are in the header: verification allocates and copies
    // nothing, and decodes each value once, when comparing.
    header: &'a [u8],
    starts: [u16; MAX_SIGNATURES],
    count: usize,
}

impl<'a> SignatureHeader<'a> {
    /// The header exactly as Revtain's signer writes it for one secret,
    /// `t=<digits>,v1=<64 lowercase hex>`, recognised without the general loop; `None` sends
    /// anything else (several `v1`, spaces, other keys, errors) to the general parser, which
    /// gives the same result for this form.
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
        })
    }

    /// The well-formed `v1` signatures, decoded, in header order.
    pub fn signatures(&self) -> impl ExactSizeIterator<Item = [u8; MAC_LEN]> + '_ {
        self.starts[..self.count].iter().map(|&start| {
            let start = usize::from(start);
            decode_lower_hex(&self.header[start..start + SIGNATURE_HEX_LEN])
                .unwrap_or_else(|| unreachable!("checked when parsing"))
        })
    }

    /// Parses a header value. Errors are [`WebhookError::HeaderMalformed`] and
    /// [`WebhookError::NoSignature`].
    pub fn parse(header: &'a [u8]) -> Result<SignatureHeader<'a>, WebhookError> {
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
        let mut skipped = 0usize;
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
            match key {
                b"t" => {
                    if t.is_some() {
                        return malformed("t appears more than once".into());
                    }
                    t = Some((value, parse_timestamp(value)?));
                }
                b"v1" => {
                    if count + skipped == MAX_SIGNATURES {
                        return malformed(format!("it has more than {MAX_SIGNATURES} v1 entries"));
                    }
                    if is_lower_hex_signature(value) {
                        // Within MAX_HEADER_LEN, so the offset fits a u16.
                        starts[count] = (value.as_ptr() as usize - header.as_ptr() as usize) as u16;
                        count += 1;
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
        if count == 0 {
            return Err(WebhookError::NoSignature(if skipped == 0 {
                "the header has no v1 entry".into()
            } else {
                format!(
                    "{skipped} v1 entr{} skipped: a v1 signature is exactly \
                     {SIGNATURE_HEX_LEN} lowercase hex characters",
                    if skipped == 1 { "y was" } else { "ies were" }
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
        })
    }
}

fn parse_timestamp(value: &[u8]) -> Result<u64, WebhookError> {
    let bad = |why: &str| Err(WebhookError::HeaderMalformed(format!("t {why}")));
    if value.is_empty() {
        return bad("is empty");
    }
    if !value.iter().all(u8::is_ascii_digit) {
        return bad("is not a unix timestamp in whole seconds (decimal digits only)");
    }
    // At most i64::MAX, so that `now - t` always fits an i64.
    let t = value.iter().try_fold(0u64, |acc, &d| {
        acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    });
    match t {
        Some(t) if i64::try_from(t).is_ok() => Ok(t),
        _ => bad("is out of range"),
    }
}

/// Verifies Revtain webhooks against one or several secrets.
///
/// Each secret is decoded and keyed once, here; `Debug` shows only how many secrets it holds
/// and the tolerance.
#[derive(Clone)]
pub struct Webhook {
    keys: Keys,
    tolerance: u64,
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("secrets", &self.keys.len())
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

impl Webhook {
    /// A verifier for one secret, or several while rotating, with the default tolerance.
    pub fn new<S: AsRef<[u8]>>(secrets: &[S]) -> Result<Webhook, WebhookError> {
        Ok(Webhook {
            keys: Keys::parse(secrets)?,
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
        now: u64,
    ) -> Result<u64, WebhookError> {
        let parsed = SignatureHeader::parse(header)?;
        let mut matched = subtle::Choice::from(0);
        for key in &self.keys.0 {
            let mut mac = key.clone();
            mac.update(parsed.timestamp_text);
            mac.update(b".");
            mac.update(body);
            let expected = words(&mac.finalize().into_bytes());
            for candidate in parsed.signatures() {
                matched |= words(&candidate).ct_eq(&expected);
            }
        }
        if !bool::from(matched) {
            return Err(WebhookError::SignatureMismatch {
                secrets: self.keys.len(),
            });
        }
        let age = i128::from(now) - i128::from(parsed.timestamp);
        if age.unsigned_abs() > u128::from(self.tolerance) {
            return Err(WebhookError::TimestampOutOfTolerance {
                age: i64::try_from(age).unwrap_or(if age < 0 { i64::MIN } else { i64::MAX }),
                tolerance: self.tolerance,
            });
        }
        Ok(parsed.timestamp)
    }

    /// Finds `X-Revtain-Signature` among `headers` (names compared case-insensitively) and
    /// verifies it, see [`verify_signature`](Self::verify_signature).
    ///
    /// A header that appears more than once is malformed.
    pub fn verify_headers<I, N, V>(
        &self,
        body: &[u8],
        headers: I,
        now: u64,
    ) -> Result<u64, WebhookError>
    where
        I: IntoIterator<Item = (N, V)>,
        N: AsRef<[u8]>,
        V: AsRef<[u8]>,
    {
        let mut found: Option<V> = None;
        for (name, value) in headers {
            if name
                .as_ref()
                .eq_ignore_ascii_case(SIGNATURE_HEADER.as_bytes())
            {
                if found.is_some() {
                    return Err(WebhookError::HeaderMalformed(
                        "the header appears more than once".into(),
                    ));
                }
                found = Some(value);
            }
        }
        let header = found.ok_or(WebhookError::HeaderMissing)?;
        self.verify_signature(body, header.as_ref(), now)
    }

    /// Verifies like [`verify_headers`](Self::verify_headers), then parses the body as a
    /// Revtain event envelope.
    pub fn verify<I, N, V>(&self, body: &[u8], headers: I, now: u64) -> Result<Event, WebhookError>
    where
        I: IntoIterator<Item = (N, V)>,
        N: AsRef<[u8]>,
        V: AsRef<[u8]>,
    {
        self.verify_headers(body, headers, now)?;
        Event::parse(body)
    }
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
    data: Box<RawValue>,
}

#[derive(Deserialize)]
struct Envelope {
    id: String,
    #[serde(rename = "type")]
    event_type: String,
    created: i64,
    data: Box<RawValue>,
}

impl Event {
    /// Parses an event envelope: a JSON object with a string `id`, a string `type`, an integer
    /// `created` and an object `data`; other members are ignored, repeated ones refused.
    ///
    /// This does not verify anything: use [`Webhook::verify`] on untrusted input.
    pub fn parse(body: &[u8]) -> Result<Event, WebhookError> {
        let envelope: Envelope = serde_json::from_slice(body)
            .map_err(|e| WebhookError::InvalidPayload(payload_error(&e)))?;
        if !envelope.data.get().starts_with('{') {
            return Err(WebhookError::InvalidPayload(
                "\"data\" is not a JSON object".into(),
            ));
        }
        Ok(Event {
            id: envelope.id,
            event_type: envelope.event_type,
            created: envelope.created,
            data: envelope.data,
        })
    }

    /// The `data` object as JSON text, exactly as it appears in the body.
    pub fn data_json(&self) -> &str {
        self.data.get()
    }

    /// The `data` object, parsed.
    pub fn data(&self) -> serde_json::Map<String, serde_json::Value> {
        serde_json::from_str(self.data.get()).unwrap_or_default()
    }
}

fn payload_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io | Category::Syntax | Category::Eof => {
            format!("it is not valid JSON ({e})")
        }
        Category::Data => format!("{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    #[test]
    fn secret_errors_say_what_and_never_echo() {
        let e = |s: &str| Keys::parse(&[s]).err().unwrap().to_string();
        assert!(e("sk_live_abc").contains("must start with \"whsec_\""));
        assert!(e("whsec_!!!!").contains("not standard base64"));
        assert!(e("whsec_AAAA").contains("decodes to 3 bytes"));
        assert!(!e("whsec_c2VjcmV0c2VjcmV0").contains("c2VjcmV0"));
        assert!(Keys::parse::<&str>(&[]).is_err());
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
}
