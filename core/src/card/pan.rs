//! The PAN guard: finding and redacting card numbers in text.

use core::ops::Range;

/// The fewest digits a card number has.
pub const MIN_PAN_DIGITS: usize = 13;
/// The most digits a card number has.
pub const MAX_PAN_DIGITS: usize = 19;
/// How many trailing digits redaction keeps.
pub const KEEP_LAST: usize = 4;
/// The character that replaces each hidden digit.
pub const MASK: char = '*';

/// Whether `digits` (ASCII digits only) pass the Luhn check.
pub fn luhn_valid(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum.is_multiple_of(10)
}

/// Whether `digits` look like a payment card number: 13 to 19 digits, a first digit of 2 to 6
/// (the major industry identifiers of the card networks: Mastercard 2 and 5, Amex, Diners and
/// JCB 3, Visa 4, Discover, UnionPay and Maestro 6), and a valid Luhn check digit.
pub fn is_pan_digits(digits: &[u8]) -> bool {
    (MIN_PAN_DIGITS..=MAX_PAN_DIGITS).contains(&digits.len())
        && digits.iter().all(u8::is_ascii_digit)
        && (b'2'..=b'6').contains(&digits[0])
        && luhn_valid(digits)
}

/// Whether the whole of `text` (surrounding whitespace aside) is one card number, written
/// plainly or grouped as [`find_pans`] accepts.
pub fn is_pan(text: &str) -> bool {
    let t = text.trim();
    let found = find_pans(t.as_bytes());
    found.len() == 1 && found[0] == (0..t.len())
}

/// Whether `text` holds a card number anywhere: one that [`find_pans`] finds, or a run of digits
/// between non-digits that is one by [`is_pan_digits`] even when letters adjoin it
/// (`cus4242424242424242`). For identifiers (tokens, customer references), where a card number
/// glued to a prefix is still a card number; free text uses [`find_pans`], whose word boundary
/// keeps ids such as `ord_…x` out of logs' redaction.
pub fn contains_pan(text: &str) -> bool {
    let b = text.as_bytes();
    if !find_pans(b).is_empty() {
        return true;
    }
    b.split(|c| !c.is_ascii_digit())
        .any(|run| run.len() >= MIN_PAN_DIGITS && is_pan_digits(run))
}

/// A run of ASCII digits: its byte range.
#[derive(Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
}

impl Run {
    fn len(self) -> usize {
        self.end - self.start
    }
}

/// Characters that make digits part of a longer word. `*` is one so that the digits a
/// redaction keeps (`************4242`) never start a new match.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == MASK as u8
}

/// Finds card numbers in `text` and returns their byte ranges, in order.
///
/// A card number is either
///
/// - a run of 13 to 19 digits, or
/// - digit groups joined by single spaces or by single dashes (one kind per number), the first
///   group of exactly 4 digits and every other group of 3 to 6 (`4242 4242 4242 4242`,
///   `3782-822463-10005`), 13 to 19 digits in all,
///
/// whose digits pass [`is_pan_digits`] (first digit 2 to 6, Luhn-valid), and which is not
/// part of a longer word: the characters just before and after are not ASCII letters, digits
/// or `*` (so redacted text never matches again). Among grouped candidates starting at the same group the longest wins.
///
/// Not found, by design: numbers starting with 0, 1, 7, 8 or 9 (unix timestamps in
/// milliseconds start with 1; UATP airline cards are the one real card family missed),
/// digits inside identifiers (`ord_4242424242424242x`, hex digests), and groupings other than
/// the above (phone numbers: a first group of 3 digits).
pub fn find_pans(text: &[u8]) -> Vec<Range<usize>> {
    let runs = digit_runs(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        match pan_at(text, &runs, i) {
            Some(j) => {
                found.push(runs[i].start..runs[j].end);
                i = j + 1;
            }
            None => i += 1,
        }
    }
    found
}

fn digit_runs(text: &[u8]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_digit() {
            let start = i;
            while i < text.len() && text[i].is_ascii_digit() {
                i += 1;
            }
            runs.push(Run { start, end: i });
        } else {
            i += 1;
        }
    }
    runs
}

/// The index of the last run of a card number that starts with run `i`, if one does.
fn pan_at(text: &[u8], runs: &[Run], i: usize) -> Option<usize> {
    let first = runs[i];
    if first.start > 0 && is_word(text[first.start - 1]) {
        return None;
    }
    let ends_cleanly = |r: Run| r.end == text.len() || !is_word(text[r.end]);
    // Ungrouped.
    if (MIN_PAN_DIGITS..=MAX_PAN_DIGITS).contains(&first.len())
        && ends_cleanly(first)
        && is_pan_digits(&text[first.start..first.end])
    {
        return Some(i);
    }
    // Grouped: first group of 4, then groups of 3 to 6 joined by one separator of one kind.
    if first.len() != 4 {
        return None;
    }
    let mut digits = [0u8; MAX_PAN_DIGITS];
    digits[..4].copy_from_slice(&text[first.start..first.end]);
    let mut count = 4;
    let mut separator = None;
    let mut best = None;
    let mut prev = first;
    // The digit runs after the first group (an iterator skip, not a skipped test).
    for (j, &run) in runs.iter().enumerate().skip(i + 1) {
        if run.start != prev.end + 1 || !(3..=6).contains(&run.len()) {
            break;
        }
        let sep = text[prev.end];
        if !(sep == b' ' || sep == b'-') || separator.is_some_and(|s| s != sep) {
            break;
        }
        separator = Some(sep);
        if count + run.len() > MAX_PAN_DIGITS {
            break;
        }
        digits[count..count + run.len()].copy_from_slice(&text[run.start..run.end]);
        count += run.len();
        if count >= MIN_PAN_DIGITS && ends_cleanly(run) && is_pan_digits(&digits[..count]) {
            best = Some(j);
        }
        prev = run;
    }
    best
}

/// `text` with every card number's digits replaced by `*` except the last four; separators and
/// everything else are kept, so the text keeps its length and shape.
///
/// The result has no card number left in it: when the digits a redaction keeps start another,
/// overlapping card number (`2000 00000 4000 000 0101 002000` holds two), that one is redacted
/// too.
pub fn redact_pans(text: &str) -> String {
    if find_pans(text.as_bytes()).is_empty() {
        return text.to_owned();
    }
    // Only ASCII digits are replaced, by an ASCII character.
    String::from_utf8(redact_pans_bytes(text.as_bytes())).unwrap_or_else(|_| unreachable!())
}

/// [`redact_pans`] for bytes that need not be UTF-8.
pub fn redact_pans_bytes(text: &[u8]) -> Vec<u8> {
    let mut out = text.to_vec();
    loop {
        let ranges = find_pans(&out);
        if ranges.is_empty() {
            return out;
        }
        // Each pass masks at least 9 digits, so this ends.
        mask(&mut out, &ranges);
    }
}

fn mask(out: &mut [u8], ranges: &[Range<usize>]) {
    for r in ranges {
        let digits = out[r.clone()].iter().filter(|b| b.is_ascii_digit()).count();
        let mut seen = 0;
        for b in &mut out[r.clone()] {
            if b.is_ascii_digit() {
                seen += 1;
                if seen <= digits - KEEP_LAST {
                    *b = MASK as u8;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<&str> {
        find_pans(s.as_bytes()).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn finds_plain_and_grouped() {
        assert_eq!(found("card 4242424242424242."), ["4242424242424242"]);
        assert_eq!(found("4242 4242 4242 4242"), ["4242 4242 4242 4242"]);
        assert_eq!(found("amex 3782-822463-10005 ok"), ["3782-822463-10005"]);
        assert_eq!(found(r#"{"pan":"5555555555554444"}"#), ["5555555555554444"]);
        assert_eq!(
            found("order 12345 4242 4242 4242 4242"),
            ["4242 4242 4242 4242"]
        );
    }

    #[test]
    fn ignores_lookalikes() {
        assert!(found("ts 1700000000000 and 1700000000123").is_empty());
        assert!(found("+1 415 555 2671").is_empty());
        assert!(found("550e8400-e29b-41d4-a716-446655440000").is_empty());
        assert!(found("12424242424242424242").is_empty());
        assert!(found("x4242424242424242").is_empty());
        assert!(found("4242 4242-4242 4242").is_empty());
        assert!(found("4242  4242 4242 4242").is_empty());
        assert!(found("4242424242424241").is_empty());
    }

    #[test]
    fn redacts_keeping_last_four() {
        assert_eq!(
            redact_pans("pan 4242 4242 4242 4242!"),
            "pan **** **** **** 4242!"
        );
        assert_eq!(redact_pans("né 5555555555554444"), "né ************4444");
        assert_eq!(redact_pans("nothing"), "nothing");
        assert!(is_pan(" 4242-4242-4242-4242 "));
        assert!(!is_pan("4242424242424242 x"));
    }
}
