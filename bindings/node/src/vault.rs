//! Credential vault: `Keyring` with `seal`, `sealBytes`, `open`, `needsRotation`, `reseal`.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::bytes_of;
use revtain::vault::{self, Context};

use crate::errors::err;

/// Converts a plain object of string values; anything else is a `TypeError`, never an
/// empty context by accident.
fn context(env: &Env, value: Unknown<'_>) -> Result<Context> {
    let map = crate::raw::string_map(
        &value,
        "context must be an object of string values, such as { tenant: 't_1' }",
    )?;
    Context::from_pairs(map).map_err(err(env))
}

/// AES-256 keys by id, the first primary. `util.inspect` shows the key ids only.
#[napi]
pub struct Keyring {
    inner: vault::Keyring,
}

#[napi]
impl Keyring {
    /// Parses `<key_id>:<base64 of 32 bytes>[,...]`, the first entry primary.
    #[napi(factory)]
    pub fn from_text(env: &Env, text: String) -> Result<Keyring> {
        vault::Keyring::from_text(&text)
            .map(|inner| Keyring { inner })
            .map_err(err(env))
    }

    /// Reads the text form from the environment variable `name` (default `REVTAIN_KEYRING`).
    #[napi(factory)]
    pub fn from_env(env: &Env, name: Option<String>) -> Result<Keyring> {
        vault::Keyring::from_env(name.as_deref())
            .map(|inner| Keyring { inner })
            .map_err(err(env))
    }

    /// A keyring of one new random key with a random id.
    #[napi(factory)]
    pub fn generate(env: &Env) -> Result<Keyring> {
        vault::Keyring::generate()
            .map(|inner| Keyring { inner })
            .map_err(err(env))
    }

    /// A new keyring whose primary is a new random key, keeping every key of this one.
    #[napi]
    pub fn rotate(&self, env: &Env) -> Result<Keyring> {
        self.inner
            .rotate()
            .map(|inner| Keyring { inner })
            .map_err(err(env))
    }

    /// The text form. It is the key material: keep it secret.
    #[napi]
    pub fn to_text(&self) -> String {
        self.inner.to_text().to_string()
    }

    /// The id of the primary key, which seals.
    #[napi(getter)]
    pub fn primary_key_id(&self) -> u32 {
        self.inner.primary_key_id()
    }

    /// Every key id, primary first.
    #[napi(getter)]
    pub fn key_ids(&self) -> Vec<u32> {
        self.inner.key_ids()
    }

    /// Seals `plaintext` under the primary key, bound to `context`: text form `rvc1:...`.
    #[napi]
    pub fn seal(
        &self,
        env: &Env,
        plaintext: Either<String, &[u8]>,
        #[napi(ts_arg_type = "Record<string, string>")] context: Unknown<'_>,
    ) -> Result<String> {
        let ctx = self::context(env, context)?;
        self.inner
            .seal(bytes_of(&plaintext), &ctx)
            .map_err(err(env))
    }

    /// Seals into the binary form.
    #[napi]
    pub fn seal_bytes(
        &self,
        env: &Env,
        plaintext: Either<String, &[u8]>,
        #[napi(ts_arg_type = "Record<string, string>")] context: Unknown<'_>,
    ) -> Result<Buffer> {
        let ctx = self::context(env, context)?;
        self.inner
            .seal_bytes(bytes_of(&plaintext), &ctx)
            .map(Buffer::from)
            .map_err(err(env))
    }

    /// Opens a text (`rvc1:...`) or binary envelope; returns the plaintext.
    #[napi]
    pub fn open(
        &self,
        env: &Env,
        envelope: Either<String, &[u8]>,
        #[napi(ts_arg_type = "Record<string, string>")] context: Unknown<'_>,
    ) -> Result<Buffer> {
        let ctx = self::context(env, context)?;
        // The Zeroizing buffer is wiped when dropped; the Buffer is the one copy handed out.
        self.inner
            .open(bytes_of(&envelope), &ctx)
            .map(|pt| Buffer::from(pt.as_slice()))
            .map_err(err(env))
    }

    /// Whether the envelope was sealed under a key other than the primary.
    #[napi]
    pub fn needs_rotation(&self, env: &Env, envelope: Either<String, &[u8]>) -> Result<bool> {
        self.inner
            .needs_rotation(bytes_of(&envelope))
            .map_err(err(env))
    }

    /// Opens, then seals under the primary key: text form.
    #[napi]
    pub fn reseal(
        &self,
        env: &Env,
        envelope: Either<String, &[u8]>,
        #[napi(ts_arg_type = "Record<string, string>")] context: Unknown<'_>,
    ) -> Result<String> {
        let ctx = self::context(env, context)?;
        self.inner
            .reseal(bytes_of(&envelope), &ctx)
            .map_err(err(env))
    }

    /// Opens, then seals under the primary key: binary form.
    #[napi]
    pub fn reseal_bytes(
        &self,
        env: &Env,
        envelope: Either<String, &[u8]>,
        #[napi(ts_arg_type = "Record<string, string>")] context: Unknown<'_>,
    ) -> Result<Buffer> {
        let ctx = self::context(env, context)?;
        self.inner
            .reseal_bytes(bytes_of(&envelope), &ctx)
            .map(Buffer::from)
            .map_err(err(env))
    }

    /// `Keyring(primary_key_id=…, key_ids=[…])`: ids only.
    #[napi(js_name = "toString")]
    pub fn to_js_string(&self) -> String {
        format!(
            "Keyring(primary_key_id={}, key_ids={:?})",
            self.inner.primary_key_id(),
            self.inner.key_ids()
        )
    }

    /// The ids only, so that `JSON.stringify` never writes key material.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> String {
        self.to_js_string()
    }
}
