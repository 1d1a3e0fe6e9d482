//! Envelope decoding: any bytes, binary or `rvc1:` text, must give a result or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use revtain::vault::{Context, Keyring};

fuzz_target!(|data: &[u8]| {
    let keyring = Keyring::from_keys([
        (1, std::array::from_fn(|i| 7 + i as u8)),
        (0x0101_0101, std::array::from_fn(|i| 9 + i as u8)),
    ])
    .unwrap();
    let ctx = Context::from_pairs([("tenant", "t")]).unwrap();
    let _ = Keyring::inspect(data);
    let _ = keyring.needs_rotation(data);
    if let Ok(plain) = keyring.open(data, &ctx) {
        // Anything that opens must have been sealed with these keys: reseal round-trips.
        let again = keyring.reseal_bytes(data, &ctx).unwrap();
        assert_eq!(*keyring.open(&again, &ctx).unwrap(), *plain);
    }
});
