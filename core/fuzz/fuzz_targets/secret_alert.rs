//! GitHub secret-scanning alerts: any public-key document, headers and body give matches or an
//! error, never a panic; nothing verifies under GitHub's published key but what it signed (the
//! fuzzer cannot forge ECDSA); a match's shown form never holds a token over 12 characters.
#![no_main]
use libfuzzer_sys::fuzz_target;
use revtain::secret_alert::{secret_alert_response, verify_github_secret_alert, GithubPublicKeys};

const GITHUB_DOC: &str = r#"{"public_keys":[{"key_identifier":"90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a","key":"-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9MJJHnMfn2+H4xL4YaPDA4RpJqUq\nkCmRCBnYERxZanmcpzQSXs1X/AljlKkbJ8qpVIW4clayyef9gWhFbNHWAA==\n-----END PUBLIC KEY-----\n","is_current":true}]}"#;
const KEY_ID: &str = "90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a";
const GITHUB_BODY: &[u8] = br#"[{"token":"some_token","type":"some_type","url":"some_url"}]"#;

fuzz_target!(|data: &[u8]| {
    // Split: a document, a signature header, a body (separated by 0xFF).
    let mut parts = data.splitn(3, |&b| b == 0xFF);
    let (doc, sig, body) = (parts.next().unwrap_or(&[]), parts.next().unwrap_or(&[]), parts.next().unwrap_or(&[]));
    if let Ok(keys) = GithubPublicKeys::parse(doc) {
        let id = keys.key_ids().next().unwrap_or("").to_owned();
        let _ = verify_github_secret_alert(body, [("Github-Public-Key-Identifier", id.as_bytes()), ("Github-Public-Key-Signature", sig)], &keys);
    }
    let github = GithubPublicKeys::parse(GITHUB_DOC.as_bytes()).unwrap();
    let headers = [("Github-Public-Key-Identifier", KEY_ID.as_bytes()), ("Github-Public-Key-Signature", sig)];
    if let Ok(alerts) = verify_github_secret_alert(body, headers, &github) {
        assert_eq!(body, GITHUB_BODY, "only GitHub's signed example verifies");
        for a in &alerts {
            assert!(a.token.chars().count() <= 12 || !a.describe().contains(&a.token));
        }
        let _ = secret_alert_response(&alerts, |_| Ok::<_, ()>(true));
    }
});
