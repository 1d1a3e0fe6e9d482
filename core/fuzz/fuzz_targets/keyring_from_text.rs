//! Keyring text parsing, and the round trip of anything it accepts.
#![no_main]
use libfuzzer_sys::fuzz_target;
use revtain::vault::Keyring;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(k) = Keyring::from_text(text) {
            let again = Keyring::from_text(&k.to_text()).unwrap();
            assert_eq!(again.key_ids(), k.key_ids());
        }
    }
});
