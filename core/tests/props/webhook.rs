//! Property tests of webhook signing and verification.

use proptest::prelude::*;
use revtain::webhook::{Webhook, WebhookError, WebhookSigner};

fn secret(seed: u8) -> String {
    use base64::Engine as _;
    let key: Vec<u8> = (0..32u8)
        .map(|i| i.wrapping_mul(31).wrapping_add(seed))
        .collect();
    format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(key)
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn what_is_signed_verifies_within_the_tolerance(
        body in proptest::collection::vec(any::<u8>(), 0..2048),
        seeds in proptest::collection::vec(any::<u8>(), 1..4),
        t in 0u64..=i64::MAX as u64,
        skew in -300i64..=300,
        pick in any::<prop::sample::Index>(),
    ) {
        let secrets: Vec<String> = seeds.iter().map(|&s| secret(s)).collect();
        let headers = WebhookSigner::new(&secrets).unwrap().sign(&body, "evt_p", t).unwrap();
        // A verifier holding any one of the signer's secrets accepts.
        let one = &secrets[pick.index(secrets.len())];
        let webhook = Webhook::new(&[one]).unwrap();
        let now = t.saturating_add_signed(skew);
        prop_assert_eq!(webhook.verify_headers(&body, headers.iter(), now), Ok(t));
    }

    #[test]
    fn any_bit_flip_in_the_body_is_a_mismatch(
        body in proptest::collection::vec(any::<u8>(), 1..512),
        at in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let s = secret(1);
        let header = WebhookSigner::new(&[&s]).unwrap().signature_header(&body, 1_700_000_000);
        let mut tampered = body.clone();
        tampered[at.index(body.len())] ^= 1 << bit;
        let r = Webhook::new(&[&s]).unwrap().verify_signature(&tampered, header.as_bytes(), 1_700_000_000);
        prop_assert_eq!(r, Err(WebhookError::SignatureMismatch { secrets: 1, public_keys: 0 }));
    }

    #[test]
    fn any_change_to_a_signature_character_never_verifies(
        at in 0usize..64,
        c in prop::sample::select(b"0123456789abcdefABCDEF g".to_vec()),
    ) {
        let s = secret(2);
        let header = WebhookSigner::new(&[&s]).unwrap().signature_header(b"{}", 1_700_000_000);
        let mut bytes = header.into_bytes();
        let i = bytes.len() - 64 + at;
        prop_assume!(bytes[i] != c);
        bytes[i] = c;
        let r = Webhook::new(&[&s]).unwrap().verify_signature(b"{}", &bytes, 1_700_000_000);
        prop_assert!(r.is_err());
    }

    #[test]
    fn outside_the_tolerance_is_stale_with_the_exact_age(
        t in 1_000_000u64..4_000_000_000,
        tolerance in 0u64..100_000,
        beyond in 1u64..1_000_000,
        future in any::<bool>(),
    ) {
        let s = secret(3);
        let header = WebhookSigner::new(&[&s]).unwrap().signature_header(b"x", t);
        let now = if future { t.saturating_sub(tolerance + beyond) } else { t + tolerance + beyond };
        prop_assume!(now.abs_diff(t) > tolerance);
        let err = Webhook::new(&[&s]).unwrap().with_tolerance(tolerance)
            .verify_signature(b"x", header.as_bytes(), now).unwrap_err();
        prop_assert_eq!(err.age(), Some(now as i64 - t as i64));
        prop_assert_eq!(err.tolerance(), Some(tolerance));
    }

    #[test]
    fn whitespace_around_entries_is_tolerated(
        pads in proptest::collection::vec(prop::sample::select(vec!["", " ", "  ", "\t"]), 4),
    ) {
        let s = secret(4);
        let header = WebhookSigner::new(&[&s]).unwrap().signature_header(b"{}", 1_700_000_000);
        let (t, v1) = header.split_once(',').unwrap();
        let padded = format!("{}{t}{},{}{v1}{}", pads[0], pads[1], pads[2], pads[3]);
        prop_assert_eq!(
            Webhook::new(&[&s]).unwrap().verify_signature(b"{}", padded.as_bytes(), 1_700_000_000),
            Ok(1_700_000_000)
        );
    }
}
