//! A signer for every connector scheme, written from the table of docs/spec.md independently of
//! `core/src/connector`, for the round-trip property tests and the benchmark. It signs the way
//! the platforms do (their SDKs' test helpers), not the way our verifier reads.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};

/// A request a platform would send.
pub struct Signed {
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub secret: String,
    pub notification_url: Option<&'static str>,
    pub public_key: Option<&'static str>,
}

pub const URL: &str = "https://merchant.example/webhooks/square?env=live";
pub const PUBLIC_KEY: &str = "pk_9x7y";

fn mac256(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
    parts.iter().for_each(|p| m.update(p));
    m.finalize().into_bytes().to_vec()
}

fn hexs(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Signs `body` for `connector` at unix time `t` with a secret derived from `seed` (in the
/// platform's own form).
pub fn sign(connector: &str, body: &[u8], seed: &[u8], t: u64) -> Signed {
    let raw = hexs(seed);
    let mut s = Signed {
        headers: Vec::new(),
        body: body.to_vec(),
        secret: String::new(),
        notification_url: None,
        public_key: None,
    };
    let h = |n: &str, v: String| (n.to_string(), v);
    let ts = t.to_string();
    match connector {
        "stripe" => {
            s.secret = format!("whsec_{raw}");
            let sig = mac256(s.secret.as_bytes(), &[ts.as_bytes(), b".", body]);
            s.headers
                .push(h("Stripe-Signature", format!("t={t},v1={}", hexs(&sig))));
        }
        "chargebee" => {
            s.secret = format!("revtain:{raw}");
            let auth = STANDARD.encode(s.secret.as_bytes());
            s.headers.push(h("Authorization", format!("Basic {auth}")));
        }
        "recharge" => {
            s.secret = format!("sk_{raw}");
            let sig = mac256(s.secret.as_bytes(), &[ts.as_bytes(), b".", body]);
            s.headers.push(h(
                "X-Recharge-Webhook-Signature",
                format!("t={t},v1={}", hexs(&sig)),
            ));
        }
        "recurly" => {
            s.secret = raw;
            let ms = (t * 1000 + 123).to_string();
            let sig = mac256(s.secret.as_bytes(), &[ms.as_bytes(), b".", body]);
            s.headers
                .push(h("recurly-signature", format!("{ms},{}", hexs(&sig))));
        }
        "paddle" => {
            s.secret = format!("pdl_ntfset_01h_{raw}");
            let sig = mac256(s.secret.as_bytes(), &[ts.as_bytes(), b":", body]);
            s.headers
                .push(h("Paddle-Signature", format!("ts={t};h1={}", hexs(&sig))));
        }
        "braintree" => {
            s.secret = raw;
            s.public_key = Some(PUBLIC_KEY);
            let payload = STANDARD.encode(body);
            let key = Sha1::digest(s.secret.as_bytes());
            let mut m = <Hmac<Sha1> as KeyInit>::new_from_slice(&key).unwrap();
            m.update(payload.as_bytes());
            let sig = format!(
                "other_pk|{}&{PUBLIC_KEY}|{}",
                "0".repeat(40),
                hexs(&m.finalize().into_bytes())
            );
            let enc = |v: &str| -> String {
                v.bytes()
                    .map(|b| match b {
                        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                            (b as char).to_string()
                        }
                        _ => format!("%{b:02X}"),
                    })
                    .collect()
            };
            s.body =
                format!("bt_signature={}&bt_payload={}", enc(&sig), enc(&payload)).into_bytes();
        }
        "maxio" | "gocardless" | "checkout" | "razorpay" | "lemonsqueezy" => {
            s.secret = raw;
            let sig = hexs(&mac256(s.secret.as_bytes(), &[body]));
            let name = match connector {
                "maxio" => "X-Chargify-Webhook-Signature-Hmac-Sha-256",
                "gocardless" => "Webhook-Signature",
                "checkout" => "Cko-Signature",
                "razorpay" => "X-Razorpay-Signature",
                _ => "X-Signature",
            };
            s.headers.push(h(name, sig));
        }
        "shopify" => {
            s.secret = raw;
            let sig = STANDARD.encode(mac256(s.secret.as_bytes(), &[body]));
            s.headers.push(h("X-Shopify-Hmac-Sha256", sig));
        }
        "square" => {
            s.secret = raw;
            s.notification_url = Some(URL);
            let sig = STANDARD.encode(mac256(s.secret.as_bytes(), &[URL.as_bytes(), body]));
            s.headers.push(h("x-square-hmacsha256-signature", sig));
        }
        "paystack" => {
            s.secret = format!("sk_test_{raw}");
            let mut m = <Hmac<Sha512> as KeyInit>::new_from_slice(s.secret.as_bytes()).unwrap();
            m.update(body);
            s.headers
                .push(h("x-paystack-signature", hexs(&m.finalize().into_bytes())));
        }
        "adyen" => {
            // The key is hex; the body is a notification whose reference carries the bytes.
            s.secret = format!("{raw}{}", "ab".repeat(32usize.saturating_sub(seed.len())));
            let key: Vec<u8> = (0..s.secret.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&s.secret[i..i + 2], 16).unwrap())
                .collect();
            let reference = STANDARD.encode(body);
            let signed =
                format!("7914073381342284::TestMerchant:{reference}:1130:EUR:AUTHORISATION:true");
            let sig = STANDARD.encode(mac256(&key, &[signed.as_bytes()]));
            let item = serde_json::json!({"NotificationRequestItem": {
                "additionalData": {"hmacSignature": sig},
                "amount": {"currency": "EUR", "value": 1130},
                "eventCode": "AUTHORISATION",
                "merchantAccountCode": "TestMerchant",
                "merchantReference": reference,
                "pspReference": "7914073381342284",
                "success": "true"
            }});
            s.body = serde_json::json!({"live": "false", "notificationItems": [item]})
                .to_string()
                .into_bytes();
        }
        "standard" => {
            let key = Sha256::digest(seed);
            s.secret = format!("whsec_{}", STANDARD.encode(key));
            let id = format!("msg_{}", &hexs(&key)[..12]);
            let sig = STANDARD.encode(mac256(
                &key,
                &[id.as_bytes(), b".", ts.as_bytes(), b".", body],
            ));
            s.headers.push(h("webhook-id", id));
            s.headers.push(h("webhook-timestamp", ts));
            s.headers
                .push(h("webhook-signature", format!("v1a,AAAA v1,{sig}")));
        }
        other => panic!("no signer for {other}"),
    }
    s
}
