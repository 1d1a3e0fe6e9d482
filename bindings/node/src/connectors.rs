//! Connector verifiers (inbound webhooks from billing platforms): `verifyConnector`,
//! `CONNECTORS`.
//!
//! `verifyConnector` is a JavaScript function (`revtain.js`) over `_connectorVerify` here: the
//! header containers Node servers have (`IncomingHttpHeaders`, WHATWG `Headers`, `Map`, pairs)
//! are flattened to `[name0, value0, …]` on that side, strings are made bytes there, and the
//! options are checked there; this side calls the core and maps its errors.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use revtain::connectors::{self, VerifyOptions};

use crate::convert::number;
use crate::errors::err;

/// The lower-case spellings of every header `name` reads (see
/// [`revtain::headers::lowercase_spellings`]): `revtain.js` passes only the request headers
/// whose lower-cased name is one of them, which changes no verdict and keeps the other headers
/// off the boundary.
#[napi(js_name = "_connectorHeaderKeys")]
pub fn connector_header_keys(name: String) -> Vec<String> {
    connectors::header_names(&name)
        .iter()
        .flat_map(|n| revtain::headers::lowercase_spellings(n))
        .collect()
}

/// Every connector name `verifyConnector` accepts, in the core's order.
#[napi(js_name = "_connectors")]
pub fn connector_names() -> Vec<&'static str> {
    connectors::CONNECTORS.to_vec()
}

/// What the core says about a verified webhook; `revtain.js` makes it a `ConnectorEvent`.
#[napi(object)]
pub struct ConnectorEventParts {
    /// The connector that verified it.
    pub connector: String,
    /// The signed timestamp, unix seconds, for schemes that sign one.
    pub timestamp: Option<f64>,
    /// The event id a header carries.
    pub id: Option<String>,
    /// The message a form-encoded scheme carries in the body (Braintree's `bt_payload`).
    pub payload: Option<Buffer>,
}

/// Verifies a webhook from the platform `name` names. `headers` is `[name0, value0, …]` in the
/// order received (a repeated header is repeated), or those strings joined with NUL when none
/// contains one: one string crosses the boundary at a fraction of the cost of one per name and
/// value (≈ 0.2 µs each). `tolerance` and `now` are seconds, checked by the core.
#[allow(clippy::too_many_arguments)]
#[napi(js_name = "_connectorVerify")]
pub fn connector_verify(
    env: &Env,
    name: String,
    headers: Either<String, Vec<String>>,
    body: Uint8ArraySlice,
    secret: Uint8ArraySlice,
    tolerance: Option<f64>,
    now: Option<f64>,
    notification_url: Option<String>,
    public_key: Option<String>,
) -> Result<ConnectorEventParts> {
    let options = VerifyOptions::from_host(
        &name,
        number(tolerance),
        number(now),
        notification_url.as_deref(),
        public_key.as_deref(),
    )
    .map_err(err(env))?;
    let flat: Vec<&str> = match &headers {
        Either::A(joined) if joined.is_empty() => Vec::new(),
        Either::A(joined) => joined.split('\0').collect(),
        Either::B(list) => list.iter().map(String::as_str).collect(),
    };
    if !flat.len().is_multiple_of(2) {
        return Err(Error::new(
            Status::InvalidArg,
            "headers must be names and values in pairs",
        ));
    }
    let pairs: Vec<(&str, &str)> = flat.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    let event = connectors::verify(&name, &pairs, &body, &secret, &options).map_err(err(env))?;
    Ok(ConnectorEventParts {
        connector: event.connector.to_owned(),
        timestamp: event.timestamp.map(|t| t as f64),
        id: event.id,
        payload: event.payload.map(Buffer::from),
    })
}
