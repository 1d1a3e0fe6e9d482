//! Finding a header among a request's `(name, value)` pairs: one rule for Revtain webhooks, every
//! connector and every surface.
//!
//! - A name matches ignoring ASCII case (`X-Revtain-Signature`, `x-revtain-signature`), or in its
//!   CGI spelling, `HTTP_` + upper case with `_` for `-` (`HTTP_X_REVTAIN_SIGNATURE`: Django's
//!   `request.META`, a WSGI environ).
//! - A header the scheme reads that appears more than once, in any spelling and however the
//!   container holds it (two entries, an array value, two keys of a map), is ambiguous: which copy
//!   would be the signature? The caller reports it as malformed.
//! - Values are compared with surrounding ASCII whitespace removed (HTTP's optional whitespace).
//!
//! Bindings turn their host's containers into pairs and may pass only the pairs whose names
//! [`name_matches`] one of the names a scheme reads: that changes no verdict (the rule above only
//! looks at those) and keeps large header sets off the boundary.

/// Whether `candidate` names the header `name`: equal ignoring ASCII case, or `name`'s CGI
/// spelling (`HTTP_` + `name` in upper case with `-` written `_`, compared ignoring case).
pub fn name_matches(candidate: &[u8], name: &str) -> bool {
    let name = name.as_bytes();
    if candidate.len() == name.len() {
        return candidate.eq_ignore_ascii_case(name);
    }
    if candidate.len() != name.len() + 5 || !candidate[..5].eq_ignore_ascii_case(b"HTTP_") {
        return false;
    }
    candidate[5..]
        .iter()
        .zip(name)
        .all(|(&c, &n)| c.eq_ignore_ascii_case(&if n == b'-' { b'_' } else { n }))
}

/// The spellings of `name` that [`name_matches`] accepts, in lower case: the name itself and its
/// CGI form (`x-revtain-signature`, `http_x_revtain_signature`). A binding that lower-cases a
/// container's keys and keeps those in this set keeps exactly the entries the rule would match.
pub fn lowercase_spellings(name: &str) -> [String; 2] {
    let lower = name.to_ascii_lowercase();
    let cgi = format!("http_{}", lower.replace('-', "_"));
    [lower, cgi]
}

/// The header appears more than once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duplicate;

/// The value of the header `name` among `headers` (names matched by [`name_matches`]), or
/// `None` when it is absent; [`Duplicate`] when more than one entry names it.
pub fn find<I, N, V>(headers: I, name: &str) -> Result<Option<V>, Duplicate>
where
    I: IntoIterator<Item = (N, V)>,
    N: AsRef<[u8]>,
{
    let mut found = None;
    for (n, v) in headers {
        if name_matches(n.as_ref(), name) {
            if found.is_some() {
                return Err(Duplicate);
            }
            found = Some(v);
        }
    }
    Ok(found)
}

/// A value as it is compared: without surrounding ASCII whitespace.
pub fn trim(value: &[u8]) -> &[u8] {
    value.trim_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for spelling in [
            "X-Revtain-Signature",
            "x-revtain-signature",
            "X-REVTAIN-SIGNATURE",
            "HTTP_X_REVTAIN_SIGNATURE",
            "http_x_revtain_signature",
        ] {
            assert!(
                name_matches(spelling.as_bytes(), "X-Revtain-Signature"),
                "{spelling}"
            );
        }
        for other in [
            "X-Revtain-Signatur",
            "X_Revtain_Signature",
            "HTTP_X-REVTAIN-SIGNATURE",
            "HTTP_X_REVTAIN_SIGNATURES",
            "",
        ] {
            assert!(
                !name_matches(other.as_bytes(), "X-Revtain-Signature"),
                "{other}"
            );
        }
    }

    #[test]
    fn lowercase_spellings_are_what_the_rule_matches() {
        let [a, b] = lowercase_spellings("X-Revtain-Signature");
        assert_eq!(
            (a.as_str(), b.as_str()),
            ("x-revtain-signature", "http_x_revtain_signature")
        );
        assert!(name_matches(a.as_bytes(), "X-Revtain-Signature"));
        assert!(name_matches(b.as_bytes(), "X-Revtain-Signature"));
    }

    #[test]
    fn duplicates_in_any_spelling() {
        let one = [("Content-Type", "a"), ("x-revtain-signature", "b")];
        assert_eq!(find(one, "X-Revtain-Signature"), Ok(Some("b")));
        assert_eq!(find(one, "Stripe-Signature"), Ok(None));
        let two = [
            ("X-Revtain-Signature", "a"),
            ("HTTP_X_REVTAIN_SIGNATURE", "a"),
        ];
        assert_eq!(find(two, "X-Revtain-Signature"), Err(Duplicate));
    }

    #[test]
    fn trimming() {
        assert_eq!(trim(b" \t a b \t"), b"a b");
        assert_eq!(trim(b"   "), b"");
        assert_eq!(trim(b""), b"");
        assert_eq!(trim(b"\na\n"), b"a");
    }
}
