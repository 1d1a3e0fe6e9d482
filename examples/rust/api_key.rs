//! API keys end to end: generate, store the lookup hash, verify, redact a log line.
//! Run with `cargo run -p revtain --example api_key`.

use revtain::api_key::{self, ApiKey};

fn main() -> Result<(), revtain::Error> {
    let pepper = b"demo pepper: keep the real one outside the database";

    let key = ApiKey::generate()?;
    let stored = key.lookup_hash(pepper);
    println!("[rust]   new key (shown once) : {}", key.expose_secret());
    println!("[rust]   redacted             : {key}");
    println!("[rust]   lookup hash          : {}", hex(&stored));

    assert!(api_key::verify_api_key(
        key.expose_secret(),
        &stored,
        pepper
    )?);
    assert!(!api_key::verify_api_key(
        key.expose_secret(),
        &stored,
        b"wrong pepper"
    )?);

    let log = format!("POST /v1/recoveries key={} status=401", key.expose_secret());
    println!(
        "[rust]   redacted log line    : {}",
        api_key::redact_api_keys(&log)
    );

    match ApiKey::parse("rev_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=") {
        Err(e) => println!("[rust]   rejected             : {e}"),
        Ok(_) => unreachable!("padding is never valid"),
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
