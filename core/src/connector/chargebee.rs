//! Chargebee does not sign webhook bodies: the only protection it offers is HTTP Basic
//! authentication on the webhook URL. The secret is the configured `username:password`; the
//! `Authorization: Basic <base64>` credentials are compared with it in constant time (as SHA-256
//! digests, so not even the length of the password leaks through timing).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::{
    ct_eq, event, malformed, mismatch, nonempty_secret, Connector, ConnectorError, ConnectorEvent,
    Request, VerifyOptions,
};

const HEADER: &str = "Authorization";

#[derive(Debug)]
pub(crate) struct Chargebee;

impl Connector for Chargebee {
    fn name(&self) -> &'static str {
        "chargebee"
    }

    fn default_tolerance(&self) -> Option<u64> {
        None
    }

    fn header_names(&self) -> &'static [&'static str] {
        &[HEADER]
    }

    fn verify(
        &self,
        request: &Request<'_>,
        secret: &[u8],
        _options: &VerifyOptions<'_>,
    ) -> Result<ConnectorEvent, ConnectorError> {
        let secret = nonempty_secret(self.name(), secret)?;
        if !secret.contains(&b':') {
            return Err(ConnectorError::InvalidSecret {
                connector: self.name(),
                reason: "expected username:password, the credentials set on the Chargebee webhook",
            });
        }
        let value = request.require(HEADER)?;
        let (scheme, credentials) = match value.iter().position(|&b| b == b' ') {
            Some(sp) => (&value[..sp], value[sp + 1..].trim_ascii()),
            None => (value, &b""[..]),
        };
        if !scheme.eq_ignore_ascii_case(b"Basic") {
            return Err(malformed(
                HEADER,
                "it is not Basic credentials (expected: Basic <base64 of username:password>)",
            ));
        }
        let decoded = STANDARD
            .decode(credentials)
            .map_err(|_| malformed(HEADER, "the Basic credentials are not standard base64"))?;
        if !decoded.contains(&b':') {
            return Err(malformed(
                HEADER,
                "the Basic credentials have no ':' between username and password",
            ));
        }
        let (got, want) = (Sha256::digest(&decoded), Sha256::digest(secret));
        if !ct_eq(&got, &want) {
            return Err(mismatch(
                "the Basic credentials are not the username:password configured for this webhook in Chargebee",
            ));
        }
        Ok(event(self.name(), None))
    }
}
