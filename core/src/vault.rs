//! Credential vault (docs/spec.md §2.2): AES-256-GCM envelopes for gateway credentials at rest.
//!
//! A [`Keyring`] holds one 32-byte key per key id, the first one primary. [`Keyring::seal`]
//! encrypts under the primary key into an envelope:
//!
//! ```text
//! offset len  field
//! 0      1    version   0x01
//! 1      1    algorithm 0x01 = AES-256-GCM, 96-bit nonce, 128-bit tag
//! 2      4    key_id    u32 big-endian
//! 6      12   nonce     from the OS CSPRNG, generated here; callers never pass one
//! 18     n    ciphertext
//! 18+n   16   tag
//! ```
//!
//! The text form is `rvc1:` + unpadded base64url of those bytes. The associated data is the
//! six header bytes followed by the canonical encoding of the caller's [`Context`], which is
//! not stored: opening needs the same context, so a ciphertext copied to another row or tenant
//! fails to open.
//!
//! Opening uses exactly the key named by the envelope and never tries another one, and its
//! errors say only which of *malformed*, *unknown key id* or *authentication failed* it was.
//!
//! ```
//! use revtain::vault::{Context, Keyring};
//!
//! let keyring = Keyring::generate()?;
//! let ctx = Context::from_pairs([("tenant", "t_1"), ("gateway", "stripe"), ("field", "secret_key")])?;
//! let sealed = keyring.seal(b"sk_live_...", &ctx)?;          // "rvc1:..."
//! assert_eq!(&*keyring.open(sealed.as_bytes(), &ctx)?, b"sk_live_...");
//! let other = Context::from_pairs([("tenant", "t_2"), ("gateway", "stripe"), ("field", "secret_key")])?;
//! assert!(keyring.open(sealed.as_bytes(), &other).is_err());
//! # Ok::<(), revtain::Error>(())
//! ```

use core::fmt;

use aes_gcm::aead::inout::InOutBuf;
use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce, Tag};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use thiserror::Error;
use zeroize::{Zeroize, Zeroizing};

use crate::{ErrorKind, RandomUnavailable};

/// Envelope format version.
pub const VERSION: u8 = 0x01;
/// Algorithm byte: AES-256-GCM with a 96-bit nonce and a 128-bit tag.
pub const ALGORITHM_AES_256_GCM: u8 = 0x01;
/// Length of the header (version, algorithm, key id).
pub const HEADER_LEN: usize = 6;
/// Length of the nonce.
pub const NONCE_LEN: usize = 12;
/// Length of the tag.
pub const TAG_LEN: usize = 16;
/// Bytes an envelope adds to the plaintext.
pub const OVERHEAD: usize = HEADER_LEN + NONCE_LEN + TAG_LEN;
/// Prefix of the text form.
pub const TEXT_PREFIX: &str = "rvc1:";
/// Length of a key.
pub const KEY_LEN: usize = 32;

/// Why an envelope could not be opened, or a context or keyring could not be used.
///
/// The three opening failures carry nothing that would help an attacker: no key material,
/// no plaintext, no detail of where authentication failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum VaultError {
    /// The envelope is not a well-formed version-1 envelope; says which part is wrong.
    #[error("malformed envelope: {0}")]
    Malformed(&'static str),
    /// The envelope names a key id the keyring does not hold.
    #[error("unknown key id {0}: the keyring does not hold the key this envelope was sealed with")]
    UnknownKeyId(u32),
    /// The tag did not verify: wrong key, wrong context, or the envelope was altered.
    #[error(
        "authentication failed: the envelope was altered, or the context differs from the one \
         it was sealed with"
    )]
    AuthenticationFailed,
    /// The context cannot be encoded (a key or value over 65535 bytes, too many entries, or a
    /// repeated key).
    #[error("invalid context: {0}")]
    InvalidContext(String),
    /// The keyring text is not valid.
    #[error("invalid keyring: {0}")]
    InvalidKeyring(String),
    /// The OS random number generator failed.
    #[error(transparent)]
    Random(#[from] RandomUnavailable),
}

impl VaultError {
    /// The error kind shared with the C, Python and Node surfaces.
    pub fn kind(&self) -> ErrorKind {
        match self {
            VaultError::Malformed(_) => ErrorKind::VaultMalformedEnvelope,
            VaultError::UnknownKeyId(_) => ErrorKind::VaultUnknownKeyId,
            VaultError::AuthenticationFailed => ErrorKind::VaultAuthenticationFailed,
            VaultError::InvalidContext(_) => ErrorKind::VaultInvalidContext,
            VaultError::InvalidKeyring(_) => ErrorKind::KeyringInvalid,
            VaultError::Random(e) => e.kind(),
        }
    }

    /// The key id, for [`VaultError::UnknownKeyId`].
    pub fn key_id(&self) -> Option<u32> {
        match self {
            VaultError::UnknownKeyId(id) => Some(*id),
            _ => None,
        }
    }
}

impl From<&VaultError> for crate::ErrorDetail {
    fn from(e: &VaultError) -> crate::ErrorDetail {
        crate::ErrorDetail {
            key_id: e.key_id(),
            ..crate::ErrorDetail::new(e.kind(), e.to_string())
        }
    }
}

/// The environment variable a keyring is read from by default.
pub const KEYRING_ENV: &str = "REVTAIN_KEYRING";

/// The caller's context, bound to an envelope as associated data: string keys to string
/// values, such as `{"tenant": "…", "gateway": "stripe", "field": "secret_key", "row": "…"}`.
///
/// Canonical encoding: `u16be(count)`, then for each pair sorted by key bytes,
/// `u16be(len k) ‖ k ‖ u16be(len v) ‖ v`.
#[derive(Clone, PartialEq, Eq)]
pub struct Context {
    /// The canonical encoding, built once: sealing and opening only copy it.
    encoded: Vec<u8>,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            encoded: vec![0, 0],
        }
    }
}

impl Context {
    /// The empty context (it still binds the header).
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a context from pairs in any order; a repeated key, a key or value longer than
    /// 65535 bytes, or more than 65535 pairs is an error.
    pub fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<Self, VaultError>
    where
        K: AsRef<[u8]>,
        V: AsRef<[u8]>,
    {
        let mut pairs: Vec<(K, V)> = pairs.into_iter().collect();
        if pairs.len() > u16::MAX as usize {
            return Err(VaultError::InvalidContext("more than 65535 entries".into()));
        }
        pairs.sort_unstable_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
        let mut size = 2;
        for (i, (k, v)) in pairs.iter().enumerate() {
            let (k, v) = (k.as_ref(), v.as_ref());
            for (what, s) in [("key", k), ("value", v)] {
                if s.len() > u16::MAX as usize {
                    return Err(VaultError::InvalidContext(format!(
                        "a context {what} is {} bytes; the limit is 65535",
                        s.len()
                    )));
                }
            }
            if i > 0 && pairs[i - 1].0.as_ref() == k {
                return Err(VaultError::InvalidContext(format!(
                    "the key {:?} appears twice",
                    String::from_utf8_lossy(k)
                )));
            }
            size += 4 + k.len() + v.len();
        }
        // Lengths were checked above, so these conversions cannot truncate.
        let mut encoded = Vec::with_capacity(size);
        encoded.extend_from_slice(&(pairs.len() as u16).to_be_bytes());
        for (k, v) in &pairs {
            let (k, v) = (k.as_ref(), v.as_ref());
            encoded.extend_from_slice(&(k.len() as u16).to_be_bytes());
            encoded.extend_from_slice(k);
            encoded.extend_from_slice(&(v.len() as u16).to_be_bytes());
            encoded.extend_from_slice(v);
        }
        Ok(Context { encoded })
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        u16::from_be_bytes([self.encoded[0], self.encoded[1]]) as usize
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The canonical encoding.
    pub fn encode(&self) -> Vec<u8> {
        self.encoded.clone()
    }

    /// The canonical encoding, borrowed.
    pub fn encoded(&self) -> &[u8] {
        &self.encoded
    }

    fn pairs(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        let mut rest = &self.encoded[2..];
        std::iter::from_fn(move || {
            let mut take = || {
                let (len, tail) = rest.split_first_chunk::<2>()?;
                let (item, tail) = tail.split_at_checked(u16::from_be_bytes(*len) as usize)?;
                rest = tail;
                Some(item)
            };
            Some((take()?, take()?))
        })
    }
}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                self.pairs()
                    .map(|(k, v)| (String::from_utf8_lossy(k), String::from_utf8_lossy(v))),
            )
            .finish()
    }
}

struct Entry {
    id: u32,
    cipher: Aes256Gcm,
    key: Zeroizing<[u8; KEY_LEN]>,
}

/// Keys by id, exactly one of them primary (the first). Key bytes are zeroized on drop and
/// `Debug` shows the ids only.
pub struct Keyring {
    entries: Vec<Entry>,
}

/// A parsed envelope header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvelopeHeader {
    /// The key id the envelope was sealed with.
    pub key_id: u32,
    /// Length of the plaintext it holds.
    pub plaintext_len: usize,
}

impl Keyring {
    fn from_entries(keys: Vec<(u32, Zeroizing<[u8; KEY_LEN]>)>) -> Result<Self, VaultError> {
        if keys.is_empty() {
            return Err(VaultError::InvalidKeyring("it has no keys".into()));
        }
        let mut entries: Vec<Entry> = Vec::with_capacity(keys.len());
        for (id, key) in keys {
            if entries.iter().any(|e| e.id == id) {
                return Err(VaultError::InvalidKeyring(format!(
                    "key id {id} appears twice"
                )));
            }
            // A key of one repeated byte (all zeros: a placeholder, an unset variable read as
            // zeros) has no entropy: anyone can open what it seals. Generated keys never are.
            if key.iter().all(|&b| b == key[0]) {
                return Err(VaultError::InvalidKeyring(format!(
                    "key id {id} has no entropy (its 32 bytes are all equal): generate keys with \
                     Keyring::generate or `revtain keyring new`"
                )));
            }
            let cipher = Aes256Gcm::new((&*key).into());
            entries.push(Entry { id, cipher, key });
        }
        Ok(Keyring { entries })
    }

    /// Builds a keyring from `(id, key)` pairs, the first primary.
    pub fn from_keys(
        keys: impl IntoIterator<Item = (u32, [u8; KEY_LEN])>,
    ) -> Result<Self, VaultError> {
        Self::from_entries(
            keys.into_iter()
                .map(|(id, k)| (id, Zeroizing::new(k)))
                .collect(),
        )
    }

    /// A keyring of one new random key with a random id.
    pub fn generate() -> Result<Self, VaultError> {
        let (id, key) = random_entry()?;
        Self::from_entries(vec![(id, key)])
    }

    /// A new keyring whose primary is a new random key (with a random id not already used),
    /// keeping every key of this one so that old envelopes still open. Reseal them with
    /// [`Keyring::reseal`], then drop the old keys.
    pub fn rotate(&self) -> Result<Self, VaultError> {
        let (id, key) = loop {
            let (id, key) = random_entry()?;
            if self.entries.iter().all(|e| e.id != id) {
                break (id, key);
            }
        };
        let mut keys = vec![(id, key)];
        keys.extend(self.entries.iter().map(|e| (e.id, e.key.clone())));
        Self::from_entries(keys)
    }

    /// The keyring held by the environment variable `name` (`None`: [`KEYRING_ENV`]), given
    /// its `value` as the host read it (`None`: not set, or not text). Hosts with their own view
    /// of the environment (Python's `os.environ`) pass what they read; see
    /// [`from_env`](Self::from_env) for the process environment.
    pub fn from_env_value(name: Option<&str>, value: Option<&str>) -> Result<Self, VaultError> {
        let name = name.unwrap_or(KEYRING_ENV);
        match value {
            Some(text) => Self::from_text(text),
            None => Err(VaultError::InvalidKeyring(format!(
                "the environment variable {name} is not set (or not UTF-8); `revtain keyring new` \
                 makes a keyring"
            ))),
        }
    }

    /// The keyring held by the process environment variable `name` (`None`: [`KEYRING_ENV`]).
    pub fn from_env(name: Option<&str>) -> Result<Self, VaultError> {
        let name = name.unwrap_or(KEYRING_ENV);
        Self::from_env_value(Some(name), std::env::var(name).ok().as_deref())
    }

    /// Parses `<key_id>:<base64 of 32 bytes>[,<key_id>:<base64 of 32 bytes>]…`, the first entry
    /// primary: ids in decimal, keys in standard base64 with padding. Whitespace around an
    /// entry is ignored. Errors name the entry (by position) but never show key material.
    pub fn from_text(text: &str) -> Result<Self, VaultError> {
        let mut keys = Vec::new();
        for (i, entry) in text.split(',').enumerate() {
            let n = i + 1;
            let entry = entry.trim();
            let (id, key) = entry.split_once(':').ok_or_else(|| {
                VaultError::InvalidKeyring(format!("entry {n} is not <key_id>:<base64 key>"))
            })?;
            let canonical_id = !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_digit())
                && (id == "0" || !id.starts_with('0'));
            let id: u32 = id.parse().ok().filter(|_| canonical_id).ok_or_else(|| {
                VaultError::InvalidKeyring(format!(
                    "entry {n}: the key id must be a decimal number from 0 to 4294967295"
                ))
            })?;
            let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
            let mut decoded = Zeroizing::new(Vec::new());
            let ok = STANDARD.decode_vec(key, &mut decoded).is_ok() && decoded.len() == KEY_LEN;
            if !ok {
                return Err(VaultError::InvalidKeyring(format!(
                    "entry {n} (key id {id}): the key must be 32 bytes in standard base64 with padding"
                )));
            }
            bytes.copy_from_slice(&decoded);
            keys.push((id, bytes));
        }
        Self::from_entries(keys)
    }

    /// The text form (see [`Keyring::from_text`]). It is the key material: keep it secret.
    pub fn to_text(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::new());
        for (i, e) in self.entries.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&e.id.to_string());
            out.push(':');
            STANDARD.encode_string(e.key.as_ref(), &mut out);
        }
        out
    }

    /// The id of the primary key, which seals.
    pub fn primary_key_id(&self) -> u32 {
        self.entries[0].id
    }

    /// Every key id, primary first.
    pub fn key_ids(&self) -> Vec<u32> {
        self.entries.iter().map(|e| e.id).collect()
    }

    fn entry(&self, id: u32) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Seals `plaintext` under the primary key, bound to `context`; returns the binary
    /// envelope.
    pub fn seal_bytes(&self, plaintext: &[u8], context: &Context) -> Result<Vec<u8>, VaultError> {
        let mut out = vec![0u8; OVERHEAD + plaintext.len()];
        self.seal_into(plaintext, context, &mut out)?;
        Ok(out)
    }

    /// Seals into the text form, `rvc1:…`.
    pub fn seal(&self, plaintext: &[u8], context: &Context) -> Result<String, VaultError> {
        Ok(to_text_envelope(&self.seal_bytes(plaintext, context)?))
    }

    /// Seals into `out`, which must be exactly `plaintext.len() + OVERHEAD` bytes (so that a
    /// binding can encrypt straight into the buffer it returns).
    pub fn seal_into(
        &self,
        plaintext: &[u8],
        context: &Context,
        out: &mut [u8],
    ) -> Result<(), VaultError> {
        let mut nonce = [0u8; NONCE_LEN];
        crate::rng::fill(&mut nonce)?;
        self.seal_into_with_nonce(plaintext, context, nonce, out)
    }

    /// Seals with a given nonce. Only for generating test vectors: reusing a nonce under one
    /// key breaks AES-GCM, which is why the public API never takes one.
    #[doc(hidden)]
    pub fn seal_with_nonce(
        &self,
        plaintext: &[u8],
        context: &Context,
        nonce: [u8; NONCE_LEN],
    ) -> Result<Vec<u8>, VaultError> {
        let mut out = vec![0u8; OVERHEAD + plaintext.len()];
        self.seal_into_with_nonce(plaintext, context, nonce, &mut out)?;
        Ok(out)
    }

    fn seal_into_with_nonce(
        &self,
        plaintext: &[u8],
        context: &Context,
        nonce: [u8; NONCE_LEN],
        out: &mut [u8],
    ) -> Result<(), VaultError> {
        if out.len() != plaintext.len() + OVERHEAD {
            return Err(VaultError::Malformed(
                "length: the output is not plaintext length + 34 bytes",
            ));
        }
        let entry = &self.entries[0];
        out[0] = VERSION;
        out[1] = ALGORITHM_AES_256_GCM;
        out[2..HEADER_LEN].copy_from_slice(&entry.id.to_be_bytes());
        out[HEADER_LEN..HEADER_LEN + NONCE_LEN].copy_from_slice(&nonce);
        let (head, body) = out.split_at_mut(HEADER_LEN + NONCE_LEN);
        let (ciphertext, tag_out) = body.split_at_mut(plaintext.len());
        let aad = associated_data(&head[..HEADER_LEN], context);
        // Encrypt from the plaintext straight into the output: no intermediate copy.
        let buf = InOutBuf::new(plaintext, ciphertext)
            .map_err(|_| VaultError::Malformed("length: output length differs"))?;
        let tag = entry
            .cipher
            .encrypt_inout_detached(&Nonce::from(nonce), &aad, buf)
            // AES-GCM refuses plaintexts over 64 GiB.
            .map_err(|_| {
                VaultError::Malformed("length: the plaintext is over the AES-GCM limit of 64 GiB")
            })?;
        tag_out.copy_from_slice(&tag);
        Ok(())
    }

    /// Reads the header of a binary or text envelope without decrypting it.
    pub fn inspect(envelope: &[u8]) -> Result<EnvelopeHeader, VaultError> {
        let binary = decode_envelope(envelope)?;
        parse_header(&binary)
    }

    /// Opens a binary or text envelope (told apart by the `rvc1:` prefix) with the key it
    /// names and the same context it was sealed with.
    pub fn open(
        &self,
        envelope: &[u8],
        context: &Context,
    ) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        let binary = decode_envelope(envelope)?;
        let header = parse_header(&binary)?;
        let mut out = Zeroizing::new(vec![0u8; header.plaintext_len]);
        self.open_binary_into(&binary, context, &mut out)?;
        Ok(out)
    }

    /// Opens a binary envelope into `out`, which must be exactly the plaintext's length (see
    /// [`Keyring::inspect`]). On failure `out` is left zeroed.
    pub fn open_binary_into(
        &self,
        envelope: &[u8],
        context: &Context,
        out: &mut [u8],
    ) -> Result<(), VaultError> {
        let header = parse_header(envelope)?;
        if out.len() != header.plaintext_len {
            return Err(VaultError::Malformed(
                "output length differs from the plaintext length",
            ));
        }
        let entry = self
            .entry(header.key_id)
            .ok_or(VaultError::UnknownKeyId(header.key_id))?;
        // parse_header checked the length, so these conversions cannot fail.
        let malformed = |_| VaultError::Malformed("length: the envelope is truncated");
        let nonce =
            Nonce::try_from(&envelope[HEADER_LEN..HEADER_LEN + NONCE_LEN]).map_err(malformed)?;
        let body = &envelope[HEADER_LEN + NONCE_LEN..];
        let (ciphertext, tag) = body.split_at(body.len() - TAG_LEN);
        let tag = Tag::try_from(tag).map_err(malformed)?;
        let aad = associated_data(&envelope[..HEADER_LEN], context);
        // Decrypt from the envelope straight into `out`: no intermediate copy.
        let buf = InOutBuf::new(ciphertext, out).map_err(|_| {
            VaultError::Malformed("length: output length differs from the plaintext length")
        })?;
        // The tag is checked before anything is decrypted.
        entry
            .cipher
            .decrypt_inout_detached(&nonce, &aad, buf, &tag)
            .map_err(|_| {
                out.zeroize();
                VaultError::AuthenticationFailed
            })
    }

    /// Whether the envelope was sealed under a key other than the primary (and so should be
    /// resealed). An envelope under a key the keyring does not hold is an error, since it
    /// could not be resealed.
    pub fn needs_rotation(&self, envelope: &[u8]) -> Result<bool, VaultError> {
        let header = Self::inspect(envelope)?;
        if self.entry(header.key_id).is_none() {
            return Err(VaultError::UnknownKeyId(header.key_id));
        }
        Ok(header.key_id != self.primary_key_id())
    }

    /// Opens, then seals under the primary key with a fresh nonce: text form.
    pub fn reseal(&self, envelope: &[u8], context: &Context) -> Result<String, VaultError> {
        Ok(to_text_envelope(&self.reseal_bytes(envelope, context)?))
    }

    /// Opens, then seals under the primary key with a fresh nonce: binary form.
    pub fn reseal_bytes(&self, envelope: &[u8], context: &Context) -> Result<Vec<u8>, VaultError> {
        let plaintext = self.open(envelope, context)?;
        self.seal_bytes(&plaintext, context)
    }
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("primary_key_id", &self.primary_key_id())
            .field("key_ids", &self.key_ids())
            .finish()
    }
}

fn random_entry() -> Result<(u32, Zeroizing<[u8; KEY_LEN]>), VaultError> {
    let mut id = [0u8; 4];
    crate::rng::fill(&mut id)?;
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    crate::rng::fill(key.as_mut())?;
    Ok((u32::from_be_bytes(id), key))
}

fn associated_data(header: &[u8], context: &Context) -> Vec<u8> {
    let mut aad = Vec::with_capacity(HEADER_LEN + context.encoded.len());
    aad.extend_from_slice(header);
    aad.extend_from_slice(&context.encoded);
    aad
}

/// Length of the text form of a binary envelope of `binary_len` bytes (for lengths of
/// envelopes that exist; see [`checked_text_envelope_len`] for any length).
pub const fn text_envelope_len(binary_len: usize) -> usize {
    TEXT_PREFIX.len() + (binary_len * 4).div_ceil(3)
}

/// [`text_envelope_len`], or `None` when it does not fit in a `usize` (a size a caller asks
/// about, before anything is sealed).
pub const fn checked_text_envelope_len(binary_len: usize) -> Option<usize> {
    match binary_len.checked_mul(4) {
        Some(n) => n.div_ceil(3).checked_add(TEXT_PREFIX.len()),
        None => None,
    }
}

/// The text form of a binary envelope.
pub fn to_text_envelope(binary: &[u8]) -> String {
    let mut out = String::with_capacity(text_envelope_len(binary.len()));
    out.push_str(TEXT_PREFIX);
    URL_SAFE_NO_PAD.encode_string(binary, &mut out);
    out
}

/// The binary form of a binary or text envelope (no check beyond the encoding).
pub fn decode_envelope(envelope: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, VaultError> {
    match envelope.strip_prefix(TEXT_PREFIX.as_bytes()) {
        Some(b64) => URL_SAFE_NO_PAD
            .decode(b64)
            .map(std::borrow::Cow::Owned)
            .map_err(|_| {
                VaultError::Malformed("encoding: the text after rvc1: is not unpadded base64url")
            }),
        None if envelope.first() == Some(&VERSION) => Ok(std::borrow::Cow::Borrowed(envelope)),
        None if envelope.starts_with(b"rvc") => Err(VaultError::Malformed(
            "prefix: a text envelope starts with rvc1: (lower case, version 1)",
        )),
        None if envelope.is_empty() => Err(VaultError::Malformed("length: the envelope is empty")),
        None => Err(VaultError::Malformed("version: unknown envelope version")),
    }
}

fn parse_header(env: &[u8]) -> Result<EnvelopeHeader, VaultError> {
    match env.first() {
        None => return Err(VaultError::Malformed("length: the envelope is empty")),
        Some(&VERSION) => {}
        Some(_) => return Err(VaultError::Malformed("version: unknown envelope version")),
    }
    match env.get(1) {
        None => return Err(VaultError::Malformed("length: the envelope is truncated")),
        Some(&ALGORITHM_AES_256_GCM) => {}
        Some(_) => return Err(VaultError::Malformed("algorithm: unknown algorithm")),
    }
    if env.len() < OVERHEAD {
        return Err(VaultError::Malformed("length: the envelope is truncated"));
    }
    let key_id = u32::from_be_bytes([env[2], env[3], env[4], env[5]]);
    Ok(EnvelopeHeader {
        key_id,
        plaintext_len: env.len() - OVERHEAD,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test key: 32 bytes that are not all equal (such a key is refused).
    fn test_key(seed: u8) -> [u8; KEY_LEN] {
        std::array::from_fn(|i| seed.wrapping_add(i as u8))
    }

    #[test]
    fn a_key_without_entropy_is_refused() {
        for bad in [[0u8; KEY_LEN], [0xff; KEY_LEN], [7; KEY_LEN]] {
            let e = Keyring::from_keys([(1, bad)]).unwrap_err();
            assert!(e.to_string().contains("no entropy"), "{e}");
        }
        let text = format!("1:{}", STANDARD.encode([0u8; KEY_LEN]));
        assert!(Keyring::from_text(&text)
            .unwrap_err()
            .to_string()
            .contains("no entropy"));
        assert!(Keyring::from_keys([(1, test_key(0))]).is_ok());
    }
    use proptest::collection::{btree_map, vec};
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn keyring(n: usize) -> Keyring {
        Keyring::from_keys((0..n as u32).map(|i| (i + 10, test_key(i as u8 + 1)))).unwrap()
    }

    fn ctx_strategy() -> impl Strategy<Value = BTreeMap<String, String>> {
        btree_map("\\PC{0,8}", "\\PC{0,16}", 0..5)
    }

    #[test]
    fn debug_shows_ids_only() {
        let k = Keyring::from_keys([(5, test_key(0xAB)), (6, test_key(0xCD))]).unwrap();
        let shown = format!("{k:?}");
        assert_eq!(shown, "Keyring { primary_key_id: 5, key_ids: [5, 6] }");
        assert!(!shown.contains("171") && !shown.to_lowercase().contains("ab"));
    }

    #[test]
    fn rotation_moves_to_a_new_primary_and_keeps_old_keys() {
        let old = Keyring::generate().unwrap();
        let ctx = Context::from_pairs([("tenant", "t")]).unwrap();
        let sealed = old.seal(b"secret", &ctx).unwrap();
        let new = old.rotate().unwrap();
        assert_ne!(new.primary_key_id(), old.primary_key_id());
        assert!(new.needs_rotation(sealed.as_bytes()).unwrap());
        let resealed = new.reseal(sealed.as_bytes(), &ctx).unwrap();
        assert!(!new.needs_rotation(resealed.as_bytes()).unwrap());
        assert_eq!(&*new.open(resealed.as_bytes(), &ctx).unwrap(), b"secret");
        // The old keyring cannot read what the new primary sealed.
        assert_eq!(
            old.open(resealed.as_bytes(), &ctx).unwrap_err(),
            VaultError::UnknownKeyId(new.primary_key_id())
        );
    }

    #[test]
    fn context_debug_and_len() {
        let ctx = Context::from_pairs([("b", "2"), ("a", "1")]).unwrap();
        assert_eq!(format!("{ctx:?}"), r#"{"a": "1", "b": "2"}"#);
        assert_eq!(ctx.len(), 2);
        assert!(Context::new().is_empty());
    }

    #[test]
    fn nonces_differ() {
        let k = keyring(1);
        let a = k.seal_bytes(b"same", &Context::new()).unwrap();
        let b = k.seal_bytes(b"same", &Context::new()).unwrap();
        assert_ne!(a[6..18], b[6..18]);
    }

    proptest! {
        #[test]
        fn seal_open_round_trip(pt in vec(any::<u8>(), 0..300), ctx in ctx_strategy(), text in any::<bool>()) {
            let k = keyring(2);
            let ctx = Context::from_pairs(ctx).unwrap();
            let env = if text { k.seal(&pt, &ctx).unwrap().into_bytes() } else { k.seal_bytes(&pt, &ctx).unwrap() };
            prop_assert_eq!(&*k.open(&env, &ctx).unwrap(), &pt[..]);
            prop_assert_eq!(Keyring::inspect(&env).unwrap().plaintext_len, pt.len());
        }

        #[test]
        fn any_bit_flip_fails(pt in vec(any::<u8>(), 0..64), bit in any::<prop::sample::Index>()) {
            let k = keyring(2);
            let ctx = Context::from_pairs([("tenant", "t1")]).unwrap();
            let mut env = k.seal_bytes(&pt, &ctx).unwrap();
            let bit = bit.index(env.len() * 8);
            env[bit / 8] ^= 1 << (bit % 8);
            prop_assert!(k.open(&env, &ctx).is_err());
        }

        #[test]
        fn any_context_change_fails(pt in vec(any::<u8>(), 0..64), a in ctx_strategy(), b in ctx_strategy()) {
            prop_assume!(a != b);
            let k = keyring(1);
            let env = k.seal_bytes(&pt, &Context::from_pairs(&a).unwrap()).unwrap();
            prop_assert_eq!(
                k.open(&env, &Context::from_pairs(&b).unwrap()).unwrap_err(),
                VaultError::AuthenticationFailed
            );
        }

        #[test]
        fn another_keyring_fails(pt in vec(any::<u8>(), 0..64)) {
            let a = Keyring::generate().unwrap();
            let b = Keyring::generate().unwrap();
            prop_assume!(a.primary_key_id() != b.primary_key_id());
            let env = a.seal_bytes(&pt, &Context::new()).unwrap();
            prop_assert_eq!(b.open(&env, &Context::new()).unwrap_err(), VaultError::UnknownKeyId(a.primary_key_id()));
            // Same id, different key: authentication fails, never a crash or a second key.
            let same_id = Keyring::from_keys([(a.primary_key_id(), test_key(7))]).unwrap();
            prop_assert_eq!(same_id.open(&env, &Context::new()).unwrap_err(), VaultError::AuthenticationFailed);
        }

        #[test]
        fn open_never_panics(data in vec(any::<u8>(), 0..80), text in "\\PC{0,60}") {
            let k = keyring(1);
            let _ = k.open(&data, &Context::new());
            let _ = k.open(format!("rvc1:{text}").as_bytes(), &Context::new());
            let _ = Keyring::from_text(&text);
        }

        #[test]
        fn keyring_text_round_trip(ids in prop::collection::hash_set(any::<u32>(), 1..5), seed in any::<u8>()) {
            let k = Keyring::from_keys(ids.iter().map(|&id| (id, test_key(seed ^ (id as u8))))).unwrap();
            let again = Keyring::from_text(&k.to_text()).unwrap();
            prop_assert_eq!(again.key_ids(), k.key_ids());
            prop_assert_eq!(&*again.to_text(), &*k.to_text());
        }
    }
}
