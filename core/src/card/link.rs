//! Card-update links: compact JWS tokens, HS256 only.

use crate::args::{self, Number};
use core::fmt;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::token::ensure_not_pan;
use super::CardError;
use crate::RandomUnavailable;

/// The `aud` of every card-update token.
pub const AUDIENCE: &str = "revtain:card-update";
/// The prefix of a card-update secret.
pub const SECRET_PREFIX: &str = "cusec_";
/// Bytes in a card-update secret (the HMAC key).
pub const SECRET_BYTES: usize = 32;
/// Default lifetime of a link, in seconds (one day).
pub const DEFAULT_TTL: u64 = 86_400;
/// The longest lifetime a link may have, in seconds (30 days).
pub const MAX_TTL: u64 = 30 * 86_400;
/// The algorithm names of RFC 7518 (and RFC 8037's `EdDSA`), the only ones an error repeats.
const JWS_ALGORITHMS: [&str; 15] = [
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256",
    "PS384", "PS512", "none", "EdDSA", "ES256K",
];
/// Default clock leeway for `exp` and `iat`, in seconds.
pub const DEFAULT_LEEWAY: u64 = 60;
/// The longest lifetime (`exp − iat`) a link may have by default, minted or verified: a week.
/// A token minted elsewhere with a longer one (a JWT library will mint ten years) is refused.
pub const DEFAULT_MAX_LIFETIME: u64 = 7 * 86_400;
/// The longest token [`CardUpdateLinks::verify`] reads, in bytes.
pub const MAX_TOKEN_LEN: usize = 8192;
/// The protected header of every token this library mints.
pub const HEADER_JSON: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

const MAX_FIELD_LEN: usize = 255;
const MAX_URL_LEN: usize = 2048;

/// Generates a card-update secret: `cusec_` + standard base64 of 32 bytes from the OS CSPRNG.
pub fn generate_card_update_secret() -> Result<Zeroizing<String>, RandomUnavailable> {
    let mut key = Zeroizing::new([0u8; SECRET_BYTES]);
    crate::rng::fill(key.as_mut_slice())?;
    let mut out = Zeroizing::new(String::with_capacity(SECRET_PREFIX.len() + 44));
    out.push_str(SECRET_PREFIX);
    STANDARD.encode_string(key.as_slice(), &mut out);
    Ok(out)
}

fn decode_secret(secret: &str) -> Result<Zeroizing<[u8; SECRET_BYTES]>, CardError> {
    let bad = |why: &str| CardError::InvalidSecret(why.to_owned());
    let body = secret
        .trim()
        .strip_prefix(SECRET_PREFIX)
        .ok_or_else(|| bad("it must start with \"cusec_\" (the card-update secret, not a webhook secret or API key)"))?;
    let padded = body.trim_end_matches('=');
    let mut buf = Zeroizing::new([0u8; SECRET_BYTES + 3]);
    let n = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode_slice(padded, buf.as_mut_slice())
        .map_err(|_| bad("the part after \"cusec_\" is not standard base64 of 32 bytes"))?;
    if n != SECRET_BYTES {
        return Err(CardError::InvalidSecret(format!(
            "it decodes to {n} bytes; expected exactly {SECRET_BYTES}"
        )));
    }
    let mut key = Zeroizing::new([0u8; SECRET_BYTES]);
    key.copy_from_slice(&buf[..SECRET_BYTES]);
    Ok(key)
}

/// The claims of a card-update token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CardUpdateClaims {
    /// The merchant's client id.
    pub iss: String,
    /// The merchant's reference of the customer.
    pub sub: String,
    /// Always [`AUDIENCE`].
    pub aud: String,
    /// Issued at, unix seconds.
    pub iat: i64,
    /// Expires at, unix seconds.
    pub exp: i64,
    /// A random id (22 base64url characters of 16 random bytes when minted here).
    pub jti: String,
    /// Where the page sends the customer afterwards (https only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
}

impl CardUpdateClaims {
    /// The claims as compact JSON, in the order of the fields above (`return_url` only when
    /// present): the payload this library signs.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| unreachable!("plain strings and integers"))
    }
}

#[derive(Deserialize)]
struct Header {
    alg: Value,
    typ: Option<Value>,
    crit: Option<Value>,
    b64: Option<Value>,
}

#[derive(Deserialize)]
struct Payload {
    iss: Value,
    sub: Value,
    aud: Value,
    iat: Value,
    exp: Value,
    jti: Value,
    nbf: Option<Value>,
    return_url: Option<Value>,
}

/// Mints and verifies card-update links for one merchant (client id) and secret.
///
/// The secret is decoded and the HMAC keyed once, here; the keyed state is wiped when the
/// value is dropped. `Debug` shows the client id, the base URL and the leeway, never the
/// secret.
#[derive(Clone)]
pub struct CardUpdateLinks {
    key: Hmac<Sha256>,
    client_id: String,
    base_url: String,
    leeway: u64,
    max_lifetime: u64,
}

impl fmt::Debug for CardUpdateLinks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardUpdateLinks")
            .field("client_id", &self.client_id)
            .field("base_url", &self.base_url)
            .field("leeway", &self.leeway)
            .field("max_lifetime", &self.max_lifetime)
            .finish_non_exhaustive()
    }
}

fn check_field(value: &str, what: &str) -> Result<(), CardError> {
    if value.is_empty() || value.len() > MAX_FIELD_LEN {
        return Err(CardError::InvalidParameter(format!(
            "{what} must be 1 to {MAX_FIELD_LEN} bytes long"
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(CardError::InvalidParameter(format!(
            "{what} must not contain control characters"
        )));
    }
    Ok(())
}

/// Checks that `url` is an absolute `https://` URL with a host and no user info.
pub fn check_https_url(url: &str, what: &str) -> Result<(), CardError> {
    let bad = |why: &str| Err(CardError::InvalidParameter(format!("{what} {why}")));
    if url.len() > MAX_URL_LEN {
        return bad("is longer than 2048 bytes");
    }
    if url.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return bad("contains whitespace or control characters");
    }
    let Some(rest) = url
        .get(..8)
        .filter(|s| s.eq_ignore_ascii_case("https://"))
        .map(|_| &url[8..])
    else {
        return bad("must be an https:// URL");
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.starts_with(':') {
        return bad("has no host");
    }
    if authority.contains('@') {
        return bad("must not contain user info (user@host)");
    }
    Ok(())
}

/// A leeway from a host number, by the one rule of [`crate::args`]: `None` is
/// [`DEFAULT_LEEWAY`]; otherwise whole seconds `>= 0`.
pub fn leeway_from(value: Option<Number>) -> Result<u64, CardError> {
    match value {
        None => Ok(DEFAULT_LEEWAY),
        Some(v) => {
            args::whole_seconds(v, "leeway", MAX_TTL).map_err(|e| CardError::InvalidParameter(e.0))
        }
    }
}

/// A longest lifetime from a host number: `None` is [`DEFAULT_MAX_LIFETIME`]; otherwise whole
/// seconds from 1 to [`MAX_TTL`].
pub fn max_lifetime_from(value: Option<Number>) -> Result<u64, CardError> {
    let Some(v) = value else {
        return Ok(DEFAULT_MAX_LIFETIME);
    };
    args::count(v, "max_lifetime", 1, MAX_TTL).map_err(|_| {
        CardError::InvalidParameter(format!(
            "the max_lifetime must be 1 to {MAX_TTL} seconds (30 days), not {v}"
        ))
    })
}

/// A lifetime from a host number: `None` is [`DEFAULT_TTL`]; otherwise whole seconds from 1
/// to [`MAX_TTL`].
pub fn ttl_from(value: Option<Number>) -> Result<u64, CardError> {
    let Some(v) = value else {
        return Ok(DEFAULT_TTL);
    };
    args::count(v, "ttl", 1, MAX_TTL).map_err(|_| {
        CardError::InvalidParameter(format!(
            "the ttl must be 1 to {MAX_TTL} seconds (30 days), not {v}"
        ))
    })
}

/// A `now` from a host number: unix seconds; `None` is the system clock.
pub fn now_from(value: Option<Number>) -> Result<u64, CardError> {
    args::unix_seconds(value, "now")
        .map(|t| t.unwrap_or_else(crate::webhook::now_unix))
        .map_err(|e| CardError::InvalidParameter(e.0))
}

impl CardUpdateLinks {
    /// Links for `client_id` to the card-update page at `base_url` (https), signed with
    /// `secret` (`cusec_…`), with the default leeway.
    pub fn new(
        secret: &str,
        client_id: &str,
        base_url: &str,
    ) -> Result<CardUpdateLinks, CardError> {
        let key = decode_secret(secret)?;
        ensure_not_pan(client_id, "client id")?;
        check_field(client_id, "the client id")?;
        check_https_url(base_url, "the base URL")?;
        // Any `@`: `https://u:pa/ss@host` would pass the authority check (the authority ends at
        // the first `/`) and show the secret in the URL, which every surface displays.
        if base_url.contains('@') {
            return Err(CardError::InvalidParameter(
                "the base URL must not contain @ (no credentials in a URL)".into(),
            ));
        }
        if base_url.contains('#') {
            return Err(CardError::InvalidParameter(
                "the base URL must not have a #fragment".into(),
            ));
        }
        Ok(CardUpdateLinks {
            key: <Hmac<Sha256> as KeyInit>::new_from_slice(key.as_slice())
                .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length")),
            client_id: client_id.to_owned(),
            base_url: base_url.to_owned(),
            leeway: DEFAULT_LEEWAY,
            max_lifetime: DEFAULT_MAX_LIFETIME,
        })
    }

    /// The same links with another leeway for `exp` and `iat`, in seconds.
    #[must_use]
    pub fn with_leeway(mut self, leeway: u64) -> CardUpdateLinks {
        self.leeway = leeway;
        self
    }

    /// The same links with another longest lifetime (`exp − iat`), in seconds (1 to
    /// [`MAX_TTL`], clamped): links minted for longer are refused, and so are tokens that claim
    /// a longer one when verified.
    #[must_use]
    pub fn with_max_lifetime(mut self, max_lifetime: u64) -> CardUpdateLinks {
        self.max_lifetime = max_lifetime.clamp(1, MAX_TTL);
        self
    }

    /// The longest lifetime of a link, in seconds.
    pub fn max_lifetime(&self) -> u64 {
        self.max_lifetime
    }

    /// The client id (`iss`).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The claims of a new token for `customer`, valid `ttl` seconds from `now`.
    pub fn claims(
        &self,
        customer: &str,
        ttl: u64,
        return_url: Option<&str>,
        now: u64,
    ) -> Result<CardUpdateClaims, CardError> {
        ensure_not_pan(customer, "customer reference")?;
        check_field(customer, "the customer reference")?;
        if ttl == 0 || ttl > MAX_TTL {
            return Err(CardError::InvalidParameter(format!(
                "the ttl must be 1 to {MAX_TTL} seconds (30 days), not {ttl}"
            )));
        }
        if ttl > self.max_lifetime {
            return Err(CardError::InvalidParameter(format!(
                "the ttl of {ttl} s is longer than these links' max_lifetime of {} s (raise \
                 max_lifetime, up to {MAX_TTL} s, to mint longer links)",
                self.max_lifetime
            )));
        }
        if let Some(url) = return_url {
            check_https_url(url, "the return_url")?;
        }
        let iat = i64::try_from(now)
            .map_err(|_| CardError::InvalidParameter("now is out of range".into()))?;
        let mut jti = [0u8; 16];
        crate::rng::fill(&mut jti)?;
        Ok(CardUpdateClaims {
            iss: self.client_id.clone(),
            sub: customer.to_owned(),
            aud: AUDIENCE.to_owned(),
            iat,
            exp: iat.saturating_add(ttl as i64),
            jti: URL_SAFE_NO_PAD.encode(jti),
            return_url: return_url.map(str::to_owned),
        })
    }

    /// Signs `claims` as a compact JWS (`HEADER_JSON`, the claims as compact JSON, HS256).
    pub fn sign(&self, claims: &CardUpdateClaims) -> String {
        let payload = claims.to_json();
        let mut token = String::with_capacity(64 + payload.len() * 4 / 3 + 44);
        URL_SAFE_NO_PAD.encode_string(HEADER_JSON, &mut token);
        token.push('.');
        URL_SAFE_NO_PAD.encode_string(&payload, &mut token);
        let mut mac = self.key.clone();
        mac.update(token.as_bytes());
        let tag = mac.finalize().into_bytes();
        token.push('.');
        URL_SAFE_NO_PAD.encode_string(tag, &mut token);
        token
    }

    /// A new token for `customer`, valid `ttl` seconds from `now`.
    pub fn token(
        &self,
        customer: &str,
        ttl: u64,
        return_url: Option<&str>,
        now: u64,
    ) -> Result<String, CardError> {
        Ok(self.sign(&self.claims(customer, ttl, return_url, now)?))
    }

    /// The link for `token`: the base URL with `token=` added to its query.
    pub fn link_for(&self, token: &str) -> String {
        let sep = if self.base_url.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{}{sep}token={token}", self.base_url)
    }

    /// A new link for `customer`, valid `ttl` seconds from `now`.
    pub fn create(
        &self,
        customer: &str,
        ttl: u64,
        return_url: Option<&str>,
        now: u64,
    ) -> Result<String, CardError> {
        Ok(self.link_for(&self.token(customer, ttl, return_url, now)?))
    }

    /// Verifies a token at `now` and returns its claims.
    ///
    /// In order: three base64url parts; a header whose `alg` is exactly `HS256` (never `none`
    /// or another algorithm; `typ`, if any, `JWT`; no `crit`, no `b64`); the HMAC over the
    /// first two parts, compared in constant time; then the claims: all present and of the
    /// right type, `aud` = `revtain:card-update` (or an array holding it), `iss` = this client
    /// id, `exp` not passed and `iat` (and `nbf`, if present) not in the future, each with the
    /// leeway; `return_url`, if present, https.
    pub fn verify(&self, token: &str, now: u64) -> Result<CardUpdateClaims, CardError> {
        let malformed = |why: &str| CardError::TokenMalformed(why.to_owned());
        if token.len() > MAX_TOKEN_LEN {
            return Err(malformed("it is longer than 8192 bytes"));
        }
        let mut parts = token.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed(
                "a token is three base64url parts separated by dots",
            ));
        };
        let header_json = URL_SAFE_NO_PAD
            .decode(h)
            .map_err(|_| malformed("the header is not unpadded base64url"))?;
        // A JSON array would deserialise into the struct by position: RFC 7515 wants an object.
        if header_json.trim_ascii_start().first() != Some(&b'{') {
            return Err(malformed("the header is not a JSON object"));
        }
        let header: Header = serde_json::from_slice(&header_json).map_err(|e| {
            CardError::TokenMalformed(format!(
                "the header is not a JWS header ({})",
                crate::wire::json_error(&e)
            ))
        })?;
        match &header.alg {
            Value::String(alg) if alg == "HS256" => {}
            Value::String(alg) => {
                // Named only when it is a registered JWS algorithm: the header is untrusted text,
                // and anything else (a card number, a secret) is not repeated.
                let shown = JWS_ALGORITHMS
                    .iter()
                    .find(|a| a.eq_ignore_ascii_case(alg))
                    .map_or_else(|| "not a registered one".to_owned(), |_| format!("{alg:?}"));
                return Err(CardError::TokenAlgorithm(shown));
            }
            _ => return Err(malformed("the header's alg is not a string")),
        }
        if header
            .typ
            .as_ref()
            .is_some_and(|t| !t.as_str().is_some_and(|t| t.eq_ignore_ascii_case("JWT")))
        {
            return Err(malformed("the header's typ is not JWT"));
        }
        if header.crit.is_some() || header.b64.is_some() {
            return Err(malformed(
                "the header has crit or b64, which are not supported",
            ));
        }
        let sig = URL_SAFE_NO_PAD
            .decode(s)
            .map_err(|_| malformed("the signature is not unpadded base64url"))?;
        let mut mac = self.key.clone();
        mac.update(&token.as_bytes()[..h.len() + 1 + p.len()]);
        let expected = mac.finalize().into_bytes();
        if !bool::from(expected.as_slice().ct_eq(&sig)) {
            return Err(CardError::TokenSignature);
        }
        let payload_json = URL_SAFE_NO_PAD
            .decode(p)
            .map_err(|_| malformed("the payload is not unpadded base64url"))?;
        if payload_json.trim_ascii_start().first() != Some(&b'{') {
            return Err(CardError::TokenClaims(
                "the payload is not a JSON object".into(),
            ));
        }
        let payload: Payload = serde_json::from_slice(&payload_json).map_err(|e| {
            CardError::TokenClaims(format!(
                "the payload is not the expected claims ({})",
                crate::wire::json_error(&e)
            ))
        })?;
        let nbf = match &payload.nbf {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.as_i64().ok_or_else(|| {
                CardError::TokenClaims("nbf is not an integer number of seconds".into())
            })?),
        };
        let claims = Self::claims_of(payload)?;
        if claims.aud != AUDIENCE {
            return Err(CardError::TokenAudience);
        }
        if claims.iss != self.client_id {
            return Err(CardError::TokenIssuer);
        }
        // What minting refuses, a token minted elsewhere must not bring in: a card number as the
        // customer, or a lifetime longer than this verifier allows.
        ensure_not_pan(&claims.sub, "customer reference")?;
        let lifetime = i128::from(claims.exp) - i128::from(claims.iat);
        if lifetime > i128::from(self.max_lifetime) {
            return Err(CardError::TokenClaims(format!(
                "the token's lifetime (exp - iat) is {lifetime} s, longer than the max_lifetime of \
                 {} s",
                self.max_lifetime
            )));
        }
        let now = i128::from(now);
        let leeway = i128::from(self.leeway);
        if now > i128::from(claims.exp) + leeway {
            return Err(CardError::TokenExpired {
                ago: clamp(now - i128::from(claims.exp)),
            });
        }
        for not_before in [Some(claims.iat), nbf].into_iter().flatten() {
            if i128::from(not_before) > now + leeway {
                return Err(CardError::TokenNotYetValid {
                    ahead: clamp(i128::from(not_before) - now),
                });
            }
        }
        Ok(claims)
    }

    fn claims_of(p: Payload) -> Result<CardUpdateClaims, CardError> {
        let bad = |why: String| CardError::TokenClaims(why);
        let string = |v: Value, name: &str| match v {
            Value::String(s) => Ok(s),
            _ => Err(bad(format!("{name} is not a string"))),
        };
        let int = |v: Value, name: &str| {
            v.as_i64()
                .ok_or_else(|| bad(format!("{name} is not an integer number of seconds")))
        };
        let aud = match p.aud {
            Value::String(s) => s,
            Value::Array(items) if items.iter().any(|a| a.as_str() == Some(AUDIENCE)) => {
                AUDIENCE.to_owned()
            }
            Value::Array(_) => String::new(),
            _ => return Err(bad("aud is not a string".into())),
        };
        let return_url = match p.return_url {
            None | Some(Value::Null) => None,
            Some(v) => {
                let url = string(v, "return_url")?;
                check_https_url(&url, "the return_url").map_err(|e| bad(e.to_string()))?;
                Some(url)
            }
        };
        let claims = CardUpdateClaims {
            iss: string(p.iss, "iss")?,
            sub: string(p.sub, "sub")?,
            aud,
            iat: int(p.iat, "iat")?,
            exp: int(p.exp, "exp")?,
            jti: string(p.jti, "jti")?,
            return_url,
        };
        if claims.sub.is_empty() {
            return Err(bad("sub is empty".into()));
        }
        if claims.exp <= claims.iat {
            return Err(bad("exp is not after iat".into()));
        }
        Ok(claims)
    }
}

fn clamp(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}
