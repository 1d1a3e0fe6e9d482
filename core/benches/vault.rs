//! Vault throughput: seal and open at 64 B, 1 KiB, 16 KiB and 1 MiB, a 1 KiB round trip, and
//! the bare AES-256-GCM primitive beside them to show what the envelope adds.
//! `bench/vault.sh` runs this next to `openssl speed` and writes the ratios.

use std::hint::black_box;

use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use revtain::vault::{Context, Keyring};

const SIZES: [usize; 4] = [64, 1024, 16 * 1024, 1024 * 1024];

fn bench(c: &mut Criterion) {
    let keyring = Keyring::from_keys([(1, std::array::from_fn(|i| 7 + i as u8))]).unwrap();
    let ctx = Context::from_pairs([
        ("tenant", "ten_8f3a"),
        ("gateway", "stripe"),
        ("field", "secret_key"),
    ])
    .unwrap();
    let mut group = c.benchmark_group("vault");
    for size in SIZES {
        let pt = vec![0x5au8; size];
        let sealed = keyring.seal_bytes(&pt, &ctx).unwrap();
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::new("seal_bytes", size), &pt, |b, pt| {
            b.iter(|| keyring.seal_bytes(black_box(pt), &ctx).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("open", size), &sealed, |b, env| {
            b.iter(|| keyring.open(black_box(env), &ctx).unwrap())
        });
        group.bench_with_input(
            BenchmarkId::new("seal_into_reused_buffer", size),
            &pt,
            |b, pt| {
                let mut out = vec![0u8; pt.len() + revtain::vault::OVERHEAD];
                b.iter(|| keyring.seal_into(black_box(pt), &ctx, &mut out).unwrap())
            },
        );
        group.bench_with_input(
            BenchmarkId::new("open_into_reused_buffer", size),
            &sealed,
            |b, env| {
                let mut out = vec![0u8; size];
                b.iter(|| {
                    keyring
                        .open_binary_into(black_box(env), &ctx, &mut out)
                        .unwrap()
                })
            },
        );
        let cipher = Aes256Gcm::new(&[7u8; 32].into());
        group.bench_with_input(
            BenchmarkId::new("aes_gcm_encrypt_in_place", size),
            &pt,
            |b, pt| {
                let mut buf = pt.clone();
                b.iter(|| {
                    cipher
                        .encrypt_inout_detached(
                            &Nonce::from([1u8; 12]),
                            b"aad",
                            black_box(&mut buf[..]).into(),
                        )
                        .unwrap()
                })
            },
        );
    }
    let pt = vec![0x5au8; 1024];
    group.throughput(Throughput::Bytes(1024));
    group.bench_function("round_trip_1024", |b| {
        b.iter(|| {
            let env = keyring.seal_bytes(black_box(&pt), &ctx).unwrap();
            keyring.open(&env, &ctx).unwrap()
        })
    });
    group.bench_function("nonce_from_os_12_bytes", |b| {
        b.iter(|| {
            let mut n = [0u8; 12];
            getrandom::fill(&mut n).unwrap();
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
