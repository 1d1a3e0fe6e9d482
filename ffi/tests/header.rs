//! Fails when `include/revtain.h` is not what the pinned cbindgen generates from `ffi/src`.
//! `REVTAIN_BLESS=1 cargo test -p revtain-ffi --test header` (or `make header`) rewrites it.

use std::path::PathBuf;

#[test]
fn header_is_up_to_date() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml");
    // The version as macros, from Cargo.toml (cbindgen writes only literal constants, and the
    // version is Cargo's): a C program can check at compile time what it was built against,
    // and `revtain_version()` at run time what it runs with.
    config.after_includes = Some(format!(
        "\n/* The version of the library this header belongs to (Cargo.toml). */\n\
         #define REVTAIN_VERSION_MAJOR {}\n\
         #define REVTAIN_VERSION_MINOR {}\n\
         #define REVTAIN_VERSION_PATCH {}\n\
         #define REVTAIN_VERSION_STRING \"{}\"",
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
        env!("CARGO_PKG_VERSION"),
    ));
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
