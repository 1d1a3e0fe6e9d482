//! Recurly: `recurly-signature: <unix ms>,<hex>[,<hex>…]` (several signatures while a secret is
//! rotated), HMAC-SHA256 keyed with the secret string over `{ms}.{body}`. The timestamp is in
//! **milliseconds**, unlike every other scheme here; the window is 5 minutes.

use sha2::Sha256;

use super::{
    check_window_ms, decode_lower_hex, event, hmac, malformed, mismatch, nonempty_secret,
    parse_decimal, Connector, ConnectorError, ConnectorEvent, Request, SignatureList,
    VerifyOptions,
};

const HEADER: &str = "recurly-signature";

#[derive(Debug)]
pub(crate) struct Recurly;

impl Connector for Recurly {
    fn name(&self) -> &'static str {
        "recurly"
    }

    fn default_tolerance(&self) -> Option<u64> {
        Some(300)
    }

    fn header_names(&self) -> &'static [&'static str] {
        &[HEADER]
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
        let mut list = SignatureList::new(HEADER);
        for entry in entries {
            list.push(decode_lower_hex(entry).filter(|sig| sig.len() == 32))?;
        }
        let t = ms.to_string();
        let expected = hmac::<Sha256>(secret, &[t.as_bytes(), b".", request.body()]);
        let matched = list.matches(&expected, "64 lowercase hex characters")?;
        if !matched {
            return Err(mismatch(
                "Recurly signs {unix ms}.{raw body} with HMAC-SHA256 keyed with the endpoint's secret string; check the secret and that the body is the raw bytes as received",
            ));
        }
        check_window_ms(self, ms, options)?;
        Ok(event(self.name(), Some(ms / 1000)))
    }
}
