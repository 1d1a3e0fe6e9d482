//! The `X-Revtain-Signature` parser and verifier (HMAC `v1` and Ed25519 `v1a`), and the event
//! parser: any bytes must give a result or an error, never a panic; whatever parses must keep
//! the parser's invariants; what our signer makes always verifies.
#![no_main]
use libfuzzer_sys::fuzz_target;
use revtain::webhook::{Event, SignatureHeader, Webhook, WebhookSigner, MAX_SIGNATURES};

const SECRET: &str = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
// An Ed25519 key pair (the seed is 32 bytes of 0x2a).
const SIGNING_KEY: &str = "whsk_KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio=";

fuzz_target!(|data: &[u8]| {
    // The first byte splits the input into a header and a body.
    let (header, body) = match data.split_first() {
        Some((&n, rest)) => rest.split_at(usize::from(n).min(rest.len())),
        None => (data, &[][..]),
    };
    if let Ok(parsed) = SignatureHeader::parse(header) {
        let usable = parsed.signatures().len() + parsed.ed25519_signatures().len();
        assert!(usable >= 1);
        assert!(usable + parsed.skipped <= MAX_SIGNATURES);
        assert!(parsed.timestamp <= i64::MAX as u64);
    }
    let public_key = revtain::webhook::webhook_public_key(SIGNING_KEY.as_bytes()).unwrap();
    let webhook = Webhook::new(&[SECRET]).unwrap().with_tolerance(u64::from(data.len() as u32));
    let both = Webhook::new(&[SECRET, public_key.as_str()]).unwrap();
    for now in [0, 1_700_000_000, u64::MAX] {
        let _ = webhook.verify_signature(body, header, now);
        let _ = both.verify_signature(body, header, now);
    }
    let _ = Event::parse(body);
    // What our signer makes for this body always verifies.
    let signer = WebhookSigner::new(&[SECRET]).unwrap();
    let signed = signer.signature_header(body, 1_700_000_000);
    assert_eq!(webhook.verify_signature(body, signed.as_bytes(), 1_700_000_000), Ok(1_700_000_000));
    let ed = WebhookSigner::new(&[SIGNING_KEY]).unwrap().signature_header(body, 1_700_000_000);
    let only_key = Webhook::new(&[public_key.as_str()]).unwrap();
    assert_eq!(only_key.verify_signature(body, ed.as_bytes(), 1_700_000_000), Ok(1_700_000_000));
    assert!(webhook.verify_signature(body, ed.as_bytes(), 1_700_000_000).is_err());
});
