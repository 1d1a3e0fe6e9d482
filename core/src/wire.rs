//! Wire primitives, one implementation each, shared by every scheme (Revtain webhooks and the
//! connectors alike): lowercase hex, base64, decimal timestamps, constant-time comparison, the
//! replay window and the `whsec_` secret.

use base64::alphabet::STANDARD as STANDARD_ALPHABET;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

pub(crate) use base64::engine::general_purpose::STANDARD;

/// Standard base64 decoding with or without the `=` padding (secrets are pasted both ways).
pub(crate) const LENIENT_STANDARD: GeneralPurpose = GeneralPurpose::new(
    &STANDARD_ALPHABET,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Lowercase hex digit values; 0xff for every other byte.
const HEX_VALUE: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// Whether every byte of `s` is a lowercase hex digit (`0-9`, `a-f`).
pub(crate) fn is_lower_hex(s: &[u8]) -> bool {
    s.iter().all(|&c| HEX_VALUE[usize::from(c)] != 0xff)
}

/// Decodes lowercase hex into `out`, which must be exactly half as long as `s`; `false` (with
/// `out` unspecified) on any other character or length. Branch-free over the digits.
pub(crate) fn decode_lower_hex_into(s: &[u8], out: &mut [u8]) -> bool {
    if s.len() != 2 * out.len() {
        return false;
    }
    let mut bad = 0u8;
    for (o, pair) in out.iter_mut().zip(s.chunks_exact(2)) {
        let (hi, lo) = (
            HEX_VALUE[usize::from(pair[0])],
            HEX_VALUE[usize::from(pair[1])],
        );
        bad |= hi | lo;
        *o = (hi << 4) | (lo & 0x0f);
    }
    // Valid digits are at most 0x0f; the marker 0xff sets the high bits.
    bad & 0xf0 == 0
}

/// Lowercase hex of any even length to bytes; `None` on any other character or an odd length.
pub(crate) fn decode_lower_hex(s: &[u8]) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    let mut out = vec![0u8; s.len() / 2];
    decode_lower_hex_into(s, &mut out).then_some(out)
}

/// Appends the lowercase hex of `bytes`.
pub(crate) fn push_lower_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for &b in bytes {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0x0f)] as char);
    }
}

/// Why a decimal timestamp did not parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DecimalError {
    /// No digits at all.
    Empty,
    /// A character that is not an ASCII digit (signs and spaces included).
    NotDigits,
    /// Above `i64::MAX`, so that `now - t` could not be represented.
    OutOfRange,
}

/// A timestamp written as decimal digits only, at most `i64::MAX` (so that `now − t` always
/// fits an `i64`). Leading zeros are allowed.
pub(crate) fn parse_decimal(value: &[u8]) -> Result<u64, DecimalError> {
    if value.is_empty() {
        return Err(DecimalError::Empty);
    }
    if !value.iter().all(u8::is_ascii_digit) {
        return Err(DecimalError::NotDigits);
    }
    value
        .iter()
        .try_fold(0u64, |acc, &d| {
            acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })
        .filter(|&t| i64::try_from(t).is_ok())
        .ok_or(DecimalError::OutOfRange)
}

/// Constant-time equality of two byte strings. Their lengths are not secret (a digest's length
/// is fixed by the scheme), so different lengths return `false` at once; equal lengths are
/// compared a word at a time: the differences are OR-ed together without a branch, and one
/// constant-time comparison of the result with zero (`subtle`, behind its optimisation barrier)
/// gives the answer. One barrier per call rather than one per word or byte: each is a call the
/// compiler cannot see through, and they were a tenth of a connector verification.
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (a_words, a_rest) = a.split_at(a.len() - a.len() % 8);
    let (b_words, b_rest) = b.split_at(a_words.len());
    let mut diff = 0u64;
    for (x, y) in a_words.chunks_exact(8).zip(b_words.chunks_exact(8)) {
        let x = u64::from_ne_bytes(x.try_into().unwrap_or([0; 8]));
        let y = u64::from_ne_bytes(y.try_into().unwrap_or([0; 8]));
        diff |= x ^ y;
    }
    for (x, y) in a_rest.iter().zip(b_rest) {
        diff |= u64::from(x ^ y);
    }
    bool::from(diff.ct_eq(&0))
}

/// Checks a signed timestamp in milliseconds against `now ± tolerance` (both in seconds),
/// inclusive at both ends. On failure, the age `now − timestamp` in whole seconds, truncated
/// toward zero and saturated at the `i64` range.
pub(crate) fn check_window_ms(timestamp_ms: u64, now: u64, tolerance: u64) -> Result<(), i64> {
    window(i128::from(timestamp_ms), now, tolerance)
}

/// Checks a signed timestamp in seconds; see [`check_window_ms`].
pub(crate) fn check_window(timestamp: u64, now: u64, tolerance: u64) -> Result<(), i64> {
    window(i128::from(timestamp) * 1000, now, tolerance)
}

fn window(timestamp_ms: i128, now: u64, tolerance: u64) -> Result<(), i64> {
    let age_ms = i128::from(now) * 1000 - timestamp_ms;
    if age_ms.unsigned_abs() <= u128::from(tolerance) * 1000 {
        return Ok(());
    }
    Err(i64::try_from(age_ms / 1000).unwrap_or(if age_ms < 0 { i64::MIN } else { i64::MAX }))
}

/// The prefix of Revtain's and Standard Webhooks' signing secrets.
pub(crate) const WHSEC_PREFIX: &str = "whsec_";

/// Why a `whsec_` secret did not decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WhsecError {
    /// It does not start with `whsec_` (and the prefix is required).
    Prefix,
    /// The part after the prefix (named) is not standard base64; the offending character's
    /// 0-based offset within that part, when one is to blame.
    NotBase64(&'static str, Option<usize>),
    /// It decodes to more bytes than allowed.
    TooLong(usize),
}

impl core::fmt::Display for WhsecError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match *self {
            WhsecError::Prefix => write!(
                f,
                "it must start with \"{WHSEC_PREFIX}\" (the webhook signing secret from the \
                 Revtain dashboard, not an API key)"
            ),
            WhsecError::NotBase64(prefix, Some(at)) => write!(
                f,
                "the part after \"{prefix}\" is not standard base64 (character {at}, \
                 0-based, is outside the alphabet)"
            ),
            WhsecError::NotBase64(prefix, None) => write!(
                f,
                "the part after \"{prefix}\" is not valid standard base64"
            ),
            WhsecError::TooLong(max) => write!(f, "it decodes to more than {max} bytes"),
        }
    }
}

/// Decodes a `whsec_` secret to its key bytes, the one rule for Revtain webhooks and the
/// `standard` connector: surrounding whitespace ignored, then `whsec_` (required unless
/// `prefix_optional`), then standard base64 with or without padding, at most `max` bytes. The
/// caller checks the length it needs. Errors never contain the secret.
pub(crate) fn decode_whsec(
    secret: &[u8],
    prefix_optional: bool,
    max: usize,
) -> Result<Zeroizing<Vec<u8>>, WhsecError> {
    let trimmed = secret.trim_ascii();
    let body = match trimmed.strip_prefix(WHSEC_PREFIX.as_bytes()) {
        Some(body) => body,
        None if prefix_optional => trimmed,
        None => return Err(WhsecError::Prefix),
    };
    decode_key_base64(body, WHSEC_PREFIX, max)
}

/// Decodes the base64 part of a prefixed key (`whsec_`, `whsk_`, `whpk_`: the part after
/// `prefix`, which names it in errors): standard base64 with or without padding, at most `max`
/// bytes. Errors never contain the key.
pub(crate) fn decode_key_base64(
    body: &[u8],
    prefix: &'static str,
    max: usize,
) -> Result<Zeroizing<Vec<u8>>, WhsecError> {
    // Room for one more whole base64 block than allowed, so "too long" is told apart.
    let mut key = Zeroizing::new(vec![0u8; max + 3]);
    let n = match LENIENT_STANDARD.decode_slice(body, &mut key[..]) {
        Ok(n) if n <= max => n,
        Ok(_) | Err(base64::DecodeSliceError::OutputSliceTooSmall) => {
            return Err(WhsecError::TooLong(max))
        }
        Err(base64::DecodeSliceError::DecodeError(base64::DecodeError::InvalidByte(at, _))) => {
            return Err(WhsecError::NotBase64(prefix, Some(at)))
        }
        Err(base64::DecodeSliceError::DecodeError(_)) => {
            return Err(WhsecError::NotBase64(prefix, None))
        }
    };
    key.truncate(n);
    Ok(key)
}

/// A JSON parse error as a sentence that never quotes the input: serde_json's messages for a
/// value of the wrong type or an unknown value quote it (`invalid type: string "4242…",
/// expected …`), and untrusted JSON may hold a card number or a secret there. What it expected
/// and where (line and column) are kept: they come from our types, not from the input.
pub(crate) fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    for kind in [
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown variant",
        "unknown field",
    ] {
        if msg.starts_with(kind) {
            let expected = msg.find(", expected ").map_or_else(
                || format!("at line {} column {}", e.line(), e.column()),
                |i| msg[i + 2..].to_owned(),
            );
            return format!("{kind} ({expected})");
        }
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_never_quote_the_input() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            n: Vec<u8>,
        }
        let e = serde_json::from_str::<T>(r#"{"n":"4242424242424242"}"#).unwrap_err();
        let text = json_error(&e);
        assert!(!text.contains("4242"), "{text}");
        assert!(
            text.starts_with("invalid type (expected a sequence"),
            "{text}"
        );
        let e = serde_json::from_str::<T>("{").unwrap_err();
        assert!(json_error(&e).contains("EOF"), "{}", json_error(&e));
    }

    #[test]
    fn hex() {
        assert_eq!(decode_lower_hex(b"00ff0a"), Some(vec![0, 255, 10]));
        assert_eq!(decode_lower_hex(b"0A"), None);
        assert_eq!(decode_lower_hex(b"0"), None);
        assert_eq!(decode_lower_hex(b"0g"), None);
        let mut s = String::new();
        push_lower_hex(&mut s, &[0, 255, 10]);
        assert_eq!(s, "00ff0a");
        assert!(is_lower_hex(b"09af") && !is_lower_hex(b"09aF"));
    }

    #[test]
    fn decimal() {
        assert_eq!(parse_decimal(b"0017"), Ok(17));
        assert_eq!(parse_decimal(b""), Err(DecimalError::Empty));
        assert_eq!(parse_decimal(b"-1"), Err(DecimalError::NotDigits));
        assert_eq!(parse_decimal(b" 1"), Err(DecimalError::NotDigits));
        assert_eq!(
            parse_decimal(b"9223372036854775807"),
            Ok(9_223_372_036_854_775_807)
        );
        assert_eq!(
            parse_decimal(b"9223372036854775808"),
            Err(DecimalError::OutOfRange)
        );
        assert_eq!(
            parse_decimal(b"99999999999999999999999"),
            Err(DecimalError::OutOfRange)
        );
    }

    #[test]
    fn constant_time_equality() {
        for n in [0usize, 1, 7, 8, 9, 20, 32, 64] {
            let a: Vec<u8> = (0..n as u8).collect();
            assert!(ct_eq(&a, &a));
            for i in 0..n {
                let mut b = a.clone();
                b[i] ^= 1;
                assert!(!ct_eq(&a, &b), "{n} {i}");
            }
        }
        assert!(!ct_eq(b"ab", b"abc"));
    }

    #[test]
    fn window() {
        assert!(check_window(1000, 1300, 300).is_ok());
        assert!(check_window(1300, 1000, 300).is_ok());
        assert_eq!(check_window(1000, 1301, 300), Err(301));
        assert_eq!(check_window(1301, 1000, 300), Err(-301));
        assert_eq!(check_window_ms(999_999, 1300, 300), Err(300));
        assert_eq!(check_window(u64::MAX, 0, 0), Err(i64::MIN));
        assert_eq!(check_window(0, u64::MAX, 0), Err(i64::MAX));
    }

    #[test]
    fn whsec() {
        let key = decode_whsec(b" whsec_AAEC\n", false, 32).unwrap();
        assert_eq!(&key[..], [0, 1, 2]);
        assert_eq!(&decode_whsec(b"AAE", true, 32).unwrap()[..], [0, 1]);
        assert_eq!(&decode_whsec(b"whsec_AAE=", true, 32).unwrap()[..], [0, 1]);
        assert_eq!(decode_whsec(b"AAEC", false, 32), Err(WhsecError::Prefix));
        assert_eq!(
            decode_whsec(b"whsec_!!", false, 32),
            Err(WhsecError::NotBase64(WHSEC_PREFIX, Some(0)))
        );
        let long = format!("whsec_{}", STANDARD.encode([7u8; 33]));
        assert_eq!(
            decode_whsec(long.as_bytes(), false, 32),
            Err(WhsecError::TooLong(32))
        );
        assert_eq!(decode_whsec(b"whsec_", false, 32).unwrap().len(), 0);
    }
}
