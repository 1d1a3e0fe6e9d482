//! Recurly: `recurly-signature: <unix ms>,<hex>[,<hex>…]` (several signatures while a secret is
//! rotated), HMAC-SHA256 keyed with the secret string over `{ms}.{body}`. The timestamp is in
//! **milliseconds**, unlike every other scheme here; the window is 5 minutes.

use sha2::Sha256;

use super::{
    check_window_ms, ct_eq, decode_lower_hex, hmac, malformed, mismatch, nonempty_secret,
    parse_decimal, Connector, ConnectorError, ConnectorEvent, Request, VerifyOptions,
};

const HEADER: &str = "recurly-signature";
/// More signature entries than any rotation needs is a malformed header, not work to do.
const MAX_SIGNATURES: usize = 16;

#[derive(Debug)]
pub(crate) struct Recurly;

impl Connector for Recurly {
    fn name(&self) -> &'static str {
        "recurly"
    }

    fn default_tolerance(&self) -> Option<u64> {
        Some(300)
    }

    fn verify(
        &self,
        request: &Request<'_>,
        secret: &[u8],
        options: &VerifyOptions<'_>,
    ) -> Result<ConnectorEvent, ConnectorError> {
        let secret = nonempty_secret(self.name(), secret)?;
        let value = request.require(HEADER)?;
        let mut entries = value.split(|&b| b == b',').map(<[u8]>::trim_ascii);
        let ms_text = entries.next().unwrap_or_default();
        if ms_text.is_empty() {
            return Err(malformed(
                HEADER,
                "it is empty; expected <unix ms>,<signature>",
            ));
        }
        let ms = parse_decimal(HEADER, "timestamp (unix milliseconds)", ms_text)?;
        let mut signatures = Vec::new();
        let mut skipped = 0usize;
        for entry in entries {
            if signatures.len() + skipped == MAX_SIGNATURES {
                return Err(malformed(
                    HEADER,
                    format!("it has more than {MAX_SIGNATURES} signatures"),
                ));
            }
            match decode_lower_hex(entry) {
                Some(sig) if sig.len() == 32 => signatures.push(sig),
                _ => skipped += 1,
            }
        }
        if signatures.is_empty() {
            return Err(malformed(
                HEADER,
                if skipped == 0 {
                    "it has no signature after the timestamp".to_string()
                } else {
                    format!("none of its {skipped} signature(s) is 64 lowercase hex characters")
                },
            ));
        }
        let t = ms.to_string();
        let expected = hmac::<Sha256>(secret, &[t.as_bytes(), b".", request.body()]);
        let mut matched = false;
        for sig in &signatures {
            matched |= ct_eq(&expected, sig);
        }
        if !matched {
            return Err(mismatch(
                "Recurly signs {unix ms}.{raw body} with HMAC-SHA256 keyed with the endpoint's secret string; check the secret and that the body is the raw bytes as received",
            ));
        }
        check_window_ms(self, ms, options)?;
        Ok(ConnectorEvent {
            connector: self.name(),
            timestamp: Some(ms / 1000),
            id: None,
            payload: None,
        })
    }
}
