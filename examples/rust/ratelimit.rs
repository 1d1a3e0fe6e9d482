//! Rate limiting: 60 requests per API key in any 60 s, a burst refused with the response
//! headers, another key unaffected. Run with `cargo run -p revtain --example ratelimit`.

use std::time::Duration;

use revtain::ratelimit::RateLimiter;

fn main() -> Result<(), revtain::Error> {
    let limiter = RateLimiter::new(60, Duration::from_secs(60))?;
    let t0 = Duration::from_secs(1_700_000_000);
    let key = "rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX";

    // A burst of 61 requests within one second.
    let decisions: Vec<_> = (0..61)
        .map(|i| limiter.check_at(key, t0 + Duration::from_millis(i * 16)))
        .collect::<Result<_, _>>()?;
    let admitted = decisions.iter().filter(|d| d.allowed).count();
    let last = decisions.last().expect("61 decisions");
    println!("[rust]   burst of 61           : {admitted} admitted, the 61st refused");
    assert!(admitted == 60 && !last.allowed);
    println!(
        "[rust]   retry after           : {:.3} s (when the first leaves the window)",
        last.retry_after.as_secs_f64()
    );
    for (name, value) in last.headers() {
        println!("[rust]   {name:<22}: {value}");
    }

    // Another key has its own budget; the first key is admitted again 60 s after its first.
    assert!(
        limiter
            .check_at("rev_other", t0 + Duration::from_secs(1))?
            .allowed
    );
    let later = limiter.check_at(key, t0 + Duration::from_secs(60))?;
    println!(
        "[rust]   60 s later            : allowed={}, remaining {}",
        later.allowed, later.remaining
    );
    Ok(())
}
