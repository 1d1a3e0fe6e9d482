//! Project Wycheproof vectors for the primitives the library is built on, as configured here:
//! AES-256-GCM with a 96-bit nonce and a 128-bit tag (the vault), HMAC-SHA256 (API-key
//! lookup hashes, webhook signatures) and Ed25519 (`v1a` webhook signatures, through the
//! library's own verification), with RFC 8032's test vectors for the last.

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

#[test]
fn ed25519() {
    let set = wycheproof::eddsa::TestSet::load(wycheproof::eddsa::TestName::Ed25519).unwrap();
    let mut ran = 0;
    for group in set.test_groups {
        for t in group.tests {
            let ok = revtain::webhook::ed25519_verify_raw(&group.key.pk, &t.msg, &t.sig);
            match t.result {
                TestResult::Valid => assert!(ok, "tcId {} {:?}", t.tc_id, t.flags),
                // Strict verification refuses what Wycheproof merely tolerates.
                TestResult::Acceptable => {}
                TestResult::Invalid => assert!(!ok, "tcId {} {:?}", t.tc_id, t.flags),
            }
            ran += 1;
        }
    }
    assert!(ran > 100, "only {ran} Ed25519 vectors ran");
}

#[test]
fn ed25519_rfc8032() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/ed25519_rfc8032.json"
    ))
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let hex = |c: &serde_json::Value, k: &str| -> Vec<u8> {
        let s = c[k].as_str().unwrap();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    };
    let b64 = |b: &[u8]| {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(b)
    };
    let cases = v["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 3);
    for c in cases {
        let (seed, public) = (hex(c, "secret_key"), hex(c, "public_key"));
        let (msg, mut sig) = (hex(c, "message"), hex(c, "signature"));
        // The public key the library derives from the seed, through its key texts.
        let derived =
            revtain::webhook::webhook_public_key(format!("whsk_{}", b64(&seed)).as_bytes())
                .unwrap();
        assert_eq!(derived, format!("whpk_{}", b64(&public)), "{}", c["id"]);
        assert!(
            revtain::webhook::ed25519_verify_raw(&public, &msg, &sig),
            "{}",
            c["id"]
        );
        for bit in [0, 255, 256, 511] {
            sig[bit / 8] ^= 1 << (bit % 8);
            assert!(
                !revtain::webhook::ed25519_verify_raw(&public, &msg, &sig),
                "{} bit {bit}",
                c["id"]
            );
            sig[bit / 8] ^= 1 << (bit % 8);
        }
        let mut other = msg.clone();
        other.push(0);
        assert!(
            !revtain::webhook::ed25519_verify_raw(&public, &other, &sig),
            "{}",
            c["id"]
        );
    }
}

/// ECDSA P-256 / SHA-256 with DER signatures, as GitHub signs secret-scanning alerts: each
/// Wycheproof key goes through a public-key document as GitHub publishes it (the key as PEM),
/// each signature through the `Github-Public-Key-Signature` header, each message as the body.
#[test]
fn ecdsa_p256_sha256_through_secret_alerts() {
    use base64::Engine as _;
    use revtain::secret_alert::{verify_github_secret_alert, GithubPublicKeys, SecretAlertError};
    let set = wycheproof::ecdsa::TestSet::load(wycheproof::ecdsa::TestName::EcdsaSecp256r1Sha256)
        .unwrap();
    let mut ran = 0;
    for group in set.test_groups {
        let doc = serde_json::json!({"public_keys": [
            {"key_identifier": "w", "key": group.pem, "is_current": true}
        ]});
        let keys = GithubPublicKeys::parse(doc.to_string().as_bytes()).unwrap();
        for t in group.tests {
            let sig = base64::engine::general_purpose::STANDARD.encode(&t.sig[..]);
            let headers = [
                ("Github-Public-Key-Identifier", "w"),
                ("Github-Public-Key-Signature", sig.as_str()),
            ];
            // Verified: parsed into matches, or refused only by the parser.
            let verified = match verify_github_secret_alert(&t.msg, headers, &keys) {
                Ok(_) | Err(SecretAlertError::MalformedBody(_)) => true,
                Err(SecretAlertError::SignatureMismatch(_)) => false,
                Err(e) => panic!("tcId {}: {e}", t.tc_id),
            };
            match t.result {
                TestResult::Valid => assert!(verified, "tcId {} {:?}", t.tc_id, t.flags),
                TestResult::Acceptable => {}
                TestResult::Invalid => assert!(!verified, "tcId {} {:?}", t.tc_id, t.flags),
            }
            ran += 1;
        }
    }
    assert!(ran > 100, "only {ran} ECDSA P-256 vectors ran");
}
