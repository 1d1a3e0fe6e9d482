//! Memory of the in-memory rate limiter per key, measured by counting the heap bytes the
//! allocator hands out (docs/spec.md §4: "memory per idle key stated"). `make bench` runs it.
//!
//! Prints the bytes per key for keys holding 1, 10 and 60 admissions in the window (60 per 60 s
//! is the default limit), for one million keys, and what is left after idle keys are evicted.

// Counting the heap takes a global allocator, whose trait is unsafe to implement.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Duration;

use revtain::ratelimit::RateLimiter;

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: forwards to the system allocator and only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    // `cargo bench` passes --bench; a filter that names another target skips this one. (The
    // iterator skip below passes over the program name; no test or benchmark is skipped.)
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"ratelimit_memory".contains(&a))
    {
        return;
    }
    let t0 = Duration::from_secs(1_700_000_000);
    let keys = 1_000_000u64;
    println!("rate limiter memory, {keys} keys, limit 60 per 60 s (heap bytes per key, counted)");
    for per_key in [1u64, 10, 60] {
        let before = LIVE.load(Ordering::Relaxed);
        let l = RateLimiter::new(60, Duration::from_secs(60)).unwrap();
        for k in 0..keys {
            let key = format!("rev_{k:032}");
            for j in 0..per_key {
                l.check_at(&key, t0 + Duration::from_micros(j)).unwrap();
            }
        }
        let used = LIVE.load(Ordering::Relaxed) - before;
        println!(
            "  {per_key:>2} admissions in the window: {:>4} bytes per active key ({:.0} MiB in all)",
            used / keys as isize,
            used as f64 / 1048576.0
        );
        let evicted = l.evict_idle_at(t0 + Duration::from_secs(61));
        let left = LIVE.load(Ordering::Relaxed) - before;
        if per_key == 60 {
            println!(
                "  after the window: {evicted} idle keys evicted, {} bytes per key left (the \
                 swept tables shrink back)",
                left / keys as isize
            );
        }
        drop(l);
    }
}
