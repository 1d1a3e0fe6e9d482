//! Gateway credentials at rest: seal for one tenant, fail to open as another, rotate keys.
//! Run with `cargo run -p revtain --example vault`.

use revtain::vault::{Context, Keyring, VaultError};

fn main() -> Result<(), revtain::Error> {
    // In production: Keyring::from_text(&std::env::var("REVTAIN_KEYRING")?)
    let keyring = Keyring::generate()?;
    let tenant_a = Context::from_pairs([
        ("tenant", "ten_a"),
        ("gateway", "stripe"),
        ("field", "secret_key"),
    ])?;
    let tenant_b = Context::from_pairs([
        ("tenant", "ten_b"),
        ("gateway", "stripe"),
        ("field", "secret_key"),
    ])?;

    let sealed = keyring.seal(b"sk_live_51H8xYzExample", &tenant_a)?;
    println!("[rust]   sealed for ten_a      : {}...", &sealed[..40]);
    let opened = keyring.open(sealed.as_bytes(), &tenant_a)?;
    println!(
        "[rust]   opened as ten_a       : {}",
        String::from_utf8_lossy(&opened)
    );
    match keyring.open(sealed.as_bytes(), &tenant_b) {
        Err(VaultError::AuthenticationFailed) => {
            println!("[rust]   opened as ten_b       : refused (authentication failed)")
        }
        other => panic!("a copied ciphertext must not open for another tenant: {other:?}"),
    }

    let rotated = keyring.rotate()?;
    println!(
        "[rust]   rotated keyring       : primary {} -> {}, needs_rotation = {}",
        keyring.primary_key_id(),
        rotated.primary_key_id(),
        rotated.needs_rotation(sealed.as_bytes())?
    );
    let resealed = rotated.reseal(sealed.as_bytes(), &tenant_a)?;
    println!(
        "[rust]   after reseal          : needs_rotation = {}",
        rotated.needs_rotation(resealed.as_bytes())?
    );
    Ok(())
}
