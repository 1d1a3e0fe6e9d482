//! Every connector verifying a 1 KiB body, beside a bare HMAC of the same bytes keyed per call
//! (RustCrypto `hmac`: what the verifiers use) in one criterion run, to show each verifier runs
//! at the speed of its hash: the parsing, header lookup and comparison around it are noise.
//! `make bench` runs it; `docs/benchmarks.md` has the figures.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use revtain::connectors::{verify, VerifyOptions, CONNECTORS};
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
        group.bench_function(*name, |b| {
            b.iter(|| {
                verify(
                    black_box(name),
                    black_box(&s.headers),
                    black_box(&s.body),
                    s.secret.as_bytes(),
                    &options,
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
