//! The checks of host values (`core::args`) and the header rule (`core::headers`): any number a
//! binding can pass (any f64 bit pattern, any integer) gets a value or a precise error, never a
//! panic, and what is accepted keeps the documented bounds; header lookup over any names and
//! values agrees with its lower-case spellings.
#![no_main]
use libfuzzer_sys::fuzz_target;
use revtain::args::{self, Number, MAX_UNIX_SECONDS};
use revtain::headers;

fuzz_target!(|data: &[u8]| {
    let mut word = [0u8; 16];
    let n = data.len().min(16);
    word[..n].copy_from_slice(&data[..n]);
    let int = i128::from_le_bytes(word);
    let float = f64::from_bits(u64::from_le_bytes(word[..8].try_into().unwrap()));
    for v in [Number::Int(int), Number::Float(float)] {
        if let Ok(Some(t)) = args::unix_seconds(Some(v), "now") {
            assert!(t <= MAX_UNIX_SECONDS);
        }
        if let Ok(Some(d)) = args::unix_time(Some(v), "now") {
            assert!(d.as_secs() <= MAX_UNIX_SECONDS);
        }
        if let Ok(s) = args::whole_seconds(v, "tolerance", 86_400) {
            assert!(s <= 86_400);
        }
        if let Ok(d) = args::seconds(v, "timeout", true) {
            assert!(!d.is_zero());
        }
        if let Ok(c) = args::count(v, "limit", 1, 1_000_000) {
            assert!((1..=1_000_000).contains(&c));
        }
        // Every error is a sentence naming the argument.
        if let Err(e) = args::count(v, "limit", 1, 10) {
            assert!(e.0.contains("limit"));
        }
    }
    // Header names and values from the rest of the input: the rule matches exactly the entries
    // whose lower-cased name is one of the name's spellings, and a second match is a duplicate.
    let rest = data.get(16..).unwrap_or_default();
    let pairs: Vec<(&[u8], &[u8])> = rest
        .split(|&b| b == b'\n')
        .map(|line| match line.iter().position(|&b| b == b':') {
            Some(i) => (&line[..i], &line[i + 1..]),
            None => (line, &[][..]),
        })
        .collect();
    for name in ["X-Revtain-Signature", "Stripe-Signature", "webhook-id"] {
        let spellings = headers::lowercase_spellings(name);
        let matching = pairs
            .iter()
            .filter(|(n, _)| spellings.iter().any(|s| n.eq_ignore_ascii_case(s.as_bytes())))
            .count();
        for (n, _) in &pairs {
            let by_spelling = spellings.iter().any(|s| n.eq_ignore_ascii_case(s.as_bytes()));
            assert_eq!(headers::name_matches(n, name), by_spelling, "{n:?} {name}");
        }
        match headers::find(pairs.iter().copied(), name) {
            Ok(found) => assert_eq!(usize::from(found.is_some()), matching),
            Err(_) => assert!(matching > 1),
        }
        for (_, v) in &pairs {
            let t = headers::trim(v);
            assert!(t.len() <= v.len());
        }
    }
});
