//! Project Wycheproof vectors for the primitives the library is built on, as configured here:
//! AES-256-GCM with a 96-bit nonce and a 128-bit tag (the vault) and HMAC-SHA256 (API-key
//! lookup hashes, webhook signatures).

use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce, Tag};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use wycheproof::TestResult;

#[test]
fn aes_256_gcm() {
    let set = wycheproof::aead::TestSet::load(wycheproof::aead::TestName::AesGcm).unwrap();
    let mut ran = 0;
    for group in set.test_groups {
        if group.key_size != 256 || group.nonce_size != 96 || group.tag_size != 128 {
            continue;
        }
        for t in group.tests {
            let cipher = Aes256Gcm::new_from_slice(&t.key).unwrap();
            let nonce = Nonce::try_from(&t.nonce[..]).unwrap();
            let mut buf = t.pt.to_vec();
            let tag = cipher
                .encrypt_inout_detached(&nonce, &t.aad, (&mut buf[..]).into())
                .unwrap();
            let mut ct = t.ct.to_vec();
            let opened = match Tag::try_from(&t.tag[..]) {
                Ok(tag) => {
                    cipher.decrypt_inout_detached(&nonce, &t.aad, (&mut ct[..]).into(), &tag)
                }
                Err(_) => Err(aes_gcm::aead::Error),
            };
            match t.result {
                TestResult::Valid | TestResult::Acceptable => {
                    assert_eq!(buf, *t.ct, "tcId {}", t.tc_id);
                    assert_eq!(tag.as_slice(), t.tag.as_slice(), "tcId {}", t.tc_id);
                    assert!(opened.is_ok(), "tcId {}", t.tc_id);
                    assert_eq!(ct, *t.pt, "tcId {}", t.tc_id);
                }
                TestResult::Invalid => assert!(opened.is_err(), "tcId {} {:?}", t.tc_id, t.flags),
            }
            ran += 1;
        }
    }
    assert!(ran > 50, "only {ran} AES-256-GCM vectors ran");
}

#[test]
fn hmac_sha256() {
    let set = wycheproof::mac::TestSet::load(wycheproof::mac::TestName::HmacSha256).unwrap();
    let mut ran = 0;
    for group in set.test_groups {
        for t in group.tests {
            let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&t.key).unwrap();
            mac.update(&t.msg);
            let full = mac.finalize().into_bytes();
            let matches = full.len() >= t.tag.len() && full[..t.tag.len()] == t.tag[..];
            // We only ever use and accept the full 32-byte tag; truncated tags are not ours.
            let ours = matches && t.tag.len() == 32;
            match t.result {
                TestResult::Valid | TestResult::Acceptable if t.tag.len() == 32 => {
                    assert!(ours, "tcId {}", t.tc_id)
                }
                TestResult::Valid | TestResult::Acceptable => assert!(matches, "tcId {}", t.tc_id),
                TestResult::Invalid => assert!(!ours, "tcId {}", t.tc_id),
            }
            ran += 1;
        }
    }
    assert!(ran > 50, "only {ran} HMAC-SHA256 vectors ran");
}
