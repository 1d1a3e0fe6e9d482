//! Card data safety: redact card numbers in a log line, refuse a PAN where a gateway token
//! belongs, and mint and verify a card-update link. Run with
//! `cargo run -p revtain --example card`.

use revtain::card::{self, CardError, CardUpdateLinks};

fn main() -> Result<(), revtain::Error> {
    let log = "2026-11-28 WARN retry failed card=4242 4242 4242 4242 code=do_not_honor";
    println!(
        "[rust]   redacted log line     : {}",
        card::redact_pans(log)
    );

    let kind = card::validate_gateway_token("stripe", "pm_1MqLiJLkdIwHu7ixUEgbFdYF")?;
    println!("[rust]   gateway token         : ok ({})", kind.name());
    match card::validate_gateway_token("stripe", "4242424242424242") {
        Err(e @ CardError::PanDetected { .. }) => {
            println!("[rust]   PAN as a token        : refused ({e})")
        }
        other => panic!("a PAN must be refused, got {other:?}"),
    }

    // The merchant's backend: one secret per merchant, from Revtain's dashboard.
    let secret = card::generate_card_update_secret()?;
    let links = CardUpdateLinks::new(&secret, "cli_acme", "https://pay.revtain.com/card-update")?;
    let url = links.create(
        "cus_42",
        86_400,
        Some("https://acme.example/account"),
        1_700_000_000,
    )?;
    println!("[rust]   card-update link      : {}...", &url[..72]);

    // The hosted page: verifies the token before showing the form.
    let token = url.split_once("token=").map(|(_, t)| t).unwrap_or_default();
    let claims = links.verify(token, 1_700_000_600)?;
    println!(
        "[rust]   verified              : customer {} until {}",
        claims.sub, claims.exp
    );
    match links.verify(token, 1_700_100_000) {
        Err(e) => println!("[rust]   a day later           : refused ({e})"),
        Ok(_) => panic!("an expired link must be refused"),
    }
    Ok(())
}
