//! Property tests of the in-memory rate limiter's guarantee (docs/spec.md §2.6): under adversarial
//! arrivals no key is admitted more than `limit` times in any rolling window, and requests
//! spaced at the rate are never refused.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use proptest::prelude::*;
use revtain::ratelimit::RateLimiter;

const T0: u64 = 1_700_000_000_000_000;

fn at(us: u64) -> Duration {
    Duration::from_micros(T0 + us)
}

/// Gaps between arrivals (µs): bursts (0), tiny gaps, exact window multiples and fractions of
/// the window (edges), and long pauses.
fn gap(window_us: u64, limit: u32) -> impl Strategy<Value = u64> {
    let spacing = window_us / u64::from(limit);
    prop_oneof![
        3 => Just(0u64),
        2 => 0u64..10,
        2 => Just(window_us),
        2 => Just(window_us - 1),
        2 => Just(spacing),
        1 => Just(spacing.saturating_sub(1)),
        2 => 0..window_us,
        1 => window_us..3 * window_us,
    ]
}

/// Checks that the admitted times of one key never hold more than `limit` in a window: with the
/// times sorted, `times[i + limit] - times[i] >= window` for every i (the window is half-open).
fn assert_never_over(times: &[u64], limit: u32, window_us: u64) -> Result<(), TestCaseError> {
    let l = limit as usize;
    for i in 0..times.len().saturating_sub(l) {
        prop_assert!(
            times[i + l] - times[i] >= window_us,
            "{} admissions within {} µs: {:?}",
            l + 1,
            times[i + l] - times[i],
            &times[i..=i + l]
        );
    }
    Ok(())
}

fn arrivals() -> impl Strategy<Value = (u32, u64, Vec<(u64, usize)>)> {
    (
        1u32..8,
        prop_oneof![Just(1_000u64), Just(60_000_000), 1_000u64..5_000_000],
    )
        .prop_flat_map(|(limit, window_us)| {
            (
                Just(limit),
                Just(window_us),
                proptest::collection::vec((gap(window_us, limit), 0usize..4), 1..300),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn never_more_than_the_limit_in_any_window((limit, window_us, seq) in arrivals()) {
        let l = RateLimiter::new(limit, Duration::from_micros(window_us)).unwrap();
        let mut admitted: HashMap<usize, Vec<u64>> = HashMap::new();
        let mut t = 0;
        for (gap, key) in seq {
            t += gap;
            let d = l.check_at(format!("key-{key}"), at(t)).unwrap();
            // The decision's own numbers agree with the log.
            let in_window = admitted.get(&key).map_or(0, |v| v.iter().filter(|&&s| t - s < window_us).count());
            prop_assert_eq!(d.allowed, in_window < limit as usize);
            if d.allowed {
                admitted.entry(key).or_default().push(t);
                prop_assert_eq!(d.remaining as usize, limit as usize - in_window - 1);
                prop_assert_eq!(d.retry_after, Duration::ZERO);
            } else {
                prop_assert_eq!(d.remaining, 0);
                // Waiting exactly retry_after is enough, and no less would be.
                let oldest = admitted[&key].iter().copied().filter(|&s| t - s < window_us).min().unwrap();
                prop_assert_eq!(d.retry_after, Duration::from_micros(oldest + window_us - t));
            }
        }
        for times in admitted.values() {
            assert_never_over(times, limit, window_us)?;
        }
    }

    #[test]
    fn spaced_at_the_rate_is_never_refused(
        limit in 1u32..100,
        window_us in 1_000u64..120_000_000,
        extra in proptest::collection::vec(0u64..1_000_000, 1..200),
    ) {
        let l = RateLimiter::new(limit, Duration::from_micros(window_us)).unwrap();
        // At least window/limit apart (rounded up to whole µs), sometimes more.
        let spacing = window_us.div_ceil(u64::from(limit));
        let mut t = 0;
        for e in extra {
            prop_assert!(l.check_at("k", at(t)).unwrap().allowed, "refused at {} µs", t);
            t += spacing + e % 3 * e;
        }
    }

    #[test]
    fn a_full_burst_is_admitted(limit in 1u32..500) {
        let l = RateLimiter::new(limit, Duration::from_secs(60)).unwrap();
        for i in 0..limit {
            prop_assert!(l.check_at("k", at(u64::from(i))).unwrap().allowed);
        }
        prop_assert!(!l.check_at("k", at(u64::from(limit))).unwrap().allowed);
    }
}

/// The first minute under a plain GCRA with a burst of 60 admits 119; this limiter admits 60.
#[test]
fn first_minute_admits_sixty_not_119() {
    let l = RateLimiter::new(60, Duration::from_secs(60)).unwrap();
    let admitted = (0..60_000u64)
        .filter(|ms| l.check_at("k", at(ms * 1_000)).unwrap().allowed)
        .count();
    assert_eq!(admitted, 60);
}

/// Many threads on one key: exactly the limit is admitted.
#[test]
fn concurrent_callers_share_one_limit() {
    let l = Arc::new(RateLimiter::new(1000, Duration::from_secs(3600)).unwrap());
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let l = l.clone();
            std::thread::spawn(move || (0..500).filter(|_| l.check("hot").unwrap().allowed).count())
        })
        .collect();
    let total: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(total, 1000);
}
