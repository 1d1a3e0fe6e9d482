//! Revtain API keys (docs/spec.md §2.1).
//!
//! A key is `rev_` followed by the unpadded base64url encoding of 24 bytes from the OS CSPRNG:
//! 36 characters, `rev_[A-Za-z0-9_-]{32}`.
//!
//! - Servers store only [`ApiKey::lookup_hash`], `HMAC-SHA256(pepper, key string)`, and check a
//!   presented key with [`verify_api_key`], which compares in constant time. An empty pepper is
//!   allowed (the hash is then an unkeyed-in-effect HMAC, still one-way); a server-side pepper
//!   kept outside the database means a stolen table cannot be checked against guesses.
//! - [`ApiKey`]'s `Debug` and `Display` show only the redacted form `rev_abcd…wxyz` (first and
//!   last four characters of the body); [`ApiKey::expose_secret`] is the one way to the key.
//! - [`find_api_keys`] and [`redact_api_keys`] find and redact keys in logs and tickets.
//!
//! Parsing is strict and each failure has its own error. There is no "non-canonical encoding"
//! error: 32 base64url characters carry exactly 192 bits, which is 24 bytes with no spare bits,
//! so every string of the right length and alphabet is the canonical encoding of one key.

use core::fmt;
use core::ops::Range;
use core::str::FromStr;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use thiserror::Error;
use zeroize::{Zeroize, Zeroizing};

use crate::{ErrorKind, RandomUnavailable};

/// The prefix of every Revtain API key.
pub const PREFIX: &str = "rev_";
/// Length of an API key in characters (and bytes: keys are ASCII).
pub const KEY_LEN: usize = 36;
/// Length of the base64url body after the prefix.
pub const BODY_LEN: usize = 32;
/// Number of random bytes in a key.
pub const KEY_BYTES: usize = 24;
/// Length of a lookup hash in bytes (HMAC-SHA256).
pub const LOOKUP_HASH_LEN: usize = 32;
/// The ellipsis placed between the visible ends of a redacted key.
pub const ELLIPSIS: char = '\u{2026}';

/// Why a string is not a Revtain API key, or a stored hash is unusable.
///
/// No variant carries or displays the rejected string: it may be a secret of another kind.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiKeyError {
    /// The string does not start with `rev_` (lower case).
    #[error("not a Revtain API key: it must start with \"rev_\" (lower case)")]
    WrongPrefix,
    /// The string starts with `rev_` but is not 36 characters long.
    #[error(
        "not a Revtain API key: it must be 36 characters long but has {length}{}",
        if *surrounding_whitespace { " (it has leading or trailing whitespace: trim it)" } else { "" }
    )]
    WrongLength {
        /// The length that was found, in characters.
        length: usize,
        /// Whether trimming whitespace would change the string.
        surrounding_whitespace: bool,
    },
    /// A character of the body is not in the base64url alphabet.
    #[error(
        "not a Revtain API key: the character at position {position} is not in the base64url \
         alphabet (A-Z a-z 0-9 - _){}",
        hint.message()
    )]
    BadCharacter {
        /// 0-based character offset in the whole key string, `rev_` included. Every character
        /// before it is ASCII, so this is also the byte offset and the UTF-16 offset.
        position: usize,
        /// What kind of character it was.
        hint: BadCharacterHint,
    },
    /// A stored lookup hash given to [`verify_api_key`] is not 32 bytes long.
    #[error(
        "a stored API-key lookup hash is {LOOKUP_HASH_LEN} bytes (HMAC-SHA256) but this one has \
         {length}; pass the raw bytes, not a hex or base64 string"
    )]
    InvalidLookupHash {
        /// The length that was found, in bytes.
        length: usize,
    },
}

/// A classification of the offending character in [`ApiKeyError::BadCharacter`], so that the
/// message can help without echoing the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadCharacterHint {
    /// `=`: padding, which Revtain keys never have.
    Padding,
    /// Whitespace or a control character.
    Whitespace,
    /// `+` or `/`: the standard base64 alphabet instead of base64url.
    StandardBase64,
    /// A character outside ASCII, for example a look-alike letter.
    NonAscii,
    /// Any other ASCII punctuation.
    Other,
}

impl BadCharacterHint {
    fn of(c: char) -> Self {
        match c {
            '=' => Self::Padding,
            '+' | '/' => Self::StandardBase64,
            c if c.is_whitespace() || c.is_control() => Self::Whitespace,
            c if !c.is_ascii() => Self::NonAscii,
            _ => Self::Other,
        }
    }

    fn message(self) -> &'static str {
        match self {
            Self::Padding => ": it is '=' padding, which API keys never have",
            Self::Whitespace => ": it is whitespace or a control character",
            Self::StandardBase64 => {
                ": it is '+' or '/', from standard base64 rather than base64url"
            }
            Self::NonAscii => ": it is not ASCII (a look-alike letter?)",
            Self::Other => "",
        }
    }
}

impl ApiKeyError {
    /// The error kind shared with the C, Python and Node surfaces.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ApiKeyError::WrongPrefix => ErrorKind::ApiKeyWrongPrefix,
            ApiKeyError::WrongLength { .. } => ErrorKind::ApiKeyWrongLength,
            ApiKeyError::BadCharacter { .. } => ErrorKind::ApiKeyBadCharacter,
            ApiKeyError::InvalidLookupHash { .. } => ErrorKind::InvalidLookupHash,
        }
    }

    /// The length found, for [`ApiKeyError::WrongLength`] (characters) and
    /// [`ApiKeyError::InvalidLookupHash`] (bytes).
    pub fn length(&self) -> Option<usize> {
        match self {
            ApiKeyError::WrongLength { length, .. } | ApiKeyError::InvalidLookupHash { length } => {
                Some(*length)
            }
            _ => None,
        }
    }

    /// The position of the offending character, for [`ApiKeyError::BadCharacter`].
    pub fn position(&self) -> Option<usize> {
        match self {
            ApiKeyError::BadCharacter { position, .. } => Some(*position),
            _ => None,
        }
    }
}

impl From<&ApiKeyError> for crate::ErrorDetail {
    fn from(e: &ApiKeyError) -> crate::ErrorDetail {
        crate::ErrorDetail {
            position: e.position(),
            length: e.length(),
            ..crate::ErrorDetail::new(e.kind(), e.to_string())
        }
    }
}

/// A valid Revtain API key.
///
/// The key string is zeroized when the value is dropped. `Debug` and `Display` print only the
/// redacted form; equality is constant-time.
#[derive(Clone)]
pub struct ApiKey {
    key: Zeroizing<String>,
}

impl ApiKey {
    /// Generates a new key from 24 bytes of the OS CSPRNG.
    pub fn generate() -> Result<ApiKey, RandomUnavailable> {
        let mut raw = Zeroizing::new([0u8; KEY_BYTES]);
        crate::rng::fill(raw.as_mut())?;
        let mut key = Zeroizing::new(String::with_capacity(KEY_LEN));
        key.push_str(PREFIX);
        URL_SAFE_NO_PAD.encode_string(raw.as_ref(), &mut key);
        debug_assert_eq!(key.len(), KEY_LEN);
        Ok(ApiKey { key })
    }

    /// Parses a key strictly: prefix, then length, then alphabet (see [`ApiKeyError`]).
    /// Nothing is trimmed or case-folded.
    pub fn parse(s: &str) -> Result<ApiKey, ApiKeyError> {
        validate(s)?;
        Ok(ApiKey {
            key: Zeroizing::new(s.to_owned()),
        })
    }

    /// The whole key. Show it to its owner once, at creation; never log it.
    pub fn expose_secret(&self) -> &str {
        &self.key
    }

    /// The 24 random bytes the key encodes.
    pub fn to_bytes(&self) -> Zeroizing<[u8; KEY_BYTES]> {
        let mut out = Zeroizing::new([0u8; KEY_BYTES]);
        // The body was validated as 32 base64url characters, which always decode to 24 bytes.
        let _ = URL_SAFE_NO_PAD.decode_slice(&self.key.as_bytes()[PREFIX.len()..], out.as_mut());
        out
    }

    /// The redacted form, `rev_` + the first 4 and the last 4 characters of the body joined by
    /// `…`, for dashboards and logs.
    pub fn redacted(&self) -> String {
        redacted_form(self.key.as_bytes())
    }

    /// `HMAC-SHA256(pepper, key string)`: the only thing a server stores. The pepper may be
    /// empty.
    pub fn lookup_hash(&self, pepper: &[u8]) -> [u8; LOOKUP_HASH_LEN] {
        let mut mac = new_mac(pepper);
        mac.update(self.key.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// Whether this key's lookup hash under `pepper` equals `stored_hash`, compared in constant
    /// time. Fails only when `stored_hash` is not 32 bytes long.
    pub fn matches(&self, stored_hash: &[u8], pepper: &[u8]) -> Result<bool, ApiKeyError> {
        hash_matches(self.key.as_bytes(), stored_hash, pepper)
    }
}

/// Compares `HMAC-SHA256(pepper, key)` with `stored_hash` in constant time.
fn hash_matches(key: &[u8], stored_hash: &[u8], pepper: &[u8]) -> Result<bool, ApiKeyError> {
    if stored_hash.len() != LOOKUP_HASH_LEN {
        return Err(ApiKeyError::InvalidLookupHash {
            length: stored_hash.len(),
        });
    }
    let mut mac = new_mac(pepper);
    mac.update(key);
    Ok(mac.verify_slice(stored_hash).is_ok())
}

fn new_mac(pepper: &[u8]) -> Hmac<Sha256> {
    // HMAC accepts keys of every length, the empty one included.
    <Hmac<Sha256> as KeyInit>::new_from_slice(pepper).unwrap_or_else(|_| unreachable!())
}

fn redacted_form(key: &[u8]) -> String {
    let body = &key[PREFIX.len()..KEY_LEN];
    let mut out = String::with_capacity(PREFIX.len() + 8 + ELLIPSIS.len_utf8());
    out.push_str(PREFIX);
    out.extend(body[..4].iter().map(|&b| b as char));
    out.push(ELLIPSIS);
    out.extend(body[BODY_LEN - 4..].iter().map(|&b| b as char));
    out
}

impl PartialEq for ApiKey {
    fn eq(&self, other: &Self) -> bool {
        self.key.as_bytes().ct_eq(other.key.as_bytes()).into()
    }
}

impl Eq for ApiKey {}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.redacted())
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl FromStr for ApiKey {
    type Err = ApiKeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ApiKey::parse(s)
    }
}

impl Drop for ApiKey {
    fn drop(&mut self) {
        // `Zeroizing` wipes the string; this also wipes it if the field type ever changes.
        self.key.zeroize();
    }
}

/// Checks that `s` is a well-formed API key without keeping a copy of it.
pub fn validate(s: &str) -> Result<(), ApiKeyError> {
    if !s.starts_with(PREFIX) {
        return Err(ApiKeyError::WrongPrefix);
    }
    // Count characters, not bytes, so a look-alike letter is reported where it is rather than
    // as a wrong length.
    let length = s.chars().count();
    if length != KEY_LEN {
        return Err(ApiKeyError::WrongLength {
            length,
            surrounding_whitespace: s.trim() != s,
        });
    }
    for (position, c) in s.chars().enumerate().skip(PREFIX.len()) {
        if !(c.is_ascii() && is_base64url(c as u8)) {
            return Err(ApiKeyError::BadCharacter {
                position,
                hint: BadCharacterHint::of(c),
            });
        }
    }
    Ok(())
}

/// Checks a presented key against a stored lookup hash in constant time.
///
/// A malformed `key` is simply not a match (`Ok(false)`): it is what a client sent, and it
/// cannot be the key behind any stored hash. A `stored_hash` that is not 32 bytes long is the
/// server's own mistake and fails with [`ApiKeyError::InvalidLookupHash`].
pub fn verify_api_key(key: &str, stored_hash: &[u8], pepper: &[u8]) -> Result<bool, ApiKeyError> {
    // Checked first so that a bad stored hash is reported even for a malformed key.
    if stored_hash.len() != LOOKUP_HASH_LEN {
        return Err(ApiKeyError::InvalidLookupHash {
            length: stored_hash.len(),
        });
    }
    // Validated in place: the per-request path makes no copy of the key.
    match validate(key) {
        Ok(()) => hash_matches(key.as_bytes(), stored_hash, pepper),
        Err(_) => Ok(false),
    }
}

/// The redacted form of a key string (see [`ApiKey::redacted`]), after validating it.
pub fn redact_api_key(key: &str) -> Result<String, ApiKeyError> {
    validate(key)?;
    Ok(redacted_form(key.as_bytes()))
}

#[inline]
const fn is_base64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Finds every API key in `text`: `rev_` and 32 base64url characters, with no base64url
/// character immediately before or after. Returns byte ranges in order; the text need not be
/// UTF-8 (a log file may not be), and a match never splits a UTF-8 character.
pub fn find_api_keys(text: &[u8]) -> Vec<Range<usize>> {
    let prefix = PREFIX.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + KEY_LEN <= text.len() {
        // Jump to the next 'r' followed by "ev_".
        let Some(off) = text[i..=text.len() - KEY_LEN]
            .iter()
            .position(|&b| b == b'r')
        else {
            break;
        };
        let start = i + off;
        let end = start + KEY_LEN;
        let is_key = text[start..start + prefix.len()] == *prefix
            && (start == 0 || !is_base64url(text[start - 1]))
            && text[start + prefix.len()..end]
                .iter()
                .all(|&b| is_base64url(b))
            && text.get(end).is_none_or(|&b| !is_base64url(b));
        if is_key {
            found.push(start..end);
            i = end;
        } else {
            i = start + 1;
        }
    }
    found
}

/// Replaces every API key found by [`find_api_keys`] with its redacted form.
pub fn redact_api_keys(text: &str) -> String {
    let bytes = redact_api_keys_bytes(text.as_bytes());
    // Only whole ASCII runs were replaced, by valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// [`redact_api_keys`] for text that may not be UTF-8.
pub fn redact_api_keys_bytes(text: &[u8]) -> Vec<u8> {
    let matches = find_api_keys(text);
    let mut out = Vec::with_capacity(text.len());
    let mut last = 0;
    for m in matches {
        out.extend_from_slice(&text[last..m.start]);
        out.extend_from_slice(redacted_form(&text[m.clone()]).as_bytes());
        last = m.end;
    }
    out.extend_from_slice(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const KEY: &str = "rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX";

    #[test]
    fn generated_keys_parse_and_differ() {
        let a = ApiKey::generate().unwrap();
        let b = ApiKey::generate().unwrap();
        assert_eq!(a.expose_secret().len(), KEY_LEN);
        assert!(ApiKey::parse(a.expose_secret()).is_ok());
        assert_ne!(a, b);
    }

    #[test]
    fn debug_and_display_never_show_the_key() {
        let key = ApiKey::parse(KEY).unwrap();
        for shown in [format!("{key:?}"), format!("{key}"), format!("{key:#?}")] {
            assert!(!shown.contains(&KEY[4..]), "{shown}");
            assert!(shown.contains("rev_AAEC\u{2026}FRYX"), "{shown}");
        }
    }

    #[test]
    fn to_bytes_decodes_the_body() {
        let key = ApiKey::parse(KEY).unwrap();
        assert_eq!(
            *key.to_bytes(),
            core::array::from_fn::<u8, 24, _>(|i| i as u8)
        );
    }

    #[test]
    fn errors_never_echo_input() {
        let secret = "sk_live_abcdefghijklmnopqrstuvwxyz012345";
        let err = ApiKey::parse(secret).unwrap_err();
        assert!(!err.to_string().contains("abcdefgh"));
        let err = ApiKey::parse(&format!("rev_{}", &secret[..31])).unwrap_err();
        assert!(!err.to_string().contains("abcdefgh"));
    }

    #[test]
    fn whitespace_hint() {
        let err = ApiKey::parse(&format!("{KEY}\n")).unwrap_err();
        assert!(err.to_string().contains("whitespace"), "{err}");
    }

    proptest! {
        #[test]
        fn every_body_of_the_alphabet_is_canonical(body in "[A-Za-z0-9_-]{32}") {
            let s = format!("rev_{body}");
            let key = ApiKey::parse(&s).unwrap();
            let again = format!("rev_{}", URL_SAFE_NO_PAD.encode(*key.to_bytes()));
            prop_assert_eq!(again, s);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,48}") {
            let _ = ApiKey::parse(&s);
            let _ = find_api_keys(s.as_bytes());
            let _ = redact_api_keys(&s);
        }

        #[test]
        fn redaction_removes_every_key(
            parts in proptest::collection::vec(("[ a-z.:=\"{}]{0,8}", "[A-Za-z0-9_-]{32}"), 0..5)
        ) {
            let mut text = String::new();
            let mut keys = Vec::new();
            for (sep, body) in &parts {
                text.push(' ');
                text.push_str(sep);
                text.push(' ');
                let k = format!("rev_{body}");
                text.push_str(&k);
                keys.push(k);
            }
            prop_assert_eq!(find_api_keys(text.as_bytes()).len(), keys.len());
            let redacted = redact_api_keys(&text);
            prop_assert!(find_api_keys(redacted.as_bytes()).is_empty());
            for k in keys {
                prop_assert!(!redacted.contains(&k));
            }
        }

        #[test]
        fn lookup_hash_round_trip(pepper in proptest::collection::vec(any::<u8>(), 0..80)) {
            let key = ApiKey::generate().unwrap();
            let h = key.lookup_hash(&pepper);
            prop_assert!(verify_api_key(key.expose_secret(), &h, &pepper).unwrap());
            let mut other = h;
            other[31] ^= 1;
            prop_assert!(!verify_api_key(key.expose_secret(), &other, &pepper).unwrap());
        }
    }
}
