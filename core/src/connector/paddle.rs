//! Paddle Billing: `Paddle-Signature: ts=<unix s>;h1=<hex>[;h1=…]` — entries separated by a
//! semicolon, the signed text joined by a **colon**: HMAC-SHA256 over `{ts}:{body}` keyed with
//! the whole secret string, `pdl_ntfset_…` prefix included. Paddle's SDKs allow only 5 s of
//! drift, which rejects webhooks delivered by a busy queue; the default here is 300 s.

use sha2::Sha256;

use super::{
    check_window, decode_lower_hex, event, hmac, malformed, mismatch, nonempty_secret,
    parse_decimal, Connector, ConnectorError, ConnectorEvent, Request, SignatureList,
    VerifyOptions,
};

const HEADER: &str = "Paddle-Signature";

#[derive(Debug)]
pub(crate) struct Paddle;

impl Connector for Paddle {
    fn name(&self) -> &'static str {
        "paddle"
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
        if value.is_empty() {
            return Err(malformed(
                HEADER,
                "it is empty; expected ts=<unix s>;h1=<hex>",
            ));
        }
        let mut ts: Option<u64> = None;
        let mut list = SignatureList::new(HEADER);
        for entry in value.split(|&b| b == b';').map(<[u8]>::trim_ascii) {
            let Some(eq) = entry.iter().position(|&b| b == b'=') else {
                return Err(malformed(
                    HEADER,
                    "an entry is not key=value (entries are separated by ';')",
                ));
            };
            let (key, val) = (&entry[..eq], &entry[eq + 1..]);
            match key {
                b"ts" => {
                    if ts.is_some() {
                        return Err(malformed(HEADER, "ts appears more than once"));
                    }
                    ts = Some(parse_decimal(HEADER, "ts timestamp", val)?);
                }
                b"h1" => list.push(decode_lower_hex(val).filter(|sig| sig.len() == 32))?,
                _ => {}
            }
        }
        let Some(ts) = ts else {
            return Err(malformed(HEADER, "it has no ts= timestamp"));
        };
        let t = ts.to_string();
        let expected = hmac::<Sha256>(secret, &[t.as_bytes(), b":", request.body()]);
        let matched = list.matches(&expected, "h1=<64 lowercase hex characters>")?;
        if !matched {
            return Err(mismatch(
                "Paddle signs {ts}:{raw body} (a colon) with HMAC-SHA256 keyed with the notification destination's whole secret, pdl_ntfset_ prefix included; check the secret and that the body is the raw bytes as received",
            ));
        }
        check_window(self, ts, options)?;
        Ok(event(self.name(), Some(ts)))
    }
}
