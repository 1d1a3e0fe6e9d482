//! Property tests of the PAN guard and card-update tokens.

use proptest::prelude::*;
use revtain::card::{find_pans, is_pan_digits, luhn_valid, redact_pans, CardUpdateLinks};

const SECRET: &str = "cusec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

/// A Luhn-valid card number with `len` digits and first digit `first`.
fn pan(first: u8, body: &[u8], len: usize) -> String {
    let mut d: Vec<u8> = std::iter::once(b'0' + first)
        .chain(body.iter().map(|b| b'0' + b % 10))
        .take(len - 1)
        .collect();
    d.push(b'0');
    for check in b'0'..=b'9' {
        *d.last_mut().unwrap() = check;
        if luhn_valid(&d) {
            break;
        }
    }
    String::from_utf8(d).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_card_number_is_found_in_text_and_redacted(
        first in 2u8..=6,
        body in proptest::collection::vec(any::<u8>(), 18),
        len in 13usize..=19,
        before in "[ a-z:=\"(,]{0,8}[ :=\"(,]",
        after in "[ :\",)][ a-z,)]{0,8}",
    ) {
        let p = pan(first, &body, len);
        prop_assert!(is_pan_digits(p.as_bytes()));
        let text = format!("{before}{p}{after}");
        prop_assert_eq!(find_pans(text.as_bytes()), vec![before.len()..before.len() + len]);
        let redacted = redact_pans(&text);
        prop_assert_eq!(redacted.len(), text.len());
        let tail = format!("{}{after}", &p[len - 4..]);
        let kept = redacted.ends_with(&tail);
        prop_assert!(kept);
        prop_assert!(find_pans(redacted.as_bytes()).is_empty());
    }

    #[test]
    fn grouped_by_fours_is_found(
        first in 2u8..=6,
        body in proptest::collection::vec(any::<u8>(), 18),
        dash in any::<bool>(),
    ) {
        let p = pan(first, &body, 16);
        let sep = if dash { "-" } else { " " };
        let grouped = [&p[0..4], &p[4..8], &p[8..12], &p[12..16]].join(sep);
        prop_assert_eq!(find_pans(grouped.as_bytes()), vec![0..19]);
    }

    #[test]
    fn redaction_never_leaves_a_card_number(text in "[0-9 -]{0,60}") {
        prop_assert!(find_pans(redact_pans(&text).as_bytes()).is_empty());
    }

    #[test]
    fn minted_tokens_verify_and_any_change_is_refused(
        customer in "[a-zA-Z0-9_ -]{1,40}",
        ttl in 1u64..=2_592_000,
        at in any::<prop::sample::Index>(),
        c in prop::sample::select(b"AQgw_-.x".to_vec()),
    ) {
        prop_assume!(!revtain::card::is_pan(&customer) && !customer.trim().is_empty());
        // Up to the longest lifetime there is (30 days): the links allow it.
        let links = CardUpdateLinks::new(SECRET, "cli_p", "https://pay.example/c")
            .unwrap()
            .with_max_lifetime(2_592_000);
        let token = links.token(&customer, ttl, None, 1_700_000_000).unwrap();
        let claims = links.verify(&token, 1_700_000_000 + ttl).unwrap();
        prop_assert_eq!(&claims.sub, &customer);
        prop_assert_eq!(claims.exp - claims.iat, ttl as i64);
        let mut bytes = token.clone().into_bytes();
        let i = at.index(bytes.len());
        prop_assume!(bytes[i] != c);
        bytes[i] = c;
        let changed = String::from_utf8(bytes).unwrap();
        // A changed character may still decode to the same bytes (base64's spare bits in the
        // last character); then the token is the same token and verifies.
        if let Ok(back) = links.verify(&changed, 1_700_000_000) {
            prop_assert_eq!(back, links.verify(&token, 1_700_000_000).unwrap());
        }
    }
}
