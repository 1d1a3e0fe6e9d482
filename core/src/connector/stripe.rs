//! Stripe: `Stripe-Signature: t=<unix s>,v1=<hex>[,v1=…]`, HMAC-SHA256 over `{t}.{body}` keyed
//! with the whole endpoint secret string: `whsec_…` is a key as written, never base64-decoded
//! (unlike Standard Webhooks, whose secrets look the same).

use sha2::Sha256;

use super::{
    check_window, ct_eq, event, hmac, malformed, mismatch, nonempty_secret, Connector,
    ConnectorError, ConnectorEvent, Request, VerifyOptions,
};
use crate::webhook::{SignatureHeader, WebhookError};

const HEADER: &str = "Stripe-Signature";

#[derive(Debug)]
pub(crate) struct Stripe;

/// Verifies a `t=…,v1=…` header (Stripe's form, shared by ReCharge's timestamped scheme):
/// HMAC-SHA256 keyed with `secret` over `{t}.{body}`, then the window. Returns the timestamp.
pub(crate) fn verify_t_v1(
    connector: &dyn Connector,
    header: &'static str,
    value: &[u8],
    body: &[u8],
    secret: &[u8],
    options: &VerifyOptions<'_>,
    hint: &'static str,
) -> Result<u64, ConnectorError> {
    let parsed = SignatureHeader::parse_v1(value).map_err(|e| match e {
        WebhookError::HeaderMalformed(reason) | WebhookError::NoSignature(reason) => {
            malformed(header, reason)
        }
        other => malformed(header, other.to_string()),
    })?;
    // The platforms sign the timestamp as an integer (`"%d.%s"`), so leading zeros in the header
    // do not reach the signed text: without them, the header's digits are that integer.
    let mut digits = [0u8; 20];
    let t = integer_text(parsed.timestamp_text, parsed.timestamp, &mut digits);
    let expected = hmac::<Sha256>(secret, &[t, b".", body]);
    let mut matched = false;
    for sig in parsed.signatures() {
        matched |= ct_eq(&expected, &sig);
    }
    if !matched {
        return Err(mismatch(hint));
    }
    check_window(connector, parsed.timestamp, options)?;
    Ok(parsed.timestamp)
}

/// `text` when it has no leading zero (it is then `value` written as an integer), else `value`
/// written into `buf`.
fn integer_text<'a>(text: &'a [u8], value: u64, buf: &'a mut [u8; 20]) -> &'a [u8] {
    if text.len() == 1 || text.first() != Some(&b'0') {
        return text;
    }
    let mut i = buf.len();
    let mut v = value;
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            return &buf[i..];
        }
    }
}

impl Connector for Stripe {
    fn name(&self) -> &'static str {
        "stripe"
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
        let t = verify_t_v1(
            self,
            HEADER,
            value,
            request.body(),
            secret,
            options,
            "Stripe signs {t}.{raw body} with HMAC-SHA256 keyed with the endpoint's whole whsec_ string (not decoded); check it is this endpoint's secret (test and live differ, so do CLI-forwarded events) and that the body is the raw bytes as received",
        )?;
        Ok(event(self.name(), Some(t)))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn integer_text() {
        let mut b = [0u8; 20];
        assert_eq!(
            super::integer_text(b"1700000000", 1_700_000_000, &mut b),
            b"1700000000"
        );
        assert_eq!(super::integer_text(b"0017", 17, &mut b), b"17");
        assert_eq!(super::integer_text(b"000", 0, &mut b), b"0");
        assert_eq!(super::integer_text(b"0", 0, &mut b), b"0");
    }
}
