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
    pub header: &'static str,
    pub hash: Hash,
    pub encoding: Encoding,
    /// Square: the notification URL is signed before the body.
    pub signs_url: bool,
    /// A header that carries the event id, if the platform sends one.
    pub id_header: Option<&'static str>,
    pub hint: &'static str,
}

impl Connector for BodyHmac {
    fn name(&self) -> &'static str {
        self.name
    }

    fn default_tolerance(&self) -> Option<u64> {
        None
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
                    reason: "the notification URL is required: Square signs the URL the webhook was sent to, exactly as configured in the Developer Console",
                });
            }
        };
        let value = request.require(self.header)?;
        let len = match self.hash {
            Hash::Sha256 => 32,
            Hash::Sha512 => 64,
        };
        let received = match self.encoding {
            Encoding::LowerHex => lower_hex(self.header, value, len)?,
            Encoding::Base64 => base64_signature(self.header, value, len)?,
        };
        let parts: [&[u8]; 2] = [url, request.body()];
        let expected = match self.hash {
            Hash::Sha256 => hmac::<Sha256>(secret, &parts),
            Hash::Sha512 => hmac::<Sha512>(secret, &parts),
        };
        if !ct_eq(&expected, &received) {
            return Err(mismatch(self.hint));
        }
        let id = match self.id_header {
            Some(h) => request
                .header(h)?
                .map(|v| String::from_utf8_lossy(v).into_owned()),
            None => None,
        };
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
    hash: Hash::Sha256,
    encoding: Encoding::LowerHex,
    signs_url: false,
    id_header: None,
    hint: "Maxio signs the raw body with HMAC-SHA256 keyed with the site's shared key (Config > Settings), hex; verify the raw body bytes as received",
};

pub(crate) static SHOPIFY: BodyHmac = BodyHmac {
    name: "shopify",
    header: "X-Shopify-Hmac-Sha256",
    hash: Hash::Sha256,
    encoding: Encoding::Base64,
    signs_url: false,
    id_header: Some("X-Shopify-Webhook-Id"),
    hint: "Shopify signs the raw body with HMAC-SHA256 keyed with the app's client secret, base64; verify the raw body bytes as received, before any JSON parsing",
};

pub(crate) static GOCARDLESS: BodyHmac = BodyHmac {
    name: "gocardless",
    header: "Webhook-Signature",
    hash: Hash::Sha256,
    encoding: Encoding::LowerHex,
    signs_url: false,
    id_header: None,
    hint: "GoCardless signs the raw body with HMAC-SHA256 keyed with the webhook endpoint's secret, hex; verify the raw body bytes as received, before any JSON parsing",
};

pub(crate) static CHECKOUT: BodyHmac = BodyHmac {
    name: "checkout",
    header: "Cko-Signature",
    hash: Hash::Sha256,
    encoding: Encoding::LowerHex,
    signs_url: false,
    id_header: None,
    hint: "Checkout.com signs the raw body with HMAC-SHA256 keyed with the webhook's signature key (not the API secret key), hex; verify the raw body bytes as received",
};

pub(crate) static RAZORPAY: BodyHmac = BodyHmac {
    name: "razorpay",
    header: "X-Razorpay-Signature",
    hash: Hash::Sha256,
    encoding: Encoding::LowerHex,
    signs_url: false,
    id_header: Some("X-Razorpay-Event-Id"),
    hint: "Razorpay signs the raw body with HMAC-SHA256 keyed with the webhook secret set on the webhook (not the API key secret), hex; verify the raw body bytes as received",
};

pub(crate) static LEMONSQUEEZY: BodyHmac = BodyHmac {
    name: "lemonsqueezy",
    header: "X-Signature",
    hash: Hash::Sha256,
    encoding: Encoding::LowerHex,
    signs_url: false,
    id_header: None,
    hint: "Lemon Squeezy signs the raw body with HMAC-SHA256 keyed with the webhook's signing secret, hex; verify the raw body bytes as received",
};

pub(crate) static SQUARE: BodyHmac = BodyHmac {
    name: "square",
    header: "x-square-hmacsha256-signature",
    hash: Hash::Sha256,
    encoding: Encoding::Base64,
    signs_url: true,
    id_header: None,
    hint: "Square signs notification URL + raw body with HMAC-SHA256 keyed with the subscription's signature key, base64; the URL must be exactly the one configured (scheme, host, path, query, no proxy rewriting)",
};

pub(crate) static PAYSTACK: BodyHmac = BodyHmac {
    name: "paystack",
    header: "x-paystack-signature",
    hash: Hash::Sha512,
    encoding: Encoding::LowerHex,
    signs_url: false,
    id_header: None,
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
