//! Webhook verification of a 1 KiB body beside OpenSSL's HMAC-SHA256 of the same bytes
//! (docs/spec.md §4: ours must be no slower), in one criterion run. `make bench` runs it.
//!
//! - `revtain_verify_signature`: everything a merchant's call does: parse the header, key the
//!   HMAC (cloned from the state keyed once in `Webhook::new`), MAC `t.body`, compare.
//! - `openssl_hmac_sha256_keyed_once`: OpenSSL 3's HMAC of `t.body` alone, from an
//!   `EVP_MAC_CTX` keyed once and duplicated per call (its fastest way, and what our `Webhook`
//!   does with the `hmac` crate); no header parsing and no comparison.
//! - `openssl_hmac_sha256_signer`: the same through the `openssl` crate's `Signer` (keyed per
//!   call), the way most Rust code calls OpenSSL.
//! - `rustcrypto_hmac_sha256`: the same with the `hmac` crate, keyed per call.
//!
//! Group `webhook_v1a_1KiB` (docs/spec.md §2.9): the same 1 KiB webhook signed with Ed25519,
//! verified with a `whpk_` public key (`revtain_verify_v1a`: parse, decode the base64, strict
//! RFC 8032 verification) beside the HMAC verify (`revtain_verify_v1`) and OpenSSL's Ed25519
//! verification of the same signed bytes (`openssl_ed25519_verify`: the signature already
//! decoded, no header); and signing (`revtain_sign_v1a`, `openssl_ed25519_sign`).

// The OpenSSL peer is called through its C API (EVP_MAC, which the openssl crate does not
// wrap).
#![allow(unsafe_code)]

use std::ffi::c_char;
use std::hint::black_box;
use std::ptr;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use openssl::hash::MessageDigest;
use openssl::pkey::{Id, PKey};
use openssl::sign::{Signer, Verifier};
use openssl_sys as ffi;
use revtain::webhook::{Webhook, WebhookSigner};
use sha2::Sha256;

const SECRET: &str = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
const KEY: &[u8; 32] = b"0123456789abcdef0123456789abcdef";
const T: u64 = 1_700_000_000;

fn bench(c: &mut Criterion) {
    let unit = br#"{"id":"evt_1","data":[]}"#;
    let body: Vec<u8> = unit.iter().copied().cycle().take(1024).collect();
    let mut signed = Vec::with_capacity(body.len() + 11);
    signed.extend_from_slice(T.to_string().as_bytes());
    signed.push(b'.');
    signed.extend_from_slice(&body);

    let webhook = Webhook::new(&[SECRET]).unwrap();
    let signer = WebhookSigner::new(&[SECRET]).unwrap();
    let header = signer.signature_header(&body, T);
    assert_eq!(webhook.verify_signature(&body, header.as_bytes(), T), Ok(T));

    let pkey = PKey::hmac(KEY).unwrap();
    let mut group = c.benchmark_group("webhook_1KiB");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("revtain_verify_signature", |b| {
        b.iter(|| webhook.verify_signature(black_box(&body), black_box(header.as_bytes()), T))
    });
    let mac = OpensslHmac::new(KEY);
    assert_eq!(
        mac.mac(&signed)[..],
        Signer::new(MessageDigest::sha256(), &pkey)
            .and_then(|mut s| {
                s.update(&signed)?;
                s.sign_to_vec()
            })
            .unwrap()[..]
    );
    group.bench_function("openssl_hmac_sha256_keyed_once", |b| {
        b.iter(|| mac.mac(black_box(&signed)))
    });
    group.bench_function("openssl_hmac_sha256_signer", |b| {
        b.iter(|| {
            let mut s = Signer::new(MessageDigest::sha256(), &pkey).unwrap();
            s.update(black_box(&signed)).unwrap();
            s.sign_to_vec().unwrap()
        })
    });
    group.bench_function("rustcrypto_hmac_sha256", |b| {
        b.iter(|| {
            let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(KEY).unwrap();
            mac.update(black_box(&signed));
            mac.finalize().into_bytes()
        })
    });
    let empty_header = signer.signature_header(b"", T);
    group.bench_function("revtain_verify_signature_empty_body", |b| {
        b.iter(|| webhook.verify_signature(black_box(b""), black_box(empty_header.as_bytes()), T))
    });
    group.bench_function("rustcrypto_hmac_clone_keyed_empty", |b| {
        let keyed = <Hmac<Sha256> as KeyInit>::new_from_slice(KEY).unwrap();
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(black_box(b"1700000000."));
            mac.finalize().into_bytes()
        })
    });
    group.bench_function("revtain_sign", |b| {
        b.iter(|| signer.sign(black_box(&body), "evt_1", T).unwrap())
    });
    group.finish();

    // Ed25519 (v1a), side by side with v1 and with OpenSSL.
    let (sk, pk) = revtain::webhook::generate_webhook_signing_key().unwrap();
    let ed_signer = WebhookSigner::new(&[&*sk]).unwrap();
    let ed_webhook = Webhook::new(&[&*pk]).unwrap();
    let ed_header = ed_signer.signature_header(&body, T);
    assert_eq!(
        ed_webhook.verify_signature(&body, ed_header.as_bytes(), T),
        Ok(T)
    );
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let seed = b64.decode(&sk[5..]).unwrap();
    let public = b64.decode(&pk[5..]).unwrap();
    let signature = b64
        .decode(ed_header.split(",v1a=").nth(1).unwrap())
        .unwrap();
    let ossl_public = PKey::public_key_from_raw_bytes(&public, Id::ED25519).unwrap();
    let ossl_private = PKey::private_key_from_raw_bytes(&seed, Id::ED25519).unwrap();
    let ossl_verify = |sig: &[u8]| {
        Verifier::new_without_digest(&ossl_public)
            .unwrap()
            .verify_oneshot(sig, &signed)
            .unwrap()
    };
    assert!(ossl_verify(&signature));
    let mut group = c.benchmark_group("webhook_v1a_1KiB");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("revtain_verify_v1a", |b| {
        b.iter(|| ed_webhook.verify_signature(black_box(&body), black_box(ed_header.as_bytes()), T))
    });
    group.bench_function("revtain_verify_v1", |b| {
        b.iter(|| webhook.verify_signature(black_box(&body), black_box(header.as_bytes()), T))
    });
    group.bench_function("openssl_ed25519_verify", |b| {
        b.iter(|| ossl_verify(black_box(&signature)))
    });
    group.bench_function("revtain_sign_v1a", |b| {
        b.iter(|| ed_signer.signature_header(black_box(&body), T))
    });
    group.bench_function("openssl_ed25519_sign", |b| {
        b.iter(|| {
            let mut s = Signer::new_without_digest(&ossl_private).unwrap();
            s.sign_oneshot_to_vec(black_box(&signed)).unwrap()
        })
    });
    group.finish();
}

/// OpenSSL 3's `EVP_MAC` HMAC-SHA256, keyed once.
struct OpensslHmac {
    ctx: *mut ffi::EVP_MAC_CTX,
}

extern "C" {
    // Not exported by openssl-sys; part of OpenSSL 3's public API.
    fn OSSL_PARAM_construct_utf8_string(
        key: *const c_char,
        buf: *mut c_char,
        bsize: usize,
    ) -> ffi::OSSL_PARAM;
}

impl OpensslHmac {
    fn new(key: &[u8]) -> OpensslHmac {
        openssl::init();
        // SAFETY: plain OpenSSL 3 calls with valid, NUL-terminated names and live buffers;
        // every result is checked.
        unsafe {
            let mac = ffi::EVP_MAC_fetch(ptr::null_mut(), c"HMAC".as_ptr(), ptr::null());
            assert!(!mac.is_null());
            let ctx = ffi::EVP_MAC_CTX_new(mac);
            ffi::EVP_MAC_free(mac);
            assert!(!ctx.is_null());
            let mut digest = *b"SHA256\0";
            let params = [
                OSSL_PARAM_construct_utf8_string(c"digest".as_ptr(), digest.as_mut_ptr().cast(), 0),
                ffi::OSSL_PARAM_construct_end(),
            ];
            assert_eq!(
                ffi::EVP_MAC_init(ctx, key.as_ptr(), key.len(), params.as_ptr()),
                1
            );
            OpensslHmac { ctx }
        }
    }

    fn mac(&self, data: &[u8]) -> [u8; 32] {
        let mut out = [0u8; 32];
        let mut len = 0usize;
        // SAFETY: `self.ctx` is a keyed context; the duplicate is freed before returning.
        unsafe {
            let ctx = ffi::EVP_MAC_CTX_dup(self.ctx);
            assert!(!ctx.is_null());
            assert_eq!(ffi::EVP_MAC_update(ctx, data.as_ptr(), data.len()), 1);
            assert_eq!(
                ffi::EVP_MAC_final(ctx, out.as_mut_ptr(), &mut len, out.len()),
                1
            );
            ffi::EVP_MAC_CTX_free(ctx);
        }
        assert_eq!(len, 32);
        out
    }
}

impl Drop for OpensslHmac {
    fn drop(&mut self) {
        // SAFETY: made by EVP_MAC_CTX_new, freed once.
        unsafe { ffi::EVP_MAC_CTX_free(self.ctx) }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
