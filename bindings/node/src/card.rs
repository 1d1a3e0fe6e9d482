//! Card data safety and card-update links: `findPans`, `redactPans`, `validateGatewayToken`,
//! `generateCardUpdateSecret`, `CardUpdateLinks`.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use revtain::card;

use crate::convert::{bytes_of, number, ranges_for};
use crate::errors::err;

/// Where card numbers are in `text`: `[start, end]` pairs, string indices (UTF-16) for a
/// string, byte offsets for bytes.
#[napi]
pub fn find_pans(text: Either<String, &[u8]>) -> Vec<Vec<u32>> {
    ranges_for(&text, &card::find_pans(bytes_of(&text)))
}

/// `text` with every card number's digits but the last four replaced by `*`: a string for a
/// string, a Buffer for bytes. The result holds no card number.
#[napi(ts_return_type = "string | Buffer")]
pub fn redact_pans(text: Either<String, &[u8]>) -> Either<String, Buffer> {
    match text {
        Either::A(s) => Either::A(card::redact_pans(&s)),
        Either::B(b) => Either::B(Buffer::from(card::redact_pans_bytes(b))),
    }
}

/// Checks that `token` is a token of `gateway` and returns its kind (for example
/// `'stripe.payment_method'`). A card number is refused (`REVTAIN_RESULT_CARD_PAN_DETECTED`),
/// never echoed.
#[napi]
pub fn validate_gateway_token(env: &Env, gateway: String, token: String) -> Result<&'static str> {
    card::validate_gateway_token(&gateway, &token)
        .map(|k| k.name())
        .map_err(err(env))
}

/// A new card-update secret: `cusec_` + base64 of 32 random bytes.
#[napi]
pub fn generate_card_update_secret(env: &Env) -> Result<String> {
    card::generate_card_update_secret()
        .map(|s| s.as_str().to_owned())
        .map_err(err(env))
}

/// The gateways whose token shapes `validateGatewayToken` knows.
#[napi]
pub fn gateways() -> Vec<&'static str> {
    card::GATEWAYS.to_vec()
}

/// Options of `new CardUpdateLinks(...)`.
#[napi(object)]
pub struct CardUpdateLinksOptions {
    /// Clock leeway for `exp` and `iat` when verifying, in seconds (default 60).
    pub leeway: Option<f64>,
    /// The longest lifetime of a link, in seconds (default 604800, a week; at most 30 days):
    /// longer ones are neither minted nor accepted.
    pub max_lifetime: Option<f64>,
}

/// Options of `create` and `token`.
#[napi(object)]
pub struct MintOptions {
    /// Lifetime in seconds, 1 to 2592000 (default 86400, one day).
    pub ttl: Option<f64>,
    /// Where the page sends the customer afterwards (https only).
    pub return_url: Option<String>,
    /// Issue time, unix seconds (default: the clock).
    pub now: Option<f64>,
}

/// Options of `verify`.
#[napi(object)]
pub struct VerifyOptions {
    /// The current time, unix seconds (default: the clock).
    pub now: Option<f64>,
}

/// The verified claims of a card-update token.
#[napi(object)]
pub struct CardUpdateClaims {
    /// The merchant's client id.
    pub iss: String,
    /// The merchant's customer reference.
    pub sub: String,
    /// `revtain:card-update`.
    pub aud: String,
    /// Issued at, unix seconds.
    pub iat: i64,
    /// Expires at, unix seconds.
    pub exp: i64,
    /// The token's random id.
    pub jti: String,
    /// Where to send the customer afterwards, if given.
    pub return_url: Option<String>,
}

/// Mints and verifies card-update links for one merchant. `toString()`, `toJSON()` and
/// `util.inspect` never show the secret.
#[napi]
pub struct CardUpdateLinks {
    inner: card::CardUpdateLinks,
    base_url: String,
}

impl CardUpdateLinks {
    fn mint(
        &self,
        env: &Env,
        customer: String,
        options: Option<MintOptions>,
        link: bool,
    ) -> Result<String> {
        let (ttl, return_url, now) = match options {
            Some(o) => (o.ttl, o.return_url, o.now),
            None => (None, None, None),
        };
        let ttl = card::ttl_from(number(ttl)).map_err(err(env))?;
        let now = card::now_from(number(now)).map_err(err(env))?;
        let made = if link {
            self.inner
                .create(&customer, ttl, return_url.as_deref(), now)
        } else {
            self.inner.token(&customer, ttl, return_url.as_deref(), now)
        };
        made.map_err(err(env))
    }
}

#[napi]
impl CardUpdateLinks {
    /// Links for `clientId` to the card-update page at `baseUrl` (https), signed with `secret`
    /// (`cusec_...`).
    #[napi(constructor)]
    pub fn new(
        env: &Env,
        secret: String,
        client_id: String,
        base_url: String,
        options: Option<CardUpdateLinksOptions>,
    ) -> Result<Self> {
        let leeway =
            card::leeway_from(number(options.as_ref().and_then(|o| o.leeway))).map_err(err(env))?;
        let max_lifetime =
            card::max_lifetime_from(number(options.as_ref().and_then(|o| o.max_lifetime)))
                .map_err(err(env))?;
        let inner = card::CardUpdateLinks::new(&secret, &client_id, &base_url)
            .map_err(err(env))?
            .with_leeway(leeway)
            .with_max_lifetime(max_lifetime);
        Ok(CardUpdateLinks { inner, base_url })
    }

    /// The longest lifetime of a link, in seconds.
    #[napi(getter)]
    pub fn max_lifetime(&self) -> f64 {
        self.inner.max_lifetime() as f64
    }

    /// The client id (`iss`).
    #[napi(getter)]
    pub fn client_id(&self) -> String {
        self.inner.client_id().to_owned()
    }

    /// A new link for `customer`: the base URL with `token=<JWS>` added to its query.
    #[napi]
    pub fn create(
        &self,
        env: &Env,
        customer: String,
        options: Option<MintOptions>,
    ) -> Result<String> {
        self.mint(env, customer, options, true)
    }

    /// A new token for `customer` (the compact JWS alone).
    #[napi]
    pub fn token(
        &self,
        env: &Env,
        customer: String,
        options: Option<MintOptions>,
    ) -> Result<String> {
        self.mint(env, customer, options, false)
    }

    /// Verifies a token (HS256 only) and returns its claims.
    #[napi]
    pub fn verify(
        &self,
        env: &Env,
        token: String,
        options: Option<VerifyOptions>,
    ) -> Result<CardUpdateClaims> {
        let now = card::now_from(number(options.and_then(|o| o.now))).map_err(err(env))?;
        let c = self.inner.verify(&token, now).map_err(err(env))?;
        Ok(CardUpdateClaims {
            iss: c.iss,
            sub: c.sub,
            aud: c.aud,
            iat: c.iat,
            exp: c.exp,
            jti: c.jti,
            return_url: c.return_url,
        })
    }

    /// `CardUpdateLinks(client_id=…, base_url=…)`: never the secret.
    #[napi(js_name = "toString")]
    pub fn to_js_string(&self) -> String {
        format!(
            "CardUpdateLinks(client_id={:?}, base_url={:?})",
            self.inner.client_id(),
            self.base_url
        )
    }

    /// As `toString()`, so that `JSON.stringify` never writes the secret.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> String {
        self.to_js_string()
    }
}
