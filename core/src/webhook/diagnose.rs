//! Why a Revtain webhook signature did not verify: the usual mistakes, each checked by signing the
//! body as it would have been before that mistake.
//!
//! [`Webhook::diagnose`] runs the verification and, when it fails, tries the body as it was most
//! likely signed: without or with a trailing newline, with LF for CRLF line endings, and every
//! way a framework writes back JSON it parsed (compact, `", "`/`": "`-spaced, pretty-printed with
//! 2 or 4 spaces, keys sorted or not, non-ASCII as `\u` escapes or as UTF-8). It also recognises a
//! Stripe-style key (the whole `whsec_` string instead of its decoded bytes), a
//! `webhook-signature` value passed where `X-Revtain-Signature` belongs, and timestamps or
//! clocks in milliseconds. Each finding is a sentence for a person; the verdict itself is the
//! error [`Webhook::verify_signature`] returns.
//!
//! The work is bounded: bodies over [`MAX_DIAGNOSED_BODY`] bytes are not re-serialised, JSON
//! nested deeper than 64 levels is left alone, and at most a few dozen variants are signed.

use hmac::Mac;

use super::{SignatureHeader, Webhook, WebhookError};
use crate::wire;

/// The largest body whose JSON re-serialisations are tried.
pub const MAX_DIAGNOSED_BODY: usize = 1024 * 1024;

const MAX_DEPTH: usize = 64;

impl Webhook {
    /// Verifies like [`verify_signature`](Self::verify_signature) and, when that fails, says
    /// what most likely went wrong, one sentence per finding (empty when the webhook verifies).
    pub fn diagnose(&self, body: &[u8], header: &[u8], now: impl Into<Option<u64>>) -> Vec<String> {
        let now = now.into();
        let Err(error) = self.verify_signature(body, header, now) else {
            return Vec::new();
        };
        let mut hints = Vec::new();
        let Ok(parsed) = SignatureHeader::parse(header) else {
            // Never an empty answer for a failure: with no header to work on, say so.
            hints.push(if header.is_empty() {
                "no X-Revtain-Signature value: the request has no such header, or it was looked \
                 up under another name (Revtain sends X-Revtain-Signature, any case)"
                    .into()
            } else if header.starts_with(b"v1,") || header.starts_with(b"v1a,") {
                "this looks like a webhook-signature (Standard Webhooks) value: pass the \
                 X-Revtain-Signature header instead"
                    .into()
            } else {
                format!("the X-Revtain-Signature value cannot be read: {error}")
            });
            return hints;
        };
        let t = parsed.timestamp;
        if t > 100_000_000_000 {
            hints.push(format!(
                "t={t} looks like milliseconds: Revtain timestamps are whole unix seconds"
            ));
        }
        if let Some(now) = now.filter(|&n| n > 100_000_000_000) {
            hints.push(format!(
                "now={now} looks like milliseconds: pass unix seconds (divide by 1000)"
            ));
        }
        if let WebhookError::SignatureMismatch { .. } = error {
            self.mismatch_hints(&parsed, body, &mut hints);
        }
        hints
    }

    fn mismatch_hints(&self, parsed: &SignatureHeader<'_>, body: &[u8], hints: &mut Vec<String>) {
        let signed = |variant: &[u8]| self.matches(parsed, variant);
        let before = hints.len();
        let trimmed = body.trim_ascii_end();
        if trimmed.len() != body.len() && signed(trimmed) {
            hints.push(
                "the signature matches the body without its trailing whitespace or newline: \
                 something (an editor, echo, curl -d @file) added it; send the bytes exactly \
                 (printf, curl --data-binary)"
                    .into(),
            );
        }
        let mut with_newline = body.to_vec();
        with_newline.push(b'\n');
        if signed(&with_newline) {
            hints.push(
                "the signature matches the body followed by a newline: the newline was lost on \
                 the way (pipe the raw body in, e.g. from a file)"
                    .into(),
            );
        }
        if body.contains(&b'\r') {
            let lf: Vec<u8> = body.iter().copied().filter(|&b| b != b'\r').collect();
            if signed(&lf) {
                hints.push(
                    "the signature matches the body with LF line endings instead of CRLF: a \
                     line-ending conversion changed the body"
                        .into(),
                );
            }
        }
        // A byte-level explanation found above is the whole story (the trimmed body is also
        // "compact JSON", which would only repeat it).
        let explained = hints.len() > before;
        if let Some((received, signed)) = self.reserialised(parsed, body).filter(|_| !explained) {
            hints.push(format!(
                "the body is {received}, but the signature matches it written as {signed}: a \
                 framework parsed the JSON and wrote it back, so the bytes you verify are not \
                 the bytes Revtain signed; verify the raw request body exactly as received \
                 (Flask: request.get_data(), Django: request.body, FastAPI: await \
                 request.body(), Express: express.raw())"
            ));
        }
        if self.stripe_keyed(parsed, body) {
            hints.push(
                "the signature was made keying HMAC with the whole whsec_ string (Stripe's \
                 scheme); Revtain keys with the base64-decoded bytes after whsec_"
                    .into(),
            );
        }
        if hints.len() == before {
            hints.push(
                "verify the raw request body exactly as received (not a parsed and re-serialised \
                 JSON), and check that the configured secret is the one of this webhook endpoint"
                    .into(),
            );
        }
    }

    /// When the signature matches another JSON form of `body`: how `body` itself is written
    /// (as far as one of the forms tried reproduces it) and the form that was signed.
    fn reserialised(&self, parsed: &SignatureHeader<'_>, body: &[u8]) -> Option<(String, String)> {
        if body.len() > MAX_DIAGNOSED_BODY {
            return None;
        }
        let value = Parser::new(body).document()?;
        // Without non-ASCII text, escaping it or not writes the same bytes.
        let unicode = body.iter().any(|&b| b >= 0x80) || body.windows(2).any(|w| w == b"\\u");
        let mut received = None;
        let mut signed = None;
        for style in Style::all().filter(|s| unicode || !s.ascii) {
            let mut out = Vec::with_capacity(body.len() + 16);
            write(&value, &style, 0, &mut out);
            if out == body {
                received.get_or_insert_with(|| style.describe(unicode));
            } else if signed.is_none() && self.matches(parsed, &out) {
                signed = Some(style.describe(unicode));
            }
        }
        let received = received.unwrap_or_else(|| "JSON".to_owned());
        signed.map(|s| (received, s))
    }

    fn stripe_keyed(&self, parsed: &SignatureHeader<'_>, body: &[u8]) -> bool {
        self.raw_keys.iter().any(|key| {
            let mut mac = key.clone();
            mac.update(parsed.timestamp_text);
            mac.update(b".");
            mac.update(body);
            let expected = mac.finalize().into_bytes();
            parsed.signatures().any(|sig| wire::ct_eq(&sig, &expected))
        })
    }
}

/// A JSON value with its members in the order they were written and numbers as written.
enum Json {
    Literal(&'static str),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Spacing {
    /// `{"a":1,"b":[1,2]}`: JavaScript's `JSON.stringify`, Revtain's own form.
    Compact,
    /// `{"a": 1, "b": [1, 2]}`: Python's `json.dumps` default.
    Python,
    /// One member per line, indented by this many spaces.
    Pretty(usize),
}

struct Style {
    sort: bool,
    spacing: Spacing,
    ascii: bool,
}

impl Style {
    /// Every style tried, the likeliest first.
    fn all() -> impl Iterator<Item = Style> {
        [false, true].into_iter().flat_map(|sort| {
            [
                Spacing::Compact,
                Spacing::Python,
                Spacing::Pretty(2),
                Spacing::Pretty(4),
            ]
            .into_iter()
            .flat_map(move |spacing| {
                [false, true].into_iter().map(move |ascii| Style {
                    sort,
                    spacing,
                    ascii,
                })
            })
        })
    }

    fn describe(&self, unicode: bool) -> String {
        let mut d = match self.spacing {
            Spacing::Compact => "compact JSON".to_owned(),
            Spacing::Python => {
                "JSON spaced as Python's json.dumps writes it (\", \" and \": \")".to_owned()
            }
            Spacing::Pretty(n) => format!("pretty-printed JSON ({n}-space indent)"),
        };
        if self.sort {
            d.push_str(" with its keys sorted");
        }
        if unicode {
            d.push_str(if self.ascii {
                ", non-ASCII characters as \\u escapes"
            } else {
                ", non-ASCII characters as UTF-8"
            });
        }
        d
    }
}

fn write(v: &Json, style: &Style, depth: usize, out: &mut Vec<u8>) {
    let newline = |out: &mut Vec<u8>, depth: usize| {
        if let Spacing::Pretty(n) = style.spacing {
            out.push(b'\n');
            out.extend(std::iter::repeat_n(b' ', n * depth));
        }
    };
    let (item_sep, key_sep): (&[u8], &[u8]) = match style.spacing {
        Spacing::Compact => (b",", b":"),
        Spacing::Python => (b", ", b": "),
        Spacing::Pretty(_) => (b",", b": "),
    };
    match v {
        Json::Literal(l) => out.extend_from_slice(l.as_bytes()),
        Json::Number(n) => out.extend_from_slice(n.as_bytes()),
        Json::String(s) => write_string(s, style.ascii, out),
        Json::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(item_sep);
                }
                newline(out, depth + 1);
                write(item, style, depth + 1, out);
            }
            if !items.is_empty() {
                newline(out, depth);
            }
            out.push(b']');
        }
        Json::Object(members) => {
            let mut order: Vec<&(String, Json)> = members.iter().collect();
            if style.sort {
                order.sort_by(|a, b| a.0.cmp(&b.0));
            }
            out.push(b'{');
            for (i, (k, item)) in order.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(item_sep);
                }
                newline(out, depth + 1);
                write_string(k, style.ascii, out);
                out.extend_from_slice(key_sep);
                write(item, style, depth + 1, out);
            }
            if !members.is_empty() {
                newline(out, depth);
            }
            out.push(b'}');
        }
    }
}

fn write_string(s: &str, ascii: bool, out: &mut Vec<u8>) {
    out.push(b'"');
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\u{8}' => out.extend_from_slice(b"\\b"),
            '\u{c}' => out.extend_from_slice(b"\\f"),
            c if (c as u32) < 0x20 || (ascii && !c.is_ascii()) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.extend_from_slice(format!("\\u{unit:04x}").as_bytes());
                }
            }
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

/// A small JSON parser that keeps member order and number text (the diagnosis re-writes what
/// it read; a full-fidelity value model is not needed elsewhere).
struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn new(s: &'a [u8]) -> Parser<'a> {
        Parser { s, i: 0 }
    }

    fn document(mut self) -> Option<Json> {
        let v = self.value(0)?;
        self.ws();
        (self.i == self.s.len()).then_some(v)
    }

    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match *self.s.get(self.i)? {
            b'{' => {
                self.i += 1;
                let mut members = Vec::new();
                if self.eat(b'}') {
                    return Some(Json::Object(members));
                }
                loop {
                    self.ws();
                    let k = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    members.push((k, self.value(depth + 1)?));
                    if self.eat(b'}') {
                        return Some(Json::Object(members));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Some(Json::Array(items));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'"' => self.string().map(Json::String),
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.literal("null"),
            _ => self.number(),
        }
    }

    fn literal(&mut self, l: &'static str) -> Option<Json> {
        if self.s[self.i..].starts_with(l.as_bytes()) {
            self.i += l.len();
            Some(Json::Literal(l))
        } else {
            None
        }
    }

    fn number(&mut self) -> Option<Json> {
        let start = self.i;
        while self.i < self.s.len()
            && matches!(
                self.s[self.i],
                b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'
            )
        {
            self.i += 1;
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).ok()?;
        (!text.is_empty()).then(|| Json::Number(text.to_owned()))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.s.get(self.i..self.i + 4)?;
        self.i += 4;
        u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    }

    fn string(&mut self) -> Option<String> {
        if self.s.get(self.i) != Some(&b'"') {
            return None;
        }
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while self.i < self.s.len() && !matches!(self.s[self.i], b'"' | b'\\') {
                self.i += 1;
            }
            out.push_str(std::str::from_utf8(&self.s[start..self.i]).ok()?);
            match *self.s.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                _ => {
                    self.i += 1;
                    let esc = *self.s.get(self.i)?;
                    self.i += 1;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xd800..0xdc00).contains(&hi) {
                                if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                                    return None;
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))?
                            } else {
                                char::from_u32(hi)?
                            };
                            out.push(c);
                        }
                        _ => return None,
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webhook::WebhookSigner;

    const SECRET: &str = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    const T: u64 = 1_700_000_000;

    fn diagnose(signed: &[u8], received: &[u8]) -> Vec<String> {
        let header = WebhookSigner::new(&[SECRET])
            .unwrap()
            .signature_header(signed, T);
        Webhook::new(&[SECRET])
            .unwrap()
            .diagnose(received, header.as_bytes(), T)
    }

    fn one(signed: &[u8], received: &[u8], needle: &str) {
        let hints = diagnose(signed, received);
        assert!(
            hints.iter().any(|h| h.contains(needle)),
            "{needle:?} not in {hints:?}"
        );
    }

    const BODY: &str = r#"{"id":"evt_1","type":"card.updated","created":1700000000,"data":{"customer":"Zoë","amounts":[1,2.50,-3e2],"ok":true,"none":null}}"#;

    #[test]
    fn a_genuine_webhook_has_no_findings() {
        assert!(diagnose(BODY.as_bytes(), BODY.as_bytes()).is_empty());
    }

    #[test]
    fn a_missing_or_unreadable_header_is_a_finding() {
        let w = Webhook::new(&[SECRET]).unwrap();
        let missing = w.diagnose(BODY.as_bytes(), b"", T);
        assert!(
            missing.len() == 1 && missing[0].contains("no X-Revtain-Signature"),
            "{missing:?}"
        );
        let garbage = w.diagnose(BODY.as_bytes(), b"sha256=abc", T);
        assert!(
            garbage.len() == 1 && garbage[0].contains("cannot be read"),
            "{garbage:?}"
        );
    }

    #[test]
    fn newlines_and_line_endings() {
        let b = BODY.as_bytes();
        one(
            b,
            format!("{BODY}\n").as_bytes(),
            "without its trailing whitespace",
        );
        one(format!("{BODY}\n").as_bytes(), b, "followed by a newline");
        one(b"a\nb", b"a\r\nb", "LF line endings");
        // One finding, not two: the trimmed body is also compact JSON, but the newline is the
        // whole story.
        assert_eq!(diagnose(b, format!("{BODY}\n").as_bytes()).len(), 1);
    }

    #[test]
    fn every_reserialisation_a_framework_makes() {
        // Python's json.dumps(json.loads(body)): spaced, non-ASCII escaped, order kept.
        let python = r#"{"id": "evt_1", "type": "card.updated", "created": 1700000000, "data": {"customer": "Zo\u00eb", "amounts": [1, 2.50, -3e2], "ok": true, "none": null}}"#;
        one(BODY.as_bytes(), python.as_bytes(), "Python's json.dumps");
        one(BODY.as_bytes(), python.as_bytes(), "as \\u escapes");
        // JSON.stringify(JSON.parse(body), null, 2): order kept, UTF-8.
        let simple = r#"{"id":"evt_1","type":"card.updated","created":1700000000,"data":{"customer":"Zoë","n":[1,2]}}"#;
        let pretty = "{\n  \"id\": \"evt_1\",\n  \"type\": \"card.updated\",\n  \"created\": 1700000000,\n  \"data\": {\n    \"customer\": \"Zoë\",\n    \"n\": [\n      1,\n      2\n    ]\n  }\n}";
        one(
            simple.as_bytes(),
            pretty.as_bytes(),
            "pretty-printed JSON (2-space indent), non-ASCII characters as UTF-8",
        );
        // A framework that sorted the keys of a body that was signed sorted (serde_json's Map).
        let value: serde_json::Value = serde_json::from_str(simple).unwrap();
        let sorted = serde_json::to_string(&value).unwrap();
        let sorted_pretty = serde_json::to_string_pretty(&value).unwrap();
        one(
            sorted.as_bytes(),
            sorted_pretty.as_bytes(),
            "pretty-printed JSON (2-space indent)",
        );
        let unsorted_pretty = "{\n    \"type\": \"card.updated\", \"id\": \"evt_1\", \"created\": 1700000000, \"data\": {\"n\": [1, 2], \"customer\": \"Zoë\"}}";
        one(
            sorted.as_bytes(),
            unsorted_pretty.as_bytes(),
            "with its keys sorted",
        );
        one(
            BODY.as_bytes(),
            BODY.replace("Zoë", "Zo\\u00eb").as_bytes(),
            "non-ASCII characters as UTF-8",
        );
    }

    #[test]
    fn stripe_keying_ms_and_standard_webhooks_headers() {
        use hmac::{Hmac, KeyInit};
        let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes()).unwrap();
        mac.update(format!("{T}.").as_bytes());
        mac.update(BODY.as_bytes());
        let mut header = format!("t={T},v1=");
        wire::push_lower_hex(&mut header, &mac.finalize().into_bytes());
        let w = Webhook::new(&[SECRET]).unwrap();
        let hints = w.diagnose(BODY.as_bytes(), header.as_bytes(), T);
        assert!(
            hints.iter().any(|h| h.contains("Stripe's scheme")),
            "{hints:?}"
        );
        let ms = WebhookSigner::new(&[SECRET])
            .unwrap()
            .signature_header(BODY.as_bytes(), T * 1000);
        let hints = w.diagnose(BODY.as_bytes(), ms.as_bytes(), T);
        assert!(
            hints.iter().any(|h| h.contains("milliseconds")),
            "{hints:?}"
        );
        let hints = w.diagnose(BODY.as_bytes(), b"v1,abc", T);
        assert!(
            hints.iter().any(|h| h.contains("webhook-signature")),
            "{hints:?}"
        );
        // A malformed header: the one finding is its error (never an empty answer that would
        // read as "it verifies").
        let hints = w.diagnose(b"x", b"t=1,v1=00", T);
        assert!(
            hints.len() == 1 && hints[0].contains("64 lowercase hex"),
            "{hints:?}"
        );
    }

    #[test]
    fn hostile_json_is_bounded() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let hints = diagnose(b"x", deep.as_bytes());
        assert!(
            hints.iter().any(|h| h.contains("raw request body")),
            "{hints:?}"
        );
        assert!(Parser::new(b"{\"a\":\"\\ud800x\"}").document().is_none());
        assert!(Parser::new(b"[1,]").document().is_none());
    }
}
