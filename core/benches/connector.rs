//! Every connector verifying a 1 KiB body, beside a bare HMAC of the same bytes keyed per call
//! (RustCrypto `hmac`: what the verifiers use) in one criterion run, to show each verifier runs
//! at the speed of its hash: the parsing, header lookup and comparison around it are noise.
//! `make bench` runs it; `docs/benchmarks.md` has the figures.
//!
//! Before criterion's runs it prints, for each connector, the median over 31 rounds of
//! (connector time / bare HMAC time), the two measured back to back in each round: on a shared,
//! noisy machine the ratio of neighbours is steadier than two absolute times taken a minute
//! apart.

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use revtain::connector::{verify, VerifyOptions, CONNECTORS};
use sha1::Sha1;
use sha2::{Sha256, Sha512};

#[path = "../tests/support/connector_signer.rs"]
mod connector_signer;

const T: u64 = 1_700_000_000;

fn bare<'a, M: Mac + KeyInit>(key: &'a [u8], body: &'a [u8]) -> impl Fn() -> Vec<u8> + 'a {
    move || {
        let mut m = <M as KeyInit>::new_from_slice(key).unwrap();
        m.update(black_box(body));
        m.finalize().into_bytes().to_vec()
    }
}

/// Median of per-round ratios `f / g`, each round timing `n` calls of each back to back.
fn interleaved_ratio(mut f: impl FnMut(), mut g: impl FnMut(), n: u32) -> f64 {
    let time = |h: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..n {
            h();
        }
        start.elapsed().as_secs_f64()
    };
    let mut ratios: Vec<f64> = (0..31).map(|_| time(&mut f) / time(&mut g)).collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}

fn bench(c: &mut Criterion) {
    let unit = br#"{"id":"evt_1","type":"invoice.payment_failed","data":[]}"#;
    let body: Vec<u8> = unit.iter().copied().cycle().take(1024).collect();
    let key = b"0123456789abcdef0123456789abcdef";
    let mut group = c.benchmark_group("connector_1KiB");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("bare_hmac_sha256", |b| {
        b.iter(bare::<Hmac<Sha256>>(key, &body))
    });
    group.bench_function("bare_hmac_sha512", |b| {
        b.iter(bare::<Hmac<Sha512>>(key, &body))
    });
    group.bench_function("bare_hmac_sha1", |b| b.iter(bare::<Hmac<Sha1>>(key, &body)));
    println!("connector / bare HMAC of the same 1 KiB, median of 31 interleaved rounds:");
    for name in CONNECTORS {
        let s = connector_signer::sign(name, &body, b"bench-seed-0123456789", T);
        let options = VerifyOptions {
            now: Some(T),
            notification_url: s.notification_url,
            public_key: s.public_key,
            ..VerifyOptions::default()
        };
        assert!(
            verify(name, &s.headers, &s.body, s.secret.as_bytes(), &options).is_ok(),
            "{name}"
        );
        let verify_once = || {
            black_box(verify(
                black_box(name),
                black_box(&s.headers),
                black_box(&s.body),
                s.secret.as_bytes(),
                &options,
            ))
            .ok();
        };
        let (peer, ratio) = match *name {
            "paystack" => (
                "HMAC-SHA512",
                interleaved_ratio(
                    verify_once,
                    || drop(bare::<Hmac<Sha512>>(key, &body)()),
                    2000,
                ),
            ),
            "braintree" => (
                "HMAC-SHA1",
                interleaved_ratio(verify_once, || drop(bare::<Hmac<Sha1>>(key, &body)()), 2000),
            ),
            _ => (
                "HMAC-SHA256",
                interleaved_ratio(
                    verify_once,
                    || drop(bare::<Hmac<Sha256>>(key, &body)()),
                    2000,
                ),
            ),
        };
        println!("  {name:<13} {ratio:>5.2} x bare {peer}");
        group.bench_function(*name, |b| b.iter(verify_once));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
