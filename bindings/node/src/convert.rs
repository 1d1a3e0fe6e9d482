//! Argument conversions shared by the functions of this module.

use napi::bindgen_prelude::*;

/// The bytes of a `string` (UTF-8) or of any `Uint8Array` view, borrowed.
pub fn bytes_of<'a>(input: &'a Either<String, &'a [u8]>) -> &'a [u8] {
    match input {
        Either::A(s) => s.as_bytes(),
        Either::B(b) => b,
    }
}
