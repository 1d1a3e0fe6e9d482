//! Property tests of the retry schedule (docs/spec.md §2.5): every delay within
//! `[0, min(cap, base·2^n)]` (or the Retry-After floor), and the delays never carry a call past
//! its deadline.

use std::time::{Duration, SystemTime};

use proptest::prelude::*;
use revtain::retry::{GiveUp, Jitter, Next, Outcome, Retrier, RetryBudget, RetryPolicy};

fn policy() -> impl Strategy<Value = RetryPolicy> {
    (
        1u64..2_000,
        0u64..40_000,
        1u32..12,
        1u64..60_000,
        prop_oneof![Just(Jitter::Full), Just(Jitter::Equal), Just(Jitter::None)],
    )
        .prop_map(|(base, extra, attempts, deadline, jitter)| {
            RetryPolicy::new(
                Duration::from_millis(base),
                Duration::from_millis(base + extra),
                attempts,
                Duration::from_millis(deadline),
                jitter,
            )
            .unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn delays_stay_in_range_and_within_the_deadline(
        p in policy(),
        uniforms in proptest::collection::vec(0.0f64..1.0, 12),
        attempt_ms in proptest::collection::vec(0u64..3_000, 12),
        retry_after in proptest::collection::vec(proptest::option::of(0u64..40), 12),
    ) {
        let mut r = Retrier::new(&p, None);
        let mut elapsed = Duration::ZERO;
        let now = SystemTime::UNIX_EPOCH;
        for n in 0..12 {
            elapsed += Duration::from_millis(attempt_ms[n]);
            let value = retry_after[n].map(|s| s.to_string());
            let headers: Vec<(&str, &str)> = value.iter().map(|v| ("Retry-After", v.as_str())).collect();
            let outcome = Outcome::Response { status: 503, headers: &headers };
            match r.next(&outcome, elapsed, now, uniforms[n]) {
                Next::RetryAfter(d) => {
                    let ceiling = p.ceiling(n as u32);
                    let floor = retry_after[n].map(Duration::from_secs).unwrap_or_default();
                    prop_assert!(d <= ceiling.max(floor), "retry {}: {:?} > {:?}", n, d, ceiling);
                    prop_assert!(d >= floor);
                    if p.jitter() == Jitter::Equal {
                        prop_assert!(d >= ceiling / 2);
                    }
                    elapsed += d;
                    prop_assert!(elapsed < p.deadline(), "past the deadline");
                }
                Next::GiveUp(GiveUp::AttemptsExhausted) => {
                    prop_assert_eq!(r.attempts(), p.max_attempts());
                    break;
                }
                Next::GiveUp(GiveUp::DeadlineExceeded | GiveUp::RetryAfterBeyondDeadline { .. }) => break,
                other => prop_assert!(false, "unexpected {:?}", other),
            }
        }
        prop_assert!(r.attempts() <= p.max_attempts());
    }

    #[test]
    fn jitter_bounds(p in policy(), n in 0u32..10, u in 0.0f64..1.0) {
        let ceiling = p.ceiling(n);
        let d = p.delay(n, u);
        prop_assert!(d <= ceiling);
        match p.jitter() {
            Jitter::Full => prop_assert_eq!(p.delay(n, 0.0), Duration::ZERO),
            Jitter::Equal => prop_assert!(d >= ceiling / 2),
            Jitter::None => prop_assert_eq!(d, ceiling),
        }
    }

    /// The budget never goes negative and successes refill it, capped at its capacity.
    #[test]
    fn budget_accounting(ops in proptest::collection::vec(0u8..3, 1..400)) {
        let b = RetryBudget::new();
        let mut model: i64 = 500;
        for op in ops {
            match op {
                0 => { let ok = b.withdraw("h", false); prop_assert_eq!(ok, model >= 5); if ok { model -= 5 } }
                1 => { let ok = b.withdraw("h", true); prop_assert_eq!(ok, model >= 10); if ok { model -= 10 } }
                _ => { b.refund("h"); model = (model + 1).min(500) }
            }
            prop_assert_eq!(i64::from(b.available("h")), model);
        }
    }
}
