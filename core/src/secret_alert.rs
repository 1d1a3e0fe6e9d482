//! Leaked-key reports from GitHub secret scanning (docs/spec.md §2.10).
//!
//! When GitHub finds a string matching Revtain's token pattern in a public repository, gist or
//! npm package, it POSTs the matches to Revtain's endpoint as a JSON array of
//! `{"token", "type", "url", "source"}` objects, signed with ECDSA P-256 / SHA-256 over the raw
//! body: `Github-Public-Key-Identifier` names the key, `Github-Public-Key-Signature` is the
//! base64 of the DER signature. GitHub publishes its keys as a JSON document
//! (`{"public_keys": [{"key_identifier", "key" (PEM), "is_current"}]}`, at
//! `https://api.github.com/meta/public_keys/secret_scanning`); the caller fetches and caches it.
//!
//! [`verify_github_secret_alert`] finds the key, verifies the signature over the raw bytes, and
//! only then parses the body. [`secret_alert_response`] writes GitHub's feedback body, asking
//! the caller about the tokens that are Revtain API keys only.
//!
//! ```
//! use revtain::secret_alert::{verify_github_secret_alert, GithubPublicKeys};
//!
//! // GitHub's published example (docs.github.com, "Secret scanning partner program").
//! let keys = GithubPublicKeys::parse(br#"{"public_keys":[{
//!   "key_identifier":"90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a",
//!   "key":"-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9MJJHnMfn2+H4xL4YaPDA4RpJqUq\nkCmRCBnYERxZanmcpzQSXs1X/AljlKkbJ8qpVIW4clayyef9gWhFbNHWAA==\n-----END PUBLIC KEY-----\n",
//!   "is_current":true}]}"#)?;
//! let body = br#"[{"token":"some_token","type":"some_type","url":"some_url"}]"#;
//! let headers = [
//!     ("Github-Public-Key-Identifier", "90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a"),
//!     ("Github-Public-Key-Signature", "MEUCIQDKZokqnCjrRtw0tni+2Ltvl/uiMJ1EGumEsp1BsNr32AIgQY1YXD2nlj+XNfGK4rBfkMJ1JDOQcYXxa2sY8FNkrKc="),
//! ];
//! let alerts = verify_github_secret_alert(body, headers, &keys)?;
//! assert_eq!(alerts[0].token, "some_token");
//! assert!(!alerts[0].is_revtain_key);
//! # Ok::<(), revtain::secret_alert::SecretAlertError>(())
//! ```

use core::fmt;

use base64::Engine as _;
use p256::ecdsa::signature::Verifier as _;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::pkcs8::DecodePublicKey as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::wire::STANDARD;
use crate::{ErrorDetail, ErrorKind};

/// The header naming the key GitHub signed with (its `key_identifier`).
pub const KEY_ID_HEADER: &str = "Github-Public-Key-Identifier";
/// The header carrying the base64 of the DER ECDSA signature of the raw body.
pub const SIGNATURE_HEADER: &str = "Github-Public-Key-Signature";
/// Where GitHub publishes its secret-scanning keys (fetched and cached by the caller).
pub const PUBLIC_KEYS_URL: &str = "https://api.github.com/meta/public_keys/secret_scanning";
/// The most keys a public-key document may list.
pub const MAX_PUBLIC_KEYS: usize = 64;

/// Why a secret-scanning alert, or GitHub's public-key document, was refused. No variant
/// carries a token.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SecretAlertError {
    /// A header GitHub always sends is absent.
    #[error(
        "the {0} header is missing: this request was not sent by GitHub secret scanning, or a \
         proxy dropped the header"
    )]
    HeaderMissing(&'static str),
    /// The key id names no key of the public-key document.
    #[error(
        "unknown GitHub public key {0:?}: no key of the document has this key_identifier (fetch \
         the document again: GitHub may have published a new key)"
    )]
    UnknownKey(String),
    /// The signature does not verify over the raw body under the named key; says why.
    #[error(
        "the GitHub secret-scanning signature does not verify: {0}. Verify the raw request \
         bytes exactly as received"
    )]
    SignatureMismatch(&'static str),
    /// The signature verified but the body is not a JSON array of alerts; says what is wrong.
    #[error("the GitHub secret-scanning alert body is malformed: {0}")]
    MalformedBody(String),
    /// The public-key document (or the key an alert names) cannot be used; says why.
    #[error("invalid GitHub public-key document: {0}")]
    InvalidPublicKeys(String),
}

impl SecretAlertError {
    /// The error kind shared with the C, Python and Node surfaces.
    pub fn kind(&self) -> ErrorKind {
        match self {
            SecretAlertError::HeaderMissing(_) => ErrorKind::SecretAlertHeaderMissing,
            SecretAlertError::UnknownKey(_) => ErrorKind::SecretAlertUnknownKey,
            SecretAlertError::SignatureMismatch(_) => ErrorKind::SecretAlertSignatureMismatch,
            SecretAlertError::MalformedBody(_) => ErrorKind::SecretAlertMalformedBody,
            SecretAlertError::InvalidPublicKeys(_) => ErrorKind::SecretAlertInvalidPublicKeys,
        }
    }

    /// The header a missing-header error is about.
    pub fn header(&self) -> Option<&'static str> {
        match self {
            SecretAlertError::HeaderMissing(h) => Some(h),
            _ => None,
        }
    }
}

impl From<&SecretAlertError> for ErrorDetail {
    fn from(e: &SecretAlertError) -> ErrorDetail {
        ErrorDetail {
            header: e.header(),
            ..ErrorDetail::new(e.kind(), e.to_string())
        }
    }
}

/// One key of GitHub's document.
#[derive(Clone)]
struct PublicKey {
    id: String,
    /// `Err` for a key that is not a P-256 SPKI PEM: the document still loads (GitHub may add
    /// keys of another kind), and an alert naming this key is refused with the reason.
    key: Result<VerifyingKey, &'static str>,
    current: bool,
}

/// GitHub's secret-scanning public keys, parsed from the document it publishes at
/// [`PUBLIC_KEYS_URL`]. `Debug` shows the key ids (public).
#[derive(Clone)]
pub struct GithubPublicKeys {
    keys: Vec<PublicKey>,
}

impl fmt::Debug for GithubPublicKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GithubPublicKeys")
            .field(
                "key_ids",
                &self.keys.iter().map(|k| &k.id).collect::<Vec<_>>(),
            )
            .finish()
    }
}

#[derive(Deserialize)]
struct Document {
    public_keys: Vec<DocumentKey>,
}

#[derive(Deserialize)]
struct DocumentKey {
    key_identifier: String,
    key: String,
    #[serde(default)]
    is_current: bool,
}

impl GithubPublicKeys {
    /// Parses GitHub's document `{"public_keys": [{"key_identifier", "key", "is_current"}]}`
    /// (other members ignored). Errors are [`SecretAlertError::InvalidPublicKeys`].
    pub fn parse(document: &[u8]) -> Result<GithubPublicKeys, SecretAlertError> {
        let doc: Document = serde_json::from_slice(document).map_err(|e| {
            SecretAlertError::InvalidPublicKeys(format!(
                "expected {{\"public_keys\": [{{\"key_identifier\", \"key\", \"is_current\"}}]}} \
                 as GitHub publishes it at {PUBLIC_KEYS_URL} ({})",
                crate::wire::json_error(&e)
            ))
        })?;
        if doc.public_keys.len() > MAX_PUBLIC_KEYS {
            return Err(SecretAlertError::InvalidPublicKeys(format!(
                "it lists {} keys; at most {MAX_PUBLIC_KEYS}",
                doc.public_keys.len()
            )));
        }
        Ok(GithubPublicKeys {
            keys: doc
                .public_keys
                .into_iter()
                .map(|k| PublicKey {
                    key: VerifyingKey::from_public_key_pem(k.key.trim())
                        .map_err(|_| "its key is not a PEM SubjectPublicKeyInfo of a P-256 key"),
                    id: k.key_identifier,
                    current: k.is_current,
                })
                .collect(),
        })
    }

    /// The key ids of the document, in its order.
    pub fn key_ids(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|k| k.id.as_str())
    }

    /// The key ids GitHub marks `is_current`.
    pub fn current_key_ids(&self) -> impl Iterator<Item = &str> {
        self.keys
            .iter()
            .filter(|k| k.current)
            .map(|k| k.id.as_str())
    }

    fn find(&self, id: &[u8]) -> Result<&VerifyingKey, SecretAlertError> {
        let key = self
            .keys
            .iter()
            .find(|k| k.id.as_bytes() == id)
            .ok_or_else(|| SecretAlertError::UnknownKey(shown_key_id(id)))?;
        key.key.as_ref().map_err(|why| {
            SecretAlertError::InvalidPublicKeys(format!(
                "the key {:?} cannot be used: {why}",
                key.id
            ))
        })
    }
}

/// A key id as an error shows it: a key id is public, but the header may hold anything, so at
/// most 80 visible ASCII characters of it.
fn shown_key_id(id: &[u8]) -> String {
    let mut s: String = id
        .iter()
        .take(80)
        .map(|&b| if b.is_ascii_graphic() { b as char } else { '?' })
        .collect();
    if id.len() > 80 {
        s.push('…');
    }
    s
}

/// One match GitHub reports.
///
/// `Debug` and [`describe`](Self::describe) show the token redacted ([`redacted_token`]: its
/// first and last four characters), never in full: it is a leaked credential.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretAlert {
    /// The string GitHub found (a leaked Revtain API key, or a false positive).
    pub token: String,
    /// The token type GitHub matched (the name Revtain registered its pattern under).
    pub token_type: String,
    /// Where it was found, when GitHub says.
    pub url: Option<String>,
    /// What kind of place it was found in (`content`, `commit`, `npm`, …), when GitHub says.
    pub source: Option<String>,
    /// Whether the token is a well-formed Revtain API key (docs/spec.md §2.1).
    pub is_revtain_key: bool,
}

impl fmt::Debug for SecretAlert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretAlert")
            .field("token", &redacted_token(&self.token))
            .field("token_type", &self.token_type)
            .field("url", &self.url)
            .field("source", &self.source)
            .field("is_revtain_key", &self.is_revtain_key)
            .finish()
    }
}

impl SecretAlert {
    /// A match, its `is_revtain_key` decided by the API-key rule (docs/spec.md §2.1).
    pub fn new(
        token: String,
        token_type: String,
        url: Option<String>,
        source: Option<String>,
    ) -> SecretAlert {
        SecretAlert {
            is_revtain_key: crate::api_key::validate(&token).is_ok(),
            token,
            token_type,
            url,
            source,
        }
    }

    /// How the bindings show a match (Python `repr`, Node `toString`/`inspect`/`toJSON`): the
    /// type, the token redacted, whether it is a Revtain key, and where it was found.
    pub fn describe(&self) -> String {
        format!(
            "SecretAlert(type={}, token={}, is_revtain_key={}, source={}, url={})",
            self.token_type,
            redacted_token(&self.token),
            self.is_revtain_key,
            self.source.as_deref().unwrap_or("none"),
            self.url.as_deref().unwrap_or("none"),
        )
    }
}

/// A token as objects show it: its first four and last four characters around `…` when it has
/// more than twelve, else `…` alone.
pub fn redacted_token(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() <= 12 {
        return "…".to_owned();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// One object of the body; other members (GitHub may add some) are ignored, a member given
/// twice is refused.
#[derive(Deserialize)]
struct Match {
    token: String,
    #[serde(rename = "type")]
    token_type: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// Verifies a secret-scanning alert and returns its matches.
///
/// Finds [`KEY_ID_HEADER`] and [`SIGNATURE_HEADER`] among `headers` by the rule of
/// [`crate::headers`], finds the key in `keys`, verifies the ECDSA P-256 / SHA-256 signature
/// over the raw `body`, and only then parses the body. Errors:
/// [`SecretAlertError::HeaderMissing`], [`SecretAlertError::UnknownKey`],
/// [`SecretAlertError::SignatureMismatch`], [`SecretAlertError::MalformedBody`], and
/// [`SecretAlertError::InvalidPublicKeys`] when the named key is unusable.
pub fn verify_github_secret_alert<I, N, V>(
    body: &[u8],
    headers: I,
    keys: &GithubPublicKeys,
) -> Result<Vec<SecretAlert>, SecretAlertError>
where
    I: IntoIterator<Item = (N, V)>,
    N: AsRef<[u8]>,
    V: AsRef<[u8]>,
{
    let mut key_id: Option<V> = None;
    let mut signature: Option<V> = None;
    for (name, value) in headers {
        let slot = if crate::headers::name_matches(name.as_ref(), KEY_ID_HEADER) {
            &mut key_id
        } else if crate::headers::name_matches(name.as_ref(), SIGNATURE_HEADER) {
            &mut signature
        } else {
            continue;
        };
        if slot.replace(value).is_some() {
            // Sent twice: neither copy is guessed at.
            return Err(SecretAlertError::SignatureMismatch(
                "the Github-Public-Key-Identifier or Github-Public-Key-Signature header \
                 appears more than once",
            ));
        }
    }
    let key_id = key_id.ok_or(SecretAlertError::HeaderMissing(KEY_ID_HEADER))?;
    let signature = signature.ok_or(SecretAlertError::HeaderMissing(SIGNATURE_HEADER))?;
    let key = keys.find(crate::headers::trim(key_id.as_ref()))?;
    verify_signature(key, body, crate::headers::trim(signature.as_ref()))?;
    parse_alerts(body)
}

fn verify_signature(
    key: &VerifyingKey,
    body: &[u8],
    signature: &[u8],
) -> Result<(), SecretAlertError> {
    if signature.is_empty() {
        return Err(SecretAlertError::SignatureMismatch(
            "the signature header is empty",
        ));
    }
    let der = STANDARD.decode(signature).map_err(|_| {
        SecretAlertError::SignatureMismatch("the signature header is not standard base64")
    })?;
    let signature = Signature::from_der(&der).map_err(|_| {
        SecretAlertError::SignatureMismatch(
            "the signature header is not the base64 of a DER ECDSA signature",
        )
    })?;
    key.verify(body, &signature).map_err(|_| {
        SecretAlertError::SignatureMismatch(
            "it was not made over these bytes with this key (a changed body, or another key)",
        )
    })
}

fn parse_alerts(body: &[u8]) -> Result<Vec<SecretAlert>, SecretAlertError> {
    let matches: Vec<Match> = serde_json::from_slice(body).map_err(|e| {
        SecretAlertError::MalformedBody(format!(
            "expected a JSON array of {{\"token\", \"type\", \"url\", \"source\"}} objects ({})",
            crate::wire::json_error(&e)
        ))
    })?;
    Ok(matches
        .into_iter()
        .map(|m| SecretAlert::new(m.token, m.token_type, m.url, m.source))
        .collect())
}

/// The label GitHub's feedback takes for one alert.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// A Revtain API key that exists: to be revoked.
    TruePositive,
    /// Anything else: not a Revtain key, or no such key.
    FalsePositive,
}

impl Label {
    /// `true_positive` or `false_positive`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::TruePositive => "true_positive",
            Label::FalsePositive => "false_positive",
        }
    }
}

#[derive(Serialize)]
struct Feedback<'a> {
    token_hash: String,
    token_type: &'a str,
    label: &'static str,
}

/// GitHub's feedback body for `alerts`: a JSON array of `{"token_hash": <lowercase hex SHA-256
/// of the token>, "token_type", "label"}`, one per alert, in order. `is_known(token)` is asked
/// only about tokens that are Revtain API keys (typically a lookup-hash query: does this key
/// exist?); a Revtain key it knows is `true_positive`, every other token `false_positive`.
pub fn secret_alert_response<E>(
    alerts: &[SecretAlert],
    mut is_known: impl FnMut(&str) -> Result<bool, E>,
) -> Result<Vec<u8>, E> {
    secret_alert_response_indexed(alerts, |_, token| is_known(token))
}

/// [`secret_alert_response`] with `is_known` also given the index of the alert it is asked
/// about: for a binding whose host answers before the body is written (Node awaits its
/// caller's lookups first, then passes the answers by index).
pub fn secret_alert_response_indexed<E>(
    alerts: &[SecretAlert],
    mut is_known: impl FnMut(usize, &str) -> Result<bool, E>,
) -> Result<Vec<u8>, E> {
    let mut out = Vec::with_capacity(alerts.len());
    for (i, a) in alerts.iter().enumerate() {
        let label = if a.is_revtain_key && is_known(i, &a.token)? {
            Label::TruePositive
        } else {
            Label::FalsePositive
        };
        let mut token_hash = String::with_capacity(64);
        crate::wire::push_lower_hex(&mut token_hash, &Sha256::digest(a.token.as_bytes()));
        out.push(Feedback {
            token_hash,
            token_type: &a.token_type,
            label: label.as_str(),
        });
    }
    Ok(serde_json::to_vec(&out).unwrap_or_else(|_| b"[]".to_vec()))
}
