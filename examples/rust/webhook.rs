//! Revtain webhooks: sign an event as Revtain does, verify it as a merchant does, and see a
//! tampered body and a replayed (stale) one refused. Run with
//! `cargo run -p revtain --example webhooks`.

use revtain::webhook::{generate_webhook_secret, Webhook, WebhookError, WebhookSigner};

fn main() -> Result<(), revtain::Error> {
    // The merchant copies this from the dashboard into their configuration.
    let secret = generate_webhook_secret()?;
    let body = br#"{"id":"evt_1Q2w3E","type":"payment.recovered","created":1700000000,"data":{"invoice":"in_42","amount":4900,"currency":"eur"}}"#;

    // Revtain's side: one signature header plus the Standard Webhooks headers.
    let signed = WebhookSigner::new(&[&*secret])?.sign(body, "evt_1Q2w3E", 1_700_000_000)?;
    for (name, value) in signed.iter() {
        let shown = if value.len() > 40 {
            format!("{}...", &value[..40])
        } else {
            value.to_owned()
        };
        println!("[rust]   {name:<22}: {shown}");
    }

    // The merchant's side: the raw body and the request's headers.
    let webhook = Webhook::new(&[&*secret])?;
    let event = webhook.verify(body, signed.iter(), 1_700_000_042)?;
    println!(
        "[rust]   {:<22}: {} {} (data {})",
        "verified",
        event.event_type,
        event.id,
        event.data_json()
    );

    let tampered = String::from_utf8_lossy(body).replace("4900", "1");
    match webhook.verify(tampered.as_bytes(), signed.iter(), 1_700_000_042) {
        Err(e @ WebhookError::SignatureMismatch { .. }) => {
            println!("[rust]   tampered body         : refused: {e}")
        }
        other => panic!("a tampered body must be refused, got {other:?}"),
    }
    match webhook.verify(body, signed.iter(), 1_700_003_600) {
        Err(e) => println!(
            "[rust]   replayed an hour later: refused (age {} s): {e}",
            e.age().unwrap_or_default()
        ),
        Ok(_) => panic!("a stale webhook must be refused"),
    }
    Ok(())
}
