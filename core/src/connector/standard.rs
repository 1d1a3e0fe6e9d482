//! Standard Webhooks (and Svix, which uses the same scheme under `svix-` header names):
//! `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> [v1,<base64>…]`,
//! HMAC-SHA256 over `{id}.{timestamp}.{body}`, keyed with the **base64-decoded** secret after its
//! `whsec_` prefix (Stripe's secrets look the same and are not decoded). 300 s, both ways.

use base64::Engine as _;
use sha2::Sha256;

use crate::wire::{self, WhsecError, STANDARD};

use super::{
    check_window, hmac, malformed, mismatch, nonempty_secret, parse_decimal, Connector,
    ConnectorError, ConnectorEvent, Request, SignatureList, VerifyOptions,
};

struct Names {
    id: &'static str,
    timestamp: &'static str,
    signature: &'static str,
}

const WEBHOOK: Names = Names {
    id: "webhook-id",
    timestamp: "webhook-timestamp",
    signature: "webhook-signature",
};
const SVIX: Names = Names {
    id: "svix-id",
    timestamp: "svix-timestamp",
    signature: "svix-signature",
};

/// The longest key accepted: the Standard Webhooks specification allows 24 to 64 bytes.
/// The shortest key accepted, in bytes.
const MIN_KEY: usize = 16;
const MAX_KEY: usize = 64;

#[derive(Debug)]
pub(crate) struct Standard;

impl Connector for Standard {
    fn name(&self) -> &'static str {
        "standard"
    }

    fn default_tolerance(&self) -> Option<u64> {
        Some(300)
    }

    fn header_names(&self) -> &'static [&'static str] {
        &[
            WEBHOOK.id,
            WEBHOOK.timestamp,
            WEBHOOK.signature,
            SVIX.id,
            SVIX.timestamp,
            SVIX.signature,
        ]
    }

    fn verify(
        &self,
        request: &Request<'_>,
        secret: &[u8],
        options: &VerifyOptions<'_>,
    ) -> Result<ConnectorEvent, ConnectorError> {
        let secret = nonempty_secret(self.name(), secret)?;
        // The same decoding as Revtain's own `whsec_` secrets (padding optional, surrounding
        // whitespace ignored); the prefix is optional, as in the Standard Webhooks libraries.
        let key = wire::decode_whsec(secret, true, MAX_KEY).map_err(|e| {
            ConnectorError::InvalidSecret {
                connector: "standard",
                reason: match e {
                    WhsecError::TooLong(_) => "it decodes to more than 64 bytes",
                    _ => "expected whsec_ followed by standard base64 (the prefix is optional)",
                },
            }
        })?;
        // Standard Webhooks secrets are 24 to 64 random bytes; under 16 a secret is a typo or a
        // placeholder, not a key (16 is the least an HMAC key should be).
        if key.len() < MIN_KEY {
            return Err(ConnectorError::InvalidSecret {
                connector: "standard",
                reason: "it decodes to fewer than 16 bytes (Standard Webhooks secrets are 24 to 64 random bytes)",
            });
        }
        // The `webhook-` names when the id is sent under them, else Svix's.
        let names = if request.header(WEBHOOK.id)?.is_none() && request.header(SVIX.id)?.is_some() {
            &SVIX
        } else {
            &WEBHOOK
        };
        let id = request.require(names.id)?;
        let timestamp_text = request.require(names.timestamp)?;
        let signature = request.require(names.signature)?;
        if id.is_empty() {
            return Err(malformed(names.id, "it is empty"));
        }
        let timestamp = parse_decimal(names.timestamp, "timestamp", timestamp_text)?;
        let mut list = SignatureList::new(names.signature);
        for entry in signature.split(|&b| b == b' ').filter(|e| !e.is_empty()) {
            let Some(comma) = entry.iter().position(|&b| b == b',') else {
                return Err(malformed(
                    names.signature,
                    "an entry is not <version>,<signature> (entries are separated by spaces)",
                ));
            };
            let (version, sig) = (&entry[..comma], &entry[comma + 1..]);
            // Other versions (v1a: Ed25519) are not ours to check.
            let decoded = STANDARD.decode(sig).ok().filter(|s| s.len() == 32);
            list.push(decoded.filter(|_| version == b"v1"))?;
        }
        let t = timestamp.to_string();
        let expected = hmac::<Sha256>(&key, &[id, b".", t.as_bytes(), b".", request.body()]);
        let matched = list.matches(&expected, "v1,<base64 of 32 bytes>")?;
        if !matched {
            return Err(mismatch(
                "Standard Webhooks signs {webhook-id}.{webhook-timestamp}.{raw body} with HMAC-SHA256 keyed with the base64-decoded part of the whsec_ secret; check the secret and that the body is the raw bytes as received",
            ));
        }
        check_window(self, timestamp, options)?;
        Ok(ConnectorEvent {
            connector: self.name(),
            timestamp: Some(timestamp),
            id: Some(String::from_utf8_lossy(id).into_owned()),
            payload: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn a_secret_under_16_bytes_is_refused() {
        let secret = |n: usize| {
            format!(
                "whsec_{}",
                base64::engine::general_purpose::STANDARD.encode(vec![7u8; n])
            )
        };
        for n in [1, 15] {
            let r = Standard.verify(
                &Request::new(&[], b"{}"),
                secret(n).as_bytes(),
                &VerifyOptions::default(),
            );
            assert!(
                matches!(r, Err(ConnectorError::InvalidSecret { .. })),
                "{n}: {r:?}"
            );
        }
        // 16 bytes decode: the request is then judged (here, it has no headers).
        let r = Standard.verify(
            &Request::new(&[], b"{}"),
            secret(16).as_bytes(),
            &VerifyOptions::default(),
        );
        assert!(
            matches!(r, Err(ConnectorError::HeaderMissing { .. })),
            "{r:?}"
        );
    }
}
