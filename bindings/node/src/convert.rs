//! Argument conversions shared by the functions of this module.

use napi::bindgen_prelude::*;

/// The bytes of a `string` (UTF-8) or of any `Uint8Array` view, borrowed.
pub fn bytes_of<'a>(input: &'a Either<String, &'a [u8]>) -> &'a [u8] {
    match input {
        Either::A(s) => s.as_bytes(),
        Either::B(b) => b,
    }
}

/// The bytes of a `Uint8Array` view or a `string` (UTF-8), borrowed. Buffers are tried first:
/// on hot paths (webhook verification) a body is usually a Buffer, and a failed conversion
/// attempt costs an error object.
pub fn buffer_or_string<'a>(input: &'a Either<&'a [u8], String>) -> &'a [u8] {
    match input {
        Either::A(b) => b,
        Either::B(s) => s.as_bytes(),
    }
}

/// Byte ranges found in `text` as `[start, end]` pairs: string indices (UTF-16 code units) for
/// a string, byte offsets for bytes.
pub fn ranges_for(text: &Either<String, &[u8]>, found: &[std::ops::Range<usize>]) -> Vec<Vec<u32>> {
    let mut offsets: Vec<usize> = found.iter().flat_map(|r| [r.start, r.end]).collect();
    if let Either::A(s) = text {
        revtain::text::byte_to_utf16_offsets(s, &mut offsets);
    }
    offsets
        .chunks_exact(2)
        .map(|p| vec![p[0] as u32, p[1] as u32])
        .collect()
}

/// A number from JavaScript for the core's checks ([`revtain::args`]); the functions' signatures
/// already refuse values that are not numbers (a `TypeError`).
pub fn number(value: Option<f64>) -> Option<revtain::args::Number> {
    value.map(revtain::args::Number::Float)
}
