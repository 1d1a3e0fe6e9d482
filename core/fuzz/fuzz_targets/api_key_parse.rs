//! API-key parsing and scanning of arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use revtain::keys::{self, ApiKey};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(key) = ApiKey::parse(&text) {
        assert_eq!(key.expose_secret(), text);
    }
    for m in keys::find_api_keys(data) {
        assert!(keys::validate(std::str::from_utf8(&data[m]).unwrap()).is_ok());
    }
    assert!(keys::find_api_keys(&keys::redact_api_keys_bytes(data)).is_empty());
});
