//! Fails when `include/revtain.h` is not what the pinned cbindgen generates from `ffi/src`.
//! `REVTAIN_BLESS=1 cargo test -p revtain-ffi --test header` (or `make header`) rewrites it.

use std::path::PathBuf;

#[test]
fn header_is_up_to_date() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut generated = Vec::new();
    bindings.write(&mut generated);
    let path = crate_dir.join("../include/revtain.h");
    if std::env::var_os("REVTAIN_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write include/revtain.h");
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/revtain.h is stale: run `make header` and commit the result"
    );
}
