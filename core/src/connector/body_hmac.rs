//! The schemes that sign the body (or a prefix and the body) with one HMAC and send it in one
//! header: Maxio, Shopify, GoCardless, Checkout.com, Razorpay, Lemon Squeezy, Square, Paystack.
//! They differ only in the header, the hash, the encoding and what is signed, so each is a
//! constant of one type here.

use sha2::{Sha256, Sha512};

use super::{
    base64_signature, ct_eq, hmac, lower_hex, mismatch, nonempty_secret, Connector, ConnectorError,
    ConnectorEvent, Request, VerifyOptions,
};

/// The digest.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Hash {
    Sha256,
    Sha512,
}

/// How the header writes the digest.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Encoding {
    LowerHex,
    Base64,
}

/// One body-HMAC scheme.
#[derive(Debug)]
pub(crate) struct BodyHmac {
    pub name: &'static str,
    /// The signature header; missing, it is the one the error names.
    pub header: &'static str,
    /// Another name the platform sends the same signature under, read when `header` is absent.
    pub alt_header: Option<&'static str>,
    pub hash: Hash,
    pub encoding: Encoding,
    /// Square: the notification URL is signed before the body.
    pub signs_url: bool,
    /// Headers that carry the event id, if the platform sends one (the first present wins).
    pub id_headers: &'static [&'static str],
    /// Every header above: `header`, `alt_header`, `id_headers`.
    pub names: &'static [&'static str],
    pub hint: &'static str,
}

impl Connector for BodyHmac {
    fn name(&self) -> &'static str {
        self.name
    }

    fn default_tolerance(&self) -> Option<u64> {
        None
    }

    fn header_names(&self) -> &'static [&'static str] {
        self.names
    }

    fn verify(
        &self,
        request: &Request<'_>,
        secret: &[u8],
        options: &VerifyOptions<'_>,
    ) -> Result<ConnectorEvent, ConnectorError> {
        let secret = nonempty_secret(self.name, secret)?;
        let url: &[u8] = match (self.signs_url, options.notification_url) {
            (false, _) => b"",
            (true, Some(url)) if !url.is_empty() => url.as_bytes(),
            (true, _) => {
                return Err(ConnectorError::InvalidOptions {
                    connector: self.name,
                    reason: "the notification URL is required: Square signs the URL the webhook was sent to, exactly as configured in the Developer Console".into(),
                });
            }
        };
        let (header, value) = match (request.header(self.header)?, self.alt_header) {
            (Some(v), _) => (self.header, v),
            (None, Some(alt)) => match request.header(alt)? {
                Some(v) => (alt, v),
                None => {
                    return Err(ConnectorError::HeaderMissing {
                        header: self.header,
                    })
                }
            },
            (None, None) => {
                return Err(ConnectorError::HeaderMissing {
                    header: self.header,
                })
            }
        };
        let len = match self.hash {
            Hash::Sha256 => 32,
            Hash::Sha512 => 64,
        };
        let received = match self.encoding {
            Encoding::LowerHex => lower_hex(header, value, len)?,
            Encoding::Base64 => base64_signature(header, value, len)?,
        };
        let parts: [&[u8]; 2] = [url, request.body()];
        let expected = match self.hash {
            Hash::Sha256 => hmac::<Sha256>(secret, &parts),
            Hash::Sha512 => hmac::<Sha512>(secret, &parts),
        };
        if !ct_eq(&expected, &received) {
            return Err(mismatch(self.hint));
        }
        let mut id = None;
        for h in self.id_headers {
            if let Some(v) = request.header(h)? {
                id = Some(String::from_utf8_lossy(v).into_owned());
                break;
            }
        }
        Ok(ConnectorEvent {
            connector: self.name,
            timestamp: None,
            id,
            payload: None,
        })
    }
}

pub(crate) static MAXIO: BodyHmac = BodyHmac {
    name: "maxio",
    header: "X-Chargify-Webhook-Signature-Hmac-Sha-256",
    alt_header: None,
    hash: Hash::Sha256,
    encoding: Encoding::LowerHex,
    signs_url: false,
    id_headers: &[],
    names: &["X-Chargify-Webhook-Signature-Hmac-Sha-256"],
    hint: "Maxio signs the raw body with HMAC-SHA256 keyed with the site's shared key (Config > Settings), hex; verify the raw body bytes as received",
};

pub(crate) static SHOPIFY: BodyHmac = BodyHmac {
    name: "shopify",
    header: "X-Shopify-Hmac-Sha256",
    // Shopify's "Events" deliveries send the same signature without the X- prefix.
    alt_header: Some("Shopify-Hmac-Sha256"),
    hash: Hash::Sha256,
    encoding: Encoding::Base64,
    signs_url: false,
    id_headers: &["X-Shopify-Webhook-Id", "Shopify-Webhook-Id"],
    names: &["X-Shopify-Hmac-Sha256", "Shopify-Hmac-Sha256", "X-Shopify-Webhook-Id", "Shopify-Webhook-Id"],
    hint: "Shopify signs the raw body with HMAC-SHA256 keyed with the app's client secret, base64; verify the raw body bytes as received, before any JSON parsing",
};

pub(crate) static GOCARDLESS: BodyHmac = BodyHmac {
    name: "gocardless",
    header: "Webhook-Signature",
    alt_header: None,
    hash: Hash::Sha256,
    encoding: Encoding::LowerHex,
    signs_url: false,
    id_headers: &[],
    names: &["Webhook-Signature"],
    hint: "GoCardless signs the raw body with HMAC-SHA256 keyed with the webhook endpoint's secret, hex; verify the raw body bytes as received, before any JSON parsing",
};

pub(crate) static CHECKOUT: BodyHmac = BodyHmac {
    name: "checkout",
    header: "Cko-Signature",
    alt_header: None,
    hash: Hash::Sha256,
    encoding: Encoding::LowerHex,
    signs_url: false,
    id_headers: &[],
    names: &["Cko-Signature"],
    hint: "Checkout.com signs the raw body with HMAC-SHA256 keyed with the webhook's signature key (not the API secret key), hex; verify the raw body bytes as received",
};

pub(crate) static RAZORPAY: BodyHmac = BodyHmac {
    name: "razorpay",
    header: "X-Razorpay-Signature",
    alt_header: None,
    hash: Hash::Sha256,
    encoding: Encoding::LowerHex,
    signs_url: false,
    id_headers: &["X-Razorpay-Event-Id"],
    names: &["X-Razorpay-Signature", "X-Razorpay-Event-Id"],
    hint: "Razorpay signs the raw body with HMAC-SHA256 keyed with the webhook secret set on the webhook (not the API key secret), hex; verify the raw body bytes as received",
};

pub(crate) static LEMONSQUEEZY: BodyHmac = BodyHmac {
    name: "lemonsqueezy",
    header: "X-Signature",
    alt_header: None,
    hash: Hash::Sha256,
    encoding: Encoding::LowerHex,
    signs_url: false,
    id_headers: &[],
    names: &["X-Signature"],
    hint: "Lemon Squeezy signs the raw body with HMAC-SHA256 keyed with the webhook's signing secret, hex; verify the raw body bytes as received",
};

pub(crate) static SQUARE: BodyHmac = BodyHmac {
    name: "square",
    header: "x-square-hmacsha256-signature",
    alt_header: None,
    hash: Hash::Sha256,
    encoding: Encoding::Base64,
    signs_url: true,
    id_headers: &[],
    names: &["x-square-hmacsha256-signature"],
    hint: "Square signs notification URL + raw body with HMAC-SHA256 keyed with the subscription's signature key, base64; the URL must be exactly the one configured (scheme, host, path, query, no proxy rewriting)",
};

pub(crate) static PAYSTACK: BodyHmac = BodyHmac {
    name: "paystack",
    header: "x-paystack-signature",
    alt_header: None,
    hash: Hash::Sha512,
    encoding: Encoding::LowerHex,
    signs_url: false,
    id_headers: &[],
    names: &["x-paystack-signature"],
    hint: "Paystack signs the raw body with HMAC-SHA512 keyed with the secret key (sk_live_/sk_test_), hex; verify the raw body bytes as received",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_name_the_raw_body() {
        for c in [
            &MAXIO,
            &SHOPIFY,
            &GOCARDLESS,
            &CHECKOUT,
            &RAZORPAY,
            &LEMONSQUEEZY,
            &PAYSTACK,
        ] {
            assert!(c.hint.contains("raw body"), "{}", c.name);
        }
    }
}
