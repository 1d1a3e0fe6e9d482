//! API keys: `generateApiKey`, `ApiKey`, `verifyApiKey`, `findApiKeys`, `redactApiKeys`.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::{bytes_of, ranges_for};
use revtain::api_key;

use crate::errors::err;

fn pepper_of<'a>(pepper: &'a Option<Either<String, &'a [u8]>>) -> &'a [u8] {
    pepper.as_ref().map(bytes_of).unwrap_or(&[])
}

/// Generates a new API key (`rev_` + 32 base64url characters from 24 random bytes).
#[napi]
pub fn generate_api_key(env: &Env) -> Result<String> {
    api_key::ApiKey::generate()
        .map(|k| k.expose_secret().to_owned())
        .map_err(err(env))
}

/// A valid Revtain API key. `toString()`, `toJSON()` and `util.inspect` show only the redacted
/// form.
#[napi]
pub struct ApiKey {
    inner: api_key::ApiKey,
}

#[napi]
impl ApiKey {
    /// Parses a key strictly; throws an error whose `code` names the failure.
    #[napi(factory)]
    pub fn parse(env: &Env, key: String) -> Result<ApiKey> {
        api_key::ApiKey::parse(&key)
            .map(|inner| ApiKey { inner })
            .map_err(err(env))
    }

    /// Generates a new key.
    #[napi(factory)]
    pub fn generate(env: &Env) -> Result<ApiKey> {
        api_key::ApiKey::generate()
            .map(|inner| ApiKey { inner })
            .map_err(err(env))
    }

    /// The redacted form, `rev_abcd…wxyz`.
    #[napi(getter)]
    pub fn redacted(&self) -> String {
        self.inner.redacted()
    }

    /// The whole key. Show it to its owner once; never log it.
    #[napi]
    pub fn expose_secret(&self) -> String {
        self.inner.expose_secret().to_owned()
    }

    /// `HMAC-SHA256(pepper, key)`: the 32 bytes a server stores.
    #[napi]
    pub fn lookup_hash(&self, pepper: Option<Either<String, &[u8]>>) -> Buffer {
        Buffer::from(self.inner.lookup_hash(pepper_of(&pepper)).to_vec())
    }

    /// Whether this key's lookup hash equals `storedHash` (constant-time).
    #[napi]
    pub fn matches(
        &self,
        env: &Env,
        stored_hash: &[u8],
        pepper: Option<Either<String, &[u8]>>,
    ) -> Result<bool> {
        self.inner
            .matches(stored_hash, pepper_of(&pepper))
            .map_err(err(env))
    }

    /// Whether `other` is the same key (constant-time).
    #[napi]
    pub fn equals(&self, other: &ApiKey) -> bool {
        self.inner == other.inner
    }

    /// The redacted form.
    #[napi(js_name = "toString")]
    pub fn to_js_string(&self) -> String {
        self.inner.redacted()
    }

    /// The redacted form, so that `JSON.stringify` never writes the key.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> String {
        self.inner.redacted()
    }
}

/// Checks a presented key against a stored lookup hash in constant time. A malformed key is
/// simply `false`; a stored hash that is not 32 bytes throws `REVTAIN_RESULT_INVALID_LOOKUP_HASH`.
#[napi]
pub fn verify_api_key(
    env: &Env,
    key: String,
    stored_hash: &[u8],
    pepper: Option<Either<String, &[u8]>>,
) -> Result<bool> {
    api_key::verify_api_key(&key, stored_hash, pepper_of(&pepper)).map_err(err(env))
}

/// `[start, end]` of every API key in `text`: UTF-16 indices for a string (as `String.prototype.slice`
/// takes them), byte offsets for a `Buffer` or `Uint8Array`.
#[napi(ts_return_type = "Array<[number, number]>")]
pub fn find_api_keys(text: Either<String, &[u8]>) -> Vec<Vec<u32>> {
    ranges_for(&text, &api_key::find_api_keys(bytes_of(&text)))
}

/// `text` with every API key replaced by its redacted form: a string for a string, a `Buffer`
/// for bytes.
#[napi]
pub fn redact_api_keys(text: Either<String, &[u8]>) -> Either<String, Buffer> {
    match text {
        Either::A(s) => Either::A(api_key::redact_api_keys(&s)),
        Either::B(b) => Either::B(Buffer::from(api_key::redact_api_keys_bytes(b))),
    }
}
