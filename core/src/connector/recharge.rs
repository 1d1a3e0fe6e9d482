//! ReCharge: two schemes. The timestamped `X-Recharge-Webhook-Signature: t=…,v1=…` (HMAC-SHA256
//! with the client secret over `{t}.{body}`, 48 h window) is preferred when present; otherwise
//! the legacy `X-Recharge-Hmac-Sha256`, which is **not** an HMAC: SHA-256 of the client secret
//! followed by the body, hex. A request carrying the timestamped header is judged by it alone:
//! a failing timestamped signature never falls back to the legacy one, which has no replay
//! window.
//!
//! The legacy scheme, `SHA-256(secret ‖ body)`, is open to length extension: from one genuine
//! request anyone can compute the digest of `body ‖ padding ‖ anything` without the secret. The
//! padding starts with the byte 0x80, which cannot follow a complete UTF-8 text, and ReCharge
//! sends JSON: so a legacy-signed body must be UTF-8, which refuses every such forgery (of a
//! genuine UTF-8 body) before its digest is even computed.

use sha2::{Digest, Sha256};

use super::stripe::verify_t_v1;
use super::{
    ct_eq, event, lower_hex, mismatch, nonempty_secret, Connector, ConnectorError, ConnectorEvent,
    Request, VerifyOptions,
};

const TIMESTAMPED: &str = "X-Recharge-Webhook-Signature";
const LEGACY: &str = "X-Recharge-Hmac-Sha256";

#[derive(Debug)]
pub(crate) struct Recharge;

impl Connector for Recharge {
    fn name(&self) -> &'static str {
        "recharge"
    }

    fn default_tolerance(&self) -> Option<u64> {
        Some(48 * 3600)
    }

    fn header_names(&self) -> &'static [&'static str] {
        &[TIMESTAMPED, LEGACY]
    }

    fn verify(
        &self,
        request: &Request<'_>,
        secret: &[u8],
        options: &VerifyOptions<'_>,
    ) -> Result<ConnectorEvent, ConnectorError> {
        let secret = nonempty_secret(self.name(), secret)?;
        if let Some(value) = request.header(TIMESTAMPED)? {
            let t = verify_t_v1(
                self,
                TIMESTAMPED,
                value,
                request.body(),
                secret,
                options,
                "ReCharge signs {t}.{raw body} with HMAC-SHA256 keyed with the API client secret; check the secret and that the body is the raw bytes as received",
            )?;
            return Ok(event(self.name(), Some(t)));
        }
        if options.require_timestamp {
            // Only the legacy header (or none): it signs no timestamp, so it could be a replay
            // of any age, or a request whose timestamped header was stripped.
            return Err(ConnectorError::HeaderMissing {
                header: TIMESTAMPED,
            });
        }
        let Some(value) = request.header(LEGACY)? else {
            return Err(ConnectorError::HeaderMissing { header: LEGACY });
        };
        let received = lower_hex(LEGACY, value, 32)?;
        if std::str::from_utf8(request.body()).is_err() {
            return Err(ConnectorError::PayloadMalformed {
                connector: self.name(),
                reason: "the body is not UTF-8 (ReCharge sends JSON); bytes appended to a \
                         genuine body are how its legacy SHA-256(secret + body) signature is \
                         forged"
                    .into(),
            });
        }
        let expected = Sha256::new()
            .chain_update(secret)
            .chain_update(request.body())
            .finalize();
        if !ct_eq(&expected, &received) {
            return Err(mismatch(
                "ReCharge's X-Recharge-Hmac-Sha256 is a plain SHA-256 of client secret + raw body (not an HMAC); check the API client secret and that the body is the raw bytes as received",
            ));
        }
        Ok(event(self.name(), None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::block_api::compress256;

    /// SHA-256's padding of a message of `len` bytes.
    fn padding(len: usize) -> Vec<u8> {
        let mut p = vec![0x80];
        while (len + p.len()) % 64 != 56 {
            p.push(0);
        }
        p.extend_from_slice(&((len as u64) * 8).to_be_bytes());
        p
    }

    /// The digest of `m ‖ padding(m) ‖ suffix`, from the digest of `m` and its length alone: the
    /// length-extension attack on `SHA-256(secret ‖ body)`.
    fn extend(digest: &[u8], len: usize, suffix: &[u8]) -> Vec<u8> {
        let mut state = [0u32; 8];
        for (i, word) in state.iter_mut().enumerate() {
            *word = u32::from_be_bytes(digest[4 * i..4 * i + 4].try_into().unwrap());
        }
        let glued = len + padding(len).len();
        let mut tail = suffix.to_vec();
        tail.extend(padding(glued + suffix.len()));
        let blocks: Vec<[u8; 64]> = tail.chunks(64).map(|c| c.try_into().unwrap()).collect();
        compress256(&mut state, &blocks);
        state.iter().flat_map(|w| w.to_be_bytes()).collect()
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    fn verify(body: &[u8], signature: &str) -> Result<ConnectorEvent, ConnectorError> {
        let headers = [(LEGACY.as_bytes(), signature.as_bytes())];
        Recharge.verify(
            &Request::new(&headers, body),
            b"client-secret",
            &VerifyOptions::default(),
        )
    }

    #[test]
    fn require_timestamp_refuses_the_legacy_scheme() {
        let secret = b"client-secret";
        let body = br#"{"charge":{"id":1}}"#;
        let legacy = hex(&Sha256::new()
            .chain_update(secret)
            .chain_update(body)
            .finalize());
        let strict = VerifyOptions {
            require_timestamp: true,
            ..VerifyOptions::default()
        };
        let headers = [(LEGACY.as_bytes(), legacy.as_bytes())];
        assert!(Recharge
            .verify(
                &Request::new(&headers, body),
                secret,
                &VerifyOptions::default()
            )
            .is_ok());
        assert_eq!(
            Recharge.verify(&Request::new(&headers, body), secret, &strict),
            Err(ConnectorError::HeaderMissing {
                header: TIMESTAMPED
            })
        );
        // The timestamped scheme still verifies under the option.
        let t = 1_700_000_000u64;
        let mac = crate::connector::hmac::<Sha256>(secret, &[t.to_string().as_bytes(), b".", body]);
        let value = format!("t={t},v1={}", hex(&mac));
        let both = [
            (TIMESTAMPED.as_bytes(), value.as_bytes()),
            (LEGACY.as_bytes(), legacy.as_bytes()),
        ];
        let at = VerifyOptions {
            now: Some(t),
            ..strict
        };
        assert_eq!(
            Recharge
                .verify(&Request::new(&both, body), secret, &at)
                .map(|e| e.timestamp),
            Ok(Some(t))
        );
    }

    #[test]
    fn a_length_extension_of_a_legacy_signature_is_refused() {
        let secret = b"client-secret";
        let body = br#"{"charge":{"id":1,"total_price":"10.00"}}"#;
        let genuine = Sha256::new()
            .chain_update(secret)
            .chain_update(body)
            .finalize();
        assert!(verify(body, &hex(&genuine)).is_ok());
        // The forgery is real: its digest is what SHA-256(secret ‖ forged) gives.
        let suffix = br#",{"charge":{"id":2,"total_price":"0.01"}}"#;
        let mut forged = body.to_vec();
        forged.extend(padding(secret.len() + body.len()));
        forged.extend_from_slice(suffix);
        let digest = extend(&genuine, secret.len() + body.len(), suffix);
        assert_eq!(
            digest,
            Sha256::new()
                .chain_update(secret)
                .chain_update(&forged)
                .finalize()
                .to_vec()
        );
        match verify(&forged, &hex(&digest)) {
            Err(ConnectorError::PayloadMalformed { reason, .. }) => {
                assert!(reason.contains("not UTF-8"), "{reason}")
            }
            other => panic!("a forged body got {other:?}"),
        }
    }
}
