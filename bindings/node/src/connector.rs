//! Connector verifiers (inbound webhooks from billing platforms): `verifyConnector`,
//! `CONNECTORS`.
//!
//! `verifyConnector` is a JavaScript function (`revtain.js`) over `_connectorVerify`, a raw
//! N-API callback in `raw.rs` (the hot path): the header containers Node servers have
//! (`IncomingHttpHeaders`, WHATWG `Headers`, `Map`, pairs) are reduced on that side to the entries
//! whose names the core's rule matches (the spellings come from here), and the core decides
//! everything else.

use napi_derive::napi;
use revtain::connector;

/// The lower-case spellings of every header `name` reads (see
/// [`revtain::headers::lowercase_spellings`]): `revtain.js` passes only the request headers
/// whose lower-cased name is one of them, which changes no verdict and keeps the other headers
/// off the boundary.
#[napi(js_name = "_connectorHeaderKeys")]
pub fn connector_header_keys(name: String) -> Vec<String> {
    connector::header_names(&name)
        .iter()
        .flat_map(|n| revtain::headers::lowercase_spellings(n))
        .collect()
}

/// Every connector name `verifyConnector` accepts, in the core's order.
#[napi(js_name = "_connectors")]
pub fn connector_names() -> Vec<&'static str> {
    connector::CONNECTORS.to_vec()
}
