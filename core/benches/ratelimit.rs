//! In-memory rate-limiter decisions (docs/spec.md §4: ≥ 5 million per second per core), on one thread
//! and on two threads sharing one limiter, over 10 000 distinct 36-character API keys. `make
//! bench` runs it; decisions per second are criterion's "elem/s" throughput.
//!
//! - `admit`: every decision admits: the wall clock is read, the key SipHashed, one shard locked,
//!   the key's log expired and pushed, the decision's numbers computed. (A 1 ms window keeps
//!   each log short however fast the loop runs, so this measures the decision, not a growing
//!   log falling out of the cache.)
//! - `admit_at`: the same at given times (`check_at`, no clock read), with 14 admissions per key
//!   in the window.
//! - `refuse`: a key over its limit (no push), wall clock.
//! - `two_threads/admit`: two threads on one limiter, each on its own half of the keys, timed
//!   together: decisions per second for the whole process (2 cores on this machine).

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use revtain::ratelimit::RateLimiter;

const KEYS: usize = 10_000;
const BATCH: u64 = 1_000;

fn keys() -> Vec<String> {
    // API keys are 36 characters.
    (0..KEYS).map(|i| format!("rev_{i:032}")).collect()
}

/// A limiter under which every request of the benchmark is admitted (see the module docs).
fn limiter() -> RateLimiter {
    RateLimiter::new(1_000, Duration::from_millis(1)).unwrap()
}

fn bench(c: &mut Criterion) {
    let keys = keys();
    let t0 = Duration::from_secs(1_700_000_000);

    let mut group = c.benchmark_group("ratelimit");
    group.throughput(criterion::Throughput::Elements(BATCH));
    let l = RateLimiter::new(1_000, Duration::from_secs(1)).unwrap();
    let mut i = 0usize;
    let mut now = t0;
    group.bench_function("admit_at", |b| {
        b.iter(|| {
            for _ in 0..BATCH {
                i = (i + 1) % KEYS;
                now += Duration::from_micros(7);
                black_box(l.check_at(black_box(&keys[i]), now).unwrap());
            }
        })
    });
    let l = limiter();
    group.bench_function("admit", |b| {
        b.iter(|| {
            for _ in 0..BATCH {
                i = (i + 1) % KEYS;
                assert!(black_box(l.check(black_box(&keys[i])).unwrap()).allowed);
            }
        })
    });
    let hot = RateLimiter::new(10, Duration::from_secs(3600)).unwrap();
    for _ in 0..10 {
        hot.check("hot").unwrap();
    }
    group.bench_function("refuse", |b| {
        b.iter(|| {
            for _ in 0..BATCH {
                assert!(!black_box(hot.check(black_box("hot")).unwrap()).allowed);
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("ratelimit_two_threads");
    group.throughput(Throughput::Elements(2 * BATCH));
    let l = Arc::new(limiter());
    let keys = Arc::new(keys);
    group.bench_function("admit", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            std::thread::scope(|s| {
                for half in 0..2 {
                    let (l, keys) = (l.clone(), keys.clone());
                    s.spawn(move || {
                        let mut i = half;
                        for _ in 0..iters * BATCH {
                            i = (i + 2) % KEYS;
                            assert!(black_box(l.check(black_box(&keys[i])).unwrap()).allowed);
                        }
                    });
                }
            });
            start.elapsed()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
