//! Round trips for every connector: a request signed the way the platform signs it (by an
//! independent signer, `support/connector_signer.rs`) verifies, with the scheme's timestamp and
//! id; any change to the body, the secret or the signature is refused with the right kind; the
//! window holds at its edges. Bodies, secrets and times are random.

use proptest::prelude::*;
use revtain::connector::{verify, VerifyOptions, CONNECTORS};
use revtain::ErrorKind;

#[path = "../support/connector_signer.rs"]
mod connector_signer;
use connector_signer::sign;

fn options(s: &connector_signer::Signed, now: u64) -> VerifyOptions<'static> {
    VerifyOptions {
        now: Some(now),
        notification_url: s.notification_url,
        public_key: s.public_key,
        ..VerifyOptions::default()
    }
}

/// The schemes whose body is the message as sent (Braintree and Adyen wrap it).
fn body_is_message(name: &str) -> bool {
    !matches!(name, "braintree" | "adyen")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn signed_requests_verify(
        which in 0..CONNECTORS.len(),
        body in proptest::collection::vec(any::<u8>(), 0..600),
        seed in proptest::collection::vec(any::<u8>(), 1..24),
        t in 1_000_000_000u64..4_000_000_000,
    ) {
        let name = CONNECTORS[which];
        let s = sign(name, &body, &seed, t);
        let event = verify(name, &s.headers, &s.body, s.secret.as_bytes(), &options(&s, t));
        let event = event.map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        prop_assert_eq!(event.connector, name);
        match name {
            "stripe" | "recharge" | "recurly" | "paddle" | "standard" => {
                prop_assert_eq!(event.timestamp, Some(t))
            }
            _ => prop_assert_eq!(event.timestamp, None),
        }
        if name == "braintree" {
            prop_assert_eq!(event.payload.as_deref(), Some(&body[..]));
        }
        if name == "standard" {
            prop_assert!(event.id.is_some_and(|id| id.starts_with("msg_")));
        }
    }

    #[test]
    fn any_change_is_refused(
        which in 0..CONNECTORS.len(),
        body in proptest::collection::vec(any::<u8>(), 1..300),
        seed in proptest::collection::vec(any::<u8>(), 1..24),
        flip in any::<usize>(),
        bit in 0u8..8,
    ) {
        let name = CONNECTORS[which];
        let t = 1_700_000_000;
        let s = sign(name, &body, &seed, t);
        let opts = options(&s, t);
        // The body: one bit flipped in the message (for the wrapping schemes, re-sign another
        // body with this secret's seed and swap only the signature-carrying parts below).
        if body_is_message(name) && name != "chargebee" {
            let mut tampered = s.body.clone();
            let i = flip % tampered.len();
            tampered[i] ^= 1 << bit;
            let e = verify(name, &s.headers, &tampered, s.secret.as_bytes(), &opts).unwrap_err();
            prop_assert_eq!(e.kind(), ErrorKind::ConnectorSignatureMismatch, "{}: {}", name, e);
        }
        // The secret: another seed signs differently (Chargebee: other credentials).
        let mut other = seed.clone();
        let j = flip % other.len();
        other[j] ^= 1 << bit;
        let s2 = sign(name, &body, &other, t);
        let e = verify(name, &s.headers, &s.body, s2.secret.as_bytes(), &opts).unwrap_err();
        prop_assert_eq!(e.kind(), ErrorKind::ConnectorSignatureMismatch, "{}: {}", name, e);
        // A signature from another request never verifies this one (for the schemes whose
        // signature travels beside the body rather than inside it).
        let s3 = sign(name, &[&body[..], b"!"].concat(), &seed, t);
        if body_is_message(name) && name != "chargebee" {
            let e = verify(name, &s3.headers, &s.body, s.secret.as_bytes(), &opts);
            let e2 = verify(name, &s.headers, &s3.body, s.secret.as_bytes(), &opts);
            prop_assert!(e.is_err() || e2.is_err(), "{}", name);
        }
    }

    #[test]
    fn window_edges(
        which in 0..5usize,
        tolerance in 0u64..200_000,
        t in 1_000_000_000u64..2_000_000_000,
    ) {
        let name = ["stripe", "recharge", "recurly", "paddle", "standard"][which];
        let s = sign(name, b"{}", b"seed", t);
        // Recurly's signer adds 123 ms: its edges are a second later in the past direction.
        let slack = u64::from(name == "recurly");
        let at = |now: u64| VerifyOptions { tolerance: Some(tolerance), ..options(&s, now) };
        let check = |now| verify(name, &s.headers, &s.body, s.secret.as_bytes(), &at(now));
        prop_assert!(check(t + tolerance).is_ok());
        prop_assert!(check(t - tolerance).is_ok() || slack == 1);
        let late = check(t + tolerance + 1 + slack).unwrap_err();
        prop_assert_eq!(late.kind(), ErrorKind::ConnectorTimestampOutOfTolerance);
        prop_assert_eq!(late.tolerance(), Some(tolerance));
        prop_assert!(late.age().unwrap() > tolerance as i64);
        let early = check(t - tolerance - 1).unwrap_err();
        prop_assert!(early.age().unwrap() < 0, "{}", name);
    }
}

#[test]
fn defaults_are_the_platforms_windows() {
    for (name, window) in [
        ("stripe", 300),
        ("recharge", 48 * 3600),
        ("recurly", 300),
        ("paddle", 300),
        ("standard", 300),
    ] {
        let t = 1_700_000_000;
        let s = sign(name, b"{}", b"seed", t);
        let ok = verify(
            name,
            &s.headers,
            &s.body,
            s.secret.as_bytes(),
            &options(&s, t + window),
        );
        assert!(ok.is_ok(), "{name}");
        let late = verify(
            name,
            &s.headers,
            &s.body,
            s.secret.as_bytes(),
            &options(&s, t + window + 2),
        );
        assert_eq!(late.unwrap_err().tolerance(), Some(window), "{name}");
    }
}
