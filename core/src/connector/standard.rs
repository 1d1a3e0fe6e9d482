//! Standard Webhooks (and Svix, which uses the same scheme under `svix-` header names):
//! `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> [v1,<base64>…]`,
//! HMAC-SHA256 over `{id}.{timestamp}.{body}`, keyed with the **base64-decoded** secret after its
//! `whsec_` prefix (Stripe's secrets look the same and are not decoded). 300 s, both ways.
//!
//! Given a `whpk_` Ed25519 public key (docs/spec.md §2.9) instead of a secret, the `v1a` entries
//! are checked: `v1a,<base64 of the 64-byte Ed25519 signature of {id}.{timestamp}.{body}>`, as
//! Standard Webhooks defines its asymmetric form. A `whsk_` signing key is refused.

use base64::Engine as _;
use sha2::Sha256;

use zeroize::Zeroizing;

use crate::webhook::{PUBLIC_KEY_PREFIX, SIGNING_KEY_PREFIX};
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
        let public_key = ed25519_key(secret)?;
        // The same decoding as Revtain's own `whsec_` secrets (padding optional, surrounding
        // whitespace ignored); the prefix is optional, as in the Standard Webhooks libraries.
        let key = if public_key.is_some() {
            Zeroizing::new(Vec::new())
        } else {
            wire::decode_whsec(secret, true, MAX_KEY).map_err(|e| {
            ConnectorError::InvalidSecret {
                connector: "standard",
                reason: match e {
                    WhsecError::TooLong(_) => "it decodes to more than 64 bytes",
                    _ => "expected whsec_ followed by standard base64 (the prefix is optional), or a whpk_ Ed25519 public key",
                },
            }
            })?
        };
        // Standard Webhooks secrets are 24 to 64 random bytes; under 16 a secret is a typo or a
        // placeholder, not a key (16 is the least an HMAC key should be).
        if public_key.is_none() && key.len() < MIN_KEY {
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
        let t = timestamp.to_string();
        let signed: [&[u8]; 5] = [id, b".", t.as_bytes(), b".", request.body()];
        let mut list = SignatureList::new(names.signature);
        for entry in signature.split(|&b| b == b' ').filter(|e| !e.is_empty()) {
            let Some(comma) = entry.iter().position(|&b| b == b',') else {
                return Err(malformed(
                    names.signature,
                    "an entry is not <version>,<signature> (entries are separated by spaces)",
                ));
            };
            let (version, sig) = (&entry[..comma], &entry[comma + 1..]);
            // Only the version of the key held is checked: v1 (HMAC) for a secret, v1a
            // (Ed25519) for a public key.
            let (wanted, len) = if public_key.is_some() {
                (&b"v1a"[..], 64)
            } else {
                (&b"v1"[..], 32)
            };
            let decoded = STANDARD.decode(sig).ok().filter(|s| s.len() == len);
            list.push(decoded.filter(|_| version == wanted))?;
        }
        let matched = match &public_key {
            Some(key) => {
                let message = signed.concat();
                list.any(
                    |sig| {
                        <&[u8; 64]>::try_from(sig)
                            .is_ok_and(|sig| crate::webhook::ed25519_verify(key, &message, sig))
                    },
                    "v1a,<base64 of 64 bytes>",
                )?
            }
            None => list.matches(&hmac::<Sha256>(&key, &signed), "v1,<base64 of 32 bytes>")?,
        };
        if !matched {
            return Err(mismatch(if public_key.is_some() {
                "Standard Webhooks signs {webhook-id}.{webhook-timestamp}.{raw body} with the sender's Ed25519 key (v1a); check the public key and that the body is the raw bytes as received"
            } else {
                "Standard Webhooks signs {webhook-id}.{webhook-timestamp}.{raw body} with HMAC-SHA256 keyed with the base64-decoded part of the whsec_ secret; check the secret and that the body is the raw bytes as received"
            }));
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

/// The Ed25519 public key when `secret` is a `whpk_` key; a `whsk_` signing key is refused.
fn ed25519_key(secret: &[u8]) -> Result<Option<ed25519_dalek::VerifyingKey>, ConnectorError> {
    let invalid = |reason| ConnectorError::InvalidSecret {
        connector: "standard",
        reason,
    };
    let trimmed = secret.trim_ascii();
    if trimmed.starts_with(SIGNING_KEY_PREFIX.as_bytes()) {
        return Err(invalid(
            "it is an Ed25519 signing key (whsk_), which only the sender may hold: verify with its public key (whpk_)",
        ));
    }
    let Some(body) = trimmed.strip_prefix(PUBLIC_KEY_PREFIX.as_bytes()) else {
        return Ok(None);
    };
    crate::webhook::decode_public_key(body)
        .map(Some)
        .map_err(|_| invalid("expected whpk_ followed by standard base64 of a 32-byte Ed25519 public key (a valid point, not of small order)"))
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

    #[test]
    fn a_public_key_checks_v1a_entries_only() {
        use crate::webhook::{generate_webhook_signing_key, WebhookSigner};
        let (sk, pk) = generate_webhook_signing_key().unwrap();
        let secret = crate::webhook::generate_webhook_secret().unwrap();
        let body = b"{}";
        let signed = WebhookSigner::new(&[&*secret, &*sk])
            .unwrap()
            .sign(body, "msg_1", 1_700_000_000)
            .unwrap();
        let verify = |signature: &str, key: &str| {
            let headers: Vec<(&[u8], &[u8])> = vec![
                (b"webhook-id", b"msg_1"),
                (b"webhook-timestamp", b"1700000000"),
                (b"webhook-signature", signature.as_bytes()),
            ];
            Standard.verify(
                &Request::new(&headers, body),
                key.as_bytes(),
                &VerifyOptions {
                    now: Some(1_700_000_000),
                    ..VerifyOptions::default()
                },
            )
        };
        let both = signed.webhook_signature.as_str();
        assert_eq!(verify(both, &pk).unwrap().id.as_deref(), Some("msg_1"));
        assert!(verify(both, &secret).is_ok());
        let v1_only = both.split(' ').next().unwrap();
        assert!(
            matches!(
                verify(v1_only, &pk),
                Err(ConnectorError::HeaderMalformed { .. })
            ),
            "no v1a entry for the public key"
        );
        let (_, other) = generate_webhook_signing_key().unwrap();
        assert!(matches!(
            verify(both, &other),
            Err(ConnectorError::SignatureMismatch { .. })
        ));
        assert!(matches!(
            verify(both, &sk),
            Err(ConnectorError::InvalidSecret { .. })
        ));
    }
}
