fn main() {
    // Give librevtain.so a soname so that programs linked against it keep working across
    // compatible upgrades (`make install` adds the librevtain.so.0 link).
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,librevtain.so.0");
    }
}
