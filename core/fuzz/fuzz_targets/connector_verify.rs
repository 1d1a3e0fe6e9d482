//! Every connector's parser: arbitrary header values, bodies (JSON for Adyen, forms for
//! Braintree) and secrets must give a verdict, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use revtain::connector::{verify, VerifyOptions, CONNECTORS};

/// Every header and field name any connector reads, so each parser sees the fuzzed values.
const NAMES: &[&str] = &[
    "Stripe-Signature",
    "Authorization",
    "X-Recharge-Webhook-Signature",
    "X-Recharge-Hmac-Sha256",
    "recurly-signature",
    "Paddle-Signature",
    "X-Chargify-Webhook-Signature-Hmac-Sha-256",
    "X-Shopify-Hmac-Sha256",
    "X-Shopify-Webhook-Id",
    "Webhook-Signature",
    "Cko-Signature",
    "X-Razorpay-Signature",
    "X-Razorpay-Event-Id",
    "X-Signature",
    "x-square-hmacsha256-signature",
    "x-paystack-signature",
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "svix-id",
    "svix-timestamp",
    "svix-signature",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let name = CONNECTORS[usize::from(selector) % CONNECTORS.len()];
    // Fields separated by 0xFF: header value(s), body, secret.
    let mut parts = rest.split(|&b| b == 0xFF);
    let value = parts.next().unwrap_or_default();
    let body = parts.next().unwrap_or_default();
    let secret = parts.next().unwrap_or(b"secret");
    let second = parts.next();
    // Which names carry the value: all of them, or one chosen by the selector's high bits, so
    // both "every header present" and "only this one" paths run.
    let mut headers: Vec<(&[u8], &[u8])> = if selector & 0x80 == 0 {
        NAMES.iter().map(|n| (n.as_bytes(), value)).collect()
    } else {
        vec![(NAMES[usize::from(selector >> 3) % NAMES.len()].as_bytes(), value)]
    };
    if let Some(v) = second {
        headers.push((NAMES[usize::from(selector) % NAMES.len()].as_bytes(), v));
    }
    let options = VerifyOptions {
        tolerance: (selector & 0x40 != 0).then_some(u64::from(selector)),
        now: Some(1_700_000_000),
        notification_url: Some("https://example.com/webhooks/square"),
        public_key: Some("pk_fuzz"),
        require_timestamp: selector & 0x20 != 0,
    };
    if let Err(e) = verify(name, &headers, body, secret, &options) {
        let _ = (e.kind(), e.header(), e.age(), e.tolerance(), e.to_string());
    }
});
