//! The PAN scanner and redaction: any bytes give ranges that are card numbers, and redaction
//! leaves no card number behind and keeps the length.
#![no_main]
use libfuzzer_sys::fuzz_target;
use revtain::card::{find_pans, is_pan_digits, redact_pans_bytes};

fuzz_target!(|data: &[u8]| {
    let found = find_pans(data);
    let mut last_end = 0;
    for r in &found {
        assert!(r.start >= last_end && r.end <= data.len() && r.start < r.end);
        last_end = r.end;
        let digits: Vec<u8> = data[r.clone()].iter().copied().filter(u8::is_ascii_digit).collect();
        assert!(is_pan_digits(&digits));
    }
    let redacted = redact_pans_bytes(data);
    assert_eq!(redacted.len(), data.len());
    assert!(find_pans(&redacted).is_empty());
    if let Ok(text) = std::str::from_utf8(data) {
        assert_eq!(revtain::card::redact_pans(text).as_bytes(), &redacted[..]);
    }
});
