//! Verifying inbound webhooks from billing platforms: one call for every platform, with the
//! headers and the raw body as received. Run with `cargo run -p revtain --example connectors`.

use revtain::connector::{self, ConnectorError, VerifyOptions};

fn main() -> Result<(), ConnectorError> {
    let body = br#"{"id":"evt_1QxYz","object":"event","type":"invoice.payment_failed"}"#;
    // The request as it arrived (the timestamp is fixed here so the example always verifies).
    let now = 1_732_838_400;
    let options = VerifyOptions {
        now: Some(now),
        ..VerifyOptions::default()
    };

    // Stripe: the endpoint secret is used as written, `whsec_` and all.
    let stripe_headers = [
        ("Content-Type", "application/json"),
        (
            "stripe-signature", // any case
            "t=1732838400,v1=be5cdf62ef7267d30eee1fec02e5be1601ab5665648c7109a34b3373973c565c",
        ),
    ];
    let secret = b"whsec_7sJ0bXk2cQ9pL4mN8vR1tY6uW3zA5eD0";
    let event = connector::verify("stripe", &stripe_headers, body, secret, &options)?;
    println!("stripe: verified, signed at {:?}", event.timestamp);

    // Standard Webhooks (Svix): the secret after `whsec_` is base64 and is decoded.
    let standard_headers = [
        ("webhook-id", "msg_2Lb8P"),
        ("webhook-timestamp", "1732838400"),
        (
            "webhook-signature",
            "v1,kLVlca73NMNj+zCTyLFIOLo7nK6YrleskyNIi2DRDZc=",
        ),
    ];
    let secret = b"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let event = connector::verify("standard", &standard_headers, body, secret, &options)?;
    println!("standard: verified, id {:?}", event.id);

    // The same Stripe request an hour later: the signature is genuine, the timestamp is not.
    let later = VerifyOptions {
        now: Some(now + 3600),
        ..VerifyOptions::default()
    };
    let secret = b"whsec_7sJ0bXk2cQ9pL4mN8vR1tY6uW3zA5eD0";
    match connector::verify("stripe", &stripe_headers, body, secret, &later) {
        Err(e) => println!("stripe, an hour later: {} ({e})", e.kind().code()),
        Ok(_) => unreachable!("a replay outside the window is refused"),
    }
    println!("connectors: {}", connector::CONNECTORS.join(", "));
    Ok(())
}
