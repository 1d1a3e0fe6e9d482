//! Offsets into text, converted the way each language indexes its strings.
//!
//! The core reports byte offsets. Python indexes `str` by code point and JavaScript by UTF-16
//! code unit; the bindings convert with these helpers so that every binding agrees.

/// Converts ascending byte offsets into `s` (each on a character boundary or at the end) into
/// code-point offsets, in place, in one pass over the text.
pub fn byte_to_char_offsets(s: &str, offsets: &mut [usize]) {
    convert(s, offsets, |_| 1);
}

/// Converts ascending byte offsets into `s` into UTF-16 code-unit offsets, in place.
pub fn byte_to_utf16_offsets(s: &str, offsets: &mut [usize]) {
    convert(s, offsets, char::len_utf16);
}

fn convert(s: &str, offsets: &mut [usize], units: impl Fn(char) -> usize) {
    if s.is_ascii() {
        return;
    }
    let mut chars = s.char_indices().peekable();
    let mut unit = 0;
    for off in offsets.iter_mut() {
        while let Some(&(byte, c)) = chars.peek() {
            if byte >= *off {
                break;
            }
            unit += units(c);
            chars.next();
        }
        *off = unit;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts() {
        let s = "é🔑x";
        let mut a = [0, 2, 6, 7];
        byte_to_char_offsets(s, &mut a);
        assert_eq!(a, [0, 1, 2, 3]);
        let mut b = [0, 2, 6, 7];
        byte_to_utf16_offsets(s, &mut b);
        assert_eq!(b, [0, 1, 3, 4]);
    }
}
