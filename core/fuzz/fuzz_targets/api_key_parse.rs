//! API-key parsing and scanning of arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use revtain::api_key::{self, ApiKey};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(key) = ApiKey::parse(&text) {
        assert_eq!(key.expose_secret(), text);
    }
    for m in api_key::find_api_keys(data) {
        assert!(api_key::validate(std::str::from_utf8(&data[m]).unwrap()).is_ok());
    }
    assert!(api_key::find_api_keys(&api_key::redact_api_keys_bytes(data)).is_empty());
});
