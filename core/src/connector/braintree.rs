//! Braintree: the body is a form (`application/x-www-form-urlencoded`) with two fields.
//! `bt_payload` is base64 of the notification XML; `bt_signature` is `public_key|hex` pairs
//! joined by `&`, one per key the merchant has. The pair whose public key is the merchant's is
//! checked: hex HMAC-SHA1 over `bt_payload` (or `bt_payload` + `\n`, as Braintree's SDKs
//! accept), keyed with **SHA-1 of the private key**, not the private key itself.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha1::{Digest, Sha1};
use zeroize::Zeroizing;

use super::{
    ct_eq, lower_hex, malformed, mismatch, nonempty_secret, Connector, ConnectorError,
    ConnectorEvent, Request, VerifyOptions,
};

const SIGNATURE: &str = "bt_signature";
const PAYLOAD: &str = "bt_payload";

#[derive(Debug)]
pub(crate) struct Braintree;

impl Connector for Braintree {
    fn name(&self) -> &'static str {
        "braintree"
    }

    fn default_tolerance(&self) -> Option<u64> {
        None
    }

    fn header_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn verify(
        &self,
        request: &Request<'_>,
        secret: &[u8],
        options: &VerifyOptions<'_>,
    ) -> Result<ConnectorEvent, ConnectorError> {
        let secret = nonempty_secret(self.name(), secret)?;
        let public_key = match options.public_key {
            Some(k) if !k.is_empty() => k.as_bytes(),
            _ => {
                return Err(ConnectorError::InvalidOptions {
                    connector: self.name(),
                    reason: "the public key is required: it picks which of bt_signature's public_key|signature pairs to check".into(),
                });
            }
        };
        let form = parse_form(request.body())?;
        let field = |name: &'static str| -> Result<&Vec<u8>, ConnectorError> {
            let mut found = form.iter().filter(|(k, _)| k == name.as_bytes());
            match (found.next(), found.next()) {
                (None, _) => Err(ConnectorError::HeaderMissing { header: name }),
                (Some(_), Some(_)) => Err(malformed(name, "the form has it more than once")),
                (Some((_, v)), None) => Ok(v),
            }
        };
        let signature = field(SIGNATURE)?;
        let payload = field(PAYLOAD)?;
        if let Some(bad) = payload.iter().position(|&b| !is_payload_byte(b)) {
            return Err(malformed(
                PAYLOAD,
                format!(
                    "it has a character outside base64 and newlines at byte {bad} (was the form decoded twice, or '+' sent unescaped?)"
                ),
            ));
        }
        if !signature
            .split(|&b| b == b'&')
            .any(|pair| pair.contains(&b'|'))
        {
            return Err(malformed(
                SIGNATURE,
                "it has no public_key|signature pair (pairs are joined by '&')",
            ));
        }
        let Some(hex) = signature.split(|&b| b == b'&').find_map(|pair| {
            let bar = pair.iter().position(|&b| b == b'|')?;
            (&pair[..bar] == public_key).then(|| &pair[bar + 1..])
        }) else {
            return Err(mismatch(
                "bt_signature has no public_key|signature pair for this public key: check the public key (sandbox and production keys differ)",
            ));
        };
        let received = lower_hex(SIGNATURE, hex, 20)?;
        let key: Zeroizing<[u8; 20]> = Zeroizing::new(Sha1::digest(secret).into());
        // The two candidates share their prefix: hash the payload once, then fork the state.
        let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key.as_slice())
            .unwrap_or_else(|_| unreachable!("any key length"));
        mac.update(payload);
        let mut with_newline = mac.clone();
        with_newline.update(b"\n");
        let (plain, newline) = (
            mac.finalize().into_bytes(),
            with_newline.finalize().into_bytes(),
        );
        // Both compared, always: which one matched must not show in the timing.
        if !(ct_eq(&plain, &received) | ct_eq(&newline, &received)) {
            return Err(mismatch(
                "Braintree signs bt_payload with HMAC-SHA1 keyed with SHA-1 of the private key; check the private key (the secret) belongs to this public key, and that bt_payload is passed exactly as received",
            ));
        }
        let mut compact = Vec::with_capacity(payload.len());
        for line in payload.split(|&b| b == b'\n') {
            compact.extend_from_slice(line);
        }
        let xml = STANDARD
            .decode(&compact)
            .map_err(|_| ConnectorError::PayloadMalformed {
                connector: self.name(),
                reason: "bt_payload is signed but is not base64".into(),
            })?;
        Ok(ConnectorEvent {
            connector: self.name(),
            timestamp: None,
            id: None,
            payload: Some(xml),
        })
    }
}

/// A decoded form field: name and value.
type Field = (Vec<u8>, Vec<u8>);

/// `application/x-www-form-urlencoded` fields: `&`-separated `name=value`, `+` a space, `%XX` a
/// byte.
fn parse_form(body: &[u8]) -> Result<Vec<Field>, ConnectorError> {
    let bad = |reason: &str| ConnectorError::PayloadMalformed {
        connector: "braintree",
        reason: format!("expected a form (bt_signature=…&bt_payload=…): {reason}"),
    };
    if std::str::from_utf8(body).is_err() {
        return Err(bad("it is not UTF-8 text"));
    }
    let mut fields = Vec::new();
    for part in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match part.iter().position(|&b| b == b'=') {
            Some(eq) => (&part[..eq], &part[eq + 1..]),
            None => (part, &b""[..]),
        };
        let name = percent_decode(name).ok_or_else(|| bad("a name has a bad %-escape"))?;
        let value = percent_decode(value).ok_or_else(|| bad("a value has a bad %-escape"))?;
        fields.push((name, value));
    }
    Ok(fields)
}

fn percent_decode(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut rest = s;
    // Runs of plain bytes are copied whole; only `+` and `%` need a look.
    while let Some(i) = rest.iter().position(|&b| b == b'+' || b == b'%') {
        out.extend_from_slice(&rest[..i]);
        if rest[i] == b'+' {
            out.push(b' ');
            rest = &rest[i + 1..];
        } else {
            // Two hex digits, nothing else (`from_str_radix` would take a sign).
            let hex = rest.get(i + 1..i + 3)?;
            let digit = |b: u8| char::from(b).to_digit(16);
            let (hi, lo) = (digit(hex[0])?, digit(hex[1])?);
            out.push((hi * 16 + lo) as u8);
            rest = &rest[i + 3..];
        }
    }
    out.extend_from_slice(rest);
    Some(out)
}

/// The bytes Braintree's SDKs allow in `bt_payload`: base64 and newlines.
fn is_payload_byte(b: u8) -> bool {
    const ALLOWED: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            let b = i as u8;
            t[i] = b.is_ascii_alphanumeric() || matches!(b, b'+' | b'=' | b'/' | b'\n');
            i += 1;
        }
        t
    };
    ALLOWED[usize::from(b)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_decoding() {
        let f = parse_form(b"a=x+y%2B%0A&b=&c").unwrap();
        assert_eq!(f[0], (b"a".to_vec(), b"x y+\n".to_vec()));
        assert_eq!(f[1], (b"b".to_vec(), vec![]));
        assert_eq!(f[2], (b"c".to_vec(), vec![]));
        assert!(parse_form(b"a=%2").is_err());
        assert!(parse_form(b"a=%zz").is_err());
        assert!(parse_form(b"a=%+1").is_err());
    }
}
