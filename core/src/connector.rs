//! Verifying inbound webhooks from billing platforms (docs/spec.md §2.4).
//!
//! Each platform signs its webhooks its own way, and the details (which bytes, which encoding,
//! whether the secret is decoded) are where integrations break. One entry point, [`verify`],
//! takes a connector name, the request headers (names matched case-insensitively), the raw body,
//! the merchant's platform secret and [`VerifyOptions`], and answers with a [`ConnectorEvent`]
//! or a [`ConnectorError`] that says precisely what is wrong.
//!
//! | connector | what is checked |
//! |---|---|
//! | `stripe` | `Stripe-Signature: t=…,v1=…`, HMAC-SHA256 keyed with the whole `whsec_…` string over `{t}.{body}`, 300 s |
//! | `chargebee` | `Authorization: Basic …` against `user:password` (Chargebee does not sign bodies) |
//! | `recharge` | `X-Recharge-Webhook-Signature: t=…,v1=…` (48 h) when present, else `X-Recharge-Hmac-Sha256` = SHA-256(secret ‖ body) |
//! | `recurly` | `recurly-signature: <ms>,<sig>[,<sig>]` over `{ms}.{body}`, 300 s |
//! | `paddle` | `Paddle-Signature: ts=…;h1=…` over `{ts}:{body}`, 300 s |
//! | `braintree` | form fields `bt_signature`, `bt_payload`: HMAC-SHA1 keyed with SHA-1(private key) |
//! | `maxio`, `gocardless`, `checkout`, `razorpay`, `lemonsqueezy` | hex HMAC-SHA256 of the body |
//! | `shopify` | base64 HMAC-SHA256 of the body |
//! | `square` | base64 HMAC-SHA256 of notification URL ‖ body |
//! | `paystack` | hex HMAC-SHA512 of the body |
//! | `adyen` | every notification item's `additionalData.hmacSignature`, key hex-decoded |
//! | `standard` | Standard Webhooks / Svix `webhook-*` headers over `{id}.{t}.{body}`, 300 s |
//!
//! Rules shared by every connector: the signature is checked before the timestamp, so a
//! [`ConnectorError::TimestampOutOfTolerance`] always means a genuine but replayed (or
//! clock-skewed) webhook; the window is inclusive and applies both ways; a header present twice
//! is malformed; every comparison of a secret or a signature is constant-time. `docs/connector.md`
//! has the traps of each platform.
//!
//! ```
//! use revtain::connector::{verify, VerifyOptions};
//!
//! let body = br#"{"id":"evt_1","type":"invoice.paid"}"#;
//! let headers = [(
//!     "Stripe-Signature",
//!     "t=1700000000,v1=5b2d4a1b0e1c8f6c2f4b7e0f9b8c1a7d3e2f6a5b4c3d2e1f0a9b8c7d6e5f4a3b",
//! )];
//! let options = VerifyOptions { now: Some(1_700_000_000), ..VerifyOptions::default() };
//! let err = verify("stripe", &headers, body, b"whsec_test", &options).unwrap_err();
//! assert_eq!(err.kind(), revtain::ErrorKind::ConnectorSignatureMismatch);
//! ```

use std::fmt;

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use thiserror::Error;

use crate::args::{self, Number};
use crate::wire::{self, DecimalError, STANDARD};
use crate::ErrorKind;

pub(crate) use crate::wire::{ct_eq, decode_lower_hex};

mod adyen;
mod body_hmac;
mod braintree;
mod chargebee;
mod paddle;
mod recharge;
mod recurly;
mod standard;
mod stripe;

/// Every connector name [`verify`] accepts, in the order of docs/spec.md.
pub const CONNECTORS: &[&str] = &[
    "stripe",
    "chargebee",
    "recharge",
    "recurly",
    "paddle",
    "braintree",
    "maxio",
    "shopify",
    "gocardless",
    "checkout",
    "razorpay",
    "lemonsqueezy",
    "square",
    "paystack",
    "adyen",
    "standard",
];

/// Options of a verification. Every field has a default: the connector's own window, the
/// system clock, and no URL or public key (the schemes that need one say so with
/// [`ConnectorError::InvalidOptions`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerifyOptions<'a> {
    /// The replay window in seconds, both ways; `None` is the connector's default
    /// ([`Connector::default_tolerance`]). Ignored by schemes that sign no timestamp.
    pub tolerance: Option<u64>,
    /// The current time in unix seconds; `None` reads the system clock.
    pub now: Option<u64>,
    /// The notification URL exactly as configured on the platform (Square signs it).
    pub notification_url: Option<&'a str>,
    /// The merchant's public key, which picks the signature to check (Braintree).
    pub public_key: Option<&'a str>,
    /// Accept only a webhook whose signature covers a timestamp (so a replay is refused after
    /// the window): ReCharge's timestamped header is then required (a request with only the
    /// legacy one, for example after the timestamped one was stripped, is refused), and for a
    /// scheme that signs no timestamp at all the option is [`ConnectorError::InvalidOptions`]:
    /// its webhooks can be replayed for ever, so deduplicate them (see `docs/connector.md`).
    pub require_timestamp: bool,
}

impl<'a> VerifyOptions<'a> {
    /// Options from a host's values, checked by the one rule of [`crate::args`]: `tolerance`
    /// whole seconds `>= 0` (`None`: the connector's window), `now` unix seconds (`None`: the
    /// clock). A bad value is [`ConnectorError::InvalidOptions`] for `connector_name` (which
    /// need not be a known name: the message then names no connector).
    pub fn from_host(
        connector_name: &str,
        tolerance: Option<Number>,
        now: Option<Number>,
        notification_url: Option<&'a str>,
        public_key: Option<&'a str>,
    ) -> Result<VerifyOptions<'a>, ConnectorError> {
        let invalid = |e: args::ArgumentError| ConnectorError::InvalidOptions {
            connector: connector(connector_name).map_or("connector", |c| c.name()),
            reason: e.0,
        };
        Ok(VerifyOptions {
            tolerance: tolerance
                .map(|t| args::whole_seconds(t, "tolerance", i64::MAX.unsigned_abs()))
                .transpose()
                .map_err(invalid)?,
            now: args::unix_seconds(now, "now").map_err(invalid)?,
            notification_url,
            public_key,
            require_timestamp: false,
        })
    }
}

/// A verified webhook: what the scheme itself says about it, beyond "genuine".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectorEvent {
    /// The connector that verified it.
    pub connector: &'static str,
    /// The signed timestamp, unix seconds (Recurly's milliseconds divided by 1000, rounded
    /// down), for schemes that sign one.
    pub timestamp: Option<u64>,
    /// The event id a signed or accompanying header carries: Standard Webhooks `webhook-id`
    /// (signed), Shopify `X-Shopify-Webhook-Id`, Razorpay `X-Razorpay-Event-Id`.
    pub id: Option<String>,
    /// The message a form-encoded scheme carries inside the body: Braintree's base64-decoded
    /// `bt_payload` (XML). `None` when the body itself is the message.
    pub payload: Option<Vec<u8>>,
}

/// Why a connector webhook was refused, or could not be checked.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ConnectorError {
    /// The connector name is not one of [`CONNECTORS`]. The name given is never repeated: a
    /// swapped argument would put the secret there.
    #[error("unknown connector: expected one of {}", CONNECTORS.join(", "))]
    Unknown,
    /// The signature header, or the body field that carries the signature, is absent.
    #[error("the {header} header is missing: the request was not signed by the platform, or a proxy dropped it")]
    HeaderMissing {
        /// The header (or field) name, in the platform's spelling.
        header: &'static str,
    },
    /// The header (or field) does not have the scheme's shape.
    #[error("the {header} header is malformed: {reason}")]
    HeaderMalformed {
        /// The header (or field) name, in the platform's spelling.
        header: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The signature matches, but its timestamp is outside the window.
    #[error(
        "the signature is genuine but its timestamp is {} s {} now, outside the {tolerance} s window: a replayed webhook, or a clock that is off{}",
        age.unsigned_abs(),
        if *age < 0 { "ahead of" } else { "behind" },
        crate::webhook::milliseconds_hint(*timestamp, *age)
    )]
    TimestampOutOfTolerance {
        /// `now − timestamp` in whole seconds: negative for a timestamp in the future.
        age: i64,
        /// The window that was applied, in seconds.
        tolerance: u64,
        /// The signed timestamp, unix seconds (Recurly's milliseconds divided by 1000).
        timestamp: u64,
    },
    /// No signature matches the body under the secret.
    #[error("signature mismatch: {hint}")]
    SignatureMismatch {
        /// What the connector signs, and the usual causes of a mismatch.
        hint: &'static str,
    },
    /// The secret is empty or not of the scheme's form.
    #[error("invalid {connector} secret: {reason}")]
    InvalidSecret {
        /// The connector.
        connector: &'static str,
        /// What is wrong with it (never the secret itself).
        reason: &'static str,
    },
    /// An option the scheme needs is missing or unusable.
    #[error("invalid {connector} options: {reason}")]
    InvalidOptions {
        /// The connector (`""` when the name is not one of [`CONNECTORS`]).
        connector: &'static str,
        /// What is missing or wrong.
        reason: String,
    },
    /// A body the connector must parse cannot be parsed.
    #[error("the {connector} body cannot be parsed: {reason}")]
    PayloadMalformed {
        /// The connector.
        connector: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

impl ConnectorError {
    /// The error kind shared with the C, Python and Node surfaces.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ConnectorError::Unknown => ErrorKind::ConnectorUnknown,
            ConnectorError::HeaderMissing { .. } => ErrorKind::ConnectorHeaderMissing,
            ConnectorError::HeaderMalformed { .. } => ErrorKind::ConnectorHeaderMalformed,
            ConnectorError::TimestampOutOfTolerance { .. } => {
                ErrorKind::ConnectorTimestampOutOfTolerance
            }
            ConnectorError::SignatureMismatch { .. } => ErrorKind::ConnectorSignatureMismatch,
            ConnectorError::InvalidSecret { .. } => ErrorKind::ConnectorInvalidSecret,
            ConnectorError::InvalidOptions { .. } => ErrorKind::ConnectorInvalidOptions,
            ConnectorError::PayloadMalformed { .. } => ErrorKind::ConnectorPayloadMalformed,
        }
    }

    /// The header (or field) a missing-header or malformed-header error names.
    pub fn header(&self) -> Option<&'static str> {
        match self {
            ConnectorError::HeaderMissing { header }
            | ConnectorError::HeaderMalformed { header, .. } => Some(header),
            _ => None,
        }
    }

    /// `now − timestamp` in seconds, for a timestamp outside the window.
    pub fn age(&self) -> Option<i64> {
        match self {
            ConnectorError::TimestampOutOfTolerance { age, .. } => Some(*age),
            _ => None,
        }
    }

    /// The window applied, in seconds, for a timestamp outside it.
    pub fn tolerance(&self) -> Option<u64> {
        match self {
            ConnectorError::TimestampOutOfTolerance { tolerance, .. } => Some(*tolerance),
            _ => None,
        }
    }

    /// The signed timestamp (unix seconds), for a timestamp outside the window.
    pub fn timestamp(&self) -> Option<u64> {
        match self {
            ConnectorError::TimestampOutOfTolerance { timestamp, .. } => Some(*timestamp),
            _ => None,
        }
    }
}

impl From<&ConnectorError> for crate::ErrorDetail {
    fn from(e: &ConnectorError) -> crate::ErrorDetail {
        crate::ErrorDetail {
            header: e.header(),
            age: e.age(),
            tolerance: e.tolerance(),
            timestamp: e.timestamp(),
            ..crate::ErrorDetail::new(e.kind(), e.to_string())
        }
    }
}

/// One platform's verification scheme.
pub trait Connector: Send + Sync {
    /// The registry name (one of [`CONNECTORS`]).
    fn name(&self) -> &'static str;

    /// The replay window applied when the options give none, or `None` when the scheme signs
    /// no timestamp.
    fn default_tolerance(&self) -> Option<u64>;

    /// Every header the scheme reads, in the platform's spelling.
    fn header_names(&self) -> &'static [&'static str];

    /// Verifies one request. `secret` is the platform secret exactly as the merchant configured
    /// it; the connector decodes it if its scheme says so.
    fn verify(
        &self,
        request: &Request<'_>,
        secret: &[u8],
        options: &VerifyOptions<'_>,
    ) -> Result<ConnectorEvent, ConnectorError>;
}

impl fmt::Debug for dyn Connector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connector")
            .field("name", &self.name())
            .finish()
    }
}

/// The connector registered under `name`, if any.
pub fn connector(name: &str) -> Option<&'static dyn Connector> {
    static STRIPE: stripe::Stripe = stripe::Stripe;
    static CHARGEBEE: chargebee::Chargebee = chargebee::Chargebee;
    static RECHARGE: recharge::Recharge = recharge::Recharge;
    static RECURLY: recurly::Recurly = recurly::Recurly;
    static PADDLE: paddle::Paddle = paddle::Paddle;
    static BRAINTREE: braintree::Braintree = braintree::Braintree;
    static ADYEN: adyen::Adyen = adyen::Adyen;
    static STANDARD: standard::Standard = standard::Standard;
    Some(match name {
        "stripe" => &STRIPE,
        "chargebee" => &CHARGEBEE,
        "recharge" => &RECHARGE,
        "recurly" => &RECURLY,
        "paddle" => &PADDLE,
        "braintree" => &BRAINTREE,
        "maxio" => &body_hmac::MAXIO,
        "shopify" => &body_hmac::SHOPIFY,
        "gocardless" => &body_hmac::GOCARDLESS,
        "checkout" => &body_hmac::CHECKOUT,
        "razorpay" => &body_hmac::RAZORPAY,
        "lemonsqueezy" => &body_hmac::LEMONSQUEEZY,
        "square" => &body_hmac::SQUARE,
        "paystack" => &body_hmac::PAYSTACK,
        "adyen" => &ADYEN,
        "standard" => &STANDARD,
        _ => return None,
    })
}

/// Verifies a webhook from the platform `connector` names.
///
/// `headers` are the request's `(name, value)` pairs as received (names are matched
/// case-insensitively, values have surrounding spaces and tabs trimmed), `body` the raw bytes
/// as received, `secret` the platform secret as configured.
pub fn verify<N, V>(
    connector_name: &str,
    headers: &[(N, V)],
    body: &[u8],
    secret: &[u8],
    options: &VerifyOptions<'_>,
) -> Result<ConnectorEvent, ConnectorError>
where
    N: AsRef<[u8]>,
    V: AsRef<[u8]>,
{
    let c = connector(connector_name).ok_or(ConnectorError::Unknown)?;
    if options.require_timestamp && c.default_tolerance().is_none() {
        return Err(ConnectorError::InvalidOptions {
            connector: c.name(),
            reason: format!(
                "require_timestamp cannot be met: {} signs no timestamp, so its webhooks carry no \
                 replay protection (deduplicate them by event id)",
                c.name()
            ),
        });
    }
    let mut small: [(&[u8], &[u8]); 16] = [(&[], &[]); 16];
    let large: Vec<(&[u8], &[u8])>;
    let headers: &[(&[u8], &[u8])] = if headers.len() <= small.len() {
        for (slot, (n, v)) in small.iter_mut().zip(headers) {
            *slot = (n.as_ref(), crate::headers::trim(v.as_ref()));
        }
        &small[..headers.len()]
    } else {
        large = headers
            .iter()
            .map(|(n, v)| (n.as_ref(), crate::headers::trim(v.as_ref())))
            .collect();
        &large
    };
    c.verify(&Request::new(headers, body), secret, options)
}

/// The header names `connector_name` reads (in the platform's spelling), for a binding that
/// passes only the headers that matter (see [`crate::headers`]); empty for an unknown name.
pub fn header_names(connector_name: &str) -> &'static [&'static str] {
    connector(connector_name).map_or(&[], |c| c.header_names())
}

/// A request as a connector sees it: the headers and the raw body.
///
/// `Debug` shows the header names and the body's length, never a header value or the body:
/// values are credentials for some schemes (Chargebee's `Authorization`) and signatures for all.
#[derive(Clone, Copy)]
pub struct Request<'a> {
    headers: &'a [(&'a [u8], &'a [u8])],
    body: &'a [u8],
}

impl fmt::Debug for Request<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self
            .headers
            .iter()
            .map(|(n, _)| String::from_utf8_lossy(n).into_owned())
            .collect();
        f.debug_struct("Request")
            .field("header_names", &names)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl<'a> Request<'a> {
    /// A request of `(name, value)` header pairs (values as they should be compared) and a body.
    pub fn new(headers: &'a [(&'a [u8], &'a [u8])], body: &'a [u8]) -> Request<'a> {
        Request { headers, body }
    }

    /// The raw body.
    pub fn body(&self) -> &'a [u8] {
        self.body
    }

    /// The value of the header `name` (matched by the rule of [`crate::headers`]), `None` when
    /// absent; a header present more than once, in any spelling, is malformed (which copy
    /// would be the signature?).
    pub fn header(&self, name: &'static str) -> Result<Option<&'a [u8]>, ConnectorError> {
        crate::headers::find(self.headers.iter().copied(), name)
            .map_err(|_| malformed(name, "it is present more than once"))
    }

    /// The value of the header `name`; absent is [`ConnectorError::HeaderMissing`].
    pub fn require(&self, name: &'static str) -> Result<&'a [u8], ConnectorError> {
        self.header(name)?
            .ok_or(ConnectorError::HeaderMissing { header: name })
    }
}

// --- Shared pieces of the schemes -------------------------------------------------------------

pub(crate) fn malformed(header: &'static str, reason: impl Into<String>) -> ConnectorError {
    ConnectorError::HeaderMalformed {
        header,
        reason: reason.into(),
    }
}

pub(crate) fn mismatch(hint: &'static str) -> ConnectorError {
    ConnectorError::SignatureMismatch { hint }
}

/// An empty secret is a configuration mistake, never a key.
pub(crate) fn nonempty_secret<'s>(
    connector: &'static str,
    secret: &'s [u8],
) -> Result<&'s [u8], ConnectorError> {
    if secret.is_empty() {
        return Err(ConnectorError::InvalidSecret {
            connector,
            reason: "it is empty",
        });
    }
    Ok(secret)
}

/// A MAC computed here: up to 64 bytes on the stack (no allocation per verification).
pub(crate) struct MacBytes {
    bytes: [u8; 64],
    len: usize,
}

impl std::ops::Deref for MacBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// HMAC of the concatenation of `parts`, keyed with `key`.
///
/// The keyed state of the last key each thread used is kept (beside a copy of the key, both
/// wiped when replaced or when the thread ends), because a server verifies one platform's
/// webhooks with the same secret over and over: keying costs two hash blocks, a tenth of a
/// 1 KiB verification. The key is compared in constant time.
pub(crate) fn hmac<D>(key: &[u8], parts: &[&[u8]]) -> MacBytes
where
    Hmac<D>: KeyInit + Mac + Clone + 'static,
    D: hmac::EagerHash,
{
    let mut mac = keyed::<D>(key);
    for part in parts {
        mac.update(part);
    }
    let out = mac.finalize().into_bytes();
    let mut m = MacBytes {
        bytes: [0; 64],
        len: out.len(),
    };
    m.bytes[..out.len()].copy_from_slice(&out);
    m
}

/// A thread's last keyed state: the digest, the key and the state.
type LastKey = (
    std::any::TypeId,
    zeroize::Zeroizing<Vec<u8>>,
    Box<dyn std::any::Any>,
);

thread_local! {
    static LAST_KEY: std::cell::RefCell<Option<LastKey>> = const { std::cell::RefCell::new(None) };
}

fn keyed<D>(key: &[u8]) -> Hmac<D>
where
    Hmac<D>: KeyInit + Mac + Clone + 'static,
    D: hmac::EagerHash,
{
    let digest = std::any::TypeId::of::<Hmac<D>>();
    let cached = LAST_KEY.with(|last| {
        let last = last.borrow();
        let (d, k, state) = last.as_ref()?;
        (*d == digest && ct_eq(k, key))
            .then(|| state.downcast_ref::<Hmac<D>>().cloned())
            .flatten()
    });
    if let Some(mac) = cached {
        return mac;
    }
    // HMAC takes keys of any length.
    let mac =
        <Hmac<D> as KeyInit>::new_from_slice(key).unwrap_or_else(|_| unreachable!("any length"));
    LAST_KEY.with(|last| {
        *last.borrow_mut() = Some((
            digest,
            zeroize::Zeroizing::new(key.to_vec()),
            Box::new(mac.clone()),
        ))
    });
    mac
}

/// The signatures of a header that lists several (Stripe-style rotation): well-formed entries are
/// kept, ill-formed ones skipped (the platforms' SDKs never match them either), and the header is
/// malformed only when no entry is usable. At most 16 entries: more is not a rotation.
pub(crate) struct SignatureList {
    header: &'static str,
    signatures: Vec<Vec<u8>>,
    skipped: usize,
}

impl SignatureList {
    const MAX: usize = 16;

    pub(crate) fn new(header: &'static str) -> SignatureList {
        SignatureList {
            header,
            signatures: Vec::new(),
            skipped: 0,
        }
    }

    /// Adds one entry: `Some` of a decoded signature of the digest's length, `None` for an
    /// entry that is not one.
    pub(crate) fn push(&mut self, signature: Option<Vec<u8>>) -> Result<(), ConnectorError> {
        if self.signatures.len() + self.skipped == Self::MAX {
            return Err(malformed(
                self.header,
                format!("it has more than {} signatures", Self::MAX),
            ));
        }
        match signature {
            Some(sig) => self.signatures.push(sig),
            None => self.skipped += 1,
        }
        Ok(())
    }

    /// Whether `check` accepts any signature (for public-key signatures, where nothing secret
    /// is compared); malformed when none was usable (`form` says what a usable entry is).
    pub(crate) fn any(
        &self,
        check: impl Fn(&[u8]) -> bool,
        form: &str,
    ) -> Result<bool, ConnectorError> {
        self.require_usable(form)?;
        Ok(self.signatures.iter().any(|sig| check(sig)))
    }

    fn require_usable(&self, form: &str) -> Result<(), ConnectorError> {
        if self.signatures.is_empty() {
            return Err(malformed(
                self.header,
                if self.skipped == 0 {
                    "it has no signature".to_string()
                } else {
                    format!("none of its {} signature entries is {form}", self.skipped)
                },
            ));
        }
        Ok(())
    }

    /// Whether any signature equals `expected`, comparing every one in constant time; malformed
    /// when none was usable (`form` says what a usable entry is).
    pub(crate) fn matches(&self, expected: &[u8], form: &str) -> Result<bool, ConnectorError> {
        self.require_usable(form)?;
        let mut matched = false;
        for sig in &self.signatures {
            matched |= ct_eq(expected, sig);
        }
        Ok(matched)
    }
}

/// A verified event of a scheme that reports only a timestamp (or nothing).
pub(crate) fn event(connector: &'static str, timestamp: Option<u64>) -> ConnectorEvent {
    ConnectorEvent {
        connector,
        timestamp,
        id: None,
        payload: None,
    }
}

/// Decodes a signature of `len` bytes written as lowercase hex.
pub(crate) fn lower_hex(
    header: &'static str,
    value: &[u8],
    len: usize,
) -> Result<Vec<u8>, ConnectorError> {
    if value.len() != 2 * len {
        return Err(malformed(
            header,
            format!(
                "the signature is {} characters long; expected {} lowercase hex characters",
                value.len(),
                2 * len
            ),
        ));
    }
    decode_lower_hex(value).ok_or_else(|| {
        malformed(
            header,
            "the signature has a character that is not lowercase hex (0-9, a-f)",
        )
    })
}

/// Decodes a signature of `len` bytes written as standard base64 with padding.
pub(crate) fn base64_signature(
    header: &'static str,
    value: &[u8],
    len: usize,
) -> Result<Vec<u8>, ConnectorError> {
    let decoded = STANDARD.decode(value).map_err(|_| {
        malformed(
            header,
            "the signature is not standard base64 (A-Z a-z 0-9 + / with = padding)",
        )
    })?;
    if decoded.len() != len {
        return Err(malformed(
            header,
            format!(
                "the signature decodes to {} bytes; expected {len}",
                decoded.len()
            ),
        ));
    }
    Ok(decoded)
}

/// A unix timestamp in decimal digits, at most `i64::MAX`.
pub(crate) fn parse_decimal(
    header: &'static str,
    what: &str,
    value: &[u8],
) -> Result<u64, ConnectorError> {
    wire::parse_decimal(value).map_err(|e| match e {
        DecimalError::Empty | DecimalError::NotDigits => {
            malformed(header, format!("the {what} is not decimal digits"))
        }
        DecimalError::OutOfRange => malformed(header, format!("the {what} is out of range")),
    })
}

/// Checks a signed timestamp in milliseconds against `now ± tolerance` (inclusive), with the
/// options' window (or the connector's) and clock. The age in the error is in whole seconds,
/// truncated toward zero.
pub(crate) fn check_window_ms(
    connector: &dyn Connector,
    timestamp_ms: u64,
    options: &VerifyOptions<'_>,
) -> Result<(), ConnectorError> {
    let tolerance = options
        .tolerance
        .or(connector.default_tolerance())
        .unwrap_or(0);
    let now = options.now.unwrap_or_else(crate::webhook::now_unix);
    wire::check_window_ms(timestamp_ms, now, tolerance).map_err(|age| {
        ConnectorError::TimestampOutOfTolerance {
            age,
            tolerance,
            timestamp: timestamp_ms / 1000,
        }
    })
}

/// Checks a signed timestamp in seconds; see [`check_window_ms`].
pub(crate) fn check_window(
    connector: &dyn Connector,
    timestamp: u64,
    options: &VerifyOptions<'_>,
) -> Result<(), ConnectorError> {
    check_window_ms(connector, timestamp.saturating_mul(1000), options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_registered_under_itself() {
        for name in CONNECTORS {
            assert_eq!(connector(name).map(|c| c.name()), Some(*name));
        }
        assert!(connector("Stripe").is_none());
    }

    #[test]
    fn unknown_connector_names_the_known_ones() {
        let err =
            verify::<&str, &str>("strype", &[], b"", b"k", &VerifyOptions::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectorUnknown);
        assert!(err.to_string().contains("stripe, chargebee"), "{err}");
    }

    #[test]
    fn headers_are_matched_case_insensitively_and_duplicates_are_malformed() {
        let headers: [(&[u8], &[u8]); 2] = [(b"X-A", b"1"), (b"x-b", b"2")];
        let r = Request::new(&headers, b"");
        assert_eq!(r.header("x-a").unwrap(), Some(&b"1"[..]));
        assert_eq!(r.require("X-B").unwrap(), b"2");
        assert_eq!(
            r.require("X-C").unwrap_err(),
            ConnectorError::HeaderMissing { header: "X-C" }
        );
        let twice: [(&[u8], &[u8]); 2] = [(b"X-A", b"1"), (b"x-a", b"1")];
        let err = Request::new(&twice, b"").header("X-A").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectorHeaderMalformed);
    }

    #[test]
    fn window_is_inclusive_both_ways_and_reports_the_age() {
        let c = connector("stripe").unwrap();
        let at = |now| VerifyOptions {
            now: Some(now),
            ..VerifyOptions::default()
        };
        assert!(check_window(c, 1000, &at(1300)).is_ok());
        assert!(check_window(c, 1300, &at(1000)).is_ok());
        assert_eq!(
            check_window(c, 1000, &at(1301)).unwrap_err().age(),
            Some(301)
        );
        assert_eq!(
            check_window(c, 1301, &at(1000)).unwrap_err().age(),
            Some(-301)
        );
        assert!(check_window_ms(c, 1_000_000, &at(1300)).is_ok());
        assert_eq!(
            check_window_ms(c, 999_999, &at(1300)).unwrap_err().age(),
            Some(300)
        );
    }

    #[test]
    fn a_request_never_shows_a_header_value_or_the_body() {
        let headers = [(&b"Authorization"[..], &b"Basic dXNlcjpzM2NyM3Q="[..])];
        let shown = format!("{:?}", Request::new(&headers, b"secret body"));
        assert_eq!(
            shown,
            r#"Request { header_names: ["Authorization"], body_len: 11 }"#
        );
    }

    #[test]
    fn require_timestamp_is_refused_for_a_scheme_without_one() {
        let strict = VerifyOptions {
            require_timestamp: true,
            ..VerifyOptions::default()
        };
        for name in CONNECTORS {
            let r = verify::<&[u8], &[u8]>(name, &[], b"{}", b"secret", &strict);
            let unsigned = connector(name).unwrap().default_tolerance().is_none();
            match r {
                Err(ConnectorError::InvalidOptions { reason, .. }) if unsigned => {
                    assert!(reason.contains("signs no timestamp"), "{name}: {reason}")
                }
                Err(ConnectorError::InvalidOptions { reason, .. }) => panic!("{name}: {reason}"),
                other => assert!(!unsigned, "{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_keyed_state_of_the_last_key_is_reused_only_for_that_key() {
        use sha2::{Sha256, Sha512};
        let a = hmac::<Sha256>(b"key a", &[b"msg"]);
        let again = hmac::<Sha256>(b"key a", &[b"msg"]);
        let b = hmac::<Sha256>(b"key b", &[b"msg"]);
        let long = hmac::<Sha512>(b"key a", &[b"msg"]);
        assert_eq!(&*a, &*again);
        assert_ne!(&*a, &*b);
        assert_eq!(long.len(), 64);
        assert_eq!(&*hmac::<Sha256>(b"key a", &[b"msg"]), &*a);
        let fresh = <Hmac<Sha256> as KeyInit>::new_from_slice(b"key b").unwrap();
        assert_eq!(
            &*b,
            fresh
                .chain_update(b"msg")
                .finalize()
                .into_bytes()
                .as_slice()
        );
    }

    #[test]
    fn signature_decoders_name_the_problem() {
        assert_eq!(lower_hex("H", b"0a", 1).unwrap(), vec![10]);
        assert!(lower_hex("H", b"0A", 1)
            .unwrap_err()
            .to_string()
            .contains("lowercase"));
        assert!(lower_hex("H", b"0a0a", 1)
            .unwrap_err()
            .to_string()
            .contains("4 characters"));
        assert_eq!(base64_signature("H", b"AQ==", 1).unwrap(), vec![1]);
        assert!(base64_signature("H", b"AQI=", 1)
            .unwrap_err()
            .to_string()
            .contains("2 bytes"));
        assert!(base64_signature("H", b"!!", 1)
            .unwrap_err()
            .to_string()
            .contains("base64"));
    }
}
