//! Connector verifiers (inbound webhooks from billing platforms): `verifyConnector`,
//! `CONNECTORS`.
//!
//! `verifyConnector` is a JavaScript function (`revtain.js`) over `_connectorVerify` here: the
//! header containers Node servers have (`IncomingHttpHeaders`, WHATWG `Headers`, `Map`, pairs)
//! are flattened to `[name0, value0, …]` on that side, strings are made bytes there, and the
//! options are checked there; this side calls the core and maps its errors.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use revtain::connectors::{self, ConnectorError, VerifyOptions};

use crate::errors::{error_object, throw_object};

/// Throws a connector error: `code`, `name`, `family`, and `header` (missing or malformed),
/// `age` and `tolerance` (timestamp out of the window) when the error has them.
fn connector_error(env: &Env, e: ConnectorError) -> Error {
    let fields = [
        ("age", e.age().map(|a| a as f64)),
        ("tolerance", e.tolerance().map(|t| t as f64)),
    ];
    let err = error_object(env, e.kind(), e.to_string(), &fields).and_then(|mut err| {
        if let Some(header) = e.header() {
            err.set_named_property("header", header)?;
        }
        Ok(err)
    });
    throw_object(env, err)
}

/// Whole seconds from JavaScript (`revtain.js` has checked them already).
fn whole_seconds(value: Option<f64>, what: &str) -> Result<Option<u64>> {
    match value {
        None => Ok(None),
        Some(v) if v >= 0.0 && v.fract() == 0.0 && v <= 9.007_199_254_740_991e15 => {
            Ok(Some(v as u64))
        }
        Some(_) => Err(Error::new(
            Status::InvalidArg,
            format!("{what} must be a whole number of seconds >= 0"),
        )),
    }
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
/// value (≈ 0.2 µs each). `tolerance` and `now` are whole seconds.
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
    let options = VerifyOptions {
        tolerance: whole_seconds(tolerance, "tolerance")?,
        now: whole_seconds(now, "now")?,
        notification_url: notification_url.as_deref(),
        public_key: public_key.as_deref(),
    };
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
    let event = connectors::verify(&name, &pairs, &body, &secret, &options)
        .map_err(|e| connector_error(env, e))?;
    Ok(ConnectorEventParts {
        connector: event.connector.to_owned(),
        timestamp: event.timestamp.map(|t| t as f64),
        id: event.id,
        payload: event.payload.map(Buffer::from),
    })
}
