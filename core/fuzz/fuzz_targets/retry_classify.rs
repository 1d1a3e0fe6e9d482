//! `Retry-After` parsing and outcome classification: any header bytes must give a verdict,
//! never a panic, and the schedule must stay within the policy's bounds.
#![no_main]
use std::time::{Duration, SystemTime};

use libfuzzer_sys::fuzz_target;
use revtain::retry::{classify, parse_retry_after, Next, Outcome, Retrier, RetryPolicy};

fuzz_target!(|data: &[u8]| {
    let Some((&status_byte, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let _ = parse_retry_after(&text, now);
    let status = 100 + u16::from(status_byte) * 2;
    let headers = [("Retry-After", &*text), ("Stripe-Should-Retry", &*text)];
    let outcome = Outcome::Response { status, headers: &headers };
    let _ = classify(&outcome, now);
    let policy = RetryPolicy::default();
    let mut r = Retrier::new(&policy, None);
    let mut elapsed = Duration::ZERO;
    for _ in 0..policy.max_attempts() {
        match r.next(&outcome, elapsed, now, f64::from(status_byte) / 256.0) {
            Next::RetryAfter(d) => {
                elapsed += d;
                assert!(elapsed < policy.deadline());
            }
            _ => break,
        }
    }
});
